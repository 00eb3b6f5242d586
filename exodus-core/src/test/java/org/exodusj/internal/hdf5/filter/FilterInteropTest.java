package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.hdf5.filter.FilterTools.StoredChunk;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every read filter decodes the chunks the C tools stored (h5py with the HDF5 plugins, netCDF-C's
 * nccopy with the plugins, libexodus 9.06 with SZIP) to exactly the bytes HDF5 decodes them to; the
 * write filters' chunks are read back by HDF5 and the plugin.
 */
class FilterInteropTest {
  @TempDir Path dir;

  private static final Map<String, Integer> IDS =
      Map.of(
          "bzip2", 307, "lz4", 32004, "lzf", 32000, "blosc", 32001, "bitshuffle", 32008, "szip", 4);

  @ParameterizedTest
  @ValueSource(strings = {"bzip2", "lz4", "lzf", "blosc", "bitshuffle", "szip"})
  void decodesWhatH5pyAndThePluginsStored(String kind) throws Exception {
    FilterTools.requirePlugins(IDS.get(kind));
    Path h5 = dir.resolve(kind + ".h5");
    FilterTools.chunksPy(dir, "write", kind, h5.toString());
    int decoded = decodeAll(dump(h5), IDS.get(kind));
    assertTrue(decoded >= 20, kind + ": only " + decoded + " chunks were filtered");
  }

  @ParameterizedTest
  @CsvSource({
    "307, '*,307,9'",
    "307, '*,307,1'",
    "32004, '*,32004,0'",
    "32004, '*,32004,1000'",
    "32001, '*,32001,2,2,8,0,5,1,1'",
    "32001, '*,32001,2,2,8,0,9,2,0'",
    "32001, '*,32001,2,2,8,0,5,0,4'",
    "32001, '*,32001,2,2,8,0,5,1,5'",
    "32001, '*,32001,2,2,8,0,9,0,5'",
    "32008, '*,32008,0,2'",
    "32008, '*,32008,16'",
  })
  void decodesWhatNccopyStored(int id, String spec) throws Exception {
    ExternalTools.require("nccopy");
    FilterTools.requirePlugins(id);
    Path cdl = dir.resolve("t.cdl");
    StringBuilder s = new StringBuilder("netcdf t {\ndimensions: n = 64 ; m = 48 ;\n");
    s.append("variables: double v(n, m) ; int w(n, m) ; float f(n, m) ; short h(n, m) ;\ndata:\n");
    String[] vars = {"v", "w", "f", "h"};
    for (String v : vars) {
      s.append(' ').append(v).append(" = ");
      for (int i = 0; i < 64 * 48; i++) {
        double x = Math.sin(i / 7.0) * 100;
        s.append(i > 0 ? "," : "")
            .append(
                v.equals("w") || v.equals("h")
                    ? Long.toString(Math.round(x * 3))
                    : Double.toString(x));
      }
      s.append(";\n");
    }
    Files.writeString(cdl, s.append("}\n").toString());
    Path nc = dir.resolve("t.nc");
    Path out = dir.resolve("o.nc");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", nc.toString(), cdl.toString());
    FilterTools.run("nccopy", "-c", "n/16,m/48", "-F", spec, nc.toString(), out.toString());
    int decoded = decodeAll(dump(out), id);
    assertTrue(decoded >= 4, spec + ": only " + decoded + " chunks were filtered");
  }

  @ParameterizedTest
  @CsvSource({"8, ''", "32, int64", "4, ''", "16, int64"})
  void decodesSzipThatLibexodus906Wrote(int pixelsPerBlock, String int64) throws Exception {
    FilterTools.requirePlugins(4);
    Path exe = Exodus9.compile(Path.of("src/test/c/exszip.c"));
    Path exo = dir.resolve("szip.exo");
    if (int64.isEmpty()) {
      FilterTools.run(exe.toString(), exo.toString(), Integer.toString(pixelsPerBlock));
    } else {
      FilterTools.run(exe.toString(), exo.toString(), Integer.toString(pixelsPerBlock), int64);
    }
    int decoded = decodeAll(dump(exo), 4);
    assertTrue(decoded >= 3, "only " + decoded + " chunks were filtered");
  }

  @ParameterizedTest
  @CsvSource({
    "307, 9, <f8",
    "307, 1, <i4",
    "32004, 0, <f8",
    "32004, 100, <i2",
  })
  void encodedChunksReadBackThroughHdf5AndThePlugin(int id, int param, String dtype)
      throws Exception {
    FilterTools.requirePlugins(id);
    Filter f = FilterTools.registered().get(id);
    assertTrue(f.canEncode());
    int size = Integer.parseInt(dtype.substring(2));
    int n = 5000;
    byte[] values = sample(n * size);
    int[] cd = f.clientDataForWrite(new int[] {param}, size, new long[] {n});
    ByteBuffer enc = f.encode(ByteBuffer.wrap(values), cd, size, null);
    byte[] e = new byte[enc.remaining()];
    enc.get(e);
    Path encoded = dir.resolve("enc.bin");
    Files.write(encoded, e);
    StringBuilder cds = new StringBuilder();
    for (int c : cd) {
      cds.append(cds.length() == 0 ? "" : ",").append(c);
    }
    Path back = dir.resolve("back.bin");
    FilterTools.chunksPy(
        dir,
        "direct",
        Integer.toString(id),
        cds.toString(),
        dtype,
        encoded.toString(),
        dir.resolve("d.h5").toString(),
        back.toString(),
        Integer.toString(n));
    assertArrayEquals(values, Files.readAllBytes(back));
    assertTrue(e.length < values.length, "compressed " + values.length + " to " + e.length);
  }

  @Test
  void clientDataForWriteIsWhatNccopyStores() {
    // nccopy -F "*,307,9" stores [9]; the HDF5 bzip2 plugin's default level is 9.
    Filter bzip2 = FilterTools.registered().get(307);
    assertArrayEquals(new int[] {9}, bzip2.clientDataForWrite(new int[0], 8, new long[] {10}));
    assertArrayEquals(new int[] {3}, bzip2.clientDataForWrite(new int[] {3}, 8, new long[] {10}));
    Filter lz4 = FilterTools.registered().get(32004);
    assertArrayEquals(new int[] {0}, lz4.clientDataForWrite(new int[] {0}, 8, new long[] {10}));
  }

  /** Smooth values with a run of zeros and some noise: every codec path gets exercised. */
  static byte[] sample(int n) {
    byte[] b = new byte[n];
    java.util.Random r = new java.util.Random(n);
    for (int i = 0; i < n; i++) {
      b[i] =
          i % 8 == 0
              ? (byte) (i / 800)
              : i > n / 2 && i < 2 * n / 3 ? 0 : (byte) (Math.sin(i / 100.0) * 20);
      if (i > n - n / 10) {
        b[i] = (byte) r.nextInt();
      }
    }
    return b;
  }

  private Path dump(Path file) throws IOException, InterruptedException {
    Path out = dir.resolve("dump-" + file.getFileName());
    FilterTools.chunksPy(dir, "dump", file.toString(), out.toString());
    return out;
  }

  /**
   * Decodes every chunk HDF5 stored through the filter (mask bit clear) with the filter registered
   * for its id, without and with a reused scratch buffer; returns how many.
   */
  static int decodeAll(Path dump, int id) throws IOException {
    Filter f = FilterTools.registered().get(id);
    assertNotNull(f, "no filter registered for " + id);
    assertEquals(id, f.id());
    List<StoredChunk> chunks = FilterTools.chunks(dump);
    ByteBuffer scratch = ByteBuffer.allocate(1 << 20);
    int decoded = 0;
    for (StoredChunk c : chunks) {
      assertEquals(id, c.filterId(), c.dataset());
      if ((c.mask() & 1) != 0) {
        assertArrayEquals(c.expected(), c.raw(), c.dataset() + ": a chunk stored unfiltered");
        continue;
      }
      String what = c.dataset() + " (" + c.raw().length + " stored bytes)";
      ByteBuffer a =
          f.decode(ByteBuffer.wrap(c.raw()), c.cd(), c.elementSize(), c.expected().length, null);
      assertEquals(0, a.position(), what);
      assertArrayEquals(c.expected(), bytes(a), what);
      // From the middle of a larger array, into a scratch buffer.
      byte[] padded = new byte[c.raw().length + 7];
      System.arraycopy(c.raw(), 0, padded, 3, c.raw().length);
      ByteBuffer src = ByteBuffer.wrap(padded, 3, c.raw().length);
      ByteBuffer b = f.decode(src, c.cd(), c.elementSize(), c.expected().length, scratch);
      assertArrayEquals(c.expected(), bytes(b), what + " into scratch");
      // Through a pipeline of the one stage, as a read decodes it: into the caller's array, every
      // byte of which is written (it starts as garbage).
      FilterPipeline p =
          FilterPipeline.of(List.of(new FilterPipeline.Stage(id, null, false, c.cd())));
      byte[] into = new byte[c.expected().length];
      java.util.Arrays.fill(into, (byte) 0x5A);
      byte[] got = p.decode(c.raw(), c.raw().length, 0, c.elementSize(), into.length, null, into);
      assertSame(into, got, what + ": the pipeline decodes into the array given");
      assertArrayEquals(c.expected(), got, what + " through the pipeline");
      decoded++;
    }
    return decoded;
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
