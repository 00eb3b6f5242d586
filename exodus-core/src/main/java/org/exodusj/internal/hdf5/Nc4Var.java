package org.exodusj.internal.hdf5;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Variable;

/**
 * A variable of a NetCDF-4 file {@link Nc4Writer} writes, and how it is stored: the storage record
 * the reader and the adoption of a file use ({@link Nc4Storage}: chunk shape, filter pipeline, the
 * address of an adopted file's contiguous data), the chunks stored so far (by grid position) and
 * those being assembled; with the chunk-grid arithmetic of one variable (slab checks, the values a
 * chunk holds, fill values).
 */
public final class Nc4Var implements Variable {
  /** Chunk grid coordinates, ordered as HDF5 orders B-tree keys. */
  record Key(long[] c) implements Comparable<Key> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(c, k.c);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(c);
    }

    @Override
    public int compareTo(Key o) {
      return Arrays.compare(c, o.c);
    }
  }

  static final class Buf {
    final byte[] data;
    long written;

    Buf(byte[] data) {
      this.data = data;
    }
  }

  final String name;
  final DataType type;
  final List<Dimension> dims;
  final int[] dimIds;
  final List<Attribute> attributes;
  final boolean record;
  // the chunk grid of the writer's arithmetic: the chunk shape, or the whole variable when it is
  // stored contiguously
  final long[] chunk;
  final int chunkBytes;
  // the chunks stored so far by grid position (guarded by the writer's lock)
  final TreeMap<Key, Nc4Storage.StoredChunk> stored = new TreeMap<>();
  final Map<Key, Buf> open = new HashMap<>();
  final Nc4ChunkTree tree = new Nc4ChunkTree(); // the chunk index on disk, updated per commit
  long header;
  final java.util.Set<Key> pending = new java.util.HashSet<>(); // guarded by lock
  // record chunks stored since the last commit (guarded by lock): what an abandon must mend
  final java.util.Set<Key> storedSinceCommit = new java.util.HashSet<>();
  // How the values are stored, the record the reader and the adoption use (its stored chunks are
  // in `stored`): chunked with the filters a rewrite keeps from its source or an adopted file
  // (Nc4Adoption) has, or an adopted file's contiguous data, patched in place. Replaced, never
  // changed, guarded by the writer: a copy may drop stages it cannot encode, contiguous data gets
  // its address on the first write. A scalar is one chunk of no dimensions, unfiltered.
  Nc4Storage storage;

  /**
   * @param a the variable's layout in an adopted file, or null
   * @param chunkOverride the chunk shape a rewrite keeps, or null
   * @param own the layout a rewrite keeps, or null
   * @param steps records per chunk where the writer chooses the chunk shape
   * @param requests the filters of a variable that has no layout of its own
   */
  Nc4Var(
      Schema.VarDef d,
      List<Dimension> all,
      Nc4Storage a,
      long[] chunkOverride,
      Nc4Layout own,
      int steps,
      List<FilterPipeline.Request> requests) {
    name = d.name();
    type = d.type();
    dimIds = d.dimIds();
    List<Dimension> ds = new ArrayList<>();
    for (int id : dimIds) ds.add(all.get(id));
    dims = List.copyOf(ds);
    attributes = d.attributes();
    record = !ds.isEmpty() && ds.get(0).unlimited();
    long[] given = chunkOverride;
    if (a != null && a.isChunked()) {
      given = new long[a.chunk().length];
      for (int i = 0; i < given.length; i++) given[i] = a.chunk()[i];
    }
    boolean contiguous = a != null && a.isContiguous() && !ds.isEmpty();
    if (contiguous) {
      given = new long[ds.size()];
      for (int i = 0; i < given.length; i++) given[i] = Math.max(1, ds.get(i).length());
    }
    if (own != null) steps = own.chunkSteps();
    chunk = given != null ? given : Nc4Writer.chooseChunk(ds, type.size(), steps);
    long b = type.size();
    for (long c : chunk) b *= c;
    chunkBytes = contiguous ? 0 : (int) b;
    if (contiguous) {
      storage = Nc4Storage.contiguous(a.address() < 0 ? H5Out.UNDEF : a.address());
      return; // contiguous data as it is, unfiltered
    }
    FilterPipeline pipeline;
    if (ds.isEmpty()) {
      pipeline = FilterPipeline.NONE; // netCDF-C: scalars unfiltered
    } else if (a != null) {
      pipeline = a.filters();
    } else if (own != null) {
      pipeline = own.filters().withElementSize(type.size()); // copied as stored (copyStored)
    } else {
      pipeline = FilterPipeline.forWrite(requests, type.size(), chunk);
    }
    int[] shape = new int[chunk.length];
    for (int i = 0; i < shape.length; i++) shape[i] = Math.toIntExact(chunk[i]);
    storage = Nc4Storage.chunked(shape, pipeline, null);
  }

  /** The filters of the stored chunks. */
  FilterPipeline pipeline() {
    return storage.filters();
  }

  /** Whether the values are an adopted file's contiguous data. */
  boolean contiguous() {
    return storage.isContiguous();
  }

  /** The address of contiguous data, {@link H5Out#UNDEF} before the first write. */
  long contiguousAddress() {
    return storage.address();
  }

  /** Contiguous data now allocated at {@code address}. */
  void placeContiguous(long address) {
    storage = Nc4Storage.contiguous(address);
  }

  /** Drops the filter stages this library cannot encode (a copy that re-encodes the values). */
  void dropUnencodableFilters() {
    storage = storage.withFilters(storage.filters().writable());
  }

  /** The grid position of the chunk whose first element is at {@code offset}. */
  Key keyOf(long[] offset) {
    long[] c = new long[offset.length];
    for (int d = 0; d < c.length; d++) c[d] = offset[d] / chunk[d];
    return new Key(c);
  }

  /**
   * Records the chunk at grid position {@code k} as stored ({@code size} bytes at {@code address},
   * the filters of {@code mask} skipped); returns the chunk it replaces, or null. The caller holds
   * the writer's lock.
   */
  Nc4Storage.StoredChunk putStored(Key k, long address, int size, int mask) {
    long[] offset = new long[k.c.length];
    for (int d = 0; d < offset.length; d++) offset[d] = k.c[d] * chunk[d];
    return stored.put(k, new Nc4Storage.StoredChunk(offset, address, size, mask));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DataType type() {
    return type;
  }

  @Override
  public List<Dimension> dimensions() {
    return dims;
  }

  @Override
  public List<Attribute> attributes() {
    return attributes;
  }

  @Override
  public boolean isRecord() {
    return record;
  }

  /** The chunk shape, outermost first. */
  public long[] chunkShape() {
    return chunk.clone();
  }

  /** Sets the records from {@code first} on of a record chunk to the fill value. */
  static void fillRecordsFrom(Nc4Var x, Buf b, int first) {
    byte[] fill = fillLE(x);
    int recordBytes = (int) (x.chunkBytes / x.chunk[0]);
    for (int at = first * recordBytes; at < b.data.length; at += fill.length) {
      System.arraycopy(fill, 0, b.data, at, Math.min(fill.length, b.data.length - at));
    }
    b.written = 0; // unknown now: the chunk is written out at the next commit
  }

  /** Checks the slab against the variable's shape; returns its number of values. */
  static long check(Nc4Var x, long[] start, long[] count) {
    int r = x.dims.size();
    if (start.length != r || count.length != r) {
      throw new IllegalArgumentException(
          "variable " + x.name + " has " + r + " dimensions; start and count must have " + r);
    }
    long n = 1;
    for (int d = 0; d < r; d++) {
      if (start[d] < 0 || count[d] < 0) {
        throw new IndexOutOfBoundsException(
            "variable " + x.name + ": negative start or count in dimension " + d);
      }
      if (!(d == 0 && x.record) && start[d] + count[d] > x.dims.get(d).length()) {
        throw new IndexOutOfBoundsException(
            "variable "
                + x.name
                + ": slab ["
                + start[d]
                + ", "
                + (start[d] + count[d])
                + ") exceeds dimension "
                + x.dims.get(d).name()
                + " of length "
                + x.dims.get(d).length());
      }
      n = Math.multiplyExact(n, count[d]);
    }
    if (n > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException("variable " + x.name + ": slab of " + n + " values");
    }
    return n;
  }

  /** Values of the chunk inside the variable (edge chunks of fixed dimensions are partial). */
  static long expected(Nc4Var x, Key k) {
    long n = 1;
    for (int d = 0; d < x.chunk.length; d++) {
      long c = x.chunk[d];
      if (!(d == 0 && x.record)) {
        c = Math.min(c, x.dims.get(d).length() - k.c[d] * x.chunk[d]);
      }
      n *= c;
    }
    return n;
  }

  /** The fill value, little-endian: {@code _FillValue} or netCDF's default for the type. */
  static byte[] fillLE(Nc4Var x) {
    int es = x.type.size();
    byte[] be;
    Optional<Attribute> fv = x.attribute("_FillValue");
    if (fv.isPresent() && fv.get().type() == x.type && fv.get().length() == 1) {
      be = fv.get().storedBytes();
    } else {
      ByteBuffer b = ByteBuffer.allocate(es);
      long bits = x.type.defaultFillBits();
      switch (es) {
        case 1 -> b.put((byte) bits);
        case 2 -> b.putShort((short) bits);
        case 4 -> b.putInt((int) bits);
        default -> b.putLong(bits);
      }
      be = b.array();
    }
    byte[] le = new byte[es];
    for (int k = 0; k < es; k++) le[k] = be[es - 1 - k];
    return le;
  }
}
