package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slabs written into chunks of any shape ({@code Nc4Writer.place}, issue 16): 1x8 chunks of a
 * record variable, N x 1 column chunks, 3-D chunks, partial last chunks (dimensions not divisible
 * by the chunk), slabs smaller than a chunk, at chunk edges and spanning many chunks, every type
 * size (1, 2, 4, 8 bytes), with deflate, shuffle and Fletcher-32. Each variable is first covered by
 * tiles of another shape than its chunks, committed, then overwritten by random slabs (chunks
 * already on disk read back and patched). The oracle: the expected values are kept in a plain array
 * applying each slab, and the file is read by netCDF-C through Python's netCDF4 module (which also
 * verifies the checksums), not by our reader.
 */
class Nc4PlaceShapesTest {
  @TempDir Path dir;

  /** A variable of the test: its type, shape, chunk shape, tile shape and value modulus. */
  private record Case(
      String name,
      DataType type,
      String[] dims,
      long[] shape,
      long[] chunk,
      long[] tile,
      long mod) {}

  @Test
  void slabsIntoChunksOfAnyShapeReadBackExactlyByNetcdfC() throws Exception {
    Path p = dir.resolve("shapes.nc");
    List<Case> cases =
        List.of(
            // 1x8 chunks of a record variable, 100 nodes: a partial last chunk of 4
            new Case(
                "rec_1x8",
                DataType.DOUBLE,
                new String[] {"t", "n100"},
                new long[] {5, 100},
                new long[] {1, 8},
                new long[] {2, 37},
                1_000_003),
            // N x 1 column chunks (netCDF-C's default for a tall 2-D array), 50 = 3 * 16 + 2
            new Case(
                "col_16x1",
                DataType.INT,
                new String[] {"n50", "k8"},
                new long[] {50, 8},
                new long[] {16, 1},
                new long[] {50, 8},
                1_000_003),
            new Case(
                "col_50x1",
                DataType.INT64,
                new String[] {"n50", "k8"},
                new long[] {50, 8},
                new long[] {50, 1},
                new long[] {7, 3},
                1_000_003),
            // one whole row per chunk: rows of 1 x 3 values
            new Case(
                "row_1x8",
                DataType.SHORT,
                new String[] {"n50", "k8"},
                new long[] {50, 8},
                new long[] {1, 8},
                new long[] {9, 8},
                30_011),
            // 3-D chunks, partial in every dimension (7 = 3+3+1, 9 = 4+4+1, 11 = 5+5+1)
            new Case(
                "cube_345",
                DataType.BYTE,
                new String[] {"a7", "b9", "c11"},
                new long[] {7, 9, 11},
                new long[] {3, 4, 5},
                new long[] {2, 9, 6},
                127),
            new Case(
                "cube_rec",
                DataType.DOUBLE,
                new String[] {"t", "b9", "c11"},
                new long[] {5, 9, 11},
                new long[] {2, 9, 3},
                new long[] {1, 5, 11},
                1_000_003));
    Schema s =
        new Schema()
            .unlimitedDimension("t")
            .dimension("n100", 100)
            .dimension("n50", 50)
            .dimension("k8", 8)
            .dimension("a7", 7)
            .dimension("b9", 9)
            .dimension("c11", 11);
    Map<String, Nc4Layout> layouts = new java.util.HashMap<>();
    Nc4Writer.Settings settings = new Nc4Writer.Settings(1, true, true, 1);
    org.exodusj.internal.hdf5.filter.FilterPipeline filters =
        org.exodusj.internal.hdf5.filter.FilterPipeline.forWrite(
            settings.requests(), 8, new long[] {1});
    for (Case c : cases) {
      s.variable(c.name, c.type, List.of(c.dims));
      layouts.put(c.name, new Nc4Layout(c.chunk, filters, 1));
    }
    List<long[]> models = new ArrayList<>();
    StorageWriter.Options o = new StorageWriter.Options(true, false, 0);
    Random rnd = new Random(16);
    try (Nc4Writer w = Nc4Writer.create(p, s, o, settings, layouts)) {
      int serial = 0;
      for (Case c : cases) {
        assertArrayEquals(c.chunk, w.variable(c.name).chunkShape(), c.name);
        long[] model = new long[(int) product(c.shape)];
        models.add(model);
        // cover the variable by tiles of another shape than the chunks
        int r = c.shape.length;
        long[] at = new long[r];
        while (true) {
          long[] count = new long[r];
          for (int d = 0; d < r; d++) count[d] = Math.min(c.tile[d], c.shape[d] - at[d]);
          write(w, c, model, at.clone(), count, serial++);
          int d = r - 1;
          while (d >= 0 && (at[d] += c.tile[d]) >= c.shape[d]) {
            at[d] = 0;
            d--;
          }
          if (d < 0) break;
        }
      }
      w.commit();
      // random slabs into chunks already on disk: single values, chunk edges, many chunks
      for (int i = 0; i < 60; i++) {
        for (int v = 0; v < cases.size(); v++) {
          Case c = cases.get(v);
          int r = c.shape.length;
          long[] start = new long[r];
          long[] count = new long[r];
          for (int d = 0; d < r; d++) {
            long n = c.shape[d];
            switch (i % 3) {
              case 0 -> { // one value
                start[d] = rnd.nextInt((int) n);
                count[d] = 1;
              }
              case 1 -> { // from a chunk edge to the next one, clipped
                long e = c.chunk[d] * rnd.nextInt((int) ((n + c.chunk[d] - 1) / c.chunk[d]));
                start[d] = e;
                count[d] = Math.min(c.chunk[d], n - e);
              }
              default -> { // anywhere, any size
                start[d] = rnd.nextInt((int) n);
                count[d] = 1 + rnd.nextInt((int) (n - start[d]));
              }
            }
          }
          write(w, c, models.get(v), start, count, serial++);
        }
        if (i == 30) w.commit();
      }
    }
    StringBuilder script =
        new StringBuilder(
            "import netCDF4\nd=netCDF4.Dataset('" + p + "')\nd.set_auto_mask(False)\n");
    StringBuilder expected = new StringBuilder();
    for (int v = 0; v < cases.size(); v++) {
      Case c = cases.get(v);
      script
          .append("print('")
          .append(c.name)
          .append("', d['")
          .append(c.name)
          .append("'].shape, d['")
          .append(c.name)
          .append("'].chunking(), ' '.join(str(int(x)) for x in d['")
          .append(c.name)
          .append("'][:].ravel()))\n");
      StringBuilder shape = new StringBuilder("(");
      StringBuilder chunk = new StringBuilder("[");
      for (int d = 0; d < c.shape.length; d++) {
        shape.append(d > 0 ? ", " : "").append(c.shape[d]);
        chunk.append(d > 0 ? ", " : "").append(c.chunk[d]);
      }
      if (c.shape.length == 1) shape.append(",");
      expected.append(c.name).append(' ').append(shape).append(") ").append(chunk).append("] ");
      long[] m = models.get(v);
      for (int i = 0; i < m.length; i++) expected.append(i > 0 ? " " : "").append(m[i]);
      expected.append('\n');
    }
    String out =
        ExternalTools.run(ExternalTools.pythonWithNetcdf4(), "-c", script.toString()).trim();
    assertEquals(expected.toString().trim(), out);
  }

  private static long product(long[] a) {
    long n = 1;
    for (long x : a) n *= x;
    return n;
  }

  /** Writes the slab with values made of {@code serial} and the position, into the model too. */
  private static void write(
      Nc4Writer w, Case c, long[] model, long[] start, long[] count, int serial)
      throws java.io.IOException {
    int r = c.shape.length;
    int n = (int) product(count);
    long[] vals = new long[n];
    long[] idx = new long[r];
    for (int i = 0; i < n; i++) {
      long lin = 0;
      for (int d = 0; d < r; d++) lin = lin * c.shape[d] + start[d] + idx[d];
      long value = (serial * 7919L + lin * 31) % c.mod;
      vals[i] = value;
      model[(int) lin] = value;
      for (int d = r - 1; d >= 0 && ++idx[d] == count[d]; d--) idx[d] = 0;
    }
    var v = w.variable(c.name);
    switch (c.type) {
      case BYTE -> {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) vals[i];
        w.write(v, start, count, b, 0);
      }
      case SHORT -> {
        short[] b = new short[n];
        for (int i = 0; i < n; i++) b[i] = (short) vals[i];
        w.write(v, start, count, b, 0);
      }
      case INT -> {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = (int) vals[i];
        w.write(v, start, count, b, 0);
      }
      case DOUBLE -> {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = vals[i];
        w.write(v, start, count, b, 0);
      }
      default -> w.write(v, start, count, vals, 0);
    }
  }
}
