package org.exodusj;

import java.nio.file.Path;
import java.util.List;

/**
 * Mains run as separate OS processes by {@link LockingProtocolTest}. Each prints READY when set.
 */
final class LockWorkers {
  private LockWorkers() {}

  static final double A = 1.0000000000000002; // bits 0x3FF0000000000001
  static final double B = -3.9999999999999996; // every byte differs from A's

  /** {@code FILE SECONDS [nowait]}: holds an updater open (nowait: refused at once if in use). */
  public static final class HoldUpdater {
    public static void main(String[] a) throws Exception {
      ExodusUpdater.Options o = ExodusUpdater.Options.DEFAULT;
      if (a.length > 2 && a[2].equals("nowait")) o = o.withLockWait(java.time.Duration.ZERO);
      try (ExodusUpdater u = ExodusUpdater.open(Path.of(a[0]), o)) {
        System.out.println("READY " + u.timeStepCount());
        System.out.flush();
        Thread.sleep(Long.parseLong(a[1]) * 1000);
      }
    }
  }

  /** {@code FILE SECONDS}: holds a writer open (the file has appeared: one step committed). */
  public static final class HoldWriter {
    public static void main(String[] a) throws Exception {
      try (ExodusWriter w = ExodusWriter.create(Path.of(a[0]), definition(10))) {
        w.beginStep(0);
        w.commitStep();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.parseLong(a[1]) * 1000);
      }
    }
  }

  /** {@code FILE STEPS}: a writer committing steps of {@link #stepValue} as fast as it can. */
  public static final class Appender {
    public static void main(String[] a) throws Exception {
      int steps = Integer.parseInt(a[1]);
      int nodes = 50;
      try (ExodusWriter w =
          ExodusWriter.create(Path.of(a[0]), definition(nodes).headerRoom(64 * 1024))) {
        double[] u = new double[nodes];
        for (int s = 0; s < steps; s++) {
          long st = w.beginStep(s);
          for (int i = 0; i < nodes; i++) u[i] = stepValue(s, i);
          w.writeNodalVariable(0, st, 0, nodes, u, 0);
          w.commitStep();
          if (s == 0) {
            System.out.println("READY");
            System.out.flush();
          }
        }
      }
      System.out.println("DONE " + steps);
    }
  }

  /** {@code FILE SECONDS}: rewrites step 0 of nodal variable 0 alternately all A, all B. */
  public static final class Flipper {
    public static void main(String[] a) throws Exception {
      long end = System.nanoTime() + Long.parseLong(a[1]) * 1_000_000_000L;
      try (ExodusUpdater u = ExodusUpdater.open(Path.of(a[0]))) {
        int nodes;
        try (ExodusFile f = ExodusFile.open(Path.of(a[0]))) {
          nodes = (int) f.nodeCount();
        }
        double[] va = new double[nodes];
        double[] vb = new double[nodes];
        java.util.Arrays.fill(va, A);
        java.util.Arrays.fill(vb, B);
        System.out.println("READY");
        System.out.flush();
        long rounds = 0;
        while (System.nanoTime() < end) {
          u.writeNodalVariable(0, 0, 0, nodes, (rounds++ & 1) == 0 ? va : vb, 0);
        }
        System.out.println("ROUNDS " + rounds);
      }
    }
  }

  /** {@code FILE}: tries to add a variable by a rewrite; prints REFUSED or DONE. */
  public static final class TryRewrite {
    public static void main(String[] a) throws Exception {
      System.out.println("READY");
      try {
        ExodusUpdater.addVariables(Path.of(a[0]), EntityType.GLOBAL, List.of("late"));
        System.out.println("DONE");
      } catch (FileInUseException e) {
        System.out.println("REFUSED " + e.getMessage());
      }
    }
  }

  /** {@code FILE SECONDS}: tries to open an updater and append, again and again; prints GOT n. */
  public static final class TryUpdaterLoop {
    public static void main(String[] a) throws Exception {
      long end = System.nanoTime() + Long.parseLong(a[1]) * 1_000_000_000L;
      System.out.println("READY");
      System.out.flush();
      int got = 0;
      int tries = 0;
      while (System.nanoTime() < end) {
        tries++;
        try (ExodusUpdater u =
            ExodusUpdater.open(
                Path.of(a[0]),
                ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO))) {
          got++;
          u.appendStep(999);
          u.commit();
        } catch (FileInUseException e) {
          // refused: what must happen while the other process writes the file
        }
      }
      System.out.println("GOT " + got + " OF " + tries);
    }
  }

  /** {@code FILE}: tries to append a step; prints REFUSED or DONE. */
  public static final class TryAppend {
    public static void main(String[] a) throws Exception {
      System.out.println("READY");
      try (ExodusUpdater u =
          ExodusUpdater.open(
              Path.of(a[0]), ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO))) {
        u.appendStep(999);
        u.commit();
        System.out.println("DONE");
      } catch (FileInUseException e) {
        System.out.println("REFUSED " + e.getMessage());
      }
    }
  }

  static double stepValue(long step, int node) {
    return step * 1000.0 + node;
  }

  static Definition definition(int nodes) {
    return ExodusWriter.define(ExodusFormat.CDF2, "locking", 1, nodes)
        .allowUnwrittenMesh(true) // the locks are tested, not the mesh
        .nodalVariables("u");
  }
}
