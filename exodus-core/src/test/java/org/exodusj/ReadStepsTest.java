package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code readGlobalVariableSteps}, {@code readNodalVariableSteps} and {@code readVariableSteps}: a
 * range of steps in one read, step by step, equal to the C library's reading of every step (the
 * corpus's reference dumps, {@code exref}: {@code global_vars}, {@code nodal_var}, {@code elem_var}
 * ... records), classic and NetCDF-4 files alike; a sub-range at an offset leaves the neighbours
 * untouched; ranges and buffers that do not fit are refused with their numbers.
 */
class ReadStepsTest {
  static Stream<Path> references() throws Exception {
    return ReferenceDump.all();
  }

  private static final double SENTINEL = -12345.5;

  /** The values of {@code steps} from {@code first} read as one, at offset 3 among sentinels. */
  private interface StepsRead {
    void read(long first, long count, double[] dst, int off) throws Exception;
  }

  private static void sameAsReference(String what, StepsRead read, List<double[]> perStep, int n)
      throws Exception {
    int steps = perStep.size();
    double[] all = new double[steps * n];
    read.read(0, steps, all, 0);
    for (int s = 0; s < steps; s++) {
      assertArrayEquals(
          perStep.get(s), Arrays.copyOfRange(all, s * n, (s + 1) * n), what + " step " + (s + 1));
    }
    if (steps >= 3) {
      double[] part = new double[3 + (steps - 2) * n + 2];
      Arrays.fill(part, SENTINEL);
      read.read(1, steps - 2, part, 3);
      for (int s = 1; s < steps - 1; s++) {
        int at = 3 + (s - 1) * n;
        assertArrayEquals(
            perStep.get(s), Arrays.copyOfRange(part, at, at + n), what + " step " + (s + 1));
      }
      for (int i : new int[] {0, 1, 2, part.length - 2, part.length - 1}) {
        assertEquals(SENTINEL, part[i], what + ": neighbour " + i + " touched");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void stepsInOneReadAreTheCLibrarysReading(Path ref) throws Exception {
    ReferenceDump d = ReferenceDump.load(ref);
    int steps = (int) d.count("num_time_steps");
    long nodes = d.count("num_nodes");
    if (steps == 0 || nodes * steps > 2_000_000) return; // nothing to read, or too large here
    try (ExodusFile f = ExodusFile.open(ReferenceDump.fileOf(ref))) {
      if (f.timeStepsInFile() < steps) return; // cut short: the dump lists zeros (TruncatedFile)
      List<String[]> g = d.all("global_vars");
      if (!g.isEmpty() && g.size() == steps) {
        int n = g.get(0).length - 2;
        sameAsReference(
            "global_vars",
            (first, count, dst, off) -> f.readGlobalVariableSteps(first, count, dst, off),
            g.stream().map(r -> ReferenceDump.reals(r, 2)).toList(),
            n);
      }
      List<String> nodal = f.variableNames(EntityType.NODAL);
      for (int v = 0; v < nodal.size(); v++) {
        String name = nodal.get(v);
        List<double[]> perStep =
            d.all("nodal_var").stream()
                .filter(r -> r[1].equals(name))
                .map(r -> ReferenceDump.reals(r, 3))
                .toList();
        if (perStep.size() != steps) continue; // no record from the C library (stored short)
        int var = v;
        sameAsReference(
            "nodal_var " + name,
            (first, count, dst, off) -> f.readNodalVariableSteps(var, first, count, dst, off),
            perStep,
            (int) nodes);
      }
      List<String> elem = f.variableNames(EntityType.ELEM_BLOCK);
      for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
        for (int v = 0; v < elem.size(); v++) {
          String name = elem.get(v);
          String id = Long.toString(b.id());
          List<double[]> perStep =
              d.all("elem_var").stream()
                  .filter(r -> r[1].equals(name) && r[2].equals(id))
                  .map(r -> ReferenceDump.reals(r, 4))
                  .toList();
          if (perStep.size() != steps || b.entryCount() == 0) continue;
          int var = v;
          sameAsReference(
              "elem_var " + name + " block " + id,
              (first, count, dst, off) ->
                  f.readVariableSteps(EntityType.ELEM_BLOCK, var, b.id(), first, count, dst, off),
              perStep,
              (int) b.entryCount());
        }
      }
    }
  }

  @Test
  void rangesThatDoNotFitAreRefusedWithTheirNumbers() throws Exception {
    Path file = ExternalTools.corpus().resolve("exodusii__test__data__noh.exo");
    try (ExodusFile f = ExodusFile.open(file)) {
      long steps = f.timeStepCount();
      long nodes = f.nodeCount();
      assertTrue(steps > 2 && nodes > 0);
      IndexOutOfBoundsException e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.readNodalVariableSteps(0, steps - 1, 2, new double[(int) (2 * nodes)], 0));
      assertTrue(
          e.getMessage().contains("firstStep=" + (steps - 1) + " stepCount=2"), e::getMessage);
      assertTrue(e.getMessage().contains(file.toString()), e::getMessage);
      e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.readNodalVariableSteps(0, 0, 2, new double[(int) (2 * nodes)], 1));
      assertTrue(
          e.getMessage().contains("2 steps of " + nodes + " values into dst.length=" + 2 * nodes),
          e::getMessage);
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.readVariableSteps(EntityType.ELEM_BLOCK, 0, b.id(), 0, 3, new double[10], 0));
      assertTrue(e.getMessage().contains("3 steps of " + b.entryCount()), e::getMessage);
      int ng = f.variableNames(EntityType.GLOBAL).size();
      e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.readGlobalVariableSteps(-1, 1, new double[ng], 0));
      assertTrue(e.getMessage().contains("firstStep=-1"), e::getMessage);
      double[] none = new double[0];
      f.readNodalVariableSteps(0, steps, 0, none, 0); // an empty range at the end is a range
    }
  }
}
