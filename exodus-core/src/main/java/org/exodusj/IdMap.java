package org.exodusj;

import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * Ids to 0-based indices and back for the nodes, elements, edges or faces of a file, through its id
 * map ({@code node_num_map}, {@code elem_num_map}, ...; the identity where none is stored).
 *
 * <p>Memory: a map whose ids are consecutive ({@code id = index + offset}, the identity included)
 * holds nothing and answers in O(1). Any other map holds its ids sorted with their indices, 12
 * bytes per entry, and answers {@link #index} in O(log n); {@link #id} reads the one value from the
 * file. Built once per file and kind by {@link ExodusFile#idMap(EntityType)} in one streaming pass.
 */
public final class IdMap {
  private static final int CHUNK = 1 << 16;

  private final ExodusFile file;
  private final EntityType type;
  private final long length;
  private final boolean consecutive;
  private final long offset;
  private final long[] sortedIds;
  private final int[] sortedIndex;

  private IdMap(
      ExodusFile file,
      EntityType type,
      long length,
      boolean consecutive,
      long offset,
      long[] sortedIds,
      int[] sortedIndex) {
    this.file = file;
    this.type = type;
    this.length = length;
    this.consecutive = consecutive;
    this.offset = offset;
    this.sortedIds = sortedIds;
    this.sortedIndex = sortedIndex;
  }

  static IdMap build(ExodusFile f, EntityType type, long length) throws IOException {
    if (length == 0 || !f.hasIdMap(type)) {
      return new IdMap(f, type, length, true, 1, null, null);
    }
    long[] buf = new long[(int) Math.min(CHUNK, length)];
    long first = 0;
    boolean consecutive = true;
    for (long start = 0; start < length && consecutive; start += buf.length) {
      int n = (int) Math.min(buf.length, length - start);
      f.readIdMap(type, start, n, buf, 0);
      if (start == 0) first = buf[0];
      for (int i = 0; i < n; i++) {
        if (buf[i] != first + start + i) {
          consecutive = false;
          break;
        }
      }
    }
    if (consecutive) {
      return new IdMap(f, type, length, true, first, null, null);
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          f.path() + ": " + type + " of " + length + " ids does not fit one array");
    }
    long[] ids = new long[(int) length];
    f.readIdMap(type, 0, length, ids, 0);
    int[] idx = new int[ids.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    sort(ids, idx, 0, ids.length - 1);
    return new IdMap(f, type, length, false, 0, ids, idx);
  }

  /** NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP. */
  public EntityType type() {
    return type;
  }

  /** The number of entries (nodes, elements, ...). */
  public long size() {
    return length;
  }

  /** True when {@code id = index + 1} for every entry (stored or not). */
  public boolean isIdentity() {
    return consecutive && offset == 1;
  }

  /**
   * The 0-based index of the entry with {@code id}; where ids repeat (a damaged map), the first.
   *
   * @throws NoSuchElementException naming the file and the map where no entry has this id
   */
  public long index(long id) {
    if (consecutive) {
      long i = id - offset;
      if (i >= 0 && i < length) return i;
    } else {
      int lo = 0;
      int hi = sortedIds.length - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (sortedIds[mid] < id) {
          lo = mid + 1;
        } else {
          if (sortedIds[mid] == id) found = mid;
          hi = mid - 1;
        }
      }
      if (found >= 0) {
        int best = sortedIndex[found];
        for (int k = found + 1; k < sortedIds.length && sortedIds[k] == id; k++) {
          best = Math.min(best, sortedIndex[k]);
        }
        return best;
      }
    }
    throw new NoSuchElementException(file.path() + ": no entry of " + type + " has id " + id);
  }

  /** The id of the entry with 0-based {@code index}. */
  public long id(long index) throws IOException {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(type + " index " + index + " of " + length);
    }
    if (consecutive) return index + offset;
    long[] one = new long[1];
    file.readIdMap(type, index, 1, one, 0);
    return one[0];
  }

  /** Sorts ids ascending, carrying their indices (an introsort would do; quicksort + insertion). */
  private static void sort(long[] a, int[] b, int lo, int hi) {
    while (hi - lo > 16) {
      long pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
          swap(a, b, i++, j--);
        }
      }
      if (j - lo < hi - i) {
        sort(a, b, lo, j);
        lo = i;
      } else {
        sort(a, b, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int k = i; k > lo && a[k - 1] > a[k]; k--) swap(a, b, k, k - 1);
    }
  }

  private static long median(long x, long y, long z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }

  private static void swap(long[] a, int[] b, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
    int u = b[i];
    b[i] = b[j];
    b[j] = u;
  }
}
