package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way this library replaces an existing file (a new mesh written over it, a conversion into
 * it, a rewrite) keeps its permissions, as netCDF-C's truncating create does: the replacement used
 * to get the process's default mode (644 here), making private results world-readable.
 */
class ReplacementKeepsAccessTest {
  @TempDir Path dir;

  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  @Test
  void aNewMeshWrittenOverAPrivateFileStaysPrivate() throws Exception {
    Path f = dir.resolve("mesh.e");
    SampleFiles.writeHexMesh(f, 1, 1, 1, 1, 1);
    Files.setPosixFilePermissions(f, PRIVATE);
    SampleFiles.writeHexMesh(f, 2, 2, 2, 2, 1); // through ExodusWriter.create, published by rename
    try (ExodusFile x = ExodusFile.open(f)) {
      assertEquals(27, x.nodeCount()); // the new mesh
    }
    assertEquals(PRIVATE, Files.getPosixFilePermissions(f));
  }

  @Test
  void aConversionIntoAPrivateFileKeepsItPrivate() throws Exception {
    Path src = dir.resolve("src.e");
    SampleFiles.writeHexMesh(src, 2, 2, 2, 1, 1);
    for (ExodusFormat format : List.of(ExodusFormat.CDF5, ExodusFormat.NETCDF4)) {
      Path out = dir.resolve("out-" + format + ".e");
      SampleFiles.writeHexMesh(out, 1, 1, 1, 1, 1);
      Files.setPosixFilePermissions(out, PRIVATE);
      ExodusConverter.convert(src, out, format, false, (done, total) -> {});
      try (ExodusFile x = ExodusFile.open(out)) {
        assertEquals(27, x.nodeCount());
      }
      assertEquals(PRIVATE, Files.getPosixFilePermissions(out), format.toString());
    }
  }

  /**
   * A new output gets the mode any new file of this process gets (the umask's), not the 600 of a
   * temporary file: a conversion's output was private to its owner.
   */
  @Test
  void aNewConversionOutputHasTheDefaultPermissions() throws Exception {
    Path src = dir.resolve("src.e");
    SampleFiles.writeHexMesh(src, 1, 1, 1, 1, 1);
    Set<PosixFilePermission> usual =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
    for (ExodusFormat format : List.of(ExodusFormat.CDF2, ExodusFormat.NETCDF4)) {
      Path out = dir.resolve("new-" + format + ".e");
      ExodusConverter.convert(src, out, format, false, (done, total) -> {});
      assertEquals(usual, Files.getPosixFilePermissions(out), format.toString());
    }
  }

  /** A missing output directory is said naming the output and the directory, no hidden file. */
  @Test
  void aMissingDirectoryIsNamedNotTheHiddenPartialFile() throws Exception {
    Path src = dir.resolve("src.e");
    SampleFiles.writeHexMesh(src, 1, 1, 1, 1, 1);
    Path out = dir.resolve("nodir").resolve("sub").resolve("out.e");
    java.nio.file.NoSuchFileException c =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.nio.file.NoSuchFileException.class,
            () -> ExodusConverter.convert(src, out, ExodusFormat.CDF2, false, (d, t) -> {}));
    String m = c.getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(
        m.contains(out.toString()) && m.contains("no directory " + out.getParent()), m);
    org.junit.jupiter.api.Assertions.assertFalse(m.contains(".partial"), m);
    java.nio.file.NoSuchFileException w =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.nio.file.NoSuchFileException.class,
            () -> SampleFiles.writeHexMesh(out, 1, 1, 1, 1, 1));
    org.junit.jupiter.api.Assertions.assertTrue(
        w.getMessage().contains("no directory " + out.getParent()), w.getMessage());
  }
}
