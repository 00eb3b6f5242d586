package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exodusj.internal.cdf.CdfFormat;
import org.exodusj.internal.cdf.CdfSchema;
import org.exodusj.internal.cdf.CdfWriter;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old layouts: coordinates packed in {@code coord(num_dim, num_nodes)}, nodal variables packed
 * in {@code vals_nod_var(time_step, num_nod_var, num_nodes)}, the element order map {@code
 * elem_map}, 4-byte reals, names in {@code len_string}. Written with the codec, read through the
 * API, and compared with the reference C library's reading.
 */
class LegacyLayoutTest {
  @TempDir Path dir;

  @Test
  void packedCoordinatesAndNodalVariablesReadLikeTheCLibrary() throws Exception {
    Path p = dir.resolve("legacy.e");
    CdfSchema s = new CdfSchema(CdfFormat.CDF1);
    s.dimension("len_string", 33).dimension("len_line", 81).dimension("four", 4);
    s.unlimitedDimension("time_step").dimension("num_dim", 2).dimension("num_nodes", 4);
    s.dimension("num_elem", 1).dimension("num_el_blk", 1).dimension("num_el_in_blk1", 1);
    s.dimension("num_nod_per_el1", 4).dimension("num_nod_var", 2);
    s.variable("time_whole", DataType.FLOAT, List.of("time_step"));
    s.variable("eb_status", DataType.INT, List.of("num_el_blk"));
    s.variable("eb_prop1", DataType.INT, List.of("num_el_blk"), Attribute.text("name", "ID"));
    s.variable("coord", DataType.FLOAT, List.of("num_dim", "num_nodes"));
    s.variable("coor_names", DataType.CHAR, List.of("num_dim", "len_string"));
    s.variable(
        "connect1",
        DataType.INT,
        List.of("num_el_in_blk1", "num_nod_per_el1"),
        Attribute.text("elem_type", "QUAD"));
    s.variable("elem_map", DataType.INT, List.of("num_elem"));
    s.variable("name_nod_var", DataType.CHAR, List.of("num_nod_var", "len_string"));
    s.variable("vals_nod_var", DataType.FLOAT, List.of("time_step", "num_nod_var", "num_nodes"));
    s.attribute(Attribute.reals("api_version", DataType.FLOAT, 4.01f));
    s.attribute(Attribute.reals("version", DataType.FLOAT, 3.01f));
    s.attribute(Attribute.integers("floating_point_word_size", DataType.INT, 4));
    s.attribute(Attribute.text("title", "legacy layouts"));
    float[] xy = {0, 1, 1, 0, 0, 0, 1, 1};
    try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
      w.write(w.variable("eb_status"), new long[] {0}, new long[] {1}, new int[] {1}, 0);
      w.write(w.variable("eb_prop1"), new long[] {0}, new long[] {1}, new int[] {7}, 0);
      w.write(w.variable("coord"), new long[] {0, 0}, new long[] {2, 4}, xy, 0);
      w.writeText(w.variable("coor_names"), new long[] {0, 0}, new long[] {1, 33}, "X");
      w.writeText(w.variable("coor_names"), new long[] {1, 0}, new long[] {1, 33}, "Y");
      w.write(
          w.variable("connect1"), new long[] {0, 0}, new long[] {1, 4}, new int[] {1, 2, 3, 4}, 0);
      w.write(w.variable("elem_map"), new long[] {0}, new long[] {1}, new int[] {1}, 0);
      w.writeText(w.variable("name_nod_var"), new long[] {0, 0}, new long[] {1, 33}, "ux");
      w.writeText(w.variable("name_nod_var"), new long[] {1, 0}, new long[] {1, 33}, "uy");
      for (int st = 0; st < 2; st++) {
        w.write(
            w.variable("time_whole"), new long[] {st}, new long[] {1}, new float[] {st + 0.5f}, 0);
        float[] vals = new float[8];
        for (int i = 0; i < 8; i++) vals[i] = 100 * st + i + 0.25f;
        w.write(w.variable("vals_nod_var"), new long[] {st, 0, 0}, new long[] {1, 2, 4}, vals, 0);
        w.commit();
      }
    }
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(4, f.info().floatingPointWordSize());
      assertArrayEquals(new double[] {0, 1, 1, 0}, f.coordinates(0));
      assertArrayEquals(new double[] {0, 0, 1, 1}, f.coordinates(1));
      assertEquals(List.of("X", "Y"), f.coordinateNames());
      Optional<java.nio.DoubleBuffer> view = f.coordinateView(0);
      assertTrue(view.isEmpty(), "4-byte reals: no double view, the caller reads into a buffer");
      assertEquals(List.of("ux", "uy"), f.variableNames(EntityType.NODAL));
      double[] d = new double[4];
      f.readNodalVariable(1, 1, 0, 4, d, 0);
      assertArrayEquals(new double[] {104.25, 105.25, 106.25, 107.25}, d);
      double[] h = new double[2];
      f.readNodalVariableHistory(0, 2, 0, 2, h, 0);
      assertArrayEquals(new double[] {2.25, 102.25}, h);
      assertTrue(f.hasElementOrderMap());
      assertTrue(f.nodalVariableView(0, 0).isEmpty());
    }
    Map<String, String> c = new java.util.HashMap<>();
    for (String line : CTools.exref(p).split("\n")) {
      String[] fld = line.split("\t", 3);
      c.put(
          fld[0]
              + (fld.length > 2 && line.startsWith("nodal_var")
                  ? "/" + fld[1] + "/" + fld[2].split("\t")[0]
                  : line.startsWith("coord\t") ? "/" + fld[1] : ""),
          line);
    }
    assertEquals("coord\tx\t0\t1\t1\t0", c.get("coord/x"));
    assertEquals("coord\ty\t0\t0\t1\t1", c.get("coord/y"));
    assertEquals("nodal_var\tuy\t2\t104.25\t105.25\t106.25\t107.25", c.get("nodal_var/uy/2"));
  }
}
