package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.exodusj.ExgenOracle;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decomposed sets read by base name: each node once (border nodes from the last rank), each element
 * once, with global ids; checked against the serial file the set was decomposed from, read by
 * netCDF4-python, and against exgen's formulas for sets the C library decomposed (exslabs).
 */
class DecomposedSetTest extends SparkTestBase {
  @TempDir static Path dir;

  static final ExgenOracle G = new ExgenOracle(3, 2, 4);
  static final int STEPS = 2;
  static Path slabs;

  @BeforeAll
  static void files() throws Exception {
    slabs = exslabs(dir.resolve("slab.e"), G.nx, G.ny, G.nz, STEPS, 2, 4);
  }

  /**
   * The serial file's nodal (or element) values as netCDF4-python reads them: key "step id", value
   * the variables in file order.
   */
  static Map<String, double[]> python(Path serial, boolean nodal) throws Exception {
    String script =
        String.join(
            "\n",
            "import sys, netCDF4",
            "d = netCDF4.Dataset(sys.argv[1])",
            "steps = d.dimensions['time_step'].size",
            "if sys.argv[2] == 'nodal':",
            "  ids = d.variables['node_num_map'][:]",
            "  nv = d.dimensions['num_nod_var'].size",
            "  for s in range(steps):",
            "    vals = [d.variables['vals_nod_var%d' % (v + 1)][s, :] for v in range(nv)]",
            "    for i in range(len(ids)):",
            "      print(s + 1, ids[i], *[repr(float(x[i])) for x in vals])",
            "else:",
            "  ids = d.variables['elem_num_map'][:]",
            "  nv = d.dimensions['num_elem_var'].size",
            "  nb = d.dimensions['num_el_blk'].size",
            "  for s in range(steps):",
            "    off = 0",
            "    for b in range(nb):",
            "      n = d.dimensions['num_el_in_blk%d' % (b + 1)].size",
            "      for i in range(n):",
            "        row = []",
            "        for v in range(nv):",
            "          name = 'vals_elem_var%deb%d' % (v + 1, b + 1)",
            "          row.append(repr(float(d.variables[name][s, i])) if name in d.variables"
                + " else 'nan')",
            "        print(s + 1, ids[off + i], *row)",
            "      off += n");
    Path py = dir.resolve("oracle.py");
    Files.writeString(py, script);
    String out =
        ExternalTools.run(
            ExternalTools.pythonWithNetcdf4(),
            py.toString(),
            serial.toString(),
            nodal ? "nodal" : "element");
    Map<String, double[]> m = new TreeMap<>();
    for (String line : out.strip().split("\n")) {
      String[] f = line.trim().split("\\s+");
      double[] v = new double[f.length - 2];
      for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(f[i + 2]);
      m.put(f[0] + " " + f[1], v);
    }
    return m;
  }

  private static void sameAsSerial(Dataset<Row> set, Map<String, double[]> serial, String idCol) {
    List<Row> rows = set.collectAsList();
    assertEquals(serial.size(), rows.size(), "rows: each entity once per step");
    int first = set.schema().fieldIndex(idCol) + 1;
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : rows) {
      String key = r.getInt(0) + " " + r.getLong(set.schema().fieldIndex(idCol));
      assertTrue(byKey.put(key, r) == null, "row twice: " + key);
    }
    for (Map.Entry<String, double[]> e : serial.entrySet()) {
      Row r = byKey.get(e.getKey());
      assertNotNull(r, "no row for step, id " + e.getKey());
      for (int v = 0; v < e.getValue().length; v++) {
        double want = e.getValue()[v];
        Object got = r.get(first + v);
        if (Double.isNaN(want)) {
          assertEquals(null, got, e.getKey() + " variable " + v);
        } else {
          assertEquals(want, (Double) got, e.getKey() + " variable " + v);
        }
      }
    }
  }

  @Test
  void nodalValuesOfTheCorpusSetEqualTheSerialFile() throws Exception {
    Path corpus = ExternalTools.corpus().resolve("decomposed");
    Dataset<Row> set = read("nodal", corpus.resolve("noh.exo"));
    assertEquals(
        List.of("step", "time", "node_id", "DISPLX", "DISPLY", "VELOCITY_X", "VELOCITY_Y"),
        List.of(set.columns()));
    sameAsSerial(set, python(corpus.resolve("noh.exo"), true), "node_id");
  }

  @Test
  void elementValuesOfTheCorpusSetEqualTheSerialFile() throws Exception {
    Path corpus = ExternalTools.corpus().resolve("decomposed");
    Dataset<Row> set = read("element", corpus.resolve("noh.exo")).drop("block_id");
    sameAsSerial(set, python(corpus.resolve("noh.exo"), false), "elem_id");
  }

  @Test
  void theSerialFileItselfWithDecomposedFalse() throws Exception {
    Path corpus = ExternalTools.corpus().resolve("decomposed");
    Dataset<Row> serial = read("nodal", corpus.resolve("noh.exo"), "decomposed", "false");
    sameAsSerial(serial, python(corpus.resolve("noh.exo"), true), "node_id");
  }

  @Test
  void exslabsSetGivesExgensValuesOncePerNode() {
    List<Row> rows = read("nodal", slabs).collectAsList();
    assertEquals(G.nodes() * STEPS, rows.size(), "border nodes counted once");
    Map<String, Boolean> seen = new HashMap<>();
    for (Row r : rows) {
      int step = r.getInt(0) - 1;
      long node = r.getLong(2) - 1;
      assertTrue(seen.put(step + " " + node, true) == null, "twice: " + step + " " + node);
      assertEquals(G.nodal(0, step, node), r.getDouble(3));
      assertEquals(G.nodal(1, step, node), r.getDouble(4));
    }
    List<Row> nodes = read("nodes", slabs).collectAsList();
    assertEquals(G.nodes(), nodes.size());
    for (Row r : nodes) {
      long n = r.getLong(0) - 1;
      for (int a = 0; a < 3; a++) assertEquals(G.coord(a, n), r.getDouble(1 + a));
    }
  }

  /**
   * Two pieces without Nemesis metadata, sharing the nodes with ids 4, 5, 6: each node once, from
   * the last rank holding it (matched by the node id maps, as there are no communication maps).
   */
  @Test
  void piecesWithoutCommunicationMapsAreJoinedByIds() throws Exception {
    Path base = Files.createDirectories(dir.resolve("nocomm")).resolve("bar.e");
    long[][] ids = {{1, 2, 3, 4, 5, 6}, {4, 5, 6, 7, 8, 9}};
    for (int r = 0; r < 2; r++) {
      org.exodusj.Definition d =
          org.exodusj.ExodusWriter.define(org.exodusj.ExodusFormat.CDF2, "piece " + r, 1, 6)
              .coordinateNames("x")
              .block(org.exodusj.BlockSpec.of(org.exodusj.EntityType.ELEM_BLOCK, 1, "BAR2", 5, 2))
              .idMap(org.exodusj.EntityType.NODE_MAP)
              .nodalVariables("u");
      try (org.exodusj.ExodusWriter w =
          org.exodusj.ExodusWriter.create(base.resolveSibling("bar.e.2." + r), d)) {
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) x[i] = ids[r][i];
        w.writeCoordinates(0, 0, 6, x, 0);
        long[] conn = {1, 2, 2, 3, 3, 4, 4, 5, 5, 6};
        w.writeConnectivity(org.exodusj.EntityType.ELEM_BLOCK, 1, 0, 5, conn, 0);
        w.writeIdMap(org.exodusj.EntityType.NODE_MAP, 0, 6, ids[r], 0);
        for (int s = 0; s < 2; s++) {
          long step = w.beginStep(s);
          double[] u = new double[6];
          // a shared node gets a value that tells the ranks apart
          for (int i = 0; i < 6; i++) u[i] = ids[r][i] * 10 + s + r * 0.5;
          w.writeNodalVariable(0, step, 0, 6, u, 0);
          w.commitStep();
        }
      }
    }
    List<Row> rows = read("nodal", base).collectAsList();
    assertEquals(9 * 2, rows.size(), "9 nodes, 2 steps");
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      long id = r.getLong(2);
      int step = r.getInt(0) - 1;
      assertTrue(seen.add(step + " " + id), "twice: " + id);
      double fromRank0 = id * 10 + step;
      assertEquals(id <= 3 ? fromRank0 : fromRank0 + 0.5, r.getDouble(3), "node " + id);
    }
  }

  @Test
  void aggregatesOverASetCountBorderNodesOnce() {
    List<Row> rows =
        read("nodal", slabs)
            .groupBy("step")
            .agg(
                org.apache.spark.sql.functions.count("field_1"),
                org.apache.spark.sql.functions.max("field_2"))
            .orderBy("step")
            .collectAsList();
    assertEquals(STEPS, rows.size());
    for (int s = 0; s < STEPS; s++) {
      assertEquals(G.nodes(), rows.get(s).getLong(1));
      assertEquals(G.nodal(1, s, G.nodes() - 1), rows.get(s).getDouble(2));
    }
  }

  @Test
  void exslabsElementsAndConnectivityByGlobalIds() {
    List<Row> rows = read("elements", slabs).collectAsList();
    assertEquals(G.elements(), rows.size());
    for (Row r : rows) {
      assertEquals(G.connectivity(r.getLong(1) - 1), r.getList(3), "element " + r.getLong(1));
    }
    List<Row> vals = read("element", slabs).collectAsList();
    assertEquals(G.elements() * STEPS, vals.size());
    for (Row r : vals) {
      assertEquals(G.element(r.getInt(0) - 1, r.getLong(3) - 1), r.getDouble(4));
    }
  }

  @Test
  void aDirectoryOfRunsGetsASourceColumn() throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    exgen(runs.resolve("a.e"), 2, 2, 2, 2, 1, "cdf2");
    exgen(runs.resolve("b.e"), 2, 2, 2, 3, 2, "nc4");
    exslabs(runs.resolve("c.e"), 2, 2, 2, 1, 1, 2);
    Files.writeString(runs.resolve("README.txt"), "not an Exodus file");
    Dataset<Row> df = read("nodal", runs);
    assertEquals(
        List.of("source", "step", "time", "node_id", "field_1", "field_2"), List.of(df.columns()));
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : df.groupBy("source").count().collectAsList()) {
      counts.put(Path.of(r.getString(0)).getFileName().toString(), r.getLong(1));
    }
    assertEquals(Map.of("a.e", 27L * 2, "b.e", 27L * 3, "c.e", 27L), counts);
    // a run without field_2 gives nulls; the others exgen's values
    for (Row r : df.collectAsList()) {
      String src = Path.of(r.getString(0)).getFileName().toString();
      long node = r.getLong(3) - 1;
      int step = r.getInt(1) - 1;
      assertEquals(G.nodal(0, step, node), r.getDouble(4));
      if (src.equals("b.e")) assertEquals(G.nodal(1, step, node), r.getDouble(5));
      else assertTrue(r.isNullAt(5), src + " has no field_2");
    }
    assertEquals(
        27L * 3, read("nodal", runs.resolve("b*")).count(), "a glob selects the runs it matches");
  }
}
