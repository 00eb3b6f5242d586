package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Buffer and error helpers shared by the codecs of this package (heap arrays inside). */
final class CodecIo {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private CodecIo() {}

  /**
   * The array holding the bytes of {@code src} (its own array, or a copy for a direct buffer); they
   * start at {@link #start} and run for {@code src.remaining()} bytes.
   */
  static byte[] array(ByteBuffer src) {
    if (src.hasArray()) {
      return src.array();
    }
    byte[] b = new byte[src.remaining()];
    src.duplicate().get(b);
    return b;
  }

  /** Where the bytes of {@code src} start in {@link #array}. */
  static int start(ByteBuffer src) {
    return src.hasArray() ? src.arrayOffset() + src.position() : 0;
  }

  /**
   * A heap buffer of {@code n} bytes to decode into: {@code scratch} when it has an array that
   * large, a new buffer otherwise; position 0, limit {@code n}.
   */
  static ByteBuffer output(ByteBuffer scratch, int n) {
    if (scratch != null && scratch.hasArray() && scratch.capacity() >= n) {
      scratch.clear().limit(n);
      return scratch;
    }
    return ByteBuffer.allocate(n);
  }

  private static final ThreadLocal<byte[]> TEMP = new ThreadLocal<>();

  /**
   * A work array of at least {@code n} bytes for the calling thread (a codec's intermediate block,
   * never handed out): reused across chunks so that a decode allocates nothing in the steady state;
   * each thread keeps the largest it asked for, at most one chunk.
   */
  static byte[] temp(int n) {
    byte[] t = TEMP.get();
    if (t == null || t.length < n) {
      t = new byte[n];
      TEMP.set(t);
    }
    return t;
  }

  /**
   * Sets {@code a[from, to)} to {@code v}: long runs (a constant byte plane, a run of one value
   * decoded from an offset-1 match or an RLE block) by copies that double from a short filled start
   * ({@code System.arraycopy} is several times faster than {@code Arrays.fill}'s loop on such
   * runs).
   */
  static void fill(byte[] a, int from, int to, byte v) {
    int len = to - from;
    if (len < 8) {
      for (int i = from; i < to; i++) {
        a[i] = v;
      }
      return;
    }
    if (len < 256) {
      // 8 bytes a store, the last store ending at the run's end (overlapping the one before)
      long word = (v & 0xFFL) * 0x0101010101010101L;
      for (int i = from; i < to - 8; i += 8) {
        LONGS.set(a, i, word);
      }
      LONGS.set(a, to - 8, word);
      return;
    }
    java.util.Arrays.fill(a, from, from + 64, v);
    int k = 64;
    while (k < len) {
      int c = Math.min(k, len - k);
      System.arraycopy(a, from, a, from + k, c);
      k += c;
    }
  }

  /** Fails where a stored size exceeds the chunk's size in bytes. */
  static int checkSize(String filter, long claimed, int maxDecodedBytes) throws IOException {
    if (claimed < 0 || claimed > maxDecodedBytes) {
      throw damaged(
          filter, "claims " + claimed + " decoded bytes, more than the chunk's " + maxDecodedBytes);
    }
    return (int) claimed;
  }

  static IOException damaged(String filter, String what) {
    return new IOException(filter + " data damaged: " + what);
  }

  static IOException damaged(String filter, String what, Throwable cause) {
    return new IOException(filter + " data damaged: " + what, cause);
  }

  static int beInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  static long beLong(byte[] b, int p) {
    return ((long) beInt(b, p) << 32) | (beInt(b, p + 4) & 0xFFFFFFFFL);
  }

  static int leInt(byte[] b, int p) {
    return (b[p] & 0xFF)
        | ((b[p + 1] & 0xFF) << 8)
        | ((b[p + 2] & 0xFF) << 16)
        | ((b[p + 3] & 0xFF) << 24);
  }

  static void putBeInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  static void putBeLong(byte[] b, int p, long v) {
    putBeInt(b, p, (int) (v >>> 32));
    putBeInt(b, p + 4, (int) v);
  }

  /** The client data value at {@code i}, or {@code fallback} where there are fewer values. */
  static int param(int[] clientData, int i, int fallback) {
    return clientData != null && clientData.length > i ? clientData[i] : fallback;
  }
}
