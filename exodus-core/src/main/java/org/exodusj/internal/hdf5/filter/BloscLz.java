package org.exodusj.internal.hdf5.filter;

import java.io.IOException;

/**
 * The decoder of blosclz, blosc's own LZ77 codec (FastLZ level 1 with longer distances). Control
 * byte: below 32 a run of {@code ctrl + 1} literals; else a match of {@code (ctrl >> 5) + 2} bytes
 * (7 adds following bytes while they are 255) at a distance of {@code (ctrl & 31) << 8} plus the
 * next byte plus 1, or, where those give 31 and 255, 8192 plus the next two bytes (big-endian). The
 * first control byte's top 3 bits are a marker and ignored. Every copy is checked.
 */
final class BloscLz {
  private static final int MAX_DISTANCE = 8191;

  private BloscLz() {}

  static void decode(byte[] in, int p, int length, byte[] o, int op, int n) throws IOException {
    int ip = p;
    int ipLimit = p + length;
    int start = op;
    int opLimit = op + n;
    if (length == 0) {
      throw CodecIo.damaged("blosc", "empty blosclz split");
    }
    int ctrl = in[ip++] & 31;
    while (true) {
      if (ctrl >= 32) {
        int len = (ctrl >>> 5) - 1;
        int ofs = (ctrl & 31) << 8;
        if (len == 6) {
          int code;
          do {
            if (ip >= ipLimit) {
              throw ends();
            }
            code = in[ip++] & 0xFF;
            len += code;
          } while (code == 255);
        }
        if (ip >= ipLimit) {
          throw ends();
        }
        int code = in[ip++] & 0xFF;
        long distance = ofs + code;
        if (code == 255 && ofs == (31 << 8)) {
          if (ip + 1 >= ipLimit) {
            throw ends();
          }
          distance = (((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF)) + (long) MAX_DISTANCE;
          ip += 2;
        }
        int ref = (int) (op - distance - 1);
        len += 3;
        if (len > opLimit - op) {
          throw CodecIo.damaged("blosc", "blosclz match past the end of the split");
        }
        if (ref < start) {
          throw CodecIo.damaged("blosc", "blosclz match before the start of the split");
        }
        Lz4Block.copyMatch(o, op, op - ref, len);
        op += len;
      } else {
        int len = ctrl + 1;
        if (len > opLimit - op || len > ipLimit - ip) {
          throw CodecIo.damaged("blosc", "blosclz literals past the end");
        }
        System.arraycopy(in, ip, o, op, len);
        op += len;
        ip += len;
      }
      if (ip >= ipLimit) {
        break;
      }
      ctrl = in[ip++] & 0xFF;
    }
    if (op != opLimit) {
      throw CodecIo.damaged("blosc", "blosclz split gives " + (op - start) + " bytes, not " + n);
    }
  }

  private static IOException ends() {
    return CodecIo.damaged("blosc", "blosclz split ends inside a match");
  }
}
