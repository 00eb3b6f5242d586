package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * HDF5's deflate filter (id 1, zlib; client data: the level 0-9), with {@link java.util.zip}. One
 * inflater per thread, and one deflater per thread and level, reset between chunks: creating and
 * ending a native zlib stream per chunk cost more than inflating a chunk of a few values.
 */
public final class DeflateFilter implements Filter {
  public static final int ID = 1;

  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);
  private static final ThreadLocal<Deflater[]> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater[10]);

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "deflate";
  }

  @Override
  public boolean canEncode() {
    return true;
  }

  @Override
  public int[] clientDataForWrite(int[] userParameters, int elementSize, long[] chunkShape) {
    int level = userParameters.length > 0 ? userParameters[0] : 6;
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level + " is not in 0-9");
    }
    return new int[] {level};
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    ByteBuffer out =
        scratch != null && scratch.capacity() >= maxDecodedBytes
            ? scratch
            : ByteBuffer.allocate(maxDecodedBytes);
    out.clear().limit(maxDecodedBytes);
    Inflater inf = INFLATERS.get();
    inf.reset();
    try {
      inf.setInput(src.duplicate());
      while (!inf.finished() && out.hasRemaining()) {
        int k = inf.inflate(out);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("deflate stream ends early after " + out.position() + " bytes");
        }
      }
      if (!inf.finished()) {
        throw new IOException(
            "deflate stream holds more than the chunk's " + maxDecodedBytes + " bytes");
      }
      return out.flip();
    } catch (DataFormatException e) {
      throw new IOException("corrupt deflate stream: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  /**
   * Inflates {@code in[0, length)} into {@code out} (sized to the decoded chunk); returns the bytes
   * written. The fast path of reads: no buffer but {@code out}.
   */
  public static int inflateInto(byte[] in, int length, byte[] out) throws IOException {
    Inflater inf = INFLATERS.get();
    inf.reset();
    try {
      inf.setInput(in, 0, length);
      int n = 0;
      while (!inf.finished() && n < out.length) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("deflate stream ends early after " + n + " bytes");
        }
        n += k;
      }
      if (!inf.finished()) {
        throw new IOException(
            "deflate stream holds more than the chunk's " + out.length + " bytes");
      }
      return n;
    } catch (DataFormatException e) {
      throw new IOException("corrupt deflate stream: " + e.getMessage(), e);
    } finally {
      inf.reset();
    }
  }

  @Override
  public ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch) {
    int level = clientData.length > 0 ? Math.max(0, Math.min(9, clientData[0])) : 6;
    Deflater[] ds = DEFLATERS.get();
    Deflater d = ds[level];
    if (d == null) {
      d = ds[level] = new Deflater(level);
    }
    d.reset();
    int len = src.remaining();
    // zlib's bound for stored blocks is len + 5 per 16 KiB + 6; room for a checksum after it too
    int bound = len + (len >>> 10) + 64;
    ByteBuffer out =
        scratch != null && scratch.capacity() >= bound ? scratch : ByteBuffer.allocate(bound);
    out.clear();
    d.setInput(src.duplicate());
    d.finish();
    while (!d.finished()) {
      if (!out.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(2 * out.capacity());
        out.flip();
        bigger.put(out);
        out = bigger;
      }
      d.deflate(out);
    }
    d.reset();
    return out.flip();
  }
}
