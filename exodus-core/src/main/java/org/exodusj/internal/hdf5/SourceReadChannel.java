package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import org.exodusj.internal.io.ByteSource;

/**
 * A read-only channel over the bytes of a {@link ByteSource} without a channel of its own (a heap
 * source), for jHDF: jHDF then parses the bytes the source serves, through the same bounded storage
 * as a file's channel ({@link BoundedHdfStorage}), not a file of the same name read by jHDF's own
 * unbounded storage. It cannot map: jHDF then reads into a buffer instead (after the storage's
 * bounds check). Closing it leaves the source open.
 */
final class SourceReadChannel extends ReadOnlyChannel {
  private final ByteSource source;

  SourceReadChannel(ByteSource source) {
    this.source = source;
  }

  @Override
  void readFully(long at, ByteBuffer dst) throws IOException {
    source.readFully(at, dst);
  }

  @Override
  String noLocks() {
    return "a source without a file has no locks";
  }

  @Override
  public long size() throws IOException {
    return source.size();
  }

  /** Not a file: jHDF reads into a buffer instead. */
  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) {
    throw new UnsupportedOperationException("a source without a file cannot be mapped");
  }
}
