package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process appending steps is killed (SIGKILL) at random moments; after each kill the file
 * opens, and every counted step holds exactly the values written, and the next process appends on
 * from there. The trial count is {@code -Dexodusj.crashTrials} (default 30 in the build; the
 * reliability runs use 100 and more).
 */
class CrashDuringAppendTest {
  @TempDir Path dir;

  @Test
  void killedAppendsNeverLeaveAHalfWrittenStepCounted() throws Exception {
    int trials = Integer.getInteger("exodusj.crashTrials", 30);
    Path f = dir.resolve("appending.e");
    SampleFiles.writeHexMesh(f, 10, 10, 10, 0, 3); // 1331 nodes, 3 nodal variables, no steps
    Random r = new Random(7);
    long previous = 0;
    long valuesChecked = 0;
    for (int t = 0; t < trials; t++) {
      Process p = MultiProcessUpdateTest.start(UpdateWorkers.Appender.class, f.toString());
      Thread.sleep(300 + r.nextInt(700)); // JVM start-up, then a random moment of appending
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      try (ExodusFile e = ExodusFile.open(f)) {
        long steps = e.timeStepCount();
        assertTrue(
            steps >= previous, "trial " + t + ": steps went from " + previous + " to " + steps);
        long nn = e.nodeCount();
        double[] d = new double[(int) nn];
        for (int v = 0; v < 3; v++) {
          for (long s = previous; s < steps; s++) {
            e.readNodalVariable(v, s, 0, nn, d, 0);
            for (int n = 0; n < nn; n++) {
              if (d[n] != UpdateWorkers.value(v, s, n)) {
                throw new AssertionError(
                    "trial " + t + ": var " + v + " step " + s + " node " + n + " = " + d[n]);
              }
            }
            valuesChecked += nn;
          }
        }
        double[] times = e.times();
        for (int s = 0; s < steps; s++) assertEquals(0.5 * (s + 1), times[s], "time of step " + s);
        previous = steps;
      }
    }
    assertTrue(previous > 0, "some steps were committed");
    System.out.println(
        "crash test: "
            + trials
            + " kills, "
            + previous
            + " steps committed, "
            + valuesChecked
            + " values checked");
  }
}
