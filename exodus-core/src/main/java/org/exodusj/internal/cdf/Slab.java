package org.exodusj.internal.cdf;

import java.io.IOException;
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
    long[] shape = new long[v.dimensionIds().length];
    for (int d = 0; d < shape.length; d++) shape[d] = dimLength(v, d, numRecs);
    long total = SlabBounds.checkedTotal(v, shape, start, count);
    return new Slab(v, start.clone(), count.clone(), total, recordSize);
  }

  static long dimLength(CdfVariable v, int d, long numRecs) {
    return d == 0 && v.isRecord() ? numRecs : v.innerShape()[v.isRecord() ? d - 1 : d];
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
    Plan p = plan();
    if (p.outer == 0) {
      visitor.run(p.startPos, (int) p.runElements, 0);
      return;
    }
    long[] idx = new long[p.outer]; // odometer over dimensions 0..outer-1
    long index = 0;
    long pos = p.startPos;
    while (true) {
      visitor.run(pos, (int) p.runElements, index);
      index += p.runElements;
      int d = p.outer - 1;
      while (d >= 0) {
        idx[d]++;
        pos += p.stride[d];
        if (idx[d] < count[d]) {
          break;
        }
        pos -= idx[d] * p.stride[d];
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /**
   * The runs: dimensions {@code [0, outer)} are iterated, each run holds {@code runElements}
   * values, the first starting at {@code startPos}; {@code stride} is in bytes per dimension.
   */
  private record Plan(int outer, long runElements, long startPos, long[] stride) {}

  private Plan plan() {
    int rank = count.length;
    int es = variable.type().size();
    if (rank == 0) {
      return new Plan(0, 1, variable.begin(), new long[0]);
    }
    boolean rec = variable.isRecord();
    long[] shape = new long[rank];
    long[] stride = new long[rank];
    long block = es;
    for (int d = rank - 1; d >= 0; d--) {
      if (d == 0 && rec) {
        shape[d] = Long.MAX_VALUE;
        stride[d] = recordSize;
      } else {
        shape[d] = dimLength(variable, d, 0);
        stride[d] = block;
        block *= shape[d];
      }
    }
    // k: the outermost dimension of a run; every dimension after it is read whole.
    int k = rank - 1;
    while (k > 0 && start[k] == 0 && count[k] == shape[k]) {
      k--;
    }
    long runElements;
    int outer;
    if (rec && k == 0) {
      // Whole records of this variable; other variables' records lie between them.
      outer = 1;
      runElements = elementsFrom(1, count);
    } else {
      outer = k;
      runElements = elementsFrom(k, count);
    }
    if (runElements > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "variable " + variable.name() + ": run of " + runElements + " values is too long");
    }
    long startPos = variable.begin();
    for (int d = 0; d < rank; d++) {
      startPos += start[d] * stride[d];
    }
    // With exactly one outer iteration, the slab is a single run.
    if (outer > 0 && elementsFrom(0, count) == runElements) {
      outer = 0;
    }
    return new Plan(outer, runElements, startPos, stride);
  }

  /** One past the last byte the slab reads (its first byte when it reads nothing). */
  long endByte() {
    if (total == 0) {
      return variable.begin();
    }
    Plan p = plan();
    long end = p.startPos + p.runElements * variable.type().size();
    for (int d = 0; d < p.outer; d++) {
      end += (count[d] - 1) * p.stride[d];
    }
    return end;
  }

  /**
   * The single run of a contiguous slab as {position, elements}, or null when the slab spans
   * several runs.
   */
  long[] singleRun() {
    if (total == 0) {
      return new long[] {variable.begin(), 0};
    }
    Plan p = plan();
    return p.outer == 0 ? new long[] {p.startPos, p.runElements} : null;
  }

  /** Product of count[from..] (the run length when dims after {@code from} are whole). */
  private static long elementsFrom(int from, long[] count) {
    long n = 1;
    for (int d = from; d < count.length; d++) {
      n *= count[d];
    }
    return n;
  }
}
