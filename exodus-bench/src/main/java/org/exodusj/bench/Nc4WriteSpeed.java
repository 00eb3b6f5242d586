package org.exodusj.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusWriter;

/**
 * The Java twin of {@code exodus-bench/c/exgenz.c} ({@code shared/tools/exgen.c} writing NetCDF-4
 * with deflate and shuffle through the C library): writes the same N^3 HEX8 mesh and results, with
 * the same values, as NetCDF-4 through {@link ExodusWriter} with deflate LEVEL (+ shuffle),
 * compressing on THREADS threads ({@code compressionExecutor}; 1: on the writing thread), and
 * prints the best time of {@code reps}.
 *
 * <p>usage: {@code Nc4WriteSpeed OUT N STEPS VARS LEVEL SHUFFLE(0|1) THREADS [reps]}
 */
public final class Nc4WriteSpeed {
  private static final int CHUNK = 1 << 16;

  private Nc4WriteSpeed() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int vars = Integer.parseInt(args[3]);
    int level = Integer.parseInt(args[4]);
    boolean shuffle = Integer.parseInt(args[5]) != 0;
    int threads = Integer.parseInt(args[6]);
    int reps = args.length > 7 ? Integer.parseInt(args[7]) : 3;
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      double best = 1e9;
      for (int r = 0; r < reps; r++) {
        long a = System.nanoTime();
        write(out, n, n, n, steps, vars, level, shuffle, pool);
        best = Math.min(best, (System.nanoTime() - a) / 1e9);
      }
      System.out.printf("write best=%.3f s%n", best);
    } finally {
      if (pool != null) pool.shutdown();
    }
  }

  /** exgen's mesh and values (see {@code SampleFiles.writeHexMesh}), as NetCDF-4 with filters. */
  static void write(
      Path out,
      int nx,
      int ny,
      int nz,
      int steps,
      int nodalVars,
      int level,
      boolean shuffle,
      ExecutorService pool)
      throws java.io.IOException {
    long nn = (long) (nx + 1) * (ny + 1) * (nz + 1);
    long ne = (long) nx * ny * nz;
    long nsn = (long) (ny + 1) * (nz + 1);
    String[] fieldNames = new String[nodalVars];
    for (int v = 0; v < nodalVars; v++) fieldNames[v] = "field_" + (v + 1);
    // The definition's type is not named: it moves to a file of its own.
    var d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "exgen structured hex mesh", 3, nn)
            .coordinateNames("x", "y", "z")
            .block(org.exodusj.BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", ne, 8))
            .set(org.exodusj.SetSpec.of(EntityType.NODE_SET, 1, nsn, 0))
            .globalVariables("energy", "momentum")
            .nodalVariables(fieldNames)
            .variables(EntityType.ELEM_BLOCK, List.of("stress"), null)
            .compression(level, shuffle)
            .compressionExecutor(pool);
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      double[][] xyz = new double[3][CHUNK];
      for (long first = 0; first < nn; first += CHUNK) {
        int n = (int) Math.min(CHUNK, nn - first);
        for (int i = 0; i < n; i++) {
          long node = first + i;
          long a = node % (nx + 1);
          long j = (node / (nx + 1)) % (ny + 1);
          long k = node / ((long) (nx + 1) * (ny + 1));
          xyz[0][i] = a * 0.5;
          xyz[1][i] = j * 0.25 + 1e-3 * a;
          xyz[2][i] = k * 2.0 - 1e-4 * j;
        }
        for (int axis = 0; axis < 3; axis++) {
          w.writeCoordinates(axis, first, n, xyz[axis], 0);
        }
      }
      int perChunk = CHUNK / 8;
      long[] conn = new long[perChunk * 8];
      for (long first = 0; first < ne; first += perChunk) {
        int n = (int) Math.min(perChunk, ne - first);
        for (int i = 0; i < n; i++) {
          long e = first + i;
          long a = e % nx;
          long j = (e / nx) % ny;
          long k = e / ((long) nx * ny);
          int c = 8 * i;
          conn[c] = nid(a, j, k, nx, ny);
          conn[c + 1] = nid(a + 1, j, k, nx, ny);
          conn[c + 2] = nid(a + 1, j + 1, k, nx, ny);
          conn[c + 3] = nid(a, j + 1, k, nx, ny);
          conn[c + 4] = nid(a, j, k + 1, nx, ny);
          conn[c + 5] = nid(a + 1, j, k + 1, nx, ny);
          conn[c + 6] = nid(a + 1, j + 1, k + 1, nx, ny);
          conn[c + 7] = nid(a, j + 1, k + 1, nx, ny);
        }
        w.writeConnectivity(EntityType.ELEM_BLOCK, 10, first, n, conn, 0);
      }
      long[] ns = new long[CHUNK];
      for (long first = 0; first < nsn; first += CHUNK) {
        int n = (int) Math.min(CHUNK, nsn - first);
        for (int i = 0; i < n; i++) {
          long q = first + i;
          ns[i] = nid(0, q % (ny + 1), q / (ny + 1), nx, ny);
        }
        w.writeSet(EntityType.NODE_SET, 1, first, n, ns, null);
      }
      double[] vals = new double[CHUNK];
      for (int st = 1; st <= steps; st++) {
        long r = w.beginStep(0.1 * st);
        w.writeGlobalVariables(r, new double[] {st * 1.5, -st * 0.25}, 0);
        for (int v = 1; v <= nodalVars; v++) {
          for (long first = 0; first < nn; first += CHUNK) {
            int n = (int) Math.min(CHUNK, nn - first);
            for (int i = 0; i < n; i++) vals[i] = v * 1000.0 + st + (first + i) * 1e-3;
            w.writeNodalVariable(v - 1, r, first, n, vals, 0);
          }
        }
        for (long first = 0; first < ne; first += CHUNK) {
          int n = (int) Math.min(CHUNK, ne - first);
          for (int i = 0; i < n; i++) vals[i] = st * 10.0 + (first + i) * 0.5;
          w.writeVariable(EntityType.ELEM_BLOCK, 0, 10, r, first, n, vals, 0);
        }
        w.commitStep();
      }
    }
  }

  private static int nid(long a, long j, long k, int nx, int ny) {
    return (int) (k * (ny + 1) * (nx + 1) + j * (nx + 1) + a + 1);
  }
}
