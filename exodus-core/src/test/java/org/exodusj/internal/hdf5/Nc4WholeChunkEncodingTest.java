package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The encodings of a chunk written whole: doubles shuffled straight from the caller's array against
 * HDF5's shuffle definition applied, byte by byte, to the values' little-endian bytes assembled
 * here with {@code DataOutputStream} (big-endian, reversed per value); and the two-thread deflate
 * against zlib's inflater (which checks the stream and its Adler-32) and the zlib header rules (RFC
 * 1950).
 */
class Nc4WholeChunkEncodingTest {
  /** Little-endian bytes of the values, assembled independently of the writer's encoding. */
  private static byte[] littleEndian(double[] v, int off, int n) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bo);
    // the raw bits, NaN payloads kept, as every write path of the writer stores them
    for (int i = 0; i < n; i++) out.writeLong(Double.doubleToRawLongBits(v[off + i]));
    byte[] be = bo.toByteArray();
    byte[] le = new byte[be.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 8; k++) le[i * 8 + k] = be[i * 8 + 7 - k];
    }
    return le;
  }

  /** HDF5's shuffle: byte k of element i to {@code k * n + i}. */
  private static byte[] shuffled(byte[] le, int n) {
    byte[] s = new byte[le.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 8; k++) s[k * n + i] = le[i * 8 + k];
    }
    return s;
  }

  @Test
  void doublesShuffledInOnePassAreHdf5sShuffleOfTheirLittleEndianBytes() throws IOException {
    Random r = new Random(24);
    for (int n : new int[] {0, 1, 5, 7, 8, 9, 15, 16, 17, 2197, 4099}) {
      double[] v = new double[n + 3];
      for (int i = 0; i < v.length; i++) {
        v[i] = i % 5 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * 1e6;
      }
      v[1] = Double.NaN;
      byte[] want = shuffled(littleEndian(v, 3, n), n);
      byte[] got = new byte[n * 8];
      Nc4Encoding.shuffledDoublesLE(v, 3, n, got);
      assertArrayEquals(want, got, n + " values");
      byte[] plain = new byte[n * 8];
      Nc4Encoding.doublesLE(v, 3, n, plain);
      assertArrayEquals(littleEndian(v, 3, n), plain, n + " values, unshuffled");
    }
  }

  private static byte[] inflate(byte[] z, int length, int expected) throws DataFormatException {
    Inflater inf = new Inflater(); // zlib wrapper: the Adler-32 at the end is checked
    try {
      inf.setInput(z, 0, length);
      byte[] out = new byte[expected + 1];
      int n = 0;
      while (!inf.finished()) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new DataFormatException("stream ends early after " + n + " bytes");
        }
        n += k;
      }
      assertEquals(0, inf.getRemaining(), "bytes after the stream's end");
      return Arrays.copyOf(out, n);
    } finally {
      inf.end();
    }
  }

  @Test
  void aChunkDeflatedOnTwoThreadsInflatesToItselfAtEveryLevelAndSize() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Random r = new Random(7);
      Nc4SplitDeflate.Scratch sc = new Nc4SplitDeflate.Scratch(); // reused across sizes
      for (int length : new int[] {64 << 10, (64 << 10) + 1, 262_144, 830_584, 1_000_003}) {
        // shuffled smooth values (long runs, matches across the cut) and a random tail
        double[] v = new double[length / 8];
        for (int i = 0; i < v.length; i++) v[i] = 1.0e6 + i * 0.5;
        byte[] data = new byte[length];
        Nc4Encoding.shuffledDoublesLE(v, 0, v.length, data);
        for (int i = length - length / 7; i < length; i++) data[i] = (byte) r.nextInt();
        for (int level : new int[] {1, 6, 9}) {
          Nc4SplitDeflate.Out o = Nc4SplitDeflate.deflate(data, length, level, pool, sc);
          int cmf = o.bytes[0] & 0xff;
          int flg = o.bytes[1] & 0xff;
          assertEquals(0x78, cmf, "deflate, 32 KiB window");
          assertEquals(0, (cmf * 256 + flg) % 31, "header check bits");
          assertEquals(0, flg & 0x20, "no preset dictionary in the zlib header");
          assertArrayEquals(
              data, inflate(o.bytes, o.length, length), length + " bytes, level " + level);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anExecutorThatRefusesTheFirstHalfLeavesItToTheCaller() throws Exception {
    byte[] data = new byte[300_000];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 / 1000);
    Nc4SplitDeflate.Out o =
        Nc4SplitDeflate.deflate(
            data,
            data.length,
            1,
            task -> {
              throw new RejectedExecutionException("shut down");
            },
            new Nc4SplitDeflate.Scratch());
    assertArrayEquals(data, inflate(o.bytes, o.length, data.length));
    // an executor that never runs the task: the caller runs it after its own half
    o = Nc4SplitDeflate.deflate(data, data.length, 1, task -> {}, new Nc4SplitDeflate.Scratch());
    assertArrayEquals(data, inflate(o.bytes, o.length, data.length));
  }

  @Test
  void anInterruptedCallerStillGetsTheWholeStreamAndKeepsItsInterrupt() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      byte[] data = new byte[1 << 20];
      Random r = new Random(11);
      for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(16) + (i >>> 16));
      Nc4SplitDeflate.Scratch sc = new Nc4SplitDeflate.Scratch();
      for (int round = 0; round < 20; round++) {
        Thread.currentThread().interrupt(); // as a job cancelled while it writes
        Nc4SplitDeflate.Out o;
        try {
          o = Nc4SplitDeflate.deflate(data, data.length, 6, pool, sc);
        } finally {
          assertEquals(true, Thread.interrupted(), "the interrupt stays pending, round " + round);
        }
        assertArrayEquals(data, inflate(o.bytes, o.length, data.length), "round " + round);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aChunkTooSmallToSplitIsACallerMistakeNamingItsSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Nc4SplitDeflate.deflate(
                    new byte[1000], 1000, 1, Runnable::run, new Nc4SplitDeflate.Scratch()));
    assertEquals("split deflate of 1000 bytes at level 1", e.getMessage());
  }
}
