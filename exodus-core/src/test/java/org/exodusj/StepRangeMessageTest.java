package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step outside the file is refused by every read that takes steps with one message: the file's
 * path, the range asked for and the file's step count (as the chunk iterators say it), not the
 * storage's message about a netCDF variable's dimension. The files and their step count come from
 * the C library (exgen).
 */
class StepRangeMessageTest {
  @TempDir Path dir;

  @FunctionalInterface
  interface Read {
    void run(ExodusFile f, long step) throws Exception;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void everyStepReadNamesTheFileAndItsStepCount(String format) throws Exception {
    int steps = 3;
    Path p = CTools.exgen(dir.resolve("g-" + format + ".e"), 2, 2, 2, steps, 2, format);
    double[] buf = new double[64];
    Map<String, Read> reads =
        Map.of(
            "readTimes", (f, s) -> f.readTimes(s, 1, buf, 0),
            "readGlobalVariables", (f, s) -> f.readGlobalVariables(s, buf, 0),
            "readGlobalVariableHistory", (f, s) -> f.readGlobalVariableHistory(0, s, 1, buf, 0),
            "readNodalVariable", (f, s) -> f.readNodalVariable(0, s, 0, 2, buf, 0),
            "readNodalVariableHistory", (f, s) -> f.readNodalVariableHistory(0, 1, s, 1, buf, 0),
            "nodalVariableView", (f, s) -> f.nodalVariableView(0, s),
            "readVariable",
                (f, s) -> f.readVariable(EntityType.ELEM_BLOCK, 0, blockId(f), s, 0, 2, buf, 0),
            "readVariableHistory",
                (f, s) ->
                    f.readVariableHistory(EntityType.ELEM_BLOCK, 0, blockId(f), 1, s, 1, buf, 0),
            "variableView", (f, s) -> f.variableView(EntityType.ELEM_BLOCK, 0, blockId(f), s));
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(steps, f.timeStepCount());
      for (var r : reads.entrySet()) {
        r.getValue().run(f, steps - 1); // the last step reads
        for (long bad : List.of((long) steps, steps + 797L, -1L)) {
          IndexOutOfBoundsException e =
              assertThrows(
                  IndexOutOfBoundsException.class,
                  () -> r.getValue().run(f, bad),
                  r.getKey() + " step " + bad);
          String m = e.getMessage();
          assertTrue(
              m.startsWith(p + ": steps firstStep=" + bad + " stepCount=1 outside the "),
              r.getKey() + ": " + m);
          assertTrue(m.endsWith("outside the " + steps + " time steps of the file"), m);
        }
      }
    }
  }

  private static long blockId(ExodusFile f) {
    return f.blocks(EntityType.ELEM_BLOCK).get(0).id();
  }
}
