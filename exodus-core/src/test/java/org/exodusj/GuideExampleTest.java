package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading example of docs/guide.md, compiled and run, checked against the file's values. */
class GuideExampleTest {
  @TempDir Path dir;

  @Test
  void theReadingExampleRuns() throws Exception {
    Path demo = dir.resolve("demo.e");
    // what `exo sample demo.e` writes (its defaults: --size 4 --steps 3, two nodal variables)
    SampleFiles.writeHexMesh(demo, 4, 4, 4, 3, 2);
    ExgenOracle o = new ExgenOracle(4, 4, 4);
    // ---- the example, as in docs/guide.md ----
    try (ExodusFile f = ExodusFile.open(demo)) {
      int nodes = (int) f.nodeCount();
      int u = f.variableNames(EntityType.NODAL).indexOf("field_1");
      long last = f.timeStepCount() - 1;

      double[] values = new double[nodes];
      for (long s = 0; s <= last; s++) {
        f.readNodalVariable(u, s, 0, nodes, values, 0);
      }

      double[] window = new double[150];
      f.readNodalVariable(u, last, 50, 50, window, 50);

      double[] history = new double[(int) f.timeStepCount()];
      f.readNodalVariableHistory(u, 42, 0, history.length, history, 0);
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      double[] stress = new double[2];
      f.readVariableHistory(EntityType.ELEM_BLOCK, 0, b.id(), 7, last - 1, 2, stress, 0);

      DoubleBuffer v = f.nodalVariableView(u, last).orElse(null);
      double first = v != null ? v.get(0) : values[0];

      double max = Double.NEGATIVE_INFINITY;
      try (ValueChunks c = f.nodalVariableChunks(u, 0, f.timeStepCount())) {
        while (c.next()) {
          DoubleBuffer chunk = c.values();
          while (chunk.hasRemaining()) max = Math.max(max, chunk.get());
        }
      }

      double[] lastStep = f.nodalVariable(u, last);
      double[] stressNow = f.variable(EntityType.ELEM_BLOCK, 0, b.id(), last);
      // ---- checks ----
      int s = (int) last;
      assertEquals(o.nodal(0, s, nodes - 1), values[nodes - 1]);
      assertEquals(125, nodes, "the node count of exo sample's default demo.e");
      assertEquals(0.0, window[49]);
      assertEquals(o.nodal(0, s, 50), window[50]);
      assertEquals(o.nodal(0, s, 99), window[99]);
      assertEquals(0.0, window[100]);
      for (int t = 0; t <= s; t++) assertEquals(o.nodal(0, t, 42), history[t]);
      assertArrayEquals(new double[] {o.element(s - 1, 7), o.element(s, 7)}, stress);
      assertEquals(o.nodal(0, s, 0), first);
      assertEquals(o.nodal(0, s, nodes - 1), max);
      for (int n = 0; n < nodes; n++) assertEquals(o.nodal(0, s, n), lastStep[n]);
      for (int e = 0; e < stressNow.length; e++) assertEquals(o.element(s, e), stressNow[e]);
    }
  }
}
