package org.exodusj.internal.hdf5;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.StorageWriter.RealRounding;

/**
 * The typed encoding of {@link Nc4Writer}: Java values to the little-endian bytes of a variable's
 * type, every value checked to fit (a value that does not is an {@link IllegalArgumentException}
 * naming the variable, the value and its index in the slab).
 */
final class Nc4Encoding {
  private Nc4Encoding() {}

  private static final VarHandle DOUBLES =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** {@code reuse} when it holds {@code bytes}, else a new array. */
  static byte[] array(byte[] reuse, int bytes) {
    return reuse != null && reuse.length >= bytes ? reuse : new byte[bytes];
  }

  /**
   * The common writes (doubles into DOUBLE, ints into INT, longs into INT or INT64) as
   * little-endian bytes in one tight loop; null for every other pair (the general loop).
   */
  static byte[] directLE(
      String name, Target source, DataType t, Object src, int off, int n, byte[] reuse) {
    if (source == Target.DOUBLE && t == DataType.DOUBLE) {
      double[] a = (double[]) src;
      byte[] le = array(reuse, n * 8);
      for (int i = 0; i < n; i++) DOUBLES.set(le, i * 8, a[off + i]);
      return le;
    }
    if (source == Target.INT && t == DataType.INT) {
      int[] a = (int[]) src;
      byte[] le = array(reuse, n * 4);
      for (int i = 0; i < n; i++) INTS.set(le, i * 4, a[off + i]);
      return le;
    }
    if (source == Target.LONG && t == DataType.INT64) {
      long[] a = (long[]) src;
      byte[] le = array(reuse, n * 8);
      for (int i = 0; i < n; i++) LONGS.set(le, i * 8, a[off + i]);
      return le;
    }
    if (source == Target.LONG && t == DataType.INT) {
      long[] a = (long[]) src;
      byte[] le = array(reuse, n * 4);
      for (int i = 0; i < n; i++) {
        long value = a[off + i];
        if ((int) value != value) {
          throw new IllegalArgumentException(
              "variable "
                  + name
                  + ": value "
                  + value
                  + " at slab index "
                  + i
                  + " does not fit "
                  + t.cdlName());
        }
        INTS.set(le, i * 4, (int) value);
      }
      return le;
    }
    return null;
  }

  /** {@code n} doubles of {@code a} from {@code off} as little-endian bytes into {@code out}. */
  static void doublesLE(double[] a, int off, int n, byte[] out) {
    for (int i = 0; i < n; i++) DOUBLES.set(out, i * 8, a[off + i]);
  }

  /**
   * {@code n} doubles of {@code a} from {@code off} as HDF5's byte shuffle of their little-endian
   * bytes (byte k of value i at {@code out[k * n + i]}), in one pass: the encoding and the shuffle
   * filter at once, with no little-endian copy between. Eight values at a time, their bytes
   * transposed in registers and one long stored into each byte plane, as the shuffle filter does
   * from bytes.
   */
  static void shuffledDoublesLE(double[] a, int off, int n, byte[] out) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int p = off + i;
      long a0 = Double.doubleToRawLongBits(a[p]);
      long a1 = Double.doubleToRawLongBits(a[p + 1]);
      long a2 = Double.doubleToRawLongBits(a[p + 2]);
      long a3 = Double.doubleToRawLongBits(a[p + 3]);
      long a4 = Double.doubleToRawLongBits(a[p + 4]);
      long a5 = Double.doubleToRawLongBits(a[p + 5]);
      long a6 = Double.doubleToRawLongBits(a[p + 6]);
      long a7 = Double.doubleToRawLongBits(a[p + 7]);
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
      LONGS.set(out, i, a0);
      LONGS.set(out, n + i, a1);
      LONGS.set(out, 2 * n + i, a2);
      LONGS.set(out, 3 * n + i, a3);
      LONGS.set(out, 4 * n + i, a4);
      LONGS.set(out, 5 * n + i, a5);
      LONGS.set(out, 6 * n + i, a6);
      LONGS.set(out, 7 * n + i, a7);
    }
    for (; i < n; i++) {
      long v = Double.doubleToRawLongBits(a[off + i]);
      for (int k = 0; k < 8; k++) out[k * n + i] = (byte) (v >>> (8 * k));
    }
  }

  /**
   * Any pair of a Java type and a variable type the writer accepts, value by value: {@code n}
   * values of {@code src} from {@code off} as the little-endian bytes of type {@code t}.
   */
  static byte[] littleEndian(
      java.nio.file.Path path,
      String name,
      Target source,
      DataType t,
      Object src,
      int off,
      int n,
      RealRounding rounding) {
    int es = t.size();
    ByteBuffer b = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      int at = i * es;
      switch (source) {
        case DOUBLE -> {
          double d = ((double[]) src)[off + i];
          if (t == DataType.FLOAT) {
            if (rounding == RealRounding.EXACT_ONLY
                && (double) (float) d != d
                && !Double.isNaN(d)) {
              throw new IllegalArgumentException(
                  path
                      + ": variable "
                      + name
                      + " is stored as float; value "
                      + d
                      + " at slab index "
                      + i
                      + " is not exactly representable (round it, or allow rounding)");
            }
            b.putFloat(at, (float) d);
          } else {
            b.putDouble(at, d);
          }
        }
        case FLOAT -> {
          float f = ((float[]) src)[off + i];
          if (t == DataType.FLOAT) b.putFloat(at, f);
          else b.putDouble(at, f);
        }
        default -> {
          long value =
              switch (source) {
                case LONG -> ((long[]) src)[off + i];
                case INT -> ((int[]) src)[off + i];
                case SHORT -> ((short[]) src)[off + i];
                case BYTE -> ((byte[]) src)[off + i];
                default -> throw new AssertionError(source);
              };
          if (!t.isFloatingPoint() && !Conversions.fits(t, value)) {
            throw new IllegalArgumentException(
                "variable "
                    + name
                    + ": value "
                    + value
                    + " at slab index "
                    + i
                    + " does not fit "
                    + t.cdlName());
          }
          switch (t) {
            case BYTE, UBYTE, CHAR -> b.put(at, (byte) value);
            case SHORT, USHORT -> b.putShort(at, (short) value);
            case INT, UINT -> b.putInt(at, (int) value);
            case INT64, UINT64 -> b.putLong(at, value);
            case FLOAT -> b.putFloat(at, value);
            case DOUBLE -> b.putDouble(at, value);
            default -> throw new AssertionError(t);
          }
        }
      }
    }
    return b.array();
  }
}
