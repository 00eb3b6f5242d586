package org.exodusj.internal.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusFormatException;
import org.exodusj.FileChangedException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.Uninterruptible;
import org.exodusj.internal.storage.AbstractStorage;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.GridWalk;
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
  /** Bytes of the superblock compared to tell one committed state from another. */
  static final int SUPERBLOCK_BYTES = 48;

  /** Attempts at reading one committed state whole before an open or refresh gives up. */
  static final int LOAD_ATTEMPTS = 20;

  /**
   * For tests: runs in each attempt of an open between the superblock read and the metadata read,
   * where another program's commit would land (null: nothing).
   */
  static volatile Runnable betweenReads;

  /** The superblock as a read's check finds it now (one array per thread). */
  private static final ThreadLocal<byte[]> NOW =
      ThreadLocal.withInitial(() -> new byte[SUPERBLOCK_BYTES]);

  private final String name;
  private final ByteSource source;
  private final ChunkCache cache;
  private final Executor executor;

  /** The group shown ("" for the root). */
  private final String group;

  /**
   * One committed state of the file, read whole: the superblock as it was before and after its
   * metadata was read, jHDF's view, the model and the chunk reads. A read takes the state once and
   * uses it throughout; {@link #refresh()} replaces it.
   */
  private static final class State {
    final HdfFile hdf;
    final H5Metadata m;
    final H5Chunks chunks;
    final List<String> childGroups;

    /**
     * The superblock's first bytes of this committed state: a writer's commit rewrites them, and
     * the space this state uses (metadata read lazily, chunk B-trees, chunks) may be reused once
     * they have changed.
     */
    final byte[] superblock;

    /** {@link #superblock} as a buffer, to compare {@link #live} with. */
    final ByteBuffer expected;

    /**
     * The superblock's bytes in the memory map (a live view: it shows what the file holds when
     * read), or null where the file is not mapped.
     */
    final ByteBuffer live;

    /**
     * The first bytes of the root group's object header in the map (live) and as this state read
     * them, or null (a superblock before version 2, a file read through a channel): a writer that
     * stamps each commit there (a version 2 header's times) is told from one whose superblock
     * repeats an earlier one's.
     */
    final ByteBuffer rootLive;

    final ByteBuffer rootExpected;

    State(
        HdfFile hdf,
        H5Metadata m,
        H5Chunks chunks,
        List<String> childGroups,
        byte[] sb,
        ByteBuffer live,
        ByteBuffer rootLive,
        ByteBuffer rootExpected) {
      this.hdf = hdf;
      this.m = m;
      this.chunks = chunks;
      this.childGroups = childGroups;
      this.superblock = sb;
      this.expected = ByteBuffer.wrap(sb);
      this.live = live;
      this.rootLive = rootLive;
      this.rootExpected = rootExpected;
    }

    /** Whether the file still shows this state's superblock (and root object header). */
    boolean current() {
      return live.mismatch(expected) < 0
          && (rootLive == null || rootLive.mismatch(rootExpected) < 0);
    }
  }

  private volatile State state;

  /** The first variable id of the next state (chunk cache keys never name a superseded chunk). */
  private int nextIdBase;

  private Hdf5File(Path path, ByteSource source, ChunkCache cache, Executor executor, String group)
      throws IOException {
    this.name = path.toString();
    this.source = source;
    this.cache = cache;
    this.executor = executor;
    this.group = group;
    this.state = load(0);
    this.nextIdBase = state.m.variables.size() + 1;
  }

  /**
   * Reads one committed state whole: the superblock, the metadata (jHDF's structure and this
   * reader's model of it), the superblock again. A writer that committed in between (the two
   * differ, or the metadata read failed while they differ) may have reused space the read went
   * through: it is read again, up to {@link #LOAD_ATTEMPTS} times.
   */
  private State load(int idBase) throws IOException {
    Throwable last = null;
    byte[] before = null;
    for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        pause(attempt);
      }
      before = superblockBytes(new byte[SUPERBLOCK_BYTES]);
      // the map must cover the space of this commit (written before its superblock)
      source.refresh();
      // with the root header's prefix: a writer that reuses space can repeat a superblock
      byte[] beforeRoot = rootBytes(before);
      Runnable hook = betweenReads;
      if (hook != null) hook.run();
      HdfFile h = null;
      try {
        h = openHdf();
        Group g = group(h, group);
        List<String> children = childGroups(h, g, group);
        H5Metadata m = new H5Metadata(name, h, source, g, group, idBase, this);
        H5Checks.check(
            name,
            m,
            source.size(),
            m.base + h.getHdfBackingStorage().getSuperblock().getEndOfFileAddress());
        H5Chunks chunks = new H5Chunks(name, source, cache, executor, m.base);
        ByteBuffer live = null;
        ByteBuffer rootLive = null;
        ByteBuffer rootExpected = null;
        if (source.supportsSlices() && source.size() >= SUPERBLOCK_BYTES) {
          live = source.slice(0, SUPERBLOCK_BYTES).orElse(null);
          long root = rootHeader(before, m.base);
          if (live != null && root >= 0 && root <= source.size() - ROOT_BYTES) {
            rootLive = source.slice(root, ROOT_BYTES).orElse(null);
            if (rootLive != null) {
              byte[] copy = new byte[ROOT_BYTES];
              rootLive.get(0, copy);
              rootExpected = ByteBuffer.wrap(copy);
            }
          }
        }
        if (Arrays.equals(before, superblockBytes(new byte[SUPERBLOCK_BYTES]))
            && Arrays.equals(beforeRoot, rootBytes(before))) {
          return new State(h, m, chunks, children, before, live, rootLive, rootExpected);
        }
        last = null;
      } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
        // jHDF reports damaged structure with runtime exceptions of several kinds, allocates by
        // sizes read from the file before reading them (found by fuzzing), and follows
        // continuation blocks by recursion (a block that continues into itself recurses without
        // end); a commit meanwhile explains any of them
        if (Arrays.equals(before, superblockBytes(new byte[SUPERBLOCK_BYTES]))
            && Arrays.equals(beforeRoot, rootBytes(before))) {
          closeQuietly(h);
          throw opening(e, h == null);
        }
        last = e;
      }
      closeQuietly(h);
    }
    throw committed(
        "a writer committed it again during each of "
            + LOAD_ATTEMPTS
            + " attempts to read one committed state whole",
        last);
  }

  /** The first {@link #ROOT_BYTES} of the root object header {@code sb} names, or none. */
  private byte[] rootBytes(byte[] sb) throws IOException {
    long root = rootHeader(sb, 0);
    if (root < 0 || root > source.size() - ROOT_BYTES) return new byte[0];
    byte[] b = new byte[ROOT_BYTES];
    source.getBytes(root, b, 0, ROOT_BYTES);
    return b;
  }

  /** Bytes of the root object header compared with a state's (its prefix: signature to sizes). */
  static final int ROOT_BYTES = 32;

  /**
   * The file position of the root group's object header that a version 2 or 3 superblock names
   * (offsets of 8 bytes), or -1.
   */
  private static long rootHeader(byte[] sb, long base) {
    if ((sb[8] != 2 && sb[8] != 3) || sb[9] != 8) {
      return -1;
    }
    long a = ByteBuffer.wrap(sb, 36, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    return a < 0 || a > Long.MAX_VALUE - base ? -1 : base + a;
  }

  /** A short wait before reading a state again, longer with each attempt (at most 50 ms). */
  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(50, attempt * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The caller asked for a group the file does not hold. */
  private static final class NoSuchGroup extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NoSuchGroup(String message) {
      super(message);
    }
  }

  /**
   * jHDF over the source's channel, or over the source's bytes for a source without one (a heap
   * source); either way through the bounded storage, and never a descriptor of jHDF's own.
   */
  private HdfFile openHdf() {
    // Through the source's channel where it has one (the JVM's shared channel of the file, or
    // the source's own): a descriptor of jHDF's own would drop this process's locks on close.
    java.nio.channels.FileChannel ch = source.channel();
    return BoundedHdfStorage.open(
        ch != null ? new SharedReadChannel(ch) : new SourceReadChannel(source));
  }

  /** The exception for a failure to read a state of a file whose superblock stayed the same. */
  private IOException opening(Throwable e, boolean superblock) {
    if (e instanceof NoSuchGroup iae) {
      throw iae; // the caller's mistake: a group the file does not hold (jHDF's own
      // IllegalArgumentExceptions, a damaged superblock's sizes among them, are the file's)
    }
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof StackOverflowError) {
      // The stack unwound: jHDF followed structures that point back at themselves.
      return new ExodusFormatException(
          name,
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "a loop: structures that point back at themselves (continuation blocks, B-tree nodes"
              + " or groups) made jHDF recurse without end",
          null);
    }
    if (e instanceof OutOfMemoryError) {
      // The heap itself is fine afterwards: one allocation by a damaged size failed.
      return new ExodusFormatException(
          name,
          superblock ? "HDF5 superblock" : "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          superblock
              ? "a damaged size asked for more memory than there is"
              : "a damaged size in the HDF5 structure asked for more memory than there is",
          null);
    }
    return superblock
        ? new ExodusFormatException(
            name,
            "HDF5 structure",
            ExodusFormatException.NO_OFFSET,
            "jHDF cannot open it: " + withRootCause(e),
            e)
        : new ExodusFormatException(
            name, "HDF5 structure", ExodusFormatException.NO_OFFSET, withRootCause(e), e);
  }

  /**
   * jHDF's message, followed by its first cause's where that one says more (the bytes, the size).
   */
  private static String withRootCause(Throwable e) {
    String m = String.valueOf(e.getMessage());
    Throwable r = e;
    for (int i = 0; i < 16 && r.getCause() != null && r.getCause() != r; i++) {
      r = r.getCause();
    }
    String rm = r.getMessage();
    return r == e || rm == null || m.contains(rm) ? m : m + ": " + rm;
  }

  private static void closeQuietly(HdfFile h) {
    if (h != null) {
      try {
        h.close();
      } catch (RuntimeException e) {
        // jHDF may fail closing a file it could not fully read
      }
    }
  }

  /** A {@link FileChangedException} that a refresh (or a reopen) answers. */
  private FileChangedException committed(String detail, Throwable cause) {
    return FileChangedException.committedAgain(name, detail, cause);
  }

  /**
   * The group at {@code path} ("" for the root); a path the file does not hold is the caller's
   * mistake, named with the groups there are.
   */
  private Group group(HdfFile h, String path) {
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
    List<String> there = childGroups(h, h, "");
    throw new NoSuchGroup(
        name + " has no group '" + path + "' (groups at the root: " + there + ")");
  }

  /** The paths of the child groups of {@code g} (at {@code path}), in creation order. */
  private static List<String> childGroups(HdfFile hdf, Group g, String path) {
    List<Node> groups = new ArrayList<>();
    for (Node n : g.getChildren().values()) {
      if (n instanceof Group) groups.add(n);
    }
    // the creation order (the group's link index read again) only where there is an order to give
    if (groups.size() > 1) CreationOrder.sort(groups, Node::getName, CreationOrder.links(hdf, g));
    List<String> out = new ArrayList<>(groups.size());
    for (Node n : groups) out.add(path.isEmpty() ? n.getName() : path + "/" + n.getName());
    return List.copyOf(out);
  }

  @Override
  public List<String> groups() {
    return state.childGroups;
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
    return state.m;
  }

  /** jHDF's view of the file, for {@link Nc4Adoption}. */
  HdfFile hdf() {
    return state.hdf;
  }

  // ---- Storage: metadata -------------------------------------------------------------------

  @Override
  public String name() {
    return name;
  }

  @Override
  public String formatDescription() {
    return state.m.classicModel ? "NetCDF-4 classic model (HDF5)" : "NetCDF-4 (HDF5)";
  }

  @Override
  public List<Dimension> dimensions() {
    return state.m.dimensions;
  }

  @Override
  public List<Attribute> attributes() {
    return state.m.attributes;
  }

  @Override
  public List<H5Variable> variables() {
    return state.m.variables;
  }

  @Override
  public Optional<H5Variable> findVariable(String n) {
    return Optional.ofNullable(state.m.byName.get(n));
  }

  @Override
  public long byteSize() throws IOException {
    return source.size();
  }

  @Override
  public long recordCount() {
    return state.m.recordCount;
  }

  /** Records of which a record variable stores a chunk, for one state (computed on first use). */
  private record StoredRecords(State state, long count) {}

  private volatile StoredRecords storedRecords;

  /**
   * The records of which some record variable stores a chunk: the others read as the fill value (a
   * damaged or hostile extent may count far more records than were ever written).
   */
  @Override
  public long recordsInFile() {
    State st = state;
    StoredRecords s = storedRecords;
    if (s == null || s.state() != st) {
      long n;
      try {
        n = H5Checks.storedRecords(st.m);
      } catch (IOException | RuntimeException e) {
        n = st.m.recordCount; // a damaged chunk index: the reads of those records will say so
      }
      s = new StoredRecords(st, n);
      storedRecords = s;
    }
    return s.count();
  }

  @Override
  public long[] shape(Variable v) {
    State st = state;
    return shape(st, own(st, v));
  }

  private static long[] shape(State st, H5Variable h) {
    long[] s = new long[h.dimensionIds().length];
    for (int i = 0; i < s.length; i++) s[i] = st.m.dimensions.get(h.dimensionIds()[i]).length();
    return s;
  }

  @Override
  public List<String> defects() {
    return List.copyOf(state.m.defects);
  }

  /**
   * Reads the file's newest committed state, when a writer has committed since this reader opened
   * or last refreshed it: steps appended, values patched. Reads that run meanwhile finish on the
   * state they started with (or fail with {@link FileChangedException} where that state's space was
   * reused). Chunks cached from the state before are never served for the new one (the new state's
   * variables have ids of their own, the chunk cache's keys). A state whose variables differ from
   * the ones this reader has (one gone, another type or shape but along the unlimited dimension) is
   * refused with {@link FileChangedException}: reopen the file.
   */
  @Override
  public void refresh() throws IOException {
    synchronized (this) {
      State old = state;
      // the root header's prefix too: a writer that reuses space can repeat a superblock
      boolean same =
          old.live != null
              ? old.current()
              : Arrays.equals(old.superblock, superblockBytes(new byte[SUPERBLOCK_BYTES]));
      if (same) {
        return;
      }
      State next = load(nextIdBase);
      String why = incompatible(old, next);
      if (why != null) {
        closeQuietly(next.hdf);
        throw committed("its definitions changed (" + why + "); reopen the file", null);
      }
      int n = next.m.variables.size() + 1;
      nextIdBase = nextIdBase > Integer.MAX_VALUE - 2 * n ? 0 : nextIdBase + n;
      state = next;
      // Not closed: a read that started on it may still use jHDF's view; jHDF over a shared
      // channel holds no descriptor, and the garbage collector takes the view.
    }
  }

  /** Why a reader of {@code old} cannot go on with {@code next}, or null. */
  private static String incompatible(State old, State next) {
    if (old.m.recordDim != next.m.recordDim) {
      return "another record dimension";
    }
    for (H5Variable v : old.m.variables) {
      H5Variable w = next.m.byName.get(v.name());
      if (w == null) {
        return "variable " + v.name() + " is gone";
      }
      if (w.type() != v.type() || !Arrays.equals(w.dimensionIds(), v.dimensionIds())) {
        return "variable " + v.name() + " has another type or dimensions";
      }
      long[] a = shape(old, v);
      long[] b = shape(next, w);
      for (int d = 0; d < a.length; d++) {
        boolean unlimited = old.m.dimensions.get(v.dimensionIds()[d]).unlimited();
        if (unlimited ? b[d] < a[d] : b[d] != a[d]) {
          return "variable " + v.name() + " has shape " + Arrays.toString(b);
        }
      }
    }
    return null;
  }

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

  /**
   * The variable of state {@code st} that {@code v} names: {@code v} itself, or, for a variable of
   * an earlier state of this reader, the one of the same name now.
   */
  private H5Variable own(State st, Variable v) {
    if (v instanceof H5Variable h) {
      H5Variable now = st.m.byName.get(h.name());
      if (now == h || (now != null && h.owner() == this)) {
        return now;
      }
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
  private static long check(State st, H5Variable v, long[] start, long[] count) {
    return SlabBounds.checkedTotal(v, shape(st, v), start, count);
  }

  /**
   * Visits the pieces of a slab as state {@code st} stores it, then checks that the state is still
   * the committed one ({@link #verifyCommitted}): a read returns values of the state the reader
   * opened or refreshed, or throws.
   */
  private void pieces(
      State st, H5Variable v, long[] start, long[] count, long total, PieceVisitor visitor)
      throws IOException {
    if (total == 0) {
      return;
    }
    try {
      layoutPieces(st, v, start, count, visitor);
      verifyCommitted(st, v, null);
      source.reportFaults(); // a file truncated underneath: its map's faults surface here
    } catch (InternalError e) {
      throw shrunk(st, v, source.faulted(e));
    } catch (FileChangedException e) {
      throw shrunk(st, v, e);
    } catch (IOException | RuntimeException e) {
      // A failure may come from a file truncated underneath, or from space of this reader's
      // state that a writer reused after committing again: say which.
      try {
        source.verifyUnchanged(Long.MAX_VALUE);
      } catch (IOException changed) {
        changed.addSuppressed(e);
        throw shrunk(st, v, changed);
      }
      verifyCommitted(st, v, e);
      throw failed(v, e);
    }
  }

  /**
   * The exception for a read that found the file shorter than it was ({@code e}): a writer that
   * committed again since {@code st} may have cut space the new state no longer uses, which a
   * refresh follows; else the file was truncated or re-created.
   */
  private IOException shrunk(State st, H5Variable v, IOException e) {
    if (e instanceof FileChangedException c && c.committedAgain()) {
      return e;
    }
    byte[] now = new byte[SUPERBLOCK_BYTES];
    try {
      java.nio.channels.FileChannel ch = source.channel();
      if (ch == null || Uninterruptible.size(ch) < SUPERBLOCK_BYTES) {
        return e;
      }
      ByteBuffer b = ByteBuffer.wrap(now);
      while (b.hasRemaining() && Uninterruptible.read(ch, b, b.position()) >= 0) {
        // positional reads until full (not through the map: it may fault where the file shrank)
      }
    } catch (IOException | RuntimeException x) {
      return e;
    }
    if (Arrays.equals(now, st.superblock)) {
      return e;
    }
    return committed(
        "a writer committed it again since this reader opened or refreshed it, and a read of"
            + " variable "
            + v.name()
            + " met space the file no longer holds; call refresh() or reopen the file",
        e);
  }

  /** The exception for a read that failed on a file whose committed state stayed the same. */
  private IOException failed(H5Variable v, Exception e) {
    if (e instanceof ExodusFormatException x) {
      return x;
    }
    if (e instanceof java.io.EOFException) {
      return new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "data missing: the file is truncated (" + e.getMessage() + ")",
          e);
    }
    if (e instanceof HdfException
        || e instanceof java.nio.BufferUnderflowException
        || e instanceof IndexOutOfBoundsException) {
      return new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "cannot read the data: " + e.getMessage(),
          e);
    }
    if (e instanceof IOException io) {
      return io;
    }
    throw (RuntimeException) e;
  }

  /**
   * Bytes 0 to {@link #SUPERBLOCK_BYTES} of the file as they are now, into {@code into} (zeros past
   * the end of a shorter file).
   */
  private byte[] superblockBytes(byte[] into) throws IOException {
    int n = (int) Math.min(into.length, source.size());
    source.getBytes(0, into, 0, n);
    Arrays.fill(into, n, into.length, (byte) 0);
    return into;
  }

  /**
   * Throws {@link FileChangedException} (with {@code cause} attached, if any) when the file's
   * superblock is no longer that of state {@code st}: a writer committed again, after which the
   * space {@code st} uses (metadata, chunk B-tree nodes, chunks) may be reused, so the bytes just
   * read may belong to another commit. While the superblock stays, they are {@code st}'s: a writer
   * only reuses space once the superblock no longer points to it, and this check reads the
   * superblock after the read's bytes (the fence keeps the loads in that order). One comparison of
   * 48 bytes in the map where the file is mapped, else one positional read.
   */
  private void verifyCommitted(State st, H5Variable v, Exception cause) throws IOException {
    VarHandle.acquireFence();
    boolean same;
    if (st.live != null) {
      try {
        same = st.current(); // no copy, no allocation
        source.reportFaults(); // the root header may lie where the file was cut: fault here
      } catch (InternalError e) {
        throw shrunk(st, v, source.faulted(e));
      }
    } else {
      try {
        same = Arrays.equals(superblockBytes(NOW.get()), st.superblock);
      } catch (IOException e) {
        if (cause != null) {
          return; // the failure at hand says more
        }
        throw e;
      }
    }
    if (!same) {
      throw committed(
          "a writer committed it again since this reader opened or refreshed it, and what a read"
              + " of variable "
              + v.name()
              + " found may belong to another commit; call refresh() or reopen the file",
          cause);
    }
  }

  private void layoutPieces(
      State st, H5Variable v, long[] start, long[] count, PieceVisitor visitor) throws IOException {
    switch (v.storage().kind()) {
      case CONTIGUOUS -> contiguous(st, v, start, count, visitor);
      case COMPACT ->
          rowMajor(
              v, start, count, ByteBuffer.wrap(v.storage().compact()).order(v.order()), visitor);
      case CHUNKED -> st.chunks.chunked(v, shape(st, v), start, count, visitor);
    }
  }

  private void contiguous(State st, H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    int es = v.type().size();
    if (v.storage().address() < 0) {
      fillPieces(st, v, start, count, visitor);
      return;
    }
    runs(
        v.extent(),
        start,
        count,
        (elem, n, dst) -> {
          long pos = v.storage().address() + elem * es;
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

  private static void fillPieces(
      State st, H5Variable v, long[] start, long[] count, PieceVisitor visitor) throws IOException {
    ByteBuffer fill = fillBuffer(v, 4096);
    long[] shape = shape(st, v);
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
    new GridWalk(shape.length)
        .runs(
            start,
            count,
            null,
            shape,
            GridWalk.rowMajor(shape, 1, null),
            start,
            count,
            GridWalk.rowMajor(count, 1, null),
            0,
            false,
            (elem, dst, n, as, bs) -> visitor.run(elem, n, dst));
  }

  private H5Variable slab(State st, Variable v, Target target) {
    H5Variable h = own(st, v);
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
    State st = state;
    H5Variable h = slab(st, v, target);
    long total = check(st, h, start, count);
    SlabBounds.checkFits(h, total, length, off);
    DataType t = h.type();
    pieces(
        st,
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> into.decode(b, i, ss, t, n, off + (int) at, ds));
  }

  @Override
  protected int slabSize(Variable v, long[] start, long[] count, int remaining) {
    State st = state;
    H5Variable h = own(st, v);
    long total = check(st, h, start, count);
    SlabBounds.checkFits(h, total, remaining, 0);
    return (int) total;
  }

  /**
   * A direct NIO destination (the heap branch is AbstractStorage's): pieces are decoded into the
   * staging array from index 0 and put into the buffer value by value; O(1) memory.
   */
  @Override
  protected int readDirect(Variable v, long[] start, long[] count, Staged dst) throws IOException {
    State st = state;
    H5Variable h = slab(st, v, dst.target);
    long total = check(st, h, start, count);
    SlabBounds.checkFits(h, total, dst.remaining, 0);
    DataType t = h.type();
    pieces(
        st,
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
    State st = state;
    H5Variable h = own(st, v);
    long total = check(st, h, start, count);
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
        st,
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
    State st = state;
    H5Variable h = own(st, v);
    return whyNoView(v, start, count, type).isPresent()
        ? Optional.empty()
        : contiguousRange(st, h, start, count)
            .flatMap(
                r -> {
                  try {
                    return source.slice(r[0], r[1]);
                  } catch (IOException e) {
                    return Optional.empty();
                  }
                })
            .map(b -> b.order(h.order()));
  }

  /** {position, bytes} of a slab that is one run of a contiguous dataset. */
  private static Optional<long[]> contiguousRange(
      State st, H5Variable h, long[] start, long[] count) throws IOException {
    long total = check(st, h, start, count);
    if (!h.storage().isContiguous() || h.storage().address() < 0) {
      return Optional.empty();
    }
    long[] first = {-1, 0};
    int[] runs = {0};
    if (total == 0) {
      return Optional.of(new long[] {h.storage().address(), 0});
    }
    // A slab is one run when every dimension after the first partial one is whole.
    int k = GridWalk.runStart(count, h.extent(), count, 0);
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
    return Optional.of(new long[] {h.storage().address() + first[0] * es, first[1] * es});
  }

  @Override
  public Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException {
    State st = state;
    H5Variable h = own(st, v);
    check(st, h, start, count);
    if (h.type() != asType) {
      return Optional.of(
          "variable "
              + h.name()
              + " is stored as "
              + h.type().cdlName()
              + ", not "
              + asType.cdlName());
    }
    if (!h.storage().isContiguous()) {
      return Optional.of(
          "variable "
              + h.name()
              + " is "
              + h.storage().kind().name().toLowerCase(java.util.Locale.ROOT)
              + " in HDF5: its values are decoded, not mapped");
    }
    if (h.storage().address() < 0) {
      return Optional.of("variable " + h.name() + " was never written");
    }
    if (!source.supportsSlices()) {
      return Optional.of(name + " is read through a channel, not a memory map");
    }
    Optional<long[]> r = contiguousRange(st, h, start, count);
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
      closeQuietly(state.hdf); // the source is closed regardless
    } finally {
      source.close();
    }
  }
}
