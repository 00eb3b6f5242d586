package org.exodusj;

/**
 * The values exgen.c (and {@link SampleFiles}) write, as functions: the oracle for reads of files
 * the C library made. Indices here are 0-based (node, element, step, variable).
 */
public final class ExgenOracle {
  public final int nx;
  public final int ny;
  public final int nz;

  public ExgenOracle(int nx, int ny, int nz) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
  }

  public long nodes() {
    return (long) (nx + 1) * (ny + 1) * (nz + 1);
  }

  public long elements() {
    return (long) nx * ny * nz;
  }

  public double coord(int axis, long node) {
    long a = node % (nx + 1);
    long j = (node / (nx + 1)) % (ny + 1);
    long k = node / ((long) (nx + 1) * (ny + 1));
    return switch (axis) {
      case 0 -> a * 0.5;
      case 1 -> j * 0.25 + 1e-3 * a;
      default -> k * 2.0 - 1e-4 * j;
    };
  }

  public long nid(long a, long j, long k) {
    return k * (ny + 1) * (nx + 1) + j * (nx + 1) + a + 1;
  }

  /** Node {@code c} (0..7) of element {@code e}, 1-based as stored. */
  public long conn(long e, int c) {
    long a = e % nx;
    long j = (e / nx) % ny;
    long k = e / ((long) nx * ny);
    return switch (c) {
      case 0 -> nid(a, j, k);
      case 1 -> nid(a + 1, j, k);
      case 2 -> nid(a + 1, j + 1, k);
      case 3 -> nid(a, j + 1, k);
      case 4 -> nid(a, j, k + 1);
      case 5 -> nid(a + 1, j, k + 1);
      case 6 -> nid(a + 1, j + 1, k + 1);
      default -> nid(a, j + 1, k + 1);
    };
  }

  /** The 8 nodes of element {@code e}, 1-based as stored. */
  public java.util.List<Long> connectivity(long e) {
    Long[] nodes = new Long[8];
    for (int c = 0; c < 8; c++) {
      nodes[c] = conn(e, c);
    }
    return java.util.List.of(nodes);
  }

  public long nodeSetEntry(long q) {
    return nid(0, q % (ny + 1), q / (ny + 1));
  }

  public double time(long step) {
    return 0.1 * (step + 1);
  }

  public double global(int var, long step) {
    long s = step + 1;
    return var == 0 ? s * 1.5 : -s * 0.25;
  }

  public double nodal(int var, long step, long node) {
    return (var + 1) * 1000.0 + (step + 1) + node * 1e-3;
  }

  public double element(long step, long elem) {
    return (step + 1) * 10.0 + elem * 0.5;
  }
}
