package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.util.Arrays;

/**
 * A decoder of CCSDS 121.0-B adaptive entropy coding (Rice coding) as libaec writes it for SZIP:
 * samples in blocks, blocks in reference sample intervals (RSIs); each block starts with an option
 * id: low entropy (zero blocks, run-length coded, or the second extension), a split sample with
 * {@code k} low bits stored as they are, or the samples uncompressed. With preprocessing, the first
 * sample of an RSI is a reference and the others are mapped prediction errors of a unit-delay
 * predictor. Samples of at most 16 bits fill 1 or 2 bytes, wider ones 4; multi-byte samples are
 * least or most significant byte first.
 *
 * <p>Bounded: the decoder holds one RSI of samples, reads nothing past the input and writes nothing
 * past the output; damaged input is an {@link IOException}.
 */
final class AecDecoder {
  private static final int ROS = 5;
  private static final int SE_TABLE_SIZE = 90;
  private static final int[] SE_TABLE = seTable();

  private final byte[] in;
  private final int end;
  private int ip;
  private long acc;
  private int bits;

  private AecDecoder(byte[] in, int p, int end) {
    this.in = in;
    this.ip = p;
    this.end = end;
  }

  /**
   * Decodes {@code in[p, end)} into {@code samples} samples at {@code out[op..]}: RSIs of {@code
   * rsi} blocks of {@code blockSize} samples, of which the first {@code keep} of each RSI are
   * written (the rest is the padding of a scanline).
   */
  static void decode(
      byte[] in,
      int p,
      int end,
      int bitsPerSample,
      int blockSize,
      int rsi,
      int keep,
      boolean preprocess,
      boolean msb,
      byte[] out,
      int op,
      int samples)
      throws IOException {
    new AecDecoder(in, p, end)
        .run(bitsPerSample, blockSize, rsi, keep, preprocess, msb, out, op, samples);
  }

  private void run(
      int bps, int bs, int rsi, int keep, boolean pp, boolean msb, byte[] out, int op, int samples)
      throws IOException {
    int idLen = bps > 16 ? 5 : bps > 8 ? 4 : 3;
    int bytesPerSample = bps > 16 ? 4 : bps > 8 ? 2 : 1;
    int uncompressedId = (1 << idLen) - 1;
    int rsiSize = rsi * bs;
    int[] buf = new int[rsiSize];
    long xmax = (1L << bps) - 1;
    int written = 0;
    while (written < samples) {
      int needed = Math.min(keep, samples - written);
      int used = 0;
      int ref = pp ? 1 : 0;
      while (used < needed) {
        int id = (int) get(idLen);
        if (id == 0) {
          int second = (int) get(1);
          if (ref == 1) {
            buf[used++] = (int) get(bps);
          }
          if (second == 1) {
            int i = ref;
            while (i < bs) {
              int m = fs();
              if (m > SE_TABLE_SIZE) {
                throw damaged("second-extension code " + m + " out of range");
              }
              int d1 = m - SE_TABLE[2 * m + 1];
              if ((i & 1) == 0) {
                room(used, 2, rsiSize);
                buf[used++] = SE_TABLE[2 * m] - d1;
                i++;
              }
              room(used, 1, rsiSize);
              buf[used++] = d1;
              i++;
            }
          } else {
            long zeroBlocks = fs() + 1L;
            if (zeroBlocks == ROS) {
              int b = used / bs;
              zeroBlocks = Math.min(rsi - b, 64 - (b % 64));
            } else if (zeroBlocks > ROS) {
              zeroBlocks--;
            }
            long zeros = zeroBlocks * bs - ref;
            if (zeros > rsiSize - used) {
              throw damaged(zeroBlocks + " zero blocks past the end of the interval");
            }
            Arrays.fill(buf, used, used + (int) zeros, 0);
            used += (int) zeros;
          }
        } else if (id == uncompressedId) {
          room(used, bs, rsiSize);
          for (int i = 0; i < bs; i++) {
            buf[used++] = (int) get(bps);
          }
        } else {
          int k = id - 1;
          int count = bs - ref;
          room(used, bs, rsiSize);
          if (ref == 1) {
            buf[used++] = (int) get(bps);
          }
          for (int i = 0; i < count; i++) {
            buf[used + i] = fs() << k;
          }
          if (k > 0) {
            for (int i = 0; i < count; i++) {
              buf[used + i] += (int) get(k);
            }
          }
          used += count;
        }
        ref = 0;
      }
      if (pp) {
        postprocess(buf, used, xmax);
      }
      int n = Math.min(needed, used);
      for (int i = 0; i < n; i++) {
        int v = buf[i];
        switch (bytesPerSample) {
          case 1 -> out[op++] = (byte) v;
          case 2 -> {
            out[op++] = (byte) (msb ? v >>> 8 : v);
            out[op++] = (byte) (msb ? v : v >>> 8);
          }
          default -> {
            if (msb) {
              out[op++] = (byte) (v >>> 24);
              out[op++] = (byte) (v >>> 16);
              out[op++] = (byte) (v >>> 8);
              out[op++] = (byte) v;
            } else {
              out[op++] = (byte) v;
              out[op++] = (byte) (v >>> 8);
              out[op++] = (byte) (v >>> 16);
              out[op++] = (byte) (v >>> 24);
            }
          }
        }
      }
      written += n;
    }
  }

  /** Undoes the unit-delay prediction and the mapping of unsigned samples, in place. */
  private static void postprocess(int[] buf, int n, long xmax) {
    if (n == 0) {
      return;
    }
    long data = buf[0] & 0xFFFFFFFFL;
    long med = xmax / 2 + 1;
    for (int i = 1; i < n; i++) {
      long d = buf[i] & 0xFFFFFFFFL;
      long halfD = (d >>> 1) + (d & 1);
      long mask = (data & med) != 0 ? xmax : 0;
      if (halfD <= (mask ^ data)) {
        data = (d & 1) != 0 ? data - (d >>> 1) - 1 : data + (d >>> 1);
      } else {
        data = mask ^ d;
      }
      data &= 0xFFFFFFFFL;
      buf[i] = (int) data;
    }
  }

  private static void room(int used, int n, int size) throws IOException {
    if (n > size - used) {
      throw damaged("a block past the end of the reference sample interval");
    }
  }

  /** The next {@code n} bits (1..32), most significant first. */
  private long get(int n) throws IOException {
    while (bits < n) {
      if (ip >= end) {
        throw damaged("the data ends early");
      }
      acc = (acc << 8) | (in[ip++] & 0xFF);
      bits += 8;
    }
    bits -= n;
    return (acc >>> bits) & ((1L << n) - 1);
  }

  /** A fundamental sequence: the number of 0 bits before the next 1 bit. */
  private int fs() throws IOException {
    int zeros = 0;
    while (true) {
      if (bits == 0) {
        if (ip >= end) {
          throw damaged("the data ends early");
        }
        acc = in[ip++] & 0xFF;
        bits = 8;
      }
      long window = acc & ((1L << bits) - 1);
      if (window == 0) {
        if (zeros > (1 << 28)) {
          throw damaged("a run of more than 2^28 zero bits");
        }
        zeros += bits;
        bits = 0;
        continue;
      }
      int top = 63 - Long.numberOfLeadingZeros(window);
      zeros += bits - 1 - top;
      bits = top;
      return zeros;
    }
  }

  private static IOException damaged(String what) {
    return CodecIo.damaged("szip", what);
  }

  private static int[] seTable() {
    int[] table = new int[2 * (SE_TABLE_SIZE + 1)];
    int k = 0;
    for (int i = 0; i < 13; i++) {
      int ms = k;
      for (int j = 0; j <= i; j++) {
        table[2 * k] = i;
        table[2 * k + 1] = ms;
        k++;
      }
    }
    return table;
  }
}
