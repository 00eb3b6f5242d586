package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file that was already cut short when it was opened (a writer that crashed before its data was
 * complete), read as netCDF-C reads one: the bytes from the end of the file on read as zeros, so a
 * value that lies partly in the file keeps its stored bytes and has the missing ones zero.
 *
 * <p>Reads before the end go to the wrapped source unchanged, so a file that shrinks further while
 * it is open is still reported by the wrapped source ({@link org.exodusj.FileChangedException}):
 * only bytes that were already missing at open (or at the last {@link #refresh}) read as zeros.
 * {@link #size} is the file's true size, so checks of counts against the file size are unchanged;
 * no view is offered over missing bytes.
 */
public final class CutShortByteSource extends ByteSource {
  private static final int ZEROS = 1 << 16;
  private final ByteSource in;
  private volatile long end;

  /** Wraps {@code in}, whose bytes from its current size on are missing. */
  public CutShortByteSource(ByteSource in) throws IOException {
    super(in.name());
    this.in = in;
    this.end = in.size();
  }

  /** The byte where the stored bytes end (the missing ones begin). */
  public long end() {
    return end;
  }

  @Override
  public long size() throws IOException {
    return in.size();
  }

  @Override
  public void refresh() throws IOException {
    in.refresh();
    end = Math.max(end, in.size());
  }

  @Override
  public void verifyUnchanged(long readEnd) throws IOException {
    in.verifyUnchanged(Math.min(readEnd, end));
  }

  @Override
  public void reportFaults() {
    in.reportFaults();
  }

  @Override
  public IOException faulted(InternalError e) {
    return in.faulted(e);
  }

  @Override
  public FileChannel channel() {
    return in.channel();
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    int n = dst.remaining();
    int present = present(position, n, 1);
    if (present > 0) {
      ByteBuffer d = dst.duplicate();
      d.limit(d.position() + present);
      in.readFully(position, d);
    }
    for (int i = present; i < n; i++) {
      dst.put(dst.position() + i, (byte) 0);
    }
    dst.position(dst.position() + n);
  }

  @Override
  public Optional<ByteBuffer> slice(long position, long length) throws IOException {
    return position + length <= end ? in.slice(position, length) : Optional.empty();
  }

  @Override
  public boolean supportsSlices() {
    return in.supportsSlices();
  }

  @Override
  public void pieces(long position, long length, int elementSize, PieceSink sink)
      throws IOException {
    long whole = Math.max(0, Math.min(length, end - position)) / elementSize * elementSize;
    if (whole > 0) {
      in.pieces(position, whole, elementSize, sink);
    }
    long done = whole;
    int chunk = Math.max(elementSize, ZEROS / elementSize * elementSize);
    while (done < length) {
      int k = (int) Math.min(chunk, length - done);
      ByteBuffer b = ByteBuffer.allocate(k);
      readFully(position + done, b);
      sink.accept(b.flip(), 0, k);
      done += k;
    }
  }

  @Override
  public void getDoubles(long position, double[] dst, int off, int n) throws IOException {
    int k = present(position, n, 8);
    if (k > 0) {
      in.getDoubles(position, dst, off, k);
    }
    if (k < n) {
      ByteBuffer b = partial(position + 8L * k, 8);
      dst[off + k] = b.getDouble(0);
      Arrays.fill(dst, off + k + 1, off + n, 0.0);
    }
  }

  @Override
  public void getFloats(long position, float[] dst, int off, int n) throws IOException {
    int k = present(position, n, 4);
    if (k > 0) {
      in.getFloats(position, dst, off, k);
    }
    if (k < n) {
      dst[off + k] = partial(position + 4L * k, 4).getFloat(0);
      Arrays.fill(dst, off + k + 1, off + n, 0f);
    }
  }

  @Override
  public void getLongs(long position, long[] dst, int off, int n) throws IOException {
    int k = present(position, n, 8);
    if (k > 0) {
      in.getLongs(position, dst, off, k);
    }
    if (k < n) {
      dst[off + k] = partial(position + 8L * k, 8).getLong(0);
      Arrays.fill(dst, off + k + 1, off + n, 0L);
    }
  }

  @Override
  public void getInts(long position, int[] dst, int off, int n) throws IOException {
    int k = present(position, n, 4);
    if (k > 0) {
      in.getInts(position, dst, off, k);
    }
    if (k < n) {
      dst[off + k] = partial(position + 4L * k, 4).getInt(0);
      Arrays.fill(dst, off + k + 1, off + n, 0);
    }
  }

  @Override
  public void getShorts(long position, short[] dst, int off, int n) throws IOException {
    int k = present(position, n, 2);
    if (k > 0) {
      in.getShorts(position, dst, off, k);
    }
    if (k < n) {
      dst[off + k] = partial(position + 2L * k, 2).getShort(0);
      Arrays.fill(dst, off + k + 1, off + n, (short) 0);
    }
  }

  @Override
  public void getBytes(long position, byte[] dst, int off, int n) throws IOException {
    int k = present(position, n, 1);
    if (k > 0) {
      in.getBytes(position, dst, off, k);
    }
    Arrays.fill(dst, off + k, off + n, (byte) 0);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** How many of the {@code n} elements of {@code size} bytes at {@code position} lie whole. */
  private int present(long position, int n, int size) {
    long avail = end - position;
    if (avail <= 0) {
      return 0;
    }
    return (int) Math.min(n, avail / size);
  }

  /** The element of {@code size} bytes at {@code position}: its stored bytes, the rest zero. */
  private ByteBuffer partial(long position, int size) throws IOException {
    byte[] b = new byte[size];
    int stored = (int) Math.max(0, Math.min(size, end - position));
    if (stored > 0) {
      in.getBytes(position, b, 0, stored);
    }
    return ByteBuffer.wrap(b);
  }
}
