package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.ExodusFormatException;
import org.exodusj.FileInUseException;
import org.exodusj.internal.io.Uninterruptible;

/**
 * Whether an HDF5 library (netCDF-C's) holds a file open for writing. HDF5 1.10 and later lock with
 * {@code flock}, which Linux keeps apart from the {@code fcntl} locks Java takes: a netCDF-C writer
 * and a NetCDF-4 updater of this library would otherwise both write the file, and one would
 * silently lose the other's committed steps. Two signals, either one refuses:
 *
 * <ul>
 *   <li>the {@code flock}: Linux lists the locks in {@code /proc/locks} (device and inode);
 *       elsewhere, or where the list cannot be read, it is not checked. HDF5 takes none when {@code
 *       HDF5_USE_FILE_LOCKING=FALSE} (common on Lustre and NFS);
 *   <li>the superblock's file consistency flags: HDF5 1.10 and later set bit 0 (open for write
 *       access) or bit 2 (SWMR writing) while a writer has the file open, whatever the locking
 *       variable says, and clear them when it closes; version 0 and 1 superblocks keep the flags in
 *       the 4 bytes at offset 20, versions 2 and 3 in the byte at offset 11 (HDF5 file format
 *       specification, "Superblock"). A writer that crashed leaves them set: {@code h5clear -s}
 *       clears them once nobody has the file open. Flags with bits HDF5 never sets (it refuses such
 *       a superblock) are damage, not a mark: an {@link ExodusFormatException} at once, never a
 *       wait for a writer that is not there.
 * </ul>
 */
public final class Hdf5Flocks {
  private static final Path LOCKS = Path.of("/proc/locks");

  private Hdf5Flocks() {}

  /**
   * Throws {@link FileInUseException} when another process holds an exclusive {@code flock} on
   * {@code path} (an HDF5 writer), or when the superblock read through {@code ch} (the JVM's
   * channel of the file: a descriptor opened and closed here would drop this process's locks) says
   * an HDF5 writer has the file open.
   */
  public static void refuseWhenWritten(Path path, FileChannel ch) throws IOException {
    Prefetched p = PREFETCHED.get();
    PREFETCHED.remove();
    refuseFlocked(path, p != null && p.path.equals(path) ? await(p.locks) : readLocks());
    refuseMarkedOpen(path, ch);
  }

  /**
   * Starts reading {@code /proc/locks} on another thread for the calling thread's next {@link
   * #refuseWhenWritten} of {@code path}, which then judges the list as it was read now. The first
   * read of each opening of the list takes the kernel's file-lock semaphore for writing, which
   * waits for an RCU grace period: often 5 to 15 ms of wall time and almost no CPU, which the
   * caller's parse of the file overlaps. Without a free thread the list is read when it is needed.
   */
  public static void prefetch(Path path) {
    PREFETCHED.remove();
    try {
      PREFETCHED.set(new Prefetched(path, Reader.POOL.submit(Hdf5Flocks::readLocks)));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // both threads busy: read when needed
    }
  }

  /**
   * Forgets what {@link #prefetch} started on this thread (an open that failed before using it).
   */
  public static void clearPrefetch() {
    PREFETCHED.remove();
  }

  private record Prefetched(Path path, java.util.concurrent.Future<byte[]> locks) {}

  private static final ThreadLocal<Prefetched> PREFETCHED = new ThreadLocal<>();

  /** The threads that read the list ahead: at most two, daemons, gone after 10 s idle. */
  private static final class Reader {
    static final java.util.concurrent.ThreadPoolExecutor POOL =
        new java.util.concurrent.ThreadPoolExecutor(
            0,
            2,
            10,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "exodusj-proc-locks");
              t.setDaemon(true);
              return t;
            });
  }

  /** The list as the other thread read it; an interrupt is kept for the caller, not obeyed. */
  private static byte[] await(java.util.concurrent.Future<byte[]> locks) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return locks.get();
        } catch (InterruptedException e) {
          interrupted = true; // a read of a few milliseconds: finished, as it is on this thread
        }
      }
    } catch (java.util.concurrent.ExecutionException e) {
      return readLocks(); // the reading thread failed (out of memory): read here
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** The bytes of {@code /proc/locks}, or null where there is none or it cannot be read. */
  private static byte[] readLocks() {
    try {
      return Files.readAllBytes(LOCKS);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // not Linux: nothing to check
    }
  }

  /** The superblock's consistency flags that mean "open for writing": write access, SWMR. */
  static final int WRITE_ACCESS = 0x1;

  static final int SWMR_WRITE = 0x4;

  /** Every flag HDF5 sets (write access, file OK, SWMR); it refuses a superblock with others. */
  static final int ALL_FLAGS = 0x7;

  /** Refuses a file whose HDF5 superblock (at byte 0) is marked open for writing. */
  static void refuseMarkedOpen(Path path, FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    long pos = 0;
    while (b.hasRemaining()) {
      int n = Uninterruptible.read(ch, b, pos);
      if (n < 0) return; // shorter than any superblock: not ours to judge here
      pos += n;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b.get(i) != SIGNATURE[i]) return; // a user block first: Nc4Adoption refuses those
    }
    int version = b.get(8) & 0xff;
    long flags =
        version <= 1 ? Integer.toUnsignedLong(b.getInt(20)) : version <= 3 ? b.get(11) & 0xff : 0;
    if ((flags & ~ALL_FLAGS) != 0) {
      // Not a writer's mark, which no wait would see cleared: damage. HDF5 refuses it too.
      throw new ExodusFormatException(
          path.toString(),
          "HDF5 superblock (version " + version + ") consistency flags",
          version <= 1 ? 20 : 11,
          "0x"
              + Long.toHexString(flags)
              + " holds bits HDF5 never sets (it refuses such a superblock: bad flag value), so"
              + " it is damage, not the mark of a writer that has the file open");
    }
    if ((flags & (WRITE_ACCESS | SWMR_WRITE)) != 0) {
      throw new FileInUseException(
          path
              + ": its HDF5 superblock (version "
              + version
              + ") is marked open for writing (consistency flags 0x"
              + Long.toHexString(flags)
              + "): an HDF5 library (netCDF-C) has it open for writing, without a file lock"
              + " (HDF5_USE_FILE_LOCKING=FALSE), or a writer died with it open (then, once no"
              + " program has it open, h5clear -s clears the mark); the NetCDF-4 updater would"
              + " overwrite its writes or lose its own");
    }
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private static void refuseFlocked(Path path, byte[] locks) throws IOException {
    if (locks == null) return; // a missing or unreadable list: not checked
    String[] lines;
    long dev;
    long ino;
    try {
      String all = new String(locks, StandardCharsets.US_ASCII);
      // the lines, the file's device and inode only when some process holds a flock at all (the
      // usual case is none: no split, no stat, no attribute map)
      if (!all.contains("FLOCK")) return;
      lines = all.split("\n");
      boolean any = false;
      for (String line : lines) any |= line.contains("FLOCK") && line.contains("WRITE");
      if (!any) return;
      java.util.Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
      dev = ((Number) a.get("dev")).longValue();
      ino = ((Number) a.get("ino")).longValue();
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return; // not Linux, or no unix attributes: nothing to check
    }
    // glibc's major/minor of a dev_t, as /proc/locks prints them (hexadecimal)
    long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    String id = Long.toHexString(major) + ":" + Long.toHexString(minor) + ":" + ino;
    for (String line : lines) {
      // "1: FLOCK  ADVISORY  WRITE 20347 fe:00:2146990 0 EOF" (a blocked waiter has "->" first)
      String[] f = line.trim().split("\\s+");
      if (f.length < 6 || f[1].equals("->")) continue;
      if (!f[1].equals("FLOCK") || !f[3].equals("WRITE")) continue;
      String[] d = f[5].split(":");
      if (d.length != 3) continue;
      try {
        String other =
            Long.toHexString(Long.parseLong(d[0], 16))
                + ":"
                + Long.toHexString(Long.parseLong(d[1], 16))
                + ":"
                + Long.parseLong(d[2]);
        if (other.equals(id) && !f[4].equals(Long.toString(ProcessHandle.current().pid()))) {
          throw new FileInUseException(
              path
                  + ": process "
                  + f[4]
                  + " holds it open for writing through the HDF5 library (netCDF-C); the"
                  + " NetCDF-4 updater would overwrite its writes or lose its own");
        }
      } catch (NumberFormatException e) {
        // an entry this parser does not know: not ours to judge
      }
    }
  }
}
