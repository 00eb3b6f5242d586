package org.exodusj.internal.hdf5;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file space of a NetCDF-4 file {@link Nc4Writer} writes: free extents (coalesced, placed first
 * fit), the end of the allocated space, and the extents released since the last commit.
 *
 * <p>The crash rule: an extent the committed state (the one the superblock points to) references is
 * never handed out. {@link #release} therefore only queues an extent; {@link #committed} (called
 * after the superblock switch that stopped referencing it) makes it allocatable. So a crash at any
 * moment before the switch leaves every byte of the committed state as it was; after the switch the
 * old bytes are no longer part of any state the file names.
 *
 * <p>Fragmentation: what a commit frees (its predecessor's B-tree nodes and headers) is offered
 * first to the next commit's metadata ({@link #allocateMetadata}), which has about the same sizes,
 * and only then to chunks: otherwise the chunks written between two commits cut those holes into
 * pieces no later allocation fits, and the file grows by a few hundred bytes per commit.
 *
 * <p>The end: an allocation that fits no free extent goes to {@link #end()}; free space that
 * reaches the end is given back to it ({@link #committed}), so the file's length can be cut there
 * (the writer truncates at close). Not thread-safe: the writer holds its lock.
 */
final class Nc4Space {
  private final TreeMap<Long, Long> free = new TreeMap<>(); // start -> end, exclusive, coalesced
  private final List<long[]> released = new ArrayList<>(); // {start, end}: after the switch
  private final List<long[]> fresh = new ArrayList<>(); // freed by the last switch: metadata first
  private long end;
  private long freeBytes;
  private long noFit = Long.MAX_VALUE; // every free extent is shorter (until one is added)

  /** A file whose allocated space ends at {@code end} (nothing free yet). */
  Nc4Space(long end) {
    this.end = end;
  }

  /** The end of the allocated space: the first byte no extent, free or used, covers. */
  long end() {
    return end;
  }

  /** Bytes free below {@link #end()} (released extents not counted until the switch). */
  long freeBytes() {
    return freeBytes;
  }

  /** The free extents, {@code {start, end}}, in address order (for tests and reports). */
  List<long[]> freeExtents() {
    List<long[]> out = new ArrayList<>();
    for (Map.Entry<Long, Long> e : free.entrySet()) out.add(new long[] {e.getKey(), e.getValue()});
    return out;
  }

  /**
   * Takes {@code n} bytes, the start a multiple of {@code align} (a power of two): the first free
   * extent that holds them, else at the end.
   */
  long allocate(long n, int align) {
    if (n < 0) throw new IllegalArgumentException("allocation of " + n + " bytes");
    if (n == 0) return alignUp(end, align);
    long mask = align - 1L;
    if (n < noFit) { // a scan only while some extent may hold it
      for (Map.Entry<Long, Long> e : free.entrySet()) {
        long at = (e.getKey() + mask) & ~mask;
        if (at + n <= e.getValue()) {
          take(e.getKey(), e.getValue(), at, at + n);
          return at;
        }
      }
      // none: every extent is shorter than n + mask, so no later request that long needs a scan
      noFit = Math.min(noFit, n + mask);
    }
    long at = alignUp(end, align);
    if (at > end) add(end, at); // the padding stays free
    end = at + n;
    return at;
  }

  private static long alignUp(long x, int align) {
    long mask = align - 1L;
    return (x + mask) & ~mask;
  }

  private void take(long from, long to, long at, long atEnd) {
    free.remove(from);
    freeBytes -= to - from;
    if (from < at) {
      free.put(from, at);
      freeBytes += at - from;
    }
    if (atEnd < to) {
      free.put(atEnd, to);
      freeBytes += to - atEnd;
    }
  }

  /**
   * Takes {@code n} bytes for metadata (8-byte aligned), after the extents the last switch freed
   * have joined the free ones.
   */
  long allocateMetadata(long n) {
    settle();
    return allocate(n, 8);
  }

  /** Makes the extents the last switch freed allocatable to anything; gives free tail back. */
  void settle() {
    for (long[] r : fresh) add(r[0], r[1]);
    fresh.clear();
    trimEnd();
  }

  /**
   * Queues an extent the state being built no longer references; it becomes allocatable at the next
   * {@link #committed}, once the superblock no longer points at a state that references it.
   */
  void release(long address, long length) {
    if (length > 0 && address >= 0) released.add(new long[] {address, address + length});
  }

  /**
   * The superblock now points at a state that references none of the released extents: they become
   * free, to the next metadata allocation first ({@link #allocateMetadata}).
   */
  void committed() {
    fresh.addAll(released);
    released.clear();
  }

  /**
   * Replaces everything known by the complement of {@code used} ({@code {start, end}} extents, in
   * any order, overlaps allowed) below {@code fileEnd}: the space map of a committed state. The
   * holes go to the next metadata allocation first, as extents a switch freed do. Nothing may be
   * released and uncommitted.
   */
  void reset(List<long[]> used, long fileEnd) {
    free.clear();
    released.clear();
    fresh.clear();
    noFit = Long.MAX_VALUE;
    freeBytes = 0;
    end = fileEnd;
    List<long[]> u = new ArrayList<>(used);
    u.sort((a, b) -> Long.compare(a[0], b[0]));
    long at = 0;
    for (long[] x : u) {
      if (x[0] > at) fresh.add(new long[] {at, Math.min(x[0], fileEnd)});
      at = Math.max(at, x[1]);
      if (at >= fileEnd) break;
    }
    if (at > fileEnd) end = at;
    else if (at < fileEnd) fresh.add(new long[] {at, fileEnd});
  }

  private void trimEnd() {
    Map.Entry<Long, Long> last = free.lastEntry();
    if (last != null && last.getValue() >= end) {
      free.remove(last.getKey());
      freeBytes -= last.getValue() - last.getKey();
      end = last.getKey();
    }
  }

  private static IllegalStateException freedTwice(long from, long to, Map.Entry<Long, Long> free) {
    return new IllegalStateException(
        "extent ["
            + from
            + ", "
            + to
            + ") freed twice: ["
            + free.getKey()
            + ", "
            + free.getValue()
            + ") is free (a bug)");
  }

  /** Adds {@code [from, to)} to the free extents, merged with its neighbours. */
  private void add(long from, long to) {
    if (to <= from) return;
    noFit = Long.MAX_VALUE;
    Map.Entry<Long, Long> before = free.floorEntry(from);
    if (before != null && before.getValue() > from) {
      throw freedTwice(from, to, before);
    }
    Map.Entry<Long, Long> after = free.ceilingEntry(from);
    if (after != null && after.getKey() < to) {
      throw freedTwice(from, to, after);
    }
    long s = from;
    long e = to;
    if (before != null && before.getValue() == from) {
      s = before.getKey();
      free.remove(s);
      freeBytes -= before.getValue() - before.getKey();
    }
    if (after != null && after.getKey() == to) {
      e = after.getValue();
      free.remove(after.getKey());
      freeBytes -= after.getValue() - after.getKey();
    }
    free.put(s, e);
    freeBytes += e - s;
  }
}
