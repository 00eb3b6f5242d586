package org.exodusj.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.exodusj.FileChangedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lazy mapping: a fresh file source serves small reads with positional reads and maps nothing until
 * a slice, a large read or its {@link WindowedByteSource#POSITIONAL_READS}-th small read asks for a
 * window. The oracle is {@link ByteBuffer}'s decoding of the bytes written.
 */
class WindowedByteSourceLazyTest {
  @TempDir Path dir;
  byte[] bytes;
  ByteBuffer ref;
  Path file;

  @BeforeEach
  void data() throws IOException {
    bytes = new byte[300_000];
    new Random(3).nextBytes(bytes);
    ref = ByteBuffer.wrap(bytes);
    file = dir.resolve("lazy.bin");
    Files.write(file, bytes);
  }

  @Test
  void smallReadsMapNothingThenTheBudgetMapsTheWindow() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file, 1 << 16)) {
      assertEquals(0, s.mappedWindowCount());
      double[] d = new double[3];
      for (int i = 0; i < WindowedByteSource.POSITIONAL_READS; i++) {
        int pos = 1 + 997 * i; // unaligned
        s.getDoubles(pos, d, 0, 3);
        for (int k = 0; k < 3; k++) {
          assertEquals(ref.getDouble(pos + 8 * k), d[k]);
        }
      }
      assertEquals(0, s.mappedWindowCount(), "no small read maps within the budget");
      int pos = 200_001;
      int[] v = new int[5];
      s.getInts(pos, v, 0, 5);
      for (int k = 0; k < 5; k++) {
        assertEquals(ref.getInt(pos + 4 * k), v[k]);
      }
      assertEquals(1, s.mappedWindowCount(), "the read after the budget maps its window");
    }
  }

  @Test
  void aSliceAfterPositionalReadsMapsAndSharesTheBytes() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file, 1 << 16)) {
      long[] l = new long[10];
      s.getLongs(70_000, l, 0, 10);
      assertEquals(ref.getLong(70_000 + 8), l[1]);
      byte[] b = new byte[5];
      s.getBytes(3, b, 0, 5);
      assertEquals(bytes[7], b[4]);
      assertEquals(0, s.mappedWindowCount());
      ByteBuffer view = s.slice(70_000, 4096).orElseThrow();
      assertEquals(1, s.mappedWindowCount());
      assertTrue(view.isReadOnly());
      for (int k = 0; k < 4096; k += 8) {
        assertEquals(ref.getLong(70_000 + k), view.getLong(k));
      }
      // reads of the mapped window and of windows still unmapped, after the view
      s.getLongs(70_004, l, 0, 10);
      assertEquals(ref.getLong(70_004 + 72), l[9]);
      s.getLongs(250_000, l, 0, 10);
      assertEquals(ref.getLong(250_000 + 72), l[9]);
      assertEquals(1, s.mappedWindowCount());
    }
  }

  @Test
  void readsLargerThanTheScratchMap() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file)) {
      int n = WindowedByteSource.SCRATCH_BYTES / 8 + 1;
      double[] d = new double[n];
      s.getDoubles(16, d, 0, n);
      assertEquals(ref.getDouble(16 + 8 * (n - 1)), d[n - 1]);
      assertEquals(1, s.mappedWindowCount());
    }
  }

  @Test
  void piecesAndReadFullyServedPositionallyCoverTheRange() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file, 1 << 16)) {
      ByteBuffer dst = ByteBuffer.allocate(1000);
      dst.position(10);
      s.readFully(65_530, dst); // crosses a window boundary
      assertEquals(1000, dst.position());
      assertEquals(1000, dst.limit());
      for (int k = 10; k < 1000; k++) assertEquals(bytes[65_530 + k - 10], dst.get(k));
      long[] sum = new long[2];
      s.pieces(
          131_070,
          4000,
          4,
          (buf, index, length) -> {
            for (int k = 0; k < length; k++) {
              assertEquals(bytes[131_070 + (int) sum[1] + k], buf.get(index + k));
            }
            sum[1] += length;
          });
      assertEquals(4000, sum[1]);
      assertEquals(0, s.mappedWindowCount());
    }
  }

  @Test
  void aFileTruncatedUnderAPositionalReadIsAFileChangedException() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(100_000);
      }
      FileChangedException e =
          assertThrows(
              FileChangedException.class, () -> s.getDoubles(150_000, new double[4], 0, 4));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("150000"), e.getMessage());
      assertEquals(0, s.mappedWindowCount());
    }
  }

  @Test
  void aWindowMappedAfterTheFileShrankIsAFileChangedException() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file, 1 << 16)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(200_000);
      }
      // a slice maps its window: window 2 (bytes 131072 to 262144) is no longer whole in the file
      FileChangedException e = assertThrows(FileChangedException.class, () -> s.slice(140_000, 8));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("200000 now"), e.getMessage());
      // window 0 (bytes 0 to 131072) still is, and maps
      assertEquals(ref.getLong(8), s.slice(8, 8).orElseThrow().getLong(0));
    }
  }

  @Test
  void eagerSourcesNeverReadPositionally() throws IOException {
    try (WindowedByteSource s = WindowedByteSource.map(file, 1 << 16, false)) {
      s.getInts(8, new int[2], 0, 2);
      assertEquals(1, s.mappedWindowCount());
    }
  }
}
