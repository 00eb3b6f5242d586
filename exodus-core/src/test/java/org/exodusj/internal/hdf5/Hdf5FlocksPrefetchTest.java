package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.exodusj.FileInUseException;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of file locks read ahead on another thread ({@link Hdf5Flocks#prefetch}) is used only by
 * the check of the file it was read for, and not after it was forgotten: a netCDF-C writer
 * (Python's netCDF4 holding the file for appending, its {@code flock} in {@code /proc/locks}) that
 * took the file after such a list was read is still seen.
 */
class Hdf5FlocksPrefetchTest {
  @TempDir Path dir;

  @Test
  void aListReadAheadForAnotherFileOrForgottenIsNotUsed() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/locks")), "Linux only");
    String python = ExternalTools.pythonWithNetcdf4();
    Path f = CTools.exgen(dir.resolve("held.e"), 2, 2, 2, 2, 2, "nc4");
    Path other = CTools.exgen(dir.resolve("other.e"), 2, 2, 2, 2, 2, "nc4");
    // read ahead before the writer holds f: for another file, and for f then forgotten
    Hdf5Flocks.prefetch(other);
    Thread.sleep(1000); // the other thread's read is done long before the writer starts
    Process py =
        new ProcessBuilder(
                python,
                "-c",
                "import sys, netCDF4\n"
                    + "d = netCDF4.Dataset(sys.argv[1], 'a')\n"
                    + "print('open', flush=True)\n"
                    + "sys.stdin.readline()\n"
                    + "d.close()\n",
                f.toString())
            .redirectErrorStream(true)
            .start();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("open", out.readLine());
      FileInUseException e =
          assertThrows(FileInUseException.class, () -> Hdf5Flocks.refuseWhenWritten(f, ch));
      assertTrue(e.getMessage().contains("process " + py.pid()), e.getMessage());
      // a list read ahead for f itself sees the writer
      Hdf5Flocks.prefetch(f);
      e = assertThrows(FileInUseException.class, () -> Hdf5Flocks.refuseWhenWritten(f, ch));
      assertTrue(e.getMessage().contains("process " + py.pid()), e.getMessage());
      // and one read ahead for the other file, then forgotten, is not used either
      Hdf5Flocks.prefetch(other);
      Hdf5Flocks.clearPrefetch();
      assertThrows(FileInUseException.class, () -> Hdf5Flocks.refuseWhenWritten(f, ch));
    } finally {
      py.getOutputStream().close();
      assertTrue(py.waitFor(30, TimeUnit.SECONDS));
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      Hdf5Flocks.prefetch(f);
      Hdf5Flocks.refuseWhenWritten(f, ch); // free again: no refusal
    }
  }
}
