package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 2 MiB tmpfs (mounted by the test; it needs root, as CI has). Steps are
 * appended until the disk is full: the failing write is a clear IOException naming the file, the
 * failed step is never counted, and every step counted before it is intact.
 */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void aFullDiskFailsTheStepCleanlyAndLosesNothingCommitted() throws Exception {
    Path mnt = dir.resolve("small");
    mountSmallTmpfs(mnt);
    try {
      Path f = mnt.resolve("full.e");
      int nodes = 5000;
      long committed = 0;
      IOException failure = null;
      Definition d =
          ExodusWriter.define(ExodusFormat.CDF2, "filling up", 1, nodes).nodalVariables("u");
      ExodusWriter w = ExodusWriter.create(f, d);
      try {
        double[] x = new double[nodes];
        for (int i = 0; i < nodes; i++) x[i] = i;
        w.writeCoordinates(0, 0, nodes, x, 0);
        double[] u = new double[nodes];
        for (int s = 0; s < 1000; s++) {
          try {
            long step = w.beginStep(s);
            for (int i = 0; i < nodes; i++) u[i] = s * 1e4 + i;
            w.writeNodalVariable(0, step, 0, nodes, u, 0);
            w.commitStep();
            committed++;
          } catch (IOException e) {
            failure = e;
            break;
          }
        }
      } finally {
        w.close();
      }
      assertTrue(failure != null, "the disk filled up");
      assertTrue(failure.getMessage().contains(f.toString()), failure.getMessage());
      assertTrue(committed > 5, "steps were written before: " + committed);
      try (ExodusFile r = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
        assertEquals(committed, r.timeStepCount(), "the failed step is not counted");
        assertEquals(List.of(), r.defects());
        double[] u = new double[nodes];
        for (long s = 0; s < committed; s++) {
          r.readNodalVariable(0, s, 0, nodes, u, 0);
          for (int i = 0; i < nodes; i++) assertEquals(s * 1e4 + i, u[i]);
        }
      }
      // The updater behaves the same: a failed append never counts.
      try (ExodusUpdater up = ExodusUpdater.open(f)) {
        IOException e =
            assertThrows(
                IOException.class,
                () -> {
                  for (int k = 0; k < 100; k++) {
                    long s = up.appendStep(-1);
                    up.writeNodalVariable(0, s, 0, nodes, new double[nodes], 0);
                  }
                });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      } catch (IOException closing) {
        // closing may fail too on a full disk; what matters is the file below
      }
      try (ExodusFile r = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
        assertEquals(committed, r.timeStepCount(), "failed appends never count");
        double[] u = new double[nodes];
        r.readNodalVariable(0, committed - 1, 0, nodes, u, 0);
        assertEquals((committed - 1) * 1e4 + 7, u[7]);
      }
    } finally {
      // lazy: a memory map of the file may linger until garbage collection
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
  }

  @Test
  void aFullDiskWhileCreatingOverAnOldFileLeavesTheOldFileAndNoPartialOne() throws Exception {
    Path mnt = dir.resolve("small2");
    mountSmallTmpfs(mnt);
    try {
      Path f = mnt.resolve("mesh.e");
      SampleFiles.writeHexMesh(f, 3, 3, 3, 1, 1);
      byte[] before = Files.readAllBytes(f);
      int nodes = 200_000; // 4.8 MB of coordinates, prefilled when the file is created
      IOException full =
          assertThrows(
              IOException.class,
              () -> ExodusWriter.create(f, ExodusWriter.define("too big", 3, nodes)));
      assertTrue(full.getMessage().contains(f.toString()), full.getMessage());
      assertEquals(List.of(before.length), List.of(Files.readAllBytes(f).length));
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "the old file is intact");
      try (var names = Files.list(mnt)) {
        assertEquals(List.of("mesh.e"), names.map(p -> p.getFileName().toString()).toList());
      }
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
  }

  @Test
  void aFullDiskWhileWritingANetcdf4MeshNeverPublishesHalfAMesh() throws Exception {
    // NetCDF-4 allocates data as chunks complete, so the disk fills during the mesh writes, after
    // create: the half-written mesh must not appear at the path, and the old file must stay.
    Path mnt = dir.resolve("small3");
    mountSmallTmpfs(mnt);
    try {
      Path f = mnt.resolve("mesh.e");
      SampleFiles.writeHexMesh(f, 3, 3, 3, 1, 1);
      byte[] before = Files.readAllBytes(f);
      int nodes = 200_000;
      ExodusWriter w =
          ExodusWriter.create(f, ExodusWriter.define(ExodusFormat.NETCDF4, "too big", 3, nodes));
      double[] x = new double[nodes];
      for (int i = 0; i < nodes; i++) x[i] = i * 0.37;
      IOException full =
          assertThrows(
              IOException.class,
              () -> {
                for (int axis = 0; axis < 3; axis++) w.writeCoordinates(axis, 0, nodes, x, 0);
              });
      assertTrue(full.getMessage().contains(f.toString()), full.getMessage());
      IOException closing = assertThrows(IOException.class, w::close);
      assertTrue(closing.getMessage().contains("not created"), closing.getMessage());
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "the old file is intact");
      try (var names = Files.list(mnt)) {
        assertEquals(List.of("mesh.e"), names.map(p -> p.getFileName().toString()).toList());
      }
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
  }

  @Test
  void aFullDiskDuringTheFirstCommitOfAnAdoptedFileLeavesItAsTheCLibraryWroteIt() throws Exception {
    // The C library's NetCDF-4 file, adopted by the updater: the first commit writes a whole new
    // metadata set after the data, which the disk cannot hold. The superblock is never switched,
    // so the C library reads the file exactly as before; with room again, the next commit works.
    Path src = org.exodusj.internal.testutil.CTools.exgen(dir.resolve("c.e"), 4, 4, 4, 3, 2, "nc4");
    String before = org.exodusj.internal.testutil.CTools.exref(src);
    Path mnt = dir.resolve("small4");
    mountSmallTmpfs(mnt);
    try {
      Path f = mnt.resolve("adopted.e");
      Files.copy(src, f);
      Path filler = mnt.resolve("filler");
      long room = Files.getFileStore(mnt).getUsableSpace() - 8192; // less than the metadata
      Files.write(filler, new byte[(int) room]);
      int nodes = 125;
      double[] u = new double[nodes];
      for (int i = 0; i < nodes; i++) u[i] = 3000 + i;
      ExodusUpdater up = ExodusUpdater.open(f);
      IOException full =
          assertThrows(
              IOException.class,
              () -> {
                long step = up.appendStep(9);
                up.writeNodalVariable(0, step, 0, nodes, u, 0);
                up.commit();
              });
      assertTrue(full.getMessage().contains(f.toString()), full.getMessage());
      try {
        up.close();
      } catch (IOException ignored) {
        // the disk is still full; what counts is the file below
      }
      assertEquals(
          before,
          org.exodusj.internal.testutil.CTools.exref(f),
          "the C library reads the file as it was");
      Files.delete(filler);
      try (ExodusUpdater again = ExodusUpdater.open(f)) {
        long step = again.appendStep(9);
        again.writeNodalVariable(0, step, 0, nodes, u, 0);
        again.commit();
      }
      String after = org.exodusj.internal.testutil.CTools.exref(f);
      assertTrue(after.contains("num_time_steps\t4\n"), after);
      assertTrue(after.contains("nodal_var\tfield_1\t4\t3000\t3001\t"), after);
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
  }

  /** Mounts a 2 MiB tmpfs at {@code mnt} (root, as CI has; the test is skipped elsewhere). */
  private static void mountSmallTmpfs(Path mnt) throws Exception {
    Files.createDirectories(mnt);
    Process m =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(m.getInputStream().readAllBytes());
    Assumptions.assumeTrue(m.waitFor() == 0, "cannot mount a tmpfs here (needs root): " + out);
  }
}
