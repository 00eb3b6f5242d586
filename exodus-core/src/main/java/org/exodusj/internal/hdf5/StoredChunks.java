package org.exodusj.internal.hdf5;

import java.io.IOException;

/**
 * The chunks of one variable of a NetCDF-4 file as they are stored (filtered bytes, filter mask),
 * for copies that take them unchanged, as HDF5's object copy does: no decode, no re-encode.
 */
public final class StoredChunks {
  private final H5Variable variable;

  StoredChunks(H5Variable variable) {
    this.variable = variable;
  }

  /** One stored chunk, as {@link #forEach} reports it. */
  interface Visitor {
    /**
     * @param offset the chunk's first element per dimension
     * @param bytes the stored bytes (valid during the call only)
     * @param size how many of {@code bytes} are the chunk
     * @param mask the chunk's filter mask
     */
    void chunk(long[] offset, byte[] bytes, int size, int mask) throws IOException;
  }

  /** The variable's chunk shape. */
  int[] chunk() {
    return variable.chunk();
  }

  /** The variable's extent (the source's shape). */
  long[] extent() {
    return variable.extent();
  }

  H5Variable variable() {
    return variable;
  }

  /** Reads every stored chunk in key order and gives it to {@code visitor}. */
  void forEach(Visitor visitor) throws IOException {
    V1ChunkIndex index = variable.index();
    byte[][] buf = {new byte[0]};
    index.forEach(
        (offset, address, size, mask) -> {
          if (buf[0].length < size) buf[0] = new byte[Math.max(size, buf[0].length * 2)];
          index.readStored(address, buf[0], size);
          visitor.chunk(offset, buf[0], size, mask);
        });
  }
}
