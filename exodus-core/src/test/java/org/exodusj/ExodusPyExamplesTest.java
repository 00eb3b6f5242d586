package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three examples of docs/exodus-py.md: the page holds exactly the code of {@link
 * ExodusPyExamples}, and each runs on corpus files with results checked against the C library's
 * reading (the reference dumps, and exref.c on what example 2 writes).
 */
class ExodusPyExamplesTest {
  @TempDir Path dir;

  static final String TEST_EXO = "exodusiicpp__test__assets__test.exo";
  static final String OMITTED =
      "seacas__packages__seacas__libraries__ioss__src__main__test__8-block-omitted.g";
  static final String MUG = "vtkdata__Data__mug.e";
  static final String RECT = "petsc__share__petsc__datafiles__meshes__Rect-tri3.exo";

  static Path corpus(String name) {
    return ExternalTools.corpus().resolve(name);
  }

  static ReferenceDump ref(String name) throws Exception {
    return ReferenceDump.load(
        ExternalTools.corpus().resolve("reference").resolve(name + ".ref.gz"));
  }

  private static String normalize(String code) {
    StringBuilder b = new StringBuilder();
    for (String line : code.split("\n")) {
      if (!line.isBlank()) b.append(line.strip()).append('\n');
    }
    return b.toString();
  }

  @Test
  void thePageHoldsExactlyTheTestedCode() throws Exception {
    String src = Files.readString(Path.of("src/test/java/org/exodusj/ExodusPyExamples.java"));
    String page = normalize(Files.readString(Path.of("../docs/exodus-py.md")));
    for (int n = 1; n <= 3; n++) {
      int from = src.indexOf("// ---- example " + n + " ----");
      int to = src.indexOf("// ---- end ----", from);
      assertTrue(from > 0 && to > from, "example " + n + " markers");
      String code = src.substring(src.indexOf('\n', from) + 1, to);
      assertTrue(page.contains(normalize(code)), "docs/exodus-py.md must hold example " + n);
    }
  }

  @Test
  void example1StatisticsAreTheCLibrarysValues() throws Exception {
    for (String name : List.of(TEST_EXO, OMITTED)) {
      StringWriter out = new StringWriter();
      ExodusPyExamples.summaryAndStatistics(corpus(name), new PrintWriter(out, true));
      String text = out.toString();
      try (ExodusFile f = ExodusFile.open(corpus(name))) {
        assertTrue(text.startsWith(f.summary()));
      }
      ReferenceDump d = ref(name);
      String last = Long.toString(d.count("num_time_steps"));
      List<String> want = new ArrayList<>();
      for (String[] r : d.all("nodal_var")) {
        if (r[2].equals(last)) {
          want.add("stats nodal " + r[1] + " " + stats(ReferenceDump.reals(r, 3)));
        }
      }
      // blocks in file order, variables in index order, as the example visits them
      List<String> names = new ArrayList<>();
      for (String[] r : d.all("elem_var")) if (!names.contains(r[1])) names.add(r[1]);
      for (String[] b : d.all("elem_block")) {
        for (String v : names) {
          for (String[] r : d.all("elem_var")) {
            if (r[1].equals(v) && r[2].equals(b[1]) && r[3].equals(last)) {
              want.add(
                  "stats elem_block " + b[1] + " " + v + " " + stats(ReferenceDump.reals(r, 4)));
            }
          }
        }
      }
      List<String> got = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.startsWith("stats ")) got.add(line);
      }
      assertEquals(want, got, name);
      assertTrue(got.size() > 3, name);
    }
  }

  static String stats(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    return min + " " + max + " " + sum / v.length;
  }

  @Test
  void example2IsReadBackByTheCLibrary() throws Exception {
    for (String name : List.of(TEST_EXO, RECT)) {
      Path out = dir.resolve(name + ".copy.e");
      ExodusPyExamples.copyAndAddNodalVariables(corpus(name), out);
      ReferenceDump source = ref(name);
      String dump = CTools.exref(out);
      ReferenceDump copy = new ReferenceDump(dump);
      String expected;
      try (var in =
          new java.util.zip.GZIPInputStream(
              Files.newInputStream(
                  ExternalTools.corpus().resolve("reference").resolve(name + ".ref.gz")))) {
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertEquals(
          MeshCopyTest.mesh(expected, java.util.Set.of()),
          MeshCopyTest.mesh(dump, java.util.Set.of()),
          name + ": the mesh");
      assertEquals(3, copy.count("num_time_steps"));
      assertEquals(
          List.of(0.0, 0.5, 1.0),
          java.util.Arrays.stream(ReferenceDump.reals(copy.one("times"), 1)).boxed().toList());
      Map<String, double[]> xyz = new HashMap<>();
      for (String[] r : source.all("coord")) xyz.put(r[1], ReferenceDump.reals(r, 2));
      int n = (int) source.count("num_nodes");
      double[] zero = new double[n];
      double[] x = xyz.get("x");
      double[] y = xyz.getOrDefault("y", zero);
      double[] z = xyz.getOrDefault("z", zero);
      int checked = 0;
      for (String[] r : copy.all("nodal_var")) {
        int s = Integer.parseInt(r[2]) - 1;
        double[] v = ReferenceDump.reals(r, 3);
        for (int i = 0; i < n; i++) {
          double want = r[1].equals("temperature") ? 300 + s * x[i] : 1e5 - s * y[i] + z[i];
          assertEquals(want, v[i], r[1] + " step " + s + " node " + i);
        }
        checked++;
      }
      assertEquals(6, checked, name);
    }
  }

  @Test
  void example3HistoriesByIdAreTheCLibrarysValues() throws Exception {
    for (String name : List.of(OMITTED, MUG)) {
      ReferenceDump d = ref(name);
      long[] nodeMap = ReferenceDump.longs(d.one("node_num_map"), 1);
      long[] elemMap = ReferenceDump.longs(d.one("elem_num_map"), 1);
      int[] nodes = {0, nodeMap.length / 2, nodeMap.length - 1};
      int[] elems = {0, elemMap.length / 3, 2 * elemMap.length / 3, elemMap.length - 1};
      long[] nodeIds = new long[nodes.length];
      long[] elemIds = new long[elems.length];
      for (int i = 0; i < nodes.length; i++) nodeIds[i] = nodeMap[nodes[i]];
      for (int i = 0; i < elems.length; i++) elemIds[i] = elemMap[elems[i]];
      StringWriter out = new StringWriter();
      ExodusPyExamples.historiesToCsv(corpus(name), nodeIds, elemIds, new PrintWriter(out, true));

      int steps = (int) d.count("num_time_steps");
      List<String> header = new ArrayList<>(List.of("time"));
      List<double[]> cols = new ArrayList<>();
      cols.add(ReferenceDump.reals(d.one("times"), 1));
      List<String> nodal = new ArrayList<>();
      for (String[] r : d.all("nodal_var")) if (!nodal.contains(r[1])) nodal.add(r[1]);
      for (int i = 0; i < nodes.length; i++) {
        for (String v : nodal) {
          header.add("node " + nodeIds[i] + " " + v);
          double[] c = new double[steps];
          for (String[] r : d.all("nodal_var")) {
            if (r[1].equals(v)) c[Integer.parseInt(r[2]) - 1] = Double.parseDouble(r[3 + nodes[i]]);
          }
          cols.add(c);
        }
      }
      List<String> elemVars = new ArrayList<>();
      for (String[] r : d.all("elem_var")) if (!elemVars.contains(r[1])) elemVars.add(r[1]);
      List<String[]> blocks = d.all("elem_block");
      for (int i = 0; i < elems.length; i++) {
        long first = 0;
        String blockId = null;
        long entry = -1;
        for (String[] b : blocks) {
          long count = Long.parseLong(b[3]);
          if (elems[i] < first + count) {
            blockId = b[1];
            entry = elems[i] - first;
            break;
          }
          first += count;
        }
        for (String v : elemVars) {
          double[] c = null;
          for (String[] r : d.all("elem_var")) {
            if (r[1].equals(v) && r[2].equals(blockId)) {
              if (c == null) c = new double[steps];
              c[Integer.parseInt(r[3]) - 1] = Double.parseDouble(r[4 + (int) entry]);
            }
          }
          if (c == null) continue; // not stored on this block (truth table)
          header.add("element " + elemIds[i] + " " + v);
          cols.add(c);
        }
      }
      StringBuilder want = new StringBuilder(String.join(",", header)).append('\n');
      for (int s = 0; s < steps; s++) {
        StringBuilder row = new StringBuilder();
        for (double[] c : cols) row.append(row.length() == 0 ? "" : ",").append(c[s]);
        want.append(row).append('\n');
      }
      assertEquals(want.toString(), out.toString().replace("\r\n", "\n"), name);
      assertTrue(header.size() > 5, name + ": " + header);
    }
  }
}
