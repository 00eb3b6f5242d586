package org.exodusj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;

/**
 * The Java twin of {@code exodus-bench/c/varread.c}: every nodal variable of an Exodus file read
 * whole (all steps, all nodes: {@link ExodusFile#readNodalVariableSteps}) with the chunk cache off,
 * so that every pass decodes every chunk, on THREADS decode threads (1: the reading thread alone).
 * REPS passes to warm up (compile), then REPS timed passes; prints the best and the median wall
 * time of a pass, the CPU time of the passes summed over the JVM's threads (best and median; a
 * thread that ends within a pass is missed, the decode pool's threads live 30 s), the bytes read
 * and a checksum of the values read in the last pass (the bits of their sum, in hex), in the C
 * program's format.
 *
 * <p>usage: {@code FilterReadSpeed FILE REPS THREADS}
 */
public final class FilterReadSpeed {
  private FilterReadSpeed() {}

  /**
   * The CPU time of every live thread of the JVM (the reader and the decode threads), in
   * nanoseconds: the per-thread clocks, which are exact, where the process clock counts in ticks.
   */
  private static long cpuTime() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: FilterReadSpeed FILE REPS THREADS");
      System.exit(2);
    }
    int reps = Integer.parseInt(args[1]);
    ExodusOpenOptions options =
        ExodusOpenOptions.builder()
            .chunkCacheBytes(0)
            .decodeThreads(Integer.parseInt(args[2]))
            .build();
    try (ExodusFile f = ExodusFile.open(Path.of(args[0]), options)) {
      int nn = (int) f.nodeCount();
      long steps = f.timeStepCount();
      int nv = f.variableNames(EntityType.NODAL).size();
      double[][] bufs = new double[nv][Math.multiplyExact(nn, (int) steps)];
      double[] wall = new double[reps];
      double[] cpu = new double[reps];
      for (int r = 1 - reps; r <= reps; r++) { // REPS passes warm up, REPS are timed
        long w0 = System.nanoTime();
        long c0 = cpuTime();
        for (int v = 0; v < nv; v++) {
          f.readNodalVariableSteps(v, 0, steps, bufs[v], 0);
        }
        if (r > 0) {
          wall[r - 1] = (System.nanoTime() - w0) * 1e-9;
          cpu[r - 1] = (cpuTime() - c0) * 1e-9;
        }
      }
      double sum = 0;
      for (double[] b : bufs) {
        for (double x : b) sum += x;
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf(
          Locale.ROOT,
          "best=%.6f median=%.6f cpubest=%.6f cpumedian=%.6f bytes=%d sum=%016x%n",
          wall[0],
          wall[reps / 2],
          cpu[0],
          cpu[reps / 2],
          8L * nv * nn * steps,
          Double.doubleToRawLongBits(sum));
    }
  }
}
