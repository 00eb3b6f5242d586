package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Filter pipelines in the orders netCDF-C writes and with HDF5's per-chunk filter mask, decoded for
 * a patch: the stored bytes are assembled here by hand (java.util.zip, HDF5's shuffle and
 * Fletcher-32 layouts), not by the code under test.
 */
class Nc4AdoptionFiltersTest {
  private static byte[] data() {
    ByteBuffer b = ByteBuffer.allocate(8 * 100).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 100; i++) b.putDouble(i * 0.5 - 7);
    return b.array();
  }

  private static byte[] deflate(byte[] in, int level) {
    Deflater d = new Deflater(level);
    d.setInput(in);
    d.finish();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) o.write(buf, 0, d.deflate(buf));
    d.end();
    return o.toByteArray();
  }

  private static byte[] shuffle(byte[] in, int es) {
    int n = in.length / es;
    byte[] s = new byte[in.length];
    for (int i = 0; i < n; i++) for (int k = 0; k < es; k++) s[k * n + i] = in[i * es + k];
    return s;
  }

  private static byte[] fletcher(byte[] in) {
    // HDF5's Fletcher-32 over 16-bit big-endian words (odd last byte padded), appended LE
    long s1 = 0;
    long s2 = 0;
    for (int i = 0; i < in.length; i += 2) {
      int w = (in[i] & 0xFF) << 8 | (i + 1 < in.length ? in[i + 1] & 0xFF : 0);
      s1 = (s1 + w) % 65535;
      s2 = (s2 + s1) % 65535;
    }
    byte[] out = Arrays.copyOf(in, in.length + 4);
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(in.length, (int) (s2 << 16 | s1));
    return out;
  }

  @Test
  void fletcherBeforeDeflateAsNccopyWritesIt() throws IOException {
    byte[] d = data();
    byte[] stored = deflate(fletcher(d), 2); // pipeline [3, 1]
    int[] ids = {Nc4Adoption.FLETCHER32, Nc4Adoption.DEFLATE};
    assertArrayEquals(d, Nc4Adoption.decode(ids, 0, 8, stored, d.length, "x"));
    assertArrayEquals(stored, Nc4Adoption.encode(ids, 2, 8, d));
  }

  @Test
  void fletcherShuffleDeflate() throws IOException {
    byte[] d = data();
    int[] ids = {Nc4Adoption.FLETCHER32, Nc4Adoption.SHUFFLE, Nc4Adoption.DEFLATE};
    // the 4 checksum bytes are not a whole element: HDF5 leaves them in place after the shuffle
    byte[] f = fletcher(d);
    byte[] sh = shuffle(Arrays.copyOf(f, d.length), 8);
    byte[] withTail = Arrays.copyOf(sh, f.length);
    System.arraycopy(f, d.length, withTail, d.length, 4);
    byte[] stored = deflate(withTail, 1);
    assertArrayEquals(d, Nc4Adoption.decode(ids, 0, 8, stored, d.length, "x"));
    assertArrayEquals(stored, Nc4Adoption.encode(ids, 1, 8, d));
  }

  @Test
  void aFilterTheMaskMarksSkippedIsNotUndone() throws IOException {
    byte[] d = data();
    byte[] stored = deflate(d, 4); // shuffle (filter 0) skipped for this chunk: mask bit 0
    int[] ids = {Nc4Adoption.SHUFFLE, Nc4Adoption.DEFLATE};
    assertArrayEquals(d, Nc4Adoption.decode(ids, 1, 8, stored, d.length, "x"));
    // and a chunk stored without any filter (mask 0b11)
    assertArrayEquals(d, Nc4Adoption.decode(ids, 3, 8, d, d.length, "x"));
  }

  @Test
  void aDamagedChunkIsRefusedNamingIt() {
    byte[] d = data();
    byte[] stored = deflate(fletcher(d), 2);
    int[] ids = {Nc4Adoption.FLETCHER32, Nc4Adoption.DEFLATE};
    byte[] f = fletcher(d);
    f[10] ^= 1; // a flipped bit under a stale checksum
    byte[] flipped = deflate(f, 2);
    IOException e =
        assertThrows(
            IOException.class,
            () -> Nc4Adoption.decode(ids, 0, 8, flipped, d.length, "f.e: variable v chunk [3]"));
    assertTrue(e.getMessage().startsWith("f.e: variable v chunk [3]: "), e.getMessage());
    assertTrue(e.getMessage().contains("Fletcher-32"), e.getMessage());
    byte[] cut = Arrays.copyOf(stored, stored.length / 2);
    IOException t =
        assertThrows(IOException.class, () -> Nc4Adoption.decode(ids, 0, 8, cut, d.length, "c"));
    assertTrue(t.getMessage().startsWith("c: "), t.getMessage());
  }
}
