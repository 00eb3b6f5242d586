package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.Test;

/**
 * Node and element histories by id and by index, named alike on {@link ExodusFile} and {@link
 * ExodusFileSet}: on the corpus set {@code noh.exo.3.*} and its serial file {@code noh.exo}, every
 * global id gives the same history through the set, the serial file and the piece holding it, and
 * that history is the C library's reading of the files (the reference dumps of {@code exref}:
 * {@code node_num_map}, {@code elem_num_map}, {@code nodal_var}, {@code elem_var}), keyed by the id
 * maps the dumps list.
 */
class IdsAndIndicesTest {
  private static final int PIECES = 3;

  static Path dir() {
    return ExternalTools.corpus().resolve("decomposed");
  }

  /** What the C library read from one file: histories by node and element id. */
  record Reading(
      long[] nodeIds,
      long[] elementIds,
      Map<String, Map<Long, double[]>> nodal,
      Map<String, Map<Long, double[]>> element) {}

  static Reading reading(Path ref) throws IOException {
    ReferenceDump d = ReferenceDump.load(ref);
    int steps = (int) d.count("num_time_steps");
    long nodes = d.count("num_nodes");
    long elems = d.count("num_elem");
    long[] nodeIds =
        d.one("node_num_map") == null
            ? sequence(nodes)
            : ReferenceDump.longs(d.one("node_num_map"), 1);
    long[] elementIds =
        d.one("elem_num_map") == null
            ? sequence(elems)
            : ReferenceDump.longs(d.one("elem_num_map"), 1);
    Map<String, Map<Long, double[]>> nodal = new HashMap<>();
    for (String[] r : d.all("nodal_var")) { // nodal_var NAME STEP value per node
      int step = Integer.parseInt(r[2]) - 1;
      double[] v = ReferenceDump.reals(r, 3);
      Map<Long, double[]> byId = nodal.computeIfAbsent(r[1], k -> new HashMap<>());
      for (int i = 0; i < v.length; i++) {
        byId.computeIfAbsent(nodeIds[i], k -> new double[steps])[step] = v[i];
      }
    }
    // elements counted through the blocks in the dump's order, as the element id map counts them
    Map<Long, Long> firstOfBlock = new HashMap<>();
    long first = 0;
    for (String[] b : d.all("elem_block")) {
      firstOfBlock.put(Long.parseLong(b[1]), first);
      first += Long.parseLong(b[3]);
    }
    Map<String, Map<Long, double[]>> element = new HashMap<>();
    for (String[] r : d.all("elem_var")) { // elem_var NAME BLOCK STEP value per entry
      long start = firstOfBlock.get(Long.parseLong(r[2]));
      int step = Integer.parseInt(r[3]) - 1;
      double[] v = ReferenceDump.reals(r, 4);
      Map<Long, double[]> byId = element.computeIfAbsent(r[1], k -> new HashMap<>());
      for (int i = 0; i < v.length; i++) {
        byId.computeIfAbsent(elementIds[(int) start + i], k -> new double[steps])[step] = v[i];
      }
    }
    return new Reading(nodeIds, elementIds, nodal, element);
  }

  private static long[] sequence(long n) {
    long[] a = new long[(int) n];
    for (int i = 0; i < a.length; i++) a[i] = i + 1;
    return a;
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
    return -1;
  }

  @Test
  void historiesByIdAreTheSameOnTheSetTheSerialFileAndThePieces() throws Exception {
    Reading serialRef = reading(dir().resolve("noh.exo.ref.gz"));
    List<Reading> pieceRefs = new ArrayList<>();
    for (int r = 0; r < PIECES; r++) {
      pieceRefs.add(reading(dir().resolve("noh.exo." + PIECES + "." + r + ".ref.gz")));
    }
    List<ExodusFile> pieces = new ArrayList<>();
    try (ExodusFile serial = ExodusFile.open(dir().resolve("noh.exo"));
        ExodusFileSet set = ExodusFileSet.open(ExodusFileSet.piecesOf(dir().resolve("noh.exo")))) {
      for (int r = 0; r < PIECES; r++) {
        pieces.add(ExodusFile.open(dir().resolve("noh.exo." + PIECES + "." + r)));
      }
      assertFalse(serialRef.nodal().isEmpty());
      assertFalse(serialRef.element().isEmpty());
      int checked = 0;
      for (String name : set.variableNames(EntityType.NODAL)) {
        for (long id : serialRef.nodeIds()) {
          double[] want = serialRef.nodal().get(name).get(id);
          // the C library's reading of the last piece holding the node (epu's rule)
          double[] fromPiece = null;
          for (int r = 0; r < PIECES; r++) {
            double[] h = pieceRefs.get(r).nodal().get(name).get(id);
            if (h != null) fromPiece = h;
          }
          assertArrayEquals(want, fromPiece, name + " node " + id + ": the pieces' dumps");
          assertArrayEquals(want, set.nodalVariableHistoryById(name, id), name + " set " + id);
          assertArrayEquals(want, serial.nodalVariableHistoryById(name, id), name + " " + id);
          int serialIndex = indexOf(serialRef.nodeIds(), id);
          assertArrayEquals(want, serial.nodalVariableHistoryByIndex(name, serialIndex));
          assertArrayEquals(want, set.nodalVariableHistoryByIndex(name, set.nodeIndex(id)));
          for (int r = 0; r < PIECES; r++) {
            Reading pr = pieceRefs.get(r);
            int k = indexOf(pr.nodeIds(), id);
            if (k < 0) continue;
            // on a piece, the index and the id differ: each call says which it takes
            double[] onPiece = pr.nodal().get(name).get(id);
            assertArrayEquals(onPiece, pieces.get(r).nodalVariableHistoryById(name, id));
            assertArrayEquals(onPiece, pieces.get(r).nodalVariableHistoryByIndex(name, k));
            checked++;
          }
        }
      }
      for (String name : set.variableNames(EntityType.ELEM_BLOCK)) {
        for (long id : serialRef.elementIds()) {
          double[] want = serialRef.element().get(name).get(id);
          double[] fromPiece = null;
          int holder = -1;
          for (int r = 0; r < PIECES; r++) {
            double[] h = pieceRefs.get(r).element().get(name).get(id);
            if (h != null) {
              fromPiece = h;
              holder = r;
            }
          }
          assertArrayEquals(want, fromPiece, name + " element " + id + ": the pieces' dumps");
          assertArrayEquals(want, set.elementVariableHistoryById(name, id), name + " set " + id);
          assertArrayEquals(want, serial.elementVariableHistoryById(name, id), name + " " + id);
          assertArrayEquals(
              want,
              serial.elementVariableHistoryByIndex(name, indexOf(serialRef.elementIds(), id)));
          assertArrayEquals(want, set.elementVariableHistoryByIndex(name, set.elementIndex(id)));
          int k = indexOf(pieceRefs.get(holder).elementIds(), id);
          assertArrayEquals(want, pieces.get(holder).elementVariableHistoryById(name, id));
          assertArrayEquals(want, pieces.get(holder).elementVariableHistoryByIndex(name, k));
          checked++;
        }
      }
      assertTrue(checked > 100, "checked " + checked);
    } finally {
      for (ExodusFile p : pieces) p.close();
    }
  }

  /** The call the old name made on a piece: index 5 is not id 5 there. */
  @Test
  @SuppressWarnings("deprecation")
  void theDeprecatedNamesKeepTheirMeaning() throws Exception {
    Reading pr = reading(dir().resolve("noh.exo.3.1.ref.gz"));
    String name = "VELOCITY_X";
    try (ExodusFile piece = ExodusFile.open(dir().resolve("noh.exo.3.1"));
        ExodusFileSet set = ExodusFileSet.open(ExodusFileSet.piecesOf(dir().resolve("noh.exo")))) {
      long id = pr.nodeIds()[5];
      assertTrue(id != 5, "the piece's node 5 has id " + id);
      assertArrayEquals(
          piece.nodalVariableHistoryByIndex(name, 5), piece.nodalVariableHistory(name, 5));
      assertArrayEquals(set.nodalVariableHistoryById(name, id), set.nodalVariableHistory(name, id));
      assertArrayEquals(pr.nodal().get(name).get(id), piece.nodalVariableHistory(name, 5));
      long eid = pr.elementIds()[1];
      assertArrayEquals(
          piece.elementVariableHistoryByIndex("DENSITY", 1),
          piece.elementVariableHistory("DENSITY", 1));
      assertArrayEquals(
          set.elementVariableHistoryById("DENSITY", eid),
          set.elementVariableHistory("DENSITY", eid));
    }
  }

  @Test
  void unknownIdsAndIndicesOutOfRangeAreRefusedWithTheNumbers() throws Exception {
    try (ExodusFile piece = ExodusFile.open(dir().resolve("noh.exo.3.1"));
        ExodusFileSet set = ExodusFileSet.open(ExodusFileSet.piecesOf(dir().resolve("noh.exo")))) {
      long nodes = piece.nodeCount();
      NoSuchElementException e =
          assertThrows(
              NoSuchElementException.class,
              () -> piece.nodalVariableHistoryById("VELOCITY_X", 1000));
      assertTrue(
          e.getMessage().contains("1000") && e.getMessage().contains("noh.exo.3.1"),
          e.getMessage());
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> piece.nodalVariableHistoryByIndex("VELOCITY_X", nodes));
      assertThrows(
          NoSuchElementException.class, () -> set.nodalVariableHistoryById("VELOCITY_X", 1000));
      IndexOutOfBoundsException x =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> set.nodalVariableHistoryByIndex("VELOCITY_X", set.nodeCount()));
      assertTrue(x.getMessage().contains(Long.toString(set.nodeCount())), x.getMessage());
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> set.elementVariableHistoryByIndex("DENSITY", set.elementCount()));
      assertThrows(
          NoSuchElementException.class, () -> set.elementVariableHistoryById("DENSITY", 1000));
      assertThrows(
          NoSuchElementException.class, () -> piece.elementVariableHistoryById("DENSITY", 1000));
      // an unknown variable is named before the id is looked up
      NoSuchElementException v =
          assertThrows(
              NoSuchElementException.class, () -> piece.nodalVariableHistoryById("NOPE", 5));
      assertTrue(v.getMessage().contains("NOPE"), v.getMessage());
      assertEquals(
          set.nodalVariableHistoryById("VELOCITY_X", set.nodeId(0)).length, set.timeStepCount());
    }
  }
}
