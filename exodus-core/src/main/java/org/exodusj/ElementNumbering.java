package org.exodusj;

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
    int n = localIds.length;
    int nb = blockIds.length;
    this.join = new int[n][];
    for (int r = 0; r < n; r++) join[r] = new int[localIds[r].length];
    this.blockOffset = new long[nb + 1];
    this.range = new long[n][nb][];
    this.monotone = new boolean[n][nb];
    this.consecutive = new boolean[n][nb];
    List<long[]> sortedByBlock = new ArrayList<>();
    long eoff = 0;
    for (int g = 0; g < nb; g++) {
      long cnt = 0;
      for (int r = 0; r < n; r++) cnt += count[r][g];
      if (cnt > Integer.MAX_VALUE - 8 || eoff + cnt > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("more than 2^31 elements in the set are not supported");
      }
      long[] ids = new long[(int) cnt];
      int w = 0;
      for (int r = 0; r < n; r++) {
        System.arraycopy(localIds[r], (int) start[r][g], ids, w, (int) count[r][g]);
        w += (int) count[r][g];
      }
      // Ids forming one range (the usual numbering) are placed with a bit per id, without sorting.
      long bmin = Long.MAX_VALUE;
      long bmax = Long.MIN_VALUE;
      for (long id : ids) {
        bmin = Math.min(bmin, id);
        bmax = Math.max(bmax, id);
      }
      boolean isRange = false;
      if (ids.length > 0 && bmax - bmin + 1 == ids.length) {
        long[] present = new long[(ids.length + 63) >>> 6];
        for (long id : ids) present[(int) ((id - bmin) >>> 6)] |= 1L << (id - bmin);
        long bits = 0;
        for (long word : present) bits += Long.bitCount(word);
        isRange = bits == ids.length;
      }
      if (!isRange) {
        long[] sorted = byId ? ids : ids.clone();
        Arrays.parallelSort(sorted);
        for (int i = 1; i < sorted.length; i++) {
          if (sorted[i] == sorted[i - 1] && (i < 2 || sorted[i - 2] != sorted[i])) {
            findHolders(localIds, start, count, g, blockIds[g], sorted[i]);
            if (duplicates.size() >= 10) break;
          }
        }
        if (!duplicates.isEmpty()) break;
      }
      if (!byId) { // the pieces' order: ids stay as gathered, rank after rank
        int at = 0;
        for (int r = 0; r < n; r++) {
          int base = (int) start[r][g];
          for (int k = 0; k < count[r][g]; k++) join[r][base + k] = (int) (eoff + at++);
        }
      } else {
        if (isRange) {
          for (int i = 0; i < ids.length; i++) ids[i] = bmin + i;
        }
        for (int r = 0; r < n; r++) {
          int base = (int) start[r][g];
          for (int k = 0; k < count[r][g]; k++) {
            long id = localIds[r][base + k];
            join[r][base + k] = (int) (eoff + (isRange ? id - bmin : Arrays.binarySearch(ids, id)));
          }
        }
      }
      for (int r = 0; r < n; r++) {
        long lo = -1;
        long hi = -1;
        boolean mono = true;
        if (count[r][g] > 0) {
          int base = (int) start[r][g];
          lo = Long.MAX_VALUE;
          for (int k = 0; k < count[r][g]; k++) {
            if (k > 0 && join[r][base + k] <= join[r][base + k - 1]) mono = false;
            lo = Math.min(lo, join[r][base + k] - eoff);
            hi = Math.max(hi, join[r][base + k] - eoff);
          }
        }
        range[r][g] = new long[] {lo, hi};
        monotone[r][g] = mono;
        consecutive[r][g] = mono && count[r][g] > 0 && hi - lo + 1 == count[r][g];
      }
      sortedByBlock.add(ids);
      blockOffset[g] = eoff;
      eoff += cnt;
    }
    if (!duplicates.isEmpty()) {
      this.ids = new long[0];
      return;
    }
    blockOffset[nb] = eoff;
    this.ids = new long[(int) eoff];
    for (int g = 0; g < nb; g++) {
      long[] s = sortedByBlock.get(g);
      System.arraycopy(s, 0, ids, (int) blockOffset[g], s.length);
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
