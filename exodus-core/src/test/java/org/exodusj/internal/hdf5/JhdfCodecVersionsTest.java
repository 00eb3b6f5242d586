package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Lz4Filter;
import io.jhdf.filter.LzfFilter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/**
 * The LZF and LZ4 codecs are raised above the versions jHDF 0.13.0 was built with
 * (docs/dependencies.md): jHDF's filters, which the filter registry falls back on, still decode
 * with them. No corpus file uses these filters, so this is the only test of that path.
 */
class JhdfCodecVersionsTest {

  @Test
  void lzfDecodesAHandAssembledChunk() {
    // Raw LZF: a literal run of 3 bytes (control 3 - 1), then a back reference of length 6
    // (control (6 - 2) << 5) at distance 3 (low byte 3 - 1): "abc" + "abcabc".
    byte[] encoded = {0x02, 'a', 'b', 'c', (byte) 0x80, 0x02};
    byte[] decoded = new LzfFilter().decode(encoded, new int[] {0, 0, 9});
    assertArrayEquals("abcabcabc".getBytes(StandardCharsets.US_ASCII), decoded);
  }

  @Test
  void lzfBackReferenceBeforeTheStartIsAFilterError() {
    // A back reference of distance 6 as the first token: nothing to copy from.
    byte[] encoded = {(byte) 0x80, 0x05, 0x00};
    assertThrows(
        RuntimeException.class, () -> new LzfFilter().decode(encoded, new int[] {0, 0, 9}));
  }

  @Test
  void lz4DecodesTheHdf5BlockFormat() {
    // HDF5 LZ4 filter format: total size (8 bytes), block size (4), then per block its stored
    // size (4) and bytes; a block stored at full size is raw. Big-endian throughout.
    byte[] data = new byte[100_000];
    ByteBuffer values = ByteBuffer.wrap(data);
    for (int i = 0; values.remaining() >= 8; i++) {
      values.putDouble(Math.floor(i / 7.0) * 0.25);
    }
    int blockSize = 1 << 15;
    LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().fastCompressor();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(12).putLong(data.length).putInt(blockSize).array());
    for (int off = 0, block = 0; off < data.length; off += blockSize, block++) {
      int len = Math.min(blockSize, data.length - off);
      byte[] stored;
      if (block == 1) {
        stored = Arrays.copyOfRange(data, off, off + len); // raw block
      } else {
        byte[] buf = new byte[lz4.maxCompressedLength(len)];
        int n = lz4.compress(data, off, len, buf, 0, buf.length);
        stored = Arrays.copyOf(buf, n);
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt(stored.length).array());
      out.writeBytes(stored);
    }
    assertArrayEquals(data, new Lz4Filter().decode(out.toByteArray(), new int[0]));
  }

  @Test
  void lz4CorruptBlockIsAFilterError() {
    byte[] encoded =
        ByteBuffer.allocate(12 + 4 + 3)
            .putLong(64)
            .putInt(64)
            .putInt(3)
            .put(new byte[] {(byte) 0xf0, 1, 2})
            .array();
    assertThrows(HdfFilterException.class, () -> new Lz4Filter().decode(encoded, new int[0]));
  }
}
