package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * bitshuffle (HDF5 filter 32008), with or without its LZ4 compression. Client data: {@code [major,
 * minor, element size, block size in values (0: the default), compression (0 none, 2 LZ4)]}. The
 * values are transposed bit by bit in blocks ({@link BitTranspose}); the values after the last
 * multiple of 8 are stored as they are. With LZ4 the chunk starts with the decoded size (8 bytes,
 * big-endian) and the block size in bytes (4 bytes), and each block is its stored size (4 bytes)
 * and an LZ4 block.
 */
public final class BitshuffleFilter implements Filter {
  /** The HDF5 filter id registered for bitshuffle. */
  public static final int ID = 32008;

  private static final int COMPRESS_NONE = 0;
  private static final int COMPRESS_LZ4 = 2;
  private static final int COMPRESS_ZSTD = 3;

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "bitshuffle";
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    int size = CodecIo.param(clientData, 2, elementSize);
    if (size <= 0) {
      size = elementSize;
    }
    int compression = CodecIo.param(clientData, 4, COMPRESS_NONE);
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    int end = p + src.remaining();
    int total;
    int blockValues;
    if (compression == COMPRESS_LZ4) {
      if (end - p < 12) {
        throw CodecIo.damaged("bitshuffle", (end - p) + " bytes, shorter than the 12-byte header");
      }
      total = CodecIo.checkSize("bitshuffle", CodecIo.beLong(in, p), maxDecodedBytes);
      blockValues = CodecIo.beInt(in, p + 8) / size;
      p += 12;
    } else if (compression == COMPRESS_NONE) {
      total = CodecIo.checkSize("bitshuffle", end - p, maxDecodedBytes);
      blockValues = CodecIo.param(clientData, 3, 0);
    } else if (compression == COMPRESS_ZSTD) {
      throw new IOException("bitshuffle with zstd compression is not supported (LZ4 and none are)");
    } else {
      throw CodecIo.damaged("bitshuffle", "unknown compression " + compression);
    }
    if (total % size != 0) {
      throw CodecIo.damaged(
          "bitshuffle", total + " bytes is not a whole number of " + size + "-byte values");
    }
    if (blockValues == 0) {
      blockValues = Math.max((8192 / size) / 8 * 8, 128);
    }
    if (blockValues < 0 || blockValues % 8 != 0) {
      throw CodecIo.damaged(
          "bitshuffle", "block size " + blockValues + " is not a multiple of 8 values");
    }
    ByteBuffer out = CodecIo.output(scratch, total);
    byte[] o = out.array();
    int base = out.arrayOffset();
    int n = total / size;
    byte[] tmp = compression == COMPRESS_LZ4 ? CodecIo.temp(Math.min(blockValues, n) * size) : null;
    int done = 0;
    while (done < n) {
      int m = Math.min(blockValues, n - done);
      m -= m % 8;
      if (m == 0) {
        break;
      }
      int bytes = m * size;
      if (compression == COMPRESS_LZ4) {
        if (end - p < 4) {
          throw CodecIo.damaged("bitshuffle", "ends before the block of value " + done);
        }
        long stored = CodecIo.beInt(in, p) & 0xFFFFFFFFL;
        p += 4;
        if (stored > end - p) {
          throw CodecIo.damaged(
              "bitshuffle", "block claims " + stored + " bytes, " + (end - p) + " left");
        }
        Lz4Block.decode(in, p, (int) stored, tmp, 0, bytes, "bitshuffle");
        BitTranspose.untranspose(tmp, 0, o, base + done * size, m, size);
        p += (int) stored;
      } else {
        BitTranspose.untranspose(in, p, o, base + done * size, m, size);
        p += bytes;
      }
      done += m;
    }
    int rest = (n - done) * size;
    if (end - p < rest) {
      throw CodecIo.damaged("bitshuffle", "ends " + (rest - (end - p)) + " bytes early");
    }
    System.arraycopy(in, p, o, base + done * size, rest);
    return out;
  }
}
