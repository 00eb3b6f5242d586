package org.exodusj.internal.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import org.exodusj.FileChangedException;

/**
 * Reads through positional {@link FileChannel#read(ByteBuffer, long)} calls into pooled scratch
 * buffers; one copy from the kernel into scratch, one decode into the caller's array. Never maps,
 * so {@link #slice} is always empty.
 */
public final class ChannelByteSource extends ByteSource {
  /** Scratch size; a multiple of 8 so that typed views of scratch stay aligned. */
  static final int SCRATCH_BYTES = 64 * 1024;

  private final FileChannel channel;
  private final boolean ownsChannel;
  private final ArrayBlockingQueue<Scratch> pool = new ArrayBlockingQueue<>(8);

  /** The largest size seen: a file smaller than that was truncated underneath. */
  private volatile long largest;

  private ChannelByteSource(String name, FileChannel channel, boolean ownsChannel)
      throws IOException {
    super(name);
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    this.largest = channel.size();
  }

  @Override
  public void verifyUnchanged(long end) throws IOException {
    long now = channel.size();
    long seen = largest;
    if (now < seen && now < end) {
      throw new FileChangedException(
          name(), "it had " + seen + " bytes and has " + now + " now", null);
    }
  }

  /**
   * Checks a read against the file's current size. A read past the end of a file that has shrunk
   * since it was opened is a {@link FileChangedException}; past the end of a file that never held
   * the bytes, an {@link EOFException}.
   */
  private void check(long position, long length) throws IOException {
    long now = channel.size();
    long seen = largest;
    if (now > seen) {
      largest = now;
    } else if (now < seen && position >= 0 && length >= 0 && position > now - length) {
      throw new FileChangedException(
          name(),
          "a read of "
              + length
              + " bytes at byte "
              + position
              + " runs past the end; the file had "
              + seen
              + " bytes and has "
              + now
              + " now",
          null);
    }
    checkRange(position, length, now);
  }

  /** Opens {@code path} for reading. */
  public static ChannelByteSource open(Path path) throws IOException {
    return new ChannelByteSource(
        path.toString(), FileChannel.open(path, StandardOpenOption.READ), true);
  }

  /** Wraps an open channel that the caller keeps owning (it is not closed with this source). */
  public static ChannelByteSource wrap(String name, FileChannel channel) throws IOException {
    return new ChannelByteSource(name, channel, false);
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    check(position, dst.remaining());
    long pos = position;
    while (dst.hasRemaining()) {
      int n = Uninterruptible.read(channel, dst, pos);
      if (n < 0) {
        check(pos, dst.remaining()); // shrunk during the read: a FileChangedException
        throw new EOFException(name() + ": unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  @Override
  public Optional<ByteBuffer> slice(long position, long length) throws IOException {
    check(position, length);
    return Optional.empty();
  }

  @Override
  public boolean supportsSlices() {
    return false;
  }

  @Override
  public FileChannel channel() {
    return channel;
  }

  @Override
  public void pieces(long position, long length, int elementSize, PieceSink sink)
      throws IOException {
    check(position, length);
    Scratch s = take();
    try {
      long pos = position;
      long left = length;
      int max = SCRATCH_BYTES - SCRATCH_BYTES % elementSize;
      while (left > 0) {
        int n = (int) Math.min(left, max);
        fill(s.bytes, pos, n);
        sink.accept(s.bytes, 0, n);
        pos += n;
        left -= n;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getDoubles(long position, double[] dst, int off, int n) throws IOException {
    check(position, 8L * n);
    Scratch s = take();
    try {
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, SCRATCH_BYTES / 8);
        fill(s.bytes, position + 8L * done, 8 * k);
        s.doubles.get(0, dst, off + done, k);
        done += k;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getFloats(long position, float[] dst, int off, int n) throws IOException {
    check(position, 4L * n);
    Scratch s = take();
    try {
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, SCRATCH_BYTES / 4);
        fill(s.bytes, position + 4L * done, 4 * k);
        s.floats.get(0, dst, off + done, k);
        done += k;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getLongs(long position, long[] dst, int off, int n) throws IOException {
    check(position, 8L * n);
    Scratch s = take();
    try {
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, SCRATCH_BYTES / 8);
        fill(s.bytes, position + 8L * done, 8 * k);
        s.longs.get(0, dst, off + done, k);
        done += k;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getInts(long position, int[] dst, int off, int n) throws IOException {
    check(position, 4L * n);
    Scratch s = take();
    try {
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, SCRATCH_BYTES / 4);
        fill(s.bytes, position + 4L * done, 4 * k);
        s.ints.get(0, dst, off + done, k);
        done += k;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getShorts(long position, short[] dst, int off, int n) throws IOException {
    check(position, 2L * n);
    Scratch s = take();
    try {
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, SCRATCH_BYTES / 2);
        fill(s.bytes, position + 2L * done, 2 * k);
        s.shorts.get(0, dst, off + done, k);
        done += k;
      }
    } finally {
      give(s);
    }
  }

  @Override
  public void getBytes(long position, byte[] dst, int off, int n) throws IOException {
    readFully(position, ByteBuffer.wrap(dst, off, n));
  }

  private void fill(ByteBuffer scratch, long position, int n) throws IOException {
    scratch.clear().limit(n);
    long pos = position;
    while (scratch.hasRemaining()) {
      int r = Uninterruptible.read(channel, scratch, pos);
      if (r < 0) {
        check(pos, scratch.remaining()); // shrunk during the read: a FileChangedException
        throw new EOFException(name() + ": unexpected end of file at byte " + pos);
      }
      pos += r;
    }
  }

  private Scratch take() {
    Scratch s = pool.poll();
    return s != null ? s : new Scratch();
  }

  private void give(Scratch s) {
    pool.offer(s);
  }

  @Override
  public void close() throws IOException {
    if (ownsChannel) {
      channel.close();
    }
  }

  /** A direct scratch buffer with its typed views, made once and reused. */
  private static final class Scratch {
    final ByteBuffer bytes = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    final java.nio.DoubleBuffer doubles = bytes.asDoubleBuffer();
    final java.nio.FloatBuffer floats = bytes.asFloatBuffer();
    final java.nio.LongBuffer longs = bytes.asLongBuffer();
    final java.nio.IntBuffer ints = bytes.asIntBuffer();
    final java.nio.ShortBuffer shorts = bytes.asShortBuffer();
  }
}
