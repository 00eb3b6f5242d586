package org.exodusj.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.QaRecord;
import org.exodusj.TruthTable;

/**
 * Compares two Exodus files the way SEACAS {@code exodiff} does: metadata (counts, blocks, sets,
 * variable names, truth tables, steps), the mesh (coordinates within tolerance, connectivity, id
 * maps, set entries exactly), times and every variable at every step within tolerance. Blocks and
 * sets are matched by id, variables by name, entities and steps by position.
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
      return kind + " " + name + (objectId == null ? "" : " " + objectId);
    }
  }

  /** The outcome: metadata differences and notes, then one item per compared array. */
  record Report(List<String> metadata, List<String> notes, List<Item> items) {
    boolean equal() {
      return metadata.isEmpty() && items.stream().allMatch(i -> i.differing == 0);
    }
  }

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
    planMetadata();
    planMesh();
    planVariables();
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

  // ---- metadata ------------------------------------------------------------------------------

  private void planMetadata() {
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
    same("dimensions", fa.dimensionCount(), fb.dimensionCount());
    same("nodes", fa.nodeCount(), fb.nodeCount());
    same("elements", fa.elementCount(), fb.elementCount());
    same("edges", fa.edgeCount(), fb.edgeCount());
    same("faces", fa.faceCount(), fb.faceCount());
    same("time steps", fa.timeStepCount(), fb.timeStepCount());
    for (EntityType t : EntityType.BLOCK_TYPES) {
      ids(InfoSummary.kind(t), ids(fa.blocks(t)), ids(fb.blocks(t)));
      for (Block x : fa.blocks(t)) {
        Block y = find(fb.blocks(t), x.id());
        if (y == null) continue;
        String w = InfoSummary.kind(t) + " " + x.id();
        same(w + " type", x.storedType(), y.storedType());
        same(w + " entries", x.entryCount(), y.entryCount());
        same(w + " nodes per entry", x.nodesPerEntry(), y.nodesPerEntry());
        same(w + " attributes", x.attributeCount(), y.attributeCount());
        same(w + " name", "'" + x.name() + "'", "'" + y.name() + "'");
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      ids(InfoSummary.kind(t), setIds(fa.sets(t)), setIds(fb.sets(t)));
      for (EntitySet x : fa.sets(t)) {
        EntitySet y = findSet(fb.sets(t), x.id());
        if (y == null) continue;
        String w = InfoSummary.kind(t) + " " + x.id();
        same(w + " entries", x.entryCount(), y.entryCount());
        same(w + " distribution factors", x.distributionFactorCount(), y.distributionFactorCount());
        same(w + " name", "'" + x.name() + "'", "'" + y.name() + "'");
      }
    }
    for (EntityType k : EntityType.VARIABLE_TYPES) {
      List<String> na = fa.variableNames(k);
      List<String> nb = fb.variableNames(k);
      for (String n : na) {
        if (!nb.contains(n)) metadata.add(InfoSummary.kind(k) + " variable '" + n + "' only in A");
      }
      for (String n : nb) {
        if (!na.contains(n)) metadata.add(InfoSummary.kind(k) + " variable '" + n + "' only in B");
      }
    }
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

  private static List<Long> ids(List<Block> bs) {
    return bs.stream().map(Block::id).toList();
  }

  private static List<Long> setIds(List<EntitySet> ss) {
    return ss.stream().map(EntitySet::id).toList();
  }

  private static Block find(List<Block> bs, long id) {
    for (Block b : bs) if (b.id() == id) return b;
    return null;
  }

  private static EntitySet findSet(List<EntitySet> ss, long id) {
    for (EntitySet s : ss) if (s.id() == id) return s;
    return null;
  }

  // ---- mesh ----------------------------------------------------------------------------------

  private void planMesh() {
    long nodes = fa.nodeCount();
    if (nodes == fb.nodeCount()) {
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
      ints(
          item("map", "node_num_map", "", null, "node", null),
          nodes,
          (f, s, n, dst) -> f.readIdMap(EntityType.NODE_MAP, s, n, dst, 0));
    }
    if (fa.elementCount() == fb.elementCount()) {
      ints(
          item("map", "elem_num_map", "", null, "element", null),
          fa.elementCount(),
          (f, s, n, dst) -> f.readIdMap(EntityType.ELEM_MAP, s, n, dst, 0));
    }
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block x : fa.blocks(t)) {
        Block y = find(fb.blocks(t), x.id());
        if (y == null
            || !x.storedType().equals(y.storedType())
            || x.entryCount() != y.entryCount()
            || x.connectivityLength() != y.connectivityLength()) {
          continue;
        }
        if (fa.hasConnectivity(x) && fb.hasConnectivity(y)) {
          boolean poly = x.isPolytope();
          long units = poly ? 1 : Math.max(1, x.nodesPerEntry());
          Item it = item("mesh", InfoSummary.kind(t), "connectivity", x.id(), "entry", null);
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
        if (x.attributeCount() == y.attributeCount() && x.attributeCount() > 0) {
          long na = x.attributeCount();
          Item it =
              item("mesh", InfoSummary.kind(t), "attributes", x.id(), "entry", tol.defaults());
          int per = (int) Math.max(1, CHUNK / na);
          plan.add(
              new Planned(
                  x.entryCount() * na,
                  () -> {
                    for (long s = 0; s < x.entryCount(); s += per) {
                      int n = (int) Math.min(per, x.entryCount() - s);
                      fa.readAttributes(x, s, n, ra, 0);
                      fb.readAttributes(y, s, n, rb, 0);
                      for (int i = 0; i < n * na; i++) {
                        it.record(ra[i], rb[i], !it.tolerance.equal(ra[i], rb[i]), s + i / na, -1);
                      }
                    }
                  }));
        }
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet x : fa.sets(t)) {
        EntitySet y = findSet(fb.sets(t), x.id());
        if (y == null || x.entryCount() != y.entryCount()) continue;
        String k = InfoSummary.kind(t);
        ints(
            item("set", k, "entries", x.id(), "entry", null),
            x.entryCount(),
            (f, s, n, dst) -> f.readSetEntries(f == fa ? x : y, s, n, dst, 0));
        if (x.hasExtraList()) {
          ints(
              item(
                  "set",
                  k,
                  t == EntityType.SIDE_SET ? "sides" : "orientations",
                  x.id(),
                  "entry",
                  null),
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
      }
    }
  }

  // ---- times and variables -------------------------------------------------------------------

  private void planVariables() throws IOException {
    long steps = Math.min(fa.timeStepCount(), fb.timeStepCount());
    if (steps > 0) {
      Tolerance tt = tol.byName().getOrDefault("time", tol.defaults());
      reals(
          item("time", "time", "time", null, "step", tt),
          steps,
          -1,
          (f, s, n, dst) -> f.readTimes(s, n, dst, 0));
    }
    for (EntityType k : EntityType.VARIABLE_TYPES) {
      List<String> nb = fb.variableNames(k);
      List<String> na = fa.variableNames(k);
      for (int va = 0; va < na.size(); va++) {
        String name = na.get(va);
        int vb = nb.indexOf(name);
        if (vb < 0) continue;
        Tolerance t = tol.of(k, name);
        String kind = InfoSummary.kind(k);
        final int ja = va;
        if (k == EntityType.GLOBAL) {
          reals(
              item("variable", kind, name, null, "step", t),
              steps,
              -1,
              (f, s, n, dst) -> f.readGlobalVariableHistory(f == fa ? ja : vb, s, n, dst, 0));
        } else if (k == EntityType.NODAL) {
          if (fa.nodeCount() != fb.nodeCount()) continue;
          Item it = item("variable", kind, name, null, "node", t);
          for (long s = 0; s < steps; s++) {
            final long step = s;
            reals(
                it,
                fa.nodeCount(),
                s,
                (f, st, n, dst) -> f.readNodalVariable(f == fa ? ja : vb, step, st, n, dst, 0));
          }
        } else if (k == EntityType.ASSEMBLY || k == EntityType.BLOB) {
          notes.add(kind + " variable '" + name + "' not compared (assembly and blob variables)");
        } else {
          objectVariable(k, name, ja, vb, steps, t);
        }
      }
    }
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
      long count = k.isBlock() ? fa.block(k, id).entryCount() : fa.set(k, id).entryCount();
      long countB = k.isBlock() ? fb.block(k, id).entryCount() : fb.set(k, id).entryCount();
      if (count != countB) continue; // reported with the metadata
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
