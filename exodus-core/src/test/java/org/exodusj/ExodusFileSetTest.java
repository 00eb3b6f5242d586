package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decomposed sets of the corpus, read as one mesh, equal the serial files they were decomposed
 * from (read by {@link ExodusFile}, which the conformance tests hold to the C library's reading of
 * the same files), keyed by global ids: coordinates, each element's block and connectivity in node
 * ids, node and side sets, times, and every global, nodal and element variable at every step.
 */
class ExodusFileSetTest {
  static Path dir() {
    return ExternalTools.corpus().resolve("decomposed");
  }

  @ParameterizedTest
  @CsvSource({"noh.exo,noh.exo", "mkmesh.gen,mkmesh.par"})
  void equalsTheSerialFile(String serialName, String base) throws Exception {
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ExodusFile serial = ExodusFile.open(dir().resolve(serialName));
        ExodusFileSet set =
            ExodusFileSet.open(
                ExodusFileSet.piecesOf(dir().resolve(base)),
                ExodusOpenOptions.DEFAULT,
                r -> {
                  tasks.incrementAndGet();
                  pool.execute(r);
                },
                3)) { // a tiny chunk, so that pieces are read in several chunks
      assertEquals(serial.nodeCount(), set.nodeCount());
      assertEquals(serial.elementCount(), set.elementCount());
      assertEquals(serial.dimensionCount(), set.dimensionCount());
      assertTrue(set.warnings().isEmpty(), set.warnings().toString());

      // nodes: coordinates by global id
      int nn = (int) set.nodeCount();
      for (int axis = 0; axis < set.dimensionCount(); axis++) {
        double[] s = serial.coordinates(axis);
        double[] j = set.coordinates(axis);
        for (int i = 0; i < nn; i++) {
          assertEquals(s[(int) serial.nodeIndex(set.nodeId(i))], j[i], 0.0, "axis " + axis);
        }
      }
      // elements: block id and connectivity in node ids
      for (Block b : set.blocks()) {
        long[] conn = set.connectivity(b);
        int npe = (int) b.nodesPerEntry();
        for (int k = 0; k < b.entryCount(); k++) {
          long elemId = set.elementId(setOffset(set, b) + k);
          ElementLocation loc = serial.elementLocation(serial.elementIndex(elemId));
          assertEquals(loc.block().id(), b.id(), "block of element " + elemId);
          long[] sc = new long[npe];
          serial.readConnectivity(loc.block(), loc.entry(), 1, sc, 0);
          for (int q = 0; q < npe; q++) {
            assertEquals(
                serial.nodeId(sc[q] - 1), set.nodeId(conn[k * npe + q] - 1), "element " + elemId);
          }
        }
      }
      // node sets as sets of node ids, side sets as sets of (element id, side)
      assertEquals(serial.sets(EntityType.NODE_SET).size(), set.sets(EntityType.NODE_SET).size());
      for (EntitySet s : serial.sets(EntityType.NODE_SET)) {
        EntitySet j = byId(set.sets(EntityType.NODE_SET), s.id());
        long[] se = new long[(int) s.entryCount()];
        serial.readSetEntries(s, 0, se.length, se, 0);
        long[] je = new long[(int) j.entryCount()];
        set.readSetEntries(j, 0, je.length, je, 0);
        Set<Long> a = new HashSet<>();
        for (long e : se) a.add(serial.nodeId(e - 1));
        Set<Long> b = new HashSet<>();
        for (long e : je) b.add(set.nodeId(e - 1));
        assertEquals(a, b, "node set " + s.id());
        assertEquals(a.size(), je.length, "node set " + s.id() + " lists a node twice");
      }
      assertEquals(serial.sets(EntityType.SIDE_SET).size(), set.sets(EntityType.SIDE_SET).size());
      for (EntitySet s : serial.sets(EntityType.SIDE_SET)) {
        EntitySet j = byId(set.sets(EntityType.SIDE_SET), s.id());
        assertEquals(s.entryCount(), j.entryCount());
        long[] se = new long[(int) s.entryCount()];
        long[] ss = new long[se.length];
        serial.readSetEntries(s, 0, se.length, se, 0);
        serial.readSetExtra(s, 0, se.length, ss, 0);
        long[] je = new long[se.length];
        long[] js = new long[se.length];
        set.readSetEntries(j, 0, je.length, je, 0);
        set.readSetExtra(j, 0, je.length, js, 0);
        Set<List<Long>> a = new HashSet<>();
        Set<List<Long>> b = new HashSet<>();
        for (int k = 0; k < se.length; k++) {
          a.add(List.of(serial.elementId(se[k] - 1), ss[k]));
          b.add(List.of(set.elementId(je[k] - 1), js[k]));
        }
        assertEquals(a, b, "side set " + s.id());
      }
      // steps and variables
      assertEquals(serial.timeStepCount(), set.timeStepCount());
      assertArrayEquals(serial.times(), set.times());
      assertEquals(serial.variableNames(EntityType.NODAL), set.variableNames(EntityType.NODAL));
      for (long step = 0; step < set.timeStepCount(); step++) {
        assertArrayEquals(serial.globalVariables(step), set.globalVariables(step));
        for (String name : set.variableNames(EntityType.NODAL)) {
          double[] s = serial.nodalVariable(name, step);
          double[] j = set.nodalVariable(name, step);
          for (int i = 0; i < nn; i++) {
            assertEquals(s[(int) serial.nodeIndex(set.nodeId(i))], j[i], 0.0, name);
          }
        }
        for (Block b : set.blocks()) {
          for (int v = 0; v < set.variableNames(EntityType.ELEM_BLOCK).size(); v++) {
            if (!set.hasVariable(EntityType.ELEM_BLOCK, v, b.id())) continue;
            double[] j = set.variable(EntityType.ELEM_BLOCK, v, b.id(), step);
            for (int k = 0; k < j.length; k++) {
              long elemId = set.elementId(setOffset(set, b) + k);
              ElementLocation loc = serial.elementLocation(serial.elementIndex(elemId));
              double[] one = new double[1];
              serial.readVariable(
                  EntityType.ELEM_BLOCK, v, loc.block().id(), step, loc.entry(), 1, one, 0);
              assertEquals(one[0], j[k], 0.0, "element variable " + v + " of " + elemId);
            }
          }
        }
      }
      // histories by global id, for every node and element
      for (String name : set.variableNames(EntityType.NODAL)) {
        for (int i = 0; i < nn; i++) {
          long id = set.nodeId(i);
          assertArrayEquals(
              serial.nodalVariableHistoryById(name, id), set.nodalVariableHistoryById(name, id));
        }
      }
      for (String name : set.variableNames(EntityType.ELEM_BLOCK)) {
        for (int e = 0; e < set.elementCount(); e++) {
          long id = set.elementId(e);
          assertEquals(e, set.elementIndex(id));
          assertArrayEquals(
              serial.elementVariableHistoryById(name, id),
              set.elementVariableHistoryById(name, id));
        }
      }
      // the iterator style gives what the allocating style gives
      if (set.timeStepCount() > 0 && !set.variableNames(EntityType.NODAL).isEmpty()) {
        long last = set.timeStepCount() - 1;
        double[] all = new double[nn];
        try (ValueChunks c = set.nodalVariableChunks(1, last, 1, 4)) {
          while (c.next()) {
            c.values().get(all, (int) c.start(), c.values().remaining());
          }
        }
        assertArrayEquals(set.nodalVariable(1, last), all);
      }
      // a window read equals the same part of a whole read
      double[] x = set.coordinates(0);
      double[] w = new double[5];
      set.readCoordinates(0, 3, 4, w, 1);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(x, 3, 7), java.util.Arrays.copyOfRange(w, 1, 5));
      assertTrue(tasks.get() > 0, "reads ran on the caller's executor");
    } finally {
      pool.shutdown();
    }
  }

  private static long setOffset(ExodusFileSet set, Block b) {
    long off = 0;
    for (Block o : set.blocks()) {
      if (o.equals(b)) return off;
      off += o.entryCount();
    }
    throw new AssertionError(b);
  }

  private static EntitySet byId(List<EntitySet> ss, long id) {
    for (EntitySet s : ss) if (s.id() == id) return s;
    throw new AssertionError("no set " + id + " in " + ss);
  }

  @Test
  void baseDotSizeChoosesOneOfTwoDecompositionsSideBySide(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    for (int r = 0; r < 3; r++) {
      java.nio.file.Files.copy(dir().resolve("noh.exo.3." + r), tmp.resolve("noh.exo.3." + r));
    }
    for (int r = 0; r < 2; r++) {
      java.nio.file.Files.writeString(tmp.resolve("noh.exo.2." + r), "another decomposition");
    }
    assertThrows(
        IllegalArgumentException.class, () -> ExodusFileSet.piecesOf(tmp.resolve("noh.exo")));
    List<Path> three = ExodusFileSet.piecesOf(tmp.resolve("noh.exo.3"));
    assertEquals(
        List.of(tmp.resolve("noh.exo.3.0"), tmp.resolve("noh.exo.3.1"), tmp.resolve("noh.exo.3.2")),
        three);
    try (ExodusFileSet set = ExodusFileSet.open(three);
        ExodusFile serial = ExodusFile.open(dir().resolve("noh.exo"))) {
      assertEquals(serial.nodeCount(), set.nodeCount());
    }
  }

  @Test
  void everyPublicMethodOfAClosedSetSaysItIsClosed() throws Exception {
    ExodusFileSet set = ExodusFileSet.open(ExodusFileSet.piecesOf(dir().resolve("noh.exo")));
    set.close();
    set.close(); // a second close does nothing
    int checked = 0;
    for (java.lang.reflect.Method m : ExodusFileSet.class.getMethods()) {
      if (m.getDeclaringClass() != ExodusFileSet.class
          || java.lang.reflect.Modifier.isStatic(m.getModifiers())
          || ClosedFileTest.ALLOWED.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int a = 0; a < args.length; a++) {
        args[a] = ClosedFileTest.defaultValue(m.getParameterTypes()[a]);
      }
      java.lang.reflect.InvocationTargetException e =
          assertThrows(
              java.lang.reflect.InvocationTargetException.class, () -> m.invoke(set, args));
      assertTrue(e.getCause() instanceof IllegalStateException, m + " threw " + e.getCause());
      assertTrue(e.getCause().getMessage().endsWith("(set) is closed"), m.toString());
      checked++;
    }
    assertTrue(checked > 30, "methods checked: " + checked);
  }

  @Test
  void missingRankIsNamed() throws Exception {
    List<Path> two = List.of(dir().resolve("noh.exo.3.0"), dir().resolve("noh.exo.3.2"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ExodusFileSet.open(two));
    assertTrue(e.getMessage().contains("rank 1 of the 3 pieces"), e.getMessage());
    assertTrue(e.getFile().endsWith("noh.exo.3.1"), e.getFile());
  }

  @Test
  void piecesOfDifferentSetsAreRefused() throws Exception {
    List<Path> mixed = List.of(dir().resolve("noh.exo.3.0"), dir().resolve("mkmesh.par.2.1"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExodusFileSet.open(mixed));
    assertTrue(e.getMessage().contains("different sets"), e.getMessage());
  }

  @Test
  void aSerialFileIsNotAPiece() throws Exception {
    List<Path> serial = new ArrayList<>(List.of(dir().resolve("mkmesh.gen")));
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> ExodusFileSet.open(serial));
    assertTrue(e.getMessage().contains("mkmesh.gen"), e.getMessage());
    assertTrue(e.getMessage().contains("not a piece of a decomposed set"), e.getMessage());
  }

  @Test
  void noPiecesAtABaseName() {
    assertThrows(NoSuchFileException.class, () -> ExodusFileSet.piecesOf(dir().resolve("nothere")));
  }
}
