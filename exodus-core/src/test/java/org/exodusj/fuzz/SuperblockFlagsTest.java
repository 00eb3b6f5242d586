package org.exodusj.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.exodusj.ExodusFormatException;
import org.exodusj.ExodusUpdater;
import org.exodusj.FileInUseException;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HDF5 superblock's consistency flags: HDF5 1.10 and later mark a file open for writing there
 * (bit 0, write access; bit 2, SWMR), and an updater waits up to its lock wait (60 s by default)
 * for such a writer to close. Flags with bits HDF5 never sets are damage, which no wait would see
 * cleared: the updater refuses at once with an {@link ExodusFormatException}, the file unchanged.
 * Oracle: the HDF5 library (h5dump) refuses the same damaged superblock.
 */
class SuperblockFlagsTest {
  @TempDir Path dir;

  /** exgen's NetCDF-4 file (a version 2 superblock, as netCDF-C writes it here). */
  private Path version2() throws Exception {
    Path f = CTools.exgen(dir.resolve("v2.e"), 2, 2, 2, 2, 1, "nc4");
    assertTrue(Files.readAllBytes(f)[8] == 2, "netCDF-C wrote a version 2 superblock");
    return f;
  }

  /** h5repack's copy of it: a version 0 superblock. */
  private Path version0() throws Exception {
    ExternalTools.require("h5repack");
    Path v0 = dir.resolve("v0.e");
    ExternalTools.run("h5repack", version2().toString(), v0.toString());
    assertTrue(Files.readAllBytes(v0)[8] == 0, "h5repack wrote a version 0 superblock");
    return v0;
  }

  private static void setFlags(Path f, long flags) throws Exception {
    byte[] b = Files.readAllBytes(f);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b[8] <= 1) {
      bb.putInt(20, (int) flags);
    } else {
      b[11] = (byte) flags;
      bb.putInt(44, Nc4Damage.lookup3(b, 0, 44)); // the superblock's checksum, recomputed
    }
    Files.write(f, b);
  }

  /** h5dump's exit status on the file's header. */
  private static int h5dump(Path f) throws Exception {
    Process p = new ProcessBuilder("h5dump", "-H", f.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static void refusedAtOnce(Path f) throws Exception {
    ExternalTools.require("h5dump");
    assertNotEquals(0, h5dump(f), "the HDF5 library refuses the damaged flags");
    byte[] before = Files.readAllBytes(f);
    ExodusFormatException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), // the lock wait is 60 s
            () -> assertThrows(ExodusFormatException.class, () -> ExodusUpdater.open(f)));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("consistency flags"), e.getMessage());
    assertTrue(e.getMessage().contains("0x40404040") || e.getMessage().contains("0x41"));
    assertArrayEquals(before, Files.readAllBytes(f), "the refused file is unchanged");
  }

  @Test
  void damagedFlagsOfAVersion0SuperblockAreRefusedAtOnce() throws Exception {
    Path f = version0();
    setFlags(f, 0x4040_4040L);
    refusedAtOnce(f);
  }

  @Test
  void damagedFlagsOfAVersion2SuperblockAreRefusedAtOnce() throws Exception {
    Path f = version2();
    setFlags(f, 0x41);
    refusedAtOnce(f);
  }

  @Test
  void aWritersMarkIsStillWaitedFor() throws Exception {
    // write access alone: a netCDF-C writer without file locks, or one that died (h5clear -s)
    Path f = version0();
    setFlags(f, 0x1);
    ExodusUpdater.Options o = ExodusUpdater.Options.DEFAULT.withLockWait(Duration.ofMillis(300));
    FileInUseException e = assertThrows(FileInUseException.class, () -> ExodusUpdater.open(f, o));
    assertTrue(e.getMessage().contains("h5clear -s"), e.getMessage());
  }
}
