package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NetCDF-4 writer's structures at sizes the Exodus interop tests do not reach: chunk B-trees of
 * several levels, variables split into several chunks, chunks completed after a commit (read back,
 * patched and rewritten), abandoned records. The oracle is netCDF-C through Python's netCDF4 module
 * (which also verifies every Fletcher-32 checksum) and h5dump.
 */
class Nc4WriterTest {
  @TempDir Path dir;

  private static String python(String script) throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    return ExternalTools.run(py, "-c", script).trim();
  }

  @Test
  void fiveThousandStepsMakeAThreeLevelChunkIndex() throws Exception {
    Path p = dir.resolve("steps.nc");
    Schema s = new Schema().dimension("n", 3).unlimitedDimension("time_step");
    s.variable("time_whole", DataType.DOUBLE, List.of("time_step"));
    s.variable("vals", DataType.FLOAT, List.of("time_step", "n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(1, true, true, 1);
    int steps = 5000; // > 64 * 64 chunks: leaves, one internal level, a root
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      for (int t = 0; t < steps; t++) {
        w.write(w.variable("time_whole"), new long[] {t}, new long[] {1}, new double[] {t}, 0);
        float[] v = {10f * t, 10f * t + 1, 10f * t + 2};
        w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, 3}, v, 0);
        if (t % 1000 == 999) w.commit();
      }
    }
    ExternalTools.run("h5dump", "-H", p.toString());
    String out =
        python(
            "import netCDF4,numpy as np\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "v=d['vals'][:]\n"
                + "t=np.arange(v.shape[0])\n"
                + "ok=np.array_equal(v, np.stack([10*t,10*t+1,10*t+2],axis=1).astype('f4'))\n"
                + "print(len(d.dimensions['time_step']), ok, d['vals'].filters()['fletcher32'],"
                + " d['vals'].chunking())");
    assertEquals("5000 True True [1, 3]", out);
    try (Storage in = Backends.openUnmapped(p)) {
      float[] v = new float[3];
      in.read(in.findVariable("vals").orElseThrow(), new long[] {4321, 0}, new long[] {1, 3}, v, 0);
      assertArrayEquals(new float[] {43210, 43211, 43212}, v);
    }
  }

  @Test
  void largeVariablesAreSplitAndChunksCompletedAfterACommitArePatched() throws Exception {
    Path p = dir.resolve("big.nc");
    int n = 700_000; // 5.6 MB of doubles: more than the 4 MiB chunk target
    Schema s = new Schema().dimension("n", n).dimension("eight", 8).unlimitedDimension("t");
    s.variable("big", DataType.DOUBLE, List.of("n"));
    s.variable("conn", DataType.INT, List.of("n", "eight"));
    s.variable("never", DataType.DOUBLE, List.of("n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(4, true, false, 1);
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) a[i] = i * 0.5;
      w.write(w.variable("big"), new long[] {0}, new long[] {100_000}, a, 0);
      w.commit(); // the first chunk is incomplete: written partially, read back later
      w.write(w.variable("big"), new long[] {100_000}, new long[] {n - 100_000}, a, 100_000);
      int[] c = new int[n * 8];
      for (int i = 0; i < c.length; i++) c[i] = i;
      for (int from = 0; from < n; from += 250_000) {
        int k = Math.min(250_000, n - from);
        w.write(w.variable("conn"), new long[] {from, 0}, new long[] {k, 8}, c, from * 8);
        w.commit();
      }
    }
    ExternalTools.run("h5dump", "-H", p.toString());
    String out =
        python(
            "import netCDF4,numpy as np\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "d.set_auto_mask(False)\n"
                + "b=d['big'][:]; c=d['conn'][:]; e=d['never'][:]\n"
                + "print(np.array_equal(b, np.arange("
                + n
                + ")*0.5), np.array_equal(c.ravel(), np.arange("
                + n * 8
                + ")), d['big'].chunking(), d['conn'].chunking(), float(e[12345]))");
    assertEquals("True True [350000] [87500, 8] 9.969209968386869e+36", out);
  }

  /**
   * Chunks compressed on three threads: the file holds the same values as one written on the
   * writing thread (netCDF-C reads it), including chunks completed after a commit and patched.
   */
  @Test
  void parallelCompressionWritesTheSameValues() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      Path[] files = {dir.resolve("seq.nc"), dir.resolve("par.nc")};
      for (int f = 0; f < 2; f++) {
        int n = 600_000;
        Schema s = new Schema().dimension("n", n).unlimitedDimension("time_step");
        s.variable("x", DataType.DOUBLE, List.of("n"));
        s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
        StorageWriter.Options o =
            new StorageWriter.Options(true, false, 0)
                .withChunking(1, true, true, 1)
                .withCompressor(f == 1 ? pool : null);
        try (StorageWriter w = Backends.create(files[f], org.exodusj.ExodusFormat.NETCDF4, s, o)) {
          double[] a = new double[n];
          for (int i = 0; i < n; i++) a[i] = (i % 1000) * 0.125;
          w.write(w.variable("x"), new long[] {0}, new long[] {n / 3}, a, 0);
          w.commit(); // a partial chunk, patched below
          w.write(w.variable("x"), new long[] {n / 3}, new long[] {n - n / 3}, a, n / 3);
          for (int t = 0; t < 20; t++) {
            for (int i = 0; i < n; i++) a[i] = t + (i % 77) * 0.5;
            w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, n}, a, 0);
            if (t % 7 == 6) w.commit();
          }
        }
      }
      try (Storage a = Backends.openUnmapped(files[0]);
          Storage b = Backends.openUnmapped(files[1])) {
        assertEquals(null, org.exodusj.internal.convert.StorageCopy.firstDifference(a, b));
        assertEquals(20, b.recordCount());
      }
      String out =
          python(
              "import netCDF4,numpy as np\n"
                  + "d=netCDF4.Dataset('"
                  + files[1]
                  + "')\n"
                  + "print(bool(np.array_equal(d['x'][:], (np.arange(600000) % 1000) * 0.125)),"
                  + " float(d['vals'][13][78]) == 13.5)");
      assertEquals("True True", out);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Steps written whole into one-step chunks (encoded and shuffled straight into the chunk) still
   * go to the writer's compressor, one task per chunk, so a conversion with threads keeps its
   * parallel deflate; netCDF-C reads the values.
   */
  @Test
  void wholeChunksGoToTheCompressor() throws Exception {
    java.util.concurrent.atomic.AtomicInteger tasks =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Executor counting =
        task -> {
          tasks.incrementAndGet();
          task.run();
        };
    Path p = dir.resolve("whole.nc");
    int n = 10_001;
    Schema s = new Schema().dimension("n", n).unlimitedDimension("time_step");
    s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0)
            .withChunking(1, true, false, 1)
            .withCompressor(counting);
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      double[] a = new double[n];
      for (int t = 0; t < 5; t++) {
        for (int i = 0; i < n; i++) a[i] = t * 1000 + i * 0.25;
        w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, n}, a, 0);
      }
    }
    assertEquals(5, tasks.get(), "one compression task per step");
    String out =
        python(
            "import netCDF4,numpy as np\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "v=d['vals']\n"
                + "print(v.filters()['shuffle'], v.filters()['zlib'], bool(np.array_equal(v[:],"
                + " np.arange(5)[:, None] * 1000 + np.arange(10001)[None, :] * 0.25)))");
    assertEquals("True True True", out);
  }

  /**
   * An executor that silently drops tasks, or throws from {@code execute}, never leaves a chunk
   * pending: the writer compresses what no thread took (it hung in drain before), and the file
   * holds every value (netCDF-C reads them).
   */
  @Test
  void anExecutorThatDropsOrFailsTasksNeitherHangsNorLosesAChunk() throws Exception {
    java.util.concurrent.Executor dropping = task -> {};
    java.util.concurrent.Executor failing =
        task -> {
          throw new IllegalStateException("a broken executor");
        };
    java.util.concurrent.Executor[] executors = {dropping, failing};
    for (int e = 0; e < executors.length; e++) {
      Path p = dir.resolve("executor" + e + ".nc");
      int n = 300_000;
      Schema s = new Schema().dimension("n", n).unlimitedDimension("time_step");
      s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
      StorageWriter.Options o =
          new StorageWriter.Options(true, false, 0)
              .withChunking(1, true, false, 1)
              .withCompressor(executors[e]);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(60),
          () -> {
            try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
              double[] a = new double[n];
              for (int t = 0; t < 40; t++) { // more chunks than the 16 in flight
                for (int i = 0; i < n; i++) a[i] = t * 1000 + i % 997;
                w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, n}, a, 0);
                if (t % 9 == 8) w.commit();
              }
            }
          });
      String out =
          python(
              "import netCDF4,numpy as np\n"
                  + "d=netCDF4.Dataset('"
                  + p
                  + "')\n"
                  + "v=d['vals'][:]\n"
                  + "want=np.arange(40)[:,None]*1000+np.arange("
                  + n
                  + ")[None,:]%997\n"
                  + "print(v.shape[0], bool(np.array_equal(v, want)))");
      assertEquals("40 True", out, "executor " + e);
    }
  }

  /** netcdf-java 4.5.5 (its own pure-Java HDF5 reader) reads the file, filters included. */
  @Test
  void netcdfJavaReadsDimensionsAttributesAndCompressedValues() throws Exception {
    Path p = dir.resolve("nj.nc");
    Schema s = new Schema().dimension("num_nodes", 4).dimension("len_name", 8);
    s.unlimitedDimension("time_step");
    s.attribute(org.exodusj.internal.storage.Attribute.text("title", "netcdf-java"));
    s.variable("names", DataType.CHAR, List.of("num_nodes", "len_name"));
    s.variable(
        "ids",
        DataType.INT,
        List.of("num_nodes"),
        org.exodusj.internal.storage.Attribute.text("name", "ID"));
    s.variable("vals", DataType.DOUBLE, List.of("time_step", "num_nodes"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(6, true, true, 1);
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      w.writeText(w.variable("names"), new long[] {2, 0}, new long[] {1, 8}, "third");
      w.write(w.variable("ids"), new long[] {0}, new long[] {4}, new int[] {7, 8, 9, 10}, 0);
      for (int t = 0; t < 3; t++) {
        double[] v = {t, t + 0.5, -t, 1e300};
        w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, 4}, v, 0);
      }
    }
    try (ucar.nc2.NetcdfFile nc = ucar.nc2.NetcdfFile.open(p.toString())) {
      assertEquals(3, nc.findDimension("time_step").getLength());
      assertEquals(true, nc.findDimension("time_step").isUnlimited());
      assertEquals(8, nc.findDimension("len_name").getLength());
      assertEquals("netcdf-java", nc.findGlobalAttribute("title").getStringValue());
      ucar.nc2.Variable ids = nc.findVariable("ids");
      assertEquals("ID", ids.findAttribute("name").getStringValue());
      assertEquals("num_nodes", ids.getDimensionsString());
      assertArrayEquals(new int[] {7, 8, 9, 10}, (int[]) ids.read().copyTo1DJavaArray());
      double[] v = (double[]) nc.findVariable("vals").read().copyTo1DJavaArray();
      assertArrayEquals(new double[] {0, 0.5, 0, 1e300, 1, 1.5, -1, 1e300, 2, 2.5, -2, 1e300}, v);
      char[] names = (char[]) nc.findVariable("names").read().copyTo1DJavaArray();
      assertEquals("third", new String(names, 16, 5));
    }
  }

  /**
   * A commit lays the object headers out by the sizes the previous encoding found; a variable whose
   * filters change between two commits (a copy that falls back to re-encoding drops the stages it
   * cannot write) has a header of another size, which the commit must size again rather than
   * overlap its neighbours. The oracle is netCDF-C (Python's netCDF4) and h5dump.
   */
  @Test
  void aHeaderThatChangesSizeBetweenCommitsIsLaidOutAgain() throws Exception {
    Path p = dir.resolve("resized.nc");
    Schema s = new Schema().dimension("n", 3).unlimitedDimension("time_step");
    s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
    s.variable("later", DataType.DOUBLE, List.of("time_step", "n"));
    s.variable("after", DataType.INT, List.of("n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(1, true, true, 1);
    try (StorageWriter sw = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      Nc4Writer w = (Nc4Writer) sw;
      w.write(w.variable("vals"), new long[] {0, 0}, new long[] {1, 3}, new double[] {1, 2, 3}, 0);
      w.commit(); // the header sizes of this commit are kept for the next
      // nothing stored yet: its filters can still change, and its header shrinks by the message
      Nc4Var later = w.variable("later");
      later.storage =
          later.storage.withFilters(org.exodusj.internal.hdf5.filter.FilterPipeline.NONE);
      w.write(w.variable("vals"), new long[] {1, 0}, new long[] {1, 3}, new double[] {4, 5, 6}, 0);
      double[] l = {-1, -2, -3, -4, -5, -6};
      w.write(w.variable("later"), new long[] {0, 0}, new long[] {2, 3}, l, 0);
      w.write(w.variable("after"), new long[] {0}, new long[] {3}, new int[] {7, 8, 9}, 0);
      w.commit();
    }
    ExternalTools.run("h5dump", "-H", p.toString());
    String out =
        python(
            "import netCDF4\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "print(d['vals'][:].ravel().tolist(), d['later'][:].ravel().tolist(),"
                + " d['after'][:].tolist(), d['vals'].filters()['zlib'],"
                + " d['later'].filters()['zlib'], d['later'].filters()['fletcher32'])");
    assertEquals(
        "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0] [-1.0, -2.0, -3.0, -4.0, -5.0, -6.0] [7, 8, 9] True False"
            + " False",
        out);
  }

  /**
   * A closed writer leaves its chunk array to the next writer in the JVM; written partly, the chunk
   * it becomes holds the fill value where nothing was written, never the values of the session
   * before (the array's old contents). The oracle is netCDF-C (Python's netCDF4).
   */
  @Test
  void aChunkArrayLeftByAClosedWriterHoldsNoOldValues() throws Exception {
    Path p = dir.resolve("spare.nc");
    int n = 70_000; // 560,000-byte chunks: deflated in pieces on two threads
    Schema s = new Schema().dimension("n", n).unlimitedDimension("time_step");
    s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(1, true, false, 1);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = 1000.0 + i;
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      w.write(w.variable("vals"), new long[] {0, 0}, new long[] {1, n}, v, 0); // a whole chunk
    }
    for (int i = 0; i < n; i++) v[i] = -1.0 - i;
    try (StorageWriter w = Backends.openForUpdate(p, new StorageWriter.Options(true, false, 0))) {
      w.write(w.variable("vals"), new long[] {1, 0}, new long[] {1, n / 2}, v, 0); // half of one
    }
    String out =
        python(
            "import netCDF4,numpy as np\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "d.set_auto_mask(False)\n"
                + "v=d['vals'][:]\n"
                + "i=np.arange("
                + n
                + ")\n"
                + "h="
                + (n / 2)
                + "\n"
                + "print(v.shape[0], np.array_equal(v[0],1000.0+i), np.array_equal(v[1,:h],-1.0-i[:h]),"
                + " bool(np.all(v[1,h:]==netCDF4.default_fillvals['f8'])))");
    assertEquals("2 True True True", out);
  }

  @Test
  void abandonedRecordsNeverCount() throws Exception {
    Path p = dir.resolve("abandon.nc");
    Schema s = new Schema().dimension("n", 2).unlimitedDimension("time_step");
    s.variable("vals", DataType.DOUBLE, List.of("time_step", "n"));
    try (StorageWriter w =
        Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, StorageWriter.Options.DEFAULT)) {
      for (int t = 0; t < 3; t++) {
        w.write(w.variable("vals"), new long[] {t, 0}, new long[] {1, 2}, new double[] {t, -t}, 0);
      }
      w.commit();
      w.write(w.variable("vals"), new long[] {3, 0}, new long[] {1, 2}, new double[] {9, 9}, 0);
      w.abandonUncommitted();
    }
    String out =
        python(
            "import netCDF4\n"
                + "d=netCDF4.Dataset('"
                + p
                + "')\n"
                + "print(d['vals'][:].tolist())");
    assertEquals("[[0.0, 0.0], [1.0, -1.0], [2.0, -2.0]]", out);
  }
}
