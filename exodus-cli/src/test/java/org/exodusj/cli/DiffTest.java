package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo diff} on files the C library wrote (exgen), changed at known places by an independent
 * writer (python netCDF4 on netCDF-C): it finds every change, names its entity id and step, and
 * nothing else; tolerances, JSON and exit codes behave.
 */
class DiffTest {
  @TempDir Path dir;
  Path a;
  Path b;

  /** Runs python3 with netCDF4 (Debian's python3-netcdf4); skips where it is missing. */
  static void python(String script) throws Exception {
    Path py = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(py.toString(), "-c", "import netCDF4").start();
    if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
      String msg = "python3-netcdf4 missing; diff tests skipped";
      if (System.getenv("CI") != null) fail(msg + " -- but CI must run them");
      Assumptions.abort(msg);
    }
    Process p = new ProcessBuilder(py.toString(), "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  /**
   * A: exgen's 5x4x3 mesh, 4 steps, 2 nodal variables, given node ids 1001.. and element ids 501..
   * (so that reported ids differ from positions). B: A with four values changed.
   */
  @BeforeEach
  void files() throws Exception {
    a = CExref.exgen(dir.resolve("a.e"), 5, 4, 3, 4, 2, "cdf2");
    python(
        "import netCDF4, numpy as np\n"
            + "d = netCDF4.Dataset('"
            + a
            + "', 'a')\n"
            + "v = d.createVariable('node_num_map', 'i4', ('num_nodes',))\n"
            + "v[:] = np.arange(1001, 1001 + len(d.dimensions['num_nodes']))\n"
            + "v = d.createVariable('elem_num_map', 'i4', ('num_elem',))\n"
            + "v[:] = np.arange(501, 501 + len(d.dimensions['num_elem']))\n"
            + "d.close()\n");
    b = dir.resolve("b.e");
    Files.copy(a, b);
    python(
        "import netCDF4\n"
            + "d = netCDF4.Dataset('"
            + b
            + "', 'a')\n"
            + "d['vals_nod_var2'][2, 99] = d['vals_nod_var2'][2, 99] + 0.5\n" // node 100, step 3
            + "d['vals_elem_var1eb1'][1, 6] = -1.0\n" // element 7, step 2
            + "d['coordx'][4] = d['coordx'][4] + 1e-3\n" // node 5
            + "d['vals_glo_var'][3, 1] = 2 * d['vals_glo_var'][3, 1]\n" // momentum, step 4
            + "d.close()\n");
  }

  @Test
  void equalFilesGiveZero() throws Exception {
    Path copy = dir.resolve("copy.e");
    Files.copy(a, copy);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("diff", a.toString(), copy.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("equal within tolerance"), r.out());
    assertFalse(r.out().contains("DIFF"), r.out());
    // the same values in another format are equal too
    Path cdf5 = dir.resolve("a5.e");
    assertEquals(
        0,
        ExoCommandTest.inProcess("convert", a.toString(), cdf5.toString(), "--format", "cdf5")
            .code());
    assertEquals(0, ExoCommandTest.inProcess("diff", a.toString(), cdf5.toString()).code());
  }

  @Test
  void changedValuesGiveOneAndNameTheirPlaces() throws Exception {
    RefDump da = new RefDump(CExref.dump(a));
    RefDump db = new RefDump(CExref.dump(b));
    ExoCommandTest.Result r = ExoCommandTest.inProcess("diff", a.toString(), b.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    List<String> diffs = r.out().lines().filter(l -> l.startsWith("DIFF")).toList();
    assertEquals(4, diffs.size(), r.out());
    // the values as the C library reads them, at each place
    double nodA = Double.parseDouble(da.find("nodal_var", "field_2", "3")[3 + 99]);
    double nodB = Double.parseDouble(db.find("nodal_var", "field_2", "3")[3 + 99]);
    assertTrue(
        r.out()
            .contains(
                "DIFF  variable nodal field_2: 1 of "
                    + 4 * da.count("num_nodes")
                    + " values differ; largest |a-b| "
                    + Math.abs(nodA - nodB)),
        r.out());
    assertTrue(r.out().contains("at node id 1100, step 3: "), r.out());
    double elA = Double.parseDouble(da.find("elem_var", "stress", "10", "2")[4 + 6]);
    assertTrue(r.out().contains("DIFF  variable elem_block stress 10: 1 of"), r.out());
    assertTrue(r.out().contains("at element id 507, step 2: " + num(elA) + " vs -1"), r.out());
    assertTrue(r.out().contains("DIFF  mesh coordinates x: 1 of"), r.out());
    assertTrue(r.out().contains("at node id 1005: "), r.out());
    assertTrue(r.out().contains("DIFF  variable global momentum: 1 of 4 values differ"), r.out());
    assertTrue(r.out().contains("at step 4: "), r.out());
    assertFalse(r.out().contains("field_1"), "unchanged variables are not reported: " + r.out());
    assertTrue(
        r.out().contains("different: 0 metadata differences, 4 values in 4 arrays"), r.out());

    // the same as JSON, and as a separate process
    ExoCommandTest.Result j = ExoCommandTest.process("diff", "--json", a.toString(), b.toString());
    assertEquals(1, j.code(), j.err());
    JsonNode root = InfoJsonTest.JSON.readTree(j.out());
    assertFalse(root.get("equal").asBoolean());
    Set<String> differing = new TreeSet<>();
    for (JsonNode it : root.get("compared")) {
      if (it.get("differing").asLong() == 0) continue;
      JsonNode at = it.get("at");
      differing.add(
          it.get("kind").asText()
              + " "
              + it.get("name").asText()
              + " id="
              + (at.has("id") ? at.get("id").asLong() : "-")
              + " step="
              + (at.has("step") ? at.get("step").asLong() : "-"));
      assertEquals(1, it.get("differing").asLong());
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "nodal field_2 id=1100 step=3",
                "elem_block stress id=507 step=2",
                "coordinates x id=1005 step=-",
                "global momentum id=- step=4")),
        differing);
  }

  @Test
  void tolerancesBehave() throws Exception {
    String as = a.toString();
    String bs = b.toString();
    // each change within its own tolerance: equal
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "diff",
            as,
            bs,
            "--tol",
            "field_2=abs:0.5000001",
            "--tol",
            "elem:stress=abs:1e6",
            "--tol",
            "coordinates=abs:0.0011",
            "--tol",
            "global:momentum=rel:0.51");
    assertEquals(0, r.code(), r.out());
    // a tolerance just below a change: that change remains, alone
    r =
        ExoCommandTest.inProcess(
            "diff",
            as,
            bs,
            "--tol",
            "field_2=abs:0.49",
            "--tol",
            "elem:stress=abs:1e6",
            "--tol",
            "coordinates=abs:0.0011",
            "--tol",
            "global:momentum=rel:0.51");
    assertEquals(1, r.code(), r.out());
    assertEquals(1, r.out().lines().filter(l -> l.startsWith("DIFF")).count(), r.out());
    assertTrue(r.out().contains("nodal field_2"), r.out());
    // a relative global tolerance of 1e-3 covers 0.5 in 2003 and 0.001 in 2.0 (node 5's x), not
    // a value set to -1 or doubled
    r = ExoCommandTest.inProcess("diff", as, bs, "--rel", "1e-3");
    assertEquals(1, r.code());
    assertEquals(
        List.of("global momentum:", "elem_block stress 10:"),
        r.out()
            .lines()
            .filter(l -> l.startsWith("DIFF"))
            .map(l -> l.replaceAll("^DIFF  variable ", "").replaceAll(":.*", ":"))
            .toList(),
        r.out());
    // an absolute global tolerance covers everything below it
    assertEquals(0, ExoCommandTest.inProcess("diff", as, bs, "--abs", "1e9").code());
    // --all lists the equal arrays too, with how close they are
    r = ExoCommandTest.inProcess("diff", as, bs, "--all");
    assertTrue(r.out().contains("ok    variable nodal field_1: 0 of"), r.out());
    // bad tolerances are errors
    for (String bad : List.of("field_2", "field_2=abs", "field_2=abs:-1", "field_2=foo:1")) {
      r = ExoCommandTest.inProcess("diff", as, bs, "--tol", bad);
      assertEquals(2, r.code(), bad + ": " + r.out());
    }
    // a name neither file has (the files' names from the C library's dump) is refused, not
    // silently left at the default tolerance; so is a name under the wrong kind
    RefDump ra = new RefDump(CExref.dump(a));
    for (String unknown : List.of("feild_2", "elem:field_2", "nodal:stress")) {
      r = ExoCommandTest.inProcess("diff", as, bs, "--tol", unknown + "=abs:1");
      assertEquals(2, r.code(), unknown + ": " + r.out());
      assertTrue(
          r.err().startsWith("exo: --tol " + unknown + ": no such variable in " + as), r.err());
      List<String> nodal = ra.all("nodal_var").stream().map(x -> x[1]).distinct().toList();
      assertTrue(nodal.size() >= 2, nodal.toString());
      for (String n : nodal) assertTrue(r.err().contains("nodal:" + n), r.err());
      assertTrue(r.err().contains("coordinates, time"), r.err());
    }
  }

  @Test
  void metadataDifferencesAndErrors() throws Exception {
    Path other = CExref.exgen(dir.resolve("o.e"), 5, 4, 2, 3, 3, "cdf2");
    ExoCommandTest.Result r = ExoCommandTest.inProcess("diff", a.toString(), other.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("DIFF  nodes: 120 vs 90"), r.out());
    assertTrue(r.out().contains("DIFF  time steps: 4 vs 3"), r.out());
    assertTrue(r.out().contains("DIFF  nodal variable 'field_3' only in B"), r.out());
    r = ExoCommandTest.process("diff", a.toString(), dir.resolve("missing.e").toString());
    assertEquals(2, r.code());
    assertEquals("exo: " + dir.resolve("missing.e") + ": no such file", r.err().strip());
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static List<String> lines(String s) {
    return new ArrayList<>(s.lines().toList());
  }
}
