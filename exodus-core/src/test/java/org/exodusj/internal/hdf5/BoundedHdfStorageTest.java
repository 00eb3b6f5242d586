package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jHDF always reads through {@link BoundedHdfStorage}: with the jHDF version of the build its
 * private constructor from a storage is found (an upgrade that drops it fails here, not silently in
 * the fallback to jHDF's unbounded storage), and a source without a channel is read through it too,
 * its own bytes rather than a file of the same name. Values against the CDL that ncgen (netCDF-C)
 * wrote the file from.
 */
class BoundedHdfStorageTest {
  @TempDir Path dir;

  private static final String CDL =
      """
      netcdf t {
      dimensions:
        n = 5 ;
        t = UNLIMITED ;
      variables:
        int c(n) ;
        double v(t, n) ;
          v:_ChunkSizes = 1, 5 ;
      data:
        c = 3, 1, 4, 1, 5 ;
        v = 0.5, 1.5, 2.5, 3.5, 4.5,
            -1, -2, -3, -4, -5 ;
      }
      """;

  private Path ncgen() throws Exception {
    ExternalTools.require("ncgen");
    Path cdl = dir.resolve("t.cdl");
    Files.writeString(cdl, CDL);
    Path nc = dir.resolve("t.nc");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", nc.toString(), cdl.toString());
    return nc;
  }

  @Test
  void jhdfsConstructorFromAStorageIsFound() {
    assertTrue(
        BoundedHdfStorage.constructorFound(),
        "jHDF's private HdfFile(HdfBackingStorage) constructor is gone: NetCDF-4 structure reads"
            + " would fall back to jHDF's unbounded storage");
  }

  @Test
  void aFileIsReadThroughTheBoundedStorage() throws Exception {
    Path nc = ncgen();
    try (Hdf5File h =
        Hdf5File.open(nc, WindowedByteSource.map(nc), new ChunkCache(1 << 20, 64, 0.75), null)) {
      assertInstanceOf(BoundedHdfStorage.class, h.hdf().getHdfBackingStorage());
    }
  }

  @Test
  void aSourceWithoutAChannelIsReadFromItsOwnBytesThroughTheBoundedStorage() throws Exception {
    byte[] bytes = Files.readAllBytes(ncgen());
    // a name with no file behind it: jHDF on the name would find nothing
    Path name = dir.resolve("in-memory.nc");
    assertFalse(Files.exists(name));
    WindowedByteSource source = WindowedByteSource.ofBytes(name.toString(), bytes, 64);
    assertEquals(null, source.channel());
    try (Hdf5File h = Hdf5File.open(name, source, new ChunkCache(1 << 20, 64, 0.75), null)) {
      assertInstanceOf(BoundedHdfStorage.class, h.hdf().getHdfBackingStorage());
      assertEquals(2, h.recordCount());
      int[] c = new int[5];
      h.read(h.findVariable("c").orElseThrow(), new long[] {0}, new long[] {5}, c, 0);
      assertArrayEquals(new int[] {3, 1, 4, 1, 5}, c);
      double[] v = new double[10];
      h.read(h.findVariable("v").orElseThrow(), new long[] {0, 0}, new long[] {2, 5}, v, 0);
      assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5, 4.5, -1, -2, -3, -4, -5}, v);
    }
  }
}
