package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusUpdater;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater's open when every attempt to read one committed state whole meets a change of the
 * superblock between its superblock read and its metadata read (what a writer that takes no fcntl
 * lock, netCDF-C closing a file, does): the storage gives up after its attempts with a {@link
 * org.exodusj.FileChangedException}, and {@link ExodusUpdater#open} looks again instead of failing.
 * The change is made deterministic through {@link Hdf5File#betweenReads}: a byte of the superblock
 * flipped in each of the first open's attempts, an even number of times, so the file is whole again
 * for the updater's second look. The C library's dump of the result is the oracle.
 */
class UpdaterOpenRetryTest {
  @TempDir Path dir;

  @AfterEach
  void noHook() {
    Hdf5File.betweenReads = null;
  }

  @Test
  void anOpenWhoseEveryAttemptMeetsACommitIsRetriedByTheUpdater() throws Exception {
    Path f = CTools.exgen(dir.resolve("c.e"), 3, 3, 3, 2, 2, "nc4");
    long steps;
    try (ExodusFile x = ExodusFile.open(f)) {
      steps = x.timeStepCount();
    }
    byte[] intact = Files.readAllBytes(f);
    AtomicInteger changes = new AtomicInteger();
    int byteAt = 47; // superblock v2: a checksum byte; v0: the end-of-file address's top byte
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      Hdf5File.betweenReads =
          () -> {
            if (changes.get() >= Hdf5File.LOAD_ATTEMPTS) return;
            try {
              raf.seek(byteAt);
              int b = raf.read();
              raf.seek(byteAt);
              raf.write(b ^ 0x40);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            changes.incrementAndGet();
          };
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        Hdf5File.betweenReads = null;
        // every attempt of the first look met a change; the second look found the file whole
        assertEquals(Hdf5File.LOAD_ATTEMPTS, changes.get());
        assertEquals(steps, u.timeStepCount());
        long s = u.appendStep(99.5);
        u.writeGlobalVariables(s, new double[] {7.25, 8.5}, 0);
        u.commit();
      }
    } finally {
      Hdf5File.betweenReads = null;
    }
    assertTrue(Hdf5File.LOAD_ATTEMPTS % 2 == 0, "an even number of flips leaves the file whole");
    assertTrue(intact.length <= Files.size(f));
    String dump = ExternalTools.run("ncdump", "-v", "time_whole,vals_glo_var", f.toString());
    assertTrue(dump.contains("99.5"), dump);
    assertTrue(dump.contains("7.25, 8.5"), dump);
    assertEquals(steps + 1, stepsOf(CTools.exref(f)), "the C library counts the appended step");
  }

  private static long stepsOf(String exref) {
    for (String line : exref.split("\n")) {
      if (line.startsWith("num_time_steps\t")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no step count in\n" + exref);
  }
}
