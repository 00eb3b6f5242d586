package org.exodusj.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Makes the executors' readers: columnar batches only. */
final class ExodusReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final ReadOptions options;
  private final StructType schema;
  private final Aggregates aggregates;

  ExodusReaderFactory(ReadOptions options, StructType schema, Aggregates aggregates) {
    this.options = options;
    this.schema = schema;
    this.aggregates = aggregates;
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return true;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    throw new UnsupportedOperationException("the exodus data source reads columnar batches only");
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new ExodusGroupReader(((ExodusPartitionGroup) partition).parts, this::reader);
  }

  private PartitionReader<ColumnarBatch> reader(ExodusPartition p) {
    if (aggregates != null) {
      return new ExodusAggregateReader(options, aggregates, p, schema);
    }
    return new ExodusBatchReader(options, schema, p);
  }
}
