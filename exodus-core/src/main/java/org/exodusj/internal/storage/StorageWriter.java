package org.exodusj.internal.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The write seam beside {@link Storage}: one file being written in the netCDF data model, created
 * from a {@link Schema} or opened for update, by {@code internal.backend.Backends}. The classic
 * backend ({@code CdfWriter}) implements it; the Exodus writer, updater and converter are written
 * once on top of it.
 *
 * <p>Writes take a hyperslab ({@code start} and {@code count} per dimension, outermost first) from
 * the caller's array at {@code off}, in row-major order. Conversions are allowed only where no
 * value can change ({@link Conversions#writable}); narrowing integer writes are checked value by
 * value before anything is written. Writing into records past the end makes them exist (holding the
 * fill value first), but they count for readers only at {@link #commit()}.
 *
 * <p>One writer per file; the caller serializes calls.
 */
public interface StorageWriter extends Closeable {

  /**
   * @param fill prefill data with fill values ({@code _FillValue} or the type's default), as
   *     netCDF-C's NC_FILL does; unwritten data then reads as the fill value
   * @param sync force data to disk before the record count moves, and the count after
   * @param headerFreeBytes room reserved for the metadata to grow without moving data (classic
   *     formats: after the header)
   * @param deflateLevel chunked formats: -1 for no deflate, else the level 0-9
   * @param shuffle chunked formats: the shuffle filter before deflate
   * @param fletcher32 chunked formats: a Fletcher-32 checksum on every chunk
   * @param chunkSteps chunked formats: records per chunk of record variables
   * @param compressor chunked formats: where chunks are compressed in parallel (null: on the
   *     writing thread)
   * @param filters chunked formats: the filter pipeline in order, each {@code NAME[:P1[,P2...]]};
   *     when not empty it replaces deflate, shuffle and Fletcher-32 above
   */
  record Options(
      boolean fill,
      boolean sync,
      long headerFreeBytes,
      int deflateLevel,
      boolean shuffle,
      boolean fletcher32,
      int chunkSteps,
      java.util.concurrent.Executor compressor,
      List<String> filters) {
    public Options {
      filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** Without a filter list (deflate, shuffle and Fletcher-32 only). */
    public Options(
        boolean fill,
        boolean sync,
        long headerFreeBytes,
        int deflateLevel,
        boolean shuffle,
        boolean fletcher32,
        int chunkSteps,
        java.util.concurrent.Executor compressor) {
      this(
          fill,
          sync,
          headerFreeBytes,
          deflateLevel,
          shuffle,
          fletcher32,
          chunkSteps,
          compressor,
          List.of());
    }

    /** Fill on, no sync, no reserved room, no filters, one record per chunk. */
    public static final Options DEFAULT = new Options(true, false, 0);

    /** Options without filters, one record per chunk. */
    public Options(boolean fill, boolean sync, long headerFreeBytes) {
      this(fill, sync, headerFreeBytes, -1, false, false, 1, null);
    }

    /** These options with the chunked formats' filters and records per chunk. */
    public Options withChunking(
        int deflateLevel, boolean shuffle, boolean fletcher32, int chunkSteps) {
      return new Options(
          fill,
          sync,
          headerFreeBytes,
          deflateLevel,
          shuffle,
          fletcher32,
          chunkSteps,
          compressor,
          filters);
    }

    /** These options compressing chunks on {@code executor} (null: on the writing thread). */
    public Options withCompressor(java.util.concurrent.Executor executor) {
      return new Options(
          fill,
          sync,
          headerFreeBytes,
          deflateLevel,
          shuffle,
          fletcher32,
          chunkSteps,
          executor,
          filters);
    }

    /**
     * These options with the filter pipeline {@code specs} ({@code NAME[:P1[,P2...]]}, in order).
     */
    public Options withFilters(List<String> specs) {
      return new Options(
          fill,
          sync,
          headerFreeBytes,
          deflateLevel,
          shuffle,
          fletcher32,
          chunkSteps,
          compressor,
          specs);
    }
  }

  /** How doubles are written into FLOAT variables. */
  enum RealRounding {
    /** Refused: the variable is stored as float (the default of the typed writes). */
    REFUSE,
    /** Only values a float holds exactly; any other refuses the whole slab before writing. */
    EXACT_ONLY,
    /** Rounded to the nearest float, as the C library does. */
    ROUND
  }

  /** The path used in messages. */
  Path path();

  /** The variables, in file order. */
  List<? extends Variable> variables();

  /** The variable with this name, if any. */
  Optional<? extends Variable> findVariable(String name);

  /** The variable with this name; IllegalArgumentException when there is none. */
  Variable variable(String name);

  void write(Variable v, long[] start, long[] count, double[] src, int off) throws IOException;

  void write(Variable v, long[] start, long[] count, float[] src, int off) throws IOException;

  void write(Variable v, long[] start, long[] count, long[] src, int off) throws IOException;

  void write(Variable v, long[] start, long[] count, int[] src, int off) throws IOException;

  void write(Variable v, long[] start, long[] count, short[] src, int off) throws IOException;

  void write(Variable v, long[] start, long[] count, byte[] src, int off) throws IOException;

  /** Writes doubles into a DOUBLE variable, or into a FLOAT one as {@code rounding} says. */
  void writeReals(
      Variable v, long[] start, long[] count, double[] src, int off, RealRounding rounding)
      throws IOException;

  /**
   * Writes stored bytes (big-endian, the variable's own type, as {@link Storage#readRaw} gives
   * them) from {@code src}'s position; the position advances by the bytes written.
   */
  void writeRaw(Variable v, long[] start, long[] count, ByteBuffer src) throws IOException;

  /**
   * Copies all the data of {@code source}, a variable of a file in this writer's format, into
   * {@code target} as it is stored, without decoding it, when both are stored alike (the same type,
   * shape, chunk shape and filters: HDF5's object copy); returns false, having written nothing,
   * when they are not (or the format has no such copy) and the caller must copy values.
   */
  default boolean copyStored(Variable target, Variable source) throws IOException {
    return false;
  }

  /** Writes the text of a CHAR variable (or BYTE) from a string's UTF-8 bytes, NUL-padded. */
  void writeText(Variable v, long[] start, long[] count, String text) throws IOException;

  /**
   * Copies records [0, {@code records}) of the record variables {@code copied} of {@code source}
   * into this writer's variables of the same names (same type, same shape per record), in bulk
   * where the format allows it: a classic writer assembles whole records from the source's slabs,
   * the record variables not copied holding their fill value (with fill on), and writes each block
   * of records at once. Returns false, having written nothing, where the writer cannot (the
   * default; a record already written; a variable that does not match): the caller then copies
   * variable by variable. The records count for readers at {@link #commit()}.
   */
  default boolean copyRecords(Storage source, List<? extends Variable> copied, long records)
      throws IOException {
    return false;
  }

  /** Records that count for readers. */
  long committedRecords();

  /** Records written so far, counted or not. */
  long writtenRecords();

  /**
   * Re-reads the record count from the file (another process may have appended) and adopts it when
   * it is larger than what this writer knows. Call while holding the file lock.
   */
  void syncRecordCount() throws IOException;

  /** Makes every record written so far count (forced to disk first with {@code sync}). */
  void commit() throws IOException;

  /** Forgets the records written since the last commit, so they never count. */
  void abandonUncommitted() throws IOException;

  /** The first write that failed (a full disk, an I/O error), or null: its data may be missing. */
  IOException firstWriteFailure();

  /**
   * Whether writes since the last commit are held back until the next commit (or close): records
   * appended and not counted, and for a writer that holds patched values until a commit (NetCDF-4)
   * those values.
   */
  default boolean hasUncommittedChanges() {
    return writtenRecords() != committedRecords();
  }

  /**
   * Bounds the bytes of decoded data this writer holds between commits (a writer that patches
   * chunks in memory writes them out beyond it); writers that hold none ignore it.
   */
  default void limitChunkMemory(long bytes) {}

  /** Commits the records written and closes the file (not a channel the caller gave). */
  @Override
  void close() throws IOException;
}
