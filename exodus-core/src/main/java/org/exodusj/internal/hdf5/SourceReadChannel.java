package org.exodusj.internal.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.exodusj.internal.io.ByteSource;

/**
 * A read-only channel over the bytes of a {@link ByteSource} without a channel of its own (a heap
 * source), for jHDF: jHDF then parses the bytes the source serves, through the same bounded storage
 * as a file's channel ({@link BoundedHdfStorage}), not a file of the same name read by jHDF's own
 * unbounded storage. It cannot map: jHDF then reads into a buffer instead (after the storage's
 * bounds check). Closing it leaves the source open.
 */
final class SourceReadChannel extends FileChannel {
  private final ByteSource source;
  private long position;

  SourceReadChannel(ByteSource source) {
    this.source = source;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    long end = source.size();
    if (position >= end) return dst.hasRemaining() ? -1 : 0;
    int n = (int) Math.min(dst.remaining(), end - position);
    ByteBuffer part = dst.slice(dst.position(), n);
    source.readFully(position, part);
    dst.position(dst.position() + n);
    position += n;
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      if (!dsts[i].hasRemaining()) continue;
      int n = read(dsts[i]);
      if (n < 0) return total == 0 ? -1 : total;
      total += n;
      if (dsts[i].hasRemaining()) break;
    }
    return total;
  }

  /**
   * Reads all of {@code dst} from {@code at}, or throws before reading anything: jHDF's buffer
   * reads loop on a short read at the same address (see {@link SharedReadChannel}).
   */
  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    long end = source.size();
    int want = dst.remaining();
    if (at < 0 || at > end - want) {
      throw new EOFException(
          "bytes [" + at + ", " + (at + want) + ") lie past the end of the file (" + end + ")");
    }
    source.readFully(at, dst);
    return want;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long at) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public FileChannel position(long newPosition) {
    if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    return source.size();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) {
    // read-only: nothing to force
  }

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    count = Math.max(0, Math.min(count, source.size() - at)); // stop at the end
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
    long done = 0;
    while (done < count) {
      b.clear().limit((int) Math.min(b.capacity(), count - done));
      int n = read(b, at + done);
      b.flip();
      while (b.hasRemaining()) target.write(b);
      done += n;
    }
    return done;
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long at, long count) {
    throw new NonWritableChannelException();
  }

  /** Not a file: jHDF reads into a buffer instead. */
  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) {
    throw new UnsupportedOperationException("a source without a file cannot be mapped");
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("a source without a file has no locks");
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("a source without a file has no locks");
  }

  @Override
  protected void implCloseChannel() {
    // the source stays open: it is closed with the storage
  }
}
