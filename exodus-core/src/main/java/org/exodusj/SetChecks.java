package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The checks of a decomposed set's pieces against each other: that they are pieces of one set
 * (Nemesis metadata, processor counts, dimensions, variable names, global counts), their steps and
 * times, the global ids of each piece (refused where a piece gives one id to two of its nodes or
 * elements, or two pieces hold one element), and the coordinates of the nodes several pieces hold.
 */
final class SetChecks {
  private SetChecks() {}

  /** The Nemesis globals of the first piece storing them (null for none); refuses other sets. */
  static Nemesis pieces(List<ExodusFile> pieces) throws IOException {
    int n = pieces.size();
    ExodusFile first = pieces.get(0);
    int dims = first.dimensionCount();
    Nemesis globals = null;
    for (int r = 0; r < n; r++) {
      ExodusFile p = pieces.get(r);
      Nemesis nm = p.nemesis().orElse(null);
      if (nm == null) {
        throw new ExodusFormatException(
            p.path().toString(),
            "variable nem_ftype",
            ExodusFormatException.NO_OFFSET,
            "is not a piece of a decomposed set (it has no Nemesis metadata)");
      }
      if (nm.processorCount() != n) {
        throw new IllegalArgumentException(
            p.path()
                + " is a piece of a set of "
                + nm.processorCount()
                + " processors, but "
                + n
                + " pieces were given: pieces of different sets, or a rank is missing");
      }
      if (p.dimensionCount() != dims) {
        throw differentSets(p, "it is " + p.dimensionCount() + "-D, rank 0 is " + dims + "-D");
      }
      for (EntityType k :
          List.of(
              EntityType.GLOBAL,
              EntityType.NODAL,
              EntityType.ELEM_BLOCK,
              EntityType.NODE_SET,
              EntityType.SIDE_SET,
              EntityType.ELEM_SET)) {
        if (k.isSet() && (p.sets(k).isEmpty() || first.sets(k).isEmpty())) {
          continue; // a piece without sets of the kind has no variables for them
        }
        if (!p.variableNames(k).equals(first.variableNames(k))) {
          throw differentSets(
              p,
              k.name().toLowerCase(Locale.ROOT)
                  + " variables "
                  + p.variableNames(k)
                  + " differ from rank 0's "
                  + first.variableNames(k));
        }
      }
      if (nm.hasGlobals()) {
        if (globals == null) {
          globals = nm;
        } else if (globals.globalNodeCount() != nm.globalNodeCount()
            || globals.globalElementCount() != nm.globalElementCount()
            || !Arrays.equals(globals.globalBlockIds(), nm.globalBlockIds())) {
          throw new ExodusFormatException(
              p.path().toString(),
              "dimension num_nodes_global",
              ExodusFormatException.NO_OFFSET,
              "inconsistent global counts: "
                  + nm.globalNodeCount()
                  + " nodes, "
                  + nm.globalElementCount()
                  + " elements, blocks "
                  + Arrays.toString(nm.globalBlockIds())
                  + " where another piece says "
                  + globals.globalNodeCount()
                  + ", "
                  + globals.globalElementCount()
                  + ", "
                  + Arrays.toString(globals.globalBlockIds()));
        }
      }
    }
    return globals;
  }

  /** Entries of joined block {@code g} in all pieces ({@code pieceBlock[rank][g]}, null: none). */
  static long entries(Block[][] pieceBlock, int g) {
    long n = 0;
    for (Block[] byBlock : pieceBlock) if (byBlock[g] != null) n += byBlock[g].entryCount();
    return n;
  }

  /**
   * The piece block that describes joined block {@code g}: the first (by rank) with entries, else
   * the first there is; null where no piece has the block.
   */
  static Block model(Block[][] pieceBlock, int g) {
    Block model = null;
    for (Block[] byBlock : pieceBlock) {
      Block b = byBlock[g];
      if (b != null && (model == null || (model.entryCount() == 0 && b.entryCount() > 0))) {
        model = b;
      }
    }
    return model;
  }

  static IllegalArgumentException differentSets(ExodusFile p, String why) {
    return new IllegalArgumentException(p.path() + " is a piece of a different set: " + why);
  }

  /** The steps every piece has; notes pieces with other step counts or times in {@code warn}. */
  static long steps(List<ExodusFile> pieces, List<String> warn) throws IOException {
    int n = pieces.size();
    long common = Long.MAX_VALUE;
    long most = 0;
    for (ExodusFile p : pieces) {
      common = Math.min(common, p.timeStepCount());
      most = Math.max(most, p.timeStepCount());
    }
    if (common != most) {
      StringBuilder sb = new StringBuilder();
      for (int r = 0; r < n; r++) {
        sb.append(r == 0 ? "" : ", ")
            .append("rank ")
            .append(r)
            .append(": ")
            .append(pieces.get(r).timeStepCount());
      }
      warn.add(
          "the pieces have different numbers of steps ("
              + sb
              + "); the set has the "
              + common
              + " steps all of them have");
    }
    if (common > 0) {
      double[] t0 = new double[(int) Math.min(common, Integer.MAX_VALUE - 8)];
      pieces.get(0).readTimes(0, t0.length, t0, 0);
      double[] t = new double[t0.length];
      for (int r = 1; r < n; r++) {
        pieces.get(r).readTimes(0, t.length, t, 0);
        for (int s = 0; s < t.length; s++) {
          if (Double.compare(t[s], t0[s]) != 0) {
            warn.add(
                "rank "
                    + r
                    + " has time "
                    + t[s]
                    + " at step "
                    + (s + 1)
                    + " where rank 0 has "
                    + t0[s]
                    + "; times are read from rank 0");
            break;
          }
        }
      }
    }
    return common;
  }

  /** Refuses a piece that gives one global node id to two of its local nodes. */
  static void nodeIds(List<ExodusFile> pieces, NodeNumbering nodes) throws ExodusFormatException {
    if (nodes.duplicates.isEmpty()) return;
    int r = nodes.duplicates.get(0).rank();
    StringBuilder sb = new StringBuilder();
    int c = 0;
    for (NodeNumbering.Duplicate d : nodes.duplicates) {
      if (d.rank() != r) continue;
      sb.append(c++ == 0 ? "" : "; ")
          .append("id ")
          .append(d.id())
          .append(" at local nodes ")
          .append(d.firstLocal() + 1)
          .append(" and ")
          .append(d.secondLocal() + 1);
    }
    throw new ExodusFormatException(
        pieces.get(r).path().toString(),
        "variable node_num_map",
        ExodusFormatException.NO_OFFSET,
        "global node ids given to two local nodes of this piece (a damaged id map): " + sb);
  }

  /** Refuses element ids that a piece gives twice or that two pieces hold. */
  static void elementIds(List<ExodusFile> pieces, ElementNumbering elems)
      throws ExodusFormatException {
    if (elems.duplicates.isEmpty()) return;
    ElementNumbering.Duplicate d = elems.duplicates.get(0);
    StringBuilder ids = new StringBuilder();
    for (ElementNumbering.Duplicate e : elems.duplicates) {
      if (e.rank() == d.rank() && e.other() == d.other()) {
        ids.append(ids.length() == 0 ? "" : ", ").append(e.id());
      }
    }
    if (d.withinPiece()) {
      throw new ExodusFormatException(
          pieces.get(d.rank()).path().toString(),
          "variable elem_num_map",
          ExodusFormatException.NO_OFFSET,
          "element ids given to two elements of block "
              + d.blockId()
              + " of this piece (a damaged id map): "
              + ids);
    }
    throw new ExodusFormatException(
        pieces.get(d.other()).path().toString(),
        "variable elem_num_map",
        ExodusFormatException.NO_OFFSET,
        "element ids "
            + ids
            + " of block "
            + d.blockId()
            + " are also in "
            + pieces.get(d.rank()).path()
            + ": an element in two pieces");
  }

  /** Nodes several pieces hold at different coordinates: the note, and the first rank to name. */
  record Mismatch(String message, int rank, long count) {}

  /**
   * Compares the coordinates of every node that several pieces hold with those of the piece whose
   * values it takes (the last rank holding it); returns the count with the first examples, or null
   * where they all agree. Memory: the coordinates of the shared nodes.
   */
  static Mismatch coordinates(
      List<ExodusFile> pieces, NodeNumbering nodes, int dims, PieceReads reads) throws IOException {
    int sharedCount = nodes.shared.cardinality();
    if (sharedCount == 0 || dims == 0) return null;
    // the rank of a shared node among the shared nodes: a count per word of 64 nodes plus the bits
    // below it in its word (instead of a search per node)
    long[] words = Arrays.copyOf(nodes.shared.toLongArray(), (int) ((nodes.count + 63) >>> 6));
    int[] before = new int[words.length + 1];
    for (int w = 0; w < words.length; w++) before[w + 1] = before[w] + Long.bitCount(words[w]);
    if ((long) sharedCount * dims > Integer.MAX_VALUE - 8) {
      return new Mismatch(
          "the coordinates of the "
              + sharedCount
              + " nodes that several pieces hold were not compared (more than one array holds)",
          -1,
          0);
    }
    double[] ref = new double[sharedCount * dims];
    int n = pieces.size();
    BitSet[] bad = new BitSet[n];
    List<List<String>> examples = new ArrayList<>();
    for (int r = 0; r < n; r++) examples.add(new ArrayList<>());
    // per piece, in one pass: its local nodes that several pieces hold, those whose values it
    // supplies (the reference) and the others (compared with the reference), each ascending
    int[][] ownedShared = new int[n][];
    int[][] otherShared = new int[n][];
    reads.each(
        r -> {
          int[] j = nodes.join[r];
          BitSet own = nodes.owned[r];
          int[] ks = new int[j.length];
          int a = 0;
          int b = ks.length;
          for (int k = 0; k < j.length; k++) {
            int g = j[k];
            if ((words[g >>> 6] & (1L << g)) != 0) {
              if (own.get(k)) ks[a++] = k;
              else ks[--b] = k;
            }
          }
          ownedShared[r] = Arrays.copyOf(ks, a);
          int[] other = new int[ks.length - b];
          for (int i = 0; i < other.length; i++) other[i] = ks[ks.length - 1 - i];
          otherShared[r] = other;
        });
    for (boolean owners : new boolean[] {true, false}) {
      reads.each(
          r -> {
            int[] j = nodes.join[r];
            int[] ks = owners ? ownedShared[r] : otherShared[r];
            int m = ks.length;
            if (m == 0) return;
            ExodusFile p = pieces.get(r);
            int chunk = reads.chunk();
            double[][] buf = new double[dims][];
            BitSet b = new BitSet();
            for (int i = 0; i < m; ) {
              int lo = ks[i];
              int e = i;
              while (e < m && ks[e] - lo < chunk) e++;
              int len = ks[e - 1] - lo + 1;
              for (int a = 0; a < dims; a++) {
                if (buf[a] == null || buf[a].length < len) buf[a] = new double[len];
                p.readCoordinates(a, lo, len, buf[a], 0);
              }
              for (int q = i; q < e; q++) {
                int k = ks[q];
                int g = j[k];
                int ord = before[g >>> 6] + Long.bitCount(words[g >>> 6] & ((1L << g) - 1));
                boolean differs = false;
                for (int a = 0; a < dims; a++) {
                  double v = buf[a][k - lo];
                  if (owners) ref[ord * dims + a] = v;
                  else if (!(v == ref[ord * dims + a])) differs = true;
                }
                if (differs && !b.get(j[k])) {
                  b.set(j[k]);
                  if (examples.get(r).size() < 3) {
                    double[] here = new double[dims];
                    double[] there = new double[dims];
                    for (int a = 0; a < dims; a++) {
                      here[a] = buf[a][k - lo];
                      there[a] = ref[ord * dims + a];
                    }
                    examples
                        .get(r)
                        .add(
                            "id "
                                + nodes.id(j[k])
                                + " at "
                                + Arrays.toString(here)
                                + " in rank "
                                + r
                                + " ("
                                + p.path().getFileName()
                                + "), at "
                                + Arrays.toString(there)
                                + " in rank "
                                + nodes.owner(j[k]));
                  }
                }
              }
              i = e;
            }
            bad[r] = b;
          });
    }
    BitSet all = new BitSet();
    List<String> ex = new ArrayList<>();
    int firstBad = -1;
    for (int r = 0; r < n; r++) {
      if (bad[r] != null && !bad[r].isEmpty() && firstBad < 0) firstBad = r;
      if (bad[r] != null) all.or(bad[r]);
      for (String s : examples.get(r)) if (ex.size() < 3) ex.add(s);
    }
    if (all.isEmpty()) return null;
    String msg =
        all.cardinality()
            + " of the "
            + sharedCount
            + " nodes that several pieces hold have different coordinates in different pieces ("
            + String.join("; ", ex)
            + (all.cardinality() > ex.size() ? "; ..." : "")
            + "): a damaged node id map?";
    return new Mismatch(msg, firstBad, all.cardinality());
  }
}
