package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updaters of a NetCDF-4 file: one at a time (each commit rewrites the whole metadata from its own
 * view, so a second updater would undo the first's commits), here and in another process; steps
 * appended by one after the other are all there.
 */
class Netcdf4UpdaterTest {
  @TempDir Path dir;

  private Path write() throws Exception {
    Path f = dir.resolve("u.e");
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "updaters", 1, 4)
            .nodalVariables("u")
            .compression(Compression.deflate(1, true));
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      w.writeCoordinates(0, 0, 4, new double[] {0, 1, 2, 3}, 0);
      long s = w.beginStep(0);
      w.writeNodalVariable(0, s, 0, 4, new double[] {1, 2, 3, 4}, 0);
      w.commitStep();
    }
    return f;
  }

  @Test
  void aSecondUpdaterIsRefusedUntilTheFirstCloses() throws Exception {
    Path f = write();
    try (ExodusUpdater a = ExodusUpdater.open(f)) {
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () ->
                  ExodusUpdater.open(
                      f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
      assertTrue(e.getMessage().contains("one updater at a time"), e.getMessage());
      long s = a.appendStep(1);
      a.writeNodalVariable(0, s, 0, 4, new double[] {5, 6, 7, 8}, 0);
      a.commit();
    }
    try (ExodusUpdater b = ExodusUpdater.open(f)) {
      assertEquals(2, b.timeStepCount());
      long s = b.appendStep(2);
      b.writeNodalVariable(0, s, 0, 4, new double[] {9, 10, 11, 12}, 0);
      b.commit();
    }
    try (ExodusFile x = ExodusFile.open(f)) {
      assertEquals(3, x.timeStepCount());
      double[] u = new double[4];
      x.readNodalVariable(0, 1, 0, 4, u, 0);
      assertEquals(6, u[1]);
      x.readNodalVariable(0, 2, 0, 4, u, 0);
      assertEquals(12, u[3]);
      assertEquals(2.0, x.times()[2]);
    }
  }

  @Test
  void anUpdaterInAnotherProcessIsRefused() throws Exception {
    Path f = write();
    Process p = MultiProcessUpdateTest.start(LockWorkers.HoldUpdater.class, f.toString(), "20");
    try {
      String line =
          new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
      assertTrue(line != null && line.startsWith("READY"), String.valueOf(line));
      assertThrows(
          FileInUseException.class,
          () ->
              ExodusUpdater.open(
                  f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
