package org.exodusj.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the readers report to Spark (shown in the SQL tab of Spark's UI, summed over tasks): the
 * bytes of values, ids and coordinates read from the files, as stored (the file's word sizes).
 */
public final class ReadMetrics {
  static final String BYTES = "exodusBytesRead";
  static final String VALUES = "exodusValuesRead";

  private ReadMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {new BytesRead(), new ValuesRead()};
  }

  static CustomTaskMetric task(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  /** Bytes read from the files, as stored. */
  public static final class BytesRead extends CustomSumMetric {
    /** Made by Spark by reflection. */
    public BytesRead() {}

    @Override
    public String name() {
      return BYTES;
    }

    @Override
    public String description() {
      return "bytes read from Exodus files";
    }
  }

  /** Values (doubles, ids, connectivity entries) read from the files. */
  public static final class ValuesRead extends CustomSumMetric {
    /** Made by Spark by reflection. */
    public ValuesRead() {}

    @Override
    public String name() {
      return VALUES;
    }

    @Override
    public String description() {
      return "values read from Exodus files";
    }
  }
}
