package org.exodusj.internal.cache;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A bounded cache of decoded chunks, per open file: bounded by bytes and by a number of slots (as
 * HDF5's {@code nslots}), with HDF5's preemption policy {@code w0}: 0 evicts the least recently
 * used chunk; 1 always evicts chunks that were read completely first (they are unlikely to be
 * needed again); values between weigh the two. A chunk larger than the whole cache is not kept.
 * Thread-safe.
 */
public final class ChunkCache {
  /** A cache key: a dataset (by a per-file number) and a chunk's linear index in it. */
  public record Key(int dataset, long chunk) {}

  /** Counters since the file was opened. */
  public record Statistics(
      long hits, long misses, long evictions, long bytesHeld, long peakBytes, int entries) {}

  private static final class Entry {
    final byte[] data;
    long lastUse;
    long bytesRead;
    boolean fullyRead;

    Entry(byte[] data) {
      this.data = data;
    }
  }

  private final long maxBytes;
  private final int maxSlots;
  private final double w0;
  private final Map<Key, Entry> entries = new HashMap<>();
  private long tick;
  private long bytesHeld;
  private long peakBytes;
  private long hits;
  private long misses;
  private long evictions;

  /**
   * @param maxBytes bytes of decoded chunks held at most
   * @param maxSlots chunks held at most
   * @param w0 preemption policy in [0, 1]
   */
  public ChunkCache(long maxBytes, int maxSlots, double w0) {
    if (maxBytes < 0 || maxSlots < 0 || !(w0 >= 0 && w0 <= 1)) {
      throw new IllegalArgumentException(
          "chunk cache bytes=" + maxBytes + " slots=" + maxSlots + " w0=" + w0);
    }
    this.maxBytes = maxBytes;
    this.maxSlots = maxSlots;
    this.w0 = w0;
  }

  /** The decoded chunk, or null on a miss (counted). */
  public synchronized byte[] get(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    e.lastUse = ++tick;
    return e.data;
  }

  /**
   * Records that {@code bytes} of a cached chunk were read: a chunk read fully is preferred for
   * eviction.
   */
  public synchronized void noteRead(Key key, long bytes) {
    Entry e = entries.get(key);
    if (e != null && !e.fullyRead) {
      e.bytesRead += bytes;
      e.fullyRead = e.bytesRead >= e.data.length;
    }
  }

  /** Keeps a decoded chunk, evicting as the policy says; too-large chunks are not kept. */
  public synchronized void put(Key key, byte[] data) {
    if (data.length > maxBytes || maxSlots == 0) {
      return;
    }
    Entry old = entries.remove(key);
    if (old != null) {
      bytesHeld -= old.data.length;
    }
    while (!entries.isEmpty()
        && (bytesHeld + data.length > maxBytes || entries.size() + 1 > maxSlots)) {
      evictOne();
    }
    Entry e = new Entry(data);
    e.lastUse = ++tick;
    entries.put(key, e);
    bytesHeld += data.length;
    peakBytes = Math.max(peakBytes, bytesHeld);
  }

  private void evictOne() {
    long oldest = Long.MAX_VALUE;
    for (Entry e : entries.values()) {
      oldest = Math.min(oldest, e.lastUse);
    }
    long maxAge = tick - oldest;
    Key victim = null;
    double best = -1;
    for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Entry> me = it.next();
      Entry e = me.getValue();
      double score = (tick - e.lastUse) + (e.fullyRead ? w0 * (maxAge + 1) : 0);
      if (score > best) {
        best = score;
        victim = me.getKey();
      }
    }
    Entry gone = entries.remove(victim);
    bytesHeld -= gone.data.length;
    evictions++;
  }

  public synchronized Statistics statistics() {
    return new Statistics(hits, misses, evictions, bytesHeld, peakBytes, entries.size());
  }

  public long maxBytes() {
    return maxBytes;
  }

  public int maxSlots() {
    return maxSlots;
  }

  public double w0() {
    return w0;
  }
}
