package org.exodusj.internal.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A little-endian byte builder for HDF5 structures (the HDF5 file format specification, version 3):
 * 8-byte offsets and lengths, Jenkins lookup3 checksums. One growable array written by plain
 * stores: a commit encodes every chunk B-tree node and object header through it.
 */
final class H5Out {
  /** The undefined address (all bits set). */
  static final long UNDEF = -1L;

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] b;
  private int n;

  H5Out() {
    this(64);
  }

  /** A builder expecting about {@code capacity} bytes (it grows past them). */
  H5Out(int capacity) {
    b = new byte[Math.max(16, capacity)];
  }

  private int take(int k) {
    int at = n;
    if (b.length - at < k) b = Arrays.copyOf(b, Math.max(b.length * 2, at + k));
    n = at + k;
    return at;
  }

  H5Out u8(int v) {
    int at = take(1);
    b[at] = (byte) v;
    return this;
  }

  H5Out u16(int v) {
    int at = take(2); // before reading b, which take may replace
    SHORT.set(b, at, (short) v);
    return this;
  }

  H5Out u32(long v) {
    int at = take(4);
    INT.set(b, at, (int) v);
    return this;
  }

  H5Out u64(long v) {
    int at = take(8);
    LONG.set(b, at, v);
    return this;
  }

  /** An unsigned value in {@code n} bytes. */
  H5Out uN(long v, int n) {
    for (int i = 0; i < n; i++) {
      u8((int) (v >>> (8 * i)));
    }
    return this;
  }

  H5Out bytes(byte[] a) {
    int at = take(a.length);
    System.arraycopy(a, 0, b, at, a.length);
    return this;
  }

  H5Out ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  H5Out zeros(int k) {
    take(k); // the array is zero where nothing was written yet
    return this;
  }

  int size() {
    return n;
  }

  byte[] toBytes() {
    return b.length == n ? b : Arrays.copyOf(b, n);
  }

  /** Appends the lookup3 checksum of everything written so far. */
  H5Out checksum() {
    return u32(Integer.toUnsignedLong(JenkinsLookup3HashLittle.hash(toBytes())));
  }
}
