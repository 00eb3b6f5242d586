package org.exodusj.internal.hdf5.filter;

/**
 * The bit transpose of bitshuffle (also blosc's bit-shuffle): a block of {@code n} values ({@code
 * n} a multiple of 8) of {@code size} bytes is stored as {@code 8 * size} rows of {@code n / 8}
 * bytes; row {@code 8 * j + b} holds bit {@code b} of byte {@code j} of every value, value {@code
 * i} at bit {@code i % 8} of the row's byte {@code i / 8}.
 */
final class BitTranspose {
  private BitTranspose() {}

  /** Undoes the transpose of {@code n} values from {@code in[ip..]} into {@code out[op..]}. */
  static void untranspose(byte[] in, int ip, byte[] out, int op, int n, int size) {
    int rowBytes = n >>> 3;
    for (int j = 0; j < size; j++) {
      int row0 = ip + 8 * j * rowBytes;
      for (int g = 0; g < rowBytes; g++) {
        long x = 0;
        for (int b = 0; b < 8; b++) {
          x |= (in[row0 + b * rowBytes + g] & 0xFFL) << (8 * b);
        }
        x = transpose8x8(x);
        int o = op + 8 * g * size + j;
        for (int e = 0; e < 8; e++) {
          out[o + e * size] = (byte) (x >>> (8 * e));
        }
      }
    }
  }

  /** Transposes {@code n} values (the inverse of {@link #untranspose}), for tests and encoders. */
  static void transpose(byte[] in, int ip, byte[] out, int op, int n, int size) {
    int rowBytes = n >>> 3;
    for (int j = 0; j < size; j++) {
      int row0 = op + 8 * j * rowBytes;
      for (int g = 0; g < rowBytes; g++) {
        long x = 0;
        int s = ip + 8 * g * size + j;
        for (int e = 0; e < 8; e++) {
          x |= (in[s + e * size] & 0xFFL) << (8 * e);
        }
        x = transpose8x8(x);
        for (int b = 0; b < 8; b++) {
          out[row0 + b * rowBytes + g] = (byte) (x >>> (8 * b));
        }
      }
    }
  }

  /** The 8 x 8 bit matrix {@code x} (byte r, bit c) transposed to (byte c, bit r). */
  static long transpose8x8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }
}
