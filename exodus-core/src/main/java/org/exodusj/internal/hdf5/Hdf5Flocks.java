package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.FileInUseException;

/**
 * Whether an HDF5 library (netCDF-C's) holds a file open for writing. HDF5 1.10 and later lock with
 * {@code flock}, which Linux keeps apart from the {@code fcntl} locks Java takes: a netCDF-C writer
 * and a NetCDF-4 updater of this library would otherwise both write the file, and one would
 * silently lose the other's committed steps. Linux lists the locks in {@code /proc/locks} (device
 * and inode); elsewhere, or where the list cannot be read, nothing is checked.
 */
public final class Hdf5Flocks {
  private static final Path LOCKS = Path.of("/proc/locks");

  private Hdf5Flocks() {}

  /**
   * Throws {@link FileInUseException} when another process holds an exclusive {@code flock} on
   * {@code path} (an HDF5 writer).
   */
  public static void refuseWhenWritten(Path path) throws IOException {
    List<String> lines;
    long dev;
    long ino;
    try {
      if (!Files.isReadable(LOCKS)) return;
      dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
      ino = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
      lines = Files.readAllLines(LOCKS);
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
