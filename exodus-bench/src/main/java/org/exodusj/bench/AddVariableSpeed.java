package org.exodusj.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.exodusj.BlockSpec;
import org.exodusj.Definition;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.exodusj.ExodusWriter;

/**
 * Adding one element variable to a MOOSE-shaped output ({@link ExodusUpdater#addVariables}, a
 * rewrite of the whole file) against {@code nccopy} copying the same file, side by side in one run:
 * each repetition copies the source afresh, adds the variable in this JVM (timed: wall and this
 * thread's CPU), then runs {@code nccopy IN OUT} as a process (timed: wall) and {@code sync OUT}
 * (the rewrite forces its output to disk before the rename; nccopy does not). Prints the medians
 * and the ratios nccopy / Java (above 1: Java faster).
 *
 * <p>The file: 8 nodes, one HEX8 element, 9 nodal, 13 element and 4 global variables, {@code STEPS}
 * steps (801 by default), CDF-2, written by {@link ExodusWriter}; with {@code nc4}, its {@code
 * nccopy -k nc4 -d 1 -s} copy instead.
 *
 * <p>usage: {@code AddVariableSpeed DIR [cdf2|nc4] [steps] [reps]}
 */
public final class AddVariableSpeed {
  private AddVariableSpeed() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String format = args.length > 1 ? args[1] : "cdf2";
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 801;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 21;
    Files.createDirectories(dir);
    Path source = dir.resolve("moose-" + steps + ".e");
    writeMooseShaped(source, steps);
    if (format.equals("nc4")) {
      Path nc4 = dir.resolve("moose-" + steps + "-nc4.e");
      run("nccopy", "-k", "nc4", "-d", "1", "-s", source.toString(), nc4.toString());
      source = nc4;
    }
    Path work = dir.resolve("work.e");
    Path copy = dir.resolve("nccopy-out.e");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int warmup = Math.max(3, reps / 3);
    double[] java = new double[reps];
    double[] cpu = new double[reps];
    double[] c = new double[reps];
    double[] cs = new double[reps];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long javaProcessCpu = 0; // all of the JVM's threads (GC, JIT) during the timed rewrites
    long nccopyTicks = 0; // nccopy's user + system CPU, as the kernel counts reaped children
    for (int r = -warmup; r < reps; r++) {
      Files.copy(source, work, StandardCopyOption.REPLACE_EXISTING);
      long cpu0 = mx.getCurrentThreadCpuTime();
      long p0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      ExodusUpdater.addVariables(work, EntityType.ELEM_BLOCK, List.of("added"));
      long t1 = System.nanoTime();
      long cpu1 = mx.getCurrentThreadCpuTime();
      long p1 = os.getProcessCpuTime();
      Files.deleteIfExists(copy);
      long k0 = childTicks();
      long c0 = System.nanoTime();
      run("nccopy", source.toString(), copy.toString());
      long c1 = System.nanoTime();
      long k1 = childTicks();
      run("sync", copy.toString()); // fsync, as the rewrite forces its output before the rename
      long c2 = System.nanoTime();
      if (r >= 0) {
        java[r] = (t1 - t0) / 1e6;
        cpu[r] = (cpu1 - cpu0) / 1e6;
        c[r] = (c1 - c0) / 1e6;
        cs[r] = (c2 - c0) / 1e6;
        javaProcessCpu += p1 - p0;
        nccopyTicks += k1 - k0;
      }
    }
    double j = median(java);
    double jc = median(cpu);
    double n = median(c);
    double ns = median(cs);
    System.out.printf(
        Locale.ROOT,
        "%s %d steps, %,d bytes, %d runs: addVariables median %.2f ms wall (%.2f ms CPU of this"
            + " thread); nccopy %.2f ms wall, nccopy + sync of its output %.2f ms wall;"
            + " nccopy/Java %.2fx, (nccopy + sync)/Java %.2fx%n",
        format,
        steps,
        Files.size(source),
        reps,
        j,
        jc,
        n,
        ns,
        n / j,
        ns / j);
    double jp = javaProcessCpu / 1e6 / reps;
    double nc = nccopyTicks * 10.0 / reps; // USER_HZ is 100 on Linux
    System.out.printf(
        Locale.ROOT,
        "CPU, mean per run: Java process %.2f ms (this thread's median %.2f ms), nccopy %.2f ms"
            + " (10 ms ticks); nccopy/Java %.2fx (thread), %.2fx (process)%n",
        jp,
        jc,
        nc,
        nc / jc,
        nc / jp);
  }

  /** The CPU of reaped children, user + system, in clock ticks ({@code /proc/self/stat}). */
  private static long childTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]); // fields 16 and 17: cutime, cstime
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + p.exitValue());
    }
  }

  /** 8 nodes, one HEX8, 9 nodal, 13 element and 4 global variables over {@code steps} steps. */
  static void writeMooseShaped(Path out, int steps) throws IOException {
    String[] nodal = new String[9];
    for (int i = 0; i < nodal.length; i++) nodal[i] = "nodal_" + (i + 1);
    String[] elem = new String[13];
    for (int i = 0; i < elem.length; i++) elem[i] = "elem_" + (i + 1);
    Definition d =
        ExodusWriter.define(ExodusFormat.CDF2, "MOOSE-shaped output", 3, 8)
            .coordinateNames("x", "y", "z")
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "HEX8", 1, 8))
            .globalVariables("dt", "residual", "iterations", "energy")
            .nodalVariables(nodal)
            .variables(EntityType.ELEM_BLOCK, List.of(elem), null);
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      double[][] xyz = {
        {0, 1, 1, 0, 0, 1, 1, 0}, {0, 0, 1, 1, 0, 0, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}
      };
      for (int a = 0; a < 3; a++) w.writeCoordinates(a, 0, 8, xyz[a], 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 1, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 0);
      double[] values = new double[8];
      for (int s = 0; s < steps; s++) {
        long step = w.beginStep(0.01 * s);
        w.writeGlobalVariables(step, new double[] {0.01, 1e-8 * s, 3, 0.5 * s}, 0);
        for (int v = 0; v < nodal.length; v++) {
          for (int n = 0; n < 8; n++) values[n] = v * 100 + s + n * 1e-3;
          w.writeNodalVariable(v, step, 0, 8, values, 0);
        }
        for (int v = 0; v < elem.length; v++) {
          values[0] = v * 10 + s * 0.5;
          w.writeVariable(EntityType.ELEM_BLOCK, v, 1, step, 0, 1, values, 0);
        }
        w.commitStep();
      }
    }
  }
}
