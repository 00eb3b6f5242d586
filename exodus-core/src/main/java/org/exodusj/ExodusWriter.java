package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.Publication;
import org.exodusj.internal.model.ExodusLayout;
import org.exodusj.internal.model.ExodusNames;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * Writes a new Exodus II file in the layout libexodusII writes, so that the C library reads it back
 * identically: first the whole structure ({@link Definition}), then the data, straight from the
 * caller's arrays to their place in the file, whole or in ranges. Nothing the writer does holds a
 * whole array, so meshes far larger than the heap can be written in pieces.
 *
 * <pre>{@code
 * Definition d = ExodusWriter.define(ExodusFormat.CDF2, "my mesh", 3, nodes)
 *     .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", elements, 8))
 *     .nodalVariables("temperature");
 * try (ExodusWriter w = ExodusWriter.create(path, d)) {
 *   w.writeCoordinates(0, 0, nodes, x, 0);  // ... y, z
 *   w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, elements, conn, 0);
 *   long step = w.beginStep(0.0);
 *   w.writeNodalVariable(0, step, 0, nodes, t, 0);
 *   w.commitStep();                          // the step counts from here on
 * }
 * }</pre>
 *
 * <p><b>Steps count only when committed</b>: the record count in the header moves last (under the
 * file lock, only forward), so a reader or a crash never sees a half-written step. Step values are
 * written only to the step opened by {@link #beginStep}; a write to any other step is an {@link
 * IllegalStateException}. {@link #close()} with a step still open (an exception between {@code
 * beginStep} and {@code commitStep}) abandons that step: it never counts.
 *
 * <p><b>Creating</b> validates the whole definition before the path is touched, then writes into a
 * hidden {@code .NAME.partial} file beside it; the file appears at its path (atomically replacing
 * what was there) when the first step begins or at {@link #close()}, whichever comes first: a crash
 * or a full disk before then leaves any old file intact and never a partial mesh at the path, and a
 * follower sees the file from its first step on. {@link Definition#noClobber} refuses an existing
 * file, as the C library's {@code EX_NOCLOBBER}. A second writer on the same path, in this process
 * or another, is refused with {@link FileInUseException} while the first is open, and so is a
 * writer on a file that updaters have open.
 *
 * <p>Connectivity and set entries are checked while they stream: a node, element, edge or face
 * number outside 1..count (0-based connectivity is the usual porting bug) is an {@link
 * IllegalArgumentException} naming the block or set, the entry and the value, before anything of
 * that call is written. A writer is thread-safe (its calls are serialized). Indices are 0-based.
 */
@SuppressWarnings("try") // lock holders are try-with-resources that the body never names
public final class ExodusWriter implements Closeable {

  /** Starts the definition of a new file. */
  public static Definition define(ExodusFormat format, String title, int dimensions, long nodes) {
    return new Definition(format, title, dimensions, nodes);
  }

  /** Starts the definition of a new CDF-2 file, libexodusII's default format. */
  public static Definition define(String title, int dimensions, long nodes) {
    return new Definition(ExodusFormat.CDF2, title, dimensions, nodes);
  }

  private final Path path;
  private final Path target; // path with symbolic links followed: where the file appears
  private final Definition def;
  private final StorageWriter w;
  private final FileLocks.Entry entry;
  private final FileLocks.Held owner;
  private final DataType real;
  private final Map<String, Integer> index = new HashMap<>();
  private boolean closed;
  private boolean published;
  // Off only while copyMesh copies a source faithfully (a file may hold out-of-range entries that
  // the C library wrote without a check; a copy keeps them, as nccopy would).
  private boolean indexChecks = true;

  /** The mesh arrays a write has reached (by netCDF name), for {@link #unwrittenMesh()}. */
  private final java.util.Set<String> meshWritten = new java.util.HashSet<>();

  /** Set by {@link #copyMesh}: what the source lacked, the copy lacks too. */
  private boolean meshCopied;

  private long openStep = -1;
  private IOException failure;

  private ExodusWriter(
      Path path,
      Path target,
      Definition def,
      StorageWriter w,
      FileLocks.Entry entry,
      FileLocks.Held owner) {
    this.path = path;
    this.target = target;
    this.def = def;
    this.w = w;
    this.entry = entry;
    this.owner = owner;
    this.real = def.realWordSize == 4 ? DataType.FLOAT : DataType.DOUBLE;
    Map<EntityType, Integer> counters = new HashMap<>();
    for (BlockSpec b : def.blocks) {
      index.put(key(b.type(), b.id()), counters.merge(b.type(), 1, Integer::sum));
    }
    for (SetSpec s : def.sets) {
      index.put(key(s.type(), s.id()), counters.merge(s.type(), 1, Integer::sum));
    }
  }

  private static String key(EntityType t, long id) {
    return t + "/" + id;
  }

  /**
   * Creates the file with the definition's structure: dimensions, ids, names, truth tables, QA and
   * info records and assemblies are written now; everything else by the write methods. The whole
   * definition is validated before anything on disk is touched. The file is written into a hidden
   * {@code .NAME.partial} beside {@code path} and appears at {@code path} when the first step
   * begins or at {@link #close()}; from then on it is written in place, so another process can
   * follow it while steps are appended (it sees only committed steps); data not yet written holds
   * the fill value.
   *
   * @throws FileInUseException when another writer has this path open (or is creating it), or
   *     updaters have the existing file open
   * @throws java.nio.file.FileAlreadyExistsException with {@link Definition#noClobber} when the
   *     path exists
   */
  public static ExodusWriter create(Path path, Definition def) throws IOException {
    validate(def);
    Schema s = ExodusLayout.define(Backends.schema(def.format), def.layout());
    StorageWriter.Options wo =
        new StorageWriter.Options(true, def.sync, def.headerRoom)
            .withChunking(def.deflateLevel, def.shuffle, def.fletcher32, def.chunkSteps)
            .withCompressor(def.compressor)
            .withFilters(def.filters == null ? List.of() : def.filters.filters());
    Backends.check(def.format, s, wo); // format limits (sizes, offsets), before any file
    if (def.noClobber && Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.FileAlreadyExistsException(
          path.toString(), null, "exists, and the definition says noClobber");
    }
    Path target = throughLinks(path);
    requireWritableDirectory(path, target);
    refuseIfOpenForWriting(target);
    Path partial = partialPath(target);
    FileLocks.Entry entry = FileLocks.open(partial, true);
    FileLocks.Held owner = null;
    StorageWriter w = null;
    try {
      owner = entry.ownAsWriter("another ExodusWriter is creating " + path);
      // messages name the path the caller gave
      w = Backends.create(path, entry.channel(), def.format, s, wo);
      ExodusWriter x = new ExodusWriter(path, target, def, w, entry, owner);
      x.writeStructure();
      return x;
    } catch (IOException | RuntimeException e) {
      try {
        if (w != null) w.close();
        if (owner != null) {
          Files.deleteIfExists(partial);
          owner.close();
        }
        entry.close();
      } catch (IOException | RuntimeException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
  }

  /**
   * A new file for {@code path} (its link target {@code target}) needs a directory this process can
   * create files in: said naming the path the caller gave and the directory, before any hidden
   * partial file is tried (whose name only confused).
   */
  static void requireWritableDirectory(Path path, Path target) throws IOException {
    Path dir = target.toAbsolutePath().normalize().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(), null, "cannot create it: no directory " + dir);
    }
    if (!Files.isWritable(dir)) {
      throw new java.nio.file.AccessDeniedException(
          path.toString(), null, "cannot create it: directory " + dir + " is not writable");
    }
  }

  /** The hidden file a new file is written into until it appears at its path. */
  static Path partialPath(Path path) {
    return Publication.partialPath(path);
  }

  /**
   * The file a path names once symbolic links are followed: a file written through a link replaces
   * the link's target, as the C library's writes through a link do, not the link itself.
   */
  static Path throughLinks(Path path) throws IOException {
    Path p = path.toAbsolutePath().normalize();
    for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
      p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
    }
    if (Files.isSymbolicLink(p)) {
      throw new java.nio.file.FileSystemException(path.toString(), null, "too many symbolic links");
    }
    return p;
  }

  /** Refuses (FileInUseException) when a writer, updater or rewrite holds the file at path. */
  static void refuseIfOpenForWriting(Path path) throws IOException {
    replaceHolding(null, path);
  }

  /**
   * Moves {@code from} over {@code target} atomically while holding {@code target}'s current file
   * as its owner, so that no writer or updater can open it between the check and the move (and
   * refuses, FileInUseException, when one has it open); with {@code from} null, only the check.
   */
  static void replaceHolding(Path from, Path target) throws IOException {
    if (!Files.isRegularFile(target)) {
      if (from != null) Publication.publish(from, target);
      return;
    }
    try (FileLocks.Entry e = FileLocks.open(target, false);
        FileLocks.Held owner = e.ownForRewrite("cannot create a new file over it now")) {
      if (from != null) Publication.publish(from, target);
    }
  }

  /** Everything that can be wrong with a definition, found before the disk is touched. */
  private static void validate(Definition d) {
    List<String> names = new ArrayList<>();
    for (BlockSpec b : d.blocks) {
      names.add(b.name());
      names.addAll(b.attributeNames());
    }
    for (SetSpec x : d.sets) names.add(x.name());
    for (List<NumberedMap> ms : d.maps.values()) for (NumberedMap m : ms) names.add(m.name());
    names.addAll(d.coordinateNames);
    for (List<String> v : d.variables.values()) names.addAll(v);
    for (List<String> v : d.reduction.values()) names.addAll(v);
    for (String n : names) {
      if (n == null) {
        throw new IllegalArgumentException("a name is null");
      }
      if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > d.maxNameLength) {
        throw new IllegalArgumentException(
            "name '" + n + "' is longer than the maximum name length " + d.maxNameLength);
      }
    }
    for (Map.Entry<EntityType, boolean[][]> e : d.truth.entrySet()) {
      List<Long> objects = objectEntries(d, e.getKey());
      int nv = d.variables.getOrDefault(e.getKey(), List.of()).size();
      boolean[][] t = e.getValue();
      if (t.length != objects.size()) {
        throw new IllegalArgumentException(
            e.getKey()
                + " truth table has "
                + t.length
                + " rows for "
                + objects.size()
                + " objects");
      }
      for (int o = 0; o < t.length; o++) {
        if (t[o] == null || t[o].length != nv) {
          throw new IllegalArgumentException(
              e.getKey()
                  + " truth table row "
                  + o
                  + " has "
                  + (t[o] == null ? 0 : t[o].length)
                  + " entries for "
                  + nv
                  + " variables");
        }
      }
    }
  }

  // ---- the structure ---------------------------------------------------------------------------

  /** Entry counts of the objects of a kind, in definition order. */
  private static List<Long> objectEntries(Definition d, EntityType t) {
    if (t == EntityType.BLOB) {
      return d.blobs.stream().map(Blob::valueCount).toList();
    }
    if (t == EntityType.ASSEMBLY) {
      return d.assemblies.stream().map(a -> (long) a.members().size()).toList();
    }
    return ExodusLayout.objectEntries(d.blocks, d.sets, t);
  }

  /** The ids, status (1 where the object has entries) and names of one block or set kind. */
  private void writeObjectList(ExodusNames.Kind k, long[] ids, long[] entries, List<String> names)
      throws IOException {
    int[] status = new int[ids.length];
    for (int i = 0; i < ids.length; i++) status[i] = entries[i] > 0 ? 1 : 0;
    w.write(w.variable(k.ids()), new long[] {0}, new long[] {ids.length}, ids, 0);
    w.write(w.variable(k.status()), new long[] {0}, new long[] {status.length}, status, 0);
    writeNames(k.names(), names);
  }

  private void writeStructure() throws IOException {
    for (EntityType t : EntityType.BLOCK_TYPES) {
      List<BlockSpec> bs = def.blocks.stream().filter(b -> b.type() == t).toList();
      if (bs.isEmpty()) continue;
      ExodusNames.Kind k = ExodusNames.of(t);
      writeObjectList(
          k,
          bs.stream().mapToLong(BlockSpec::id).toArray(),
          bs.stream().mapToLong(BlockSpec::entries).toArray(),
          bs.stream().map(BlockSpec::name).toList());
      for (int i = 0; i < bs.size(); i++) {
        if (!bs.get(i).attributeNames().isEmpty()) {
          writeNames(k.attribNames() + (i + 1), bs.get(i).attributeNames());
        }
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<SetSpec> ss = def.sets.stream().filter(x -> x.type() == t).toList();
      if (ss.isEmpty()) continue;
      writeObjectList(
          ExodusNames.of(t),
          ss.stream().mapToLong(SetSpec::id).toArray(),
          ss.stream().mapToLong(SetSpec::entries).toArray(),
          ss.stream().map(SetSpec::name).toList());
    }
    for (Map.Entry<EntityType, List<NumberedMap>> e : def.maps.entrySet()) {
      ExodusNames.MapKind k = ExodusNames.map(e.getKey());
      long[] ids = e.getValue().stream().mapToLong(NumberedMap::id).toArray();
      w.write(w.variable(k.ids()), new long[] {0}, new long[] {ids.length}, ids, 0);
      writeNames(k.names(), e.getValue().stream().map(NumberedMap::name).toList());
    }
    List<String> coordNames =
        def.coordinateNames.isEmpty()
            ? java.util.Collections.nCopies(def.dims, "")
            : def.coordinateNames;
    writeNames(ExodusNames.COORD_NAMES, coordNames);
    for (int i = 0; i < def.qa.size(); i++) {
      QaRecord q = def.qa.get(i);
      String[] f = {q.codeName(), q.codeVersion(), q.date(), q.time()};
      for (int j = 0; j < 4; j++) {
        w.writeText(
            w.variable(ExodusNames.QA_RECORDS),
            new long[] {i, j, 0},
            new long[] {1, 1, ExodusLayout.QA_STRING_LENGTH},
            clip(f[j], ExodusLayout.QA_STRING_LENGTH - 1));
      }
    }
    for (int i = 0; i < def.info.size(); i++) {
      w.writeText(
          w.variable(ExodusNames.INFO_RECORDS),
          new long[] {i, 0},
          new long[] {1, ExodusLayout.INFO_LINE_LENGTH},
          clip(def.info.get(i), ExodusLayout.INFO_LINE_LENGTH - 1));
    }
    for (Assembly a : def.assemblies) {
      long[] m = a.members().stream().mapToLong(Long::longValue).toArray();
      if (m.length > 0) {
        w.write(
            w.variable(ExodusNames.of(EntityType.ASSEMBLY).conn() + a.id()),
            new long[] {0},
            new long[] {m.length},
            m,
            0);
      }
    }
    if (!def.nodalAttributeNames.isEmpty()) {
      writeNames(ExodusNames.NODAL_ATTRIB_NAMES, def.nodalAttributeNames);
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<SetSpec> ss = def.sets.stream().filter(x -> x.type() == t).toList();
      for (int i = 0; i < ss.size(); i++) {
        List<String> an = def.setAttributeNames.get(ExodusLayout.attributeKey(t, ss.get(i).id()));
        if (an != null && !an.isEmpty()) {
          writeNames(ExodusNames.of(t).attribNames() + (i + 1), an);
        }
      }
    }
    int nf = def.frames.size();
    if (nf > 0) {
      long[] ids = new long[nf];
      byte[] tags = new byte[nf];
      double[] xyz = new double[9 * nf];
      for (int i = 0; i < nf; i++) {
        CoordinateFrame f = def.frames.get(i);
        ids[i] = f.id();
        tags[i] = (byte) f.tag();
        for (int k = 0; k < 9; k++) xyz[9 * i + k] = f.coordinates().get(k);
      }
      w.write(w.variable(ExodusNames.FRAME_IDS), new long[] {0}, new long[] {nf}, ids, 0);
      w.writeText(
          w.variable(ExodusNames.FRAME_TAGS),
          new long[] {0},
          new long[] {nf},
          new String(tags, java.nio.charset.StandardCharsets.ISO_8859_1));
      writeReals(ExodusNames.FRAME_COORDS, new long[] {0}, new long[] {9L * nf}, xyz, 0);
    }
    for (Map.Entry<EntityType, List<ExodusLayout.Property>> e : def.properties.entrySet()) {
      EntityType t = e.getKey();
      List<Long> ids = new ArrayList<>();
      for (BlockSpec b : def.blocks) if (b.type() == t) ids.add(b.id());
      for (SetSpec x : def.sets) if (x.type() == t) ids.add(x.id());
      int j = 2;
      for (ExodusLayout.Property p : e.getValue()) {
        long[] v = new long[ids.size()];
        for (int i = 0; i < v.length; i++) v[i] = p.valuesById().getOrDefault(ids.get(i), 0L);
        w.write(
            w.variable(ExodusNames.of(t).propPrefix() + j++),
            new long[] {0},
            new long[] {v.length},
            v,
            0);
      }
    }
    for (Blob b : def.blobs) {
      // as ex_put_blob: the entity variable holds one dummy value
      w.write(
          w.variable(ExodusNames.of(EntityType.BLOB).conn() + b.id()),
          new long[] {0},
          new long[] {1},
          new int[] {0},
          0);
    }
    for (Map.Entry<EntityType, List<String>> e : def.variables.entrySet()) {
      EntityType t = e.getKey();
      if (e.getValue().isEmpty()) continue;
      if ((t == EntityType.BLOB || t == EntityType.ASSEMBLY) && def.truth.get(t) == null) {
        writeNames(ExodusNames.of(t).varNames(), e.getValue()); // no truth table, as libexodus
      } else if (t == EntityType.GLOBAL) {
        writeNames(ExodusNames.NAME_GLO_VAR, e.getValue());
      } else if (t == EntityType.NODAL) {
        writeNames(ExodusNames.NAME_NOD_VAR, e.getValue());
      } else {
        ExodusNames.Kind k = ExodusNames.of(t);
        writeNames(k.varNames(), e.getValue());
        List<Long> entries = objectEntries(def, t);
        boolean[][] truth = def.truth.get(t);
        int nv = e.getValue().size();
        int[] tab = new int[entries.size() * nv];
        for (int o = 0; o < entries.size(); o++) {
          for (int v = 0; v < nv; v++) {
            tab[o * nv + v] = entries.get(o) > 0 && (truth == null || truth[o][v]) ? 1 : 0;
          }
        }
        w.write(w.variable(k.varTab()), new long[] {0, 0}, new long[] {entries.size(), nv}, tab, 0);
      }
    }
    for (Map.Entry<EntityType, List<String>> e : def.reduction.entrySet()) {
      if (!e.getValue().isEmpty()) {
        writeNames(ExodusNames.of(e.getKey()).redNames(), e.getValue());
      }
    }
  }

  /**
   * The longest prefix of {@code s} of at most {@code max} UTF-8 bytes, never cutting a character.
   */
  static String clip(String s, int max) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length <= max) {
      return s;
    }
    int end = max;
    while (end > 0 && (b[end] & 0xC0) == 0x80) {
      end--; // b[end] continues a character that starts before it: cut before that character
    }
    return new String(Arrays.copyOf(b, end), java.nio.charset.StandardCharsets.UTF_8);
  }

  private void writeNames(String var, List<String> names) throws IOException {
    Variable v = w.variable(var);
    int len = (int) v.dimensions().get(1).length();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > def.maxNameLength) {
        throw new IllegalArgumentException(
            "name '" + n + "' is longer than the maximum name length " + def.maxNameLength);
      }
      w.writeText(v, new long[] {i, 0}, new long[] {1, len}, n);
    }
  }

  // ---- data ------------------------------------------------------------------------------------

  /** Coordinates {@code [start, start + count)} of {@code axis}. */
  public synchronized void writeCoordinates(int axis, long start, long count, double[] src, int off)
      throws IOException {
    ensureOpen();
    if (axis < 0 || axis >= def.dims) {
      throw new IndexOutOfBoundsException("axis " + axis + " of " + def.dims);
    }
    writeReals(ExodusNames.coord(axis), new long[] {start}, new long[] {count}, src, off);
    if (count > 0) meshWritten.add(ExodusNames.coord(axis));
  }

  /**
   * Connectivity: for fixed-size blocks entries {@code [start, start + count)}, each {@code
   * nodesPerEntry} values; for NSIDED and NFACED blocks positions in the flat list.
   */
  public synchronized void writeConnectivity(
      EntityType type, long id, long start, long count, long[] src, int off) throws IOException {
    ensureOpen();
    Region r = connectivity(type, id, start, count);
    checkIndices(r, type, id, start, (int) r.total(), i -> src[off + i]);
    w.write(r.variable(), r.start(), r.count(), src, off);
    if (count > 0) meshWritten.add(r.variable().name());
  }

  public synchronized void writeConnectivity(
      EntityType type, long id, long start, long count, int[] src, int off) throws IOException {
    ensureOpen();
    Region r = connectivity(type, id, start, count);
    checkIndices(r, type, id, start, (int) r.total(), i -> src[off + i]);
    w.write(r.variable(), r.start(), r.count(), src, off);
    if (count > 0) meshWritten.add(r.variable().name());
  }

  /** Where a block's connectivity of entries (or flat-list positions) lives in the file. */
  private record Region(
      Variable variable, long[] start, long[] count, long perEntry, long max, String what) {
    long total() {
      long n = 1;
      for (long c : count) n *= c;
      return n;
    }
  }

  @FunctionalInterface
  private interface LongAt {
    long at(int i);
  }

  /**
   * Refuses (before anything is written) a value outside 1..region.max, naming the object, the
   * entry and the value. The caller's array is read once, nothing is allocated.
   */
  private void checkIndices(Region r, EntityType type, long id, long start, int n, LongAt values) {
    if (!indexChecks || n < 0) {
      return; // the slab check reports it
    }
    for (int i = 0; i < n; i++) {
      long v;
      try {
        v = values.at(i);
      } catch (ArrayIndexOutOfBoundsException e) {
        return; // the slab check reports a short array with every number
      }
      if (v < 1 || v > r.max()) {
        long entry = start + (r.perEntry() > 0 ? i / r.perEntry() : i);
        throw new IllegalArgumentException(
            path
                + ": "
                + type
                + " "
                + id
                + " entry "
                + entry
                + (r.perEntry() > 1 ? " position " + (i % r.perEntry()) : "")
                + ": "
                + r.what()
                + " "
                + v
                + " is outside 1.."
                + r.max()
                + (v == 0 ? " (numbers are 1-based in Exodus files)" : ""));
      }
    }
  }

  private long totalEntries(EntityType blockType) {
    long n = 0;
    for (BlockSpec b : def.blocks) if (b.type() == blockType) n += b.entries();
    return n;
  }

  private Region connectivity(EntityType type, long id, long start, long count) {
    BlockSpec b = block(type, id);
    int i = index.get(key(type, id));
    if (ExodusLayout.nfaced(b)) {
      return new Region(
          w.variable(ExodusNames.faceConn(i)),
          new long[] {start},
          new long[] {count},
          1,
          totalEntries(EntityType.FACE_BLOCK),
          "face");
    }
    Variable v = w.variable(ExodusNames.of(type).conn() + i);
    return ExodusLayout.nsided(b)
        ? new Region(v, new long[] {start}, new long[] {count}, 1, def.nodes, "node")
        : new Region(
            v,
            new long[] {start, 0},
            new long[] {count, b.nodesPerEntry()},
            b.nodesPerEntry(),
            def.nodes,
            "node");
  }

  /** Nodes per entry of an NSIDED block, or faces per entry of an NFACED block. */
  public synchronized void writeEntityCounts(
      EntityType type, long id, long start, long count, int[] src, int off) throws IOException {
    ensureOpen();
    block(type, id);
    int i = index.get(key(type, id));
    w.write(
        w.variable(ExodusNames.of(type).epec() + i),
        new long[] {start},
        new long[] {count},
        src,
        off);
    if (count > 0) meshWritten.add(ExodusNames.of(type).epec() + i);
  }

  /** Edges of elements {@code [start, start + count)} of an element block, element-major. */
  public synchronized void writeEdgeConnectivity(
      long id, long start, long count, long[] src, int off) throws IOException {
    ensureOpen();
    BlockSpec b = block(EntityType.ELEM_BLOCK, id);
    String name = ExodusNames.edgeConn(index.get(key(EntityType.ELEM_BLOCK, id)));
    checkIndices(
        new Region(
            null, null, null, b.edgesPerEntry(), totalEntries(EntityType.EDGE_BLOCK), "edge"),
        EntityType.ELEM_BLOCK,
        id,
        start,
        (int) Math.min(Integer.MAX_VALUE, count * b.edgesPerEntry()),
        i -> src[off + i]);
    writeElementRows(name, start, count, b.edgesPerEntry(), src, off);
  }

  /** Faces of elements {@code [start, start + count)} of an element block, element-major. */
  public synchronized void writeFaceConnectivity(
      long id, long start, long count, long[] src, int off) throws IOException {
    ensureOpen();
    BlockSpec b = block(EntityType.ELEM_BLOCK, id);
    String name = ExodusNames.faceConn(index.get(key(EntityType.ELEM_BLOCK, id)));
    checkIndices(
        new Region(
            null, null, null, b.facesPerEntry(), totalEntries(EntityType.FACE_BLOCK), "face"),
        EntityType.ELEM_BLOCK,
        id,
        start,
        (int) Math.min(Integer.MAX_VALUE, count * b.facesPerEntry()),
        i -> src[off + i]);
    writeElementRows(name, start, count, b.facesPerEntry(), src, off);
  }

  private void writeElementRows(
      String variable, long start, long count, long perEntry, long[] src, int off)
      throws IOException {
    w.write(w.variable(variable), new long[] {start, 0}, new long[] {count, perEntry}, src, off);
    if (count > 0) meshWritten.add(variable);
  }

  /** Attributes of entries {@code [start, start + count)}, entry-major. */
  public synchronized void writeAttributes(
      EntityType type, long id, long start, long count, double[] src, int off) throws IOException {
    ensureOpen();
    BlockSpec b = block(type, id);
    int i = index.get(key(type, id));
    writeReals(
        ExodusNames.of(type).attrib() + i,
        new long[] {start, 0},
        new long[] {count, b.attributeNames().size()},
        src,
        off);
  }

  /**
   * Set attributes (declared with {@link Definition#setAttributes}) of entries {@code [start, start
   * + count)}, entry-major.
   */
  public synchronized void writeSetAttributes(
      EntityType type, long id, long start, long count, double[] src, int off) throws IOException {
    ensureOpen();
    set(type, id);
    List<String> names = def.setAttributeNames.get(ExodusLayout.attributeKey(type, id));
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException(path + ": " + type + " " + id + " has no attributes");
    }
    writeReals(
        ExodusNames.of(type).attrib() + index.get(key(type, id)),
        new long[] {start, 0},
        new long[] {count, names.size()},
        src,
        off);
  }

  /**
   * Nodal attributes (declared with {@link Definition#nodalAttributes}) of nodes {@code [start,
   * start + count)}, node-major.
   */
  public synchronized void writeNodalAttributes(long start, long count, double[] src, int off)
      throws IOException {
    ensureOpen();
    int n = def.nodalAttributeNames.size();
    if (n == 0) {
      throw new IllegalArgumentException(path + ": no nodal attributes are defined");
    }
    writeReals(ExodusNames.NODAL_ATTRIB, new long[] {start, 0}, new long[] {count, n}, src, off);
  }

  /** Set entries and, for side, edge and face sets, the second list (sides or orientations). */
  public synchronized void writeSet(
      EntityType type, long id, long start, long count, long[] entries, long[] extra)
      throws IOException {
    ensureOpen();
    set(type, id);
    int i = index.get(key(type, id));
    ExodusNames.Kind k = ExodusNames.of(type);
    EntityType members = ExodusLayout.setMembers(type);
    long max = members == EntityType.NODAL ? def.nodes : totalEntries(members);
    String what =
        switch (members) {
          case NODAL -> "node";
          case EDGE_BLOCK -> "edge";
          case FACE_BLOCK -> "face";
          default -> "element";
        };
    checkIndices(
        new Region(null, null, null, 1, max, what),
        type,
        id,
        start,
        (int) Math.min(Integer.MAX_VALUE, count),
        j -> entries[j]);
    if (type == EntityType.SIDE_SET && extra != null) {
      checkIndices(
          new Region(null, null, null, 1, 6, "side"),
          type,
          id,
          start,
          (int) Math.min(Integer.MAX_VALUE, count),
          j -> extra[j]);
    }
    w.write(w.variable(k.entries() + i), new long[] {start}, new long[] {count}, entries, 0);
    if (count > 0) meshWritten.add(k.entries() + i);
    if (k.extra() != null) {
      if (extra == null) {
        throw new IllegalArgumentException(
            type + " " + id + " needs its second list (sides or orientations)");
      }
      w.write(w.variable(k.extra() + i), new long[] {start}, new long[] {count}, extra, 0);
    }
  }

  public synchronized void writeDistributionFactors(
      EntityType type, long id, long start, long count, double[] src, int off) throws IOException {
    ensureOpen();
    set(type, id);
    writeReals(
        ExodusNames.of(type).df() + index.get(key(type, id)),
        new long[] {start},
        new long[] {count},
        src,
        off);
  }

  /**
   * The id map of NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP (declared with {@link
   * Definition#idMap}).
   */
  public synchronized void writeIdMap(
      EntityType mapType, long start, long count, long[] src, int off) throws IOException {
    ensureOpen();
    w.write(
        w.variable(ExodusNames.idMap(mapType)), new long[] {start}, new long[] {count}, src, off);
    if (count > 0) meshWritten.add(ExodusNames.idMap(mapType));
  }

  /** As {@link #writeIdMap(EntityType, long, long, long[], int)}, from ints (the join's ids). */
  synchronized void writeIdMap(EntityType mapType, long start, long count, int[] src, int off)
      throws IOException {
    ensureOpen();
    w.write(
        w.variable(ExodusNames.idMap(mapType)), new long[] {start}, new long[] {count}, src, off);
    if (count > 0) meshWritten.add(ExodusNames.idMap(mapType));
  }

  /** Values of numbered map {@code index} (0-based) of a map kind. */
  public synchronized void writeNumberedMap(
      EntityType mapType, int index, long start, long count, long[] src, int off)
      throws IOException {
    ensureOpen();
    w.write(
        w.variable(ExodusNames.map(mapType).valuesPrefix() + (index + 1)),
        new long[] {start},
        new long[] {count},
        src,
        off);
  }

  /**
   * Formerly wrote values into a blob's entity variable, where no C library call reads them.
   *
   * @deprecated A blob holds no values of its own in the Exodus model: define blob variables
   *     ({@link Definition#variables} with {@link EntityType#BLOB}) and write them with {@link
   *     #writeVariable}. This method now throws.
   * @throws UnsupportedOperationException always
   */
  @Deprecated(since = "0.1.0")
  public synchronized void writeBlob(long id, long start, long count, double[] src, int off)
      throws IOException {
    throw new UnsupportedOperationException(
        path
            + ": blob "
            + id
            + " holds no values of its own; define blob variables and write them with"
            + " writeVariable(EntityType.BLOB, ...)");
  }

  // ---- steps -----------------------------------------------------------------------------------

  /**
   * Starts the next step with its time; returns its index. Write its values, then commit. The first
   * step makes the file appear at its path (see {@link #create}).
   *
   * @throws IllegalStateException when a step is open (not committed yet), or, before the first
   *     step, when parts of the mesh were never written (named; see {@link
   *     Definition#allowUnwrittenMesh}): nothing is published, write them and begin again
   * @throws IllegalArgumentException for a NaN or infinite time
   */
  public synchronized long beginStep(double time) throws IOException {
    ensureOpen();
    if (openStep >= 0) {
      throw new IllegalStateException(path + ": step " + openStep + " is not committed yet");
    }
    if (!Double.isFinite(time)) {
      throw new IllegalArgumentException(path + ": step time " + time + " is not a finite number");
    }
    if (!published) refuseUnwrittenMesh("the first step was not begun");
    publish();
    openStep = w.writtenRecords();
    failure = null;
    writeStepReals(
        ExodusNames.TIME_WHOLE,
        openStep,
        new long[] {openStep},
        new long[] {1},
        new double[] {time},
        0);
    return openStep;
  }

  /**
   * Makes the open step count: its data is complete (the record count moves last, under the file
   * lock). If a write of the step failed (a full disk, an I/O error), the step is abandoned instead
   * and never counts.
   *
   * @throws IllegalStateException when no step is open
   */
  public synchronized void commitStep() throws IOException {
    ensureOpen();
    if (openStep < 0) {
      throw new IllegalStateException(path + ": no step is open (call beginStep first)");
    }
    if (failure != null) {
      IOException f = failure;
      failure = null;
      openStep = -1;
      w.abandonUncommitted();
      throw new IOException(path + ": the step was not counted: one of its writes failed", f);
    }
    try (FileLocks.Held l = entry.exclusive()) {
      w.commit();
    }
    openStep = -1;
  }

  public synchronized void writeGlobalVariables(long step, double[] src, int off)
      throws IOException {
    ensureOpen();
    int n = def.variables.getOrDefault(EntityType.GLOBAL, List.of()).size();
    if (n == 0) {
      throw new IllegalArgumentException(path + ": no global variables are defined");
    }
    writeStepReals(
        ExodusNames.VALS_GLO_VAR, step, new long[] {step, 0}, new long[] {1, n}, src, off);
  }

  public synchronized void writeNodalVariable(
      int var, long step, long start, long count, double[] src, int off) throws IOException {
    ensureOpen();
    int n = def.variables.getOrDefault(EntityType.NODAL, List.of()).size();
    if (var < 0 || var >= n) {
      throw new IndexOutOfBoundsException(path + ": nodal variable " + var + " of " + n);
    }
    writeStepReals(
        ExodusNames.nodalValues(var + 1),
        step,
        new long[] {step, start},
        new long[] {1, count},
        src,
        off);
  }

  /**
   * A block, set, assembly or blob variable on the object with {@code id}, entries {@code [start,
   * start + count)}.
   */
  public synchronized void writeVariable(
      EntityType kind, int var, long id, long step, long start, long count, double[] src, int off)
      throws IOException {
    ensureOpen();
    long suffix;
    if (kind == EntityType.BLOB || kind == EntityType.ASSEMBLY) {
      suffix = id; // named by id, as libexodus names them
      if (!objectEntries(def, kind).isEmpty()
          && !(kind == EntityType.BLOB
              ? def.blobs.stream().anyMatch(b -> b.id() == id)
              : def.assemblies.stream().anyMatch(a -> a.id() == id))) {
        throw new IllegalArgumentException(kind + " " + id + " is not defined");
      }
    } else {
      Integer i = index.get(key(kind, id));
      if (i == null) {
        throw new IllegalArgumentException(kind + " " + id + " is not defined");
      }
      suffix = i;
    }
    int nv = def.variables.getOrDefault(kind, List.of()).size();
    if (var < 0 || var >= nv) {
      throw new IndexOutOfBoundsException(path + ": " + kind + " variable " + var + " of " + nv);
    }
    ExodusNames.Kind k = ExodusNames.of(kind);
    String name = k.varValues(var + 1, suffix);
    if (w.findVariable(name).isEmpty()) {
      throw new IllegalArgumentException(
          kind + " variable " + var + " is not stored on " + id + " (truth table)");
    }
    writeStepReals(name, step, new long[] {step, start}, new long[] {1, count}, src, off);
  }

  /** All reduction variables of one object (block, set: by id; assembly, blob: by id) at a step. */
  public synchronized void writeReductionVariables(
      EntityType kind, long id, long step, double[] src, int off) throws IOException {
    ensureOpen();
    List<String> names = def.reduction.getOrDefault(kind, List.of());
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          path + ": no " + kind + " reduction variables are defined");
    }
    ExodusNames.Kind k = ExodusNames.of(kind);
    long suffix;
    if (kind == EntityType.ASSEMBLY || kind == EntityType.BLOB) {
      suffix = id;
    } else {
      Integer i = index.get(key(kind, id));
      if (i == null) {
        throw new IllegalArgumentException(path + ": " + kind + " " + id + " is not defined");
      }
      suffix = i;
    }
    int n = names.size();
    String var = k.redValsPrefix() + suffix;
    if (w.findVariable(var).isEmpty()) {
      throw new IllegalArgumentException(path + ": " + kind + " " + id + " is not defined");
    }
    writeStepReals(var, step, new long[] {step, 0}, new long[] {1, n}, src, off);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private BlockSpec block(EntityType type, long id) {
    for (BlockSpec b : def.blocks) {
      if (b.type() == type && b.id() == id) return b;
    }
    throw new IllegalArgumentException(type + " " + id + " is not defined");
  }

  private SetSpec set(EntityType type, long id) {
    for (SetSpec s : def.sets) {
      if (s.type() == type && s.id() == id) return s;
    }
    throw new IllegalArgumentException(type + " " + id + " is not defined");
  }

  /** Writes reals, rounding doubles to float in chunks for 4-byte files (as the C library does). */
  private void writeReals(String var, long[] start, long[] count, double[] src, int off)
      throws IOException {
    w.writeReals(w.variable(var), start, count, src, off, StorageWriter.RealRounding.ROUND);
  }

  /**
   * Writes values of {@code step}, which must be the open step; a failed write marks the step so
   * that it is abandoned, never counted.
   */
  private void writeStepReals(
      String var, long step, long[] start, long[] count, double[] src, int off) throws IOException {
    if (openStep < 0 || step != openStep) {
      throw new IllegalStateException(
          path
              + ": step "
              + step
              + (openStep < 0
                  ? " is not open: call beginStep first"
                  : " is not the open step " + openStep));
    }
    try {
      writeReals(var, start, count, src, off);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(path + ": the writer is closed");
    }
  }

  /** Turns the 1-based range checks of connectivity and set entries off or on (copies, tests). */
  synchronized void indexChecks(boolean on) {
    this.indexChecks = on;
  }

  /**
   * The mesh arrays no write has reached, described for a message ("coordinates coordx, coordy
   * (writeCoordinates)"); empty when all were written, after {@link #copyMesh}, or for a mesh with
   * nothing to write.
   */
  private List<String> unwrittenMesh() {
    List<String> out = new ArrayList<>();
    if (meshCopied) return out;
    List<String> coords = new ArrayList<>();
    if (def.nodes > 0) {
      for (int a = 0; a < def.dims; a++) {
        if (!meshWritten.contains(ExodusNames.coord(a))) coords.add(ExodusNames.coord(a));
      }
    }
    if (!coords.isEmpty()) out.add("coordinates " + few(coords) + " (writeCoordinates)");
    List<String> conn = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    List<String> edges = new ArrayList<>();
    List<String> faces = new ArrayList<>();
    for (BlockSpec b : def.blocks) {
      if (b.entries() == 0) continue;
      int i = index.get(key(b.type(), b.id()));
      String what = b.type() + " " + b.id();
      String c =
          ExodusLayout.nfaced(b) ? ExodusNames.faceConn(i) : ExodusNames.of(b.type()).conn() + i;
      if (w.findVariable(c).isPresent() && !meshWritten.contains(c)) conn.add(what);
      if (ExodusLayout.nfaced(b) || ExodusLayout.nsided(b)) {
        String e = ExodusNames.of(b.type()).epec() + i;
        if (w.findVariable(e).isPresent() && !meshWritten.contains(e)) counts.add(what);
      }
      if (b.type() == EntityType.ELEM_BLOCK) {
        String ec = ExodusNames.edgeConn(i);
        if (b.edgesPerEntry() > 0 && w.findVariable(ec).isPresent() && !meshWritten.contains(ec)) {
          edges.add(what);
        }
        String fc = ExodusNames.faceConn(i);
        if (!ExodusLayout.nfaced(b)
            && b.facesPerEntry() > 0
            && w.findVariable(fc).isPresent()
            && !meshWritten.contains(fc)) {
          faces.add(what);
        }
      }
    }
    if (!conn.isEmpty()) {
      out.add("connectivity of " + few(conn) + " (writeConnectivity)");
    }
    if (!counts.isEmpty()) {
      out.add("entity counts of " + few(counts) + " (writeEntityCounts)");
    }
    if (!edges.isEmpty()) {
      out.add("edges of " + few(edges) + " (writeEdgeConnectivity)");
    }
    if (!faces.isEmpty()) {
      out.add("faces of " + few(faces) + " (writeFaceConnectivity)");
    }
    List<String> sets = new ArrayList<>();
    for (SetSpec x : def.sets) {
      if (x.entries() == 0) continue;
      String e = ExodusNames.of(x.type()).entries() + index.get(key(x.type(), x.id()));
      if (w.findVariable(e).isPresent() && !meshWritten.contains(e)) {
        sets.add(x.type() + " " + x.id());
      }
    }
    if (!sets.isEmpty()) out.add("entries of " + few(sets) + " (writeSet)");
    List<String> maps = new ArrayList<>();
    for (EntityType t : EntityType.MAP_TYPES) {
      String m = ExodusNames.idMap(t);
      if (Boolean.TRUE.equals(def.idMaps.get(t))
          && w.findVariable(m).isPresent()
          && !meshWritten.contains(m)) {
        maps.add(t.toString());
      }
    }
    if (!maps.isEmpty()) out.add("id maps " + few(maps) + " (writeIdMap)");
    return out;
  }

  /** The first five names, then how many in all. */
  private static String few(List<String> names) {
    if (names.size() <= 5) return String.join(", ", names);
    return String.join(", ", names.subList(0, 5)) + " ... (" + names.size() + " in all)";
  }

  /**
   * Throws {@link IllegalStateException} naming the mesh arrays never written, unless the
   * definition allows them ({@link Definition#allowUnwrittenMesh}).
   */
  private void refuseUnwrittenMesh(String consequence) {
    if (def.allowUnwrittenMesh) return;
    List<String> missing = unwrittenMesh();
    if (missing.isEmpty()) return;
    throw new IllegalStateException(
        path
            + ": "
            + consequence
            + ": its mesh was never written: "
            + String.join("; ", missing)
            + " (they would read as fill values; Definition.allowUnwrittenMesh(true) allows it)");
  }

  /**
   * Makes the file appear at its path: forced to disk, then renamed over what was there (once; the
   * writer goes on writing the same file in place).
   */
  private void publish() throws IOException {
    if (published) {
      return;
    }
    if (w.firstWriteFailure() != null) {
      // Part of the mesh may be missing: never let it appear at the path as if it were whole.
      throw notCreated(w.firstWriteFailure());
    }
    try (FileLocks.Held l = entry.exclusive()) {
      Publication.sync(entry.channel()); // the writer writes through this channel
      if (def.noClobber && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new java.nio.file.FileAlreadyExistsException(
            path.toString(),
            null,
            "appeared while it was being written, and the definition says noClobber; the data"
                + " is in "
                + entry.path());
      }
      try {
        replaceHolding(entry.path(), target);
      } catch (FileInUseException e) {
        throw new FileInUseException(
            e.getMessage()
                + "; the new file is whole and kept in "
                + entry.path()
                + " (retry beginStep once the others have closed it, or move it there yourself)");
      }
      entry.movedTo(target); // the directory was synced by the publication
      published = true;
    }
  }

  private IOException notCreated(IOException cause) {
    return new IOException(
        path + ": not created, a write of its mesh failed; what was at the path is unchanged",
        cause);
  }

  /** The file being written. */
  public Path path() {
    return path;
  }

  /**
   * Closes the file. A step still open (begun, not committed: an exception between {@code
   * beginStep} and {@code commitStep}) is abandoned and never counts. A file with no step yet
   * appears at its path now, unless a write of its mesh failed (a full disk): then it never
   * appears, its hidden partial file is removed, whatever was at the path stays, and close throws.
   * A file whose mesh was never written (see {@link Definition#allowUnwrittenMesh}) never appears
   * either: its partial file is removed, the path keeps what it held, and close throws {@link
   * IllegalStateException} naming the arrays no write reached. Further calls throw {@link
   * IllegalStateException}; closing twice does nothing.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    IOException failed = null;
    if (!published
        && !def.allowUnwrittenMesh
        && w.firstWriteFailure() == null // a failed write is said below, as an IOException
        && !unwrittenMesh().isEmpty()) {
      IllegalStateException refused = null;
      try {
        refuseUnwrittenMesh("not created; what was at the path is unchanged");
      } catch (IllegalStateException e) {
        refused = e;
      }
      try {
        w.close();
        Files.deleteIfExists(entry.path()); // the hidden partial file: never a mesh of fill values
      } catch (IOException | RuntimeException e) {
        refused.addSuppressed(e);
      } finally {
        try {
          owner.close();
          entry.close();
        } catch (IOException e) {
          refused.addSuppressed(e);
        }
      }
      throw refused;
    }
    try {
      if (openStep >= 0 || failure != null) {
        w.abandonUncommitted();
        openStep = -1;
      }
      w.close();
      publish();
    } catch (IOException e) {
      failed = e;
      if (!published && w.firstWriteFailure() != null) {
        if (e.getCause() != w.firstWriteFailure()) { // not yet said by publish()
          failed = notCreated(w.firstWriteFailure());
          failed.addSuppressed(e);
        }
        try {
          Files.deleteIfExists(entry.path()); // the hidden partial file: never a half mesh
        } catch (IOException d) {
          failed.addSuppressed(d);
        }
      }
    } finally {
      try {
        owner.close();
        entry.close();
      } catch (IOException e) {
        if (failed == null) failed = e;
        else failed.addSuppressed(e);
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  // ---- mesh copies (exodus.py copy_mesh / copyTransfer; see docs/exodus-py.md) ---------------

  /**
   * A definition of {@code source}'s mesh, stored as the source is: its format (a NetCDF-4 source
   * stays NetCDF-4, with the filters most of its filtered variables use, those this library writes,
   * and its records per chunk; a classic source storing 64-bit integers becomes CDF-5), title,
   * dimensions, real size, coordinate names, blocks (with edge, face and attribute layout), sets,
   * id and numbered maps, QA and info records, assemblies and blobs, entity attributes, field
   * metadata, bases and quadrature rules, set and nodal attribute names, coordinate frames,
   * properties other than the id; no variables. Add variables to it (and change the filters with
   * {@link Definition#compression(Compression)}), then {@link #create} and {@link #copyMesh}. Not
   * copied: the old element order map.
   */
  public static Definition defineLike(ExodusFile source) {
    return MeshCopy.define(source);
  }

  /**
   * As {@link #defineLike(ExodusFile)}, in {@code format}: a NetCDF-4 copy of a NetCDF-4 source
   * keeps its filters and records per chunk, a NetCDF-4 copy of a classic source has none (set them
   * with {@link Definition#compression(Compression)}); 64-bit integers are kept where {@code
   * format} holds them (CDF-5, NetCDF-4), else stored as 32-bit, each value checked when {@link
   * #copyMesh} writes it.
   */
  public static Definition defineLike(ExodusFile source, ExodusFormat format) {
    return MeshCopy.define(source, format);
  }

  /**
   * Writes all of {@code source}'s mesh data (coordinates, connectivity, entity counts, edge and
   * face connectivity, attributes, set entries, sides, distribution factors and attributes, nodal
   * attributes, id and numbered maps) into this file, which was created from {@link
   * #defineLike}{@code (source)}. Streams in chunks of at most 65,536 values: memory stays bounded
   * whatever the mesh's size.
   */
  public void copyMesh(ExodusFile source) throws IOException {
    MeshCopy.copy(source, this);
    synchronized (this) {
      meshCopied = true;
    }
  }
}
