package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.ExodusUpdater;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo compact FILE}: the sizes before and after as the file system reports them, the content
 * as the C library dumps it unchanged, {@code h5dump} reads the result; a missing file exits 2.
 */
class CompactCommandTest {
  @TempDir Path dir;

  @Test
  void compactsANetcdf4FileAndReportsTheSizes() throws Exception {
    Path f = CTools.exgen(dir.resolve("c.e"), 6, 6, 6, 2, 2, "nc4"); // 343 nodes
    for (int k = 0; k < 5; k++) { // update sessions leave dead space
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        long s = u.appendStep(10 + k);
        u.writeNodalVariable(0, s, 0, 343, new double[343], 0);
        u.commit();
      }
    }
    String dump = CTools.exref(f);
    long before = Files.size(f);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("compact", f.toString());
    assertEquals(0, r.code(), r.err());
    long after = Files.size(f);
    assertTrue(after < before, before + " -> " + after);
    assertTrue(r.out().startsWith(f + ": " + before + " bytes -> " + after + " bytes (-"), r.out());
    assertEquals(dump, CTools.exref(f));
    ExternalTools.run("h5dump", "-H", f.toString());
  }

  @Test
  void keepsANetcdfCFileWithNothingToReclaimAndSaysSo() throws Exception {
    // nccopy's NetCDF-4 copy of a corpus file: this library's copy of it would not be smaller
    ExternalTools.require("nccopy");
    Path src = ExternalTools.corpus().resolve("vtkdata__Data__mug.e");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(src), "no " + src);
    Path f = dir.resolve("mug4.e");
    ExternalTools.run("nccopy", "-k", "nc4", src.toString(), f.toString());
    byte[] before = Files.readAllBytes(f);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("compact", f.toString());
    assertEquals(0, r.code(), r.err());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(f));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "already compact: (\\d+ bytes dead|dead space not mapped), compacted copy would be"
                    + " (\\d+) bytes; left as it was \\((\\d+) bytes\\)")
            .matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(r.out().startsWith(f + ": "), r.out());
    assertTrue(Long.parseLong(m.group(2)) >= before.length, r.out());
    assertEquals(before.length, Long.parseLong(m.group(3)), r.out());
  }

  @Test
  void aMissingFileExits2() {
    ExoCommandTest.Result r = ExoCommandTest.inProcess("compact", dir.resolve("none.e").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("none.e"), r.err());
  }
}
