package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.hdf5.filter.DeflateFilter;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.hdf5.filter.ShuffleFilter;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.GridWalk;
import org.exodusj.internal.storage.Variable;

/**
 * The chunk assembly of {@link Nc4Writer}: slabs placed into the chunks they touch (chunks already
 * on disk read back through their pipeline and patched), complete chunks filtered (on the
 * compression queue when the writer has an executor) and appended after the data, contiguous data
 * patched in place, and raw-chunk copies (a source variable's chunks as they are stored). The
 * file's end, the lock and the channel are the writer's.
 */
final class Nc4ChunkStore {
  private final Nc4Writer w;

  Nc4ChunkStore(Nc4Writer w) {
    this.w = w;
  }

  /** Stored chunks copied per positional write by {@link #copyStored}. */
  private static final int COPY_BATCH = 4 << 20;

  boolean copyAsStored(Nc4Var x, Variable source) throws IOException {
    if (!(source instanceof H5Variable h)
        || !h.storage().isChunked()
        || h.storage().index() == null
        || x.contiguous()
        || x.dims.isEmpty()
        || x.type != h.type()
        || x.type.size() > 1 && h.order() != ByteOrder.LITTLE_ENDIAN
        || !x.pipeline().equals(h.filters())) {
      return false;
    }
    int r = x.dims.size();
    if (h.chunk().length != r || h.extent().length != r) return false;
    for (int d = 0; d < r; d++) {
      if (h.chunk()[d] != x.chunk[d]) return false;
      if (!(d == 0 && x.record) && h.extent()[d] != x.dims.get(d).length()) return false;
    }
    synchronized (w.lock) {
      if (!x.stored.isEmpty() || !x.open.isEmpty() || !x.pending.isEmpty()) return false;
    }
    // the chunks as the index lists them: offsets on the grid, sizes a filter could produce
    List<Nc4Storage.StoredChunk> chunks = new ArrayList<>();
    long bound = (long) x.chunkBytes + x.chunkBytes / 8 + 1024;
    boolean[] fits = {true};
    h.storage()
        .forEachStored(
            (offset, address, size, mask) -> {
              for (int d = 0; d < r; d++) {
                if (offset[d] < 0 || offset[d] % x.chunk[d] != 0) fits[0] = false;
              }
              if (size < 0 || size > bound || address < 0) fits[0] = false;
              chunks.add(new Nc4Storage.StoredChunk(offset.clone(), address, size, mask));
            });
    if (!fits[0]) return false; // a damaged index: the values' copy reports it where it lies
    long total = 0;
    for (Nc4Storage.StoredChunk c : chunks) total += c.size();
    long at = w.allocate(total, 1);
    byte[] batch = new byte[(int) Math.min(COPY_BATCH, Math.max(1, total))];
    int filled = 0;
    long batchAt = at;
    V1ChunkIndex index = h.storage().index();
    for (Nc4Storage.StoredChunk c : chunks) {
      int size = c.size();
      if (filled + size > batch.length && filled > 0) {
        w.writeFully(ByteBuffer.wrap(batch, 0, filled), batchAt);
        batchAt += filled;
        filled = 0;
      }
      if (size > batch.length) { // a chunk larger than a batch: on its own
        byte[] one = new byte[size];
        index.readStored(c.address(), one, size);
        w.writeFully(ByteBuffer.wrap(one), batchAt);
        batchAt += size;
      } else {
        index.readStored(c.address(), batch, filled, size);
        filled += size;
      }
      Nc4Var.Key k = x.keyOf(c.offset());
      synchronized (w.lock) {
        x.putStored(k, at, size, c.filterMask());
        x.tree.changed(k);
        if (x.record) x.storedSinceCommit.add(k);
      }
      at += size;
    }
    if (filled > 0) w.writeFully(ByteBuffer.wrap(batch, 0, filled), batchAt);
    w.dirty = true;
    if (x.record) {
      w.writtenRecords = Math.max(w.writtenRecords, h.extent()[0]); // the records the source has
    }
    return true;
  }

  /** Copies a slab of little-endian values into the chunks it touches. */
  void place(Nc4Var x, long[] start, long[] count, byte[] le) throws IOException {
    int r = x.dims.size();
    int es = x.type.size();
    long total = 1; // the slab's values (le may be a longer reused array)
    for (long c : count) total *= c;
    if (total == 0) return;
    // The file counts as changed (the next commit, close's included, rewrites the metadata) from
    // the first value placed: a write refused before it (a damaged chunk read back) leaves an
    // adopted file byte for byte unchanged.
    if (x.contiguous()) {
      w.touched(x, start, count);
      writeContiguous(x, start, count, le);
      return;
    }
    if (r == 0) { // a scalar: one contiguous value
      Nc4Var.Key k = new Nc4Var.Key(new long[0]);
      Nc4Var.Buf b = buffer(x, k);
      w.touched(x, start, count);
      System.arraycopy(le, 0, b.data, 0, es);
      flush(x, k, b);
      return;
    }
    // Chunk by chunk (the last dimension fastest): one lookup per chunk the slab touches, the
    // intersection copied in runs contiguous in both the slab and the chunk.
    long[] first = new long[r]; // the chunk indices the slab touches, per dimension
    long[] last = new long[r];
    for (int d = 0; d < r; d++) {
      first[d] = start[d] / x.chunk[d];
      last[d] = (start[d] + count[d] - 1) / x.chunk[d];
    }
    long[] origin = new long[r];
    long[] lo = new long[r]; // the intersection: [lo, lo + ext) in the variable's coordinates
    long[] ext = new long[r];
    long[] slabStride = GridWalk.rowMajor(count, es, null); // in bytes
    long[] chunkStride = GridWalk.rowMajor(x.chunk, es, null);
    GridWalk pieces = new GridWalk(r);
    new GridWalk(r)
        .cells(
            first,
            last,
            ci -> {
              long values = 1;
              for (int d = 0; d < r; d++) {
                origin[d] = ci[d] * x.chunk[d];
                lo[d] = Math.max(start[d], origin[d]);
                ext[d] = Math.min(start[d] + count[d], origin[d] + x.chunk[d]) - lo[d];
                values *= ext[d];
              }
              Nc4Var.Key k = new Nc4Var.Key(ci.clone());
              Nc4Var.Buf b = buffer(x, k);
              w.touched(x, start, count);
              byte[] chunk = b.data;
              pieces.runs(
                  lo,
                  ext,
                  start,
                  count,
                  slabStride,
                  origin,
                  x.chunk,
                  chunkStride,
                  0,
                  false,
                  (from, to, n, fs, ts) ->
                      System.arraycopy(le, (int) from, chunk, (int) to, n * es));
              b.written += values;
              if (b.written >= Nc4Var.expected(x, k)) flush(x, k, b);
              else if (openBytes() > budget) evictBeyondBudget(b);
            });
  }

  /**
   * A slab of doubles that is exactly one whole chunk of a DOUBLE variable, not open in memory (a
   * step of a variable chunked one step per chunk, written whole): the values encoded straight into
   * a chunk array, byte-shuffled in the same pass when the pipeline starts with the shuffle of
   * 8-byte elements, then the rest of the pipeline and the store, as {@link #flush} does. No copy
   * of the slab, no chunk assembled from it. False, with nothing done, for any other slab.
   */
  boolean placeWhole(Nc4Var x, long[] start, long[] count, double[] src, int off)
      throws IOException {
    int r = x.dims.size();
    if (x.contiguous() || r == 0 || x.type != DataType.DOUBLE || !x.pipeline().canEncode()) {
      return false;
    }
    long[] c = new long[r];
    for (int d = 0; d < r; d++) {
      if (count[d] != x.chunk[d] || start[d] % x.chunk[d] != 0) return false;
      c[d] = start[d] / x.chunk[d];
    }
    Nc4Var.Key k = new Nc4Var.Key(c);
    if (x.open.containsKey(k)) return false; // partly written before: patched as it is
    synchronized (w.lock) {
      if (x.pending.contains(k)) return false; // its earlier version is being compressed
    }
    int n = x.chunkBytes / 8;
    byte[] data = takeChunk(x.chunkBytes);
    if (data == null) data = new byte[x.chunkBytes];
    FilterPipeline rest = shuffleFirst(x.pipeline());
    w.touched(x, start, count);
    FilterPipeline p; // what is left to run: the shuffle (stage 0) applied moves masks up one
    int shift;
    if (rest != null) {
      Nc4Encoding.shuffledDoublesLE(src, off, n, data);
      p = rest;
      shift = 1;
    } else {
      Nc4Encoding.doublesLE(src, off, n, data);
      p = x.pipeline();
      shift = 0;
    }
    java.util.concurrent.Executor ex = w.options.compressor();
    if (ex == null || p.isEmpty()) {
      encodeAndStore(x, k, data, p, shift);
      giveChunk(data);
      return true;
    }
    byte[] chunk = data; // a writer with a compressor: filtered on it, as flush does
    w.compression.submit(
        ex,
        () -> x.pending.add(k),
        () -> x.pending.remove(k),
        () -> {
          encodeAndStore(x, k, chunk, p, shift);
          giveChunk(chunk);
        });
    return true;
  }

  /**
   * Where large chunks whose pipeline is deflate alone (after the shuffle) are deflated on two
   * threads ({@link Nc4SplitDeflate}); null: on the writing thread.
   */
  volatile java.util.concurrent.Executor splitExecutor;

  private final java.util.concurrent.ConcurrentLinkedQueue<Nc4SplitDeflate.Scratch> splits =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * Encodes the whole chunk {@code data} (8-byte values) through {@code p} and stores it, the mask
   * of {@code p}'s stages shifted up by {@code shift} (the stages applied before it).
   */
  private void encodeAndStore(Nc4Var x, Nc4Var.Key k, byte[] data, FilterPipeline p, int shift)
      throws IOException {
    if (p.isEmpty()) {
      store(x, k, data, 0, data.length, 0);
      return;
    }
    java.util.concurrent.Executor ex = splitExecutor;
    int level = soleDeflateLevel(p);
    if (ex != null && level > 0 && data.length >= Nc4SplitDeflate.MIN_BYTES) {
      Nc4SplitDeflate.Scratch sd = splitScratch();
      try {
        Nc4SplitDeflate.Out o = Nc4SplitDeflate.deflate(data, data.length, level, ex, sd);
        store(x, k, o.bytes, 0, o.length, 0);
      } finally {
        splits.offer(sd);
      }
      return;
    }
    FilterPipeline.Scratch sc = scratches.poll();
    if (sc == null) sc = new FilterPipeline.Scratch();
    try {
      p.encode(data, data.length, 8, sc);
      store(x, k, sc.bytes(), sc.offset(), sc.length(), sc.mask() << shift);
    } finally {
      scratches.offer(sc);
    }
  }

  /** The deflate level when {@code p} is deflate alone (as its filter reads it), else -1. */
  private static int soleDeflateLevel(FilterPipeline p) {
    if (p.size() != 1 || p.stages().get(0).id() != DeflateFilter.ID) return -1;
    int[] cd = p.stages().get(0).clientData();
    return cd.length > 0 ? Math.max(0, Math.min(9, cd[0])) : 6;
  }

  /**
   * The pipelines after a leading 8-byte shuffle, by the pipeline (identity); guarded by itself.
   */
  private final Map<FilterPipeline, FilterPipeline> afterShuffle =
      new java.util.IdentityHashMap<>();

  /**
   * The stages after the first when {@code p} starts with the byte shuffle of 8-byte elements; null
   * otherwise.
   */
  private FilterPipeline shuffleFirst(FilterPipeline p) {
    List<FilterPipeline.Stage> st = p.stages();
    if (st.isEmpty() || st.get(0).id() != ShuffleFilter.ID) return null;
    int[] cd = st.get(0).clientData();
    if ((cd.length > 0 && cd[0] > 0 ? cd[0] : 8) != 8) return null;
    synchronized (afterShuffle) {
      return afterShuffle.computeIfAbsent(p, q -> FilterPipeline.of(st.subList(1, st.size())));
    }
  }

  Nc4Var.Buf buffer(Nc4Var x, Nc4Var.Key k) throws IOException {
    Nc4Var.Buf b = x.open.get(k);
    if (b != null) {
      synchronized (held) {
        held.get(new Held(x, k)); // most recently used
      }
      return b;
    }
    byte[] data;
    Nc4Storage.StoredChunk ref;
    synchronized (w.lock) {
      while (x.pending.contains(k)) { // being compressed: wait for it, then read it back
        w.compression.await();
      }
      ref = x.stored.get(k);
    }
    if (ref != null) {
      data = w.read(ref.address(), ref.size());
      if (!x.dims.isEmpty()) {
        // checked as a reader checks it: a damaged chunk must fail here, never be written back
        try {
          data = x.pipeline().decode(data, ref.filterMask(), x.type.size(), x.chunkBytes);
        } catch (IOException e) {
          throw damaged(x, e.getMessage(), e);
        }
      }
    } else {
      byte[] reused = takeChunk(x.chunkBytes);
      data = reused != null ? reused : new byte[x.chunkBytes];
      byte[] fill = Nc4Var.fillLE(x);
      boolean zero = true;
      for (byte f : fill) zero &= f == 0;
      if (zero && reused != null) {
        Arrays.fill(data, (byte) 0);
      } else if (!zero) { // the pattern, then doubling copies
        int done = Math.min(fill.length, data.length);
        System.arraycopy(fill, 0, data, 0, done);
        while (done < data.length) {
          int m = Math.min(done, data.length - done);
          System.arraycopy(data, 0, data, done, m);
          done += m;
        }
      }
    }
    b = new Nc4Var.Buf(data);
    x.open.put(k, b);
    synchronized (held) {
      if (held.put(new Held(x, k), b) == null) heldBytes += data.length;
    }
    return b;
  }

  // ---- the memory budget of decoded chunks ---------------------------------------------------

  /** A decoded chunk held open (not yet stored): its variable and grid position. */
  private record Held(Nc4Var x, Nc4Var.Key k) {}

  /** The open chunks, least recently used first; guarded by itself. */
  private final java.util.LinkedHashMap<Held, Nc4Var.Buf> held =
      new java.util.LinkedHashMap<>(16, 0.75f, true);

  private long heldBytes; // guarded by held
  private volatile long budget = Long.MAX_VALUE;

  /**
   * Bounds the bytes of decoded chunks held open between commits: beyond it, the least recently
   * used open chunks are encoded and stored (after the data, like any chunk completed before a
   * commit: they count only when the next commit's metadata points at them, so a crash before it
   * leaves the committed state as it was). At least the chunk being written stays open.
   */
  void limitMemory(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("chunk memory " + bytes + " is negative");
    budget = bytes;
  }

  /** Forgets the open chunks the writer dropped (an abandon's), so their memory is released. */
  void forgetDropped() {
    synchronized (held) {
      java.util.Iterator<Map.Entry<Held, Nc4Var.Buf>> it = held.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Held, Nc4Var.Buf> e = it.next();
        if (e.getKey().x().open.get(e.getKey().k()) != e.getValue()) {
          it.remove();
          heldBytes -= e.getValue().data.length;
        }
      }
    }
  }

  /** The bytes of decoded chunks held open now. */
  long openBytes() {
    synchronized (held) {
      return heldBytes;
    }
  }

  /**
   * Stores the least recently used open chunks (never {@code current}) until the open chunks fit
   * the budget. Entries whose chunk was dropped meanwhile (an abandon) are forgotten.
   */
  private void evictBeyondBudget(Nc4Var.Buf current) throws IOException {
    while (true) {
      Held victim = null;
      Nc4Var.Buf vb = null;
      synchronized (held) {
        if (heldBytes <= budget) return;
        java.util.Iterator<Map.Entry<Held, Nc4Var.Buf>> it = held.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<Held, Nc4Var.Buf> e = it.next();
          Held h = e.getKey();
          if (h.x().open.get(h.k()) != e.getValue()) { // dropped by an abandon
            it.remove();
            heldBytes -= e.getValue().data.length;
            continue;
          }
          if (e.getValue() == current) continue;
          victim = h;
          vb = e.getValue();
          break;
        }
      }
      if (victim == null) return; // only the chunk being written is open
      flush(victim.x(), victim.k(), vb);
    }
  }

  void flush(Nc4Var x, Nc4Var.Key k, Nc4Var.Buf b) throws IOException {
    x.open.remove(k);
    synchronized (held) {
      if (held.remove(new Held(x, k)) != null) heldBytes -= b.data.length;
    }
    java.util.concurrent.Executor ex = w.options.compressor();
    if (x.pipeline().isEmpty()) { // scalars too
      store(x, k, b.data, 0, b.data.length, 0);
      if (!x.dims.isEmpty()) giveChunk(b.data);
      return;
    }
    if (ex == null) {
      filterAndStore(x, k, b.data);
      giveChunk(b.data);
      return;
    }
    w.compression.submit(
        ex,
        () -> x.pending.add(k),
        () -> x.pending.remove(k),
        () -> {
          filterAndStore(x, k, b.data);
          giveChunk(b.data);
        });
  }

  /**
   * Writes a slab of a contiguous variable (an adopted file's) in place at its address; the
   * variable's storage is allocated (filled) at the end of the file on the first write.
   */
  void writeContiguous(Nc4Var x, long[] start, long[] count, byte[] le) throws IOException {
    int r = x.dims.size();
    int es = x.type.size();
    long total = es;
    for (Dimension d : x.dims) total *= d.length();
    if (x.contiguousAddress() == H5Out.UNDEF) {
      long at = w.allocate(total, 8);
      byte[] fill = Nc4Var.fillLE(x);
      byte[] block = new byte[(int) Math.min(total, 1 << 20)];
      for (int i = 0; i < block.length; i++) block[i] = fill[i % es];
      for (long p = 0; p < total; p += block.length) {
        w.writeFully(ByteBuffer.wrap(block, 0, (int) Math.min(block.length, total - p)), at + p);
      }
      x.placeContiguous(at);
    }
    long[] shape = new long[r];
    for (int d = 0; d < r; d++) shape[d] = x.dims.get(d).length();
    new GridWalk(r)
        .runs(
            start,
            count,
            start,
            count,
            GridWalk.rowMajor(count, es, null),
            null,
            shape,
            GridWalk.rowMajor(shape, es, null),
            0,
            false,
            (from, to, n, fs, ts) ->
                w.writeFully(ByteBuffer.wrap(le, (int) from, n * es), x.contiguousAddress() + to));
  }

  /** Writes a filtered chunk into free space (positional: safe from several threads). */
  void store(Nc4Var x, Nc4Var.Key k, byte[] f, int off, int length, int mask) throws IOException {
    long at = w.allocate(length, 1);
    w.writeFully(ByteBuffer.wrap(f, off, length), at);
    synchronized (w.lock) {
      Nc4Storage.StoredChunk old = x.putStored(k, at, length, mask);
      if (old != null) w.release(old.address(), old.size()); // free after the next commit
      x.tree.changed(k);
      if (x.record) x.storedSinceCommit.add(k);
    }
  }

  /** The filters' working memory, reused from chunk to chunk (one per compressing thread). */
  private final java.util.concurrent.ConcurrentLinkedQueue<FilterPipeline.Scratch> scratches =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * Chunk arrays written out and free for the next chunk of the same size (at most {@link
   * #FREE_CHUNKS}): fewer multi-megabyte allocations, each zeroed and then filled again.
   */
  private final Map<Integer, java.util.ArrayDeque<byte[]>> freeChunks = new HashMap<>();

  private int freeCount; // guarded by w.lock
  private static final int FREE_CHUNKS = 8;

  byte[] takeChunk(int size) {
    synchronized (w.lock) {
      java.util.ArrayDeque<byte[]> q = freeChunks.get(size);
      if (q != null && !q.isEmpty()) {
        freeCount--;
        return q.pop();
      }
    }
    java.lang.ref.SoftReference<byte[]> s = SPARE_CHUNK.get();
    byte[] a = s == null ? null : s.get();
    return a != null && a.length == size && SPARE_CHUNK.compareAndSet(s, null) ? a : null;
  }

  /**
   * Memory a closed writer leaves to the next one in this JVM: one chunk array and one split
   * deflate's working memory, softly held (the collector takes them when memory runs short). Jobs
   * that append a step per session then encode into memory already mapped and cached instead of a
   * new array per session (one of 512 KiB or more takes G1 regions of its own, zeroed).
   */
  private static final java.util.concurrent.atomic.AtomicReference<
          java.lang.ref.SoftReference<byte[]>>
      SPARE_CHUNK = new java.util.concurrent.atomic.AtomicReference<>();

  private static final java.util.concurrent.atomic.AtomicReference<
          java.lang.ref.SoftReference<Nc4SplitDeflate.Scratch>>
      SPARE_SPLIT = new java.util.concurrent.atomic.AtomicReference<>();

  /** The largest chunk array left to the next writer. */
  private static final int SPARE_CHUNK_BYTES = 16 << 20;

  /** A split deflate's working memory: the writer's own, else the one a closed writer left. */
  private Nc4SplitDeflate.Scratch splitScratch() {
    Nc4SplitDeflate.Scratch sd = splits.poll();
    if (sd != null) return sd;
    java.lang.ref.SoftReference<Nc4SplitDeflate.Scratch> s = SPARE_SPLIT.getAndSet(null);
    sd = s == null ? null : s.get();
    return sd != null ? sd : new Nc4SplitDeflate.Scratch();
  }

  /** Gives back a chunk array nothing refers to any more (its bytes are on disk). */
  void giveChunk(byte[] a) {
    long open = openBytes();
    synchronized (w.lock) {
      if (freeCount >= FREE_CHUNKS) return;
      if (budget != Long.MAX_VALUE && open + (long) (freeCount + 1) * a.length > budget) return;
      freeChunks.computeIfAbsent(a.length, n -> new java.util.ArrayDeque<>()).push(a);
      freeCount++;
    }
  }

  /** Filters the chunk {@code data} through a reused scratch and writes it after the data. */
  void filterAndStore(Nc4Var x, Nc4Var.Key k, byte[] data) throws IOException {
    FilterPipeline.Scratch sc = scratches.poll();
    if (sc == null) sc = new FilterPipeline.Scratch();
    try {
      x.pipeline().encode(data, data.length, x.type.size(), sc);
      store(x, k, sc.bytes(), sc.offset(), sc.length(), sc.mask());
    } finally {
      scratches.offer(sc);
    }
  }

  /**
   * Drops the filters' working memory and the free chunk arrays, leaving one of each (the largest
   * array up to {@link #SPARE_CHUNK_BYTES}) to the next writer; call when no chunk is filtered.
   */
  void endScratches() {
    scratches.clear();
    Nc4SplitDeflate.Scratch sd = splits.poll();
    splits.clear();
    if (sd != null) SPARE_SPLIT.set(new java.lang.ref.SoftReference<>(sd));
    byte[] largest = null;
    synchronized (w.lock) {
      for (java.util.ArrayDeque<byte[]> q : freeChunks.values()) {
        for (byte[] a : q) {
          if (a.length <= SPARE_CHUNK_BYTES && (largest == null || a.length > largest.length)) {
            largest = a;
          }
        }
      }
      freeChunks.clear();
      freeCount = 0;
    }
    if (largest != null) SPARE_CHUNK.set(new java.lang.ref.SoftReference<>(largest));
  }

  IOException damaged(Nc4Var x, String why, Throwable cause) {
    return new IOException(
        w.path
            + ": variable "
            + x.name
            + ": a chunk read back to be patched is damaged ("
            + why
            + ")",
        cause);
  }
}
