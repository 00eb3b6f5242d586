package org.exodusj.internal.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A little-endian byte builder for HDF5 structures (the HDF5 file format specification, version 3):
 * 8-byte offsets and lengths, Jenkins lookup3 checksums.
 */
final class H5Out {
  /** The undefined address (all bits set). */
  static final long UNDEF = -1L;

  private final ByteArrayOutputStream b = new ByteArrayOutputStream();

  H5Out u8(int v) {
    b.write(v & 0xFF);
    return this;
  }

  H5Out u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  H5Out u32(long v) {
    return u16((int) v).u16((int) (v >>> 16));
  }

  H5Out u64(long v) {
    return u32(v).u32(v >>> 32);
  }

  /** An unsigned value in {@code n} bytes. */
  H5Out uN(long v, int n) {
    for (int i = 0; i < n; i++) {
      u8((int) (v >>> (8 * i)));
    }
    return this;
  }

  H5Out bytes(byte[] a) {
    b.write(a, 0, a.length);
    return this;
  }

  H5Out ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  H5Out zeros(int n) {
    for (int i = 0; i < n; i++) b.write(0);
    return this;
  }

  int size() {
    return b.size();
  }

  byte[] toBytes() {
    return b.toByteArray();
  }

  /** Appends the lookup3 checksum of everything written so far. */
  H5Out checksum() {
    return u32(Integer.toUnsignedLong(JenkinsLookup3HashLittle.hash(b.toByteArray())));
  }
}
