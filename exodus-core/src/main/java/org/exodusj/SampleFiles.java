package org.exodusj;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.cdf.CdfFormat;
import org.exodusj.internal.cdf.CdfSchema;
import org.exodusj.internal.cdf.CdfVariable;
import org.exodusj.internal.cdf.CdfWriter;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;

/**
 * Small Exodus files to try the tools on, written in the layout of libexodusII 6.02. The mesh and
 * values are those of the C-library generator {@code shared/tools/exgen.c}, so the two can be
 * compared: a structured HEX8 block (id 10), a node set (id 1) on x = 0, globals {@code energy} and
 * {@code momentum}, nodal variables {@code field_1..}, element variable {@code stress}.
 *
 * <p>Writing streams in chunks: memory stays bounded whatever the mesh size. The full writer API
 * comes later; this is the project's way to make a file without any other tool.
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
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("len_string", 33).dimension("len_line", 81).dimension("four", 4);
    s.dimension("len_name", 33).unlimitedDimension("time_step");
    s.dimension("num_dim", 3).dimension("num_nodes", nn).dimension("num_elem", ne);
    s.dimension("num_el_blk", 1).dimension("num_node_sets", 1);
    s.dimension("num_el_in_blk1", ne).dimension("num_nod_per_el1", 8);
    s.dimension("num_nod_ns1", nsn).dimension("num_glo_var", 2);
    if (nodalVars > 0) {
      s.dimension("num_nod_var", nodalVars);
    }
    s.dimension("num_elem_var", 1);
    s.variable("time_whole", DataType.DOUBLE, List.of("time_step"));
    s.variable("eb_status", DataType.INT, List.of("num_el_blk"));
    s.variable("eb_prop1", DataType.INT, List.of("num_el_blk"), Attribute.text("name", "ID"));
    s.variable("ns_status", DataType.INT, List.of("num_node_sets"));
    s.variable("ns_prop1", DataType.INT, List.of("num_node_sets"), Attribute.text("name", "ID"));
    for (String c : new String[] {"coordx", "coordy", "coordz"}) {
      s.variable(c, DataType.DOUBLE, List.of("num_nodes"));
    }
    s.variable("eb_names", DataType.CHAR, List.of("num_el_blk", "len_name"));
    s.variable("ns_names", DataType.CHAR, List.of("num_node_sets", "len_name"));
    s.variable("coor_names", DataType.CHAR, List.of("num_dim", "len_name"));
    s.variable(
        "connect1",
        DataType.INT,
        List.of("num_el_in_blk1", "num_nod_per_el1"),
        Attribute.text("elem_type", "HEX8"));
    s.variable("node_ns1", DataType.INT, List.of("num_nod_ns1"));
    s.variable("name_glo_var", DataType.CHAR, List.of("num_glo_var", "len_name"));
    s.variable("vals_glo_var", DataType.DOUBLE, List.of("time_step", "num_glo_var"));
    for (int v = 1; v <= nodalVars; v++) {
      s.variable("vals_nod_var" + v, DataType.DOUBLE, List.of("time_step", "num_nodes"));
    }
    if (nodalVars > 0) {
      s.variable("name_nod_var", DataType.CHAR, List.of("num_nod_var", "len_name"));
    }
    s.variable("name_elem_var", DataType.CHAR, List.of("num_elem_var", "len_name"));
    s.variable("vals_elem_var1eb1", DataType.DOUBLE, List.of("time_step", "num_el_in_blk1"));
    s.attribute(Attribute.reals("api_version", DataType.FLOAT, 6.019999980926514));
    s.attribute(Attribute.reals("version", DataType.FLOAT, 6.019999980926514));
    s.attribute(Attribute.integers("floating_point_word_size", DataType.INT, 8));
    s.attribute(Attribute.integers("file_size", DataType.INT, 1));
    s.attribute(Attribute.integers("maximum_name_length", DataType.INT, 32));
    s.attribute(Attribute.integers("int64_status", DataType.INT, 0));
    s.attribute(Attribute.text("title", "exgen structured hex mesh"));

    try (CdfWriter w = CdfWriter.create(out, s, new CdfWriter.Options(false, false, 0))) {
      w.write(w.variable("eb_status"), new long[] {0}, new long[] {1}, new int[] {1}, 0);
      w.write(w.variable("eb_prop1"), new long[] {0}, new long[] {1}, new int[] {10}, 0);
      w.write(w.variable("ns_status"), new long[] {0}, new long[] {1}, new int[] {1}, 0);
      w.write(w.variable("ns_prop1"), new long[] {0}, new long[] {1}, new int[] {1}, 0);
      writeNames(w, "eb_names", List.of(""));
      writeNames(w, "ns_names", List.of(""));
      writeNames(w, "coor_names", List.of("x", "y", "z"));
      writeNames(w, "name_glo_var", List.of("energy", "momentum"));
      if (nodalVars > 0) {
        String[] names = new String[nodalVars];
        for (int v = 0; v < nodalVars; v++) names[v] = "field_" + (v + 1);
        writeNames(w, "name_nod_var", List.of(names));
      }
      writeNames(w, "name_elem_var", List.of("stress"));

      // Coordinates, node order: x fastest.
      double[][] xyz = new double[3][CHUNK];
      String[] axes = {"coordx", "coordy", "coordz"};
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
        for (int d = 0; d < 3; d++) {
          w.write(w.variable(axes[d]), new long[] {first}, new long[] {n}, xyz[d], 0);
        }
      }
      // Connectivity
      int perChunk = CHUNK / 8;
      int[] conn = new int[perChunk * 8];
      CdfVariable connect = w.variable("connect1");
      for (long first = 0; first < ne; first += perChunk) {
        int n = (int) Math.min(perChunk, ne - first);
        for (int i = 0; i < n; i++) {
          long e = first + i;
          long a = e % nx;
          long j = (e / nx) % ny;
          long k = e / ((long) nx * ny);
          int[] c = {
            nid(a, j, k, nx, ny), nid(a + 1, j, k, nx, ny), nid(a + 1, j + 1, k, nx, ny),
            nid(a, j + 1, k, nx, ny), nid(a, j, k + 1, nx, ny), nid(a + 1, j, k + 1, nx, ny),
            nid(a + 1, j + 1, k + 1, nx, ny), nid(a, j + 1, k + 1, nx, ny)
          };
          System.arraycopy(c, 0, conn, 8 * i, 8);
        }
        w.write(connect, new long[] {first, 0}, new long[] {n, 8}, conn, 0);
      }
      // Node set on x = 0
      int[] ns = new int[CHUNK];
      for (long first = 0; first < nsn; first += CHUNK) {
        int n = (int) Math.min(CHUNK, nsn - first);
        for (int i = 0; i < n; i++) {
          long q = first + i;
          ns[i] = nid(0, q % (ny + 1), q / (ny + 1), nx, ny);
        }
        w.write(w.variable("node_ns1"), new long[] {first}, new long[] {n}, ns, 0);
      }
      // Steps: each complete step is committed before the next begins.
      double[] vals = new double[CHUNK];
      for (int st = 1; st <= steps; st++) {
        long r = st - 1;
        w.write(
            w.variable("time_whole"), new long[] {r}, new long[] {1}, new double[] {0.1 * st}, 0);
        w.write(
            w.variable("vals_glo_var"),
            new long[] {r, 0},
            new long[] {1, 2},
            new double[] {st * 1.5, -st * 0.25},
            0);
        for (int v = 1; v <= nodalVars; v++) {
          CdfVariable var = w.variable("vals_nod_var" + v);
          for (long first = 0; first < nn; first += CHUNK) {
            int n = (int) Math.min(CHUNK, nn - first);
            for (int i = 0; i < n; i++) vals[i] = v * 1000.0 + st + (first + i) * 1e-3;
            w.write(var, new long[] {r, first}, new long[] {1, n}, vals, 0);
          }
        }
        CdfVariable ev = w.variable("vals_elem_var1eb1");
        for (long first = 0; first < ne; first += CHUNK) {
          int n = (int) Math.min(CHUNK, ne - first);
          for (int i = 0; i < n; i++) vals[i] = st * 10.0 + (first + i) * 0.5;
          w.write(ev, new long[] {r, first}, new long[] {1, n}, vals, 0);
        }
        w.commit();
      }
    }
  }

  private static int nid(long a, long j, long k, int nx, int ny) {
    return (int) (k * (ny + 1) * (nx + 1) + j * (nx + 1) + a + 1);
  }

  private static void writeNames(CdfWriter w, String var, List<String> names) throws IOException {
    CdfVariable v = w.variable(var);
    for (int i = 0; i < names.size(); i++) {
      w.writeText(v, new long[] {i, 0}, new long[] {1, 33}, names.get(i));
    }
  }
}
