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
}
