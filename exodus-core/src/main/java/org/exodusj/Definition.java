package org.exodusj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.model.ExodusLayout;

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
  int deflateLevel = -1;
  boolean shuffle;
  boolean fletcher32;
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
  final List<Assembly> assemblies = new ArrayList<>();
  final List<Blob> blobs = new ArrayList<>();

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
    if (on && format != ExodusFormat.CDF5 && format != ExodusFormat.NETCDF4) {
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
   * NetCDF-4 only: deflate every chunk at {@code level} (0-9; -1 for none), with the shuffle filter
   * first when {@code shuffle} is set, as {@code nccopy -d level -s} does.
   */
  public Definition compression(int level, boolean shuffle) {
    requireNetcdf4("compression");
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level + " is not in 0-9");
    }
    this.deflateLevel = level;
    this.shuffle = shuffle;
    return this;
  }

  /** NetCDF-4 only: a Fletcher-32 checksum on every chunk, verified by every reader. */
  public Definition fletcher32(boolean on) {
    requireNetcdf4("Fletcher-32 checksums");
    this.fletcher32 = on;
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
    if (format != ExodusFormat.NETCDF4) {
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
   * Variables of a block or set kind; {@code truth[object][variable]} says where each is stored
   * (objects in definition order), or null for everywhere.
   */
  public Definition variables(EntityType kind, List<String> names, boolean[][] truth) {
    if (!kind.isBlock() && !kind.isSet()) {
      throw new IllegalArgumentException(kind + " variables are not block or set variables");
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
    return this;
  }

  public Definition assembly(Assembly a) {
    assemblies.add(a);
    return this;
  }

  public Definition blob(Blob b) {
    blobs.add(b);
    return this;
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
        assemblies,
        blobs);
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
