package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Element-set distribution factors as the C library stores them (on the entry dimension, with no
 * factor count dimension): read from files 6.02 and 9.06 write, and written so that the C library
 * reads them back.
 */
class ElementSetFactorsTest {
  /** What exelsdf.c writes: element set 10 holds elements 2 1 with these factors. */
  private static final double[] FACTORS = {0.25, 0.75};

  @TempDir Path dir;

  private static void assertReads(Path file) throws Exception {
    try (ExodusFile f = ExodusFile.open(file)) {
      EntitySet s = f.set(EntityType.ELEM_SET, 10);
      assertEquals(2, s.entryCount());
      assertEquals(2, s.distributionFactorCount());
      double[] df = new double[2];
      f.readDistributionFactors(s, 0, 2, df, 0);
      assertArrayEquals(FACTORS, df);
      // ex_get_set_param finds no count for them (exelsdf prints 0)
      assertEquals(0, f.distributionFactorCountAsCLibrary(s));
    }
  }

  @Test
  void readsFactorsWritten906() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exelsdf.c").toAbsolutePath());
    Path file = dir.resolve("els9.exo");
    ExternalTools.run(exe.toString(), "write", file.toString());
    assertEquals(
        "elem_set\t10\t2\t0\t0.25 0.75",
        ExternalTools.run(exe.toString(), "read", file.toString()).trim());
    assertReads(file);
  }

  @Test
  void readsFactorsWritten602() throws Exception {
    Path exe = CTools.testTool("exelsdf");
    Path file = dir.resolve("els6.exo");
    ExternalTools.run(exe.toString(), "write", file.toString());
    assertReads(file);
  }

  @Test
  void writesFactorsWhoseCountTheCLibraryReads() throws Exception {
    Path file = dir.resolve("ours.exo");
    var d =
        ExodusWriter.define("element set factors", 2, 6)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "QUAD4", 2, 4))
            .set(SetSpec.of(EntityType.ELEM_SET, 10, 2, 2));
    try (ExodusWriter w = ExodusWriter.create(file, d)) {
      w.writeCoordinates(0, 0, 6, new double[] {0, 1, 2, 0, 1, 2}, 0);
      w.writeCoordinates(1, 0, 6, new double[] {0, 0, 0, 1, 1, 1}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 2, new long[] {1, 2, 5, 4, 2, 3, 6, 5}, 0);
      w.writeSet(EntityType.ELEM_SET, 10, 0, 2, new long[] {2, 1}, null);
      w.writeDistributionFactors(EntityType.ELEM_SET, 10, 0, 2, FACTORS, 0);
    }
    for (Path exe :
        new Path[] {
          Exodus9.compile(Path.of("src", "test", "c", "exelsdf.c").toAbsolutePath()),
          CTools.testTool("exelsdf")
        }) {
      // ex_get_set_param sees the count through the factors' own dimension
      assertEquals(
          "elem_set\t10\t2\t2\t0.25 0.75",
          ExternalTools.run(exe.toString(), "read", file.toString()).trim(),
          exe.toString());
    }
    String header = ExternalTools.run("ncdump", "-h", file.toString());
    assertTrue(header.contains("dist_fact_els1(num_df_els1)"), header);
    try (ExodusFile f = ExodusFile.open(file)) {
      EntitySet s = f.set(EntityType.ELEM_SET, 10);
      assertEquals(2, s.distributionFactorCount());
      assertEquals(2, f.distributionFactorCountAsCLibrary(s));
      double[] df = new double[2];
      f.readDistributionFactors(s, 0, 2, df, 0);
      assertArrayEquals(FACTORS, df);
    }
  }

  @Test
  void factorsOtherThanOnePerEntryAreRefused() {
    var d =
        ExodusWriter.define("element set factors", 2, 6)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "QUAD4", 2, 4))
            .set(SetSpec.of(EntityType.ELEM_SET, 10, 2, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExodusWriter.create(dir.resolve("bad.exo"), d).close());
    assertTrue(e.getMessage().contains("3 distribution factors for 2 entries"), e.getMessage());
  }
}
