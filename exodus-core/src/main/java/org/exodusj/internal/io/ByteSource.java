package org.exodusj.internal.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Positional, thread-safe access to the bytes of one file. Every read names its absolute position;
 * there is no shared file pointer, so many threads may read at once.
 *
 * <p>Typed bulk reads ({@link #getDoubles} and friends) decode big-endian values of exactly the
 * requested type straight into the caller's array. {@link #pieces} hands out the raw bytes of a
 * range without copying where the source allows, for decoders that convert types.
 */
public abstract class ByteSource implements Closeable {

  /** Receives one piece of a byte range: bytes at {@code buffer[index, index + length)}. */
  @FunctionalInterface
  public interface PieceSink {
    /**
     * @param buffer big-endian, valid only during the call; never modify its position or limit
     * @param index where the piece starts in {@code buffer}
     * @param length bytes in the piece, a multiple of the element size asked for
     */
    void accept(ByteBuffer buffer, int index, int length) throws IOException;
  }

  private final String name;

  protected ByteSource(String name) {
    this.name = name;
  }

  /** The file name used in error messages. */
  public final String name() {
    return name;
  }

  /** The current length of the source in bytes. */
  public abstract long size() throws IOException;

  /**
   * Takes note of a grown file (another process appended to it), so that reads past the old end
   * succeed. A no-op for sources that cannot grow.
   */
  public void refresh() throws IOException {}

  /**
   * Throws {@link org.exodusj.FileChangedException} when the file is now shorter than {@code end}
   * and than this source has seen it: another program truncated or re-created it, and a read up to
   * {@code end} would find its bytes gone (from a memory map: a fault). Readers call it once before
   * each read of a variable's data, with the read's end ({@link Long#MAX_VALUE}: any shrink). A
   * no-op for sources that cannot change.
   */
  public void verifyUnchanged(long end) throws IOException {}

  /**
   * Makes the JVM report, here, a fault of the mapped reads made since the last call: call it at
   * the end of each read, inside the {@code try} that hands an {@link InternalError} to {@link
   * #faulted}. A no-op for sources that do not map.
   */
  public void reportFaults() {}

  /**
   * What a fault in mapped memory ({@link InternalError}) during a read of this source means: a
   * {@link org.exodusj.FileChangedException} for a mapped file (its bytes are gone: truncated or
   * replaced underneath); rethrown as it is for sources that do not map.
   */
  public IOException faulted(InternalError e) {
    throw e;
  }

  /** Copies {@code dst.remaining()} bytes starting at {@code position} into {@code dst}. */
  public abstract void readFully(long position, ByteBuffer dst) throws IOException;

  /**
   * A read-only big-endian buffer over {@code [position, position + length)} that shares the
   * source's memory, or empty where that is impossible (a channel source, or a range that does not
   * sit inside one memory map). Never a copy.
   */
  public abstract Optional<ByteBuffer> slice(long position, long length) throws IOException;

  /** True when {@link #slice} can ever return a buffer. */
  public abstract boolean supportsSlices();

  /**
   * The open channel this source reads, or null (a heap source): for a library that must read the
   * same file (jHDF) without a descriptor of its own, whose close would drop this process's locks
   * on the file. Never close it.
   */
  public java.nio.channels.FileChannel channel() {
    return null;
  }

  /**
   * Calls {@code sink} with consecutive pieces covering {@code [position, position + length)}. Each
   * piece holds whole elements of {@code elementSize} bytes.
   */
  public abstract void pieces(long position, long length, int elementSize, PieceSink sink)
      throws IOException;

  /** Reads {@code n} big-endian doubles at {@code position} into {@code dst[off, off + n)}. */
  public abstract void getDoubles(long position, double[] dst, int off, int n) throws IOException;

  /** Reads {@code n} big-endian floats. */
  public abstract void getFloats(long position, float[] dst, int off, int n) throws IOException;

  /** Reads {@code n} big-endian 64-bit integers. */
  public abstract void getLongs(long position, long[] dst, int off, int n) throws IOException;

  /** Reads {@code n} big-endian 32-bit integers. */
  public abstract void getInts(long position, int[] dst, int off, int n) throws IOException;

  /** Reads {@code n} big-endian 16-bit integers. */
  public abstract void getShorts(long position, short[] dst, int off, int n) throws IOException;

  /** Reads {@code n} bytes. */
  public abstract void getBytes(long position, byte[] dst, int off, int n) throws IOException;

  /** Checks that {@code [position, position + length)} lies inside the source. */
  protected final void checkRange(long position, long length, long size) throws EOFException {
    if (position < 0 || length < 0 || position > size - length) {
      throw new EOFException(
          name
              + ": read of "
              + length
              + " bytes at byte "
              + position
              + " runs past the end of the file ("
              + size
              + " bytes)");
    }
  }
}
