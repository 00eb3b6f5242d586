package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four OS processes (not threads) fill in disjoint steps of one file at the same time, with
 * thousands of small locked writes each; repeated. Every value must be the one its process wrote,
 * and nothing else in the file may change.
 */
class MultiProcessUpdateTest {
  @TempDir Path dir;

  static Process start(Class<?> main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx64m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  @Test
  void fourProcessesWritingDisjointStepsLoseNothing() throws Exception {
    int steps = 8;
    for (int round = 0; round < 3; round++) {
      Path f = dir.resolve("shared-" + round + ".e");
      SampleFiles.writeHexMesh(f, 9, 9, 9, 0, 3); // the mesh, no steps yet
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        for (int s = 0; s < steps; s++) u.appendStep(s * 0.25); // the step layout, values unset
        u.commit();
      }
      byte[] before;
      ExodusFile probe = ExodusFile.open(f);
      long nn = probe.nodeCount();
      double[] coords = probe.coordinates(0);
      double[] unset = new double[(int) nn];
      probe.readNodalVariable(1, 3, 0, nn, unset, 0);
      probe.close();
      for (double x : unset)
        assertEquals(9.9692099683868690e+36, x, "unwritten values hold the fill value");
      // A job can find what is left to do without loading the variable.
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        double[] part = new double[10];
        java.util.Arrays.fill(part, 1.0);
        u.writeNodalVariable(0, 2, 100, 10, part, 0);
        u.writeNodalVariable(0, 2, 0, 5, part, 0);
      }
      try (ExodusFile r = ExodusFile.open(f)) {
        List<long[]> todo = r.unwrittenRanges(EntityType.NODAL, 0, 0, 2);
        assertEquals(2, todo.size());
        assertTrue(java.util.Arrays.equals(new long[] {5, 95}, todo.get(0)));
        assertTrue(java.util.Arrays.equals(new long[] {110, nn - 110}, todo.get(1)));
        List<long[]> whole = r.unwrittenRanges(EntityType.NODAL, 0, 0, 3);
        assertEquals(1, whole.size());
        assertTrue(java.util.Arrays.equals(new long[] {0, nn}, whole.get(0)));
      }
      before = Files.readAllBytes(f);

      List<Process> ps = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        ps.add(start(UpdateWorkers.Disjoint.class, f.toString(), Integer.toString(w), "4"));
      }
      for (Process p : ps) {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker finished");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
      }
      try (ExodusFile r = ExodusFile.open(f)) {
        assertEquals(steps, r.timeStepCount());
        double[] d = new double[(int) nn];
        long checked = 0;
        for (int v = 0; v < 3; v++) {
          for (int s = 0; s < steps; s++) {
            r.readNodalVariable(v, s, 0, nn, d, 0);
            for (int n = 0; n < nn; n++) {
              assertEquals(
                  UpdateWorkers.value(v, s, n),
                  d[n],
                  "round " + round + " var " + v + " step " + s + " node " + n);
              checked++;
            }
          }
        }
        assertEquals(3L * steps * nn, checked);
        assertEquals(List.of(), r.defects());
        double[] c = r.coordinates(0);
        assertTrue(java.util.Arrays.equals(coords, c), "coordinates untouched");
        double[] t = r.times();
        for (int s = 0; s < steps; s++) assertEquals(s * 0.25, t[s]);
      }
      // Nothing outside the nodal variables' bytes changed.
      byte[] after = Files.readAllBytes(f);
      assertEquals(before.length, after.length);
      int changed = 0;
      for (int i = 0; i < before.length; i++) if (before[i] != after[i]) changed++;
      assertTrue(changed <= 3 * steps * nn * 8, changed + " bytes changed");
    }
  }
}
