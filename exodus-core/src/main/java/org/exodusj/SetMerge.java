package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node and side sets of a decomposed set merged by id: a node set is the union of the pieces'
 * nodes, each once, ascending by joined index, with the distribution factor of the last rank that
 * lists the node (as nodal values); a side set is the pieces' sides one after the other by rank,
 * with their distribution factors in the same order; an element set is the pieces' entries ordered
 * by joined element.
 */
final class SetMerge {
  final Map<EntityType, List<EntitySet>> sets = new LinkedHashMap<>();
  final Map<Long, long[]> nodeSetEntries = new LinkedHashMap<>();
  final Map<Long, double[]> nodeSetFactors = new LinkedHashMap<>();
  final Map<Long, long[][]> sideSetEntries = new LinkedHashMap<>();
  final Map<Long, double[]> sideSetFactors = new LinkedHashMap<>();

  /** Per node set id and merged entry: the rank it is read from and its entry in that piece. */
  final Map<Long, int[][]> nodeSetSource = new LinkedHashMap<>();

  final Map<Long, long[]> elemSetEntries = new LinkedHashMap<>();
  final Map<Long, double[]> elemSetFactors = new LinkedHashMap<>();

  /** Per element set id and entry: the rank it is read from and its entry in that piece. */
  final Map<Long, int[][]> elemSetSource = new LinkedHashMap<>();

  /** Per side set id: where each rank's sides start in the joined set (length pieces + 1). */
  final Map<Long, long[]> sideSetOffsets = new LinkedHashMap<>();

  SetMerge(List<ExodusFile> pieces, Nemesis globals, int[][] nodeJoin, int[][] elemJoin)
      throws IOException {
    mergeNodeSets(pieces, globals, nodeJoin);
    mergeSideSets(pieces, globals, elemJoin);
    mergeElementSets(pieces, elemJoin);
  }

  /**
   * Element sets: the pieces' entries (each element is in one piece) ordered by joined element,
   * with their distribution factors; each entry remembers its rank and entry for set variables.
   */
  private void mergeElementSets(List<ExodusFile> pieces, int[][] elemJoin) throws IOException {
    List<Long> ids = new ArrayList<>();
    for (ExodusFile p : pieces) {
      for (EntitySet s : p.sets(EntityType.ELEM_SET)) if (!ids.contains(s.id())) ids.add(s.id());
    }
    List<EntitySet> out = new ArrayList<>();
    for (long id : ids) {
      Entries all = new Entries(total(pieces, EntityType.ELEM_SET, id));
      boolean df = true;
      String name = "";
      for (int r = 0; r < pieces.size(); r++) {
        ExodusFile p = pieces.get(r);
        EntitySet s = find(p.sets(EntityType.ELEM_SET), id);
        if (s == null || s.entryCount() == 0) continue;
        if (name.isEmpty()) name = s.name();
        long[] e = new long[toInt(s.entryCount())];
        p.readSetEntries(s, 0, e.length, e, 0);
        double[] f = new double[e.length];
        if (s.distributionFactorCount() == s.entryCount()) {
          p.readDistributionFactors(s, 0, e.length, f, 0);
        } else {
          df = false;
        }
        for (int k = 0; k < e.length; k++) {
          if (e[k] < 1 || e[k] > elemJoin[r].length) {
            throw new ExodusFormatException(
                p.path().toString(),
                "element set " + id,
                ExodusFormatException.NO_OFFSET,
                "entry " + k + " names element " + e[k] + " outside 1.." + elemJoin[r].length);
          }
          all.add(elemJoin[r][(int) e[k] - 1], r, k, f[k]);
        }
      }
      Entries.Merged m = all.sorted(false);
      long[] entries = m.entries();
      double[] factors = m.factors();
      int[][] source = m.source();
      df = df && entries.length > 0;
      elemSetEntries.put(id, entries);
      elemSetSource.put(id, source);
      if (df) elemSetFactors.put(id, factors);
      out.add(
          new EntitySet(
              EntityType.ELEM_SET,
              out.size(),
              id,
              name,
              entries.length,
              df ? entries.length : 0,
              0,
              List.of(),
              Map.of()));
    }
    sets.put(EntityType.ELEM_SET, Collections.unmodifiableList(out));
  }

  private void mergeNodeSets(List<ExodusFile> pieces, Nemesis globals, int[][] nodeJoin)
      throws IOException {
    List<Long> ids = new ArrayList<>();
    if (globals != null) for (long id : globals.globalNodeSetIds()) ids.add(id);
    for (ExodusFile p : pieces) {
      for (EntitySet s : p.sets(EntityType.NODE_SET)) if (!ids.contains(s.id())) ids.add(s.id());
    }
    List<EntitySet> out = new ArrayList<>();
    for (long id : ids) {
      // merged in rank order: the last rank listing a node wins
      Entries merged = new Entries(total(pieces, EntityType.NODE_SET, id));
      boolean df = false;
      String name = "";
      for (int r = 0; r < pieces.size(); r++) {
        ExodusFile p = pieces.get(r);
        EntitySet s = find(p.sets(EntityType.NODE_SET), id);
        if (s == null || s.entryCount() == 0) continue;
        if (name.isEmpty()) name = s.name();
        long[] e = new long[toInt(s.entryCount())];
        p.readSetEntries(s, 0, e.length, e, 0);
        double[] f = new double[e.length];
        boolean hasDf = s.distributionFactorCount() == s.entryCount();
        if (hasDf) {
          p.readDistributionFactors(s, 0, e.length, f, 0);
          df = true;
        } else {
          Arrays.fill(f, 1.0);
        }
        for (int k = 0; k < e.length; k++) {
          if (e[k] < 1 || e[k] > nodeJoin[r].length) {
            throw new ExodusFormatException(
                p.path().toString(),
                "node set " + id,
                ExodusFormatException.NO_OFFSET,
                "entry " + k + " names node " + e[k] + " outside 1.." + nodeJoin[r].length);
          }
          merged.add(nodeJoin[r][(int) e[k] - 1], r, k, f[k]);
        }
      }
      Entries.Merged m = merged.sorted(true);
      long[] entries = m.entries();
      double[] factors = m.factors();
      int[][] source = m.source();
      nodeSetSource.put(id, source);
      nodeSetEntries.put(id, entries);
      if (df) nodeSetFactors.put(id, factors);
      out.add(
          new EntitySet(
              EntityType.NODE_SET,
              out.size(),
              id,
              name,
              entries.length,
              df ? entries.length : 0,
              0,
              List.of(),
              Map.of()));
    }
    sets.put(EntityType.NODE_SET, Collections.unmodifiableList(out));
  }

  /** Entries of the pieces' sets with this id, in all. */
  private static int total(List<ExodusFile> pieces, EntityType kind, long id) {
    long n = 0;
    for (ExodusFile p : pieces) {
      EntitySet s = find(p.sets(kind), id);
      if (s != null) n += s.entryCount();
    }
    return toInt(n);
  }

  /**
   * A set's entries gathered from the pieces in rank order (joined index, rank, entry in the piece,
   * factor) in plain arrays, ordered by joined index with a sort of keys (joined index, order
   * added).
   */
  private static final class Entries {
    record Merged(long[] entries, double[] factors, int[][] source) {}

    private final int[] joined;
    private final int[] rank;
    private final int[] entry;
    private final double[] factor;
    private int size;

    Entries(int capacity) {
      joined = new int[capacity];
      rank = new int[capacity];
      entry = new int[capacity];
      factor = new double[capacity];
    }

    void add(int j, int r, int k, double f) {
      joined[size] = j;
      rank[size] = r;
      entry[size] = k;
      factor[size++] = f;
    }

    /**
     * Ordered by joined index (1-based in {@code entries}); with {@code once}, each joined index
     * once, from the entry added last (the last rank listing it), else every entry in the order
     * added among equal indices.
     */
    Merged sorted(boolean once) {
      long[] keys = new long[size];
      for (int i = 0; i < size; i++) keys[i] = ((long) joined[i] << 32) | i;
      Arrays.sort(keys);
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (!once || i == size - 1 || (keys[i] >>> 32) != (keys[i + 1] >>> 32)) keys[n++] = keys[i];
      }
      long[] entries = new long[n];
      double[] factors = new double[n];
      int[][] source = new int[2][n];
      for (int i = 0; i < n; i++) {
        int at = (int) keys[i];
        entries[i] = joined[at] + 1L;
        factors[i] = factor[at];
        source[0][i] = rank[at];
        source[1][i] = entry[at];
      }
      return new Merged(entries, factors, source);
    }
  }

  private void mergeSideSets(List<ExodusFile> pieces, Nemesis globals, int[][] elemJoin)
      throws IOException {
    List<Long> ids = new ArrayList<>();
    if (globals != null) for (long id : globals.globalSideSetIds()) ids.add(id);
    for (ExodusFile p : pieces) {
      for (EntitySet s : p.sets(EntityType.SIDE_SET)) if (!ids.contains(s.id())) ids.add(s.id());
    }
    List<EntitySet> out = new ArrayList<>();
    for (long id : ids) {
      long n = 0;
      long nf = 0;
      String name = "";
      for (ExodusFile p : pieces) {
        EntitySet s = find(p.sets(EntityType.SIDE_SET), id);
        if (s == null) continue;
        n += s.entryCount();
        nf += s.distributionFactorCount();
        if (name.isEmpty()) name = s.name();
      }
      long[] el = new long[toInt(n)];
      long[] sides = new long[toInt(n)];
      double[] f = new double[toInt(nf)];
      int at = 0;
      int fat = 0;
      boolean allDf = true;
      long[] offsets = new long[pieces.size() + 1];
      for (int r = 0; r < pieces.size(); r++) {
        ExodusFile p = pieces.get(r);
        EntitySet s = find(p.sets(EntityType.SIDE_SET), id);
        offsets[r] = at;
        offsets[r + 1] = at;
        if (s == null || s.entryCount() == 0) continue;
        offsets[r + 1] = at + s.entryCount();
        int c = toInt(s.entryCount());
        p.readSetEntries(s, 0, c, el, at);
        p.readSetExtra(s, 0, c, sides, at);
        for (int k = at; k < at + c; k++) {
          if (el[k] < 1 || el[k] > elemJoin[r].length) {
            throw new ExodusFormatException(
                p.path().toString(),
                "side set " + id,
                ExodusFormatException.NO_OFFSET,
                "entry "
                    + (k - at)
                    + " names element "
                    + el[k]
                    + " outside 1.."
                    + elemJoin[r].length);
          }
          el[k] = elemJoin[r][(int) el[k] - 1] + 1L;
        }
        at += c;
        if (s.distributionFactorCount() > 0) {
          p.readDistributionFactors(s, 0, s.distributionFactorCount(), f, fat);
          fat += (int) s.distributionFactorCount();
        } else {
          allDf = false;
        }
      }
      boolean df = nf > 0 && allDf;
      sideSetEntries.put(id, new long[][] {el, sides});
      sideSetOffsets.put(id, offsets);
      if (df) sideSetFactors.put(id, f);
      out.add(
          new EntitySet(
              EntityType.SIDE_SET, out.size(), id, name, n, df ? nf : 0, 0, List.of(), Map.of()));
    }
    sets.put(EntityType.SIDE_SET, Collections.unmodifiableList(out));
  }

  static EntitySet find(List<EntitySet> ss, long id) {
    for (EntitySet s : ss) if (s.id() == id) return s;
    return null;
  }

  private static int toInt(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " values do not fit in one array; read in ranges");
    }
    return (int) n;
  }
}
