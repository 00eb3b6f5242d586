package org.exodusj.internal.storage;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.exodusj.internal.storage.Conversions.Target;

/**
 * The NIO-buffer reads of {@link Storage}, written once over two backend primitives (as Agrona's
 * {@code AbstractMutableDirectBuffer} and Lucene's {@code DataInput} do): a heap buffer goes to the
 * array read at its position, after {@link #slabSize} checked the slab against the values it has
 * left (its limit, not its backing array); a direct buffer goes to {@link #readDirect}, which
 * decodes through a small {@link Staged staging array} with the backend's own algorithm. Either way
 * the buffer's position advances by the number of values read, and only once the read succeeded.
 */
public abstract class AbstractStorage implements Storage {
  /** Values in the staging array of a direct-buffer read (512 bytes of doubles): O(1) memory. */
  protected static final int STAGING = 64;

  /**
   * The number of values in the slab, checked against the {@code remaining} values of a heap buffer
   * (the same checks and messages as the backend's direct path).
   */
  protected abstract int slabSize(Variable v, long[] start, long[] count, int remaining);

  /**
   * Reads the slab into a direct buffer through {@code dst}'s staging array and returns the number
   * of values read; the buffer's position is moved by the caller.
   */
  protected abstract int readDirect(Variable v, long[] start, long[] count, Staged dst)
      throws IOException;

  /**
   * A direct buffer being filled from its position through a staging array of {@link #STAGING}
   * values of the {@link #target} type ({@code double[]} for DOUBLE and so on).
   */
  protected static final class Staged {
    /** The Java type of the values. */
    public final Target target;

    /** The staging array, {@link #STAGING} values of the target type. */
    public final Object array;

    /** The values the buffer has left. */
    public final int remaining;

    private final int base;
    private final BulkPut bulk;
    private final OnePut one;

    private Staged(Target target, Object array, Buffer dst, BulkPut bulk, OnePut one) {
      this.target = target;
      this.array = array;
      this.remaining = dst.remaining();
      this.base = dst.position();
      this.bulk = bulk;
      this.one = one;
    }

    /** Puts staged values {@code [from, from + n)} at slab index {@code index} (a bulk put). */
    public void put(int index, int from, int n) {
      bulk.put(base + index, from, n);
    }

    /** Puts staged value {@code q} at slab index {@code index}. */
    public void put(int index, int q) {
      one.put(base + index, q);
    }
  }

  @FunctionalInterface
  private interface BulkPut {
    void put(int index, int from, int n);
  }

  @FunctionalInterface
  private interface OnePut {
    void put(int index, int q);
  }

  @FunctionalInterface
  private interface HeapRead {
    void read(int off) throws IOException;
  }

  @FunctionalInterface
  private interface Stage {
    Staged staged();
  }

  /** The one NIO path: the heap branch, the direct branch and the position bookkeeping. */
  private void read(Variable v, long[] start, long[] count, Buffer dst, HeapRead heap, Stage direct)
      throws IOException {
    int p = dst.position();
    if (dst.hasArray()) {
      int n = slabSize(v, start, count, dst.remaining());
      heap.read(dst.arrayOffset() + p);
      dst.position(p + n);
    } else {
      dst.position(p + readDirect(v, start, count, direct.staged()));
    }
  }

  @Override
  public final void read(Variable v, long[] start, long[] count, DoubleBuffer dst)
      throws IOException {
    read(
        v,
        start,
        count,
        dst,
        off -> read(v, start, count, dst.array(), off),
        () -> {
          double[] c = new double[STAGING];
          return new Staged(
              Target.DOUBLE,
              c,
              dst,
              (i, from, n) -> dst.put(i, c, from, n),
              (i, q) -> dst.put(i, c[q]));
        });
  }

  @Override
  public final void read(Variable v, long[] start, long[] count, FloatBuffer dst)
      throws IOException {
    read(
        v,
        start,
        count,
        dst,
        off -> read(v, start, count, dst.array(), off),
        () -> {
          float[] c = new float[STAGING];
          return new Staged(
              Target.FLOAT,
              c,
              dst,
              (i, from, n) -> dst.put(i, c, from, n),
              (i, q) -> dst.put(i, c[q]));
        });
  }

  @Override
  public final void read(Variable v, long[] start, long[] count, LongBuffer dst)
      throws IOException {
    read(
        v,
        start,
        count,
        dst,
        off -> read(v, start, count, dst.array(), off),
        () -> {
          long[] c = new long[STAGING];
          return new Staged(
              Target.LONG,
              c,
              dst,
              (i, from, n) -> dst.put(i, c, from, n),
              (i, q) -> dst.put(i, c[q]));
        });
  }

  @Override
  public final void read(Variable v, long[] start, long[] count, IntBuffer dst) throws IOException {
    read(
        v,
        start,
        count,
        dst,
        off -> read(v, start, count, dst.array(), off),
        () -> {
          int[] c = new int[STAGING];
          return new Staged(
              Target.INT,
              c,
              dst,
              (i, from, n) -> dst.put(i, c, from, n),
              (i, q) -> dst.put(i, c[q]));
        });
  }

  @Override
  public final void read(Variable v, long[] start, long[] count, ShortBuffer dst)
      throws IOException {
    read(
        v,
        start,
        count,
        dst,
        off -> read(v, start, count, dst.array(), off),
        () -> {
          short[] c = new short[STAGING];
          return new Staged(
              Target.SHORT,
              c,
              dst,
              (i, from, n) -> dst.put(i, c, from, n),
              (i, q) -> dst.put(i, c[q]));
        });
  }
}
