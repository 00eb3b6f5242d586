package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.Uninterruptible;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * Writes a classic-format file: a new one from a {@link CdfSchema}, or an existing one in place.
 *
 * <p>Hyperslab writes go from the caller's array through one 64 KiB scratch buffer to their place
 * in the file; nothing else in the file is read or rewritten. Writing into records past the end
 * extends the record area (filled with fill values first, unless fill is off), but the record count
 * in the header moves only at {@link #commit()}: a reader, or a crash, never sees a record counted
 * whose data was not completely written. With {@link Options#sync()} the data is forced to disk
 * before the count moves.
 *
 * <p>One writer per file and thread; reads go through a {@link CdfFile}.
 */
public final class CdfWriter implements StorageWriter {
  private static final int SCRATCH_BYTES = 64 * 1024;

  /** The most bytes of whole records filled or copied with one write. */
  private static final long RECORD_BLOCK_BYTES = 4 << 20;

  /**
   * @param fill prefill data with fill values ({@code _FillValue} or the type's default), as
   *     netCDF-C's NC_FILL does; unwritten data then reads as the fill value
   * @param sync force data to disk before the record count moves, and the count after
   * @param headerFreeBytes room reserved after the header so it can grow without moving data
   */
  public record Options(boolean fill, boolean sync, long headerFreeBytes) {
    /** Fill on, no sync, no reserved header room. */
    public static final Options DEFAULT = new Options(true, false, 0);
  }

  private final Path path;
  private final FileChannel channel;
  private final CdfHeader header;
  private final Options options;
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
  private final boolean ownsChannel;
  private IOException firstWriteFailure;
  private long committedRecords;
  private long writtenRecords;
  private boolean closed;
  private byte[] recordTemplate; // one record of fill values, made once
  private byte[] fillPattern; // the pattern the start of fillBuffer holds
  private int fillPrepared; // bytes of fillBuffer that hold it
  private ByteBuffer fillBuffer;

  private CdfWriter(
      Path path,
      FileChannel channel,
      boolean ownsChannel,
      CdfHeader header,
      Options options,
      long recs) {
    this.path = path;
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    this.header = header;
    this.options = options;
    this.committedRecords = recs;
    this.writtenRecords = recs;
  }

  /** The seam's options as this writer's. */
  public static Options options(StorageWriter.Options o) {
    return new Options(o.fill(), o.sync(), o.headerFreeBytes());
  }

  /** Creates (or replaces) {@code path} with the layout of {@code schema}. */
  public static CdfWriter create(Path path, CdfSchema schema, Options options) throws IOException {
    CdfHeader header = schema.plan(options.headerFreeBytes());
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    return create(new CdfWriter(path, ch, true, header, options, 0), schema);
  }

  /**
   * Creates a file with the layout of {@code schema} in an open channel of {@code path} (emptied
   * first), which the writer uses but never closes.
   */
  public static CdfWriter create(Path path, FileChannel ch, CdfSchema schema, Options options)
      throws IOException {
    CdfHeader header = schema.plan(options.headerFreeBytes());
    Uninterruptible.truncate(ch, 0);
    return create(new CdfWriter(path, ch, false, header, options, 0), schema);
  }

  /** Writes the header and fills the fixed variables the caller does not write whole. */
  private static CdfWriter create(CdfWriter w, CdfSchema schema) throws IOException {
    CdfHeader header = w.header;
    Options options = w.options;
    try {
      w.writeFully(ByteBuffer.wrap(CdfHeaderWriter.encode(header, 0)), 0);
      if (options.fill()) {
        for (CdfVariable v : header.variables()) {
          if (!v.isRecord() && !schema.isWrittenWhole(v.name())) {
            w.fill(v, v.begin(), v.paddedSize());
          }
        }
      }
      w.extendTo(header.paddedEnd(0));
    } catch (IOException | RuntimeException e) {
      w.closeQuietly(e);
      throw e;
    }
    return w;
  }

  /**
   * Opens an existing file to write data in place and to append records. The header is not changed
   * except for the record count.
   */
  public static CdfWriter openForUpdate(Path path, Options options) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return openForUpdate(path, ch, true, options);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** {@link #openForUpdate(Path, Options)} through an open channel that the writer never closes. */
  public static CdfWriter openForUpdate(Path path, FileChannel ch, Options options)
      throws IOException {
    return openForUpdate(path, ch, false, options);
  }

  /**
   * {@link #openForUpdate(Path, Options)} through an open channel, closed by the writer if {@code
   * owns}.
   */
  static CdfWriter openForUpdate(Path path, FileChannel ch, boolean owns, Options options)
      throws IOException {
    List<String> defects = new ArrayList<>();
    CdfHeader header = CdfHeaderReader.read(ChannelByteSource.wrap(path.toString(), ch), defects);
    long recs = header.storedNumRecs();
    if (recs == CdfHeader.STREAMING) {
      recs =
          header.recordSize() == 0
              ? 0
              : Math.max(
                  0, (Uninterruptible.size(ch) - header.beginRecords()) / header.recordSize());
    }
    return new CdfWriter(path, ch, owns, header, options, recs);
  }

  public CdfHeader header() {
    return header;
  }

  @Override
  public Path path() {
    return path;
  }

  /** The variable with this name, if any. */
  @Override
  public Optional<CdfVariable> findVariable(String name) {
    for (CdfVariable v : header.variables()) {
      if (v.name().equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The variable with this name; IllegalArgumentException when there is none. */
  @Override
  public CdfVariable variable(String name) {
    return findVariable(name)
        .orElseThrow(() -> new IllegalArgumentException(path + ": no variable named " + name));
  }

  @Override
  public List<CdfVariable> variables() {
    return header.variables();
  }

  /** The file's channel, for inter-process locks around writes. */
  public FileChannel channel() {
    return channel;
  }

  /**
   * Re-reads the record count from the header (another process may have appended) and adopts it
   * when it is larger than what this writer knows. Call while holding the file lock.
   */
  @Override
  public void syncRecordCount() throws IOException {
    long recs = storedRecordCount();
    if (recs > committedRecords) {
      committedRecords = recs;
      writtenRecords = Math.max(writtenRecords, recs);
    }
  }

  /** The record count stored in the header now. */
  private long storedRecordCount() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(header.format().sizeBytes());
    long pos = 4;
    while (b.hasRemaining()) {
      int n = Uninterruptible.read(channel, b, pos);
      if (n < 0) {
        throw new java.io.EOFException(path + ": header ends before the record count");
      }
      pos += n;
    }
    long recs =
        header.format() == CdfFormat.CDF5 ? b.getLong(0) : Integer.toUnsignedLong(b.getInt(0));
    return recs == CdfHeader.STREAMING ? committedRecords : recs;
  }

  /** Records counted in the header. */
  @Override
  public long committedRecords() {
    return committedRecords;
  }

  /** Records written so far, counted or not. */
  @Override
  public long writtenRecords() {
    return writtenRecords;
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public void write(Variable v, long[] start, long[] count, double[] src, int off)
      throws IOException {
    write(v, start, count, Target.DOUBLE, src, off, src.length);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, float[] src, int off)
      throws IOException {
    write(v, start, count, Target.FLOAT, src, off, src.length);
  }

  /**
   * Writes doubles into a DOUBLE variable, or into a FLOAT one as {@code rounding} says (checked
   * for the whole slab before anything is written; converted in 64 KiB pieces, never a copy of the
   * slab).
   */
  @Override
  public void writeReals(
      Variable v, long[] start, long[] count, double[] src, int off, RealRounding rounding)
      throws IOException {
    CdfVariable cv = own(v);
    if (cv.type() != DataType.FLOAT || rounding == RealRounding.REFUSE) {
      write(v, start, count, src, off);
      return;
    }
    checkOpen();
    long limit = cv.isRecord() ? maxRecords() : 0;
    Slab slab = slab(cv, start, count, limit);
    checkFits(slab, src.length, off);
    if (rounding == RealRounding.EXACT_ONLY) {
      for (int i = 0; i < slab.total; i++) {
        double d = src[off + i];
        if ((double) (float) d != d && !Double.isNaN(d)) {
          throw new IllegalArgumentException(
              path
                  + ": variable "
                  + cv.name()
                  + " is stored as float; value "
                  + d
                  + " at slab index "
                  + i
                  + " is not exactly representable (round it, or allow rounding)");
        }
      }
    }
    writeSlab(cv, start, count, slab, Target.DOUBLE, src, off);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, long[] src, int off)
      throws IOException {
    write(v, start, count, Target.LONG, src, off, src.length);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, int[] src, int off) throws IOException {
    write(v, start, count, Target.INT, src, off, src.length);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, short[] src, int off)
      throws IOException {
    write(v, start, count, Target.SHORT, src, off, src.length);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, byte[] src, int off)
      throws IOException {
    write(v, start, count, Target.BYTE, src, off, src.length);
  }

  /**
   * Writes stored bytes (big-endian, the variable's own type, as {@link
   * org.exodusj.internal.storage.Storage#readRaw} gives them) from {@code src}'s position; the
   * position advances by the bytes written.
   */
  @Override
  public void writeRaw(Variable v, long[] start, long[] count, ByteBuffer src) throws IOException {
    checkOpen();
    CdfVariable cv = own(v);
    long limit = cv.isRecord() ? maxRecords() : 0;
    Slab slab = slab(cv, start, count, limit);
    int es = cv.type().size();
    if (slab.total * es > src.remaining()) {
      throw new IndexOutOfBoundsException(
          "variable "
              + cv.name()
              + ": slab of "
              + slab.total * es
              + " bytes, buffer has "
              + src.remaining());
    }
    if (cv.isRecord() && slab.total > 0 && start[0] + count[0] > writtenRecords) {
      extendRecords(start[0] + count[0]);
    }
    int base = src.position();
    slab.forEachRun(
        (pos, n, index) -> {
          ByteBuffer part = src.duplicate();
          part.position(base + (int) (index * es)).limit(base + (int) ((index + n) * es));
          writeFully(part, pos);
        });
    src.position(base + (int) (slab.total * es));
  }

  /** Writes the text of a CHAR variable (or BYTE) from a string's UTF-8 bytes. */
  @Override
  public void writeText(Variable v, long[] start, long[] count, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    long n = 1;
    for (long c : count) {
      n *= c;
    }
    byte[] padded = Arrays.copyOf(b, (int) n);
    if (b.length > n) {
      throw new IllegalArgumentException(
          "variable " + v.name() + ": text of " + b.length + " bytes exceeds slab of " + n);
    }
    write(v, start, count, padded, 0);
  }

  private void write(
      Variable v, long[] start, long[] count, Target source, Object src, int off, int length)
      throws IOException {
    checkOpen();
    CdfVariable cv = own(v);
    DataType t = cv.type();
    if (!Conversions.writable(source, t)) {
      throw new IllegalArgumentException(
          "variable "
              + cv.name()
              + " is stored as "
              + t.cdlName()
              + "; "
              + source.name().toLowerCase(Locale.ROOT)
              + " values cannot be stored there without loss");
    }
    long limit = cv.isRecord() ? maxRecords() : 0;
    Slab slab = slab(cv, start, count, limit);
    checkFits(slab, length, off);
    checkRange(cv, source, src, off, (int) slab.total);
    writeSlab(cv, start, count, slab, source, src, off);
  }

  private void writeSlab(
      CdfVariable cv, long[] start, long[] count, Slab slab, Target source, Object src, int off)
      throws IOException {
    DataType t = cv.type();
    if (cv.isRecord() && slab.total > 0) {
      long end = start[0] + count[0];
      if (end > writtenRecords) {
        extendRecords(end);
      }
    }
    int es = t.size();
    slab.forEachRun(
        (pos, n, index) -> {
          int done = 0;
          while (done < n) {
            int k = Math.min(n - done, SCRATCH_BYTES / es);
            scratch.clear();
            encode(scratch, t, source, src, off + (int) index + done, k);
            scratch.position(0).limit(k * es);
            writeFully(scratch, pos + (long) done * es);
            done += k;
          }
        });
  }

  /** The slab of a write, or an IndexOutOfBoundsException naming the file and every number. */
  private Slab slab(CdfVariable cv, long[] start, long[] count, long limit) {
    try {
      return Slab.of(cv, start, count, limit, header.recordSize());
    } catch (IndexOutOfBoundsException e) {
      throw named(e);
    }
  }

  private void checkFits(Slab slab, int length, int off) {
    try {
      slab.checkDestination(length, off);
    } catch (IndexOutOfBoundsException e) {
      throw named(e);
    }
  }

  /** A slab error with the file's name in front: messages name the file and every number. */
  private IndexOutOfBoundsException named(IndexOutOfBoundsException e) {
    IndexOutOfBoundsException named = new IndexOutOfBoundsException(path + ": " + e.getMessage());
    named.initCause(e);
    return named;
  }

  private long maxRecords() {
    // CDF-1/2 store numrecs in 32 bits, with all ones reserved for streaming.
    return header.format() == CdfFormat.CDF5 ? Long.MAX_VALUE - 1 : 0xFFFFFFFEL;
  }

  /** Narrowing integer writes are checked value by value before anything is written. */
  private static void checkRange(CdfVariable v, Target source, Object src, int off, int n) {
    DataType t = v.type();
    if (t.isFloatingPoint() || t == DataType.INT64 || t == DataType.UINT64) {
      return;
    }
    if (source == Target.INT && t == DataType.INT) {
      return; // every int fits
    }
    if (source == Target.LONG && t == DataType.INT) { // ids and connectivity: one plain loop
      long[] a = (long[]) src;
      for (int i = 0; i < n; i++) {
        if (a[off + i] != (int) a[off + i]) {
          throw doesNotFit(v, a[off + i], i);
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      long value =
          switch (source) {
            case LONG -> ((long[]) src)[off + i];
            case INT -> ((int[]) src)[off + i];
            case SHORT -> ((short[]) src)[off + i];
            case BYTE -> ((byte[]) src)[off + i];
            default -> 0;
          };
      if (!Conversions.fits(t, value)) {
        throw doesNotFit(v, value, i);
      }
    }
  }

  private static IllegalArgumentException doesNotFit(CdfVariable v, long value, int i) {
    return new IllegalArgumentException(
        "variable "
            + v.name()
            + ": value "
            + value
            + " at slab index "
            + i
            + " does not fit "
            + v.type().cdlName());
  }

  /** Encodes {@code n} values from {@code src[from..]} as stored type {@code t} into {@code b}. */
  private static void encode(ByteBuffer b, DataType t, Target source, Object src, int from, int n) {
    if (source == Target.DOUBLE && t == DataType.FLOAT) {
      double[] a = (double[]) src;
      for (int i = 0; i < n; i++) b.putFloat(4 * i, (float) a[from + i]);
      return;
    }
    if (source == Target.DOUBLE) {
      DoubleBuffer d = b.asDoubleBuffer();
      d.put((double[]) src, from, n);
      return;
    }
    if (source == Target.FLOAT && t == DataType.FLOAT) {
      FloatBuffer f = b.asFloatBuffer();
      f.put((float[]) src, from, n);
      return;
    }
    if (source == Target.FLOAT) {
      float[] a = (float[]) src;
      for (int i = 0; i < n; i++) b.putDouble(8 * i, a[from + i]);
      return;
    }
    if (source == Target.LONG && (t == DataType.INT64 || t == DataType.UINT64)) {
      LongBuffer l = b.asLongBuffer();
      l.put((long[]) src, from, n);
      return;
    }
    if (source == Target.INT && t == DataType.INT) {
      IntBuffer ib = b.asIntBuffer();
      ib.put((int[]) src, from, n);
      return;
    }
    if (source == Target.SHORT && t == DataType.SHORT) {
      ShortBuffer s = b.asShortBuffer();
      s.put((short[]) src, from, n);
      return;
    }
    if (source == Target.BYTE && (t == DataType.BYTE || t == DataType.CHAR)) {
      b.put(0, (byte[]) src, from, n);
      return;
    }
    if (source == Target.LONG && t == DataType.INT) {
      long[] a = (long[]) src;
      for (int i = 0; i < n; i++) b.putInt(4 * i, (int) a[from + i]);
      return;
    }
    // Integer source to another integer or real type (range already checked).
    for (int i = 0; i < n; i++) {
      long v =
          switch (source) {
            case LONG -> ((long[]) src)[from + i];
            case INT -> ((int[]) src)[from + i];
            case SHORT -> ((short[]) src)[from + i];
            case BYTE -> ((byte[]) src)[from + i];
            default -> throw new AssertionError(source);
          };
      switch (t) {
        case BYTE, UBYTE, CHAR -> b.put(i, (byte) v);
        case SHORT, USHORT -> b.putShort(2 * i, (short) v);
        case INT, UINT -> b.putInt(4 * i, (int) v);
        case INT64, UINT64 -> b.putLong(8 * i, v);
        case FLOAT -> b.putFloat(4 * i, v);
        case DOUBLE -> b.putDouble(8 * i, v);
        default -> throw new AssertionError(t);
      }
    }
  }

  // ---- records ------------------------------------------------------------------------------

  /** Makes records [writtenRecords, end) exist: filled first, so their data is never garbage. */
  private void extendRecords(long end) throws IOException {
    if (options.fill()) {
      long rs = header.recordSize();
      if (rs > 0 && rs <= RECORD_BLOCK_BYTES) {
        // whole records from one filled record: one write per block of records
        byte[] template = recordTemplate();
        long perBlock = Math.max(1, RECORD_BLOCK_BYTES / rs);
        for (long first = writtenRecords; first < end; first += perBlock) {
          int n = (int) Math.min(perBlock, end - first);
          byte[] block = new byte[(int) (n * rs)];
          for (int r = 0; r < n; r++)
            System.arraycopy(template, 0, block, (int) (r * rs), (int) rs);
          writeFully(ByteBuffer.wrap(block), header.beginRecords() + first * rs);
        }
      } else {
        for (long r = writtenRecords; r < end; r++) {
          for (CdfVariable v : header.variables()) {
            if (v.isRecord()) {
              fill(v, v.begin() + r * rs, v.paddedSize());
            }
          }
        }
      }
    }
    writtenRecords = end;
  }

  /** The bytes of one record when every record variable holds its fill value (gaps zero). */
  private byte[] recordTemplate() {
    if (recordTemplate == null) {
      long rs = header.recordSize();
      byte[] t = new byte[(int) rs];
      for (CdfVariable v : header.variables()) {
        if (!v.isRecord()) continue;
        byte[] pattern = fillBytes(v);
        int off = (int) (v.begin() - header.beginRecords());
        int end = (int) Math.min(rs, off + v.paddedSize());
        for (int i = off; i < end; i++) t[i] = pattern[(i - off) % pattern.length];
      }
      recordTemplate = t;
    }
    return recordTemplate;
  }

  /**
   * Copies records [0, records) of {@code copied} in bulk: each block of records is assembled in
   * memory from the source's slabs (one read per variable and block) over the fill values of the
   * record variables not copied, and written at once. Declines (false, nothing written) once a
   * record exists, or where a variable does not match its namesake here (type, record shape).
   */
  @Override
  public boolean copyRecords(Storage source, List<? extends Variable> copied, long records)
      throws IOException {
    checkOpen();
    long rs = header.recordSize();
    if (writtenRecords != 0 || records <= 0 || rs <= 0 || rs > RECORD_BLOCK_BYTES) {
      return false;
    }
    List<CdfVariable> targets = new ArrayList<>();
    for (Variable v : copied) {
      CdfVariable t = findVariable(v.name()).orElse(null);
      long[] shape = source.shape(v);
      if (t == null
          || !t.isRecord()
          || t.type() != v.type()
          || shape.length != t.dimensions().size()
          || shape[0] != records
          || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), t.innerShape())) {
        return false;
      }
      targets.add(t);
    }
    if (records > maxRecords()) {
      return false;
    }
    byte[] template = options.fill() ? recordTemplate() : new byte[(int) rs];
    long perBlock = Math.max(1, RECORD_BLOCK_BYTES / rs);
    byte[] block = new byte[(int) (Math.min(perBlock, records) * rs)];
    byte[] values = new byte[0];
    for (long first = 0; first < records; first += perBlock) {
      int n = (int) Math.min(perBlock, records - first);
      for (int r = 0; r < n; r++) System.arraycopy(template, 0, block, (int) (r * rs), (int) rs);
      for (int i = 0; i < targets.size(); i++) {
        Variable v = copied.get(i);
        CdfVariable t = targets.get(i);
        int bytes = (int) t.dataBytes();
        if (values.length < n * bytes) values = new byte[n * bytes];
        long[] start = new long[t.dimensions().size()];
        long[] count = new long[start.length];
        start[0] = first;
        count[0] = n;
        long[] inner = t.innerShape();
        System.arraycopy(inner, 0, count, 1, inner.length);
        source.readRaw(v, start, count, ByteBuffer.wrap(values, 0, n * bytes));
        int off = (int) (t.begin() - header.beginRecords());
        for (int r = 0; r < n; r++) {
          System.arraycopy(values, r * bytes, block, (int) (r * rs) + off, bytes);
        }
      }
      writeFully(ByteBuffer.wrap(block, 0, (int) (n * rs)), header.beginRecords() + first * rs);
      writtenRecords = first + n;
    }
    return true;
  }

  /**
   * Makes every record written so far count: forces the data to disk first when {@code sync} is
   * set, then writes the record count into the header (and forces that too).
   */
  @Override
  public void commit() throws IOException {
    checkOpen();
    if (writtenRecords == committedRecords) {
      if (options.sync()) {
        Uninterruptible.force(channel, false);
      }
      return;
    }
    // Record counts only move forward: never write a count below the one stored now.
    long stored = storedRecordCount();
    if (stored > writtenRecords) {
      throw new IllegalStateException(
          path
              + ": the file counts "
              + stored
              + " records, more than the "
              + writtenRecords
              + " this writer wrote; another writer appended (commit under the file lock)");
    }
    extendTo(header.paddedEnd(writtenRecords));
    if (options.sync()) {
      Uninterruptible.force(channel, false);
    }
    ByteBuffer n = ByteBuffer.allocate(header.format().sizeBytes());
    if (n.capacity() == 8) {
      n.putLong(0, writtenRecords);
    } else {
      n.putInt(0, (int) writtenRecords);
    }
    writeFully(n, 4);
    if (options.sync()) {
      Uninterruptible.force(channel, false);
    }
    committedRecords = writtenRecords;
  }

  // ---- low level ----------------------------------------------------------------------------

  private CdfVariable own(Variable v) {
    if (v instanceof CdfVariable cv && header.variables().contains(cv)) {
      return cv;
    }
    throw new IllegalArgumentException(
        "variable " + (v == null ? "null" : v.name()) + " does not belong to " + path);
  }

  /** The fill value's stored bytes for {@code v}: its {@code _FillValue} or the type default. */
  static byte[] fillBytes(CdfVariable v) {
    Optional<Attribute> fv = v.attribute("_FillValue");
    if (fv.isPresent() && fv.get().type() == v.type() && fv.get().length() == 1) {
      return fv.get().storedBytes();
    }
    long bits = v.type().defaultFillBits();
    ByteBuffer b = ByteBuffer.allocate(v.type().size());
    switch (v.type().size()) {
      case 1 -> b.put((byte) bits);
      case 2 -> b.putShort((short) bits);
      case 4 -> b.putInt((int) bits);
      default -> b.putLong(bits);
    }
    return b.array();
  }

  /**
   * Fills {@code bytes} at {@code position} with {@code v}'s fill value. The pattern is laid into
   * its buffer once, as far as the largest fill so far needed, not again for every call.
   */
  private void fill(CdfVariable v, long position, long bytes) throws IOException {
    byte[] pattern = fillBytes(v);
    int usable = SCRATCH_BYTES - SCRATCH_BYTES % pattern.length;
    int need = (int) Math.min(usable, bytes);
    if (fillBuffer == null) fillBuffer = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    if (!Arrays.equals(pattern, fillPattern)) {
      fillPattern = pattern;
      fillPrepared = 0;
    }
    fillBuffer.clear(); // the limit of the last write; the bytes stay
    for (int i = fillPrepared; i < need; i++) {
      fillBuffer.put(i, pattern[i % pattern.length]);
    }
    fillPrepared = Math.max(fillPrepared, need);
    long done = 0;
    while (done < bytes) {
      int k = (int) Math.min(usable, bytes - done);
      fillBuffer.position(0).limit(k);
      writeFully(fillBuffer, position + done);
      done += k;
    }
  }

  /** Grows the file to {@code size} (as netCDF-C pads a file at close) without touching data. */
  private void extendTo(long size) throws IOException {
    if (Uninterruptible.size(channel) < size) {
      writeFully(ByteBuffer.wrap(new byte[1]), size - 1);
    }
  }

  /** The first write that failed (a full disk, an I/O error), or null: its data may be missing. */
  @Override
  public IOException firstWriteFailure() {
    return firstWriteFailure;
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long pos = position;
    try {
      while (b.hasRemaining()) {
        pos += Uninterruptible.write(channel, b, pos);
      }
    } catch (IOException e) {
      throw firstWriteFailure =
          new IOException(
              path
                  + ": writing "
                  + b.remaining()
                  + " bytes at byte "
                  + pos
                  + " failed: "
                  + e.getMessage(),
              e);
    }
  }

  /**
   * Forgets the records written since the last commit (after a failed write, so they never count)
   * and cuts the file back to its committed size where possible.
   */
  @Override
  public void abandonUncommitted() throws IOException {
    writtenRecords = committedRecords;
    long end = header.paddedEnd(committedRecords);
    if (Uninterruptible.size(channel) > end) {
      Uninterruptible.truncate(channel, end);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(path + ": writer is closed");
    }
  }

  private void closeQuietly(Throwable cause) {
    try {
      if (ownsChannel) channel.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /** Commits the records written, pads the file to its full size, and closes it. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      commit();
      extendTo(header.paddedEnd(committedRecords));
      if (options.sync()) {
        Uninterruptible.force(channel, true);
      }
    } finally {
      closed = true;
      if (ownsChannel) {
        channel.close();
      }
    }
  }
}
