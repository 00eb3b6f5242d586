package org.exodusj.internal.storage;

import java.nio.ByteBuffer;
import org.exodusj.internal.storage.Conversions.Target;

/**
 * Decoding of stored values (in the buffer's byte order) into Java arrays, for the conversions
 * {@link Conversions#readable} allows: a bulk copy where the type is the same, element by element
 * otherwise. The switch is outside the loops.
 */
public final class Decode {
  private Decode() {}

  /** The decoder of {@code target}'s type, into {@code dst} (an array of that type). */
  public static void to(
      Target target, ByteBuffer b, int i, DataType t, int n, Object dst, int off) {
    switch (target) {
      case DOUBLE -> toDoubles(b, i, t, n, (double[]) dst, off);
      case FLOAT -> toFloats(b, i, t, n, (float[]) dst, off);
      case LONG -> toLongs(b, i, t, n, (long[]) dst, off);
      case INT -> toInts(b, i, t, n, (int[]) dst, off);
      case SHORT -> toShorts(b, i, t, n, (short[]) dst, off);
      case BYTE -> toBytes(b, i, t, n, (byte[]) dst, off);
    }
  }

  public static void toDoubles(ByteBuffer b, int i, DataType t, int n, double[] dst, int off) {
    switch (t) {
      case DOUBLE -> b.slice(i, 8 * n).order(b.order()).asDoubleBuffer().get(dst, off, n);
      case FLOAT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getFloat(i + 4 * k);
      }
      case INT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getInt(i + 4 * k);
      }
      case UINT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Integer.toUnsignedLong(b.getInt(i + 4 * k));
      }
      case SHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getShort(i + 2 * k);
      }
      case USHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Short.toUnsignedInt(b.getShort(i + 2 * k));
      }
      case BYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.get(i + k);
      }
      case UBYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = Byte.toUnsignedInt(b.get(i + k));
      }
      default -> throw new AssertionError(t);
    }
  }

  public static void toFloats(ByteBuffer b, int i, DataType t, int n, float[] dst, int off) {
    switch (t) {
      case FLOAT -> b.slice(i, 4 * n).order(b.order()).asFloatBuffer().get(dst, off, n);
      case SHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getShort(i + 2 * k);
      }
      case USHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Short.toUnsignedInt(b.getShort(i + 2 * k));
      }
      case BYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.get(i + k);
      }
      case UBYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = Byte.toUnsignedInt(b.get(i + k));
      }
      default -> throw new AssertionError(t);
    }
  }

  public static void toLongs(ByteBuffer b, int i, DataType t, int n, long[] dst, int off) {
    switch (t) {
      case INT64 -> b.slice(i, 8 * n).order(b.order()).asLongBuffer().get(dst, off, n);
      case INT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getInt(i + 4 * k);
      }
      case UINT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Integer.toUnsignedLong(b.getInt(i + 4 * k));
      }
      case SHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getShort(i + 2 * k);
      }
      case USHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Short.toUnsignedInt(b.getShort(i + 2 * k));
      }
      case BYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.get(i + k);
      }
      case UBYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = Byte.toUnsignedInt(b.get(i + k));
      }
      default -> throw new AssertionError(t);
    }
  }

  public static void toInts(ByteBuffer b, int i, DataType t, int n, int[] dst, int off) {
    switch (t) {
      case INT -> b.slice(i, 4 * n).order(b.order()).asIntBuffer().get(dst, off, n);
      case SHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.getShort(i + 2 * k);
      }
      case USHORT -> {
        for (int k = 0; k < n; k++) dst[off + k] = Short.toUnsignedInt(b.getShort(i + 2 * k));
      }
      case BYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.get(i + k);
      }
      case UBYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = Byte.toUnsignedInt(b.get(i + k));
      }
      default -> throw new AssertionError(t);
    }
  }

  public static void toShorts(ByteBuffer b, int i, DataType t, int n, short[] dst, int off) {
    switch (t) {
      case SHORT -> b.slice(i, 2 * n).order(b.order()).asShortBuffer().get(dst, off, n);
      case BYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = b.get(i + k);
      }
      case UBYTE -> {
        for (int k = 0; k < n; k++) dst[off + k] = (short) Byte.toUnsignedInt(b.get(i + k));
      }
      default -> throw new AssertionError(t);
    }
  }

  public static void toBytes(ByteBuffer b, int i, DataType t, int n, byte[] dst, int off) {
    if (t != DataType.BYTE && t != DataType.CHAR) {
      throw new AssertionError(t);
    }
    b.get(i, dst, off, n);
  }
}
