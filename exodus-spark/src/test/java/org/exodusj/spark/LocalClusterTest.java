package org.exodusj.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.exodusj.ExgenOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executor processes ({@code local-cluster}): the partitions and the reader factory are
 * serialised to other JVMs, which open the files again. Spark starts the executors with {@code
 * SPARK_HOME/jars} (an empty folder here, {@code target/spark-home}, set by the POM) and {@code
 * spark.executor.extraClassPath} (this JVM's class path).
 */
class LocalClusterTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static final ExgenOracle G = new ExgenOracle(4, 3, 4);
  static Path set;

  @BeforeAll
  static void start() throws Exception {
    set = SparkTestBase.exslabs(dir.resolve("lc.e"), G.nx, G.ny, G.nz, 2, 1, 2);
    String home = System.getenv("SPARK_HOME");
    assertTrue(home != null, "SPARK_HOME is set by the POM for this test");
    Files.createDirectories(Path.of(home, "jars"));
    spark =
        SparkSession.builder()
            .master("local-cluster[2,1,1024]")
            .appName("exodus-spark-local-cluster")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) spark.stop();
  }

  @Test
  void executorsInOtherProcessesReadTheSet() {
    List<Row> rows =
        spark
            .read()
            .format("exodus")
            .option("kind", "nodal")
            .option("partitionBytes", "256")
            .load(set.toString())
            .collectAsList();
    assertEquals(G.nodes() * 2, rows.size());
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      int step = r.getInt(0) - 1;
      long node = r.getLong(2) - 1;
      assertTrue(seen.add(step + " " + node));
      assertEquals(G.nodal(0, step, node), r.getDouble(3));
    }
    // the tasks ran in the executor processes, not in this JVM
    assertEquals(3, spark.sparkContext().getExecutorMemoryStatus().size(), "driver + 2 executors");
  }

  @Test
  void executorsAggregateTheirPartitions() {
    var df =
        spark
            .read()
            .format("exodus")
            .option("kind", "nodal")
            .option("partitionBytes", "256")
            .load(set.toString())
            .groupBy("step")
            .agg(sum("field_1"), count(lit(1)), max("field_1"))
            .orderBy("step");
    List<Row> rows = df.collectAsList();
    assertTrue(df.queryExecution().executedPlan().toString().contains("aggregated"));
    assertEquals(2, rows.size());
    for (int s = 0; s < 2; s++) {
      double want = 0;
      double hi = Double.NEGATIVE_INFINITY;
      for (long n = 0; n < G.nodes(); n++) {
        want += G.nodal(0, s, n);
        hi = Math.max(hi, G.nodal(0, s, n));
      }
      assertEquals(s + 1, rows.get(s).getInt(0));
      assertEquals(want, rows.get(s).getDouble(1), Math.abs(want) * 1e-12, "sum, nodes once");
      assertEquals(G.nodes(), rows.get(s).getLong(2));
      assertEquals(hi, rows.get(s).getDouble(3));
    }
  }
}
