package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.storage.Attribute;

/**
 * {@link ExodusWriter#defineLike} and {@link ExodusWriter#copyMesh}: a file's mesh (sizes, blocks,
 * sets, maps, names, QA and info records, assemblies, blobs, entity attributes, field metadata, set
 * and nodal attributes, coordinate frames, properties) as a definition, and its data copied in
 * chunks of at most {@link #CHUNK} values, so memory stays bounded whatever the mesh's size.
 * Written over the public reader and writer only.
 */
final class MeshCopy {
  /** Values per read and write. */
  static final int CHUNK = 1 << 16;

  private static final List<EntityType> MAP_TYPES = EntityType.MAP_TYPES;

  private MeshCopy() {}

  /**
   * The format a copy keeps: the source's (a NetCDF-4 source stays NetCDF-4); CDF-5 for a classic
   * source that stores 64-bit integers (only CDF-5 holds them among the classic formats).
   */
  static ExodusFormat keptFormat(ExodusFile src) {
    FileInfo info = src.info();
    ExodusFormat stored = info.storageFormat();
    if (info.storesInt64() && !stored.holdsInt64()) return ExodusFormat.CDF5;
    return stored;
  }

  static Definition define(ExodusFile src) {
    return define(src, keptFormat(src));
  }

  static Definition define(ExodusFile src, ExodusFormat format) {
    java.util.Objects.requireNonNull(format, "format");
    FileInfo info = src.info();
    boolean int64 = info.storesInt64() && format.holdsInt64();
    Definition d =
        ExodusWriter.define(format, src.title(), src.dimensionCount(), src.nodeCount())
            .realWordSize(info.floatingPointWordSize() == 4 ? 4 : 8)
            .int64(int64)
            .maxNameLength(Math.max(1, Math.min(255, maxNameLength(src))));
    if (format.holdsFilters()) {
      Backends.StoredFilters kept = Backends.storedFilters(src.storage());
      if (kept != null) {
        d.compression(Compression.of(kept.filters())).chunkSteps(kept.chunkSteps());
      }
    }
    if (src.coordinateNames().size() == src.dimensionCount()) {
      d.coordinateNames(src.coordinateNames().toArray(new String[0]));
    }
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : src.blocks(t)) {
        d.block(
            new BlockSpec(
                t,
                b.id(),
                b.name(),
                b.storedType(),
                b.entryCount(),
                b.nodesPerEntry(),
                b.edgesPerEntry(),
                b.facesPerEntry(),
                b.attributeCount() > 0 ? b.attributeNames() : List.of()));
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : src.sets(t)) {
        d.set(new SetSpec(t, s.id(), s.name(), s.entryCount(), s.distributionFactorCount()));
      }
    }
    for (EntityType t : MAP_TYPES) {
      if (src.hasIdMap(t)) d.idMap(t);
      List<NumberedMap> maps = src.numberedMaps(t);
      if (!maps.isEmpty()) {
        d.numberedMaps(
            t,
            maps.stream().map(NumberedMap::id).toList(),
            maps.stream().map(NumberedMap::name).toList());
      }
    }
    d.qaRecords(src.qaRecords());
    d.infoRecords(src.infoRecords());
    for (Assembly a : src.assemblies()) d.assembly(a);
    for (Blob b : src.blobs()) d.blob(b);
    copyAttributes(src, d);
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : src.sets(t)) {
        if (s.attributeCount() > 0 && s.entryCount() > 0) {
          d.setAttributes(t, s.id(), s.attributeNames());
        }
      }
    }
    if (!src.nodalAttributeNames().isEmpty() && src.nodeCount() > 0) {
      d.nodalAttributes(src.nodalAttributeNames().toArray(new String[0]));
    }
    d.coordinateFrames(src.coordinateFrames());
    copyProperties(src, d);
    return d;
  }

  /**
   * Properties other than the id, every stored name in order (a name stored twice, "ID" too, is
   * kept: readers list it and read the first of the name, which is what the copy stores for it).
   */
  private static void copyProperties(ExodusFile src, Definition d) {
    for (EntityType t : EntityType.BLOCK_TYPES) {
      List<String> names = src.propertyNames(t);
      for (String n : names.subList(Math.min(1, names.size()), names.size())) {
        java.util.Map<Long, Long> v = new java.util.LinkedHashMap<>();
        for (Block b : src.blocks(t)) {
          v.put(b.id(), n.equals("ID") ? b.id() : b.properties().getOrDefault(n, 0L));
        }
        d.copiedProperty(t, n, v);
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<String> names = src.propertyNames(t);
      for (String n : names.subList(Math.min(1, names.size()), names.size())) {
        java.util.Map<Long, Long> v = new java.util.LinkedHashMap<>();
        for (EntitySet x : src.sets(t)) {
          v.put(x.id(), n.equals("ID") ? x.id() : x.properties().getOrDefault(n, 0L));
        }
        d.copiedProperty(t, n, v);
      }
    }
  }

  /**
   * Entity attributes, field metadata, bases and quadrature rules of every entity that has a
   * variable to hold them, as stored.
   */
  private static void copyAttributes(ExodusFile src, Definition d) {
    for (Attribute a : src.copyableAttributes(EntityType.GLOBAL, 0)) {
      d.storedAttribute(EntityType.GLOBAL, 0, a);
    }
    for (Attribute a : src.copyableAttributes(EntityType.NODAL, 0)) {
      d.storedAttribute(EntityType.NODAL, 0, a);
    }
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : src.blocks(t)) {
        if (b.entryCount() == 0) continue;
        for (Attribute a : src.copyableAttributes(t, b.id())) d.storedAttribute(t, b.id(), a);
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : src.sets(t)) {
        if (s.entryCount() == 0) continue;
        for (Attribute a : src.copyableAttributes(t, s.id())) d.storedAttribute(t, s.id(), a);
      }
    }
    for (Assembly x : src.assemblies()) {
      for (Attribute a : src.copyableAttributes(EntityType.ASSEMBLY, x.id())) {
        d.storedAttribute(EntityType.ASSEMBLY, x.id(), a);
      }
    }
    for (Blob x : src.blobs()) {
      for (Attribute a : src.copyableAttributes(EntityType.BLOB, x.id())) {
        d.storedAttribute(EntityType.BLOB, x.id(), a);
      }
    }
  }

  /** The longest name the source holds, at least the source's declared maximum and 32. */
  private static int maxNameLength(ExodusFile src) {
    int n = Math.max(32, src.info().maximumNameLength());
    List<String> names = new ArrayList<>(src.coordinateNames());
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : src.blocks(t)) {
        names.add(b.name());
        names.addAll(b.attributeNames());
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : src.sets(t)) names.add(s.name());
    }
    for (EntityType t : MAP_TYPES) {
      for (NumberedMap m : src.numberedMaps(t)) names.add(m.name());
    }
    for (String s : names) {
      n = Math.max(n, s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    return n;
  }

  static void copy(ExodusFile src, ExodusWriter w) throws IOException {
    // A faithful copy: entries the source holds out of range (the C library writes them without a
    // check) are copied as they are, not refused as a caller's mistake would be.
    w.indexChecks(false);
    try {
      copyData(src, w);
    } finally {
      w.indexChecks(true);
    }
  }

  private static void copyData(ExodusFile src, ExodusWriter w) throws IOException {
    double[] reals = new double[CHUNK];
    long[] ints = new long[CHUNK];
    long nodes = src.nodeCount();
    for (int axis = 0; axis < src.dimensionCount(); axis++) {
      if (!src.hasCoordinates(axis)) continue;
      for (long s = 0; s < nodes; s += CHUNK) {
        int n = (int) Math.min(CHUNK, nodes - s);
        src.readCoordinates(axis, s, n, reals, 0);
        w.writeCoordinates(axis, s, n, reals, 0);
      }
    }
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : src.blocks(t)) {
        copyBlock(src, w, b, reals, ints);
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : src.sets(t)) {
        long n = s.entryCount();
        long[] extra = s.hasExtraList() ? new long[CHUNK] : null;
        for (long a = 0; a < n; a += CHUNK) {
          int c = (int) Math.min(CHUNK, n - a);
          src.readSetEntries(s, a, c, ints, 0);
          if (extra != null) src.readSetExtra(s, a, c, extra, 0);
          w.writeSet(t, s.id(), a, c, ints, extra);
        }
        long na = s.entryCount() > 0 ? s.attributeCount() : 0;
        if (na > 0) {
          rows(
              n,
              na,
              (a, c) -> {
                double[] buf = c * na <= reals.length ? reals : new double[(int) (c * na)];
                src.readSetAttributes(s, a, c, buf, 0);
                w.writeSetAttributes(t, s.id(), a, c, buf, 0);
              });
        }
        long df = s.distributionFactorCount();
        for (long a = 0; a < df; a += CHUNK) {
          int c = (int) Math.min(CHUNK, df - a);
          src.readDistributionFactors(s, a, c, reals, 0);
          w.writeDistributionFactors(t, s.id(), a, c, reals, 0);
        }
      }
    }
    int nna = src.nodalAttributeNames().size();
    if (nna > 0 && nodes > 0) {
      rows(
          nodes,
          nna,
          (a, c) -> {
            double[] buf = c * nna <= reals.length ? reals : new double[(int) (c * nna)];
            src.readNodalAttributes(a, c, buf, 0);
            w.writeNodalAttributes(a, c, buf, 0);
          });
    }
    for (EntityType t : MAP_TYPES) {
      long len = src.entityCount(t);
      if (src.hasIdMap(t)) {
        for (long a = 0; a < len; a += CHUNK) {
          int c = (int) Math.min(CHUNK, len - a);
          src.readIdMap(t, a, c, ints, 0);
          w.writeIdMap(t, a, c, ints, 0);
        }
      }
      List<NumberedMap> maps = src.numberedMaps(t);
      for (int m = 0; m < maps.size(); m++) {
        NumberedMap map = maps.get(m);
        for (long a = 0; a < map.length(); a += CHUNK) {
          int c = (int) Math.min(CHUNK, map.length() - a);
          src.readNumberedMap(map, a, c, ints, 0);
          w.writeNumberedMap(t, m, a, c, ints, 0);
        }
      }
    }
  }

  private static void copyBlock(
      ExodusFile src, ExodusWriter w, Block b, double[] reals, long[] ints) throws IOException {
    EntityType t = b.type();
    if (b.entryCount() == 0) return;
    if (src.hasConnectivity(b)) {
      if (b.isPolytope()) {
        long len = b.connectivityLength();
        for (long a = 0; a < len; a += CHUNK) {
          int c = (int) Math.min(CHUNK, len - a);
          src.readConnectivity(b, a, c, ints, 0);
          w.writeConnectivity(t, b.id(), a, c, ints, 0);
        }
        int[] counts = new int[CHUNK];
        for (long a = 0; a < b.entryCount(); a += CHUNK) {
          int c = (int) Math.min(CHUNK, b.entryCount() - a);
          src.readEntityCounts(b, a, c, ints, 0);
          for (int i = 0; i < c; i++) counts[i] = Math.toIntExact(ints[i]);
          w.writeEntityCounts(t, b.id(), a, c, counts, 0);
        }
      } else if (b.nodesPerEntry() > 0) {
        rows(
            b.entryCount(),
            b.nodesPerEntry(),
            (a, c) -> {
              long[] buf = buffer(ints, c * b.nodesPerEntry());
              src.readConnectivity(b, a, c, buf, 0);
              w.writeConnectivity(t, b.id(), a, c, buf, 0);
            });
      }
    }
    if (t == EntityType.ELEM_BLOCK && b.edgesPerEntry() > 0) {
      rows(
          b.entryCount(),
          b.edgesPerEntry(),
          (a, c) -> {
            long[] buf = buffer(ints, c * b.edgesPerEntry());
            src.readEdgeConnectivity(b, a, c, buf, 0);
            w.writeEdgeConnectivity(b.id(), a, c, buf, 0);
          });
    }
    if (t == EntityType.ELEM_BLOCK && b.facesPerEntry() > 0 && b.topology() != Topology.NFACED) {
      rows(
          b.entryCount(),
          b.facesPerEntry(),
          (a, c) -> {
            long[] buf = buffer(ints, c * b.facesPerEntry());
            src.readFaceConnectivity(b, a, c, buf, 0);
            w.writeFaceConnectivity(b.id(), a, c, buf, 0);
          });
    }
    if (b.attributeCount() > 0) {
      rows(
          b.entryCount(),
          b.attributeCount(),
          (a, c) -> {
            double[] buf =
                c * b.attributeCount() <= reals.length
                    ? reals
                    : new double[(int) (c * b.attributeCount())];
            src.readAttributes(b, a, c, buf, 0);
            w.writeAttributes(t, b.id(), a, c, buf, 0);
          });
    }
  }

  private static long[] buffer(long[] ints, long n) {
    return n <= ints.length ? ints : new long[(int) n];
  }

  private interface Rows {
    void copy(long start, long count) throws IOException;
  }

  /** Visits entries in runs of at most CHUNK values (at least one entry per run). */
  private static void rows(long entries, long perEntry, Rows r) throws IOException {
    long per = Math.max(1, CHUNK / Math.max(1, perEntry));
    for (long a = 0; a < entries; a += per) {
      r.copy(a, Math.min(per, entries - a));
    }
  }
}
