package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The join numbering of a decomposed set from plain arrays, against numberings worked out by hand
 * from the definition (union of ids ascending; a shared node's values from the last rank holding
 * it, as SEACAS epu copies the pieces in rank order; elements by block, then by id).
 */
class FileSetNumberingTest {
  @Test
  void nodesOneToNSharedNodesOwnedByTheLastRank() throws Exception {
    // ids 3 on ranks 0, 1, 2; id 5 on ranks 1 and 2
    NodeNumbering n =
        NodeNumbering.of(
            new long[][] {{1, 2, 3}, {3, 4, 5}, {5, 3, 6}}, NodeNumbering.sequential(3));
    assertEquals(6, n.count);
    assertNull(n.ids); // 1..N
    assertArrayEquals(new int[] {0, 1, 2}, n.join[0]);
    assertArrayEquals(new int[] {2, 3, 4}, n.join[1]);
    assertArrayEquals(new int[] {4, 2, 5}, n.join[2]);
    assertEquals("{0, 1}", n.owned[0].toString());
    assertEquals("{1}", n.owned[1].toString());
    assertEquals("{0, 1, 2}", n.owned[2].toString());
    assertEquals("{2, 4}", n.shared.toString());
    // rank 2's owned nodes by joined index: local 1 (joined 2), 0 (4), 2 (5): not local order
    assertArrayEquals(new int[] {1, 0, 2}, n.ownedByJoined[2]);
    assertEquals(false, n.ownedInOrder[2]);
    assertEquals(2, n.owner(2));
    assertEquals(1, n.owner(3));
    assertTrue(n.duplicates.isEmpty());
  }

  @Test
  void sparseIdsAreSortedAndLookedUp() throws Exception {
    NodeNumbering n =
        NodeNumbering.of(new long[][] {{10, 30}, {30, 20}}, NodeNumbering.sequential(2));
    assertEquals(3, n.count);
    assertArrayEquals(new long[] {10, 20, 30}, n.ids);
    assertArrayEquals(new int[] {0, 2}, n.join[0]);
    assertArrayEquals(new int[] {2, 1}, n.join[1]);
    assertEquals(-1, n.index(25));
    assertEquals(20, n.id(1));
    assertEquals("{0}", n.owned[0].toString());
  }

  @Test
  void anIdTwiceInOnePieceIsADuplicate() throws Exception {
    NodeNumbering n =
        NodeNumbering.of(new long[][] {{1, 2, 3}, {3, 4, 3}}, NodeNumbering.sequential(2));
    assertEquals(List.of(new NodeNumbering.Duplicate(1, 3, 0, 2)), n.duplicates);
  }

  @Test
  void elementsByBlockThenId() {
    // block 7: rank 0 holds ids 5, 3; rank 1 holds 4, 6. block 9: rank 1 holds 100, 50
    ElementNumbering e =
        new ElementNumbering(
            new long[][] {{5, 3}, {4, 6, 100, 50}},
            new long[] {7, 9},
            new long[][] {{0, 0}, {0, 2}},
            new long[][] {{2, 0}, {2, 2}});
    assertTrue(e.duplicates.isEmpty());
    assertArrayEquals(new long[] {3, 4, 5, 6, 50, 100}, e.ids);
    assertArrayEquals(new long[] {0, 4, 6}, e.blockOffset);
    assertArrayEquals(new int[] {2, 0}, e.join[0]);
    assertArrayEquals(new int[] {1, 3, 5, 4}, e.join[1]);
    assertEquals(false, e.monotone[0][0]);
    assertEquals(true, e.monotone[1][0]);
    assertArrayEquals(new long[] {0, 2}, e.range[0][0]);
    assertArrayEquals(new long[] {-1, -1}, e.range[0][1]);
  }

  @Test
  void elementDuplicatesWithinAndAcrossPieces() {
    ElementNumbering across =
        new ElementNumbering(
            new long[][] {{1, 2}, {2, 3}},
            new long[] {7},
            new long[][] {{0}, {0}},
            new long[][] {{2}, {2}});
    assertEquals(List.of(new ElementNumbering.Duplicate(7, 2, 0, 1)), across.duplicates);
    ElementNumbering within =
        new ElementNumbering(
            new long[][] {{1, 2}, {3, 3}},
            new long[] {7},
            new long[][] {{0}, {0}},
            new long[][] {{2}, {2}});
    assertEquals(List.of(new ElementNumbering.Duplicate(7, 3, 1, 1)), within.duplicates);
  }

  @Test
  void elementsInRankOrderAsEpuNomap() {
    ElementNumbering e =
        new ElementNumbering(
            new long[][] {{5, 3}, {4, 6, 100, 50}},
            new long[] {7, 9},
            new long[][] {{0, 0}, {0, 2}},
            new long[][] {{2, 0}, {2, 2}},
            false);
    assertTrue(e.duplicates.isEmpty());
    assertArrayEquals(new long[] {5, 3, 4, 6, 100, 50}, e.ids);
    assertArrayEquals(new int[] {0, 1}, e.join[0]);
    assertArrayEquals(new int[] {2, 3, 4, 5}, e.join[1]);
    ElementNumbering dup =
        new ElementNumbering(
            new long[][] {{1, 2}, {2, 3}},
            new long[] {7},
            new long[][] {{0}, {0}},
            new long[][] {{2}, {2}},
            false);
    assertEquals(List.of(new ElementNumbering.Duplicate(7, 2, 0, 1)), dup.duplicates);
  }
}
