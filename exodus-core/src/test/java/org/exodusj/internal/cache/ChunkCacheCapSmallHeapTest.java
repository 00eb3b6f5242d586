package org.exodusj.internal.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusOpenOptions;
import org.junit.jupiter.api.Test;

/**
 * Under a real -Xmx48m (the small-heap execution), the cache never claims a compute node's 128 MiB.
 */
class ChunkCacheCapSmallHeapTest {
  @Test
  void theDefaultCacheFitsASmallHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap <= 64L << 20, "runs with a small heap, has " + heap);
    ChunkCacheSettings s =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.DEFAULT, new Properties(), Map.of("SLURM_JOB_ID", "1"), heap, -1);
    assertTrue(s.cacheBytes() <= heap / 4, s.cacheBytes() + " > heap/4");
    assertTrue(8L * s.iteratorValues() <= heap / 4, s.iteratorValues() + " values");
    ChunkCacheSettings here = ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT);
    assertTrue(here.cacheBytes() <= heap / 4, here.toString());
  }
}
