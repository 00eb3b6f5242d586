package org.exodusj.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@code local[2]} session per test class; files the C library writes as oracles. */
abstract class SparkTestBase {
  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("exodus-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            // the scan's metrics are read from the executed plan
            .config("spark.sql.adaptive.enabled", "false")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) spark.stop();
    spark = null;
  }

  /** exgen's file: a HEX8 mesh whose values are exact functions of node, step and variable. */
  static Path exgen(Path out, int nx, int ny, int nz, int steps, int vars, String format)
      throws IOException, InterruptedException {
    return CTools.exgen(out, nx, ny, nz, steps, vars, format);
  }

  /**
   * exslabs (exodus-cli's test C program): exgen's mesh and values decomposed by the C library into
   * {@code pieces} slabs along z, with global id maps and Nemesis communication maps.
   */
  static Path exslabs(Path base, int nx, int ny, int nz, int steps, int vars, int pieces)
      throws IOException, InterruptedException {
    CTools.tool("exgen"); // skips or fails as the C tools do where libexodusII is missing
    Path src = Path.of("..", "exodus-cli", "src", "test", "c", "exslabs.c").toAbsolutePath();
    Path exe = Path.of("target", "ctools", "exslabs").toAbsolutePath();
    if (!Files.exists(exe)) {
      Files.createDirectories(exe.getParent());
      ExternalTools.run(
          "gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    }
    ExternalTools.run(
        exe.toString(),
        base.toString(),
        Integer.toString(nx),
        Integer.toString(ny),
        Integer.toString(nz),
        Integer.toString(steps),
        Integer.toString(vars),
        Integer.toString(pieces));
    return base;
  }

  static Dataset<Row> read(String kind, Path path, String... options) {
    var r = spark.read().format("exodus").option("kind", kind);
    for (int i = 0; i + 1 < options.length; i += 2) r = r.option(options[i], options[i + 1]);
    return r.load(path.toString());
  }

  /**
   * Runs the query (a new one: a second run of a query with a shuffle reuses it and reads nothing)
   * and returns a metric of its Exodus scan, summed over tasks.
   */
  static long scanMetric(Dataset<Row> df, String metric) {
    df.collectAsList();
    SparkPlan plan = df.queryExecution().executedPlan();
    long total = 0;
    boolean found = false;
    for (SparkPlan leaf : scala.jdk.javaapi.CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof BatchScanExec b) {
        total += b.metrics().apply(metric).value();
        found = true;
      }
    }
    if (!found) throw new AssertionError("no Exodus scan in " + plan);
    return total;
  }
}
