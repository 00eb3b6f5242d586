package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The metadata byte builder against bytes assembled by hand ({@link DataOutputStream}, big-endian,
 * reversed into HDF5's little-endian order): every width, zero padding, and growth past the initial
 * capacity in the middle of a value.
 */
class H5OutTest {
  @Test
  void writesLittleEndianValuesPastItsInitialCapacity() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    H5Out o = new H5Out(16); // grows many times, at every width
    for (int i = 0; i < 300; i++) {
      long v = 0x0102030405060708L * (i + 1);
      o.u8(i).u16(i * 257).u32(v).u64(v).uN(v, 3).zeros(i % 7).ascii("TREE").bytes(new byte[i % 5]);
      d.writeByte(i);
      d.writeShort(Short.reverseBytes((short) (i * 257)));
      d.writeInt(Integer.reverseBytes((int) v));
      d.writeLong(Long.reverseBytes(v));
      d.writeByte((int) v);
      d.writeByte((int) (v >>> 8));
      d.writeByte((int) (v >>> 16));
      d.write(new byte[i % 7]);
      d.write("TREE".getBytes(StandardCharsets.US_ASCII));
      d.write(new byte[i % 5]);
    }
    byte[] expected = bytes.toByteArray();
    assertEquals(expected.length, o.size());
    assertArrayEquals(expected, o.toBytes());
    // the checksum is lookup3 of everything before it, appended little-endian
    o.checksum();
    d.writeInt(Integer.reverseBytes(JenkinsLookup3HashLittle.hash(expected)));
    assertArrayEquals(bytes.toByteArray(), o.toBytes());
  }

  @Test
  void zerosAfterAFullArrayAreZeros() {
    H5Out o = new H5Out(16);
    for (int i = 0; i < 16; i++) o.u8(0xFF);
    byte[] full = o.toBytes();
    o.zeros(5).u8(1);
    byte[] b = o.toBytes();
    assertEquals(22, b.length);
    for (int i = 0; i < 16; i++) assertEquals((byte) 0xFF, b[i]);
    for (int i = 16; i < 21; i++) assertEquals(0, b[i]);
    assertEquals(1, b[21]);
    assertEquals(16, full.length); // a copy handed out earlier is not changed by later writes
    for (byte x : full) assertEquals((byte) 0xFF, x);
  }
}
