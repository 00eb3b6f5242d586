package org.exodusj.internal.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.AbstractStorage;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.SlabBounds;
import org.exodusj.internal.storage.Variable;

/**
 * A NetCDF-4 (HDF5) file in the netCDF data model, on jHDF for the HDF5 structure. The only package
 * that imports {@code io.jhdf}.
 *
 * <p>Dimensions come from dimension scales ({@code CLASS = DIMENSION_SCALE}, ordered by {@code
 * _Netcdf4Dimid}), including dimension-only scales; a variable's dimensions from {@code
 * _Netcdf4Coordinates} or else its {@code DIMENSION_LIST} references; datasets without either get
 * phony dimensions as netCDF-C names them ({@code phony_dim_N}, one per distinct length).
 *
 * <p>Data: contiguous datasets are read through this project's byte source (memory-mapped in
 * windows, so zero-copy views work and files past 2 GiB too); chunked datasets chunk by chunk,
 * decoded by {@link H5Chunks} (its {@link org.exodusj.internal.hdf5.filter.FilterPipeline}) into a
 * bounded {@link ChunkCache}; a chunk never written reads as the fill value. jHDF's whole-dataset
 * {@code getData()} is never used.
 */
public final class Hdf5File extends AbstractStorage {
  private final String name;
  private final HdfFile hdf;
  private final ByteSource source;
  private final ChunkCache cache;
  private final Executor executor;

  private final List<Dimension> dimensions;
  private final List<Attribute> attributes;
  private final List<H5Variable> variables;
  private final Map<String, H5Variable> byName = new HashMap<>();
  private final List<String> defects = new ArrayList<>();
  private final long recordCount;
  private final int recordDim;

  private final boolean classicModel;

  /** The chunked-layout reads. */
  private final H5Chunks chunks;

  /** The model as read, for adopting the file ({@link Nc4Adoption}). */
  private final H5Metadata metadata;

  /** The group shown ("" for the root) and the paths of its child groups. */
  private final String group;

  private final List<String> childGroups;

  /**
   * The superblock's first bytes as this reader saw them: a writer's commit rewrites them, and the
   * metadata region this reader reads lazily (chunk B-trees) may be reused two commits later.
   */
  private final byte[] superblock;

  private Hdf5File(Path path, ByteSource source, ChunkCache cache, Executor executor, String group)
      throws IOException {
    this.name = path.toString();
    this.source = source;
    this.cache = cache;
    this.executor = executor;
    HdfFile h;
    try {
      // Through the source's channel where it has one (the JVM's shared channel of the file, or
      // the source's own): a descriptor of jHDF's own would drop this process's locks on close.
      java.nio.channels.FileChannel ch = source.channel();
      h = ch != null ? new HdfFile(new SharedReadChannel(ch)) : new HdfFile(path);
    } catch (OutOfMemoryError e) {
      throw new ExodusFormatException(
          name,
          "HDF5 superblock",
          ExodusFormatException.NO_OFFSET,
          "a damaged size asked for more memory than there is",
          null);
    } catch (RuntimeException e) {
      throw new ExodusFormatException(
          name,
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "jHDF cannot open it: " + e.getMessage(),
          e);
    }
    this.hdf = h;
    Group g = group(h, group);
    this.group = group;
    try {
      this.childGroups = childGroups(g, group);
      H5Metadata m = new H5Metadata(name, h, source, g, group);
      H5Checks.check(
          name,
          m,
          source.size(),
          m.base + h.getHdfBackingStorage().getSuperblock().getEndOfFileAddress());
      this.dimensions = m.dimensions;
      this.attributes = m.attributes;
      this.variables = m.variables;
      this.byName.putAll(m.byName);
      this.defects.addAll(m.defects);
      this.recordCount = m.recordCount;
      this.recordDim = m.recordDim;
      this.classicModel = m.classicModel;
      this.chunks = new H5Chunks(name, source, cache, executor, m.base, m.chunkIndexes);
      this.metadata = m;
      this.superblock = superblockBytes();
    } catch (OutOfMemoryError e) {
      // jHDF allocates buffers by sizes read from the file before reading them; a damaged size
      // fails that one allocation (found by fuzzing). The heap itself is fine afterwards.
      close();
      throw new ExodusFormatException(
          name,
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "a damaged size in the HDF5 structure asked for more memory than there is",
          null);
    } catch (RuntimeException e) {
      // jHDF reports damaged structure with runtime exceptions of several kinds
      close();
      throw new ExodusFormatException(
          name, "HDF5 structure", ExodusFormatException.NO_OFFSET, e.getMessage(), e);
    }
  }

  /**
   * The group at {@code path} ("" for the root); a path the file does not hold is the caller's
   * mistake, named with the groups there are.
   */
  private Group group(HdfFile h, String path) throws IOException {
    if (path.isEmpty()) {
      return h;
    }
    Node n;
    try {
      n = h.getByPath("/" + path);
    } catch (RuntimeException e) {
      n = null;
    }
    if (n instanceof Group g) {
      return g;
    }
    List<String> there;
    try {
      there = childGroups(h, "");
    } finally {
      try {
        h.close(); // the source is closed by open
      } catch (RuntimeException e) {
        // as in close()
      }
    }
    throw new IllegalArgumentException(
        name + " has no group '" + path + "' (groups at the root: " + there + ")");
  }

  /** The paths of the child groups of {@code g} (at {@code path}), in creation order. */
  private List<String> childGroups(Group g, String path) {
    List<Node> children = new ArrayList<>(g.getChildren().values());
    CreationOrder.sort(children, Node::getName, CreationOrder.links(hdf, g));
    List<String> out = new ArrayList<>();
    for (Node n : children) {
      if (n instanceof Group) {
        out.add(path.isEmpty() ? n.getName() : path + "/" + n.getName());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<String> groups() {
    return childGroups;
  }

  /** The group this storage shows: "" for the root, else its path ("a/b"). */
  public String group() {
    return group;
  }

  /** Opens a NetCDF-4 file; {@code source} reads contiguous data (and is closed with the file). */
  public static Hdf5File open(Path path, ByteSource source, ChunkCache cache, Executor executor)
      throws IOException {
    return open(path, source, cache, executor, "");
  }

  /**
   * Opens the group at {@code group} ("" for the root, else "a/b") of a NetCDF-4 file as its own
   * storage: its variables, the dimensions it sees and its attributes (with the root's it does not
   * define), as netCDF-4 scopes them.
   *
   * @throws IllegalArgumentException when the file has no such group
   */
  public static Hdf5File open(
      Path path, ByteSource source, ChunkCache cache, Executor executor, String group)
      throws IOException {
    try {
      return new Hdf5File(path, source, cache, executor, group);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** The model as read (user block, chunk indices, classic model), for {@link Nc4Adoption}. */
  H5Metadata metadata() {
    return metadata;
  }

  /** jHDF's view of the file, for {@link Nc4Adoption}. */
  HdfFile hdf() {
    return hdf;
  }

  // ---- Storage: metadata -------------------------------------------------------------------

  @Override
  public String name() {
    return name;
  }

  @Override
  public String formatDescription() {
    return classicModel ? "NetCDF-4 classic model (HDF5)" : "NetCDF-4 (HDF5)";
  }

  @Override
  public List<Dimension> dimensions() {
    return dimensions;
  }

  @Override
  public List<Attribute> attributes() {
    return attributes;
  }

  @Override
  public List<H5Variable> variables() {
    return variables;
  }

  @Override
  public Optional<H5Variable> findVariable(String n) {
    return Optional.ofNullable(byName.get(n));
  }

  @Override
  public long byteSize() throws IOException {
    return source.size();
  }

  @Override
  public long recordCount() {
    return recordCount;
  }

  /** Records of which a record variable stores a chunk (computed once, on first use). */
  private volatile long storedRecords = -1;

  /**
   * The records of which some record variable stores a chunk: the others read as the fill value (a
   * damaged or hostile extent may count far more records than were ever written).
   */
  @Override
  public long recordsInFile() {
    long s = storedRecords;
    if (s < 0) {
      try {
        s = H5Checks.storedRecords(metadata);
      } catch (IOException | RuntimeException e) {
        s = recordCount; // a damaged chunk index: the reads of those records will say so
      }
      storedRecords = s;
    }
    return s;
  }

  @Override
  public long[] shape(Variable v) {
    H5Variable h = own(v);
    long[] s = new long[h.dimensionIds().length];
    for (int i = 0; i < s.length; i++) s[i] = dimensions.get(h.dimensionIds()[i]).length();
    return s;
  }

  @Override
  public List<String> defects() {
    return List.copyOf(defects);
  }

  /** NetCDF-4 files are read as they were at open; records appended later are not followed. */
  @Override
  public void refresh() {}

  @Override
  public ExodusFormat fileFormat() {
    return ExodusFormat.NETCDF4;
  }

  /** The chunk cache's counters. */
  @Override
  public ChunkCache.Statistics cacheStatistics() {
    return cache.statistics();
  }

  /** Zeroes the chunk cache's counters (the cached chunks stay). */
  @Override
  public void resetCacheStatistics() {
    cache.resetStatistics();
  }

  private H5Variable own(Variable v) {
    if (v instanceof H5Variable h && byName.get(h.name()) == h) {
      return h;
    }
    throw new IllegalArgumentException(
        "variable " + (v == null ? "null" : v.name()) + " does not belong to " + name);
  }

  // ---- Storage: reads ----------------------------------------------------------------------

  /**
   * Receives one piece: n values at byte {@code index} of {@code b} (in stored order), {@code
   * srcStride} bytes apart, for slab positions {@code dstIndex}, {@code dstIndex + dstStride}, ...
   * A contiguous piece has {@code srcStride} equal to the element size and {@code dstStride} 1.
   */
  @FunctionalInterface
  interface PieceVisitor {
    void piece(ByteBuffer b, int index, int n, long dstIndex, int srcStride, int dstStride)
        throws IOException;
  }

  /** Checks the slab and returns its value count. */
  private long check(H5Variable v, long[] start, long[] count) {
    return SlabBounds.checkedTotal(v, shape(v), start, count);
  }

  private void pieces(H5Variable v, long[] start, long[] count, long total, PieceVisitor visitor)
      throws IOException {
    if (total == 0) {
      return;
    }
    try {
      layoutPieces(v, start, count, visitor);
      source.reportFaults(); // a file truncated underneath: its map's faults surface here
    } catch (InternalError e) {
      throw source.faulted(e);
    } catch (ExodusFormatException e) {
      // a chunk that jHDF could not read from a file truncated underneath: say that
      try {
        source.verifyUnchanged(Long.MAX_VALUE);
      } catch (IOException changed) {
        changed.addSuppressed(e);
        throw changed;
      }
      verifySameCommit(v, e);
      throw e;
    } catch (java.io.EOFException e) {
      source.verifyUnchanged(Long.MAX_VALUE);
      verifySameCommit(v, e);
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "data missing: the file is truncated (" + e.getMessage() + ")",
          e);
    } catch (HdfException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      source.verifyUnchanged(Long.MAX_VALUE);
      verifySameCommit(v, e);
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "cannot read the data: " + e.getMessage(),
          e);
    }
  }

  /** Bytes 0 to 48 of the file as they are now (the channel's, not a snapshot of the source). */
  private byte[] superblockBytes() throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(48, source.size()));
    java.nio.channels.FileChannel ch = source.channel();
    if (ch == null) {
      source.readFully(0, b);
    } else {
      while (b.hasRemaining()
          && org.exodusj.internal.io.Uninterruptible.read(ch, b, b.position()) >= 0) {
        // positional reads until full or end of file
      }
    }
    return b.array();
  }

  /**
   * Throws, with {@code cause} attached, when a writer has committed the file again since this
   * reader opened it: the failure then comes from metadata that moved, not from a damaged file.
   */
  private void verifySameCommit(H5Variable v, Exception cause) throws IOException {
    byte[] now;
    try {
      now = superblockBytes();
    } catch (IOException e) {
      return; // the failure at hand says more
    }
    if (!java.util.Arrays.equals(now, superblock)) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "a writer committed the file again since this reader opened it (the metadata this reader"
              + " read has moved or been reused); reopen the file",
          cause);
    }
  }

  private void layoutPieces(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    switch (v.layout()) {
      case CONTIGUOUS -> contiguous(v, start, count, visitor);
      case COMPACT ->
          rowMajor(v, start, count, ByteBuffer.wrap(v.compact()).order(v.order()), visitor);
      case CHUNKED -> chunks.chunked(v, shape(v), start, count, visitor);
    }
  }

  private void contiguous(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    int es = v.type().size();
    if (v.address() < 0) {
      fillPieces(v, start, count, visitor);
      return;
    }
    runs(
        v.extent(),
        start,
        count,
        (elem, n, dst) -> {
          long pos = v.address() + elem * es;
          long[] at = {dst};
          source.pieces(
              pos,
              (long) n * es,
              es,
              (b, i, len) -> {
                visitor.piece(b.duplicate().order(v.order()), i, len / es, at[0], es, 1);
                at[0] += len / es;
              });
        });
  }

  private void rowMajor(
      H5Variable v, long[] start, long[] count, ByteBuffer data, PieceVisitor visitor)
      throws IOException {
    int es = v.type().size();
    runs(
        v.extent(),
        start,
        count,
        (elem, n, dst) -> visitor.piece(data, (int) (elem * es), n, dst, es, 1));
  }

  private void fillPieces(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    ByteBuffer fill = fillBuffer(v, 4096);
    long[] shape = shape(v);
    runs(
        shape,
        start,
        count,
        (elem, n, dst) -> {
          for (int done = 0; done < n; ) {
            int k = Math.min(4096, n - done);
            visitor.piece(fill, 0, k, dst + done, v.type().size(), 1);
            done += k;
          }
        });
  }

  private static ByteBuffer fillBuffer(H5Variable v, int values) {
    byte[] f = v.fill();
    byte[] b = new byte[values * f.length];
    for (int i = 0; i < b.length; i++) b[i] = f[i % f.length];
    return ByteBuffer.wrap(b).order(v.order());
  }

  /** Visits contiguous runs of a row-major array of {@code shape}: (element, count, dst index). */
  @FunctionalInterface
  interface RunVisitor {
    void run(long element, int n, long dst) throws IOException;
  }

  static void runs(long[] shape, long[] start, long[] count, RunVisitor visitor)
      throws IOException {
    int rank = shape.length;
    if (rank == 0) {
      visitor.run(0, 1, 0);
      return;
    }
    long[] stride = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      stride[d] = s;
      s *= shape[d];
    }
    int k = rank - 1;
    while (k > 0 && start[k] == 0 && count[k] == shape[k]) k--;
    long run = 1;
    for (int d = k; d < rank; d++) run *= count[d];
    long base = 0;
    for (int d = 0; d < rank; d++) base += start[d] * stride[d];
    long[] idx = new long[k];
    long dst = 0;
    long elem = base;
    while (true) {
      visitor.run(elem, (int) run, dst);
      dst += run;
      int d = k - 1;
      while (d >= 0) {
        idx[d]++;
        elem += stride[d];
        if (idx[d] < count[d]) break;
        elem -= idx[d] * stride[d];
        idx[d] = 0;
        d--;
      }
      if (d < 0) return;
    }
  }

  private H5Variable slab(Variable v, Target target) {
    H5Variable h = own(v);
    if (target != null && !Conversions.readable(h.type(), target)) {
      throw new IllegalArgumentException(Conversions.lossyRead(h.name(), h.type(), target));
    }
    return h;
  }

  /** Decodes one piece into the caller's array, its first value at slab index {@code at}. */
  @FunctionalInterface
  private interface Into {
    void decode(ByteBuffer b, int i, int srcStride, DataType t, int n, int at, int dstStride);
  }

  /** The one read path behind every array destination. */
  private void readArray(
      Variable v, long[] start, long[] count, Target target, int length, int off, Into into)
      throws IOException {
    H5Variable h = slab(v, target);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, length, off);
    DataType t = h.type();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> into.decode(b, i, ss, t, n, off + (int) at, ds));
  }

  @Override
  protected int slabSize(Variable v, long[] start, long[] count, int remaining) {
    H5Variable h = own(v);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, remaining, 0);
    return (int) total;
  }

  /**
   * A direct NIO destination (the heap branch is AbstractStorage's): pieces are decoded into the
   * staging array from index 0 and put into the buffer value by value; O(1) memory.
   */
  @Override
  protected int readDirect(Variable v, long[] start, long[] count, Staged dst) throws IOException {
    H5Variable h = slab(v, dst.target);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, dst.remaining, 0);
    DataType t = h.type();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> {
          for (int done = 0; done < n; done += STAGING) {
            int k = Math.min(STAGING, n - done);
            StridedDecode.to(dst.target, b, i + done * ss, ss, t, k, dst.array, 0, 1);
            for (int q = 0; q < k; q++) {
              dst.put((int) (at + (long) (done + q) * ds), q);
            }
          }
        });
    return (int) total;
  }

  @Override
  public void read(Variable v, long[] start, long[] count, double[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.DOUBLE,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toDoubles(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, float[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.FLOAT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toFloats(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, long[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.LONG,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toLongs(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, int[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.INT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toInts(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, short[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.SHORT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toShorts(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, byte[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.BYTE,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toBytes(b, i, ss, t, n, dst, at, ds));
  }

  /** The stored values, converted to big-endian (the byte order of the classic formats). */
  @Override
  public void readRaw(Variable v, long[] start, long[] count, ByteBuffer dst) throws IOException {
    H5Variable h = own(v);
    long total = check(h, start, count);
    int es = h.type().size();
    if (total * es > dst.remaining()) {
      throw new IndexOutOfBoundsException(
          "variable "
              + h.name()
              + ": slab of "
              + total * es
              + " bytes does not fit buffer with "
              + dst.remaining()
              + " bytes remaining");
    }
    int base = dst.position();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> {
          for (int k = 0; k < n; k++) {
            int o = base + (int) (at + (long) k * ds) * es;
            int p = i + k * ss;
            switch (es) {
              case 1 -> dst.put(o, b.get(p));
              case 2 -> dst.putShort(o, b.getShort(p));
              case 4 -> dst.putInt(o, b.getInt(p));
              default -> dst.putLong(o, b.getLong(p));
            }
          }
        });
    dst.position(base + (int) (total * es));
  }

  @Override
  public Optional<ByteBuffer> viewBytes(Variable v, long[] start, long[] count, DataType type)
      throws IOException {
    return whyNoView(v, start, count, type).isPresent()
        ? Optional.empty()
        : contiguousRange(own(v), start, count)
            .flatMap(
                r -> {
                  try {
                    return source.slice(r[0], r[1]);
                  } catch (IOException e) {
                    return Optional.empty();
                  }
                })
            .map(b -> b.order(own(v).order()));
  }

  /** {position, bytes} of a slab that is one run of a contiguous dataset. */
  private Optional<long[]> contiguousRange(H5Variable h, long[] start, long[] count)
      throws IOException {
    long total = check(h, start, count);
    if (h.layout() != H5Variable.Layout.CONTIGUOUS || h.address() < 0) {
      return Optional.empty();
    }
    long[] first = {-1, 0};
    int[] runs = {0};
    if (total == 0) {
      return Optional.of(new long[] {h.address(), 0});
    }
    // A slab is one run when every dimension after the first partial one is whole.
    int rank = start.length;
    int k = rank - 1;
    while (k > 0 && start[k] == 0 && count[k] == h.extent()[k]) k--;
    for (int d = 0; d < k; d++) {
      if (count[d] != 1) {
        return Optional.empty();
      }
    }
    runs(
        h.extent(),
        start,
        count,
        (elem, n, dst) -> {
          if (runs[0]++ == 0) {
            first[0] = elem;
            first[1] = n;
          }
        });
    int es = h.type().size();
    return Optional.of(new long[] {h.address() + first[0] * es, first[1] * es});
  }

  @Override
  public Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException {
    H5Variable h = own(v);
    check(h, start, count);
    if (h.type() != asType) {
      return Optional.of(
          "variable "
              + h.name()
              + " is stored as "
              + h.type().cdlName()
              + ", not "
              + asType.cdlName());
    }
    if (h.layout() != H5Variable.Layout.CONTIGUOUS) {
      return Optional.of(
          "variable "
              + h.name()
              + " is "
              + h.layout().name().toLowerCase(java.util.Locale.ROOT)
              + " in HDF5: its values are decoded, not mapped");
    }
    if (h.address() < 0) {
      return Optional.of("variable " + h.name() + " was never written");
    }
    if (!source.supportsSlices()) {
      return Optional.of(name + " is read through a channel, not a memory map");
    }
    Optional<long[]> r = contiguousRange(h, start, count);
    if (r.isEmpty()) {
      return Optional.of("the slab of variable " + h.name() + " is not contiguous in the file");
    }
    if (source.slice(r.get()[0], r.get()[1]).isEmpty()) {
      return Optional.of("the slab crosses a memory-map window boundary");
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // jHDF may fail closing a file it could not fully read; the source is closed regardless
    } finally {
      source.close();
    }
  }
}
