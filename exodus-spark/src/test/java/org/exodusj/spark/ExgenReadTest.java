package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.exodusj.ExgenOracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind read from files the C library wrote (exgen), checked value by value against exgen's
 * formulas, in CDF-2 and NetCDF-4, with one and with many partitions.
 */
class ExgenReadTest extends SparkTestBase {
  @TempDir static Path dir;

  static final ExgenOracle G = new ExgenOracle(4, 3, 2);
  static final int STEPS = 3;
  static Path cdf;
  static Path nc4;

  @BeforeAll
  static void files() throws Exception {
    cdf = exgen(dir.resolve("g.e"), G.nx, G.ny, G.nz, STEPS, 2, "cdf2");
    nc4 = exgen(dir.resolve("g4.e"), G.nx, G.ny, G.nz, STEPS, 2, "nc4");
  }

  private static void checkNodal(Dataset<Row> df) {
    assertEquals(
        List.of("step", "time", "node_id", "field_1", "field_2"), List.of(df.columns()), "columns");
    List<Row> rows = df.collectAsList();
    assertEquals(G.nodes() * STEPS, rows.size());
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      int step = r.getInt(0) - 1;
      long node = r.getLong(2) - 1;
      assertTrue(seen.add(step + ":" + node), "row twice: step " + step + " node " + node);
      assertEquals(G.time(step), r.getDouble(1));
      assertEquals(G.nodal(0, step, node), r.getDouble(3), "field_1 " + r);
      assertEquals(G.nodal(1, step, node), r.getDouble(4), "field_2 " + r);
    }
  }

  @Test
  void nodalRowsAreExgensValues() {
    checkNodal(read("nodal", cdf));
  }

  @Test
  void nodalRowsOfNetcdf4WithCacheAndDecodeOptions() {
    checkNodal(read("nodal", nc4, "cacheBytes", "1048576", "decodeThreads", "2"));
  }

  @Test
  void smallPartitionsGiveTheSameRows() {
    Dataset<Row> df = read("nodal", cdf, "partitionBytes", "200", "batchRows", "7");
    assertTrue(df.rdd().getNumPartitions() > STEPS, "partitions " + df.rdd().getNumPartitions());
    checkNodal(df);
  }

  @Test
  void elementRowsAreExgensValues() {
    Dataset<Row> df = read("element", cdf);
    assertEquals(List.of("step", "time", "block_id", "elem_id", "stress"), List.of(df.columns()));
    List<Row> rows = df.collectAsList();
    assertEquals(G.elements() * STEPS, rows.size());
    for (Row r : rows) {
      int step = r.getInt(0) - 1;
      assertEquals(10L, r.getLong(2));
      assertEquals(G.element(step, r.getLong(3) - 1), r.getDouble(4), r.toString());
    }
  }

  @Test
  void globalRowsAreExgensValues() {
    List<Row> rows = read("global", nc4).orderBy("step").collectAsList();
    assertEquals(STEPS, rows.size());
    for (int s = 0; s < STEPS; s++) {
      Row r = rows.get(s);
      assertEquals(s + 1, r.getInt(0));
      assertEquals(G.time(s), r.getDouble(1));
      assertEquals(G.global(0, s), r.getDouble(r.fieldIndex("energy")));
      assertEquals(G.global(1, s), r.getDouble(r.fieldIndex("momentum")));
    }
  }

  @Test
  void nodesAreExgensCoordinates() {
    List<Row> rows = read("nodes", cdf).collectAsList();
    assertEquals(G.nodes(), rows.size());
    for (Row r : rows) {
      long n = r.getLong(0) - 1;
      for (int a = 0; a < 3; a++) assertEquals(G.coord(a, n), r.getDouble(1 + a), "axis " + a);
    }
  }

  @Test
  void elementsAreExgensConnectivity() {
    List<Row> rows = read("elements", nc4, "batchRows", "5").collectAsList();
    assertEquals(G.elements(), rows.size());
    for (Row r : rows) {
      assertEquals(10L, r.getLong(0));
      assertEquals("HEX8", r.getString(2));
      assertEquals(G.connectivity(r.getLong(1) - 1), r.getList(3), "element " + r.getLong(1));
    }
  }

  @Test
  void sqlMaximumPerStep() {
    read("nodal", cdf).createOrReplaceTempView("exgen_nodal");
    List<Row> rows =
        spark
            .sql("SELECT step, max(field_2) AS m FROM exgen_nodal GROUP BY step ORDER BY step")
            .collectAsList();
    assertEquals(STEPS, rows.size());
    for (int s = 0; s < STEPS; s++) {
      assertEquals(G.nodal(1, s, G.nodes() - 1), rows.get(s).getDouble(1));
    }
  }
}
