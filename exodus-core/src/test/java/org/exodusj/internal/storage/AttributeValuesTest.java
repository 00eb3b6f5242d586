package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link Attribute#longValue} and {@link Attribute#doubleValue} of every type decode the stored
 * big-endian bytes; an index past the values is an IndexOutOfBoundsException; a real attribute has
 * no long value. Oracle: the bytes written by {@link DataOutputStream} (big-endian, as netCDF
 * stores them) from the values themselves.
 */
class AttributeValuesTest {
  private interface Writes {
    void to(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writes w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.to(out);
    }
    return b.toByteArray();
  }

  @Test
  void everyTypeDecodesItsBigEndianBytes() throws IOException {
    byte[] bs =
        bytes(
            o -> {
              o.writeByte(-5);
              o.writeByte(200);
            });
    assertEquals(-5, Attribute.adopt("b", DataType.BYTE, bs).longValue(0));
    assertEquals(200, Attribute.ofStoredBytes("u", DataType.UBYTE, bs).longValue(1));
    assertEquals(-56, Attribute.ofStoredBytes("b", DataType.BYTE, bs).longValue(1));
    assertEquals(-5.0, Attribute.ofStoredBytes("b", DataType.BYTE, bs).doubleValue(0));
    byte[] ss =
        bytes(
            o -> {
              o.writeShort(-300);
              o.writeShort(65000);
            });
    assertEquals(-300, Attribute.adopt("s", DataType.SHORT, ss).longValue(0));
    assertEquals(65000, Attribute.adopt("s", DataType.USHORT, ss).longValue(1));
    byte[] is =
        bytes(
            o -> {
              o.writeInt(-70000);
              o.writeInt(0xFFFFFFF0);
            });
    assertEquals(-70000, Attribute.adopt("i", DataType.INT, is).longValue(0));
    assertEquals(0xFFFFFFF0L, Attribute.adopt("i", DataType.UINT, is).longValue(1));
    assertEquals(-70000.0, Attribute.adopt("i", DataType.INT, is).doubleValue(0));
    byte[] ls =
        bytes(
            o -> {
              o.writeLong(-(1L << 40) - 3);
              o.writeLong(-1L);
            });
    assertEquals(-(1L << 40) - 3, Attribute.adopt("l", DataType.INT64, ls).longValue(0));
    assertEquals(-1L, Attribute.adopt("l", DataType.UINT64, ls).longValue(1));
    assertEquals(18446744073709551615.0, Attribute.adopt("l", DataType.UINT64, ls).doubleValue(1));
    byte[] fs =
        bytes(
            o -> {
              o.writeFloat(5.22f);
              o.writeFloat(-0.5f);
            });
    Attribute f = Attribute.adopt("f", DataType.FLOAT, fs);
    assertEquals((double) 5.22f, f.doubleValue(0));
    assertEquals(-0.5, f.doubleValue(1));
    byte[] ds = bytes(o -> o.writeDouble(1e-300));
    assertEquals(1e-300, Attribute.adopt("d", DataType.DOUBLE, ds).doubleValue(0));
    assertEquals(2, f.length());

    assertThrows(IndexOutOfBoundsException.class, () -> f.doubleValue(2));
    assertThrows(
        IndexOutOfBoundsException.class, () -> Attribute.adopt("i", DataType.INT, is).longValue(2));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> Attribute.adopt("b", DataType.BYTE, bs).longValue(-1));
    assertThrows(IllegalStateException.class, () -> f.longValue(0));
    assertThrows(
        IllegalArgumentException.class, () -> Attribute.adopt("x", DataType.INT, new byte[3]));
  }
}
