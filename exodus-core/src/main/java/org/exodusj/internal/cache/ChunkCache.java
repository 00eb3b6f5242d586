package org.exodusj.internal.cache;

/**
 * A bounded cache of decoded chunks, per open file: bounded by bytes and by a number of slots (as
 * HDF5's {@code nslots}), with HDF5's preemption policy {@code w0}: 0 evicts the least recently
 * used chunk; 1 always evicts chunks that were read completely first (they are unlikely to be
 * needed again); values between weigh the two. A chunk larger than the whole cache is not kept.
 * Thread-safe.
 *
 * <p>Every operation is O(1): entries live in a hash table keyed by (dataset, chunk) without
 * allocating a key, and in one of two access-ordered lists, chunks read completely and the others.
 * Within a list the oldest entry has the highest eviction score (age, plus {@code w0 * (maxAge +
 * 1)} for chunks read completely, as before), so the victim is the better of the two list heads; no
 * entry is ever scanned. Readers of many chunks ask {@link #admit} before keeping a chunk they
 * missed, so chunks a sweep reads once do not displace the others.
 */
public final class ChunkCache {
  /** A cache key: a dataset (by a per-file number) and a chunk's linear index in it. */
  public record Key(int dataset, long chunk) {}

  /** Counters since the file was opened or the last {@link #resetStatistics()}. */
  public record Statistics(
      long hits, long misses, long evictions, long bytesHeld, long peakBytes, int entries) {
    /** No lookups, nothing held: the counters of a storage without a cache. */
    public static final Statistics NONE = new Statistics(0, 0, 0, 0, 0, 0);
  }

  /**
   * A cached chunk. A reader {@link #acquire acquires} (pins) it, copies from {@link #data()} and
   * {@link #release releases} it; an evicted chunk's array is reused for another chunk only once no
   * reader holds it.
   */
  public static final class Entry {
    final int dataset;
    final long chunk;
    final byte[] data;
    long lastUse;
    long bytesRead;
    boolean fullyRead;
    Entry prev;
    Entry next;
    Entry bucketNext;
    int pins;
    boolean evicted;

    /** The decoded chunk; valid while pinned. */
    public byte[] data() {
      return data;
    }

    Entry(int dataset, long chunk, byte[] data) {
      this.dataset = dataset;
      this.chunk = chunk;
      this.data = data;
    }
  }

  /** An access-ordered list: head is the least recently used. */
  private static final class Lru {
    Entry head;
    Entry tail;

    void add(Entry e) {
      e.prev = tail;
      e.next = null;
      if (tail == null) {
        head = e;
      } else {
        tail.next = e;
      }
      tail = e;
    }

    void remove(Entry e) {
      if (e.prev == null) {
        head = e.next;
      } else {
        e.prev.next = e.next;
      }
      if (e.next == null) {
        tail = e.prev;
      } else {
        e.next.prev = e.prev;
      }
      e.prev = null;
      e.next = null;
    }
  }

  private final long maxBytes;
  private final int maxSlots;
  private final double w0;
  private Entry[] table = new Entry[16];
  private int size;
  private final Lru partial = new Lru();
  private final Lru full = new Lru();
  private long tick;
  private long bytesHeld;
  private long peakBytes;
  private long hits;
  private long misses;
  private long evictions;

  /**
   * Arrays of evicted chunks no reader holds, for the next decodes: one stack per chunk length
   * ({@code freeLengths[i]} is the length of the arrays of stack i; a file has few chunk sizes, so
   * a scan, and no boxed key per lookup).
   */
  private int[] freeLengths = new int[0];

  private final java.util.ArrayList<java.util.ArrayDeque<byte[]>> free =
      new java.util.ArrayList<>();

  private long freeBytes;

  /**
   * The doorkeeper of {@link #admit}: keys (plus one; 0 is empty) of chunks recently missed by a
   * sweep and not kept, direct-mapped by hash; allocated on the first sweep.
   */
  private long[] ghost;

  private long notAdmitted;

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

  private static int hash(int dataset, long chunk) {
    long h = chunk * 0x9E3779B97F4A7C15L + dataset * 0xC2B2AE3D27D4EB4FL;
    return (int) (h ^ (h >>> 29) ^ (h >>> 41));
  }

  private Entry find(int dataset, long chunk) {
    Entry e = table[hash(dataset, chunk) & (table.length - 1)];
    while (e != null && (e.chunk != chunk || e.dataset != dataset)) {
      e = e.bucketNext;
    }
    return e;
  }

  private void unlink(Entry e) {
    int b = hash(e.dataset, e.chunk) & (table.length - 1);
    Entry p = table[b];
    if (p == e) {
      table[b] = e.bucketNext;
    } else {
      while (p.bucketNext != e) {
        p = p.bucketNext;
      }
      p.bucketNext = e.bucketNext;
    }
    e.bucketNext = null;
    (e.fullyRead ? full : partial).remove(e);
    size--;
    bytesHeld -= e.data.length;
    if (e.pins == 0) {
      recycle(e.data);
    } else {
      e.evicted = true; // recycled when its last reader releases it
    }
  }

  /** Keeps an array no one holds for a later {@link #borrow}, up to a quarter of the cache. */
  private void recycle(byte[] a) {
    if (freeBytes + a.length > maxBytes / 4) {
      return;
    }
    java.util.ArrayDeque<byte[]> q = freeList(a.length);
    if (q == null) {
      int n = freeLengths.length;
      freeLengths = java.util.Arrays.copyOf(freeLengths, n + 1);
      freeLengths[n] = a.length;
      q = new java.util.ArrayDeque<>();
      free.add(q);
    }
    q.push(a);
    freeBytes += a.length;
  }

  private java.util.ArrayDeque<byte[]> freeList(int length) {
    for (int i = 0; i < freeLengths.length; i++) {
      if (freeLengths[i] == length) {
        return free.get(i);
      }
    }
    return null;
  }

  /**
   * An array of {@code length} bytes to decode a chunk into: one of an evicted chunk that no reader
   * holds, else a new one.
   */
  public synchronized byte[] borrow(int length) {
    java.util.ArrayDeque<byte[]> q = freeList(length);
    byte[] a = q == null ? null : q.poll();
    if (a == null) {
      return new byte[length];
    }
    freeBytes -= length;
    return a;
  }

  /** The chunk pinned for the caller (counted as a hit), or null on a miss (counted). */
  public synchronized Entry acquire(int dataset, long chunk) {
    Entry e = find(dataset, chunk);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    touch(e);
    e.pins++;
    return e;
  }

  /**
   * Returned by {@link #acquire(int, long, boolean)} for a miss that {@link #admit} admits; never
   * pinned or released.
   */
  public static final Entry ADMITTED = new Entry(-1, -1, new byte[0]);

  /**
   * As {@link #acquire(int, long)}, and on a miss of a sweep ({@code sweep}) asks {@link #admit}
   * under the same lock: the pinned chunk on a hit, {@link #ADMITTED} on a miss to be kept, null on
   * a miss not to be kept (or any miss when {@code sweep} is false).
   */
  public synchronized Entry acquire(int dataset, long chunk, boolean sweep) {
    Entry e = acquire(dataset, chunk);
    if (e == null && sweep && admit(dataset, chunk)) {
      return ADMITTED;
    }
    return e;
  }

  /** Releases a pin of {@link #acquire} or {@link #putPinned}. */
  public synchronized void release(Entry e) {
    if (--e.pins == 0 && e.evicted) {
      e.evicted = false;
      recycle(e.data);
    }
  }

  /**
   * {@link #noteRead(int, long, long) Notes} that {@code bytes} of a pinned chunk were read and
   * releases the pin, under one lock and without a lookup (the pin is the entry).
   */
  public synchronized void release(Entry e, long bytes) {
    if (!e.evicted && !e.fullyRead) {
      noteRead(e, bytes);
    }
    release(e);
  }

  /**
   * As {@link #put(int, long, byte[])}, and pins the new entry for the caller: null when the chunk
   * is not kept (the caller keeps sole use of {@code data}).
   */
  public synchronized Entry putPinned(int dataset, long chunk, byte[] data) {
    Entry e = insert(dataset, chunk, data);
    if (e == null || e.data != data) {
      return null;
    }
    e.pins++;
    return e;
  }

  /**
   * Whether a chunk missed by a sweep (a read over several chunks) should be kept: only when the
   * same chunk was missed before, recently (a doorkeeper, as 2Q's and TinyLFU's admission; a
   * two-way set-associative table of recent misses). A chunk a sweep reads once, as a history over
   * many steps reads every chunk, then costs what it costs with no cache (decoded into a lent
   * array, no array or entry allocated for it, nothing evicted for it); a chunk read again is kept
   * from its second read on. The doorkeeper remembers the last misses, one to two times as many as
   * the cache has slots (at most 64 K entries, 512 KB; allocated on the first sweep): a chunk whose
   * reuse comes later would be evicted before it anyway. A chunk not admitted still counts as a
   * miss.
   */
  public synchronized boolean admit(int dataset, long chunk) {
    if (maxSlots == 0 || maxBytes == 0) {
      return false;
    }
    if (ghost == null) {
      int n = Integer.highestOneBit(Math.max(16, Math.min(maxSlots, 1 << 16)) - 1) << 1;
      ghost = new long[n];
    }
    long key = (((long) dataset << 40) ^ chunk) + 1;
    // two ways per set, the newer first; murmur3's finalizer spreads consecutive chunks
    long x = key;
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    int slot = (int) (x ^ (x >>> 33)) & (ghost.length - 2);
    if (ghost[slot] == key || ghost[slot + 1] == key) {
      ghost[ghost[slot] == key ? slot : slot + 1] = 0;
      return true;
    }
    ghost[slot + 1] = ghost[slot];
    ghost[slot] = key;
    notAdmitted++;
    return false;
  }

  /** Chunks a sweep missed and {@link #admit} did not keep, counted as the other statistics. */
  public synchronized long notAdmitted() {
    return notAdmitted;
  }

  private void link(Entry e) {
    if (size + 1 > table.length * 3 / 4) {
      Entry[] old = table;
      table = new Entry[old.length * 2];
      for (Entry head : old) {
        for (Entry x = head; x != null; ) {
          Entry nx = x.bucketNext;
          int b = hash(x.dataset, x.chunk) & (table.length - 1);
          x.bucketNext = table[b];
          table[b] = x;
          x = nx;
        }
      }
    }
    int b = hash(e.dataset, e.chunk) & (table.length - 1);
    e.bucketNext = table[b];
    table[b] = e;
    (e.fullyRead ? full : partial).add(e);
    size++;
    bytesHeld += e.data.length;
  }

  /**
   * The decoded chunk, or null on a miss (counted). Not pinned: a reader that copies from it while
   * other threads read uses {@link #acquire} instead.
   */
  public byte[] get(Key key) {
    return get(key.dataset(), key.chunk());
  }

  /** The decoded chunk of {@code dataset}'s chunk {@code chunk}, or null on a miss (counted). */
  public synchronized byte[] get(int dataset, long chunk) {
    Entry e = find(dataset, chunk);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    touch(e);
    return e.data;
  }

  private void touch(Entry e) {
    e.lastUse = ++tick;
    Lru l = e.fullyRead ? full : partial;
    if (l.tail != e) {
      l.remove(e);
      l.add(e);
    }
  }

  /** Counts {@code n} misses found by {@link #contains} (chunks decoded ahead of their use). */
  public synchronized void countMisses(int n) {
    misses += n;
  }

  /** Whether a chunk is held, without counting or touching it. */
  public synchronized boolean contains(int dataset, long chunk) {
    return find(dataset, chunk) != null;
  }

  /**
   * Records that {@code bytes} of a cached chunk were read: a chunk read fully is preferred for
   * eviction.
   */
  public void noteRead(Key key, long bytes) {
    noteRead(key.dataset(), key.chunk(), bytes);
  }

  /** As {@link #noteRead(Key, long)}. */
  public synchronized void noteRead(int dataset, long chunk, long bytes) {
    Entry e = find(dataset, chunk);
    if (e != null && !e.fullyRead) {
      noteRead(e, bytes);
    }
  }

  private void noteRead(Entry e, long bytes) {
    e.bytesRead += bytes;
    if (e.bytesRead >= e.data.length) {
      // Moves to the list of chunks read completely; ordered there by its last use, which is the
      // newest of any entry, so appending keeps that list in access order.
      partial.remove(e);
      e.fullyRead = true;
      e.lastUse = ++tick;
      full.add(e);
    }
  }

  /** Whether a decoded chunk of {@code bytes} would be kept ({@link #put} drops larger ones). */
  public boolean keeps(long bytes) {
    return bytes <= maxBytes && maxSlots > 0;
  }

  /** Keeps a decoded chunk, evicting as the policy says; too-large chunks are not kept. */
  public void put(Key key, byte[] data) {
    put(key.dataset(), key.chunk(), data);
  }

  /** As {@link #put(Key, byte[])}. */
  public synchronized void put(int dataset, long chunk, byte[] data) {
    insert(dataset, chunk, data);
  }

  /** Keeps a chunk as {@link #put} says; returns its entry, or null when not kept. */
  private Entry insert(int dataset, long chunk, byte[] data) {
    if (data.length > maxBytes || maxSlots == 0) {
      return null;
    }
    Entry old = find(dataset, chunk);
    if (old != null && old.data == data) {
      touch(old);
      return old;
    }
    if (old != null) {
      unlink(old);
    }
    while (size > 0 && (bytesHeld + data.length > maxBytes || size + 1 > maxSlots)) {
      evictOne();
    }
    Entry e = new Entry(dataset, chunk, data);
    e.lastUse = ++tick;
    link(e);
    peakBytes = Math.max(peakBytes, bytesHeld);
    return e;
  }

  /**
   * Evicts the entry of the highest score {@code (tick - lastUse) + (fullyRead ? w0 * (maxAge + 1)
   * : 0)}: the oldest of one of the two lists.
   */
  private void evictOne() {
    Entry p = partial.head;
    Entry f = full.head;
    Entry victim;
    if (p == null) {
      victim = f;
    } else if (f == null) {
      victim = p;
    } else {
      long oldest = Math.min(p.lastUse, f.lastUse);
      long maxAge = tick - oldest;
      double sp = tick - p.lastUse;
      double sf = (tick - f.lastUse) + w0 * (maxAge + 1);
      // ties: the older entry, as a scan in insertion order would mostly find
      victim = sf > sp || (sf == sp && f.lastUse < p.lastUse) ? f : p;
    }
    unlink(victim);
    evictions++;
  }

  /** The counters. */
  public synchronized Statistics statistics() {
    return new Statistics(hits, misses, evictions, bytesHeld, peakBytes, size);
  }

  /**
   * Sets hits, misses and evictions to zero and the peak to the bytes held now (for example after
   * the reads made while opening a file); the cached chunks stay.
   */
  public synchronized void resetStatistics() {
    hits = 0;
    misses = 0;
    evictions = 0;
    notAdmitted = 0;
    peakBytes = bytesHeld;
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
