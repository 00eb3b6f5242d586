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
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash behaviour of the NetCDF-4 writer, measured: a separate OS process appends compressed steps
 * and is killed with SIGKILL at a random moment; afterwards the file must open, through our reader
 * and through netCDF-C, with at least every step the writer reported committed, each holding
 * exactly the values written. Each trial prints what survived.
 */
class Netcdf4CrashTest {
  @TempDir Path dir;

  static final int NODES = 3000;

  /** {@code FILE}: appends steps forever, printing COMMITTED n after each commit. */
  public static final class Appender {
    public static void main(String[] a) throws Exception {
      Definition d =
          ExodusWriter.define(ExodusFormat.NETCDF4, "crash", 1, NODES)
              .allowUnwrittenMesh(true)
              .nodalVariables("u", "v")
              .compression(Compression.deflate(1, true));
      try (ExodusWriter w = ExodusWriter.create(Path.of(a[0]), d)) {
        double[] u = new double[NODES];
        for (int s = 0; ; s++) {
          long st = w.beginStep(s);
          for (int var = 0; var < 2; var++) {
            for (int i = 0; i < NODES; i++) u[i] = value(s, var, i);
            w.writeNodalVariable(var, st, 0, NODES, u, 0);
          }
          w.commitStep();
          System.out.println("COMMITTED " + (s + 1));
          System.out.flush();
        }
      }
    }
  }

  static double value(long step, int var, int node) {
    return step * 1e6 + var * 1e5 + node + 0.25;
  }

  @Test
  void killedWhileAppendingTheFileOpensWithEveryCommittedStep() throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    Random rnd = new Random(16);
    int trials = 8;
    List<String> report = new ArrayList<>();
    for (int trial = 0; trial < trials; trial++) {
      Path f = dir.resolve("crash-" + trial + ".e");
      int target = 2 + rnd.nextInt(40);
      Process p = MultiProcessUpdateTest.start(Appender.class, f.toString());
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
        Thread.sleep(rnd.nextInt(5)); // kill somewhere inside the next steps
        p.destroyForcibly(); // SIGKILL
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(seen >= target, "worker stopped early at " + seen);
      assertTrue(Files.exists(f), "published before the first commit");
      long steps;
      try (ExodusFile x = ExodusFile.open(f)) {
        steps = x.timeStepCount();
        assertTrue(steps >= seen, "trial " + trial + ": " + steps + " steps < committed " + seen);
        double[] u = new double[NODES];
        for (int s = 0; s < steps; s++) {
          for (int var = 0; var < 2; var++) {
            x.readNodalVariable(var, s, 0, NODES, u, 0);
            for (int i = 0; i < NODES; i += 997) {
              assertEquals(value(s, var, i), u[i], "trial " + trial + " step " + s);
            }
          }
        }
      }
      String c =
          ExternalTools.run(
                  py,
                  "-c",
                  "import netCDF4\nd=netCDF4.Dataset('"
                      + f
                      + "')\nprint(len(d.dimensions['time_step']), d['vals_nod_var2'][-1][7])")
              .trim();
      String[] parts = c.split(" ");
      assertEquals(steps, Long.parseLong(parts[0]), c);
      assertEquals(value(steps - 1, 1, 7), Double.parseDouble(parts[1]), c);
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
