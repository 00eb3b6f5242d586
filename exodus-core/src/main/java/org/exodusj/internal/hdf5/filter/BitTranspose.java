package org.exodusj.internal.hdf5.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bit transpose of bitshuffle (also blosc's bit-shuffle): a block of {@code n} values ({@code
 * n} a multiple of 8) of {@code size} bytes is stored as {@code 8 * size} rows of {@code n / 8}
 * bytes; row {@code 8 * j + b} holds bit {@code b} of byte {@code j} of every value, value {@code
 * i} at bit {@code i % 8} of the row's byte {@code i / 8}.
 */
final class BitTranspose {
  private BitTranspose() {}

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Undoes the transpose of {@code n} values from {@code in[ip..]} into {@code out[op..]}: 64
   * values at a time, each row read 8 bytes at once (an 8 x 8 byte transpose turns the 8 rows of
   * one byte into one long per 8 values, a bit transpose each into their byte), 8- and 4-byte
   * values written whole; the last values (fewer than 64) one group of 8 at a time.
   */
  static void untranspose(byte[] in, int ip, byte[] out, int op, int n, int size) {
    int rowBytes = n >>> 3;
    int wide = rowBytes & ~7; // row bytes done 8 at a time (64 values)
    if (wide > 0) {
      long[] x = words(8 * size); // x[8 * j + k]: byte j of values 8k .. 8k + 7 of the 64
      long[] r = new long[8];
      for (int g = 0; g < wide; g += 8) {
        for (int j = 0; j < size; j++) {
          int row0 = ip + 8 * j * rowBytes + g;
          for (int b = 0; b < 8; b++) {
            r[b] = (long) LONGS.get(in, row0 + b * rowBytes);
          }
          transposeBytes(r); // r[k]: byte b = row b's byte g + k
          for (int k = 0; k < 8; k++) {
            x[8 * j + k] = transpose8x8(r[k]); // byte e: byte j of value 8 (g + k) + e
          }
        }
        int o = op + 8 * g * size; // value 8g
        if (size == 8) {
          for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 8; j++) {
              r[j] = x[8 * j + k];
            }
            transposeBytes(r); // r[e]: the 8 bytes of value 8 (g + k) + e
            int ok = o + 64 * k;
            for (int e = 0; e < 8; e++) {
              LONGS.set(out, ok + 8 * e, r[e]);
            }
          }
        } else if (size == 4) {
          for (int k = 0; k < 8; k++) {
            long x0 = x[k];
            long x1 = x[8 + k];
            long x2 = x[16 + k];
            long x3 = x[24 + k];
            int ok = o + 32 * k;
            for (int e = 0; e < 8; e++) {
              int sh = 8 * e;
              int v =
                  (int) ((x0 >>> sh) & 0xFF)
                      | (int) ((x1 >>> sh) & 0xFF) << 8
                      | (int) ((x2 >>> sh) & 0xFF) << 16
                      | (int) ((x3 >>> sh) & 0xFF) << 24;
              INTS.set(out, ok + 4 * e, v);
            }
          }
        } else {
          for (int j = 0; j < size; j++) {
            for (int k = 0; k < 8; k++) {
              long v = x[8 * j + k];
              int ok = o + 8 * k * size + j;
              for (int e = 0; e < 8; e++) {
                out[ok + e * size] = (byte) (v >>> (8 * e));
              }
            }
          }
        }
      }
    }
    for (int j = 0; j < size; j++) {
      int row0 = ip + 8 * j * rowBytes;
      for (int g = wide; g < rowBytes; g++) {
        long v = 0;
        for (int b = 0; b < 8; b++) {
          v |= (in[row0 + b * rowBytes + g] & 0xFFL) << (8 * b);
        }
        v = transpose8x8(v);
        int o = op + 8 * g * size + j;
        for (int e = 0; e < 8; e++) {
          out[o + e * size] = (byte) (v >>> (8 * e));
        }
      }
    }
  }

  private static final ThreadLocal<long[]> WORDS = new ThreadLocal<>();

  /**
   * The calling thread's work array of at least {@code n} longs (kept: no allocation per block).
   */
  private static long[] words(int n) {
    long[] w = WORDS.get();
    if (w == null || w.length < n) {
      w = new long[n];
      WORDS.set(w);
    }
    return w;
  }

  /**
   * Transposes the 8 x 8 byte matrix {@code r} (long p, byte q) to (long q, byte p) in place, with
   * three stages of mask-and-swap (as the byte unshuffle does).
   */
  static void transposeBytes(long[] r) {
    long r0 = r[0];
    long r1 = r[1];
    long r2 = r[2];
    long r3 = r[3];
    long r4 = r[4];
    long r5 = r[5];
    long r6 = r[6];
    long r7 = r[7];
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
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    r[6] = r6;
    r[7] = r7;
  }

  /** Transposes {@code n} values (the inverse of {@link #untranspose}), for tests and encoders. */
  static void transpose(byte[] in, int ip, byte[] out, int op, int n, int size) {
    int rowBytes = n >>> 3;
    for (int j = 0; j < size; j++) {
      int row0 = op + 8 * j * rowBytes;
      for (int g = 0; g < rowBytes; g++) {
        long x = 0;
        int s = ip + 8 * g * size + j;
        for (int e = 0; e < 8; e++) {
          x |= (in[s + e * size] & 0xFFL) << (8 * e);
        }
        x = transpose8x8(x);
        for (int b = 0; b < 8; b++) {
          out[row0 + b * rowBytes + g] = (byte) (x >>> (8 * b));
        }
      }
    }
  }

  /** The 8 x 8 bit matrix {@code x} (byte r, bit c) transposed to (byte c, bit r). */
  static long transpose8x8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }
}
