package org.exodusj.internal.cdf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Dimension;

/** Encodes a classic-format header, the inverse of {@link CdfHeaderReader}. */
final class CdfHeaderWriter {
  private CdfHeaderWriter() {}

  /** The header bytes with {@code numRecs} in the numrecs field. */
  static byte[] encode(CdfHeader h, long numRecs) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      CdfFormat f = h.format();
      out.write(new byte[] {'C', 'D', 'F', (byte) f.version()});
      size(out, f, numRecs);
      List<Dimension> dims = h.dimensions();
      listHeader(out, f, CdfHeaderReader.NC_DIMENSION, dims.size());
      for (Dimension d : dims) {
        name(out, f, d.name());
        size(out, f, d.unlimited() ? 0 : d.length());
      }
      attributes(out, f, h.attributes());
      listHeader(out, f, CdfHeaderReader.NC_VARIABLE, h.variables().size());
      for (CdfVariable v : h.variables()) {
        name(out, f, v.name());
        int[] ids = v.dimensionIds();
        size(out, f, ids.length);
        for (int id : ids) {
          size(out, f, id);
        }
        attributes(out, f, v.attributes());
        out.writeInt(v.type().code());
        size(out, f, v.storedVsize());
        if (f.offsetBytes() == 4) {
          out.writeInt((int) v.begin());
        } else {
          out.writeLong(v.begin());
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }

  private static void attributes(DataOutputStream out, CdfFormat f, List<Attribute> atts)
      throws IOException {
    listHeader(out, f, CdfHeaderReader.NC_ATTRIBUTE, atts.size());
    for (Attribute a : atts) {
      name(out, f, a.name());
      out.writeInt(a.type().code());
      size(out, f, a.length());
      byte[] raw = a.storedBytes();
      out.write(raw);
      pad(out, raw.length);
    }
  }

  private static void listHeader(DataOutputStream out, CdfFormat f, int tag, int count)
      throws IOException {
    out.writeInt(count == 0 ? 0 : tag);
    size(out, f, count);
  }

  private static void name(DataOutputStream out, CdfFormat f, String name) throws IOException {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    size(out, f, b.length);
    out.write(b);
    pad(out, b.length);
  }

  private static void size(DataOutputStream out, CdfFormat f, long v) throws IOException {
    if (f.sizeBytes() == 8) {
      out.writeLong(v);
    } else {
      out.writeInt((int) v);
    }
  }

  private static void pad(DataOutputStream out, long n) throws IOException {
    for (long i = n; i % 4 != 0; i++) {
      out.write(0);
    }
  }
}
