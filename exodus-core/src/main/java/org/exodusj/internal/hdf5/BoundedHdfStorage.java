package org.exodusj.internal.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.exceptions.HdfException;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.exodusj.internal.io.Uninterruptible;

/**
 * jHDF's storage over a channel, with every structure read checked against the end of the file
 * before jHDF allocates for it. jHDF allocates the buffer for a read first (an object header's
 * chunk, a continuation block, a heap, a B-tree node: sized by what the file claims) and reads into
 * it in a loop that re-reads the same address on a short read; a damaged size of up to 2 GiB then
 * costs a 2 GiB allocation and, past the end of the file, millions of reads of the last bytes. Here
 * such a read is an {@link HdfException} naming the bytes and the file's length, before anything is
 * allocated, which the storage's open turns into an {@code ExodusFormatException}.
 *
 * <p>jHDF builds its storage itself from a {@link FileChannel}; its constructor from a storage is
 * private, so {@link #open} calls it reflectively (jHDF's packages are open: an automatic module or
 * the class path) and falls back to jHDF's own storage where that is not possible. A test ({@code
 * BoundedHdfStorageTest}) asserts that the constructor is found with the jHDF version the build
 * uses, so a jHDF upgrade that removes or changes it fails the build instead of silently dropping
 * the bounds.
 */
final class BoundedHdfStorage extends HdfFileChannel {
  private static final Constructor<HdfFile> FROM_STORAGE = fromStorage();

  private final FileChannel fc;

  private BoundedHdfStorage(FileChannel fc, Superblock sb) {
    super(fc, sb);
    this.fc = fc;
  }

  @Override
  public ByteBuffer readBufferFromAddress(long address, int length) {
    check(address, length);
    return super.readBufferFromAddress(address, length);
  }

  @Override
  public ByteBuffer map(long address, long length) {
    check(address, length);
    return super.map(address, length);
  }

  private void check(long address, long length) {
    long at = address + getUserBlockSize();
    long end;
    try {
      end =
          fc instanceof ReadOnlyChannel r
              ? r.sizeCovering(
                  length >= 0 && at >= 0 && at <= Long.MAX_VALUE - length ? at + length : -1)
              : Uninterruptible.size(fc);
    } catch (IOException e) {
      throw new HdfException("cannot read the size of the file", e);
    }
    if (length < 0 || address < 0 || at < 0 || at > end - length) {
      throw new HdfException(
          "a read of "
              + length
              + " bytes at address "
              + address
              + " lies past the end of the file ("
              + end
              + " bytes): a damaged address or size");
    }
  }

  /**
   * jHDF over {@code fc} with bounded structure reads, when the file's HDF5 signature is at byte 0
   * (the only place this library's NetCDF-4 detection accepts); otherwise jHDF's own storage.
   */
  static HdfFile open(FileChannel fc) {
    if (FROM_STORAGE == null || !signatureAtZero(fc)) {
      return new HdfFile(fc);
    }
    Superblock sb = Superblock.readSuperblock(fc, 0);
    if (sb.getBaseAddressByte() != 0) {
      return new HdfFile(fc); // jHDF's own message for it
    }
    try {
      return FROM_STORAGE.newInstance(new BoundedHdfStorage(fc, sb));
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new HdfException("jHDF cannot open the file", c);
    } catch (ReflectiveOperationException e) {
      return new HdfFile(fc);
    }
  }

  /** Whether jHDF's constructor from a storage was found: opens are bounded. For tests. */
  static boolean constructorFound() {
    return FROM_STORAGE != null;
  }

  private static boolean signatureAtZero(FileChannel fc) {
    ByteBuffer b = ByteBuffer.allocate(8);
    try {
      while (b.hasRemaining()) {
        if (Uninterruptible.read(fc, b, b.position()) <= 0) return false;
      }
    } catch (IOException e) {
      return false;
    }
    byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    for (int i = 0; i < 8; i++) {
      if (b.get(i) != sig[i]) return false;
    }
    return true;
  }

  private static Constructor<HdfFile> fromStorage() {
    try {
      Constructor<HdfFile> c = HdfFile.class.getDeclaredConstructor(HdfBackingStorage.class);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // jHDF's own storage: unbounded reads, but a working reader
    }
  }
}
