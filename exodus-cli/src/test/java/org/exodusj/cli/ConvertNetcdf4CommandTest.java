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
  void filtersAreGivenByNameInPipelineOrder() throws Exception {
    Path f = dir.resolve("demo.e");
    assertEquals(0, ExoCommandTest.inProcess("sample", f.toString()).code());
    Path out = dir.resolve("filters.nc4");
    Result c =
        ExoCommandTest.process(
            "convert",
            f.toString(),
            out.toString(),
            "--format",
            "nc4",
            "--filter",
            "shuffle",
            "--filter",
            "deflate:2",
            "--filter",
            "fletcher32");
    assertEquals(0, c.code(), c.err());
    String h = CExref.run("ncdump", "-hs", out.toString());
    assertTrue(h.contains("vals_nod_var1:_DeflateLevel = 2 ;"), h);
    assertTrue(h.contains("vals_nod_var1:_Shuffle = \"true\" ;"), h);
    assertTrue(h.contains("vals_nod_var1:_Fletcher32 = \"true\" ;"), h);
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(f), CExref.dump(out), 5));
    // h5dump lists the pipeline in the order given
    String d = CExref.run("h5dump", "-H", "-p", "-d", "vals_nod_var1", out.toString());
    int shuffle = d.indexOf("PREPROCESSING SHUFFLE");
    int deflate = d.indexOf("COMPRESSION DEFLATE { LEVEL 2 }");
    int fletcher = d.indexOf("CHECKSUM FLETCHER32");
    assertTrue(shuffle >= 0 && shuffle < deflate && deflate < fletcher, d);
  }

  @Test
  void aFilterThisLibraryDoesNotWriteIsRefusedNamingTheOnesItDoes() throws Exception {
    Path f = dir.resolve("demo.e");
    assertEquals(0, ExoCommandTest.inProcess("sample", f.toString()).code());
    Path out = dir.resolve("nope.nc4");
    Result bad =
        ExoCommandTest.inProcess(
            "convert", f.toString(), out.toString(), "--format", "nc4", "--filter", "nope:3");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("filter 'nope' is unknown"), bad.err());
    assertTrue(bad.err().contains("deflate, shuffle, fletcher32"), bad.err());
    assertFalse(Files.exists(out));
    Result syntax =
        ExoCommandTest.inProcess(
            "convert", f.toString(), out.toString(), "--format", "nc4", "--filter", "deflate:x");
    assertEquals(2, syntax.code(), syntax.err());
    assertTrue(syntax.err().contains("'x' is not an integer"), syntax.err());
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
