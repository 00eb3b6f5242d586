package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * {@link ChunkCacheSettings#resolve(ExodusOpenOptions)} keeps its last result for the same inputs,
 * and resolves again when a system property it reads changes between two opens. Oracle: the
 * property's value, and the explicit-input resolution of the same options.
 */
class CacheSettingsResolvedAgainTest {
  @Test
  void aChangedPropertyIsSeenAtTheNextResolution() {
    String key = "exodusj.cache.slots";
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      ChunkCacheSettings a = ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT);
      assertSame(a, ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT), "same inputs");
      assertEquals(
          ChunkCacheSettings.resolve(
                  ExodusOpenOptions.DEFAULT,
                  System.getProperties(),
                  System.getenv(),
                  Runtime.getRuntime().maxMemory(),
                  CacheSizing.containerMemoryLimit())
              .cacheSlots(),
          a.cacheSlots());
      System.setProperty(key, "77");
      assertEquals(77, ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT).cacheSlots());
      ExodusOpenOptions other = ExodusOpenOptions.builder().chunkCacheSlots(5).build();
      assertEquals(5, ChunkCacheSettings.resolve(other).cacheSlots(), "other options");
      System.clearProperty(key);
      assertEquals(
          a.cacheSlots(), ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT).cacheSlots());
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
