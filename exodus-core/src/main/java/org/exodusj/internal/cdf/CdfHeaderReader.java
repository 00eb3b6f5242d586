package org.exodusj.internal.cdf;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.NameIndex;

/**
 * Parses a classic-format header (CDF-1, CDF-2, CDF-5) following the netCDF file format
 * specification. Every count, length and offset is checked against the bytes left in the file
 * before anything is allocated, so a hostile header ends in an {@link ExodusFormatException} that
 * names the structure and the byte offset, never in an OutOfMemoryError.
 */
final class CdfHeaderReader {
  static final int NC_DIMENSION = 0x0A;
  static final int NC_VARIABLE = 0x0B;
  static final int NC_ATTRIBUTE = 0x0C;

  /** netCDF-C's NC_MAX_VAR_DIMS: no variable has more dimensions. */
  static final int MAX_RANK = 1024;

  /**
   * Longest name accepted: netCDF-C defines names of at most NC_MAX_NAME (256) characters; UTF-8
   * takes up to 4 bytes each. A longer name is a damaged header, not a name.
   */
  static final int MAX_NAME_BYTES = 4 * 256;

  /** The largest read buffer: a pooled read-ahead buffer of {@link CdfFile}. */
  private static final int MAX_BUFFER = CdfFile.READ_AHEAD_LIMIT;

  /** The first read: the whole header of most files, and the ids and names after it of many. */
  private static final int FIRST_READ = 8 * 1024;

  private final ByteSource source;
  private final long fileSize;

  /** The positions of the variables' and dimensions' names, filled by {@link #parse}. */
  private NameIndex variableIndex;

  private NameIndex dimensionIndex;

  // Reads start at 8 KiB (most headers fit) and double at each refill up to 64 KiB, into a pooled
  // 64 KiB read-ahead buffer (reading and allocating 64 KiB for a small file's header was 72 % of
  // what an open allocated before the pool). Nothing keeps a view of it: a header's bytes are
  // copied out ({@link #bytes}). When the header was read in one read, the buffer holds the file's
  // first bytes at their positions, and the file keeps it for its read-ahead (no second read).
  // The bytes are read from the array with shifts (a heap ByteBuffer's getInt went through
  // bounds and scope checks that were a tenth of a header's parse): file bytes [pos - next, pos -
  // next + limit) are arr[0, limit), the next one is arr[next].
  private byte[] arr = new byte[0];
  private int next;
  private int limit;
  private CdfFile.Ahead ahead;
  private int fills;
  private int window;
  private long pos;
  private CdfFormat format;

  // descriptions of the structure being read, set again for each entry (see Desc#set)
  private final Desc dimDesc = new Desc();
  private final Desc dimLengthDesc = new Desc();
  private final Desc varIndexDesc = new Desc();
  private final Desc varDesc = new Desc();
  private final Desc varAttributesDesc = new Desc();
  private final Desc attListDesc = new Desc();
  private final Desc attIndexDesc = new Desc();
  private final Desc attDesc = new Desc();

  private CdfHeaderReader(ByteSource source) throws IOException {
    this.source = source;
    this.fileSize = source.size();
  }

  /** Parses the header of {@code source}; tolerated defects are appended to {@code defects}. */
  static CdfHeader read(ByteSource source, List<String> defects) throws IOException {
    Indexed parsed = readIndexed(source, defects);
    if (parsed.firstBytes() != null) {
      CdfFile.giveAhead(parsed.firstBytes());
    }
    return parsed.header();
  }

  /**
   * A parsed header, the positions of its variables' and dimensions' names, and, where the header
   * was read in one read, the buffer that read (pooled: the taker gives it back) holding the file's
   * bytes [0, {@code firstBytesRead}) at their positions; else null and 0.
   */
  record Indexed(
      CdfHeader header,
      NameIndex variables,
      NameIndex dimensions,
      CdfFile.Ahead firstBytes,
      int firstBytesRead) {}

  /** {@link #read}, with the name indices that the parse builds to find duplicates. */
  static Indexed readIndexed(ByteSource source, List<String> defects) throws IOException {
    CdfHeaderReader reader = new CdfHeaderReader(source);
    boolean handedOver = false;
    try {
      CdfHeader header = reader.parse(defects);
      if (reader.fills == 1) {
        handedOver = true;
        return new Indexed(
            header, reader.variableIndex, reader.dimensionIndex, reader.ahead, reader.limit);
      }
      return new Indexed(header, reader.variableIndex, reader.dimensionIndex, null, 0);
    } finally {
      if (reader.ahead != null && !handedOver) {
        CdfFile.giveAhead(reader.ahead);
      }
    }
  }

  private CdfHeader parse(List<String> defects) throws IOException {
    if (fileSize < 4) {
      throw error("magic number", 0, "file has only " + fileSize + " bytes; not a netCDF file");
    }
    byte[] magic = bytes(4, "magic number");
    if (magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F') {
      throw error("magic number", 0, "does not start with 'CDF'; not a netCDF classic file");
    }
    format = CdfFormat.ofVersion(magic[3]);
    if (format == null) {
      throw error("magic number", 3, "unknown classic format version byte " + (magic[3] & 0xFF));
    }
    long numRecsOffset = pos;
    long storedNumRecs = format == CdfFormat.CDF5 ? int64() : Integer.toUnsignedLong(int32());
    boolean streaming =
        format == CdfFormat.CDF5 ? storedNumRecs == -1 : storedNumRecs == 0xFFFFFFFFL;
    if (!streaming && storedNumRecs < 0) {
      throw error("numrecs", numRecsOffset, "negative record count " + storedNumRecs);
    }

    // Dimensions
    int recordDim = -1;
    long count = listHeader(NC_DIMENSION, "dimension list", 4 + 4 + format.sizeBytes());
    List<Dimension> dims = new ArrayList<>((int) Math.min(count, 1 << 16));
    NameIndex.Builder dimNames = new NameIndex.Builder(count);
    for (int i = 0; i < count; i++) {
      Object what = dimDesc.set("dimension ", i);
      long at = pos;
      String name = name(what);
      int hash = nameHash;
      long lenAt = pos;
      long len = size(dimLengthDesc.set(what, " (", name, ") length"));
      if (len == 0) {
        if (recordDim >= 0) {
          throw error(
              what + " (" + name + ")",
              lenAt,
              "a second unlimited dimension; dimension "
                  + recordDim
                  + " ("
                  + dims.get(recordDim).name()
                  + ") is already unlimited");
        }
        recordDim = i;
        dims.add(new Dimension(name, 0, true));
      } else {
        dims.add(new Dimension(name, len, false));
      }
      if (name.isEmpty()) {
        throw error(what, at, "empty dimension name");
      }
      int other = dimNames.add(name, hash);
      if (other >= 0) {
        throw error(what, at, "dimension name '" + name + "' is also dimension " + other);
      }
    }

    List<Attribute> gatts = attributes("global attribute");

    // Variables, each with its layout as it is read: sizes from the shapes, as netCDF-C computes
    // them (the stored vsize may have overflowed, so it is only compared).
    count = listHeader(NC_VARIABLE, "variable list", 4 + 4 + 4 + 4 + 4 + format.offsetBytes());
    List<CdfVariable> vars = new ArrayList<>((int) Math.min(count, 1 << 16));
    // the file's look-up by name, whose insertion is the duplicate check
    NameIndex.Builder varNames = new NameIndex.Builder(count);
    long recordSize = 0;
    CdfVariable lastRecord = null;
    long beginRecords = 0;
    for (int i = 0; i < count; i++) {
      long varAt = pos;
      String name = name(varIndexDesc.set("variable ", i));
      Object what = varDesc.set("variable ", i, " (", name, ")");
      if (varNames.add(name, nameHash) >= 0) {
        throw error(what, varAt, "variable name '" + name + "' appears twice");
      }
      long ndAt = pos;
      long ndims = size(what, " rank");
      if (ndims > MAX_RANK) {
        throw error(what, ndAt, "rank " + ndims + " exceeds netCDF's limit of " + MAX_RANK);
      }
      if (ndims > remaining() / format.sizeBytes()) {
        throw error(what, ndAt, "rank " + ndims + " needs more bytes than the file has left");
      }
      int[] dimIds = new int[(int) ndims];
      for (int d = 0; d < ndims; d++) {
        long idAt = pos;
        long id = size(what, " dimension id");
        if (id >= dims.size()) {
          throw error(
              what,
              idAt,
              "dimension id " + id + " does not exist (the file has " + dims.size() + ")");
        }
        dimIds[d] = (int) id;
        if (id == recordDim && d != 0) {
          throw error(what, idAt, "the unlimited dimension may only be the first dimension");
        }
      }
      List<Attribute> attributes = attributes(varAttributesDesc.set("attribute of ", what));
      long typeAt = pos;
      DataType type = type(int32(), what, typeAt);
      long vsize = size(what, " vsize");
      long beginAt = pos;
      long begin = format.offsetBytes() == 4 ? Integer.toUnsignedLong(int32()) : int64();
      // A begin past the end of the file is legal for record variables of a file without
      // records, and for fixed ones it is a truncated file (reported, reads fail clearly). Only
      // offsets no file could reach are rejected here.
      if (begin < 0 || begin > Long.MAX_VALUE / 4) {
        throw error(what, beginAt, "data begins at byte " + begin + ", which no file reaches");
      }

      // the layout; the structure's name ("variable " + name) is joined only on the error paths
      boolean isRecord = dimIds.length > 0 && dimIds[0] == recordDim;
      int inner = isRecord ? 1 : 0;
      long[] innerShape = new long[dimIds.length - inner];
      long innerCount = 1;
      for (int d = inner; d < dimIds.length; d++) {
        innerShape[d - inner] = dims.get(dimIds[d]).length();
        try {
          innerCount = Math.multiplyExact(innerCount, innerShape[d - inner]);
        } catch (ArithmeticException e) {
          throw error("variable " + name, varAt, "element count overflows 64 bits", e);
        }
      }
      long padded;
      try {
        padded = CdfVariable.paddedSize(type, innerCount);
      } catch (ArithmeticException e) {
        throw error("variable " + name, varAt, "byte size overflows 64 bits", e);
      }
      // The all-ones vsize marks a variable too large for 32 bits; netCDF-C ignores vsize.
      boolean overflowMarker = format != CdfFormat.CDF5 && vsize == CdfFormat.VSIZE_OVERFLOW;
      if (vsize != padded && !overflowMarker) {
        defects.add(
            "variable "
                + name
                + ": vsize "
                + vsize
                + " differs from the size computed from its shape ("
                + padded
                + "); the shape is used");
      }
      CdfVariable v =
          new CdfVariable(
              name,
              type,
              dimensionList(dims, dimIds),
              dimIds,
              attributes,
              isRecord,
              vsize,
              begin,
              padded,
              innerShape,
              innerCount,
              i);
      if (isRecord) {
        if (lastRecord == null) {
          beginRecords = begin;
        }
        recordSize += padded;
        lastRecord = v;
      }
      vars.add(v);
    }
    long headerBytes = pos;
    // netCDF-C: with exactly one record variable, records are not padded.
    if (lastRecord != null && recordSize == lastRecord.paddedSize()) {
      recordSize = lastRecord.dataBytes();
    }
    checkOffsets(vars, headerBytes);
    if (!streaming
        && recordSize > 0
        && storedNumRecs > (Long.MAX_VALUE - beginRecords) / recordSize) {
      throw error(
          "numrecs",
          numRecsOffset,
          storedNumRecs + " records of " + recordSize + " bytes cannot exist in any file");
    }

    variableIndex = varNames.build();
    dimensionIndex = dimNames.build();
    CdfHeader header =
        new CdfHeader(
            format,
            streaming ? CdfHeader.STREAMING : storedNumRecs,
            dims,
            recordDim,
            gatts,
            vars,
            headerBytes,
            recordSize,
            beginRecords);
    return header;
  }

  /**
   * The dimensions {@code ids} of {@code dims}: most variables have one or two, whose lists are
   * made without an array.
   */
  private static List<Dimension> dimensionList(List<Dimension> dims, int[] ids) {
    switch (ids.length) {
      case 0:
        return List.of();
      case 1:
        return List.of(dims.get(ids[0]));
      case 2:
        return List.of(dims.get(ids[0]), dims.get(ids[1]));
      default:
        Dimension[] out = new Dimension[ids.length];
        for (int d = 0; d < out.length; d++) {
          out[d] = dims.get(ids[d]);
        }
        return List.of(out);
    }
  }

  /** Data may not overlap the header or other data (netCDF-C's NC_check_voffs). */
  private void checkOffsets(List<CdfVariable> vars, long headerBytes) throws ExodusFormatException {
    long prevEnd = headerBytes;
    // the variable whose data ends at prevEnd (null: the header); its name is joined only for
    // an error, not for every variable
    CdfVariable prev = null;
    for (CdfVariable v : vars) {
      if (v.isRecord()) {
        continue;
      }
      if (v.begin() < prevEnd) {
        throw error(
            "variable " + v.name(),
            v.begin(),
            "data begins at byte "
                + v.begin()
                + ", inside "
                + describe(prev)
                + " (ends at "
                + prevEnd
                + ")");
      }
      prevEnd = CdfHeader.add(v.begin(), v.paddedSize());
      prev = v;
    }
    for (CdfVariable v : vars) {
      if (!v.isRecord()) {
        continue;
      }
      if (v.begin() < prevEnd) {
        throw error(
            "variable " + v.name(),
            v.begin(),
            "record data begins at byte "
                + v.begin()
                + ", inside "
                + describe(prev)
                + " (ends at "
                + prevEnd
                + ")");
      }
      prevEnd = CdfHeader.add(v.begin(), v.paddedSize());
      prev = v;
    }
  }

  private static String describe(CdfVariable v) {
    return v == null ? "the header" : "variable " + v.name();
  }

  private List<Attribute> attributes(Object what) throws IOException {
    long count =
        listHeader(NC_ATTRIBUTE, attListDesc.set(what, " list"), 4 + 4 + 4 + format.sizeBytes());
    if (count == 0) {
      return List.of();
    }
    if (count == 1) {
      return List.of(attribute(what, 0, null)); // most variables of a file: one attribute
    }
    List<Attribute> atts = new ArrayList<>((int) Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      atts.add(attribute(what, i, atts));
    }
    return List.copyOf(atts);
  }

  /**
   * Attribute {@code i} of the list {@code what}; its name must differ from those of {@code atts}.
   */
  private Attribute attribute(Object what, int i, List<Attribute> atts) throws IOException {
    Object w = attIndexDesc.set(what, " ", i);
    long at = pos;
    String name = name(w);
    if (atts != null) {
      for (Attribute other : atts) {
        if (other.name().equals(name)) {
          throw error(w, at, "attribute name '" + name + "' appears twice");
        }
      }
    }
    w = attDesc.set(what, " ", i, " (", name, ")");
    long typeAt = pos;
    DataType type = type(int32(), w, typeAt);
    long nAt = pos;
    long n = size(w, " length");
    if (n > remaining() / type.size()) {
      throw error(
          w, nAt, n + " values of " + type.cdlName() + " need more bytes than the file has left");
    }
    byte[] raw = bytes((int) (n * type.size()), w);
    pad(n * type.size());
    return Attribute.adopt(name, type, raw);
  }

  /** Reads a list tag and count; ABSENT is a zero tag with a zero count. */
  private long listHeader(int expectedTag, Object what, int minEntryBytes) throws IOException {
    long at = pos;
    int tag = int32();
    long count = size(what, " count");
    if (tag == 0) {
      if (count != 0) {
        throw error(what, at, "absent list (tag 0) with a count of " + count);
      }
      return 0;
    }
    if (tag != expectedTag) {
      throw error(
          what,
          at,
          String.format(
              java.util.Locale.ROOT,
              "tag 0x%X where 0x%X or 0 (absent) was expected",
              tag,
              expectedTag));
    }
    if (count > remaining() / minEntryBytes) {
      throw error(
          what,
          at,
          count + " entries need more bytes than the " + remaining() + " left in the file");
    }
    return count;
  }

  private DataType type(int code, Object what, long at) throws ExodusFormatException {
    DataType t = DataType.ofCode(code);
    if (t == null) {
      throw error(what, at, "unknown nc_type " + code);
    }
    if (t.cdf5Only() && format != CdfFormat.CDF5) {
      throw error(
          what,
          at,
          "type " + t.cdlName() + " exists only in CDF-5, but this is " + format.description());
    }
    return t;
  }

  private String name(Object what) throws IOException {
    long at = pos;
    long len = size(what, " name length");
    if (len > remaining()) {
      throw error(what, at, "name of " + len + " bytes runs past the end of the file");
    }
    if (len > MAX_NAME_BYTES) {
      throw error(what, at, "name of " + len + " bytes; netCDF names have at most 256 characters");
    }
    String name;
    int n = (int) len;
    if (limit - next >= n) {
      // the usual case: decoded straight from the read buffer, and hashed in the same pass; an
      // ASCII name's String hash is its bytes' (no second pass over the string for the index)
      byte[] a = arr;
      int h = 0;
      int high = 0;
      int k = next;
      // four bytes a step: h * 31^4 plus their terms, so the chain of multiplications that
      // serializes a string hash is a quarter as long
      for (int end4 = next + (n & ~3); k < end4; k += 4) {
        byte b0 = a[k];
        byte b1 = a[k + 1];
        byte b2 = a[k + 2];
        byte b3 = a[k + 3];
        high |= b0 | b1 | b2 | b3;
        h = 923521 * h + (29791 * b0 + 961 * b1 + 31 * b2 + b3);
      }
      for (int end = next + n; k < end; k++) {
        byte b = a[k];
        high |= b;
        h = 31 * h + b;
      }
      if (high >= 0) {
        name = new String(a, next, n, ISO_8859_1);
        nameHash = h;
      } else {
        name = new String(a, next, n, UTF_8);
        nameHash = name.hashCode();
      }
      next += n;
      pos += len;
    } else {
      name = new String(bytes(n, what, " name"), UTF_8);
      nameHash = name.hashCode();
    }
    pad(len);
    return name;
  }

  /** The String hash of the name {@link #name} returned last. */
  private int nameHash;

  /** A size field: 32-bit unsigned in CDF-1/2, 64-bit non-negative in CDF-5. */
  private long size(Object what) throws IOException {
    return size(what, "");
  }

  /** {@link #size(Object)} of the structure {@code what + suffix}, joined only for an error. */
  private long size(Object what, String suffix) throws IOException {
    long at = pos;
    if (format == CdfFormat.CDF5) {
      long v = int64();
      if (v < 0) {
        throw error(what + suffix, at, "negative value " + v);
      }
      return v;
    }
    return Integer.toUnsignedLong(int32());
  }

  private void pad(long n) throws IOException {
    int p = (int) ((4 - (n % 4)) % 4);
    if (p > 0) {
      ensure(p, "padding");
      next += p;
      pos += p;
    }
  }

  private long remaining() {
    return fileSize - pos;
  }

  private int int32() throws IOException {
    if (limit - next < 4) {
      ensure(4, "header field");
    }
    byte[] a = arr;
    int k = next;
    next = k + 4;
    pos += 4;
    return (a[k] << 24) | ((a[k + 1] & 0xFF) << 16) | ((a[k + 2] & 0xFF) << 8) | (a[k + 3] & 0xFF);
  }

  private long int64() throws IOException {
    if (limit - next < 8) {
      ensure(8, "header field");
    }
    long hi = int32();
    return (hi << 32) | (int32() & 0xFFFFFFFFL);
  }

  private byte[] bytes(int n, Object what) throws IOException {
    return bytes(n, what, "");
  }

  /** {@link #bytes(int, Object)} for the structure {@code what + suffix}. */
  private byte[] bytes(int n, Object what, String suffix) throws IOException {
    if (n > remaining()) {
      throw error(what + suffix, pos, n + " bytes run past the end of the file");
    }
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      if (limit == next) {
        ensure(1, suffix.isEmpty() ? what : new Desc(what, suffix));
      }
      int k = Math.min(n - done, limit - next);
      System.arraycopy(arr, next, out, done, k);
      next += k;
      done += k;
      pos += k;
    }
    return out;
  }

  /** Makes {@code n} bytes available in {@code arr} from {@code next}. */
  private void ensure(int n, Object what) throws IOException {
    if (limit - next >= n) {
      return;
    }
    if (remaining() < n) {
      throw error(
          what,
          pos,
          "the header ends early: the file has " + fileSize + " bytes (truncated or not netCDF)");
    }
    if (ahead == null) {
      ahead = CdfFile.takeAhead();
      arr = ahead.bytes;
    }
    fills++;
    window = Math.min(MAX_BUFFER, Math.max(FIRST_READ, window * 2));
    int take = (int) Math.min(window, remaining());
    source.readFully(pos, ByteBuffer.wrap(arr, 0, take));
    next = 0;
    limit = take;
  }

  private ExodusFormatException error(Object structure, long at, String problem) {
    return new ExodusFormatException(source.name(), String.valueOf(structure), at, problem);
  }

  private ExodusFormatException error(Object structure, long at, String problem, Throwable cause) {
    return new ExodusFormatException(source.name(), String.valueOf(structure), at, problem, cause);
  }

  /**
   * The name of a header structure in error messages ("variable 7 (connect1) rank"), its parts
   * joined only when an error needs it: building the text of every field as the header was read
   * cost a third of parsing a header with tens of thousands of entries.
   */
  private static final class Desc {
    private Object a;
    private Object b;
    private Object c;
    private Object d;
    private Object e;
    private Object f;

    Desc() {}

    Desc(Object a, Object b) {
      this(a, b, null, null, null, null);
    }

    Desc(Object a, Object b, Object c) {
      this(a, b, c, null, null, null);
    }

    Desc(Object a, Object b, Object c, Object d) {
      this(a, b, c, d, null, null);
    }

    Desc(Object a, Object b, Object c, Object d, Object e) {
      this(a, b, c, d, e, null);
    }

    Desc(Object a, Object b, Object c, Object d, Object e, Object f) {
      set(a, b, c, d, e, f);
    }

    /**
     * This description made to say {@code a + b + ...}: the parser keeps one per kind of structure
     * and sets it again for each entry (an error joins it at once), so reading a header with
     * thousands of entries makes no description object per entry.
     */
    Desc set(Object a, Object b, Object c, Object d, Object e, Object f) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.e = e;
      this.f = f;
      return this;
    }

    Desc set(Object a, Object b) {
      return set(a, b, null, null, null, null);
    }

    Desc set(Object a, Object b, Object c) {
      return set(a, b, c, null, null, null);
    }

    Desc set(Object a, Object b, Object c, Object d) {
      return set(a, b, c, d, null, null);
    }

    Desc set(Object a, Object b, Object c, Object d, Object e) {
      return set(a, b, c, d, e, null);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      for (Object p : new Object[] {a, b, c, d, e, f}) {
        if (p != null) s.append(p);
      }
      return s.toString();
    }
  }
}
