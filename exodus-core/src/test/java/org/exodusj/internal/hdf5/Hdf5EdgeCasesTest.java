package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NetCDF-4 cases nccopy does not make: written by netCDF4-python (netCDF-C underneath). */
class Hdf5EdgeCasesTest {
  @TempDir Path dir;

  Path python(String name, String script) throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    Path f = dir.resolve(name);
    Path s = dir.resolve(name + ".py");
    Files.writeString(
        s,
        "import netCDF4, numpy as np\nf = netCDF4.Dataset('"
            + f
            + "', 'w')\n"
            + script
            + "\nf.close()\n");
    ExternalTools.run(py, s.toString());
    return f;
  }

  static Hdf5File open(Path p) throws Exception {
    return Hdf5File.open(p, WindowedByteSource.map(p), new ChunkCache(1 << 20, 64, 0.75), null);
  }

  @Test
  void chunksNeverWrittenReadAsTheFillValue() throws Exception {
    Path p =
        python(
            "partial.nc",
            """
            f.createDimension('t', None)
            f.createDimension('n', 100)
            v = f.createVariable('v', 'f8', ('t', 'n'), chunksizes=(1, 10), fill_value=-7.5)
            w = f.createVariable('w', 'i4', ('t', 'n'), chunksizes=(1, 10))
            v[0, 20:30] = np.arange(10)
            v[3, 95:] = 1.25
            w[2, 0:10] = np.arange(10)
            """);
    try (Hdf5File h = open(p)) {
      Variable v = h.findVariable("v").orElseThrow();
      assertEquals(4, h.recordCount());
      double[] d = new double[400];
      h.read(v, new long[] {0, 0}, new long[] {4, 100}, d, 0);
      for (int r = 0; r < 4; r++) {
        for (int n = 0; n < 100; n++) {
          double expected = r == 0 && n >= 20 && n < 30 ? n - 20 : r == 3 && n >= 95 ? 1.25 : -7.5;
          assertEquals(expected, d[r * 100 + n], "v[" + r + "," + n + "]");
        }
      }
      // no _FillValue: netCDF's default fill for int
      int[] i = new int[100];
      h.read(h.findVariable("w").orElseThrow(), new long[] {1, 0}, new long[] {1, 100}, i, 0);
      for (int x : i) assertEquals(-2147483647, x);
      // a heap buffer's limit bounds the read, not its larger backing array
      java.nio.DoubleBuffer limited = java.nio.DoubleBuffer.allocate(400);
      limited.limit(99);
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> h.read(v, new long[] {0, 0}, new long[] {1, 100}, limited));
      for (int k = 0; k < 400; k++)
        assertEquals(0.0, limited.array()[k], "value written past the limit");
      limited.limit(100);
      h.read(v, new long[] {0, 0}, new long[] {1, 100}, limited);
      assertEquals(100, limited.position());
      for (int n = 0; n < 100; n++) assertEquals(n >= 20 && n < 30 ? n - 20 : -7.5, limited.get(n));
      // direct buffers go through a small bounce chunk: 400 values cross it several times
      java.nio.DoubleBuffer direct = ByteBuffer.allocateDirect(8 * 405).asDoubleBuffer();
      direct.position(5);
      h.read(v, new long[] {0, 0}, new long[] {4, 100}, direct);
      assertEquals(405, direct.position());
      for (int k = 0; k < 400; k++) assertEquals(d[k], direct.get(5 + k), "direct v[" + k + "]");
      java.nio.LongBuffer wide = ByteBuffer.allocateDirect(8 * 400).asLongBuffer();
      h.read(h.findVariable("w").orElseThrow(), new long[] {0, 0}, new long[] {4, 100}, wide);
      for (int k = 0; k < 400; k++) {
        long expected = k >= 200 && k < 210 ? k - 200 : -2147483647;
        assertEquals(expected, wide.get(k), "direct w[" + k + "]");
      }
    }
  }

  @Test
  void fletcher32IsVerifiedAndAMismatchIsAnError() throws Exception {
    Path p =
        python(
            "fletcher.nc",
            """
            f.createDimension('n', 1000)
            v = f.createVariable('v', 'f8', ('n',), chunksizes=(1000,), fletcher32=True)
            v[:] = np.full(1000, 123456.75)
            """);
    try (Hdf5File h = open(p)) {
      double[] d = new double[1000];
      h.read(h.findVariable("v").orElseThrow(), new long[] {0}, new long[] {1000}, d, 0);
      for (double x : d) assertEquals(123456.75, x);
    }
    byte[] b = Files.readAllBytes(p);
    byte[] pattern =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(123456.75).array();
    int at = indexOf(b, pattern);
    assertTrue(at > 0, "chunk data found");
    b[at + 8 * 500 + 3] ^= 0x10; // damage one value in the middle of the chunk
    Path bad = dir.resolve("fletcher-bad.nc");
    Files.write(bad, b);
    try (Hdf5File h = open(bad)) {
      ExodusFormatException e =
          assertThrows(
              ExodusFormatException.class,
              () ->
                  h.read(
                      h.findVariable("v").orElseThrow(),
                      new long[] {0},
                      new long[] {10},
                      new double[10],
                      0));
      assertTrue(e.getMessage().contains("Fletcher-32 checksum mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains("variable v"), e.getMessage());
    }
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  @Test
  void severalUnlimitedDimensionsAndGroups() throws Exception {
    Path p =
        python(
            "multi.nc",
            """
            f.createDimension('a', None)
            f.createDimension('b', None)
            x = f.createVariable('x', 'i2', ('a',))
            y = f.createVariable('y', 'u8', ('b',))
            x[:] = np.arange(3)
            y[:] = np.array([1, 2, 3, 4, 5], dtype='u8') * (2**62)
            g = f.createGroup('sub')
            g.createDimension('k', 2)
            z = g.createVariable('z', 'f4', ('k', 'a'))
            z[:] = np.arange(6).reshape(2, 3) * 0.5
            """);
    try (Hdf5File h = open(p)) {
      assertEquals(
          List.of("a=3", "b=5", "sub/k=2"),
          h.dimensions().stream().map(d -> d.name() + "=" + d.length()).sorted().toList());
      assertEquals(List.of(), h.defects());
      // a variable in a group, over a dimension of its own group and one of the root
      Variable z = h.findVariable("sub/z").orElseThrow();
      assertEquals(List.of("sub/k", "a"), z.dimensions().stream().map(Dimension::name).toList());
      double[] zv = new double[6];
      h.read(z, new long[] {0, 0}, new long[] {2, 3}, zv, 0);
      assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, zv);
      long[] y = new long[5];
      ByteBuffer raw = ByteBuffer.allocate(40);
      h.readRaw(h.findVariable("y").orElseThrow(), new long[] {0}, new long[] {5}, raw);
      for (int i = 0; i < 5; i++) y[i] = raw.getLong(8 * i);
      assertArrayEquals(new long[] {1L << 62, 2L << 62, 3L << 62, 4L << 62, 5L << 62}, y);
      short[] x = new short[3];
      h.read(h.findVariable("x").orElseThrow(), new long[] {0}, new long[] {3}, x, 0);
      assertArrayEquals(new short[] {0, 1, 2}, x);
    }
  }

  @Test
  void plainHdf5GetsPhonyDimensions() throws Exception {
    Path p = dir.resolve("plain.h5");
    try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(p)) {
      w.putDataset("grid", new double[][] {{1, 2, 3}, {4, 5, 6}});
      w.putDataset("ids", new int[] {7, 8, 9});
    }
    try (Hdf5File h = open(p)) {
      assertEquals(
          List.of("phony_dim_0=2", "phony_dim_1=3"),
          h.dimensions().stream().map(d -> d.name() + "=" + d.length()).sorted().toList());
      Variable ids = h.findVariable("ids").orElseThrow();
      assertEquals(3, h.shape(ids)[0]);
      int[] i = new int[3];
      h.read(ids, new long[] {0}, new long[] {3}, i, 0);
      assertArrayEquals(new int[] {7, 8, 9}, i);
      double[] g = new double[4];
      h.read(h.findVariable("grid").orElseThrow(), new long[] {0, 1}, new long[] {2, 2}, g, 0);
      assertArrayEquals(new double[] {2, 3, 5, 6}, g);
    }
  }

  @Test
  void parallelDecodingRunsOnTheCallersExecutorAndMatchesSerial() throws Exception {
    Path p =
        python(
            "many.nc",
            """
            f.createDimension('n', 100000)
            v = f.createVariable('v', 'f8', ('n',), chunksizes=(1000,), zlib=True, shuffle=True)
            v[:] = np.arange(100000) * 0.5
            """);
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Hdf5File serial = open(p);
        Hdf5File parallel =
            Hdf5File.open(
                p,
                WindowedByteSource.map(p),
                new ChunkCache(64L << 20, 1000, 0.75),
                r -> {
                  tasks.incrementAndGet();
                  pool.execute(r);
                })) {
      double[] a = new double[100000];
      double[] b = new double[100000];
      serial.read(
          serial.findVariable("v").orElseThrow(), new long[] {0}, new long[] {100000}, a, 0);
      parallel.read(
          parallel.findVariable("v").orElseThrow(), new long[] {0}, new long[] {100000}, b, 0);
      assertArrayEquals(a, b);
      for (int i = 0; i < a.length; i++) assertEquals(i * 0.5, a[i]);
      assertEquals(100, tasks.get(), "one decode task per chunk, on the given executor");
      assertEquals(100, parallel.cacheStatistics().misses());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void truncatedNetcdf4FileIsAClearError() throws Exception {
    Path p =
        python(
            "t.nc",
            """
            f.createDimension('n', 10)
            v = f.createVariable('v', 'f8', ('n',))
            v[:] = np.arange(10)
            """);
    byte[] b = Files.readAllBytes(p);
    for (int cut : new int[] {100, b.length / 2, b.length - 10}) {
      Path t = dir.resolve("cut" + cut + ".nc");
      Files.write(t, Arrays.copyOf(b, cut));
      try (Hdf5File h = open(t)) {
        // opened from what is left: a read either works on bytes present or fails clearly
        Variable v = h.findVariable("v").orElse(null);
        if (v != null) {
          try {
            h.read(v, new long[] {0}, new long[] {10}, new double[10], 0);
          } catch (ExodusFormatException expected) {
            assertTrue(expected.getMessage().startsWith(t.toString()), expected.getMessage());
          }
        }
      } catch (ExodusFormatException expected) {
        assertTrue(expected.getMessage().startsWith(t.toString()), expected.getMessage());
      }
    }
  }
}
