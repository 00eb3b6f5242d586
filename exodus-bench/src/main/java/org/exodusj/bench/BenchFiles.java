package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.BlockSpec;
import org.exodusj.Definition;
import org.exodusj.EntityType;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusWriter;
import org.exodusj.SampleFiles;
import org.exodusj.SetSpec;

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

  /**
   * The file of {@code c/exmany.c}, written by the project's writer: a strip of {@code blocks} x 2
   * HEX8 elements along x, block b (id 100 + b) holding elements 2b and 2b+1; node set s (id 1000 +
   * s) the 4 nodes of the plane x = s mod (elements + 1); side set s (id 5000 + s) side 5 of
   * element s mod elements + 1; every block and set named; one nodal and one element variable (on
   * every block), one step.
   */
  static void writeManyBlocks(Path out, int blocks, int nodeSets, int sideSets) throws IOException {
    int ne = 2 * blocks;
    int planes = ne + 1;
    int nn = 4 * planes;
    Definition d =
        ExodusWriter.define(ExodusFormat.CDF2, "exmany: many blocks and sets", 3, nn)
            .coordinateNames("x", "y", "z")
            .nodalVariables("temperature")
            .variables(EntityType.ELEM_BLOCK, List.of("stress"), null);
    for (int b = 0; b < blocks; b++) {
      d.block(
          BlockSpec.of(EntityType.ELEM_BLOCK, 100 + b, "HEX8", 2, 8).named("block_" + (100 + b)));
    }
    for (int s = 0; s < nodeSets; s++) {
      d.set(SetSpec.of(EntityType.NODE_SET, 1000 + s, 4, 0).named("nodes_" + (1000 + s)));
    }
    for (int s = 0; s < sideSets; s++) {
      d.set(SetSpec.of(EntityType.SIDE_SET, 5000 + s, 1, 0).named("sides_" + (5000 + s)));
    }
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      double[][] xyz = new double[3][nn];
      for (int p = 0; p < planes; p++) {
        for (int c = 0; c < 4; c++) {
          int n = 4 * p + c;
          xyz[0][n] = p;
          xyz[1][n] = (c == 1 || c == 2) ? 1 : 0;
          xyz[2][n] = c >= 2 ? 1 : 0;
        }
      }
      for (int axis = 0; axis < 3; axis++) w.writeCoordinates(axis, 0, nn, xyz[axis], 0);
      long[] conn = new long[16];
      for (int b = 0; b < blocks; b++) {
        for (int k = 0; k < 2; k++) {
          int e = 2 * b + k;
          int c = 8 * k;
          conn[c] = 4L * e + 1;
          conn[c + 1] = 4L * (e + 1) + 1;
          conn[c + 2] = 4L * (e + 1) + 2;
          conn[c + 3] = 4L * e + 2;
          conn[c + 4] = 4L * e + 4;
          conn[c + 5] = 4L * (e + 1) + 4;
          conn[c + 6] = 4L * (e + 1) + 3;
          conn[c + 7] = 4L * e + 3;
        }
        w.writeConnectivity(EntityType.ELEM_BLOCK, 100 + b, 0, 2, conn, 0);
      }
      for (int s = 0; s < nodeSets; s++) {
        long p = s % planes;
        w.writeSet(
            EntityType.NODE_SET,
            1000 + s,
            0,
            4,
            new long[] {4 * p + 1, 4 * p + 2, 4 * p + 3, 4 * p + 4},
            null);
      }
      for (int s = 0; s < sideSets; s++) {
        w.writeSet(EntityType.SIDE_SET, 5000 + s, 0, 1, new long[] {s % ne + 1}, new long[] {5});
      }
      long r = w.beginStep(1.0);
      double[] v = new double[nn];
      for (int n = 0; n < nn; n++) v[n] = 1000.0 + n * 1e-3;
      w.writeNodalVariable(0, r, 0, nn, v, 0);
      for (int b = 0; b < blocks; b++) {
        w.writeVariable(
            EntityType.ELEM_BLOCK,
            0,
            100 + b,
            r,
            0,
            2,
            new double[] {10.0 + 2 * b * 0.5, 10.0 + (2 * b + 1) * 0.5},
            0);
      }
      w.commitStep();
    }
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
