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
 * from there; and the same while another process updates existing steps in place. The trial count
 * is {@code -Dexodusj.crashTrials} (default 100).
 */
class CrashDuringAppendTest {
  @TempDir Path dir;

  @Test
  void killedAppendsNeverLeaveAHalfWrittenStepCounted() throws Exception {
    int trials = Integer.getInteger("exodusj.crashTrials", 100);
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
      try (ExodusFile e = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
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
    CrashReport.appendTrials = trials;
    CrashReport.appendValues = valuesChecked;
    System.out.println(
        "crash test: "
            + trials
            + " kills, "
            + previous
            + " steps committed, "
            + valuesChecked
            + " values checked");
  }

  @Test
  void killedInPlaceUpdatesLeaveEveryValueWholeAndNeighboursUntouched() throws Exception {
    int trials = Integer.getInteger("exodusj.crashTrials", 100);
    Path f = dir.resolve("updating.e");
    SampleFiles.writeHexMesh(f, 10, 10, 10, 0, 2);
    int steps = 4;
    long nn;
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      try (ExodusFile e = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
        nn = e.nodeCount();
      }
      double[] buf = new double[(int) nn];
      for (int s = 0; s < steps; s++) {
        long st = u.appendStep(s);
        for (int v = 0; v < 2; v++) {
          for (int n = 0; n < nn; n++) buf[n] = UpdateWorkers.value(v, st, n);
          u.writeNodalVariable(v, st, 0, nn, buf, 0);
        }
      }
      u.commit();
    }
    Random r = new Random(11);
    long checked = 0;
    long newest = 0;
    for (int t = 0; t < trials; t++) {
      Process p = MultiProcessUpdateTest.start(UpdateWorkers.InPlace.class, f.toString());
      Thread.sleep(300 + r.nextInt(700));
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      try (ExodusFile e = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
        assertEquals(steps, e.timeStepCount());
        double[] d = new double[(int) nn];
        for (int s = 0; s < steps; s++) {
          e.readNodalVariable(0, s, 0, nn, d, 0);
          for (int n = 0; n < nn; n++) {
            double k = d[n] - UpdateWorkers.value(0, s, n);
            if (k < 0 || k != Math.rint(k)) {
              throw new AssertionError(
                  "trial "
                      + t
                      + ": torn or foreign value "
                      + d[n]
                      + " at step "
                      + s
                      + " node "
                      + n);
            }
            newest = Math.max(newest, (long) k);
          }
          e.readNodalVariable(1, s, 0, nn, d, 0);
          for (int n = 0; n < nn; n++) {
            assertEquals(
                UpdateWorkers.value(1, s, n), d[n], "trial " + t + ": a neighbour changed");
          }
          checked += 2 * nn;
        }
      }
    }
    assertTrue(newest > 0, "updates happened");
    CrashReport.inPlaceTrials = trials;
    CrashReport.inPlaceValues = checked;
    System.out.println(
        "in-place crash test: "
            + trials
            + " kills, "
            + newest
            + " update rounds reached, "
            + checked
            + " values checked");
  }

  /** Figures for docs/reliability.md, printed by the tests. */
  static final class CrashReport {
    static int appendTrials;
    static long appendValues;
    static int inPlaceTrials;
    static long inPlaceValues;

    private CrashReport() {}
  }
}
