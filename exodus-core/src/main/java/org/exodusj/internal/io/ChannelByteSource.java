package org.exodusj.internal.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

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

  private ChannelByteSource(String name, FileChannel channel, boolean ownsChannel) {
    super(name);
    this.channel = channel;
    this.ownsChannel = ownsChannel;
  }

  /** Opens {@code path} for reading. */
  public static ChannelByteSource open(Path path) throws IOException {
    return new ChannelByteSource(
        path.toString(), FileChannel.open(path, StandardOpenOption.READ), true);
  }

  /** Wraps an open channel that the caller keeps owning (it is not closed with this source). */
  public static ChannelByteSource wrap(String name, FileChannel channel) {
    return new ChannelByteSource(name, channel, false);
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    checkRange(position, dst.remaining(), channel.size());
    long pos = position;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, pos);
      if (n < 0) {
        throw new EOFException(name() + ": unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  @Override
  public Optional<ByteBuffer> slice(long position, long length) throws IOException {
    checkRange(position, length, channel.size());
    return Optional.empty();
  }

  @Override
  public boolean supportsSlices() {
    return false;
  }

  @Override
  public void pieces(long position, long length, int elementSize, PieceSink sink)
      throws IOException {
    checkRange(position, length, channel.size());
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
    checkRange(position, 8L * n, channel.size());
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
    checkRange(position, 4L * n, channel.size());
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
    checkRange(position, 8L * n, channel.size());
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
    checkRange(position, 4L * n, channel.size());
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
    checkRange(position, 2L * n, channel.size());
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
      int r = channel.read(scratch, pos);
      if (r < 0) {
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
