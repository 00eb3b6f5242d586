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
 * @param storage how the values are stored (layout, chunks, filters, addresses)
 * @param extent the dataset's current size per dimension (may be below a dimension's length)
 * @param fill one fill value in stored byte order
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
    Nc4Storage storage,
    long[] extent,
    byte[] fill,
    Dataset dataset,
    Object owner)
    implements Variable {

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
    return (int) storage.chunkBytes(type.size());
  }

  /** Chunk size per dimension (chunked storage; empty for the others). */
  int[] chunk() {
    return storage.chunk();
  }

  /** The filter pipeline of chunked storage ({@link FilterPipeline#NONE} for the others). */
  FilterPipeline filters() {
    return storage.filters();
  }
}
