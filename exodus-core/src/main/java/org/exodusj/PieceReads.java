package org.exodusj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads of a decomposed set's pieces, one task per piece on the executor: each task reads only the
 * local range of its piece that holds entries of the requested window, in chunks, and scatters them
 * into the caller's array. Memory: the caller's array plus one chunk per thread.
 */
final class PieceReads implements NodeNumbering.Ranks {
  /**
   * Reads {@code count} values of a piece from local entry {@code start} into {@code buf} from
   * {@code off}.
   */
  @FunctionalInterface
  interface PieceReader {
    void read(ExodusFile piece, long start, int count, double[] buf, int off) throws IOException;
  }

  private final List<ExodusFile> pieces;
  private final Executor executor;
  private final int chunk;
  private NodeNumbering nodes;
  private ElementNumbering elems;
  private Block[][] pieceBlock;
  private long[][] pieceBlockOffset;

  /** Per piece: all its local nodes ordered by joined index (for sums; made when first asked). */
  private volatile int[][] allByJoined;

  PieceReads(List<ExodusFile> pieces, Executor executor, int chunk) {
    this.pieces = pieces;
    this.executor = executor;
    this.chunk = chunk;
  }

  void nodes(NodeNumbering n) {
    this.nodes = n;
  }

  void elements(ElementNumbering e, Block[][] blocks, long[][] offsets) {
    this.elems = e;
    this.pieceBlock = blocks;
    this.pieceBlockOffset = offsets;
  }

  /**
   * One window of a piece's entries of a joined block: local entries {@code [s, s + c)} of {@code
   * block} (the piece's block); local entry {@code s + k} is entry {@code at(s + k)} of the joined
   * block's window, or outside it where that is negative or at least the window's count.
   */
  @FunctionalInterface
  interface ElementWindow {
    void run(int rank, ExodusFile piece, Block block, long s, int c, Window at) throws IOException;
  }

  /** Where a piece's local entry of a block falls in the joined window. */
  @FunctionalInterface
  interface Window {
    long of(long local);
  }

  /**
   * Runs {@code w} over every piece holding entries of joined block {@code g} in the window {@code
   * [start, start + count)}: over the local range that holds them, {@code per} entries at a time.
   */
  void elementWindows(int g, long start, long count, int per, ElementWindow w) throws IOException {
    long base = elems.blockOffset[g];
    each(
        r -> {
          Block pb = pieceBlock[r][g];
          if (pb == null || pb.entryCount() == 0) return;
          if (elems.range[r][g][1] < start || elems.range[r][g][0] >= start + count) return;
          ExodusFile p = pieces.get(r);
          int[] ej = elems.join[r];
          int e0 = (int) pieceBlockOffset[r][g];
          long[] lr = localRange(r, g, start, count);
          Window at = k -> ej[e0 + (int) k] - base - start;
          for (long s = lr[0]; s < lr[1]; s += per) {
            w.run(r, p, pb, s, (int) Math.min(per, lr[1] - s), at);
          }
        });
  }

  /**
   * The local entries [lo, hi) of piece {@code r}'s part of joined block {@code g} that may fall in
   * the window {@code [start, start + count)} of the block: found by bisection where the piece's
   * entries are in joined order (the usual case), else all of them.
   */
  private long[] localRange(int r, int g, long start, long count) {
    int n = (int) pieceBlock[r][g].entryCount();
    if (!elems.monotone[r][g]) return new long[] {0, n};
    int e0 = (int) pieceBlockOffset[r][g];
    long base = elems.blockOffset[g];
    int[] ej = elems.join[r];
    return new long[] {
      firstEntry(ej, e0, n, base + start), firstEntry(ej, e0, n, base + start + count)
    };
  }

  private static int firstEntry(int[] ej, int e0, int n, long v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ej[e0 + mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  int chunk() {
    return chunk;
  }

  /** Runs {@code task} for every rank on the executor and waits; the first failure is thrown. */
  @Override
  public void each(NodeNumbering.RankTask task) throws IOException {
    List<CompletableFuture<Void>> fs = new ArrayList<>();
    for (int r = 0; r < pieces.size(); r++) {
      int rank = r;
      fs.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  task.run(rank);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              executor));
    }
    Throwable first = null;
    for (CompletableFuture<Void> f : fs) {
      try {
        f.join();
      } catch (CompletionException e) {
        Throwable c = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        if (first == null) first = c;
        else if (first != c) first.addSuppressed(c);
      }
    }
    if (first instanceof IOException io) throw io;
    if (first instanceof RuntimeException re) throw re;
    if (first instanceof Error er) throw er;
    if (first != null) throw new IOException(first);
  }

  /**
   * Reads, from every piece, the local range that holds its owned nodes of the window, in chunks,
   * and scatters those nodes into {@code dst}: each joined node gets the value of the last rank
   * holding it.
   */
  void scatterNodes(long start, long count, double[] dst, int off, PieceReader reader)
      throws IOException {
    long end = start + count;
    each(
        r -> {
          int[] j = nodes.join[r];
          if (j.length == 0 || nodes.range[r][1] < start || nodes.range[r][0] >= end) return;
          NodeNumbering.Runs runs = nodes.runs[r];
          if (runs != null) { // long runs: each read straight into its place in dst
            ExodusFile p = pieces.get(r);
            for (int i = runs.firstEndingAfter(start);
                i < runs.joined().length && runs.joined()[i] < end;
                i++) {
              long a = Math.max(start, runs.joined()[i]);
              long b = Math.min(end, (long) runs.joined()[i] + runs.length()[i]);
              reader.read(
                  p,
                  runs.local()[i] + (a - runs.joined()[i]),
                  (int) (b - a),
                  dst,
                  off + (int) (a - start));
            }
            return;
          }
          int[] order = nodes.ownedByJoined[r];
          int a = firstAtLeast(order, j, start);
          int b = firstAtLeast(order, j, end);
          if (a >= b) return;
          ExodusFile p = pieces.get(r);
          if (nodes.ownedInOrder[r]) {
            // the window's owned nodes are order[a..b), ascending in local index too
            int lo = order[a];
            int hi = order[b - 1];
            double[] buf = new double[Math.min(hi - lo + 1, chunk)];
            int i = a;
            for (int s = lo; s <= hi; s += chunk) {
              int c = Math.min(chunk, hi + 1 - s);
              reader.read(p, s, c, buf, 0);
              int lim = s + c;
              while (i < b && order[i] < lim) {
                int k = order[i++];
                dst[off + (int) (j[k] - start)] = buf[k - s];
              }
            }
            return;
          }
          int lo = Integer.MAX_VALUE;
          int hi = -1;
          for (int i = a; i < b; i++) {
            lo = Math.min(lo, order[i]);
            hi = Math.max(hi, order[i]);
          }
          BitSet own = nodes.owned[r];
          double[] buf = new double[Math.min(hi - lo + 1, chunk)];
          for (int s = lo; s <= hi; s += chunk) {
            int c = Math.min(chunk, hi + 1 - s);
            reader.read(p, s, c, buf, 0);
            for (int k = 0; k < c; k++) {
              int g = j[s + k];
              if (g >= start && g < end && own.get(s + k)) dst[off + (int) (g - start)] = buf[k];
            }
          }
        });
  }

  /**
   * As {@link #scatterNodes}, but each joined node gets the sum of the values of every piece
   * holding it, added in rank order from 0.0 (SEACAS epu's {@code -sum_shared_nodes}); the pieces
   * are read one after the other so that the order of the additions is epu's.
   */
  void sumNodes(long start, long count, double[] dst, int off, PieceReader reader)
      throws IOException {
    long end = start + count;
    Arrays.fill(dst, off, off + (int) count, 0.0);
    int[][] all = allByJoined();
    for (int r = 0; r < pieces.size(); r++) {
      int[] j = nodes.join[r];
      if (j.length == 0 || nodes.range[r][1] < start || nodes.range[r][0] >= end) continue;
      int[] order = all[r];
      int a = firstAtLeast(order, j, start);
      int b = firstAtLeast(order, j, end);
      if (a >= b) continue;
      int lo = Integer.MAX_VALUE;
      int hi = -1;
      for (int i = a; i < b; i++) {
        lo = Math.min(lo, order[i]);
        hi = Math.max(hi, order[i]);
      }
      double[] buf = new double[Math.min(hi - lo + 1, chunk)];
      ExodusFile p = pieces.get(r);
      for (int s = lo; s <= hi; s += chunk) {
        int c = Math.min(chunk, hi + 1 - s);
        reader.read(p, s, c, buf, 0);
        for (int k = 0; k < c; k++) {
          int g = j[s + k];
          if (g >= start && g < end) dst[off + (int) (g - start)] += buf[k];
        }
      }
    }
  }

  private int[][] allByJoined() {
    int[][] a = allByJoined;
    if (a != null) return a;
    synchronized (this) {
      if (allByJoined == null) {
        int[][] out = new int[pieces.size()][];
        for (int r = 0; r < out.length; r++) {
          int[] j = nodes.join[r];
          long[] keyed = new long[j.length];
          for (int k = 0; k < j.length; k++) keyed[k] = ((long) j[k] << 32) | k;
          Arrays.sort(keyed);
          int[] o = new int[j.length];
          for (int k = 0; k < o.length; k++) o[k] = (int) keyed[k];
          out[r] = o;
        }
        allByJoined = out;
      }
      return allByJoined;
    }
  }

  /** The first position in {@code order} whose node's joined index is at least {@code v}. */
  static int firstAtLeast(int[] order, int[] join, long v) {
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (join[order[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
