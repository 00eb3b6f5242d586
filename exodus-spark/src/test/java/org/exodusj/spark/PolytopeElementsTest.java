package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code elements} kind over a block of polygons with varying node counts (NSIDED), as the C
 * library 9.06 writes it (expoly.c): each element's node list from the node count per entry, by
 * global node ids, however the block is cut into partitions and batches.
 */
class PolytopeElementsTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path poly;

  @BeforeAll
  static void file() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "expoly.c").toAbsolutePath());
    poly = dir.resolve("poly.e");
    ExternalTools.run(exe.toString(), poly.toString());
  }

  /** Node id of grid point (i, j), as expoly.c numbers them. */
  static long n(int i, int j) {
    return 1000 + 7L * (4 * j + i);
  }

  /** What expoly.c writes: per element (id 50 + 10 e) its block, type and nodes. */
  static final List<Object[]> WANT = new ArrayList<>();

  static {
    for (int i = 0; i < 3; i++) {
      WANT.add(new Object[] {10L, "QUAD4", List.of(n(i, 0), n(i + 1, 0), n(i + 1, 1), n(i, 1))});
    }
    WANT.add(new Object[] {20L, "NSIDED", List.of(n(0, 1), n(1, 1), n(0, 2))});
    WANT.add(new Object[] {20L, "NSIDED", List.of(n(1, 1), n(2, 1), n(3, 1), n(3, 2), n(1, 2))});
    WANT.add(new Object[] {30L, "QUAD4", List.of(n(2, 1), n(3, 1), n(3, 2), n(2, 2))});
  }

  private static void check(List<Row> rows, int... elements) {
    assertEquals(elements.length, rows.size(), rows.toString());
    for (int k = 0; k < elements.length; k++) {
      int e = elements[k];
      Row r = rows.get(k);
      assertEquals(WANT.get(e)[0], r.getLong(0), "block of element " + e);
      assertEquals(50 + 10L * e, r.getLong(1), "id of element " + e);
      assertEquals(WANT.get(e)[1], r.getString(2));
      assertEquals(WANT.get(e)[2], r.getList(3), "nodes of element " + e);
    }
  }

  @Test
  void polygonsListTheirOwnNodes() {
    check(read("elements", poly).orderBy("elem_id").collectAsList(), 0, 1, 2, 3, 4, 5);
  }

  @Test
  void polygonsCutIntoPartitionsAndBatchesOfOneElement() {
    check(
        read("elements", poly, "partitionBytes", "1", "batchRows", "1")
            .orderBy("elem_id")
            .collectAsList(),
        0,
        1,
        2,
        3,
        4,
        5);
    check(read("elements", poly, "batchRows", "1").where("block_id = 20").collectAsList(), 3, 4);
  }

  @Test
  void damagedNodeCountsAreNamed() throws Exception {
    // ncgen rebuilds the file with the pentagon claiming nine nodes (3 + 9 > the 8 stored), or -1
    ExternalTools.require("ncdump");
    ExternalTools.require("ncgen");
    String cdl = ExternalTools.run("ncdump", poly.toString());
    String[][] cases = {{"3, 9", "add up to 12"}, {"3, -1", "entry 1 has -1 nodes"}};
    for (String[] c : cases) {
      String damaged = cdl.replace("ebepecnt2 = 3, 5 ;", "ebepecnt2 = " + c[0] + " ;");
      assertTrue(!damaged.equals(cdl), "the CDL lists ebepecnt2 = 3, 5");
      Path cdlFile = dir.resolve("damaged.cdl");
      Path bad = dir.resolve("damaged" + c[0].length() + ".e");
      Files.writeString(cdlFile, damaged);
      ExternalTools.run("ncgen", "-k", "nc6", "-o", bad.toString(), cdlFile.toString());
      Throwable t =
          assertThrows(
              Throwable.class, () -> read("elements", bad).where("block_id = 20").collectAsList());
      String all = "";
      for (Throwable x = t; x != null; x = x.getCause()) all += x.getMessage() + "\n";
      assertTrue(all.contains(bad.toString()) && all.contains("ebepecnt of block 20"), all);
      assertTrue(all.contains(c[1]), all);
    }
  }

  @Test
  void anIdFilterNarrowsToOnePolygon() {
    check(read("elements", poly).where("elem_id = 90").collectAsList(), 4);
    check(
        read("elements", poly, "batchRows", "2")
            .where("elem_id >= 80")
            .orderBy("elem_id")
            .collectAsList(),
        3,
        4,
        5);
  }
}
