package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.cli.ExoCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo convert --format nc4} with deflate, shuffle, Fletcher-32 and steps per chunk: ncdump
 * shows the chunking and filters asked for, the reference C library dumps the output exactly as the
 * input, and classic targets refuse the NetCDF-4 options with a clear message.
 */
class ConvertNetcdf4CommandTest {
  @TempDir Path dir;

  @Test
  void convertsToCompressedNetcdf4ThatTheCLibraryReadsAsTheSource() throws Exception {
    Path f = dir.resolve("demo.e");
    assertEquals(0, ExoCommandTest.inProcess("sample", f.toString()).code());
    Path out = dir.resolve("demo.nc4");
    Result c =
        ExoCommandTest.process(
            "convert",
            f.toString(),
            out.toString(),
            "--format",
            "nc4",
            "--deflate",
            "3",
            "--shuffle",
            "--fletcher32",
            "--chunk-steps",
            "2",
            "--verify");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("verified value by value"), c.out());
    String h = CExref.run("ncdump", "-hs", out.toString());
    assertTrue(h.contains("_Format = \"netCDF-4\""), h);
    assertTrue(h.contains("vals_nod_var1:_DeflateLevel = 3 ;"), h);
    assertTrue(h.contains("vals_nod_var1:_Shuffle = \"true\" ;"), h);
    assertTrue(h.contains("vals_nod_var1:_Fletcher32 = \"true\" ;"), h);
    assertTrue(h.matches("(?s).*vals_nod_var1:_ChunkSizes = 2, \\d+ ;.*"), h);
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(f), CExref.dump(out), 5));
  }

  @Test
  void classicTargetsRefuseTheNetcdf4Options() throws Exception {
    Path f = dir.resolve("demo.e");
    assertEquals(0, ExoCommandTest.inProcess("sample", f.toString()).code());
    Path out = dir.resolve("demo.cdf2");
    Result bad =
        ExoCommandTest.inProcess(
            "convert", f.toString(), out.toString(), "--format", "cdf2", "--deflate", "1");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("need the NetCDF-4 format"), bad.err());
    assertFalse(Files.exists(out));
  }
}
