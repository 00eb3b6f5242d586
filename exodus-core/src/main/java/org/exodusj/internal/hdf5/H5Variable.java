package org.exodusj.internal.hdf5;

import io.jhdf.api.Dataset;
import java.nio.ByteOrder;
import java.util.List;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Variable;

/**
 * A netCDF-4 variable: an HDF5 dataset with its netCDF dimensions and how its bytes are stored.
 *
 * @param id a number unique in the file (chunk cache keys)
 * @param order byte order of the stored values
 * @param layout how the data is stored
 * @param address absolute file offset of contiguous data, or -1 when never written
 * @param extent the dataset's current size per dimension (may be below a dimension's length)
 * @param chunk chunk size per dimension (chunked layout)
 * @param fill one fill value in stored byte order
 * @param filters the filter pipeline of a chunked dataset ({@link FilterPipeline#NONE} for others)
 * @param compact the data of a compact dataset
 * @param index the version 1 B-tree of a chunked dataset, or null (another index, or no chunks)
 * @param owner the reader this variable belongs to (the same across its refreshes), or null
 */
record H5Variable(
    int id,
    String name,
    DataType type,
    ByteOrder order,
    List<Dimension> dimensions,
    int[] dimensionIds,
    List<Attribute> attributes,
    boolean isRecord,
    Layout layout,
    long address,
    long[] extent,
    int[] chunk,
    FilterPipeline filters,
    byte[] fill,
    byte[] compact,
    Dataset dataset,
    V1ChunkIndex index,
    Object owner)
    implements Variable {

  enum Layout {
    CONTIGUOUS,
    CHUNKED,
    COMPACT
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return id;
  }

  @Override
  public String toString() {
    return "variable " + name;
  }

  /** Bytes of one decoded chunk. */
  int chunkBytes() {
    long n = type.size();
    for (int c : chunk) n *= c;
    return (int) n;
  }
}
