package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C library reads the sample this library writes exactly as the file exgen.c writes. */
class SampleMatchesExgenTest {
  @TempDir Path dir;

  @Test
  void theCLibrarysDumpsAreIdentical() throws Exception {
    Path c = CTools.exgen(dir.resolve("c.e"), 5, 4, 3, 3, 2, "cdf2");
    Path j = dir.resolve("j.e");
    SampleFiles.writeHexMesh(j, 5, 4, 3, 3, 2);
    assertEquals(CTools.exref(c), CTools.exref(j));
  }
}
