package org.exodusj.internal.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} for jHDF over bytes someone else owns, built on two operations:
 * the size and a positional read of a whole range. Every read is checked against the end first: a
 * read the bytes cannot complete is refused before anything is read, because jHDF's buffer reads
 * loop until the buffer is full but read every time at the same address, so a short read (a damaged
 * size claiming bytes past the end) would repeat, a few bytes per call, for as long as the claimed
 * size is. Writes are refused; closing the channel leaves the owner's bytes open.
 */
abstract class ReadOnlyChannel extends FileChannel {
  private long position;

  /**
   * Bytes known to exist, so that a read within them asks no size of the system (a call per
   * structure read was a tenth of an updater's open). Files grow while they are read (a writer
   * appends); one that shrinks is damaged or replaced, and a read past its new end meets the end
   * inside {@link #readFully}, which throws rather than returning part of the range.
   */
  private volatile long knownSize = -1;

  /**
   * Reads all of {@code dst} from {@code at}; the range has been checked to lie within the size.
   */
  abstract void readFully(long at, ByteBuffer dst) throws IOException;

  /** Why this channel has no locks of its own. */
  abstract String noLocks();

  @Override
  public abstract long size() throws IOException;

  /**
   * The size where it covers {@code [0, end)} as last known, else the size asked anew: a size at
   * least {@code end} means the range exists (as far as a file that only grows goes).
   */
  final long sizeCovering(long end) throws IOException {
    long known = knownSize;
    if (end >= 0 && end <= known) return known;
    known = size();
    knownSize = known;
    return known;
  }

  @Override
  public final int read(ByteBuffer dst) throws IOException {
    long end = size();
    if (position >= end) return dst.hasRemaining() ? -1 : 0;
    int n = (int) Math.min(dst.remaining(), end - position);
    readFully(position, dst.slice(dst.position(), n));
    dst.position(dst.position() + n);
    position += n;
    return n;
  }

  @Override
  public final long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
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

  /** Reads all of {@code dst} from {@code at}, or throws before reading anything. */
  @Override
  public final int read(ByteBuffer dst, long at) throws IOException {
    int want = dst.remaining();
    long end = sizeCovering(at >= 0 && at <= Long.MAX_VALUE - want ? at + want : -1);
    if (at < 0 || at > end - want) {
      throw new EOFException(
          "bytes [" + at + ", " + (at + want) + ") lie past the end of the file (" + end + ")");
    }
    readFully(at, dst);
    return want;
  }

  @Override
  public final int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public final long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public final int write(ByteBuffer src, long at) {
    throw new NonWritableChannelException();
  }

  @Override
  public final long position() {
    return position;
  }

  @Override
  public final FileChannel position(long newPosition) {
    if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
    position = newPosition;
    return this;
  }

  @Override
  public final FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public final void force(boolean metaData) {
    // read-only: nothing to force
  }

  @Override
  public final long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    count = Math.max(0, Math.min(count, size() - at)); // stop at the end
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
  public final long transferFrom(ReadableByteChannel src, long at, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public final FileLock lock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException(noLocks());
  }

  @Override
  public final FileLock tryLock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException(noLocks());
  }

  @Override
  protected final void implCloseChannel() {
    // the owner's bytes stay open
  }
}
