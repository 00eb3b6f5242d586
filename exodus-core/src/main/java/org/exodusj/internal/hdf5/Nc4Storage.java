package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.util.List;
import org.exodusj.internal.hdf5.filter.FilterPipeline;

/**
 * How one NetCDF-4 variable's values are stored, as the reader, the updater's adoption of a file,
 * the writer's variables ({@link Nc4Var}) and the raw-chunk copy all see it: the layout kind, the
 * chunk shape and filter pipeline of a chunked dataset with its stored chunks (an index read on
 * demand, or a list already read and checked), the address of contiguous data, the bytes of compact
 * data.
 *
 * @param kind how the values are laid out
 * @param chunk chunk size per dimension, outermost first (chunked; empty for the others; null for
 *     chunked storage whose shape a writer chooses)
 * @param filters the filter pipeline ({@link FilterPipeline#NONE} unless chunked)
 * @param address absolute file offset of contiguous data, or -1 when never written (and for the
 *     other kinds)
 * @param compact the data of a compact dataset, or null
 * @param index the version 1 B-tree of a chunked dataset, read on demand; null for another index
 *     (or none)
 * @param stored the stored chunks already read and checked (an adopted file's), or null: then
 *     {@link #forEachStored} walks {@code index}
 */
record Nc4Storage(
    Kind kind,
    int[] chunk,
    FilterPipeline filters,
    long address,
    byte[] compact,
    V1ChunkIndex index,
    List<StoredChunk> stored) {

  /** The HDF5 layout classes netCDF-4 uses. */
  enum Kind {
    CONTIGUOUS,
    CHUNKED,
    COMPACT
  }

  /**
   * One stored chunk.
   *
   * @param offset the chunk's first element per dimension
   * @param address its HDF5 address (as the chunk index gives it)
   * @param size stored (filtered) bytes
   * @param filterMask the filters skipped for this chunk (bit i: stage i)
   */
  record StoredChunk(long[] offset, long address, int size, int filterMask) {}

  /** Contiguous data at {@code address} (-1: never written). */
  static Nc4Storage contiguous(long address) {
    return new Nc4Storage(
        Kind.CONTIGUOUS, new int[0], FilterPipeline.NONE, address, null, null, null);
  }

  /** Compact data held in the object header. */
  static Nc4Storage compact(byte[] data) {
    return new Nc4Storage(Kind.COMPACT, new int[0], FilterPipeline.NONE, -1, data, null, null);
  }

  /** Chunked data indexed by {@code index} (null: another index, or no chunks). */
  static Nc4Storage chunked(int[] chunk, FilterPipeline filters, V1ChunkIndex index) {
    return new Nc4Storage(Kind.CHUNKED, chunk, filters, -1, null, index, null);
  }

  /** Chunked storage with {@code filters} whose chunk shape a writer chooses. */
  static Nc4Storage chunkedAnyShape(FilterPipeline filters) {
    return new Nc4Storage(Kind.CHUNKED, null, filters, -1, null, null, null);
  }

  /** This storage with its stored chunks read and checked once ({@code chunks}). */
  Nc4Storage withStored(List<StoredChunk> chunks) {
    return new Nc4Storage(kind, chunk, filters, address, compact, index, List.copyOf(chunks));
  }

  /** This storage with {@code pipeline} for its filters. */
  Nc4Storage withFilters(FilterPipeline pipeline) {
    return new Nc4Storage(kind, chunk, pipeline, address, compact, index, stored);
  }

  boolean isChunked() {
    return kind == Kind.CHUNKED;
  }

  boolean isContiguous() {
    return kind == Kind.CONTIGUOUS;
  }

  /** Bytes of one decoded chunk of values of {@code elementSize} bytes. */
  long chunkBytes(int elementSize) {
    long n = elementSize;
    for (int c : chunk) n *= c;
    return n;
  }

  /** Visits the stored chunks: the list already read, else the index (in its order). */
  void forEachStored(V1ChunkIndex.ChunkVisitor visitor) throws IOException {
    if (stored != null) {
      for (StoredChunk c : stored) visitor.chunk(c.offset(), c.address(), c.size(), c.filterMask());
    } else if (index != null) {
      index.forEach(visitor);
    }
  }
}
