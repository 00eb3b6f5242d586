package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.cdf.CdfVariable;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same content as a classic file and as NetCDF-4 made by netCDF-C's nccopy (contiguous,
 * deflate, deflate + shuffle, chunked along time, with a tiny cache) reads identically: every
 * dimension, variable, attribute and value, whole and in random hyperslabs.
 */
class Hdf5DifferentialTest {
  @TempDir static Path dir;

  @BeforeAll
  static void tools() {
    ExternalTools.require("nccopy");
  }

  static Stream<Arguments> variants() throws Exception {
    List<Path> sources = new ArrayList<>();
    Path oracle = dir.resolve("oracle5.nc");
    Files.write(oracle, HandAssembledCdf.build(5));
    sources.add(oracle);
    sources.add(CTools.exgen(dir.resolve("exgen.e"), 7, 6, 5, 4, 3, "cdf2"));
    Path corpus = ExternalTools.shared().resolve("corpus");
    for (String f :
        List.of(
            "seacas__packages__seacas__scripts__tests__test-assembly.exo",
            "vtkdata__Data__edgeFaceElem.exii")) {
      if (Files.exists(corpus.resolve(f))) {
        sources.add(corpus.resolve(f));
      }
    }
    String[][] kinds = {
      {"contiguous", "-k", "nc4"},
      {"deflate1", "-k", "nc4", "-d", "1"},
      {"deflate4+shuffle", "-k", "nc4", "-d", "4", "-s"},
      {"chunked-along-time", "-k", "nc4", "-d", "1", "-s", "-c", "RECORD/1"},
      {"nc4-classic", "-k", "nc7", "-d", "2"},
    };
    List<Arguments> out = new ArrayList<>();
    for (Path s : sources) {
      for (String[] k : kinds) {
        Path target = dir.resolve(s.getFileName() + "." + k[0] + ".nc4");
        List<String> cmd = new ArrayList<>(List.of("nccopy"));
        String record = s.equals(oracle) ? "time" : "time_step";
        for (String arg : List.of(k).subList(1, k.length)) {
          cmd.add(arg.replace("RECORD", record));
        }
        cmd.add(s.toString());
        cmd.add(target.toString());
        if (k[0].equals("nc4-classic") && s.equals(oracle)) {
          continue; // the classic model cannot hold CDF-5's unsigned and 64-bit types
        }
        ExternalTools.run(cmd.toArray(new String[0]));
        out.add(Arguments.of(s.getFileName() + " " + k[0], s, target));
      }
    }
    return out.stream();
  }

  static Hdf5File openH5(Path p, long cacheBytes) throws Exception {
    return Hdf5File.open(p, WindowedByteSource.map(p), new ChunkCache(cacheBytes, 64, 0.75), null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void readsIdenticallyToTheClassicFile(String name, Path classic, Path nc4) throws Exception {
    for (long cache : new long[] {64L << 20, 1024}) {
      try (CdfFile c = CdfFile.open(classic);
          Hdf5File h = openH5(nc4, cache)) {
        compare(c, h);
      }
    }
    try (CdfFile c = CdfFile.open(classic);
        Hdf5File h =
            Hdf5File.open(nc4, ChannelByteSource.open(nc4), new ChunkCache(1 << 20, 8, 0), null)) {
      compare(c, h);
    }
  }

  static void compare(CdfFile c, Storage h) throws Exception {
    assertEquals(List.of(), h.defects());
    List<String> cd = new ArrayList<>();
    for (Dimension d : c.dimensions())
      cd.add(d.name() + "=" + d.length() + (d.unlimited() ? "U" : ""));
    List<String> hd = new ArrayList<>();
    for (Dimension d : h.dimensions())
      hd.add(d.name() + "=" + d.length() + (d.unlimited() ? "U" : ""));
    assertEquals(cd.stream().sorted().toList(), hd.stream().sorted().toList(), "dimensions");
    assertEquals(c.recordCount(), h.recordCount());
    assertEquals(c.attributes().size(), h.attributes().size(), "global attributes");
    for (int i = 0; i < c.attributes().size(); i++) {
      String n = c.attributes().get(i).name();
      assertTrue(h.attributes().contains(c.attributes().get(i)), "global attribute " + n);
    }
    assertEquals(c.variables().size(), h.variables().size(), "variables");
    java.util.Map<String, ByteBuffer> firstPass = new java.util.HashMap<>();
    Random r = new Random(1);
    for (CdfVariable cv : c.variables()) {
      Variable hv = h.findVariable(cv.name()).orElseThrow();
      assertEquals(cv.type(), hv.type(), cv.name());
      assertEquals(
          cv.dimensions().stream().map(Dimension::name).toList(),
          hv.dimensions().stream().map(Dimension::name).toList(),
          cv.name());
      for (var a : cv.attributes()) {
        assertTrue(hv.attributes().contains(a), cv.name() + ":" + a);
      }
      long[] shape = c.shape(cv);
      assertArrayEquals(shape, h.shape(hv), cv.name());
      long n = 1;
      for (long s : shape) n *= s;
      ByteBuffer a = ByteBuffer.allocate((int) n * cv.type().size());
      ByteBuffer b = ByteBuffer.allocate((int) n * cv.type().size());
      c.readRaw(cv, new long[shape.length], shape, a);
      h.readRaw(hv, new long[shape.length], shape, b);
      assertEquals(a.flip(), b.flip(), cv.name());
      firstPass.put(cv.name(), a.duplicate());
      if (n == 0
          || cv.type() == DataType.CHAR
          || cv.type() == DataType.INT64
          || cv.type() == DataType.UINT64) {
        continue;
      }
      for (int k = 0; k < 20; k++) {
        long[] st = new long[shape.length];
        long[] ct = new long[shape.length];
        long total = 1;
        for (int d = 0; d < shape.length; d++) {
          st[d] = r.nextInt((int) shape[d]);
          ct[d] = 1 + r.nextInt((int) (shape[d] - st[d]));
          total *= ct[d];
        }
        double[] x = new double[(int) total + 3];
        double[] y = new double[(int) total + 3];
        c.read(cv, st, ct, x, 3);
        h.read(hv, st, ct, y, 3);
        assertArrayEquals(x, y, cv.name() + " slab");
      }
    }
    // Again, now that other chunks were decoded since: cached chunks must be intact.
    for (CdfVariable cv : c.variables()) {
      ByteBuffer expected = firstPass.get(cv.name());
      if (expected == null) continue;
      Variable hv = h.findVariable(cv.name()).orElseThrow();
      long[] shape = h.shape(hv);
      ByteBuffer again = ByteBuffer.allocate(expected.remaining());
      h.readRaw(hv, new long[shape.length], shape, again);
      assertEquals(expected, again.flip(), cv.name() + " read a second time");
    }
  }
}
