package org.exodusj.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.Topology;
import org.exodusj.TruthTable;

/**
 * The parts of a file {@code exo dump} prints for people: coordinates, one block, one set or one
 * variable, restricted to a step range and an entity range, as a {@link Table}. Streaming: values
 * are read {@link #CHUNK} at a time (a variable over many steps: as many entities as fit in a
 * chunk, all selected steps of each), so memory stays bounded whatever the file size.
 *
 * <p>Entity columns: {@code node}, {@code entry} are 1-based positions (in the file, in the block
 * or set); {@code id} is the user id from the node, element, edge or face id map (the position
 * where the file stores no map). Connectivity and set entries are the stored 1-based indices, as in
 * the canonical dump.
 */
final class DumpSelection {
  static final int CHUNK = 1 << 16;

  /** An inclusive 1-based range; {@code last} is {@link Long#MAX_VALUE} for "to the end". */
  record Range(long first, long last) {
    static final Range ALL = new Range(1, Long.MAX_VALUE);

    /** Parses {@code N}, {@code A..B}, {@code A..} or {@code ..B}. */
    static Range parse(String text, String what) {
      String s = text.strip();
      try {
        int dots = s.indexOf("..");
        if (dots < 0) {
          long n = Long.parseLong(s);
          return check(new Range(n, n), text, what);
        }
        String a = s.substring(0, dots).strip();
        String b = s.substring(dots + 2).strip();
        return check(
            new Range(
                a.isEmpty() ? 1 : Long.parseLong(a),
                b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b)),
            text,
            what);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            what + " range '" + text + "': expected N, A..B, A.. or ..B (1-based, inclusive)");
      }
    }

    private static Range check(Range r, String text, String what) {
      if (r.first < 1 || r.last < r.first) {
        throw new IllegalArgumentException(
            what + " range '" + text + "': ranges are 1-based and first <= last");
      }
      return r;
    }

    /** The 0-based start and count within {@code total} items, or an error naming the place. */
    long[] within(long total, String what, ExodusFile f) {
      if (first == 1 && last == Long.MAX_VALUE) return new long[] {0, total}; // all, maybe none
      long end = last == Long.MAX_VALUE ? total : last;
      if (first > total || end > total) {
        throw new IllegalArgumentException(
            f.path() + ": " + what + " range " + this + " is outside 1.." + total);
      }
      return new long[] {first - 1, end - first + 1};
    }

    /** As {@link #within} but cut to {@code total} (an entity range over several objects). */
    long[] clippedTo(long total) {
      long end = Math.min(last, total);
      return first > end ? new long[] {0, 0} : new long[] {first - 1, end - first + 1};
    }

    @Override
    public String toString() {
      return first + ".." + (last == Long.MAX_VALUE ? "" : Long.toString(last));
    }
  }

  private final ExodusFile f;
  private final Table t;
  private final Range entities;
  private final Range steps;
  private final double[] reals = new double[CHUNK];
  private final long[] ints = new long[CHUNK];
  private final long[] ids = new long[CHUNK];

  private final boolean byStep;

  /**
   * {@code byStep}: variables of nodes, blocks and sets as histories (one row per step, one column
   * per entity) instead of one row per entity and one column per step.
   */
  DumpSelection(ExodusFile f, Table t, Range entities, Range steps, boolean byStep) {
    this.f = f;
    this.t = t;
    this.entities = entities;
    this.steps = steps;
    this.byStep = byStep;
  }

  /** Node positions: node, id, x, y, z. */
  void coordinates() throws IOException {
    int dims = f.dimensionCount();
    long[] r = entities.within(f.nodeCount(), "node", f);
    List<String> cols = new ArrayList<>(List.of("node", "id"));
    List<String> names = f.coordinateNames();
    for (int d = 0; d < dims; d++) {
      cols.add(
          d < names.size() && !names.get(d).isEmpty() ? names.get(d) : "xyz".substring(d, d + 1));
    }
    t.comment(f.path() + ": coordinates of nodes " + (r[0] + 1) + ".." + (r[0] + r[1]));
    t.header(cols, 2);
    int per = CHUNK / Math.max(1, dims);
    double[][] axes = new double[dims][per];
    for (long s = r[0]; s < r[0] + r[1]; s += per) {
      int n = (int) Math.min(per, r[0] + r[1] - s);
      for (int d = 0; d < dims; d++) {
        if (f.hasCoordinates(d)) {
          f.readCoordinates(d, s, n, axes[d], 0);
        } else {
          java.util.Arrays.fill(axes[d], 0, n, Double.NaN);
        }
      }
      f.readIdMap(EntityType.NODE_MAP, s, n, ids, 0);
      for (int i = 0; i < n; i++) {
        t.field(s + i + 1);
        t.field(ids[i]);
        for (int d = 0; d < dims; d++) t.field(axes[d][i]);
        t.end();
      }
    }
  }

  /** A block's entries: entry, id, connectivity, attributes. */
  void block(Block b) throws IOException {
    long[] r =
        entities.within(b.entryCount(), InfoSummary.kind(b.type()) + " " + b.id() + " entry", f);
    long firstGlobal = BlockEntries.firstEntry(f, b);
    t.comment(
        f.path()
            + ": "
            + InfoSummary.kind(b.type())
            + " "
            + b.id()
            + (b.name().isEmpty() ? "" : " '" + b.name() + "'")
            + ", "
            + b.storedType()
            + ", entries "
            + (r[0] + 1)
            + ".."
            + (r[0] + r[1])
            + " of "
            + b.entryCount());
    List<String> cols = new ArrayList<>(List.of("entry", "id"));
    boolean poly = b.isPolytope();
    boolean conn = f.hasConnectivity(b);
    if (poly) {
      cols.add(b.topology() == Topology.NFACED ? "faces" : "nodes");
    } else if (conn) {
      for (int k = 1; k <= b.nodesPerEntry(); k++) cols.add("node_" + k);
    }
    int nattr = (int) b.attributeCount();
    for (int k = 0; k < nattr; k++) {
      String n = k < b.attributeNames().size() ? b.attributeNames().get(k) : "";
      cols.add(n.isEmpty() ? "attribute_" + (k + 1) : n);
    }
    if (poly) cols.add("list");
    t.header(cols, cols.size() - nattr - (poly ? 1 : 0));
    long width = Math.max(1, Math.max(poly ? 1 : b.nodesPerEntry(), nattr));
    int per = (int) Math.max(1, CHUNK / width);
    long flat = 0; // position in a polytope block's flat list
    if (poly && r[0] > 0) {
      for (long s = 0; s < r[0]; s += CHUNK) {
        int n = (int) Math.min(CHUNK, r[0] - s);
        f.readEntityCounts(b, s, n, ints, 0);
        for (int i = 0; i < n; i++) flat += ints[i];
      }
    }
    long[] counts = poly ? new long[per] : null;
    long[] list = poly ? new long[CHUNK] : null; // one polytope's list, a piece at a time
    double[] attrs = nattr > 0 ? new double[per * nattr] : null;
    for (long s = r[0]; s < r[0] + r[1]; s += per) {
      int n = (int) Math.min(per, r[0] + r[1] - s);
      f.readIdMap(BlockEntries.idMapOf(b.type()), firstGlobal + s, n, ids, 0);
      if (poly) {
        f.readEntityCounts(b, s, n, counts, 0);
      } else if (conn) {
        f.readConnectivity(b, s, n, ints, 0);
      }
      if (attrs != null) f.readAttributes(b, s, n, attrs, 0);
      for (int i = 0; i < n; i++) {
        t.field(s + i + 1);
        t.field(ids[i]);
        if (poly) {
          t.field(counts[i]);
        } else if (conn) {
          for (int k = 0; k < b.nodesPerEntry(); k++)
            t.field(ints[(int) (i * b.nodesPerEntry() + k)]);
        }
        for (int k = 0; k < nattr; k++) t.field(attrs[i * nattr + k]);
        if (poly) {
          // a polytope's list is ragged: the rest of the row, read in pieces
          for (long done = 0; done < counts[i]; ) {
            int m = (int) Math.min(CHUNK, counts[i] - done);
            f.readConnectivity(b, flat + done, m, list, 0);
            for (int j = 0; j < m; j++) t.field(list[j]);
            done += m;
          }
          flat += counts[i];
        }
        t.end();
      }
    }
  }

  /** A set's entries: entry, the stored index, side or orientation, distribution factor. */
  void set(EntitySet s) throws IOException {
    long[] r =
        entities.within(s.entryCount(), InfoSummary.kind(s.type()) + " " + s.id() + " entry", f);
    t.comment(
        f.path()
            + ": "
            + InfoSummary.kind(s.type())
            + " "
            + s.id()
            + (s.name().isEmpty() ? "" : " '" + s.name() + "'")
            + ", entries "
            + (r[0] + 1)
            + ".."
            + (r[0] + r[1])
            + " of "
            + s.entryCount());
    List<String> cols = new ArrayList<>(List.of("entry", entryName(s.type())));
    boolean extra = s.hasExtraList();
    if (extra) cols.add(s.type() == EntityType.SIDE_SET ? "side" : "orientation");
    // one factor per entry (node sets, and sets that store one per entry); side sets store one
    // per node of each side, which the canonical dump prints
    boolean df = s.distributionFactorCount() == s.entryCount() && s.entryCount() > 0;
    if (df) cols.add("distribution_factor");
    t.header(cols, extra ? 3 : 2);
    if (s.distributionFactorCount() > 0 && !df) {
      t.comment(
          s.distributionFactorCount()
              + " distribution factors (per node of each side) are in the canonical dump");
    }
    long[] extras = extra ? new long[CHUNK] : null;
    for (long st = r[0]; st < r[0] + r[1]; st += CHUNK) {
      int n = (int) Math.min(CHUNK, r[0] + r[1] - st);
      f.readSetEntries(s, st, n, ints, 0);
      if (extra) f.readSetExtra(s, st, n, extras, 0);
      if (df) f.readDistributionFactors(s, st, n, reals, 0);
      for (int i = 0; i < n; i++) {
        t.field(st + i + 1);
        t.field(ints[i]);
        if (extra) t.field(extras[i]);
        if (df) t.field(reals[i]);
        t.end();
      }
    }
  }

  /**
   * One variable over the step range: global variables one row per step; by step (histories), the
   * others too, one column per selected entity; otherwise nodal variables one row per node, block
   * and set variables one row per entry of each object that stores it (all, or {@code only}), one
   * column per step.
   */
  void variable(EntityType kind, int var, Long only) throws IOException {
    String name = f.variableNames(kind).get(var);
    long nsteps = f.timeStepCount();
    long[] sr = steps.within(nsteps, "step", f);
    if (kind == EntityType.GLOBAL) {
      if (entities != Range.ALL) {
        throw new IllegalArgumentException("global variables have no entities; drop --entities");
      }
      t.comment(f.path() + ": global variable '" + name + "'");
      t.header(List.of("step", "time", name), 1);
      for (long s = sr[0]; s < sr[0] + sr[1]; s += CHUNK) {
        int n = (int) Math.min(CHUNK, sr[0] + sr[1] - s);
        double[] times = new double[n];
        f.readTimes(s, n, times, 0);
        f.readGlobalVariableHistory(var, s, n, reals, 0);
        for (int i = 0; i < n; i++) {
          t.field(s + i + 1);
          t.field(times[i]);
          t.field(reals[i]);
          t.end();
        }
      }
      return;
    }
    if (byStep) {
      history(kind, var, name, only, sr);
      return;
    }
    int k = (int) sr[1];
    double[] times = new double[k];
    if (k > 0) f.readTimes(sr[0], k, times, 0);
    List<String> cols = new ArrayList<>();
    if (kind == EntityType.NODAL) {
      cols.addAll(List.of("node", "id"));
    } else {
      cols.addAll(List.of(kind.isBlock() ? "block" : "set", "entry"));
      if (kind.isBlock()) cols.add("id");
    }
    int intCols = cols.size();
    for (int i = 0; i < k; i++) cols.add("step_" + (sr[0] + i + 1));
    t.comment(f.path() + ": " + InfoSummary.kind(kind) + " variable '" + name + "'");
    for (int i = 0; i < k; i++) {
      t.comment("step_" + (sr[0] + i + 1) + ": time " + times[i]);
    }
    t.header(cols, intCols);
    // as many entities as fit in a chunk with all their steps (at least one)
    int per = Math.max(1, CHUNK / Math.max(1, k));
    double[] block = new double[Math.max(1, per * k)];
    if (kind == EntityType.NODAL) {
      long[] r = entities.within(f.nodeCount(), "node", f);
      for (long s = r[0]; s < r[0] + r[1]; s += per) {
        int n = (int) Math.min(per, r[0] + r[1] - s);
        for (int j = 0; j < k; j++) f.readNodalVariable(var, sr[0] + j, s, n, block, j * n);
        f.readIdMap(EntityType.NODE_MAP, s, n, ids, 0);
        for (int i = 0; i < n; i++) {
          t.field(s + i + 1);
          t.field(ids[i]);
          for (int j = 0; j < k; j++) t.field(block[j * n + i]);
          t.end();
        }
      }
      return;
    }
    TruthTable tab = f.truthTable(kind);
    boolean any = false;
    for (int o = 0; o < tab.objectIds().size(); o++) {
      long id = tab.objectIds().get(o);
      if ((only != null && id != only) || !tab.has(o, var)) continue;
      any = true;
      long count;
      long firstGlobal = 0;
      if (kind.isBlock()) {
        Block b = f.block(kind, id);
        count = b.entryCount();
        firstGlobal = BlockEntries.firstEntry(f, b);
      } else {
        count = f.set(kind, id).entryCount();
      }
      long[] r = only != null ? entities.within(count, "entry", f) : entities.clippedTo(count);
      for (long s = r[0]; s < r[0] + r[1]; s += per) {
        int n = (int) Math.min(per, r[0] + r[1] - s);
        for (int j = 0; j < k; j++) f.readVariable(kind, var, id, sr[0] + j, s, n, block, j * n);
        if (kind.isBlock()) f.readIdMap(BlockEntries.idMapOf(kind), firstGlobal + s, n, ids, 0);
        for (int i = 0; i < n; i++) {
          t.field(id);
          t.field(s + i + 1);
          if (kind.isBlock()) t.field(ids[i]);
          for (int j = 0; j < k; j++) t.field(block[j * n + i]);
          t.end();
        }
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          f.path()
              + ": "
              + InfoSummary.kind(kind)
              + " variable '"
              + name
              + "' is not stored on "
              + (only == null ? "any object" : InfoSummary.kind(kind) + " " + only)
              + " (truth table)");
    }
  }

  /** A run of entities of one object: block or set id (0 for nodes), 0-based start, count. */
  private record Span(long id, long start, long count) {}

  /**
   * One nodal, block or set variable as histories: one row per step (step, time), one column per
   * selected entity, named {@code NAME@N} (node N) or {@code NAME@ID:N} (entry N of block or set
   * ID). Streams step by step; the columns are the entities selected.
   */
  private void history(EntityType kind, int var, String name, Long only, long[] sr)
      throws IOException {
    List<Span> spans = new ArrayList<>();
    if (kind == EntityType.NODAL) {
      long[] r = entities.within(f.nodeCount(), "node", f);
      spans.add(new Span(0, r[0], r[1]));
    } else {
      TruthTable tab = f.truthTable(kind);
      for (int o = 0; o < tab.objectIds().size(); o++) {
        long id = tab.objectIds().get(o);
        if ((only != null && id != only) || !tab.has(o, var)) continue;
        long count = kind.isBlock() ? f.block(kind, id).entryCount() : f.set(kind, id).entryCount();
        long[] r = only != null ? entities.within(count, "entry", f) : entities.clippedTo(count);
        spans.add(new Span(id, r[0], r[1]));
      }
      if (spans.isEmpty()) {
        throw new IllegalArgumentException(
            f.path()
                + ": "
                + InfoSummary.kind(kind)
                + " variable '"
                + name
                + "' is not stored on "
                + (only == null ? "any object" : InfoSummary.kind(kind) + " " + only)
                + " (truth table)");
      }
    }
    List<String> cols = new ArrayList<>(List.of("step", "time"));
    for (Span sp : spans) {
      for (long e = sp.start; e < sp.start + sp.count; e++) {
        cols.add(name + "@" + (kind == EntityType.NODAL ? "" : sp.id + ":") + (e + 1));
      }
    }
    t.comment(
        f.path()
            + ": "
            + InfoSummary.kind(kind)
            + " variable '"
            + name
            + "', one row per step, one column per "
            + (kind == EntityType.NODAL ? "node (NAME@NODE)" : "entry (NAME@ID:ENTRY)"));
    t.header(cols, 1);
    double[] time = new double[1];
    for (long s = sr[0]; s < sr[0] + sr[1]; s++) {
      f.readTimes(s, 1, time, 0);
      t.field(s + 1);
      t.field(time[0]);
      for (Span sp : spans) {
        for (long e = sp.start; e < sp.start + sp.count; e += CHUNK) {
          int n = (int) Math.min(CHUNK, sp.start + sp.count - e);
          if (kind == EntityType.NODAL) {
            f.readNodalVariable(var, s, e, n, reals, 0);
          } else {
            f.readVariable(kind, var, sp.id, s, e, n, reals, 0);
          }
          for (int i = 0; i < n; i++) t.field(reals[i]);
        }
      }
      t.end();
    }
  }

  private static String entryName(EntityType setType) {
    return switch (setType) {
      case NODE_SET -> "node";
      case SIDE_SET, ELEM_SET -> "element";
      case EDGE_SET -> "edge";
      default -> "face";
    };
  }
}
