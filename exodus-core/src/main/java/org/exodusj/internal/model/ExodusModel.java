package org.exodusj.internal.model;

import static org.exodusj.internal.model.ExodusNames.ATT_API_VERSION;
import static org.exodusj.internal.model.ExodusNames.ATT_ELEM_TYPE;
import static org.exodusj.internal.model.ExodusNames.ATT_ENTITY_NAME;
import static org.exodusj.internal.model.ExodusNames.ATT_FILE_SIZE;
import static org.exodusj.internal.model.ExodusNames.ATT_FLOATING_POINT_WORD_SIZE;
import static org.exodusj.internal.model.ExodusNames.ATT_ID;
import static org.exodusj.internal.model.ExodusNames.ATT_INT64_STATUS;
import static org.exodusj.internal.model.ExodusNames.ATT_MAXIMUM_NAME_LENGTH;
import static org.exodusj.internal.model.ExodusNames.ATT_NAME;
import static org.exodusj.internal.model.ExodusNames.ATT_TITLE;
import static org.exodusj.internal.model.ExodusNames.ATT_TYPE;
import static org.exodusj.internal.model.ExodusNames.ATT_VERSION;
import static org.exodusj.internal.model.ExodusNames.COORD_NAMES;
import static org.exodusj.internal.model.ExodusNames.COORD_PACKED;
import static org.exodusj.internal.model.ExodusNames.ELEM_ORDER_MAP;
import static org.exodusj.internal.model.ExodusNames.INFO_RECORDS;
import static org.exodusj.internal.model.ExodusNames.LEN_NAME;
import static org.exodusj.internal.model.ExodusNames.NAME_GLO_VAR;
import static org.exodusj.internal.model.ExodusNames.NAME_NOD_VAR;
import static org.exodusj.internal.model.ExodusNames.NODAL_ATTRIB;
import static org.exodusj.internal.model.ExodusNames.NODAL_ATTRIB_COUNT_DIM;
import static org.exodusj.internal.model.ExodusNames.NODAL_ATTRIB_NAMES;
import static org.exodusj.internal.model.ExodusNames.NUM_DIM;
import static org.exodusj.internal.model.ExodusNames.NUM_EDGE;
import static org.exodusj.internal.model.ExodusNames.NUM_ELEM;
import static org.exodusj.internal.model.ExodusNames.NUM_FACE;
import static org.exodusj.internal.model.ExodusNames.NUM_GLO_VAR;
import static org.exodusj.internal.model.ExodusNames.NUM_NODES;
import static org.exodusj.internal.model.ExodusNames.NUM_NOD_VAR;
import static org.exodusj.internal.model.ExodusNames.QA_RECORDS;
import static org.exodusj.internal.model.ExodusNames.TIME_STEP;
import static org.exodusj.internal.model.ExodusNames.TIME_WHOLE;
import static org.exodusj.internal.model.ExodusNames.VALS_GLO_VAR;
import static org.exodusj.internal.model.ExodusNames.VALS_NOD_VAR;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exodusj.Assembly;
import org.exodusj.Blob;
import org.exodusj.Block;
import org.exodusj.CoordinateFrame;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormatException;
import org.exodusj.FileInfo;
import org.exodusj.NumberedMap;
import org.exodusj.QaRecord;
import org.exodusj.Topology;
import org.exodusj.TruthTable;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.NameIndex;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;

/**
 * The Exodus meaning of a file in the netCDF data model: built once at open from any {@link
 * Storage}, immutable afterwards (the time-step count excepted, which follows the storage; QA and
 * info records, and in a model {@link #readLazily read lazily} the names and truth tables, are read
 * once, at the first call that asks for them). Every netCDF variable a read needs is looked up
 * here, once, so reads allocate nothing to find it.
 *
 * <p>Where the C library would refuse a file whose netCDF content is clear (a missing title, ids
 * that are missing), the model reads it and records the tolerated defect.
 */
public final class ExodusModel {
  private final Storage storage;

  /** Whether names are read when first asked for ({@link #readLazily}). */
  private final boolean lazy;

  private final List<String> defects = new ArrayList<>();

  /**
   * Per-entity arrays stored shorter than the model says (a defect), with their stored length along
   * the entity axis; empty for a sound file, so reads of sound arrays cost one check.
   */
  public final Map<Variable, Long> shortArrays = new java.util.IdentityHashMap<>();

  /**
   * Defects of one kind after the first: where the first sits in {@link #defects}, and the rest.
   */
  private final Map<String, Repeats> repeated = new LinkedHashMap<>();

  private static final class Repeats {
    final int index;
    final List<String> items = new ArrayList<>();

    Repeats(int index) {
      this.index = index;
    }
  }

  public final String title;
  public final FileInfo info;
  public final int numDim;
  public final long numNodes;
  public final long numElem;
  public final long numEdge;
  public final long numFace;

  /** Coordinate axes: one variable each, or the legacy packed coord with its row. */
  public final Variable[] coordVars;

  public final boolean legacyCoord;

  /** The coordinate names (read when first asked for in classic files, as QA and info records). */
  private final NameList coordNames;

  /** Nodal attributes ({@code nattrb(num_nodes, num_att_in_nblk)}), or null; and their names. */
  public final Variable nodalAttrib;

  private final NameList nodalAttribNames;

  public final Map<EntityType, List<Block>> blocks = new EnumMap<>(EntityType.class);
  public final Map<EntityType, List<EntitySet>> sets = new EnumMap<>(EntityType.class);

  /** Per block (same order as {@link #blocks}): its storage variables. */
  public final Map<EntityType, List<BlockVars>> blockVars = new EnumMap<>(EntityType.class);

  public final Map<EntityType, List<SetVars>> setVars = new EnumMap<>(EntityType.class);

  /** id maps by NODE_MAP, ELEM_MAP, EDGE_MAP, FACE_MAP: the variable, or null (identity). */
  public final Map<EntityType, Variable> idMaps = new EnumMap<>(EntityType.class);

  public final Variable elemOrderMap;
  public final Map<EntityType, List<NumberedMap>> numberedMaps = new EnumMap<>(EntityType.class);
  public final Map<EntityType, List<Variable>> numberedMapVars = new EnumMap<>(EntityType.class);

  /**
   * QA and info records, read when first asked for ({@link #qa()}, {@link #infoRecords()}) in
   * classic files: an open needs neither, and a MOOSE output carries a thousand info lines (its
   * input file). Their shape is checked at open, so a damaged count still fails the open and a
   * defect is still listed. NetCDF-4 files read them at open (a chunk may fail to decode).
   */
  private volatile List<QaRecord> qa;

  private volatile List<String> infoRecords;
  private final Variable qaVar;
  private final Variable infoVar;
  public final Variable timeVar;

  /** Result variables by kind (GLOBAL, NODAL, blocks, sets, ASSEMBLY, BLOB). */
  public final Map<EntityType, VarKind> variables = new EnumMap<>(EntityType.class);

  /** Reduction variables by kind: names and one storage variable per object. */
  public final Map<EntityType, VarKind> reductionVariables = new EnumMap<>(EntityType.class);

  /** Property names per block, set and map kind, as {@code ex_get_prop_names} lists them. */
  public final Map<EntityType, List<String>> propertyNames = new EnumMap<>(EntityType.class);

  /** Coordinate frames, empty when none. */
  public final List<CoordinateFrame> coordinateFrames;

  public final List<Assembly> assemblies;
  public final List<Variable> assemblyVars;
  public final List<Blob> blobs;

  /** Storage variables of one block. */
  public record BlockVars(
      Variable conn, Variable epec, Variable attrib, Variable edgeConn, Variable faceConn) {}

  /** Storage variables of one set. */
  public record SetVars(Variable entries, Variable extra, Variable df, Variable attrib) {}

  /**
   * Variables of one kind. Their names and truth table are made when first asked for: an open needs
   * only how many there are and where they are stored.
   */
  public static final class VarKind {
    private final EntityType type;
    private final NameList names;
    private final List<Long> objectIds;
    private final Variable[][] values;
    private final boolean[] present;
    private final boolean legacyPacked;
    private volatile TruthTable table;

    VarKind(
        EntityType type,
        NameList names,
        List<Long> objectIds,
        Variable[][] values,
        boolean[] present,
        boolean legacyPacked) {
      this.type = type;
      this.names = names;
      this.objectIds = objectIds;
      this.values = values;
      this.present = present;
      this.legacyPacked = legacyPacked;
    }

    public EntityType type() {
      return type;
    }

    /** Variable names, index order (read at the first call in classic files). */
    public List<String> names() {
      return names.get();
    }

    /** The number of variables. */
    public int count() {
      return names.size();
    }

    /**
     * Ids of the objects (blocks, sets, assemblies, blobs), empty for global and nodal; immutable.
     */
    public List<Long> objectIds() {
      return objectIds;
    }

    /**
     * [object][variable] storage variable, null where absent; for GLOBAL a single packed variable
     * at [0][0] (time_step, num_glo_var); for NODAL [0][v], or the legacy packed variable at [0][0]
     * when {@link #legacyPacked}.
     */
    public Variable[][] values() {
      return values;
    }

    /** The truth table (blocks, sets, assemblies, blobs), or null (global and nodal). */
    public TruthTable table() {
      TruthTable t = table;
      if (t == null && present != null) {
        t = new TruthTable(type, objectIds, names(), present);
        table = t;
      }
      return t;
    }

    public boolean legacyPacked() {
      return legacyPacked;
    }

    /** Throws unless {@code var} indexes one of this kind's variables. */
    public void checkVariable(int var) {
      if (var < 0 || var >= names.size()) {
        throw new IndexOutOfBoundsException(type + " variable " + var + " of " + names.size());
      }
    }

    /** Position of an object among this kind's objects; {@code file} names it in the error. */
    public int objectIndex(long id, Object file) {
      int i = objectIds.indexOf(id);
      if (i < 0) {
        throw new IllegalArgumentException(file + ": no " + type + " with id " + id);
      }
      return i;
    }
  }

  /**
   * {@code n} names of a char variable, read when first asked for in a classic file (whose bytes
   * always read) of a model {@link #readLazily read lazily}, else at open (a NetCDF-4 file's chunks
   * may fail to decode: the open fails, not a later call). Thread-safe; an I/O error at the first
   * call (a file cut short since the open) is an {@link java.io.UncheckedIOException} naming the
   * file and the variable.
   */
  final class NameList {
    private final Variable v;
    private final int n;
    private volatile List<String> list;

    NameList(Variable v, int n) throws IOException {
      this.v = v;
      this.n = n;
      if (!lazy || n == 0 || v == null || storage.fileFormat().holdsFilters() || !text(v)) {
        // not text: read now, so that the open fails naming the file, as an eager open does
        list = List.copyOf(names(v, n));
      }
    }

    int size() {
      return n;
    }

    List<String> get() {
      List<String> r = list;
      if (r == null) {
        synchronized (this) {
          r = list;
          if (r == null) {
            try {
              r = List.copyOf(names(v, n));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(
                  storage.name() + ": reading " + v.name() + ": " + e.getMessage(), e);
            }
            list = r;
          }
        }
      }
      return r;
    }
  }

  /** The coordinate names, one per dimension ("" where unnamed). */
  public List<String> coordNames() {
    return coordNames.get();
  }

  /** The names of the nodal attributes. */
  public List<String> nodalAttribNames() {
    return nodalAttribNames.get();
  }

  /** The result variables of a kind; an error where the file has none. */
  public VarKind variablesOf(EntityType kind) {
    VarKind k = variables.get(kind);
    if (k == null) {
      throw new IllegalArgumentException(kind + " has no variables");
    }
    return k;
  }

  /**
   * Reads the model of {@code storage}: a runtime exception raised by what the file holds (a
   * variable of a type the model cannot read, counts that contradict each other) is a format error
   * naming the file, as every other damage is.
   */
  public static ExodusModel read(Storage storage) throws IOException {
    return read(storage, false);
  }

  /**
   * {@link #read(Storage)}, leaving what an open does not need to the first call that asks for it
   * in a classic file: the names of variables, coordinates and nodal attributes, and the truth
   * tables built from them (as the QA and info records). For a reader whose storage stays open as
   * long as the model is asked ({@code ExodusFile}); a caller that keeps the model after closing
   * its storage (the updater) reads it whole with {@link #read(Storage)}.
   */
  public static ExodusModel readLazily(Storage storage) throws IOException {
    return read(storage, true);
  }

  @SuppressWarnings("try") // the read-ahead is held, not used, while the model is read
  private static ExodusModel read(Storage storage, boolean lazy) throws IOException {
    // the ids, names and tables read now lie together after a classic header: one read for them
    try (Storage.ReadAhead ahead = storage.readAhead()) {
      return new ExodusModel(storage, lazy);
    } catch (IllegalArgumentException
        | IllegalStateException
        | IndexOutOfBoundsException
        | ArithmeticException e) {
      throw new org.exodusj.ExodusFormatException(
          storage.name(),
          "Exodus model",
          org.exodusj.ExodusFormatException.NO_OFFSET,
          String.valueOf(e.getMessage()),
          e);
    }
  }

  public ExodusModel(Storage storage) throws IOException {
    this(storage, false);
  }

  private ExodusModel(Storage storage, boolean lazy) throws IOException {
    this.storage = storage;
    this.lazy = lazy;
    this.openVariables = storage.variables();
    this.openIndex = storage.variableIndex();
    defects.addAll(storage.defects());

    // Global attributes
    Optional<Attribute> titleAtt = globalAttribute(ATT_TITLE);
    if (titleAtt.isEmpty()) {
      defects.add("global attribute 'title' is missing (the C library refuses such a file)");
    }
    title = titleAtt.isPresent() && titleAtt.get().isText() ? text(titleAtt, "") : "";
    double api = realAttribute(ATT_API_VERSION, "api version");
    double version = realAttribute(ATT_VERSION, null);
    int wordSize = (int) realAttribute(ATT_FLOATING_POINT_WORD_SIZE, "floating point word size");
    int fileSize = (int) orElse(realAttribute(ATT_FILE_SIZE, null), -1);
    int int64Status = (int) orElse(realAttribute(ATT_INT64_STATUS, null), 0);
    int maxName = (int) orElse(realAttribute(ATT_MAXIMUM_NAME_LENGTH, null), -1);
    if (maxName < 0) {
      maxName = (int) dimLength(LEN_NAME, 33) - 1;
    }

    plausible("dimension ", NUM_DIM, "", dimLength(NUM_DIM, 0), 1);
    numDim = (int) dimLength(NUM_DIM, 0);
    numNodes = dimLength(NUM_NODES, 0);
    numElem = dimLength(NUM_ELEM, 0);
    numEdge = dimLength(NUM_EDGE, 0);
    numFace = dimLength(NUM_FACE, 0);

    // Coordinates
    Variable[] axes = new Variable[Math.max(numDim, 0)];
    boolean legacy = false;
    for (int d = 0; d < axes.length && d < 3; d++) {
      axes[d] = variable(ExodusNames.coord(d));
    }
    if (axes.length > 0 && axes[0] == null && variable(COORD_PACKED) != null) {
      legacy = true;
      Arrays.fill(axes, variable(COORD_PACKED));
    }
    coordVars = axes;
    legacyCoord = legacy;
    coordNames = new NameList(variable(COORD_NAMES), numDim);
    nodalAttrib = variable(NODAL_ATTRIB);
    plausible("dimension ", NODAL_ATTRIB_COUNT_DIM, "", dimLength(NODAL_ATTRIB_COUNT_DIM, 0), 1);
    nodalAttribNames =
        new NameList(variable(NODAL_ATTRIB_NAMES), (int) dimLength(NODAL_ATTRIB_COUNT_DIM, 0));

    // Blocks and sets
    boolean int64 = false;
    for (EntityType t : EntityType.BLOCK_TYPES) {
      readBlocks(t);
    }
    for (EntityType t : EntityType.SET_TYPES) {
      readSets(t);
    }

    // Maps
    for (EntityType t : EntityType.MAP_TYPES) {
      idMaps.put(t, variable(ExodusNames.idMap(t)));
      checkShort(idMaps.get(t), 0, entityCount(t), "id map", "the", what(t));
      readNumberedMaps(t);
    }
    elemOrderMap = variable(ELEM_ORDER_MAP);
    checkShort(elemOrderMap, 0, numElem, "element order map", "the", "elements");
    checkShort(nodalAttrib, 0, numNodes, "nodal attributes", "the", "nodes");

    coordinateFrames = readFrames();
    qaVar = checkQa(variable(QA_RECORDS));
    infoVar = checkLines(variable(INFO_RECORDS));
    if (storage.fileFormat().holdsFilters() || !text(qaVar) || !text(infoVar)) {
      // Chunks that must be decoded can be damaged: read them now, so a damaged one fails the
      // open with an IOException rather than a later qaRecords() with an unchecked one (records
      // stored as numbers likewise). Classic bytes always read (a cut-short file as zeros): they
      // wait until asked for.
      qa = qaVar == null ? List.of() : readQa(qaVar);
      infoRecords = infoVar == null ? List.of() : readLines(infoVar);
    }
    timeVar = variable(TIME_WHOLE);

    // Variables
    readGlobalAndNodal();
    for (EntityType t : EntityType.BLOCK_TYPES) {
      readObjectVariables(t, ids(blocks.get(t)));
    }
    for (EntityType t : EntityType.SET_TYPES) {
      readObjectVariables(t, setIds(sets.get(t)));
    }
    // one pass over the variables: the candidates for assemblies and blobs, 64-bit integers
    String assemblyPrefix = ExodusNames.of(EntityType.ASSEMBLY).conn();
    String blobPrefix = ExodusNames.of(EntityType.BLOB).conn();
    List<Variable> assemblyCandidates = List.of();
    List<Variable> blobCandidates = List.of();
    for (Variable v : openVariables) {
      String name = v.name();
      if (name.startsWith(assemblyPrefix)) {
        assemblyCandidates = added(assemblyCandidates, v);
      } else if (name.startsWith(blobPrefix)) {
        blobCandidates = added(blobCandidates, v);
      }
      if ((v.type() == DataType.INT64 || v.type() == DataType.UINT64)
          && (name.startsWith(ExodusNames.of(EntityType.ELEM_BLOCK).conn())
              || name.endsWith("_prop1")
              || name.endsWith("num_map")
              || name.startsWith(ExodusNames.of(EntityType.NODE_SET).entries())
              || name.startsWith(ExodusNames.of(EntityType.SIDE_SET).entries()))) {
        int64 = true;
      }
    }
    List<Assembly> as = new ArrayList<>();
    List<Variable> asVars = new ArrayList<>();
    readAssemblies(assemblyCandidates, as, asVars);
    assemblies = List.copyOf(as);
    assemblyVars = Collections.unmodifiableList(asVars);
    blobs = readBlobs(blobCandidates);
    List<Long> assemblyIds = new ArrayList<>();
    for (Assembly a : assemblies) assemblyIds.add(a.id());
    readObjectVariables(EntityType.ASSEMBLY, assemblyIds);
    List<Long> blobIds = new ArrayList<>();
    for (Blob b : blobs) blobIds.add(b.id());
    readObjectVariables(EntityType.BLOB, blobIds);

    if (int64 && int64Status == 0) {
      defects.add("integers are stored as 64-bit, but the int64_status attribute does not say so");
    }
    if (dim(NUM_DIM) == null && !storage.groups().isEmpty()) {
      defects.add(
          "no mesh here: the meshes are in the NetCDF-4 child groups "
              + String.join(", ", storage.groups())
              + " (open one as a mesh of its own: ExodusOpenOptions.group, exo info --group)");
    }
    summarizeRepeats();
    info =
        new FileInfo(
            storage.formatDescription(),
            api,
            version,
            wordSize > 0 ? wordSize : realWordSize(),
            fileSize,
            maxName,
            int64Status,
            int64,
            defects,
            storage.fileFormat());
  }

  public Storage storage() {
    return storage;
  }

  public List<String> defects() {
    return Collections.unmodifiableList(defects);
  }

  /** The current number of time steps. */
  public long timeSteps() {
    Dimension t = dim(TIME_STEP);
    if (t != null) {
      return t.length();
    }
    return timeVar == null ? 0 : storage.shape(timeVar)[0];
  }

  /** Nodes, elements, edges or faces: the entities a NODE_MAP, ELEM_MAP, ... maps. */
  public long entityCount(EntityType mapType) {
    return switch (mapType) {
      case NODE_MAP -> numNodes;
      case ELEM_MAP -> numElem;
      case EDGE_MAP -> numEdge;
      case FACE_MAP -> numFace;
      default -> throw new IllegalArgumentException(mapType + " is not a map type");
    };
  }

  private static String what(EntityType mapType) {
    return switch (mapType) {
      case NODE_MAP -> "nodes";
      case ELEM_MAP -> "elements";
      case EDGE_MAP -> "edges";
      default -> "faces";
    };
  }

  /** Entries of object {@code o} of a block, set, assembly or blob kind. */
  private long entries(EntityType t, int o) {
    if (t.isBlock()) {
      return blocks.get(t).get(o).entryCount();
    }
    if (t.isSet()) {
      return sets.get(t).get(o).entryCount();
    }
    if (t == EntityType.BLOB && blobs != null) {
      return blobs.get(o).valueCount();
    }
    if (t == EntityType.ASSEMBLY && assemblies != null) {
      return assemblies.get(o).members().size();
    }
    return -1;
  }

  /**
   * Records a per-entity array stored shorter along {@code axis} than the {@code expected} entries
   * of its owner ({@code ownerA + " " + ownerB}, joined only for the defect): reads give the stored
   * entries and leave the rest of the caller's range untouched, as the C library's whole-array
   * reads do.
   */
  private void checkShort(
      Variable v, int axis, long expected, String what, Object ownerA, Object ownerB) {
    if (v == null || v.rank() <= axis) {
      return;
    }
    long stored = storage.shape(v)[axis];
    if (stored >= expected) {
      return;
    }
    String owner = ownerA + " " + ownerB; // joined only for a defect
    shortArrays.put(v, stored);
    defect(
        "short " + what,
        v.name()
            + " ("
            + what
            + "): "
            + stored
            + " entries stored along dimension "
            + v.dimensions().get(axis).name()
            + ", "
            + expected
            + " expected for "
            + owner
            + "; reads give the stored entries and leave the rest of the caller's range untouched",
        v.name());
  }

  /**
   * Records a defect of {@code kind}: the first of a kind in full, later ones counted and named by
   * {@code item} in the first one's line (see {@link #summarizeRepeats()}).
   */
  private void defect(String kind, String message, String item) {
    Repeats r = repeated.get(kind);
    if (r == null) {
      r = new Repeats(defects.size());
      repeated.put(kind, r);
      defects.add(message);
    }
    r.items.add(item);
  }

  /** Turns each kind's first line into one line with the count and the first items named. */
  private void summarizeRepeats() {
    for (Repeats r : repeated.values()) {
      int n = r.items.size();
      if (n > 1) {
        List<String> shown = r.items.subList(0, Math.min(n, 8));
        defects.set(
            r.index,
            defects.get(r.index)
                + " ["
                + n
                + " like this in all: "
                + String.join(", ", shown)
                + (n > shown.size() ? ", ..." : "")
                + "]");
      }
    }
  }

  // ---- blocks --------------------------------------------------------------------------------

  /** The stored type and nodes per entry of the last block read, and its topology. */
  private String lastStored;

  private long lastNodes;
  private Topology lastTopology;

  private void readBlocks(EntityType t) throws IOException {
    ExodusNames.Kind k = ExodusNames.of(t);
    int n = objectCount(k.countDim());
    long[] ids = ids(k.ids(), n, t);
    List<String> blockNames = names(variable(k.names()), n);
    Map<String, long[]> props = properties(k.propPrefix(), n);
    propertyNames.put(t, List.copyOf(propertyNamesOf.getOrDefault(k.propPrefix(), List.of())));
    boolean[] nulls = nullByStatus(k.status(), n, t, ids);
    List<Block> out = new ArrayList<>(n);
    List<BlockVars> vars = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int s = i + 1;
      long entries = nulls[i] ? -1 : dimLength(k.entriesDim(), s, -1);
      Variable conn = variable(k.conn(), s);
      Variable faceConn = t == EntityType.ELEM_BLOCK ? variable(ExodusNames.FACE_CONN, s) : null;
      Variable edgeConn = t == EntityType.ELEM_BLOCK ? variable(ExodusNames.EDGE_CONN, s) : null;
      Variable epec = k.epec() == null ? null : variable(k.epec(), s);
      Variable attrib = variable(k.attrib(), s);
      String stored;
      if (entries < 0) {
        stored = "NULL";
        entries = 0;
      } else {
        Variable typed = conn != null ? conn : faceConn;
        stored = typed == null ? (entries == 0 ? "NULL" : "") : elementType(typed);
      }
      long npe = nulls[i] ? 0 : dimLength(k.nodesPerDim(), s, 0);
      long edges =
          t == EntityType.ELEM_BLOCK && !nulls[i] ? dimLength(ExodusNames.EDGES_PER_DIM, s, 0) : 0;
      long faces =
          t == EntityType.ELEM_BLOCK && !nulls[i] ? dimLength(ExodusNames.FACES_PER_DIM, s, 0) : 0;
      long natt = nulls[i] ? 0 : dimLength(k.attribCountDim(), s, 0);
      plausible("dimension ", k.attribCountDim(), s, natt, 1);
      List<String> attNames = names(variable(k.attribNames(), s), (int) natt);
      // blocks of a file mostly share a type: the last one's topology is taken again
      Topology topo;
      if (stored.equals(lastStored) && npe == lastNodes) {
        topo = lastTopology;
      } else {
        topo = Topology.of(stored, npe);
        lastStored = stored;
        lastNodes = npe;
        lastTopology = topo;
      }
      if (entries == 0 && stored.isEmpty()) {
        topo = Topology.NULL;
      }
      out.add(
          new Block(
              t,
              i,
              ids[i],
              blockNames.get(i),
              stored,
              topo,
              entries,
              npe,
              edges,
              faces,
              natt,
              attNames,
              propsOf(props, i)));
      checkShort(attrib, 0, entries, "attributes", t, ids[i]);
      vars.add(new BlockVars(conn, epec, attrib, edgeConn, faceConn));
    }
    blocks.put(t, List.copyOf(out));
    blockVars.put(t, List.copyOf(vars));
  }

  /**
   * The cleaned {@code elem_type} text of {@code conn}, "" without one: the last block's string
   * again when the bytes spell it (the blocks of a file mostly share a type).
   */
  private String elementType(Variable conn) {
    Attribute a = null;
    for (Attribute x : conn.attributes()) {
      if (x.name().equals(ATT_ELEM_TYPE)) {
        a = x;
        break;
      }
    }
    if (a == null) {
      return "";
    }
    String last = lastStored;
    if (last != null && a.isText() && spells(a, last)) {
      return last;
    }
    return clean(a.storedBytes());
  }

  /** True when the text of {@code a}, cleaned as {@link #clean(byte[])} cleans it, is {@code s}. */
  private static boolean spells(Attribute a, String s) {
    int n = a.length();
    int end = 0;
    while (end < n && a.longValue(end) != 0) {
      end++;
    }
    while (end > 0 && isBlank(a.longValue(end - 1))) {
      end--;
    }
    if (end != s.length()) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      long b = a.longValue(i);
      if (b < 0 || b != s.charAt(i)) {
        return false; // non-ASCII bytes: decoded the long way
      }
    }
    return true;
  }

  private static boolean isBlank(long b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  // ---- sets ----------------------------------------------------------------------------------

  private void readSets(EntityType t) throws IOException {
    ExodusNames.Kind k = ExodusNames.of(t);
    int n = objectCount(k.countDim());
    long[] ids = ids(k.ids(), n, t);
    List<String> setNames = names(variable(k.names()), n);
    Map<String, long[]> props = properties(k.propPrefix(), n);
    propertyNames.put(t, List.copyOf(propertyNamesOf.getOrDefault(k.propPrefix(), List.of())));
    boolean[] nulls = nullByStatus(k.status(), n, t, ids);
    List<EntitySet> out = new ArrayList<>(n);
    List<SetVars> vars = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int s = i + 1;
      long entries = nulls[i] ? 0 : Math.max(0, dimLength(k.entriesDim(), s, 0));
      Variable df = nulls[i] ? null : variable(k.df(), s);
      long ndf;
      if (t == EntityType.NODE_SET) {
        // As the C library: node set factors exist when their variable does.
        ndf = df == null ? 0 : entries;
      } else if (t == EntityType.SIDE_SET) {
        ndf = df == null ? 0 : dimLength(k.dfDim(), s, 0);
      } else {
        // Element, edge and face set factors: the C library gives them no count dimension of
        // their own (they lie on the entry dimension); files from older writers may have one.
        // The factor variable's own length serves both.
        long[] shape = df == null ? null : storage.shape(df);
        ndf = shape == null || shape.length != 1 ? 0 : shape[0];
      }
      checkShort(df, 0, ndf, "distribution factors", t, ids[i]);
      long natt = dimLength(k.attribCountDim(), s, 0);
      plausible("dimension ", k.attribCountDim(), s, natt, 1);
      out.add(
          new EntitySet(
              t,
              i,
              ids[i],
              setNames.get(i),
              entries,
              ndf,
              natt,
              names(variable(k.attribNames(), s), (int) natt),
              propsOf(props, i)));
      vars.add(
          new SetVars(
              variable(k.entries(), s),
              k.extra() == null ? null : variable(k.extra(), s),
              df,
              variable(k.attrib(), s)));
    }
    sets.put(t, List.copyOf(out));
    setVars.put(t, List.copyOf(vars));
  }

  // ---- maps ----------------------------------------------------------------------------------

  private void readNumberedMaps(EntityType t) throws IOException {
    ExodusNames.MapKind k = ExodusNames.map(t);
    int n = objectCount(k.countDim());
    long[] ids = ids(k.ids(), n, t);
    List<String> mapNames = names(variable(k.names()), n);
    List<NumberedMap> out = new ArrayList<>();
    List<Variable> vars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Variable v = variable(k.valuesPrefix(), i + 1);
      long length = 0;
      if (v != null) {
        checkShort(v, 0, entityCount(t), "numbered map", "the", what(t));
        length = Math.max(storage.shape(v)[0], entityCount(t));
      }
      out.add(new NumberedMap(t, i, ids[i], mapNames.get(i), length));
      vars.add(v);
    }
    numberedMaps.put(t, List.copyOf(out));
    numberedMapVars.put(t, Collections.unmodifiableList(vars));
  }

  // ---- variables -----------------------------------------------------------------------------

  private void readGlobalAndNodal() throws IOException {
    plausible("dimension ", NUM_GLO_VAR, "", dimLength(NUM_GLO_VAR, 0), 1);
    int ng = (int) dimLength(NUM_GLO_VAR, 0);
    NameList gnames = new NameList(variable(NAME_GLO_VAR), ng);
    Variable[][] g = {{variable(VALS_GLO_VAR)}};
    variables.put(
        EntityType.GLOBAL, new VarKind(EntityType.GLOBAL, gnames, List.of(), g, null, false));

    plausible("dimension ", NUM_NOD_VAR, "", dimLength(NUM_NOD_VAR, 0), 1);
    int nv = (int) dimLength(NUM_NOD_VAR, 0);
    NameList nnames = new NameList(variable(NAME_NOD_VAR), nv);
    Variable legacy = variable(VALS_NOD_VAR);
    Variable[][] nod = new Variable[1][];
    boolean packed = false;
    if (legacy != null && legacy.rank() == 3) {
      nod[0] = new Variable[] {legacy};
      packed = true;
      checkShort(legacy, 2, numNodes, "variable", "the", "nodes");
    } else {
      nod[0] = new Variable[nv];
      for (int v = 0; v < nv; v++) {
        nod[0][v] = variable(VALS_NOD_VAR, v + 1);
        checkShort(nod[0][v], 1, numNodes, "variable", "the", "nodes");
      }
    }
    variables.put(
        EntityType.NODAL, new VarKind(EntityType.NODAL, nnames, List.of(), nod, null, packed));
  }

  private void readObjectVariables(EntityType t, List<Long> objectIds) throws IOException {
    objectIds = List.copyOf(objectIds); // kept by the VarKind and its truth table
    ExodusNames.Kind k = ExodusNames.of(t);
    long claimed = dimLength(k.varCountDim(), 0);
    plausible("dimension ", k.varCountDim(), "", claimed, 1);
    int nv = (int) claimed;
    int no = objectIds.size();
    // every (object, variable) pair is a truth-table entry or a variable of its own in the file
    plausible(k.varCountDim(), " x objects", "", (long) nv * no, 4);
    NameList vnames = new NameList(variable(k.varNames()), nv);
    boolean byId = t == EntityType.ASSEMBLY || t == EntityType.BLOB;
    // arrays of arrays made one by one: a two-dimensional "new" goes through the runtime's slow
    // path, and was the largest single cost of reading the variables of a kind
    Variable[][] vals = new Variable[no][];
    for (int o = 0; o < no; o++) {
      vals[o] = new Variable[nv];
    }
    boolean[] present = new boolean[no * nv];
    int[] table = null;
    Variable tab = variable(k.varTab());
    if (tab != null && no > 0 && nv > 0) {
      long[] shape = storage.shape(tab);
      if (shape.length == 2 && shape[0] == no && shape[1] == nv) {
        table = new int[no * nv];
        storage.read(tab, new long[2], shape, table, 0);
      } else {
        defects.add(
            k.varTab()
                + " has shape "
                + Arrays.toString(shape)
                + ", not ["
                + no
                + ", "
                + nv
                + "]; variables found by name instead");
      }
    }
    for (int o = 0; o < no; o++) {
      long suffix = byId ? objectIds.get(o) : o + 1;
      long entries = entries(t, o);
      for (int v = 0; v < nv; v++) {
        Variable x = variable(k.varValsPrefix(), v + 1, k.varValsInfix(), suffix);
        boolean listed = table == null || table[o * nv + v] != 0;
        if (x != null && listed) {
          vals[o][v] = x;
          present[o * nv + v] = true;
          if (entries >= 0) {
            checkShort(x, 1, entries, "variable", t, objectIds.get(o));
          }
        } else if (x == null && table != null && table[o * nv + v] != 0 && entries != 0) {
          // libexodusII defines no variable on an empty (NULL) block or set: not a defect there
          defect(
              k.varTab() + " unstored",
              k.varTab()
                  + " lists variable "
                  + (v + 1)
                  + " on object "
                  + suffix
                  + ", but it is not stored",
              "variable " + (v + 1) + " on object " + suffix);
        }
      }
    }
    variables.put(t, new VarKind(t, vnames, objectIds, vals, present, false));

    plausible(
        "dimension ",
        k.redCountDim(),
        "",
        dimLength(k.redCountDim(), 0) * Math.max(1, objectIds.size()),
        1);
    int nr = (int) dimLength(k.redCountDim(), 0);
    NameList rnames = new NameList(variable(k.redNames()), nr);
    Variable[][] red = new Variable[no][];
    boolean[] rp = new boolean[no * nr];
    for (int o = 0; o < no; o++) {
      red[o] = new Variable[] {variable(k.redValsPrefix(), byId ? objectIds.get(o) : o + 1)};
      for (int v = 0; v < nr; v++) rp[o * nr + v] = red[o][0] != null;
    }
    reductionVariables.put(t, new VarKind(t, rnames, objectIds, red, rp, true));
  }

  // ---- assemblies and blobs ------------------------------------------------------------------

  /** {@code list} with {@code v} appended; a new list for the first. */
  private static List<Variable> added(List<Variable> list, Variable v) {
    List<Variable> out = list.isEmpty() ? new ArrayList<>() : list;
    out.add(v);
    return out;
  }

  /** The assemblies among {@code candidates}, the variables whose names start as theirs. */
  private void readAssemblies(List<Variable> candidates, List<Assembly> out, List<Variable> vars)
      throws IOException {
    for (Variable v : candidates) {
      if (v.rank() != 1) {
        continue;
      }
      long id =
          v.attribute(ATT_ID)
              .map(a -> a.longValue(0))
              .orElseGet(() -> parseSuffix(v.name(), ExodusNames.of(EntityType.ASSEMBLY).conn()));
      String name = text(v.attribute(ATT_ENTITY_NAME), "");
      int typeCode = v.attribute(ATT_TYPE).map(a -> (int) a.longValue(0)).orElse(-1);
      EntityType mt = EntityType.ofCode(typeCode);
      long n = storage.shape(v)[0];
      plausible("variable ", v.name(), "", n, 4);
      long[] members = new long[(int) n];
      storage.read(v, new long[] {0}, new long[] {members.length}, members, 0);
      List<Long> list = new ArrayList<>(members.length);
      for (long m : members) list.add(m);
      out.add(new Assembly(id, name, mt, list));
      vars.add(v);
    }
  }

  /** The blobs among {@code candidates}, the variables whose names start as theirs. */
  private List<Blob> readBlobs(List<Variable> candidates) {
    List<Blob> out = new ArrayList<>();
    for (Variable v : candidates) {
      if (v.rank() != 1) {
        continue;
      }
      long id =
          v.attribute(ATT_ID)
              .map(a -> a.longValue(0))
              .orElseGet(() -> parseSuffix(v.name(), ExodusNames.of(EntityType.BLOB).conn()));
      String name = text(v.attribute(ATT_ENTITY_NAME), "");
      // As ex_get_blob: the entries are the dimension num_values_blob<id>; the entity variable is
      // one value long and holds nothing.
      long entries = dimLength(ExodusNames.of(EntityType.BLOB).entriesDim(), id, -1);
      if (entries < 0) {
        defects.add(
            v.name()
                + ": dimension "
                + ExodusNames.of(EntityType.BLOB).entriesDim()
                + id
                + " is missing (the C library refuses the blob); its length "
                + storage.shape(v)[0]
                + " taken as the entries");
        entries = storage.shape(v)[0];
      }
      out.add(new Blob(id, name, entries));
    }
    return List.copyOf(out);
  }

  private static long parseSuffix(String name, String prefix) {
    try {
      return Long.parseLong(name.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---- QA and info ---------------------------------------------------------------------------

  /** The QA records, read at the first call (thread-safe; an I/O error names the file). */
  public List<QaRecord> qa() {
    List<QaRecord> r = qa;
    if (r == null) {
      synchronized (this) {
        r = qa;
        if (r == null) {
          try {
            r = qaVar == null ? List.of() : readQa(qaVar);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                storage.name() + ": reading the QA records: " + e.getMessage(), e);
          }
          qa = r;
        }
      }
    }
    return r;
  }

  /** The info records, read at the first call (thread-safe; an I/O error names the file). */
  public List<String> infoRecords() {
    List<String> r = infoRecords;
    if (r == null) {
      synchronized (this) {
        r = infoRecords;
        if (r == null) {
          try {
            r = infoVar == null ? List.of() : readLines(infoVar);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                storage.name() + ": reading the info records: " + e.getMessage(), e);
          }
          infoRecords = r;
        }
      }
    }
    return r;
  }

  /** Checks the QA records' shape at open; returns their variable, or null when there are none. */
  private Variable checkQa(Variable v) throws IOException {
    if (v == null || v.rank() != 3) {
      return null;
    }
    long[] shape = storage.shape(v);
    plausible("variable qa_records", shape[0] * Math.max(1, shape[1]) * Math.max(1, shape[2]), 1);
    if (shape[1] != 4) {
      defects.add("qa_records has " + shape[1] + " fields per record, not 4");
    }
    return v;
  }

  /** Checks a line variable's shape at open; returns it, or null when there are no lines. */
  private Variable checkLines(Variable v) throws IOException {
    if (v == null || v.rank() != 2) {
      return null;
    }
    long[] shape = storage.shape(v);
    plausible("variable " + v.name(), shape[0] * Math.max(1, shape[1]), 1);
    return v;
  }

  /** True for null or a variable whose values read as text (bytes). */
  private static boolean text(Variable v) {
    return v == null || Conversions.readable(v.type(), Conversions.Target.BYTE);
  }

  private List<QaRecord> readQa(Variable v) throws IOException {
    long[] shape = storage.shape(v);
    int n = (int) shape[0];
    int len = (int) shape[2];
    List<QaRecord> out = new ArrayList<>(n);
    byte[] row = new byte[(int) (shape[1] * len)];
    for (int i = 0; i < n; i++) {
      storage.read(v, new long[] {i, 0, 0}, new long[] {1, shape[1], len}, row, 0);
      String[] f = new String[4];
      for (int j = 0; j < 4; j++) {
        f[j] = j < shape[1] ? clean(Arrays.copyOfRange(row, j * len, (j + 1) * len)) : "";
      }
      out.add(new QaRecord(f[0], f[1], f[2], f[3]));
    }
    return List.copyOf(out);
  }

  private List<String> readLines(Variable v) throws IOException {
    return List.copyOf(names(v, (int) storage.shape(v)[0]));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A variable by name, or null. */
  public Variable var(String name) {
    return name == null ? null : storage.findVariable(name).orElse(null);
  }

  /**
   * The storage's variables when the model was read, and their names' index: the model's own
   * look-ups while it is read, by name or by prefix and number without building the name.
   */
  private final List<? extends Variable> openVariables;

  private final NameIndex openIndex;

  /** The variable {@code name} of the file as opened, or null (also for a null name). */
  private Variable variable(String name) {
    return at(openIndex.find(name));
  }

  /** The variable {@code prefix + n}, or null (also for a null prefix). */
  private Variable variable(String prefix, long n) {
    return at(openIndex.find(prefix, n));
  }

  /** The variable {@code prefix + a + infix + b}, or null. */
  private Variable variable(String prefix, long a, String infix, long b) {
    return at(openIndex.find(prefix, a, infix, b));
  }

  private Variable at(int i) {
    return i < 0 ? null : openVariables.get(i);
  }

  private Dimension dim(String name) {
    DimIndex index = dimIndex();
    int i = index.names.find(name);
    return i < 0 ? null : index.list.get(i);
  }

  /**
   * The dimension index of the storage's current list, made at the first look-up in that list (a
   * refresh of a storage that replaces its list makes a new one): a file with thousands of blocks
   * has tens of thousands of dimensions, and a scan per look-up made opening it quadratic.
   */
  private DimIndex dimIndex() {
    List<Dimension> ds = storage.dimensions();
    DimIndex index = dimIndex;
    if (index == null || index.list != ds) {
      index = new DimIndex(ds, storage.dimensionIndex());
      dimIndex = index;
    }
    return index;
  }

  /** Positions of a dimension list's names. */
  private record DimIndex(List<Dimension> list, NameIndex names) {}

  private volatile DimIndex dimIndex;

  /**
   * A dimension's current length. Unlimited dimensions report their current length through the
   * storage's dimension list, which follows refreshes; NetCDF-4 files may have several.
   */
  private long dimLength(String name, long absent) {
    Dimension d = dim(name);
    return d == null ? absent : d.length();
  }

  /** {@link #dimLength(String, long)} of {@code prefix + n}, the name not built. */
  private long dimLength(String prefix, long n, long absent) {
    DimIndex index = dimIndex();
    int i = index.names.find(prefix, n);
    return i < 0 ? absent : index.list.get(i).length();
  }

  /**
   * Number of objects of a kind; the ids must be stored for each, so a count larger than the file
   * could hold is a damaged file, not a reason to allocate.
   */
  private int objectCount(String dimName) throws IOException {
    long n = dimLength(dimName, 0);
    plausible("dimension ", dimName, " (objects)", n, 4);
    return (int) n;
  }

  /**
   * A count the file claims, checked against its size before anything is allocated by it: each of
   * the {@code n} things needs at least {@code bytesEach} stored bytes.
   */
  private void plausible(String what, long n, long bytesEach) throws IOException {
    plausible(what, "", "", n, bytesEach);
  }

  /**
   * {@link #plausible(String, long, long)} of the structure {@code a + b + c}, joined only when the
   * count fails: these checks run for every block, set and variable kind at each open.
   */
  private void plausible(String a, Object b, Object c, long n, long bytesEach) throws IOException {
    long bytes = fileBytes;
    if (bytes < 0) {
      bytes = storage.byteSize(); // once per open: these checks run for every kind and object
      fileBytes = bytes;
    }
    long size = Math.max(bytes, 1024);
    if (n < 0 || n > Integer.MAX_VALUE - 8 || (n > 0 && bytesEach > 0 && n > size / bytesEach)) {
      throw new ExodusFormatException(
          storage.name(),
          a + b + c,
          ExodusFormatException.NO_OFFSET,
          "claims " + n + " entries, which a file of " + bytes + " bytes cannot hold");
    }
  }

  /** The file's size in bytes as {@link #plausible} first asked for it; -1 before. */
  private long fileBytes = -1;

  private long[] ids(String idVar, int n, EntityType t) throws IOException {
    long[] ids = new long[n];
    Variable v = variable(idVar);
    if (n == 0) {
      return ids;
    }
    if (v == null || v.rank() != 1 || storage.shape(v)[0] < n) {
      defects.add(
          idVar
              + " is missing or too short for "
              + n
              + " "
              + t
              + " objects; ids 1.."
              + n
              + " assumed");
      for (int i = 0; i < n; i++) ids[i] = i + 1;
      return ids;
    }
    storage.read(v, new long[] {0}, new long[] {n}, ids, 0);
    return ids;
  }

  /**
   * The objects whose status is 0, which the C library's id lookup reports as NULL entities and
   * reads as empty whatever their dimensions say (a file cut short holds zeros there, as netCDF-C
   * reads it): each such object that has entries is listed as a defect. All false without a status
   * variable holding one value per object.
   */
  private boolean[] nullByStatus(String statusVar, int n, EntityType t, long[] ids)
      throws IOException {
    boolean[] out = new boolean[n];
    Variable v = statusVar == null || n == 0 ? null : variable(statusVar);
    if (v == null || v.rank() != 1 || storage.shape(v)[0] < n) {
      return out;
    }
    long[] status = new long[n];
    storage.read(v, new long[] {0}, new long[] {n}, status, 0);
    ExodusNames.Kind k = ExodusNames.of(t);
    for (int i = 0; i < n; i++) {
      if (status[i] == 0 && dimLength(k.entriesDim(), i + 1, 0) > 0) {
        out[i] = true;
        defects.add(
            statusVar
                + " is 0 for "
                + t
                + " "
                + ids[i]
                + ", which has entries: read as a NULL entity with none, as the C library does");
      }
    }
    return out;
  }

  /** Properties other than the id: {@code <prefix>2, 3, ...} with their {@code name} attribute. */
  private Map<String, long[]> properties(String prefix, int n) throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    if (prefix == null || n == 0) {
      return out;
    }
    List<String> names = new ArrayList<>();
    Variable first = variable(prefix, 1);
    names.add(first == null ? "ID" : propertyName(first, "ID"));
    propertyNamesOf.put(prefix, names);
    for (int p = 2; ; p++) {
      Variable v = variable(prefix, p);
      if (v == null) {
        break;
      }
      if (v.rank() != 1 || storage.shape(v)[0] < n) {
        defects.add(v.name() + " does not hold one value per object");
        continue;
      }
      long[] vals = new long[n];
      storage.read(v, new long[] {0}, new long[] {n}, vals, 0);
      String name = text(v.attribute(ATT_NAME), v.name());
      names.add(name);
      if (!name.equals("ID")) {
        // as ex_get_prop_array: the first of a name ("ID" always finds the ids themselves)
        out.putIfAbsent(name, vals);
      }
    }
    return out;
  }

  /**
   * The cleaned {@code name} attribute of a property variable, {@code absent} without one; {@code
   * absent} itself when the attribute spells it (the id property's "ID" in every file).
   */
  private static String propertyName(Variable v, String absent) {
    for (Attribute a : v.attributes()) {
      if (a.name().equals(ATT_NAME)) {
        return a.isText() && spells(a, absent) ? absent : clean(a.storedBytes());
      }
    }
    return absent;
  }

  /** Property names by property prefix, filled by {@link #properties}. */
  private final Map<String, List<String>> propertyNamesOf = new java.util.HashMap<>();

  /** The coordinate frames: ids, tags and nine coordinates each. */
  private List<CoordinateFrame> readFrames() throws IOException {
    int n = (int) dimLength(ExodusNames.NUM_CFRAMES, 0);
    plausible("dimension " + ExodusNames.NUM_CFRAMES, n, 9);
    Variable ids = variable(ExodusNames.FRAME_IDS);
    Variable tags = variable(ExodusNames.FRAME_TAGS);
    Variable coords = variable(ExodusNames.FRAME_COORDS);
    if (n == 0 || ids == null || tags == null || coords == null) {
      if (n > 0) {
        defects.add(
            n + " coordinate frames, but frame_ids, frame_tags or frame_coordinates is missing");
      }
      return List.of();
    }
    if (storage.shape(ids)[0] < n
        || storage.shape(tags)[0] < n
        || storage.shape(coords)[0] < 9L * n) {
      defects.add("the coordinate frame variables are shorter than " + n + " frames");
      return List.of();
    }
    long[] id = new long[n];
    byte[] tag = new byte[n];
    double[] c = new double[9 * n];
    storage.read(ids, new long[] {0}, new long[] {n}, id, 0);
    storage.read(tags, new long[] {0}, new long[] {n}, tag, 0);
    storage.read(coords, new long[] {0}, new long[] {9L * n}, c, 0);
    List<CoordinateFrame> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Double> xyz = new ArrayList<>(9);
      for (int k = 0; k < 9; k++) xyz.add(c[9 * i + k]);
      out.add(new CoordinateFrame(id[i], (char) (tag[i] & 0xFF), xyz));
    }
    return List.copyOf(out);
  }

  private static Map<String, Long> propsOf(Map<String, long[]> props, int i) {
    if (props.isEmpty()) {
      return Map.of(); // most files: the id is the only property
    }
    Map<String, Long> m = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : props.entrySet()) {
      m.put(e.getKey(), e.getValue()[i]);
    }
    return m;
  }

  private static List<Long> ids(List<Block> bs) {
    List<Long> out = new ArrayList<>(bs.size());
    for (Block b : bs) out.add(b.id());
    return out;
  }

  private static List<Long> setIds(List<EntitySet> ss) {
    List<Long> out = new ArrayList<>(ss.size());
    for (EntitySet s : ss) out.add(s.id());
    return out;
  }

  /**
   * {@code n} names from a char variable (n, len); "" for every name when the variable is absent or
   * too short. Each is cut at its first NUL and trailing blanks are removed.
   */
  private List<String> names(Variable v, int n) throws IOException {
    if (n == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(n);
    if (v != null && v.rank() == 2 && n > 0) {
      long[] shape = storage.shape(v);
      int rows = (int) Math.min(n, shape[0]);
      int len = (int) Math.min(shape[1], 1 << 16);
      // rows read together, up to 64 KiB at a time: one read for the names of thousands of blocks
      int per = Math.max(1, Math.min(rows, (1 << 16) / Math.max(len, 1)));
      byte[] batch = new byte[per * len];
      for (int i = 0; i < rows; i += per) {
        int k = Math.min(per, rows - i);
        storage.read(v, new long[] {i, 0}, new long[] {k, len}, batch, 0);
        for (int j = 0; j < k; j++) {
          out.add(clean(batch, j * len, len));
        }
      }
    }
    while (out.size() < n) {
      out.add("");
    }
    return out;
  }

  /**
   * The attribute's text {@link #clean}ed, or {@code otherwise} when it is absent (not {@code
   * Optional.map}: the first lambda call site of a process costs a few milliseconds of a short
   * command's start, docs/benchmarks.md "Start-up of exo").
   */
  private static String text(Optional<Attribute> a, String otherwise) {
    return a.isPresent() ? clean(a.get().storedBytes()) : otherwise;
  }

  /** Text cut at the first NUL, trailing blanks removed. */
  public static String clean(byte[] b) {
    return clean(b, 0, b.length);
  }

  /** {@link #clean(byte[])} of {@code b[off, off + len)}. */
  private static String clean(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    while (end > off
        && (b[end - 1] == ' ' || b[end - 1] == '\t' || b[end - 1] == '\n' || b[end - 1] == '\r')) {
      end--;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private Optional<Attribute> globalAttribute(String name) {
    for (Attribute a : storage.attributes()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private double realAttribute(String name, String oldName) {
    Optional<Attribute> a = globalAttribute(name);
    if (a.isEmpty() && oldName != null) {
      a = globalAttribute(oldName);
    }
    if (a.isEmpty() || a.get().isText() || a.get().length() == 0) {
      return Double.NaN;
    }
    return a.get().doubleValue(0);
  }

  private static double orElse(double v, double fallback) {
    return Double.isNaN(v) ? fallback : v;
  }

  private int realWordSize() {
    for (Variable v : coordVars) {
      if (v != null) {
        return v.type() == DataType.FLOAT ? 4 : 8;
      }
    }
    return 8;
  }
}
