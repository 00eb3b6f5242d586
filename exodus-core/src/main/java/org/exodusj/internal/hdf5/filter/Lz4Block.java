package org.exodusj.internal.hdf5.filter;

import java.io.IOException;

/**
 * A bounded decoder of one LZ4 block (the LZ4 block format: sequences of a token, literals, a
 * 2-byte little-endian offset and a match; the last sequence has literals only), copying literals
 * and matches in bulk. Every length, offset and copy is checked against the input and output.
 */
final class Lz4Block {
  private Lz4Block() {}

  /**
   * Decodes {@code in[p, p + length)}, which must give exactly {@code n} bytes, into {@code o[op,
   * op + n)}.
   */
  static void decode(byte[] in, int p, int length, byte[] o, int op, int n, String filter)
      throws IOException {
    int ip = p;
    int end = p + length;
    int start = op;
    int opEnd = op + n;
    if (length <= 0) {
      throw CodecIo.damaged(filter, "empty LZ4 block");
    }
    while (true) {
      if (ip >= end) {
        throw damaged(filter, p, "ends inside a sequence");
      }
      int token = in[ip++] & 0xFF;
      int lit = token >>> 4;
      if (lit == 15) {
        int b;
        do {
          if (ip >= end) {
            throw damaged(filter, p, "ends inside a literal length");
          }
          b = in[ip++] & 0xFF;
          lit += b;
        } while (b == 255 && lit < n);
      }
      if (lit > end - ip || lit > opEnd - op) {
        throw damaged(filter, p, "literals past the end");
      }
      System.arraycopy(in, ip, o, op, lit);
      ip += lit;
      op += lit;
      if (ip == end) {
        break;
      }
      if (end - ip < 2) {
        throw damaged(filter, p, "ends inside an offset");
      }
      int offset = (in[ip] & 0xFF) | ((in[ip + 1] & 0xFF) << 8);
      ip += 2;
      int len = token & 15;
      if (len == 15) {
        int b;
        do {
          if (ip >= end) {
            throw damaged(filter, p, "ends inside a match length");
          }
          b = in[ip++] & 0xFF;
          len += b;
        } while (b == 255 && len < n);
      }
      len += 4;
      if (offset == 0 || offset > op - start) {
        throw damaged(filter, p, "match offset " + offset + " before the start");
      }
      if (len > opEnd - op) {
        throw damaged(filter, p, "match past the end");
      }
      copyMatch(o, op, offset, len);
      op += len;
    }
    if (op != opEnd) {
      throw damaged(filter, p, "gives " + (op - start) + " bytes, not " + n);
    }
  }

  /**
   * Copies {@code len} bytes from {@code offset} bytes back to {@code op}, overlapping as LZ77
   * means it (a period of {@code offset}), in bulk.
   */
  static void copyMatch(byte[] o, int op, int offset, int len) {
    int ref = op - offset;
    if (offset >= len) {
      System.arraycopy(o, ref, o, op, len);
    } else if (offset == 1) {
      CodecIo.fill(o, op, op + len, o[ref]);
    } else {
      int done = 0;
      while (done < len) {
        int k = Math.min(len - done, op + done - ref);
        System.arraycopy(o, ref, o, op + done, k);
        done += k;
      }
    }
  }

  private static IOException damaged(String filter, int p, String what) {
    return CodecIo.damaged(filter, "LZ4 block at byte " + p + " " + what);
  }
}
