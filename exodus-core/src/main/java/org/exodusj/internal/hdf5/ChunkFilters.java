package org.exodusj.internal.hdf5;

import io.jhdf.filter.BitShuffleFilter;
import io.jhdf.filter.Lz4Filter;
import io.jhdf.filter.LzfFilter;
import io.jhdf.filter.PipelineFilterWithData;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a chunk through its HDF5 filter pipeline, last filter first. Deflate, shuffle and
 * Fletcher-32 are done here (the checksum is verified: a mismatch is an error, not zeros); LZF, LZ4
 * and bitshuffle are delegated to jHDF's decoders. Unknown filters are a clear error.
 */
final class ChunkFilters {
  static final int DEFLATE = 1;
  static final int SHUFFLE = 2;
  static final int FLETCHER32 = 3;
  static final int LZF = 32000;
  static final int LZ4 = 32004;
  static final int BITSHUFFLE = 32008;

  private ChunkFilters() {}

  /** Thrown for a chunk that cannot be decoded; the caller adds the file and variable. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Decodes a chunk as stored ({@code raw}) to {@code decodedSize} bytes through the filter
   * pipeline, last filter first; when {@code scratch} is given and a shuffle follows the deflate,
   * the inflated bytes go to a pooled buffer instead of a new array.
   */
  static byte[] decode(
      byte[] raw,
      List<PipelineFilterWithData> filters,
      int decodedSize,
      java.util.concurrent.BlockingQueue<byte[]> scratch)
      throws DecodeException {
    byte[] data = raw;
    byte[] borrowed = null;
    for (int i = filters.size() - 1; i >= 0; i--) {
      PipelineFilterWithData f = filters.get(i);
      int[] cd = f.getFilterData();
      boolean shuffleNext = i > 0 && filters.get(i - 1).getId() == SHUFFLE;
      try {
        data =
            switch (f.getId()) {
              case DEFLATE -> {
                if (scratch != null && shuffleNext) {
                  borrowed = scratch.poll();
                  if (borrowed == null || borrowed.length < decodedSize) {
                    borrowed = new byte[decodedSize];
                  }
                  int len = inflateInto(data, borrowed);
                  yield len == borrowed.length ? borrowed : java.util.Arrays.copyOf(borrowed, len);
                }
                yield inflate(data, decodedSize);
              }
              case SHUFFLE -> {
                byte[] out = unshuffle(data, cd.length > 0 ? cd[0] : 1);
                // Return the inflate buffer to the pool only if the result is a new array: for
                // 1-byte values unshuffle returns its input, which then becomes the chunk.
                if (borrowed != null && out != borrowed) {
                  scratch.offer(borrowed);
                }
                borrowed = null;
                yield out;
              }
              case FLETCHER32 -> verifyFletcher32(data);
              case LZF -> new LzfFilter().decode(data, cd);
              case LZ4 -> new Lz4Filter().decode(data, cd);
              case BITSHUFFLE -> new BitShuffleFilter().decode(data, cd);
              default ->
                  throw new DecodeException(
                      "filter " + f.getId() + " (" + f.getName() + ") is not supported", null);
            };
      } catch (DecodeException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new DecodeException("filter " + f.getName() + " failed: " + e.getMessage(), e);
      }
    }
    if (data.length != decodedSize) {
      throw new DecodeException(
          "decoded chunk has " + data.length + " bytes, expected " + decodedSize, null);
    }
    return data;
  }

  /**
   * One inflater per thread, reset between chunks: creating and ending a native inflater per chunk
   * cost more than inflating a chunk of a few values.
   */
  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

  /**
   * As {@link #decode(byte[], List, int, java.util.concurrent.BlockingQueue)} from the first {@code
   * rawLength} bytes of {@code raw} (a reused read buffer). For deflate alone or shuffle + deflate
   * (netCDF-4's filters) nothing but the decoded chunk is allocated, and not even that when {@code
   * into} (as long as the decoded chunk) is given. Returns the array holding the decoded chunk:
   * {@code into} or a new one.
   */
  static byte[] decode(
      byte[] raw,
      int rawLength,
      List<PipelineFilterWithData> filters,
      int decodedSize,
      java.util.concurrent.BlockingQueue<byte[]> scratch,
      byte[] into)
      throws DecodeException {
    int i = filters.size() - 1;
    if (i < 0 && into != null && into.length == decodedSize && rawLength == decodedSize) {
      System.arraycopy(raw, 0, into, 0, rawLength); // unfiltered: into the caller's array, no copy
      return into;
    }
    if (i < 0 || filters.get(i).getId() != DEFLATE) {
      return decode(java.util.Arrays.copyOf(raw, rawLength), filters, decodedSize, scratch);
    }
    boolean plain = i == 0 || (i == 1 && filters.get(0).getId() == SHUFFLE);
    if (into != null && into.length == decodedSize && i == 0) {
      checkLength(inflateInto(raw, rawLength, into), decodedSize);
      return into;
    }
    byte[] inflated = scratch != null && i > 0 ? scratch.poll() : null;
    if (inflated == null || inflated.length != decodedSize) {
      inflated = new byte[decodedSize];
    }
    checkLength(inflateInto(raw, rawLength, inflated), decodedSize);
    byte[] out;
    if (plain && into != null && into.length == decodedSize) {
      int[] cd = filters.get(0).getFilterData();
      out = unshuffleInto(inflated, cd.length > 0 ? cd[0] : 1, into);
    } else {
      out = decode(inflated, filters.subList(0, i), decodedSize, null);
    }
    if (scratch != null && i > 0 && out != inflated) {
      scratch.offer(inflated);
    }
    return out;
  }

  private static void checkLength(int len, int decodedSize) throws DecodeException {
    if (len != decodedSize) {
      throw new DecodeException(
          "decoded chunk has " + len + " bytes, expected " + decodedSize, null);
    }
  }

  /** Inflates the first {@code length} bytes of {@code in} into {@code out}; returns the count. */
  static int inflateInto(byte[] in, int length, byte[] out) throws DecodeException {
    Inflater inf = INFLATERS.get();
    inf.reset();
    try {
      inf.setInput(in, 0, length);
      int n = 0;
      while (!inf.finished() && n < out.length) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new DecodeException("deflate stream ends early after " + n + " bytes", null);
        }
        n += k;
      }
      if (!inf.finished()) {
        throw new DecodeException(
            "deflate stream holds more than the chunk's " + out.length + " bytes", null);
      }
      return n;
    } catch (DataFormatException e) {
      throw new DecodeException("corrupt deflate stream: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  /** Inflates into {@code out} (sized to the decoded chunk); returns the bytes written. */
  static int inflateInto(byte[] in, byte[] out) throws DecodeException {
    return inflateInto(in, in.length, out);
  }

  static byte[] inflate(byte[] in, int expected) throws DecodeException {
    Inflater inf = INFLATERS.get();
    inf.reset();
    try {
      inf.setInput(in);
      byte[] out = new byte[Math.max(expected, 1)];
      int n = 0;
      while (!inf.finished()) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new DecodeException("deflate stream ends early after " + n + " bytes", null);
        }
        n += k;
      }
      return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw new DecodeException("corrupt deflate stream: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle INTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Undoes HDF5's byte shuffle: byte b of element i was stored at b * n + i. Element sizes 8 and 4
   * gather each element from its byte planes and store it in one write.
   */
  static byte[] unshuffle(byte[] in, int elementSize) {
    if (elementSize <= 1) {
      return in;
    }
    return unshuffleInto(in, elementSize, new byte[in.length]);
  }

  /** Undoes the shuffle filter into {@code out}, as long as {@code in}; returns {@code out}. */
  static byte[] unshuffleInto(byte[] in, int elementSize, byte[] out) {
    if (elementSize <= 1) {
      System.arraycopy(in, 0, out, 0, in.length);
      return out;
    }
    int n = in.length / elementSize;
    if (elementSize == 8) {
      int i = 0;
      // Eight values at a time: load 8 bytes of each byte plane, transpose the 8x8 byte matrix
      // with three mask-and-swap stages, store 8 whole values.
      for (; i + 8 <= n; i += 8) {
        long r0 = (long) LONGS.get(in, i);
        long r1 = (long) LONGS.get(in, n + i);
        long r2 = (long) LONGS.get(in, 2 * n + i);
        long r3 = (long) LONGS.get(in, 3 * n + i);
        long r4 = (long) LONGS.get(in, 4 * n + i);
        long r5 = (long) LONGS.get(in, 5 * n + i);
        long r6 = (long) LONGS.get(in, 6 * n + i);
        long r7 = (long) LONGS.get(in, 7 * n + i);
        long t;
        t = ((r0 >>> 32) ^ r4) & 0xFFFFFFFFL;
        r0 ^= t << 32;
        r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & 0xFFFFFFFFL;
        r1 ^= t << 32;
        r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & 0xFFFFFFFFL;
        r2 ^= t << 32;
        r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & 0xFFFFFFFFL;
        r3 ^= t << 32;
        r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & 0x0000FFFF0000FFFFL;
        r0 ^= t << 16;
        r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & 0x0000FFFF0000FFFFL;
        r1 ^= t << 16;
        r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & 0x0000FFFF0000FFFFL;
        r4 ^= t << 16;
        r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & 0x0000FFFF0000FFFFL;
        r5 ^= t << 16;
        r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & 0x00FF00FF00FF00FFL;
        r0 ^= t << 8;
        r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & 0x00FF00FF00FF00FFL;
        r2 ^= t << 8;
        r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & 0x00FF00FF00FF00FFL;
        r4 ^= t << 8;
        r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & 0x00FF00FF00FF00FFL;
        r6 ^= t << 8;
        r7 ^= t;
        int o = 8 * i;
        LONGS.set(out, o, r0);
        LONGS.set(out, o + 8, r1);
        LONGS.set(out, o + 16, r2);
        LONGS.set(out, o + 24, r3);
        LONGS.set(out, o + 32, r4);
        LONGS.set(out, o + 40, r5);
        LONGS.set(out, o + 48, r6);
        LONGS.set(out, o + 56, r7);
      }
      for (; i < n; i++) {
        long v =
            (in[i] & 0xFFL)
                | (in[n + i] & 0xFFL) << 8
                | (in[2 * n + i] & 0xFFL) << 16
                | (in[3 * n + i] & 0xFFL) << 24
                | (in[4 * n + i] & 0xFFL) << 32
                | (in[5 * n + i] & 0xFFL) << 40
                | (in[6 * n + i] & 0xFFL) << 48
                | (in[7 * n + i] & 0xFFL) << 56;
        LONGS.set(out, 8 * i, v);
      }
    } else if (elementSize == 4) {
      int i = 0;
      // Four values at a time: a 4x4 byte transpose on ints.
      for (; i + 4 <= n; i += 4) {
        int r0 = (int) INTS.get(in, i);
        int r1 = (int) INTS.get(in, n + i);
        int r2 = (int) INTS.get(in, 2 * n + i);
        int r3 = (int) INTS.get(in, 3 * n + i);
        int t;
        t = ((r0 >>> 16) ^ r2) & 0x0000FFFF;
        r0 ^= t << 16;
        r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & 0x0000FFFF;
        r1 ^= t << 16;
        r3 ^= t;
        t = ((r0 >>> 8) ^ r1) & 0x00FF00FF;
        r0 ^= t << 8;
        r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & 0x00FF00FF;
        r2 ^= t << 8;
        r3 ^= t;
        int o = 4 * i;
        INTS.set(out, o, r0);
        INTS.set(out, o + 4, r1);
        INTS.set(out, o + 8, r2);
        INTS.set(out, o + 12, r3);
      }
      for (; i < n; i++) {
        int v =
            (in[i] & 0xFF)
                | (in[n + i] & 0xFF) << 8
                | (in[2 * n + i] & 0xFF) << 16
                | (in[3 * n + i] & 0xFF) << 24;
        INTS.set(out, 4 * i, v);
      }
    } else {
      for (int b = 0; b < elementSize; b++) {
        int src = b * n;
        for (int i = 0; i < n; i++) {
          out[i * elementSize + b] = in[src + i];
        }
      }
    }
    int tail = n * elementSize;
    System.arraycopy(in, tail, out, tail, in.length - tail);
    return out;
  }

  /** Checks and strips the trailing Fletcher-32 checksum (HDF5's H5_checksum_fletcher32). */
  static byte[] verifyFletcher32(byte[] in) throws DecodeException {
    if (in.length < 4) {
      throw new DecodeException(
          "chunk of " + in.length + " bytes has no room for a checksum", null);
    }
    int len = in.length - 4;
    int computed = fletcher32(in, len);
    int stored =
        (in[len] & 0xFF)
            | (in[len + 1] & 0xFF) << 8
            | (in[len + 2] & 0xFF) << 16
            | (in[len + 3] & 0xFF) << 24;
    // Older HDF5 versions stored the checksum with its bytes reversed; HDF5 accepts both.
    int reversed =
        ((computed & 0xFF) << 24)
            | ((computed >>> 8 & 0xFF) << 16)
            | ((computed >>> 16 & 0xFF) << 8)
            | (computed >>> 24);
    if (stored != computed && stored != reversed) {
      throw new DecodeException(
          String.format(
              java.util.Locale.ROOT,
              "Fletcher-32 checksum mismatch: stored 0x%08X, computed 0x%08X",
              stored,
              computed),
          null);
    }
    return java.util.Arrays.copyOf(in, len);
  }

  static int fletcher32(byte[] data, int length) {
    int words = length / 2;
    long sum1 = 0;
    long sum2 = 0;
    int p = 0;
    while (words > 0) {
      int t = Math.min(words, 360);
      words -= t;
      do {
        sum1 += ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
        p += 2;
        sum2 += sum1;
      } while (--t > 0);
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    if (length % 2 != 0) {
      sum1 += (data[p] & 0xFF) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
    sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    return (int) ((sum2 << 16) | sum1);
  }
}
