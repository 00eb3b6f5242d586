package org.exodusj.internal.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.io.Uninterruptible;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * Writes a new NetCDF-4 file (HDF5) in pure Java, or updates an existing one whoever wrote it
 * ({@link #openForUpdate}: its data stays where it is, its metadata is rebuilt at the first
 * commit), with the conventions of netCDF-C: every netCDF dimension is a dimension scale dataset
 * ({@code CLASS}, {@code NAME}, {@code _Netcdf4Dimid}, {@code REFERENCE_LIST}); every variable a
 * chunked dataset with a {@code DIMENSION_LIST} of object references; link and attribute creation
 * order tracked; {@code _NCProperties} on the root group; {@code NC_CHAR} as 1-byte null-terminated
 * strings; fill values in the fill value message.
 *
 * <p>HDF5 structures: superblock version 2, version 2 object headers with compact links and
 * attributes, version 3 layout messages with version 1 B-tree chunk indices, a global heap for the
 * {@code DIMENSION_LIST} references. Data chunks are written as they are completed into free space
 * ({@link Nc4Space}, first fit, else the end of the file); at every {@link #commit()} the chunk
 * B-tree nodes that changed ({@link Nc4ChunkTree}, copy-on-write) and one block of headers and
 * global heap follow, and the superblock (at byte 0, pointing at them) last, so the file on disk is
 * always the last committed state: a crash loses only uncommitted work. What a commit supersedes
 * becomes free only after its superblock switch.
 *
 * <p>Chunks: record variables one record per chunk (or {@link Settings#chunkSteps()}), the
 * non-record dimensions whole, halved from the outermost while a chunk exceeds 4 MiB; fixed
 * variables likewise. Filters: each variable's {@link
 * org.exodusj.internal.hdf5.filter.FilterPipeline} (the options' filter list, else shuffle, deflate
 * and Fletcher-32 in that order; a rewrite's and an adopted file's own).
 *
 * <p>The jobs are split: this class keeps the lifecycle, commits and the seam; {@link
 * Nc4ChunkStore} assembles, filters and stores chunks (and copies them as stored); {@link
 * Nc4Metadata} encodes the metadata; {@link Nc4Encoding} the typed values; {@link
 * Nc4CompressionQueue} runs the compressions; {@link Nc4Var} is a variable and how it is stored.
 */
public final class Nc4Writer implements StorageWriter {
  static final long CHUNK_TARGET_BYTES = 4L << 20;

  /**
   * @param deflateLevel -1 for no deflate, else 0-9
   * @param shuffle the shuffle filter before deflate
   * @param fletcher32 a Fletcher-32 checksum on every chunk
   * @param chunkSteps records per chunk of record variables
   */
  public record Settings(int deflateLevel, boolean shuffle, boolean fletcher32, int chunkSteps) {
    /** The filters in the writer's order: shuffle, deflate, Fletcher-32, as HDF5 applies them. */
    public List<FilterPipeline.Request> requests() {
      List<FilterPipeline.Request> r = new ArrayList<>();
      if (shuffle) r.add(new FilterPipeline.Request("shuffle", null));
      if (deflateLevel >= 0) r.add(new FilterPipeline.Request("deflate", new int[] {deflateLevel}));
      if (fletcher32) r.add(new FilterPipeline.Request("fletcher32", null));
      return r;
    }

    /** No filters, one record per chunk. */
    public static final Settings DEFAULT = new Settings(-1, false, false, 1);

    public Settings {
      if (deflateLevel < -1 || deflateLevel > 9) {
        throw new IllegalArgumentException("deflate level " + deflateLevel + " is not in 0-9");
      }
      if (chunkSteps < 1) {
        throw new IllegalArgumentException("chunkSteps " + chunkSteps + " must be at least 1");
      }
    }
  }

  final Path path;
  private final FileChannel channel;
  private final boolean ownsChannel;
  final Options options;
  private final Settings settings;
  private final List<FilterPipeline.Request> requests; // the filters of new variables
  private final List<Dimension> dims;
  private final List<Attribute> globals;
  private final List<Nc4Var> vars = new ArrayList<>();

  /** The file's space: free extents, the allocated end (guarded by lock). */
  private Nc4Space space;

  /**
   * Whether the writer knows every extent the committed state references (so a commit frees what it
   * supersedes): from the start for a new file; for an adopted one after its first commit, whose
   * state the writer knows whole. Before it, an adopted file's free space is what its space map
   * ({@link Nc4SpaceMap}) found, or none.
   */
  private boolean mapped;

  final Object lock = new Object();
  final Nc4CompressionQueue compression;
  private final Nc4ChunkStore chunks = new Nc4ChunkStore(this);
  private final Map<String, long[]> chunkOverride;
  private final Map<String, Nc4Layout> layoutOverride;
  private final Nc4Adoption adopted; // the file's own layouts, when updating a file
  private long[] current; // {start, end} of the headers block the superblock points to
  private long currentRoot = H5Out.UNDEF; // the root group's header in it
  // a value of this session and a count of its commits: each commit's root header differs
  private final int session = java.util.concurrent.ThreadLocalRandom.current().nextInt();
  private int commits;
  boolean dirty;
  private long committedRecords;
  long writtenRecords;
  private IOException firstWriteFailure;
  private boolean closed;

  private Nc4Writer(
      Path path,
      FileChannel channel,
      boolean owns,
      Schema schema,
      Options options,
      Settings settings) {
    this(path, channel, owns, schema, options, settings, null);
  }

  private Nc4Writer(
      Path path,
      FileChannel channel,
      boolean owns,
      Schema schema,
      Options options,
      Settings settings,
      Map<String, long[]> chunks) {
    this(path, channel, owns, schema, options, settings, chunks, null);
  }

  private Nc4Writer(
      Path path,
      FileChannel channel,
      boolean owns,
      Schema schema,
      Options options,
      Settings settings,
      Map<String, long[]> chunks,
      Map<String, Nc4Layout> filters) {
    this(path, channel, owns, schema, options, settings, chunks, filters, null);
  }

  private Nc4Writer(
      Path path,
      FileChannel channel,
      boolean owns,
      Schema schema,
      Options options,
      Settings settings,
      Map<String, long[]> chunks,
      Map<String, Nc4Layout> filters,
      Nc4Adoption adopted) {
    this.adopted = adopted;
    this.compression = new Nc4CompressionQueue(lock, path.toString());
    this.chunkOverride = chunks;
    this.layoutOverride = filters;
    this.path = path;
    this.channel = channel;
    this.ownsChannel = owns;
    this.options = options;
    this.settings = settings;
    if (options.filters().isEmpty()) {
      this.requests = settings.requests();
    } else {
      List<FilterPipeline.Request> r = new ArrayList<>();
      for (String f : options.filters()) r.add(FilterPipeline.Request.parse(f));
      this.requests = r;
    }
    this.dims = List.copyOf(schema.dimensions());
    this.globals = List.copyOf(schema.attributes());
    for (Schema.VarDef d : schema.variables()) {
      Nc4Layout own = layoutOverride == null ? null : layoutOverride.get(d.name());
      vars.add(
          new Nc4Var(
              d,
              dims,
              adopted == null ? null : adopted.layouts.get(d.name()),
              chunkOverride == null ? null : chunkOverride.get(d.name()),
              own,
              settings.chunkSteps(),
              requests));
    }
  }

  /** Checks that this writer can hold {@code schema}, before any file is touched. */
  public static void check(Schema schema) {
    int unlimited = 0;
    for (Dimension d : schema.dimensions()) {
      if (d.unlimited()) unlimited++;
      for (Schema.VarDef v : schema.variables()) {
        if (v.name().equals(d.name())) {
          throw new IllegalArgumentException(
              "variable "
                  + v.name()
                  + " has the name of a dimension; the NetCDF-4 writer does not write"
                  + " coordinate variables yet");
        }
      }
    }
    if (unlimited > 1) {
      throw new IllegalArgumentException(
          "the NetCDF-4 writer supports one unlimited dimension, not " + unlimited);
    }
  }

  /**
   * Creates a NetCDF-4 file with the layout of {@code schema} in an open channel of {@code path}
   * (emptied first), which the writer uses but never closes.
   */
  public static Nc4Writer create(
      Path path, FileChannel ch, Schema schema, Options options, Settings settings)
      throws IOException {
    check(schema);
    Uninterruptible.truncate(ch, 0);
    Nc4Writer w = new Nc4Writer(path, ch, false, schema, options, settings);
    w.space = new Nc4Space(Nc4Metadata.SUPERBLOCK_BYTES);
    w.mapped = true;
    w.writeMetadata();
    return w;
  }

  /** Creates (or replaces) {@code path}; the writer owns its channel. */
  public static Nc4Writer create(Path path, Schema schema, Options options, Settings settings)
      throws IOException {
    return create(path, schema, options, settings, Map.of());
  }

  /**
   * Creates (or replaces) {@code path}, each variable named in {@code layouts} with its own filters
   * and chunk shape (a rewrite keeps the source's), the others as {@code settings} say. A chunk
   * shape that does not fit its variable (another rank, a chunk beyond a fixed dimension, over 1
   * GiB) is left to the writer; the filters stay.
   */
  public static Nc4Writer create(
      Path path, Schema schema, Options options, Settings settings, Map<String, Nc4Layout> layouts)
      throws IOException {
    check(schema);
    Map<String, long[]> chunks = new HashMap<>();
    Map<String, Nc4Layout> filters = new HashMap<>();
    for (Schema.VarDef d : schema.variables()) {
      Nc4Layout l = layouts.get(d.name());
      if (l == null) continue;
      filters.put(d.name(), l);
      if (l.chunk() != null && fits(l.chunk(), d, schema.dimensions())) {
        chunks.put(d.name(), l.chunk().clone());
      }
    }
    FileChannel ch =
        FileChannel.open(
            path,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
            java.nio.file.StandardOpenOption.READ,
            java.nio.file.StandardOpenOption.WRITE);
    try {
      Nc4Writer w = new Nc4Writer(path, ch, true, schema, options, settings, chunks, filters);
      w.space = new Nc4Space(Nc4Metadata.SUPERBLOCK_BYTES);
      w.mapped = true;
      w.writeMetadata();
      return w;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  // ---- reopening a file (adoption) ------------------------------------------------------------

  /**
   * Opens an existing NetCDF-4 file, whoever wrote it (netCDF-C and libexodusII included), to write
   * data in place (into chunks: read, patch, rewrite; contiguous data at its address) and to append
   * records, through an open channel. {@code current} is the file read through the storage seam
   * (dimensions, attributes, variables, record count); each variable's chunk shape, filter pipeline
   * and stored chunks are read from it too ({@link Nc4Adoption}). The data stays where it is; the
   * first commit writes the whole metadata in this writer's layout after the data and then switches
   * the superblock, so the file stays as it was until then. What cannot be carried (groups, user
   * types, several unlimited dimensions, unknown filters, a user block...) is refused with an
   * {@link org.exodusj.ExodusFormatException}, before anything is written.
   */
  public static Nc4Writer openForUpdate(
      Path path,
      FileChannel ch,
      boolean owns,
      org.exodusj.internal.storage.Storage current,
      Options options)
      throws IOException {
    if (!(current instanceof Hdf5File h5)) {
      throw new IllegalArgumentException(path + ": not read as a NetCDF-4 file");
    }
    Hdf5Flocks.refuseWhenWritten(path, ch); // a netCDF-C writer does not see our locks
    long size = Uninterruptible.size(ch);
    Nc4Adoption adoption = Nc4Adoption.read(path, h5, size);
    Schema schema = new Schema();
    try {
      for (Dimension d : current.dimensions()) {
        if (d.unlimited()) schema.unlimitedDimension(d.name());
        else schema.dimension(d.name(), d.length());
      }
      for (Attribute a : current.attributes()) schema.attribute(a);
      for (Variable v : current.variables()) {
        List<String> names = new ArrayList<>();
        for (Dimension d : v.dimensions()) names.add(d.name());
        schema.variable(v.name(), v.type(), names, v.attributes().toArray(new Attribute[0]));
      }
    } catch (IllegalArgumentException e) {
      // what the file holds is no netCDF classic schema (a fixed dimension of length 0, a name
      // netCDF refuses): refused before anything is written
      throw new org.exodusj.ExodusFormatException(
          path.toString(),
          "netCDF schema",
          org.exodusj.ExodusFormatException.NO_OFFSET,
          e.getMessage() + "; the NetCDF-4 updater cannot carry it (the file is left unchanged)",
          e);
    }
    check(schema); // Nc4Adoption refused what this would (coordinate variables, unlimited ones)
    Nc4Writer w =
        new Nc4Writer(path, ch, owns, schema, options, Settings.DEFAULT, null, null, adoption);
    for (Nc4Var v : w.vars) {
      Nc4Storage a = adoption.layouts.get(v.name);
      int r = v.dims.size();
      if (r == 0 && a.isContiguous() && a.address() >= 0) { // a scalar: its one value as a chunk
        v.putStored(new Nc4Var.Key(new long[0]), a.address(), v.type.size(), 0);
      }
      a.forEachStored(
          (offset, address, bytes, mask) -> v.putStored(v.keyOf(offset), address, bytes, mask));
    }
    w.space = new Nc4Space(size);
    // The holes of the committed state (the space map, when it follows every structure of the
    // file) are free from the start; the first commit then frees what only the old state used.
    Nc4SpaceMap.Result map = Nc4SpaceMap.read(ch);
    if (map.mapped()) {
      List<long[]> used = new ArrayList<>(map.used());
      for (Nc4Var v : w.vars) { // the reader's view too
        for (Nc4Storage.StoredChunk c : v.stored.values())
          used.add(new long[] {c.address(), c.address() + c.size()});
      }
      w.space.reset(used, size);
      for (Nc4Var v : w.vars) {
        if (!v.contiguous() && !v.dims.isEmpty()) v.tree.adopt(v, map.trees().get(v.name));
      }
    }
    w.committedRecords = current.recordCount();
    w.writtenRecords = w.committedRecords;
    // a large chunk written whole is deflated on two threads of the library's shared pool (as many
    // as reads decode on: none on a login node, or with exodusj.decode.threads=1)
    w.chunks.splitExecutor =
        org.exodusj.internal.cache.DecodePool.executorFor(
            org.exodusj.ExodusOpenOptions.DEFAULT,
            org.exodusj.ChunkCacheSettings.resolve(org.exodusj.ExodusOpenOptions.DEFAULT));
    try {
      w.sizes = w.metadata().check(); // what the first commit will write must be writable
    } catch (IllegalArgumentException e) {
      throw new org.exodusj.ExodusFormatException(
          path.toString(),
          "HDF5 metadata",
          org.exodusj.ExodusFormatException.NO_OFFSET,
          e.getMessage() + "; the NetCDF-4 updater cannot carry it (the file is left unchanged)",
          e);
    }
    return w;
  }

  /** Whether {@code chunk} can chunk variable {@code d}: its rank, within fixed dimensions. */
  private static boolean fits(long[] chunk, Schema.VarDef d, List<Dimension> all) {
    int[] ids = d.dimIds();
    if (chunk.length != ids.length) return false;
    long bytes = d.type().size();
    for (int i = 0; i < ids.length; i++) {
      Dimension dim = all.get(ids[i]);
      if (chunk[i] < 1 || !dim.unlimited() && chunk[i] > Math.max(1, dim.length())) return false;
      bytes *= chunk[i];
      if (bytes > 1L << 30) return false;
    }
    return true;
  }

  static long[] chooseChunk(List<Dimension> ds, int es, int chunkSteps) {
    long[] c = new long[ds.size()];
    for (int i = 0; i < c.length; i++) {
      Dimension d = ds.get(i);
      c[i] = d.unlimited() ? chunkSteps : Math.max(1, d.length());
    }
    int first = !ds.isEmpty() && ds.get(0).unlimited() ? 1 : 0;
    while (true) {
      long bytes = es;
      for (long x : c) bytes *= x;
      if (bytes <= CHUNK_TARGET_BYTES) break;
      int i = first;
      while (i < c.length && c[i] == 1) i++;
      if (i == c.length) break;
      c[i] = (c[i] + 1) / 2;
    }
    return c;
  }

  // ---- the seam ------------------------------------------------------------------------------

  @Override
  public Path path() {
    return path;
  }

  @Override
  public List<Nc4Var> variables() {
    return List.copyOf(vars);
  }

  @Override
  public Optional<Nc4Var> findVariable(String name) {
    for (Nc4Var v : vars) {
      if (v.name.equals(name)) return Optional.of(v);
    }
    return Optional.empty();
  }

  @Override
  public Nc4Var variable(String name) {
    return findVariable(name)
        .orElseThrow(() -> new IllegalArgumentException(path + ": no variable named " + name));
  }

  @Override
  public void write(Variable v, long[] start, long[] count, double[] src, int off)
      throws IOException {
    write(v, start, count, Target.DOUBLE, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, float[] src, int off)
      throws IOException {
    write(v, start, count, Target.FLOAT, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, long[] src, int off)
      throws IOException {
    write(v, start, count, Target.LONG, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, int[] src, int off) throws IOException {
    write(v, start, count, Target.INT, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, short[] src, int off)
      throws IOException {
    write(v, start, count, Target.SHORT, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void write(Variable v, long[] start, long[] count, byte[] src, int off)
      throws IOException {
    write(v, start, count, Target.BYTE, src, off, src.length, RealRounding.REFUSE);
  }

  @Override
  public void writeReals(
      Variable v, long[] start, long[] count, double[] src, int off, RealRounding rounding)
      throws IOException {
    write(v, start, count, Target.DOUBLE, src, off, src.length, rounding);
  }

  @Override
  public void writeRaw(Variable v, long[] start, long[] count, ByteBuffer src) throws IOException {
    checkOpen();
    Nc4Var x = own(v);
    long n = Nc4Var.check(x, start, count);
    int es = x.type.size();
    if (n * es > src.remaining()) {
      throw new IndexOutOfBoundsException(
          "variable " + x.name + ": slab of " + n * es + " bytes, buffer has " + src.remaining());
    }
    int bytes = (int) (n * es);
    synchronized (leLock) { // through one reused array: no allocation per call
      byte[] le = Nc4Encoding.array(leScratch, bytes);
      if (le.length <= LE_SCRATCH_MAX) leScratch = le;
      int base = src.position();
      ByteBuffer in = src.duplicate().order(ByteOrder.BIG_ENDIAN);
      in.limit(base + bytes);
      ByteBuffer out = ByteBuffer.wrap(le, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
      switch (es) { // bulk byte swaps through typed views
        case 1 -> in.get(le, 0, bytes);
        case 2 -> out.asShortBuffer().put(in.asShortBuffer());
        case 4 -> out.asIntBuffer().put(in.asIntBuffer());
        default -> out.asLongBuffer().put(in.asLongBuffer());
      }
      src.position(base + bytes);
      chunks.place(x, start, count, le);
    }
  }

  @Override
  public void writeText(Variable v, long[] start, long[] count, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    long n = 1;
    for (long c : count) n *= c;
    if (b.length > n) {
      throw new IllegalArgumentException(
          "variable " + v.name() + ": text of " + b.length + " bytes exceeds slab of " + n);
    }
    write(v, start, count, Arrays.copyOf(b, (int) n), 0);
  }

  @Override
  public long committedRecords() {
    return committedRecords;
  }

  @Override
  public long writtenRecords() {
    return writtenRecords;
  }

  @Override
  public void syncRecordCount() {
    // One writer per NetCDF-4 file: nobody else appends.
  }

  @Override
  public void commit() throws IOException {
    checkOpen();
    compression.drain();
    if (dirty) writeMetadata();
    committedRecords = writtenRecords;
    synchronized (lock) {
      for (Nc4Var v : vars) v.storedSinceCommit.clear();
    }
  }

  @Override
  public void abandonUncommitted() throws IOException {
    compression.drain();
    for (Nc4Var v : vars) {
      if (!v.record) continue;
      long firstChunk = ceilDiv(committedRecords, v.chunk[0]);
      v.open.keySet().removeIf(k -> k.c()[0] * v.chunk[0] >= committedRecords);
      synchronized (lock) {
        v.stored
            .entrySet()
            .removeIf(
                e -> {
                  if (e.getKey().c()[0] < firstChunk) return false;
                  release(e.getValue().address(), e.getValue().size()); // never committed
                  v.tree.changed(e.getKey());
                  return true;
                });
      }
      int kept = (int) (committedRecords % v.chunk[0]);
      if (kept != 0) { // the chunks of the last committed records hold abandoned ones too
        long row = committedRecords / v.chunk[0];
        for (Nc4Var.Key k : new ArrayList<>(v.storedSinceCommit)) {
          if (k.c()[0] == row)
            chunks.buffer(v, k); // read back, mended below, stored at the next commit
        }
        for (Map.Entry<Nc4Var.Key, Nc4Var.Buf> e : v.open.entrySet()) {
          if (e.getKey().c()[0] == row) Nc4Var.fillRecordsFrom(v, e.getValue(), kept);
        }
      }
      synchronized (lock) {
        v.storedSinceCommit.clear();
      }
    }
    writtenRecords = committedRecords;
    chunks.forgetDropped();
    // The metadata on disk (the last commit) never counted them: nothing to rewrite.
  }

  @Override
  public boolean hasUncommittedChanges() {
    return dirty || writtenRecords != committedRecords;
  }

  @Override
  public void limitChunkMemory(long bytes) {
    chunks.limitMemory(bytes);
  }

  @Override
  public IOException firstWriteFailure() {
    return firstWriteFailure;
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    try {
      compression.drain();
      commit();
      trimEnd();
      if (options.sync()) Uninterruptible.force(channel, true);
    } finally {
      chunks.endScratches();
      closed = true;
      if (ownsChannel) channel.close();
    }
  }

  // ---- data ----------------------------------------------------------------------------------

  private void write(
      Variable v,
      long[] start,
      long[] count,
      Target source,
      Object src,
      int off,
      int length,
      RealRounding rounding)
      throws IOException {
    checkOpen();
    Nc4Var x = own(v);
    DataType t = x.type;
    boolean doubleToFloat = source == Target.DOUBLE && t == DataType.FLOAT;
    if (!(doubleToFloat && rounding != RealRounding.REFUSE) && !Conversions.writable(source, t)) {
      throw new IllegalArgumentException(
          "variable "
              + x.name
              + " is stored as "
              + t.cdlName()
              + "; "
              + source.name().toLowerCase(Locale.ROOT)
              + " values cannot be stored there without loss");
    }
    long n = Nc4Var.check(x, start, count);
    if (off < 0 || off + n > length) {
      throw new IndexOutOfBoundsException(
          "variable " + x.name + ": slab of " + n + " values from " + off + ", array of " + length);
    }
    int es = t.size();
    if (source == Target.DOUBLE
        && t == DataType.DOUBLE
        && chunks.placeWhole(x, start, count, (double[]) src, off)) {
      return; // one whole chunk: encoded (and shuffled) straight into it
    }
    synchronized (leLock) { // the common pairs through one reused array: no allocation per call
      byte[] direct = Nc4Encoding.directLE(x.name, source, t, src, off, (int) n, leScratch);
      if (direct != null) {
        if (direct.length <= LE_SCRATCH_MAX) leScratch = direct;
        chunks.place(x, start, count, direct);
        return;
      }
    }
    chunks.place(
        x,
        start,
        count,
        Nc4Encoding.littleEndian(path, x.name, source, t, src, off, (int) n, rounding));
  }

  private final Object leLock = new Object();
  private byte[] leScratch = new byte[0]; // guarded by leLock
  private static final int LE_SCRATCH_MAX = 4 << 20; // a copy's slab (StorageCopy) fits

  /**
   * Copies the chunks of {@code source} (a variable of an open NetCDF-4 file) into {@code target}
   * as they are stored, filter mask and all, when both have the same type, little-endian values,
   * the same fixed dimension lengths, chunk shape and filter pipeline, and {@code target} holds no
   * data yet; the chunks are appended after the data in one reserved run, read and written in
   * batches of {@link #COPY_BATCH} bytes.
   */
  @Override
  public boolean copyStored(Variable target, Variable source) throws IOException {
    checkOpen();
    Nc4Var x = own(target);
    if (chunks.copyAsStored(x, source)) return true;
    // the values are copied instead: filters kept only for their stored chunks are dropped
    if (!x.pipeline().canEncode()) {
      synchronized (lock) {
        if (x.stored.isEmpty() && x.open.isEmpty()) x.dropUnencodableFilters();
      }
    }
    return false;
  }

  /** Marks the file changed by a write of the slab {@code start, count} of {@code x}. */
  void touched(Nc4Var x, long[] start, long[] count) {
    dirty = true;
    if (x.record) {
      writtenRecords = Math.max(writtenRecords, start[0] + count[0]);
    }
  }

  // ---- metadata ------------------------------------------------------------------------------

  /**
   * Writes every open chunk, then the metadata after the data, then the superblock pointing at it:
   * until the superblock is written, the file on disk is the previous committed state.
   */
  private void writeMetadata() throws IOException {
    for (Nc4Var v : vars) {
      for (Map.Entry<Nc4Var.Key, Nc4Var.Buf> e : new ArrayList<>(v.open.entrySet())) {
        if (v.record && e.getKey().c()[0] * v.chunk[0] >= writtenRecords) {
          continue;
        }
        chunks.flush(v, e.getKey(), e.getValue());
      }
    }
    compression.drain();
    // The chunk B-tree nodes that changed and the headers go into free space (first fit) or at
    // the end; what the superblock points to now is not free until the switch below.
    Nc4Metadata.Encoded e;
    synchronized (lock) {
      e =
          metadata()
              .encode(
                  new Nc4ChunkTree.Alloc() {
                    @Override
                    public long allocate(long n) {
                      return space.allocateMetadata(n);
                    }

                    @Override
                    public void release(long address, long n) {
                      space.release(address, n);
                    }
                  },
                  sizes);
      sizes = e.sizes();
    }
    long[] previous = current;
    for (Nc4ChunkTree.Write x : e.writes()) writeFully(ByteBuffer.wrap(x.bytes()), x.address());
    if (options.sync()) Uninterruptible.force(channel, false);
    long end;
    synchronized (lock) {
      end = space.end();
    }
    writeFully(ByteBuffer.wrap(Nc4Metadata.superblock(e.root(), end)), 0);
    if (options.sync()) Uninterruptible.force(channel, false);
    current = e.block();
    currentRoot = e.root();
    // The switch is done: what only the previous state referenced can be reused.
    synchronized (lock) {
      if (mapped) {
        if (previous != null) space.release(previous[0], previous[1] - previous[0]);
        space.committed();
      } else { // an adopted file: the state just committed is the writer's own, known whole
        space.reset(usedExtents(), space.end());
        mapped = true;
      }
    }
    dirty = false;
  }

  /**
   * Every extent the state the writer holds references: the superblock, the metadata, the stored
   * chunks, contiguous data.
   */
  private List<long[]> usedExtents() {
    List<long[]> used = new ArrayList<>();
    used.add(new long[] {0, Nc4Metadata.SUPERBLOCK_BYTES});
    if (current != null) used.add(current.clone());
    for (Nc4Var v : vars) {
      v.tree.extents(v.dims.size(), used);
      for (Nc4Storage.StoredChunk c : v.stored.values()) {
        used.add(new long[] {c.address(), c.address() + c.size()});
      }
      if (v.contiguous() && v.contiguousAddress() != H5Out.UNDEF) {
        long bytes = v.type.size();
        for (Dimension d : v.dims) bytes *= d.length();
        used.add(new long[] {v.contiguousAddress(), v.contiguousAddress() + bytes});
      }
    }
    return used;
  }

  /**
   * Cuts free space at the end of the file after the last commit: the superblock first says the
   * shorter end (same root), then the file is truncated; a crash between leaves a file longer than
   * its superblock says, which HDF5 accepts.
   */
  private void trimEnd() throws IOException {
    long end;
    synchronized (lock) {
      if (!mapped || currentRoot == H5Out.UNDEF) return;
      space.settle();
      end = space.end();
    }
    if (Uninterruptible.size(channel) <= end) return;
    writeFully(ByteBuffer.wrap(Nc4Metadata.superblock(currentRoot, end)), 0);
    if (options.sync()) Uninterruptible.force(channel, false);
    Uninterruptible.truncate(channel, end);
  }

  /** Takes {@code n} bytes of free space (first fit) or at the end of the file. */
  long allocate(long n, int align) {
    synchronized (lock) {
      return space.allocate(n, align);
    }
  }

  /** Frees an extent once the next commit no longer references it. */
  void release(long address, long length) {
    synchronized (lock) {
      space.release(address, length);
    }
  }

  /**
   * The sizes of the object headers as the last encoding (or the open's check) found them: the next
   * commit lays its headers out by them instead of encoding each once more to size it ({@link
   * Nc4Metadata#encode} checks them against the headers it encodes). Guarded by {@link #lock}.
   */
  private Nc4Metadata.Sizes sizes;

  /** The encoder of the metadata as the file stands now. */
  private Nc4Metadata metadata() {
    return new Nc4Metadata(
        path.toString(),
        dims,
        globals,
        vars,
        writtenRecords,
        adopted != null && adopted.classicModel,
        session + commits++);
  }

  // ---- low level -----------------------------------------------------------------------------

  private Nc4Var own(Variable v) {
    if (v instanceof Nc4Var x && vars.contains(x)) return x;
    throw new IllegalArgumentException(
        "variable " + (v == null ? "null" : v.name()) + " does not belong to " + path);
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException(path + ": writer is closed");
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  byte[] read(long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    long pos = at;
    while (b.hasRemaining()) {
      int m = Uninterruptible.read(channel, b, pos);
      if (m < 0) throw new EOFException(path + ": chunk at byte " + at + " ends early");
      pos += m;
    }
    return b.array();
  }

  void writeFully(ByteBuffer b, long position) throws IOException {
    long pos = position;
    try {
      while (b.hasRemaining()) pos += Uninterruptible.write(channel, b, pos);
    } catch (IOException e) {
      IOException f =
          new IOException(
              path
                  + ": writing "
                  + b.remaining()
                  + " bytes at byte "
                  + pos
                  + " failed: "
                  + e.getMessage(),
              e);
      synchronized (lock) {
        if (firstWriteFailure == null) firstWriteFailure = f;
      }
      throw f;
    }
  }
}
