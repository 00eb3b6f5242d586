package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each format can hold, as netCDF-C sees the files: a format that holds 64-bit integers writes
 * {@code int64} variables that {@code ncdump} lists as such; one that holds filters writes {@code
 * _DeflateLevel}; the others refuse both before a file exists.
 */
class ExodusFormatCapabilitiesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(ExodusFormat.class)
  void int64AndFiltersAsNcdumpSeesThem(ExodusFormat format) throws Exception {
    ExternalTools.require("ncdump");
    Definition d =
        ExodusWriter.define(format, "caps", 1, 2)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "BAR2", 1, 2));
    if (!format.holdsInt64()) {
      assertThrows(IllegalArgumentException.class, () -> d.int64(true));
    } else {
      d.int64(true);
    }
    if (!format.holdsFilters()) {
      assertThrows(
          IllegalArgumentException.class, () -> d.compression(Compression.deflate(1, true)));
    } else {
      d.compression(Compression.deflate(1, true));
    }
    Path p = dir.resolve(format + ".e");
    try (ExodusWriter w = ExodusWriter.create(p, d)) {
      w.writeCoordinates(0, 0, 2, new double[] {0, 1}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 1, new long[] {1, 2}, 0);
    }
    // -s (storage attributes) only on NetCDF-4: this netCDF-C's ncdump fails with it on CDF-5.
    String header = ExternalTools.run("ncdump", format.holdsFilters() ? "-hs" : "-h", p.toString());
    assertEquals(format.holdsInt64(), header.contains("int64 connect1("), header);
    assertEquals(format.holdsFilters(), header.contains("_DeflateLevel = 1"), header);
    assertTrue(header.startsWith("netcdf "), header);
  }
}
