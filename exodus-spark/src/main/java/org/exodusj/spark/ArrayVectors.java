package org.exodusj.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark column vectors over the arrays the readers fill (the library's reads into caller buffers)
 * and over one value for the whole batch ({@code step}, {@code time}, {@code block_id}, {@code
 * source}, or null): a batch's values are never copied into Spark's own vectors. Valid until the
 * reader's next batch, as Spark expects of a reused batch.
 */
final class ArrayVectors {
  private ArrayVectors() {}

  /** What no column of the data source holds. */
  private abstract static class Base extends ColumnVector {
    Base(DataType type) {
      super(type);
    }

    @Override
    public void close() {}

    @Override
    public boolean getBoolean(int rowId) {
      throw unsupported();
    }

    @Override
    public byte getByte(int rowId) {
      throw unsupported();
    }

    @Override
    public short getShort(int rowId) {
      throw unsupported();
    }

    @Override
    public int getInt(int rowId) {
      throw unsupported();
    }

    @Override
    public long getLong(int rowId) {
      throw unsupported();
    }

    @Override
    public float getFloat(int rowId) {
      throw unsupported();
    }

    @Override
    public double getDouble(int rowId) {
      throw unsupported();
    }

    @Override
    public ColumnarArray getArray(int rowId) {
      throw unsupported();
    }

    @Override
    public ColumnarMap getMap(int ordinal) {
      throw unsupported();
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
      throw unsupported();
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
      throw unsupported();
    }

    @Override
    public byte[] getBinary(int rowId) {
      throw unsupported();
    }

    @Override
    public ColumnVector getChild(int ordinal) {
      throw unsupported();
    }

    private UnsupportedOperationException unsupported() {
      return new UnsupportedOperationException(
          getClass().getSimpleName() + " of " + dataType().simpleString());
    }
  }

  /** A column no row of which is null. */
  private abstract static class NoNulls extends Base {
    NoNulls(DataType type) {
      super(type);
    }

    @Override
    public boolean hasNull() {
      return false;
    }

    @Override
    public int numNulls() {
      return 0;
    }

    @Override
    public boolean isNullAt(int rowId) {
      return false;
    }
  }

  /** Doubles, none null: {@code data[row]}. */
  static final class Doubles extends NoNulls {
    double[] data = new double[0];

    Doubles(DataType type) {
      super(type);
    }

    @Override
    public double getDouble(int rowId) {
      return data[rowId];
    }

    @Override
    public double[] getDoubles(int rowId, int count) {
      return java.util.Arrays.copyOfRange(data, rowId, rowId + count);
    }
  }

  /** Longs, none null: {@code data[row]}. */
  static final class Longs extends NoNulls {
    long[] data = new long[0];

    Longs(DataType type) {
      super(type);
    }

    @Override
    public long getLong(int rowId) {
      return data[rowId];
    }

    @Override
    public long[] getLongs(int rowId, int count) {
      return java.util.Arrays.copyOfRange(data, rowId, rowId + count);
    }
  }

  /** One value (or null) in every row of the batch. */
  static final class Constant extends Base {
    private boolean isNull;
    private int rows;
    private int i;
    private long l;
    private double d;
    private UTF8String s;

    Constant(DataType type) {
      super(type);
    }

    /** The batch's row count (for {@link #numNulls()}). */
    void rows(int n) {
      rows = n;
    }

    void setNull() {
      isNull = true;
    }

    void setInt(int v) {
      i = v;
    }

    void setLong(long v) {
      l = v;
    }

    void setDouble(double v) {
      d = v;
    }

    void setString(UTF8String v) {
      s = v;
    }

    @Override
    public boolean hasNull() {
      return isNull;
    }

    @Override
    public int numNulls() {
      return isNull ? rows : 0;
    }

    @Override
    public boolean isNullAt(int rowId) {
      return isNull;
    }

    @Override
    public int getInt(int rowId) {
      return i;
    }

    @Override
    public long getLong(int rowId) {
      return l;
    }

    @Override
    public double getDouble(int rowId) {
      return d;
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
      return s;
    }

    @Override
    public byte[] getBinary(int rowId) {
      return s.getBytes();
    }
  }
}
