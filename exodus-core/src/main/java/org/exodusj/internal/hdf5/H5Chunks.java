package org.exodusj.internal.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.GridWalk;

/**
 * The chunked-layout reads of one NetCDF-4 file, split from {@link Hdf5File}: the grid walk over
 * the chunks a slab touches, the chunk lookup ({@link V1ChunkIndex}, else jHDF), decoding (the
 * variable's {@link org.exodusj.internal.hdf5.filter.FilterPipeline}) on the reading thread or in
 * parallel batches, and the chunk cache with its pins and pools.
 */
final class H5Chunks {
  /**
   * Per-thread read buffer for stored chunks up to {@link #RAW_KEPT} bytes (larger ones get their
   * own array): the stored bytes are copied from the map into it and inflated from there.
   */
  private static final ThreadLocal<byte[]> RAW = ThreadLocal.withInitial(() -> new byte[4096]);

  private static final int RAW_KEPT = 1 << 20;

  /** Chunks decoded in parallel at a time (per read). */
  private static final int PARALLEL_BATCH = 16;

  /** Reads over more chunks than this are sweeps: see {@link ChunkCache#admit}. */
  private static final int SWEEP_CHUNKS = 2;

  /** Reads of fewer chunk bytes than this decode on the reading thread. */
  private static final long MIN_PARALLEL_BYTES = 256 << 10;

  /** Per-thread scratch of a chunk lookup (HDF5 ranks are at most 32). */
  private static final ThreadLocal<long[]> LOOKUP_OFFSET =
      ThreadLocal.withInitial(() -> new long[32]);

  private static final ThreadLocal<V1ChunkIndex.Location> LOOKUP_LOCATION =
      ThreadLocal.withInitial(V1ChunkIndex.Location::new);

  /**
   * The grid walk's arrays of one read ({@code rank} entries each), per thread, so a read allocates
   * none of them (a read into a caller buffer stays under 1 KB per call): every entry is written
   * before it is read, and no read runs inside another on one thread (decoding on the executor does
   * not walk). It passes each piece of a chunk to the read's visitor.
   */
  private static final class Walk implements GridWalk.RunVisitor {
    final long[] g0;
    final long[] g1;
    final long[] grid;
    final long[] chunk;
    final long[] origin;
    final long[] slabStride;
    final long[] chunkStride;
    final long[] lo;
    final long[] ext;
    final GridWalk cells;
    final GridWalk pieces;
    ByteBuffer buf;
    Hdf5File.PieceVisitor visitor;

    Walk(int rank) {
      g0 = new long[rank];
      g1 = new long[rank];
      grid = new long[rank];
      chunk = new long[rank];
      origin = new long[rank];
      slabStride = new long[rank];
      chunkStride = new long[rank];
      lo = new long[rank];
      ext = new long[rank];
      cells = new GridWalk(rank);
      pieces = new GridWalk(rank);
    }

    @Override
    public void run(long a, long b, int n, long aStride, long bStride) throws IOException {
      visitor.piece(buf, (int) a, n, b, (int) aStride, (int) bStride);
    }
  }

  private static final ThreadLocal<Walk> WALK = new ThreadLocal<>();

  private final String name;
  private final ByteSource source;
  private final ChunkCache cache;
  private final Executor executor;

  /** File position of HDF5 address 0 (the user block's size). */
  private final long base;

  /** Inflate buffers reused across chunks (one per decoding thread at most). */
  private final java.util.concurrent.BlockingQueue<byte[]> scratch =
      new java.util.concurrent.ArrayBlockingQueue<>(4);

  /**
   * Decoded-chunk arrays for chunks the cache does not keep (larger than it, or the cache off),
   * reused across chunks and reads: each is lent to one reader for one chunk and returned once that
   * chunk's values are copied out, so such reads allocate no chunk-sized arrays.
   */
  private final java.util.concurrent.BlockingQueue<byte[]> decoded =
      new java.util.concurrent.ArrayBlockingQueue<>(PARALLEL_BATCH);

  H5Chunks(String name, ByteSource source, ChunkCache cache, Executor executor, long base) {
    this.name = name;
    this.source = source;
    this.cache = cache;
    this.executor = executor;
    this.base = base;
  }

  /** Visits the pieces of a slab of a chunked variable whose shape is {@code shape}. */
  void chunked(
      H5Variable v, long[] shape, long[] start, long[] count, Hdf5File.PieceVisitor visitor)
      throws IOException {
    int rank = start.length;
    int[] c = v.chunk();
    int es = v.type().size();
    if (rank == 0 || c.length != rank) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "chunk rank " + c.length + " does not match variable rank " + rank);
    }
    Walk w = WALK.get();
    if (w == null || w.g0.length != rank) {
      w = new Walk(rank);
      WALK.set(w);
    }
    long[] g0 = w.g0;
    long[] g1 = w.g1;
    long[] grid = w.grid;
    for (int d = 0; d < rank; d++) {
      g0[d] = start[d] / c[d];
      g1[d] = (start[d] + count[d] - 1) / c[d];
      grid[d] = Math.max(1, (Math.max(shape[d], v.extent()[d]) + c[d] - 1) / c[d]);
      w.chunk[d] = c[d];
    }
    List<long[]> coords = new ArrayList<>();
    w.cells.cells(g0, g1, g -> coords.add(g.clone()));
    // A read over more chunk bytes than the cache holds would only evict its own chunks (and
    // everything else) before any reuse: its chunks bypass the cache and decode into lent arrays.
    boolean bypass = (long) coords.size() * v.chunkBytes() > cache.maxBytes();
    // A sweep (a read over more than two chunks, as a history over many steps) keeps a chunk it
    // misses only when the cache admits it (a chunk missed before, recently): a chunk read once
    // then costs what it costs without a cache. A read of one or two chunks (a window) keeps them.
    boolean sweep = coords.size() > SWEEP_CHUNKS;
    boolean mayKeep = !bypass && cache.keeps(v.chunkBytes());
    // Decoded in parallel when the read is large enough, a batch of chunks at a time, so the
    // decoded chunks in flight stay few (and, bypassing the cache, come from the lent pool).
    boolean parallel =
        executor != null
            && coords.size() >= 2
            && (long) coords.size() * v.chunkBytes() >= MIN_PARALLEL_BYTES;
    Map<Long, Decoded> prefetched = Map.of();
    int batchEnd = 0;
    GridWalk.rowMajor(count, 1, w.slabStride);
    GridWalk.rowMajor(c, es, w.chunkStride);
    long[] lo = w.lo;
    long[] ext = w.ext;
    long[] origin = w.origin;
    w.visitor = visitor;
    try {
      for (int ci = 0; ci < coords.size(); ci++) {
        long[] gc = coords.get(ci);
        if (parallel && ci == batchEnd) {
          batchEnd = Math.min(coords.size(), ci + PARALLEL_BATCH);
          prefetched = prefetch(v, coords.subList(ci, batchEnd), grid, bypass, sweep);
        }
        long linear = linear(gc, grid);
        Decoded pre = prefetched.get(linear);
        byte[] data = null;
        ChunkCache.Entry pin = null;
        boolean admitted = false;
        byte[] lent = null;
        if (pre != null) {
          data = pre.data();
          pin = pre.pin();
          lent = pre.lent() ? data : null;
        } else {
          // one lock for the lookup and, on a miss of a sweep, the admission
          pin = cache.acquire(v.id(), linear, sweep && mayKeep);
          admitted = pin == ChunkCache.ADMITTED;
          if (admitted) {
            pin = null;
          } else if (pin != null) {
            data = pin.data();
          }
        }
        if (data == null) {
          // Into an array of an evicted chunk where one is free, pinned while copied from; or, when
          // the cache would drop the chunk or not admit it, into an array lent from the pool (one
          // decode call for both, so both paths compile alike).
          boolean keep = mayKeep && (!sweep || admitted);
          checkLarge(v, gc);
          byte[] into = keep ? cache.borrow(v.chunkBytes()) : lend(v.chunkBytes());
          data = decodeChunk(v, gc, into);
          if (keep) {
            pin = cache.putPinned(v.id(), linear, data);
          } else {
            lent = into; // back to the pool once the pieces are copied out
          }
        }
        w.buf = ByteBuffer.wrap(data).order(v.order());
        long values = 1;
        for (int d = 0; d < rank; d++) {
          origin[d] = gc[d] * c[d];
          lo[d] = Math.max(start[d], origin[d]);
          ext[d] = Math.min(start[d] + count[d], origin[d] + c[d]) - lo[d];
          values *= ext[d];
        }
        // Runs contiguous in the chunk and in the slab; a chunk holding one column is copied down
        // the
        // column with strides on both sides, one piece per chunk row block.
        w.pieces.runs(
            lo, ext, origin, w.chunk, w.chunkStride, start, count, w.slabStride, 0, true, w);
        if (pin != null) {
          cache.release(
              pin, values * es); // a chunk not pinned is not in the cache: nothing to note
        }
        if (lent != null) {
          decoded.offer(lent); // the pieces are copied out: the array serves the next chunk
        }
      }
    } finally {
      w.buf = null; // no chunk or caller's visitor kept by the thread
      w.visitor = null;
    }
  }

  private static long linear(long[] g, long[] grid) {
    long l = 0;
    for (int d = 0; d < g.length; d++) l = l * grid[d] + g[d];
    return l;
  }

  /** A chunk decoded ahead of its use, pinned in the cache ({@code pin}) or the caller's alone. */
  private record Decoded(byte[] data, ChunkCache.Entry pin, boolean lent) {}

  /** An array from the lent pool (or a new one) for a chunk the cache will not keep. */
  private byte[] lend(int size) {
    byte[] a = decoded.poll();
    return a == null || a.length != size ? new byte[size] : a;
  }

  /** Whether a chunk a read missed goes into the cache (else it decodes into a lent array). */
  private boolean keep(H5Variable v, long linear, boolean bypass, boolean sweep) {
    return !bypass && cache.keeps(v.chunkBytes()) && (!sweep || cache.admit(v.id(), linear));
  }

  /** Decodes, on the executor, the chunks of one batch of a read that are not cached. */
  private Map<Long, Decoded> prefetch(
      H5Variable v, List<long[]> coords, long[] grid, boolean bypass, boolean sweep)
      throws IOException {
    int size = v.chunkBytes();
    Map<Long, CompletableFuture<byte[]>> jobs = new HashMap<>();
    Map<Long, Boolean> kept = new HashMap<>();
    for (long[] gc : coords) {
      long linear = linear(gc, grid);
      if (!cache.contains(v.id(), linear)) {
        checkLarge(v, gc);
        boolean keep = keep(v, linear, bypass, sweep);
        kept.put(linear, keep);
        byte[] into = keep ? cache.borrow(size) : lend(size);
        jobs.put(
            linear,
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return decodeChunk(v, gc, into);
                  } catch (IOException e) {
                    throw new CompletionException(e);
                  }
                },
                executor));
      }
    }
    cache.countMisses(jobs.size());
    Map<Long, Decoded> out = new HashMap<>();
    for (Map.Entry<Long, CompletableFuture<byte[]>> e : jobs.entrySet()) {
      try {
        byte[] data = e.getValue().join();
        boolean keep = kept.get(e.getKey());
        ChunkCache.Entry pin = keep ? cache.putPinned(v.id(), e.getKey(), data) : null;
        out.put(e.getKey(), new Decoded(data, pin, !keep && data.length == size));
      } catch (CompletionException ce) {
        if (ce.getCause() instanceof IOException io) {
          throw io;
        }
        throw ce;
      }
    }
    return out;
  }

  /** Chunks above this size are checked before an array is allocated for them. */
  private static final int LARGE_CHUNK = 16 << 20;

  /**
   * Before allocating a large chunk: refuses chunks of more than a quarter of the heap (a damaged
   * chunk shape along the record dimension, which nothing else bounds, must not end in an
   * OutOfMemoryError) and a stored chunk whose filters cannot make the chunk's size of its stored
   * bytes ({@link H5Checks#maxDecoded}).
   */
  private void checkLarge(H5Variable v, long[] gc) throws IOException {
    int size = v.chunkBytes();
    if (size <= LARGE_CHUNK) return;
    long heap = Runtime.getRuntime().maxMemory();
    if (size > heap / 4) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "chunks of "
              + size
              + " bytes, more than a quarter of this JVM's heap ("
              + heap
              + " bytes): not read (a damaged chunk shape, or a heap too small for the file)");
    }
    V1ChunkIndex index = v.storage().index();
    int[] c = v.chunk();
    long[] at = new long[c.length];
    for (int d = 0; d < c.length; d++) {
      at[d] = gc[d] * c[d];
      if (at[d] >= v.extent()[d]) return; // beyond the extent: the fill value
    }
    V1ChunkIndex.Location loc = new V1ChunkIndex.Location();
    if (index != null
        && index.find(at, loc)
        && H5Checks.maxDecoded(v.filters(), loc.size, loc.filterMask) < size) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name() + " chunk " + Arrays.toString(at),
          base + loc.address,
          "a chunk stored in "
              + loc.size
              + " bytes cannot decode to the "
              + size
              + " bytes of its chunk shape (a damaged chunk shape)");
    }
  }

  /** Decodes a chunk, into {@code into} where the filters allow (see FilterPipeline), else anew. */
  private byte[] decodeChunk(H5Variable v, long[] gc, byte[] into) throws IOException {
    int[] c = v.chunk();
    int[] offset = new int[c.length];
    boolean beyond = false;
    V1ChunkIndex index = v.storage().index();
    for (int d = 0; d < c.length; d++) {
      long o = gc[d] * c[d];
      if (o >= v.extent()[d]) beyond = true;
      // only jHDF's lookup takes int offsets; the version 1 index and the fill value do not
      if (o > Integer.MAX_VALUE && index == null && !beyond) {
        throw new ExodusFormatException(
            name,
            "variable " + v.name(),
            ExodusFormatException.NO_OFFSET,
            "chunk offset " + o + " exceeds what jHDF can address");
      }
      offset[d] = (int) Math.min(o, Integer.MAX_VALUE);
    }
    int size = v.chunkBytes();
    if (!beyond && index != null) {
      long[] at = c.length <= 32 ? LOOKUP_OFFSET.get() : new long[c.length];
      for (int d = 0; d < c.length; d++) at[d] = gc[d] * c[d];
      V1ChunkIndex.Location loc = LOOKUP_LOCATION.get();
      if (!index.find(at, loc)) {
        beyond = true; // never written: fill value
      } else {
        if (loc.size < 0 || loc.size > 16L * size + (1 << 20)) {
          throw new ExodusFormatException(
              name,
              "variable " + v.name() + " chunk " + Arrays.toString(offset),
              base + loc.address,
              "stored chunk of " + loc.size + " bytes for " + size + " decoded bytes");
        }
        byte[] raw = loc.size <= RAW_KEPT ? RAW.get() : null;
        if (raw == null || raw.length < loc.size) {
          raw = new byte[loc.size];
          if (loc.size <= RAW_KEPT) {
            RAW.set(raw);
          }
        }
        source.getBytes(base + loc.address, raw, 0, loc.size);
        try {
          return v.filters()
              .decode(raw, loc.size, loc.filterMask, v.type().size(), size, scratch, into);
        } catch (IOException e) {
          throw new ExodusFormatException(
              name,
              "variable " + v.name() + " chunk " + Arrays.toString(offset),
              base + loc.address,
              e.getMessage(),
              e);
        }
      }
    }
    if (!beyond) {
      ByteBuffer raw;
      try {
        raw = ((ChunkedDataset) v.dataset()).getRawChunkBuffer(offset);
      } catch (HdfException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("No chunk with offset")) {
          throw new ExodusFormatException(
              name,
              "variable " + v.name() + " chunk " + Arrays.toString(offset),
              ExodusFormatException.NO_OFFSET,
              e.getMessage(),
              e);
        }
        raw = null; // never written: fill value
      } catch (OutOfMemoryError e) {
        // jHDF allocates by sizes read from the file (see the constructor)
        throw new ExodusFormatException(
            name,
            "variable " + v.name() + " chunk " + Arrays.toString(offset),
            ExodusFormatException.NO_OFFSET,
            "a damaged size in the chunk index asked for more memory than there is");
      } catch (RuntimeException e) {
        // jHDF reports a damaged chunk index with exceptions of several kinds (found by fuzzing:
        // ArithmeticException from an impossible chunk address)
        throw new ExodusFormatException(
            name,
            "variable " + v.name() + " chunk " + Arrays.toString(offset),
            ExodusFormatException.NO_OFFSET,
            "the chunk index is damaged: " + e,
            e);
      }
      if (raw != null) {
        if (raw.remaining() > 16L * size + (1 << 20)) {
          throw new ExodusFormatException(
              name,
              "variable " + v.name() + " chunk " + Arrays.toString(offset),
              ExodusFormatException.NO_OFFSET,
              "stored chunk of " + raw.remaining() + " bytes for " + size + " decoded bytes");
        }
        byte[] bytes = new byte[raw.remaining()];
        raw.duplicate().get(bytes);
        return decodeStored(v, offset, bytes, size);
      }
    }
    byte[] f = v.fill();
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) out[i] = f[i % f.length];
    return out;
  }

  private byte[] decodeStored(H5Variable v, int[] offset, byte[] bytes, int size)
      throws IOException {
    try {
      return v.filters().decode(bytes, bytes.length, 0, v.type().size(), size, scratch, null);
    } catch (IOException e) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name() + " chunk " + Arrays.toString(offset),
          ExodusFormatException.NO_OFFSET,
          e.getMessage(),
          e);
    }
  }
}
