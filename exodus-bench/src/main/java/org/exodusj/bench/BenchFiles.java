package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFormat;
import org.exodusj.SampleFiles;

/** Files for benchmarks: generated, never committed. */
final class BenchFiles {
  private BenchFiles() {}

  /** Steps and nodal variables of every benchmark mesh. */
  static final int STEPS = 5;

  static final int NODAL_VARS = 3;

  /**
   * The storage formats the benchmarks compare: {@code cdf2}, {@code cdf5}, {@code nc4} (NetCDF-4,
   * contiguous: the time dimension made fixed so that every variable is contiguous), {@code
   * nc4-deflate-shuffle} (netCDF-C's default chunks, deflate level 1 + shuffle) and {@code
   * nc4-time-chunked} (chunks of all 5 steps x 32,768 nodes (or all nodes, where fewer), deflate 1
   * + shuffle: made for histories).
   */
  static final List<String> FORMATS =
      List.of("cdf2", "cdf5", "nc4", "nc4-deflate-shuffle", "nc4-time-chunked");

  /**
   * The benchmark mesh with {@code (n+1)^3} nodes in {@code format}, generated once by the
   * project's writer (then converted by the project's converter, or by netCDF-C's nccopy for the
   * NetCDF-4 variants) into {@code exodusj.bench.dir} (default: a folder in the temp dir) and
   * reused by later runs and forks. Values are those of {@code SampleFiles.writeHexMesh}.
   */
  static synchronized Path mesh(int n, String format) throws IOException, InterruptedException {
    Path dir =
        Path.of(
            System.getProperty(
                "exodusj.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "exodusj-bench").toString()));
    Files.createDirectories(dir);
    Path out = dir.resolve("mesh-" + n + "-" + format + ".e");
    if (Files.exists(out)) return out;
    Path tmp = dir.resolve(out.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    switch (format) {
      case "cdf2" -> SampleFiles.writeHexMesh(tmp, n, n, n, STEPS, NODAL_VARS);
      case "cdf5" -> ExodusConverter.convert(mesh(n, "cdf2"), tmp, ExodusFormat.CDF5, false, null);
      case "nc4" -> nccopy(mesh(n, "cdf2"), tmp, "-k", "nc4", "-u");
      case "nc4-deflate-shuffle" -> nccopy(mesh(n, "cdf2"), tmp, "-k", "nc4", "-d", "1", "-s");
      case "nc4-time-chunked" ->
          nccopy(
              mesh(n, "cdf2"),
              tmp,
              "-k",
              "nc4",
              "-d",
              "1",
              "-s",
              "-c",
              // netCDF-C refuses chunks longer than a fixed dimension
              "time_step/"
                  + STEPS
                  + ",num_nodes/"
                  + Math.min(32768, (long) (n + 1) * (n + 1) * (n + 1)));
      default -> throw new IllegalArgumentException("format " + format + ": one of " + FORMATS);
    }
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    return out;
  }

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
