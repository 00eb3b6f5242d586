package org.exodusj.internal.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import org.exodusj.internal.io.Uninterruptible;

/**
 * A read-only view of a channel someone else owns, for jHDF: jHDF opened on a path holds a
 * descriptor of its own, and closing it drops this process's POSIX locks on the file, those of an
 * updater or writer of the same JVM included. Through this view jHDF reads (positional reads and
 * maps) the owner's channel; closing the view leaves the channel open, and a pending interrupt of a
 * reading thread does not close it ({@link Uninterruptible}).
 */
final class SharedReadChannel extends ReadOnlyChannel {
  private final FileChannel ch;

  SharedReadChannel(FileChannel ch) {
    this.ch = ch;
  }

  @Override
  void readFully(long at, ByteBuffer dst) throws IOException {
    int want = dst.remaining();
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
  }

  @Override
  String noLocks() {
    return "the owner of the channel holds its locks";
  }

  @Override
  public long size() throws IOException {
    return Uninterruptible.size(ch);
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
}
