package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.exodusj.internal.testutil.NcdumpData.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of the model the canonical dump does not cover, on real corpus files, against
 * netCDF-C's reading of the same variables ({@code ncdump}).
 */
class CorpusModelTest {
  static Path corpus;

  @BeforeAll
  static void setup() {
    ExternalTools.require("ncdump");
    corpus = ExternalTools.corpus();
  }

  static long[] longs(List<Token> t) {
    long[] out = new long[t.size()];
    for (int i = 0; i < out.length; i++) out[i] = Long.parseLong(t.get(i).text());
    return out;
  }

  static double[] doubles(List<Token> t) {
    double[] out = new double[t.size()];
    for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(t.get(i).text());
    return out;
  }

  static String str(Token t) {
    return new String(t.bytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void assembliesAndTheirReductionVariables() throws Exception {
    Path p = corpus.resolve("seacas__packages__seacas__scripts__tests__test-assembly.exo");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      List<Assembly> as = f.assemblies();
      assertEquals(6, as.size());
      Assembly root = as.stream().filter(a -> a.id() == 100).findFirst().orElseThrow();
      assertEquals("Root", root.name());
      assertEquals(EntityType.ASSEMBLY, root.memberType());
      long[] members = root.members().stream().mapToLong(Long::longValue).toArray();
      assertArrayEquals(longs(nc.get("assembly_entity100")), members);
      Assembly child = as.stream().filter(a -> a.id() == 200).findFirst().orElseThrow();
      assertEquals(EntityType.ELEM_BLOCK, child.memberType());
      // netCDF attributes attached to entities, as ncdump shows them on assembly_entity100/300
      List<EntityAttribute> rootAtts = f.entityAttributes(EntityType.ASSEMBLY, 100);
      assertEquals(
          List.of("Scale", "Units"), rootAtts.stream().map(EntityAttribute::name).toList());
      assertEquals(List.of(1.5), rootAtts.get(0).values());
      assertEquals(List.of(1.0, 0.0, 0.0, -1.0), rootAtts.get(1).values());
      List<EntityAttribute> child3 = f.entityAttributes(EntityType.ASSEMBLY, 300);
      assertEquals("length", child3.get(0).text());
      assertEquals(List.of(), f.entityAttributes(EntityType.ELEM_BLOCK, 10));
      List<String> names = f.reductionVariableNames(EntityType.ASSEMBLY);
      assertEquals(4, names.size());
      List<String> expectedNames = new ArrayList<>();
      for (Token t : nc.get("name_assembly_red_var")) expectedNames.add(str(t));
      assertEquals(expectedNames, names);
      double[] expected = doubles(nc.get("vals_red_var_assembly100"));
      double[] got = new double[4];
      for (int step = 0; step < f.timeStepCount(); step++) {
        f.readReductionVariables(EntityType.ASSEMBLY, 100, step, got, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 4 * step, 4 * step + 4), got);
      }
      // stored where ncdump shows vals_red_var_assembly<id> (100-400), not on 222 and 333
      for (Assembly a : as) {
        assertEquals(
            nc.containsKey("vals_red_var_assembly" + a.id()),
            f.hasReductionVariables(EntityType.ASSEMBLY, a.id()),
            "assembly " + a.id());
      }
      assertTrue(f.hasReductionVariables(EntityType.ASSEMBLY, 100));
      assertFalse(f.hasReductionVariables(EntityType.ASSEMBLY, 222));
      assertFalse(f.hasReductionVariables(EntityType.ELEM_BLOCK, 10));
    }
  }

  @Test
  void numberedMapsWithNames() throws Exception {
    Path p =
        corpus.resolve(
            "seacas__packages__seacas__libraries__ioss__src__main__test__8-block-omitted.g");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      List<NumberedMap> maps = f.numberedMaps(EntityType.ELEM_MAP);
      assertEquals(1, maps.size());
      NumberedMap m = maps.get(0);
      assertEquals(str(nc.get("emap_names").get(0)), m.name());
      assertEquals(longs(nc.get("em_prop1"))[0], m.id());
      long[] vals = new long[(int) m.length()];
      f.readNumberedMap(m, 0, vals.length, vals, 0);
      assertArrayEquals(longs(nc.get("elem_map1")), vals);
      assertTrue(f.hasIdMap(EntityType.ELEM_MAP));
      long[] ids = new long[(int) f.elementCount()];
      f.readIdMap(EntityType.ELEM_MAP, 0, ids.length, ids, 0);
      assertArrayEquals(longs(nc.get("elem_num_map")), ids);
    }
  }

  @Test
  void edgeAndFaceBlocksSetsAndElementToEdgeConnectivity() throws Exception {
    Path p = corpus.resolve("vtkdata__Data__edgeFaceElem.exii");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(20, f.edgeCount());
      assertEquals(11, f.faceCount());
      Block edges = f.blocks(EntityType.EDGE_BLOCK).get(0);
      assertEquals(20, edges.entryCount());
      long[] ec = f.connectivity(edges);
      assertArrayEquals(longs(nc.get("ebconn1")), ec);
      assertEquals(3, f.blocks(EntityType.FACE_BLOCK).size());
      Block elems = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertEquals(12, elems.edgesPerEntry());
      assertEquals(6, elems.facesPerEntry());
      long[] e2e = new long[(int) (elems.entryCount() * 12)];
      f.readEdgeConnectivity(elems, 0, elems.entryCount(), e2e, 0);
      assertArrayEquals(longs(nc.get("edgconn1")), e2e);
      long[] e2f = new long[(int) (elems.entryCount() * 6)];
      f.readFaceConnectivity(elems, 0, elems.entryCount(), e2f, 0);
      assertArrayEquals(longs(nc.get("facconn1")), e2f);
      EntitySet es = f.sets(EntityType.EDGE_SET).get(0);
      assertEquals(6, es.entryCount());
      assertEquals(6, es.distributionFactorCount());
      long[] entries = new long[6];
      long[] ornt = new long[6];
      f.readSetEntries(es, 0, 6, entries, 0);
      f.readSetExtra(es, 0, 6, ornt, 0);
      assertArrayEquals(longs(nc.get("edge_es1")), entries);
      assertArrayEquals(longs(nc.get("ornt_es1")), ornt);
      assertEquals(2, f.variableNames(EntityType.EDGE_BLOCK).size());
      assertEquals(1, f.variableNames(EntityType.FACE_SET).size());
      assertEquals(1, f.numberedMaps(EntityType.EDGE_MAP).size());
    }
  }

  @Test
  void polyhedraAndPolygons() throws Exception {
    Path p = corpus.resolve("portage__test_data__cube-poly1.exo");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      Block poly = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertEquals(Topology.NFACED, poly.topology());
      assertEquals("NFACED", poly.storedType());
      assertEquals(1330, poly.connectivityLength());
      long[] counts = new long[(int) poly.entryCount()];
      f.readEntityCounts(poly, 0, counts.length, counts, 0);
      assertArrayEquals(longs(nc.get("ebepecnt1")), counts);
      assertEquals(poly.connectivityLength(), java.util.Arrays.stream(counts).sum());
      assertArrayEquals(longs(nc.get("facconn1")), f.connectivity(poly));
      Block faces = f.blocks(EntityType.FACE_BLOCK).get(0);
      assertEquals(Topology.NSIDED, faces.topology());
      long[] fcounts = new long[(int) faces.entryCount()];
      f.readEntityCounts(faces, 0, fcounts.length, fcounts, 0);
      assertEquals(faces.nodesPerEntry(), java.util.Arrays.stream(fcounts).sum());
      assertArrayEquals(longs(nc.get("fbconn1")), f.connectivity(faces));
      // a partial read of the flat list
      long[] part = new long[10];
      f.readConnectivity(faces, 100, 10, part, 0);
      assertArrayEquals(java.util.Arrays.copyOfRange(longs(nc.get("fbconn1")), 100, 110), part);
    }
  }

  @Test
  void sparseTruthTableAbsentEntriesAreAbsent() throws Exception {
    Path p =
        corpus.resolve(
            "seacas__packages__seacas__libraries__ioss__src__visualization__catalyst__test__fixture__test_data__block_crush_1.ex2");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      TruthTable t = f.truthTable(EntityType.ELEM_BLOCK);
      long[] tab = longs(nc.get("elem_var_tab"));
      int nv = t.variableNames().size();
      int absent = 0;
      for (int b = 0; b < t.objectIds().size(); b++) {
        for (int v = 0; v < nv; v++) {
          assertEquals(tab[b * nv + v] != 0, t.has(b, v), "block " + b + " var " + v);
          assertEquals(t.has(b, v), f.hasVariable(EntityType.ELEM_BLOCK, v, t.objectIds().get(b)));
          if (!t.has(b, v)) absent++;
        }
      }
      assertTrue(absent > 0, "the table is sparse");
      assertEquals(927, f.infoRecords().size());
    }
  }

  @Test
  void propertiesAttributesAndNodalAttributes() throws Exception {
    Path p = corpus.resolve("exodusiicpp__test__assets__test.exo");
    Map<String, List<Token>> nc = NcdumpData.of(p);
    try (ExodusFile f = ExodusFile.open(p)) {
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertEquals(
          longs(nc.get("eb_prop2"))[0], b.properties().get("MATERIAL_PROPERTY_LONG_NAME_32CH"));
      // eb_prop3 holds only its _FillValue (0): ncdump prints "_"
      assertEquals("_", nc.get("eb_prop3").get(0).text());
      assertEquals(0L, b.properties().get("DENSITY"));
      assertEquals(1, b.attributeCount());
      double[] att = new double[(int) b.entryCount()];
      f.readAttributes(b, 0, b.entryCount(), att, 0);
      assertArrayEquals(doubles(nc.get("attrib1")), att);
      assertEquals(2, f.nodalAttributeNames().size());
      double[] na = new double[(int) f.nodeCount() * 2];
      f.readNodalAttributes(0, f.nodeCount(), na, 0);
      assertArrayEquals(doubles(nc.get("nattrb")), na);
    }
  }

  @Test
  void nullBlocksAndEmptyTitles() throws Exception {
    Path p = corpus.resolve("exodusjl__test__example_output__global_vars_test.gold");
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals("", f.title());
      Block nul = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertEquals(-1, nul.id());
      assertEquals(Topology.NULL, nul.topology());
      assertEquals("NULL", nul.storedType());
      assertEquals(0, nul.entryCount());
      assertFalse(f.hasConnectivity(nul));
      assertEquals(5, f.variableNames(EntityType.GLOBAL).size());
    }
  }

  @Test
  void aFileWithoutTitleIsReadAndTheDefectReported(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // The C library refuses a file without the title attribute; the netCDF content is clear.
    byte[] b =
        java.nio.file.Files.readAllBytes(
            corpus.resolve("libmesh__tests__meshes__exodus_elements__read_exodus_HEX27.e"));
    String header = new String(b, 0, 4096, StandardCharsets.ISO_8859_1);
    int at = header.indexOf("title");
    assertTrue(at > 0);
    b[at + 4] = 'x'; // "titlx": same length, so the header layout is unchanged
    Path p = dir.resolve("untitled.e");
    java.nio.file.Files.write(p, b);
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals("", f.title());
      assertTrue(
          f.defects().stream().anyMatch(d -> d.contains("'title' is missing")),
          f.defects().toString());
      assertEquals(27, f.blocks(EntityType.ELEM_BLOCK).get(0).nodesPerEntry());
    }
  }

  @Test
  void theInvalidCorpusFileIsRejectedClearly() throws Exception {
    Path p =
        corpus
            .resolve("invalid")
            .resolve("libmesh__contrib__exodusii__5.22b__exodus__cbind__test__test.exo_c");
    ExodusFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExodusFormatException.class, () -> ExodusFile.open(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("dimension list at byte 8"), e.getMessage());
  }

  @Test
  void topologySpellingsNormalize() {
    assertEquals(Topology.HEX8, Topology.of("HEX", 8));
    assertEquals(Topology.HEX8, Topology.of("hex8", 8));
    assertEquals(Topology.HEX8, Topology.of("HEXAHEDRON", 8));
    assertEquals(Topology.HEX27, Topology.of("HEX", 27));
    assertEquals(Topology.TET4, Topology.of("TETRA", 4));
    assertEquals(Topology.TET4, Topology.of("TET4", 4));
    assertEquals(Topology.TET10, Topology.of("tetra", 10));
    assertEquals(Topology.TET8, Topology.of("TETRA8", 8));
    assertEquals(Topology.TRI3, Topology.of("TRIANGLE", 3));
    assertEquals(Topology.TRI7, Topology.of("TRI7", 7));
    assertEquals(Topology.BAR2, Topology.of("BEAM", 2));
    assertEquals(Topology.BAR2, Topology.of("EDGE2", 2));
    assertEquals(Topology.BAR2, Topology.of("TRUSS", 2));
    assertEquals(Topology.BAR2, Topology.of("STRAIGHT2", 2));
    assertEquals(Topology.BAR3, Topology.of("EDGE3", 3));
    assertEquals(Topology.SHELL4, Topology.of("shell4", 4));
    assertEquals(Topology.TRISHELL3, Topology.of("TRISHELL3", 3));
    assertEquals(Topology.WEDGE18, Topology.of("WEDGE18", 18));
    assertEquals(Topology.PYRAMID5, Topology.of("PYRAMID", 5));
    assertEquals(Topology.QUAD4, Topology.of("quad", 4));
    assertEquals(Topology.QUAD9, Topology.of("QUAD9", 9));
    assertEquals(Topology.SPHERE, Topology.of("sphere", 1));
    assertEquals(Topology.NSIDED, Topology.of("nsided", 12));
    assertEquals(Topology.NFACED, Topology.of("NFACED", 0));
    assertEquals(Topology.NULL, Topology.of("NULL", 0));
    assertEquals(Topology.UNKNOWN, Topology.of("GIZMO7", 7));
  }
}
