package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of classic files (made by netCDF-C's ncgen from CDL) whose arrays are stored with another
 * type, rank or length than Exodus gives them: a read ends in an {@link ExodusFormatException}
 * naming the file and the variable (or, for a method that declares no I/O error, an unchecked
 * exception naming them), as the single-step reads and an eager open already do; never the
 * storage's unnamed {@link IllegalArgumentException} or {@link ArrayIndexOutOfBoundsException}.
 */
class DamagedArrayReadsTest {
  @TempDir Path dir;

  private static final String DIMS =
      "  len_name = 33 ;\n  len_string = 33 ;\n  len_line = 81 ;\n  four = 4 ;\n"
          + "  num_qa_rec = 1 ;\n  time_step = UNLIMITED ;\n  num_dim = 2 ;\n"
          + "  num_nodes = 3 ;\n  num_elem = 2 ;\n  num_el_blk = 1 ;\n  num_el_in_blk1 = 2 ;\n"
          + "  num_nod_per_el1 = 2 ;\n  num_node_sets = 1 ;\n  num_nod_ns1 = 2 ;\n"
          + "  num_glo_var = 2 ;\n  num_nod_var = 1 ;\n  num_elem_var = 1 ;\n  num_nset_var = 1 ;\n  one = 1 ;\n"
          + "  num_edge = 1 ;\n  num_ed_blk = 1 ;\n  num_ed_in_blk1 = 1 ;\n  num_nod_per_ed1 = 2 ;\n"
          + "  num_edg_per_el1 = 1 ;\n";

  private static final String ATTS =
      "// global attributes:\n"
          + "  :api_version = 9.06f ;\n  :version = 9.06f ;\n  :floating_point_word_size = 8 ;\n"
          + "  :file_size = 1 ;\n  :maximum_name_length = 32 ;\n  :int64_status = 0 ;\n"
          + "  :title = \"t\" ;\n";

  /** A sound file: name to {type, dimensions, data, attribute}. */
  private static Map<String, String[]> sound() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("time_whole", new String[] {"double", "time_step", "1, 2", ""});
    m.put("eb_status", new String[] {"int", "num_el_blk", "1", ""});
    m.put("eb_prop1", new String[] {"int", "num_el_blk", "10", "name = \"ID\""});
    m.put("ns_status", new String[] {"int", "num_node_sets", "1", ""});
    m.put("ns_prop1", new String[] {"int", "num_node_sets", "20", "name = \"ID\""});
    m.put("coordx", new String[] {"double", "num_nodes", "0, 1, 2", ""});
    m.put("coordy", new String[] {"double", "num_nodes", "3, 4, 5", ""});
    m.put("coor_names", new String[] {"char", "num_dim, len_name", "\"x\", \"y\"", ""});
    m.put("qa_records", new String[] {"char", "num_qa_rec, four, len_string", "\"a\"", ""});
    m.put(
        "connect1",
        new String[] {
          "int", "num_el_in_blk1, num_nod_per_el1", "1, 2, 2, 3", "elem_type = \"BEAM\""
        });
    m.put("ed_status", new String[] {"int", "num_ed_blk", "1", ""});
    m.put("ed_prop1", new String[] {"int", "num_ed_blk", "40", "name = \"ID\""});
    m.put(
        "ebconn1",
        new String[] {"int", "num_ed_in_blk1, num_nod_per_ed1", "1, 2", "elem_type = \"EDGE2\""});
    m.put("edgconn1", new String[] {"int", "num_el_in_blk1, num_edg_per_el1", "1, 1", ""});
    m.put("node_ns1", new String[] {"int", "num_nod_ns1", "1, 3", ""});
    m.put("vals_glo_var", new String[] {"double", "time_step, num_glo_var", "1, 2, 3, 4", ""});
    m.put("name_glo_var", new String[] {"char", "num_glo_var, len_name", "\"g1\", \"g2\"", ""});
    m.put("vals_nod_var1", new String[] {"double", "time_step, num_nodes", "1, 2, 3, 4, 5, 6", ""});
    m.put("name_nod_var", new String[] {"char", "num_nod_var, len_name", "\"u\"", ""});
    m.put(
        "vals_elem_var1eb1",
        new String[] {"double", "time_step, num_el_in_blk1", "1, 2, 3, 4", ""});
    m.put("name_elem_var", new String[] {"char", "num_elem_var, len_name", "\"s\"", ""});
    m.put("elem_var_tab", new String[] {"int", "num_el_blk, num_elem_var", "1", ""});
    m.put("vals_nset_var1ns1", new String[] {"double", "time_step, num_nod_ns1", "1, 2, 3, 4", ""});
    m.put("name_nset_var", new String[] {"char", "num_nset_var, len_name", "\"n\"", ""});
    m.put("nset_var_tab", new String[] {"int", "num_node_sets, num_nset_var", "1", ""});
    return m;
  }

  /** The sound file with {@code name} declared as {@code type name(dims)}, its data left out. */
  private Path damaged(String name, String type, String dims) throws Exception {
    ExternalTools.require("ncgen");
    Map<String, String[]> m = sound();
    String[] old = m.get(name);
    m.put(name, new String[] {type, dims, null, old[3]});
    StringBuilder b = new StringBuilder("netcdf m {\ndimensions:\n").append(DIMS);
    b.append("variables:\n");
    for (Map.Entry<String, String[]> e : m.entrySet()) {
      String[] v = e.getValue();
      b.append("  ").append(v[0]).append(' ').append(e.getKey());
      b.append(v[1].isEmpty() ? "" : "(" + v[1] + ")").append(" ;\n");
      if (!v[3].isEmpty()) {
        b.append("    ").append(e.getKey()).append(':').append(v[3]).append(" ;\n");
      }
    }
    b.append(ATTS).append("data:\n");
    for (Map.Entry<String, String[]> e : m.entrySet()) {
      if (e.getValue()[2] != null) {
        b.append("  ").append(e.getKey()).append(" = ").append(e.getValue()[2]).append(" ;\n");
      }
    }
    Path cdl = dir.resolve(name + "-" + type + ".cdl");
    Files.writeString(cdl, b.append("}\n").toString());
    Path out = dir.resolve(name + "-" + type + "-" + dims.replaceAll("[ ,]", "") + ".e");
    ExternalTools.run("ncgen", "-k", "nc5", "-o", out.toString(), cdl.toString());
    return out;
  }

  private static void namesFileAnd(Path p, String var, Exception e) {
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(var), e.getMessage());
  }

  /**
   * Names and QA records are read at the first call that asks for them, which declares no I/O
   * error; stored as numbers they fail the open, as an eager open (the updater's) does, rather than
   * the first call with the storage's unchecked error that names no file.
   */
  @Test
  void textStoredAsNumbersFailsTheOpenAsAnEagerOpenDoes() throws Exception {
    String[][] cases = {
      {"name_glo_var", "int", "num_glo_var, len_name"},
      {"name_nod_var", "double", "num_nod_var, len_name"},
      {"name_elem_var", "int", "num_elem_var, len_name"},
      {"coor_names", "double", "num_dim, len_name"},
      {"qa_records", "int", "num_qa_rec, four, len_string"},
    };
    for (String[] c : cases) {
      Path p = damaged(c[0], c[1], c[2]);
      ExodusFormatException eager =
          assertThrows(ExodusFormatException.class, () -> ExodusUpdater.open(p).close(), c[0]);
      namesFileAnd(p, c[0], eager);
      ExodusFormatException lazy =
          assertThrows(ExodusFormatException.class, () -> ExodusFile.open(p).close(), c[0]);
      namesFileAnd(p, c[0], lazy);
    }
  }

  @Test
  void multiStepReadsOfAWrongRankOrTypeAreFormatErrors() throws Exception {
    double[] d = new double[16];
    for (String[] c :
        new String[][] {
          {"vals_glo_var", "double", "time_step"},
          {"vals_glo_var", "double", ""},
          {"vals_glo_var", "char", "time_step, num_glo_var"},
        }) {
      Path p = damaged(c[0], c[1], c[2]);
      try (ExodusFile f = ExodusFile.open(p)) {
        // the single-step read's answer, the one the multi-step read must give
        namesFileAnd(
            p,
            c[0],
            assertThrows(ExodusFormatException.class, () -> f.readGlobalVariables(0, d, 0)));
        namesFileAnd(
            p,
            c[0],
            assertThrows(ExodusFormatException.class, () -> f.readGlobalVariableSteps(0, 2, d, 0)));
      }
    }
    for (String[] c :
        new String[][] {
          {"vals_elem_var1eb1", "double", "num_el_in_blk1"},
          {"vals_elem_var1eb1", "double", ""},
          {"vals_elem_var1eb1", "char", "time_step, num_el_in_blk1"},
          {"vals_nset_var1ns1", "double", "time_step"},
        }) {
      Path p = damaged(c[0], c[1], c[2]);
      EntityType kind = c[0].contains("nset") ? EntityType.NODE_SET : EntityType.ELEM_BLOCK;
      long id = kind == EntityType.NODE_SET ? 20 : 10;
      try (ExodusFile f = ExodusFile.open(p)) {
        namesFileAnd(
            p,
            c[0],
            assertThrows(
                ExodusFormatException.class, () -> f.readVariable(kind, 0, id, 0, 0, 2, d, 0)));
        namesFileAnd(
            p,
            c[0],
            assertThrows(
                ExodusFormatException.class, () -> f.readVariableSteps(kind, 0, id, 0, 2, d, 0)));
        namesFileAnd(
            p,
            c[0],
            assertThrows(ExodusFormatException.class, () -> f.unwrittenRanges(kind, 0, id, 1)));
        // declares no I/O error: unchecked, as for a nodal variable, still naming file and variable
        namesFileAnd(
            p, c[0], assertThrows(IllegalStateException.class, () -> f.storedEntries(kind, 0, id)));
      }
    }
  }

  /** A read the file's counts allow, of an array stored shorter than they say. */
  private interface Read {
    void run(ExodusFile f) throws Exception;
  }

  private void failsNaming(String var, String type, String dims, Read... reads) throws Exception {
    Path p = damaged(var, type, dims);
    try (ExodusFile f = ExodusFile.open(p)) {
      for (Read r : reads) {
        namesFileAnd(p, var, assertThrows(ExodusFormatException.class, () -> r.run(f), dims));
      }
    }
  }

  /**
   * Arrays stored shorter than the file's dimensions say (the entities of a block or set, the steps
   * of a result that is not a record variable, the global variables): the file's fault, as for
   * coordinates (where the C library's read fails with NC_EEDGE), not the storage's unnamed {@link
   * IndexOutOfBoundsException} that a caller's range outside the counts gets.
   */
  @Test
  void arraysStoredShortAreFormatErrors() throws Exception {
    double[] d = new double[16];
    long[] l = new long[16];
    int[] i = new int[16];
    failsNaming(
        "connect1",
        "int",
        "one, num_nod_per_el1",
        f -> f.connectivity(f.blocks(EntityType.ELEM_BLOCK).get(0)),
        f -> f.readConnectivity(f.blocks(EntityType.ELEM_BLOCK).get(0), 0, 1, i, 0),
        f -> f.connectivityViewInts(f.blocks(EntityType.ELEM_BLOCK).get(0)));
    failsNaming(
        "connect1",
        "int",
        "num_el_in_blk1, one",
        f -> f.connectivity(f.blocks(EntityType.ELEM_BLOCK).get(0)),
        f -> f.readConnectivity(f.blocks(EntityType.ELEM_BLOCK).get(0), 1, 1, i, 0));
    failsNaming(
        "edgconn1",
        "int",
        "one, num_edg_per_el1",
        f -> f.readEdgeConnectivity(f.blocks(EntityType.ELEM_BLOCK).get(0), 0, 2, l, 0));
    failsNaming(
        "node_ns1",
        "int",
        "one",
        f -> f.readSetEntries(f.sets(EntityType.NODE_SET).get(0), 0, 2, l, 0));
    failsNaming("coordx", "double", "one", f -> f.coordinateView(0), f -> f.coordinates(0));
    failsNaming("time_whole", "double", "one", f -> f.times(), f -> f.readTimes(1, 1, d, 0));
    failsNaming(
        "vals_glo_var",
        "double",
        "time_step, one",
        f -> f.readGlobalVariables(0, d, 0),
        f -> f.readGlobalVariableHistory(1, 0, 2, d, 0),
        f -> f.readGlobalVariableSteps(0, 2, d, 0));
    failsNaming(
        "vals_nod_var1",
        "double",
        "one, num_nodes",
        f -> f.readNodalVariable(0, 1, 0, 3, d, 0),
        f -> f.nodalVariableView(0, 1),
        f -> f.readNodalVariableHistory(0, 2, 0, 2, d, 0),
        f -> f.readNodalVariableSteps(0, 0, 2, d, 0));
    failsNaming(
        "vals_elem_var1eb1",
        "double",
        "one, num_el_in_blk1",
        f -> f.readVariable(EntityType.ELEM_BLOCK, 0, 10, 1, 0, 2, d, 0),
        f -> f.variableView(EntityType.ELEM_BLOCK, 0, 10, 1),
        f -> f.readVariableHistory(EntityType.ELEM_BLOCK, 0, 10, 1, 0, 2, d, 0),
        f -> f.readVariableSteps(EntityType.ELEM_BLOCK, 0, 10, 0, 2, d, 0));
    // the step such an array stores still reads, as the C library reads it
    Path p = damaged("vals_nod_var1", "double", "one, num_nodes");
    try (ExodusFile f = ExodusFile.open(p)) {
      f.readNodalVariable(0, 0, 0, 3, d, 0);
    }
  }

  @Test
  void theSoundFileReadsAsNetcdfCWroteIt() throws Exception {
    // the builder's own check: its sound file reads (the numbers are the CDL's data above)
    Path p = damaged("vals_glo_var", "double", "time_step, num_glo_var");
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(List.of("g1", "g2"), f.variableNames(EntityType.GLOBAL));
      assertEquals(List.of("x", "y"), f.coordinateNames());
      double[] d = new double[4];
      f.readVariableSteps(EntityType.ELEM_BLOCK, 0, 10, 0, 2, d, 0);
      assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(d[0], d[1], d[2], d[3]));
      // a caller's range past the counts stays the caller's mistake
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertThrows(IndexOutOfBoundsException.class, () -> f.readConnectivity(b, 0, 3, d2(), 0));
      assertThrows(IndexOutOfBoundsException.class, () -> f.readGlobalVariableSteps(1, 2, d, 0));
      assertEquals(List.of(1L, 2L, 2L, 3L), boxed(f.connectivity(b)));
      long[] edges = new long[2];
      f.readEdgeConnectivity(b, 0, 2, edges, 0);
      assertEquals(List.of(1L, 1L), boxed(edges));
      assertEquals(List.of(1L, 2L), boxed(f.connectivity(f.blocks(EntityType.EDGE_BLOCK).get(0))));
      long[] second = new long[2];
      f.readConnectivity(b, 1, 1, second, 0);
      assertEquals(List.of(2L, 3L), boxed(second));
      assertEquals(
          List.of(3.0, 4.0, 5.0),
          List.of(f.coordinates(1)[0], f.coordinates(1)[1], f.coordinates(1)[2]));
      assertEquals(List.of(1.0, 2.0), List.of(f.times()[0], f.times()[1]));
    }
  }

  private static long[] d2() {
    return new long[16];
  }

  private static List<Long> boxed(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
