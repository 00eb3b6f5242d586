package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content Exodus gained after 6.02 (blobs and their variables, entity attributes on every kind,
 * field metadata, bases, quadrature rules), read and written as SEACAS Exodus 9.06 does. The oracle
 * is 9.06 itself: {@code exmodern.c} writes every feature through libexodus, {@code exref9} prints
 * what 9.06 reads ({@code x_} records), and the public API must give the same records; files we
 * write must give {@code exref9} output equal to the source's.
 */
class ModernContentInteropTest {

  /** The record types this test renders from the public API. */
  private static final Set<String> RENDERED =
      Set.of(
          "x_blob",
          "x_attribute",
          "x_field",
          "x_basis",
          "x_basis_arr",
          "x_quad",
          "x_quad_arr",
          "x_var",
          "x_var_names",
          "x_red_var_names",
          "x_red_vars");

  static Path exmodern(Path dir, String format) throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exmodern.c").toAbsolutePath());
    Path out = dir.resolve("modern-" + format + ".e");
    ExternalTools.run(exe.toString(), out.toString(), format);
    return out;
  }

  /** The lines of a dump whose record type is in {@code types}, in order. */
  static List<String> records(String dump, Set<String> types) {
    List<String> out = new ArrayList<>();
    for (String line : dump.split("\n")) {
      String t = line.split("\t", 2)[0];
      if (types.contains(t)) out.add(line);
    }
    return out;
  }

  /**
   * The records with attributes and fields of each entity sorted: libexodus's NetCDF-4 files keep
   * more than eight attributes of an object in dense storage, which netCDF-C lists in the order of
   * the name index (a hash); the writer stores them compact, listed in definition order. Used where
   * a file written from scratch is compared with libexodus's; the values are what is compared.
   */
  static List<String> attributeOrderFree(List<String> records) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < records.size()) {
      String key = groupKey(records.get(i));
      int j = i + 1;
      while (key != null && j < records.size() && key.equals(groupKey(records.get(j)))) j++;
      List<String> run = new ArrayList<>(records.subList(i, j));
      java.util.Collections.sort(run);
      out.addAll(run);
      i = j;
    }
    return out;
  }

  /** Record type, kind and id of an attribute or field record; null for others. */
  private static String groupKey(String record) {
    String[] x = record.split("\t", 4);
    boolean grouped = x[0].equals("x_attribute") || x[0].equals("x_field");
    return grouped && x.length > 3 ? x[0] + "\t" + x[1] + "\t" + x[2] : null;
  }

  /** Lines compared field by field: numbers as doubles, everything else as text. */
  static void assertSameRecords(List<String> expected, List<String> actual) {
    String e = String.join("\n", expected);
    String a = String.join("\n", actual);
    assertEquals(
        expected.size(), actual.size(), "record count\nexpected:\n" + e + "\nactual:\n" + a);
    for (int i = 0; i < expected.size(); i++) {
      String[] x = expected.get(i).split("\t", -1);
      String[] y = actual.get(i).split("\t", -1);
      boolean same = x.length == y.length;
      for (int j = 0; same && j < x.length; j++) {
        same = x[j].equals(y[j]) || sameNumber(x[j], y[j]);
      }
      assertTrue(
          same, "record " + i + "\nexpected: " + expected.get(i) + "\nactual:   " + actual.get(i));
    }
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String kind(EntityType t) {
    return switch (t) {
      case ELEM_BLOCK -> "elem_block";
      case EDGE_BLOCK -> "edge_block";
      case FACE_BLOCK -> "face_block";
      case NODE_SET -> "node_set";
      case SIDE_SET -> "side_set";
      case ELEM_SET -> "elem_set";
      case EDGE_SET -> "edge_set";
      case FACE_SET -> "face_set";
      case ASSEMBLY -> "assembly";
      case BLOB -> "blob";
      case GLOBAL -> "global";
      case NODAL -> "nodal";
      default -> "?";
    };
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String join(List<?> values) {
    StringBuilder s = new StringBuilder();
    for (Object o : values) s.append('\t').append(o instanceof Double d ? num(d) : o);
    return s.toString();
  }

  private static void attributes(List<String> out, ExodusFile f, EntityType t, long id) {
    for (EntityAttribute a : f.entityAttributes(t, id)) {
      String head = "x_attribute\t" + kind(t) + "\t" + id + "\t" + a.name() + "\t";
      if (a.isText()) out.add(head + "char\t" + a.text());
      else out.add(head + (a.integer() ? "int" : "double") + join(a.values()));
    }
  }

  private static void fields(List<String> out, ExodusFile f, EntityType t, long id) {
    for (FieldMetadata m : f.fieldMetadata(t, id)) {
      StringBuilder s = new StringBuilder("x_field\t" + kind(t) + "\t" + id + "\t" + m.name());
      s.append('\t').append(m.nesting()).append('\t');
      s.append(String.join(",", m.types().stream().map(FieldType::cName).toList()));
      s.append('\t').append(String.join(",", m.typeNames()).replaceFirst(",+$", "")).append('\t');
      s.append(String.join(",", m.cardinalities().stream().map(String::valueOf).toList()));
      s.append('\t');
      for (String sep : m.separators()) s.append(sep.isEmpty() ? "(none)" : sep);
      s.append('\t').append(String.join(",", m.suffixes()));
      out.add(s.toString());
    }
  }

  private static List<?> orZeros(List<?> v, int n) {
    return v.isEmpty() ? java.util.Collections.nCopies(n, 0) : v;
  }

  /** The x_ records this test covers, rendered from the public API in exref9's order. */
  static List<String> render(ExodusFile f) throws Exception {
    List<String> out = new ArrayList<>();
    for (Assembly a : f.assemblies()) attributes(out, f, EntityType.ASSEMBLY, a.id());
    for (Blob b : f.blobs()) out.add("x_blob\t" + b.id() + "\t" + b.name() + "\t" + b.valueCount());
    for (Blob b : f.blobs()) attributes(out, f, EntityType.BLOB, b.id());
    attributes(out, f, EntityType.GLOBAL, 0);
    if (f.nodeCount() > 0) attributes(out, f, EntityType.NODAL, 0);
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) attributes(out, f, t, b.id());
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : f.sets(t)) attributes(out, f, t, s.id());
    }
    long steps = f.timeStepCount();
    List<String> red = f.reductionVariableNames(EntityType.BLOB);
    if (!f.blobs().isEmpty() && !red.isEmpty()) {
      out.add("x_red_var_names\tblob" + join(red));
      double[] v = new double[red.size()];
      for (Blob b : f.blobs()) {
        for (long s = 0; s < steps; s++) {
          f.readReductionVariables(EntityType.BLOB, b.id(), s, v, 0);
          out.add("x_red_vars\tblob\t" + b.id() + "\t" + (s + 1) + join(box(v)));
        }
      }
    }
    List<String> vn = f.variableNames(EntityType.BLOB);
    if (!f.blobs().isEmpty() && !vn.isEmpty()) {
      out.add("x_var_names\tblob" + join(vn));
      for (Blob b : f.blobs()) {
        double[] v = new double[(int) b.valueCount()];
        for (int i = 0; i < vn.size(); i++) {
          for (long s = 0; s < steps; s++) {
            f.readVariable(EntityType.BLOB, i, b.id(), s, 0, v.length, v, 0);
            out.add("x_var\tblob\t" + vn.get(i) + "\t" + b.id() + "\t" + (s + 1) + join(box(v)));
          }
        }
      }
    }
    fields(out, f, EntityType.NODAL, 0);
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) fields(out, f, t, b.id());
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : f.sets(t)) fields(out, f, t, s.id());
    }
    for (Basis b : f.bases()) {
      int c = b.cardinality();
      out.add("x_basis\t" + b.name() + "\t" + c);
      String h = "x_basis_arr\t" + b.name() + "\t";
      out.add(h + "subc_dim" + join(orZeros(b.subcDim(), c)));
      out.add(h + "subc_ordinal" + join(orZeros(b.subcOrdinal(), c)));
      out.add(h + "subc_dof_ordinal" + join(orZeros(b.subcDofOrdinal(), c)));
      out.add(h + "subc_num_dof" + join(orZeros(b.subcNumDof(), c)));
      out.add(h + "xi" + join(orZeros(b.xi(), c)));
      out.add(h + "eta" + join(orZeros(b.eta(), c)));
      out.add(h + "zeta" + join(orZeros(b.zeta(), c)));
    }
    for (Quadrature q : f.quadratures()) {
      int c = q.cardinality();
      out.add("x_quad\t" + q.name() + "\t" + c + "\t0");
      String h = "x_quad_arr\t" + q.name() + "\t";
      out.add(h + "xi" + join(orZeros(q.xi(), c)));
      out.add(h + "eta" + join(orZeros(q.eta(), c)));
      out.add(h + "zeta" + join(orZeros(q.zeta(), c)));
      out.add(h + "weight" + join(orZeros(q.weight(), c)));
    }
    return out;
  }

  private static List<Double> box(double[] v) {
    return Arrays.stream(v).boxed().toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void readsWhat906Reads(String format, @TempDir Path dir) throws Exception {
    Path src = exmodern(dir, format);
    String ref = Exodus9.exref9(src, "-x");
    try (ExodusFile f = ExodusFile.open(src)) {
      assertSameRecords(records(ref, RENDERED), render(f));
      // the blob counts are ex_get_blob's (the dimension num_values_blob<id>), not 1
      assertEquals(List.of(10L, 4L), f.blobs().stream().map(Blob::valueCount).toList());
      // internal attributes stay out of the entity attributes, as ex_get_attribute_count leaves
      // them out; they are the field metadata
      assertEquals(
          List.of("Scale"),
          f.entityAttributes(EntityType.NODAL, 0).stream().map(EntityAttribute::name).toList());
      EntitySet side = f.set(EntityType.SIDE_SET, 200);
      double[] sa = new double[2];
      f.readSetAttributes(side, 0, 2, sa, 0);
      assertEquals(List.of(0.125, 0.375), box(sa));
      EntitySet elems = f.set(EntityType.ELEM_SET, 300);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.readSetAttributes(elems, 0, 1, new double[1], 0));
      assertTrue(e.getMessage().contains("ELEM_SET 300 has no attributes"), e.getMessage());
      assertEquals(
          List.of("Disp", "Velocity"),
          f.fieldMetadata(EntityType.NODAL, 0).stream().map(FieldMetadata::name).toList());
    }
  }

  /**
   * A field by name (the order of an entity's fields follows the order netCDF lists its attributes,
   * which NetCDF-4 files need not keep).
   */
  private static FieldMetadata field(ExodusFile f, EntityType t, long id, String name) {
    return f.fieldMetadata(t, id).stream().filter(m -> m.name().equals(name)).findFirst().get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void readsAFieldAsAWhole(String format, @TempDir Path dir) throws Exception {
    Path src = exmodern(dir, format);
    try (ExodusFile f = ExodusFile.open(src)) {
      FieldMetadata disp = field(f, EntityType.NODAL, 0, "Disp");
      assertEquals(List.of("DispX", "DispY", "DispZ"), f.fieldComponentNames(disp));
      double[] all = new double[3 * 8];
      f.readField(EntityType.NODAL, 0, "Disp", 1, 0, 8, all, 0);
      for (int c = 0; c < 3; c++) {
        double[] one =
            f.nodalVariable(f.variableIndex(EntityType.NODAL, disp.name() + "XYZ".charAt(c)), 1);
        assertEquals(box(one), box(Arrays.copyOfRange(all, c * 8, c * 8 + 8)));
      }
      FieldMetadata stress = field(f, EntityType.ELEM_BLOCK, 10, "Stress");
      // 9.06 names the ZX component "ZC" (ex_field_component_suffix)
      assertEquals(
          List.of("Stress_XX", "Stress_YY", "Stress_ZZ", "Stress_XY", "Stress_YZ", "Stress_ZC"),
          f.fieldComponentNames(stress));
      FieldMetadata curl = field(f, EntityType.ELEM_BLOCK, 10, "Curl");
      assertEquals(List.of("Curl@0", "Curl@1"), f.fieldComponentNames(curl));
      double[] c = new double[2];
      f.readField(EntityType.ELEM_BLOCK, 10, "Curl", 0, 0, 1, c, 0);
      assertEquals(f.variable(EntityType.ELEM_BLOCK, "Curl@0", 10, 0)[0], c[0]);
      assertEquals(f.variable(EntityType.ELEM_BLOCK, "Curl@1", 10, 0)[0], c[1]);
      // two levels, level 0 fastest: the names 9.06's ex_component_field_name gives (exmodern.c
      // checks its variable names against it)
      List<String> elemVars = f.variableNames(EntityType.ELEM_BLOCK);
      assertEquals(
          elemVars.subList(9, 15),
          f.fieldComponentNames(field(f, EntityType.ELEM_BLOCK, 20, "Grad")));
      assertEquals(
          elemVars.subList(15, 21),
          f.fieldComponentNames(field(f, EntityType.ELEM_BLOCK, 20, "Species")));
      double[] sp = new double[6 * 2];
      f.readField(EntityType.ELEM_BLOCK, 20, "Species", 1, 0, 2, sp, 0);
      for (int k = 0; k < 6; k++) {
        double[] one = f.variable(EntityType.ELEM_BLOCK, 15 + k, 20, 1);
        assertEquals(box(one), box(Arrays.copyOfRange(sp, 2 * k, 2 * k + 2)));
      }
      double[] m = new double[3];
      f.readField(EntityType.GLOBAL, 0, "Momentum", 1, 0, 1, m, 0);
      assertEquals(box(f.globalVariables(1)), box(m));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.readField(EntityType.ELEM_BLOCK, 20, "Curl", 0, 0, 1, c, 0));
      assertTrue(e.getMessage().contains("no field Curl"), e.getMessage());
    }
  }

  /** Defines every result variable of {@code f} (nodal, blocks and sets, blobs) in {@code d}. */
  static void defineResults(ExodusFile f, Definition d) throws Exception {
    if (!f.variableNames(EntityType.GLOBAL).isEmpty()) {
      d.globalVariables(f.variableNames(EntityType.GLOBAL).toArray(new String[0]));
    }
    if (!f.variableNames(EntityType.NODAL).isEmpty()) {
      d.nodalVariables(f.variableNames(EntityType.NODAL).toArray(new String[0]));
    }
    List<EntityType> kinds = new ArrayList<>(EntityType.BLOCK_TYPES);
    kinds.addAll(EntityType.SET_TYPES);
    kinds.add(EntityType.BLOB);
    for (EntityType t : kinds) {
      List<String> names = f.variableNames(t);
      if (names.isEmpty()) continue;
      boolean[][] truth = null;
      if (t != EntityType.BLOB) {
        TruthTable tt = f.truthTable(t);
        truth = new boolean[tt.objectIds().size()][names.size()];
        for (int o = 0; o < truth.length; o++) {
          for (int v = 0; v < names.size(); v++) truth[o][v] = tt.has(o, v);
        }
      }
      d.variables(t, names, truth);
    }
    for (EntityType t : reductionKinds()) {
      List<String> red = f.reductionVariableNames(t);
      if (red.isEmpty()) continue;
      java.util.Set<Long> stored = new java.util.HashSet<>();
      for (long id : objectIds(f, t)) {
        if (storesReductions(f, t, id, red.size())) stored.add(id);
      }
      d.reductionVariables(t, red, stored);
    }
  }

  private static List<EntityType> reductionKinds() {
    List<EntityType> kinds = new ArrayList<>(EntityType.BLOCK_TYPES);
    kinds.addAll(EntityType.SET_TYPES);
    kinds.add(EntityType.ASSEMBLY);
    kinds.add(EntityType.BLOB);
    return kinds;
  }

  private static List<Long> objectIds(ExodusFile f, EntityType t) {
    if (t == EntityType.ASSEMBLY) return f.assemblies().stream().map(Assembly::id).toList();
    if (t == EntityType.BLOB) return f.blobs().stream().map(Blob::id).toList();
    if (t.isBlock()) return f.blocks(t).stream().map(Block::id).toList();
    return f.sets(t).stream().map(EntitySet::id).toList();
  }

  /** Whether the file stores reduction values on the object (the reader says so by refusing). */
  private static boolean storesReductions(ExodusFile f, EntityType t, long id, int n)
      throws Exception {
    if (f.timeStepCount() == 0) return true;
    try {
      f.readReductionVariables(t, id, 0, new double[n], 0);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Writes every step of every result variable {@link #defineResults} defined. */
  static void copyResults(ExodusFile f, ExodusWriter w) throws Exception {
    double[] times = f.times();
    for (int s = 0; s < times.length; s++) {
      long step = w.beginStep(times[s]);
      int ng = f.variableNames(EntityType.GLOBAL).size();
      if (ng > 0) {
        double[] g = new double[ng];
        f.readGlobalVariables(s, g, 0);
        w.writeGlobalVariables(step, g, 0);
      }
      for (int v = 0; v < f.variableNames(EntityType.NODAL).size(); v++) {
        w.writeNodalVariable(v, step, 0, f.nodeCount(), f.nodalVariable(v, s), 0);
      }
      for (EntityType t : EntityType.BLOCK_TYPES) {
        for (Block b : f.blocks(t)) {
          for (int v = 0; v < f.variableNames(t).size(); v++) {
            if (f.hasVariable(t, v, b.id())) {
              w.writeVariable(
                  t, v, b.id(), step, 0, b.entryCount(), f.variable(t, v, b.id(), s), 0);
            }
          }
        }
      }
      for (EntityType t : EntityType.SET_TYPES) {
        for (EntitySet x : f.sets(t)) {
          for (int v = 0; v < f.variableNames(t).size(); v++) {
            if (f.hasVariable(t, v, x.id())) {
              w.writeVariable(
                  t, v, x.id(), step, 0, x.entryCount(), f.variable(t, v, x.id(), s), 0);
            }
          }
        }
      }
      for (EntityType t : reductionKinds()) {
        int n = f.reductionVariableNames(t).size();
        if (n == 0) continue;
        for (long id : objectIds(f, t)) {
          if (!storesReductions(f, t, id, n)) continue;
          double[] r = new double[n];
          f.readReductionVariables(t, id, s, r, 0);
          w.writeReductionVariables(t, id, step, r, 0);
        }
      }
      for (Blob b : f.blobs()) {
        for (int v = 0; v < f.variableNames(EntityType.BLOB).size(); v++) {
          w.writeVariable(
              EntityType.BLOB,
              v,
              b.id(),
              step,
              0,
              b.valueCount(),
              f.variable(EntityType.BLOB, v, b.id(), s),
              0);
        }
      }
      w.commitStep();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void copiesWhat906Reads(String format, @TempDir Path dir) throws Exception {
    Path src = exmodern(dir, format);
    Path out = dir.resolve("copy.e");
    try (ExodusFile f = ExodusFile.open(src)) {
      Definition d = ExodusWriter.defineLike(f);
      defineResults(f, d);
      try (ExodusWriter w = ExodusWriter.create(out, d)) {
        w.copyMesh(f);
        copyResults(f, w);
      }
    }
    // 9.06 reads the copy as it reads the source: the canonical records and every x_ record
    List<String> expected = List.of(Exodus9.exref9(src).split("\n"));
    List<String> actual = List.of(Exodus9.exref9(out).split("\n"));
    assertSameRecords(expected, actual);
    try (ExodusFile c = ExodusFile.open(out)) {
      assertFalse(c.fieldMetadata(EntityType.ELEM_BLOCK, 10).isEmpty());
    }
  }

  /** The content of exmodern.c, written through the public writer API. */
  static void writeLikeExmodern(Path out, ExodusFormat format) throws Exception {
    Definition d =
        ExodusWriter.define(format, "modern content", 3, 8)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", 1, 8).named("solid"))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 20, "SPHERE", 2, 1).named("balls"))
            .block(BlockSpec.of(EntityType.EDGE_BLOCK, 30, "EDGE2", 2, 2))
            .set(SetSpec.of(EntityType.NODE_SET, 100, 3, 0))
            .set(SetSpec.of(EntityType.SIDE_SET, 200, 2, 0))
            .set(SetSpec.of(EntityType.ELEM_SET, 300, 2, 0))
            .setAttributes(EntityType.NODE_SET, 100, List.of("thickness", "offset"))
            .setAttributes(EntityType.SIDE_SET, 200, List.of(""))
            .nodalAttributes("mass")
            .property(EntityType.ELEM_BLOCK, "MATERIAL", java.util.Map.of(10L, 7L, 20L, 8L))
            .property(EntityType.ELEM_BLOCK, "COLOR", java.util.Map.of(10L, 3L))
            .property(EntityType.NODE_SET, "TAG", java.util.Map.of(100L, 42L))
            .coordinateFrames(
                List.of(
                    new CoordinateFrame(1, 'R', frame(0)), new CoordinateFrame(2, 'C', frame(9))))
            .assembly(new Assembly(1, "everything", EntityType.ELEM_BLOCK, List.of(10L, 20L)))
            .assembly(new Assembly(2, "nodes", EntityType.NODE_SET, List.of(100L)))
            .blob(new Blob(100, "Tempus", 10))
            .blob(new Blob(200, "IOSS", 4))
            .attribute(
                EntityType.GLOBAL,
                0,
                EntityAttribute.text("SOLID_MODEL", "STEP-X-43-1547836-Rev 0"))
            .attribute(EntityType.GLOBAL, 0, EntityAttribute.integers("Revision", 1))
            .attribute(EntityType.NODAL, 0, EntityAttribute.doubles("Scale", 1.5))
            .attribute(EntityType.ELEM_BLOCK, 20, EntityAttribute.integers("Units", 1, 0, 0, -1))
            .attribute(EntityType.ELEM_BLOCK, 10, EntityAttribute.text("Material", "steel"))
            .attribute(EntityType.NODE_SET, 100, EntityAttribute.doubles("Offset", 1.1, 2.2, 3.3))
            .attribute(EntityType.SIDE_SET, 200, EntityAttribute.text("Load", "pressure"))
            .attribute(EntityType.EDGE_BLOCK, 30, EntityAttribute.text("Kind", "beam"))
            .attribute(EntityType.ELEM_SET, 300, EntityAttribute.integers("Level", -1))
            .attribute(EntityType.ASSEMBLY, 1, EntityAttribute.doubles("Scale", 1.5))
            .attribute(EntityType.ASSEMBLY, 2, EntityAttribute.integers("Units", 1, 0, 0, -1))
            .attribute(EntityType.BLOB, 100, EntityAttribute.doubles("Scale", 1.5))
            .attribute(EntityType.BLOB, 200, EntityAttribute.text("Dimension", "length"))
            .globalVariables("Momentum_X", "Momentum_Y", "Momentum_Z")
            .nodalVariables("DispX", "DispY", "DispZ", "Velocity%X", "Velocity%Y", "Velocity%Z")
            .field(FieldMetadata.of(EntityType.GLOBAL, 0, "Momentum", FieldType.VECTOR_3D, "_"))
            .variables(
                EntityType.ELEM_BLOCK,
                List.of(
                    "Stress_XX",
                    "Stress_YY",
                    "Stress_ZZ",
                    "Stress_XY",
                    "Stress_YZ",
                    "Stress_ZC",
                    "Curl@0",
                    "Curl@1",
                    "T",
                    "Grad-X$0",
                    "Grad-Y$0",
                    "Grad-X$1",
                    "Grad-Y$1",
                    "Grad-X$2",
                    "Grad-Y$2",
                    "Species_h2o-0",
                    "Species_gas-0",
                    "Species_ch4-0",
                    "Species_h2o-1",
                    "Species_gas-1",
                    "Species_ch4-1"),
                null)
            .variables(EntityType.BLOB, List.of("X", "XDOT"), null)
            .reductionVariables(EntityType.BLOB, "Momentum", "Energy")
            .field(FieldMetadata.of(EntityType.NODAL, 0, "Disp", FieldType.VECTOR_3D, ""))
            .field(FieldMetadata.of(EntityType.NODAL, 0, "Velocity", FieldType.VECTOR_3D, "%"))
            .field(
                FieldMetadata.of(EntityType.ELEM_BLOCK, 10, "Stress", FieldType.SYM_TENSOR_33, "_"))
            .field(
                new FieldMetadata(
                    EntityType.ELEM_BLOCK,
                    10,
                    "Curl",
                    List.of(FieldType.QUADRATURE),
                    List.of("1x2x1"),
                    List.of(),
                    List.of("@"),
                    List.of()))
            .quadrature(
                new Quadrature(
                    "1x2x1",
                    2,
                    List.of(-0.5, 0.5),
                    List.of(0.5, -0.5),
                    List.of(-0.5, 0.5),
                    List.of(1.0, 1.0)))
            .basis(
                new Basis(
                    "HGRAD_LINE_C2",
                    3,
                    List.of(0, 0, 1),
                    List.of(0, 1, 0),
                    List.of(0, 0, 0),
                    List.of(1, 1, 1),
                    List.of(-1.0, 1.0, 0.0),
                    List.of(-1.0, -1.0, 0.0),
                    List.of()))
            .field(
                new FieldMetadata(
                    EntityType.ELEM_BLOCK,
                    20,
                    "Grad",
                    List.of(FieldType.VECTOR_2D, FieldType.BASIS),
                    List.of("", "HGRAD_LINE_C2"),
                    List.of(),
                    List.of("-", "$"),
                    List.of()))
            .field(
                new FieldMetadata(
                    EntityType.ELEM_BLOCK,
                    20,
                    "Species",
                    List.of(FieldType.USER_DEFINED, FieldType.QUADRATURE),
                    List.of("", "1x2x1"),
                    List.of(3, 0),
                    List.of("_", "-"),
                    List.of("h2o", "gas", "ch4")));
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      double[][] xyz = {
        {0, 1, 1, 0, 0, 1, 1, 0}, {0, 0, 1, 1, 0, 0, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}
      };
      for (int a = 0; a < 3; a++) w.writeCoordinates(a, 0, 8, xyz[a], 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 20, 0, 2, new long[] {1, 7}, 0);
      w.writeSet(EntityType.NODE_SET, 100, 0, 3, new long[] {1, 2, 3}, null);
      w.writeSetAttributes(
          EntityType.NODE_SET, 100, 0, 3, new double[] {1.5, 2.5, 3.5, 4.5, 5.5, 6.5}, 0);
      w.writeSet(EntityType.SIDE_SET, 200, 0, 2, new long[] {1, 1}, new long[] {1, 2});
      w.writeSetAttributes(EntityType.SIDE_SET, 200, 0, 2, new double[] {0.125, 0.375}, 0);
      w.writeConnectivity(EntityType.EDGE_BLOCK, 30, 0, 2, new long[] {1, 2, 2, 3}, 0);
      w.writeSet(EntityType.ELEM_SET, 300, 0, 2, new long[] {1, 3}, null);
      w.writeNodalAttributes(0, 8, new double[] {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5}, 0);
      for (int ts = 1; ts <= 2; ts++) {
        long step = w.beginStep(ts * 0.5);
        double[] v = new double[10];
        w.writeGlobalVariables(step, new double[] {ts, ts * 2.0, ts * 3.0}, 0);
        for (int var = 1; var <= 6; var++) {
          for (int i = 0; i < 8; i++) v[i] = var * 100 + i + ts * 0.125;
          w.writeNodalVariable(var - 1, step, 0, 8, v, 0);
        }
        for (int var = 1; var <= 21; var++) {
          for (int i = 0; i < 2; i++) v[i] = var * 10 + i + ts * 0.25;
          w.writeVariable(EntityType.ELEM_BLOCK, var - 1, 10, step, 0, 1, v, 0);
          w.writeVariable(EntityType.ELEM_BLOCK, var - 1, 20, step, 0, 2, v, 0);
        }
        long[] ids = {100, 200};
        int[] n = {10, 4};
        for (int k = 0; k < 2; k++) {
          for (int var = 1; var <= 2; var++) {
            for (int j = 0; j < n[k]; j++) v[j] = var * 1000 + j + k * 0.5 + ts;
            w.writeVariable(EntityType.BLOB, var - 1, ids[k], step, 0, n[k], v, 0);
          }
          w.writeReductionVariables(
              EntityType.BLOB, ids[k], step, new double[] {ts + k, ts * 2.0 + k}, 0);
        }
        w.commitStep();
      }
    }
  }

  private static List<Double> frame(int first) {
    List<Double> out = new ArrayList<>();
    for (int i = first; i < first + 9; i++) out.add(i * 0.25);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void writesWhat906Writes(String format, @TempDir Path dir) throws Exception {
    Path src = exmodern(dir, format);
    Path out = dir.resolve("ours.e");
    writeLikeExmodern(out, format.equals("nc4") ? ExodusFormat.NETCDF4 : ExodusFormat.CDF2);
    List<String> expected = List.of(Exodus9.exref9(src).split("\\n"));
    List<String> actual = List.of(Exodus9.exref9(out).split("\\n"));
    assertSameRecords(expected, actual);
  }

  /**
   * The file's attributes are listed in the order libexodus lists them in its own file of the same
   * content: the order given in a classic file and while an object's attributes fit HDF5's compact
   * storage; the dense storage's name-hash order past that (the root here holds more than eight).
   */
  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void attributesAreListedAsLibexodusListsThem(String format, @TempDir Path dir) throws Exception {
    List<String> order = new ArrayList<>();
    for (String line : Exodus9.exref9(exmodern(dir, format), "-x").split("\n")) {
      String[] x = line.split("\t");
      if (x[0].equals("x_attribute") && x[1].equals("global")) order.add(x[3]);
    }
    assertEquals(2, order.size(), order.toString());
    Path out = dir.resolve("ours.e");
    writeLikeExmodern(out, format.equals("nc4") ? ExodusFormat.NETCDF4 : ExodusFormat.CDF2);
    try (ExodusFile f = ExodusFile.open(out)) {
      assertEquals(
          order, f.entityAttributes(EntityType.GLOBAL, 0).stream().map(a -> a.name()).toList());
      assertEquals(List.of(), f.defects());
    }
  }

  @org.junit.jupiter.api.Test
  void callerMistakesAreSaid(@TempDir Path dir) throws Exception {
    Definition d = ExodusWriter.define(ExodusFormat.CDF2, "t", 3, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> d.attribute(EntityType.GLOBAL, 0, EntityAttribute.text("_hidden", "x")));
    assertTrue(e.getMessage().contains("_hidden"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> d.attribute(EntityType.NODAL, 0, EntityAttribute.text("Field@x@type", "x")));
    assertThrows(IllegalArgumentException.class, () -> d.blob(new Blob(1, "b", 0)));
    d.attribute(EntityType.BLOB, 7, EntityAttribute.doubles("x", 1));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ExodusWriter.create(dir.resolve("a.e"), d));
    assertTrue(e.getMessage().contains("BLOB 7"), e.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("a.e")));
    Definition d2 =
        ExodusWriter.define(ExodusFormat.CDF2, "t", 3, 1)
            .allowUnwrittenMesh(true)
            .blob(new Blob(5, "b", 2));
    try (ExodusWriter w = ExodusWriter.create(dir.resolve("b.e"), d2)) {
      @SuppressWarnings("deprecation")
      UnsupportedOperationException u =
          assertThrows(
              UnsupportedOperationException.class,
              () -> w.writeBlob(5, 0, 2, new double[] {1, 2}, 0));
      assertTrue(u.getMessage().contains("writeVariable"), u.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ExodusWriter.define(ExodusFormat.CDF2, "t", 3, 1)
                .field(
                    new FieldMetadata(
                        EntityType.NODAL,
                        0,
                        "U",
                        List.of(FieldType.USER_DEFINED),
                        List.of(),
                        List.of(3),
                        List.of("_"),
                        List.of("a", "b"))));
  }

  /**
   * Corpus files with properties other than the id, set and nodal attributes and assemblies with
   * attributes: a copy (defineLike, copyMesh, every result variable) reads in 9.06 as the source.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "exodusiicpp__test__assets__test.exo",
        "seacas__SEACAS-Test__test-gap.g.et",
        "seacas__packages__seacas__scripts__tests__test-assembly.exo"
      })
  void corpusCopiesReadIn906AsTheirSources(String name, @TempDir Path dir) throws Exception {
    Path src = ExternalTools.corpus().resolve(name);
    Path out = dir.resolve("copy.e");
    try (ExodusFile f = ExodusFile.open(src)) {
      Definition d = ExodusWriter.defineLike(f);
      defineResults(f, d);
      try (ExodusWriter w = ExodusWriter.create(out, d)) {
        w.copyMesh(f);
        copyResults(f, w);
      }
    }
    List<String> expected = List.of(Exodus9.exref9(src).split("\\n"));
    List<String> actual = List.of(Exodus9.exref9(out).split("\\n"));
    assertSameRecords(expected, actual);
  }

  /** Assembly variables the writer stores are what 9.06's ex_get_var(EX_ASSEMBLY) reads. */
  @ParameterizedTest
  @ValueSource(strings = {"CDF2", "NETCDF4"})
  void assemblyVariablesReadIn906(String format, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("a.e");
    Definition d =
        ExodusWriter.define(ExodusFormat.valueOf(format), "assembly variables", 3, 1)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "SPHERE", 1, 1))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 20, "SPHERE", 1, 1))
            .assembly(new Assembly(5, "pair", EntityType.ELEM_BLOCK, List.of(10L, 20L)))
            .assembly(new Assembly(6, "one", EntityType.ELEM_BLOCK, List.of(20L)))
            .variables(EntityType.ASSEMBLY, List.of("mass", "volume"), null);
    List<String> expected = new ArrayList<>();
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      for (int a = 0; a < 3; a++) w.writeCoordinates(a, 0, 1, new double[] {0.5}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new long[] {1}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 20, 0, 1, new long[] {1}, 0);
      for (int s = 0; s < 2; s++) {
        long step = w.beginStep(s);
        for (int v = 0; v < 2; v++) {
          w.writeVariable(EntityType.ASSEMBLY, v, 5, step, 0, 2, new double[] {v + s, 0.25 * s}, 0);
          w.writeVariable(EntityType.ASSEMBLY, v, 6, step, 0, 1, new double[] {-v - s - 0.5}, 0);
        }
        w.commitStep();
      }
    }
    for (long id : new long[] {5, 6}) {
      for (int v = 0; v < 2; v++) {
        for (int s = 0; s < 2; s++) {
          String vals = id == 5 ? num(v + s) + "\t" + num(0.25 * s) : num(-v - s - 0.5);
          expected.add(id + "\t" + (v == 0 ? "mass" : "volume") + "\t" + (s + 1) + "\t" + vals);
        }
      }
    }
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exassemblyvars.c").toAbsolutePath());
    List<String> actual = List.of(ExternalTools.run(exe.toString(), out.toString()).split("\n"));
    assertSameRecords(expected, actual);
  }
}
