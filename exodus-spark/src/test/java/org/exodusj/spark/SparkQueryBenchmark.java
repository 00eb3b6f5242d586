package org.exodusj.spark;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusOpenOptions;

/**
 * Side by side, same JVM, same set: the maximum of one nodal variable per step through Spark {@code
 * local[2]} against one {@link ExodusFileSet} thread reading the same into an array, and rows per
 * second of a full scan (every row of step, node id and one variable made and aggregated by Spark
 * itself, {@code pushDownAggregate=false}) against reading the same into arrays. Each side starts
 * after a {@code System.gc()}; the CPU time of the whole process is printed beside the elapsed
 * times. Not a test: run by hand (docs/spark.md) on a set exslabs wrote:
 *
 * <pre>
 * java --add-opens ... -cp CLASSPATH org.exodusj.spark.SparkQueryBenchmark BASE [reps]
 * </pre>
 */
public final class SparkQueryBenchmark {
  private SparkQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (!Files.exists(ExodusFileSet.piecesOf(base).get(0))) throw new IllegalArgumentException();
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    ExecutorService one = Executors.newSingleThreadExecutor();
    try (ExodusFileSet set =
        ExodusFileSet.open(ExodusFileSet.piecesOf(base), ExodusOpenOptions.DEFAULT, one, 1 << 16)) {
      long nodes = set.nodeCount();
      long steps = set.timeStepCount();
      System.out.printf(
          Locale.ROOT,
          "set %s: %d pieces, %d nodes, %d steps%n",
          base,
          set.pieceCount(),
          nodes,
          steps);
      double[] a = new double[Math.toIntExact(nodes)];
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long[] ids = new long[Math.toIntExact(nodes)];
      for (int r = 0; r < reps + 1; r++) {
        // each side starts from a collected heap: the other side's garbage is not its cost
        System.gc();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        double[] maxima = new double[(int) steps];
        for (int s = 0; s < steps; s++) {
          set.readNodalVariable(0, s, 0, nodes, a, 0);
          double m = Double.NEGATIVE_INFINITY;
          for (double v : a) m = Math.max(m, v);
          maxima[s] = m;
        }
        long t1a = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        System.gc();
        long c1b = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        Dataset<Row> q =
            spark
                .read()
                .format("exodus")
                .option("kind", "nodal")
                .load(base.toString())
                .groupBy("step")
                .agg(max("field_1"));
        long tLoad = System.nanoTime();
        q.queryExecution().executedPlan();
        long tPlan = System.nanoTime();
        List<Row> rows = q.collectAsList();
        long t2 = System.nanoTime();
        long c2 = os.getProcessCpuTime();
        System.out.printf(
            Locale.ROOT,
            "  Spark: load %.3f s, plan %.3f s, run %.3f s; CPU time (all threads of the process)"
                + " ExodusFileSet %.3f s, Spark %.3f s; load average %.2f%n",
            (tLoad - t1) / 1e9,
            (tPlan - tLoad) / 1e9,
            (t2 - tPlan) / 1e9,
            (c1 - c0) / 1e9,
            (c2 - c1b) / 1e9,
            os.getSystemLoadAverage());
        System.gc();
        long t2b = System.nanoTime();
        // every row made and consumed by Spark (its DataSourceReadBenchmark's way: an aggregate
        // over the columns, here left to Spark); a count() alone would be answered in the scan
        // without reading a value
        List<Row> scan =
            spark
                .read()
                .format("exodus")
                .option("kind", "nodal")
                .option("pushDownAggregate", "false")
                .load(base.toString())
                .agg(max("step"), sum("node_id"), max("field_1"))
                .collectAsList();
        long count = nodes * steps;
        long t3a = System.nanoTime();
        System.gc();
        long t3 = System.nanoTime();
        // the same rows into arrays: ids and one variable for every step
        for (int i = 0; i < nodes; i++) ids[i] = set.nodeId(i);
        for (int s = 0; s < steps; s++) set.readNodalVariable(0, s, 0, nodes, a, 0);
        long t4 = System.nanoTime();
        if (rows.size() != steps || scan.get(0).getInt(0) != steps)
          throw new AssertionError(rows + " " + scan);
        for (Row row : rows) {
          if (row.getDouble(1) != maxima[row.getInt(0) - 1])
            throw new AssertionError(row.toString());
        }
        System.out.printf(
            Locale.ROOT,
            "%s max per step: ExodusFileSet 1 thread %.3f s, Spark local[2] %.3f s (%.2fx);"
                + " rows/s: Spark %.3g, ExodusFileSet arrays %.3g (%.2fx)%n",
            r == 0 ? "warm-up" : "run " + r,
            (t1a - t0) / 1e9,
            (t2 - t1) / 1e9,
            (double) (t1a - t0) / (t2 - t1),
            count / ((t3a - t2b) / 1e9),
            count / ((t4 - t3) / 1e9),
            (double) (t4 - t3) / (t3a - t2b));
      }
    } finally {
      one.shutdown();
      spark.stop();
    }
  }
}
