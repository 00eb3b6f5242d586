package org.exodusj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.exodusj.ExgenOracle;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column pruning and filter pushdown reduce what is read: counted by the scan's bytes-read metric
 * (the bytes of values requested from the files, at their stored word size), against the sizes the
 * file's dimensions give.
 */
class PushdownTest extends SparkTestBase {
  @TempDir static Path dir;

  static final ExgenOracle G = new ExgenOracle(20, 20, 20);
  static final int STEPS = 6;
  static Path file;
  static final String BYTES = ReadMetrics.BYTES;

  @BeforeAll
  static void files() throws Exception {
    file = exgen(dir.resolve("p.e"), G.nx, G.ny, G.nz, STEPS, 3, "cdf2");
  }

  @Test
  void onlyTheSelectedVariablesAreRead() {
    long one = scanMetric(read("nodal", file).select("step", "node_id", "field_2"), BYTES);
    assertEquals(G.nodes() * STEPS * 8, one, "one variable, no times");
    long all = scanMetric(read("nodal", file), BYTES);
    assertEquals(3 * G.nodes() * STEPS * 8 + STEPS * 8, all, "three variables and the times");
  }

  @Test
  void aStepFilterReadsOneStep() {
    Dataset<Row> df = read("nodal", file).where("step = 4").select("node_id", "field_1");
    assertEquals(G.nodes() * 8, scanMetric(df, BYTES));
    List<Row> rows = df.collectAsList();
    assertEquals(G.nodes(), rows.size());
    for (Row r : rows) assertEquals(G.nodal(0, 3, r.getLong(0) - 1), r.getDouble(1));
  }

  @Test
  void aTimeFilterReadsTheMatchingSteps() {
    Dataset<Row> df = read("nodal", file).where("time > 0.45").select("step", "field_3");
    assertEquals(2 * G.nodes() * 8, scanMetric(df, BYTES), "steps 5 and 6");
    assertEquals(2 * G.nodes(), df.count());
  }

  @Test
  void aNodeIdRangeReadsAboutItsNodes() {
    Dataset<Row> df =
        read("nodal", file)
            .where(col("node_id").between(1000, 1099).and(col("step").equalTo(2)))
            .select("node_id", "field_1");
    long bytes = scanMetric(df, BYTES);
    assertTrue(bytes > 0 && bytes <= 2 * 100 * 8, "bytes " + bytes);
    List<Row> rows = df.collectAsList();
    assertEquals(100, rows.size());
    for (Row r : rows) assertEquals(G.nodal(0, 1, r.getLong(0) - 1), r.getDouble(1));
  }

  @Test
  void oneStepAndOneBlockReadAtMostTwiceTheirBytes() throws Exception {
    // the corpus's serial noh.exo: 2 blocks of 5 elements, 31 steps, 5 element variables, 8-byte
    Path noh = ExternalTools.corpus().resolve("decomposed").resolve("noh.exo");
    Dataset<Row> df =
        read("element", noh, "decomposed", "false")
            .where("step = 5 AND block_id = 2")
            .select("elem_id", "ENERGY_1");
    long bytes = scanMetric(df, BYTES);
    long blockStep = 5 * 8;
    long ids = 5 * 4; // elem_num_map, 32-bit
    assertTrue(bytes <= 2 * (blockStep + ids), "bytes " + bytes);
    assertEquals(5, df.count());
    long all = scanMetric(read("element", noh, "decomposed", "false"), BYTES);
    assertTrue(all >= 31 * 10 * 5 * 8, "unfiltered " + all);
  }

  @Test
  void filtersPrunePartitionsAndStatisticsFollow() {
    String oneStep = Long.toString(G.nodes() * 8 * 3);
    Dataset<Row> all = read("nodal", file, "partitionBytes", oneStep);
    assertEquals(STEPS, all.rdd().getNumPartitions());
    Dataset<Row> two = all.where("step = 2");
    assertEquals(1, two.rdd().getNumPartitions());
    spark.conf().set("spark.sql.cbo.enabled", "true"); // the planner then keeps row counts
    assertEquals(
        G.nodes() * STEPS,
        all.queryExecution().optimizedPlan().stats().rowCount().get().longValue(),
        "rows from the header");
    assertEquals(
        G.nodes(),
        two.queryExecution().optimizedPlan().stats().rowCount().get().longValue(),
        "rows after pushdown");
    spark.conf().unset("spark.sql.cbo.enabled");
  }

  @Test
  void aggregatesPerStepAreComputedInTheScan() {
    Dataset<Row> df =
        read("nodal", file)
            .groupBy("step")
            .agg(max("field_1"), min("field_2"), count("field_3"), sum("field_1"), count(lit(1)))
            .orderBy("step");
    List<Row> rows = df.collectAsList();
    assertTrue(
        df.queryExecution().executedPlan().toString().contains("aggregated"),
        "pushed into the scan: " + df.queryExecution().executedPlan());
    assertEquals(STEPS, rows.size());
    for (int s = 0; s < STEPS; s++) {
      Row r = rows.get(s);
      assertEquals(s + 1, r.getInt(0));
      assertEquals(G.nodal(0, s, G.nodes() - 1), r.getDouble(1), "max");
      assertEquals(G.nodal(1, s, 0), r.getDouble(2), "min");
      assertEquals(G.nodes(), r.getLong(3), "count");
      double want = 0;
      for (long n = 0; n < G.nodes(); n++) want += G.nodal(0, s, n);
      assertEquals(want, r.getDouble(4), Math.abs(want) * 1e-12, "sum");
      assertEquals(G.nodes(), r.getLong(5), "count(*)");
    }
    // a step filter is applied exactly by the planning, so the aggregate still goes to the scan
    Dataset<Row> one = read("nodal", file).where("step = 3").agg(max("field_2"));
    assertEquals(G.nodal(1, 2, G.nodes() - 1), one.collectAsList().get(0).getDouble(0));
    assertTrue(one.queryExecution().executedPlan().toString().contains("aggregated"));
    // a new query: a second run of the same one reuses its shuffle and reads nothing
    Dataset<Row> again = read("nodal", file).where("step = 3").agg(max("field_2"));
    assertEquals(G.nodes() * 8, scanMetric(again, BYTES), "one step of one variable");
  }
}
