package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Variables added to an existing file by {@link ExodusUpdater#addVariables}, of every kind that can
 * have them (global, nodal, each block and set kind; added in two calls, so both "the first
 * variables of a kind" and "more of a kind" are exercised), read exactly as the same variables
 * defined with the file by {@link ExodusWriter}: the C library's canonical dumps of the two files
 * are identical, and so are the values of the kinds that dump leaves out (element, edge and face
 * set variables).
 */
class AddVariablesLayoutTest {
  @TempDir Path dir;

  private static final List<EntityType> KINDS =
      List.of(
          EntityType.GLOBAL,
          EntityType.NODAL,
          EntityType.ELEM_BLOCK,
          EntityType.EDGE_BLOCK,
          EntityType.FACE_BLOCK,
          EntityType.NODE_SET,
          EntityType.SIDE_SET,
          EntityType.ELEM_SET,
          EntityType.EDGE_SET,
          EntityType.FACE_SET);

  /** Object ids and entry counts of each block and set kind (an empty element block too). */
  private static final Object[][] OBJECTS = {
    {EntityType.ELEM_BLOCK, 10L, 1L},
    {EntityType.ELEM_BLOCK, 20L, 0L},
    {EntityType.EDGE_BLOCK, 30L, 2L},
    {EntityType.FACE_BLOCK, 40L, 1L},
    {EntityType.NODE_SET, 1L, 2L},
    {EntityType.SIDE_SET, 2L, 1L},
    {EntityType.ELEM_SET, 3L, 1L},
    {EntityType.EDGE_SET, 4L, 2L},
    {EntityType.FACE_SET, 5L, 1L},
  };

  private static final int STEPS = 2;

  private static List<String> names(EntityType kind) {
    String k = kind.name().toLowerCase(java.util.Locale.ROOT);
    return List.of("a_" + k, "b_" + k, "c_" + k);
  }

  private static Definition mesh(ExodusFormat format) {
    Definition d =
        ExodusWriter.define(format, "added variables", 3, 8)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", 1, 8))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 20, "NULL", 0, 0))
            .block(BlockSpec.of(EntityType.EDGE_BLOCK, 30, "BAR2", 2, 2))
            .block(BlockSpec.of(EntityType.FACE_BLOCK, 40, "QUAD4", 1, 4));
    for (Object[] o : OBJECTS) {
      EntityType t = (EntityType) o[0];
      if (t.isSet()) d.set(SetSpec.of(t, (Long) o[1], (Long) o[2], 0));
    }
    return d;
  }

  /**
   * A value of variable {@code v} of a kind, at a step, on entry {@code e} of object {@code id}.
   */
  private static double value(EntityType kind, int v, int step, long id, int e) {
    return kind.ordinal() * 1000 + v * 100 + step * 10 + id + e / 8.0;
  }

  private static void writeMesh(ExodusWriter w) throws Exception {
    double[][] xyz = {{0, 1, 1, 0, 0, 1, 1, 0}, {0, 0, 1, 1, 0, 0, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}};
    for (int a = 0; a < 3; a++) w.writeCoordinates(a, 0, 8, xyz[a], 0);
    w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 0);
    w.writeConnectivity(EntityType.EDGE_BLOCK, 30, 0, 2, new long[] {1, 2, 2, 3}, 0);
    w.writeConnectivity(EntityType.FACE_BLOCK, 40, 0, 1, new long[] {1, 2, 3, 4}, 0);
    w.writeSet(EntityType.NODE_SET, 1, 0, 2, new long[] {1, 2}, null);
    w.writeSet(EntityType.SIDE_SET, 2, 0, 1, new long[] {1}, new long[] {5});
    w.writeSet(EntityType.ELEM_SET, 3, 0, 1, new long[] {1}, null);
    w.writeSet(EntityType.EDGE_SET, 4, 0, 2, new long[] {1, 2}, new long[] {0, 1});
    w.writeSet(EntityType.FACE_SET, 5, 0, 1, new long[] {1}, new long[] {0});
  }

  /** Writes every value of every kind at a step, through {@code put}. */
  private interface Put {
    void global(long step, double[] values) throws Exception;

    void nodal(int var, long step, double[] values) throws Exception;

    void object(EntityType kind, int var, long id, long step, double[] values) throws Exception;
  }

  private static void writeValues(long step, Put put) throws Exception {
    double[] g = new double[3];
    for (int v = 0; v < 3; v++) g[v] = value(EntityType.GLOBAL, v, (int) step, 0, 0);
    put.global(step, g);
    for (int v = 0; v < 3; v++) {
      double[] n = new double[8];
      for (int e = 0; e < 8; e++) n[e] = value(EntityType.NODAL, v, (int) step, 0, e);
      put.nodal(v, step, n);
    }
    for (Object[] o : OBJECTS) {
      int entries = (int) (long) (Long) o[2];
      if (entries == 0) continue;
      for (int v = 0; v < 3; v++) {
        double[] x = new double[entries];
        for (int e = 0; e < entries; e++) {
          x[e] = value((EntityType) o[0], v, (int) step, (Long) o[1], e);
        }
        put.object((EntityType) o[0], v, (Long) o[1], step, x);
      }
    }
  }

  private Path definedWhole(ExodusFormat format) throws Exception {
    Path p = dir.resolve("whole.e");
    Definition d = mesh(format);
    d.globalVariables(names(EntityType.GLOBAL).toArray(new String[0]));
    d.nodalVariables(names(EntityType.NODAL).toArray(new String[0]));
    for (EntityType k : KINDS.subList(2, KINDS.size())) d.variables(k, names(k), null);
    try (ExodusWriter w = ExodusWriter.create(p, d)) {
      writeMesh(w);
      for (int s = 0; s < STEPS; s++) {
        long step = w.beginStep(0.5 * s);
        writeValues(
            step,
            new Put() {
              @Override
              public void global(long st, double[] values) throws Exception {
                w.writeGlobalVariables(st, values, 0);
              }

              @Override
              public void nodal(int var, long st, double[] values) throws Exception {
                w.writeNodalVariable(var, st, 0, values.length, values, 0);
              }

              @Override
              public void object(EntityType kind, int var, long id, long st, double[] values)
                  throws Exception {
                w.writeVariable(kind, var, id, st, 0, values.length, values, 0);
              }
            });
        w.commitStep();
      }
    }
    return p;
  }

  private Path addedLater(ExodusFormat format) throws Exception {
    Path p = dir.resolve("added.e");
    try (ExodusWriter w = ExodusWriter.create(p, mesh(format))) {
      writeMesh(w);
      for (int s = 0; s < STEPS; s++) {
        w.beginStep(0.5 * s);
        w.commitStep();
      }
    }
    for (EntityType k : KINDS) ExodusUpdater.addVariables(p, k, names(k).subList(0, 2));
    for (EntityType k : KINDS) ExodusUpdater.addVariables(p, k, names(k).subList(2, 3));
    try (ExodusUpdater u = ExodusUpdater.open(p)) {
      for (long s = 0; s < STEPS; s++) {
        writeValues(
            s,
            new Put() {
              @Override
              public void global(long st, double[] values) throws Exception {
                u.writeGlobalVariables(st, values, 0);
              }

              @Override
              public void nodal(int var, long st, double[] values) throws Exception {
                u.writeNodalVariable(var, st, 0, values.length, values, 0);
              }

              @Override
              public void object(EntityType kind, int var, long id, long st, double[] values)
                  throws Exception {
                u.writeVariable(kind, var, id, st, 0, values.length, values, 0);
              }
            });
      }
    }
    return p;
  }

  @ParameterizedTest
  @EnumSource(
      value = ExodusFormat.class,
      names = {"CDF2", "NETCDF4"})
  void addedVariablesReadAsVariablesDefinedWithTheFile(ExodusFormat format) throws Exception {
    Path whole = definedWhole(format);
    Path added = addedLater(format);
    String expected = CTools.exref(whole);
    String actual = CTools.exref(added);
    assertEquals(expected, actual);
    for (String kind : List.of("nodal_var", "elem_var", "edge_var", "face_var", "side_set_var")) {
      assertTrue(expected.contains("\n" + kind + "\t"), kind + " missing from the dump");
    }
    try (ExodusFile a = ExodusFile.open(whole);
        ExodusFile b = ExodusFile.open(added)) {
      for (EntityType k : KINDS) assertEquals(names(k), b.variableNames(k), k.toString());
      for (Object[] o : OBJECTS) {
        EntityType t = (EntityType) o[0];
        int entries = (int) (long) (Long) o[2];
        if (!t.isSet() || entries == 0) continue;
        for (int v = 0; v < 3; v++) {
          for (int s = 0; s < STEPS; s++) {
            double[] x = new double[entries];
            double[] y = new double[entries];
            a.readVariable(t, v, (Long) o[1], s, 0, entries, x, 0);
            b.readVariable(t, v, (Long) o[1], s, 0, entries, y, 0);
            assertArrayEquals(x, y, t + " variable " + v + " step " + s);
            assertEquals(value(t, v, s, (Long) o[1], 0), y[0], t + " variable " + v);
          }
        }
      }
    }
  }
}
