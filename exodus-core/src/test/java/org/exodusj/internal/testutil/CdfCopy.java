package org.exodusj.internal.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.cdf.CdfFormat;
import org.exodusj.internal.cdf.CdfSchema;
import org.exodusj.internal.cdf.CdfVariable;
import org.exodusj.internal.cdf.CdfWriter;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Dimension;

/** Copies a classic file through the reader and the writer: schema, then every variable. */
public final class CdfCopy {
  private CdfCopy() {}

  public static void copy(CdfFile in, Path out, CdfFormat format) throws IOException {
    CdfSchema s = new CdfSchema(format);
    for (Dimension d : in.dimensions()) {
      if (d.unlimited()) s.unlimitedDimension(d.name());
      else s.dimension(d.name(), d.length());
    }
    for (Attribute a : in.attributes()) s.attribute(a);
    for (CdfVariable v : in.variables()) {
      List<String> dims = new ArrayList<>();
      for (Dimension d : v.dimensions()) dims.add(d.name());
      s.variable(v.name(), v.type(), dims, v.attributes().toArray(new Attribute[0]));
    }
    // Fill off: every value is written anyway, and padding stays zero as in the oracle.
    try (CdfWriter w = CdfWriter.create(out, s, new CdfWriter.Options(false, false, 0))) {
      for (CdfVariable v : in.variables()) {
        long[] shape = in.shape(v);
        long n = 1;
        for (long x : shape) n *= x;
        ByteBuffer raw = ByteBuffer.allocate((int) (n * v.type().size()));
        in.readRaw(v, new long[shape.length], shape, raw);
        raw.flip();
        CdfVariable target = w.variable(v.name());
        switch (v.type()) {
          case DOUBLE -> {
            double[] a = new double[(int) n];
            raw.asDoubleBuffer().get(a);
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case FLOAT -> {
            float[] a = new float[(int) n];
            raw.asFloatBuffer().get(a);
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case INT, UINT -> {
            long[] a = new long[(int) n];
            for (int i = 0; i < n; i++) {
              a[i] =
                  v.type() == org.exodusj.internal.storage.DataType.UINT
                      ? Integer.toUnsignedLong(raw.getInt(4 * i))
                      : raw.getInt(4 * i);
            }
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case INT64, UINT64 -> {
            long[] a = new long[(int) n];
            raw.asLongBuffer().get(a);
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case SHORT, USHORT -> {
            long[] a = new long[(int) n];
            for (int i = 0; i < n; i++) {
              short x = raw.getShort(2 * i);
              a[i] =
                  v.type() == org.exodusj.internal.storage.DataType.USHORT
                      ? Short.toUnsignedInt(x)
                      : x;
            }
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case BYTE, CHAR -> {
            byte[] a = new byte[(int) n];
            raw.get(a);
            w.write(target, new long[shape.length], shape, a, 0);
          }
          case UBYTE -> {
            short[] a = new short[(int) n];
            for (int i = 0; i < n; i++) a[i] = (short) Byte.toUnsignedInt(raw.get(i));
            w.write(target, new long[shape.length], shape, a, 0);
          }
        }
      }
    }
  }
}
