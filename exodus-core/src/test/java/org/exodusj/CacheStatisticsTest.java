package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExodusFile#cacheStatistics()} through the public API, on NetCDF-4 files that netCDF-C
 * wrote: the counters come through the storage seam whatever wraps the storage (the open file is a
 * locked decorator around the NetCDF-4 reader). The expected numbers of chunks come from the chunk
 * shape {@code ncdump -hs} reports, not from this library.
 */
class CacheStatisticsTest {
  @TempDir Path dir;

  /** The {@code _ChunkSizes} ncdump reports for {@code variable}. */
  private static int[] chunkSizes(Path file, String variable) throws Exception {
    String header = ExternalTools.run("ncdump", "-hs", file.toString());
    Matcher m =
        Pattern.compile(Pattern.quote(variable) + ":_ChunkSizes = ([0-9, ]+) ;").matcher(header);
    assertTrue(m.find(), header);
    String[] parts = m.group(1).split(",\\s*");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].trim());
    return out;
  }

  @Test
  void aNetcdf4FileCountsItsChunkLookups() throws Exception {
    ExternalTools.require("nccopy");
    Path classic = CTools.exgen(dir.resolve("mesh.exo"), 3, 2, 2, 6, 2, "cdf2");
    Path nc4 = dir.resolve("mesh.nc4");
    // one chunk per step and variable, the nodes in chunks of 10 (36 nodes: 4 chunks per step)
    ExternalTools.run(
        "nccopy",
        "-k",
        "nc4",
        "-d",
        "1",
        "-c",
        "time_step/1,num_nodes/10",
        classic.toString(),
        nc4.toString());
    int[] chunk = chunkSizes(nc4, "vals_nod_var1");
    assertEquals(1, chunk[0]);
    try (ExodusFile f = ExodusFile.open(nc4)) {
      assertEquals(ExodusFormat.NETCDF4, f.info().storageFormat());
      CacheStatistics zero = f.cacheStatistics();
      assertEquals(0, zero.hits() + zero.misses(), "counted from the end of open: " + zero);
      long nodes = f.nodeCount();
      long chunksPerStep = (nodes + chunk[1] - 1) / chunk[1];

      // A read over several chunks keeps a chunk on its second recent miss (docs/netcdf4.md, the
      // chunk cache): two passes miss every chunk of the step, the third finds them all.
      f.nodalVariable(0, 2);
      CacheStatistics first = f.cacheStatistics();
      assertEquals(chunksPerStep, first.misses(), first.toString());
      assertEquals(0, first.hits(), first.toString());
      f.nodalVariable(0, 2);
      f.nodalVariable(0, 2);
      CacheStatistics third = f.cacheStatistics();
      assertEquals(2 * chunksPerStep, third.misses(), third.toString());
      assertEquals(chunksPerStep, third.hits(), third.toString());
      assertEquals(1.0 / 3, third.hitRate(), 1e-12);
      assertTrue(third.bytesHeld() >= chunksPerStep * chunk[1] * 8, third.toString());
      assertTrue(third.peakBytes() >= third.bytesHeld(), third.toString());
    }
  }

  @Test
  void aClassicFileHasNoCacheAndCountsNothing() throws Exception {
    Path classic = CTools.exgen(dir.resolve("mesh.exo"), 2, 2, 2, 3, 1, "cdf2");
    try (ExodusFile f = ExodusFile.open(classic)) {
      assertEquals(ExodusFormat.CDF2, f.info().storageFormat());
      f.nodalVariable(0, 1);
      f.nodalVariable(0, 1);
      assertEquals(new CacheStatistics(0, 0, 0, 0, 0), f.cacheStatistics());
    }
  }
}
