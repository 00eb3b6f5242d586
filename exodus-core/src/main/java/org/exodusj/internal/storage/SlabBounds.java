package org.exodusj.internal.storage;

/**
 * The checks every storage applies to a hyperslab request, so that CDF and NetCDF-4 reads fail
 * alike: every number is in the message of the exception thrown.
 */
public final class SlabBounds {
  private SlabBounds() {}

  /**
   * Checks {@code start} and {@code count} against the variable's current {@code shape} and returns
   * the number of values in the slab.
   */
  public static long checkedTotal(Variable v, long[] shape, long[] start, long[] count) {
    int rank = shape.length;
    if (start == null || count == null) {
      throw new NullPointerException("start and count are required");
    }
    if (start.length != rank || count.length != rank) {
      throw new IllegalArgumentException(
          "variable "
              + v.name()
              + " has rank "
              + rank
              + ", but start has "
              + start.length
              + " and count has "
              + count.length
              + " entries");
    }
    long total = 1;
    for (int d = 0; d < rank; d++) {
      if (start[d] < 0 || count[d] < 0 || start[d] > shape[d] - count[d]) {
        throw new IndexOutOfBoundsException(
            "variable "
                + v.name()
                + " dimension "
                + d
                + " ("
                + v.dimensions().get(d).name()
                + "): start="
                + start[d]
                + " count="
                + count[d]
                + " length="
                + shape[d]);
      }
      total = Math.multiplyExact(total, count[d]);
    }
    return total;
  }

  /** Checks that {@code total} values fit an array of {@code length} from {@code off}. */
  public static void checkFits(Variable v, long total, int length, int off) {
    if (off < 0 || off > length || total > length - off) {
      throw new IndexOutOfBoundsException(
          "variable "
              + v.name()
              + ": slab of "
              + total
              + " values does not fit array of length "
              + length
              + " from offset "
              + off);
    }
  }
}
