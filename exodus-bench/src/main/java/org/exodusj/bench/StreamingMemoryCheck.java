package org.exodusj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ValueChunks;

/**
 * The target "a streaming iterator over a file 4x the heap completes with flat memory", measured:
 * streams every value of every nodal and element variable of a file through {@link ValueChunks} and
 * reports the heap in use after each full GC at 10 points of the pass (from the heap pools'
 * collection usage), with the file size and the heap limit. Run it with a small {@code -Xmx}:
 *
 * <pre>
 * java -Xmx256m -cp exodus-bench/target/benchmarks.jar org.exodusj.bench.StreamingMemoryCheck \
 *     /tmp/exodusj-bench/mesh-199-cdf2.e
 * </pre>
 */
public final class StreamingMemoryCheck {
  private StreamingMemoryCheck() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long max = Runtime.getRuntime().maxMemory();
    long size = Files.size(file);
    System.out.printf(
        Locale.ROOT,
        "file %s: %,d bytes; heap limit %,d bytes; file / heap = %.1f%n",
        file,
        size,
        max,
        size / (double) max);
    long t0 = System.nanoTime();
    try (ExodusFile f = ExodusFile.open(file)) {
      long steps = f.timeStepCount();
      int vars = f.variableNames(EntityType.NODAL).size();
      long total = steps * vars * f.nodeCount();
      long done = 0;
      long next = total / 10;
      double sum = 0;
      System.out.println("progress  values            heap used after GC (bytes)");
      for (int v = 0; v < vars; v++) {
        try (ValueChunks c = f.nodalVariableChunks(v, 0, steps)) {
          while (c.next()) {
            DoubleBuffer d = c.values();
            while (d.hasRemaining()) sum += d.get();
            done += c.values().limit();
            if (done >= next) {
              System.gc();
              System.out.printf(
                  Locale.ROOT,
                  "%5.0f %%  %,16d  %,16d%n",
                  100.0 * done / total,
                  done,
                  usedAfterGc());
              next += total / 10;
            }
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "streamed %,d values (checksum %.6e) in %.2f s%n",
          done,
          sum,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private static long usedAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
        used += p.getCollectionUsage().getUsed();
      }
    }
    return used;
  }
}
