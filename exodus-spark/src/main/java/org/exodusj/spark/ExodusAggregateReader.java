package org.exodusj.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads a partition's batches with {@link ExodusBatchReader} and folds them into partial
 * aggregates, one row per group; each batch is one step of one source and block, so a group is
 * found once per batch and the values are folded in loops over the column vectors.
 */
final class ExodusAggregateReader implements PartitionReader<ColumnarBatch> {
  private final ExodusBatchReader input;
  private final Aggregates agg;
  private final StructType inputSchema;
  private final StructType outputSchema;
  private final int[] columnOf; // per aggregate: its input column, or -1
  private ColumnarBatch result;
  private boolean done;

  /** {@code input}: the columns the aggregates read ({@link Aggregates#input}). */
  ExodusAggregateReader(ReadOptions options, Aggregates agg, ExodusPartition p, StructType input) {
    this.agg = agg;
    this.inputSchema = input;
    this.outputSchema = agg.output(input);
    this.input = new ExodusBatchReader(options, inputSchema, p);
    columnOf = new int[agg.functions.length];
    for (int i = 0; i < columnOf.length; i++) {
      columnOf[i] = agg.columns[i] == null ? -1 : inputSchema.fieldIndex(agg.columns[i]);
    }
  }

  @Override
  public boolean next() throws IOException {
    if (done) return false;
    done = true;
    int nf = agg.functions.length;
    int ng = agg.groups.length;
    Map<List<Object>, double[]> acc = new LinkedHashMap<>();
    while (input.next()) {
      ColumnarBatch b = input.get();
      int n = b.numRows();
      if (n == 0) continue;
      List<Object> key = new ArrayList<>(ng);
      for (int g = 0; g < ng; g++) key.add(value(b.column(g), inputSchema.fields()[g].dataType()));
      double[] a = acc.computeIfAbsent(key, k -> fresh(nf));
      for (int i = 0; i < nf; i++) fold(a, i, b, n);
    }
    OnHeapColumnVector[] out = OnHeapColumnVector.allocateColumns(acc.size(), outputSchema);
    int r = 0;
    for (Map.Entry<List<Object>, double[]> e : acc.entrySet()) {
      for (int g = 0; g < ng; g++) put(out[g], r, e.getKey().get(g));
      double[] a = e.getValue();
      for (int i = 0; i < nf; i++) {
        int fn = agg.functions[i];
        long count = (long) a[3 * i + 2];
        if (fn == Aggregates.COUNT || fn == Aggregates.COUNT_STAR) {
          out[ng + i].putLong(r, count);
        } else if (count == 0) {
          out[ng + i].putNull(r);
        } else {
          out[ng + i].putDouble(r, a[3 * i]);
        }
      }
      r++;
    }
    result = new ColumnarBatch(out, acc.size());
    return acc.size() > 0;
  }

  /** Per aggregate: value, unused, count of non-null values. */
  private double[] fresh(int nf) {
    double[] a = new double[3 * nf];
    for (int i = 0; i < nf; i++) {
      a[3 * i] =
          switch (agg.functions[i]) {
            case Aggregates.MIN -> Double.NaN; // replaced by the first value
            case Aggregates.MAX -> Double.NaN;
            default -> 0;
          };
    }
    return a;
  }

  /** Folds the batch's values of aggregate {@code i} into {@code a}, as Spark's functions do. */
  private void fold(double[] a, int i, ColumnarBatch b, int n) {
    int fn = agg.functions[i];
    if (fn == Aggregates.COUNT_STAR) {
      a[3 * i + 2] += n;
      return;
    }
    ColumnVector v = b.column(columnOf[i]);
    boolean nulls = v.hasNull();
    double x = a[3 * i];
    long c = (long) a[3 * i + 2];
    for (int k = 0; k < n; k++) {
      if (nulls && v.isNullAt(k)) continue;
      double d = v.getDouble(k);
      switch (fn) {
          // Spark orders NaN above every number
        case Aggregates.MIN -> x = c == 0 || lessThan(d, x) ? d : x;
        case Aggregates.MAX -> x = c == 0 || lessThan(x, d) ? d : x;
        case Aggregates.SUM -> x += d;
        default -> {}
      }
      c++;
    }
    a[3 * i] = x;
    a[3 * i + 2] = c;
  }

  private static boolean lessThan(double p, double q) {
    if (Double.isNaN(p)) return false;
    if (Double.isNaN(q)) return true;
    return p < q;
  }

  private static Object value(ColumnVector v, DataType t) {
    if (t.equals(DataTypes.IntegerType)) return v.getInt(0);
    if (t.equals(DataTypes.LongType)) return v.getLong(0);
    if (t.equals(DataTypes.DoubleType)) return v.getDouble(0);
    return v.getUTF8String(0).toString();
  }

  private static void put(OnHeapColumnVector v, int r, Object o) {
    if (o instanceof Integer i) v.putInt(r, i);
    else if (o instanceof Long l) v.putLong(r, l);
    else if (o instanceof Double d) v.putDouble(r, d);
    else v.putByteArray(r, UTF8String.fromString((String) o).getBytes());
  }

  @Override
  public ColumnarBatch get() {
    return result;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return input.currentMetricsValues();
  }

  @Override
  public void close() throws IOException {
    input.close();
    if (result != null) result.close();
  }
}
