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
   * @param raw the chunk as stored
   * @param decodedSize bytes of the decoded chunk (chunk elements times element size)
   */
  static byte[] decode(byte[] raw, List<PipelineFilterWithData> filters, int decodedSize)
      throws DecodeException {
    byte[] data = raw;
    for (int i = filters.size() - 1; i >= 0; i--) {
      PipelineFilterWithData f = filters.get(i);
      int[] cd = f.getFilterData();
      try {
        data =
            switch (f.getId()) {
              case DEFLATE -> inflate(data, decodedSize);
              case SHUFFLE -> unshuffle(data, cd.length > 0 ? cd[0] : 1);
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

  static byte[] inflate(byte[] in, int expected) throws DecodeException {
    Inflater inf = new Inflater();
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
      inf.end();
    }
  }

  /** Undoes HDF5's byte shuffle: byte b of element i was stored at b * n + i. */
  static byte[] unshuffle(byte[] in, int elementSize) {
    if (elementSize <= 1) {
      return in;
    }
    int n = in.length / elementSize;
    byte[] out = new byte[in.length];
    for (int b = 0; b < elementSize; b++) {
      int src = b * n;
      for (int i = 0; i < n; i++) {
        out[i * elementSize + b] = in[src + i];
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
              "Fletcher-32 checksum mismatch: stored 0x%08X, computed 0x%08X", stored, computed),
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
