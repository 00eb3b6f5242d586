package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocator's rules, against extents computed by hand. */
class Nc4SpaceTest {
  private static void assertFree(Nc4Space s, long... pairs) {
    List<long[]> f = s.freeExtents();
    assertEquals(pairs.length / 2, f.size(), "free extents");
    for (int i = 0; i < f.size(); i++) {
      assertArrayEquals(new long[] {pairs[2 * i], pairs[2 * i + 1]}, f.get(i), "extent " + i);
    }
  }

  @Test
  void releasedSpaceIsReusedOnlyAfterTheCommit() {
    Nc4Space s = new Nc4Space(48);
    long a = s.allocate(100, 1);
    long b = s.allocate(50, 1);
    assertEquals(48, a);
    assertEquals(148, b);
    s.release(a, 100);
    assertEquals(198, s.allocate(10, 1), "released, not yet committed: at the end");
    s.committed();
    assertEquals(208, s.allocate(10, 1), "freed by the switch: metadata first");
    assertEquals(48, s.allocateMetadata(60));
    assertFree(s, 108, 148);
    s.release(48, 60);
    s.committed();
    s.settle();
    assertFree(s, 48, 148);
    assertEquals(48, s.allocate(60, 1), "first fit");
    assertEquals(112, s.allocate(30, 8), "aligned inside the hole");
    assertFree(s, 108, 112, 142, 148);
  }

  @Test
  void neighboursCoalesceAndTheEndShrinks() {
    Nc4Space s = new Nc4Space(0);
    long a = s.allocate(10, 1);
    long b = s.allocate(10, 1);
    long c = s.allocate(10, 1);
    long d = s.allocate(10, 1);
    s.release(a, 10);
    s.release(c, 10);
    s.committed();
    s.settle();
    assertFree(s, 0, 10, 20, 30);
    s.release(b, 10);
    s.committed();
    s.settle();
    assertFree(s, 0, 30);
    assertEquals(40, s.end());
    s.release(d, 10);
    s.committed();
    s.settle();
    assertFree(s);
    assertEquals(0, s.end(), "free space at the end given back");
  }

  @Test
  void resetKeepsOnlyTheComplementOfWhatIsUsed() {
    Nc4Space s = new Nc4Space(1000);
    s.release(0, 1000); // dropped by the reset
    s.reset(
        List.of(
            new long[] {0, 48},
            new long[] {500, 600},
            new long[] {100, 200},
            new long[] {150, 250}),
        1000);
    assertEquals(1000, s.allocate(8, 1), "the holes go to metadata first");
    s.settle();
    assertFree(s, 48, 100, 250, 500, 600, 1000);
    s.release(1000, 8);
    s.committed();
    s.settle();
    assertFree(s, 48, 100, 250, 500);
    assertEquals(600, s.end());
    assertEquals(52 + 250, s.freeBytes());
  }

  @Test
  void aDoubleFreeIsABug() {
    Nc4Space s = new Nc4Space(0);
    long a = s.allocate(10, 1);
    s.allocate(10, 1);
    s.release(a, 10);
    s.release(a + 5, 2);
    s.committed();
    assertThrows(IllegalStateException.class, s::settle);
  }
}
