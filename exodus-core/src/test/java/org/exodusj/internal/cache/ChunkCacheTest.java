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

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(-1, 1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(1, 1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(1, 1, Double.NaN));
  }
}
