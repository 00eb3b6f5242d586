package org.exodusj.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-source contract, written once and run against every source by its subclasses. The oracle
 * is {@link ByteBuffer}'s own big-endian decoding of the same bytes.
 */
abstract class ByteSourceContract {
  @TempDir Path dir;
  byte[] bytes;
  Path file;

  abstract ByteSource open(Path file, byte[] bytes) throws IOException;

  /** True when the source sees bytes appended to the file after a refresh. */
  abstract boolean followsFile();

  @BeforeEach
  void data() throws IOException {
    bytes = new byte[10_007];
    new Random(42).nextBytes(bytes);
    file = dir.resolve("bytes.bin");
    Files.write(file, bytes);
  }

  @Test
  void typedReadsMatchByteBufferAtEveryAlignment() throws IOException {
    ByteBuffer ref = ByteBuffer.wrap(bytes);
    Random r = new Random(7);
    try (ByteSource s = open(file, bytes)) {
      assertEquals(bytes.length, s.size());
      for (int trial = 0; trial < 2000; trial++) {
        int n = r.nextInt(300);
        int pos = r.nextInt(bytes.length - 8 * n - 1 + 1);
        double[] d = new double[n + 2];
        s.getDoubles(pos, d, 1, n);
        for (int k = 0; k < n; k++) {
          assertEquals(
              Double.doubleToRawLongBits(ref.getDouble(pos + 8 * k)),
              Double.doubleToRawLongBits(d[1 + k]));
        }
        float[] f = new float[n];
        s.getFloats(pos, f, 0, n);
        for (int k = 0; k < n; k++) {
          assertEquals(
              Float.floatToRawIntBits(ref.getFloat(pos + 4 * k)), Float.floatToRawIntBits(f[k]));
        }
        long[] l = new long[n];
        s.getLongs(pos, l, 0, n);
        for (int k = 0; k < n; k++) assertEquals(ref.getLong(pos + 8 * k), l[k]);
        int[] i = new int[n];
        s.getInts(pos, i, 0, n);
        for (int k = 0; k < n; k++) assertEquals(ref.getInt(pos + 4 * k), i[k]);
        short[] sh = new short[n];
        s.getShorts(pos, sh, 0, n);
        for (int k = 0; k < n; k++) assertEquals(ref.getShort(pos + 2 * k), sh[k]);
        byte[] b = new byte[n];
        s.getBytes(pos, b, 0, n);
        for (int k = 0; k < n; k++) assertEquals(bytes[pos + k], b[k]);
      }
    }
  }

  @Test
  void piecesAndReadFullyCoverTheRangeExactly() throws IOException {
    Random r = new Random(9);
    try (ByteSource s = open(file, bytes)) {
      for (int trial = 0; trial < 500; trial++) {
        int es = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        int n = r.nextInt(2000 / es) * es;
        int pos = r.nextInt(bytes.length - n + 1);
        ByteBuffer got = ByteBuffer.allocate(n);
        s.pieces(
            pos,
            n,
            es,
            (buf, index, length) -> {
              assertEquals(0, length % es);
              for (int k = 0; k < length; k++) got.put(buf.get(index + k));
            });
        assertEquals(n, got.position());
        byte[] expected = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
        assertArrayEquals(expected, got.array());
        ByteBuffer direct = ByteBuffer.allocateDirect(n);
        s.readFully(pos, direct);
        assertEquals(ByteBuffer.wrap(expected), direct.flip());
      }
    }
  }

  @Test
  void slicesShareMemoryWhereSupportedAndAreReadOnly() throws IOException {
    try (ByteSource s = open(file, bytes)) {
      Optional<ByteBuffer> sl = s.slice(100, 12);
      assertEquals(s.supportsSlices(), sl.isPresent());
      if (sl.isPresent()) {
        ByteBuffer b = sl.get();
        assertTrue(b.isReadOnly());
        assertEquals(12, b.remaining());
        for (int k = 0; k < 12; k++) assertEquals(bytes[100 + k], b.get(k));
      }
    }
  }

  @Test
  void readsPastTheEndAreEofExceptionsNamingTheFile() throws IOException {
    try (ByteSource s = open(file, bytes)) {
      EOFException e =
          assertThrows(
              EOFException.class, () -> s.getDoubles(bytes.length - 8, new double[2], 0, 2));
      assertTrue(e.getMessage().contains(s.name()), e.getMessage());
      assertTrue(e.getMessage().contains(Long.toString(bytes.length - 8)), e.getMessage());
      assertThrows(EOFException.class, () -> s.readFully(-1, ByteBuffer.allocate(1)));
      assertThrows(EOFException.class, () -> s.slice(bytes.length, 1));
      assertThrows(EOFException.class, () -> s.pieces(bytes.length - 3, 4, 1, (b, i, n) -> {}));
    }
  }

  @Test
  void refreshSeesAppendedBytes() throws IOException {
    try (ByteSource s = open(file, bytes)) {
      Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, StandardOpenOption.APPEND);
      s.refresh();
      if (followsFile()) {
        assertEquals(bytes.length + 8, s.size());
        long[] l = new long[1];
        s.getLongs(bytes.length, l, 0, 1);
        assertEquals(0x0102030405060708L, l[0]);
      } else {
        assertEquals(bytes.length, s.size());
      }
    }
  }
}
