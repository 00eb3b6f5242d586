package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.exodusj.Compression;
import org.exodusj.ExodusFormat;
import org.exodusj.SampleFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written with the plug-in codecs that encode (bzip2, LZ4), through the public compression
 * value: netCDF-C's ncdump (with the HDF5 filter plugins) prints every value as it prints the same
 * file written without filters, and h5dump lists the pipeline asked for.
 */
class FilterWriteInteropTest {
  @TempDir Path dir;

  private static String data(String ncdump) {
    return ncdump.substring(ncdump.indexOf("\ndata:"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'shuffle,bzip2:9', 307, FILTER_ID 307",
    "'lz4', 32004, FILTER_ID 32004",
    "'shuffle,lz4,fletcher32', 32004, CHECKSUM FLETCHER32"
  })
  void theCLibraryReadsWhatEachWriteFilterWrote(String filters, int id, String shown)
      throws Exception {
    FilterTools.requirePlugins(id);
    Path plain = dir.resolve("plain.e");
    Path filtered = dir.resolve("filtered.e");
    SampleFiles.writeHexMesh(plain, 6, 5, 4, 3, 2, ExodusFormat.NETCDF4, d -> d);
    SampleFiles.writeHexMesh(
        filtered,
        6,
        5,
        4,
        3,
        2,
        ExodusFormat.NETCDF4,
        d -> d.compression(Compression.of(filters.split(","))));
    assertEquals(
        data(FilterTools.run("ncdump", plain.toString())),
        data(FilterTools.run("ncdump", filtered.toString())));
    String h = FilterTools.run("h5dump", "-H", "-p", "-d", "vals_nod_var1", filtered.toString());
    assertTrue(h.contains("FILTER_ID " + id), h);
    assertTrue(h.contains(shown), h);
  }
}
