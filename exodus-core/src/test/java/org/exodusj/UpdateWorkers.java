package org.exodusj;

import java.nio.file.Path;

/**
 * Mains run as separate OS processes by {@link MultiProcessUpdateTest} and {@link
 * CrashDuringAppendTest}.
 */
final class UpdateWorkers {
  private UpdateWorkers() {}

  /** The value worker tests expect at (var, step, node). */
  static double value(int var, long step, long node) {
    return 1e6 * (var + 1) + 1000.0 * step + node * 0.5;
  }

  /**
   * Disjoint updater: {@code FILE WORKER WORKERS STEPS}: worker w writes steps with {@code step %
   * WORKERS == w}, every nodal variable, in slabs of 97 nodes, one locked write each.
   */
  public static final class Disjoint {
    public static void main(String[] a) throws Exception {
      Path file = Path.of(a[0]);
      int w = Integer.parseInt(a[1]);
      int workers = Integer.parseInt(a[2]);
      try (ExodusUpdater u = ExodusUpdater.open(file)) {
        long steps = u.timeStepCount();
        int vars = u.variableNames(EntityType.NODAL).size();
        try (ExodusFile f = ExodusFile.open(file)) {
          long nn = f.nodeCount();
          double[] buf = new double[97];
          for (long s = w; s < steps; s += workers) {
            for (int v = 0; v < vars; v++) {
              for (long first = 0; first < nn; first += 97) {
                int n = (int) Math.min(97, nn - first);
                for (int i = 0; i < n; i++) buf[i] = value(v, s, first + i);
                u.writeNodalVariable(v, s, first, n, buf, 0);
              }
            }
          }
        }
      }
    }
  }

  /** Appender: {@code FILE}: appends steps forever (until killed), each committed when complete. */
  public static final class Appender {
    public static void main(String[] a) throws Exception {
      Path file = Path.of(a[0]);
      try (ExodusUpdater u = ExodusUpdater.open(file)) {
        int vars = u.variableNames(EntityType.NODAL).size();
        long nn;
        try (ExodusFile f = ExodusFile.open(file)) {
          nn = f.nodeCount();
        }
        double[] buf = new double[(int) nn];
        while (true) {
          long s = u.appendStep(0.5 * (u.timeStepCount() + 1));
          for (int v = 0; v < vars; v++) {
            for (int i = 0; i < nn; i++) buf[i] = value(v, s, i);
            u.writeNodalVariable(v, s, 0, nn, buf, 0);
          }
          u.commit();
        }
      }
    }
  }

  /**
   * In-place updater: {@code FILE}: rewrites nodal variable 0 of every existing step forever (until
   * killed), round k writing {@code value(0, s, n) + k}, in slabs of 1000 nodes.
   */
  public static final class InPlace {
    public static void main(String[] a) throws Exception {
      Path file = Path.of(a[0]);
      try (ExodusUpdater u = ExodusUpdater.open(file)) {
        long steps = u.timeStepCount();
        long nn;
        try (ExodusFile f = ExodusFile.open(file, ExodusOpenOptions.UNMAPPED)) {
          nn = f.nodeCount();
        }
        double[] buf = new double[1000];
        for (long k = 1; ; k++) {
          for (long s = 0; s < steps; s++) {
            for (long first = 0; first < nn; first += 1000) {
              int n = (int) Math.min(1000, nn - first);
              for (int i = 0; i < n; i++) buf[i] = value(0, s, first + i) + k;
              u.writeNodalVariable(0, s, first, n, buf, 0);
            }
          }
        }
      }
    }
  }
}
