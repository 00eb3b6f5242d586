package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding to an existing file: header changes in place when the reserved room holds them, a rewrite
 * through a temporary file otherwise; new variables by rewrite, their values unset until written;
 * names in place. Checked through this library and the reference C library.
 */
class AddToExistingFileTest {
  @TempDir Path dir;

  @Test
  void aNewTitleGoesInPlaceWhenTheHeaderRoomHoldsIt() throws Exception {
    Path f = dir.resolve("roomy.e");
    Definition d =
        ExodusWriter.define(ExodusFormat.CDF2, "short", 1, 3)
            .headerRoom(4096)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "BAR2", 2, 2))
            .nodalVariables("u");
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      w.writeCoordinates(0, 0, 3, new double[] {0, 1, 2}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 2, new long[] {1, 2, 2, 3}, 0);
      long s = w.beginStep(1.0);
      w.writeNodalVariable(0, s, 0, 3, new double[] {5, 6, 7}, 0);
      w.commitStep();
    }
    long size = Files.size(f);
    String title = "a title much longer than the old one, which the reserved header room holds";
    assertTrue(ExodusUpdater.setGlobalAttribute(f, "title", title), "in place");
    assertEquals(size, Files.size(f), "no data moved");
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(title, r.title());
      double[] u = new double[3];
      r.readNodalVariable(0, 0, 0, 3, u, 0);
      assertEquals(7, u[2]);
    }
    assertTrue(CTools.exref(f).startsWith("title\t" + title + "\n"));
  }

  @Test
  void withoutRoomTheFileIsRewrittenAtomically() throws Exception {
    ExgenOracle o = new ExgenOracle(3, 3, 3);
    Path f = CTools.exgen(dir.resolve("tight.e"), 3, 3, 3, 2, 2, "cdf2");
    String before = CTools.exref(f);
    String title = "x".repeat(70);
    assertFalse(ExodusUpdater.setGlobalAttribute(f, "title", title), "rewritten");
    String after = CTools.exref(f);
    assertEquals(before.replace("exgen structured hex mesh", title), after);
    assertFalse(Files.exists(dir.resolve("tight.e.rewrite")), "no temporary file left");
    try (ExodusFile r = ExodusFile.open(f)) {
      double[] x = r.coordinates(0);
      assertEquals(o.coord(0, 5), x[5]);
    }
  }

  @Test
  void newVariablesAreAddedWithTheirValuesUnsetUntilWritten() throws Exception {
    ExgenOracle o = new ExgenOracle(4, 3, 2);
    Path f = CTools.exgen(dir.resolve("grow.e"), 4, 3, 2, 3, 2, "cdf2");
    ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("extra"));
    ExodusUpdater.addVariables(f, EntityType.ELEM_BLOCK, List.of("damage", "heat"));
    ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("work"));
    int nn = (int) o.nodes();
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(List.of("field_1", "field_2", "extra"), r.variableNames(EntityType.NODAL));
      assertEquals(List.of("stress", "damage", "heat"), r.variableNames(EntityType.ELEM_BLOCK));
      assertEquals(List.of("energy", "momentum", "work"), r.variableNames(EntityType.GLOBAL));
      assertEquals(3, r.timeStepCount());
      for (long s = 0; s < 3; s++) {
        assertEquals(
            List.of(0L, (long) nn),
            List.of(
                r.unwrittenRanges(EntityType.NODAL, 2, 0, s).get(0)[0],
                r.unwrittenRanges(EntityType.NODAL, 2, 0, s).get(0)[1]));
      }
      double[] d = new double[nn];
      r.readNodalVariable(1, 2, 0, nn, d, 0);
      for (int n = 0; n < nn; n++) assertEquals(o.nodal(1, 2, n), d[n], "existing values kept");
      double[] g = new double[3];
      r.readGlobalVariables(1, g, 0);
      assertEquals(o.global(0, 1), g[0]);
      assertEquals(9.9692099683868690e+36, g[2]);
      assertTrue(r.truthTable(EntityType.ELEM_BLOCK).has(0, 2));
    }
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      double[] v = new double[nn];
      for (int n = 0; n < nn; n++) v[n] = -n;
      u.writeNodalVariable(2, 1, 0, nn, v, 0);
      u.writeName(EntityType.ELEM_BLOCK, 10, "the block");
    }
    String dump = CTools.exref(f);
    assertTrue(dump.contains("\nelem_block\t10\tHEX8\t24\t8\t0\tthe block\n"), dump);
    assertTrue(dump.contains("\nnodal_var\textra\t2\t0\t-1\t-2\t"), dump);
    assertTrue(dump.contains("\nglobal_var_names\tenergy\tmomentum\twork\n"), dump);
    assertTrue(dump.contains("\nelem_var\tdamage\t10\t1\t"), dump);
  }
}
