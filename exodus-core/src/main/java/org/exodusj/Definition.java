package org.exodusj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.model.ExodusLayout;
import org.exodusj.internal.model.ExodusMetadata;
import org.exodusj.internal.storage.Attribute;

/**
 * Everything a new Exodus file will hold, defined before any data is written: started by {@link
 * ExodusWriter#define} (or {@link ExodusWriter#defineLike}), completed with {@link BlockSpec}s,
 * {@link SetSpec}s, maps, records and variables, then given to {@link ExodusWriter#create}.
 *
 * <p>Formerly nested in {@link ExodusWriter} ({@code Definition}).
 */
public final class Definition {
  final ExodusFormat format;
  final String title;
  final int dims;
  final long nodes;
  int realWordSize = 8;
  boolean int64;
  int maxNameLength = 32;
  long headerRoom = 0;
  boolean sync;
  boolean noClobber;
  boolean allowUnwrittenMesh;
  int deflateLevel = -1;
  boolean shuffle;
  boolean fletcher32;
  Compression filters; // when set, replaces the three above
  int chunkSteps = 1;
  java.util.concurrent.Executor compressor;
  List<String> coordinateNames = List.of();
  final List<BlockSpec> blocks = new ArrayList<>();
  final List<SetSpec> sets = new ArrayList<>();
  final Map<EntityType, List<NumberedMap>> maps = new LinkedHashMap<>();
  final Map<EntityType, Boolean> idMaps = new HashMap<>();
  List<QaRecord> qa = List.of();
  List<String> info = List.of();
  final Map<EntityType, List<String>> variables = new LinkedHashMap<>();
  final Map<EntityType, boolean[][]> truth = new HashMap<>();
  final Map<EntityType, List<String>> reduction = new LinkedHashMap<>();
  final Map<EntityType, java.util.Set<Long>> reductionObjects = new HashMap<>();
  final List<Assembly> assemblies = new ArrayList<>();
  final List<Blob> blobs = new ArrayList<>();

  final Map<String, List<String>> setAttributeNames = new LinkedHashMap<>();
  List<String> nodalAttributeNames = List.of();
  List<CoordinateFrame> frames = List.of();
  final Map<EntityType, List<ExodusLayout.Property>> properties = new LinkedHashMap<>();

  /** Attributes of entities in call order: each an EntityAttribute, FieldMetadata, ... */
  private final List<Pending> attributes = new ArrayList<>();

  private record Pending(EntityType kind, long id, Object what) {}

  Definition(ExodusFormat format, String title, int dims, long nodes) {
    if (dims < 1 || dims > 3) {
      throw new IllegalArgumentException("dimensions must be 1, 2 or 3, got " + dims);
    }
    if (nodes < 0) {
      throw new IllegalArgumentException("negative node count " + nodes);
    }
    this.format = format;
    this.title = title;
    this.dims = dims;
    this.nodes = nodes;
  }

  /** 4 or 8: reals stored as float or double (double values are rounded, as the C library does). */
  public Definition realWordSize(int bytes) {
    if (bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("real word size must be 4 or 8, got " + bytes);
    }
    this.realWordSize = bytes;
    return this;
  }

  /** Store ids, maps and connectivity as 64-bit integers (needs CDF-5). */
  public Definition int64(boolean on) {
    if (on && !format.holdsInt64()) {
      throw new IllegalArgumentException(
          "64-bit integers need CDF-5 or NetCDF-4; " + format + " cannot hold them");
    }
    this.int64 = on;
    return this;
  }

  public Definition maxNameLength(int n) {
    if (n < 1 || n > 255) {
      throw new IllegalArgumentException("maximum name length must be 1..255, got " + n);
    }
    this.maxNameLength = n;
    return this;
  }

  /** Force each step's data to disk before its count moves (and the count after). */
  public Definition sync(boolean on) {
    this.sync = on;
    return this;
  }

  /** Bytes reserved after the header so it can grow without moving data. */
  public Definition headerRoom(long bytes) {
    this.headerRoom = bytes;
    return this;
  }

  /**
   * NetCDF-4 only: the filters of every chunk, in pipeline order ({@link Compression#NONE} for
   * none, the default). Replaces what {@link #compression(int, boolean)} and {@link
   * #fletcher32(boolean)} set. A filter this library does not write is refused when the file is
   * created ({@link IllegalArgumentException} listing those it writes).
   */
  public Definition compression(Compression compression) {
    requireNetcdf4("compression");
    if (compression == null) {
      throw new NullPointerException("compression is null; use Compression.NONE for none");
    }
    this.filters = compression;
    this.deflateLevel = -1;
    this.shuffle = false;
    this.fletcher32 = false;
    return this;
  }

  /**
   * NetCDF-4 only: deflate every chunk at {@code level} (0-9; -1 for none), with the shuffle filter
   * first when {@code shuffle} is set, as {@code nccopy -d level -s} does.
   *
   * @deprecated use {@link #compression(Compression)} with {@link Compression#deflate(int,
   *     boolean)}
   */
  @Deprecated(since = "0.1.0")
  public Definition compression(int level, boolean shuffle) {
    requireNetcdf4("compression");
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level + " is not in 0-9");
    }
    this.deflateLevel = level;
    this.shuffle = shuffle;
    this.filters = null;
    return this;
  }

  /**
   * NetCDF-4 only: a Fletcher-32 checksum on every chunk, verified by every reader.
   *
   * @deprecated use {@link #compression(Compression)} with {@link Compression#withFletcher32()}
   */
  @Deprecated(since = "0.1.0")
  public Definition fletcher32(boolean on) {
    requireNetcdf4("Fletcher-32 checksums");
    this.fletcher32 = on;
    this.filters = null;
    return this;
  }

  /** NetCDF-4 only: time steps per chunk of the result variables (default 1, as libexodusII). */
  public Definition chunkSteps(int steps) {
    requireNetcdf4("chunking");
    if (steps < 1) {
      throw new IllegalArgumentException("chunk steps " + steps + " must be at least 1");
    }
    this.chunkSteps = steps;
    return this;
  }

  /**
   * NetCDF-4 only: compress chunks in parallel on {@code executor} (the decode executor of the read
   * side is a good choice); null, the default, compresses on the writing thread. The caller owns
   * the executor.
   */
  public Definition compressionExecutor(java.util.concurrent.Executor executor) {
    requireNetcdf4("a compression executor");
    this.compressor = executor;
    return this;
  }

  private void requireNetcdf4(String what) {
    if (!format.holdsFilters()) {
      throw new IllegalArgumentException(what + " needs NETCDF4; " + format + " has none");
    }
  }

  public Definition coordinateNames(String... names) {
    if (names.length != dims) {
      throw new IllegalArgumentException(
          names.length + " coordinate names for " + dims + " dimensions");
    }
    this.coordinateNames = List.of(names);
    return this;
  }

  public Definition block(BlockSpec b) {
    checkTopology(b);
    for (BlockSpec o : blocks) {
      if (o.type() == b.type() && o.id() == b.id()) {
        throw new IllegalArgumentException(b.type() + " id " + b.id() + " is defined twice");
      }
    }
    blocks.add(b);
    return this;
  }

  /**
   * Let the file appear although parts of its mesh were never written (coordinates, connectivity,
   * set entries, declared id maps): they then hold the fill value, as in a file the C library
   * closes without them. Off by default: {@link ExodusWriter#close()} and the first {@link
   * ExodusWriter#beginStep} refuse such a file, naming what was never written. For the rare file
   * meant to be completed later (by {@link ExodusUpdater}) or that holds results only.
   */
  public Definition allowUnwrittenMesh(boolean on) {
    this.allowUnwrittenMesh = on;
    return this;
  }

  /** Refuse to create a file when something already exists at its path ({@code EX_NOCLOBBER}). */
  public Definition noClobber(boolean on) {
    this.noClobber = on;
    return this;
  }

  public Definition set(SetSpec s) {
    for (SetSpec o : sets) {
      if (o.type() == s.type() && o.id() == s.id()) {
        throw new IllegalArgumentException(s.type() + " id " + s.id() + " is defined twice");
      }
    }
    if (s.distributionFactors() != 0
        && s.type() == EntityType.NODE_SET
        && s.distributionFactors() != s.entries()) {
      throw new IllegalArgumentException(
          "node set "
              + s.id()
              + ": "
              + s.distributionFactors()
              + " factors for "
              + s.entries()
              + " nodes");
    }
    sets.add(s);
    return this;
  }

  /** Stores the id map of NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP (else it is the identity). */
  public Definition idMap(EntityType mapType) {
    if (!mapType.isMap()) throw new IllegalArgumentException(mapType + " is not a map type");
    idMaps.put(mapType, true);
    return this;
  }

  /** Numbered maps of one kind: ids and names (lengths follow from the mesh). */
  public Definition numberedMaps(EntityType mapType, List<Long> ids, List<String> names) {
    if (!mapType.isMap()) throw new IllegalArgumentException(mapType + " is not a map type");
    List<NumberedMap> m = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      m.add(new NumberedMap(mapType, i, ids.get(i), i < names.size() ? names.get(i) : "", 0));
    }
    maps.put(mapType, m);
    return this;
  }

  public Definition qaRecords(List<QaRecord> records) {
    this.qa = List.copyOf(records);
    return this;
  }

  public Definition infoRecords(List<String> lines) {
    this.info = List.copyOf(lines);
    return this;
  }

  public Definition globalVariables(String... names) {
    variables.put(EntityType.GLOBAL, List.of(names));
    return this;
  }

  public Definition nodalVariables(String... names) {
    variables.put(EntityType.NODAL, List.of(names));
    return this;
  }

  /**
   * Variables of a block, set, assembly or blob kind; {@code truth[object][variable]} says where
   * each is stored (objects in definition order), or null for everywhere. Blob and assembly
   * variables get a truth table in the file only where one is given, as libexodus stores them.
   */
  public Definition variables(EntityType kind, List<String> names, boolean[][] truth) {
    if (!kind.isBlock()
        && !kind.isSet()
        && kind != EntityType.ASSEMBLY
        && kind != EntityType.BLOB) {
      throw new IllegalArgumentException(
          kind + " variables are not block, set, assembly or blob variables");
    }
    variables.put(kind, List.copyOf(names));
    if (truth != null) {
      this.truth.put(kind, truth);
    }
    return this;
  }

  /** Reduction variables (one value per object and step) of a block, set or assembly kind. */
  public Definition reductionVariables(EntityType kind, String... names) {
    reduction.put(kind, List.of(names));
    reductionObjects.remove(kind);
    return this;
  }

  /**
   * Reduction variables of a block, set, assembly or blob kind stored on the objects with the given
   * ids only (libexodus stores them where {@code ex_put_reduction_vars} was called; a reader finds
   * none on the others).
   */
  public Definition reductionVariables(
      EntityType kind, List<String> names, java.util.Set<Long> objectIds) {
    reduction.put(kind, List.copyOf(names));
    reductionObjects.put(kind, java.util.Set.copyOf(objectIds));
    return this;
  }

  public Definition assembly(Assembly a) {
    assemblies.add(a);
    return this;
  }

  /** A blob: its id, name and entries (the length of its variables, at least 1). */
  public Definition blob(Blob b) {
    if (b.valueCount() < 1) {
      throw new IllegalArgumentException(
          "blob " + b.id() + ": " + b.valueCount() + " entries (at least 1)");
    }
    for (Blob o : blobs) {
      if (o.id() == b.id()) {
        throw new IllegalArgumentException("blob id " + b.id() + " is defined twice");
      }
    }
    blobs.add(b);
    return this;
  }

  /**
   * An attribute of an entity ({@code ex_put_attribute}): of the file ({@link EntityType#GLOBAL},
   * id 0), the nodes ({@link EntityType#NODAL}, id 0), a block or set with entries, an assembly or
   * a blob (defined by the time the file is created). Names that {@code ex_get_attribute_count}
   * leaves out as Exodus's own (starting with {@code _}, {@code elem_type}, {@code Field@}, ...)
   * are refused: readers would not see them.
   */
  public Definition attribute(EntityType kind, long id, EntityAttribute a) {
    if (org.exodusj.internal.model.ExodusNames.isInternalAttribute(
        a.name(), kind == EntityType.GLOBAL)) {
      throw new IllegalArgumentException(
          "attribute name '" + a.name() + "' is one Exodus uses for itself; readers skip it");
    }
    attributes.add(new Pending(kind, id, a));
    return this;
  }

  /**
   * Field metadata ({@code ex_put_field_metadata}, Exodus 9) of the entity {@link
   * FieldMetadata#kind()} / {@link FieldMetadata#id()}: which of its variables form the field.
   * Scalar fields are not stored (as {@code ex_put_multi_field_metadata} skips them).
   */
  public Definition field(FieldMetadata f) {
    if (f.types().get(0) != FieldType.SCALAR) {
      ExodusMetadata.encode(f, false); // refuses inconsistent suffixes now
      attributes.add(new Pending(f.kind(), f.id(), f));
    }
    return this;
  }

  /** A basis ({@code ex_put_basis}, Exodus 9), stored as attributes of the file. */
  public Definition basis(Basis b) {
    attributes.add(new Pending(EntityType.GLOBAL, 0, b));
    return this;
  }

  /** A quadrature rule ({@code ex_put_quadrature}, Exodus 9), stored as attributes of the file. */
  public Definition quadrature(Quadrature q) {
    attributes.add(new Pending(EntityType.GLOBAL, 0, q));
    return this;
  }

  /**
   * Attributes per entry of a set ({@code ex_put_attr_param} and {@code ex_put_attr_names} on a
   * set): their names; the values are written with {@link ExodusWriter#writeSetAttributes}. The set
   * must be defined, with entries, by the time the file is created.
   */
  public Definition setAttributes(EntityType type, long id, List<String> names) {
    if (!type.isSet()) throw new IllegalArgumentException(type + " is not a set type");
    setAttributeNames.put(ExodusLayout.attributeKey(type, id), List.copyOf(names));
    return this;
  }

  /**
   * Attributes per node ({@code ex_put_attr_param} on EX_NODAL): their names; the values are
   * written with {@link ExodusWriter#writeNodalAttributes}.
   */
  public Definition nodalAttributes(String... names) {
    this.nodalAttributeNames = List.of(names);
    return this;
  }

  /** Coordinate frames ({@code ex_put_coordinate_frames}), written when the file is created. */
  public Definition coordinateFrames(List<CoordinateFrame> frames) {
    this.frames = List.copyOf(frames);
    return this;
  }

  /**
   * A property other than the id of a block or set kind ({@code ex_put_prop_names}, {@code
   * ex_put_prop}): a value per object id; objects not given hold 0, as in the C library. Properties
   * are stored in call order after the id property.
   */
  public Definition property(EntityType kind, String name, Map<Long, Long> valuesById) {
    if (!kind.isBlock() && !kind.isSet()) {
      throw new IllegalArgumentException(kind + " properties are not block or set properties");
    }
    java.util.Objects.requireNonNull(name, "name");
    if (name.equals("ID")) {
      throw new IllegalArgumentException("the ID property is the objects' ids");
    }
    List<ExodusLayout.Property> list = properties.computeIfAbsent(kind, k -> new ArrayList<>());
    for (ExodusLayout.Property p : list) {
      if (p.name().equals(name)) {
        throw new IllegalArgumentException(kind + " property " + name + " is defined twice");
      }
    }
    list.add(new ExodusLayout.Property(name, Map.copyOf(valuesById)));
    return this;
  }

  /**
   * A property carried over by a copy as stored, a name stored twice (even "ID") included: readers
   * list every name ({@code ex_get_prop_names}) and read the first of a name.
   */
  Definition copiedProperty(EntityType kind, String name, Map<Long, Long> valuesById) {
    properties
        .computeIfAbsent(kind, k -> new ArrayList<>())
        .add(new ExodusLayout.Property(name, Map.copyOf(valuesById)));
    return this;
  }

  /** A stored attribute carried over as it is (copies). */
  Definition storedAttribute(EntityType kind, long id, Attribute a) {
    attributes.add(new Pending(kind, id, a));
    return this;
  }

  /** The stored attributes of each entity, checked against the definition's entities. */
  private Map<String, List<Attribute>> storedAttributes() {
    Map<String, List<Attribute>> out = new LinkedHashMap<>();
    for (Pending p : attributes) {
      checkEntity(p.kind(), p.id());
      List<Attribute> as;
      if (p.what() instanceof EntityAttribute a) {
        as = List.of(ExodusMetadata.toStored(a, int64));
      } else if (p.what() instanceof FieldMetadata f) {
        as = ExodusMetadata.encode(f, int64);
      } else if (p.what() instanceof Basis b) {
        as = ExodusMetadata.encode(b, int64);
      } else if (p.what() instanceof Quadrature q) {
        as = ExodusMetadata.encode(q, int64);
      } else {
        as = List.of((Attribute) p.what());
      }
      List<Attribute> list =
          out.computeIfAbsent(ExodusLayout.attributeKey(p.kind(), p.id()), k -> new ArrayList<>());
      for (Attribute a : as) {
        for (Attribute e : list) {
          if (e.name().equals(a.name())) {
            throw new IllegalArgumentException(
                p.kind() + " " + p.id() + ": attribute " + a.name() + " is defined twice");
          }
        }
        list.add(a);
      }
    }
    return out;
  }

  /** Refuses an attribute on an entity the file will not have (or that has no variable for it). */
  private void checkEntity(EntityType kind, long id) {
    switch (kind) {
      case GLOBAL, NODAL -> {
        return;
      }
      case ASSEMBLY -> {
        for (Assembly a : assemblies) if (a.id() == id) return;
      }
      case BLOB -> {
        for (Blob b : blobs) if (b.id() == id) return;
      }
      default -> {
        if (kind.isBlock()) {
          for (BlockSpec b : blocks) {
            if (b.type() == kind && b.id() == id) {
              if (b.entries() == 0) {
                throw new IllegalArgumentException(
                    kind + " " + id + " has no entries, so no variable to hold attributes");
              }
              return;
            }
          }
        } else if (kind.isSet()) {
          for (SetSpec x : sets) {
            if (x.type() == kind && x.id() == id) {
              if (x.entries() == 0) {
                throw new IllegalArgumentException(
                    kind + " " + id + " has no entries, so no variable to hold attributes");
              }
              return;
            }
          }
        } else {
          throw new IllegalArgumentException(kind + " entities have no attributes");
        }
      }
    }
    throw new IllegalArgumentException(
        "attribute on " + kind + " " + id + ", which is not defined");
  }

  /** The definition in the terms of the Exodus layout. */
  ExodusLayout.Mesh layout() {
    java.util.Set<EntityType> stored = java.util.EnumSet.noneOf(EntityType.class);
    for (Map.Entry<EntityType, Boolean> e : idMaps.entrySet()) {
      if (e.getValue()) stored.add(e.getKey());
    }
    return new ExodusLayout.Mesh(
        title,
        dims,
        nodes,
        realWordSize,
        int64,
        maxNameLength,
        blocks,
        sets,
        stored,
        maps,
        qa.size(),
        info.size(),
        variables,
        truth,
        reduction,
        reductionObjects,
        assemblies,
        blobs,
        storedAttributes(),
        checkedSetAttributes(),
        nodalAttributeNames,
        frames,
        checkedProperties());
  }

  private Map<String, List<String>> checkedSetAttributes() {
    for (String key : setAttributeNames.keySet()) {
      boolean found = false;
      for (SetSpec x : sets) {
        if (ExodusLayout.attributeKey(x.type(), x.id()).equals(key)) {
          found = true;
          if (x.entries() == 0 && !setAttributeNames.get(key).isEmpty()) {
            throw new IllegalArgumentException(key + " has no entries to hold attributes");
          }
        }
      }
      if (!found) {
        throw new IllegalArgumentException("set attributes of " + key + ", which is not defined");
      }
    }
    return setAttributeNames;
  }

  private Map<EntityType, List<ExodusLayout.Property>> checkedProperties() {
    for (Map.Entry<EntityType, List<ExodusLayout.Property>> e : properties.entrySet()) {
      EntityType t = e.getKey();
      java.util.Set<Long> ids = new java.util.HashSet<>();
      for (BlockSpec b : blocks) if (b.type() == t) ids.add(b.id());
      for (SetSpec x : sets) if (x.type() == t) ids.add(x.id());
      for (ExodusLayout.Property p : e.getValue()) {
        for (Long id : p.valuesById().keySet()) {
          if (!ids.contains(id)) {
            throw new IllegalArgumentException(
                t + " property " + p.name() + " for id " + id + ", which is not defined");
          }
        }
      }
    }
    return properties;
  }

  /** A block whose stored topology names a node count other than its nodes per entry. */
  private static void checkTopology(BlockSpec b) {
    String name = b.topology() == null ? "" : b.topology().trim();
    int digits = name.length();
    while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) digits--;
    if (digits == name.length()
        || digits == 0
        || ExodusLayout.nfaced(b)
        || ExodusLayout.nsided(b)) {
      return;
    }
    Topology t = Topology.of(name, b.nodesPerEntry());
    if (t.nodes() > 0 && t.nodes() != b.nodesPerEntry() && b.entries() > 0) {
      throw new IllegalArgumentException(
          b.type()
              + " "
              + b.id()
              + ": topology "
              + name
              + " has "
              + t.nodes()
              + " nodes per entry, but the block says "
              + b.nodesPerEntry());
    }
  }
}
