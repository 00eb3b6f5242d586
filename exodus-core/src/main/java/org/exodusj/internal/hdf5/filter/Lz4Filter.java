package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * LZ4 (HDF5 filter 32004) in the framing of the HDF5 LZ4 plugin: the decoded size (8 bytes,
 * big-endian), the block size (4 bytes), then per block its stored size (4 bytes) and an LZ4 block,
 * or the block's bytes as they are where LZ4 saved nothing. Client data: {@code [block size]}
 * (optional; 0 or absent is one block per chunk up to 1 GiB). Blocks are decoded by {@link
 * Lz4Block} and encoded by lz4-java's pure-Java (safe) compressor; its native code is never loaded.
 */
public final class Lz4Filter implements Filter {
  /** The HDF5 filter id registered for LZ4. */
  public static final int ID = 32004;

  private static final int DEFAULT_BLOCK_SIZE = 1 << 30;
  private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "lz4";
  }

  @Override
  public boolean canEncode() {
    return true;
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    int end = p + src.remaining();
    if (end - p < 12) {
      throw CodecIo.damaged("lz4", (end - p) + " bytes, shorter than the 12-byte header");
    }
    int total = CodecIo.checkSize("lz4", CodecIo.beLong(in, p), maxDecodedBytes);
    long blockSize = CodecIo.beInt(in, p + 8) & 0xFFFFFFFFL;
    if (blockSize > total) {
      blockSize = total;
    }
    if (blockSize == 0 && total > 0) {
      throw CodecIo.damaged("lz4", "block size 0 for " + total + " bytes");
    }
    ByteBuffer out = CodecIo.output(scratch, total);
    byte[] o = out.array();
    int base = out.arrayOffset();
    decodeBlocks(in, p + 12, end, o, base, total, (int) blockSize);
    return out;
  }

  /** Decodes the blocks of {@code in[p, end)} into {@code o[base, base + total)}. */
  static void decodeBlocks(byte[] in, int p, int end, byte[] o, int base, int total, int blockSize)
      throws IOException {
    int done = 0;
    while (done < total) {
      int n = Math.min(blockSize, total - done);
      if (end - p < 4) {
        throw CodecIo.damaged("lz4", "ends at byte " + p + " before the block at " + done);
      }
      long stored = CodecIo.beInt(in, p) & 0xFFFFFFFFL;
      p += 4;
      if (stored > end - p) {
        throw CodecIo.damaged(
            "lz4", "block at byte " + p + " claims " + stored + " bytes, " + (end - p) + " left");
      }
      if (stored == n) {
        System.arraycopy(in, p, o, base + done, n);
      } else {
        Lz4Block.decode(in, p, (int) stored, o, base + done, n, "lz4");
      }
      p += (int) stored;
      done += n;
    }
  }

  @Override
  public ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch)
      throws IOException {
    int param = CodecIo.param(clientData, 0, 0);
    int total = src.remaining();
    int blockSize = param > 0 ? param : DEFAULT_BLOCK_SIZE;
    if (total < blockSize) {
      blockSize = total;
    }
    int blocks = total == 0 ? 0 : (total - 1) / blockSize + 1;
    long bound = 12L + (long) blocks * (4 + COMPRESSOR.maxCompressedLength(blockSize));
    if (bound > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("lz4: chunk of " + total + " bytes too large to encode");
    }
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    ByteBuffer out = CodecIo.output(scratch, (int) bound);
    byte[] o = out.array();
    int base = out.arrayOffset();
    CodecIo.putBeLong(o, base, total);
    CodecIo.putBeInt(o, base + 8, blockSize);
    int q = base + 12;
    for (int done = 0; done < total; ) {
      int n = Math.min(blockSize, total - done);
      int c = COMPRESSOR.compress(in, p + done, n, o, q + 4, o.length - q - 4);
      if (c >= n) {
        System.arraycopy(in, p + done, o, q + 4, n);
        c = n;
      }
      CodecIo.putBeInt(o, q, c);
      q += 4 + c;
      done += n;
    }
    out.clear().limit(q - base);
    return out;
  }
}
