package org.exodusj.internal.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Optional;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.cache.ChunkCache;

/**
 * The storage seam: one open file in the netCDF data model. The NetCDF classic backend (CDF-1, 2
 * and 5) and the NetCDF-4 backend implement it; the Exodus model is written once on top of it.
 *
 * <p>Reads take a hyperslab ({@code start} and {@code count} per dimension, outermost first) and
 * fill the caller's array from {@code off}, in row-major order. Conversions are allowed only where
 * no value can change ({@link Conversions#readable}); anything else is an {@link
 * IllegalArgumentException}. Implementations are safe for concurrent reads from many threads.
 */
public interface Storage extends Closeable {

  /** The file name used in messages. */
  String name();

  /** A short description of the format, for example {@code "CDF-2 (64-bit offset)"}. */
  String formatDescription();

  /**
   * The format a copy of this file is written in to keep how it is stored (a rewrite keeps it): the
   * classic format of a classic file, {@link ExodusFormat#NETCDF4} for a NetCDF-4 file (of either
   * data model).
   */
  ExodusFormat fileFormat();

  /**
   * The chunk cache's counters since the last {@link #resetCacheStatistics}: all zero for a format
   * read without a cache (classic files).
   */
  default ChunkCache.Statistics cacheStatistics() {
    return ChunkCache.Statistics.NONE;
  }

  /** Zeroes the chunk cache's counters (the cached chunks stay); nothing without a cache. */
  default void resetCacheStatistics() {}

  /**
   * Reads ahead, in one read, the bytes of the small fixed-size variables near the start of the
   * file (the ids, status, names and truth tables a reader of the file's structure reads next), and
   * serves reads that lie wholly in them from that copy until the returned handle is closed; reads
   * after that go to the file again (so they see later writes). For the opener, before the storage
   * is shared: not for concurrent readers. Nothing where the format has no use for it.
   */
  default ReadAhead readAhead() throws IOException {
    return ReadAhead.NONE;
  }

  /** The handle of {@link #readAhead()}: closing it ends the read-ahead. */
  interface ReadAhead extends AutoCloseable {
    /** A read-ahead that holds nothing. */
    ReadAhead NONE =
        new ReadAhead() {
          @Override
          public void close() {}
        };

    @Override
    void close();
  }

  List<Dimension> dimensions();

  /** Global attributes. */
  List<Attribute> attributes();

  List<? extends Variable> variables();

  /** The variable with this name, if any. */
  Optional<? extends Variable> findVariable(String name);

  /**
   * The positions of the names of {@link #variables()}: look-ups by name, or by prefix and number
   * without building the name. A format whose parser indexes the names as it reads them hands that
   * index over; the default builds one.
   */
  default NameIndex variableIndex() {
    List<? extends Variable> vs = variables();
    NameIndex.Builder b = new NameIndex.Builder(vs.size());
    for (Variable v : vs) {
      b.add(v.name());
    }
    return b.build();
  }

  /**
   * The positions of the names of {@link #dimensions()}, which stay the same while the file is open
   * (a refresh changes lengths, not names or order); as {@link #variableIndex()}.
   */
  default NameIndex dimensionIndex() {
    List<Dimension> ds = dimensions();
    NameIndex.Builder b = new NameIndex.Builder(ds.size());
    for (Dimension d : ds) {
      b.add(d.name());
    }
    return b.build();
  }

  /** The file's size in bytes: what every count claimed by the file must fit in. */
  long byteSize() throws IOException;

  /** The current number of records (length of the unlimited dimension; 0 when there is none). */
  long recordCount();

  /**
   * The records of which the file holds at least one byte: {@link #recordCount} except for a
   * classic file cut short, whose records wholly beyond its end are counted but not stored.
   */
  default long recordsInFile() {
    return recordCount();
  }

  /** The current shape of {@code v}, outermost first (the record dimension as recordCount). */
  long[] shape(Variable v);

  /**
   * Defects that were tolerated while opening (for example a file shorter than its header says by a
   * few padding bytes). Empty for a clean file.
   */
  List<String> defects();

  /**
   * The paths ("a", "a/b") of the child groups of what this storage shows (NetCDF-4 groups), in
   * creation order; empty for formats without groups.
   */
  default List<String> groups() {
    return List.of();
  }

  /** Picks up records appended by another process since the file was opened. */
  void refresh() throws IOException;

  void read(Variable v, long[] start, long[] count, double[] dst, int off) throws IOException;

  void read(Variable v, long[] start, long[] count, float[] dst, int off) throws IOException;

  void read(Variable v, long[] start, long[] count, long[] dst, int off) throws IOException;

  void read(Variable v, long[] start, long[] count, int[] dst, int off) throws IOException;

  void read(Variable v, long[] start, long[] count, short[] dst, int off) throws IOException;

  void read(Variable v, long[] start, long[] count, byte[] dst, int off) throws IOException;

  /** Fills {@code dst} from its position, which advances by the number of values read. */
  void read(Variable v, long[] start, long[] count, DoubleBuffer dst) throws IOException;

  void read(Variable v, long[] start, long[] count, FloatBuffer dst) throws IOException;

  void read(Variable v, long[] start, long[] count, LongBuffer dst) throws IOException;

  void read(Variable v, long[] start, long[] count, IntBuffer dst) throws IOException;

  void read(Variable v, long[] start, long[] count, ShortBuffer dst) throws IOException;

  /** Reads the stored bytes of the slab (big-endian, no conversion) from dst's position. */
  void readRaw(Variable v, long[] start, long[] count, ByteBuffer dst) throws IOException;

  /**
   * A zero-copy read-only view of the slab's stored bytes (big-endian), or empty where the variable
   * is not of {@code type}, the slab is not contiguous, or the file is not memory-mapped. Never a
   * copy.
   */
  Optional<ByteBuffer> viewBytes(Variable v, long[] start, long[] count, DataType type)
      throws IOException;

  /** {@link #viewBytes} of a DOUBLE variable, as doubles. */
  default Optional<DoubleBuffer> viewDoubles(Variable v, long[] start, long[] count)
      throws IOException {
    return viewBytes(v, start, count, DataType.DOUBLE).map(ByteBuffer::asDoubleBuffer);
  }

  default Optional<FloatBuffer> viewFloats(Variable v, long[] start, long[] count)
      throws IOException {
    return viewBytes(v, start, count, DataType.FLOAT).map(ByteBuffer::asFloatBuffer);
  }

  default Optional<IntBuffer> viewInts(Variable v, long[] start, long[] count) throws IOException {
    return viewBytes(v, start, count, DataType.INT).map(ByteBuffer::asIntBuffer);
  }

  default Optional<LongBuffer> viewLongs(Variable v, long[] start, long[] count)
      throws IOException {
    return viewBytes(v, start, count, DataType.INT64).map(ByteBuffer::asLongBuffer);
  }

  /**
   * Why {@link #viewDoubles} and friends would give nothing for this slab and type, or empty when a
   * view is possible. For diagnostics and for the API to say so instead of copying.
   */
  Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException;
}
