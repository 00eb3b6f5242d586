package org.exodusj.internal.hdf5.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * HDF5's byte shuffle filter (id 2; client data: the element size): byte k of every element goes to
 * block k, which makes floating-point data compress better. Lossless and size-preserving.
 */
public final class ShuffleFilter implements Filter {
  public static final int ID = 2;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "shuffle";
  }

  @Override
  public boolean canEncode() {
    return true;
  }

  @Override
  public int[] clientDataForWrite(int[] userParameters, int elementSize, long[] chunkShape) {
    return new int[] {elementSize};
  }

  /** The element size the filter works on: its client data, else the dataset's. */
  static int elementSize(int[] clientData, int elementSize) {
    return clientData.length > 0 && clientData[0] > 0 ? clientData[0] : elementSize;
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws java.io.IOException {
    int n = src.remaining();
    if (n > maxDecodedBytes) {
      throw new java.io.IOException(
          "shuffled chunk of " + n + " bytes, more than the chunk's " + maxDecodedBytes);
    }
    byte[] in = array(src);
    ByteBuffer out =
        scratch != null && scratch.capacity() >= n && scratch.hasArray()
            ? scratch
            : ByteBuffer.allocate(n);
    unshuffleInto(in, n, elementSize(clientData, elementSize), out.array());
    return out.clear().limit(n);
  }

  @Override
  public ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch) {
    int len = src.remaining();
    byte[] in = array(src);
    ByteBuffer out =
        scratch != null && scratch.capacity() >= len && scratch.hasArray()
            ? scratch
            : ByteBuffer.allocate(len);
    int es = elementSize(clientData, elementSize);
    byte[] o = out.array();
    if (es <= 1) {
      System.arraycopy(in, 0, o, 0, len);
    } else {
      int n = len / es;
      shuffle(in, o, n, es);
      System.arraycopy(in, n * es, o, n * es, len - n * es);
    }
    return out.clear().limit(len);
  }

  /** The bytes of {@code b} from its position as an array starting at 0 (copied if need be). */
  private static byte[] array(ByteBuffer b) {
    if (b.hasArray() && b.arrayOffset() + b.position() == 0) {
      return b.array();
    }
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  /** Undoes the shuffle of {@code in[0, length)} into {@code out}; returns {@code out}. */
  public static byte[] unshuffleInto(byte[] in, int length, int elementSize, byte[] out) {
    if (length == in.length) {
      return unshuffleInto(in, elementSize, out);
    }
    return unshuffleInto(java.util.Arrays.copyOf(in, length), elementSize, out);
  }

  /**
   * HDF5's shuffle: byte k of every element into block k; elements read in order. Eight elements of
   * 8 (or four of 4) bytes at a time: their bytes transposed in registers, then one long (int)
   * stored into each block, not one byte at a time.
   */
  public static void shuffle(byte[] data, byte[] s, int n, int es) {
    if (es == 8) {
      int i = 0;
      for (; i + 8 <= n; i += 8) {
        int p = i * 8;
        long a0 = (long) LONGS.get(data, p);
        long a1 = (long) LONGS.get(data, p + 8);
        long a2 = (long) LONGS.get(data, p + 16);
        long a3 = (long) LONGS.get(data, p + 24);
        long a4 = (long) LONGS.get(data, p + 32);
        long a5 = (long) LONGS.get(data, p + 40);
        long a6 = (long) LONGS.get(data, p + 48);
        long a7 = (long) LONGS.get(data, p + 56);
        long t;
        // 8x8 byte transpose: swap the off-diagonal 4x4 blocks, then 2x2 blocks, then bytes.
        t = ((a0 >>> 32) ^ a4) & 0xFFFFFFFFL;
        a0 ^= t << 32;
        a4 ^= t;
        t = ((a1 >>> 32) ^ a5) & 0xFFFFFFFFL;
        a1 ^= t << 32;
        a5 ^= t;
        t = ((a2 >>> 32) ^ a6) & 0xFFFFFFFFL;
        a2 ^= t << 32;
        a6 ^= t;
        t = ((a3 >>> 32) ^ a7) & 0xFFFFFFFFL;
        a3 ^= t << 32;
        a7 ^= t;
        t = ((a0 >>> 16) ^ a2) & 0x0000FFFF0000FFFFL;
        a0 ^= t << 16;
        a2 ^= t;
        t = ((a1 >>> 16) ^ a3) & 0x0000FFFF0000FFFFL;
        a1 ^= t << 16;
        a3 ^= t;
        t = ((a4 >>> 16) ^ a6) & 0x0000FFFF0000FFFFL;
        a4 ^= t << 16;
        a6 ^= t;
        t = ((a5 >>> 16) ^ a7) & 0x0000FFFF0000FFFFL;
        a5 ^= t << 16;
        a7 ^= t;
        t = ((a0 >>> 8) ^ a1) & 0x00FF00FF00FF00FFL;
        a0 ^= t << 8;
        a1 ^= t;
        t = ((a2 >>> 8) ^ a3) & 0x00FF00FF00FF00FFL;
        a2 ^= t << 8;
        a3 ^= t;
        t = ((a4 >>> 8) ^ a5) & 0x00FF00FF00FF00FFL;
        a4 ^= t << 8;
        a5 ^= t;
        t = ((a6 >>> 8) ^ a7) & 0x00FF00FF00FF00FFL;
        a6 ^= t << 8;
        a7 ^= t;
        LONGS.set(s, i, a0);
        LONGS.set(s, n + i, a1);
        LONGS.set(s, 2 * n + i, a2);
        LONGS.set(s, 3 * n + i, a3);
        LONGS.set(s, 4 * n + i, a4);
        LONGS.set(s, 5 * n + i, a5);
        LONGS.set(s, 6 * n + i, a6);
        LONGS.set(s, 7 * n + i, a7);
      }
      for (; i < n; i++) {
        long v = (long) LONGS.get(data, i * 8);
        for (int k = 0; k < 8; k++) s[k * n + i] = (byte) (v >>> (8 * k));
      }
    } else if (es == 4) {
      int i = 0;
      for (; i + 4 <= n; i += 4) {
        int p = i * 4;
        int a0 = (int) INTS.get(data, p);
        int a1 = (int) INTS.get(data, p + 4);
        int a2 = (int) INTS.get(data, p + 8);
        int a3 = (int) INTS.get(data, p + 12);
        int t;
        t = ((a0 >>> 16) ^ a2) & 0xFFFF;
        a0 ^= t << 16;
        a2 ^= t;
        t = ((a1 >>> 16) ^ a3) & 0xFFFF;
        a1 ^= t << 16;
        a3 ^= t;
        t = ((a0 >>> 8) ^ a1) & 0x00FF00FF;
        a0 ^= t << 8;
        a1 ^= t;
        t = ((a2 >>> 8) ^ a3) & 0x00FF00FF;
        a2 ^= t << 8;
        a3 ^= t;
        INTS.set(s, i, a0);
        INTS.set(s, n + i, a1);
        INTS.set(s, 2 * n + i, a2);
        INTS.set(s, 3 * n + i, a3);
      }
      for (; i < n; i++) {
        int v = (int) INTS.get(data, i * 4);
        for (int k = 0; k < 4; k++) s[k * n + i] = (byte) (v >>> (8 * k));
      }
    } else {
      for (int k = 0; k < es; k++) {
        int o = k * n;
        for (int i = 0, j = k; i < n; i++, j += es) s[o + i] = data[j];
      }
    }
  }

  /**
   * Undoes HDF5's byte shuffle: byte b of element i was stored at b * n + i. Element sizes 8 and 4
   * gather each element from its byte planes and store it in one write.
   */
  public static byte[] unshuffle(byte[] in, int elementSize) {
    if (elementSize <= 1) {
      return in;
    }
    return unshuffleInto(in, elementSize, new byte[in.length]);
  }

  /** Undoes the shuffle filter into {@code out}, as long as {@code in}; returns {@code out}. */
  public static byte[] unshuffleInto(byte[] in, int elementSize, byte[] out) {
    if (elementSize <= 1) {
      System.arraycopy(in, 0, out, 0, in.length);
      return out;
    }
    unshuffle(in, 0, in.length, elementSize, out, 0);
    return out;
  }

  /**
   * Undoes the byte shuffle of {@code length} bytes at {@code in[ip]} into {@code out[op]}: the
   * whole elements transposed back from their byte planes, the bytes past the last whole element
   * copied as they are (HDF5's shuffle and blosc's, which shuffles each block this way).
   */
  public static void unshuffle(byte[] in, int ip, int length, int elementSize, byte[] out, int op) {
    if (elementSize <= 1) {
      System.arraycopy(in, ip, out, op, length);
      return;
    }
    int n = length / elementSize;
    if (elementSize == 8) {
      int i = 0;
      // Eight values at a time: load 8 bytes of each byte plane, transpose the 8x8 byte matrix
      // with three mask-and-swap stages, store 8 whole values.
      for (; i + 8 <= n; i += 8) {
        long r0 = (long) LONGS.get(in, ip + i);
        long r1 = (long) LONGS.get(in, ip + n + i);
        long r2 = (long) LONGS.get(in, ip + 2 * n + i);
        long r3 = (long) LONGS.get(in, ip + 3 * n + i);
        long r4 = (long) LONGS.get(in, ip + 4 * n + i);
        long r5 = (long) LONGS.get(in, ip + 5 * n + i);
        long r6 = (long) LONGS.get(in, ip + 6 * n + i);
        long r7 = (long) LONGS.get(in, ip + 7 * n + i);
        long t;
        t = ((r0 >>> 32) ^ r4) & 0xFFFFFFFFL;
        r0 ^= t << 32;
        r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & 0xFFFFFFFFL;
        r1 ^= t << 32;
        r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & 0xFFFFFFFFL;
        r2 ^= t << 32;
        r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & 0xFFFFFFFFL;
        r3 ^= t << 32;
        r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & 0x0000FFFF0000FFFFL;
        r0 ^= t << 16;
        r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & 0x0000FFFF0000FFFFL;
        r1 ^= t << 16;
        r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & 0x0000FFFF0000FFFFL;
        r4 ^= t << 16;
        r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & 0x0000FFFF0000FFFFL;
        r5 ^= t << 16;
        r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & 0x00FF00FF00FF00FFL;
        r0 ^= t << 8;
        r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & 0x00FF00FF00FF00FFL;
        r2 ^= t << 8;
        r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & 0x00FF00FF00FF00FFL;
        r4 ^= t << 8;
        r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & 0x00FF00FF00FF00FFL;
        r6 ^= t << 8;
        r7 ^= t;
        int o = 8 * i;
        LONGS.set(out, op + o, r0);
        LONGS.set(out, op + o + 8, r1);
        LONGS.set(out, op + o + 16, r2);
        LONGS.set(out, op + o + 24, r3);
        LONGS.set(out, op + o + 32, r4);
        LONGS.set(out, op + o + 40, r5);
        LONGS.set(out, op + o + 48, r6);
        LONGS.set(out, op + o + 56, r7);
      }
      for (; i < n; i++) {
        long v =
            (in[ip + i] & 0xFFL)
                | (in[ip + n + i] & 0xFFL) << 8
                | (in[ip + 2 * n + i] & 0xFFL) << 16
                | (in[ip + 3 * n + i] & 0xFFL) << 24
                | (in[ip + 4 * n + i] & 0xFFL) << 32
                | (in[ip + 5 * n + i] & 0xFFL) << 40
                | (in[ip + 6 * n + i] & 0xFFL) << 48
                | (in[ip + 7 * n + i] & 0xFFL) << 56;
        LONGS.set(out, op + 8 * i, v);
      }
    } else if (elementSize == 4) {
      int i = 0;
      // Eight values at a time: 8 bytes of each of the 4 byte planes, a 4 x 8 byte transpose in
      // three mask-and-swap stages (bytes, 16-bit pairs, 32-bit halves), 4 longs of 2 values
      // stored.
      for (; i + 8 <= n; i += 8) {
        long r0 = (long) LONGS.get(in, ip + i);
        long r1 = (long) LONGS.get(in, ip + n + i);
        long r2 = (long) LONGS.get(in, ip + 2 * n + i);
        long r3 = (long) LONGS.get(in, ip + 3 * n + i);
        long t;
        // r0: p0,p1 of values 0,2,4,6; r1: of values 1,3,5,7 (r2, r3 the same of p2, p3)
        t = ((r0 >>> 8) ^ r1) & 0x00FF00FF00FF00FFL;
        r0 ^= t << 8;
        r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & 0x00FF00FF00FF00FFL;
        r2 ^= t << 8;
        r3 ^= t;
        // r0: values 0 and 4 whole; r1: 1 and 5; r2: 2 and 6; r3: 3 and 7
        t = ((r0 >>> 16) ^ r2) & 0x0000FFFF0000FFFFL;
        r0 ^= t << 16;
        r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & 0x0000FFFF0000FFFFL;
        r1 ^= t << 16;
        r3 ^= t;
        // r0: values 0, 1; r1: 4, 5; r2: 2, 3; r3: 6, 7
        t = ((r0 >>> 32) ^ r1) & 0xFFFFFFFFL;
        r0 ^= t << 32;
        r1 ^= t;
        t = ((r2 >>> 32) ^ r3) & 0xFFFFFFFFL;
        r2 ^= t << 32;
        r3 ^= t;
        int o = op + 4 * i;
        LONGS.set(out, o, r0);
        LONGS.set(out, o + 8, r2);
        LONGS.set(out, o + 16, r1);
        LONGS.set(out, o + 24, r3);
      }
      for (; i < n; i++) {
        int v =
            (in[ip + i] & 0xFF)
                | (in[ip + n + i] & 0xFF) << 8
                | (in[ip + 2 * n + i] & 0xFF) << 16
                | (in[ip + 3 * n + i] & 0xFF) << 24;
        INTS.set(out, op + 4 * i, v);
      }
    } else {
      for (int b = 0; b < elementSize; b++) {
        int src = b * n;
        for (int i = 0; i < n; i++) {
          out[op + i * elementSize + b] = in[ip + src + i];
        }
      }
    }
    int tail = n * elementSize;
    System.arraycopy(in, ip + tail, out, op + tail, length - tail);
  }

  /**
   * Undoes the byte shuffle of {@code n} 8-byte values whose 8 byte planes lie in two arrays: plane
   * k at {@code in[where[k]]} where {@code where[k] >= 0}, else at {@code tmp[-1 - where[k]]} (a
   * blosc block whose splits are partly stored as they are and partly decoded); the values go to
   * {@code out[op]}.
   */
  static void unshufflePlanes(byte[] in, byte[] tmp, int[] where, int n, byte[] out, int op) {
    byte[] s0 = where[0] >= 0 ? in : tmp;
    byte[] s1 = where[1] >= 0 ? in : tmp;
    byte[] s2 = where[2] >= 0 ? in : tmp;
    byte[] s3 = where[3] >= 0 ? in : tmp;
    byte[] s4 = where[4] >= 0 ? in : tmp;
    byte[] s5 = where[5] >= 0 ? in : tmp;
    byte[] s6 = where[6] >= 0 ? in : tmp;
    byte[] s7 = where[7] >= 0 ? in : tmp;
    int p0 = where[0] >= 0 ? where[0] : -1 - where[0];
    int p1 = where[1] >= 0 ? where[1] : -1 - where[1];
    int p2 = where[2] >= 0 ? where[2] : -1 - where[2];
    int p3 = where[3] >= 0 ? where[3] : -1 - where[3];
    int p4 = where[4] >= 0 ? where[4] : -1 - where[4];
    int p5 = where[5] >= 0 ? where[5] : -1 - where[5];
    int p6 = where[6] >= 0 ? where[6] : -1 - where[6];
    int p7 = where[7] >= 0 ? where[7] : -1 - where[7];
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long r0 = (long) LONGS.get(s0, p0 + i);
      long r1 = (long) LONGS.get(s1, p1 + i);
      long r2 = (long) LONGS.get(s2, p2 + i);
      long r3 = (long) LONGS.get(s3, p3 + i);
      long r4 = (long) LONGS.get(s4, p4 + i);
      long r5 = (long) LONGS.get(s5, p5 + i);
      long r6 = (long) LONGS.get(s6, p6 + i);
      long r7 = (long) LONGS.get(s7, p7 + i);
      long t;
      t = ((r0 >>> 32) ^ r4) & 0xFFFFFFFFL;
      r0 ^= t << 32;
      r4 ^= t;
      t = ((r1 >>> 32) ^ r5) & 0xFFFFFFFFL;
      r1 ^= t << 32;
      r5 ^= t;
      t = ((r2 >>> 32) ^ r6) & 0xFFFFFFFFL;
      r2 ^= t << 32;
      r6 ^= t;
      t = ((r3 >>> 32) ^ r7) & 0xFFFFFFFFL;
      r3 ^= t << 32;
      r7 ^= t;
      t = ((r0 >>> 16) ^ r2) & 0x0000FFFF0000FFFFL;
      r0 ^= t << 16;
      r2 ^= t;
      t = ((r1 >>> 16) ^ r3) & 0x0000FFFF0000FFFFL;
      r1 ^= t << 16;
      r3 ^= t;
      t = ((r4 >>> 16) ^ r6) & 0x0000FFFF0000FFFFL;
      r4 ^= t << 16;
      r6 ^= t;
      t = ((r5 >>> 16) ^ r7) & 0x0000FFFF0000FFFFL;
      r5 ^= t << 16;
      r7 ^= t;
      t = ((r0 >>> 8) ^ r1) & 0x00FF00FF00FF00FFL;
      r0 ^= t << 8;
      r1 ^= t;
      t = ((r2 >>> 8) ^ r3) & 0x00FF00FF00FF00FFL;
      r2 ^= t << 8;
      r3 ^= t;
      t = ((r4 >>> 8) ^ r5) & 0x00FF00FF00FF00FFL;
      r4 ^= t << 8;
      r5 ^= t;
      t = ((r6 >>> 8) ^ r7) & 0x00FF00FF00FF00FFL;
      r6 ^= t << 8;
      r7 ^= t;
      int o = 8 * i;
      LONGS.set(out, op + o, r0);
      LONGS.set(out, op + o + 8, r1);
      LONGS.set(out, op + o + 16, r2);
      LONGS.set(out, op + o + 24, r3);
      LONGS.set(out, op + o + 32, r4);
      LONGS.set(out, op + o + 40, r5);
      LONGS.set(out, op + o + 48, r6);
      LONGS.set(out, op + o + 56, r7);
    }
    for (; i < n; i++) {
      long v =
          (s0[p0 + i] & 0xFFL)
              | (s1[p1 + i] & 0xFFL) << 8
              | (s2[p2 + i] & 0xFFL) << 16
              | (s3[p3 + i] & 0xFFL) << 24
              | (s4[p4 + i] & 0xFFL) << 32
              | (s5[p5 + i] & 0xFFL) << 40
              | (s6[p6 + i] & 0xFFL) << 48
              | (s7[p7 + i] & 0xFFL) << 56;
      LONGS.set(out, op + 8 * i, v);
    }
  }
}
