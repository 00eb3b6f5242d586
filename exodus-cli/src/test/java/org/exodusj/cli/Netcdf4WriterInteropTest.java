package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The every-entity-kind mesh of {@link WriterInteropTest}, written as NetCDF-4 by our pure-Java
 * HDF5 writer: the reference C library dumps it exactly as the same mesh written as CDF-2 (or CDF-5
 * with int64); ncdump -hs shows the chunking and filters asked for; h5dump reads it without an
 * error; jHDF and our reader read the values back.
 */
class Netcdf4WriterInteropTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}-byte reals, int64 {1}, deflate {2}, shuffle {3}, fletcher {4}")
  @CsvSource({
    "8,false,-1,false,false",
    "8,false,1,true,false",
    "4,false,9,false,true",
    "8,true,4,true,true"
  })
  void theCLibraryReadsOurNetcdf4AsTheClassicFile(
      int realSize, boolean int64, int deflate, boolean shuffle, boolean fletcher)
      throws Exception {
    ExodusFormat classic = int64 ? ExodusFormat.CDF5 : ExodusFormat.CDF2;
    Path cdf = WriterInteropTest.write(dir.resolve("classic.e"), classic, realSize, int64);
    Path nc4 = dir.resolve("nc4.e");
    WriterInteropTest.write(
        nc4,
        ExodusFormat.NETCDF4,
        realSize,
        int64,
        d -> {
          org.exodusj.Compression c =
              deflate >= 0
                  ? org.exodusj.Compression.deflate(deflate, shuffle)
                  : org.exodusj.Compression.NONE;
          d.compression(fletcher ? c.withFletcher32() : c);
        });
    String expected = CExref.dump(cdf);
    String actual = CExref.dump(nc4);
    assertEquals(List.of(), DumpComparison.compare(expected, actual, 5));
    assertTrue(DumpComparison.records(actual) > 40, actual);

    String header = CExref.run("ncdump", "-hs", nc4.toString());
    assertTrue(header.contains("_Format = \"netCDF-4\""), header);
    assertTrue(header.contains("time_step = UNLIMITED ; // (2 currently)"), header);
    assertTrue(header.contains("vals_nod_var1:_ChunkSizes = 1, 12 ;"), header);
    assertEquals(
        deflate >= 0, header.contains("vals_nod_var1:_DeflateLevel = " + deflate + " ;"), header);
    assertEquals(shuffle, header.contains("vals_nod_var1:_Shuffle = \"true\""), header);
    assertEquals(fletcher, header.contains("vals_nod_var1:_Fletcher32 = \"true\""), header);
    CExref.run("h5dump", nc4.toString()); // fails on a non-zero exit (an HDF5 error)

    try (HdfFile h = new HdfFile(nc4)) {
      Dataset x = h.getDatasetByPath("/coordy");
      Object data = x.getData();
      double[] y =
          data instanceof float[] fl ? toDoubles(fl) : (double[]) data; // 4-byte reals: floats
      assertArrayEquals(WriterInteropTest.XYZ[1], y);
    }
    try (ExodusFile f = ExodusFile.open(nc4)) {
      assertEquals(realSize, f.info().floatingPointWordSize());
      assertEquals(List.of(), f.defects());
      assertEquals(int64, f.info().storesInt64());
      double[] t = new double[12];
      f.readNodalVariable(0, 1, 0, 12, t, 0);
      assertEquals(305.25, t[5]);
      assertEquals(2, f.blocks(EntityType.ELEM_BLOCK).get(1).entryCount());
    }
  }

  /**
   * {@link org.exodusj.ExodusUpdater} on a NetCDF-4 file we wrote: a step appended, values of an
   * existing step patched in place (inside compressed chunks), a name changed; the C library dumps
   * the result exactly as the same operations on the CDF-2 file.
   */
  @ParameterizedTest(name = "deflate {0}")
  @CsvSource({"-1", "2"})
  void updatesInPlaceAndAppendsMatchTheClassicFile(int deflate) throws Exception {
    Path cdf = WriterInteropTest.write(dir.resolve("u-classic.e"), ExodusFormat.CDF2, 8, false);
    Path nc4 = dir.resolve("u-nc4.e");
    WriterInteropTest.write(
        nc4,
        ExodusFormat.NETCDF4,
        8,
        false,
        d -> {
          if (deflate >= 0) d.compression(org.exodusj.Compression.deflate(deflate, true));
        });
    for (Path p : List.of(cdf, nc4)) {
      try (org.exodusj.ExodusUpdater u = org.exodusj.ExodusUpdater.open(p)) {
        double[] t = new double[12];
        for (int n = 0; n < 12; n++) t[n] = -1000 - n;
        u.writeNodalVariable(1, 0, 0, 12, t, 0); // patch step 0 in place
        long s = u.appendStep(7.5);
        for (int n = 0; n < 12; n++) t[n] = 5000 + n;
        u.writeNodalVariable(0, s, 0, 12, t, 0);
        u.writeGlobalVariables(s, new double[] {1.25, 2.5}, 0);
        u.writeName(EntityType.ELEM_BLOCK, 20, "renamed");
        u.commit();
      }
    }
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(cdf), CExref.dump(nc4), 5));
    String header = CExref.run("ncdump", "-hs", nc4.toString());
    assertTrue(header.contains("time_step = UNLIMITED ; // (3 currently)"), header);
    CExref.run("h5dump", nc4.toString());
    try (ExodusFile f = ExodusFile.open(nc4)) {
      assertEquals(3, f.timeStepCount());
      double[] t = new double[12];
      f.readNodalVariable(1, 0, 0, 12, t, 0);
      assertEquals(-1005, t[5]);
    }
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }
}
