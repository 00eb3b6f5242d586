package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.object.message.FilterPipelineMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The one filter pipeline of reads, writes and patches: pipelines in the orders netCDF-C writes and
 * with HDF5's per-chunk filter mask; the stored bytes are assembled here by hand (java.util.zip,
 * HDF5's shuffle and Fletcher-32 layouts), not by the code under test; the filter pipeline message
 * is parsed back by jHDF.
 */
class FilterPipelineTest {
  private static final FilterPipeline.Stage SHUFFLE8 =
      new FilterPipeline.Stage(2, null, true, new int[] {8});
  private static final FilterPipeline.Stage FLETCHER =
      new FilterPipeline.Stage(3, null, false, null);

  private static FilterPipeline.Stage deflateStage(int level) {
    return new FilterPipeline.Stage(1, null, true, new int[] {level});
  }

  private static FilterPipeline pipeline(FilterPipeline.Stage... stages) {
    return FilterPipeline.of(List.of(stages));
  }

  private static byte[] data() {
    ByteBuffer b = ByteBuffer.allocate(8 * 100).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 100; i++) b.putDouble(i * 0.5 - 7);
    return b.array();
  }

  private static byte[] deflate(byte[] in, int level) {
    Deflater d = new Deflater(level);
    d.setInput(in);
    d.finish();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) o.write(buf, 0, d.deflate(buf));
    d.end();
    return o.toByteArray();
  }

  private static byte[] shuffle(byte[] in, int es) {
    int n = in.length / es;
    byte[] s = new byte[in.length];
    for (int i = 0; i < n; i++) for (int k = 0; k < es; k++) s[k * n + i] = in[i * es + k];
    return s;
  }

  private static byte[] fletcher(byte[] in) {
    // HDF5's Fletcher-32 over 16-bit big-endian words (odd last byte padded), appended LE
    long s1 = 0;
    long s2 = 0;
    for (int i = 0; i < in.length; i += 2) {
      int w = (in[i] & 0xFF) << 8 | (i + 1 < in.length ? in[i + 1] & 0xFF : 0);
      s1 = (s1 + w) % 65535;
      s2 = (s2 + s1) % 65535;
    }
    byte[] out = Arrays.copyOf(in, in.length + 4);
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(in.length, (int) (s2 << 16 | s1));
    return out;
  }

  @Test
  void fletcherBeforeDeflateAsNccopyWritesIt() throws IOException {
    byte[] d = data();
    byte[] stored = deflate(fletcher(d), 2); // pipeline [3, 1]
    FilterPipeline p = pipeline(FLETCHER, deflateStage(2));
    assertArrayEquals(d, p.decode(stored, 0, 8, d.length));
    assertArrayEquals(stored, p.encode(d, 8));
  }

  @Test
  void fletcherShuffleDeflate() throws IOException {
    byte[] d = data();
    FilterPipeline p = pipeline(FLETCHER, SHUFFLE8, deflateStage(1));
    // the 4 checksum bytes are not a whole element: HDF5 leaves them in place after the shuffle
    byte[] f = fletcher(d);
    byte[] sh = shuffle(Arrays.copyOf(f, d.length), 8);
    byte[] withTail = Arrays.copyOf(sh, f.length);
    System.arraycopy(f, d.length, withTail, d.length, 4);
    byte[] stored = deflate(withTail, 1);
    assertArrayEquals(d, p.decode(stored, 0, 8, d.length));
    assertArrayEquals(stored, p.encode(d, 8));
  }

  @Test
  void aFilterTheMaskMarksSkippedIsNotUndone() throws IOException {
    byte[] d = data();
    byte[] stored = deflate(d, 4); // shuffle (filter 0) skipped for this chunk: mask bit 0
    FilterPipeline p = pipeline(SHUFFLE8, deflateStage(4));
    assertArrayEquals(d, p.decode(stored, 1, 8, d.length));
    // and a chunk stored without any filter (mask 0b11)
    assertArrayEquals(d, p.decode(d, 3, 8, d.length));
    // the reads' path (a reused array to decode into) honours the mask too
    byte[] into = new byte[d.length];
    assertArrayEquals(d, p.decode(stored, stored.length, 1, 8, d.length, null, into));
  }

  @Test
  void aDamagedChunkIsRefusedNamingIt() {
    byte[] d = data();
    byte[] stored = deflate(fletcher(d), 2);
    FilterPipeline p = pipeline(FLETCHER, deflateStage(2));
    byte[] f = fletcher(d);
    f[10] ^= 1; // a flipped bit under a stale checksum
    byte[] flipped = deflate(f, 2);
    IOException e = assertThrows(IOException.class, () -> p.decode(flipped, 0, 8, d.length));
    assertTrue(e.getMessage().contains("Fletcher-32 checksum mismatch"), e.getMessage());
    byte[] cut = Arrays.copyOf(stored, stored.length / 2);
    IOException t = assertThrows(IOException.class, () -> p.decode(cut, 0, 8, d.length));
    assertTrue(t.getMessage().contains("deflate"), t.getMessage());
  }

  @Test
  void aChecksumOfHdf5Before163IsAcceptedAsHdf5AcceptsIt() throws IOException {
    // HDF5 before 1.6.3 stored the Fletcher-32 sum with the bytes of each 16-bit half swapped
    // (H5Zfletcher32.c accepts that form too); the one verifier takes both, and nothing else
    byte[] d = data();
    byte[] f = fletcher(d);
    byte[] reversed = f.clone();
    for (int i = 0; i < 4; i++) reversed[d.length + i] = f[d.length + 3 - i];
    for (int i = 0; i < 4; i += 2) { // swap the bytes of each half
      byte t = f[d.length + i];
      f[d.length + i] = f[d.length + i + 1];
      f[d.length + i + 1] = t;
    }
    assertFalse(Arrays.equals(f, fletcher(d)), "the swapped sum differs from the stored one");
    assertFalse(Arrays.equals(f, reversed));
    IOException e =
        assertThrows(IOException.class, () -> pipeline(FLETCHER).decode(reversed, 0, 8, d.length));
    assertTrue(e.getMessage().contains("Fletcher-32 checksum mismatch"), e.getMessage());
    byte[] stored = deflate(f, 3);
    FilterPipeline p = pipeline(FLETCHER, deflateStage(3));
    assertArrayEquals(d, p.decode(stored, 0, 8, d.length));
    byte[] into = new byte[d.length];
    assertArrayEquals(d, pipeline(FLETCHER).decode(f, f.length, 0, 8, d.length, null, into));
  }

  @Test
  void theMessageIsParsedBackByJhdf() {
    FilterPipeline.Stage foreign = new FilterPipeline.Stage(307, "bzip2", false, new int[] {9});
    FilterPipeline p = pipeline(SHUFFLE8, deflateStage(5), FLETCHER, foreign);
    FilterPipelineMessage m =
        new FilterPipelineMessage(
            ByteBuffer.wrap(p.message()).order(ByteOrder.LITTLE_ENDIAN), new BitSet());
    List<FilterPipelineMessage.FilterInfo> fs = m.getFilters();
    assertEquals(4, fs.size());
    int[][] expected = {{2, 8}, {1, 5}, {3}, {307, 9}};
    boolean[] optional = {true, true, false, false};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i][0], fs.get(i).getId(), "id of stage " + i);
      assertArrayEquals(
          Arrays.copyOfRange(expected[i], 1, expected[i].length), fs.get(i).getData(), "data " + i);
      assertEquals(optional[i], fs.get(i).isOptional(), "optional " + i);
    }
    assertEquals("bzip2", fs.get(3).getName());
    assertEquals(p, FilterPipeline.of(m)); // and back to the same pipeline
  }

  @Test
  void aFilterThisLibraryLacksIsNamedWhenAChunkNeedsIt() throws IOException {
    FilterPipeline p = pipeline(new FilterPipeline.Stage(31999, "made-up", false, null));
    assertEquals(31999, p.unsupported().id());
    assertFalse(p.canEncode());
    IOException e = assertThrows(IOException.class, () -> p.decode(data(), 0, 8, 800));
    assertTrue(
        e.getMessage().contains("HDF5 filter 31999 (made-up) is not supported"), e.getMessage());
    // a chunk stored with that filter skipped (mask bit set) is read without it
    assertArrayEquals(data(), p.decode(data(), 1, 8, 800));
  }

  @Test
  void anOptionalStageThatCannotEncodeIsSkippedAndMarkedInTheMask() throws IOException {
    byte[] d = data();
    FilterPipeline p =
        pipeline(new FilterPipeline.Stage(31999, "made-up", true, null), deflateStage(1));
    FilterPipeline.Scratch sc = new FilterPipeline.Scratch();
    p.encode(d, d.length, 8, sc);
    assertEquals(1, sc.mask());
    byte[] stored = Arrays.copyOfRange(sc.bytes(), sc.offset(), sc.offset() + sc.length());
    assertArrayEquals(deflate(d, 1), stored);
    assertArrayEquals(d, p.decode(stored, sc.mask(), 8, d.length));
  }

  @Test
  void writeRequestsTakeTheirClientDataFromTheFilter() {
    FilterPipeline p =
        FilterPipeline.forWrite(
            List.of(
                FilterPipeline.Request.parse("shuffle"),
                FilterPipeline.Request.parse("deflate:4"),
                FilterPipeline.Request.parse("FLETCHER32")),
            4,
            new long[] {10});
    assertEquals(
        pipeline(new FilterPipeline.Stage(2, null, true, new int[] {4}), deflateStage(4), FLETCHER),
        p);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FilterPipeline.forWrite(
                    List.of(FilterPipeline.Request.parse("nope:1")), 8, new long[] {1}));
    assertTrue(e.getMessage().contains("'nope' is unknown"), e.getMessage());
    assertTrue(e.getMessage().contains("deflate, shuffle, fletcher32"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FilterPipeline.Request.parse("deflate:x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FilterPipeline.forWrite(
                List.of(FilterPipeline.Request.parse("deflate:10")), 8, new long[] {1}));
  }
}
