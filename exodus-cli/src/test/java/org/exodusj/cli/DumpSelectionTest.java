package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code exo dump} selections (coordinates, blocks, sets, variables; ranges; text and CSV) agree
 * with the C library's reading: the corpus reference dumps, and exref on files exgen wrote.
 */
class DumpSelectionTest {
  @TempDir Path dir;

  static Stream<Path> references() throws Exception {
    return ConformanceTest.references();
  }

  /** Header and rows of a CSV output. */
  record Csv(List<String> header, List<String[]> rows) {
    int col(String name) {
      int i = header.indexOf(name);
      assertTrue(i >= 0, name + " in " + header);
      return i;
    }
  }

  static Csv csv(String... args) {
    List<String> a = new ArrayList<>(List.of("dump", "--csv"));
    a.addAll(List.of(args));
    ExoCommandTest.Result r = ExoCommandTest.inProcess(a.toArray(String[]::new));
    assertEquals(0, r.code(), String.join(" ", a) + ": " + r.err());
    String[] lines = r.out().split("\n");
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) rows.add(lines[i].split(",", -1));
    return new Csv(splitHeader(lines[0]), rows);
  }

  /** A CSV header line, quotes honoured (names may hold commas). */
  static List<String> splitHeader(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static void sameReal(String expected, String actual, String where) {
    assertEquals(Double.parseDouble(expected), Double.parseDouble(actual), 0.0, where);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void selectionsAgreeWithTheCLibrarysReading(Path ref) throws Exception {
    Path file = InfoJsonTest.fileOf(ref);
    String f = file.toString();
    RefDump d = RefDump.load(ref);
    long nodes = d.count("num_nodes");

    if (nodes > 0 && d.find("coord", "x") != null) {
      Csv c = csv(f, "--coords");
      assertEquals(nodes, c.rows().size());
      String[] map = d.one("node_num_map");
      for (String axis : List.of("x", "y", "z")) {
        String[] rec = d.find("coord", axis);
        if (rec == null) continue;
        int col = 2 + "xyz".indexOf(axis);
        for (int i = 0; i < nodes; i++) {
          sameReal(rec[2 + i], c.rows().get(i)[col], "coord " + axis + " node " + (i + 1));
          assertEquals(Long.toString(i + 1), c.rows().get(i)[0]);
          assertEquals(map[1 + i], c.rows().get(i)[1], "node id " + (i + 1));
        }
      }
    }

    long elementBase = 0;
    String[] elemMap = d.one("elem_num_map");
    for (String[] b : d.all("elem_block")) {
      String id = b[1];
      long entries = Long.parseLong(b[3]);
      long npe = Long.parseLong(b[4]);
      long nattr = Long.parseLong(b[5]);
      String[] conn = d.find("connect", "elem_block", id);
      Csv c = csv(f, "--block", "elem:" + id);
      assertEquals(entries, c.rows().size(), "block " + id);
      boolean poly = b[2].equalsIgnoreCase("NSIDED") || b[2].equalsIgnoreCase("NFACED");
      int k = 3; // position in the connect record
      for (int e = 0; e < entries; e++) {
        String[] row = c.rows().get(e);
        assertEquals(Long.toString(e + 1), row[0]);
        if (elemMap != null) assertEquals(elemMap[1 + (int) (elementBase + e)], row[1]);
        if (conn != null && !poly) {
          for (int n = 0; n < npe; n++) assertEquals(conn[k++], row[2 + n], "block " + id);
        } else if (conn != null) {
          int count = Integer.parseInt(row[2]);
          for (int n = 0; n < count; n++) {
            assertEquals(conn[k++], row[row.length - count + n], "block " + id + " entry " + e);
          }
        }
      }
      if (conn != null) assertEquals(conn.length, k, "all connectivity of block " + id);
      String[] attrib = d.find("attrib", "elem_block", id);
      if (attrib != null && nattr > 0 && !poly) {
        int first = 2 + (conn != null ? (int) npe : 0);
        for (int e = 0; e < entries; e++) {
          for (int a = 0; a < nattr; a++) {
            sameReal(attrib[3 + (int) (e * nattr + a)], c.rows().get(e)[first + a], "attrib");
          }
        }
      }
      elementBase += entries;
    }

    for (String kind : List.of("node_set", "side_set", "elem_set", "edge_set", "face_set")) {
      for (String[] s : d.all(kind)) {
        String id = s[1];
        long entries = Long.parseLong(s[2]);
        long dfs = Long.parseLong(s[3]);
        Csv c = csv(f, "--set", kind.replace("_set", "") + ":" + id);
        assertEquals(entries, c.rows().size(), kind + " " + id);
        String[] ent = d.find(kind + "_entries", id);
        String[] extra = d.find(kind + "_extra", id);
        String[] df = d.find(kind + "_df", id);
        for (int e = 0; e < entries; e++) {
          String[] row = c.rows().get(e);
          assertEquals(ent[2 + e], row[1], kind + " " + id + " entry " + e);
          if (extra != null) assertEquals(extra[2 + e], row[2], kind + " " + id + " extra " + e);
          if (df != null && dfs == entries) {
            sameReal(df[2 + e], row[c.col("distribution_factor")], kind + " df");
          }
        }
      }
    }

    long steps = d.count("num_time_steps");
    if (steps == 0) return;
    // nodal variables: one column per step
    Map<String, List<String[]>> nodal = new LinkedHashMap<>();
    for (String[] r : d.all("nodal_var"))
      nodal.computeIfAbsent(r[1], x -> new ArrayList<>()).add(r);
    for (var e : nodal.entrySet()) {
      Csv c = csv(f, "--var", "nodal:" + e.getKey());
      assertEquals(nodes, c.rows().size());
      for (String[] rec : e.getValue()) {
        int col = c.col("step_" + rec[2]);
        for (int i = 0; i < nodes; i++) {
          sameReal(rec[3 + i], c.rows().get(i)[col], "nodal " + e.getKey() + " step " + rec[2]);
        }
      }
    }
    // element variables: rows of every block that stores them
    Map<String, List<String[]>> elem = new LinkedHashMap<>();
    for (String[] r : d.all("elem_var")) elem.computeIfAbsent(r[1], x -> new ArrayList<>()).add(r);
    for (var e : elem.entrySet()) {
      Csv c = csv(f, "--var", "elem:" + e.getKey());
      for (String[] rec : e.getValue()) {
        int col = c.col("step_" + rec[3]);
        List<String[]> rows = c.rows().stream().filter(r -> r[0].equals(rec[2])).toList();
        assertEquals(rec.length - 4, rows.size(), "elem " + e.getKey() + " block " + rec[2]);
        for (int i = 0; i < rows.size(); i++) sameReal(rec[4 + i], rows.get(i)[col], "elem var");
      }
    }
    // global variables: one row per step
    String[] gnames = d.one("global_var_names");
    if (gnames != null) {
      for (int v = 1; v < gnames.length; v++) {
        boolean unique =
            List.of(gnames).indexOf(gnames[v]) == List.of(gnames).lastIndexOf(gnames[v]);
        Csv c = csv(f, "--var", "global:" + (unique && !gnames[v].isEmpty() ? gnames[v] : "#" + v));
        assertEquals(steps, c.rows().size());
        for (String[] rec : d.all("global_vars")) {
          int s = Integer.parseInt(rec[1]);
          sameReal(rec[1 + v], c.rows().get(s - 1)[2], "global " + gnames[v] + " step " + s);
          sameReal(d.one("times")[s], c.rows().get(s - 1)[1], "time of step " + s);
        }
      }
    }
  }

  /**
   * {@code --layout steps}: nodal, element, edge, face and set variables as histories, one row per
   * step and one column per entity, against the C library's reading of the reference files.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void historiesAgreeWithTheCLibrarysReading(Path ref) throws Exception {
    RefDump d = RefDump.load(ref);
    String f = InfoJsonTest.fileOf(ref).toString();
    long steps = d.count("num_time_steps");
    if (steps == 0) return;
    String[] times = d.one("times");
    Map<String, String> kinds =
        Map.of(
            "nodal_var", "nodal",
            "elem_var", "elem",
            "edge_var", "edge",
            "face_var", "face",
            "node_set_var", "node_set",
            "side_set_var", "side_set");
    for (var kind : kinds.entrySet()) {
      boolean nodal = kind.getKey().equals("nodal_var");
      Map<String, List<String[]>> byName = new LinkedHashMap<>();
      for (String[] r : d.all(kind.getKey()))
        byName.computeIfAbsent(r[1], x -> new ArrayList<>()).add(r);
      for (var e : byName.entrySet()) {
        if (e.getKey().isEmpty()) continue;
        Csv c = csv(f, "--var", kind.getValue() + ":" + e.getKey(), "--layout", "steps");
        assertEquals(steps, c.rows().size(), kind.getValue() + " " + e.getKey() + ": rows");
        assertEquals(List.of("step", "time"), c.header().subList(0, 2));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < c.header().size(); i++) col.put(c.header().get(i), i);
        int values = 0;
        for (String[] rec : e.getValue()) {
          int step = Integer.parseInt(rec[nodal ? 2 : 3]);
          String[] row = c.rows().get(step - 1);
          assertEquals(Integer.toString(step), row[0]);
          sameReal(times[step], row[1], "time of step " + step);
          int first = nodal ? 3 : 4;
          for (int i = first; i < rec.length; i++) {
            String name = e.getKey() + "@" + (nodal ? "" : rec[2] + ":") + (i - first + 1);
            Integer k = col.get(name);
            assertTrue(k != null, name + " in " + c.header());
            sameReal(rec[i], row[k], kind.getValue() + " " + name + " step " + step);
            if (step == 1) values++;
          }
        }
        assertEquals(values, c.header().size() - 2, e.getKey() + ": one column per entity");
      }
    }
  }

  @Test
  void rangesTextAndErrorsOnAFileTheCLibraryWrote() throws Exception {
    Path f = CExref.exgen(dir.resolve("g.e"), 4, 3, 2, 5, 2, "cdf2");
    RefDump d = new RefDump(CExref.dump(f));
    String p = f.toString();

    // a step range and an entity range of a nodal variable: histories, a row per step
    Csv h = csv(p, "--var", "field_2", "--steps", "2..4", "--entities", "7..12");
    assertEquals(
        List.of(
            "step",
            "time",
            "field_2@7",
            "field_2@8",
            "field_2@9",
            "field_2@10",
            "field_2@11",
            "field_2@12"),
        h.header());
    assertEquals(3, h.rows().size());
    for (int s = 2; s <= 4; s++) {
      String[] rec = d.find("nodal_var", "field_2", Integer.toString(s));
      String[] row = h.rows().get(s - 2);
      assertEquals(Integer.toString(s), row[0]);
      sameReal(d.one("times")[s], row[1], "time of step " + s);
      for (int i = 0; i < 6; i++) {
        sameReal(rec[3 + 6 + i], row[2 + i], "field_2 step " + s + " node " + (7 + i));
      }
    }
    // the same as one row per node, one column per step
    Csv c =
        csv(
            p,
            "--var",
            "field_2",
            "--steps",
            "2..4",
            "--entities",
            "7..12",
            "--layout",
            "entities");
    assertEquals(List.of("node", "id", "step_2", "step_3", "step_4"), c.header());
    assertEquals(6, c.rows().size());
    for (int s = 2; s <= 4; s++) {
      String[] rec = d.find("nodal_var", "field_2", Integer.toString(s));
      for (int i = 0; i < 6; i++) {
        assertEquals(Long.toString(7 + i), c.rows().get(i)[0]);
        sameReal(rec[3 + 6 + i], c.rows().get(i)[s], "field_2 step " + s + " node " + (7 + i));
      }
    }
    // open-ended ranges; one element block's entries of an element variable
    Csv e =
        csv(
            p,
            "--var",
            "stress",
            "--block",
            "10",
            "--steps",
            "4..",
            "--entities",
            "..3",
            "--layout",
            "entities");
    assertEquals(List.of("block", "entry", "id", "step_4", "step_5"), e.header());
    assertEquals(3, e.rows().size());
    String[] rec = d.find("elem_var", "stress", "10", "5");
    for (int i = 0; i < 3; i++) sameReal(rec[4 + i], e.rows().get(i)[4], "stress step 5");
    // the same as histories (the default with --entities): step, time, one column per element
    Csv eh = csv(p, "--var", "stress", "--block", "10", "--steps", "4..", "--entities", "..3");
    assertEquals(List.of("step", "time", "stress@10:1", "stress@10:2", "stress@10:3"), eh.header());
    assertEquals(2, eh.rows().size());
    for (int i = 0; i < 3; i++) sameReal(rec[4 + i], eh.rows().get(1)[2 + i], "stress step 5");
    // one element of every block that stores the variable
    Csv all = csv(p, "--var", "stress", "--entities", "2");
    assertEquals(d.count("num_time_steps"), all.rows().size());
    assertEquals(2 + d.all("elem_block").size(), all.header().size(), all.header().toString());

    // text: a comment naming the file and the times, aligned columns that parse to the same
    ExoCommandTest.Result t =
        ExoCommandTest.inProcess("dump", p, "--var", "nodal:field_2", "--steps", "3");
    assertEquals(0, t.code(), t.err());
    String[] lines = t.out().split("\n");
    assertTrue(lines[0].startsWith("# " + p + ": nodal variable 'field_2'"), lines[0]);
    assertEquals("# step_3: time " + Double.parseDouble(d.one("times")[3]), lines[1]);
    assertEquals(List.of("node", "id", "step_3"), List.of(lines[2].strip().split(" +")));
    String[] first = lines[3].strip().split(" +");
    sameReal(d.find("nodal_var", "field_2", "3")[3], first[2], "text value");
    assertEquals(lines[2].length(), lines[3].length(), "columns align");
    assertEquals(3 + d.count("num_nodes"), lines.length);

    // a separate process prints the same text
    assertEquals(
        t.out(), ExoCommandTest.process("dump", p, "--var", "nodal:field_2", "--steps", "3").out());

    // errors: one line naming the file and the place, exit code 2
    for (String[] bad :
        List.of(
            new String[] {"--var", "nope"},
            new String[] {"--coords", "--entities", "5..1000"},
            new String[] {"--var", "field_1", "--steps", "9"},
            new String[] {"--block", "99"},
            new String[] {"--set", "side:1"},
            new String[] {"--steps", "1"},
            new String[] {"--coords", "--block", "10"},
            new String[] {"--var", "field_1", "--steps", "3..2"},
            new String[] {"--coords", "--layout", "steps"},
            new String[] {"--var", "field_1", "--layout", "rows"})) {
      List<String> args = new ArrayList<>(List.of("dump", p));
      args.addAll(List.of(bad));
      ExoCommandTest.Result r = ExoCommandTest.inProcess(args.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.out());
      assertTrue(r.err().startsWith("exo: ") || r.err().contains("Usage"), r.err());
    }
    ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", p, "--var", "nope");
    assertTrue(r.err().contains(p) && r.err().contains("nodal:field_1"), r.err());
    r = ExoCommandTest.inProcess("dump", p, "--coords", "--entities", "5..1000");
    assertTrue(
        r.err().contains(p) && r.err().contains("outside 1.." + d.count("num_nodes")), r.err());
  }
}
