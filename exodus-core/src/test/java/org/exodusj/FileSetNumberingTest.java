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
  void idsFromOneWithAGapAreSortedNotTakenAsOneToN() throws Exception {
    // smallest 1, largest 5 of 5 held: looks like 1..N until the walk finds id 3 missing
    NodeNumbering n =
        NodeNumbering.of(new long[][] {{1, 2, 4}, {4, 5}}, NodeNumbering.sequential(2));
    assertEquals(4, n.count);
    assertArrayEquals(new long[] {1, 2, 4, 5}, n.ids);
    assertArrayEquals(new int[] {0, 1, 2}, n.join[0]);
    assertArrayEquals(new int[] {2, 3}, n.join[1]);
    assertEquals("{2}", n.shared.toString());
    assertEquals("{0, 1}", n.owned[0].toString());
    assertEquals(-1, n.index(3));
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

  @Test
  void ownedNodesInLongRunsAreKeptAsRuns() throws Exception {
    // rank 0: ids 1..20; rank 1: ids 17..40 in local order, then 41..56 reversed. Rank 1 owns all
    // its nodes, rank 0 owns ids 1..16 (17..20 are rank 1's): one run on rank 0 (local 0..15 at
    // joined 0..15), on rank 1 the run of ids 17..40 (local 0..23 at joined 16..39) and 16 runs of
    // one node for ids 41..56 (joined 40..55 at local 39 down to 24): 17 runs of 40 nodes, too
    // short on average, so rank 1 is scattered node by node
    long[] r0 = new long[20];
    for (int i = 0; i < 20; i++) r0[i] = i + 1;
    long[] r1 = new long[40];
    for (int i = 0; i < 24; i++) r1[i] = 17 + i;
    for (int i = 0; i < 16; i++) r1[24 + i] = 56 - i;
    NodeNumbering n = NodeNumbering.of(new long[][] {r0, r1}, NodeNumbering.sequential(2));
    assertEquals(56, n.count);
    NodeNumbering.Runs runs = n.runs[0];
    assertArrayEquals(new int[] {0}, runs.local());
    assertArrayEquals(new int[] {0}, runs.joined());
    assertArrayEquals(new int[] {16}, runs.length());
    assertNull(n.ownedByJoined[0]); // the runs replace it
    assertNull(n.runs[1]);
    assertEquals(40, n.ownedByJoined[1].length);
    assertEquals(0, runs.firstEndingAfter(15));
    assertEquals(1, runs.firstEndingAfter(16));

    // without the reversed tail, rank 1 is one run too
    NodeNumbering m =
        NodeNumbering.of(
            new long[][] {r0, java.util.Arrays.copyOf(r1, 24)}, NodeNumbering.sequential(2));
    assertArrayEquals(new int[] {0}, m.runs[1].local());
    assertArrayEquals(new int[] {16}, m.runs[1].joined());
    assertArrayEquals(new int[] {24}, m.runs[1].length());
  }

  @Test
  void consecutiveElementsAreMarked() {
    // block 7: rank 0 holds ids 1, 2, 3 (joined 0..2, consecutive); rank 1 holds 5, 4 (joined 4, 3:
    // descending) and, in block 9, ids 10 and 12 with rank 0's 11 between them
    ElementNumbering e =
        new ElementNumbering(
            new long[][] {{1, 2, 3, 11}, {5, 4, 10, 12}},
            new long[] {7, 9},
            new long[][] {{0, 3}, {0, 2}},
            new long[][] {{3, 1}, {2, 2}});
    assertTrue(e.duplicates.isEmpty());
    assertEquals(true, e.consecutive[0][0]);
    assertEquals(false, e.consecutive[1][0]);
    assertEquals(true, e.consecutive[0][1]); // one element
    assertEquals(false, e.consecutive[1][1]); // ascending, with a gap
    assertEquals(true, e.monotone[1][1]);
  }
}
