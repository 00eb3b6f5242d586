package org.exodusj.bench;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFormat;

/**
 * Times {@link ExodusConverter} writing NetCDF-4 (deflate + shuffle) from a classic file, in
 * process, and prints the best of {@code reps}: the Java side of {@code nc4-write.sh}, whose C side
 * is {@code nccopy -k nc4 -d LEVEL -s} of the same file with the same chunk sizes.
 *
 * <p>usage: {@code ConvertSpeed IN OUT LEVEL THREADS [reps]}
 */
public final class ConvertSpeed {
  private ConvertSpeed() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int level = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      ExodusConverter.Chunking c =
          new ExodusConverter.Chunking(org.exodusj.Compression.deflate(level, true), 1, pool);
      double best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        ExodusConverter.convert(in, out, ExodusFormat.NETCDF4, c, false, null);
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      System.out.printf(java.util.Locale.ROOT, "convert best=%.3f s%n", best);
    } finally {
      if (pool != null) pool.shutdown();
    }
  }
}
