package org.exodusj.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.exodusj.internal.cache.ChunkCache.Key;
import org.junit.jupiter.api.Test;

class ChunkCacheTest {
  static Key k(long i) {
    return new Key(1, i);
  }

  @Test
  void leastRecentlyUsedGoesFirstWithW0Zero() {
    ChunkCache c = new ChunkCache(300, 100, 0);
    c.put(k(1), new byte[100]);
    c.put(k(2), new byte[100]);
    c.put(k(3), new byte[100]);
    c.get(k(1)); // 2 is now the least recently used
    c.put(k(4), new byte[100]);
    assertNull(c.get(k(2)));
    assertNotNull(c.get(k(1)));
    assertNotNull(c.get(k(3)));
    assertNotNull(c.get(k(4)));
    assertEquals(1, c.statistics().evictions());
  }

  @Test
  void fullyReadChunksGoFirstWithW0One() {
    ChunkCache c = new ChunkCache(300, 100, 1);
    c.put(k(1), new byte[100]);
    c.put(k(2), new byte[100]);
    c.put(k(3), new byte[100]);
    c.noteRead(k(3), 100); // the newest chunk, but read completely
    c.get(k(3));
    c.put(k(4), new byte[100]);
    assertNull(c.get(k(3)), "the fully read chunk is evicted although most recently used");
    assertNotNull(c.get(k(1)));
    assertNotNull(c.get(k(2)));
  }

  @Test
  void byteAndSlotBoundsHoldAndStatisticsCount() {
    ChunkCache c = new ChunkCache(1000, 3, 0.75);
    for (int i = 0; i < 10; i++) {
      c.put(k(i), new byte[150]);
      assertEquals(true, c.statistics().bytesHeld() <= 1000);
      assertEquals(true, c.statistics().entries() <= 3);
    }
    assertEquals(450, c.statistics().bytesHeld());
    assertEquals(450, c.statistics().peakBytes());
    assertEquals(7, c.statistics().evictions());
    c.get(k(9));
    c.get(k(0));
    assertEquals(1, c.statistics().hits());
    assertEquals(1, c.statistics().misses());
    ChunkCache small = new ChunkCache(1000, 100, 0.75);
    small.put(k(1), new byte[600]);
    small.put(k(2), new byte[600]);
    assertEquals(600, small.statistics().bytesHeld());
    small.put(k(3), new byte[5000]); // larger than the cache: not kept, nothing evicted for it
    assertNull(small.get(k(3)));
    assertNotNull(small.get(k(2)));
  }

  /** The victim the original full-scan policy picks, computed independently of the cache. */
  static long expectedVictim(java.util.Map<Long, long[]> model, long tick, double w0) {
    long oldest = Long.MAX_VALUE;
    for (long[] e : model.values()) oldest = Math.min(oldest, e[0]);
    long maxAge = tick - oldest;
    long victim = -1;
    double best = -1;
    long bestUse = Long.MAX_VALUE;
    for (java.util.Map.Entry<Long, long[]> me : model.entrySet()) {
      long[] e = me.getValue();
      double score = (tick - e[0]) + (e[1] == 1 ? w0 * (maxAge + 1) : 0);
      if (score > best || (score == best && e[0] < bestUse)) {
        best = score;
        bestUse = e[0];
        victim = me.getKey();
      }
    }
    return victim;
  }

  @Test
  void evictionOrderEqualsTheFullScanPolicyForEveryW0() {
    for (double w0 : new double[] {0, 0.25, 0.75, 1}) {
      java.util.Random r = new java.util.Random(42);
      ChunkCache c = new ChunkCache(1 << 20, 8, w0);
      // model: chunk -> {lastUse, fullyRead}; ticks as the cache counts them
      java.util.Map<Long, long[]> model = new java.util.HashMap<>();
      long tick = 0;
      for (int op = 0; op < 5000; op++) {
        long k = r.nextInt(20);
        int what = r.nextInt(3);
        if (what == 0 && model.containsKey(k)) {
          assertNotNull(c.get(1, k), "w0=" + w0 + " op " + op);
          model.get(k)[0] = ++tick;
        } else if (what == 1 && model.containsKey(k)) {
          c.noteRead(1, k, 100);
          if (model.get(k)[1] == 0) {
            model.get(k)[1] = 1;
            model.get(k)[0] = ++tick;
          }
        } else if (!model.containsKey(k)) {
          long victim = model.size() == 8 ? expectedVictim(model, tick, w0) : -1;
          c.put(1, k, new byte[100]);
          if (victim >= 0) {
            model.remove(victim);
            assertEquals(false, c.contains(1, victim), "w0=" + w0 + " op " + op + " victim");
          }
          model.put(k, new long[] {++tick, 0});
        }
        assertEquals(model.size(), c.statistics().entries());
        for (long key : model.keySet()) {
          assertEquals(true, c.contains(1, key), "w0=" + w0 + " op " + op + " key " + key);
        }
      }
    }
  }

  @Test
  void statisticsResetKeepsTheChunks() {
    ChunkCache c = new ChunkCache(1000, 10, 0);
    c.put(k(1), new byte[100]);
    c.put(k(2), new byte[300]);
    c.get(k(1));
    c.get(k(3));
    assertEquals(1, c.statistics().hits());
    c.resetStatistics();
    assertEquals(new ChunkCache.Statistics(0, 0, 0, 400, 400, 2), c.statistics());
    assertNotNull(c.get(k(2)));
    assertEquals(1, c.statistics().hits());
    assertEquals(0, c.statistics().misses());
  }

  @Test
  void keysOfDifferentDatasetsAreDistinctAndTheTableGrows() {
    ChunkCache c = new ChunkCache(1 << 30, 100_000, 0.75);
    for (int d = 0; d < 3; d++) {
      for (long i = 0; i < 10_000; i++) {
        c.put(d, i, new byte[] {(byte) d, (byte) i});
      }
    }
    assertEquals(30_000, c.statistics().entries());
    for (int d = 0; d < 3; d++) {
      for (long i = 0; i < 10_000; i += 997) {
        byte[] b = c.get(d, i);
        assertEquals((byte) d, b[0]);
        assertEquals((byte) i, b[1]);
      }
    }
    assertNull(c.get(3, 0));
  }

  @Test
  void evictedArraysAreReusedOnlyOnceNoReaderHoldsThem() {
    ChunkCache c = new ChunkCache(800, 2, 0); // up to 200 bytes of free arrays
    byte[] a = new byte[100];
    byte[] b = new byte[100];
    ChunkCache.Entry pa = c.putPinned(1, 1, a); // a reader copies from chunk 1
    c.put(1, 2, b);
    c.put(1, 3, new byte[100]); // evicts chunk 1 (least recently used), still pinned
    assertNull(c.get(1, 1));
    assertEquals(false, c.borrow(100) == a, "a pinned chunk's array is not handed out");
    c.release(pa);
    assertEquals(true, c.borrow(100) == a, "released: reused for the next decode");
    ChunkCache.Entry pb = c.acquire(1, 2);
    assertEquals(true, pb.data() == b);
    c.put(1, 4, new byte[100]); // evicts chunk 3 (chunk 2 was used more recently), unpinned
    c.put(1, 5, new byte[100]); // evicts chunk 2, pinned
    assertEquals(false, c.borrow(100) == b);
    c.release(pb);
    assertEquals(true, c.borrow(100) == b);
    assertNull(c.putPinned(1, 6, new byte[900]), "not kept: the caller keeps the array");
    // the free list holds at most a quarter of the cache
    ChunkCache d = new ChunkCache(400, 1, 0);
    for (int i = 0; i < 10; i++) d.put(1, i, new byte[100]);
    byte[] first = d.borrow(100);
    byte[] second = d.borrow(100);
    byte[] third = d.borrow(100);
    assertEquals(true, first != second && second != third);
  }

  @Test
  void theDoorkeeperAdmitsAChunkOnItsSecondMiss() {
    ChunkCache c = new ChunkCache(1 << 20, 4133, 0.75); // remembers thousands of misses
    for (long i = 0; i < 50; i++) {
      assertEquals(false, c.admit(1, i), "first miss of chunk " + i);
    }
    assertEquals(false, c.admit(2, 0), "another dataset's chunk 0 is another chunk");
    for (long i = 0; i < 50; i++) {
      assertEquals(true, c.admit(1, i), "second miss of chunk " + i);
    }
    assertEquals(false, c.admit(1, 0), "admitted once: remembered again from scratch");
    assertEquals(52, c.notAdmitted());
    assertEquals(0, c.statistics().misses(), "admit counts no miss: the lookup did");
    c.resetStatistics();
    assertEquals(0, c.notAdmitted());
    ChunkCache off = new ChunkCache(0, 0, 0.75);
    assertEquals(false, off.admit(1, 1));
    assertEquals(false, off.admit(1, 1), "a cache that keeps nothing admits nothing");
  }

  @Test
  void aSweepsLookupAsksTheDoorkeeperUnderOneLock() {
    ChunkCache c = new ChunkCache(1 << 20, 4133, 0.75);
    assertNull(c.acquire(1, 9, true), "first miss: not to be kept");
    assertEquals(true, c.acquire(1, 9, true) == ChunkCache.ADMITTED, "second miss: keep it");
    assertNull(c.acquire(1, 10, false), "not a sweep: a plain miss, the doorkeeper not asked");
    assertEquals(1, c.notAdmitted());
    c.put(1, 9, new byte[8]);
    ChunkCache.Entry e = c.acquire(1, 9, true);
    assertEquals(8, e.data().length, "a hit is the pinned chunk");
    c.release(e, 8);
    assertEquals(new ChunkCache.Statistics(1, 3, 0, 8, 8, 1), c.statistics());
  }

  @Test
  void releaseNotesTheBytesReadOfAPinnedChunk() {
    ChunkCache c = new ChunkCache(1000, 3, 1); // w0 = 1: chunks read completely go first
    ChunkCache.Entry a = c.putPinned(1, 1, new byte[100]);
    ChunkCache.Entry b = c.putPinned(1, 2, new byte[100]);
    c.release(a, 40);
    c.release(b, 100); // chunk 2 read completely
    c.put(1, 3, new byte[100]);
    c.put(1, 4, new byte[100]);
    assertNull(c.get(1, 2), "the chunk read completely was evicted first");
    assertNotNull(c.get(1, 1));
    ChunkCache.Entry p = c.acquire(1, 1);
    c.put(1, 5, new byte[100]);
    c.put(1, 6, new byte[100]);
    c.put(1, 7, new byte[100]); // evicts chunk 1 while pinned
    byte[] free1 = c.borrow(100); // the free arrays of the chunks evicted unpinned
    byte[] free2 = c.borrow(100);
    assertEquals(true, free1 != p.data() && free2 != p.data());
    c.release(p, 100); // nothing noted for an evicted chunk; its array is free again
    assertEquals(true, c.borrow(100) == p.data());
    assertEquals(3, c.statistics().entries());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(-1, 1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(1, 1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(1, 1, Double.NaN));
  }
}
