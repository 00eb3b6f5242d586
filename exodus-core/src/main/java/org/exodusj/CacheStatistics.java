package org.exodusj;

/**
 * Chunk cache counters of one open file.
 *
 * @param hits chunk lookups answered from the cache
 * @param misses chunk lookups that had to read and decode
 * @param evictions chunks dropped to make room
 * @param bytesHeld decoded bytes held now
 * @param peakBytes the most decoded bytes held at once
 */
public record CacheStatistics(
    long hits, long misses, long evictions, long bytesHeld, long peakBytes) {
  /** Hits over lookups, or 0 before any lookup. */
  public double hitRate() {
    long n = hits + misses;
    return n == 0 ? 0 : (double) hits / n;
  }
}
