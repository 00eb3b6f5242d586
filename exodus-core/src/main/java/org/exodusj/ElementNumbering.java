package org.exodusj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The join numbering of a decomposed set's elements, built from plain arrays: each piece's global
 * element ids ({@code elem_num_map}) and, per joined block, where the piece's entries of that block
 * start and how many there are. Joined elements are grouped by block (in the joined block order)
 * and ordered by global id within a block. An id that a piece gives twice, or that two pieces hold,
 * is a {@link Duplicate} and the numbering stops there.
 */
final class ElementNumbering {
  /** An element id that rank {@code rank} holds twice, or ranks {@code rank} and {@code other}. */
  record Duplicate(long blockId, long id, int rank, int other) {
    boolean withinPiece() {
      return rank == other;
    }
  }

  /** Per piece: local element (0-based, file order) to joined element index. */
  final int[][] join;

  /** Joined block g starts at joined element {@code blockOffset[g]}; length blocks + 1. */
  final long[] blockOffset;

  /** Per piece and joined block: smallest and largest index within the block (-1, -1: none). */
  final long[][][] range;

  /** Per piece and joined block: whether the piece's entries are in joined order. */
  final boolean[][] monotone;

  /**
   * Per piece and joined block: whether the piece's entries are consecutive joined elements (entry
   * k is joined element {@code join[r][start] + k}), so that they are read straight into place.
   */
  final boolean[][] consecutive;

  /** Joined element index to global id. */
  final long[] ids;

  /** The duplicates found (empty when the numbering is complete). */
  final List<Duplicate> duplicates = new ArrayList<>();

  /**
   * @param localIds per piece, its element ids in file order
   * @param blockIds the joined blocks' ids
   * @param start per piece and joined block, the piece's first local element of the block
   * @param count per piece and joined block, the piece's entries in it (0 where it has none)
   */
  ElementNumbering(long[][] localIds, long[] blockIds, long[][] start, long[][] count) {
    this(localIds, blockIds, start, count, true);
  }

  /**
   * As {@link #ElementNumbering(long[][], long[], long[][], long[][])}; with {@code byId} false,
   * the joined elements of a block are the pieces' in rank order, each piece's in its own order
   * (SEACAS epu's {@code -nomap}), instead of ordered by id.
   */
  ElementNumbering(
      long[][] localIds, long[] blockIds, long[][] start, long[][] count, boolean byId) {
    this(localIds, blockIds, start, count, byId, NodeNumbering.sequential(localIds.length));
  }

  /** As the constructors above, the per-piece work run by {@code ranks} (possibly in parallel). */
  ElementNumbering(
      long[][] localIds,
      long[] blockIds,
      long[][] start,
      long[][] count,
      boolean byId,
      NodeNumbering.Ranks ranks) {
    int n = localIds.length;
    int nb = blockIds.length;
    this.join = new int[n][];
    for (int r = 0; r < n; r++) join[r] = new int[localIds[r].length];
    this.blockOffset = new long[nb + 1];
    this.range = new long[n][nb][];
    this.monotone = new boolean[n][nb];
    this.consecutive = new boolean[n][nb];
    long eoff = 0;
    for (int g = 0; g < nb; g++) {
      long cnt = 0;
      for (int r = 0; r < n; r++) cnt += count[r][g];
      if (cnt > Integer.MAX_VALUE - 8 || eoff + cnt > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("more than 2^31 elements in the set are not supported");
      }
      blockOffset[g] = eoff;
      eoff += cnt;
    }
    blockOffset[nb] = eoff;
    long[] all = new long[(int) eoff];

    // per piece and block: smallest and largest id
    long[][] lo = new long[n][nb];
    long[][] hi = new long[n][nb];
    run(
        ranks,
        r -> {
          for (int g = 0; g < nb; g++) {
            long a = Long.MAX_VALUE;
            long b = Long.MIN_VALUE;
            long[] ids = localIds[r];
            int base = (int) start[r][g];
            for (int k = 0; k < count[r][g]; k++) {
              a = Math.min(a, ids[base + k]);
              b = Math.max(b, ids[base + k]);
            }
            lo[r][g] = a;
            hi[r][g] = b;
          }
        });

    // Ids forming one range (the usual numbering) are placed with a bit per id, without sorting.
    boolean[] isRange = new boolean[nb];
    long[] bmin = new long[nb];
    long[] rankStart = new long[n * nb]; // where each piece's entries of a block start, rank order
    for (int g = 0; g < nb; g++) {
      int from = (int) blockOffset[g];
      int cnt = (int) (blockOffset[g + 1] - from);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      long at = 0;
      for (int r = 0; r < n; r++) {
        min = Math.min(min, lo[r][g]);
        max = Math.max(max, hi[r][g]);
        rankStart[r * nb + g] = at;
        at += count[r][g];
      }
      bmin[g] = min;
      if (cnt > 0 && max - min + 1 == cnt) {
        long[] present = new long[(cnt + 63) >>> 6];
        for (int r = 0; r < n; r++) {
          long[] ids = localIds[r];
          int base = (int) start[r][g];
          for (int k = 0; k < count[r][g]; k++) {
            long d = ids[base + k] - min;
            present[(int) (d >>> 6)] |= 1L << d;
          }
        }
        long bits = 0;
        for (long word : present) bits += Long.bitCount(word);
        isRange[g] = bits == cnt;
      }
      if (isRange[g] && byId) {
        for (int i = 0; i < cnt; i++) all[from + i] = min + i;
        continue;
      }
      int w = from;
      for (int r = 0; r < n; r++) {
        System.arraycopy(localIds[r], (int) start[r][g], all, w, (int) count[r][g]);
        w += (int) count[r][g];
      }
      if (!isRange[g]) {
        long[] sorted = byId ? all : Arrays.copyOfRange(all, from, from + cnt);
        int sf = byId ? from : 0;
        Arrays.parallelSort(sorted, sf, sf + cnt);
        for (int i = sf + 1; i < sf + cnt; i++) {
          if (sorted[i] == sorted[i - 1] && (i < sf + 2 || sorted[i - 2] != sorted[i])) {
            findHolders(localIds, start, count, g, blockIds[g], sorted[i]);
            if (duplicates.size() >= 10) break;
          }
        }
        if (!duplicates.isEmpty()) break;
      }
    }
    if (!duplicates.isEmpty()) {
      this.ids = new long[0];
      return;
    }

    // per piece: each local element's joined index, and where the piece's entries fall
    run(
        ranks,
        r -> {
          int[] jr = join[r];
          long[] ids = localIds[r];
          for (int g = 0; g < nb; g++) {
            int base = (int) start[r][g];
            int c = (int) count[r][g];
            long off = blockOffset[g];
            if (!byId) {
              long first = off + rankStart[r * nb + g];
              for (int k = 0; k < c; k++) jr[base + k] = (int) (first + k);
            } else if (isRange[g]) {
              long shift = off - bmin[g];
              for (int k = 0; k < c; k++) jr[base + k] = (int) (ids[base + k] + shift);
            } else {
              int from = (int) off;
              int to = (int) blockOffset[g + 1];
              for (int k = 0; k < c; k++) {
                jr[base + k] = Arrays.binarySearch(all, from, to, ids[base + k]);
              }
            }
            long a = -1;
            long b = -1;
            boolean mono = true;
            if (c > 0) {
              a = Long.MAX_VALUE;
              for (int k = 0; k < c; k++) {
                if (k > 0 && jr[base + k] <= jr[base + k - 1]) mono = false;
                a = Math.min(a, jr[base + k] - off);
                b = Math.max(b, jr[base + k] - off);
              }
            }
            range[r][g] = new long[] {a, b};
            monotone[r][g] = mono;
            consecutive[r][g] = mono && c > 0 && b - a + 1 == c;
          }
        });
    this.ids = all;
  }

  private static void run(NodeNumbering.Ranks ranks, NodeNumbering.RankTask task) {
    try {
      ranks.each(task);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the tasks here do no I/O
    }
  }

  /** Records which pieces hold element id {@code id} of block g more than once between them. */
  private void findHolders(
      long[][] localIds, long[][] start, long[][] count, int g, long blockId, long id) {
    int prev = -1;
    for (int r = 0; r < localIds.length; r++) {
      int base = (int) start[r][g];
      int times = 0;
      for (int k = 0; k < count[r][g]; k++) if (localIds[r][base + k] == id) times++;
      if (times > 1) {
        duplicates.add(new Duplicate(blockId, id, r, r));
        return;
      }
      if (times == 1) {
        if (prev >= 0) {
          duplicates.add(new Duplicate(blockId, id, prev, r));
          return;
        }
        prev = r;
      }
    }
  }

  /** Joined elements in all. */
  long count() {
    return blockOffset[blockOffset.length - 1];
  }
}
