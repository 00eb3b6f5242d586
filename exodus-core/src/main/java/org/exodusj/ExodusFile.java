package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.model.ExodusMetadata;
import org.exodusj.internal.model.ExodusModel;
import org.exodusj.internal.model.ExodusModel.BlockVars;
import org.exodusj.internal.model.ExodusModel.SetVars;
import org.exodusj.internal.model.ExodusModel.VarKind;
import org.exodusj.internal.model.ExodusNames;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;

/**
 * An Exodus II file open for reading.
 *
 * <p><b>Reads</b> fill caller-supplied arrays ({@code dst} from {@code off}); allocating
 * convenience methods ({@link #coordinates(int)}, {@link #connectivity(Block)}, ...) sit on top.
 * Zero-copy views ({@link #coordinateView}, {@link #nodalVariableView}, ...) are offered where the
 * stored bytes are contiguous doubles in a memory map; where not (4-byte reals, legacy packed
 * layouts, an unmapped file), they return empty and the caller falls back to a buffer read. {@link
 * ValueChunks} stream a variable in O(chunk) memory.
 *
 * <p><b>Views</b> are read-only buffers over the memory map in the stored byte order: big-endian
 * for the classic formats, the dataset's order (little-endian as netCDF-C writes it) for contiguous
 * NetCDF-4 variables; {@code get} decodes either correctly and {@code order()} says which. A view
 * shows the bytes of the file as they are when it is read: it is live over in-place updates of
 * those bytes ({@link ExodusUpdater}, another process). It stays readable after {@link #close()}:
 * the map is released by the garbage collector once no view refers to it. If another program
 * truncates or re-creates the file while a view is held, reading the view where the file no longer
 * has bytes fails with the JVM's {@link InternalError} (a fault in mapped memory, possibly reported
 * a little after the access), which the library cannot intercept; reads through this class's
 * methods throw {@link FileChangedException} instead (data already in the NetCDF-4 chunk cache is
 * still served from it; a file re-created at the same size or larger reads as it now is). Hold
 * views only over files that no other program replaces while they are open.
 *
 * <p><b>Ranges</b> are {@code (first, count)} everywhere: entities {@code [start, start + count)},
 * steps {@code [firstStep, firstStep + count)}, checked before anything is read.
 *
 * <p><b>Short arrays</b>: where a file stores a per-entity array (attributes, distribution factors,
 * maps, variables) shorter than the model says, {@link #defects()} lists it; reads give the stored
 * entries and leave the rest of the caller's range untouched, as the C library's {@code
 * ex_get_attr} does, and never fail for it.
 *
 * <p><b>Read when first asked for</b>: an open reads what the sizes, blocks and sets need. In a
 * classic file the QA and info records ({@link #qaRecords()}, {@link #infoRecords()}), the names of
 * result variables, coordinates and nodal attributes, and the truth tables are read at the first
 * call that asks for them (in a NetCDF-4 file, whose chunks may fail to decode, at open); a file
 * cut short since the open then fails that call with an {@link java.io.UncheckedIOException} naming
 * the file. What a call returned stays valid after {@link #close()}.
 *
 * <p><b>After {@link #close()}</b> every method but {@code close} and {@code toString} throws
 * {@link IllegalStateException} ("FILE is closed").
 *
 * <p><b>Indices</b> are 0-based everywhere: time steps, variables, entity offsets. Connectivity and
 * set entries are returned as stored: 1-based local node (element, ...) indices.
 *
 * <p><b>Threads</b>: an open file is safe for concurrent reads from many threads; reads are
 * positional and the metadata is immutable. {@link #refresh()} may run concurrently with reads.
 * Chunk iterators are single-threaded.
 */
public final class ExodusFile implements Closeable {
  private final Path path;
  private final Storage storage;
  private final ExodusModel model;

  private final ChunkCacheSettings settings;
  private volatile boolean closed;

  private ExodusFile(Path path, Storage storage, ExodusModel model, ChunkCacheSettings settings) {
    this.path = path;
    this.storage = storage;
    this.model = model;
    this.settings = settings;
  }

  /** Opens {@code path}, memory-mapped. */
  public static ExodusFile open(Path path) throws IOException {
    return open(path, ExodusOpenOptions.DEFAULT);
  }

  /**
   * Opens {@code path} with the given options. A file that is not Exodus on NetCDF ends in an
   * {@link ExodusFormatException} naming the file and the place.
   */
  public static ExodusFile open(Path path, ExodusOpenOptions options) throws IOException {
    ChunkCacheSettings settings = ChunkCacheSettings.resolve(options);
    // A NetCDF-4 file a writer commits again while the model is read is read again (its
    // storage reads one committed state whole, and says so when it is no longer the newest).
    for (int attempt = 1; ; attempt++) {
      Storage storage = openStorage(path, options, settings);
      try {
        ExodusFile f = new ExodusFile(path, storage, ExodusModel.readLazily(storage), settings);
        storage.resetCacheStatistics(); // the counters exclude the reads made while opening
        return f;
      } catch (IOException | RuntimeException e) {
        try {
          storage.close();
        } catch (IOException s) {
          e.addSuppressed(s);
        }
        if (!(e instanceof FileChangedException c && c.committedAgain()) || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  /** Opens the storage backend that {@code path}'s signature calls for. */
  @SuppressWarnings("try")
  static Storage openStorage(Path path, ExodusOpenOptions options, ChunkCacheSettings settings)
      throws IOException {
    return Backends.open(path, options, settings);
  }

  // ---- metadata ------------------------------------------------------------------------------

  public Path path() {
    ensureOpen();
    return path;
  }

  /** The title, "" when the file has none (a tolerated defect). */
  public String title() {
    ensureOpen();
    return model.title;
  }

  /** Format, versions, word sizes and tolerated defects. */
  public FileInfo info() {
    ensureOpen();
    return model.info;
  }

  /**
   * Problems tolerated while opening; empty for a clean file. Defects of one kind that repeat (the
   * same kind of array stored short, truth-table entries whose variable is missing) make one line:
   * the first in full, then {@code [N like this in all: ...]} naming the first few. Mesh arrays
   * another program never wrote (coordinates holding only fill values, or only 0 on more than one
   * node, as the C library leaves them without {@code ex_put_coord}; connectivity holding only fill
   * values or 0) are listed too, found on the first call: it reads the first and last entry of each
   * array, and the whole array only where both look unwritten. So are steps the file counts but
   * stores no data of (a NetCDF-4 file whose record variables store no chunk of them: they read as
   * the fill value; a classic file cut short says so in its truncation line). {@link #refresh()}
   * looks again.
   */
  public List<String> defects() {
    ensureOpen();
    List<String> opened = model.info.defects();
    List<String> mesh = meshDefects;
    if (mesh == null) {
      mesh = new java.util.ArrayList<>();
      boolean cut = false;
      for (String d : opened) cut |= d.contains("truncated"); // missing bytes read as 0: said
      if (!cut) {
        try {
          mesh.addAll(UnwrittenMesh.find(this));
        } catch (IOException | RuntimeException e) {
          mesh.add("mesh arrays could not be read to check them: " + e.getMessage());
        }
        long counted = timeStepCount();
        long stored = timeStepsInFile(); // a classic file cut short says so in its truncation line
        if (stored < counted) {
          mesh.add(
              "counts "
                  + counted
                  + " time steps but stores data of only "
                  + (stored == 0 ? "none" : "the first " + stored)
                  + ": steps "
                  + (stored + 1)
                  + (counted > stored + 1 ? "-" + counted : "")
                  + " read as the fill value");
        }
      }
      mesh = List.copyOf(mesh);
      meshDefects = mesh;
    }
    if (mesh.isEmpty()) return opened;
    List<String> all = new java.util.ArrayList<>(opened);
    all.addAll(mesh);
    return List.copyOf(all);
  }

  private volatile List<String> meshDefects;

  /**
   * The paths of the NetCDF-4 child groups of what this file shows ("left", "right"; from a file
   * opened at group "right": "right/detail"), in creation order, as the C library's {@code
   * ex_get_group_ids} finds them; empty for classic files and files without groups. Open one with
   * {@link ExodusOpenOptions.Builder#group(String)}. A root without a mesh whose meshes are in
   * groups says so in {@link #defects()}.
   */
  public List<String> groups() {
    ensureOpen();
    return storage.groups();
  }

  /** Spatial dimensions (1, 2 or 3). */
  public int dimensionCount() {
    ensureOpen();
    return model.numDim;
  }

  public long nodeCount() {
    ensureOpen();
    return model.numNodes;
  }

  public long elementCount() {
    ensureOpen();
    return model.numElem;
  }

  public long edgeCount() {
    ensureOpen();
    return model.numEdge;
  }

  public long faceCount() {
    ensureOpen();
    return model.numFace;
  }

  /** One name per axis; "" where unnamed. */
  public List<String> coordinateNames() {
    ensureOpen();
    return model.coordNames();
  }

  /** Names of the nodal attributes (empty when the file has none). */
  public List<String> nodalAttributeNames() {
    ensureOpen();
    return model.nodalAttribNames();
  }

  /** Nodal attributes of nodes {@code [start, start + count)}, node-major. */
  public void readNodalAttributes(long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    if (model.nodalAttrib == null) {
      throw new IllegalStateException(path + " has no nodal attributes");
    }
    Variable v = model.nodalAttrib;
    realArray(v, 2);
    readRows(
        v,
        0,
        model.numNodes,
        new long[] {start, 0},
        new long[] {count, storage.shape(v)[1]},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  /** Blocks of {@code type} (ELEM_BLOCK, EDGE_BLOCK or FACE_BLOCK) in file order. */
  public List<Block> blocks(EntityType type) {
    ensureOpen();
    requireBlock(type);
    return model.blocks.get(type);
  }

  /** The block of {@code type} with user id {@code id}. */
  public Block block(EntityType type, long id) {
    ensureOpen();
    for (Block b : blocks(type)) {
      if (b.id() == id) {
        return b;
      }
    }
    throw new IllegalArgumentException(path + ": no " + type + " with id " + id);
  }

  /** Sets of {@code type} in file order. */
  public List<EntitySet> sets(EntityType type) {
    ensureOpen();
    if (!type.isSet()) {
      throw new IllegalArgumentException(type + " is not a set type");
    }
    return model.sets.get(type);
  }

  /** The set of {@code type} with user id {@code id}. */
  public EntitySet set(EntityType type, long id) {
    ensureOpen();
    for (EntitySet s : sets(type)) {
      if (s.id() == id) {
        return s;
      }
    }
    throw new IllegalArgumentException(path + ": no " + type + " with id " + id);
  }

  /** Numbered maps of NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP. */
  public List<NumberedMap> numberedMaps(EntityType type) {
    ensureOpen();
    if (!type.isMap()) {
      throw new IllegalArgumentException(type + " is not a map type");
    }
    return model.numberedMaps.get(type);
  }

  public List<Assembly> assemblies() {
    ensureOpen();
    return model.assemblies;
  }

  public List<Blob> blobs() {
    ensureOpen();
    return model.blobs;
  }

  public List<QaRecord> qaRecords() {
    ensureOpen();
    return model.qa();
  }

  public List<String> infoRecords() {
    ensureOpen();
    return model.infoRecords();
  }

  /** The number of time steps (grows after {@link #refresh()} while a writer appends). */
  public long timeStepCount() {
    ensureOpen();
    return model.timeSteps();
  }

  /**
   * The time steps of which the file holds at least one byte: {@link #timeStepCount()}, except for
   * a classic file cut short (see {@link #defects()}), whose steps beyond this count lie wholly
   * beyond the end of the file and read as zeros.
   */
  public long timeStepsInFile() {
    ensureOpen();
    return Math.min(model.timeSteps(), storage.recordsInFile());
  }

  /** The chunk cache and iterator sizes this file was opened with, and why. */
  public ChunkCacheSettings chunkCacheSettings() {
    ensureOpen();
    return settings;
  }

  /**
   * The chunk cache counters (NetCDF-4 files; all zero for classic files, which need no cache):
   * hits, misses, evictions, bytes held and the peak, counted from the end of {@link #open}.
   */
  public CacheStatistics cacheStatistics() {
    ensureOpen();
    ChunkCache.Statistics s = storage.cacheStatistics();
    return new CacheStatistics(s.hits(), s.misses(), s.evictions(), s.bytesHeld(), s.peakBytes());
  }

  /**
   * Picks up what another process has committed since the file was opened or last refreshed: time
   * steps appended ({@link #timeStepCount()} grows); for NetCDF-4 files also values patched (the
   * newest committed state is read whole, and chunks cached before are not served for it). Reads
   * between refreshes return the state seen at the last one; on NetCDF-4, a read that meets space a
   * writer has reused since then throws {@link FileChangedException} ({@link
   * FileChangedException#committedAgain()}) instead of returning values of another commit: refresh
   * and read again. A NetCDF-4 file whose variables changed otherwise (one renamed or removed, a
   * fixed dimension resized) cannot be followed: {@link FileChangedException}; reopen it.
   */
  public void refresh() throws IOException {
    ensureOpen();
    storage.refresh();
    meshDefects = null; // the mesh arrays may have been written since: look again
  }

  /**
   * The netCDF attributes that belong to an entity, in stored order, as libexodus finds them
   * ({@code exi_get_varid}): the file's for GLOBAL, those of {@code coor_names} for NODAL, of a
   * block's connectivity, a set's entry list, an assembly's or blob's entity variable; empty for a
   * block or set without entries (it has no such variable).
   */
  private List<org.exodusj.internal.storage.Attribute> storedAttributes(EntityType type, long id) {
    ensureOpen();
    Variable v;
    if (type == EntityType.GLOBAL) {
      return storage.attributes();
    } else if (type == EntityType.NODAL) {
      v = model.var(ExodusNames.COORD_NAMES);
    } else if (type.isBlock()) {
      Block b = block(type, id);
      BlockVars bv = blockVars(b);
      v = b.topology() == Topology.NFACED && bv.conn() == null ? bv.faceConn() : bv.conn();
    } else if (type.isSet()) {
      v = setVars(set(type, id)).entries();
    } else if (type == EntityType.ASSEMBLY || type == EntityType.BLOB) {
      v = model.var(ExodusNames.of(type).conn() + id);
      if (v == null) {
        throw new IllegalArgumentException(path + ": no " + type + " with id " + id);
      }
    } else {
      throw new IllegalArgumentException(type + " entities have no attributes");
    }
    return v == null ? List.of() : v.attributes();
  }

  /**
   * The attributes of an entity, as {@code ex_get_attributes} returns them ({@code
   * ex_put_attribute} writes them): on the file ({@link EntityType#GLOBAL}, id ignored), the nodes
   * ({@link EntityType#NODAL}), a block, set, assembly or blob; without the ones {@code
   * ex_get_attribute_count} leaves out as Exodus's own (names starting with {@code _}, {@code
   * elem_type}, field metadata, bases and quadrature rules, and the file's own header attributes).
   *
   * @throws IllegalArgumentException when there is no such entity
   */
  public List<EntityAttribute> entityAttributes(EntityType type, long id) {
    List<EntityAttribute> out = new java.util.ArrayList<>();
    boolean global = type == EntityType.GLOBAL;
    for (org.exodusj.internal.storage.Attribute a : storedAttributes(type, id)) {
      if (!ExodusNames.isInternalAttribute(a.name(), global)) {
        out.add(ExodusMetadata.toEntityAttribute(a));
      }
    }
    return out;
  }

  /** The storage this file reads, for the mesh copy's choice of filters. */
  Storage storage() {
    return storage;
  }

  /**
   * The attributes of an entity a copy carries over: its entity attributes, field metadata, bases
   * and quadrature rules, stored as they are.
   */
  List<org.exodusj.internal.storage.Attribute> copyableAttributes(EntityType type, long id) {
    List<org.exodusj.internal.storage.Attribute> out = new java.util.ArrayList<>();
    boolean global = type == EntityType.GLOBAL;
    for (org.exodusj.internal.storage.Attribute a : storedAttributes(type, id)) {
      if (!ExodusNames.isStructuralAttribute(a.name(), global)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The fields of an entity ({@code ex_get_field_metadata}, Exodus 9): which of its result
   * variables form vectors, tensors, quadrature-point or basis values; in the order the file stores
   * them. Empty where the file has none.
   *
   * @param type NODAL, a block, set, assembly or blob kind, or GLOBAL
   * @param id the entity's id (ignored for NODAL and GLOBAL)
   */
  public List<FieldMetadata> fieldMetadata(EntityType type, long id) {
    boolean object = type != EntityType.NODAL && type != EntityType.GLOBAL;
    return ExodusMetadata.decodeFields(type, object ? id : 0, storedAttributes(type, id));
  }

  /** The bases the file defines ({@code ex_get_basis}, Exodus 9). */
  public List<Basis> bases() {
    return ExodusMetadata.decodeBases(storedAttributes(EntityType.GLOBAL, 0));
  }

  /** The quadrature rules the file defines ({@code ex_get_quadrature}, Exodus 9). */
  public List<Quadrature> quadratures() {
    return ExodusMetadata.decodeQuadratures(storedAttributes(EntityType.GLOBAL, 0));
  }

  /**
   * The names of a field's component variables, in the order {@code ex_component_field_name} gives
   * them (level 0 fastest); a basis or quadrature level takes its component count from the file's
   * basis or quadrature rule of that name.
   *
   * @throws IllegalArgumentException when a level's component count is not known (its basis or
   *     quadrature rule is not in the file)
   */
  public List<String> fieldComponentNames(FieldMetadata field) {
    List<Basis> bs = bases();
    List<Quadrature> qs = quadratures();
    return ExodusMetadata.componentNames(
        field,
        level -> {
          String n = field.typeNames().get(level);
          if (field.types().get(level) == FieldType.BASIS) {
            for (Basis b : bs) if (b.name().equals(n)) return b.cardinality();
          } else {
            for (Quadrature q : qs) if (q.name().equals(n)) return q.cardinality();
          }
          return -1;
        });
  }

  /**
   * Reads a field as a whole: all its components at {@code step}, entries {@code [start, start +
   * count)} of the entity, into {@code dst} component by component ({@code count} values of the
   * first component, then of the second, ... in {@link #fieldComponentNames} order).
   *
   * @param type NODAL, GLOBAL (one entry: start 0, count 1) or a block, set, assembly or blob kind
   * @param id the entity's id (ignored for NODAL and GLOBAL)
   * @param field the field's name ({@link FieldMetadata#name()})
   * @throws IllegalArgumentException when the entity has no such field, or a component variable is
   *     missing (the names present are listed)
   */
  public void readField(
      EntityType type,
      long id,
      String field,
      long step,
      long start,
      long count,
      double[] dst,
      int off)
      throws IOException {
    FieldMetadata f = null;
    for (FieldMetadata x : fieldMetadata(type, id)) {
      if (x.name().equals(field)) f = x;
    }
    if (f == null) {
      throw new IllegalArgumentException(
          path
              + ": "
              + type
              + (type == EntityType.NODAL ? "" : " " + id)
              + " has no field "
              + field);
    }
    List<String> comps = fieldComponentNames(f);
    List<String> names = variableNames(type);
    int[] vars = new int[comps.size()];
    for (int c = 0; c < vars.length; c++) {
      vars[c] = names.indexOf(comps.get(c));
      if (vars[c] < 0) {
        throw new IllegalArgumentException(
            path
                + ": field "
                + field
                + " needs variable "
                + comps.get(c)
                + "; "
                + type
                + " variables are "
                + names);
      }
    }
    if (count < 0 || (long) off + count * vars.length > dst.length || off < 0) {
      throw new IndexOutOfBoundsException(
          "off="
              + off
              + " count="
              + count
              + " components="
              + vars.length
              + " length="
              + dst.length);
    }
    if (type == EntityType.GLOBAL) {
      if (start != 0 || count != 1) {
        throw new IndexOutOfBoundsException(
            "a global field has one entry: start=" + start + " count=" + count);
      }
      double[] g = new double[names.size()];
      readGlobalVariables(step, g, 0);
      for (int c = 0; c < vars.length; c++) dst[off + c] = g[vars[c]];
      return;
    }
    for (int c = 0; c < vars.length; c++) {
      int at = Math.toIntExact(off + c * count);
      if (type == EntityType.NODAL) {
        readNodalVariable(vars[c], step, start, count, dst, at);
      } else {
        readVariable(type, vars[c], id, step, start, count, dst, at);
      }
    }
  }

  // ---- coordinates ---------------------------------------------------------------------------

  /** True when the coordinates of {@code axis} are stored. */
  public boolean hasCoordinates(int axis) {
    ensureOpen();
    return axis >= 0 && axis < model.numDim && model.coordVars[axis] != null;
  }

  /** Reads coordinates {@code [start, start + count)} of {@code axis} (0 = x, 1 = y, 2 = z). */
  public void readCoordinates(int axis, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = storedCoordinates(axis);
    if (model.legacyCoord) {
      storage.read(v, new long[] {axis, start}, new long[] {1, count}, dst, off);
    } else {
      storage.read(v, new long[] {start}, new long[] {count}, dst, off);
    }
  }

  /** All coordinates of {@code axis}, in a new array. */
  public double[] coordinates(int axis) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(model.numNodes, "nodes")];
    readCoordinates(axis, 0, d.length, d, 0);
    return d;
  }

  /**
   * A zero-copy view of one axis, or empty (4-byte reals, unmapped file, ...). In the stored byte
   * order, live over in-place updates, readable after close: see <b>Views</b> in the class
   * documentation.
   */
  public Optional<DoubleBuffer> coordinateView(int axis) throws IOException {
    ensureOpen();
    Variable v = storedCoordinates(axis);
    return model.legacyCoord
        ? storage.viewDoubles(v, new long[] {axis, 0}, new long[] {1, model.numNodes})
        : storage.viewDoubles(v, new long[] {0}, new long[] {model.numNodes});
  }

  /** The variable of {@code axis}, checked to hold the mesh's coordinates. */
  private Variable storedCoordinates(int axis) throws ExodusFormatException {
    Variable v = coordVar(axis);
    realArray(v, model.legacyCoord ? 2 : 1);
    long stored = storage.shape(v)[v.rank() - 1];
    if (stored < model.numNodes) {
      // the C library's whole-array read fails here too (NC_EEDGE): the file's fault, not the range
      throw new ExodusFormatException(
          path.toString(),
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "holds " + stored + " coordinates of a mesh of " + model.numNodes + " nodes");
    }
    return v;
  }

  private Variable coordVar(int axis) {
    if (axis < 0 || axis >= model.numDim) {
      throw new IndexOutOfBoundsException("axis " + axis + " of a " + model.numDim + "-D mesh");
    }
    Variable v = model.coordVars[axis];
    if (v == null) {
      throw new IllegalStateException(path + ": coordinates of axis " + axis + " are not stored");
    }
    return v;
  }

  // ---- blocks --------------------------------------------------------------------------------

  /** True when the block's connectivity is stored (false for NULL blocks). */
  public boolean hasConnectivity(Block b) {
    ensureOpen();
    BlockVars bv = blockVars(b);
    return (b.topology() == Topology.NFACED ? bv.faceConn() : bv.conn()) != null;
  }

  /**
   * Reads connectivity. For fixed-size blocks {@code start} and {@code count} count entries
   * (elements, edges, faces) and each brings {@code nodesPerEntry} values; for NSIDED and NFACED
   * blocks they index the flat node (face) list. Values are the stored 1-based node indices
   * (NFACED: face indices).
   */
  public void readConnectivity(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Slab s = connSlab(b, start, count);
    storage.read(s.v, s.start, s.count, dst, off);
  }

  /** As {@link #readConnectivity(Block, long, long, long[], int)}, into ints (32-bit files). */
  public void readConnectivity(Block b, long start, long count, int[] dst, int off)
      throws IOException {
    ensureOpen();
    Slab s = connSlab(b, start, count);
    storage.read(s.v, s.start, s.count, dst, off);
  }

  /** The whole connectivity array of a block, in a new array. */
  public long[] connectivity(Block b) throws IOException {
    ensureOpen();
    long units = b.isPolytope() ? b.connectivityLength() : b.entryCount();
    long[] d = new long[toInt(b.connectivityLength(), "connectivity values")];
    if (d.length > 0) {
      readConnectivity(b, 0, units, d, 0);
    }
    return d;
  }

  /**
   * A zero-copy view of a block's 32-bit connectivity, or empty. In the stored byte order, live
   * over in-place updates, readable after close: see <b>Views</b> in the class documentation.
   */
  public Optional<IntBuffer> connectivityViewInts(Block b) throws IOException {
    ensureOpen();
    Slab s = connSlab(b, 0, b.isPolytope() ? b.connectivityLength() : b.entryCount());
    return storage.viewInts(s.v, s.start, s.count);
  }

  /**
   * A zero-copy view of a block's 64-bit connectivity, or empty. In the stored byte order, live
   * over in-place updates, readable after close: see <b>Views</b> in the class documentation.
   */
  public Optional<LongBuffer> connectivityViewLongs(Block b) throws IOException {
    ensureOpen();
    Slab s = connSlab(b, 0, b.isPolytope() ? b.connectivityLength() : b.entryCount());
    return storage.viewLongs(s.v, s.start, s.count);
  }

  /**
   * For NSIDED blocks the node count of each entry, for NFACED blocks the face count ({@code
   * ebepecnt}), entries {@code [start, start + count)}.
   */
  public void readEntityCounts(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = blockVars(b).epec();
    if (v == null) {
      throw new IllegalArgumentException(path + ": " + describe(b) + " has no per-entry counts");
    }
    integerArray(v, 1);
    holds(v, 0, b.entryCount(), "entries");
    storage.read(v, new long[] {start}, new long[] {count}, dst, off);
  }

  /** Element-to-edge connectivity of an element block, entries {@code [start, start + count)}. */
  public void readEdgeConnectivity(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = blockVars(b).edgeConn();
    if (v == null) {
      throw new IllegalArgumentException(path + ": " + describe(b) + " has no edge connectivity");
    }
    integerArray(v, 2);
    holds(v, 0, b.entryCount(), "entries");
    holds(v, 1, b.edgesPerEntry(), "edges per entry");
    storage.read(v, new long[] {start, 0}, new long[] {count, b.edgesPerEntry()}, dst, off);
  }

  /** Element-to-face connectivity of an element block (not NFACED), entries as above. */
  public void readFaceConnectivity(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = blockVars(b).faceConn();
    if (v == null || b.topology() == Topology.NFACED) {
      throw new IllegalArgumentException(path + ": " + describe(b) + " has no face connectivity");
    }
    integerArray(v, 2);
    holds(v, 0, b.entryCount(), "entries");
    holds(v, 1, b.facesPerEntry(), "faces per entry");
    storage.read(v, new long[] {start, 0}, new long[] {count, b.facesPerEntry()}, dst, off);
  }

  /** Attributes of entries {@code [start, start + count)}, entry-major. */
  public void readAttributes(Block b, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = blockVars(b).attrib();
    if (v == null || b.attributeCount() == 0) {
      throw new IllegalArgumentException(path + ": " + describe(b) + " has no attributes");
    }
    realArray(v, 2);
    readRows(
        v,
        0,
        b.entryCount(),
        new long[] {start, 0},
        new long[] {count, b.attributeCount()},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  private Slab connSlab(Block b, long start, long count) throws IOException {
    BlockVars bv = blockVars(b);
    Variable v = b.topology() == Topology.NFACED ? bv.faceConn() : bv.conn();
    if (v == null) {
      throw new IllegalArgumentException(path + ": " + describe(b) + " has no connectivity");
    }
    integerArray(v, v.rank() == 1 ? 1 : 2);
    if (v.rank() == 1) {
      holds(v, 0, b.connectivityLength(), "connectivity values");
      return new Slab(v, new long[] {start}, new long[] {count});
    }
    holds(v, 0, b.entryCount(), "entries");
    holds(v, 1, b.nodesPerEntry(), "nodes per entry");
    return new Slab(v, new long[] {start, 0}, new long[] {count, b.nodesPerEntry()});
  }

  /**
   * An integer array (connectivity, counts, set entries, an id map) is read as 64-bit signed
   * integers with the {@code rank} Exodus gives it; stored as a type that does not convert without
   * loss (uint64, a real: a damaged datatype) or with another rank (a damaged dataspace), it is the
   * file's fault, an {@link ExodusFormatException}, not the storage's caller-mistake {@link
   * IllegalArgumentException}.
   */
  private void integerArray(Variable v, int rank) throws ExodusFormatException {
    readableAs(v, rank, Conversions.Target.LONG, "an Exodus integer array");
  }

  /**
   * A real array (coordinates, attributes, distribution factors, times, variable values) is read as
   * doubles with the {@code rank} Exodus gives it; otherwise the file's fault, as for {@link
   * #integerArray}.
   */
  private void realArray(Variable v, int rank) throws ExodusFormatException {
    readableAs(v, rank, Conversions.Target.DOUBLE, "an Exodus real array");
  }

  private void readableAs(Variable v, int rank, Conversions.Target target, String what)
      throws ExodusFormatException {
    if (v == null) {
      return;
    }
    if (!Conversions.readable(v.type(), target)) {
      throw new ExodusFormatException(
          path.toString(),
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "stored as "
              + v.type().cdlName()
              + ", which does not convert to "
              + target.name().toLowerCase(Locale.ROOT)
              + " without loss: "
              + what
              + " cannot be");
    }
    if (v.rank() != rank) {
      throw new ExodusFormatException(
          path.toString(),
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "stored with "
              + v.rank()
              + (v.rank() == 1 ? " dimension" : " dimensions")
              + "; Exodus stores this array with "
              + rank);
    }
  }

  private BlockVars blockVars(Block b) {
    List<BlockVars> list = model.blockVars.get(b.type());
    if (b.index() < 0
        || b.index() >= list.size()
        || !same(model.blocks.get(b.type()).get(b.index()), b)) {
      throw new IllegalArgumentException(describe(b) + " does not belong to " + path);
    }
    return list.get(b.index());
  }

  /**
   * The file's own object (the usual case, no record equality: its first call spins method-handle
   * classes, a noticeable part of a short {@code exo info}), or an equal one.
   */
  private static boolean same(Object mine, Object given) {
    return mine == given || mine.equals(given);
  }

  private static String describe(Block b) {
    return b.type() + " " + b.id();
  }

  // ---- sets ----------------------------------------------------------------------------------

  /** Set entries {@code [start, start + count)}: nodes, elements (side sets), edges or faces. */
  public void readSetEntries(EntitySet s, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = setVars(s).entries();
    if (v == null) {
      checkEmpty(s, count, "entries");
      return;
    }
    integerArray(v, 1);
    holds(v, 0, s.entryCount(), "entries");
    storage.read(v, new long[] {start}, new long[] {count}, dst, off);
  }

  /** Side numbers (side sets) or orientations (edge and face sets). */
  public void readSetExtra(EntitySet s, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = setVars(s).extra();
    if (v == null) {
      if (!s.hasExtraList()) {
        throw new IllegalArgumentException(s.type() + " has no second list");
      }
      checkEmpty(s, count, "extra list");
      return;
    }
    integerArray(v, 1);
    holds(v, 0, s.entryCount(), "entries");
    storage.read(v, new long[] {start}, new long[] {count}, dst, off);
  }

  /**
   * Set attributes ({@code ex_get_attr} on a set) of entries {@code [start, start + count)},
   * entry-major: {@link EntitySet#attributeCount()} values per entry.
   *
   * @throws IllegalArgumentException when the set has no attributes
   */
  public void readSetAttributes(EntitySet s, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = setVars(s).attrib();
    if (v == null || s.attributeCount() == 0) {
      throw new IllegalArgumentException(
          path + ": " + s.type() + " " + s.id() + " has no attributes");
    }
    realArray(v, 2);
    readRows(
        v,
        0,
        s.entryCount(),
        new long[] {start, 0},
        new long[] {count, s.attributeCount()},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  /**
   * The names of the properties of a block or set kind, as {@code ex_get_prop_names} reports them:
   * the id property ("ID") first, then the others in stored order (a name stored twice is listed
   * twice); empty where the file has no objects of the kind.
   */
  public List<String> propertyNames(EntityType kind) {
    ensureOpen();
    return model.propertyNames.getOrDefault(kind, List.of());
  }

  /** The coordinate frames ({@code ex_get_coordinate_frames}); empty where the file has none. */
  public List<CoordinateFrame> coordinateFrames() {
    ensureOpen();
    return model.coordinateFrames;
  }

  /**
   * The distribution factor count of a set as the C library's {@code ex_get_set_param} reports it:
   * {@link EntitySet#distributionFactorCount()}, except 0 for an element, edge or face set whose
   * factors have no count dimension of their own ({@code num_df_els1}, ...), which is how libexodus
   * stores them (its {@code ex_get_set_dist_fact} still reads them). For dumps that must equal the
   * C library's.
   */
  public long distributionFactorCountAsCLibrary(EntitySet s) {
    ensureOpen();
    if (s.type() == EntityType.NODE_SET || s.type() == EntityType.SIDE_SET) {
      return s.distributionFactorCount();
    }
    String dim = ExodusNames.of(s.type()).dfDim() + (s.index() + 1);
    for (Dimension d : storage.dimensions()) {
      if (d.name().equals(dim)) return s.distributionFactorCount();
    }
    return 0;
  }

  /** Distribution factors {@code [start, start + count)}. */
  public void readDistributionFactors(EntitySet s, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = setVars(s).df();
    if (v == null) {
      throw new IllegalArgumentException(
          path + ": " + s.type() + " " + s.id() + " has no distribution factors");
    }
    realArray(v, 1);
    readRows(
        v,
        0,
        s.distributionFactorCount(),
        new long[] {start},
        new long[] {count},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  private void checkEmpty(EntitySet s, long count, String what) throws ExodusFormatException {
    if (count != 0 && s.entryCount() > 0) {
      // the set's count dimension is there, its list is not (a damaged or renamed variable)
      throw new ExodusFormatException(
          path.toString(),
          s.type() + " " + s.id(),
          ExodusFormatException.NO_OFFSET,
          "counts " + s.entryCount() + " entries but stores no " + what);
    }
    if (count != 0) {
      throw new IllegalArgumentException(
          path + ": " + s.type() + " " + s.id() + " stores no " + what);
    }
  }

  private SetVars setVars(EntitySet s) {
    List<SetVars> list = model.setVars.get(s.type());
    if (s.index() < 0
        || s.index() >= list.size()
        || !same(model.sets.get(s.type()).get(s.index()), s)) {
      throw new IllegalArgumentException(s.type() + " " + s.id() + " does not belong to " + path);
    }
    return list.get(s.index());
  }

  // ---- maps ----------------------------------------------------------------------------------

  /** True when the file stores the id map of NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP. */
  public boolean hasIdMap(EntityType mapType) {
    ensureOpen();
    return model.idMaps.get(requireMap(mapType)) != null;
  }

  /**
   * The id map ({@code node_num_map}, {@code elem_num_map}, ...) entries {@code [start, start +
   * count)}; the identity {@code start+1 ..} where the file stores none, as the C library reports.
   */
  public void readIdMap(EntityType mapType, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = model.idMaps.get(requireMap(mapType));
    integerArray(v, 1);
    long length = model.entityCount(mapType);
    if (v != null) {
      readRows(
          v,
          0,
          length,
          new long[] {start},
          new long[] {count},
          dst.length,
          off,
          new StorageRead(storage, v, dst, off));
      return;
    }
    if (start < 0 || count < 0 || start > length - count || off < 0 || count > dst.length - off) {
      throw new IndexOutOfBoundsException(
          mapType
              + " start="
              + start
              + " count="
              + count
              + " length="
              + length
              + " dst.length="
              + dst.length
              + " off="
              + off);
    }
    for (int i = 0; i < count; i++) {
      dst[off + i] = start + i + 1;
    }
  }

  /** A numbered map's values {@code [start, start + count)}. */
  public void readNumberedMap(NumberedMap m, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    Variable v = model.numberedMapVars.get(m.type()).get(m.index());
    if (v == null) {
      throw new IllegalArgumentException(path + ": " + m.type() + " " + m.id() + " is not stored");
    }
    readRows(
        v,
        0,
        m.length(),
        new long[] {start},
        new long[] {count},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  /** Entries of the nodes, elements, edges or faces a map of {@code mapType} numbers. */
  long entityCount(EntityType mapType) {
    return model.entityCount(mapType);
  }

  /** True when the file has the old element order map ({@code elem_map}). */
  public boolean hasElementOrderMap() {
    ensureOpen();
    return model.elemOrderMap != null;
  }

  /** The old element order map, entries {@code [start, start + count)}. */
  public void readElementOrderMap(long start, long count, long[] dst, int off) throws IOException {
    ensureOpen();
    if (model.elemOrderMap == null) {
      throw new IllegalStateException(path + " has no element order map");
    }
    Variable v = model.elemOrderMap;
    readRows(
        v,
        0,
        model.numElem,
        new long[] {start},
        new long[] {count},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  private static EntityType requireMap(EntityType t) {
    if (!t.isMap()) {
      throw new IllegalArgumentException(t + " is not a map type");
    }
    return t;
  }

  // ---- times ---------------------------------------------------------------------------------

  /** Time values of steps {@code [firstStep, firstStep + count)}. */
  public void readTimes(long firstStep, long count, double[] dst, int off) throws IOException {
    ensureOpen();
    if (model.timeVar == null) {
      if (count == 0) return;
      if (timeStepCount() > 0) {
        // steps counted (time_step) without their times: a damaged or renamed time_whole
        throw new ExodusFormatException(
            path.toString(),
            "time steps",
            ExodusFormatException.NO_OFFSET,
            "the file counts " + timeStepCount() + " steps but stores no time values (time_whole)");
      }
      throw new IllegalStateException(path + " stores no time values");
    }
    realArray(model.timeVar, 1);
    checkSteps(model.timeVar, firstStep, count);
    storage.read(model.timeVar, new long[] {firstStep}, new long[] {count}, dst, off);
  }

  /**
   * All time values, in a new array.
   *
   * @throws ExodusFormatException when the file counts more than a million steps beyond those it
   *     stores (a damaged count: the array would be sized by it); {@link #readTimes} reads ranges
   */
  public double[] times() throws IOException {
    ensureOpen();
    long steps = timeStepCount();
    long stored = timeStepsInFile();
    if (steps - stored > 1 << 20) {
      throw new ExodusFormatException(
          path.toString(),
          "time steps",
          ExodusFormatException.NO_OFFSET,
          "the file counts "
              + steps
              + " steps but stores only "
              + stored
              + ": times() does not allocate by that count (readTimes reads a range)");
    }
    double[] t = new double[toInt(steps, "time steps")];
    readTimes(0, t.length, t, 0);
    return t;
  }

  // ---- variables -----------------------------------------------------------------------------

  /** Names of the result variables of {@code kind} (GLOBAL, NODAL, a block or set type, ...). */
  public List<String> variableNames(EntityType kind) {
    ensureOpen();
    VarKind k = model.variables.get(kind);
    return k == null ? List.of() : k.names();
  }

  /** Names of the reduction variables of {@code kind}. */
  public List<String> reductionVariableNames(EntityType kind) {
    ensureOpen();
    VarKind k = model.reductionVariables.get(kind);
    return k == null ? List.of() : k.names();
  }

  /** Which variables of a block, set, assembly or blob kind exist on which objects. */
  public TruthTable truthTable(EntityType kind) {
    ensureOpen();
    VarKind k = model.variablesOf(kind);
    if (k.table() == null) {
      throw new IllegalArgumentException(kind + " variables have no truth table");
    }
    return k.table();
  }

  /** Values of all global variables at {@code step}. */
  public void readGlobalVariables(long step, double[] dst, int off) throws IOException {
    ensureOpen();
    VarKind k = model.variablesOf(EntityType.GLOBAL);
    Variable v = globalValues(k);
    checkSteps(v, step, 1);
    storage.read(v, new long[] {step, 0}, new long[] {1, k.count()}, dst, off);
  }

  /** Global variable {@code var} over steps {@code [firstStep, firstStep + count)}. */
  public void readGlobalVariableHistory(int var, long firstStep, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    VarKind k = model.variablesOf(EntityType.GLOBAL);
    k.checkVariable(var);
    Variable v = globalValues(k);
    checkSteps(v, firstStep, count);
    storage.read(v, new long[] {firstStep, var}, new long[] {count, 1}, dst, off);
  }

  /**
   * The packed global variable, checked as a real array of two dimensions holding every global
   * variable: a format error where names are counted without it.
   */
  private Variable globalValues(VarKind k) throws ExodusFormatException {
    Variable v = k.values()[0][0];
    if (v == null && !k.names().isEmpty()) {
      throw new ExodusFormatException(
          path.toString(),
          "global variables " + k.names(),
          ExodusFormatException.NO_OFFSET,
          "named but not stored (vals_glo_var)");
    }
    if (v == null) {
      throw new IllegalStateException(path + " stores no global variables");
    }
    realArray(v, 2);
    holds(v, 1, k.count(), "global variables");
    return v;
  }

  /** Nodal variable {@code var} at {@code step}, nodes {@code [start, start + count)}. */
  public void readNodalVariable(int var, long step, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Slab s = nodalSlab(var, step, start, count, 1);
    readRows(
        s.v,
        s.start.length - 1,
        model.numNodes,
        s.start,
        s.count,
        dst.length,
        off,
        new StorageRead(storage, s.v, dst, off));
  }

  /** Nodal variable {@code var} at {@code step}, all nodes, in a new array. */
  public double[] nodalVariable(int var, long step) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(model.numNodes, "nodes")];
    readNodalVariable(var, step, 0, d.length, d, 0);
    return d;
  }

  /**
   * A zero-copy view of a nodal variable at one step, or empty (also where the file stores the
   * variable short, see {@link #defects()}). In the stored byte order, live over in-place updates,
   * readable after close: see <b>Views</b> in the class documentation.
   */
  public Optional<DoubleBuffer> nodalVariableView(int var, long step) throws IOException {
    ensureOpen();
    Slab s = nodalSlab(var, step, 0, model.numNodes, 1);
    if (model.shortArrays.containsKey(s.v)) {
      return Optional.empty(); // stored short (see defects()): read into a buffer instead
    }
    return storage.viewDoubles(s.v, s.start, s.count);
  }

  /** One node's values of {@code var} over steps {@code [firstStep, firstStep + count)}. */
  public void readNodalVariableHistory(
      int var, long node, long firstStep, long count, double[] dst, int off) throws IOException {
    ensureOpen();
    Slab s = nodalSlab(var, firstStep, node, 1, count);
    readRows(
        s.v,
        s.start.length - 1,
        model.numNodes,
        s.start,
        s.count,
        dst.length,
        off,
        new StorageRead(storage, s.v, dst, off));
  }

  /** {@link #nodalSlab} for methods without IOException: a variable not stored is a state. */
  private Slab nodalSlabUnchecked(int var, long step, long start, long count, long steps) {
    try {
      return nodalSlab(var, step, start, count, steps);
    } catch (ExodusFormatException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Slab nodalSlab(int var, long step, long start, long count, long steps)
      throws ExodusFormatException {
    VarKind k = model.variablesOf(EntityType.NODAL);
    k.checkVariable(var);
    checkSteps(step, steps);
    if (k.legacyPacked()) {
      realArray(k.values()[0][0], 3);
      checkSteps(k.values()[0][0], step, steps);
      return new Slab(
          k.values()[0][0], new long[] {step, var, start}, new long[] {steps, 1, count});
    }
    Variable v = k.values()[0][var];
    if (v == null) {
      // named (name_nod_var) but without its values: a damaged or renamed variable
      throw new ExodusFormatException(
          path.toString(),
          "nodal variable " + var + " (" + k.names().get(var) + ")",
          ExodusFormatException.NO_OFFSET,
          "named but not stored");
    }
    realArray(v, 2);
    checkSteps(v, step, steps);
    return new Slab(v, new long[] {step, start}, new long[] {steps, count});
  }

  /** True when variable {@code var} of {@code kind} is stored on the object with {@code id}. */
  public boolean hasVariable(EntityType kind, int var, long objectId) {
    ensureOpen();
    VarKind k = model.variablesOf(kind);
    int o = k.objectIndex(objectId, path);
    return var >= 0 && var < k.count() && k.values()[o][var] != null;
  }

  /**
   * Variable {@code var} of a block, set, assembly or blob kind, on the object with {@code
   * objectId}, at {@code step}, entries {@code [start, start + count)}.
   */
  public void readVariable(
      EntityType kind,
      int var,
      long objectId,
      long step,
      long start,
      long count,
      double[] dst,
      int off)
      throws IOException {
    ensureOpen();
    Variable v = objectVar(kind, var, objectId);
    realArray(v, 2);
    checkSteps(v, step, 1);
    readRows(
        v,
        1,
        model.shortArrays.isEmpty() ? 0 : objectEntries(kind, objectId),
        new long[] {step, start},
        new long[] {1, count},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  /**
   * Variable {@code var} of a block, set, assembly or blob kind on the object with {@code objectId}
   * at {@code step}, all entries, in a new array.
   */
  public double[] variable(EntityType kind, int var, long objectId, long step) throws IOException {
    ensureOpen();
    objectVar(kind, var, objectId);
    double[] d = new double[toInt(objectEntries(kind, objectId), "entries")];
    readVariable(kind, var, objectId, step, 0, d.length, d, 0);
    return d;
  }

  /**
   * A zero-copy view of an object variable at one step, or empty (also where the file stores the
   * variable short, see {@link #defects()}). In the stored byte order, live over in-place updates,
   * readable after close: see <b>Views</b> in the class documentation.
   */
  public Optional<DoubleBuffer> variableView(EntityType kind, int var, long objectId, long step)
      throws IOException {
    ensureOpen();
    Variable v = objectVar(kind, var, objectId);
    realArray(v, 2);
    checkSteps(v, step, 1);
    if (model.shortArrays.containsKey(v)) {
      return Optional.empty(); // stored short (see defects()): read into a buffer instead
    }
    return storage.viewDoubles(v, new long[] {step, 0}, new long[] {1, storage.shape(v)[1]});
  }

  /** One entry's values over steps {@code [firstStep, firstStep + count)}. */
  public void readVariableHistory(
      EntityType kind,
      int var,
      long objectId,
      long entry,
      long firstStep,
      long count,
      double[] dst,
      int off)
      throws IOException {
    ensureOpen();
    Variable v = objectVar(kind, var, objectId);
    realArray(v, 2);
    checkSteps(v, firstStep, count);
    readRows(
        v,
        1,
        model.shortArrays.isEmpty() ? 0 : objectEntries(kind, objectId),
        new long[] {firstStep, entry},
        new long[] {count, 1},
        dst.length,
        off,
        new StorageRead(storage, v, dst, off));
  }

  /**
   * All global variables over steps {@code [firstStep, firstStep + stepCount)} in one read, step by
   * step: the values of {@code firstStep} (as {@link #readGlobalVariables}), then of the next step,
   * ... ({@code stepCount} times the number of global variables).
   */
  public void readGlobalVariableSteps(long firstStep, long stepCount, double[] dst, int off)
      throws IOException {
    ensureOpen();
    VarKind k = model.variablesOf(EntityType.GLOBAL);
    Variable v = globalValues(k);
    checkSteps(v, firstStep, stepCount);
    checkRoom(stepCount, k.count(), dst.length, off);
    storage.read(v, new long[] {firstStep, 0}, new long[] {stepCount, k.count()}, dst, off);
  }

  /**
   * Nodal variable {@code var} over steps {@code [firstStep, firstStep + stepCount)}, all nodes, in
   * one read (as the C library's {@code ex_get_var_multi_time}), step by step: the nodes of {@code
   * firstStep} (as {@link #readNodalVariable}), then of the next step, ... Where the file stores
   * the variable short (see {@link #defects()}) each step's missing nodes are left untouched.
   */
  public void readNodalVariableSteps(int var, long firstStep, long stepCount, double[] dst, int off)
      throws IOException {
    ensureOpen();
    Slab s = nodalSlab(var, firstStep, 0, model.numNodes, stepCount);
    long n = model.numNodes;
    checkRoom(stepCount, n, dst.length, off);
    if (model.shortArrays.isEmpty() || !model.shortArrays.containsKey(s.v)) {
      storage.read(s.v, s.start, s.count, dst, off);
      return;
    }
    for (long i = 0; i < stepCount; i++) {
      readNodalVariable(var, firstStep + i, 0, n, dst, off + (int) (i * n));
    }
  }

  /**
   * Variable {@code var} of a block, set, assembly or blob kind on the object with {@code
   * objectId}, over steps {@code [firstStep, firstStep + stepCount)}, all entries, in one read (as
   * the C library's {@code ex_get_var_multi_time}), step by step: the entries at {@code firstStep}
   * (as {@link #readVariable}), then at the next step, ... Where the file stores the variable short
   * (see {@link #defects()}) each step's missing entries are left untouched.
   */
  public void readVariableSteps(
      EntityType kind,
      int var,
      long objectId,
      long firstStep,
      long stepCount,
      double[] dst,
      int off)
      throws IOException {
    ensureOpen();
    Variable v = objectVar(kind, var, objectId);
    realArray(v, 2);
    checkSteps(v, firstStep, stepCount);
    long n = objectEntries(kind, objectId);
    checkRoom(stepCount, n, dst.length, off);
    if (model.shortArrays.isEmpty() || !model.shortArrays.containsKey(v)) {
      storage.read(v, new long[] {firstStep, 0}, new long[] {stepCount, n}, dst, off);
      return;
    }
    for (long i = 0; i < stepCount; i++) {
      readVariable(kind, var, objectId, firstStep + i, 0, n, dst, off + (int) (i * n));
    }
  }

  /** Refuses a read of {@code steps} rows of {@code n} values that dst cannot hold from off. */
  private void checkRoom(long steps, long n, int dstLength, int off) {
    if (off < 0 || off > dstLength || n > 0 && steps > (dstLength - off) / n) {
      throw new IndexOutOfBoundsException(
          path
              + ": "
              + steps
              + " steps of "
              + n
              + " values into dst.length="
              + dstLength
              + " off="
              + off);
    }
  }

  /**
   * True when the object of {@code kind} with {@code objectId} stores reduction variables (the C
   * library's {@code ex_get_reduction_vars} finds values for it); false for an object without them
   * or a kind without reduction variables.
   */
  public boolean hasReductionVariables(EntityType kind, long objectId) {
    ensureOpen();
    VarKind k = model.reductionVariables.get(kind);
    if (k == null) {
      return false;
    }
    int o = k.objectIds().indexOf(objectId);
    return o >= 0 && k.values()[o][0] != null;
  }

  /** All reduction variables of the object with {@code objectId} at {@code step}. */
  public void readReductionVariables(
      EntityType kind, long objectId, long step, double[] dst, int off) throws IOException {
    ensureOpen();
    VarKind k = model.reductionVariables.get(kind);
    if (k == null) {
      throw new IllegalArgumentException(kind + " has no reduction variables");
    }
    Variable v = k.values()[k.objectIndex(objectId, path)][0];
    if (v == null) {
      throw new IllegalArgumentException(
          path + ": " + kind + " " + objectId + " stores no reduction variables");
    }
    realArray(v, 2);
    checkSteps(v, step, 1);
    storage.read(v, new long[] {step, 0}, new long[] {1, k.count()}, dst, off);
  }

  private Variable objectVar(EntityType kind, int var, long objectId) {
    VarKind k = model.variablesOf(kind);
    k.checkVariable(var);
    Variable v = k.values()[k.objectIndex(objectId, path)][var];
    if (v == null) {
      throw new IllegalArgumentException(
          path
              + ": "
              + kind
              + " variable "
              + var
              + " ("
              + k.names().get(var)
              + ") is not stored on object "
              + objectId
              + " (see truthTable)");
    }
    return v;
  }

  // ---- unwritten entries -----------------------------------------------------------------------

  /**
   * The ranges of entries of a variable at one step that hold the fill value, that is, were never
   * written (in files written with fill on, as {@link ExodusUpdater} and netCDF-C's default do).
   * Each range is {start, count}. Streams in chunks: memory O(chunk), whatever the variable's size.
   *
   * @param kind NODAL, or a block or set kind
   * @param objectId the block or set id (ignored for NODAL)
   */
  public List<long[]> unwrittenRanges(EntityType kind, int var, long objectId, long step)
      throws IOException {
    ensureOpen();
    Variable v;
    long length;
    if (kind == EntityType.NODAL) {
      Slab s = nodalSlab(var, step, 0, 0, 1);
      v = s.v;
      length = model.numNodes;
    } else {
      v = objectVar(kind, var, objectId);
      realArray(v, 2);
      length = storage.shape(v)[1];
    }
    double fill = fillValue(v);
    List<long[]> out = new java.util.ArrayList<>();
    double[] buf = new double[(int) Math.min(length, 1 << 16)];
    long runStart = -1;
    for (long first = 0; first < length; first += buf.length) {
      int n = (int) Math.min(buf.length, length - first);
      if (kind == EntityType.NODAL) {
        readNodalVariable(var, step, first, n, buf, 0);
      } else {
        readVariable(kind, var, objectId, step, first, n, buf, 0);
      }
      for (int i = 0; i < n; i++) {
        boolean unwritten = buf[i] == fill || (Double.isNaN(fill) && Double.isNaN(buf[i]));
        if (unwritten && runStart < 0) {
          runStart = first + i;
        } else if (!unwritten && runStart >= 0) {
          out.add(new long[] {runStart, first + i - runStart});
          runStart = -1;
        }
      }
    }
    if (runStart >= 0) {
      out.add(new long[] {runStart, length - runStart});
    }
    return out;
  }

  private static double fillValue(Variable v) {
    Optional<org.exodusj.internal.storage.Attribute> fv = v.attribute("_FillValue");
    if (fv.isPresent() && !fv.get().isText() && fv.get().length() == 1) {
      return fv.get().doubleValue(0);
    }
    long bits = v.type().defaultFillBits();
    return switch (v.type()) {
      case FLOAT -> Float.intBitsToFloat((int) bits);
      case DOUBLE -> Double.longBitsToDouble(bits);
      default -> bits;
    };
  }

  // ---- streaming -----------------------------------------------------------------------------

  /**
   * Streams nodal variable {@code var} over steps {@code [firstStep, firstStep + stepCount)}, each
   * step in chunks of at most {@code chunkLength} nodes, reusing one buffer.
   *
   * @throws IndexOutOfBoundsException when the step range does not lie in {@code [0,
   *     timeStepCount())}: checked here, before any chunk is delivered
   */
  public ValueChunks nodalVariableChunks(int var, long firstStep, long stepCount, int chunkLength) {
    ensureOpen();
    nodalSlabUnchecked(var, 0, 0, 0, 0);
    checkSteps(firstStep, stepCount);
    return new ValueChunks(
        (step, start, count, dst) -> readNodalVariable(var, step, start, count, dst, 0),
        firstStep,
        stepCount,
        model.numNodes,
        chunkLength);
  }

  /**
   * As {@link #nodalVariableChunks(int, long, long, int)} with the chunk length of the settings
   * ({@link ChunkCacheSettings#iteratorValues()}).
   */
  public ValueChunks nodalVariableChunks(int var, long firstStep, long stepCount) {
    ensureOpen();
    return nodalVariableChunks(var, firstStep, stepCount, settings.iteratorValues());
  }

  /**
   * Streams variable {@code var} of a block, set, assembly or blob kind on the object with {@code
   * objectId} over steps {@code [firstStep, firstStep + stepCount)}, each step in chunks of at most
   * {@code chunkLength} entries, reusing one buffer.
   *
   * @throws IndexOutOfBoundsException when the step range does not lie in {@code [0,
   *     timeStepCount())}: checked here, before any chunk is delivered
   */
  public ValueChunks variableChunks(
      EntityType kind, int var, long objectId, long firstStep, long stepCount, int chunkLength) {
    ensureOpen();
    objectVar(kind, var, objectId);
    checkSteps(firstStep, stepCount);
    return new ValueChunks(
        (step, start, count, dst) -> readVariable(kind, var, objectId, step, start, count, dst, 0),
        firstStep,
        stepCount,
        objectEntries(kind, objectId),
        chunkLength);
  }

  /**
   * As {@link #variableChunks(EntityType, int, long, long, long, int)} with the chunk length of the
   * settings ({@link ChunkCacheSettings#iteratorValues()}).
   */
  public ValueChunks variableChunks(
      EntityType kind, int var, long objectId, long firstStep, long stepCount) {
    ensureOpen();
    return variableChunks(kind, var, objectId, firstStep, stepCount, settings.iteratorValues());
  }

  /**
   * The entries of variable {@code var} that the file stores at each step: the nodes (NODAL) or the
   * entries of the object with {@code objectId} for a sound file; fewer where the file stores the
   * array short, a defect listed in {@link #defects()}. Reads past the stored entries leave the
   * caller's range untouched; the C library's {@code ex_get_var} refuses such a read.
   *
   * @param kind NODAL, or a block, set, assembly or blob kind
   * @param objectId the object's id (ignored for NODAL)
   * @throws IllegalStateException where the file stores the variable with another rank or type than
   *     Exodus gives it (a damaged file; a read of it is an {@link ExodusFormatException})
   */
  public long storedEntries(EntityType kind, int var, long objectId) {
    ensureOpen();
    if (kind == EntityType.NODAL) {
      Slab s = nodalSlabUnchecked(var, 0, 0, 0, 1);
      return Math.min(model.numNodes, storage.shape(s.v)[s.start.length - 1]);
    }
    Variable v = objectVar(kind, var, objectId);
    try {
      realArray(v, 2);
    } catch (ExodusFormatException e) {
      throw new IllegalStateException(e.getMessage(), e); // as the nodal variables' check
    }
    return Math.min(objectEntries(kind, objectId), storage.shape(v)[1]);
  }

  /**
   * {@link #checkSteps(long, long)}, then that {@code v}, a per-step array whose first axis is the
   * steps, stores them: one that is not a record variable may store fewer than the file counts.
   */
  private void checkSteps(Variable v, long firstStep, long stepCount) throws ExodusFormatException {
    checkSteps(firstStep, stepCount);
    if (!v.isRecord() && v.rank() > 0) {
      holds(v, 0, firstStep + stepCount, "steps");
    }
  }

  /**
   * The file's fault, not the caller's range: {@code v} stores fewer than {@code needed} entries
   * along {@code axis}, where the file counts at least that many (the C library's read fails there
   * too).
   */
  private void holds(Variable v, int axis, long needed, String what) throws ExodusFormatException {
    long stored = storage.shape(v)[axis];
    if (stored < needed) {
      throw new ExodusFormatException(
          path.toString(),
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "stores "
              + stored
              + " "
              + what
              + " along "
              + v.dimensions().get(axis).name()
              + " where the file has "
              + needed);
    }
  }

  /**
   * The one check of a step range, for every read that takes steps: the message names the file and
   * the file's step count (the storage's own check names only the variable).
   */
  private void checkSteps(long firstStep, long stepCount) {
    long steps = model.timeSteps();
    if (firstStep < 0 || stepCount < 0 || firstStep > steps - stepCount) {
      throw new IndexOutOfBoundsException(
          path
              + ": steps firstStep="
              + firstStep
              + " stepCount="
              + stepCount
              + " outside the "
              + steps
              + " time steps of the file");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void requireBlock(EntityType t) {
    if (!t.isBlock()) {
      throw new IllegalArgumentException(t + " is not a block type");
    }
  }

  private int toInt(long n, String what) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          path + ": " + n + " " + what + " do not fit one array; read in ranges");
    }
    return (int) n;
  }

  private record Slab(Variable v, long[] start, long[] count) {}

  /** One slab read of a variable into the caller's array. */
  @FunctionalInterface
  private interface SlabRead {
    void read(long[] start, long[] count) throws IOException;
  }

  /**
   * The slab read of {@code v} into {@code dst} (a {@code double[]} or {@code long[]}) at {@code
   * off}. A class, not a lambda per method: the first lambda call site of a process costs a few
   * milliseconds of a short command's start (docs/benchmarks.md, "Start-up of exo").
   */
  private static final class StorageRead implements SlabRead {
    private final Storage storage;
    private final Variable v;
    private final Object dst;
    private final int off;

    StorageRead(Storage storage, Variable v, Object dst, int off) {
      this.storage = storage;
      this.v = v;
      this.dst = dst;
      this.off = off;
    }

    @Override
    public void read(long[] start, long[] count) throws IOException {
      if (dst instanceof double[] d) {
        storage.read(v, start, count, d, off);
      } else {
        storage.read(v, start, count, (long[]) dst, off);
      }
    }
  }

  /**
   * Reads a slab of a per-entity array that the model says has {@code expected} entries along
   * {@code axis}, of which the file may store fewer (a defect listed at open; arrays stored in full
   * are read as they are, the storage checking the range). As the C library's {@code ex_get_attr}:
   * the stored entries of a short array are read and the rest of the caller's range is left
   * untouched; its range is checked against {@code expected}, not the stored length. Every other
   * axis of the slab has count 1 or covers the whole axis, so the stored part fills a prefix of the
   * destination.
   */
  private void readRows(
      Variable v,
      int axis,
      long expected,
      long[] start,
      long[] count,
      int dstLength,
      int off,
      SlabRead read)
      throws IOException {
    Long storedShort = model.shortArrays.isEmpty() ? null : model.shortArrays.get(v);
    if (storedShort == null) {
      read.read(start, count); // stored in full: the storage checks the range
      return;
    }
    long stored = storedShort;
    long first = start[axis];
    long n = count[axis];
    if (first < 0 || n < 0 || first > expected - n) {
      throw new IndexOutOfBoundsException(
          path + ": " + v.name() + " start=" + first + " count=" + n + " length=" + expected);
    }
    if (first + n <= stored) {
      read.read(start, count);
      return;
    }
    long total = 1;
    for (long c : count) total *= c;
    if (off < 0 || total > dstLength - (long) off) {
      throw new IndexOutOfBoundsException(
          path
              + ": "
              + v.name()
              + " read of "
              + total
              + " values into dst.length="
              + dstLength
              + " off="
              + off);
    }
    long keep = Math.max(0, stored - first);
    if (keep > 0) {
      long[] c = count.clone();
      c[axis] = keep;
      read.read(start, c);
    }
  }

  /** The entries of the object {@code objectId} of a block or set kind, as the model says. */
  private long objectEntries(EntityType kind, long objectId) {
    if (kind.isBlock()) {
      return block(kind, objectId).entryCount();
    }
    if (kind.isSet()) {
      return set(kind, objectId).entryCount();
    }
    VarKind k = model.variablesOf(kind);
    long n = 0;
    for (Variable x : k.values()[k.objectIndex(objectId, path)]) {
      if (x != null) {
        n = Math.max(n, storage.shape(x)[1]);
      }
    }
    return n; // assemblies and blobs: the stored length
  }

  /**
   * Closes the file. Every method of this file called afterwards, except {@code close()} and {@code
   * toString()}, throws {@link IllegalStateException} ("FILE is closed"); closing twice does
   * nothing. Views handed out before ({@link #coordinateView}, {@link #nodalVariableView}, ...)
   * stay readable: the memory maps behind them are released by the garbage collector, not here.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    storage.close();
  }

  /** Refuses a call on a closed file. */
  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(path + " is closed");
    }
  }

  @Override
  public String toString() {
    return "ExodusFile[" + path + "]";
  }

  // ---- convenience: names, histories, ids, side sets (exodus.py parity; see docs/exodus-py.md)
  // ---

  private final java.util.Map<EntityType, IdMap> idMapCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The index of the variable of {@code kind} called {@code name} (exact match).
   *
   * @throws java.util.NoSuchElementException naming the file, the kind, the name and the names
   *     present
   */
  public int variableIndex(EntityType kind, String name) {
    ensureOpen();
    return FileReads.variableIndex(this, kind, name);
  }

  /** Nodal variable {@code name} at {@code step}, all nodes, in a new array. */
  public double[] nodalVariable(String name, long step) throws IOException {
    ensureOpen();
    return nodalVariable(variableIndex(EntityType.NODAL, name), step);
  }

  /**
   * Nodal variable {@code name} of node {@code node} (0-based index) at every step.
   *
   * @deprecated the name does not say whether the number is an index or an id, and {@link
   *     ExodusFileSet#nodalVariableHistory} takes an id: use {@link #nodalVariableHistoryByIndex}
   *     (the same call) or {@link #nodalVariableHistoryById}
   */
  @Deprecated(since = "0.1.0")
  public double[] nodalVariableHistory(String name, long node) throws IOException {
    return nodalVariableHistoryByIndex(name, node);
  }

  /**
   * Nodal variable {@code name} of the node with 0-based index {@code node} at every step.
   *
   * @throws IndexOutOfBoundsException where {@code node} is not below {@link #nodeCount()}
   */
  public double[] nodalVariableHistoryByIndex(String name, long node) throws IOException {
    ensureOpen();
    return FileReads.nodalVariableHistory(this, name, node);
  }

  /**
   * Nodal variable {@code name} of the node with id {@code nodeId} (the node id map; {@code index +
   * 1} where the file has none) at every step: the same history {@link
   * ExodusFileSet#nodalVariableHistoryById} gives for that id on a decomposed set.
   *
   * @throws java.util.NoSuchElementException naming the file and the id where no node has it
   */
  public double[] nodalVariableHistoryById(String name, long nodeId) throws IOException {
    ensureOpen();
    variableIndex(EntityType.NODAL, name);
    return FileReads.nodalVariableHistory(this, name, nodeIndex(nodeId));
  }

  /**
   * Element variable {@code name} of global element {@code element} (0-based index) at every step.
   *
   * @deprecated the name does not say whether the number is an index or an id, and {@link
   *     ExodusFileSet#elementVariableHistory} takes an id: use {@link
   *     #elementVariableHistoryByIndex} (the same call) or {@link #elementVariableHistoryById}
   */
  @Deprecated(since = "0.1.0")
  public double[] elementVariableHistory(String name, long element) throws IOException {
    return elementVariableHistoryByIndex(name, element);
  }

  /**
   * Element variable {@code name} of global element {@code element} (0-based index, counting
   * through the element blocks in file order, as {@code ex_get_var_time} does) at every step.
   *
   * @throws IllegalArgumentException where the element's block does not store the variable (see
   *     {@link #truthTable})
   */
  public double[] elementVariableHistoryByIndex(String name, long element) throws IOException {
    ensureOpen();
    return FileReads.elementVariableHistory(this, name, element);
  }

  /**
   * Element variable {@code name} of the element with id {@code elementId} (the element id map;
   * {@code index + 1} where the file has none) at every step: the same history {@link
   * ExodusFileSet#elementVariableHistoryById} gives for that id on a decomposed set.
   *
   * @throws java.util.NoSuchElementException naming the file and the id where no element has it
   * @throws IllegalArgumentException where the element's block does not store the variable
   */
  public double[] elementVariableHistoryById(String name, long elementId) throws IOException {
    ensureOpen();
    variableIndex(EntityType.ELEM_BLOCK, name);
    return FileReads.elementVariableHistory(this, name, elementIndex(elementId));
  }

  /**
   * Variable {@code name} of {@code kind} at {@code step}, in a new array: for a block, set,
   * assembly or blob kind all entries of the object with {@code objectId}; for NODAL all nodes and
   * for GLOBAL the one value ({@code objectId} ignored).
   */
  public double[] variable(EntityType kind, String name, long objectId, long step)
      throws IOException {
    ensureOpen();
    return FileReads.variable(this, kind, name, objectId, step);
  }

  /**
   * Variable {@code name} of {@code kind} on entry {@code entry} (0-based) of the object with
   * {@code objectId} at every step; for NODAL {@code entry} is the node and for GLOBAL both are
   * ignored.
   */
  public double[] variableHistory(EntityType kind, String name, long objectId, long entry)
      throws IOException {
    ensureOpen();
    return FileReads.variableHistory(this, kind, name, objectId, entry);
  }

  /** All global variables at {@code step}, in a new array. */
  public double[] globalVariables(long step) throws IOException {
    ensureOpen();
    return FileReads.globalVariables(this, step);
  }

  /** Global variable {@code name} at every step. */
  public double[] globalVariableHistory(String name) throws IOException {
    ensureOpen();
    return FileReads.globalVariableHistory(this, name);
  }

  /**
   * The coordinates as three arrays x, y, z whatever the mesh's dimension: the axes a 1-D or 2-D
   * mesh does not store are zeros (as exodus.py's {@code get_coords} and meshio give them).
   */
  public double[][] coordinates() throws IOException {
    ensureOpen();
    return FileReads.coordinates(this);
  }

  /**
   * One axis (0, 1 or 2) as a read-only buffer: a zero-copy view where the file allows one, else a
   * copy; zeros for an axis the mesh does not have. Use {@link #coordinateView} to know which.
   */
  public DoubleBuffer coordinateBuffer(int axis) throws IOException {
    ensureOpen();
    return FileReads.coordinateBuffer(this, axis);
  }

  /** Nodal variable {@code name} at {@code step} as a read-only buffer: a view, else a copy. */
  public DoubleBuffer nodalVariableBuffer(String name, long step) throws IOException {
    ensureOpen();
    return FileReads.nodalVariableBuffer(this, name, step);
  }

  /** An object variable at {@code step} as a read-only buffer: a view, else a copy. */
  public DoubleBuffer variableBuffer(EntityType kind, String name, long objectId, long step)
      throws IOException {
    ensureOpen();
    return FileReads.variableBuffer(this, kind, name, objectId, step);
  }

  /**
   * Ids to indices and back for NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP, built on first use and
   * kept (see {@link IdMap} for its memory).
   */
  public IdMap idMap(EntityType mapType) throws IOException {
    ensureOpen();
    IdMap m = idMapCache.get(requireMap(mapType));
    if (m == null) {
      m = IdMap.build(this, mapType, model.entityCount(mapType));
      IdMap prior = idMapCache.putIfAbsent(mapType, m);
      if (prior != null) m = prior;
    }
    return m;
  }

  /** The 0-based index of the node with id {@code nodeId} (the node id map). */
  public long nodeIndex(long nodeId) throws IOException {
    ensureOpen();
    return idMap(EntityType.NODE_MAP).index(nodeId);
  }

  /** The id of the node with 0-based index {@code node}. */
  public long nodeId(long node) throws IOException {
    ensureOpen();
    return idMap(EntityType.NODE_MAP).id(node);
  }

  /** The 0-based global index of the element with id {@code elementId} (the element id map). */
  public long elementIndex(long elementId) throws IOException {
    ensureOpen();
    return idMap(EntityType.ELEM_MAP).index(elementId);
  }

  /** The id of the element with 0-based global index {@code element}. */
  public long elementId(long element) throws IOException {
    ensureOpen();
    return idMap(EntityType.ELEM_MAP).id(element);
  }

  /** The block and entry of global element {@code element} (0-based, blocks in file order). */
  public ElementLocation elementLocation(long element) {
    ensureOpen();
    return FileReads.elementLocation(this, element);
  }

  /**
   * The nodes of each side of side set {@code sideSetId}, as {@code ex_get_side_set_node_list}
   * lists them (see {@link SideSetNodes}). Reads the set and, in windows, the connectivity of the
   * elements it names.
   */
  public SideSetNodes sideSetNodes(long sideSetId) throws IOException {
    ensureOpen();
    return FileReads.sideSetNodes(this, sideSetId);
  }

  // ---- Nemesis (decomposed sets) --------------------------------------------------------------

  private volatile Optional<Nemesis> nemesis;

  /**
   * The Nemesis metadata of this file when it is one piece of a decomposed set (it has {@code
   * nem_ftype}); empty for an ordinary file, where the C library's {@code ex_get_init_info} fails.
   */
  public Optional<Nemesis> nemesis() throws IOException {
    ensureOpen();
    Optional<Nemesis> n = nemesis;
    if (n == null) {
      n = Optional.ofNullable(Nemesis.read(storage));
      nemesis = n;
    }
    return n;
  }

  /** The readable summary {@code exo info} prints: format, mesh, blocks, sets, steps, variables. */
  public String summary() throws IOException {
    ensureOpen();
    return InfoText.of(this);
  }
}
