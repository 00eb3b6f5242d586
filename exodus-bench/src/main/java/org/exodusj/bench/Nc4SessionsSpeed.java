package org.exodusj.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.exodusj.Compression;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.exodusj.ExodusWriter;

/**
 * Update sessions that each append one step to a NetCDF-4 file: the file is made by {@link
 * ExodusWriter} (the mesh only, NODES nodes, VARS nodal variables, deflate 1 + shuffle, one step
 * per chunk), then SESSIONS times {@link ExodusUpdater#open}, append a step of every variable,
 * commit, close, in this JVM. Every EVERY sessions it prints the sessions so far, the file's size
 * and the wall and CPU seconds of those EVERY sessions, so that growth in size and in time per
 * session shows; compare the final size with {@code nccopy FILE copy} (same chunks and filters).
 *
 * <p>With {@code writer} last, one {@link ExodusWriter} writes the steps instead, committing after
 * each ({@code commitStep}): the single-writer twin of the sessions.
 *
 * <p>usage: {@code Nc4SessionsSpeed FILE [NODES [SESSIONS [VARS [EVERY [writer]]]]]} (defaults
 * 1000, 1000, 3, 100)
 */
public final class Nc4SessionsSpeed {
  private Nc4SessionsSpeed() {}

  public static void main(String[] args) throws Exception {
    Path f = Path.of(args[0]);
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int vars = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int every = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    boolean writer = args.length > 5 && args[5].equals("writer");
    String[] names = new String[vars];
    for (int v = 0; v < vars; v++) names[v] = "v" + v;
    Files.deleteIfExists(f);
    ExodusWriter w =
        ExodusWriter.create(
            f,
            ExodusWriter.define(ExodusFormat.NETCDF4, "sessions", 1, nodes)
                .nodalVariables(names)
                .compression(Compression.deflate(1, true))
                .allowUnwrittenMesh(true));
    if (!writer) w.close();
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] u = new double[nodes];
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    System.out.println(
        (writer ? "commits" : "sessions") + " bytes wall_s cpu_s (of the last " + every + ")");
    for (int s = 1; s <= sessions; s++) {
      if (writer) {
        long st = w.beginStep(s);
        for (int v = 0; v < vars; v++) {
          values(u, st, v, s);
          w.writeNodalVariable(v, st, 0, nodes, u, 0);
        }
        w.commitStep();
      } else {
        try (ExodusUpdater up = ExodusUpdater.open(f)) {
          long st = up.appendStep(s);
          for (int v = 0; v < vars; v++) {
            values(u, st, v, s);
            up.writeNodalVariable(v, st, 0, nodes, u, 0);
          }
          up.commit();
        }
      }
      if (s % every == 0) {
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        System.out.printf(
            Locale.ROOT, "%d %d %.3f %.3f%n", s, Files.size(f), (t1 - t0) / 1e9, (c1 - c0) / 1e9);
        t0 = t1;
        c0 = c1;
      }
    }
    if (writer) w.close();
  }

  /** Smooth values with noise in the low bits, as solvers write them. */
  private static void values(double[] u, long step, int v, int s) {
    for (int i = 0; i < u.length; i++) u[i] = Math.sin(step * 1e-2 + i * 1e-3 + v) + i * 1e-9 * s;
  }
}
