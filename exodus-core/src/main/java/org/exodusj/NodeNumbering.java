package org.exodusj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The join numbering of a decomposed set's nodes, built from plain arrays (each piece's global node
 * ids, {@code node_num_map}, by rank): the joined nodes are the union of the ids, ascending; a node
 * that several pieces hold takes its values from the <em>last</em> rank holding it, as SEACAS epu
 * does (it copies the pieces in rank order, each overwriting the one before).
 *
 * <p>Memory: an {@code int} per local node of every piece, a bit per local node for ownership, a
 * bit per joined node for the nodes several pieces hold, and the sorted ids where they are not
 * 1..N.
 */
final class NodeNumbering {
  /** A global id that one piece gives to two of its local nodes. */
  record Duplicate(int rank, long id, int firstLocal, int secondLocal) {}

  final int pieces;
  final long count;

  /** Joined index to global id; null where the ids are 1..N. */
  final long[] ids;

  /** Per piece: local node (0-based) to joined index. */
  final int[][] join;

  /** Per piece: the local nodes whose values it supplies (no higher rank holds them). */
  final BitSet[] owned;

  /** Per piece: smallest and largest joined index ({@code MAX_VALUE, -1} for none). */
  final int[][] range;

  /** Per piece: its owned local nodes, ordered by joined index; null where {@link #runs} are. */
  final int[][] ownedByJoined;

  /** Per piece: whether its owned local nodes in joined order are also in local order. */
  final boolean[] ownedInOrder;

  /**
   * Per piece: its owned nodes as runs consecutive in both local and joined index, in joined order,
   * where the runs are long (at least {@link #MIN_RUN} nodes on average, as in a piece cut from a
   * structured mesh); null where they are short, and the nodes are scattered one by one.
   */
  final Runs[] runs;

  /** The average run length from which a piece's owned nodes are kept as {@link Runs}. */
  static final int MIN_RUN = 8;

  /**
   * Owned nodes as runs: run i is local nodes {@code [local[i], local[i] + length[i])}, joined
   * nodes {@code [joined[i], joined[i] + length[i])}; ascending in joined index.
   */
  record Runs(int[] local, int[] joined, int[] length) {
    /** The first run that ends past joined index {@code v}. */
    int firstEndingAfter(long v) {
      int lo = 0;
      int hi = joined.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if ((long) joined[mid] + length[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }

  /** Joined nodes that more than one piece holds. */
  final BitSet shared;

  /** Global ids that a piece gives to two local nodes (at most 10 listed per piece). */
  final List<Duplicate> duplicates;

  /** Runs a task for every rank, possibly in parallel. */
  @FunctionalInterface
  interface Ranks {
    void each(RankTask task) throws java.io.IOException;
  }

  /** One rank's part of a job. */
  @FunctionalInterface
  interface RankTask {
    void run(int rank) throws java.io.IOException;
  }

  /** Every rank one after the other, on the caller's thread. */
  static Ranks sequential(int n) {
    return task -> {
      for (int r = 0; r < n; r++) task.run(r);
    };
  }

  /**
   * Numbers the nodes of pieces whose local nodes carry the global ids {@code localIds[rank]}; the
   * arrays are released (set to null) once numbered.
   */
  static NodeNumbering of(long[][] localIds, Ranks ranks) throws java.io.IOException {
    return new NodeNumbering(localIds, ranks);
  }

  private NodeNumbering(long[][] localIds, Ranks ranks) throws java.io.IOException {
    int n = localIds.length;
    this.pieces = n;
    long total = 0;
    for (long[] a : localIds) total += a.length;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the pieces hold " + total + " nodes; a set of more than 2^31 is not supported");
    }
    // Ids 1..N (the usual numbering) are taken as such, without sorting, when the smallest is 1
    // and the largest at most the nodes held: the ownership walk then confirms that every id up
    // to the largest is held (else the ids are sorted and the pieces numbered again).
    long[] lows = new long[n];
    long[] highs = new long[n];
    ranks.each(
        r -> {
          long lo = Long.MAX_VALUE;
          long hi = Long.MIN_VALUE;
          for (long id : localIds[r]) {
            lo = Math.min(lo, id);
            hi = Math.max(hi, id);
          }
          lows[r] = lo;
          highs[r] = hi;
        });
    long maxId = 0;
    long minId = Long.MAX_VALUE;
    for (int r = 0; r < n; r++) {
      maxId = Math.max(maxId, highs[r]);
      minId = Math.min(minId, lows[r]);
    }
    long[] sorted = minId == 1 && maxId <= total ? null : sortedIds(localIds, total);
    Walk walk = walk(localIds, sorted, sorted == null ? maxId : sorted.length, ranks);
    if (sorted == null && walk.held != maxId) { // ids 1..max with gaps
      sorted = sortedIds(localIds, total);
      walk = walk(localIds, sorted, sorted.length, ranks);
    }
    Arrays.fill(localIds, null);
    this.ids = sorted;
    this.count = sorted == null ? maxId : sorted.length;
    this.join = walk.join;
    this.range = walk.range;
    this.owned = walk.owned;
    this.shared = walk.shared;
    this.duplicates = walk.duplicates;

    this.ownedByJoined = new int[n][];
    this.ownedInOrder = new boolean[n];
    this.runs = new Runs[n];
    ranks.each(
        r -> {
          int[] j = join[r];
          BitSet o = owned[r];
          int[] out = new int[o.cardinality()];
          int w = 0;
          boolean inOrder = true;
          for (int k = o.nextSetBit(0); k >= 0; k = o.nextSetBit(k + 1)) {
            if (w > 0 && j[k] < j[out[w - 1]]) inOrder = false;
            out[w++] = k;
          }
          if (!inOrder) { // sort the owned local nodes by joined index
            long[] keyed = new long[out.length];
            for (int i = 0; i < out.length; i++) keyed[i] = ((long) j[out[i]] << 32) | out[i];
            Arrays.sort(keyed);
            for (int i = 0; i < keyed.length; i++) out[i] = (int) keyed[i];
          }
          runs[r] = runsOf(out, j);
          ownedByJoined[r] = runs[r] == null ? out : null; // the runs say it all
          ownedInOrder[r] = inOrder;
        });
  }

  /** The runs of {@code order} (local nodes in joined order), or null where they are short. */
  private static Runs runsOf(int[] order, int[] j) {
    int count = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0 || order[i] != order[i - 1] + 1 || j[order[i]] != j[order[i - 1]] + 1) count++;
    }
    if (count == 0 || (long) count * MIN_RUN > order.length) return null;
    int[] local = new int[count];
    int[] joined = new int[count];
    int[] length = new int[count];
    int at = -1;
    for (int i = 0; i < order.length; i++) {
      if (i == 0 || order[i] != order[i - 1] + 1 || j[order[i]] != j[order[i - 1]] + 1) {
        at++;
        local[at] = order[i];
        joined[at] = j[order[i]];
      }
      length[at]++;
    }
    return new Runs(local, joined, length);
  }

  /** The distinct ids of all pieces, ascending. */
  private static long[] sortedIds(long[][] localIds, long total) {
    long[] all = new long[(int) total];
    int at = 0;
    for (long[] a : localIds) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    Arrays.parallelSort(all);
    int u = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) all[u++] = all[i];
    }
    return Arrays.copyOf(all, u);
  }

  /** The joined indices and ownership of the pieces' nodes, and the count of joined nodes held. */
  private record Walk(
      int[][] join,
      int[][] range,
      BitSet[] owned,
      BitSet shared,
      List<Duplicate> duplicates,
      long held) {}

  /**
   * Numbers the pieces' nodes by {@code sorted} (null: ids 1..count) and walks the ranks from the
   * last down, a node going to the first (highest) rank that holds it; a piece holding an id twice
   * is recorded. Plain bit words: the walk runs once per local node of every piece.
   */
  private static Walk walk(long[][] localIds, long[] sorted, long count, Ranks ranks)
      throws java.io.IOException {
    int n = localIds.length;
    int[][] join = new int[n][];
    int[][] range = new int[n][];
    ranks.each(
        r -> {
          long[] a = localIds[r];
          int[] j = new int[a.length];
          int lo = Integer.MAX_VALUE;
          int hi = -1;
          for (int k = 0; k < a.length; k++) {
            j[k] = (int) indexIn(sorted, count, a[k]);
            lo = Math.min(lo, j[k]);
            hi = Math.max(hi, j[k]);
          }
          join[r] = j;
          range[r] = new int[] {lo, hi};
        });
    BitSet[] owned = new BitSet[n];
    int words = (int) ((count + 63) >>> 6);
    long[] shared = new long[words];
    List<Duplicate> dups = new ArrayList<>();
    long[] seen = new long[words];
    long[] here = new long[words];
    for (int r = n - 1; r >= 0; r--) {
      int[] j = join[r];
      long[] o = new long[(j.length + 63) >>> 6];
      int listed = 0;
      for (int k = 0; k < j.length; k++) {
        int g = j[k];
        int w = g >>> 6;
        long bit = 1L << g;
        if ((here[w] & bit) != 0) {
          if (listed++ < 10) {
            dups.add(new Duplicate(r, sorted == null ? g + 1 : sorted[g], firstLocal(j, g), k));
          }
          continue;
        }
        here[w] |= bit;
        if ((seen[w] & bit) != 0) {
          shared[w] |= bit;
        } else {
          o[k >>> 6] |= 1L << k;
        }
      }
      // fold this piece's nodes into seen and clear here, touching only its range of words
      if (j.length > 0) {
        for (int w = range[r][0] >>> 6; w <= range[r][1] >>> 6; w++) {
          seen[w] |= here[w];
          here[w] = 0;
        }
      }
      owned[r] = BitSet.valueOf(o);
    }
    long held = 0;
    for (long w : seen) held += Long.bitCount(w);
    dups.sort((a, b) -> a.rank != b.rank ? Integer.compare(a.rank, b.rank) : 0);
    return new Walk(join, range, owned, BitSet.valueOf(shared), List.copyOf(dups), held);
  }

  private static long indexIn(long[] sorted, long count, long id) {
    if (sorted == null) return id >= 1 && id <= count ? id - 1 : -1;
    int i = Arrays.binarySearch(sorted, id);
    return i >= 0 ? i : -1;
  }

  private static int firstLocal(int[] j, int g) {
    for (int k = 0; k < j.length; k++) if (j[k] == g) return k;
    return -1;
  }

  /** The global id of joined node {@code node}. */
  long id(long node) {
    return ids == null ? node + 1 : ids[(int) node];
  }

  /** The joined index of global id {@code id}, or -1. */
  long index(long id) {
    return indexIn(ids, count, id);
  }

  /** The rank whose value joined node {@code node} takes (the last rank holding it). */
  int owner(int node) {
    for (int r = pieces - 1; r >= 0; r--) {
      if (node < range[r][0] || node > range[r][1]) continue;
      int[] j = join[r];
      for (int k = 0; k < j.length; k++) if (j[k] == node) return r;
    }
    return -1;
  }
}
