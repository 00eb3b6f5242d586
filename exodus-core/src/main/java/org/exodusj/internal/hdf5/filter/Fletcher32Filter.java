package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * HDF5's Fletcher-32 checksum filter (id 3): four bytes appended to the chunk, little-endian. The
 * one verifier of the library, used by reads and by the writer's read-back of chunks it patches.
 * HDF5 before 1.6.3 stored the checksum with the two bytes of each 16-bit half swapped, and HDF5
 * accepts both forms (and no other), so this does too.
 */
public final class Fletcher32Filter implements Filter {
  public static final int ID = 3;

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return "fletcher32";
  }

  @Override
  public boolean canEncode() {
    return true;
  }

  @Override
  public ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException {
    int n = src.remaining();
    byte[] a;
    int off;
    if (src.hasArray()) {
      a = src.array();
      off = src.arrayOffset() + src.position();
    } else {
      a = new byte[n];
      src.duplicate().get(a);
      off = 0;
    }
    int len = verified(a, off, n);
    if (len > maxDecodedBytes) {
      throw new IOException(
          "Fletcher-32: " + len + " bytes, more than the chunk's " + maxDecodedBytes);
    }
    ByteBuffer out =
        scratch != null && scratch.capacity() >= len ? scratch : ByteBuffer.allocate(len);
    out.clear();
    out.put(a, off, len).flip();
    return out;
  }

  @Override
  public ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch) {
    int n = src.remaining();
    ByteBuffer out =
        scratch != null && scratch.capacity() >= n + 4 ? scratch : ByteBuffer.allocate(n + 4);
    out.clear();
    out.put(src.duplicate());
    byte[] a = out.array();
    int sum = checksum(a, out.arrayOffset(), n);
    out.order(ByteOrder.LITTLE_ENDIAN).putInt(sum).order(ByteOrder.BIG_ENDIAN).flip();
    return out;
  }

  /**
   * Verifies the checksum in the last four bytes of {@code a[off, off + n)}; returns the length of
   * the data before it.
   *
   * @throws IOException when there is no room for a checksum or it matches in neither byte order
   */
  public static int verified(byte[] a, int off, int n) throws IOException {
    if (n < 4) {
      throw new IOException("chunk of " + n + " bytes has no room for a Fletcher-32 checksum");
    }
    int len = n - 4;
    int computed = checksum(a, off, len);
    int p = off + len;
    int stored =
        (a[p] & 0xFF) | (a[p + 1] & 0xFF) << 8 | (a[p + 2] & 0xFF) << 16 | (a[p + 3] & 0xFF) << 24;
    // HDF5 before 1.6.3 computed the sum with the bytes of each 16-bit half swapped on
    // little-endian machines; H5Z__filter_fletcher32 accepts that value too, and so does this
    int swapped = (computed & 0x00FF00FF) << 8 | (computed >>> 8) & 0x00FF00FF;
    if (stored != computed && stored != swapped) {
      throw new IOException(
          String.format(
              java.util.Locale.ROOT,
              "Fletcher-32 checksum mismatch: stored 0x%08X, computed 0x%08X",
              stored,
              computed));
    }
    return len;
  }

  /** HDF5's H5_checksum_fletcher32 of {@code data[off, off + length)}. */
  public static int checksum(byte[] data, int off, int length) {
    int words = length / 2;
    long sum1 = 0;
    long sum2 = 0;
    int p = off;
    while (words > 0) {
      int t = Math.min(words, 360);
      words -= t;
      do {
        sum1 += ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
        p += 2;
        sum2 += sum1;
      } while (--t > 0);
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    if (length % 2 != 0) {
      sum1 += (data[p] & 0xFF) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
    sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    return (int) ((sum2 << 16) | sum1);
  }
}
