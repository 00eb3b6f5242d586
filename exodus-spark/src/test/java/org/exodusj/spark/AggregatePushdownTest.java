package org.exodusj.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.exodusj.ExgenOracle;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates computed in the scan ({@code MIN}, {@code MAX}, {@code SUM}, {@code COUNT}, {@code
 * COUNT(*)}, and {@code AVG} as Spark splits it) give what Spark computes from the rows ({@code
 * option("pushDownAggregate", "false")}) and what the values the C library wrote give: NaN (larger
 * than any number in Spark), element variables a block lacks (null), id maps that are not the
 * indices, decomposed sets (a border node counted once), partitions cut by entity ranges.
 */
class AggregatePushdownTest extends SparkTestBase {
  @TempDir static Path dir;

  /** expoly.c: 12 nodes, element blocks 10 (3 QUAD4), 20 (2 NSIDED), 30 (1 QUAD4), 3 steps. */
  static Path poly;

  static final double[] TIMES = {0, 0.25, 0.75};
  static final ExgenOracle G = new ExgenOracle(5, 4, 8);
  static final int STEPS = 3;
  static Path slabs;

  @BeforeAll
  static void files() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "expoly.c").toAbsolutePath());
    poly = dir.resolve("poly.e");
    ExternalTools.run(exe.toString(), poly.toString());
    slabs = exslabs(dir.resolve("agg.e"), G.nx, G.ny, G.nz, STEPS, 2, 3);
  }

  // ---- the values expoly.c writes --------------------------------------------------------------

  static double temp(int n, int s) {
    return s == 2 && n == 5 ? Double.NaN : 1.5 * n + 10 * s - 14;
  }

  static double pres(int n, int s) {
    return s == 3 ? Double.NaN : 0.25 * n - s;
  }

  static final long[] BLOCKS = {10, 20, 30};
  static final int[] FIRST = {0, 3, 5};
  static final int[] SIZE = {3, 2, 1};

  static double stress(int e, int s) {
    return 2.0 * e + s;
  }

  /** Null (the truth table leaves block 20 out) as a Double. */
  static Double strain(int b, int e, int s) {
    if (b == 1) return null;
    return b == 2 && s == 1 ? Double.NaN : 0.5 * s - e;
  }

  // ---- Spark's aggregates, written out ---------------------------------------------------------

  /** Spark's max: NaN is larger than any number; null without values. */
  static Double sparkMax(List<Double> v) {
    Double m = null;
    for (Double d : v) {
      if (d == null) continue;
      if (m == null || Double.isNaN(d) || (!Double.isNaN(m) && d > m)) m = d;
    }
    return m;
  }

  /** Spark's min: NaN only where every value is NaN; null without values. */
  static Double sparkMin(List<Double> v) {
    Double m = null;
    for (Double d : v) {
      if (d == null) continue;
      if (m == null || (Double.isNaN(m) && !Double.isNaN(d)) || d < m) m = d;
    }
    return m;
  }

  static Double sparkSum(List<Double> v) {
    Double s = null;
    for (Double d : v) if (d != null) s = s == null ? d : s + d;
    return s;
  }

  static long sparkCount(List<Double> v) {
    long c = 0;
    for (Double d : v) if (d != null) c++;
    return c;
  }

  // ---- the comparison --------------------------------------------------------------------------

  /**
   * The query over the table with the aggregate pushed into the scan and computed by Spark from
   * rows; asserts which plan did which and that both give the same rows, and returns them.
   */
  static List<Row> both(
      Function<Dataset<Row>, Dataset<Row>> query,
      boolean pushable,
      String kind,
      Path path,
      String... options) {
    Dataset<Row> pushed = query.apply(read(kind, path, options));
    List<String> off = new ArrayList<>(List.of(options));
    off.add("pushDownAggregate");
    off.add("false");
    Dataset<Row> rows = query.apply(read(kind, path, off.toArray(new String[0])));
    List<Row> a = pushed.collectAsList();
    List<Row> b = rows.collectAsList();
    assertEquals(
        pushable,
        plan(pushed).contains("aggregated"),
        "aggregate pushed into the scan: " + plan(pushed));
    assertFalse(plan(rows).contains("aggregated"), plan(rows));
    assertEquals(b.size(), a.size(), "rows " + a + " against " + b);
    for (int i = 0; i < a.size(); i++) sameRow(b.get(i), a.get(i));
    return a;
  }

  static String plan(Dataset<Row> df) {
    return df.queryExecution().executedPlan().toString();
  }

  static void sameRow(Row want, Row got) {
    assertEquals(want.size(), got.size());
    for (int c = 0; c < want.size(); c++) {
      Object w = want.get(c);
      Object g = got.get(c);
      if (w instanceof Double x && g instanceof Double y) {
        same(x, y, "column " + c + " of " + got + " against " + want);
      } else {
        assertEquals(w, g, "column " + c + " of " + got + " against " + want);
      }
    }
  }

  /** Equal, NaN equal to NaN; sums to the last bits (the order of additions differs). */
  static void same(Double want, Object got, String what) {
    if (want == null) {
      assertNull(got, what);
      return;
    }
    double g = (Double) got;
    if (Double.isNaN(want) || Double.isInfinite(want)) {
      assertEquals(want, g, what);
    } else {
      assertEquals(want, g, Math.abs(want) * 1e-12, what);
    }
  }

  // ---- expoly: NaN, nulls, ids -----------------------------------------------------------------

  @Test
  void nodalAggregatesPerStepWithNaN() {
    List<Row> rows =
        both(
            df ->
                df.groupBy("step")
                    .agg(
                        min("temp"),
                        max("temp"),
                        sum("temp"),
                        count("temp"),
                        count(lit(1)),
                        min("pres"),
                        max("pres"),
                        avg("pres"))
                    .orderBy("step"),
            true,
            "nodal",
            poly);
    assertEquals(3, rows.size());
    for (int s = 1; s <= 3; s++) {
      List<Double> t = new ArrayList<>();
      List<Double> p = new ArrayList<>();
      for (int n = 0; n < 12; n++) {
        t.add(temp(n, s));
        p.add(pres(n, s));
      }
      Row r = rows.get(s - 1);
      assertEquals(s, r.getInt(0));
      same(sparkMin(t), r.get(1), "min temp step " + s);
      same(sparkMax(t), r.get(2), "max temp step " + s); // NaN at step 2
      same(sparkSum(t), r.get(3), "sum temp step " + s);
      assertEquals(12L, r.getLong(4));
      assertEquals(12L, r.getLong(5));
      same(sparkMin(p), r.get(6), "min pres step " + s); // NaN at step 3 only
      same(sparkMax(p), r.get(7), "max pres step " + s);
      same(sparkSum(p) / 12, r.get(8), "avg pres step " + s);
    }
  }

  @Test
  void elementAggregatesPerBlockAndStepWithNulls() {
    List<Row> rows =
        both(
            df ->
                df.groupBy("block_id", "step")
                    .agg(
                        min("strain"), max("strain"), sum("stress"), count("strain"), count(lit(1)))
                    .orderBy("block_id", "step"),
            true,
            "element",
            poly);
    assertEquals(9, rows.size());
    for (int b = 0; b < 3; b++) {
      for (int s = 1; s <= 3; s++) {
        List<Double> strain = new ArrayList<>();
        List<Double> stress = new ArrayList<>();
        for (int k = 0; k < SIZE[b]; k++) {
          strain.add(strain(b, FIRST[b] + k, s));
          stress.add(stress(FIRST[b] + k, s));
        }
        Row r = rows.get(3 * b + s - 1);
        String what = "block " + BLOCKS[b] + " step " + s;
        assertEquals(BLOCKS[b], r.getLong(0));
        assertEquals(s, r.getInt(1));
        same(sparkMin(strain), r.get(2), "min strain " + what); // null in block 20
        same(sparkMax(strain), r.get(3), "max strain " + what);
        same(sparkSum(stress), r.get(4), "sum stress " + what);
        assertEquals(sparkCount(strain), r.getLong(5), "count strain " + what); // 0 in block 20
        assertEquals(SIZE[b], r.getLong(6), "count(*) " + what);
      }
    }
  }

  @Test
  void elementAggregatesOverEverythingAndByTime() {
    List<Double> strain = new ArrayList<>();
    List<Double> stress = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      for (int b = 0; b < 3; b++) {
        for (int k = 0; k < SIZE[b]; k++) {
          strain.add(strain(b, FIRST[b] + k, s));
          stress.add(stress(FIRST[b] + k, s));
        }
      }
    }
    Row all =
        both(
                df -> df.agg(max("strain"), min("strain"), count("strain"), sum("stress")),
                true,
                "element",
                poly)
            .get(0);
    same(sparkMax(strain), all.get(0), "max strain: NaN in block 30 at step 1");
    same(sparkMin(strain), all.get(1), "min strain");
    assertEquals(sparkCount(strain), all.getLong(2));
    same(sparkSum(stress), all.get(3), "sum stress");

    List<Row> byTime =
        both(df -> df.groupBy("time").agg(sum("stress")).orderBy("time"), true, "element", poly);
    for (int s = 1; s <= 3; s++) {
      assertEquals(TIMES[s - 1], byTime.get(s - 1).getDouble(0));
      // the six elements' stress 2 e + s: 2 (0 + .. + 5) + 6 s
      assertEquals(30 + 6 * s, byTime.get(s - 1).getDouble(1), 1e-12);
    }
  }

  @Test
  void filtersTheScanAppliesExactlyKeepThePushdownOthersDoNot() {
    Row one =
        both(
                df -> df.where("step = 2 AND block_id = 30").agg(max("strain"), count(lit(1))),
                true,
                "element",
                poly)
            .get(0);
    assertEquals(0.5 * 2 - 5, one.getDouble(0));
    assertEquals(1L, one.getLong(1));
    Row nan = both(df -> df.where("step = 2").agg(max("temp")), true, "nodal", poly).get(0);
    assertTrue(Double.isNaN(nan.getDouble(0)));
    // a filter on a variable is Spark's to apply: no pushdown, the same answer
    List<Row> hot =
        both(
            df -> df.where(col("temp").gt(25)).groupBy("step").agg(count(lit(1))).orderBy("step"),
            false,
            "nodal",
            poly);
    // NaN is larger than 25 in Spark: step 2's NaN passes, and step 3's five largest
    assertEquals(2, hot.size(), "steps 2 and 3: " + hot);
    for (int i = 0; i < 2; i++) {
      int s = i + 2;
      long want = 0;
      for (int n = 0; n < 12; n++) if (temp(n, s) > 25 || Double.isNaN(temp(n, s))) want++;
      assertEquals(s, hot.get(i).getInt(0));
      assertEquals(want, hot.get(i).getLong(1), "step " + s);
    }
    // nor does a node id range, which the scan only prunes by
    both(df -> df.where("node_id < 1040").agg(sum("pres")), false, "nodal", poly);
  }

  @Test
  void countsReadNoValues() {
    Dataset<Row> df = read("element", poly).groupBy("step").agg(count("strain"), count(lit(1)));
    assertEquals(0, scanMetric(df, ReadMetrics.BYTES));
    assertEquals(6L * 3, read("element", poly).count());
  }

  // ---- decomposed sets -------------------------------------------------------------------------

  @Test
  void aSetCountsABorderNodeOnceInEveryPartitioning() {
    for (String bytes : new String[] {"134217728", "1024"}) { // whole pieces; entity ranges
      List<Row> rows =
          both(
              df ->
                  df.groupBy("step")
                      .agg(
                          sum("field_1"),
                          count(lit(1)),
                          max("field_2"),
                          min("field_2"),
                          count("field_1"))
                      .orderBy("step"),
              true,
              "nodal",
              slabs,
              "partitionBytes",
              bytes);
      assertEquals(STEPS, rows.size());
      for (int s = 0; s < STEPS; s++) {
        double want = 0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (long n = 0; n < G.nodes(); n++) {
          want += G.nodal(0, s, n);
          hi = Math.max(hi, G.nodal(1, s, n));
          lo = Math.min(lo, G.nodal(1, s, n));
        }
        Row r = rows.get(s);
        assertEquals(want, r.getDouble(1), Math.abs(want) * 1e-12, "sum, partitions of " + bytes);
        assertEquals(G.nodes(), r.getLong(2), "count(*)");
        assertEquals(hi, r.getDouble(3));
        assertEquals(lo, r.getDouble(4));
        assertEquals(G.nodes(), r.getLong(5), "count");
      }
    }
  }

  @Test
  void aSetRewrittenInPlaceIsReadAgain() throws Exception {
    // the executors keep each piece's border nodes between queries; a new set at the same paths
    // (other sizes, other borders) must not be read with the old ones
    Path base = dir.resolve("again.e");
    for (ExgenOracle g : new ExgenOracle[] {new ExgenOracle(3, 3, 6), new ExgenOracle(4, 2, 6)}) {
      exslabs(base, g.nx, g.ny, g.nz, 1, 1, 3);
      Row r = read("nodal", base).agg(count(lit(1)), sum("field_1")).collectAsList().get(0);
      double want = 0;
      for (long n = 0; n < g.nodes(); n++) want += g.nodal(0, 0, n);
      assertEquals(g.nodes(), r.getLong(0), "nodes of " + g.nx + " x " + g.ny + " x " + g.nz);
      assertEquals(want, r.getDouble(1), Math.abs(want) * 1e-12);
    }
  }

  @Test
  void theCorpusSetAggregatesAsItsSerialFile() throws Exception {
    Path noh = ExternalTools.corpus().resolve("decomposed").resolve("noh.exo");
    for (String kind : new String[] {"nodal", "element"}) {
      Dataset<Row> serial = read(kind, noh, "decomposed", "false", "pushDownAggregate", "false");
      List<String> vars = new ArrayList<>();
      for (String c : serial.columns()) {
        if (!Layout.isFixed(ReadOptions.Kind.valueOf(kind.toUpperCase()), c)) vars.add(c);
      }
      List<org.apache.spark.sql.Column> aggs = new ArrayList<>();
      for (String v : vars) {
        aggs.add(min(v));
        aggs.add(max(v));
        aggs.add(sum(v));
        aggs.add(count(v));
      }
      Function<Dataset<Row>, Dataset<Row>> q =
          df ->
              df.groupBy("step")
                  .agg(count(lit(1)), aggs.toArray(new org.apache.spark.sql.Column[0]))
                  .orderBy("step");
      List<Row> set = both(q, true, kind, noh);
      List<Row> want = q.apply(serial).collectAsList();
      assertEquals(want.size(), set.size());
      for (int i = 0; i < want.size(); i++) sameRow(want.get(i), set.get(i));
    }
  }

  @Test
  void aWrongOptionValueIsNamed() {
    Throwable t =
        assertThrows(
            IllegalArgumentException.class,
            () -> read("nodal", poly, "pushDownAggregate", "maybe").collectAsList());
    assertTrue(t.getMessage().contains("pushDownAggregate=maybe"), t.getMessage());
  }
}
