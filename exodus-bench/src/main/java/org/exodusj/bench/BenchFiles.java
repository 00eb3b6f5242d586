package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Files for benchmarks: generated, never committed. */
final class BenchFiles {
  private BenchFiles() {}

  /** Runs netCDF-C's nccopy with {@code options} from {@code in} to {@code out}. */
  static void nccopy(Path in, Path out, String... options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("nccopy"));
    cmd.addAll(List.of(options));
    cmd.add(in.toString());
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (is netcdf-bin installed?)");
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
