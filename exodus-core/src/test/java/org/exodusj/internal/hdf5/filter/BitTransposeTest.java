package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * bitshuffle's bit transpose against its definition, bit by bit: row {@code 8 j + b} holds bit
 * {@code b} of byte {@code j} of every value, value {@code i} at bit {@code i % 8} of the row's
 * byte {@code i / 8}. Every value size from 1 to 12 and 16 (the 8- and 4-byte paths and the general
 * one), value counts below, at and past 64 (the wide walk and the groups of 8 after it), at offsets
 * in both arrays, with the bytes around the output left untouched.
 */
class BitTransposeTest {
  /** The transposed rows of {@code values}, built bit by bit from the definition. */
  private static byte[] rows(byte[] values, int n, int size) {
    byte[] t = new byte[n * size];
    int rowBytes = n / 8;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < size; j++) {
        for (int b = 0; b < 8; b++) {
          int bit = (values[i * size + j] >>> b) & 1;
          int row = 8 * j + b;
          t[row * rowBytes + i / 8] |= (byte) (bit << (i % 8));
        }
      }
    }
    return t;
  }

  @Test
  void untransposeUndoesTheDefinition() {
    Random rnd = new Random(8);
    int[] sizes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16};
    int[] counts = {8, 16, 56, 64, 72, 128, 136, 504, 512, 1024 + 8};
    for (int size : sizes) {
      for (int n : counts) {
        byte[] values = new byte[n * size];
        rnd.nextBytes(values);
        byte[] t = rows(values, n, size);
        int ip = rnd.nextInt(9);
        int op = rnd.nextInt(9);
        byte[] in = new byte[ip + t.length + 3];
        System.arraycopy(t, 0, in, ip, t.length);
        byte[] out = new byte[op + values.length + 5];
        java.util.Arrays.fill(out, (byte) 0x5A);
        BitTranspose.untranspose(in, ip, out, op, n, size);
        byte[] want = new byte[out.length];
        java.util.Arrays.fill(want, (byte) 0x5A);
        System.arraycopy(values, 0, want, op, values.length);
        assertArrayEquals(want, out, "size " + size + ", " + n + " values");
        // and the encoder's transpose gives the definition's rows
        byte[] back = new byte[t.length];
        BitTranspose.transpose(values, 0, back, 0, n, size);
        assertArrayEquals(t, back, "transpose, size " + size + ", " + n + " values");
      }
    }
  }

  @Test
  void transposeBytesSwapsRowsAndColumns() {
    long[] r = new long[8];
    for (int p = 0; p < 8; p++) {
      for (int q = 0; q < 8; q++) {
        r[p] |= (long) (16 * p + q) << (8 * q); // long p, byte q holds 0xPQ
      }
    }
    BitTranspose.transposeBytes(r);
    long[] want = new long[8];
    for (int q = 0; q < 8; q++) {
      for (int p = 0; p < 8; p++) {
        want[q] |= (long) (16 * p + q) << (8 * p); // long q, byte p holds 0xPQ
      }
    }
    assertArrayEquals(want, r);
  }
}
