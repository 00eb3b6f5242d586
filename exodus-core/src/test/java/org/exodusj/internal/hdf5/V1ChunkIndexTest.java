package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk B-tree search against jHDF's full chunk index (every chunk's stored bytes equal) and
 * against the values netCDF4-python wrote, on a tree of several levels with chunks never written; a
 * damaged node is a clear error.
 */
class V1ChunkIndexTest {
  @TempDir static Path dir;
  static Path file;
  static final int T = 300;
  static final int N = 1000;

  @BeforeAll
  static void write() throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    file = dir.resolve("many-chunks.nc");
    Path s = dir.resolve("w.py");
    Files.writeString(
        s,
        "import netCDF4, numpy as np\nf = netCDF4.Dataset('"
            + file
            + "', 'w')\n"
            + """
            f.createDimension('t', None)
            f.createDimension('n', %d)
            v = f.createVariable('v', 'f8', ('t', 'n'), chunksizes=(1, 4), zlib=True,
                                 complevel=1, shuffle=True, fill_value=-2.0)
            for t in range(%d):
                if t %% 7 != 3:
                    v[t, :] = t * 1000.0 + np.arange(%d)
                else:
                    v[t, 0:8] = t * 1000.0 + np.arange(8)
            f.close()
            """
                .formatted(N, T, N));
    ExternalTools.run(py, s.toString());
  }

  static long btree(HdfFile h) {
    io.jhdf.AbstractNode d = (io.jhdf.AbstractNode) h.getDatasetByPath("v");
    return d.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class).getBTreeAddress();
  }

  @Test
  void everyChunkIsFoundWhereJhdfsFullIndexHasIt() throws Exception {
    try (HdfFile h = new HdfFile(file);
        ByteSource src = WindowedByteSource.map(file)) {
      ChunkedDataset d = (ChunkedDataset) h.getDatasetByPath("v");
      V1ChunkIndex index =
          new V1ChunkIndex(
              file.toString(),
              "v",
              src,
              h.getUserBlockSize(),
              btree(h),
              2,
              h.getHdfBackingStorage().getSuperblock().getSizeOfOffsets());
      V1ChunkIndex.Location loc = new V1ChunkIndex.Location();
      int found = 0;
      int missing = 0;
      for (int t = 0; t < T; t++) {
        for (int n = 0; n < N; n += 4) {
          ByteBuffer expected;
          try {
            expected = d.getRawChunkBuffer(new int[] {t, n});
          } catch (HdfException noChunk) {
            expected = null;
          }
          boolean has = index.find(new long[] {t, n}, loc);
          assertEquals(expected != null, has, "chunk " + t + "," + n);
          if (has) {
            byte[] stored = new byte[loc.size];
            src.getBytes(h.getUserBlockSize() + loc.address, stored, 0, loc.size);
            byte[] exp = new byte[expected.remaining()];
            expected.duplicate().get(exp);
            assertArrayEquals(exp, stored, "chunk " + t + "," + n);
            assertEquals(0, loc.filterMask);
            found++;
          } else {
            missing++;
          }
        }
      }
      assertTrue(found > 60_000 && missing > 10_000, found + " found, " + missing + " missing");
      assertFalse(index.find(new long[] {T, 0}, loc), "past the last record");
      assertFalse(index.find(new long[] {5, 2}, loc), "not a chunk origin");
    }
  }

  /**
   * The walk of the whole tree (adoption) gives every chunk jHDF's full index has, in key order.
   */
  @Test
  void forEachVisitsEveryStoredChunkOnceInKeyOrder() throws Exception {
    try (HdfFile h = new HdfFile(file);
        ByteSource src = WindowedByteSource.map(file)) {
      ChunkedDataset d = (ChunkedDataset) h.getDatasetByPath("v");
      V1ChunkIndex index =
          new V1ChunkIndex(
              file.toString(),
              "v",
              src,
              h.getUserBlockSize(),
              btree(h),
              2,
              h.getHdfBackingStorage().getSuperblock().getSizeOfOffsets());
      java.util.List<long[]> seen = new java.util.ArrayList<>();
      index.forEach(
          (offset, address, size, mask) -> {
            ByteBuffer expected = d.getRawChunkBuffer(new int[] {(int) offset[0], (int) offset[1]});
            byte[] exp = new byte[expected.remaining()];
            expected.duplicate().get(exp);
            byte[] stored = new byte[size];
            src.getBytes(h.getUserBlockSize() + address, stored, 0, size);
            assertArrayEquals(exp, stored, java.util.Arrays.toString(offset));
            assertEquals(0, mask);
            seen.add(offset);
          });
      int expected = 0;
      for (int t = 0; t < T; t++) {
        for (int n = 0; n < N; n += 4) {
          try {
            d.getRawChunkBuffer(new int[] {t, n});
            expected++;
          } catch (HdfException noChunk) {
            // never written
          }
        }
      }
      assertEquals(expected, seen.size());
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(java.util.Arrays.compare(seen.get(i - 1), seen.get(i)) < 0, "key order at " + i);
      }
    }
  }

  /** A damaged tree naming one node twice is refused, not walked twice (or forever). */
  @Test
  void forEachRefusesANodeReachedTwice() throws Exception {
    Path bad = dir.resolve("twice.nc");
    Files.copy(file, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    long root;
    try (HdfFile h = new HdfFile(file)) {
      root = h.getUserBlockSize() + btree(h);
    }
    byte[] b = Files.readAllBytes(bad);
    ByteBuffer n = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertTrue(n.get((int) root + 5) > 0, "the root is an inner node");
    int keyBytes = 8 + 8 * 3;
    int first = (int) root + 8 + 16;
    long child0 = n.getLong(first + keyBytes);
    n.putLong(first + 2 * keyBytes + 8, child0); // child 1 := child 0
    Files.write(bad, b);
    try (ByteSource src = WindowedByteSource.map(bad)) {
      V1ChunkIndex index = new V1ChunkIndex(bad.toString(), "v", src, 0, root, 2, 8);
      ExodusFormatException e =
          assertThrows(ExodusFormatException.class, () -> index.forEach((o, a, s, m) -> {}));
      assertTrue(e.getMessage().contains("reached twice"), e.getMessage());
      assertTrue(e.getMessage().contains("twice.nc"), e.getMessage());
    }
  }

  /** Cached chunks, and the cache off (chunks decoded into arrays lent from a pool, reused). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1 << 16, 0})
  void readsGiveTheWrittenValuesAndTheFillValue(int cacheBytes) throws Exception {
    try (Hdf5File f =
        Hdf5File.open(
            file, WindowedByteSource.map(file), new ChunkCache(cacheBytes, 64, 0.75), null)) {
      Variable v = f.findVariable("v").orElseThrow();
      double[] hist = new double[T];
      f.read(v, new long[] {0, 501}, new long[] {T, 1}, hist, 0);
      for (int t = 0; t < T; t++) {
        assertEquals(t % 7 != 3 ? t * 1000.0 + 501 : -2.0, hist[t], "t=" + t);
      }
      double[] rows = new double[3 * N];
      f.read(v, new long[] {2, 0}, new long[] {3, N}, rows, 0);
      for (int t = 2; t < 5; t++) {
        for (int n = 0; n < N; n++) {
          double expected = t % 7 != 3 || n < 8 ? t * 1000.0 + n : -2.0;
          assertEquals(expected, rows[(t - 2) * N + n], "t=" + t + " n=" + n);
        }
      }
    }
  }

  /**
   * A whole-variable read (2.4 MB of chunks) decoded in parallel batches: bypassing a smaller cache
   * (lent arrays), and through a larger one (pinned, recycled arrays).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1 << 20, 8 << 20})
  void parallelDecodingInBatchesGivesEveryValue(int cacheBytes) throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try (Hdf5File f =
        Hdf5File.open(
            file, WindowedByteSource.map(file), new ChunkCache(cacheBytes, 100_000, 0.75), pool)) {
      Variable v = f.findVariable("v").orElseThrow();
      double[] all = new double[T * N];
      for (int rep = 0; rep < 2; rep++) {
        java.util.Arrays.fill(all, Double.NaN);
        f.read(v, new long[] {0, 0}, new long[] {T, N}, all, 0);
        for (int t = 0; t < T; t++) {
          for (int n = 0; n < N; n++) {
            double expected = t % 7 != 3 || n < 8 ? t * 1000.0 + n : -2.0;
            assertEquals(expected, all[t * N + n], "t=" + t + " n=" + n);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Readers on several threads over a small cache: chunks are evicted and their arrays reused for
   * other chunks while other readers copy from them unless pinning works; every value is checked.
   */
  @Test
  void concurrentReadersThroughASmallCacheSeeTheirOwnValues() throws Exception {
    try (Hdf5File f =
        Hdf5File.open(file, WindowedByteSource.map(file), new ChunkCache(4096, 64, 0.75), null)) {
      Variable v = f.findVariable("v").orElseThrow();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
        for (int th = 0; th < 4; th++) {
          int seed = th;
          jobs.add(
              pool.submit(
                  () -> {
                    java.util.Random r = new java.util.Random(seed);
                    double[] row = new double[40];
                    for (int k = 0; k < 400; k++) {
                      int t = r.nextInt(T);
                      int n0 = r.nextInt(N - 40);
                      f.read(v, new long[] {t, n0}, new long[] {1, 40}, row, 0);
                      for (int q = 0; q < 40; q++) {
                        int n = n0 + q;
                        double expected = t % 7 != 3 || n < 8 ? t * 1000.0 + n : -2.0;
                        assertEquals(expected, row[q], "t=" + t + " n=" + n);
                      }
                    }
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> j : jobs) j.get();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aDamagedNodeIsAClearError() throws Exception {
    Path bad = dir.resolve("damaged.nc");
    Files.copy(file, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    long at;
    try (HdfFile h = new HdfFile(file)) {
      at = h.getUserBlockSize() + btree(h);
    }
    byte[] b = Files.readAllBytes(bad);
    assertEquals('T', b[(int) at]);
    b[(int) at] = 'X';
    Files.write(bad, b);
    try (Hdf5File f =
        Hdf5File.open(bad, WindowedByteSource.map(bad), new ChunkCache(1 << 16, 64, 0.75), null)) {
      Variable v = f.findVariable("v").orElseThrow();
      ExodusFormatException e =
          assertThrows(
              ExodusFormatException.class,
              () -> f.read(v, new long[] {0, 0}, new long[] {1, 4}, new double[4], 0));
      assertTrue(e.getMessage().contains("chunk B-tree"), e.getMessage());
      assertTrue(e.getMessage().contains("damaged.nc"), e.getMessage());
    }
  }
}
