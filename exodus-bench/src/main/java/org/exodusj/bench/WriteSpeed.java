package org.exodusj.bench;

import java.nio.file.Path;
import org.exodusj.SampleFiles;

/**
 * The Java twin of {@code exgen N N N STEPS VARS}: writes the same HEX8 mesh and results with this
 * library's streaming writer and prints the best time of {@code reps}.
 *
 * <p>usage: {@code WriteSpeed OUT N STEPS VARS [reps]}
 */
public final class WriteSpeed {
  private WriteSpeed() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int vars = Integer.parseInt(args[3]);
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
      long a = System.nanoTime();
      SampleFiles.writeHexMesh(out, n, n, n, steps, vars);
      best = Math.min(best, (System.nanoTime() - a) / 1e9);
    }
    System.out.printf(java.util.Locale.ROOT, "write best=%.3f s%n", best);
  }
}
