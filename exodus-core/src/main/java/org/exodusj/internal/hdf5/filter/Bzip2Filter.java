package org.exodusj.internal.hdf5.filter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 (HDF5 filter 307) as the HDF5 bzip2 plugin stores it: each chunk one bzip2 stream. Client
 * data: {@code [block size in 100 k, 1..9]} (netCDF-C's {@code nccopy -F "*,307,9"}). Apache
 * Commons Compress is the codec.
 */
public final class Bzip2Filter implements Filter {
  /** The HDF5 filter id registered for bzip2. */
  public static final int ID = 307;

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "bzip2";
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
    ByteBuffer out = CodecIo.output(scratch, maxDecodedBytes);
    byte[] o = out.array();
    int base = out.arrayOffset();
    int n = 0;
    try (InputStream z =
        new BZip2CompressorInputStream(new ByteArrayInputStream(in, p, src.remaining()), false)) {
      while (n < maxDecodedBytes) {
        int r = z.read(o, base + n, maxDecodedBytes - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      if (n == maxDecodedBytes && z.read() >= 0) {
        throw CodecIo.damaged(
            "bzip2", "decodes to more than the chunk's " + maxDecodedBytes + " bytes");
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("bzip2 data damaged")) {
        throw e;
      }
      throw CodecIo.damaged("bzip2", String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw CodecIo.damaged("bzip2", e.toString(), e);
    }
    out.limit(n);
    return out;
  }

  @Override
  public ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch)
      throws IOException {
    int level = level(CodecIo.param(clientData, 0, 9));
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(src.remaining() / 4 + 64);
    try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(bytes, level)) {
      z.write(in, p, src.remaining());
    }
    byte[] b = bytes.toByteArray();
    ByteBuffer out = CodecIo.output(scratch, b.length);
    System.arraycopy(b, 0, out.array(), out.arrayOffset(), b.length);
    return out;
  }

  /** {@code [level]}, 9 where the user gave none (the plugin's default). */
  @Override
  public int[] clientDataForWrite(int[] userParameters, int elementSize, long[] chunkShape) {
    if (userParameters.length > 1) {
      throw new IllegalArgumentException(
          "bzip2 takes one parameter (block size 1..9), got " + userParameters.length);
    }
    return new int[] {level(userParameters.length == 0 ? 9 : userParameters[0])};
  }

  private static int level(int level) {
    if (level < 1 || level > 9) {
      throw new IllegalArgumentException("bzip2 level must be 1..9, got " + level);
    }
    return level;
  }
}
