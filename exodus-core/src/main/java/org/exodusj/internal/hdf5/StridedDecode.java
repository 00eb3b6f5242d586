package org.exodusj.internal.hdf5;

import java.nio.ByteBuffer;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Decode;

/**
 * Copies {@code n} values that are {@code srcStride} bytes apart in a chunk to positions {@code
 * dstStride} apart in the caller's array, converting as {@link Decode} does. Contiguous runs go to
 * {@link Decode}'s bulk paths; strided ones (a chunk holding one column of a wider array) loop here
 * with the type switch outside the loop.
 */
final class StridedDecode {
  private StridedDecode() {}

  /** The decoder of {@code target}'s type, into {@code dst} (an array of that type). */
  static void to(
      Target target,
      ByteBuffer b,
      int i,
      int srcStride,
      DataType t,
      int n,
      Object dst,
      int off,
      int dstStride) {
    switch (target) {
      case DOUBLE -> toDoubles(b, i, srcStride, t, n, (double[]) dst, off, dstStride);
      case FLOAT -> toFloats(b, i, srcStride, t, n, (float[]) dst, off, dstStride);
      case LONG -> toLongs(b, i, srcStride, t, n, (long[]) dst, off, dstStride);
      case INT -> toInts(b, i, srcStride, t, n, (int[]) dst, off, dstStride);
      case SHORT -> toShorts(b, i, srcStride, t, n, (short[]) dst, off, dstStride);
      case BYTE -> toBytes(b, i, srcStride, t, n, (byte[]) dst, off, dstStride);
    }
  }

  static void toDoubles(
      ByteBuffer b, int i, int srcStride, DataType t, int n, double[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toDoubles(b, i, t, n, dst, off);
      return;
    }
    switch (t) {
      case DOUBLE -> {
        for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getDouble(i + k * srcStride);
      }
      case FLOAT -> {
        for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getFloat(i + k * srcStride);
      }
      case INT -> {
        for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getInt(i + k * srcStride);
      }
      default -> {
        for (int k = 0; k < n; k++)
          Decode.toDoubles(b, i + k * srcStride, t, 1, dst, off + k * dstStride);
      }
    }
  }

  static void toFloats(
      ByteBuffer b, int i, int srcStride, DataType t, int n, float[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toFloats(b, i, t, n, dst, off);
      return;
    }
    for (int k = 0; k < n; k++)
      Decode.toFloats(b, i + k * srcStride, t, 1, dst, off + k * dstStride);
  }

  static void toLongs(
      ByteBuffer b, int i, int srcStride, DataType t, int n, long[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toLongs(b, i, t, n, dst, off);
      return;
    }
    switch (t) {
      case INT64 -> {
        for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getLong(i + k * srcStride);
      }
      case INT -> {
        for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getInt(i + k * srcStride);
      }
      default -> {
        for (int k = 0; k < n; k++)
          Decode.toLongs(b, i + k * srcStride, t, 1, dst, off + k * dstStride);
      }
    }
  }

  static void toInts(
      ByteBuffer b, int i, int srcStride, DataType t, int n, int[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toInts(b, i, t, n, dst, off);
      return;
    }
    if (t == DataType.INT) {
      for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.getInt(i + k * srcStride);
      return;
    }
    for (int k = 0; k < n; k++) Decode.toInts(b, i + k * srcStride, t, 1, dst, off + k * dstStride);
  }

  static void toShorts(
      ByteBuffer b, int i, int srcStride, DataType t, int n, short[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toShorts(b, i, t, n, dst, off);
      return;
    }
    for (int k = 0; k < n; k++)
      Decode.toShorts(b, i + k * srcStride, t, 1, dst, off + k * dstStride);
  }

  static void toBytes(
      ByteBuffer b, int i, int srcStride, DataType t, int n, byte[] dst, int off, int dstStride) {
    if (srcStride == t.size() && dstStride == 1) {
      Decode.toBytes(b, i, t, n, dst, off);
      return;
    }
    for (int k = 0; k < n; k++) dst[off + k * dstStride] = b.get(i + k * srcStride);
  }
}
