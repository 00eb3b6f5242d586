package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the C library wrote (exgen), updated in place and appended to by {@link ExodusUpdater},
 * read back by the C library (exref) with exactly the values written; ncdump accepts them.
 */
class UpdaterCInteropTest {
  @TempDir Path dir;

  /** The canonical dump as record-key to fields. */
  static Map<String, String[]> parse(String dump) {
    Map<String, String[]> out = new HashMap<>();
    for (String line : dump.split("\n")) {
      String[] f = line.split("\t", -1);
      String key =
          switch (f[0]) {
            case "nodal_var" -> f[0] + "/" + f[1] + "/" + f[2];
            case "elem_var" -> f[0] + "/" + f[1] + "/" + f[2] + "/" + f[3];
            case "global_vars" -> f[0] + "/" + f[1];
            default -> f[0];
          };
      out.put(key, f);
    }
    return out;
  }

  @Test
  void theCLibraryReadsUpdatesAndAppendsExactly() throws Exception {
    ExternalTools.require("ncdump");
    Path f = CTools.exgen(dir.resolve("c.e"), 4, 3, 2, 3, 2, "cdf2");
    ExgenOracle o = new ExgenOracle(4, 3, 2);
    int nn = (int) o.nodes();
    int ne = (int) o.elements();
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      assertEquals(3, u.timeStepCount());
      double[] patch = {-1.5, -2.5, -3.5};
      u.writeNodalVariable(0, 1, 10, 3, patch, 0); // step 2 (1-based), nodes 11..13
      long s = u.appendStep(0.75);
      assertEquals(3, s);
      double[] g = {42.0, -42.0};
      u.writeGlobalVariables(s, g, 0);
      double[] vals = new double[nn];
      for (int v = 0; v < 2; v++) {
        for (int n = 0; n < nn; n++) vals[n] = 7000.0 * (v + 1) + n;
        u.writeNodalVariable(v, s, 0, nn, vals, 0);
      }
      double[] ev = new double[ne];
      for (int e = 0; e < ne; e++) ev[e] = -e;
      u.writeVariable(EntityType.ELEM_BLOCK, 0, 10, s, 0, ne, ev, 0);
      u.commit();
    }
    Map<String, String[]> d = parse(CTools.exref(f));
    assertEquals("4", d.get("num_time_steps")[1]);
    assertEquals(0.75, Double.parseDouble(d.get("times")[4]));
    String[] step2 = d.get("nodal_var/field_1/2");
    for (int n = 0; n < nn; n++) {
      double expected = n >= 10 && n < 13 ? -1.5 - (n - 10) : o.nodal(0, 1, n);
      assertEquals(expected, Double.parseDouble(step2[3 + n]), "node " + n);
    }
    String[] step4 = d.get("nodal_var/field_2/4");
    for (int n = 0; n < nn; n++) assertEquals(14000.0 + n, Double.parseDouble(step4[3 + n]));
    assertEquals(42.0, Double.parseDouble(d.get("global_vars/4")[2]));
    String[] e4 = d.get("elem_var/stress/10/4");
    for (int e = 0; e < ne; e++) assertEquals(-e, Double.parseDouble(e4[4 + e]));
    // untouched values stay as the C library wrote them
    String[] step3 = d.get("nodal_var/field_2/3");
    for (int n = 0; n < nn; n++) assertEquals(o.nodal(1, 2, n), Double.parseDouble(step3[3 + n]));
    String ncdump = ExternalTools.run("ncdump", "-h", f.toString());
    assertTrue(ncdump.contains("time_step = UNLIMITED ; // (4 currently)"), ncdump);
  }
}
