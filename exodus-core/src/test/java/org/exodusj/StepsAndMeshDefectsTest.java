package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defects that depend on what is stored now: a NetCDF-4 file counting steps its record variables
 * store no chunk of (as a classic file cut short says in its truncation line), and mesh arrays
 * written by another program after a reader opened the file, which {@link ExodusFile#refresh()}
 * picks up. Oracles: ncdump's count of the unlimited dimension, h5py's count of stored chunks, and
 * ncdump's coordinates.
 */
class StepsAndMeshDefectsTest {
  @TempDir Path dir;

  /** exgen's 4 steps copied by nccopy in one-step chunks, time_whole then extended by h5py. */
  static Path countingMoreStepsThanStored(Path dir) throws Exception {
    ExternalTools.require("nccopy");
    String py = ExternalTools.pythonWithNetcdf4();
    Path c2 = CTools.exgen(dir.resolve("g2.e"), 2, 2, 2, 4, 1, "cdf2");
    Path f = dir.resolve("g4.e");
    ExternalTools.run("nccopy", "-k", "nc4", "-c", "time_step/1", c2.toString(), f.toString());
    String chunks =
        ExternalTools.run(
            py,
            "-c",
            "import h5py, sys\n"
                + "with h5py.File(sys.argv[1], 'r+') as f:\n"
                + "    t = f['time_whole']\n"
                + "    t.resize((20,))\n"
                + "    print(max(t.id.get_num_chunks(), f['vals_nod_var1'].id.get_num_chunks()))\n",
            f.toString());
    assertEquals("4", chunks.trim(), "chunks h5py finds stored");
    assertTrue(
        ExternalTools.run("ncdump", "-h", f.toString()).contains("UNLIMITED ; // (20 currently)"),
        "netCDF-C counts 20 steps");
    return f;
  }

  @Test
  void aNetcdf4FileCountingStepsItDoesNotStoreSaysSo() throws Exception {
    Path f = countingMoreStepsThanStored(dir);
    try (ExodusFile x = ExodusFile.open(f)) {
      assertEquals(20, x.timeStepCount());
      assertEquals(4, x.timeStepsInFile());
      String line =
          "counts 20 time steps but stores data of only the first 4: steps 5-20 read as the fill"
              + " value";
      assertTrue(x.defects().contains(line), x.defects().toString());
      assertTrue(x.summary().contains("defect    " + line), x.summary());
    }
  }

  @Test
  void refreshLooksAgainAtMeshArraysWrittenSince() throws Exception {
    Path f = dir.resolve("m.e");
    try (ExodusWriter w =
        ExodusWriter.create(f, UnwrittenMeshTest.quad().allowUnwrittenMesh(true))) {
      w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new long[] {1, 2, 3, 4}, 0);
      w.writeSet(EntityType.NODE_SET, 5, 0, 2, new long[] {1, 2}, null);
    }
    String py = ExternalTools.pythonWithNetcdf4();
    try (ExodusFile x = ExodusFile.open(f)) {
      List<String> d = x.defects();
      assertEquals(1, d.size(), d.toString());
      assertTrue(d.get(0).startsWith("coordinates never written"), d.toString());
      // another program writes the coordinates in place (netCDF-C, through python's netCDF4)
      ExternalTools.run(
          py,
          "-c",
          "import netCDF4, sys\n"
              + "with netCDF4.Dataset(sys.argv[1], 'r+') as d:\n"
              + "    d['coordx'][:] = [0, 1, 1, 0]\n"
              + "    d['coordy'][:] = [0, 0, 1, 1]\n",
          f.toString());
      assertTrue(
          ExternalTools.run("ncdump", "-v", "coordx", f.toString()).contains("coordx = 0, 1, 1, 0"),
          "ncdump reads the coordinates written");
      x.refresh();
      assertEquals(List.of(), x.defects(), "the coordinates are there now");
      assertFalse(x.summary().contains("never written"), x.summary());
    }
  }
}
