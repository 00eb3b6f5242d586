package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.exodusj.FileChangedException;

/**
 * Bytes held in windows of a power-of-two size {@code W}, in the manner of Lucene's MMapDirectory,
 * so that files far larger than 2 GiB can be mapped. Window {@code k} starts at byte {@code k * W}
 * and reaches up to {@code 2 * W} bytes (capped at {@link Integer#MAX_VALUE}): the overlap means
 * that any range of at most {@code W} bytes sits inside one window, so a slice of a contiguous
 * variable of up to {@code W} bytes is always possible.
 *
 * <p>Each window carries typed views for every alignment class, made once, so typed bulk reads
 * ({@link DoubleBuffer#get(int, double[], int, int)}) allocate nothing per call.
 *
 * <p>Mapped windows are not unmapped on close: forcing an unmap while another thread still reads
 * crashes the JVM. They are released by the garbage collector once unreachable.
 */
public final class WindowedByteSource extends ByteSource {
  /** Default window: 1 GiB, so a window maps at most 2 GiB - 1 bytes. */
  public static final int DEFAULT_WINDOW_BYTES = 1 << 30;

  /** Smallest window allowed; small windows exist to test window boundaries. */
  public static final int MIN_WINDOW_BYTES = 16;

  private final FileChannel channel; // null for heap sources
  private boolean ownsChannel = true;
  private final byte[] heap; // null for mapped sources
  private final int windowShift;
  private final long windowBytes;
  private volatile Window[] windows;
  private volatile long size;

  private WindowedByteSource(
      String name, FileChannel channel, byte[] heap, long size, int windowBytes)
      throws IOException {
    super(name);
    if (windowBytes < MIN_WINDOW_BYTES || Integer.bitCount(windowBytes) != 1) {
      throw new IllegalArgumentException(
          "window size must be a power of two of at least "
              + MIN_WINDOW_BYTES
              + " bytes, got "
              + windowBytes);
    }
    this.channel = channel;
    this.heap = heap;
    this.windowShift = Integer.numberOfTrailingZeros(windowBytes);
    this.windowBytes = windowBytes;
    this.windows = new Window[0];
    remap(size);
  }

  /**
   * Maps the file of an open channel that belongs to someone else (the JVM's lock holder of the
   * file): {@link #close()} leaves the channel open.
   */
  public static WindowedByteSource mapShared(String name, FileChannel ch, int windowBytes)
      throws IOException {
    WindowedByteSource w = new WindowedByteSource(name, ch, null, ch.size(), windowBytes);
    w.ownsChannel = false;
    return w;
  }

  /** Maps {@code path} read-only in windows of the default size. */
  public static WindowedByteSource map(Path path) throws IOException {
    return map(path, DEFAULT_WINDOW_BYTES);
  }

  /** Maps {@code path} read-only in windows of {@code windowBytes} (a power of two). */
  public static WindowedByteSource map(Path path, int windowBytes) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new WindowedByteSource(path.toString(), ch, null, ch.size(), windowBytes);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Serves {@code bytes} (not copied) in windows of {@code windowBytes}. */
  public static WindowedByteSource ofBytes(String name, byte[] bytes, int windowBytes) {
    try {
      return new WindowedByteSource(name, null, bytes, bytes.length, windowBytes);
    } catch (IOException e) {
      throw new AssertionError("heap sources do no I/O", e);
    }
  }

  /** The window size in bytes. */
  public long windowBytes() {
    return windowBytes;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public synchronized void refresh() throws IOException {
    if (channel != null) {
      long now = channel.size();
      if (now != size) {
        remap(now);
      }
    }
  }

  /** Maps windows for a source of {@code newSize} bytes, keeping full windows already mapped. */
  private synchronized void remap(long newSize) throws IOException {
    long count = newSize == 0 ? 0 : ((newSize - 1) >>> windowShift) + 1;
    if (count > Integer.MAX_VALUE) {
      throw new IOException(name() + ": file of " + newSize + " bytes needs too many windows");
    }
    Window[] old = windows;
    Window[] next = new Window[(int) count];
    for (int k = 0; k < next.length; k++) {
      long start = (long) k << windowShift;
      int length = (int) Math.min(Math.min(2 * windowBytes, Integer.MAX_VALUE), newSize - start);
      if (k < old.length && old[k].bytes.capacity() == length) {
        next[k] = old[k];
      } else {
        next[k] = new Window(start, window(start, length));
      }
    }
    windows = next;
    size = newSize;
  }

  private ByteBuffer window(long start, int length) throws IOException {
    ByteBuffer b;
    if (channel != null) {
      b = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
    } else {
      b = ByteBuffer.wrap(heap, (int) start, length).slice().asReadOnlyBuffer();
    }
    return b.order(ByteOrder.BIG_ENDIAN);
  }

  private Window windowFor(long position) {
    return windows[(int) (position >>> windowShift)];
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    checkRange(position, dst.remaining(), size);
    long wanted = dst.remaining();
    try {
      long pos = position;
      while (dst.hasRemaining()) {
        Window w = windowFor(pos);
        int idx = (int) (pos - w.start);
        int n = Math.min(dst.remaining(), w.bytes.capacity() - idx);
        dst.put(dst.position(), w.bytes, idx, n);
        dst.position(dst.position() + n);
        pos += n;
      }
    } catch (InternalError e) {
      throw changed(e, position, wanted);
    }
  }

  @Override
  public Optional<ByteBuffer> slice(long position, long length) throws IOException {
    checkRange(position, length, size);
    if (length == 0) {
      return Optional.of(ByteBuffer.allocate(0).asReadOnlyBuffer());
    }
    Window w = windowFor(position);
    long idx = position - w.start;
    if (idx + length > w.bytes.capacity()) {
      return Optional.empty();
    }
    return Optional.of(w.bytes.slice((int) idx, (int) length).order(ByteOrder.BIG_ENDIAN));
  }

  @Override
  public boolean supportsSlices() {
    return true;
  }

  @Override
  public FileChannel channel() {
    return channel;
  }

  @Override
  public void pieces(long position, long length, int elementSize, PieceSink sink)
      throws IOException {
    checkRange(position, length, size);
    long wanted = length;
    try {
      long pos = position;
      long left = length;
      while (left > 0) {
        Window w = windowFor(pos);
        int idx = (int) (pos - w.start);
        int avail = w.bytes.capacity() - idx;
        int n = (int) Math.min(left, avail - avail % elementSize);
        sink.accept(w.bytes, idx, n);
        pos += n;
        left -= n;
      }
    } catch (InternalError e) {
      throw changed(e, position, wanted);
    }
  }

  @Override
  public void getDoubles(long position, double[] dst, int off, int n) throws IOException {
    typed(
        position,
        n,
        3,
        (w, align, index, done, k) -> w.doubles(align).get(index, dst, off + done, k));
  }

  @Override
  public void getFloats(long position, float[] dst, int off, int n) throws IOException {
    typed(
        position,
        n,
        2,
        (w, align, index, done, k) -> w.floats(align).get(index, dst, off + done, k));
  }

  @Override
  public void getLongs(long position, long[] dst, int off, int n) throws IOException {
    typed(
        position,
        n,
        3,
        (w, align, index, done, k) -> w.longs(align).get(index, dst, off + done, k));
  }

  @Override
  public void getInts(long position, int[] dst, int off, int n) throws IOException {
    typed(
        position, n, 2, (w, align, index, done, k) -> w.ints(align).get(index, dst, off + done, k));
  }

  @Override
  public void getShorts(long position, short[] dst, int off, int n) throws IOException {
    typed(
        position,
        n,
        1,
        (w, align, index, done, k) -> w.shorts(align).get(index, dst, off + done, k));
  }

  @Override
  public void getBytes(long position, byte[] dst, int off, int n) throws IOException {
    typed(position, n, 0, (w, align, index, done, k) -> w.bytes.get(index, dst, off + done, k));
  }

  /** Copies {@code k} values from a window's typed view (at {@code index}) to the destination. */
  @FunctionalInterface
  private interface WindowCopy {
    void copy(Window w, int align, int index, int done, int k);
  }

  /**
   * The one loop of the typed reads: {@code n} values of {@code 1 << shift} bytes from {@code
   * position}, window by window, each piece through the window's view for its alignment; a fault of
   * the mapped memory becomes a {@link FileChangedException}.
   */
  private void typed(long position, int n, int shift, WindowCopy copy) throws IOException {
    long wanted = (long) n << shift;
    checkRange(position, wanted, size);
    int mask = (1 << shift) - 1;
    try {
      long pos = position;
      int done = 0;
      while (done < n) {
        Window w = windowFor(pos);
        int idx = (int) (pos - w.start);
        int k = Math.min(n - done, (w.bytes.capacity() - idx) >>> shift);
        int align = idx & mask;
        copy.copy(w, align, (idx - align) >>> shift, done, k);
        done += k;
        pos += (long) k << shift;
      }
    } catch (InternalError e) {
      throw changed(e, position, wanted);
    }
  }

  @Override
  public void verifyUnchanged(long end) throws IOException {
    if (channel != null) {
      long now = channel.size();
      long mapped = size;
      if (now < mapped && now < end) {
        throw new FileChangedException(
            name(),
            "it had "
                + mapped
                + " bytes when mapped and has "
                + now
                + " now"
                + (end == Long.MAX_VALUE ? "" : ", short of byte " + end + " of this read"),
            null);
      }
    }
  }

  /** Dimensions of the array {@link #reportFaults()} makes: volatile, so never constants. */
  private static volatile int barrierRows = 1;

  private static volatile int barrierColumns = 0;

  /**
   * A file truncated underneath its map faults when the missing pages are touched. In compiled code
   * HotSpot does not fail the faulting access itself: it records the fault and throws {@link
   * InternalError} ("a fault occurred in a recent unsafe memory access operation") at the thread's
   * next call into the VM, which may be anywhere in the caller's code, where nothing turns it into
   * an {@code IOException}. Allocating a two-dimensional array of non-constant size is such a call
   * in every tier (interpreter, C1, C2: {@code multianewarray} runs in the VM) and costs tens of
   * nanoseconds, far less than asking the file's size ({@code fstat}) before every read; so the
   * readers call this at the end of each read, inside their {@code try}.
   */
  @Override
  public void reportFaults() {
    if (channel != null && new int[barrierRows][barrierColumns].length != 1) {
      throw new AssertionError("an array of one row has one row");
    }
  }

  @Override
  public IOException faulted(InternalError e) {
    return changed(e, -1, -1);
  }

  /**
   * A fault in mapped memory that the JVM reported as {@link InternalError}, which no caller
   * catching {@code IOException} sees, becomes a {@link FileChangedException} naming the file.
   */
  private IOException changed(InternalError e, long position, long length) {
    String now;
    try {
      now = channel == null ? "?" : Long.toString(channel.size());
    } catch (IOException | RuntimeException x) {
      e.addSuppressed(x);
      now = "?";
    }
    return new FileChangedException(
        name(),
        (position < 0 ? "a read" : "a read of " + length + " bytes at byte " + position)
            + " faulted in the memory map (the file was truncated or replaced underneath, or the"
            + " device failed); the file had "
            + size
            + " bytes when mapped and has "
            + now
            + " now",
        e);
  }

  @Override
  public void close() throws IOException {
    windows = new Window[0];
    if (channel != null && ownsChannel) {
      channel.close();
    }
  }

  /**
   * One mapped (or heap) window with typed views per alignment class: view {@code a} of a type of
   * size {@code s} starts at byte {@code a}, so byte index {@code i} with {@code i % s == a} is
   * element {@code (i - a) / s}. The views are made in the constructor and held in final fields, so
   * every thread sees them fully built.
   */
  private static final class Window {
    final long start;
    final ByteBuffer bytes;
    private final DoubleBuffer[] doubles = new DoubleBuffer[8];
    private final FloatBuffer[] floats = new FloatBuffer[4];
    private final LongBuffer[] longs = new LongBuffer[8];
    private final IntBuffer[] ints = new IntBuffer[4];
    private final ShortBuffer[] shorts = new ShortBuffer[2];

    Window(long start, ByteBuffer bytes) {
      this.start = start;
      this.bytes = bytes;
      for (int a = 0; a < 8; a++) {
        doubles[a] = from(a).asDoubleBuffer();
        longs[a] = from(a).asLongBuffer();
      }
      for (int a = 0; a < 4; a++) {
        floats[a] = from(a).asFloatBuffer();
        ints[a] = from(a).asIntBuffer();
      }
      for (int a = 0; a < 2; a++) {
        shorts[a] = from(a).asShortBuffer();
      }
    }

    private ByteBuffer from(int a) {
      int from = Math.min(a, bytes.capacity());
      return bytes.slice(from, bytes.capacity() - from).order(ByteOrder.BIG_ENDIAN);
    }

    DoubleBuffer doubles(int a) {
      return doubles[a];
    }

    FloatBuffer floats(int a) {
      return floats[a];
    }

    LongBuffer longs(int a) {
      return longs[a];
    }

    IntBuffer ints(int a) {
      return ints[a];
    }

    ShortBuffer shorts(int a) {
      return shorts[a];
    }
  }
}
