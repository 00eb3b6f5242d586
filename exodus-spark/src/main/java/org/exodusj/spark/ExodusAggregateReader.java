package org.exodusj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;

/**
 * Computes a partition's partial aggregates straight from the library's reads into a reused {@code
 * double[]}: no column vector and no row is made. Per step of the partition the group (its {@code
 * source}, {@code step}, {@code time}, {@code block_id}) is one key; each variable a {@code MIN},
 * {@code MAX} or {@code SUM} needs is read once in chunks and folded in loops over the array,
 * skipping the nodes a higher rank of a set supplies; {@code COUNT} and {@code COUNT(*)} are
 * counted from the partition's size without reading a value. Spark's semantics: {@code NaN} is
 * larger than any number (a {@code MAX} over a NaN is NaN, a {@code MIN} is NaN only where every
 * value is), and a group without a value (a block the truth table gives no such variable) gives
 * null, and a count of 0.
 */
final class ExodusAggregateReader implements PartitionReader<ColumnarBatch> {
  // 256 KiB: below the size G1 allocates as humongous objects in small heaps
  private static final int CHUNK = 1 << 15;

  private static final ThreadLocal<double[]> BUFFER = new ThreadLocal<>();

  private final ReadOptions options;
  private final Aggregates agg;
  private final ExodusPartition p;
  private final StructType outputSchema;
  private final String[] groupColumns;

  /** Per aggregate: the position of its variable in {@code p.variables}, or -1 (COUNT(*)). */
  private final int[] varOf;

  private ColumnarBatch result;
  private boolean done;
  private long bytesRead;
  private long valuesRead;

  /** {@code input}: the group columns, then the variables the aggregates read. */
  ExodusAggregateReader(ReadOptions options, Aggregates agg, ExodusPartition p, StructType input) {
    if (p.ids != null) {
      // an id filter is never applied exactly, and an aggregation is pushed only without one
      throw new IllegalStateException("aggregating a partition filtered by ids: " + p);
    }
    this.options = options;
    this.agg = agg;
    this.p = p;
    this.outputSchema = agg.output(input);
    this.groupColumns = agg.groups.clone();
    List<String> vars = new ArrayList<>();
    for (StructField f : input.fields()) {
      if (!Layout.isFixed(options.kind(), f.name())) vars.add(f.name());
    }
    varOf = new int[agg.functions.length];
    for (int i = 0; i < varOf.length; i++) {
      varOf[i] = agg.columns[i] == null ? -1 : vars.indexOf(agg.columns[i]);
    }
  }

  @Override
  public boolean next() throws IOException {
    if (done) return false;
    done = true;
    Map<List<Object>, double[]> acc;
    try (OpenFiles.Lease l = OpenFiles.acquire(options, Path.of(p.path))) {
      acc = aggregate(l.file());
    } catch (IOException e) {
      throw e.getMessage() != null && e.getMessage().contains(p.path)
          ? e
          : new IOException(ExodusScan.message(p.path, e), e);
    }
    result = output(acc);
    return result.numRows() > 0;
  }

  /** Per group: per aggregate, {value, NaNs seen (MIN), values seen}. */
  private Map<List<Object>, double[]> aggregate(ExodusFile file) throws IOException {
    int nf = agg.functions.length;
    Map<List<Object>, double[]> acc = new LinkedHashMap<>();
    if (p.steps.length == 0) return acc;
    long[] excluded = p.excluded(file);
    long rows = p.count - excluded.length;
    if (rows <= 0) return acc;
    int realSize = file.info().floatingPointWordSize();
    double[] times = null;
    for (String g : groupColumns) {
      if (g.equals("time")) {
        int lo = p.steps[0];
        int span = p.steps[p.steps.length - 1] - lo + 1;
        times = new double[lo + span];
        file.readTimes(lo, span, times, lo);
        valuesRead += span;
        bytesRead += (long) span * realSize;
      }
    }
    // per variable position: which of MIN, MAX, SUM it needs
    int nv = p.variables.length;
    boolean[] wantMin = new boolean[nv];
    boolean[] wantMax = new boolean[nv];
    boolean[] wantSum = new boolean[nv];
    for (int i = 0; i < nf; i++) {
      int v = varOf[i];
      if (v < 0 || p.variables[v] < 0) continue;
      switch (agg.functions[i]) {
        case Aggregates.MIN -> wantMin[v] = true;
        case Aggregates.MAX -> wantMax[v] = true;
        case Aggregates.SUM -> wantSum[v] = true;
        default -> {}
      }
    }
    double[] buf = null;
    Fold[] folds = new Fold[nv];
    for (int step : p.steps) {
      List<Object> key = new ArrayList<>(groupColumns.length);
      for (String g : groupColumns) {
        switch (g) {
          case Layout.SOURCE -> key.add(p.source);
          case "step" -> key.add(step + 1);
          case "time" -> key.add(times[step]);
          case "block_id" -> key.add(p.blockId);
          default -> throw new IllegalStateException(g);
        }
      }
      for (int v = 0; v < nv; v++) {
        if (!wantMin[v] && !wantMax[v] && !wantSum[v]) continue;
        if (buf == null) buf = buffer((int) Math.min(CHUNK, p.count));
        Fold f = new Fold(wantMin[v], wantMax[v], wantSum[v]);
        foldVariable(file, p.variables[v], step, excluded, buf, f, realSize);
        folds[v] = f;
      }
      double[] a = acc.computeIfAbsent(key, k -> fresh());
      for (int i = 0; i < nf; i++) {
        int v = varOf[i];
        boolean present = v < 0 || p.variables[v] >= 0;
        if (!present) continue;
        switch (agg.functions[i]) {
          case Aggregates.MIN -> {
            Fold f = folds[v];
            if (f.min < a[3 * i]) a[3 * i] = f.min;
            a[3 * i + 1] += f.minNaNs;
          }
          case Aggregates.MAX -> a[3 * i] = Math.max(a[3 * i], folds[v].max);
          case Aggregates.SUM -> a[3 * i] += folds[v].sum;
          default -> {}
        }
        a[3 * i + 2] += rows;
      }
    }
    return acc;
  }

  /**
   * The task thread's fold buffer (one per thread: the parts of a task are read one after the
   * other, and a task is read by one thread), at least {@code n} long.
   */
  private static double[] buffer(int n) {
    double[] b = BUFFER.get();
    if (b == null || b.length < n) {
      b = new double[n];
      BUFFER.set(b);
    }
    return b;
  }

  private double[] fresh() {
    double[] a = new double[3 * agg.functions.length];
    for (int i = 0; i < agg.functions.length; i++) {
      if (agg.functions[i] == Aggregates.MIN) a[3 * i] = Double.POSITIVE_INFINITY;
      if (agg.functions[i] == Aggregates.MAX) a[3 * i] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  /**
   * Reads variable {@code vi} at {@code step} over the partition's range in chunks and folds it.
   */
  private void foldVariable(
      ExodusFile file, int vi, int step, long[] excluded, double[] buf, Fold f, int realSize)
      throws IOException {
    int e = 0;
    long end = p.start + p.count;
    for (long s = p.start; s < end; s += buf.length) {
      int c = (int) Math.min(buf.length, end - s);
      if (options.kind() == ReadOptions.Kind.NODAL) {
        file.readNodalVariable(vi, step, s, c, buf, 0);
      } else {
        file.readVariable(EntityType.ELEM_BLOCK, vi, p.blockId, step, s, c, buf, 0);
      }
      valuesRead += c;
      bytesRead += (long) c * realSize;
      int from = 0;
      while (e < excluded.length && excluded[e] < s + c) {
        int to = (int) (excluded[e] - s);
        f.fold(buf, from, to);
        from = to + 1;
        e++;
      }
      f.fold(buf, from, c);
    }
  }

  /** The MIN, MAX and SUM of the values folded so far, as Spark computes them. */
  private static final class Fold {
    final boolean wantMin;
    final boolean wantMax;
    final boolean wantSum;
    double min = Double.POSITIVE_INFINITY; // of the values that are not NaN
    long minNaNs;
    double max = Double.NEGATIVE_INFINITY; // NaN once a NaN is seen (Math.max)
    double sum;

    Fold(boolean wantMin, boolean wantMax, boolean wantSum) {
      this.wantMin = wantMin;
      this.wantMax = wantMax;
      this.wantSum = wantSum;
    }

    void fold(double[] b, int from, int to) {
      if (wantMin) {
        double m = min;
        long nans = 0;
        for (int i = from; i < to; i++) {
          double d = b[i];
          if (d < m) m = d;
          else if (Double.isNaN(d)) nans++;
        }
        min = m;
        minNaNs += nans;
      }
      if (wantMax) max = Math.max(max, max(b, from, to));
      if (wantSum) sum += sum(b, from, to);
    }
  }

  /**
   * The maximum of {@code b[from, to)} as {@link Math#max} takes it (NaN above every number; 0.0
   * above -0.0), or -infinity where empty: four independent maxima, so that each comparison need
   * not wait for the one before (the order does not matter to {@code Math.max}).
   */
  static double max(double[] b, int from, int to) {
    double m0 = Double.NEGATIVE_INFINITY;
    double m1 = m0;
    double m2 = m0;
    double m3 = m0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      m0 = Math.max(m0, b[i]);
      m1 = Math.max(m1, b[i + 1]);
      m2 = Math.max(m2, b[i + 2]);
      m3 = Math.max(m3, b[i + 3]);
    }
    for (; i < to; i++) m0 = Math.max(m0, b[i]);
    return Math.max(Math.max(m0, m1), Math.max(m2, m3));
  }

  /** The sum of {@code b[from, to)} in four running sums (to the last bits, as Spark's order). */
  static double sum(double[] b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += b[i];
      s1 += b[i + 1];
      s2 += b[i + 2];
      s3 += b[i + 3];
    }
    for (; i < to; i++) s0 += b[i];
    return (s0 + s1) + (s2 + s3);
  }

  private ColumnarBatch output(Map<List<Object>, double[]> acc) {
    int ng = groupColumns.length;
    int nf = agg.functions.length;
    OnHeapColumnVector[] out = OnHeapColumnVector.allocateColumns(acc.size(), outputSchema);
    int r = 0;
    for (Map.Entry<List<Object>, double[]> e : acc.entrySet()) {
      for (int g = 0; g < ng; g++) {
        Object o = e.getKey().get(g);
        if (o instanceof Integer i) out[g].putInt(r, i);
        else if (o instanceof Long l) out[g].putLong(r, l);
        else if (o instanceof Double d) out[g].putDouble(r, d);
        else out[g].putByteArray(r, UTF8String.fromString((String) o).getBytes());
      }
      double[] a = e.getValue();
      for (int i = 0; i < nf; i++) {
        int fn = agg.functions[i];
        long count = (long) a[3 * i + 2];
        if (fn == Aggregates.COUNT || fn == Aggregates.COUNT_STAR) {
          out[ng + i].putLong(r, count);
        } else if (count == 0) {
          out[ng + i].putNull(r);
        } else if (fn == Aggregates.MIN && a[3 * i + 1] == count) {
          out[ng + i].putDouble(r, Double.NaN); // every value NaN
        } else {
          out[ng + i].putDouble(r, a[3 * i]);
        }
      }
      r++;
    }
    return new ColumnarBatch(out, acc.size());
  }

  @Override
  public ColumnarBatch get() {
    return result;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return new CustomTaskMetric[] {
      ReadMetrics.task(ReadMetrics.BYTES, bytesRead),
      ReadMetrics.task(ReadMetrics.VALUES, valuesRead)
    };
  }

  @Override
  public void close() {
    if (result != null) result.close();
  }
}
