package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-major walk: pieces and cells worked out by hand (partial and whole trailing dimensions,
 * record strides, partial edge chunks, columns, rank 0 to 3, empty boxes), and on random boxes the
 * pieces expanded value by value against positions computed for each value from its coordinates.
 */
class GridWalkTest {
  private static final long MAX = Long.MAX_VALUE;

  /** The pieces of a walk as "a,b,n,aStride,bStride". */
  private static List<String> runs(
      long[] lo,
      long[] ext,
      long[] aOrigin,
      long[] aShape,
      long[] aStride,
      long[] bOrigin,
      long[] bShape,
      long[] bStride,
      int mergeFrom,
      boolean column)
      throws IOException {
    List<String> out = new ArrayList<>();
    new GridWalk(lo.length)
        .runs(
            lo,
            ext,
            aOrigin,
            aShape,
            aStride,
            bOrigin,
            bShape,
            bStride,
            mergeFrom,
            column,
            (a, b, n, as, bs) -> out.add(a + "," + b + "," + n + "," + as + "," + bs));
    return out;
  }

  /** A slab {@code [start, start + count)} of an array of {@code shape} (A) into the slab (B). */
  private static List<String> slab(long[] shape, long[] start, long[] count) throws IOException {
    return runs(
        start,
        count,
        null,
        shape,
        GridWalk.rowMajor(shape, 1, null),
        start,
        count,
        GridWalk.rowMajor(count, 1, null),
        0,
        false);
  }

  private static long[] l(long... v) {
    return v;
  }

  @Test
  void partialSlabOfOneDimensionIsOneRun() throws IOException {
    assertEquals(List.of("3,0,4,1,1"), slab(l(10), l(3), l(4)));
  }

  @Test
  void partialRowsAreOneRunEach() throws IOException {
    // shape 4 x 5, rows 1..2, columns 2..4: elements 7..9 and 12..14
    assertEquals(List.of("7,0,3,1,1", "12,3,3,1,1"), slab(l(4, 5), l(1, 2), l(2, 3)));
  }

  @Test
  void wholeTrailingDimensionsMergeIntoOneRun() throws IOException {
    assertEquals(List.of("5,0,10,1,1"), slab(l(4, 5), l(1, 0), l(2, 5)));
    // rank 3, the two inner dimensions whole: rows 1..2 of 3 x 4 planes
    assertEquals(List.of("12,0,24,1,1"), slab(l(3, 3, 4), l(1, 0, 0), l(2, 3, 4)));
  }

  @Test
  void rankThreeInnerBox() throws IOException {
    // shape 2 x 3 x 4, box [0..1] x [1..2] x [1..2]: 1*4+1 = 5, 9, 12+5 = 17, 21
    assertEquals(
        List.of("5,0,2,1,1", "9,2,2,1,1", "17,4,2,1,1", "21,6,2,1,1"),
        slab(l(2, 3, 4), l(0, 1, 1), l(2, 2, 2)));
  }

  @Test
  void recordsNeverMergeWhenMergeFromIsOne() throws IOException {
    // a classic record variable: 5 four-byte values per record, records 100 bytes apart
    List<String> r =
        runs(l(1, 0), l(2, 5), null, l(MAX, 5), l(100, 4), l(1, 0), l(2, 5), l(5, 1), 1, false);
    assertEquals(List.of("100,0,5,4,1", "200,5,5,4,1"), r);
    // without the rule the same box is one run
    List<String> merged =
        runs(l(1, 0), l(2, 5), null, l(3, 5), l(20, 4), l(1, 0), l(2, 5), l(5, 1), 0, false);
    assertEquals(List.of("20,0,10,4,1"), merged);
    // a record variable of rank 1: one value per record
    assertEquals(
        List.of("200,0,1,100,1", "300,1,1,100,1", "400,2,1,100,1"),
        runs(l(2), l(3), null, l(MAX), l(100), l(2), l(3), l(1), 1, false));
  }

  @Test
  void chunkIntersectionsWithPartialEdges() throws IOException {
    // variable 5 x 7 in chunks of 2 x 3; slab start (1,2) count (3,4) touches chunks (0..1, 0..1)
    long[] start = l(1, 2);
    long[] count = l(3, 4);
    long[] chunk = l(2, 3);
    long[] first = {0, 0};
    long[] last = {(1 + 3 - 1) / 2, (2 + 4 - 1) / 3};
    List<String> cells = new ArrayList<>();
    List<String> pieces = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    GridWalk grid = new GridWalk(2);
    GridWalk inner = new GridWalk(2);
    grid.cells(
        first,
        last,
        g -> {
          cells.add(Arrays.toString(g));
          long[] origin = {g[0] * chunk[0], g[1] * chunk[1]};
          long[] lo = new long[2];
          long[] ext = new long[2];
          for (int d = 0; d < 2; d++) {
            lo[d] = Math.max(start[d], origin[d]);
            ext[d] = Math.min(start[d] + count[d], origin[d] + chunk[d]) - lo[d];
          }
          for (boolean column : new boolean[] {false, true}) {
            List<String> into = column ? columns : pieces;
            inner.runs(
                lo,
                ext,
                origin,
                chunk,
                l(3, 1),
                start,
                count,
                l(4, 1),
                0,
                column,
                (a, b, n, as, bs) ->
                    into.add(
                        Arrays.toString(g) + ":" + a + "," + b + "," + n + "," + as + "," + bs));
          }
        });
    assertEquals(List.of("[0, 0]", "[0, 1]", "[1, 0]", "[1, 1]"), cells);
    assertEquals(
        List.of(
            "[0, 0]:5,0,1,1,1", // (1,2): chunk 1*3+2, slab 0
            "[0, 1]:3,1,3,1,1", // (1,3..5): chunk row 1, slab columns 1..3
            "[1, 0]:2,4,1,1,1", // (2,2), (3,2): a column of two chunk rows
            "[1, 0]:5,8,1,1,1",
            "[1, 1]:0,5,3,1,1", // (2,3..5), (3,3..5): whole chunk rows, slab rows of 4
            "[1, 1]:3,9,3,1,1"),
        pieces);
    assertEquals(
        List.of(
            "[0, 0]:5,0,1,3,4",
            "[0, 1]:3,1,3,1,1",
            "[1, 0]:2,4,2,3,4", // down the column: chunk rows 3 apart, slab rows 4 apart
            "[1, 1]:0,5,3,1,1",
            "[1, 1]:3,9,3,1,1"),
        columns);
  }

  @Test
  void chunkCoveredWholeByTheSlabIsOneRun() throws IOException {
    // variable 4 x 4 in chunks of 2 x 4; slab rows 2..3 whole: chunk (1, 0) whole, one run of 8
    assertEquals(
        List.of("0,0,8,1,1"),
        runs(l(2, 0), l(2, 4), l(2, 0), l(2, 4), l(4, 1), l(2, 0), l(2, 4), l(4, 1), 0, true));
  }

  @Test
  void rankThreeEdgeChunksAlongAnUnlimitedDimension() throws IOException {
    // 5 records of 3 x 4 in chunks of 2 x 3 x 4; records 3..4 lie in chunks 1 (record 3) and 2
    // (record 4, a chunk the extent cuts short)
    List<String> out = new ArrayList<>();
    long[] start = l(3, 0, 0);
    long[] count = l(2, 3, 4);
    long[] chunk = l(2, 3, 4);
    GridWalk inner = new GridWalk(3);
    new GridWalk(3)
        .cells(
            l(3 / 2, 0, 0),
            l((3 + 2 - 1) / 2, 0, 0),
            g -> {
              long[] origin = {g[0] * 2, 0, 0};
              long[] lo = new long[3];
              long[] ext = new long[3];
              for (int d = 0; d < 3; d++) {
                lo[d] = Math.max(start[d], origin[d]);
                ext[d] = Math.min(start[d] + count[d], origin[d] + chunk[d]) - lo[d];
              }
              inner.runs(
                  lo,
                  ext,
                  origin,
                  chunk,
                  l(12, 4, 1),
                  start,
                  count,
                  l(12, 4, 1),
                  0,
                  true,
                  (a, b, n, as, bs) -> out.add(g[0] + ":" + a + "," + b + "," + n));
            });
    assertEquals(List.of("1:12,0,12", "2:0,12,12"), out);
  }

  @Test
  void emptyBoxesVisitNothing() throws IOException {
    assertEquals(List.of(), slab(l(4, 5), l(1, 2), l(0, 3)));
    assertEquals(List.of(), slab(l(4, 5), l(1, 2), l(2, 0)));
    assertEquals(List.of(), slab(l(0), l(0), l(0)));
    List<String> cells = new ArrayList<>();
    new GridWalk(2).cells(l(1, 1), l(1, 0), g -> cells.add(Arrays.toString(g)));
    assertEquals(List.of(), cells);
    assertEquals(0, GridWalk.cellCount(l(1, 1), l(1, 0)));
  }

  @Test
  void rankZeroIsOneValue() throws IOException {
    assertEquals(List.of("0,0,1,1,1"), slab(l(), l(), l()));
    List<String> cells = new ArrayList<>();
    new GridWalk(0).cells(l(), l(), g -> cells.add(Arrays.toString(g)));
    assertEquals(List.of("[]"), cells);
  }

  @Test
  void cellsInRowMajorOrder() throws IOException {
    List<String> cells = new ArrayList<>();
    new GridWalk(3).cells(l(0, 1, 2), l(1, 2, 2), g -> cells.add(Arrays.toString(g)));
    assertEquals(List.of("[0, 1, 2]", "[0, 2, 2]", "[1, 1, 2]", "[1, 2, 2]"), cells);
    assertEquals(4, GridWalk.cellCount(l(0, 1, 2), l(1, 2, 2)));
  }

  @Test
  void callerMistakesNameTheNumbers() {
    GridWalk w = new GridWalk(2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.cells(l(0), l(0, 0), g -> {}));
    assertEquals("first has 1 entries for a walk of rank 2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new GridWalk(1)
                    .runs(
                        l(0),
                        l(3L << 31),
                        null,
                        l(3L << 31),
                        l(1),
                        null,
                        l(3L << 31),
                        l(1),
                        0,
                        false,
                        (a, b, n, as, bs) -> {}));
    assertTrue(e.getMessage().contains("a run of 6442450944 values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GridWalk(-1));
    assertEquals("rank -1 is negative", e.getMessage());
  }

  /**
   * Random boxes of random arrays, rank 1 to 3, both with and without columns and record rules: the
   * pieces, expanded value by value, give for each value of the box (in row-major order of the box)
   * the position its coordinates give in A and in B.
   */
  @Test
  void randomBoxesMatchPositionsComputedPerValue() throws IOException {
    Random rnd = new Random(23);
    for (int trial = 0; trial < 3000; trial++) {
      int rank = 1 + rnd.nextInt(3);
      long[] space = new long[rank];
      long[] lo = new long[rank];
      long[] ext = new long[rank];
      long[] aOrigin = new long[rank];
      long[] aShape = new long[rank];
      long[] bOrigin = new long[rank];
      long[] bShape = new long[rank];
      for (int d = 0; d < rank; d++) {
        space[d] = 1 + rnd.nextInt(6);
        lo[d] = rnd.nextInt((int) space[d]);
        ext[d] = rnd.nextInt((int) (space[d] - lo[d]) + 1);
        // A and B each hold a box around [lo, lo + ext): an origin at or before lo, an end at or
        // after its end (the whole space, the box itself, or something between)
        aOrigin[d] = rnd.nextInt((int) lo[d] + 1);
        aShape[d] = lo[d] + ext[d] - aOrigin[d] + rnd.nextInt(3);
        bOrigin[d] = rnd.nextBoolean() ? lo[d] : rnd.nextInt((int) lo[d] + 1);
        bShape[d] = lo[d] + ext[d] - bOrigin[d] + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
      }
      int mergeFrom = rnd.nextInt(4) == 0 ? 1 : 0;
      long unit = 1 + rnd.nextInt(8);
      long[] aStride = GridWalk.rowMajor(aShape, unit, null);
      if (mergeFrom == 1) {
        aStride[0] += 1 + rnd.nextInt(50); // records with other variables between them
      }
      long[] bStride = GridWalk.rowMajor(bShape, 1, null);
      boolean column = rnd.nextBoolean();
      List<long[]> got = new ArrayList<>();
      new GridWalk(rank)
          .runs(
              lo,
              ext,
              aOrigin,
              aShape,
              aStride,
              bOrigin,
              bShape,
              bStride,
              mergeFrom,
              column,
              (a, b, n, as, bs) -> {
                for (int j = 0; j < n; j++) got.add(new long[] {a + j * as, b + j * bs});
              });
      List<long[]> want = new ArrayList<>();
      long total = 1;
      for (long e : ext) total *= e;
      long[] x = new long[rank];
      for (long v = 0; v < total; v++) {
        long rest = v;
        for (int d = rank - 1; d >= 0; d--) {
          x[d] = lo[d] + rest % ext[d];
          rest /= ext[d];
        }
        long pa = 0;
        long pb = 0;
        for (int d = 0; d < rank; d++) {
          pa += (x[d] - aOrigin[d]) * aStride[d];
          pb += (x[d] - bOrigin[d]) * bStride[d];
        }
        want.add(new long[] {pa, pb});
      }
      String what =
          "trial "
              + trial
              + " lo "
              + Arrays.toString(lo)
              + " ext "
              + Arrays.toString(ext)
              + " A "
              + Arrays.toString(aOrigin)
              + Arrays.toString(aShape)
              + " B "
              + Arrays.toString(bOrigin)
              + Arrays.toString(bShape)
              + " mergeFrom "
              + mergeFrom
              + " column "
              + column;
      // down a column the box's inner dimensions hold one value: still row-major order
      assertEquals(want.size(), got.size(), what);
      for (int i = 0; i < want.size(); i++) {
        assertEquals(Arrays.toString(want.get(i)), Arrays.toString(got.get(i)), what);
      }
    }
  }
}
