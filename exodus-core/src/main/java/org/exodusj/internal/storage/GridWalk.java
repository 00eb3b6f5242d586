package org.exodusj.internal.storage;

import java.io.IOException;

/**
 * The one row-major walk over boxes of an N-dimensional index space, shared by both backends' reads
 * and writes (the classic runs of a slab, NetCDF-4 contiguous and compact reads, the chunks a slab
 * touches and the slab's intersection with each of them, read and written).
 *
 * <p>Two walks, the last dimension fastest in both:
 *
 * <ul>
 *   <li>{@link #cells}: every cell of a box {@code [first, last]} of a grid (the chunks of a chunk
 *       grid that a slab touches);
 *   <li>{@link #runs}: a box {@code [lo, lo + ext)} of the index space held in two arrays {@code A}
 *       and {@code B} (each an origin, a shape and strides; a chunk, the caller's slab, a whole
 *       variable), in pieces contiguous in both: the innermost dimension, merged with the
 *       dimensions outside it as long as the box covers the dimensions inside whole in both arrays.
 * </ul>
 *
 * <p>An instance holds the scratch of one rank and serves one thread, walk after walk; a walk
 * allocates nothing. Empty boxes are walked without a visit.
 */
public final class GridWalk {
  /** Receives one cell of a grid; the array is the walk's own and changes after the call. */
  @FunctionalInterface
  public interface CellVisitor {
    void cell(long[] cell) throws IOException;
  }

  /**
   * Receives one piece of a box: {@code n} values, the first at position {@code a} in array A and
   * {@code b} in array B, each next one {@code aStride} and {@code bStride} further on (the
   * innermost dimension's strides, unless the walk may go down a column: see {@link #runs}).
   */
  @FunctionalInterface
  public interface RunVisitor {
    void run(long a, long b, int n, long aStride, long bStride) throws IOException;
  }

  private final long[] idx;

  /** A walk over boxes of {@code rank} dimensions. */
  public GridWalk(int rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank " + rank + " is negative");
    }
    this.idx = new long[rank];
  }

  /** The rank this walk serves. */
  public int rank() {
    return idx.length;
  }

  /**
   * The row-major strides of an array of {@code shape}, in units of {@code unit} per value, into
   * {@code out} (a new array when null); returns {@code out}.
   */
  public static long[] rowMajor(long[] shape, long unit, long[] out) {
    long[] s = out != null ? out : new long[shape.length];
    long st = unit;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = st;
      st *= shape[d];
    }
    return s;
  }

  /** The same for an {@code int} shape (a chunk shape). */
  public static long[] rowMajor(int[] shape, long unit, long[] out) {
    long[] s = out != null ? out : new long[shape.length];
    long st = unit;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = st;
      st *= shape[d];
    }
    return s;
  }

  /** The number of cells of the box {@code [first, last]} (0 when empty along any dimension). */
  public static long cellCount(long[] first, long[] last) {
    long n = 1;
    for (int d = 0; d < first.length; d++) {
      if (last[d] < first[d]) {
        return 0;
      }
      n *= last[d] - first[d] + 1;
    }
    return n;
  }

  /** Visits every cell of the box {@code [first, last]}, the last dimension fastest. */
  public void cells(long[] first, long[] last, CellVisitor visitor) throws IOException {
    checkRank(first.length, "first");
    checkRank(last.length, "last");
    int rank = idx.length;
    if (cellCount(first, last) == 0) {
      return;
    }
    long[] g = idx;
    System.arraycopy(first, 0, g, 0, rank);
    while (true) {
      visitor.cell(g);
      int d = rank - 1;
      while (d >= 0 && ++g[d] > last[d]) {
        g[d] = first[d];
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /**
   * The first dimension of a run of the box {@code [lo, lo + ext)} between arrays of shapes {@code
   * aShape} and {@code bShape}: a run holds the dimensions {@code [k, rank)}; dimension {@code k -
   * 1} joins them when every dimension from {@code k} is covered whole in both arrays. No run spans
   * more than one index of the dimensions before {@code mergeFrom} (a classic record variable's
   * records are not contiguous: 1; else 0), so the result is at least {@code mergeFrom} (and {@code
   * rank} when that is all: runs of one value). Rank 0 gives 0.
   */
  public static int runStart(long[] ext, long[] aShape, long[] bShape, int mergeFrom) {
    int rank = ext.length;
    int k = Math.max(rank - 1, mergeFrom);
    while (k > mergeFrom && ext[k] == aShape[k] && ext[k] == bShape[k]) {
      k--;
    }
    return Math.max(k, 0);
  }

  /** The number of values of one run that starts at dimension {@code k} ({@link #runStart}). */
  public static long runLength(long[] ext, int k) {
    long n = 1;
    for (int d = k; d < ext.length; d++) {
      n *= ext[d];
    }
    return n;
  }

  /**
   * Visits the box {@code [lo, lo + ext)} in pieces contiguous in arrays A and B. Array A holds the
   * index space from {@code aOrigin} (null: all zeros) in an array of {@code aShape} with {@code
   * aStride} per dimension (in any unit: values, bytes, a record's size for the first dimension); B
   * likewise. The pieces come in row-major order of the box, so B's positions rise when B is the
   * box itself.
   *
   * <p>With {@code column} true, a box whose runs hold one value (a chunk of one column) is walked
   * one dimension further out instead: each piece then goes down a column with the strides of that
   * dimension. With {@code column} false, every piece is contiguous (strides of the innermost
   * dimension).
   *
   * @throws IllegalArgumentException when a piece would hold more than {@code Integer.MAX_VALUE}
   *     values, with the numbers
   */
  public void runs(
      long[] lo,
      long[] ext,
      long[] aOrigin,
      long[] aShape,
      long[] aStride,
      long[] bOrigin,
      long[] bShape,
      long[] bStride,
      int mergeFrom,
      boolean column,
      RunVisitor visitor)
      throws IOException {
    int rank = idx.length;
    checkRank(lo.length, "lo");
    checkRank(ext.length, "ext");
    if (rank == 0) {
      visitor.run(0, 0, 1, 1, 1);
      return;
    }
    for (int d = 0; d < rank; d++) {
      if (ext[d] <= 0) {
        return; // empty
      }
    }
    int k = runStart(ext, aShape, bShape, mergeFrom);
    long run = runLength(ext, k);
    int walk = k; // the odometer turns dimensions [0, walk)
    long n = run;
    long as = aStride[rank - 1];
    long bs = bStride[rank - 1];
    if (column && run == 1 && k > 0) {
      walk = k - 1;
      n = ext[walk];
      as = aStride[walk];
      bs = bStride[walk];
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a run of " + n + " values is longer than an array holds (" + Integer.MAX_VALUE + ")");
    }
    long pa = 0;
    long pb = 0;
    for (int d = 0; d < rank; d++) {
      pa += (lo[d] - (aOrigin == null ? 0 : aOrigin[d])) * aStride[d];
      pb += (lo[d] - (bOrigin == null ? 0 : bOrigin[d])) * bStride[d];
    }
    long[] i = idx;
    for (int d = 0; d < walk; d++) {
      i[d] = 0;
    }
    while (true) {
      visitor.run(pa, pb, (int) n, as, bs);
      int d = walk - 1;
      while (d >= 0) {
        i[d]++;
        pa += aStride[d];
        pb += bStride[d];
        if (i[d] < ext[d]) {
          break;
        }
        pa -= i[d] * aStride[d];
        pb -= i[d] * bStride[d];
        i[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private void checkRank(int length, String what) {
    if (length != idx.length) {
      throw new IllegalArgumentException(
          what + " has " + length + " entries for a walk of rank " + idx.length);
    }
  }
}
