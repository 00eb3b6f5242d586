package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convenience layer's answers to caller mistakes and damaged files (clear exceptions naming the
 * file and the place), and its id maps on maps built by hand: shuffled, offset, repeated.
 */
class ConvenienceErrorsTest {
  @TempDir Path dir;

  /** A 1-D chain of {@code n} BAR2 elements whose node and element ids are given. */
  private Path chain(String name, long[] nodeIds, long[] elemIds, long[] ssElems, long[] ssSides)
      throws Exception {
    int n = elemIds.length;
    Path p = dir.resolve(name);
    Definition d =
        ExodusWriter.define("chain", 1, n + 1)
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 5, "BAR2", n, 2))
            .idMap(EntityType.NODE_MAP)
            .idMap(EntityType.ELEM_MAP)
            .nodalVariables("u");
    if (ssElems != null) d.set(SetSpec.of(EntityType.SIDE_SET, 9, ssElems.length, 0));
    try (ExodusWriter w = ExodusWriter.create(p, d)) {
      double[] x = new double[n + 1];
      for (int i = 0; i <= n; i++) x[i] = i;
      w.writeCoordinates(0, 0, n + 1, x, 0);
      long[] conn = new long[2 * n];
      for (int e = 0; e < n; e++) {
        conn[2 * e] = e + 1;
        conn[2 * e + 1] = e + 2;
      }
      w.writeConnectivity(EntityType.ELEM_BLOCK, 5, 0, n, conn, 0);
      w.writeIdMap(EntityType.NODE_MAP, 0, n + 1, nodeIds, 0);
      w.writeIdMap(EntityType.ELEM_MAP, 0, n, elemIds, 0);
      w.indexChecks(false); // the damage these tests read back
      if (ssElems != null) w.writeSet(EntityType.SIDE_SET, 9, 0, ssElems.length, ssElems, ssSides);
      for (int s = 0; s < 2; s++) {
        long step = w.beginStep(s);
        for (int i = 0; i <= n; i++) x[i] = 10 * s + i;
        w.writeNodalVariable(0, step, 0, n + 1, x, 0);
        w.commitStep();
      }
    }
    return p;
  }

  @Test
  void shuffledOffsetAndRepeatedIdMapsAgainstAHashMap() throws Exception {
    int n = 10_000;
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < n; i++) ids.add(1_000_000L + 7 * i);
    Collections.shuffle(ids, new Random(42));
    long[] elemIds = ids.stream().mapToLong(Long::longValue).toArray();
    elemIds[n - 1] = elemIds[3]; // a repeated id: the first index wins
    long[] nodeIds = new long[n + 1];
    for (int i = 0; i <= n; i++) nodeIds[i] = 500 + i; // consecutive, not the identity
    Path p = chain("ids.e", nodeIds, elemIds, null, null);
    Map<Long, Long> oracle = new HashMap<>();
    for (int i = 0; i < n; i++) oracle.putIfAbsent(elemIds[i], (long) i);
    try (ExodusFile f = ExodusFile.open(p)) {
      IdMap em = f.idMap(EntityType.ELEM_MAP);
      assertFalse(em.isIdentity());
      for (int i = 0; i < n; i++) {
        assertEquals((long) oracle.get(elemIds[i]), f.elementIndex(elemIds[i]));
        assertEquals(elemIds[i], f.elementId(i));
      }
      assertEquals(3, f.elementIndex(elemIds[3]));
      NoSuchElementException x =
          assertThrows(NoSuchElementException.class, () -> f.elementIndex(1_000_001L));
      assertTrue(x.getMessage().contains(p.toString()) && x.getMessage().contains("1000001"));
      IdMap nm = f.idMap(EntityType.NODE_MAP);
      assertFalse(nm.isIdentity());
      assertEquals(0, f.nodeIndex(500));
      assertEquals(n, f.nodeIndex(500 + n));
      assertEquals(777, f.nodeId(277));
      assertThrows(NoSuchElementException.class, () -> f.nodeIndex(499));
      assertThrows(NoSuchElementException.class, () -> f.nodeIndex(501 + n));
      assertThrows(IndexOutOfBoundsException.class, () -> f.nodeId(n + 1));
      assertEquals(f.idMap(EntityType.ELEM_MAP), em, "built once per file and kind");
      // the history of a node found by id, against the values written
      assertArrayEquals(
          new double[] {277, 287}, f.nodalVariableHistoryByIndex("u", f.nodeIndex(777)));
      // 1-D coordinates come as x, y, z with zeros
      double[][] xyz = f.coordinates();
      assertEquals(3, xyz.length);
      assertEquals(277.0, xyz[0][277]);
      assertEquals(0.0, xyz[1][277]);
      assertEquals(0.0, xyz[2][n]);
      assertEquals(0.0, f.coordinateBuffer(2).get(5));
    }
  }

  @Test
  void callerMistakesNameTheFileAndThePlace() throws Exception {
    Path p =
        chain("m.e", new long[] {1, 2, 3, 4}, new long[] {1, 2, 3}, new long[] {1}, new long[] {1});
    try (ExodusFile f = ExodusFile.open(p)) {
      NoSuchElementException v =
          assertThrows(NoSuchElementException.class, () -> f.nodalVariable("v", 0));
      assertTrue(v.getMessage().contains(p.toString()) && v.getMessage().contains("[u]"));
      assertThrows(
          NoSuchElementException.class, () -> f.elementVariableHistoryByIndex("stress", 0));
      assertThrows(IndexOutOfBoundsException.class, () -> f.nodalVariableHistoryByIndex("u", 4));
      assertThrows(IndexOutOfBoundsException.class, () -> f.elementLocation(3));
      assertThrows(IndexOutOfBoundsException.class, () -> f.elementLocation(-1));
      assertThrows(IndexOutOfBoundsException.class, () -> f.coordinateBuffer(3));
      IllegalArgumentException s =
          assertThrows(IllegalArgumentException.class, () -> f.sideSetNodes(10));
      assertTrue(s.getMessage().contains(p.toString()), s.getMessage());
      // a bar's side 1 is all its nodes, as libexodusII 6.02 lists them
      SideSetNodes n = f.sideSetNodes(9);
      assertArrayEquals(new long[] {2}, n.counts());
      assertArrayEquals(new long[] {1, 2}, n.nodes());
    }
  }

  @Test
  void damagedSideSetsEndInAFormatErrorNamingTheFile() throws Exception {
    Path beyond =
        chain("beyond.e", new long[] {1, 2, 3}, new long[] {1, 2}, new long[] {3}, new long[] {1});
    try (ExodusFile f = ExodusFile.open(beyond)) {
      ExodusFormatException x = assertThrows(ExodusFormatException.class, () -> f.sideSetNodes(9));
      assertTrue(x.getMessage().contains(beyond.toString()), x.getMessage());
      assertTrue(x.getMessage().contains("element 3"), x.getMessage());
    }
    Path side0 =
        chain("side0.e", new long[] {1, 2, 3}, new long[] {1, 2}, new long[] {1}, new long[] {0});
    try (ExodusFile f = ExodusFile.open(side0)) {
      ExodusFormatException x = assertThrows(ExodusFormatException.class, () -> f.sideSetNodes(9));
      assertTrue(x.getMessage().contains("side 0"), x.getMessage());
    }
  }
}
