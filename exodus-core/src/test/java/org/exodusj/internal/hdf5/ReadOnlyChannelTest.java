package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only channel jHDF reads through: whole ranges or an exception, the size asked of the
 * system only when a read passes what is known to exist, a file that grows read to its new end and
 * one that shrinks met as an end of file, never as a short read.
 */
class ReadOnlyChannelTest {
  @TempDir Path dir;

  /** The channel over a file, counting the sizes it asks of the system. */
  private static final class Counting extends ReadOnlyChannel {
    final FileChannel fc;
    final SharedReadChannel inner;
    int sizes;

    Counting(FileChannel fc) {
      this.fc = fc;
      this.inner = new SharedReadChannel(fc);
    }

    @Override
    void readFully(long at, ByteBuffer dst) throws IOException {
      inner.readFully(at, dst);
    }

    @Override
    String noLocks() {
      return "test";
    }

    @Override
    public long size() throws IOException {
      sizes++;
      return fc.size();
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long at, long size) {
      throw new UnsupportedOperationException();
    }
  }

  private static byte[] bytes(int n, int from) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (from + i);
    return b;
  }

  private static byte[] read(ReadOnlyChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    assertEquals(n, ch.read(b, at));
    return b.array();
  }

  @Test
  void readsWithinTheKnownSizeAskNoSize() throws IOException {
    Path p = dir.resolve("f");
    Files.write(p, bytes(100, 0));
    try (FileChannel fc = FileChannel.open(p, StandardOpenOption.READ)) {
      Counting ch = new Counting(fc);
      for (int i = 0; i < 90; i++) {
        assertArrayEquals(bytes(10, i), read(ch, i, 10));
      }
      assertEquals(1, ch.sizes, "one size for 90 reads within the file");
      assertEquals(100, ch.sizeCovering(100));
      assertEquals(1, ch.sizes);
    }
  }

  @Test
  void aGrownFileIsReadToItsNewEndAndAShrunkOneMeetsItsEnd() throws IOException {
    Path p = dir.resolve("g");
    Files.write(p, bytes(100, 0));
    try (FileChannel fc = FileChannel.open(p, StandardOpenOption.READ);
        FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE)) {
      SharedReadChannel ch = new SharedReadChannel(fc);
      assertArrayEquals(bytes(10, 90), read(ch, 90, 10));
      w.write(ByteBuffer.wrap(bytes(100, 100)), 100); // a writer appends
      assertArrayEquals(bytes(10, 150), read(ch, 150, 10), "the new bytes, the size asked anew");
      w.truncate(50); // damaged or replaced: what was known to exist is gone
      EOFException shrunk =
          assertThrows(EOFException.class, () -> ch.read(ByteBuffer.allocate(10), 60));
      assertTrue(shrunk.getMessage().contains("shrank"), shrunk.getMessage());
      ByteBuffer across = ByteBuffer.allocate(10);
      assertThrows(EOFException.class, () -> ch.read(across, 45), "not 5 bytes and a short read");
      assertArrayEquals(bytes(10, 0), read(ch, 0, 10), "what is left still reads");
      EOFException past =
          assertThrows(EOFException.class, () -> ch.read(ByteBuffer.allocate(10), 300));
      assertTrue(
          past.getMessage().contains("[300, 310) lie past the end of the file (50)"),
          past.getMessage());
      assertThrows(EOFException.class, () -> ch.read(ByteBuffer.allocate(10), -5));
      assertThrows(EOFException.class, () -> ch.read(ByteBuffer.allocate(10), Long.MAX_VALUE - 3));
      byte[] none = new byte[0];
      assertEquals(0, ch.read(ByteBuffer.wrap(none), 50));
      assertTrue(Arrays.equals(none, new byte[0]));
    }
  }
}
