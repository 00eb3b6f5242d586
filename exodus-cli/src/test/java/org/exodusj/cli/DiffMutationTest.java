package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo diff} by mutation, one kind of content at a time: a real file (the shared corpus, or
 * one the Exodus 9.06 C library writes with blobs, reduction variables, entity attributes and field
 * metadata) and copies of it with exactly one value changed by an independent writer (python
 * netCDF4 on netCDF-C, or ncgen from an edited ncdump). Each changed copy must diff with exit 1 and
 * exactly the expected {@code DIFF} lines, which name the place (kind, id, name, entry, step) and
 * the values as ncdump shows them; the unchanged copy, its {@code nccopy} (new layout) and its
 * NetCDF-4 {@code nccopy -k nc4} must diff equal with exit 0, and so must changes within tolerance
 * and an element type that differs only in case.
 */
class DiffMutationTest {
  @TempDir Path dir;

  /**
   * One change: python statements on the open {@code netCDF4.Dataset d} (helper {@code name(v, i,
   * s)} sets row {@code i} of a char variable), and the {@code DIFF} lines it must give, each a
   * list of pieces that appear in this order in one line ({@code "…"} separates them); none for a
   * change that must compare equal.
   */
  record Mutation(String what, String python, List<String> expected) {}

  static Mutation m(String what, String python, String... expected) {
    return new Mutation(what, python, List.of(expected));
  }

  /** The same content: the diff must say equal. */
  static Mutation same(String what, String python) {
    return new Mutation(what, python, List.of());
  }

  @Test
  void assembliesAttributesAndReductionVariables() throws Exception {
    check(
        corpus("seacas__packages__seacas__scripts__tests__test-assembly.exo"),
        m(
            "assembly name",
            "d['assembly_entity200'].setncattr('_name', 'Child2x')",
            "DIFF  assembly 200 name: 'Child2' vs 'Child2x'"),
        m(
            "assembly member",
            "d['assembly_entity200'][1] = 15",
            "DIFF  assembly assembly members 200: 1 of 4 values differ…at member 2: 11 vs 15"),
        m(
            "assembly member type",
            "d['assembly_entity200'].setncattr('_type', np.int32(8))",
            "DIFF  assembly 200 member type: ELEM_BLOCK vs FACE_BLOCK"),
        m(
            "numeric assembly attribute",
            "d['assembly_entity100'].setncattr('Scale', 2.5)",
            "DIFF  attribute assembly Scale 100: 1 of 1 values differ…at value 1: 1.5 vs 2.5"),
        m(
            "text assembly attribute",
            "d['assembly_entity300'].setncattr('Dimension', 'mass')",
            "DIFF  assembly 300 attribute 'Dimension': 'length' vs 'mass'"),
        m(
            "integer block attribute",
            "d['connect2'].setncattr('Units', np.array([1, 0, 0, -2], 'i4'))",
            "DIFF  attribute elem_block Units 11: 1 of 4 values differ…at value 4: -1 vs -2"),
        m(
            "attribute in one file only",
            "d['assembly_entity400'].setncattr('Extra', 1.0)",
            "DIFF  assembly 400 attribute 'Extra' only in B"),
        m(
            "assembly reduction variable",
            "d['vals_red_var_assembly300'][4, 2] = 9.5",
            "DIFF  reduction assembly Momentum_Z 300: 1 of 10 values differ…at step 5: 2.2 vs 9.5"),
        m(
            "reduction variable name",
            "name(d['name_assembly_red_var'], 3, 'Kinetic_EnergX')",
            "DIFF  assembly reduction variable 'Kinetic_Energy' only in A",
            "DIFF  assembly reduction variable 'Kinetic_EnergX' only in B"),
        m(
            "element block name",
            "name(d['eb_names'], 6, 'renamed')",
            "DIFF  elem_block 16 name: '…' vs 'renamed'"),
        same("element type in upper case", "d['connect1'].setncattr('elem_type', 'SPHERE')"),
        same(
            "reduction variable within tolerance",
            "d['vals_red_var_assembly300'][4, 2] = 2.2 * (1 + 1e-8)"));
  }

  @Test
  void newKindsInJson() throws Exception {
    Path a = corpus("seacas__packages__seacas__scripts__tests__test-assembly.exo");
    Path b = dir.resolve("b.e");
    Files.copy(a, b);
    ExternalTools.run(
        ExternalTools.pythonWithNetcdf4(),
        "-c",
        "import netCDF4\n"
            + "d = netCDF4.Dataset('"
            + b
            + "', 'a')\n"
            + "d['assembly_entity100'].setncattr('Scale', 2.5)\n"
            + "d['vals_red_var_assembly300'][4, 2] = 9.5\n"
            + "d['assembly_entity200'].setncattr('_name', 'Child2x')\n"
            + "d.close()\n");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("diff", "--json", a.toString(), b.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    JsonNode root = InfoJsonTest.JSON.readTree(r.out());
    assertFalse(root.get("equal").asBoolean());
    assertEquals("assembly 200 name: 'Child2' vs 'Child2x'", root.get("metadata").get(0).asText());
    List<String> differing = new ArrayList<>();
    for (JsonNode it : root.get("compared")) {
      if (it.get("differing").asLong() == 0) continue;
      JsonNode at = it.get("at");
      differing.add(
          String.join(
              " ",
              it.get("category").asText(),
              it.get("kind").asText(),
              it.get("name").asText(),
              it.get("object_id").asText(),
              at.get("entity").asText(),
              at.has("position") ? at.get("position").asText() : "-",
              at.has("step") ? at.get("step").asText() : "-",
              at.get("a").asText(),
              at.get("b").asText()));
    }
    assertEquals(
        List.of(
            "attribute assembly Scale 100 value 1 - 1.5 2.5",
            "reduction assembly Momentum_Z 300 step - 5 2.2 9.5"),
        differing);
  }

  @Test
  void propertiesNodalAttributesBlockAttributesAndTheElementOrderMap() throws Exception {
    check(
        corpus("exodusiicpp__test__assets__test.exo"),
        m("block property", "d['eb_prop3'][2] = 7", "DIFF  elem_block 12 property DENSITY: 0 vs 7"),
        m(
            "set property",
            "d['ns_prop3'][1] = 2500",
            "DIFF  node_set 21 property VELOCITY: 2000 vs 2500"),
        m(
            "property name",
            "d['ns_prop3'].setncattr('name', 'SPEED')",
            "DIFF  node_set 20 property VELOCITY only in A",
            "DIFF  node_set 20 property SPEED only in B",
            "DIFF  node_set 21 property VELOCITY only in A",
            "DIFF  node_set 21 property SPEED only in B"),
        m(
            "nodal attribute",
            "d['nattrb'][3, 1] = d['nattrb'][3, 1] + 0.5",
            "DIFF  mesh nodal_attribute Node_attr_2: 1 of 33 values differ…at node id 4: "),
        m(
            "nodal attribute name",
            "name(d['nattrib_name'], 0, 'Node_attr_X')",
            "DIFF  nodal attribute names: [Node_attr_1, Node_attr_2] vs [Node_attr_X, Node_attr_2]"),
        m(
            "element order map",
            "d['elem_map'][2] = 9",
            "DIFF  map elem_map: 1 of 7 values differ…at element id 3: 3 vs 9"),
        m(
            "element type",
            "d['connect1'].setncattr('elem_type', 'quad4')",
            "DIFF  elem_block 10 type: 'quad' vs 'quad4'"),
        m(
            "block attribute name",
            "name(d['attrib_name1'], 0, 'THICKNESX')",
            "DIFF  elem_block 10 attribute names: [THICKNESS] vs [THICKNESX]"),
        m(
            "block attribute value",
            "d['attrib1'][0, 0] = d['attrib1'][0, 0] + 1",
            "DIFF  mesh elem_block attributes 10: 1 of 1 values differ…at entry 1: "),
        m(
            "set name",
            "name(d['ns_names'], 1, 'nset_X')",
            "DIFF  node_set 21 name: 'nset_2' vs 'nset_X'"),
        m(
            "coordinate name",
            "name(d['coor_names'], 0, 'r')",
            "DIFF  coordinate names: [x, y, z] vs [r, y, z]"),
        m(
            "set attribute value",
            "d['nsattrb1'][2, 0] = 0.5",
            "DIFF  set node_set attributes 20: 1 of 5 values differ…at entry 3: 1 vs 0.5"),
        m(
            "property order",
            "d.set_auto_mask(False)\n"
                + "a = d['ns_prop2'][:].copy()\n"
                + "b = d['ns_prop3'][:].copy()\n"
                + "d['ns_prop2'].setncattr('name', 'VELOCITY')\n"
                + "d['ns_prop3'].setncattr('name', 'FACE')\n"
                + "d['ns_prop2'][:] = b\n"
                + "d['ns_prop3'][:] = a",
            "DIFF  node_set property names: [ID, FACE, VELOCITY] vs [ID, VELOCITY, FACE]"),
        same("element type in upper case", "d['connect1'].setncattr('elem_type', 'QUAD')"));
  }

  @Test
  void numberedMapsAndIdMaps() throws Exception {
    check(
        corpus("seacas__packages__seacas__libraries__ioss__src__main__test__8-block-omitted.g"),
        m(
            "numbered map value",
            "d['elem_map1'][3] = d['elem_map1'][3] + 1000",
            "DIFF  map elem_map proc_id 1: 1 of 32 values differ…at element id "),
        m(
            "numbered map name",
            "name(d['emap_names'], 0, 'proc_ix')",
            "DIFF  elem_map 1 name: 'proc_id' vs 'proc_ix'"),
        m(
            "numbered map id",
            "d['em_prop1'][0] = 2",
            "DIFF  elem_map 1 only in A",
            "DIFF  elem_map 2 only in B"),
        m(
            "element id map",
            "d['elem_num_map'][5] = 100000",
            "DIFF  map elem_num_map: 1 of 32 values differ…vs 100000"),
        m(
            "node id map",
            "d['node_num_map'][7] = 100000",
            "DIFF  map node_num_map: 1 of 125 values differ…vs 100000"));
  }

  @Test
  void edgesFacesAndTheirMapsAndSets() throws Exception {
    check(
        corpus("vtkdata__Data__edgeFaceElem.exii"),
        m(
            "element-to-edge connectivity",
            "d['edgconn1'][1, 0] = 20",
            "DIFF  mesh elem_block edge connectivity 200: 1 of 24 values differ…at entry 2: 13 vs 20"),
        m(
            "element-to-face connectivity",
            "d['facconn1'][0, 0] = 11",
            "DIFF  mesh elem_block face connectivity 200: 1 of 12 values differ…at entry 1: 4 vs 11"),
        m(
            "edge block connectivity",
            "d['ebconn1'][0, 1] = d['ebconn1'][0, 1] + 1",
            "DIFF  mesh edge_block connectivity 100: 1 of 40 values differ…at entry 1: "),
        m(
            "edge set entry",
            "d['edge_es1'][2] = 5",
            "DIFF  set edge_set entries 1200: 1 of 6 values differ…at entry 3: 4 vs 5"),
        m(
            "edge numbered map",
            "d['edge_map1'][0] = 21",
            "DIFF  map edge_map …800: 1 of 20 values differ…at edge id 1: 1 vs 21"),
        m(
            "face block attribute",
            "d['fattrb2'][0, 0] = d['fattrb2'][0, 0] + 1",
            "DIFF  mesh face_block attributes 600: 1 of 1 values differ"));
  }

  @Test
  void unnamedVariablesMatchByPosition() throws Exception {
    // five global variables, all named "": each compares with the one at its position
    check(
        corpus("exodusjl__test__example_output__global_vars_test.gold"),
        m(
            "unnamed global variable",
            "d['vals_glo_var'][1, 3] = 99",
            "DIFF  variable global #4: 1 of 2 values differ…at step 2: 4 vs 99"));
  }

  @Test
  void childGroups() throws Exception {
    check(
        corpus("derived/DERIVED-nc4-zlib4-shuffle__vtkdata__mug.e"),
        m("a child group", "d.createGroup('left')", "DIFF  groups: [] vs [left]"));
  }

  @Test
  void nemesisDecompositionData() throws Exception {
    check(
        corpus("decomposed/mkmesh.par.2.0"),
        m(
            "border node map",
            "d['node_mapb'][1] = 4",
            "DIFF  nemesis processor 0 border nodes at 2: 6 vs 4"),
        m(
            "border element map",
            "d['elem_mapb'][0] = 1",
            "DIFF  nemesis processor 0 border elements at 1: 2 vs 1"),
        m(
            "communication map processor",
            "d['n_comm_proc'][0] = 0",
            "DIFF  nemesis processor 0 node communication map 1 processors at 1: 1 vs 0"),
        m(
            "global block ids",
            "d['el_blk_ids_global'][1] = 30",
            "DIFF  nemesis global block ids at 2: 20 vs 30"));
  }

  @Test
  void blobsEntityAttributesAndReductionVariablesOfExodus9() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exmodern9.c").toAbsolutePath());
    Path src = dir.resolve("modern.e");
    ExternalTools.run(exe.toString(), src.toString());
    List<Mutation> ms =
        List.of(
            m(
                "blob name",
                "d['blob_entity40'].setncattr('_name', 'histories')",
                "DIFF  blob 40 name: 'history' vs 'histories'"),
            m(
                "blob variable",
                "d['vals_blob_var1blob40'][1, 3] = 99",
                "DIFF  variable blob signal 40: 1 of 15 values differ…at entry 4, step 2: 2.375 vs 99"),
            m(
                "blob variable name",
                "name(d['name_blob_var'], 0, 'noise')",
                "DIFF  blob variable 'signal' only in A",
                "DIFF  blob variable 'noise' only in B"),
            m(
                "blob reduction variable",
                "d['vals_red_var_blob40'][2, 0] = 0",
                "DIFF  reduction blob peak 40: 1 of 3 values differ…at step 3: 12 vs 0"),
            m(
                "block reduction variable",
                "d['vals_red_var_eb1'][0, 1] = 4",
                "DIFF  reduction elem_block energy 10: 1 of 3 values differ…at step 1: 3 vs 4"),
            m(
                "node set reduction variable",
                "d['vals_red_var_nset1'][1, 0] = 3",
                "DIFF  reduction node_set force 20: 1 of 3 values differ…at step 2: -3 vs 3"),
            m(
                "node set attribute",
                "d['node_ns1'].setncattr('Offset', np.array([1.25, 2.75, 3.75]))",
                "DIFF  attribute node_set Offset 20: 1 of 3 values differ…at value 2: 2.5 vs 2.75"),
            m(
                "integer block attribute",
                "d['connect1'].setncattr('Layers', np.array([7, 9], 'i4'))",
                "DIFF  attribute elem_block Layers 10: 1 of 2 values differ…at value 2: 8 vs 9"),
            m(
                "text assembly attribute",
                "d['assembly_entity30'].setncattr('Units', 'CGS')",
                "DIFF  assembly 30 attribute 'Units': 'SI' vs 'CGS'"),
            m(
                "blob attribute",
                "d['blob_entity40'].setncattr('Scale', 1.5)",
                "DIFF  attribute blob Scale 40: 1 of 1 values differ…at value 1: 1.25 vs 1.5"),
            m("set property", "d['ns_prop2'][0] = 4", "DIFF  node_set 20 property COLOR: 3 vs 4"),
            m(
                "field metadata",
                "d['connect1'].setncattr('Field@velocity@type', np.int32(8))",
                "DIFF  elem_block 10 field 'velocity' types: [VECTOR_2D] vs [VECTOR_3D]"),
            m(
                "attribute of the file",
                "d.setncattr('SOLID_MODEL', 'rev 8')",
                "DIFF  global attribute 'SOLID_MODEL': 'rev 7' vs 'rev 8'"),
            m(
                "attribute of the nodes",
                "d['coor_names'].setncattr('Scale', 2.5)",
                "DIFF  attribute nodal Scale: 1 of 1 values differ…at value 1: 2 vs 2.5"),
            m(
                "attribute type",
                "d['connect1'].setncattr('Layers', np.array([7.0, 8.0]))",
                "DIFF  elem_block 10 attribute 'Layers': integer vs double"),
            m(
                "quadrature weight",
                "d.setncattr('Quad@gauss2@weight', np.array([1.0, 1.5]))",
                "DIFF  quadrature 'gauss2' weight at 2: 1.0 vs 1.5"),
            m(
                "basis coordinate",
                "d.setncattr('Basis@line2@xi', np.array([-1.0, 1.0, 0.5]))",
                "DIFF  basis 'line2' xi at 3: 0.0 vs 0.5"),
            m(
                "basis ordinal",
                "d.setncattr('Basis@line2@subc_ordinal', np.array([0, 2, 0], 'i4'))",
                "DIFF  basis 'line2' subc ordinal: [0, 1, 0] vs [0, 2, 0]"),
            m(
                "coordinate frame coordinate",
                "d['frame_coordinates'][13] = 3",
                "DIFF  coordinate frame 2 coordinates at 5: 1.0 vs 3.0"),
            m(
                "coordinate frame tag",
                "d['frame_tags'][1] = b\"R\"",
                "DIFF  coordinate frame 2 tag: C vs R"),
            m(
                "coordinate frame id",
                "d['frame_ids'][1] = 3",
                "DIFF  coordinate frame 2 only in A",
                "DIFF  coordinate frame 3 only in B"),
            same(
                "quadrature weight within tolerance",
                "d.setncattr('Quad@gauss2@weight', np.array([1.0, 1.0 + 1e-9]))"),
            m(
                "element variable",
                "d['vals_elem_var3eb1'][2, 1] = 0",
                "DIFF  variable elem_block pressure 10: 1 of 6 values differ…at element id 2, step 3: 332 vs 0"),
            m(
                "distribution factor",
                "d['dist_fact_ns1'][2] = 0.25",
                "DIFF  set node_set distribution_factors 20: 1 of 3 values differ…at factor 3: 0.5 vs 0.25"),
            same(
                "blob variable within tolerance",
                "d['vals_blob_var1blob40'][1, 3] = 2.375 * (1 + 1e-9)"),
            same(
                "attribute within tolerance",
                "d['blob_entity40'].setncattr('Scale', 1.25 * (1 + 1e-9))"));
    check(src, ms.toArray(new Mutation[0]));

    // the blob's length, changed by ncgen from an edited ncdump: one more value, 0 at each step
    Path cdl = dir.resolve("longer.cdl");
    StringBuilder edited = new StringBuilder();
    boolean inBlob = false;
    for (String line : ExternalTools.run("ncdump", src.toString()).split("\n", -1)) {
      if (line.strip().startsWith("vals_blob_var1blob40 =")) {
        inBlob = true;
      } else if (inBlob && line.strip().endsWith(";")) {
        line = line.substring(0, line.lastIndexOf(';')).stripTrailing() + ", 0 ;";
        inBlob = false;
      } else if (inBlob && line.strip().endsWith(",")) {
        line = line + " 0,";
      }
      edited
          .append(line.replace("num_values_blob40 = 5 ;", "num_values_blob40 = 6 ;"))
          .append('\n');
    }
    Files.writeString(cdl, edited.toString());
    Path longer = dir.resolve("longer.e");
    ExternalTools.run("ncgen", "-k", "classic", "-o", longer.toString(), cdl.toString());
    ExoCommandTest.Result r = ExoCommandTest.inProcess("diff", src.toString(), longer.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("DIFF  blob 40 values: 5 vs 6"), r.out());
    assertTrue(r.out().contains("DIFF  blob variable 'signal' on 40: 5 vs 6 entries"), r.out());
  }

  // ---- the harness -----------------------------------------------------------------------------

  static Path corpus(String name) {
    return ExternalTools.corpus().resolve(name);
  }

  /**
   * Diffs {@code source} against an unchanged copy, an {@code nccopy} and an {@code nccopy -k nc4}
   * of it (all equal), then against one copy per mutation.
   */
  void check(Path source, Mutation... mutations) throws Exception {
    ExternalTools.require("nccopy");
    String py = ExternalTools.pythonWithNetcdf4();
    Path copy = dir.resolve("copy.e");
    Files.copy(source, copy);
    Path nccopied = dir.resolve("nccopied.e");
    ExternalTools.run("nccopy", source.toString(), nccopied.toString());
    Path nc4 = dir.resolve("nc4.e");
    ExternalTools.run("nccopy", "-k", "nc4", source.toString(), nc4.toString());
    for (Path p : List.of(copy, nccopied, nc4)) {
      ExoCommandTest.Result r = ExoCommandTest.inProcess("diff", source.toString(), p.toString());
      assertEquals(0, r.code(), p.getFileName() + ":\n" + r.out() + r.err());
      assertTrue(r.out().contains("equal within tolerance"), r.out());
      assertFalse(r.out().contains("DIFF"), r.out());
    }

    StringBuilder script =
        new StringBuilder(
            "import netCDF4, numpy as np, shutil\n"
                + "def name(v, i, s):\n"
                + "    v[i] = netCDF4.stringtochar(np.array([s], 'S%d' % v.shape[1]))\n"
                + "jobs = []\n");
    List<Path> changed = new ArrayList<>();
    for (int i = 0; i < mutations.length; i++) {
      Path p = dir.resolve("m" + i + ".e");
      changed.add(p);
      script
          .append("jobs.append((r'''")
          .append(p)
          .append("''', r'''")
          .append(mutations[i].python())
          .append("'''))\n");
    }
    script
        .append("for path, code in jobs:\n")
        .append("    shutil.copyfile(r'''")
        .append(source)
        .append("''', path)\n")
        .append("    d = netCDF4.Dataset(path, 'a')\n")
        .append("    exec(code)\n")
        .append("    d.close()\n");
    ExternalTools.run(py, "-c", script.toString());

    List<String> failures = new ArrayList<>();
    for (int i = 0; i < mutations.length; i++) {
      Mutation mu = mutations[i];
      ExoCommandTest.Result r =
          ExoCommandTest.inProcess("diff", source.toString(), changed.get(i).toString());
      List<String> diffs = r.out().lines().filter(l -> l.startsWith("DIFF")).toList();
      int want = mu.expected().isEmpty() ? 0 : 1;
      boolean ok = r.code() == want && diffs.size() == mu.expected().size();
      List<String> left = new ArrayList<>(diffs);
      for (String e : mu.expected()) {
        String hit = left.stream().filter(l -> matches(l, e)).findFirst().orElse(null);
        if (hit == null) ok = false;
        else left.remove(hit);
      }
      if (!ok) {
        failures.add(
            mu.what()
                + " ("
                + mu.python()
                + "): exit "
                + r.code()
                + ", expected "
                + mu.expected()
                + "\n"
                + r.out()
                + r.err());
      }
    }
    assertEquals(List.of(), failures, source.getFileName().toString());
  }

  /** True when the pieces of {@code pattern} (separated by "…") appear in {@code line} in order. */
  static boolean matches(String line, String pattern) {
    int at = 0;
    for (String piece : pattern.split("…", -1)) {
      int i = line.indexOf(piece, at);
      if (i < 0) return false;
      at = i + piece.length();
    }
    return true;
  }
}
