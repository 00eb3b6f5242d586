package org.exodusj.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.exodusj.EntityType;
import org.exodusj.ExodusUpdater;

/**
 * Writes into NetCDF-4 chunks of any shape ({@code Nc4Writer.place}): times, on a copy of SOURCE
 * made before each repetition, either {@code append} (one step of every nodal variable appended
 * through {@link ExodusUpdater}, all nodes at once) or {@code rewrite} ({@link
 * ExodusUpdater#addVariables} of one global variable: every array copied into the source's chunks).
 * Prints the best time of {@code reps} and the bytes the writing thread allocated in it, then the
 * first repetition's time (the JVM cold: classes loaded, code interpreted) and the median; then the
 * CPU seconds, least and median: of the calling thread ({@code cpu}) and of the whole process
 * ({@code process-cpu}: with the JIT compiler's and the collector's threads).
 *
 * <p>{@code append-sync} appends with {@link ExodusUpdater.Options#sync()} on (data and metadata
 * forced before and after the superblock switch; the default, as the C library's, forces nothing);
 * {@code phases} appends as {@code append} and prints the CPU time of the open, the writes, the
 * commit and the close.
 *
 * <p>usage: {@code Nc4PlaceSpeed append|append-sync|phases|rewrite SOURCE WORKDIR [reps]}
 */
public final class Nc4PlaceSpeed {
  private Nc4PlaceSpeed() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path source = Path.of(args[1]);
    Path work = Path.of(args[2]).resolve("place-" + source.getFileName());
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    double best = 1e9;
    long bestAlloc = 0;
    double[] times = new double[reps];
    double[] threadCpu = new double[reps];
    double[] processCpu = new double[reps];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][] phases = new double[reps][];
    for (int r = 0; r < reps; r++) {
      Files.copy(source, work, StandardCopyOption.REPLACE_EXISTING);
      long a0 = mx.getThreadAllocatedBytes(tid);
      long p0 = os.getProcessCpuTime();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      if (mode.equals("append")) {
        append(work, ExodusUpdater.Options.DEFAULT, null);
      } else if (mode.equals("append-sync")) {
        append(work, ExodusUpdater.Options.DEFAULT.withSync(true), null);
      } else if (mode.equals("phases")) {
        append(work, ExodusUpdater.Options.DEFAULT, phases[r] = new double[4]);
      } else if (mode.equals("rewrite")) {
        ExodusUpdater.addVariables(work, EntityType.GLOBAL, List.of("added_" + r));
      } else {
        throw new IllegalArgumentException(
            "mode " + mode + ": append, append-sync, phases or rewrite");
      }
      double s = (System.nanoTime() - t0) / 1e9;
      threadCpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      processCpu[r] = (os.getProcessCpuTime() - p0) / 1e9; // with the JIT's and GC's threads
      long alloc = mx.getThreadAllocatedBytes(tid) - a0;
      times[r] = s;
      if (s < best) {
        best = s;
        bestAlloc = alloc;
      }
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "%s %s best=%.4f s allocated=%.1f MB first=%.4f s median=%.4f s"
            + " cpu=%.4f/%.4f s process-cpu=%.4f/%.4f s%n",
        mode,
        source.getFileName(),
        best,
        bestAlloc / 1e6,
        times[0],
        median(times),
        min(threadCpu),
        median(threadCpu),
        min(processCpu),
        median(processCpu));
    if (mode.equals("phases")) printPhases(phases);
    if (Boolean.getBoolean("exodusj.bench.each")) { // every repetition: the JVM's warm-up
      for (int r = 0; r < reps; r++) {
        System.out.printf(
            java.util.Locale.ROOT,
            "  %3d: %.4f s, thread cpu %.4f s, process cpu %.4f s%s%n",
            r,
            times[r],
            threadCpu[r],
            processCpu[r],
            phases[r] == null
                ? ""
                : String.format(
                    java.util.Locale.ROOT,
                    " (open %.2f, write %.2f, commit %.2f, close %.2f ms)",
                    phases[r][0],
                    phases[r][1],
                    phases[r][2],
                    phases[r][3]));
      }
    }
  }

  /** The CPU milliseconds of each phase: first repetition, and median over the repetitions. */
  private static void printPhases(double[][] phases) {
    String[] names = {"open", "write", "commit", "close"};
    for (int p = 0; p < names.length; p++) {
      double[] t = new double[phases.length];
      for (int r = 0; r < t.length; r++) t[r] = phases[r][p];
      System.out.printf(
          java.util.Locale.ROOT,
          "  %-6s CPU ms: first %.2f, 5th %.2f, median %.2f%n",
          names[p],
          t[0],
          t[Math.min(4, t.length - 1)],
          median(t));
    }
  }

  private static double min(double[] t) {
    double m = Double.MAX_VALUE;
    for (double x : t) m = Math.min(m, x);
    return m;
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * Opens, appends a step of every nodal variable, commits, closes; with {@code cpu} non-null, the
   * calling thread's CPU milliseconds of the open, the writes, the commit and the close go there.
   */
  private static void append(Path file, ExodusUpdater.Options options, double[] cpu)
      throws java.io.IOException {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    ExodusUpdater u = ExodusUpdater.open(file, options);
    long c1 = mx.getCurrentThreadCpuTime();
    long c2;
    long c3;
    try {
      long nn = u.nodeCount(); // as exappend's ex_get_init_ext on its one open
      int vars = u.variableNames(EntityType.NODAL).size();
      long step = u.appendStep(1.0e6);
      double[] v = new double[(int) nn];
      for (int var = 0; var < vars; var++) {
        for (int i = 0; i < nn; i++) v[i] = var * 1.0e6 + i * 0.5;
        u.writeNodalVariable(var, step, 0, nn, v, 0);
      }
      c2 = mx.getCurrentThreadCpuTime();
      u.commit();
      c3 = mx.getCurrentThreadCpuTime();
    } finally {
      u.close();
    }
    long c4 = mx.getCurrentThreadCpuTime();
    if (cpu != null) {
      cpu[0] = (c1 - c0) / 1e6;
      cpu[1] = (c2 - c1) / 1e6;
      cpu[2] = (c3 - c2) / 1e6;
      cpu[3] = (c4 - c3) / 1e6;
    }
  }
}
