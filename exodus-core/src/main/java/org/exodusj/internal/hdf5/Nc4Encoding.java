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
