package org.exodusj.bench;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;

/**
 * The Java twin of {@code shared/tools/exread.c}: the same reads into caller-allocated buffers
 * (coordinates, the first block's connectivity, every nodal variable at every step), best time of
 * {@code reps}, GB/s, and the same checksums so both sides can be checked against each other.
 *
 * <p>usage: {@code ReadSpeed FILE [reps] [threads]}; with threads > 1, NetCDF-4 chunks are decoded
 * in parallel on an executor of that many threads.
 */
public final class ReadSpeed {
  private ReadSpeed() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ReadSpeed FILE [reps] [threads]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    ExodusOpenOptions.Builder o = ExodusOpenOptions.builder();
    if (pool != null) {
      o.decodeExecutor(pool);
    }
    long t0 = System.nanoTime();
    try (ExodusFile f = ExodusFile.open(file, o.build())) {
      System.out.printf(
          java.util.Locale.ROOT,
          "open+init %.6f s  nodes=%d elems=%d blocks=%d%n",
          (System.nanoTime() - t0) / 1e9,
          f.nodeCount(),
          f.elementCount(),
          f.blocks(EntityType.ELEM_BLOCK).size());
      int nn = (int) f.nodeCount();
      double[] x = new double[nn];
      double[] y = new double[nn];
      double[] z = new double[nn];
      double best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        f.readCoordinates(0, 0, nn, x, 0);
        f.readCoordinates(1, 0, nn, y, 0);
        f.readCoordinates(2, 0, nn, z, 0);
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      double chk = sum(x, nn) + sum(y, nn) + sum(z, nn);
      System.out.printf(
          java.util.Locale.ROOT,
          "coords bytes=%d best=%.6f s  %.3f GB/s  sum=%.17g%n",
          3L * nn * 8,
          best,
          3.0 * nn * 8 / best / 1e9,
          chk);
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      int[] conn = new int[(int) (b.entryCount() * b.nodesPerEntry())];
      best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        f.readConnectivity(b, 0, b.entryCount(), conn, 0);
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      long cs = 0;
      for (int c : conn) cs += c;
      System.out.printf(
          java.util.Locale.ROOT,
          "connect bytes=%d best=%.6f s  %.3f GB/s  sum=%d%n",
          4L * conn.length,
          best,
          4.0 * conn.length / best / 1e9,
          cs);
      long steps = f.timeStepCount();
      int nv = f.variableNames(EntityType.NODAL).size();
      best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        chk = 0;
        for (long s = 0; s < steps; s++) {
          for (int v = 0; v < nv; v++) {
            f.readNodalVariable(v, s, 0, nn, x, 0);
            chk += sum(x, nn);
          }
        }
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      System.out.printf(
          java.util.Locale.ROOT,
          "nodal_vars steps=%d vars=%d bytes=%d best=%.6f s  %.3f GB/s  sum=%.17g%n",
          steps,
          nv,
          steps * nv * nn * 8,
          best,
          (double) steps * nv * nn * 8 / best / 1e9,
          chk);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static double sum(double[] a, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
  }
}
