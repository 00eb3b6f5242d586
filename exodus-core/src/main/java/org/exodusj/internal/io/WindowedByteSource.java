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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Windows are mapped lazily, when a read first needs them, and a file source serves small reads
 * of windows not yet mapped with positional reads ({@link FileChannel#read(ByteBuffer, long)} into
 * a pooled direct scratch buffer, as the C library's {@code pread}s) until it has made {@link
 * #POSITIONAL_READS} of them: mapping a window and faulting its pages in costs more than a few
 * dozen small reads (a freshly opened file read in a few places, such as one step's windows, never
 * maps), while a long run of small reads (a history, value by value) is faster from the map. Slices
 * ({@link #slice}), reads larger than the scratch buffer, and every read of a window already mapped
 * go through the map.
 *
 * <p>Mapped windows are not unmapped on close: forcing an unmap while another thread still reads
 * crashes the JVM. They are released by the garbage collector once unreachable; a source that never
 * mapped leaves nothing to unmap.
 */
public final class WindowedByteSource extends ByteSource {
  /** Default window: 1 GiB, so a window maps at most 2 GiB - 1 bytes. */
  public static final int DEFAULT_WINDOW_BYTES = 1 << 30;

  /** Smallest window allowed; small windows exist to test window boundaries. */
  public static final int MIN_WINDOW_BYTES = 16;

  /**
   * Positional reads a file source makes (of windows not yet mapped, each at most {@link
   * #SCRATCH_BYTES}) before it maps windows for the reads that follow.
   */
  public static final int POSITIONAL_READS = 128;

  /** The largest read served by one positional read; a multiple of 8. */
  static final int SCRATCH_BYTES = 64 * 1024;

  /** Scratch buffers of positional reads, shared by every source (at most 8 kept: 512 KiB). */
  private static final ArrayBlockingQueue<Window> SCRATCH = new ArrayBlockingQueue<>(8);

  private final FileChannel channel; // null for heap sources
  private boolean ownsChannel = true;
  private final byte[] heap; // null for mapped sources
  private final int windowShift;
  private final long windowBytes;
  private volatile Window[] windows; // null entries: not mapped yet
  private volatile long size;

  /** Positional reads left before reads map their windows; 0 for sources that always map. */
  private final AtomicInteger positionalLeft;

  private WindowedByteSource(
      String name, FileChannel channel, byte[] heap, long size, int windowBytes, boolean positional)
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
    this.positionalLeft = new AtomicInteger(positional && channel != null ? POSITIONAL_READS : 0);
    remap(size);
  }

  /**
   * Maps the file of an open channel that belongs to someone else (the JVM's lock holder of the
   * file): {@link #close()} leaves the channel open.
   */
  public static WindowedByteSource mapShared(String name, FileChannel ch, int windowBytes)
      throws IOException {
    WindowedByteSource w = new WindowedByteSource(name, ch, null, ch.size(), windowBytes, true);
    w.ownsChannel = false;
    return w;
  }

  /** Maps {@code path} read-only in windows of the default size. */
  public static WindowedByteSource map(Path path) throws IOException {
    return map(path, DEFAULT_WINDOW_BYTES);
  }

  /** Maps {@code path} read-only in windows of {@code windowBytes} (a power of two). */
  public static WindowedByteSource map(Path path, int windowBytes) throws IOException {
    return map(path, windowBytes, true);
  }

  /**
   * Maps {@code path} read-only in windows of {@code windowBytes} (a power of two); with {@code
   * positional} false every read goes through the map (no positional reads before the first {@link
   * #POSITIONAL_READS}), as tests of window boundaries want.
   */
  public static WindowedByteSource map(Path path, int windowBytes, boolean positional)
      throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new WindowedByteSource(path.toString(), ch, null, ch.size(), windowBytes, positional);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Serves {@code bytes} (not copied) in windows of {@code windowBytes}. */
  public static WindowedByteSource ofBytes(String name, byte[] bytes, int windowBytes) {
    try {
      return new WindowedByteSource(name, null, bytes, bytes.length, windowBytes, false);
    } catch (IOException e) {
      throw new AssertionError("heap sources do no I/O", e);
    }
  }

  /** How many windows are mapped (or wrapped, for heap sources) now; for tests. */
  int mappedWindowCount() {
    int n = 0;
    for (Window w : windows) {
      if (w != null) n++;
    }
    return n;
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

  /**
   * Windows for a source of {@code newSize} bytes, keeping windows already mapped whose length
   * stays; the others of a file are mapped when first needed ({@link #mapped}), a heap source's
   * wrapped now.
   */
  private synchronized void remap(long newSize) throws IOException {
    long count = newSize == 0 ? 0 : ((newSize - 1) >>> windowShift) + 1;
    if (count > Integer.MAX_VALUE) {
      throw new IOException(name() + ": file of " + newSize + " bytes needs too many windows");
    }
    Window[] old = windows;
    Window[] next = new Window[(int) count];
    for (int k = 0; k < next.length; k++) {
      long start = (long) k << windowShift;
      int length = windowLength(start, newSize);
      if (k < old.length && old[k] != null && old[k].bytes.capacity() == length) {
        next[k] = old[k];
      } else if (channel == null) {
        next[k] = new Window(start, window(start, length));
      }
    }
    windows = next;
    size = newSize;
  }

  private int windowLength(long start, long sourceSize) {
    return (int) Math.min(Math.min(2 * windowBytes, Integer.MAX_VALUE), sourceSize - start);
  }

  /** Window {@code k}, mapped now if it was not yet. */
  private synchronized Window mapped(int k) throws IOException {
    Window[] ws = windows;
    Window w = ws[k];
    if (w == null) {
      long start = (long) k << windowShift;
      int length = windowLength(start, size);
      long now = Uninterruptible.size(channel);
      if (now < start + length) {
        // mapping past the end fails (a read-only channel cannot extend the file)
        throw new FileChangedException(
            name(),
            "it had "
                + size
                + " bytes when opened and has "
                + now
                + " now, short of the window of bytes "
                + start
                + " to "
                + (start + length)
                + " that a read needs",
            null);
      }
      w = new Window(start, window(start, length));
      ws[k] = w;
    }
    return w;
  }

  /** True when {@code position}'s window is not mapped and a positional read may serve a read. */
  private boolean positional(long position, long length) {
    if (length > SCRATCH_BYTES || positionalLeft.get() <= 0) {
      return false;
    }
    Window[] ws = windows;
    int k = (int) (position >>> windowShift);
    if (k >= ws.length || ws[k] != null) {
      return false;
    }
    return positionalLeft.getAndDecrement() > 0;
  }

  /** A scratch window for a positional read, from the shared pool or new. */
  private static Window takeScratch() {
    Window s = SCRATCH.poll();
    return s != null
        ? s
        : new Window(0, ByteBuffer.allocateDirect(SCRATCH_BYTES).order(ByteOrder.BIG_ENDIAN));
  }

  private static void giveScratch(Window s) {
    SCRATCH.offer(s);
  }

  /**
   * Reads {@code [position, position + length)} into {@code dst} (position 0, limit {@code length})
   * with positional reads. The range was inside the file when it was sized, so an end of file met
   * on the way means that it shrank underneath: a {@link FileChangedException}.
   */
  private void fill(ByteBuffer dst, long position, long length) throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int r = Uninterruptible.read(channel, dst, pos);
      if (r < 0) {
        String now;
        try {
          now = Long.toString(channel.size());
        } catch (IOException e) {
          now = "?";
        }
        throw new FileChangedException(
            name(),
            "a read of "
                + length
                + " bytes at byte "
                + position
                + " met the end of the file at byte "
                + pos
                + "; the file had "
                + size
                + " bytes when opened and has "
                + now
                + " now",
            null);
      }
      pos += r;
    }
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

  private Window windowFor(long position) throws IOException {
    int k = (int) (position >>> windowShift);
    Window w = windows[k];
    return w != null ? w : mapped(k);
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    checkRange(position, dst.remaining(), size);
    long wanted = dst.remaining();
    if (positional(position, wanted)) {
      int limit = dst.limit();
      try {
        fill(dst, position, wanted);
      } finally {
        dst.limit(limit);
      }
      return;
    }
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
    if (positional(position, length)) {
      Window s = takeScratch();
      try {
        s.bytes.clear().limit((int) length);
        fill(s.bytes, position, length);
        sink.accept(s.bytes.clear(), 0, (int) length);
      } finally {
        giveScratch(s);
      }
      return;
    }
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
    typed(position, n, 3, DOUBLES, dst, off);
  }

  @Override
  public void getFloats(long position, float[] dst, int off, int n) throws IOException {
    typed(position, n, 2, FLOATS, dst, off);
  }

  @Override
  public void getLongs(long position, long[] dst, int off, int n) throws IOException {
    typed(position, n, 3, LONGS, dst, off);
  }

  @Override
  public void getInts(long position, int[] dst, int off, int n) throws IOException {
    typed(position, n, 2, INTS, dst, off);
  }

  @Override
  public void getShorts(long position, short[] dst, int off, int n) throws IOException {
    typed(position, n, 1, SHORTS, dst, off);
  }

  @Override
  public void getBytes(long position, byte[] dst, int off, int n) throws IOException {
    typed(position, n, 0, BYTES, dst, off);
  }

  // The destination's kind for typed(): a switch, not a lambda per type. The first lambda call site
  // of a process costs a few milliseconds of a short command's start (docs/benchmarks.md,
  // "Start-up of exo").
  private static final int DOUBLES = 0;
  private static final int FLOATS = 1;
  private static final int LONGS = 2;
  private static final int INTS = 3;
  private static final int SHORTS = 4;
  private static final int BYTES = 5;

  /**
   * Copies {@code k} values from a window's typed view of alignment {@code align} (at {@code
   * index}) to {@code dst} (an array of {@code kind}) at {@code at}.
   */
  private static void copy(Window w, int align, int index, int kind, Object dst, int at, int k) {
    switch (kind) {
      case DOUBLES -> w.doubles(align).get(index, (double[]) dst, at, k);
      case FLOATS -> w.floats(align).get(index, (float[]) dst, at, k);
      case LONGS -> w.longs(align).get(index, (long[]) dst, at, k);
      case INTS -> w.ints(align).get(index, (int[]) dst, at, k);
      case SHORTS -> w.shorts(align).get(index, (short[]) dst, at, k);
      default -> w.bytes.get(index, (byte[]) dst, at, k);
    }
  }

  /**
   * The one loop of the typed reads: {@code n} values of {@code 1 << shift} bytes from {@code
   * position} into {@code dst} (an array of {@code kind}) from {@code off}, window by window, each
   * piece through the window's view for its alignment; a fault of the mapped memory becomes a
   * {@link FileChangedException}.
   */
  private void typed(long position, int n, int shift, int kind, Object dst, int off)
      throws IOException {
    long wanted = (long) n << shift;
    checkRange(position, wanted, size);
    if (positional(position, wanted)) {
      Window s = takeScratch();
      try {
        s.bytes.clear().limit((int) wanted);
        fill(s.bytes, position, wanted);
        s.bytes.clear();
        copy(s, 0, 0, kind, dst, off, n);
      } finally {
        giveScratch(s);
      }
      return;
    }
    int mask = (1 << shift) - 1;
    try {
      long pos = position;
      int done = 0;
      while (done < n) {
        Window w = windowFor(pos);
        int idx = (int) (pos - w.start);
        int k = Math.min(n - done, (w.bytes.capacity() - idx) >>> shift);
        int align = idx & mask;
        copy(w, align, (idx - align) >>> shift, kind, dst, off + done, k);
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
