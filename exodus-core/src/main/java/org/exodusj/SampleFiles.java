package org.exodusj;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Small Exodus files to try the tools on, written in the layout of libexodusII 6.02. The mesh and
 * values are those of the C-library generator {@code shared/tools/exgen.c}, so the two can be
 * compared: a structured HEX8 block (id 10), a node set (id 1) on x = 0, globals {@code energy} and
 * {@code momentum}, nodal variables {@code field_1..}, element variable {@code stress}.
 *
 * <p>Writing streams in chunks: memory stays bounded whatever the mesh size. It is written with
 * {@link ExodusWriter}, the general writer for any mesh and results; this class is a ready-made
 * file to try the tools on without any other tool.
 */
public final class SampleFiles {
  private static final int CHUNK = 1 << 16;

  private SampleFiles() {}

  /**
   * Writes a CDF-2 file with {@code (nx+1)(ny+1)(nz+1)} nodes, {@code nx*ny*nz} elements, {@code
   * steps} time steps and {@code nodalVars} nodal variables. Values: node {@code n} (0-based) of
   * nodal variable {@code v} (1-based) at step {@code s} (1-based) is {@code v*1000 + s + n*1e-3};
   * element {@code q} at step {@code s} is {@code s*10 + q*0.5}; globals {@code s*1.5, -s*0.25};
   * time {@code 0.1*s}.
   */
  public static void writeHexMesh(Path out, int nx, int ny, int nz, int steps, int nodalVars)
      throws IOException {
    writeHexMesh(out, nx, ny, nz, steps, nodalVars, ExodusFormat.CDF2, d -> d);
  }

  /**
   * As {@link #writeHexMesh(Path, int, int, int, int, int)}, in {@code format}, the definition
   * given to {@code options} before the file is created (compression, chunking, a compression
   * executor, ...): the same mesh and values in any layout, as the benchmarks write them.
   */
  public static void writeHexMesh(
      Path out,
      int nx,
      int ny,
      int nz,
      int steps,
      int nodalVars,
      ExodusFormat format,
      UnaryOperator<Definition> options)
      throws IOException {
    if (nx < 1 || ny < 1 || nz < 1 || steps < 0 || nodalVars < 0) {
      throw new IllegalArgumentException(
          "mesh "
              + nx
              + "x"
              + ny
              + "x"
              + nz
              + ", steps "
              + steps
              + ", nodal variables "
              + nodalVars);
    }
    long nn = (long) (nx + 1) * (ny + 1) * (nz + 1);
    long ne = (long) nx * ny * nz;
    long nsn = (long) (ny + 1) * (nz + 1);
    String[] fieldNames = new String[nodalVars];
    for (int v = 0; v < nodalVars; v++) fieldNames[v] = "field_" + (v + 1);
    Definition d =
        ExodusWriter.define(format, "exgen structured hex mesh", 3, nn)
            .coordinateNames("x", "y", "z")
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", ne, 8))
            .set(SetSpec.of(EntityType.NODE_SET, 1, nsn, 0))
            .globalVariables("energy", "momentum")
            .nodalVariables(fieldNames)
            .variables(EntityType.ELEM_BLOCK, List.of("stress"), null);
    d = java.util.Objects.requireNonNull(options.apply(d), "options returned no definition");
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      // Coordinates, node order: x fastest.
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
      // Connectivity
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
      // Node set on x = 0
      long[] ns = new long[CHUNK];
      for (long first = 0; first < nsn; first += CHUNK) {
        int n = (int) Math.min(CHUNK, nsn - first);
        for (int i = 0; i < n; i++) {
          long q = first + i;
          ns[i] = nid(0, q % (ny + 1), q / (ny + 1), nx, ny);
        }
        w.writeSet(EntityType.NODE_SET, 1, first, n, ns, null);
      }
      // Steps: each complete step is committed before the next begins.
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
