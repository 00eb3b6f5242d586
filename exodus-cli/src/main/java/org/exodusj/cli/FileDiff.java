package org.exodusj.cli;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.exodusj.Assembly;
import org.exodusj.Basis;
import org.exodusj.Blob;
import org.exodusj.Block;
import org.exodusj.CoordinateFrame;
import org.exodusj.EntityAttribute;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.FieldMetadata;
import org.exodusj.Nemesis;
import org.exodusj.NumberedMap;
import org.exodusj.QaRecord;
import org.exodusj.Quadrature;
import org.exodusj.Topology;
import org.exodusj.TruthTable;

/**
 * Compares two Exodus files the way SEACAS {@code exodiff} does, over everything the public API
 * reads ({@link #CONTENTS}, one entry per kind of content): counts, coordinates, maps, blocks,
 * sets, assemblies, blobs, entity attributes, field metadata, bases, quadrature rules, properties,
 * times, variables, reduction variables and Nemesis data. Reals compare within tolerance, integers
 * and names exactly, element types without regard to case. Objects are matched by id, variables and
 * attributes by name, entities and steps by position.
 *
 * <p>Streaming: every array is compared {@link #CHUNK} values at a time, so memory stays bounded
 * whatever the file size. Title, QA and info records do not make files different (exodiff ignores
 * them too); their differences are listed as notes.
 */
final class FileDiff {
  static final int CHUNK = 1 << 16;

  /**
   * Two values are equal when they are the same (both NaN included), or {@code |a-b| <= abs}, or
   * {@code |a-b| <= rel * max(|a|, |b|)}.
   */
  record Tolerance(double abs, double rel) {
    Tolerance {
      if (!(abs >= 0) || !(rel >= 0)) {
        throw new IllegalArgumentException(
            "tolerances are >= 0 (abs " + abs + ", rel " + rel + ")");
      }
    }

    boolean equal(double a, double b) {
      if (a == b || (Double.isNaN(a) && Double.isNaN(b))) return true;
      double d = Math.abs(a - b);
      return d <= abs || d <= rel * Math.max(Math.abs(a), Math.abs(b));
    }

    @Override
    public String toString() {
      return "abs " + abs + ", rel " + rel;
    }
  }

  /** The default tolerance and the ones given per variable name (or coordinates, time). */
  record Tolerances(Tolerance defaults, Map<String, Tolerance> byName) {
    Tolerance of(EntityType kind, String name) {
      Tolerance t = byName.get(Selectors.shortKind(kind) + ":" + name);
      if (t == null) t = byName.get(name);
      return t == null ? defaults : t;
    }
  }

  /**
   * One compared array (all steps of one variable on one object, the coordinates of one axis, a
   * block's connectivity, ...), with the largest difference and where it is.
   */
  static final class Item {
    final String category; // mesh, map, set, time, variable
    final String kind; // elem_block, nodal, ...
    final String name;
    final Long objectId; // block or set id, null where none
    final String entity; // node, element, edge, face, entry, step
    final Tolerance tolerance; // null: compared exactly
    long compared;
    long differing;
    double maxAbs; // largest |a-b| among differing values, else among all
    double maxRel;
    long position = -1; // 0-based entity position of the largest difference
    long step = -1; // 0-based step of the largest difference (-1: not per step)
    long entityId = -1;
    double a;
    double b;

    Item(String category, String kind, String name, Long objectId, String entity, Tolerance t) {
      this.category = category;
      this.kind = kind;
      this.name = name;
      this.objectId = objectId;
      this.entity = entity;
      this.tolerance = t;
    }

    void record(double va, double vb, boolean differs, long pos, long st) {
      compared++;
      double d = Math.abs(va - vb);
      if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY; // NaN against a number
      // the place reported is the largest difference out of tolerance; while there is none, the
      // largest difference at all (so a user sees how close the files are)
      boolean firstDiffering = differs && differing == 0;
      if (differs) differing++;
      if (firstDiffering || ((differs || differing == 0) && d > maxAbs)) {
        maxAbs = d;
        double m = Math.max(Math.abs(va), Math.abs(vb));
        maxRel = m == 0 ? 0 : d / m;
        position = pos;
        step = st;
        a = va;
        b = vb;
      }
    }

    String label() {
      return kind + (name.isEmpty() ? "" : " " + name) + (objectId == null ? "" : " " + objectId);
    }
  }

  /** The outcome: metadata differences and notes, then one item per compared array. */
  record Report(List<String> metadata, List<String> notes, List<Item> items) {
    boolean equal() {
      return metadata.isEmpty() && items.stream().allMatch(i -> i.differing == 0);
    }
  }

  // ---- what is compared ------------------------------------------------------------------------

  /** Plans the comparison of one kind of content of the two files. */
  @FunctionalInterface
  interface Planner {
    void plan(FileDiff d) throws IOException;
  }

  /**
   * One kind of content: its name, the public reads of {@link ExodusFile} whose results it compares
   * (by method name), and how it is compared.
   */
  record Content(String name, List<String> reads, Planner planner) {
    Content {
      reads = List.copyOf(reads);
    }
  }

  private static Content content(String name, Planner planner, String... reads) {
    return new Content(name, List.of(reads), planner);
  }

  /**
   * Everything the diff compares, one entry per kind of content, in the order it is compared. A
   * kind of content the reader gains is one more entry here; {@code DiffCoverageTest} fails while a
   * public read of {@link ExodusFile} is neither here nor in {@link #NOT_CONTENT}.
   */
  static final List<Content> CONTENTS =
      List.of(
          content(
              "title, QA and info records", FileDiff::records, "title", "qaRecords", "infoRecords"),
          content("groups", FileDiff::groups, "groups"),
          content(
              "counts",
              FileDiff::counts,
              "dimensionCount",
              "nodeCount",
              "elementCount",
              "edgeCount",
              "faceCount",
              "timeStepCount"),
          content(
              "coordinates",
              FileDiff::coordinates,
              "coordinateNames",
              "hasCoordinates",
              "readCoordinates",
              "coordinates",
              "coordinateView",
              "coordinateBuffer"),
          content(
              "nodal attributes",
              FileDiff::nodalAttributes,
              "nodalAttributeNames",
              "readNodalAttributes"),
          content(
              "id maps",
              FileDiff::idMaps,
              "hasIdMap",
              "readIdMap",
              "idMap",
              "nodeIndex",
              "nodeId",
              "elementIndex",
              "elementId"),
          content(
              "element order map",
              FileDiff::elementOrderMap,
              "hasElementOrderMap",
              "readElementOrderMap"),
          content("numbered maps", FileDiff::numberedMaps, "numberedMaps", "readNumberedMap"),
          content(
              "blocks",
              FileDiff::blocks,
              "blocks",
              "block",
              "hasConnectivity",
              "readConnectivity",
              "connectivity",
              "connectivityViewInts",
              "connectivityViewLongs",
              "readEntityCounts",
              "readEdgeConnectivity",
              "readFaceConnectivity",
              "readAttributes"),
          content(
              "sets",
              FileDiff::sets,
              "sets",
              "set",
              "readSetEntries",
              "readSetExtra",
              "readDistributionFactors",
              "readSetAttributes"),
          content("property names", FileDiff::propertyNames, "propertyNames"),
          content("coordinate frames", FileDiff::coordinateFrames, "coordinateFrames"),
          content("assemblies", FileDiff::assemblies, "assemblies"),
          content("blobs", FileDiff::blobs, "blobs"),
          content("entity attributes", FileDiff::entityAttributes, "entityAttributes"),
          content("field metadata", FileDiff::fieldMetadata, "fieldMetadata"),
          content(
              "bases and quadrature rules", FileDiff::basesAndQuadratures, "bases", "quadratures"),
          content("times", FileDiff::times, "readTimes", "times"),
          content(
              "variables",
              FileDiff::variables,
              "variableNames",
              "variableIndex",
              "truthTable",
              "hasVariable",
              "readGlobalVariables",
              "readGlobalVariableHistory",
              "readGlobalVariableSteps",
              "globalVariables",
              "globalVariableHistory",
              "readNodalVariable",
              "nodalVariable",
              "nodalVariableView",
              "nodalVariableBuffer",
              "readNodalVariableHistory",
              "readNodalVariableSteps",
              "nodalVariableHistory",
              "nodalVariableHistoryById",
              "nodalVariableHistoryByIndex",
              "nodalVariableChunks",
              "readVariable",
              "variable",
              "variableView",
              "variableBuffer",
              "readVariableHistory",
              "readVariableSteps",
              "variableHistory",
              "elementVariableHistory",
              "elementVariableHistoryById",
              "elementVariableHistoryByIndex",
              "variableChunks",
              "readField"),
          content(
              "reduction variables",
              FileDiff::reductionVariables,
              "reductionVariableNames",
              "hasReductionVariables",
              "readReductionVariables"),
          content("Nemesis decomposition", FileDiff::nemesis, "nemesis"));

  /** Public reads of {@link ExodusFile} that are not content of the file, and why. */
  static final Map<String, String> NOT_CONTENT =
      Map.ofEntries(
          Map.entry("path", "where the file is"),
          Map.entry("info", "format, versions and word sizes: how the content is stored"),
          Map.entry("defects", "how a damaged file is damaged; what it holds is compared"),
          Map.entry(
              "timeStepsInFile", "how much of a file cut short is stored; its steps are compared"),
          Map.entry(
              "distributionFactorCountAsCLibrary",
              "how the factor count is stored; the factors are compared"),
          Map.entry("chunkCacheSettings", "how the file was opened"),
          Map.entry("cacheStatistics", "how the file was read"),
          Map.entry("refresh", "picks up appended steps"),
          Map.entry("close", "closes the file"),
          Map.entry("toString", "names the file"),
          Map.entry("summary", "a text made of the compared content"),
          Map.entry("elementLocation", "derived from the blocks, which are compared"),
          Map.entry("sideSetNodes", "derived from side sets and connectivity, both compared"),
          Map.entry("fieldComponentNames", "derived from field metadata and bases, both compared"),
          Map.entry(
              "storedEntries", "how much a damaged file stores; the values read are compared"),
          Map.entry(
              "unwrittenRanges", "where values hold the fill value; the values are compared"));

  private interface Task {
    void run() throws IOException;
  }

  private record Planned(long values, Task task) {}

  @FunctionalInterface
  private interface RealReader {
    void read(ExodusFile f, long start, int n, double[] dst) throws IOException;
  }

  @FunctionalInterface
  private interface IntReader {
    void read(ExodusFile f, long start, int n, long[] dst) throws IOException;
  }

  @FunctionalInterface
  private interface Pair<T> {
    void compare(T a, T b) throws IOException;
  }

  private final ExodusFile fa;
  private final ExodusFile fb;
  private final Tolerances tol;
  private final List<String> metadata = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();
  private final List<Planned> plan = new ArrayList<>();
  private final double[] ra = new double[CHUNK];
  private final double[] rb = new double[CHUNK];
  private final long[] ia = new long[CHUNK];
  private final long[] ib = new long[CHUNK];

  FileDiff(ExodusFile a, ExodusFile b, Tolerances tol) {
    this.fa = a;
    this.fb = b;
    this.tol = tol;
  }

  /** Compares; {@code progress} (may be null) is told the values compared so far and the total. */
  Report run(ProgressSink progress) throws IOException {
    for (Content c : CONTENTS) c.planner().plan(this);
    long total = plan.stream().mapToLong(Planned::values).sum();
    long done = 0;
    for (Planned p : plan) {
      p.task().run();
      done += p.values();
      if (progress != null) progress.update(done, total);
    }
    resolveEntityIds();
    return new Report(List.copyOf(metadata), List.copyOf(notes), List.copyOf(items));
  }

  /** Told the work done and the total, in values. */
  interface ProgressSink {
    void update(long done, long total);
  }

  // ---- records and counts --------------------------------------------------------------------

  private void records() {
    if (!fa.title().equals(fb.title())) {
      notes.add("titles differ: '" + fa.title() + "' vs '" + fb.title() + "'");
    }
    if (!fa.qaRecords().equals(fb.qaRecords())) {
      notes.add(
          "QA records differ: "
              + fa.qaRecords().stream().map(FileDiff::qa).toList()
              + " vs "
              + fb.qaRecords().stream().map(FileDiff::qa).toList());
    }
    if (!fa.infoRecords().equals(fb.infoRecords())) {
      notes.add(
          "info records differ ("
              + fa.infoRecords().size()
              + " vs "
              + fb.infoRecords().size()
              + " lines)");
    }
  }

  /**
   * The NetCDF-4 child groups, by path. Their meshes are not compared here: compare each pair as
   * files opened at that group.
   */
  private void groups() {
    same("groups", fa.groups(), fb.groups());
    if (!fa.groups().isEmpty()) {
      notes.add("child groups " + fa.groups() + " are listed, their meshes not compared");
    }
  }

  private void counts() {
    same("dimensions", fa.dimensionCount(), fb.dimensionCount());
    same("nodes", fa.nodeCount(), fb.nodeCount());
    same("elements", fa.elementCount(), fb.elementCount());
    same("edges", fa.edgeCount(), fb.edgeCount());
    same("faces", fa.faceCount(), fb.faceCount());
    same("time steps", fa.timeStepCount(), fb.timeStepCount());
  }

  private static String qa(QaRecord q) {
    return q.codeName() + " " + q.codeVersion() + " " + q.date() + " " + q.time();
  }

  private void same(String what, Object a, Object b) {
    if (!Objects.equals(a, b)) metadata.add(what + ": " + a + " vs " + b);
  }

  private void ids(String what, List<Long> a, List<Long> b) {
    for (Long id : a) if (!b.contains(id)) metadata.add(what + " " + id + " only in A");
    for (Long id : b) if (!a.contains(id)) metadata.add(what + " " + id + " only in B");
  }

  /**
   * Objects of two files matched by id: the ids found in one file only are differences, each pair
   * is handed to {@code each}.
   */
  private <T> void matched(String what, List<T> as, List<T> bs, ToLongFunction<T> id, Pair<T> each)
      throws IOException {
    ids(
        what,
        as.stream().map(x -> id.applyAsLong(x)).toList(),
        bs.stream().map(x -> id.applyAsLong(x)).toList());
    for (T x : as) {
      for (T y : bs) {
        if (id.applyAsLong(x) == id.applyAsLong(y)) {
          each.compare(x, y);
          break;
        }
      }
    }
  }

  /** What a record component is called in a difference. */
  private static final Map<String, String> LABELS =
      Map.of(
          "storedType", "type",
          "entryCount", "entries",
          "nodesPerEntry", "nodes per entry",
          "edgesPerEntry", "edges per entry",
          "facesPerEntry", "faces per entry",
          "attributeCount", "attributes",
          "distributionFactorCount", "distribution factors",
          "valueCount", "values");

  /**
   * Compares every component of two records of one type except those in {@code skip}, so that a
   * component the API gains is compared without a change here. Element types ({@code storedType})
   * compare without regard to case, as exodiff does; properties compare per name; lists of reals
   * within the default tolerance (the first differing position is named).
   */
  private void components(String where, Record x, Record y, Set<String> skip) {
    for (RecordComponent c : x.getClass().getRecordComponents()) {
      if (skip.contains(c.getName())) continue;
      Object a = component(c, x);
      Object b = component(c, y);
      String label = where + " " + LABELS.getOrDefault(c.getName(), words(c.getName()));
      if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
        for (Map.Entry<?, ?> e : new TreeMap<>(ma).entrySet()) {
          if (!mb.containsKey(e.getKey())) {
            metadata.add(where + " property " + e.getKey() + " only in A");
          } else {
            same(where + " property " + e.getKey(), e.getValue(), mb.get(e.getKey()));
          }
        }
        for (Object k : new TreeMap<>(mb).keySet()) {
          if (!ma.containsKey(k)) metadata.add(where + " property " + k + " only in B");
        }
      } else if (a instanceof List<?> la && b instanceof List<?> lb && reals(la) && reals(lb)) {
        if (la.size() != lb.size()) {
          metadata.add(label + ": " + la.size() + " vs " + lb.size() + " values");
          continue;
        }
        for (int i = 0; i < la.size(); i++) {
          double va = (Double) la.get(i);
          double vb = (Double) lb.get(i);
          if (!tol.defaults().equal(va, vb)) {
            metadata.add(label + " at " + (i + 1) + ": " + va + " vs " + vb);
            break;
          }
        }
      } else if (a instanceof String sa && b instanceof String sb) {
        boolean equal = c.getName().equals("storedType") ? sa.equalsIgnoreCase(sb) : sa.equals(sb);
        if (!equal) metadata.add(label + ": '" + sa + "' vs '" + sb + "'");
      } else {
        same(label, a, b);
      }
    }
  }

  /** A non-empty list of reals: compared within tolerance. */
  private static boolean reals(List<?> l) {
    return !l.isEmpty() && l.stream().allMatch(x -> x instanceof Double);
  }

  private static Object component(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
    }
  }

  /** "distributionFactorCount" -> "distribution factor count". */
  private static String words(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  // ---- coordinates and nodal attributes ------------------------------------------------------

  private void coordinates() {
    same("coordinate names", fa.coordinateNames(), fb.coordinateNames());
    long nodes = fa.nodeCount();
    if (nodes != fb.nodeCount()) return;
    Tolerance ct = tol.byName().getOrDefault("coordinates", tol.defaults());
    for (int d = 0; d < Math.min(fa.dimensionCount(), fb.dimensionCount()); d++) {
      final int axis = d;
      if (fa.hasCoordinates(d) != fb.hasCoordinates(d)) {
        metadata.add("coordinates " + "xyz".charAt(d) + " stored in one file only");
        continue;
      }
      if (!fa.hasCoordinates(d)) continue;
      Item it = item("mesh", "coordinates", String.valueOf("xyz".charAt(d)), null, "node", ct);
      reals(it, nodes, -1, (f, s, n, dst) -> f.readCoordinates(axis, s, n, dst, 0));
    }
  }

  private void nodalAttributes() {
    List<String> na = fa.nodalAttributeNames();
    same("nodal attribute names", na, fb.nodalAttributeNames());
    if (na.isEmpty() || !na.equals(fb.nodalAttributeNames()) || fa.nodeCount() != fb.nodeCount()) {
      return;
    }
    int width = na.size();
    List<Item> its = new ArrayList<>();
    for (String n : na) its.add(item("mesh", "nodal_attribute", n, null, "node", tol.defaults()));
    long nodes = fa.nodeCount();
    int per = Math.max(1, CHUNK / width);
    plan.add(
        new Planned(
            nodes * width,
            () -> {
              for (long s = 0; s < nodes; s += per) {
                int n = (int) Math.min(per, nodes - s);
                fa.readNodalAttributes(s, n, ra, 0);
                fb.readNodalAttributes(s, n, rb, 0);
                for (int i = 0; i < n * width; i++) {
                  Item it = its.get(i % width);
                  it.record(ra[i], rb[i], !it.tolerance.equal(ra[i], rb[i]), s + i / width, -1);
                }
              }
            }));
  }

  // ---- maps ----------------------------------------------------------------------------------

  private static long entities(ExodusFile f, EntityType mapType) {
    return switch (mapType) {
      case NODE_MAP -> f.nodeCount();
      case ELEM_MAP -> f.elementCount();
      case EDGE_MAP -> f.edgeCount();
      case FACE_MAP -> f.faceCount();
      default -> throw new IllegalArgumentException(mapType + " is not a map type");
    };
  }

  private static String entity(EntityType mapType) {
    return switch (mapType) {
      case NODE_MAP -> "node";
      case ELEM_MAP -> "element";
      case EDGE_MAP -> "edge";
      default -> "face";
    };
  }

  /** The id maps, as the C library reads them (1..n where a file stores none). */
  private void idMaps() {
    for (EntityType t : EntityType.MAP_TYPES) {
      long n = entities(fa, t);
      if (n != entities(fb, t) || n == 0) continue; // counts are compared above
      if (fa.hasIdMap(t) != fb.hasIdMap(t)) {
        notes.add(
            InfoSummary.kind(t)
                + " id map stored in "
                + (fa.hasIdMap(t) ? "A" : "B")
                + " only (the other numbers 1..n)");
      }
      String name = entity(t).replace("element", "elem") + "_num_map";
      ints(
          item("map", name, "", null, entity(t), null),
          n,
          (f, s, c, dst) -> f.readIdMap(t, s, c, dst, 0));
    }
  }

  /** The old element order map ({@code elem_map}), 1..n where a file stores none (as C). */
  private void elementOrderMap() {
    if (!fa.hasElementOrderMap() && !fb.hasElementOrderMap()) return;
    long n = fa.elementCount();
    if (n != fb.elementCount()) return;
    ints(
        item("map", "elem_map", "", null, "element", null),
        n,
        (f, s, c, dst) -> {
          if (f.hasElementOrderMap()) {
            f.readElementOrderMap(s, c, dst, 0);
          } else {
            for (int i = 0; i < c; i++) dst[i] = s + i + 1;
          }
        });
  }

  private void numberedMaps() throws IOException {
    for (EntityType t : EntityType.MAP_TYPES) {
      String kind = InfoSummary.kind(t);
      matched(
          kind,
          fa.numberedMaps(t),
          fb.numberedMaps(t),
          NumberedMap::id,
          (x, y) -> {
            components(kind + " " + x.id(), x, y, Set.of("type", "index", "id"));
            if (x.length() != y.length()) return;
            ints(
                item("map", kind, x.name(), x.id(), entity(t), null),
                x.length(),
                (f, s, n, dst) -> f.readNumberedMap(f == fa ? x : y, s, n, dst, 0));
          });
    }
  }

  // ---- blocks and sets -----------------------------------------------------------------------

  private void blocks() throws IOException {
    for (EntityType t : EntityType.BLOCK_TYPES) {
      String k = InfoSummary.kind(t);
      matched(
          k,
          fa.blocks(t),
          fb.blocks(t),
          Block::id,
          (x, y) -> {
            components(k + " " + x.id(), x, y, Set.of("type", "index", "id", "topology"));
            block(t, x, y);
          });
    }
  }

  private void block(EntityType t, Block x, Block y) {
    if (!x.storedType().equalsIgnoreCase(y.storedType())
        || x.entryCount() != y.entryCount()
        || x.connectivityLength() != y.connectivityLength()) {
      return; // reported with the metadata
    }
    String k = InfoSummary.kind(t);
    if (fa.hasConnectivity(x) && fb.hasConnectivity(y)) {
      boolean poly = x.isPolytope();
      long units = poly ? 1 : Math.max(1, x.nodesPerEntry());
      Item it = item("mesh", k, "connectivity", x.id(), "entry", null);
      long total = x.connectivityLength();
      // read whole entries (a fixed block's reads count entries, a polytope's count values)
      int per = (int) Math.max(1, CHUNK / units);
      plan.add(
          new Planned(
              total,
              () -> {
                for (long s = 0; s < (poly ? total : x.entryCount()); s += per) {
                  int n = (int) Math.min(per, (poly ? total : x.entryCount()) - s);
                  fa.readConnectivity(x, s, n, ia, 0);
                  fb.readConnectivity(y, s, n, ib, 0);
                  int values = (int) (n * units);
                  for (int i = 0; i < values; i++) {
                    it.record(ia[i], ib[i], ia[i] != ib[i], poly ? -1 : s + i / units, -1);
                  }
                }
              }));
    }
    if (x.isPolytope()) {
      ints(
          item(
              "mesh",
              k,
              x.topology() == Topology.NFACED ? "faces per entry" : "nodes per entry",
              x.id(),
              "entry",
              null),
          x.entryCount(),
          (f, s, n, dst) -> f.readEntityCounts(f == fa ? x : y, s, n, dst, 0));
    }
    if (t == EntityType.ELEM_BLOCK && x.edgesPerEntry() > 0 && y.edgesPerEntry() > 0) {
      rows(
          item("mesh", k, "edge connectivity", x.id(), "entry", null),
          x.entryCount(),
          x.edgesPerEntry(),
          (f, s, n, dst) -> f.readEdgeConnectivity(f == fa ? x : y, s, n, dst, 0));
    }
    if (t == EntityType.ELEM_BLOCK
        && x.topology() != Topology.NFACED
        && x.facesPerEntry() > 0
        && y.facesPerEntry() > 0) {
      rows(
          item("mesh", k, "face connectivity", x.id(), "entry", null),
          x.entryCount(),
          x.facesPerEntry(),
          (f, s, n, dst) -> f.readFaceConnectivity(f == fa ? x : y, s, n, dst, 0));
    }
    if (x.attributeCount() == y.attributeCount() && x.attributeCount() > 0) {
      realRows(
          item("mesh", k, "attributes", x.id(), "entry", tol.defaults()),
          x.entryCount(),
          x.attributeCount(),
          (f, s, n, dst) -> f.readAttributes(f == fa ? x : y, s, n, dst, 0));
    }
  }

  private void sets() throws IOException {
    for (EntityType t : EntityType.SET_TYPES) {
      String k = InfoSummary.kind(t);
      matched(
          k,
          fa.sets(t),
          fb.sets(t),
          EntitySet::id,
          (x, y) -> {
            components(k + " " + x.id(), x, y, Set.of("type", "index", "id"));
            set(t, x, y);
          });
    }
  }

  private void set(EntityType t, EntitySet x, EntitySet y) {
    if (x.entryCount() != y.entryCount()) return;
    String k = InfoSummary.kind(t);
    ints(
        item("set", k, "entries", x.id(), "entry", null),
        x.entryCount(),
        (f, s, n, dst) -> f.readSetEntries(f == fa ? x : y, s, n, dst, 0));
    if (x.hasExtraList()) {
      ints(
          item(
              "set", k, t == EntityType.SIDE_SET ? "sides" : "orientations", x.id(), "entry", null),
          x.entryCount(),
          (f, s, n, dst) -> f.readSetExtra(f == fa ? x : y, s, n, dst, 0));
    }
    if (x.distributionFactorCount() > 0
        && x.distributionFactorCount() == y.distributionFactorCount()) {
      reals(
          item("set", k, "distribution_factors", x.id(), "factor", tol.defaults()),
          x.distributionFactorCount(),
          -1,
          (f, s, n, dst) -> f.readDistributionFactors(f == fa ? x : y, s, n, dst, 0));
    }
    if (x.attributeCount() > 0 && x.attributeCount() == y.attributeCount()) {
      realRows(
          item("set", k, "attributes", x.id(), "entry", tol.defaults()),
          x.entryCount(),
          x.attributeCount(),
          (f, s, n, dst) -> f.readSetAttributes(f == fa ? x : y, s, n, dst, 0));
    }
  }

  /**
   * The property names of each block and set kind as {@code ex_get_prop_names} lists them: their
   * order and repetition (a name in one file only is reported with each object's properties).
   */
  private void propertyNames() {
    for (EntityType t : OBJECT_KINDS) {
      if (!t.isBlock() && !t.isSet()) continue;
      List<String> a = fa.propertyNames(t);
      List<String> b = fb.propertyNames(t);
      if (!a.equals(b) && new TreeSet<>(a).equals(new TreeSet<>(b))) {
        metadata.add(InfoSummary.kind(t) + " property names: " + a + " vs " + b);
      }
    }
  }

  private void coordinateFrames() throws IOException {
    matched(
        "coordinate frame",
        fa.coordinateFrames(),
        fb.coordinateFrames(),
        CoordinateFrame::id,
        (x, y) -> components("coordinate frame " + x.id(), x, y, Set.of("id")));
  }

  // ---- assemblies, blobs, entity attributes --------------------------------------------------

  private void assemblies() throws IOException {
    matched(
        "assembly",
        fa.assemblies(),
        fb.assemblies(),
        Assembly::id,
        (x, y) -> {
          String w = "assembly " + x.id();
          components(w, x, y, Set.of("id", "members"));
          if (x.members().size() != y.members().size()) {
            metadata.add(w + " members: " + x.members().size() + " vs " + y.members().size());
            return;
          }
          Item it = item("assembly", "assembly", "members", x.id(), "member", null);
          for (int i = 0; i < x.members().size(); i++) {
            long a = x.members().get(i);
            long b = y.members().get(i);
            it.record(a, b, a != b, i, -1);
          }
        });
  }

  private void blobs() throws IOException {
    matched(
        "blob",
        fa.blobs(),
        fb.blobs(),
        Blob::id,
        (x, y) -> components("blob " + x.id(), x, y, Set.of("id")));
  }

  /** The ids of the objects of {@code kind} (blocks, sets, assemblies, blobs) in file order. */
  private static List<Long> objectIds(ExodusFile f, EntityType kind) {
    if (kind.isBlock()) return f.blocks(kind).stream().map(Block::id).toList();
    if (kind.isSet()) return f.sets(kind).stream().map(EntitySet::id).toList();
    if (kind == EntityType.ASSEMBLY) return f.assemblies().stream().map(Assembly::id).toList();
    if (kind == EntityType.BLOB) return f.blobs().stream().map(Blob::id).toList();
    return List.of();
  }

  /** The kinds whose objects carry entity attributes and fields, besides the file and the nodes. */
  private static final List<EntityType> OBJECT_KINDS =
      List.of(
          EntityType.ELEM_BLOCK,
          EntityType.EDGE_BLOCK,
          EntityType.FACE_BLOCK,
          EntityType.NODE_SET,
          EntityType.SIDE_SET,
          EntityType.ELEM_SET,
          EntityType.EDGE_SET,
          EntityType.FACE_SET,
          EntityType.ASSEMBLY,
          EntityType.BLOB);

  @FunctionalInterface
  private interface Owner {
    void compare(EntityType kind, Long id) throws IOException;
  }

  /**
   * Calls {@code each} for the file (GLOBAL, id null), the nodes (NODAL, id null) and every block,
   * set, assembly and blob present in both files.
   */
  private void owners(Owner each) throws IOException {
    each.compare(EntityType.GLOBAL, null);
    each.compare(EntityType.NODAL, null);
    for (EntityType t : OBJECT_KINDS) {
      List<Long> idsB = objectIds(fb, t);
      for (long id : objectIds(fa, t)) {
        if (idsB.contains(id)) each.compare(t, id);
      }
    }
  }

  private void entityAttributes() throws IOException {
    owners(
        (t, id) -> {
          long i = id == null ? 0 : id;
          attributes(t, id, fa.entityAttributes(t, i), fb.entityAttributes(t, i));
        });
  }

  private void fieldMetadata() throws IOException {
    owners(
        (t, id) -> {
          long i = id == null ? 0 : id;
          String where = InfoSummary.kind(t) + (id == null ? "" : " " + id) + " field";
          named(
              where,
              fa.fieldMetadata(t, i),
              fb.fieldMetadata(t, i),
              FieldMetadata::name,
              Set.of("kind", "id", "name"));
        });
  }

  private void basesAndQuadratures() {
    named("basis", fa.bases(), fb.bases(), Basis::name, Set.of("name"));
    named("quadrature", fa.quadratures(), fb.quadratures(), Quadrature::name, Set.of("name"));
  }

  /** Records matched by name: those in one file only, then every other component of each pair. */
  private <R extends Record> void named(
      String what, List<R> as, List<R> bs, Function<R, String> name, Set<String> skip) {
    List<String> na = as.stream().map(name).toList();
    List<String> nb = bs.stream().map(name).toList();
    onlyIn(what, na, nb);
    for (R x : as) {
      int j = nb.indexOf(name.apply(x));
      if (j >= 0) components(what + " '" + name.apply(x) + "'", x, bs.get(j), skip);
    }
  }

  /** Entity attributes of one object, matched by name. */
  private void attributes(
      EntityType t, Long id, List<EntityAttribute> as, List<EntityAttribute> bs) {
    String where = InfoSummary.kind(t) + (id == null ? "" : " " + id) + " attribute ";
    Map<String, EntityAttribute> mb = new LinkedHashMap<>();
    for (EntityAttribute b : bs) mb.put(b.name(), b);
    Set<String> inA = new HashSet<>();
    for (EntityAttribute a : as) {
      inA.add(a.name());
      EntityAttribute b = mb.get(a.name());
      String w = where + "'" + a.name() + "'";
      if (b == null) {
        metadata.add(w + " only in A");
      } else if (a.integer() != b.integer()) {
        metadata.add(w + ": " + type(a) + " vs " + type(b));
      } else if (a.isText() || b.isText()) {
        if (!Objects.equals(a.text(), b.text()) || a.isText() != b.isText()) {
          metadata.add(w + ": " + attributeText(a) + " vs " + attributeText(b));
        }
      } else if (a.values().size() != b.values().size()) {
        metadata.add(w + ": " + a.values().size() + " vs " + b.values().size() + " values");
      } else {
        Item it = item("attribute", InfoSummary.kind(t), a.name(), id, "value", tol.defaults());
        for (int i = 0; i < a.values().size(); i++) {
          double va = a.values().get(i);
          double vb = b.values().get(i);
          it.record(va, vb, !it.tolerance.equal(va, vb), i, -1);
        }
      }
    }
    for (EntityAttribute b : bs) {
      if (!inA.contains(b.name())) metadata.add(where + "'" + b.name() + "' only in B");
    }
  }

  private static String type(EntityAttribute a) {
    return a.integer() ? "integer" : a.isText() ? "text" : "double";
  }

  private static String attributeText(EntityAttribute a) {
    return a.isText() ? "'" + a.text() + "'" : a.values().toString();
  }

  // ---- times and variables -------------------------------------------------------------------

  private void times() {
    long steps = Math.min(fa.timeStepCount(), fb.timeStepCount());
    if (steps > 0) {
      Tolerance tt = tol.byName().getOrDefault("time", tol.defaults());
      reals(
          item("time", "time", "time", null, "step", tt),
          steps,
          -1,
          (f, s, n, dst) -> f.readTimes(s, n, dst, 0));
    }
  }

  private void variables() {
    long steps = Math.min(fa.timeStepCount(), fb.timeStepCount());
    for (EntityType k : EntityType.VARIABLE_TYPES) {
      List<String> na = fa.variableNames(k);
      List<String> nb = fb.variableNames(k);
      onlyIn(InfoSummary.kind(k) + " variable", na, nb);
      for (int va = 0; va < na.size(); va++) {
        String name = na.get(va);
        int vb = counterpart(na, nb, va);
        if (vb < 0) continue;
        Tolerance t = tol.of(k, name);
        String kind = InfoSummary.kind(k);
        final int ja = va;
        String shown = name.isEmpty() ? "#" + (va + 1) : name; // unnamed: by position
        if (k == EntityType.GLOBAL) {
          reals(
              item("variable", kind, shown, null, "step", t),
              steps,
              -1,
              (f, s, n, dst) -> f.readGlobalVariableHistory(f == fa ? ja : vb, s, n, dst, 0));
        } else if (k == EntityType.NODAL) {
          if (fa.nodeCount() != fb.nodeCount()) continue;
          Item it = item("variable", kind, shown, null, "node", t);
          for (long s = 0; s < steps; s++) {
            final long step = s;
            reals(
                it,
                fa.nodeCount(),
                s,
                (f, st, n, dst) -> f.readNodalVariable(f == fa ? ja : vb, step, st, n, dst, 0));
          }
        } else {
          objectVariable(k, shown, ja, vb, steps, t);
        }
      }
    }
  }

  /**
   * The position in {@code nb} of the variable named as {@code na[i]}: the k-th of that name in B
   * for the k-th in A, so that files with repeated names (often all empty) match by order; -1 when
   * B has fewer.
   */
  static int counterpart(List<String> na, List<String> nb, int i) {
    String name = na.get(i);
    int k = 0;
    for (int j = 0; j < i; j++) if (na.get(j).equals(name)) k++;
    for (int j = 0; j < nb.size(); j++) {
      if (nb.get(j).equals(name) && k-- == 0) return j;
    }
    return -1;
  }

  private void onlyIn(String what, List<String> na, List<String> nb) {
    for (String n : na) if (!nb.contains(n)) metadata.add(what + " '" + n + "' only in A");
    for (String n : nb) if (!na.contains(n)) metadata.add(what + " '" + n + "' only in B");
  }

  /** Entries of a variable on an object: a block's or set's, an assembly's or blob's stored. */
  private static long entries(ExodusFile f, EntityType k, long id, int var) {
    if (k.isBlock()) return f.block(k, id).entryCount();
    if (k.isSet()) return f.set(k, id).entryCount();
    return f.storedEntries(k, var, id);
  }

  private void objectVariable(EntityType k, String name, int va, int vb, long steps, Tolerance t) {
    TruthTable ta = fa.truthTable(k);
    TruthTable tb = fb.truthTable(k);
    String kind = InfoSummary.kind(k);
    for (int o = 0; o < ta.objectIds().size(); o++) {
      long id = ta.objectIds().get(o);
      int ob = tb.objectIds().indexOf(id);
      if (ob < 0) continue;
      boolean inA = ta.has(o, va);
      boolean inB = tb.has(ob, vb);
      if (inA != inB) {
        metadata.add(
            kind
                + " variable '"
                + name
                + "' on "
                + id
                + ": stored in "
                + (inA ? "A" : "B")
                + " only");
        continue;
      }
      if (!inA) continue;
      long count = entries(fa, k, id, va);
      long countB = entries(fb, k, id, vb);
      if (count != countB) {
        if (!k.isBlock() && !k.isSet()) {
          metadata.add(
              kind
                  + " variable '"
                  + name
                  + "' on "
                  + id
                  + ": "
                  + count
                  + " vs "
                  + countB
                  + " entries");
        }
        continue; // blocks and sets: reported with their sizes
      }
      Item it =
          item("variable", kind, name, id, k.isBlock() ? BlockEntries.entityName(k) : "entry", t);
      for (long s = 0; s < steps; s++) {
        final long step = s;
        reals(
            it,
            count,
            s,
            (f, st, n, dst) -> f.readVariable(k, f == fa ? va : vb, id, step, st, n, dst, 0));
      }
    }
  }

  /**
   * Reduction variables of blocks, sets, assemblies and blobs: a few values per object and step.
   */
  private void reductionVariables() {
    long steps = Math.min(fa.timeStepCount(), fb.timeStepCount());
    for (EntityType k : EntityType.VARIABLE_TYPES) {
      if (k == EntityType.GLOBAL || k == EntityType.NODAL) continue;
      String kind = InfoSummary.kind(k);
      List<String> na = fa.reductionVariableNames(k);
      List<String> nb = fb.reductionVariableNames(k);
      onlyIn(kind + " reduction variable", na, nb);
      if (na.isEmpty() || nb.isEmpty()) continue;
      List<Long> idsB = objectIds(fb, k);
      for (long id : objectIds(fa, k)) {
        if (!idsB.contains(id)) continue;
        boolean inA = fa.hasReductionVariables(k, id);
        if (inA != fb.hasReductionVariables(k, id)) {
          metadata.add(
              kind + " " + id + " reduction variables: stored in " + (inA ? "A" : "B") + " only");
          continue;
        }
        if (!inA) continue;
        List<Item> its = new ArrayList<>();
        int[] inb = new int[na.size()];
        for (int v = 0; v < na.size(); v++) {
          inb[v] = counterpart(na, nb, v);
          its.add(
              inb[v] < 0
                  ? null
                  : item("reduction", kind, na.get(v), id, "step", tol.of(k, na.get(v))));
        }
        double[] va = new double[na.size()];
        double[] vb = new double[nb.size()];
        plan.add(
            new Planned(
                steps * na.size(),
                () -> {
                  for (long s = 0; s < steps; s++) {
                    fa.readReductionVariables(k, id, s, va, 0);
                    fb.readReductionVariables(k, id, s, vb, 0);
                    for (int v = 0; v < va.length; v++) {
                      Item it = its.get(v);
                      if (it == null) continue;
                      double x = va[v];
                      double y = vb[inb[v]];
                      it.record(x, y, !it.tolerance.equal(x, y), -1, s);
                    }
                  }
                }));
      }
    }
  }

  // ---- Nemesis -------------------------------------------------------------------------------

  private void nemesis() throws IOException {
    Optional<Nemesis> oa = fa.nemesis();
    Optional<Nemesis> ob = fb.nemesis();
    if (oa.isPresent() != ob.isPresent()) {
      metadata.add("Nemesis decomposition data in " + (oa.isPresent() ? "A" : "B") + " only");
      return;
    }
    if (oa.isEmpty()) return;
    Nemesis a = oa.get();
    Nemesis b = ob.get();
    same("nemesis file type", a.fileType(), b.fileType());
    same("nemesis processors", a.processorCount(), b.processorCount());
    same("nemesis processors in file", a.processorsInFile(), b.processorsInFile());
    same("nemesis global sizes stored", a.hasGlobals(), b.hasGlobals());
    same("nemesis global nodes", a.globalNodeCount(), b.globalNodeCount());
    same("nemesis global elements", a.globalElementCount(), b.globalElementCount());
    longs("nemesis global block ids", a.globalBlockIds(), b.globalBlockIds());
    longs("nemesis global block counts", a.globalBlockCounts(), b.globalBlockCounts());
    longs("nemesis global node set ids", a.globalNodeSetIds(), b.globalNodeSetIds());
    longs(
        "nemesis global node set counts", a.globalNodeSetNodeCounts(), b.globalNodeSetNodeCounts());
    longs(
        "nemesis global node set factor counts",
        a.globalNodeSetDfCounts(),
        b.globalNodeSetDfCounts());
    longs("nemesis global side set ids", a.globalSideSetIds(), b.globalSideSetIds());
    longs(
        "nemesis global side set counts", a.globalSideSetSideCounts(), b.globalSideSetSideCounts());
    longs(
        "nemesis global side set factor counts",
        a.globalSideSetDfCounts(),
        b.globalSideSetDfCounts());
    if (a.processorsInFile() != b.processorsInFile()) return;
    String[] nodeMaps = {"internal", "border", "external"};
    for (int p = 0; p < Math.max(1, a.processorsInFile()); p++) {
      String w = "nemesis processor " + p;
      components(w + " load balance", a.loadBalance(p), b.loadBalance(p), Set.of());
      long[][] na = a.nodeMaps(p);
      long[][] nb = b.nodeMaps(p);
      for (int i = 0; i < na.length; i++) longs(w + " " + nodeMaps[i] + " nodes", na[i], nb[i]);
      long[][] ea = a.elementMaps(p);
      long[][] eb = b.elementMaps(p);
      for (int i = 0; i < ea.length; i++) {
        longs(w + " " + nodeMaps[i] + " elements", ea[i], eb[i]);
      }
      List<Nemesis.CommMap> ca = a.nodeCommMaps(p);
      same(w + " node communication maps", ca, b.nodeCommMaps(p));
      if (ca.equals(b.nodeCommMaps(p))) {
        for (Nemesis.CommMap m : ca) {
          Nemesis.NodeCommMap x = a.nodeCommMap(m.id(), p);
          Nemesis.NodeCommMap y = b.nodeCommMap(m.id(), p);
          String v = w + " node communication map " + m.id();
          longs(v + " nodes", x.nodes(), y.nodes());
          longs(v + " processors", x.processors(), y.processors());
        }
      }
      List<Nemesis.CommMap> cea = a.elementCommMaps(p);
      same(w + " element communication maps", cea, b.elementCommMaps(p));
      if (cea.equals(b.elementCommMaps(p))) {
        for (Nemesis.CommMap m : cea) {
          Nemesis.ElementCommMap x = a.elementCommMap(m.id(), p);
          Nemesis.ElementCommMap y = b.elementCommMap(m.id(), p);
          String v = w + " element communication map " + m.id();
          longs(v + " elements", x.elements(), y.elements());
          longs(v + " sides", x.sides(), y.sides());
          longs(v + " processors", x.processors(), y.processors());
        }
      }
    }
  }

  /** Two small integer arrays: their lengths, else the first position where they differ. */
  private void longs(String what, long[] a, long[] b) {
    if (a.length != b.length) {
      metadata.add(what + ": " + a.length + " vs " + b.length + " values");
      return;
    }
    int i = Arrays.mismatch(a, b);
    if (i >= 0) metadata.add(what + " at " + (i + 1) + ": " + a[i] + " vs " + b[i]);
  }

  // ---- comparing arrays ----------------------------------------------------------------------

  private Item item(
      String category, String kind, String name, Long id, String entity, Tolerance t) {
    Item it = new Item(category, kind, name, id, entity, t);
    items.add(it);
    return it;
  }

  /** Plans comparing {@code total} reals; {@code step} is recorded with the place (-1: none). */
  private void reals(Item it, long total, long step, RealReader r) {
    plan.add(
        new Planned(
            total,
            () -> {
              for (long s = 0; s < total; s += CHUNK) {
                int n = (int) Math.min(CHUNK, total - s);
                r.read(fa, s, n, ra);
                r.read(fb, s, n, rb);
                for (int i = 0; i < n; i++) {
                  boolean differs = !it.tolerance.equal(ra[i], rb[i]);
                  // a value over steps (times, globals) has its place in the step
                  if (step < 0 && it.entity.equals("step")) {
                    it.record(ra[i], rb[i], differs, -1, s + i);
                  } else {
                    it.record(ra[i], rb[i], differs, s + i, step);
                  }
                }
              }
            }));
  }

  private void ints(Item it, long total, IntReader r) {
    plan.add(
        new Planned(
            total,
            () -> {
              for (long s = 0; s < total; s += CHUNK) {
                int n = (int) Math.min(CHUNK, total - s);
                r.read(fa, s, n, ia);
                r.read(fb, s, n, ib);
                for (int i = 0; i < n; i++) it.record(ia[i], ib[i], ia[i] != ib[i], s + i, -1);
              }
            }));
  }

  /** Plans comparing {@code entries} rows of {@code width} integers, read whole rows at a time. */
  private void rows(Item it, long entries, long width, IntReader r) {
    int per = (int) Math.max(1, CHUNK / Math.max(1, width));
    plan.add(
        new Planned(
            entries * width,
            () -> {
              for (long s = 0; s < entries; s += per) {
                int n = (int) Math.min(per, entries - s);
                r.read(fa, s, n, ia);
                r.read(fb, s, n, ib);
                for (int i = 0; i < n * width; i++) {
                  it.record(ia[i], ib[i], ia[i] != ib[i], s + i / width, -1);
                }
              }
            }));
  }

  /** Plans comparing {@code entries} rows of {@code width} reals within tolerance, whole rows. */
  private void realRows(Item it, long entries, long width, RealReader r) {
    int per = (int) Math.max(1, CHUNK / Math.max(1, width));
    plan.add(
        new Planned(
            entries * width,
            () -> {
              for (long s = 0; s < entries; s += per) {
                int n = (int) Math.min(per, entries - s);
                r.read(fa, s, n, ra);
                r.read(fb, s, n, rb);
                for (int i = 0; i < n * width; i++) {
                  it.record(ra[i], rb[i], !it.tolerance.equal(ra[i], rb[i]), s + i / width, -1);
                }
              }
            }));
  }

  /** The user id of each reported node or element (one map read per item). */
  private void resolveEntityIds() throws IOException {
    long[] one = new long[1];
    for (Item it : items) {
      if (it.position < 0) continue;
      EntityType map =
          switch (it.entity) {
            case "node" -> EntityType.NODE_MAP;
            case "element" -> EntityType.ELEM_MAP;
            case "edge" -> EntityType.EDGE_MAP;
            case "face" -> EntityType.FACE_MAP;
            default -> null;
          };
      if (map == null) continue;
      long base = 0;
      if (it.objectId != null && it.category.equals("variable")) {
        base = BlockEntries.firstEntry(fa, fa.block(Selectors.variableKind(it.kind), it.objectId));
      }
      fa.readIdMap(map, base + it.position, 1, one, 0);
      it.entityId = one[0];
    }
  }
}
