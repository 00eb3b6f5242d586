package org.exodusj.internal.cdf;

import java.io.IOException;
import org.exodusj.internal.storage.GridWalk;
import org.exodusj.internal.storage.SlabBounds;

/**
 * A checked hyperslab of one variable, cut into the contiguous runs it occupies on disk. Trailing
 * dimensions read whole merge into one run; a record variable's runs never cross a record, since
 * the records of different variables interleave.
 */
final class Slab {
  /** Receives one contiguous run: {@code elements} values starting at byte {@code position}. */
  @FunctionalInterface
  interface RunVisitor {
    /**
     * @param position file offset of the run
     * @param elements number of values in the run
     * @param index position of the run's first value in the slab's row-major order
     */
    void run(long position, int elements, long index) throws IOException;
  }

  final CdfVariable variable;
  final long[] start;
  final long[] count;
  final long total;
  private final long recordSize;

  private Slab(CdfVariable v, long[] start, long[] count, long total, long recordSize) {
    this.variable = v;
    this.start = start;
    this.count = count;
    this.total = total;
    this.recordSize = recordSize;
  }

  /**
   * Checks {@code start} and {@code count} against the variable's current shape; every number is in
   * the message of the IllegalArgumentException or IndexOutOfBoundsException thrown.
   */
  static Slab of(CdfVariable v, long[] start, long[] count, long numRecs, long recordSize) {
    long[] shape = new long[v.rank()];
    for (int d = 0; d < shape.length; d++) shape[d] = dimLength(v, d, numRecs);
    long total = SlabBounds.checkedTotal(v, shape, start, count);
    return new Slab(v, start.clone(), count.clone(), total, recordSize);
  }

  static long dimLength(CdfVariable v, int d, long numRecs) {
    return d == 0 && v.isRecord() ? numRecs : v.innerLength(v.isRecord() ? d - 1 : d);
  }

  /** Checks that {@code total} values fit an array of {@code length} from {@code off}. */
  void checkDestination(int length, int off) {
    SlabBounds.checkFits(variable, total, length, off);
  }

  /** Calls {@code visitor} for each contiguous run, in row-major order. */
  void forEachRun(RunVisitor visitor) throws IOException {
    if (total == 0) {
      return;
    }
    int rank = count.length;
    long begin = variable.begin();
    checkRun();
    new GridWalk(rank)
        .runs(
            start,
            count,
            null,
            shape(),
            strides(),
            start,
            count,
            GridWalk.rowMajor(count, 1, null),
            mergeFrom(),
            false,
            (a, b, n, as, bs) -> visitor.run(begin + a, n, b));
  }

  /** The variable's shape; a record variable's records are unbounded here. */
  private long[] shape() {
    long[] shape = new long[count.length];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = d == 0 && variable.isRecord() ? Long.MAX_VALUE : dimLength(variable, d, 0);
    }
    return shape;
  }

  /** Bytes per step of each dimension: a record variable's first is the record size. */
  private long[] strides() {
    long[] stride = GridWalk.rowMajor(shape(), variable.type().size(), null);
    if (variable.isRecord() && stride.length > 0) {
      stride[0] = recordSize;
    }
    return stride;
  }

  /** A record variable's runs never cross a record: other variables' records lie between them. */
  private int mergeFrom() {
    return variable.isRecord() ? 1 : 0;
  }

  /** The first dimension of a run, see {@link GridWalk#runStart}. */
  private int runStart() {
    return GridWalk.runStart(count, shape(), count, mergeFrom());
  }

  private void checkRun() {
    long runElements = GridWalk.runLength(count, runStart());
    if (runElements > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "variable " + variable.name() + ": run of " + runElements + " values is too long");
    }
  }

  /** Byte offset of the slab's value at {@code at} (per dimension) from the variable's begin. */
  private long offset(long[] at, long[] stride) {
    long p = 0;
    for (int d = 0; d < at.length; d++) {
      p += at[d] * stride[d];
    }
    return p;
  }

  /** One past the last byte the slab reads (its first byte when it reads nothing). */
  long endByte() {
    if (total == 0) {
      return variable.begin();
    }
    long[] last = new long[count.length];
    for (int d = 0; d < last.length; d++) {
      last[d] = start[d] + count[d] - 1;
    }
    return variable.begin() + offset(last, strides()) + variable.type().size();
  }

  /**
   * The single run of a contiguous slab as {position, elements}, or null when the slab spans
   * several runs.
   */
  long[] singleRun() {
    if (total == 0) {
      return new long[] {variable.begin(), 0};
    }
    checkRun();
    int k = runStart();
    for (int d = 0; d < k; d++) {
      if (count[d] != 1) {
        return null;
      }
    }
    return new long[] {variable.begin() + offset(start, strides()), GridWalk.runLength(count, k)};
  }
}
