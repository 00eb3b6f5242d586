package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * blosc (HDF5 filter 32001, the blosc1 HDF5 filter): each chunk one blosc1 buffer. Its 16-byte
 * header (version, codec version, flags, type size, then little-endian decoded size, block size and
 * stored size) is followed by the start of each block, and each block by its splits (a stored size,
 * then the split compressed, or as it is where the stored size equals the split's size). The flags
 * say byte shuffle (1), stored as it is (2), bit shuffle (4), no splits (16) and the codec (bits
 * 5-7: blosclz, LZ4 and LZ4HC, zlib, zstd; snappy is refused with a clear error). Client data:
 * {@code [filter revision, blosc version, type size, chunk bytes, level, shuffle, codec]}; the
 * header alone decides the decoding.
 */
public final class BloscFilter implements Filter {
  /** The HDF5 filter id registered for blosc. */
  public static final int ID = 32001;

  private static final int HEADER = 16;
  private static final int DOSHUFFLE = 0x1;
  private static final int MEMCPYED = 0x2;
  private static final int DOBITSHUFFLE = 0x4;
  private static final int DONT_SPLIT = 0x10;
  private static final int MAX_SPLITS = 16;
  private static final int MIN_BUFFERSIZE = 128;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final String[] CODECS = {"blosclz", "lz4", "snappy", "zlib", "zstd"};

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "blosc";
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    byte[] in = CodecIo.array(src);
    int p0 = CodecIo.start(src);
    int length = src.remaining();
    if (length < HEADER) {
      throw CodecIo.damaged("blosc", length + " bytes, shorter than the 16-byte header");
    }
    int version = in[p0] & 0xFF;
    int flags = in[p0 + 2] & 0xFF;
    int typesize = in[p0 + 3] & 0xFF;
    int nbytes =
        CodecIo.checkSize("blosc", CodecIo.leInt(in, p0 + 4) & 0xFFFFFFFFL, maxDecodedBytes);
    long blocksize = CodecIo.leInt(in, p0 + 8) & 0xFFFFFFFFL;
    long cbytes = CodecIo.leInt(in, p0 + 12) & 0xFFFFFFFFL;
    if (cbytes > length) {
      throw CodecIo.damaged(
          "blosc", "header claims " + cbytes + " stored bytes, chunk has " + length);
    }
    if (version == 0 || version > 3) {
      throw CodecIo.damaged("blosc", "unknown format version " + version);
    }
    ByteBuffer out = CodecIo.output(scratch, nbytes);
    byte[] o = out.array();
    int base = out.arrayOffset();
    if ((flags & MEMCPYED) != 0) {
      if (HEADER + (long) nbytes > length) {
        throw CodecIo.damaged(
            "blosc", "stored as is, but " + (length - HEADER) + " bytes for " + nbytes);
      }
      System.arraycopy(in, p0 + HEADER, o, base, nbytes);
      return out;
    }
    if (nbytes == 0) {
      return out;
    }
    if (blocksize == 0) {
      throw CodecIo.damaged("blosc", "block size 0");
    }
    int bsize = (int) Math.min(blocksize, nbytes);
    if (typesize == 0) {
      throw CodecIo.damaged("blosc", "type size 0");
    }
    int codec = (flags >>> 5) & 0x7;
    int nblocks = (int) ((nbytes + (long) bsize - 1) / bsize);
    if (HEADER + 4L * nblocks > length) {
      throw CodecIo.damaged("blosc", nblocks + " block starts do not fit in " + length + " bytes");
    }
    boolean shuffled = (flags & (DOSHUFFLE | DOBITSHUFFLE)) != 0;
    byte[] tmp = shuffled ? CodecIo.temp(bsize) : null;
    Inflater inflater = codec == 3 ? new Inflater() : null;
    try {
      for (int j = 0; j < nblocks; j++) {
        int start = j * bsize;
        int n = Math.min(bsize, nbytes - start);
        boolean leftover = n < bsize;
        long bstart = CodecIo.leInt(in, p0 + HEADER + 4 * j) & 0xFFFFFFFFL;
        if (bstart < HEADER + 4L * nblocks || bstart >= length) {
          throw CodecIo.damaged("blosc", "block " + j + " starts at " + bstart + " of " + length);
        }
        byte[] dst = shuffled ? tmp : o;
        int dp = shuffled ? 0 : base + start;
        int nsplits =
            (flags & DONT_SPLIT) == 0
                    && typesize <= MAX_SPLITS
                    && n / typesize >= MIN_BUFFERSIZE
                    && !leftover
                ? typesize
                : 1;
        int neblock = n / nsplits;
        int sp = p0 + (int) bstart;
        int end = p0 + length;
        for (int s = 0; s < nsplits; s++) {
          if (end - sp < 4) {
            throw CodecIo.damaged("blosc", "block " + j + " ends early");
          }
          long c = CodecIo.leInt(in, sp) & 0xFFFFFFFFL;
          sp += 4;
          if (c > end - sp) {
            throw CodecIo.damaged(
                "blosc", "block " + j + " claims " + c + " bytes, " + (end - sp) + " left");
          }
          if (c == neblock) {
            System.arraycopy(in, sp, dst, dp, neblock);
          } else {
            decodeSplit(codec, in, sp, (int) c, dst, dp, neblock, inflater);
          }
          sp += (int) c;
          dp += neblock;
        }
        if ((flags & DOSHUFFLE) != 0) {
          unshuffle(tmp, 0, o, base + start, n, typesize);
        } else if ((flags & DOBITSHUFFLE) != 0) {
          bitunshuffle(tmp, o, base + start, n, typesize, version);
        }
      }
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
    return out;
  }

  private static void decodeSplit(
      int codec, byte[] in, int p, int c, byte[] o, int op, int n, Inflater inflater)
      throws IOException {
    switch (codec) {
      case 0 -> BloscLz.decode(in, p, c, o, op, n);
      case 1 -> Lz4Block.decode(in, p, c, o, op, n, "blosc");
      case 3 -> {
        inflater.reset();
        inflater.setInput(in, p, c);
        int got = 0;
        try {
          while (got < n) {
            int r = inflater.inflate(o, op + got, n - got);
            if (r == 0
                && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
              break;
            }
            got += r;
          }
        } catch (DataFormatException e) {
          throw CodecIo.damaged("blosc", "zlib split: " + e.getMessage(), e);
        }
        if (got != n || !inflater.finished()) {
          throw CodecIo.damaged("blosc", "zlib split gives " + got + " bytes, not " + n);
        }
      }
      case 4 -> Zstd.decode(in, p, c, o, op, n, "blosc");
      default ->
          throw new IOException(
              "blosc codec "
                  + (codec < CODECS.length ? CODECS[codec] : Integer.toString(codec))
                  + " is not supported (blosclz, lz4, lz4hc, zlib and zstd are)");
    }
  }

  /** Blosc's byte unshuffle of one block: whole values transposed, the rest as it is. */
  static void unshuffle(byte[] in, int ip, byte[] out, int op, int n, int typesize) {
    int values = n / typesize;
    switch (typesize) {
      case 8 -> {
        int i = 0;
        for (; i + 8 <= values; i += 8) {
          int s = ip + i;
          long r0 = (long) LONG_LE.get(in, s);
          long r1 = (long) LONG_LE.get(in, s + values);
          long r2 = (long) LONG_LE.get(in, s + 2 * values);
          long r3 = (long) LONG_LE.get(in, s + 3 * values);
          long r4 = (long) LONG_LE.get(in, s + 4 * values);
          long r5 = (long) LONG_LE.get(in, s + 5 * values);
          long r6 = (long) LONG_LE.get(in, s + 6 * values);
          long r7 = (long) LONG_LE.get(in, s + 7 * values);
          // The 8 x 8 byte matrix (plane, value) transposed in three rounds of block swaps.
          long t;
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
          t = ((r0 >>> 32) ^ r4) & 0x00000000FFFFFFFFL;
          r0 ^= t << 32;
          r4 ^= t;
          t = ((r1 >>> 32) ^ r5) & 0x00000000FFFFFFFFL;
          r1 ^= t << 32;
          r5 ^= t;
          t = ((r2 >>> 32) ^ r6) & 0x00000000FFFFFFFFL;
          r2 ^= t << 32;
          r6 ^= t;
          t = ((r3 >>> 32) ^ r7) & 0x00000000FFFFFFFFL;
          r3 ^= t << 32;
          r7 ^= t;
          int d = op + 8 * i;
          LONG_LE.set(out, d, r0);
          LONG_LE.set(out, d + 8, r1);
          LONG_LE.set(out, d + 16, r2);
          LONG_LE.set(out, d + 24, r3);
          LONG_LE.set(out, d + 32, r4);
          LONG_LE.set(out, d + 40, r5);
          LONG_LE.set(out, d + 48, r6);
          LONG_LE.set(out, d + 56, r7);
        }
        for (; i < values; i++) {
          int s = ip + i;
          long v = 0;
          for (int j = 0; j < 8; j++) {
            v |= (in[s + j * values] & 0xFFL) << (8 * j);
          }
          LONG_LE.set(out, op + 8 * i, v);
        }
      }
      case 4 -> {
        int i = 0;
        for (; i + 4 <= values; i += 4) {
          int s = ip + i;
          int r0 = (int) INT_LE.get(in, s);
          int r1 = (int) INT_LE.get(in, s + values);
          int r2 = (int) INT_LE.get(in, s + 2 * values);
          int r3 = (int) INT_LE.get(in, s + 3 * values);
          // The 4 x 4 byte matrix (plane, value) transposed in two rounds of block swaps.
          int t;
          t = ((r0 >>> 8) ^ r1) & 0x00FF00FF;
          r0 ^= t << 8;
          r1 ^= t;
          t = ((r2 >>> 8) ^ r3) & 0x00FF00FF;
          r2 ^= t << 8;
          r3 ^= t;
          t = ((r0 >>> 16) ^ r2) & 0x0000FFFF;
          r0 ^= t << 16;
          r2 ^= t;
          t = ((r1 >>> 16) ^ r3) & 0x0000FFFF;
          r1 ^= t << 16;
          r3 ^= t;
          int d = op + 4 * i;
          INT_LE.set(out, d, r0);
          INT_LE.set(out, d + 4, r1);
          INT_LE.set(out, d + 8, r2);
          INT_LE.set(out, d + 12, r3);
        }
        for (; i < values; i++) {
          int s = ip + i;
          int v =
              (in[s] & 0xFF)
                  | (in[s + values] & 0xFF) << 8
                  | (in[s + 2 * values] & 0xFF) << 16
                  | (in[s + 3 * values] & 0xFF) << 24;
          INT_LE.set(out, op + 4 * i, v);
        }
      }
      default -> {
        for (int j = 0; j < typesize; j++) {
          int s = ip + j * values;
          for (int i = 0; i < values; i++) {
            out[op + i * typesize + j] = in[s + i];
          }
        }
      }
    }
    int done = values * typesize;
    System.arraycopy(in, ip + done, out, op + done, n - done);
  }

  /**
   * Blosc's bit unshuffle of one block: format version 2 transposes a block only when its values
   * are a multiple of 8 (otherwise it is stored as it is); later versions transpose the largest
   * multiple of 8 and store the rest as it is.
   */
  private static void bitunshuffle(
      byte[] in, byte[] out, int op, int n, int typesize, int version) {
    int values = n / typesize;
    if (version <= 2 && values % 8 != 0) {
      System.arraycopy(in, 0, out, op, n);
      return;
    }
    values -= values % 8;
    BitTranspose.untranspose(in, 0, out, op, values, typesize);
    int done = values * typesize;
    System.arraycopy(in, done, out, op + done, n - done);
  }
}
