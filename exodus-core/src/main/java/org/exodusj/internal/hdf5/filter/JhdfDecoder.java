package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A decode-only filter backed by one of jHDF's decoders (LZF, LZ4, bitshuffle): the registry's
 * fallback for those ids where no codec of this library's own is registered.
 */
final class JhdfDecoder implements Filter {
  private final io.jhdf.filter.Filter jhdf;
  private final String name;

  JhdfDecoder(io.jhdf.filter.Filter jhdf, String name) {
    this.jhdf = jhdf;
    this.name = name;
  }

  @Override
  public int id() {
    return jhdf.getId();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    byte[] in = new byte[src.remaining()];
    src.duplicate().get(in);
    byte[] out;
    try {
      out = jhdf.decode(in, clientData);
    } catch (RuntimeException e) {
      throw new IOException(name + " failed: " + e.getMessage(), e);
    }
    if (out.length > maxDecodedBytes) {
      throw new IOException(
          name + " decodes to " + out.length + " bytes, more than the chunk's " + maxDecodedBytes);
    }
    return ByteBuffer.wrap(out);
  }
}
