package org.exodusj.spark;

import java.io.IOException;
import java.util.function.Function;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Reads the parts of a {@link ExodusPartitionGroup} one after the other. */
final class ExodusGroupReader implements PartitionReader<ColumnarBatch> {
  private final ExodusPartition[] parts;
  private final Function<ExodusPartition, PartitionReader<ColumnarBatch>> open;
  private PartitionReader<ColumnarBatch> current;
  private int next;
  private long bytes;
  private long values;

  ExodusGroupReader(
      ExodusPartition[] parts, Function<ExodusPartition, PartitionReader<ColumnarBatch>> open) {
    this.parts = parts;
    this.open = open;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (current == null) {
        if (next >= parts.length) return false;
        current = open.apply(parts[next++]);
      }
      if (current.next()) return true;
      for (CustomTaskMetric m : current.currentMetricsValues()) {
        if (m.name().equals(ReadMetrics.BYTES)) bytes += m.value();
        if (m.name().equals(ReadMetrics.VALUES)) values += m.value();
      }
      PartitionReader<ColumnarBatch> done = current;
      current = null;
      done.close();
    }
  }

  @Override
  public ColumnarBatch get() {
    return current.get();
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    long b = bytes;
    long v = values;
    if (current != null) {
      for (CustomTaskMetric m : current.currentMetricsValues()) {
        if (m.name().equals(ReadMetrics.BYTES)) b += m.value();
        if (m.name().equals(ReadMetrics.VALUES)) v += m.value();
      }
    }
    return new CustomTaskMetric[] {
      ReadMetrics.task(ReadMetrics.BYTES, b), ReadMetrics.task(ReadMetrics.VALUES, v)
    };
  }

  @Override
  public void close() throws IOException {
    if (current != null) current.close();
    current = null;
  }
}
