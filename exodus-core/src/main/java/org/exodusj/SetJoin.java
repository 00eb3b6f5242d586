package org.exodusj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes a decomposed set as one file (what SEACAS {@code epu} does): the joined mesh, the global
 * ids in the node and element id maps, node and side sets, the QA and info records of rank 0 with
 * one of the join's own after each (as epu adds its own), and every step the pieces all have of
 * every global, nodal and element variable. Streams in windows of the set's chunk length: memory is
 * one window per thread plus the set's numbering.
 */
final class SetJoin {
  private SetJoin() {}

  /** The code name of the QA record a join adds, as epu adds its own. */
  static final String QA_CODE = "exodus-java";

  /** How the info line a join adds begins, as epu's begins with {@code "EPU: "}. */
  static final String INFO_PREFIX = "exodus-java join: ";

  private static final DateTimeFormatter QA_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", java.util.Locale.ROOT);
  private static final DateTimeFormatter QA_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", java.util.Locale.ROOT);

  /**
   * Rank 0's QA records and one of the join's own after them, as epu writes them: the code, its
   * version, and the local date and time of the join as {@code %Y/%m/%d} and {@code %H:%M:%S}. Each
   * field is cut to the 32 characters a QA field holds.
   */
  static List<QaRecord> qaRecords(List<QaRecord> rankZero, LocalDateTime now) {
    String v = SetJoin.class.getPackage().getImplementationVersion();
    List<QaRecord> out = new ArrayList<>(rankZero);
    out.add(
        new QaRecord(
            clip(QA_CODE, 32),
            clip(v == null ? "development" : v, 32),
            now.format(QA_DATE),
            now.format(QA_TIME)));
    return out;
  }

  /**
   * Rank 0's info records and a line of the join's own after them, as epu adds one saying where and
   * on what the file was joined ({@code "EPU: host, OS: name release, version, Machine: arch"}),
   * cut to the 80 characters an info record holds.
   */
  static List<String> infoRecords(List<String> rankZero) {
    StringBuilder b = new StringBuilder(INFO_PREFIX);
    String host = hostName();
    if (!host.isEmpty()) b.append(host).append(", ");
    b.append("OS: ")
        .append(System.getProperty("os.name", "?"))
        .append(' ')
        .append(System.getProperty("os.version", "?"))
        .append(", Machine: ")
        .append(System.getProperty("os.arch", "?"));
    List<String> out = new ArrayList<>(rankZero);
    out.add(clip(b.toString(), 80));
    return out;
  }

  /** The host's name without a name-service lookup (which can hang), or "" when not known. */
  private static String hostName() {
    for (String env : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
      String h = System.getenv(env);
      if (h != null && !h.isBlank()) return h.strip();
    }
    try {
      Path p = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(p)) return Files.readString(p, StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the line goes without the host
    }
    return "";
  }

  private static String clip(String s, int max) {
    String a = s.replaceAll("[^\\x20-\\x7e]", "?");
    return a.length() <= max ? a : a.substring(0, max);
  }

  /** Where the values of a step go: a new file's writer, or an updater appending to a join. */
  private interface Sink {
    long begin(double time) throws IOException;

    void global(long st, double[] v) throws IOException;

    void nodal(int var, long st, long start, int count, double[] v) throws IOException;

    void element(int var, long blockId, long st, long start, int count, double[] v)
        throws IOException;

    void set(EntityType kind, int var, long id, long st, double[] v) throws IOException;

    /** A whole edge or face block's values of one variable. */
    void block(EntityType kind, int var, long id, long st, double[] v) throws IOException;

    void reduction(EntityType kind, long id, long st, double[] v) throws IOException;

    void commit() throws IOException;
  }

  /** The variables of one kind that are joined: indices in the set and names in the output. */
  private record Selection(int[] index, List<String> names) {
    static Selection of(ExodusFileSet set, EntityType kind, JoinOptions o) {
      List<String> all = set.variableNames(kind);
      List<String> want = o.variables(kind);
      if (want == null) {
        int[] ix = new int[all.size()];
        for (int i = 0; i < ix.length; i++) ix[i] = i;
        return new Selection(ix, all);
      }
      List<Integer> ix = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String w : want) {
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).equalsIgnoreCase(w)) at = i;
        }
        if (at < 0) {
          throw new IllegalArgumentException(
              "no "
                  + kind.name().toLowerCase(java.util.Locale.ROOT)
                  + " variable '"
                  + w
                  + "' in the set; it has "
                  + all);
        }
        if (!ix.contains(at)) {
          ix.add(at);
          names.add(all.get(at));
        }
      }
      int[] a = new int[ix.size()];
      for (int i = 0; i < a.length; i++) a[i] = ix.get(i);
      return new Selection(a, names);
    }
  }

  /**
   * Entries the join copies at a time: 16 of the set's chunks (a chunk is what each piece reads at
   * a time), so that a window spans several pieces read in parallel.
   */
  static int window(ExodusFileSet set) {
    return (int) Math.min(1 << 24, 16L * set.chunkLength());
  }

  /** The element variable SEACAS epu's {@code -add_processor_id} adds. */
  static final String PROCESSOR_ID = "processor_id";

  static List<String> join(ExodusFileSet set, Path out, JoinOptions o, LongConsumer progress)
      throws IOException {
    for (Path piece : set.paths()) {
      if (Files.exists(out) && Files.isSameFile(out, piece)) {
        throw new IllegalArgumentException(
            out + " is a piece of the set being joined; write the joined file elsewhere");
      }
    }
    ExodusFormat format = o.format();
    ExodusFile first = set.piece(0);
    if (o.int64() && !format.holdsInt64()) {
      throw new IllegalArgumentException(
          "64-bit integers need the cdf5 or nc4 format, not " + format);
    }
    if (o.compressionLevel() >= 0 && !format.holdsFilters()) {
      throw new IllegalArgumentException("compression needs the nc4 format, not " + format);
    }
    List<String> notes = new ArrayList<>(set.warnings());
    List<String> left = notJoined(first);
    if (!left.isEmpty()) {
      notes.add("not joined (as epu does not): " + String.join(", ", left) + " of the pieces");
    }
    Selection global = Selection.of(set, EntityType.GLOBAL, o);
    Selection nodal = Selection.of(set, EntityType.NODAL, o);
    Selection elem = Selection.of(set, EntityType.ELEM_BLOCK, o);
    List<String> elemOut = new ArrayList<>(elem.names());
    if (o.addProcessorId()) {
      for (String n : elemOut) {
        if (n.equalsIgnoreCase(PROCESSOR_ID)) {
          throw new IllegalArgumentException(
              "the set already has an element variable " + n + "; cannot add processor ids");
        }
      }
      elemOut.add(PROCESSOR_ID);
    }
    List<Block> blocks = set.blocks();
    for (Block b : blocks) {
      if (b.isPolytope()) {
        throw new UnsupportedOperationException(
            set.paths().get(0)
                + " (set): element block "
                + b.id()
                + " is "
                + b.topology()
                + ": polygon and polyhedron blocks are not joined");
      }
    }
    boolean[][] truth = new boolean[blocks.size()][elemOut.size()];
    for (int b = 0; b < blocks.size(); b++) {
      for (int v = 0; v < elem.index().length; v++) {
        truth[b][v] = set.hasVariable(EntityType.ELEM_BLOCK, elem.index()[v], blocks.get(b).id());
      }
      if (o.addProcessorId()) truth[b][elemOut.size() - 1] = true;
    }
    List<Long> steps = new ArrayList<>();
    long n = set.timeStepCount();
    long from = o.firstStep() < 0 ? Math.max(0, n + o.firstStep()) : o.firstStep();
    long to = o.lastStep() < 0 ? n + o.lastStep() : o.lastStep();
    for (long s = from; s < n && s <= to; s += o.stepStride()) {
      steps.add(s);
    }
    List<EntityType> setKinds = new ArrayList<>();
    if (!o.omitNodeSets()) setKinds.add(EntityType.NODE_SET);
    if (!o.omitSideSets()) setKinds.add(EntityType.SIDE_SET);
    setKinds.add(EntityType.ELEM_SET);
    Map<EntityType, Selection> setVars = new EnumMap<>(EntityType.class);
    Map<EntityType, boolean[][]> setTruth = new EnumMap<>(EntityType.class);
    for (EntityType t : setKinds) {
      Selection sel = Selection.of(set, t, o);
      List<EntitySet> ss = set.sets(t);
      boolean[][] tt = new boolean[ss.size()][sel.index().length];
      for (int i = 0; i < ss.size(); i++) {
        for (int v = 0; v < sel.index().length; v++) {
          tt[i][v] = set.hasVariable(t, sel.index()[v], ss.get(i).id());
        }
      }
      setVars.put(t, sel);
      setTruth.put(t, tt);
    }
    // reduction variables of the objects written (rank 0's names; values from a piece holding the
    // object): assemblies, element blocks and the sets kept
    Map<EntityType, List<Long>> reduced = new EnumMap<>(EntityType.class);
    for (EntityType t : List.of(EntityType.ASSEMBLY, EntityType.ELEM_BLOCK)) {
      if (!set.reductionVariableNames(t).isEmpty()) reduced.put(t, objectIds(set, t));
    }
    for (EntityType t : setKinds) {
      if (!set.reductionVariableNames(t).isEmpty()) reduced.put(t, objectIds(set, t));
    }
    // edge and face blocks, as epu joins them (each piece's entries its own, numbered by id)
    List<EdgeFaceBlocks> sides = new ArrayList<>();
    Map<EntityType, Selection> sideVars = new EnumMap<>(EntityType.class);
    Map<EntityType, boolean[][]> sideTruth = new EnumMap<>(EntityType.class);
    for (EntityType t : List.of(EntityType.EDGE_BLOCK, EntityType.FACE_BLOCK)) {
      if (t == EntityType.EDGE_BLOCK ? o.omitEdgeBlocks() : o.omitFaceBlocks()) continue;
      EdgeFaceBlocks eb = EdgeFaceBlocks.of(set, t);
      if (eb.blocks.isEmpty()) continue;
      sides.add(eb);
      Selection sel = Selection.of(set, t, o);
      boolean[][] tt = new boolean[eb.blocks.size()][sel.index().length];
      for (int g = 0; g < tt.length; g++) {
        for (int v = 0; v < sel.index().length; v++) tt[g][v] = eb.hasVariable(sel.index()[v], g);
      }
      sideVars.put(t, sel);
      sideTruth.put(t, tt);
    }
    double[] times = set.times();
    Steps job =
        new Steps(
            set, o, global, nodal, elem, elemOut, truth, setVars, setTruth, reduced, times,
            progress);
    job.sides = sides;
    job.sideVars = sideVars;
    job.sideTruth = sideTruth;

    if (o.append() && Files.exists(out)) {
      return append(set, out, job, steps, notes);
    }

    List<String> names = new ArrayList<>(set.coordinateNames());
    Definition d =
        ExodusWriter.define(format, set.title(), set.dimensionCount(), set.nodeCount())
            .realWordSize(first.info().floatingPointWordSize() == 4 ? 4 : 8)
            .idMap(EntityType.NODE_MAP)
            .idMap(EntityType.ELEM_MAP);
    if (o.int64() || (first.info().storesInt64() && format.holdsInt64())) {
      d.int64(true); // 64-bit ids and connectivity stay 64-bit where the format holds them
    }
    if (o.compressionLevel() >= 0) {
      d.compression(Compression.deflate(o.compressionLevel(), o.shuffle()));
    }
    if (set.coordinateNames().size() == set.dimensionCount()) {
      d.coordinateNames(set.coordinateNames().toArray(new String[0]));
    }
    for (Block b : blocks) {
      d.block(spec(EntityType.ELEM_BLOCK, b));
      names.add(b.name());
    }
    for (EdgeFaceBlocks eb : sides) {
      for (Block b : eb.blocks) {
        d.block(spec(eb.kind, b));
        names.add(b.name());
      }
      d.idMap(eb.map);
      Selection sel = sideVars.get(eb.kind);
      if (!sel.names().isEmpty()) {
        d.variables(eb.kind, sel.names(), sideTruth.get(eb.kind));
        names.addAll(sel.names());
      }
    }
    for (EntityType t : setKinds) {
      for (EntitySet s : set.sets(t)) {
        d.set(new SetSpec(t, s.id(), s.name(), s.entryCount(), s.distributionFactorCount()));
        names.add(s.name());
      }
    }
    for (Assembly a : set.assemblies()) {
      d.assembly(a);
      names.add(a.name());
    }
    if (o.addProcessorMap()) {
      d.numberedMaps(EntityType.ELEM_MAP, List.of(1L), List.of(PROCESSOR_ID));
    }
    for (Map.Entry<EntityType, List<Long>> e : reduced.entrySet()) {
      List<String> rn = set.reductionVariableNames(e.getKey());
      d.reductionVariables(e.getKey(), rn.toArray(new String[0]));
      names.addAll(rn);
    }
    d.qaRecords(qaRecords(first.qaRecords(), LocalDateTime.now(java.time.ZoneId.systemDefault())));
    d.infoRecords(infoRecords(first.infoRecords()));
    names.addAll(global.names());
    names.addAll(nodal.names());
    names.addAll(elemOut);
    if (!global.names().isEmpty()) d.globalVariables(global.names().toArray(new String[0]));
    if (!nodal.names().isEmpty()) d.nodalVariables(nodal.names().toArray(new String[0]));
    if (!elemOut.isEmpty()) d.variables(EntityType.ELEM_BLOCK, elemOut, truth);
    for (EntityType t : setKinds) {
      List<String> sv = setVars.get(t).names();
      if (!sv.isEmpty() && !set.sets(t).isEmpty()) {
        d.variables(t, sv, setTruth.get(t));
        names.addAll(sv);
      }
    }
    int maxName = Math.max(32, first.info().maximumNameLength());
    for (String s : names) maxName = Math.max(maxName, s.getBytes(StandardCharsets.UTF_8).length);
    d.maxNameLength(Math.min(255, maxName));

    // written under a temporary name beside OUT and renamed when complete: a join that fails
    // half way leaves no file that looks whole
    Path tmp = out.resolveSibling("." + out.getFileName() + ".joining");
    try {
      write(set, tmp, d, job, blocks, setKinds, steps);
      if (Files.exists(out)) { // a join over an earlier file keeps its permissions
        try {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(out));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the new file's default permissions
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException d2) {
        e.addSuppressed(d2);
      }
      throw e;
    }
    if (steps.size() != set.timeStepCount()) {
      notes.add("joined " + steps.size() + " of the set's " + set.timeStepCount() + " steps");
    }
    return notes;
  }

  private static void write(
      ExodusFileSet set,
      Path out,
      Definition d,
      Steps job,
      List<Block> blocks,
      List<EntityType> setKinds,
      List<Long> steps)
      throws IOException {
    int chunk = set.chunkLength();
    try (ExodusWriter w = ExodusWriter.create(out, d);
        JoinPipeline pipe = new JoinPipeline()) {
      job.pipe = pipe;
      double[] reals = job.reals;
      long[] ints = new long[(int) Math.max(1, Math.min(chunk, set.nodeCount()))];
      for (int axis = 0; axis < set.dimensionCount(); axis++) {
        int ax = axis;
        pipe.copy(
            set.nodeCount(),
            reals.length,
            reals,
            job.reals2,
            (s, c, buf) -> set.readCoordinates(ax, s, c, buf, 0),
            (s, c, buf) -> {
              w.writeCoordinates(ax, s, c, buf, 0);
              job.report(c * 8L);
            });
      }
      int[] narrow = new int[ints.length];
      for (long s = 0; s < set.nodeCount(); s += ints.length) {
        int c = (int) Math.min(ints.length, set.nodeCount() - s);
        set.readNodeIds(s, c, ints, 0);
        writeIds(w, d.format, set, EntityType.NODE_MAP, s, c, ints, narrow);
      }
      long[] eb = new long[(int) Math.max(1, Math.min(chunk, set.elementCount()))];
      narrow = new int[eb.length];
      for (long s = 0; s < set.elementCount(); s += eb.length) {
        int c = (int) Math.min(eb.length, set.elementCount() - s);
        set.readElementIds(s, c, eb, 0);
        writeIds(w, d.format, set, EntityType.ELEM_MAP, s, c, eb, narrow);
      }
      // joined node numbers are 1..nodes by construction: the writer need not check them again
      w.indexChecks(false);
      for (Block b : blocks) {
        int npe = (int) Math.max(1, b.nodesPerEntry());
        int per = Math.max(1, window(set) / npe);
        int len = (int) Math.min(per, Math.max(1, b.entryCount())) * npe;
        pipe.copy(
            b.entryCount(),
            per,
            new int[len],
            new int[len],
            (s, c, buf) -> set.readConnectivity(b, s, c, buf, 0),
            (s, c, buf) -> {
              w.writeConnectivity(EntityType.ELEM_BLOCK, b.id(), s, c, buf, 0);
              job.report((long) c * npe * 4);
            });
      }
      w.indexChecks(true);
      if (job.o.addProcessorMap()) {
        long at = 0;
        double[] rk = new double[(int) Math.max(1, Math.min(chunk, set.elementCount()))];
        long[] rl = new long[rk.length];
        for (Block b : blocks) {
          for (long s = 0; s < b.entryCount(); s += rk.length) {
            int c = (int) Math.min(rk.length, b.entryCount() - s);
            set.readElementRanks(b, s, c, rk, 0);
            for (int i = 0; i < c; i++) rl[i] = (long) rk[i];
            w.writeNumberedMap(EntityType.ELEM_MAP, 0, at + s, c, rl, 0);
          }
          at += b.entryCount();
        }
      }
      for (Block b : blocks) {
        int na = (int) b.attributeCount();
        if (na == 0) continue;
        int per = Math.max(1, chunk / na);
        double[] at = new double[(int) Math.min(per, Math.max(1, b.entryCount())) * na];
        for (long s = 0; s < b.entryCount(); s += per) {
          int c = (int) Math.min(per, b.entryCount() - s);
          set.readAttributes(b, s, c, at, 0);
          w.writeAttributes(EntityType.ELEM_BLOCK, b.id(), s, c, at, 0);
          job.report((long) c * na * 8);
        }
      }
      for (EdgeFaceBlocks side : job.sides) {
        long at = 0;
        for (int g = 0; g < side.blocks.size(); g++) {
          Block b = side.blocks.get(g);
          long[] conn = side.connectivity(g);
          w.writeConnectivity(side.kind, b.id(), 0, b.entryCount(), conn, 0);
          long[] ids = side.ids(g);
          w.writeIdMap(side.map, at, ids.length, ids, 0);
          at += ids.length;
          if (b.attributeCount() > 0) {
            w.writeAttributes(side.kind, b.id(), 0, b.entryCount(), side.attributes(g), 0);
          }
          job.report(conn.length * 4L);
        }
      }
      for (EntityType t : setKinds) {
        for (EntitySet s : set.sets(t)) {
          long[] e = new long[(int) s.entryCount()];
          set.readSetEntries(s, 0, e.length, e, 0);
          long[] x = null;
          if (t == EntityType.SIDE_SET) {
            x = new long[e.length];
            set.readSetExtra(s, 0, e.length, x, 0);
          }
          w.writeSet(t, s.id(), 0, e.length, e, x);
          if (s.distributionFactorCount() > 0) {
            double[] f = new double[(int) s.distributionFactorCount()];
            set.readDistributionFactors(s, 0, f.length, f, 0);
            w.writeDistributionFactors(t, s.id(), 0, f.length, f, 0);
          }
        }
      }
      Sink sink =
          new Sink() {
            @Override
            public long begin(double time) throws IOException {
              return w.beginStep(time);
            }

            @Override
            public void global(long st, double[] v) throws IOException {
              w.writeGlobalVariables(st, v, 0);
            }

            @Override
            public void nodal(int var, long st, long start, int count, double[] v)
                throws IOException {
              w.writeNodalVariable(var, st, start, count, v, 0);
            }

            @Override
            public void element(int var, long blockId, long st, long start, int count, double[] v)
                throws IOException {
              w.writeVariable(EntityType.ELEM_BLOCK, var, blockId, st, start, count, v, 0);
            }

            @Override
            public void set(EntityType kind, int var, long id, long st, double[] v)
                throws IOException {
              w.writeVariable(kind, var, id, st, 0, v.length, v, 0);
            }

            @Override
            public void block(EntityType kind, int var, long id, long st, double[] v)
                throws IOException {
              w.writeVariable(kind, var, id, st, 0, v.length, v, 0);
            }

            @Override
            public void reduction(EntityType kind, long id, long st, double[] v)
                throws IOException {
              w.writeReductionVariables(kind, id, st, v, 0);
            }

            @Override
            public void commit() throws IOException {
              w.commitStep();
            }
          };
      for (long step : steps) job.write(step, sink);
    }
  }

  /**
   * Writes ids {@code [s, s + c)} of an id map, as ints where they all fit (a bulk encode). An id
   * past 32 bits in a format without 64-bit integers is refused naming the set, the id and the
   * remedy, before the writer's message about a variable the user never named.
   */
  private static void writeIds(
      ExodusWriter w,
      ExodusFormat format,
      ExodusFileSet set,
      EntityType map,
      long s,
      int c,
      long[] ids,
      int[] narrow)
      throws IOException {
    for (int i = 0; i < c; i++) {
      if (ids[i] != (int) ids[i]) {
        if (!format.holdsInt64()) {
          throw new IllegalArgumentException(
              set.paths().get(0)
                  + " (a set of "
                  + set.pieceCount()
                  + " pieces): "
                  + (map == EntityType.NODE_MAP ? "node" : "element")
                  + " id "
                  + ids[i]
                  + " (joined "
                  + (map == EntityType.NODE_MAP ? "node " : "element ")
                  + (s + i + 1)
                  + ") does not fit the 32-bit integers of "
                  + format
                  + "; join into cdf5 or nc4");
        }
        w.writeIdMap(map, s, c, ids, 0);
        return;
      }
      narrow[i] = (int) ids[i];
    }
    w.writeIdMap(map, s, c, narrow, 0);
  }

  /** Whether the file has the node and side set variables the join writes. */
  private static boolean setVariablesMatch(ExodusFile f, Steps job) {
    for (EntityType t : List.of(EntityType.NODE_SET, EntityType.SIDE_SET, EntityType.ELEM_SET)) {
      Selection sel = job.setVars.get(t);
      List<String> want = sel == null || job.set.sets(t).isEmpty() ? List.of() : sel.names();
      if (!f.variableNames(t).equals(want)) return false;
    }
    return true;
  }

  /** The ids of the objects of {@code kind} the join writes. */
  private static List<Long> objectIds(ExodusFileSet set, EntityType kind) {
    List<Long> ids = new ArrayList<>();
    if (kind == EntityType.ASSEMBLY) for (Assembly a : set.assemblies()) ids.add(a.id());
    else if (kind == EntityType.ELEM_BLOCK) for (Block b : set.blocks()) ids.add(b.id());
    else for (EntitySet s : set.sets(kind)) ids.add(s.id());
    return ids;
  }

  private static List<Long> objectIds(ExodusFile f, EntityType kind) {
    List<Long> ids = new ArrayList<>();
    if (kind == EntityType.ASSEMBLY) for (Assembly a : f.assemblies()) ids.add(a.id());
    else if (kind.isBlock()) for (Block b : f.blocks(kind)) ids.add(b.id());
    else for (EntitySet s : f.sets(kind)) ids.add(s.id());
    return ids;
  }

  /** A joined block of {@code kind} as the output defines it (no edges or faces per entry). */
  private static BlockSpec spec(EntityType kind, Block b) {
    return new BlockSpec(
        kind,
        b.id(),
        b.name(),
        b.storedType(),
        b.entryCount(),
        b.nodesPerEntry(),
        0,
        0,
        attributeNames(b));
  }

  /** The block's attribute names, one per attribute ("" where unnamed). */
  private static List<String> attributeNames(Block b) {
    List<String> names = new ArrayList<>(b.attributeNames());
    while (names.size() < b.attributeCount()) names.add("");
    return names.subList(0, (int) b.attributeCount());
  }

  /** What a piece holds that a join leaves out, as epu does: "edge sets", "blobs", ... */
  static List<String> notJoined(ExodusFile p) {
    List<String> out = new ArrayList<>();
    if (!p.sets(EntityType.EDGE_SET).isEmpty()) out.add("edge sets");
    if (!p.sets(EntityType.FACE_SET).isEmpty()) out.add("face sets");
    if (!p.blobs().isEmpty()) out.add("blobs");
    boolean attrs = !p.entityAttributes(EntityType.GLOBAL, 0).isEmpty();
    for (EntityType t :
        List.of(EntityType.ELEM_BLOCK, EntityType.EDGE_BLOCK, EntityType.FACE_BLOCK)) {
      for (Block b : p.blocks(t)) attrs |= !p.entityAttributes(t, b.id()).isEmpty();
    }
    for (EntityType t : List.of(EntityType.NODE_SET, EntityType.SIDE_SET, EntityType.ELEM_SET)) {
      for (EntitySet es : p.sets(t)) attrs |= !p.entityAttributes(t, es.id()).isEmpty();
    }
    for (Assembly a : p.assemblies()) {
      attrs |= !p.entityAttributes(EntityType.ASSEMBLY, a.id()).isEmpty();
    }
    if (attrs) out.add("entity attributes (ex_put_attribute)");
    return out;
  }

  /** Whether {@code f} has the edge and face blocks and variables the join writes. */
  private static boolean sideBlocksMatch(ExodusFile f, Steps job) {
    for (EntityType t : List.of(EntityType.EDGE_BLOCK, EntityType.FACE_BLOCK)) {
      EdgeFaceBlocks eb = null;
      for (EdgeFaceBlocks x : job.sides) if (x.kind == t) eb = x;
      List<Long> want = new ArrayList<>();
      if (eb != null) for (Block b : eb.blocks) want.add(b.id());
      if (!objectIds(f, t).equals(want)) return false;
      List<String> vars = eb == null ? List.of() : job.sideVars.get(t).names();
      if (!f.variableNames(t).equals(vars)) return false;
    }
    return true;
  }

  /** Whether {@code f} has the reduction variables the join writes, on the same objects. */
  private static boolean reductionVariablesMatch(ExodusFile f, Steps job) {
    for (EntityType t : EntityType.values()) {
      List<Long> ids = job.reduced.get(t);
      List<String> want = ids == null ? List.of() : job.set.reductionVariableNames(t);
      if (!f.reductionVariableNames(t).equals(want)) return false;
      if (ids != null && !objectIds(f, t).containsAll(ids)) return false;
    }
    return true;
  }

  /** Appends to {@code out} the selected steps whose time is past its last step's. */
  private static List<String> append(
      ExodusFileSet set, Path out, Steps job, List<Long> steps, List<String> notes)
      throws IOException {
    double last = Double.NEGATIVE_INFINITY;
    long had;
    List<QaRecord> qa;
    try (ExodusFile f = ExodusFile.open(out)) {
      String why = null;
      if (f.nodeCount() != set.nodeCount() || f.elementCount() != set.elementCount()) {
        why =
            "it has "
                + f.nodeCount()
                + " nodes and "
                + f.elementCount()
                + " elements, the set "
                + set.nodeCount()
                + " and "
                + set.elementCount();
      } else if (!f.variableNames(EntityType.GLOBAL).equals(job.global.names())
          || !f.variableNames(EntityType.NODAL).equals(job.nodal.names())
          || !f.variableNames(EntityType.ELEM_BLOCK).equals(job.elemOut)
          || !setVariablesMatch(f, job)
          || !reductionVariablesMatch(f, job)
          || !sideBlocksMatch(f, job)) {
        why =
            "its variables "
                + f.variableNames(EntityType.GLOBAL)
                + f.variableNames(EntityType.NODAL)
                + f.variableNames(EntityType.ELEM_BLOCK)
                + " are not the ones joined "
                + job.global.names()
                + job.nodal.names()
                + job.elemOut;
      }
      if (why != null) {
        throw new IllegalArgumentException(
            out
                + " is not a join of this set with these options, so steps cannot be appended: "
                + why);
      }
      had = f.timeStepCount();
      qa = f.qaRecords();
      if (had > 0) {
        double[] t = new double[1];
        f.readTimes(had - 1, 1, t, 0);
        last = t[0];
      }
    }
    long added = 0;
    try (ExodusUpdater u = ExodusUpdater.open(out);
        JoinPipeline pipe = new JoinPipeline()) {
      job.pipe = pipe;
      Sink sink =
          new Sink() {
            @Override
            public long begin(double time) throws IOException {
              return u.appendStep(time);
            }

            @Override
            public void global(long st, double[] v) throws IOException {
              u.writeGlobalVariables(st, v, 0);
            }

            @Override
            public void nodal(int var, long st, long start, int count, double[] v)
                throws IOException {
              u.writeNodalVariable(var, st, start, count, v, 0);
            }

            @Override
            public void element(int var, long blockId, long st, long start, int count, double[] v)
                throws IOException {
              u.writeVariable(EntityType.ELEM_BLOCK, var, blockId, st, start, count, v, 0);
            }

            @Override
            public void set(EntityType kind, int var, long id, long st, double[] v)
                throws IOException {
              u.writeVariable(kind, var, id, st, 0, v.length, v, 0);
            }

            @Override
            public void block(EntityType kind, int var, long id, long st, double[] v)
                throws IOException {
              u.writeVariable(kind, var, id, st, 0, v.length, v, 0);
            }

            @Override
            public void reduction(EntityType kind, long id, long st, double[] v)
                throws IOException {
              u.writeReductionVariables(kind, id, st, v, 0);
            }

            @Override
            public void commit() throws IOException {
              u.commit();
            }
          };
      for (long step : steps) {
        if (job.times[(int) step] <= last) continue; // epu: only steps past the file's last time
        job.write(step, sink);
        added++;
      }
      // epu writes its QA records again on an append, the same number in place, so that its own
      // record holds the date and time of the last run; ours too, where steps were added (a run
      // that adds none leaves the file as it was) and the file's last record is the join's
      int own = qa.size() - 1;
      if (added > 0 && own >= 0 && qa.get(own).codeName().equals(QA_CODE)) {
        u.rewriteQaRecord(
            own, qaRecords(List.of(), LocalDateTime.now(java.time.ZoneId.systemDefault())).get(0));
        u.commit();
      }
    }
    notes.add(
        "appended "
            + added
            + " step"
            + (added == 1 ? "" : "s")
            + " to the "
            + had
            + " already in "
            + out.getFileName());
    return notes;
  }

  /** Writes the values of a step: global, nodal and element variables, in windows. */
  private static final class Steps {
    final ExodusFileSet set;
    final JoinOptions o;
    final Selection global;
    final Selection nodal;
    final Selection elem;
    final List<String> elemOut;
    final boolean[][] truth;
    final Map<EntityType, Selection> setVars;
    final Map<EntityType, boolean[][]> setTruth;
    final Map<EntityType, List<Long>> reduced;
    List<EdgeFaceBlocks> sides = List.of();
    Map<EntityType, Selection> sideVars = Map.of();
    Map<EntityType, boolean[][]> sideTruth = Map.of();
    final double[] times;
    final LongConsumer progress;
    final double[] g;
    final double[] reals;
    final double[] reals2;
    final double[] buf;
    final double[] buf2;
    JoinPipeline pipe;
    long written;

    Steps(
        ExodusFileSet set,
        JoinOptions o,
        Selection global,
        Selection nodal,
        Selection elem,
        List<String> elemOut,
        boolean[][] truth,
        Map<EntityType, Selection> setVars,
        Map<EntityType, boolean[][]> setTruth,
        Map<EntityType, List<Long>> reduced,
        double[] times,
        LongConsumer progress) {
      this.set = set;
      this.o = o;
      this.global = global;
      this.nodal = nodal;
      this.elem = elem;
      this.elemOut = elemOut;
      this.truth = truth;
      this.setVars = setVars;
      this.setTruth = setTruth;
      this.reduced = reduced;
      this.times = times;
      this.progress = progress;
      int window = window(set);
      this.g = new double[set.variableNames(EntityType.GLOBAL).size()];
      this.reals = new double[(int) Math.max(1, Math.min(window, set.nodeCount()))];
      this.reals2 = new double[reals.length];
      long largestBlock = 1;
      for (Block bl : set.blocks()) largestBlock = Math.max(largestBlock, bl.entryCount());
      this.buf = new double[(int) Math.min(window, largestBlock)];
      this.buf2 = new double[buf.length];
    }

    void report(long more) {
      written += more;
      if (progress != null) progress.accept(written);
    }

    void write(long step, Sink sink) throws IOException {
      long st = sink.begin(times[(int) step]);
      if (!global.names().isEmpty()) {
        set.readGlobalVariables(step, g, 0);
        double[] sel = new double[global.index().length];
        for (int i = 0; i < sel.length; i++) sel[i] = g[global.index()[i]];
        sink.global(st, sel);
      }
      for (int v = 0; v < nodal.index().length; v++) {
        int in = nodal.index()[v];
        int out = v;
        pipe.copy(
            set.nodeCount(),
            reals.length,
            reals,
            reals2,
            (s, c, x) -> {
              if (o.sumSharedNodes()) set.readNodalVariableSum(in, step, s, c, x, 0);
              else set.readNodalVariable(in, step, s, c, x, 0);
            },
            (s, c, x) -> {
              sink.nodal(out, st, s, c, x);
              report(c * 8L);
            });
      }
      List<Block> blocks = set.blocks();
      for (int b = 0; b < blocks.size(); b++) {
        Block bl = blocks.get(b);
        for (int v = 0; v < elemOut.size(); v++) {
          if (!truth[b][v]) continue;
          int window = (int) Math.max(1, Math.min(buf.length, bl.entryCount()));
          int var = v;
          pipe.copy(
              bl.entryCount(),
              window,
              buf,
              buf2,
              (s, c, x) -> {
                if (var < elem.index().length) {
                  set.readVariable(
                      EntityType.ELEM_BLOCK, elem.index()[var], bl.id(), step, s, c, x, 0);
                } else {
                  set.readElementRanks(bl, s, c, x, 0);
                }
              },
              (s, c, x) -> {
                sink.element(var, bl.id(), st, s, c, x);
                report(c * 8L);
              });
        }
      }
      for (EdgeFaceBlocks eb : sides) {
        Selection sel = sideVars.get(eb.kind);
        boolean[][] tt = sideTruth.get(eb.kind);
        for (int g = 0; g < eb.blocks.size(); g++) {
          Block bl = eb.blocks.get(g);
          for (int v = 0; v < sel.index().length; v++) {
            if (!tt[g][v] || bl.entryCount() == 0) continue;
            double[] vals = eb.variable(sel.index()[v], g, step);
            sink.block(eb.kind, v, bl.id(), st, vals);
            report(vals.length * 8L);
          }
        }
      }
      for (Map.Entry<EntityType, Selection> e : setVars.entrySet()) {
        EntityType t = e.getKey();
        List<EntitySet> ss = set.sets(t);
        boolean[][] tt = setTruth.get(t);
        for (int i = 0; i < ss.size(); i++) {
          EntitySet es = ss.get(i);
          for (int v = 0; v < e.getValue().index().length; v++) {
            if (!tt[i][v] || es.entryCount() == 0) continue;
            double[] vals = new double[(int) es.entryCount()];
            set.readVariable(t, e.getValue().index()[v], es.id(), step, 0, vals.length, vals, 0);
            sink.set(t, v, es.id(), st, vals);
          }
        }
      }
      for (Map.Entry<EntityType, List<Long>> e : reduced.entrySet()) {
        double[] rv = new double[set.reductionVariableNames(e.getKey()).size()];
        for (long id : e.getValue()) {
          set.readReductionVariables(e.getKey(), id, step, rv, 0);
          sink.reduction(e.getKey(), id, st, rv);
        }
      }
      sink.commit();
    }
  }
}
