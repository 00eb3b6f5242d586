package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.exodusj.ExodusFileSet;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set the C library wrote ({@code exodus-core/src/test/c/exshared.c}) whose ranks hold different
 * values at the nodes they share (u = id + 100 rank + 0.5 step): each shared node appears once,
 * with the value of the last (highest) rank holding it, as {@link ExodusFileSet} and SEACAS epu
 * give it.
 */
class SharedNodesTest extends SparkTestBase {
  @TempDir Path dir;

  static final int NX = 7;
  static final int P = 3;

  /** The ranks holding node column {@code col}: {lowest, highest}, as exshared decomposes it. */
  static int[] holders(int col) {
    int lo = -1;
    int hi = -1;
    for (int r = 0; r < P; r++) {
      if (col >= r * NX / P && col <= (r + 1) * NX / P) {
        if (lo < 0) lo = r;
        hi = r;
      }
    }
    return new int[] {lo, hi};
  }

  @Test
  void sharedNodesTakeTheLastRanksValues() throws Exception {
    Path src = Path.of("..", "exodus-core", "src", "test", "c", "exshared.c").toAbsolutePath();
    assertTrue(src.toFile().isFile(), src.toString());
    Path base = dir.resolve("s");
    ExternalTools.run(
        Exodus9.compile(src).toString(),
        base.toString(),
        Integer.toString(NX),
        Integer.toString(P),
        "2",
        "none",
        "cdf2");
    List<Row> rows = read("nodal", base).collectAsList();
    int nodes = 2 * (NX + 1);
    assertEquals(nodes * 2, rows.size(), "each node once per step");
    int step = rows.get(0).fieldIndex("step");
    int id = rows.get(0).fieldIndex("node_id");
    int u = rows.get(0).fieldIndex("u");
    Set<String> seen = new HashSet<>();
    double[][] fromSet = new double[3][];
    long[] setIds;
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      for (int s = 0; s < 2; s++) fromSet[s + 1] = set.nodalVariable("u", s);
      setIds = new long[(int) set.nodeCount()];
      for (int i = 0; i < setIds.length; i++) setIds[i] = set.nodeId(i);
    }
    int shared = 0;
    for (Row r : rows) {
      int s = r.getInt(step);
      long n = r.getLong(id);
      assertTrue(seen.add(s + " " + n), "twice: step " + s + " node " + n);
      int col = (int) ((n - 1) / 2);
      int[] h = holders(col);
      double expected = n + 100.0 * h[1] + 0.5 * s;
      assertEquals(expected, r.getDouble(u), 0.0, "step " + s + " node " + n);
      int i = 0;
      while (setIds[i] != n) i++;
      assertEquals(fromSet[s][i], r.getDouble(u), 0.0, "as ExodusFileSet: node " + n);
      if (h[0] != h[1]) shared++;
    }
    // neighbouring ranks share a node column (2 nodes), at each of the 2 steps
    assertEquals(2 * (P - 1) * 2, shared, "rows of shared nodes");
    List<Row> coords = read("nodes", base).collectAsList();
    assertEquals(nodes, coords.size(), "each node once");
  }
}
