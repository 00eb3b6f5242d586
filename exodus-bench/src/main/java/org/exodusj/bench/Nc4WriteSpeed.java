package org.exodusj.bench;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.exodusj.ExodusFormat;
import org.exodusj.SampleFiles;

/**
 * The Java twin of {@code exodus-bench/c/exgenz.c} ({@code shared/tools/exgen.c} writing NetCDF-4
 * with deflate and shuffle through the C library): writes the same N^3 HEX8 mesh and results, with
 * the same values, as NetCDF-4 through {@code ExodusWriter} (via {@code SampleFiles.writeHexMesh})
 * with deflate LEVEL (+ shuffle), compressing on THREADS threads ({@code compressionExecutor}; 1:
 * on the writing thread), and prints the best time of {@code reps}.
 *
 * <p>usage: {@code Nc4WriteSpeed OUT N STEPS VARS LEVEL SHUFFLE(0|1) THREADS [reps]}
 */
public final class Nc4WriteSpeed {
  private Nc4WriteSpeed() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int vars = Integer.parseInt(args[3]);
    int level = Integer.parseInt(args[4]);
    boolean shuffle = Integer.parseInt(args[5]) != 0;
    int threads = Integer.parseInt(args[6]);
    int reps = args.length > 7 ? Integer.parseInt(args[7]) : 3;
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      double best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        write(out, n, n, n, steps, vars, level, shuffle, pool);
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      System.out.printf(java.util.Locale.ROOT, "write best=%.3f s%n", best);
    } finally {
      if (pool != null) pool.shutdown();
    }
  }

  /** exgen's mesh and values ({@link SampleFiles#writeHexMesh}), as NetCDF-4 with filters. */
  static void write(
      Path out,
      int nx,
      int ny,
      int nz,
      int steps,
      int nodalVars,
      int level,
      boolean shuffle,
      ExecutorService pool)
      throws java.io.IOException {
    SampleFiles.writeHexMesh(
        out,
        nx,
        ny,
        nz,
        steps,
        nodalVars,
        ExodusFormat.NETCDF4,
        d ->
            d.compression(org.exodusj.Compression.deflate(level, shuffle))
                .compressionExecutor(pool));
  }
}
