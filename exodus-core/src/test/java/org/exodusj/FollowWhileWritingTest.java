package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader follows a file while another process appends steps: after every {@link
 * ExodusFile#refresh()} it sees only complete steps, each holding exactly its values, and it picks
 * up new ones as they are committed.
 */
class FollowWhileWritingTest {
  @TempDir Path dir;

  @Test
  void aFollowingReaderOnlyEverSeesCompleteSteps() throws Exception {
    Path f = dir.resolve("followed.e");
    SampleFiles.writeHexMesh(f, 12, 12, 12, 0, 3);
    Process writer = MultiProcessUpdateTest.start(UpdateWorkers.Appender.class, f.toString());
    long seen = 0;
    long refreshes = 0;
    long checked = 0;
    try (ExodusFile r = ExodusFile.open(f)) {
      long nn = r.nodeCount();
      double[] d = new double[(int) nn];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() < deadline) {
        r.refresh();
        refreshes++;
        long steps = r.timeStepCount();
        assertTrue(steps >= seen, "the step count never goes back");
        // Check the newest step: it must be complete although the writer is busy with the next.
        for (long s = Math.max(seen, steps - 2); s < steps; s++) {
          for (int v = 0; v < 3; v++) {
            r.readNodalVariable(v, s, 0, nn, d, 0);
            for (int n = 0; n < nn; n++) {
              if (d[n] != UpdateWorkers.value(v, s, n)) {
                throw new AssertionError(
                    "step "
                        + s
                        + " var "
                        + v
                        + " node "
                        + n
                        + " = "
                        + d[n]
                        + " after refresh "
                        + refreshes);
              }
            }
            checked += nn;
          }
        }
        seen = steps;
      }
    } finally {
      writer.destroyForcibly();
      writer.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(seen > 10, "the reader picked up new steps: " + seen);
    System.out.println(
        "follow: "
            + refreshes
            + " refreshes, "
            + seen
            + " steps seen, "
            + checked
            + " values checked");
  }
}
