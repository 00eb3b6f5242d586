package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
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
  private static final String[] CODECS = {"blosclz", "lz4", "snappy", "zlib", "zstd"};

  /**
   * Per thread, where each byte plane of an 8-byte block lies: {@code p >= 0} at {@code in[p]} (a
   * split stored as it is), else at {@code tmp[-1 - p]} (decoded).
   */
  private static final ThreadLocal<int[]> PLANES = ThreadLocal.withInitial(() -> new int[8]);

  /** One inflater per thread for zlib splits (reset before each split), as deflate keeps one. */
  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

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
    Inflater inflater = codec == 3 ? INFLATERS.get() : null;
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
      // 8-byte values byte-shuffled into 8 splits (one per byte plane): a split stored as it is is
      // unshuffled from the input where it lies instead of being copied to the block first.
      boolean planes =
          (flags & DOSHUFFLE) != 0 && typesize == 8 && nsplits == 8 && n == 8 * neblock;
      int[] where = planes ? PLANES.get() : null;
      boolean anyStored = false;
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
        if (c == neblock && planes) {
          where[s] = sp;
          anyStored = true;
        } else if (c == neblock) {
          System.arraycopy(in, sp, dst, dp, neblock);
        } else {
          if (planes) where[s] = -1 - dp;
          decodeSplit(codec, in, sp, (int) c, dst, dp, neblock, inflater);
        }
        sp += (int) c;
        dp += neblock;
      }
      if (anyStored) {
        ShuffleFilter.unshufflePlanes(in, tmp, where, neblock, o, base + start);
      } else if ((flags & DOSHUFFLE) != 0) {
        unshuffle(tmp, 0, o, base + start, n, typesize);
      } else if ((flags & DOBITSHUFFLE) != 0) {
        bitunshuffle(tmp, o, base + start, n, typesize, version);
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
    ShuffleFilter.unshuffle(in, ip, n, typesize, out, op);
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
