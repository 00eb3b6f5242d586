package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * SZIP (HDF5 filter 4) as HDF5 stores it with libaec's szip library (libexodus {@code
 * EX_COMPRESS_SZIP}, netCDF-C {@code nc_def_var_szip}): the decoded size (4 bytes, little-endian),
 * then CCSDS 121.0-B adaptive entropy coded samples ({@link AecDecoder}). Client data: {@code
 * [options mask, pixels per block, bits per pixel, pixels per scanline]}; the mask's bit 32 is the
 * preprocessor (nearest neighbour), bit 16 most significant byte first. Each scanline is coded as
 * whole blocks (padded); 32- and 64-bit values are coded as 8-bit samples, byte plane by byte
 * plane. Decoding only.
 */
public final class SzipFilter implements Filter {
  /** The HDF5 filter id of SZIP. */
  public static final int ID = 4;

  private static final int MSB_OPTION = 16;
  private static final int NN_OPTION = 32;

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "szip";
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    if (clientData == null || clientData.length < 4) {
      throw CodecIo.damaged(
          "szip",
          "client data has " + (clientData == null ? 0 : clientData.length) + " values, not 4");
    }
    int mask = clientData[0];
    int ppb = clientData[1];
    int bpp = clientData[2];
    int ppsl = clientData[3];
    // HDF5 writes at most 128 blocks per scanline (SZ_MAX_BLOCKS_PER_SCANLINE): the decoder's
    // interval buffer stays below 128 x 64 samples whatever the filter message claims.
    if (ppb < 2 || ppb > 64 || ppsl < 1 || ppsl > 128 * ppb || bpp < 1 || bpp > 32 && bpp != 64) {
      throw CodecIo.damaged(
          "szip",
          "parameters pixels per block "
              + ppb
              + ", pixels per scanline "
              + ppsl
              + ", bits per pixel "
              + bpp);
    }
    byte[] in = CodecIo.array(src);
    int p = CodecIo.start(src);
    int end = p + src.remaining();
    if (end - p < 4) {
      throw CodecIo.damaged("szip", (end - p) + " bytes, shorter than the 4-byte size");
    }
    int total = CodecIo.checkSize("szip", CodecIo.leInt(in, p) & 0xFFFFFFFFL, maxDecodedBytes);
    p += 4;
    boolean interleaved = bpp == 32 || bpp == 64;
    int bps = interleaved ? 8 : bpp;
    int pixelSize = bps > 16 ? 4 : bps > 8 ? 2 : 1;
    int rsi = (ppsl + ppb - 1) / ppb;
    int samples = total / pixelSize;
    ByteBuffer out = CodecIo.output(scratch, total);
    byte[] o = out.array();
    int base = out.arrayOffset();
    boolean pp = (mask & NN_OPTION) != 0;
    boolean msb = (mask & MSB_OPTION) != 0;
    if (interleaved) {
      byte[] planes = new byte[total];
      AecDecoder.decode(in, p, end, bps, ppb, rsi, ppsl, pp, msb, planes, 0, samples);
      int word = bpp / 8;
      int words = total / word;
      for (int i = 0; i < words; i++) {
        for (int j = 0; j < word; j++) {
          o[base + i * word + j] = planes[j * words + i];
        }
      }
    } else {
      AecDecoder.decode(in, p, end, bps, ppb, rsi, ppsl, pp, msb, o, base, samples);
    }
    return out;
  }
}
