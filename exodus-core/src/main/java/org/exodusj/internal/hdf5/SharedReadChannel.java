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
import org.exodusj.internal.io.Uninterruptible;

/**
 * A read-only view of a channel someone else owns, for jHDF: jHDF opened on a path holds a
 * descriptor of its own, and closing it drops this process's POSIX locks on the file, those of an
 * updater or writer of the same JVM included. Through this view jHDF reads (positional reads and
 * maps) the owner's channel; closing the view leaves the channel open, and a pending interrupt of a
 * reading thread does not close it ({@link Uninterruptible}).
 */
final class SharedReadChannel extends FileChannel {
  private final FileChannel ch;
  private long position;

  SharedReadChannel(FileChannel ch) {
    this.ch = ch;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = Uninterruptible.read(ch, dst, position);
    if (n > 0) position += n;
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
   * Reads all of {@code dst} from {@code at}, or throws: a read the file cannot complete is refused
   * before anything is read. jHDF's buffer reads loop until the buffer is full but read every time
   * at the same address, so a short read (a damaged size claiming bytes past the end of the file)
   * would repeat, a few bytes per system call, for as long as the claimed size is.
   */
  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    long end = Uninterruptible.size(ch);
    int want = dst.remaining();
    if (at < 0 || at > end - want) {
      throw new EOFException(
          "bytes [" + at + ", " + (at + want) + ") lie past the end of the file (" + end + ")");
    }
    int n = 0;
    while (dst.hasRemaining()) {
      int r = Uninterruptible.read(ch, dst, at + n);
      if (r < 0) {
        throw new EOFException(
            "bytes ["
                + (at + n)
                + ", "
                + (at + want)
                + ") lie past the end of the file (it shrank while being read)");
      }
      n += r;
    }
    return n;
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
    return Uninterruptible.size(ch);
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
    count = Math.max(0, Math.min(count, Uninterruptible.size(ch) - at)); // stop at the end
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
    long done = 0;
    while (done < count) {
      b.clear().limit((int) Math.min(b.capacity(), count - done));
      int n = read(b, at + done);
      if (n <= 0) break;
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

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) throws IOException {
    if (mode != MapMode.READ_ONLY) throw new NonWritableChannelException();
    // FileChannel.map extends a file opened for writing to cover the region, whatever the mode:
    // a damaged address must never make a reader grow the file (an updater's channel is writable)
    long end = ch.size();
    if (at < 0 || size < 0 || at > end - size) {
      throw new IOException(
          "bytes [" + at + ", " + (at + size) + ") lie past the end of the file (" + end + ")");
    }
    boolean interrupted = Thread.interrupted(); // a map is interruptible too
    try {
      return ch.map(MapMode.READ_ONLY, at, size);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("the owner of the channel holds its locks");
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("the owner of the channel holds its locks");
  }

  @Override
  protected void implCloseChannel() {
    // the owner's channel stays open
  }
}
