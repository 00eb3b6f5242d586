package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edges of the filters that need no C tool: registration, caller mistakes, empty chunks, the
 * LZ4 framing assembled by hand from the HDF5 plugin's description, sizes that claim more than the
 * chunk, scratch reuse.
 */
class FilterEdgesTest {
  private final Map<Integer, Filter> filters = FilterTools.registered();

  @Test
  void everyCodecIsRegisteredOnceByItsId() {
    assertEquals(
        Map.of(
            4,
            "szip",
            307,
            "bzip2",
            32000,
            "lzf",
            32001,
            "blosc",
            32004,
            "lz4",
            32008,
            "bitshuffle"),
        Map.copyOf(
            filters.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().name()))));
    assertTrue(filters.get(307).canEncode());
    assertTrue(filters.get(32004).canEncode());
    assertTrue(!filters.get(4).canEncode() && !filters.get(32001).canEncode());
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> filters.get(4).encode(ByteBuffer.allocate(8), new int[0], 8, null));
    assertEquals("szip (HDF5 filter 4) cannot encode", e.getMessage());
  }

  @Test
  void callerMistakesAreUncheckedWithTheNumbers() {
    Filter bzip2 = filters.get(307);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bzip2.clientDataForWrite(new int[] {10}, 8, new long[] {4}));
    assertEquals("bzip2 level must be 1..9, got 10", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> bzip2.clientDataForWrite(new int[] {1, 2}, 8, new long[] {4}));
  }

  @Test
  void lz4FramingAssembledByHand() throws IOException {
    // 8-byte total 10, 4-byte block size 6, then a block stored as it is (size 6 = block size) and
    // an LZ4 block of 4 bytes: token 0x40 (4 literals, no match), "WXYZ".
    byte[] chunk = {
      0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 6, 0, 0, 0, 6, 'a', 'b', 'c', 'd', 'e', 'f', 0, 0, 0, 5,
      0x40, 'W', 'X', 'Y', 'Z'
    };
    ByteBuffer out = filters.get(32004).decode(ByteBuffer.wrap(chunk), new int[0], 1, 10, null);
    assertArrayEquals(
        "abcdefWXYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), bytes(out));
    // A match: 2 literals "ab", offset 2, match length 4 + 2 = 6 (overlapping), then the last
    // sequence (literals only, here none) -> "abababab".
    byte[] match = {0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, 6, 0x22, 'a', 'b', 2, 0, 0};
    ByteBuffer m = filters.get(32004).decode(ByteBuffer.wrap(match), new int[0], 1, 8, null);
    assertArrayEquals("abababab".getBytes(java.nio.charset.StandardCharsets.US_ASCII), bytes(m));
  }

  @Test
  void sizesClaimingMoreThanTheChunkAreRefusedBeforeAllocating() {
    byte[] lz4 = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1};
    IOException e =
        assertThrows(
            IOException.class,
            () -> filters.get(32004).decode(ByteBuffer.wrap(lz4), new int[0], 1, 1000, null));
    assertTrue(e.getMessage().contains("more than the chunk's 1000"), e.getMessage());
    byte[] szip = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0};
    e =
        assertThrows(
            IOException.class,
            () ->
                filters
                    .get(4)
                    .decode(ByteBuffer.wrap(szip), new int[] {141, 8, 32, 64}, 4, 1000, null));
    assertTrue(e.getMessage().contains("more than the chunk's 1000"), e.getMessage());
  }

  @Test
  void szipParametersHdf5NeverWritesAreRefused() {
    byte[] chunk = {16, 0, 0, 0, 0, 0, 0, 0};
    for (int[] cd :
        new int[][] {
          {141, 8, 32, 8 * 129}, {141, 1, 32, 8}, {141, 8, 33, 8}, {141, 8, 0, 8}, {141, 8, 32}
        }) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> filters.get(4).decode(ByteBuffer.wrap(chunk), cd, 4, 16, null));
      assertTrue(e.getMessage().startsWith("szip data damaged"), e.getMessage());
    }
  }

  @Test
  void emptyAndReusedBuffers() throws IOException {
    Filter lz4 = filters.get(32004);
    ByteBuffer enc = lz4.encode(ByteBuffer.allocate(0), new int[0], 8, null);
    assertEquals(12, enc.remaining());
    assertEquals(0, lz4.decode(enc, new int[0], 8, 0, null).remaining());
    byte[] data = FilterInteropTest.sample(100_000);
    ByteBuffer scratch = ByteBuffer.allocate(200_000);
    ByteBuffer e2 = lz4.encode(ByteBuffer.wrap(data), new int[] {4096}, 8, null);
    ByteBuffer d = lz4.decode(e2, new int[] {4096}, 8, data.length, scratch);
    assertSame(scratch, d);
    assertEquals(0, d.position());
    assertArrayEquals(data, bytes(d));
    Filter bzip2 = filters.get(307);
    ByteBuffer b = bzip2.encode(ByteBuffer.wrap(data), new int[] {1}, 8, null);
    assertArrayEquals(data, bytes(bzip2.decode(b, new int[] {1}, 8, data.length, null)));
    // One byte less room than the data needs: refused.
    assertThrows(IOException.class, () -> bzip2.decode(b, new int[] {1}, 8, data.length - 1, null));
  }

  private static byte[] bytes(ByteBuffer b) {
    return FilterInteropTest.bytes(b);
  }
}
