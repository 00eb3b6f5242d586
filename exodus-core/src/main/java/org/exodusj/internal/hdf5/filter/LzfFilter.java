package org.exodusj.internal.hdf5.filter;

import com.ning.compress.lzf.ChunkDecoder;
import com.ning.compress.lzf.util.ChunkDecoderFactory;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * LZF (HDF5 filter 32000, h5py's filter): each chunk one raw LZF block. Client data: {@code [filter
 * revision, LZF version, chunk size in bytes]}; the decoded size is the chunk size. The codec is
 * compress-lzf's safe (pure-Java, bounds-checked) decoder.
 */
public final class LzfFilter implements Filter {
  /** The HDF5 filter id registered for LZF. */
  public static final int ID = 32000;

  private static final ChunkDecoder DECODER = ChunkDecoderFactory.safeInstance();

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "lzf";
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    int size = CodecIo.param(clientData, 2, 0);
    int n =
        CodecIo.checkSize("lzf", size == 0 ? maxDecodedBytes : size & 0xFFFFFFFFL, maxDecodedBytes);
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    ByteBuffer out = CodecIo.output(scratch, n);
    try {
      DECODER.decodeChunk(
          in, p, p + src.remaining(), out.array(), out.arrayOffset(), out.arrayOffset() + n);
    } catch (IOException | RuntimeException e) {
      throw CodecIo.damaged("lzf", String.valueOf(e.getMessage()), e);
    }
    return out;
  }
}
