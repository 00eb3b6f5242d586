package org.exodusj.bench;

import java.nio.file.Path;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;

/**
 * The Java twin of {@code exodus-bench/c/exwork.c}: the real workloads through the public API with
 * default options, each repetition opening the file afresh, best of {@code reps}, with the same
 * checksums as the C program.
 *
 * <p>usage: {@code WorkloadSpeed history|window|open|openmany|history-ab|window-ab FILE REPS
 * [CACHE_BYTES]}; the {@code -ab} forms run the workload with the default cache and with the cache
 * off alternately in one JVM and print both medians and their ratio; {@code step-alloc FILE WARMUP}
 * prints the bytes the reading thread allocates per read of a whole step into a caller buffer;
 * {@code open-cost FILE BLOCKS} prints what one open + sizes + close costs the opening thread, in
 * bytes allocated (over 2,000 opens after 5,000 warm-up) and in its own CPU time ({@code
 * getCurrentThreadCpuTime}; best and median of BLOCKS blocks of 200 opens): neither counts the JIT
 * compiler's or the collector's threads. CACHE_BYTES sets the chunk cache size (0 turns it off),
 * else the default applies. History and window also print the best process CPU time of a repetition
 * ({@code cpu=}: every thread, decoding and GC included), steadier than the elapsed time on a
 * loaded machine.
 *
 * <ul>
 *   <li>history: every nodal and element variable's history of one entry (node nn/2, element ne/2,
 *       0-based), all steps ({@code ex_get_var_time})
 *   <li>window: 20 windows of 1000 nodes of nodal variable 0 at the last step, starts from the same
 *       LCG as the C program ({@code ex_get_partial_var})
 *   <li>open: open, read the sizes, close; mean of 200 ({@code ex_open + ex_get_init_ext +
 *       ex_close}); best elapsed and best CPU time of the process per open ({@code cpu=})
 *   <li>openmany: the same, mean of 10 (for a file with thousands of blocks and sets, made by
 *       {@code c/exmany.c})
 * </ul>
 */
public final class WorkloadSpeed {
  private WorkloadSpeed() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: WorkloadSpeed history|window|open|openmany|history-ab|window-ab FILE REPS [CACHE]");
      System.exit(2);
    }
    String op = args[0];
    Path file = Path.of(args[1]);
    int reps = Integer.parseInt(args[2]);
    ExodusOpenOptions options =
        args.length > 3
            ? ExodusOpenOptions.builder().chunkCacheBytes(Long.parseLong(args[3])).build()
            : ExodusOpenOptions.DEFAULT;
    double best = 1e9;
    double bestCpu = 1e9;
    double sum = 0;

    switch (op) {
      case "history" -> {
        for (int r = 0; r < reps; r++) {
          long c0 = cpuNanos(); // before the clock starts: reading /proc costs ~100 us
          long t0 = System.nanoTime();
          sum = history(file, options);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e9);
        }
        System.out.printf(
            java.util.Locale.ROOT,
            "history values=%d best=%.6f s cpu=%.6f s sum=%.17g%n",
            historyValues,
            best,
            bestCpu,
            sum);
      }
      case "window" -> {
        for (int r = 0; r < reps; r++) {
          long c0 = cpuNanos(); // before the clock starts: reading /proc costs ~100 us
          long t0 = System.nanoTime();
          sum = windows(file, options);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e9);
        }
        System.out.printf(
            java.util.Locale.ROOT,
            "window windows=20 best=%.6f s cpu=%.6f s sum=%.17g%n",
            best,
            bestCpu,
            sum);
      }
      case "history-ab", "window-ab" -> {
        // default cache (A) against the cache off (B), alternating in one JVM: the same JIT state
        // and the same machine load for both; medians, and the ratio B / A of the medians
        ExodusOpenOptions off = ExodusOpenOptions.builder().chunkCacheBytes(0).build();
        double[][] wall = new double[2][reps];
        double[][] cpu = new double[2][reps];
        double[] sums = new double[2];
        for (int r = 0; r < reps; r++) {
          for (int k = 0; k < 2; k++) {
            int which = (r + k) % 2; // alternate which runs first
            ExodusOpenOptions o = which == 0 ? options : off;
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            sums[which] = op.equals("history-ab") ? history(file, o) : windows(file, o);
            wall[which][r] = (System.nanoTime() - t0) / 1e9;
            cpu[which][r] = (cpuNanos() - c0) / 1e9;
          }
        }
        if (sums[0] != sums[1]) {
          throw new IllegalStateException("sums differ: " + sums[0] + " / " + sums[1]);
        }
        System.out.printf(
            java.util.Locale.ROOT,
            "%s reps=%d wall median default=%.6f off=%.6f off/default=%.3f;"
                + " cpu median default=%.6f off=%.6f off/default=%.3f;"
                + " best wall default=%.6f off=%.6f sum=%.17g%n",
            op,
            reps,
            median(wall[0]),
            median(wall[1]),
            median(wall[1]) / median(wall[0]),
            median(cpu[0]),
            median(cpu[1]),
            median(cpu[1]) / median(cpu[0]),
            min(wall[0]),
            min(wall[1]),
            sums[0]);
      }
      case "step-alloc" -> {
        // bytes allocated by the reading thread per read of one whole step of nodal variable 0
        // into a caller buffer, file kept open, after REPS warm-up reads: default cache and off
        com.sun.management.ThreadMXBean tm =
            (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (String cache : new String[] {"default", "off"}) {
          ExodusOpenOptions o =
              cache.equals("off")
                  ? ExodusOpenOptions.builder().chunkCacheBytes(0).build()
                  : ExodusOpenOptions.DEFAULT;
          try (ExodusFile f = ExodusFile.open(file, o)) {
            double[] step = new double[(int) f.nodeCount()];
            long steps = f.timeStepCount();
            for (int i = 0; i < reps; i++)
              f.readNodalVariable(0, i % steps, 0, step.length, step, 0);
            int n = 500;
            long b0 = tm.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) f.readNodalVariable(0, i % steps, 0, step.length, step, 0);
            long b1 = tm.getThreadAllocatedBytes(tid);
            System.out.printf(
                java.util.Locale.ROOT,
                "step-alloc cache=%s bytes_per_call=%.1f (reading thread, %d calls)%n",
                cache,
                (b1 - b0) / (double) n,
                n);
          }
        }
      }
      case "open-cost" -> {
        com.sun.management.ThreadMXBean tm =
            (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 5000; i++) {
          sum += openSizesClose(file, options);
        }
        int n = 2000;
        long b0 = tm.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
          sum += openSizesClose(file, options);
        }
        long bytes = (tm.getThreadAllocatedBytes(tid) - b0) / n;
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
          long c0 = tm.getCurrentThreadCpuTime();
          for (int i = 0; i < 200; i++) {
            sum += openSizesClose(file, options);
          }
          cpu[r] = (tm.getCurrentThreadCpuTime() - c0) / 200.0 / 1e3;
        }
        System.out.printf(
            java.util.Locale.ROOT,
            "open-cost bytes_per_open=%d thread_cpu_us best=%.1f median=%.1f (%d blocks of 200)"
                + " sum=%.17g%n",
            bytes,
            min(cpu),
            median(cpu),
            reps,
            sum);
      }
      case "open", "openmany" -> {
        int inner = op.equals("open") ? 200 : 10;
        for (int r = 0; r < reps; r++) {
          long c0 = cpuNanos();
          long t0 = System.nanoTime();
          sum = 0;
          for (int i = 0; i < inner; i++) {
            try (ExodusFile f = ExodusFile.open(file, options)) {
              sum +=
                  f.nodeCount()
                      + f.elementCount()
                      + f.blocks(EntityType.ELEM_BLOCK).size()
                      + f.sets(EntityType.NODE_SET).size()
                      + f.sets(EntityType.SIDE_SET).size();
            }
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9 / inner);
          bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e9 / inner);
        }
        System.out.printf(
            java.util.Locale.ROOT,
            "%s mean_of=%d best=%.6f s cpu=%.6f s sum=%.17g%n",
            op,
            inner,
            best,
            bestCpu,
            sum / inner);
      }
      default -> {
        System.err.println("unknown workload " + op);
        System.exit(2);
      }
    }
  }

  /** Open + sizes + close, the sizes summed as the C program sums them. */
  private static double openSizesClose(Path file, ExodusOpenOptions options) throws Exception {
    try (ExodusFile f = ExodusFile.open(file, options)) {
      return f.nodeCount()
          + f.elementCount()
          + f.blocks(EntityType.ELEM_BLOCK).size()
          + f.sets(EntityType.NODE_SET).size()
          + f.sets(EntityType.SIDE_SET).size();
    }
  }

  /**
   * CPU time of every thread of this process in ns: the scheduler's run times in {@code
   * /proc/self/task/}{@code *}{@code /schedstat} (ns resolution; the management bean's process CPU
   * time counts in 10 ms ticks here), else that bean's.
   */
  static long cpuNanos() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks != null) {
      long sum = 0;
      try {
        for (java.io.File t : tasks) {
          String s = java.nio.file.Files.readString(t.toPath().resolve("schedstat"));
          sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
        }
        return sum;
      } catch (java.io.IOException | RuntimeException e) {
        // a thread ended while listed, or no schedstat: the bean below
      }
    }
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long historyValues;

  /**
   * Every nodal and element variable's history of one entry, all steps, as {@code ex_get_var_time}
   * reads it; returns the checksum.
   */
  static double history(Path file, ExodusOpenOptions options) throws java.io.IOException {
    double sum = 0;
    try (ExodusFile f = ExodusFile.open(file, options)) {
      long steps = f.timeStepCount();
      double[] buf = new double[(int) steps];
      int nv = f.variableNames(EntityType.NODAL).size();
      int ev = f.variableNames(EntityType.ELEM_BLOCK).size();
      long node = f.nodeCount() / 2;
      long elem = f.elementCount() / 2;
      for (int v = 0; v < nv; v++) {
        f.readNodalVariableHistory(v, node, 0, steps, buf, 0);
        sum = addAll(sum, buf, buf.length);
      }
      // the block holding element elem (0-based over all blocks), as ex_get_var_time finds it
      long base = 0;
      Block blk = null;
      for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
        if (elem < base + b.entryCount()) {
          blk = b;
          break;
        }
        base += b.entryCount();
      }
      for (int v = 0; v < ev; v++) {
        f.readVariableHistory(EntityType.ELEM_BLOCK, v, blk.id(), elem - base, 0, steps, buf, 0);
        sum = addAll(sum, buf, buf.length);
      }
      historyValues = (long) (nv + ev) * steps;
    }
    return sum;
  }

  /**
   * 20 windows of 1000 nodes of nodal variable 0 at the last step, starts from the C program's LCG;
   * returns the checksum.
   */
  static double windows(Path file, ExodusOpenOptions options) throws java.io.IOException {
    double sum = 0;
    try (ExodusFile f = ExodusFile.open(file, options)) {
      long steps = f.timeStepCount();
      double[] buf = new double[1000];
      long lcg = 12345;
      for (int w = 0; w < 20; w++) {
        lcg = lcg * 6364136223846793005L + 1442695040888963407L;
        long start = Long.remainderUnsigned(lcg >>> 33, f.nodeCount() - 1000);
        f.readNodalVariable(0, steps - 1, start, 1000, buf, 0);
        sum = addAll(sum, buf, buf.length);
      }
    }
    return sum;
  }

  static double median(double[] a) {
    double[] b = a.clone();
    java.util.Arrays.sort(b);
    return b[b.length / 2];
  }

  static double min(double[] a) {
    double m = a[0];
    for (double x : a) m = Math.min(m, x);
    return m;
  }

  /** Adds the values one by one to the running sum, in the C program's order. */
  private static double addAll(double sum, double[] a, int n) {
    for (int i = 0; i < n; i++) sum += a[i];
    return sum;
  }
}
