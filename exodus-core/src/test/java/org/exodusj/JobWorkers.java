package org.exodusj;

import java.nio.file.Path;
import java.time.Duration;

/** Mains run as separate OS processes by {@link UpdaterJobsTest}: jobs patching one file. */
final class JobWorkers {
  private JobWorkers() {}

  /** The value a job writes at {@code (frame, node)}: exact in a double, distinct per frame. */
  static double value(long frame, long node, int round) {
    return round * 1e6 + frame * 1000.0 + node + 0.25;
  }

  /**
   * {@code FILE ROUND HOLDMS WAITSECONDS CHUNKMEMORY NODES FRAME...}: opens an updater (waiting up
   * to WAITSECONDS for the file), writes nodal variable 0 of every node at each FRAME, holds the
   * file HOLDMS more, commits and closes; prints {@code DONE} and the milliseconds it waited to
   * open.
   */
  public static final class PatchFrames {
    public static void main(String[] a) throws Exception {
      Path f = Path.of(a[0]);
      int round = Integer.parseInt(a[1]);
      long hold = Long.parseLong(a[2]);
      ExodusUpdater.Options o =
          ExodusUpdater.Options.DEFAULT
              .withLockWait(Duration.ofSeconds(Long.parseLong(a[3])))
              .withChunkMemory(Long.parseLong(a[4]));
      long t0 = System.nanoTime();
      try (ExodusUpdater u = ExodusUpdater.open(f, o)) {
        long waited = (System.nanoTime() - t0) / 1_000_000;
        String[] range = a[5].split(":");
        long first = Long.parseLong(range[0]);
        long nodes = Long.parseLong(range[1]);
        long w0 = System.nanoTime();
        int slab = (int) Math.min(nodes, 4096);
        double[] v = new double[slab];
        for (int i = 6; i < a.length; i++) {
          long frame = Long.parseLong(a[i]);
          for (long s = 0; s < nodes; s += slab) {
            int n = (int) Math.min(slab, nodes - s);
            for (int k = 0; k < n; k++) v[k] = value(frame, first + s + k, round);
            u.writeNodalVariable(0, frame, first + s, n, v, 0);
          }
        }
        Thread.sleep(hold);
        u.commit();
        long took = (System.nanoTime() - w0) / 1_000_000 - hold;
        System.out.println("DONE " + waited + " " + took);
      }
    }
  }

  /** {@code FILE}: compacts the file; prints START first, then DONE and the sizes. */
  public static final class Compact {
    public static void main(String[] a) throws Exception {
      System.out.println("START");
      System.out.flush();
      ExodusUpdater.Compaction c = ExodusUpdater.compact(Path.of(a[0]));
      System.out.println("DONE " + c.bytesBefore() + " " + c.bytesAfter());
    }
  }

  /** {@code FILE HOLDMS}: appends a step (time 1000), prints READY, holds it HOLDMS, commits. */
  public static final class AppendAndHold {
    public static void main(String[] a) throws Exception {
      try (ExodusUpdater u = ExodusUpdater.open(Path.of(a[0]))) {
        u.appendStep(1000);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.parseLong(a[1]));
        u.commit();
      }
    }
  }
}
