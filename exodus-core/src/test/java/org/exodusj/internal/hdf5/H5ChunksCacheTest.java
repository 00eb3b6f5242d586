package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk cache as the NetCDF-4 reader uses it: a sweep (a read over many chunks) keeps a chunk
 * only from its second miss on, a read bypassing the cache gives the values a cached read gives,
 * and the statistics count every chunk looked up, also with readers racing evictions. Values are
 * checked against the formula netCDF4-python wrote them with: v[t, n] = 1000 t + n.
 */
class H5ChunksCacheTest {
  static final int T = 60;
  static final int N = 1000;

  @TempDir static Path dir;
  static Path file;

  @BeforeAll
  static void write() throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    file = dir.resolve("sweep.nc");
    Path s = dir.resolve("sweep.py");
    Files.writeString(
        s,
        "import netCDF4, numpy as np\nf = netCDF4.Dataset('"
            + file
            + "', 'w')\n"
            + """
            f.createDimension('t', None)
            f.createDimension('n', %d)
            v = f.createVariable('v', 'f8', ('t', 'n'), chunksizes=(1, 8), zlib=True, shuffle=True)
            w = f.createVariable('w', 'f8', ('t', 'n'), chunksizes=(1, %d), zlib=True, shuffle=True)
            a = np.arange(%d)[:, None] * 1000.0 + np.arange(%d)[None, :]
            v[0:%d, :] = a
            w[0:%d, :] = a
            f.close()
            """
                .formatted(N, N, T, N, T, T));
    ExternalTools.run(py, s.toString());
  }

  static Hdf5File open(ChunkCache cache, java.util.concurrent.Executor executor) throws Exception {
    return Hdf5File.open(file, WindowedByteSource.map(file), cache, executor);
  }

  static void checkHistory(double[] d, long node) {
    for (int t = 0; t < T; t++) assertEquals(1000.0 * t + node, d[t], "t=" + t + " n=" + node);
  }

  static void checkWindow(double[] d, long t, long start, int count) {
    for (int i = 0; i < count; i++) {
      assertEquals(1000.0 * t + start + i, d[i], "t=" + t + " n=" + (start + i));
    }
  }

  @Test
  void aSweepKeepsAChunkFromItsSecondMissOn() throws Exception {
    ChunkCache cache = new ChunkCache(1 << 20, 10_000, 0.75);
    try (Hdf5File h = open(cache, null)) {
      h.resetCacheStatistics();
      Variable v = h.findVariable("v").orElseThrow();
      double[] d = new double[T];
      h.read(v, new long[] {0, 13}, new long[] {T, 1}, d, 0);
      checkHistory(d, 13);
      ChunkCache.Statistics s = h.cacheStatistics();
      assertEquals(0, s.hits());
      assertEquals(T, s.misses());
      assertEquals(0, s.entries(), "read once by a sweep: not kept");
      assertEquals(0, s.bytesHeld());
      assertEquals(T, cache.notAdmitted());
      // the next node's history: the same chunks, missed again, now kept
      h.read(v, new long[] {0, 14}, new long[] {T, 1}, d, 0);
      checkHistory(d, 14);
      s = h.cacheStatistics();
      assertEquals(0, s.hits());
      assertEquals(2 * T, s.misses());
      assertEquals(T, s.entries());
      assertEquals(T * 64L, s.bytesHeld());
      assertEquals(T, cache.notAdmitted());
      // and from then on served from the cache
      h.read(v, new long[] {0, 15}, new long[] {T, 1}, d, 0);
      checkHistory(d, 15);
      s = h.cacheStatistics();
      assertEquals(T, s.hits());
      assertEquals(2 * T, s.misses());
      // a window of one or two chunks keeps them at once
      double[] win = new double[10];
      h.read(v, new long[] {7, 30}, new long[] {1, 10}, win, 0);
      checkWindow(win, 7, 30, 10);
      s = h.cacheStatistics();
      assertEquals(T + 2, s.entries());
      assertEquals(2 * T + 2, s.misses());
      h.read(v, new long[] {7, 30}, new long[] {1, 10}, win, 0);
      checkWindow(win, 7, 30, 10);
      assertEquals(T + 2, h.cacheStatistics().hits());
      h.resetCacheStatistics();
      assertEquals(0, cache.notAdmitted());
    }
  }

  @Test
  void aParallelSweepAdmitsAsTheSerialOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ChunkCache cache = new ChunkCache(4 << 20, 10_000, 0.75);
    try (Hdf5File h = open(cache, pool)) {
      h.resetCacheStatistics();
      Variable w = h.findVariable("w").orElseThrow(); // 60 chunks of 8 KB: decoded in parallel
      double[] d = new double[T];
      for (int round = 0; round < 3; round++) {
        h.read(w, new long[] {0, 500 + round}, new long[] {T, 1}, d, 0);
        checkHistory(d, 500 + round);
      }
      ChunkCache.Statistics s = h.cacheStatistics();
      assertEquals(T, s.hits());
      assertEquals(2 * T, s.misses());
      assertEquals(T, s.entries());
      assertEquals(T, cache.notAdmitted());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bypassedAndNotAdmittedReadsGiveTheCachedValues() throws Exception {
    // no cache; a cache too small for any sweep (bypassed); a large one (admitted on re-reads)
    ChunkCache[] caches = {
      new ChunkCache(0, 0, 0.75),
      new ChunkCache(4096, 4, 0.75),
      new ChunkCache(64 << 20, 4133, 0.75)
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (ChunkCache cache : caches) {
        for (java.util.concurrent.Executor ex : new java.util.concurrent.Executor[] {null, pool}) {
          try (Hdf5File h = open(cache, ex)) {
            for (String name : List.of("v", "w")) {
              Variable v = h.findVariable(name).orElseThrow();
              double[] all = new double[T * N];
              for (int round = 0; round < 3; round++) {
                h.read(v, new long[] {0, 0}, new long[] {T, N}, all, 0);
                for (int t = 0; t < T; t++) {
                  for (int n = 0; n < N; n++) {
                    assertEquals(1000.0 * t + n, all[t * N + n], name + "[" + t + "," + n + "]");
                  }
                }
                double[] d = new double[T];
                h.read(v, new long[] {0, 997}, new long[] {T, 1}, d, 0);
                checkHistory(d, 997);
              }
            }
            ChunkCache.Statistics s = h.cacheStatistics();
            assertTrue(s.bytesHeld() <= cache.maxBytes(), s.toString());
            assertTrue(s.entries() <= cache.maxSlots(), s.toString());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentReadersDuringEvictionReadTheRightValuesAndAreCounted() throws Exception {
    // 40 chunks of 64 bytes or 5 of 8 KB: every thread's reads evict chunks others have pinned
    ChunkCache cache = new ChunkCache(40 << 10, 40, 0.75);
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try (Hdf5File h = open(cache, null)) {
      h.resetCacheStatistics();
      Variable v = h.findVariable("v").orElseThrow();
      Variable w = h.findVariable("w").orElseThrow();
      AtomicLong lookups = new AtomicLong();
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        long seed = r;
        done.add(
            readers.submit(
                () -> {
                  Random rnd = new Random(seed);
                  double[] d = new double[N];
                  for (int i = 0; i < 300; i++) {
                    int kind = rnd.nextInt(3);
                    long t = rnd.nextInt(T);
                    long n = rnd.nextInt(N - 100);
                    if (kind == 0) { // history over 1x8 chunks: a sweep of 60 chunks
                      long node = rnd.nextInt(16); // few nodes: chunks are re-read, so admitted
                      h.read(v, new long[] {0, node}, new long[] {T, 1}, d, 0);
                      checkHistory(d, node);
                      lookups.addAndGet(T);
                    } else if (kind == 1) { // a window of 100 nodes over 1x8 chunks
                      h.read(v, new long[] {t, n}, new long[] {1, 100}, d, 0);
                      checkWindow(d, t, n, 100);
                      lookups.addAndGet((n + 99) / 8 - n / 8 + 1);
                    } else { // a window in one 8 KB chunk of w, of a few steps
                      long t0 = rnd.nextInt(4);
                      h.read(w, new long[] {t0, n}, new long[] {1, 100}, d, 0);
                      checkWindow(d, t0, n, 100);
                      lookups.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) f.get();
      ChunkCache.Statistics s = h.cacheStatistics();
      assertEquals(lookups.get(), s.hits() + s.misses(), "every chunk looked up counted once");
      assertTrue(s.hits() > 0 && s.evictions() > 0, s.toString());
      assertTrue(s.bytesHeld() <= cache.maxBytes() && s.entries() <= 40, s.toString());
      assertTrue(s.peakBytes() <= cache.maxBytes(), s.toString());
    } finally {
      readers.shutdownNow();
    }
  }
}
