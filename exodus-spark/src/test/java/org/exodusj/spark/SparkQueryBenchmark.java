package org.exodusj.spark;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusOpenOptions;

/**
 * Side by side, same JVM, same set, the two sides interleaved in every round:
 *
 * <ul>
 *   <li><b>cold</b>: the maximum of one nodal variable per step from the set's path alone: one
 *       {@link ExodusFileSet} thread opens the set (headers, id maps, numbering) and reads into an
 *       array; Spark {@code local[2]} starts with the data source's caches emptied ({@link
 *       OpenFiles#clear()}, {@link PieceFacts#clear()}), so it opens every piece too;
 *   <li><b>warm</b>: the same query with the opening excluded on both sides: the set kept open from
 *       the round before, Spark's data source with its caches of open files;
 *   <li><b>rows</b>: every row of {@code step}, {@code node_id} and one variable consumed: Spark
 *       makes the rows and aggregates them itself ({@code max(step)}, {@code sum(node_id)}, {@code
 *       max(var)}, {@code pushDownAggregate=false}; a {@code count()} would be answered in the scan
 *       without reading a value), against the same ids and values read into arrays and folded the
 *       same way in one thread (both warm).
 * </ul>
 *
 * The first round (Spark's classes loading, the JIT cold) is printed apart; then the best and the
 * median of the following rounds. Each side starts after a {@code System.gc()}; the CPU time of the
 * whole process is printed beside the elapsed times. Not a test: run by hand (docs/spark.md) on a
 * set exslabs wrote:
 *
 * <pre>
 * java --add-opens ... -cp CLASSPATH org.exodusj.spark.SparkQueryBenchmark BASE [rounds]
 * </pre>
 */
public final class SparkQueryBenchmark {
  private SparkQueryBenchmark() {}

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Elapsed and process CPU seconds of one timed run. */
  private record Run(double seconds, double cpu) {}

  private interface Body {
    void run() throws Exception;
  }

  private static Run time(Body b) throws Exception {
    System.gc();
    long c0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    b.run();
    long t1 = System.nanoTime();
    return new Run((t1 - t0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9);
  }

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Path> pieces = ExodusFileSet.piecesOf(base);
    if (!Files.exists(pieces.get(0))) throw new IllegalArgumentException(base.toString());
    String var = "field_1";
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    ExecutorService one = Executors.newSingleThreadExecutor();
    ExodusFileSet kept = null;
    List<double[]> cold = new ArrayList<>();
    List<double[]> warm = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    try {
      for (int r = 0; r <= rounds; r++) {
        double[][] answer = new double[2][];
        // ---- cold: from the path, both sides
        if (kept != null) kept.close();
        kept = null;
        Run fsCold =
            time(
                () -> {
                  try (ExodusFileSet set =
                      ExodusFileSet.open(pieces, ExodusOpenOptions.DEFAULT, one, 1 << 16)) {
                    answer[0] = maxPerStep(set);
                  }
                });
        OpenFiles.clear();
        PieceFacts.clear();
        Run spCold = time(() -> answer[1] = sparkMaxPerStep(spark, base, var));
        check(answer[0], answer[1]);
        // ---- warm: the opening excluded on both sides
        kept = ExodusFileSet.open(pieces, ExodusOpenOptions.DEFAULT, one, 1 << 16);
        ExodusFileSet set = kept;
        Run fsWarm = time(() -> answer[0] = maxPerStep(set));
        Run spWarm = time(() -> answer[1] = sparkMaxPerStep(spark, base, var));
        check(answer[0], answer[1]);
        // ---- rows: every row's values consumed
        long count = set.nodeCount() * set.timeStepCount();
        double[][] folds = new double[2][];
        Run fsRows = time(() -> folds[0] = foldRows(set));
        Run spRows =
            time(
                () -> {
                  Row a =
                      spark
                          .read()
                          .format("exodus")
                          .option("kind", "nodal")
                          .option("pushDownAggregate", "false")
                          .load(base.toString())
                          .agg(max("step"), sum("node_id"), max(var))
                          .collectAsList()
                          .get(0);
                  folds[1] = new double[] {a.getInt(0), a.getLong(1), a.getDouble(2)};
                });
        if (!Arrays.equals(folds[0], folds[1])) {
          throw new AssertionError(Arrays.toString(folds[0]) + " " + Arrays.toString(folds[1]));
        }
        System.out.printf(
            Locale.ROOT,
            "%s (load average %.2f)%n"
                + "  cold max per step: ExodusFileSet 1 thread %.3f s (CPU %.2f s), Spark local[2]"
                + " %.3f s (CPU %.2f s): %.2fx%n"
                + "  warm max per step: ExodusFileSet 1 thread %.3f s (CPU %.2f s), Spark local[2]"
                + " %.3f s (CPU %.2f s): %.2fx%n"
                + "  rows/s (every row consumed): Spark %.3g, arrays 1 thread %.3g: %.2fx%n",
            r == 0 ? "first round" : "round " + r,
            OS.getSystemLoadAverage(),
            fsCold.seconds,
            fsCold.cpu,
            spCold.seconds,
            spCold.cpu,
            fsCold.seconds / spCold.seconds,
            fsWarm.seconds,
            fsWarm.cpu,
            spWarm.seconds,
            spWarm.cpu,
            fsWarm.seconds / spWarm.seconds,
            count / spRows.seconds,
            count / fsRows.seconds,
            fsRows.seconds / spRows.seconds);
        if (r > 0) {
          cold.add(new double[] {fsCold.seconds, spCold.seconds});
          warm.add(new double[] {fsWarm.seconds, spWarm.seconds});
          rows.add(new double[] {fsRows.seconds, spRows.seconds});
        }
      }
      if (rounds > 0) {
        summary("cold max per step", cold);
        summary("warm max per step", warm);
        summary("rows/s, Spark : arrays", rows);
      }
    } finally {
      if (kept != null) kept.close();
      one.shutdown();
      spark.stop();
    }
  }

  private static double[] maxPerStep(ExodusFileSet set) throws Exception {
    long nodes = set.nodeCount();
    int steps = Math.toIntExact(set.timeStepCount());
    double[] a = new double[Math.toIntExact(nodes)];
    double[] maxima = new double[steps];
    for (int s = 0; s < steps; s++) {
      set.readNodalVariable(0, s, 0, nodes, a, 0);
      // the fold the data source uses (ExodusAggregateReader.max), so that both sides fold alike
      maxima[s] = ExodusAggregateReader.max(a, 0, a.length);
    }
    return maxima;
  }

  private static double[] sparkMaxPerStep(SparkSession spark, Path base, String var) {
    List<Row> rows =
        spark
            .read()
            .format("exodus")
            .option("kind", "nodal")
            .load(base.toString())
            .groupBy("step")
            .agg(max(var))
            .collectAsList();
    double[] maxima = new double[rows.size()];
    for (Row row : rows) maxima[row.getInt(0) - 1] = row.getDouble(1);
    return maxima;
  }

  /** max(step), sum(node_id), max(variable) over every row, from arrays, in one thread. */
  private static double[] foldRows(ExodusFileSet set) throws Exception {
    int nodes = Math.toIntExact(set.nodeCount());
    int steps = Math.toIntExact(set.timeStepCount());
    long[] ids = new long[nodes];
    double[] a = new double[nodes];
    for (int i = 0; i < nodes; i++) ids[i] = set.nodeId(i);
    int maxStep = Integer.MIN_VALUE;
    long idSum = 0;
    double m = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < steps; s++) {
      set.readNodalVariable(0, s, 0, nodes, a, 0);
      for (int i = 0; i < nodes; i++) {
        maxStep = Math.max(maxStep, s + 1);
        idSum += ids[i];
        m = Math.max(m, a[i]);
      }
    }
    return new double[] {maxStep, idSum, m};
  }

  private static void check(double[] expected, double[] actual) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionError(Arrays.toString(expected) + " " + Arrays.toString(actual));
    }
  }

  /**
   * Best and median of the ratios (ExodusFileSet time / Spark time) of the rounds after the first.
   */
  private static void summary(String what, List<double[]> runs) {
    double[] ratio = new double[runs.size()];
    double[] fs = new double[runs.size()];
    double[] sp = new double[runs.size()];
    for (int i = 0; i < ratio.length; i++) {
      fs[i] = runs.get(i)[0];
      sp[i] = runs.get(i)[1];
      ratio[i] = fs[i] / sp[i];
    }
    Arrays.sort(ratio);
    Arrays.sort(fs);
    Arrays.sort(sp);
    System.out.printf(
        Locale.ROOT,
        "%s after the first round: ratio best %.2fx, median %.2fx; ExodusFileSet best %.3f s"
            + " median %.3f s; Spark best %.3f s median %.3f s%n",
        what,
        ratio[ratio.length - 1],
        median(ratio),
        fs[0],
        median(fs),
        sp[0],
        median(sp));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
