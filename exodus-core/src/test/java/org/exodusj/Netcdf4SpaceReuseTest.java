package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetCDF-4 files grow by the data they hold, not by the commits that wrote it: the space a commit
 * frees (superseded chunks, B-tree nodes and headers) is reused by the next ones, within a session
 * and across sessions. Sizes are judged against {@code nccopy} of the same file (netCDF-C writing
 * the same content with the same chunks and filters), values by netCDF-C (netCDF4-python) and
 * libexodusII.
 */
class Netcdf4SpaceReuseTest {
  @TempDir Path dir;

  static final int NODES = 300;

  static double value(long step, int var, int node) {
    return step * 1e-3 + node * 1e-6 + var;
  }

  private static Definition definition(int vars) {
    String[] names = new String[vars];
    for (int v = 0; v < vars; v++) names[v] = "v" + v;
    return ExodusWriter.define(ExodusFormat.NETCDF4, "reuse", 1, NODES)
        .nodalVariables(names)
        .compression(Compression.deflate(1, true))
        .allowUnwrittenMesh(true);
  }

  private long nccopySize(Path f) throws Exception {
    Path copy = dir.resolve(f.getFileName() + ".nccopy");
    ExternalTools.run("nccopy", f.toString(), copy.toString()); // keeps chunks and filters
    return Files.size(copy);
  }

  /** netCDF-C's view: the step count and {@code vals_nod_var(var+1)[step][node]}. */
  private static String netcdfC(String py, Path f, int var, long step, int node) throws Exception {
    return ExternalTools.run(
            py,
            "-c",
            "import netCDF4\nd=netCDF4.Dataset('"
                + f
                + "')\nprint(len(d.dimensions['time_step']), repr(float(d['vals_nod_var"
                + (var + 1)
                + "']["
                + step
                + "]["
                + node
                + "])))")
        .trim();
  }

  private static void assertNetcdfC(String py, Path f, long steps, long step, int var)
      throws Exception {
    String[] c = netcdfC(py, f, var, step, 17).split(" ");
    assertEquals(steps, Long.parseLong(c[0]), "netCDF-C step count");
    assertEquals(value(step, var, 17), Double.parseDouble(c[1]), "netCDF-C value, step " + step);
  }

  @Test
  void aWriterCommittingEveryStepStaysWithinFivePercentOfNccopy() throws Exception {
    ExternalTools.require("nccopy");
    String py = ExternalTools.pythonWithNetcdf4();
    Path f = dir.resolve("steps.e");
    int steps = 1000;
    try (ExodusWriter w = ExodusWriter.create(f, definition(5))) {
      double[] u = new double[NODES];
      for (int s = 0; s < steps; s++) {
        long st = w.beginStep(s);
        for (int v = 0; v < 5; v++) {
          for (int i = 0; i < NODES; i++) u[i] = value(s, v, i);
          w.writeNodalVariable(v, st, 0, NODES, u, 0);
        }
        w.commitStep();
      }
    }
    long ours = Files.size(f);
    long nc = nccopySize(f);
    assertTrue(ours <= nc * 1.05, "ours " + ours + " bytes, nccopy " + nc);
    for (long s : new long[] {0, 499, 999}) assertNetcdfC(py, f, steps, s, (int) (s % 5));
    System.out.println(steps + " commits: " + ours + " bytes, nccopy " + nc);
  }

  /** Sessions that each open the file, append one step, commit and close. */
  @Test
  void updaterSessionsGrowTheFileByTheirDataOnly() throws Exception {
    ExternalTools.require("nccopy");
    String py = ExternalTools.pythonWithNetcdf4();
    Path f = dir.resolve("sessions.e");
    ExodusWriter.create(f, definition(3)).close(); // the mesh only
    int sessions = 150;
    double[] u = new double[NODES];
    for (int s = 0; s < sessions; s++) {
      try (ExodusUpdater up = ExodusUpdater.open(f)) {
        long st = up.appendStep(s);
        for (int v = 0; v < 3; v++) {
          for (int i = 0; i < NODES; i++) u[i] = value(st, v, i);
          up.writeNodalVariable(v, st, 0, NODES, u, 0);
        }
        up.commit();
      }
    }
    long ours = Files.size(f);
    long nc = nccopySize(f);
    assertTrue(ours <= nc * 1.05, "ours " + ours + " bytes, nccopy " + nc);
    for (long s : new long[] {0, 77, 149}) assertNetcdfC(py, f, sessions, s, (int) (s % 3));
    String dump = CTools.exref(f);
    assertTrue(dump.contains("\nnum_time_steps\t" + sessions + "\n"), "libexodusII");
    System.out.println(sessions + " sessions: " + ours + " bytes, nccopy " + nc);
  }

  // ---- kill -9 while sessions reuse the space earlier ones freed ------------------------------

  /**
   * {@code FILE}: session after session (open, append a step, rewrite the step before with the same
   * values, so its chunks move and their old space is freed, commit, close), printing COMMITTED n
   * after each commit.
   */
  public static final class Sessions {
    public static void main(String[] a) throws Exception {
      Path f = Path.of(a[0]);
      double[] u = new double[NODES];
      while (true) {
        try (ExodusUpdater up = ExodusUpdater.open(f)) {
          long st = up.appendStep(up.timeStepCount());
          for (long s = Math.max(0, st - 1); s <= st; s++) {
            for (int v = 0; v < 2; v++) {
              for (int i = 0; i < NODES; i++) u[i] = value(s, v, i);
              up.writeNodalVariable(v, s, 0, NODES, u, 0);
            }
          }
          up.commit();
          System.out.println("COMMITTED " + (st + 1));
          System.out.flush();
        }
      }
    }
  }

  @Test
  void killedWhileSessionsReuseFreedSpaceEveryCommittedStepSurvives() throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    Random rnd = new Random(24);
    int trials = 8;
    List<String> report = new ArrayList<>();
    for (int trial = 0; trial < trials; trial++) {
      Path f = dir.resolve("crash-" + trial + ".e");
      ExodusWriter.create(f, definition(2)).close(); // the mesh only
      int target = 3 + rnd.nextInt(30);
      Process p = MultiProcessUpdateTest.start(Sessions.class, f.toString());
      long seen = 0;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("COMMITTED ")) {
            seen = Long.parseLong(line.substring(10));
            if (seen >= target) break;
          } else {
            throw new AssertionError("worker: " + line);
          }
        }
        Thread.sleep(rnd.nextInt(40)); // inside a later session: open, writes, commit or close
        p.destroyForcibly(); // SIGKILL
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(seen >= target, "worker stopped early at " + seen);
      long steps;
      try (ExodusFile x = ExodusFile.open(f)) {
        steps = x.timeStepCount();
        assertTrue(steps >= seen, "trial " + trial + ": " + steps + " steps < committed " + seen);
        double[] u = new double[NODES];
        for (int s = 0; s < steps; s++) {
          for (int v = 0; v < 2; v++) {
            x.readNodalVariable(v, s, 0, NODES, u, 0);
            for (int i = 0; i < NODES; i += 37) {
              assertEquals(value(s, v, i), u[i], "trial " + trial + " step " + s);
            }
          }
        }
      }
      String all =
          ExternalTools.run(
                  py,
                  "-c",
                  "import netCDF4, sys\nd=netCDF4.Dataset(sys.argv[1])\n"
                      + "a=d['vals_nod_var1'][:]\nb=d['vals_nod_var2'][:]\n"
                      + "print(a.shape[0], repr(float(a.sum())), repr(float(b.sum())))",
                  f.toString())
              .trim();
      String[] c = all.split(" ");
      assertEquals(steps, Long.parseLong(c[0]), all);
      double[] sums = new double[2];
      for (int s = 0; s < steps; s++) {
        for (int v = 0; v < 2; v++) for (int i = 0; i < NODES; i++) sums[v] += value(s, v, i);
      }
      assertEquals(sums[0], Double.parseDouble(c[1]), Math.abs(sums[0]) * 1e-12, "netCDF-C");
      assertEquals(sums[1], Double.parseDouble(c[2]), Math.abs(sums[1]) * 1e-12, "netCDF-C");
      String dump = CTools.exref(f); // libexodusII opens it
      assertTrue(dump.contains("\nnum_time_steps\t" + steps + "\n"), dump);
      report.add(
          "trial "
              + trial
              + ": committed "
              + seen
              + " reported, "
              + steps
              + " readable, "
              + Files.size(f)
              + " bytes");
    }
    System.out.println(String.join("\n", report));
  }
}
