package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExodusUpdater#writeReductionVariables} on a file Exodus 9.06 wrote (a piece of exshared's
 * set: assembly 100 with the reduction variable "mass" = 1000 + step): the values of an appended
 * step as 9.06 reads them ({@code exref9 -x}), and the caller's mistakes.
 */
class UpdaterReductionVariablesTest {
  @TempDir Path tmp;

  @Test
  void reductionVariablesOfAnAppendedStepAreWhat9_06Reads() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exshared.c").toAbsolutePath());
    ExternalTools.run(exe.toString(), tmp.resolve("a").toString(), "7", "2", "2", "none", "cdf2");
    Path f = tmp.resolve("a.2.0");
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      assertEquals(List.of("mass"), u.reductionVariableNames(EntityType.ASSEMBLY));
      assertEquals(List.of(), u.reductionVariableNames(EntityType.NODE_SET));
      long st = u.appendStep(1.5);
      assertEquals(2, st);
      u.writeReductionVariables(EntityType.ASSEMBLY, 100, st, new double[] {7, 1234.5}, 1);
      IllegalArgumentException none =
          assertThrows(
              IllegalArgumentException.class,
              () -> u.writeReductionVariables(EntityType.NODE_SET, 1, st, new double[1], 0));
      assertTrue(none.getMessage().contains("no reduction variables"), none.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> u.writeReductionVariables(EntityType.ASSEMBLY, 999, st, new double[1], 0));
      IndexOutOfBoundsException room =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> u.writeReductionVariables(EntityType.ASSEMBLY, 100, st, new double[1], 1));
      assertTrue(room.getMessage().contains("1 reduction values from offset 1 of 1"));
      assertThrows(
          IllegalStateException.class,
          () -> u.writeReductionVariables(EntityType.ASSEMBLY, 100, 5, new double[1], 0));
      u.commit();
    }
    String x = Exodus9.exref9(f, "-x");
    assertTrue(x.contains("x_red_vars\tassembly\t100\t2\t1002\n"), x);
    assertTrue(x.contains("x_red_vars\tassembly\t100\t3\t1234.5\n"), x);
  }
}
