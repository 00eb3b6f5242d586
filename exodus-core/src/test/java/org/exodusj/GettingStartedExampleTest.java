package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/getting-started.md, compiled and run, on the file exo sample writes. */
class GettingStartedExampleTest {
  @TempDir Path dir;

  @Test
  void theDocumentedExampleRuns() throws Exception {
    Path demo = dir.resolve("demo.e");
    SampleFiles.writeHexMesh(demo, 4, 4, 4, 3, 2);
    ExgenOracle o = new ExgenOracle(4, 4, 4);
    // ---- the example, as in docs/getting-started.md ----
    try (ExodusFile f = ExodusFile.open(demo)) {
      double[] x = new double[(int) f.nodeCount()];
      f.readCoordinates(0, 0, x.length, x, 0);
      for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
        long[] conn = new long[(int) (10 * b.nodesPerEntry())];
        f.readConnectivity(b, 0, 10, conn, 0);
        assertEquals(o.conn(9, 7), conn[79]);
      }
      int u = f.variableNames(EntityType.NODAL).indexOf("field_1");
      double[] values = new double[(int) f.nodeCount()];
      f.readNodalVariable(u, 0, 0, values.length, values, 0);
      double[] history = new double[(int) f.timeStepCount()];
      f.readNodalVariableHistory(u, 42, 0, history.length, history, 0);
      Optional<DoubleBuffer> view = f.nodalVariableView(u, 0);
      long streamed = 0;
      try (ValueChunks c = f.nodalVariableChunks(u, 0, f.timeStepCount(), 1 << 16)) {
        while (c.next()) {
          DoubleBuffer chunk = c.values();
          streamed += chunk.remaining();
        }
      }
      TruthTable t = f.truthTable(EntityType.ELEM_BLOCK);
      // ---- checks ----
      assertEquals(o.coord(0, 7), x[7]);
      assertEquals(o.nodal(0, 0, 99), values[99]);
      assertEquals(o.nodal(0, 2, 42), history[2]);
      assertEquals(o.nodal(0, 0, 5), view.orElseThrow().get(5));
      assertEquals(o.nodes() * 3, streamed);
      assertTrue(t.has(0, 0));
    }
  }
}
