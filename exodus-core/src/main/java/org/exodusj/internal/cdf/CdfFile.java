package org.exodusj.internal.cdf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.CutShortByteSource;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.AbstractStorage;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Decode;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.NameIndex;
import org.exodusj.internal.storage.Variable;

/**
 * A NetCDF classic-format file (CDF-1, CDF-2 or CDF-5) open for reading. Reads are positional, so
 * one instance serves many threads at once. Hyperslabs are cut into contiguous runs ({@link Slab})
 * and each run is decoded straight into the caller's array: values of the stored type are copied in
 * bulk from the memory map (one copy, the byte swap), other lossless conversions go element by
 * element.
 */
public final class CdfFile extends AbstractStorage {
  private final ByteSource source;
  private final CdfHeader header;
  private final NameIndex variableIndex;
  private final NameIndex dimensionIndex;
  private Ahead firstBytes; // guarded by this
  private final int firstBytesRead;
  private final List<String> defects;
  private volatile long numRecs;
  private volatile List<Dimension> dimensions;

  private CdfFile(
      ByteSource source,
      CdfHeader header,
      NameIndex variableIndex,
      NameIndex dimensionIndex,
      Ahead firstBytes,
      int firstBytesRead,
      List<String> defects)
      throws IOException {
    // A file cut short before it was opened (a crashed writer) reads as netCDF-C reads it: the
    // missing bytes as zeros, listed in the defects. One cut while open still fails its reads.
    this.source =
        source.size() < header.dataEnd(recordsAtOpen(header, source.size()))
            ? new CutShortByteSource(source)
            : source;
    this.header = header;
    this.defects = defects;
    this.variableIndex = variableIndex;
    this.dimensionIndex = dimensionIndex;
    this.firstBytes = firstBytes;
    this.firstBytesRead = firstBytesRead;
    updateRecords(true);
  }

  /**
   * The record count at open: as stored, or from the file's {@code size} for the streaming marker;
   * 0 for a file without record variables or record dimension.
   */
  private static long recordsAtOpen(CdfHeader header, long size) {
    long recs;
    if (header.storedNumRecs() == CdfHeader.STREAMING) {
      recs =
          header.recordSize() == 0
              ? 0
              : Math.max(0, (size - header.beginRecords()) / header.recordSize());
    } else {
      recs = header.storedNumRecs();
    }
    return !header.hasRecordVariables() && header.recordDimension() < 0 ? 0 : recs;
  }

  /**
   * What a file cut short at {@code size} lacks: one line for the file, then one per variable not
   * wholly in it (fixed: bytes present of those expected; record: records present), at most {@link
   * #MAX_TRUNCATION_LINES} of them.
   */
  private List<String> truncation(long size, long dataEnd, long recs) {
    List<String> out = new ArrayList<>();
    out.add(
        "file is truncated: its header describes "
            + dataEnd
            + " bytes but the file has "
            + size
            + "; the missing bytes read as zeros, as netCDF-C reads them");
    int more = 0;
    for (CdfVariable v : header.variables()) {
      String line = null;
      if (!v.isRecord()) {
        long expected = v.dataBytes();
        long present = Math.max(0, Math.min(expected, size - v.begin()));
        if (present < expected) {
          line =
              "variable "
                  + v.name()
                  + ": "
                  + present
                  + " of "
                  + expected
                  + " bytes in the file (data from byte "
                  + v.begin()
                  + ")";
        }
      } else if (recs > 0) {
        long whole =
            size < v.begin() + v.dataBytes()
                ? 0
                : Math.min(recs, (size - v.begin() - v.dataBytes()) / header.recordSize() + 1);
        if (whole < recs) {
          line =
              "variable "
                  + v.name()
                  + ": "
                  + whole
                  + " of "
                  + recs
                  + " records in the file"
                  + (whole + 1 < recs ? " (records " + (whole + 1) + "-" + recs + " missing" : "")
                  + (whole + 1 == recs ? " (record " + recs + " missing" : "")
                  + " or partial)";
        }
      }
      if (line != null) {
        if (out.size() <= MAX_TRUNCATION_LINES) {
          out.add(line);
        } else {
          more++;
        }
      }
    }
    if (more > 0) {
      out.add("... and " + more + " more variables not wholly in the file");
    }
    return out;
  }

  /** Variables listed one by one in the defects of a truncated file. */
  static final int MAX_TRUNCATION_LINES = 50;

  /** Opens {@code path}, memory-mapped in windows of the default size. */
  public static CdfFile open(Path path) throws IOException {
    return open(WindowedByteSource.map(path));
  }

  /** Opens {@code path} with positional channel reads only (no memory map, so no views). */
  public static CdfFile openUnmapped(Path path) throws IOException {
    return open(ChannelByteSource.open(path));
  }

  /** Opens a classic file from {@code source}, which is closed with the returned file. */
  public static CdfFile open(ByteSource source) throws IOException {
    try {
      List<String> defects = Collections.synchronizedList(new ArrayList<>());
      CdfHeaderReader.Indexed parsed = CdfHeaderReader.readIndexed(source, defects);
      return new CdfFile(
          source,
          parsed.header(),
          parsed.variables(),
          parsed.dimensions(),
          parsed.firstBytes(),
          parsed.firstBytesRead(),
          defects);
    } catch (IOException | RuntimeException e) {
      try {
        source.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The parsed header with its layout. */
  public CdfHeader header() {
    return header;
  }

  public CdfFormat format() {
    return header.format();
  }

  /** The byte source (for tests and tools that inspect the raw bytes). */
  public ByteSource source() {
    return source;
  }

  private void updateRecords(boolean atOpen) throws IOException {
    // The record count first, then the size: a writer writes a record's data before its count,
    // so a size taken after the count always covers the counted records. The other order races
    // with a commit that lands in between.
    long counted = -1;
    if (!atOpen && header.storedNumRecs() != CdfHeader.STREAMING) {
      ByteBuffer b = ByteBuffer.allocate(header.format().sizeBytes());
      source.readFully(4, b);
      counted =
          header.format() == CdfFormat.CDF5 ? b.getLong(0) : Integer.toUnsignedLong(b.getInt(0));
    }
    if (!atOpen) {
      source.refresh();
    }
    long size = source.size();
    boolean streaming = header.storedNumRecs() == CdfHeader.STREAMING;
    long recs = atOpen || streaming ? recordsAtOpen(header, size) : counted;
    if (atOpen && streaming) {
      defects.add(
          "numrecs holds the streaming marker; " + recs + " records computed from the file length");
    }
    if (!header.hasRecordVariables() && header.recordDimension() < 0) {
      recs = 0;
    }
    long dataEnd = header.dataEnd(recs);
    long paddedEnd = header.paddedEnd(recs);
    if (atOpen && size < dataEnd) {
      defects.addAll(truncation(size, dataEnd, recs));
    } else if (atOpen && size < paddedEnd) {
      defects.add(
          "file ends "
              + (paddedEnd - size)
              + " bytes before the padding of its last variable ends (tolerated, as netCDF-C"
              + " does)");
    }
    List<Dimension> dims = new ArrayList<>(header.dimensions());
    if (header.recordDimension() >= 0) {
      Dimension r = dims.get(header.recordDimension());
      dims.set(header.recordDimension(), new Dimension(r.name(), recs, true));
    }
    this.dimensions = List.copyOf(dims);
    this.numRecs = recs;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public String formatDescription() {
    return header.format().description();
  }

  @Override
  public ExodusFormat fileFormat() {
    return header.format().exodusFormat();
  }

  @Override
  public List<Dimension> dimensions() {
    return dimensions;
  }

  @Override
  public List<Attribute> attributes() {
    return header.attributes();
  }

  @Override
  public List<CdfVariable> variables() {
    return header.variables();
  }

  @Override
  public Optional<CdfVariable> findVariable(String name) {
    int i = variableIndex.find(name);
    return i < 0 ? Optional.empty() : Optional.of(header.variables().get(i));
  }

  @Override
  public NameIndex variableIndex() {
    return variableIndex;
  }

  @Override
  public NameIndex dimensionIndex() {
    return dimensionIndex;
  }

  @Override
  public long byteSize() throws IOException {
    return source.size();
  }

  @Override
  public long recordCount() {
    return numRecs;
  }

  @Override
  public long recordsInFile() {
    long recs = numRecs;
    if (recs == 0 || header.recordSize() <= 0) {
      return recs;
    }
    long begin = Long.MAX_VALUE;
    for (CdfVariable v : header.variables()) {
      if (v.isRecord()) begin = Math.min(begin, v.begin());
    }
    long size;
    try {
      size = source.size();
    } catch (IOException e) {
      return recs;
    }
    if (begin == Long.MAX_VALUE || size <= begin) {
      return begin == Long.MAX_VALUE ? recs : 0;
    }
    long started = (size - begin + header.recordSize() - 1) / header.recordSize();
    return Math.min(recs, started);
  }

  @Override
  public long[] shape(Variable v) {
    CdfVariable cv = own(v);
    if (!cv.isRecord()) {
      return cv.innerShape();
    }
    long[] s = new long[cv.rank()];
    s[0] = numRecs;
    for (int d = 1; d < s.length; d++) {
      s[d] = cv.innerLength(d - 1);
    }
    return s;
  }

  @Override
  public List<String> defects() {
    return List.copyOf(defects);
  }

  @Override
  public synchronized void refresh() throws IOException {
    updateRecords(false);
  }

  /** True when {@code v} is this file's variable of its name (not another file's). */
  private boolean ownVariable(CdfVariable v) {
    List<CdfVariable> vs = header.variables();
    int p = v.position();
    if (p >= 0 && p < vs.size() && vs.get(p) == v) {
      return true; // at its position: no look-up of its name
    }
    int i = variableIndex.find(v.name());
    return i >= 0 && header.variables().get(i) == v;
  }

  private CdfVariable own(Variable v) {
    if (v instanceof CdfVariable cv && ownVariable(cv)) {
      return cv;
    }
    throw new IllegalArgumentException(
        "variable " + (v == null ? "null" : v.name()) + " does not belong to " + name());
  }

  private Slab slab(Variable v, long[] start, long[] count, Target target) {
    CdfVariable cv = own(v);
    if (target != null && !Conversions.readable(cv.type(), target)) {
      throw new IllegalArgumentException(Conversions.lossyRead(cv.name(), cv.type(), target));
    }
    return Slab.of(cv, start, count, numRecs, header.recordSize());
  }

  /**
   * Runs the slab's runs, turning a read past the end of a truncated file into a clear error, and a
   * file truncated or re-created underneath since it was opened into a {@link
   * org.exodusj.FileChangedException}: a fault in its memory map is reported inside this {@code
   * try} ({@link ByteSource#reportFaults()}), never later in the caller's code.
   */
  private void runs(Slab s, Slab.RunVisitor visitor) throws IOException {
    runs(s, visitor, null, 0, 0);
  }

  /** As {@link #runs(Slab, Slab.RunVisitor)}, reading bytes [from, to) into {@code span} first. */
  private void runs(Slab s, Slab.RunVisitor visitor, Ahead span, long from, long to)
      throws IOException {
    try {
      if (span != null) {
        source.readFully(from, ByteBuffer.wrap(span.bytes, 0, (int) (to - from)));
      }
      s.forEachRun(visitor);
      source.reportFaults();
    } catch (InternalError e) {
      throw source.faulted(e);
    } catch (EOFException e) {
      source.verifyUnchanged(s.endByte()); // shrunk since opened: FileChangedException
      throw new ExodusFormatException(
          name(),
          "variable " + s.variable.name(),
          ExodusFormatException.NO_OFFSET,
          "data missing: the file is truncated (" + e.getMessage() + ")",
          e);
    }
  }

  // ---- reads into arrays ------------------------------------------------------------------

  @Override
  public void read(Variable v, long[] start, long[] count, double[] dst, int off)
      throws IOException {
    Slab s = slab(v, start, count, Target.DOUBLE);
    s.checkDestination(dst.length, off);
    DataType t = s.variable.type();
    ByteSource src = from(s.variable);
    if (t == DataType.DOUBLE) {
      readRuns(s, new Copying(src, dst, off));
    } else {
      readRuns(
          s,
          new Converting(t, src) {
            @Override
            void decode(ByteBuffer b, int i, int n, int at) {
              Decode.toDoubles(b, i, t, n, dst, off + at);
            }
          });
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, float[] dst, int off)
      throws IOException {
    Slab s = slab(v, start, count, Target.FLOAT);
    s.checkDestination(dst.length, off);
    DataType t = s.variable.type();
    ByteSource src = from(s.variable);
    if (t == DataType.FLOAT) {
      readRuns(s, new Copying(src, dst, off));
    } else {
      readRuns(
          s,
          new Converting(t, src) {
            @Override
            void decode(ByteBuffer b, int i, int n, int at) {
              Decode.toFloats(b, i, t, n, dst, off + at);
            }
          });
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, long[] dst, int off) throws IOException {
    Ahead a = ahead;
    long at = a == null ? -1 : aheadRun(a, aheadInt(v), start, count, dst.length, off);
    if (at >= 0) {
      byte[] b = a.bytes;
      for (int k = (int) at, i = off, end = i + (int) total(count); i < end; k += 4, i++) {
        dst[i] = be32(b, k);
      }
      return;
    }
    Slab s = slab(v, start, count, Target.LONG);
    s.checkDestination(dst.length, off);
    DataType t = s.variable.type();
    ByteSource src = from(s.variable);
    if (t == DataType.INT64) {
      readRuns(s, new Copying(src, dst, off));
    } else {
      readRuns(
          s,
          new Converting(t, src) {
            @Override
            void decode(ByteBuffer b, int i, int n, int at) {
              Decode.toLongs(b, i, t, n, dst, off + at);
            }
          });
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, int[] dst, int off) throws IOException {
    Ahead a = ahead;
    long at = a == null ? -1 : aheadRun(a, aheadInt(v), start, count, dst.length, off);
    if (at >= 0) {
      byte[] b = a.bytes;
      for (int k = (int) at, i = off, end = i + (int) total(count); i < end; k += 4, i++) {
        dst[i] = be32(b, k);
      }
      return;
    }
    Slab s = slab(v, start, count, Target.INT);
    s.checkDestination(dst.length, off);
    DataType t = s.variable.type();
    ByteSource src = from(s.variable);
    if (t == DataType.INT) {
      readRuns(s, new Copying(src, dst, off));
    } else {
      readRuns(
          s,
          new Converting(t, src) {
            @Override
            void decode(ByteBuffer b, int i, int n, int at) {
              Decode.toInts(b, i, t, n, dst, off + at);
            }
          });
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, short[] dst, int off)
      throws IOException {
    Slab s = slab(v, start, count, Target.SHORT);
    s.checkDestination(dst.length, off);
    DataType t = s.variable.type();
    ByteSource src = from(s.variable);
    if (t == DataType.SHORT) {
      readRuns(s, new Copying(src, dst, off));
    } else {
      readRuns(
          s,
          new Converting(t, src) {
            @Override
            void decode(ByteBuffer b, int i, int n, int at) {
              Decode.toShorts(b, i, t, n, dst, off + at);
            }
          });
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, byte[] dst, int off) throws IOException {
    Ahead a = ahead;
    CdfVariable cv =
        a != null
                && v instanceof CdfVariable c
                && (c.type() == DataType.CHAR || c.type() == DataType.BYTE)
            ? c
            : null;
    long at = a == null ? -1 : aheadRun(a, cv, start, count, dst.length, off);
    if (at >= 0) {
      System.arraycopy(a.bytes, (int) at, dst, off, (int) total(count));
      return;
    }
    Slab s = slab(v, start, count, Target.BYTE);
    s.checkDestination(dst.length, off);
    ByteSource src = from(s.variable);
    readRuns(s, new Copying(src, dst, off));
  }

  /**
   * A run visitor of the reads into arrays, reading through {@link #source} with positions {@link
   * #shift} bytes lower than the file's: the file itself (shift 0), or a copy of a span of it that
   * starts at byte {@code shift} ({@link #readRuns}).
   */
  private abstract static class Reading implements Slab.RunVisitor {
    ByteSource source;
    long shift;

    Reading(ByteSource source) {
      this.source = source;
    }

    @Override
    public final void run(long position, int elements, long index) throws IOException {
      read(source, position - shift, elements, index);
    }

    abstract void read(ByteSource src, long position, int elements, long index) throws IOException;
  }

  /**
   * Copies each run into the destination array ({@code double[]}, {@code float[]}, {@code long[]},
   * {@code int[]}, {@code short[]} or {@code byte[]}, the stored type's own) at {@code off} plus
   * the run's index. A class, not a lambda per type: the first lambda call site of a process costs
   * a few milliseconds of a short command's start (docs/benchmarks.md, "Start-up of exo").
   */
  private static final class Copying extends Reading {
    private final Object dst;
    private final int off;

    Copying(ByteSource source, Object dst, int off) {
      super(source);
      this.dst = dst;
      this.off = off;
    }

    @Override
    void read(ByteSource src, long position, int elements, long index) throws IOException {
      int at = off + (int) index;
      if (dst instanceof double[] d) {
        src.getDoubles(position, d, at, elements);
      } else if (dst instanceof float[] f) {
        src.getFloats(position, f, at, elements);
      } else if (dst instanceof long[] l) {
        src.getLongs(position, l, at, elements);
      } else if (dst instanceof int[] i) {
        src.getInts(position, i, at, elements);
      } else if (dst instanceof short[] h) {
        src.getShorts(position, h, at, elements);
      } else {
        src.getBytes(position, (byte[]) dst, at, elements);
      }
    }
  }

  /**
   * Converts: asks the source for the run's bytes piece by piece and decodes each piece, keeping
   * the destination index across pieces.
   */
  private abstract static class Converting extends Reading implements ByteSource.PieceSink {
    private final int size;
    private int at;

    Converting(DataType stored, ByteSource source) {
      super(source);
      this.size = stored.size();
    }

    abstract void decode(ByteBuffer b, int index, int n, int at);

    @Override
    void read(ByteSource src, long position, int elements, long index) throws IOException {
      at = (int) index;
      src.pieces(position, (long) elements * size, size, this);
    }

    @Override
    public void accept(ByteBuffer buffer, int index, int length) {
      int n = length / size;
      decode(buffer, index, n, at);
      at += n;
    }
  }

  /**
   * A record variable's slab over several records spanning at most this many bytes is read whole.
   */
  static final int SPAN_BYTES = 64 * 1024; // the read-ahead buffers' size (READ_AHEAD_LIMIT)

  /**
   * Reads the slab through {@code r}. A record variable's slab over several records (a run per
   * record, other variables' records between them) whose bytes span at most {@link #SPAN_BYTES} of
   * the file is read in one read of the span into a pooled buffer, and its runs are taken from
   * there: one positional read instead of one per record, and no memory map made for a small file
   * (mapping one is the costliest step of a short command's dump: docs/benchmarks.md, "Start-up of
   * exo"). The copy serves this call only, so every read sees the file as it is then.
   */
  private void readRuns(Slab s, Reading r) throws IOException {
    if (r.source == source && s.variable.isRecord() && s.count[0] > 1 && s.total > 0) {
      long first = s.firstByte();
      long end = s.endByte();
      if (end - first <= SPAN_BYTES && end <= source.size()) {
        Ahead a = takeAhead();
        try {
          r.source = a.source;
          r.shift = first;
          runs(s, r, a, first, end);
        } finally {
          giveAhead(a);
        }
        return;
      }
    }
    runs(s, r);
  }

  // ---- reads into direct NIO buffers (the heap branch is AbstractStorage's) ----------------

  @Override
  protected int slabSize(Variable v, long[] start, long[] count, int remaining) {
    Slab s = Slab.of(own(v), start, count, numRecs, 0);
    s.checkDestination(remaining, 0);
    return (int) s.total;
  }

  /** Every run in pieces of at most STAGING values, each staged and put into the buffer in bulk. */
  @Override
  protected int readDirect(Variable v, long[] start, long[] count, Staged dst) throws IOException {
    Slab s = slab(v, start, count, dst.target);
    s.checkDestination(dst.remaining, 0);
    DataType t = s.variable.type();
    runs(
        s,
        new Slab.RunVisitor() {
          @Override
          public void run(long pos, int n, long index) throws IOException {
            for (int done = 0; done < n; ) {
              int k = Math.min(STAGING, n - done);
              stage(t, pos + (long) done * t.size(), k, dst);
              dst.put((int) (index + done), 0, k);
              done += k;
            }
          }
        });
    return (int) s.total;
  }

  /** Reads {@code n} values of one run at {@code pos} into the staging array from index 0. */
  private void stage(DataType t, long pos, int n, Staged dst) throws IOException {
    Object c = dst.array;
    Target to = dst.target;
    if (to == Target.DOUBLE && t == DataType.DOUBLE) {
      source.getDoubles(pos, (double[]) c, 0, n);
    } else if (to == Target.FLOAT && t == DataType.FLOAT) {
      source.getFloats(pos, (float[]) c, 0, n);
    } else if (to == Target.LONG && t == DataType.INT64) {
      source.getLongs(pos, (long[]) c, 0, n);
    } else if (to == Target.INT && t == DataType.INT) {
      source.getInts(pos, (int[]) c, 0, n);
    } else if (to == Target.SHORT && t == DataType.SHORT) {
      source.getShorts(pos, (short[]) c, 0, n);
    } else {
      source.pieces(
          pos,
          (long) n * t.size(),
          t.size(),
          new ChunkSink() {
            @Override
            void decode(ByteBuffer b, int i, int k, int at) {
              Decode.to(to, b, i, t, k, c, at);
            }
          }.of(t));
    }
  }

  /** Decodes pieces into a chunk array from index 0. */
  private abstract static class ChunkSink implements ByteSource.PieceSink {
    private int size;
    private int at;

    ChunkSink of(DataType t) {
      this.size = t.size();
      return this;
    }

    abstract void decode(ByteBuffer b, int index, int n, int at);

    @Override
    public void accept(ByteBuffer buffer, int index, int length) {
      int n = length / size;
      decode(buffer, index, n, at);
      at += n;
    }
  }

  // ---- raw bytes and views ----------------------------------------------------------------

  @Override
  public void readRaw(Variable v, long[] start, long[] count, ByteBuffer dst) throws IOException {
    Slab s = slab(v, start, count, null);
    int es = s.variable.type().size();
    long bytes = s.total * es;
    if (bytes > dst.remaining()) {
      throw new IndexOutOfBoundsException(
          "variable "
              + s.variable.name()
              + ": slab of "
              + bytes
              + " bytes does not fit buffer with "
              + dst.remaining()
              + " bytes remaining");
    }
    int base = dst.position();
    runs(
        s,
        new Slab.RunVisitor() {
          @Override
          public void run(long pos, int n, long index) throws IOException {
            ByteBuffer part = dst.duplicate();
            part.position(base + (int) (index * es)).limit(base + (int) ((index + n) * es));
            source.readFully(pos, part);
          }
        });
    dst.position(base + (int) bytes);
  }

  @Override
  public Optional<ByteBuffer> viewBytes(Variable v, long[] start, long[] count, DataType type)
      throws IOException {
    Slab s = slab(v, start, count, null);
    if (s.variable.type() != type || !source.supportsSlices()) {
      return Optional.empty();
    }
    long[] run = s.singleRun();
    if (run == null) {
      return Optional.empty();
    }
    long bytes = run[1] * type.size();
    if (run[0] + bytes > source.size()) {
      return Optional.empty(); // truncated file: the caller's buffer read reports it
    }
    return source.slice(run[0], bytes);
  }

  @Override
  public Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException {
    Slab s = slab(v, start, count, null);
    if (s.variable.type() != asType) {
      return Optional.of(
          "variable "
              + s.variable.name()
              + " is stored as "
              + s.variable.type().cdlName()
              + ", not "
              + asType.cdlName());
    }
    if (!source.supportsSlices()) {
      return Optional.of(name() + " is read through a channel, not a memory map");
    }
    long[] run = s.singleRun();
    if (run == null) {
      return Optional.of(
          "the slab of variable " + s.variable.name() + " is not contiguous in the file");
    }
    long bytes = run[1] * asType.size();
    if (run[0] + bytes > source.size()) {
      return Optional.of("the slab lies past the end of the truncated file");
    }
    if (source.slice(run[0], bytes).isEmpty()) {
      return Optional.of("the slab crosses a memory-map window boundary");
    }
    return Optional.empty();
  }

  // ---- read-ahead at open ------------------------------------------------------------------

  /** Variables of at most this many bytes are read ahead. */
  static final int READ_AHEAD_VARIABLE_BYTES = 4096;

  /** Read-ahead buffers never reach past this byte of the file. */
  static final int READ_AHEAD_LIMIT = 64 * 1024;

  /**
   * A read-ahead buffer: {@link #READ_AHEAD_LIMIT} bytes standing for the file's first bytes, and
   * the heap source that decodes them (made once: its typed views cost more than the read).
   */
  static final class Ahead {
    final byte[] bytes = new byte[READ_AHEAD_LIMIT];
    final ByteSource source = WindowedByteSource.ofBytes("read-ahead", bytes, READ_AHEAD_LIMIT);
  }

  /**
   * Read-ahead buffers kept between opens (at most 4: 256 KiB), taken and given back under its lock
   * (not an {@code AtomicReferenceArray}: its first use sets up the JDK's var handles, a few
   * milliseconds of a short command's start).
   */
  private static final Ahead[] AHEAD_POOL = new Ahead[4];

  static Ahead takeAhead() {
    synchronized (AHEAD_POOL) {
      for (int i = 0; i < AHEAD_POOL.length; i++) {
        Ahead a = AHEAD_POOL[i];
        if (a != null) {
          AHEAD_POOL[i] = null;
          return a;
        }
      }
    }
    return new Ahead();
  }

  static void giveAhead(Ahead a) {
    synchronized (AHEAD_POOL) {
      for (int i = 0; i < AHEAD_POOL.length; i++) {
        if (AHEAD_POOL[i] == null) {
          AHEAD_POOL[i] = a;
          return;
        }
      }
    }
  }

  /** The read-ahead in use, holding bytes [aheadFrom, aheadTo) of the file; null when none. */
  private volatile Ahead ahead;

  private long aheadFrom;
  private long aheadTo;

  /**
   * Reads, in one read, the bytes from the end of the header to the end of the last fixed-size
   * variable of at most {@link #READ_AHEAD_VARIABLE_BYTES} that ends within the first {@link
   * #READ_AHEAD_LIMIT} bytes of the file: the model's reads of ids, status, names, properties and
   * truth tables at open, which were a positional read each, then cost none. Reads of a variable
   * wholly in that range are served from the copy until the handle is closed. Where the header was
   * read in one read, its buffer already holds the file's first bytes: only the bytes past them are
   * read (none for most small files).
   */
  @Override
  public ReadAhead readAhead() throws IOException {
    long from = header.headerBytes();
    long limit = Math.min(READ_AHEAD_LIMIT, source.size());
    long to = from;
    for (CdfVariable v : header.variables()) {
      long bytes = v.dataBytes();
      if (v.isRecord() || bytes > READ_AHEAD_VARIABLE_BYTES || bytes == 0) {
        continue;
      }
      long end = v.begin() + bytes;
      if (v.begin() >= from && end <= limit) {
        to = Math.max(to, end);
      }
    }
    Ahead first = takeFirstBytes();
    if (to <= from || ahead != null) {
      if (first != null) {
        giveAhead(first);
      }
      return new Release(null); // none, by the class a read-ahead has (one class less at start)
    }
    // the header's read already holds the file's first bytes: only what lies past it is read
    Ahead a = first != null ? first : takeAhead();
    long readFrom = first != null ? Math.max(from, firstBytesRead) : from;
    try {
      if (readFrom < to) {
        source.readFully(
            readFrom, ByteBuffer.wrap(a.bytes, (int) readFrom, (int) (to - readFrom)).slice());
      }
    } catch (IOException | RuntimeException e) {
      giveAhead(a);
      throw e;
    }
    aheadFrom = from;
    aheadTo = to;
    ahead = a;
    return new Release(a);
  }

  /** Ends the read-ahead {@code a} holds (none for null): a class, not a lambda. */
  private final class Release implements ReadAhead {
    private final Ahead a;

    Release(Ahead a) {
      this.a = a;
    }

    @Override
    public void close() {
      if (a != null && ahead == a) {
        ahead = null;
        giveAhead(a);
      }
    }
  }

  // ---- the model's small reads at open, straight from the read-ahead copy -----------------
  //
  // The ids, status, names and tables the model reads at open lie in the read-ahead copy: a read
  // of a whole row range of such a variable is one contiguous run in that array, decoded here
  // without the general path's slab plan (its checks, copies of start and count, grid walk and run
  // visitor were most of what such a read cost). Every other read, and every read whose bounds do
  // not hold, takes the general path, which checks and reports them.

  /** {@code v} when it is an INT variable of this format, else null. */
  private static CdfVariable aheadInt(Variable v) {
    return v instanceof CdfVariable c && c.type() == DataType.INT ? c : null;
  }

  /**
   * The index in the read-ahead copy {@code a} of the first byte of the slab ({@code start}, {@code
   * count}) of {@code cv}, or -1 when {@code cv} is null or not this file's, or the slab is not one
   * run of whole rows wholly in the copy, or its bounds or the destination's ({@code length} from
   * {@code off}) do not hold.
   */
  private long aheadRun(Ahead a, CdfVariable cv, long[] start, long[] count, int length, int off) {
    if (cv == null
        || cv.isRecord()
        || start == null
        || count == null
        || cv.begin() < aheadFrom
        || cv.begin() + cv.dataBytes() > aheadTo
        || !ownVariable(cv)) {
      return -1;
    }
    int rank = cv.rank();
    if (start.length != rank || count.length != rank || rank == 0 || rank > 2) {
      return -1;
    }
    long n0 = cv.innerLength(0);
    if (start[0] < 0 || count[0] < 0 || start[0] > n0 - count[0]) {
      return -1;
    }
    long row = 1;
    if (rank == 2) {
      // whole rows only: the run is contiguous
      row = cv.innerLength(1);
      if (start[1] != 0 || count[1] != row) {
        return -1;
      }
    }
    long total = count[0] * row;
    if (off < 0 || off > length || total > length - off) {
      return -1;
    }
    long at = cv.begin() + start[0] * row * cv.type().size();
    return at + total * cv.type().size() <= aheadTo && a == ahead ? at : -1;
  }

  /** The number of values of a slab whose bounds {@link #aheadRun} checked. */
  private static long total(long[] count) {
    return count.length == 1 ? count[0] : count[0] * count[1];
  }

  private static int be32(byte[] b, int k) {
    return (b[k] << 24) | ((b[k + 1] & 0xFF) << 16) | ((b[k + 2] & 0xFF) << 8) | (b[k + 3] & 0xFF);
  }

  /** The source {@code v}'s reads go to: the read-ahead copy while it holds all of {@code v}. */
  private ByteSource from(CdfVariable v) {
    Ahead a = ahead;
    if (a != null
        && !v.isRecord()
        && v.begin() >= aheadFrom
        && v.begin() + v.dataBytes() <= aheadTo) {
      return a.source;
    }
    return source;
  }

  @Override
  public void close() throws IOException {
    Ahead first = takeFirstBytes();
    if (first != null) {
      giveAhead(first);
    }
    source.close();
  }

  /**
   * The header's read buffer, holding the file's bytes [0, {@link #firstBytesRead}) at their
   * positions where the header was read in one read, taken once (the read-ahead uses it, else the
   * close gives it back); null when none or taken.
   */
  private synchronized Ahead takeFirstBytes() {
    Ahead a = firstBytes;
    firstBytes = null;
    return a;
  }

  @Override
  public String toString() {
    return "CdfFile[" + name() + ", " + header.format() + "]";
  }
}
