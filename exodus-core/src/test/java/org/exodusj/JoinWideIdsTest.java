package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join whose ids do not all fit 32 bits: the join writes each window of an id map as ints where
 * all of its ids fit, else as longs. Pieces of 64-bit ids (CDF-5), some windows narrow and some
 * past 2^31 - 1, written by the C library ({@code src/test/c/exwideids.c}), joined into CDF-5: the
 * maps netCDF-C reads back ({@code ncdump}) hold every id, each at the node (coordinate) or element
 * (connectivity) it belongs to; joined into CDF-2, which holds no 64-bit integers, the first id
 * that does not fit is refused by value.
 */
class JoinWideIdsTest {
  @TempDir Path dir;

  private static final long BIG = 1L << 31; // one past Integer.MAX_VALUE

  /** The set exwideids writes (the C library 9.06, 64-bit ids in CDF-5). */
  private List<Path> pieces() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exwideids.c").toAbsolutePath());
    ExternalTools.run(exe.toString(), dir.resolve("w").toString());
    return List.of(dir.resolve("w.2.0"), dir.resolve("w.2.1"));
  }

  private static List<Long> longs(List<NcdumpData.Token> t) {
    List<Long> out = new ArrayList<>();
    for (NcdumpData.Token k : t) out.add(Long.parseLong(k.text()));
    return out;
  }

  @Test
  void idsPastTwoToThe31AreJoinedAs64BitIntegers() throws Exception {
    Path out = dir.resolve("joined.exo");
    try (ExodusFileSet set = ExodusFileSet.open(pieces())) {
      set.join(out, ExodusFormat.CDF5, null);
    }
    ExternalTools.require("ncdump");
    String header = ExternalTools.run("ncdump", "-h", out.toString());
    assertTrue(header.contains("int64 node_num_map(num_nodes)"), header);
    assertTrue(header.contains("int64 elem_num_map(num_elem)"), header);
    Map<String, List<NcdumpData.Token>> data = NcdumpData.of(out);
    List<Long> nodeIds = longs(data.get("node_num_map"));
    List<Long> elemIds = longs(data.get("elem_num_map"));
    assertEquals(
        List.of(1L, 2L, 3L, BIG, 3_000_000_000L), nodeIds.stream().sorted().toList(), "node ids");
    assertEquals(
        List.of(10L, 20L, (long) Integer.MAX_VALUE, (1L << 32) + 7),
        elemIds.stream().sorted().toList(),
        "element ids");
    // each node id sits at its node: the coordinate the piece gave it
    List<NcdumpData.Token> x = data.get("coordx");
    for (int i = 0; i < nodeIds.size(); i++) {
      assertEquals(nodeIds.get(i) / 1e6, Double.parseDouble(x.get(i).text()), 0.0, "node " + i);
    }
    // each element id sits at its element: its nodes are the ones the piece connected
    Map<Long, long[]> nodesOf = new HashMap<>();
    nodesOf.put(10L, new long[] {1, 2});
    nodesOf.put(20L, new long[] {2, 3});
    nodesOf.put((long) Integer.MAX_VALUE, new long[] {3, BIG});
    nodesOf.put((1L << 32) + 7, new long[] {BIG, 3_000_000_000L});
    List<Long> conn = longs(data.get("connect1"));
    for (int e = 0; e < elemIds.size(); e++) {
      long[] want = nodesOf.get(elemIds.get(e));
      assertEquals(want[0], nodeIds.get((int) (conn.get(2 * e) - 1)), "element " + e);
      assertEquals(want[1], nodeIds.get((int) (conn.get(2 * e + 1) - 1)), "element " + e);
    }
  }

  @Test
  void idsPastTwoToThe31AreRefusedByValueInAFormatWithout64BitIntegers() throws Exception {
    Path out = dir.resolve("joined2.exo");
    List<Path> pieces = pieces();
    try (ExodusFileSet set = ExodusFileSet.open(pieces)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> set.join(out, ExodusFormat.CDF2, null));
      // the set, the id and the remedy named (was the writer's "variable node_num_map: value ...
      // does not fit int", naming a variable the user never wrote)
      assertTrue(e.getMessage().contains(pieces.get(0).toString()), e.getMessage());
      assertTrue(e.getMessage().contains("does not fit the 32-bit integers of"), e.getMessage());
      assertTrue(e.getMessage().contains("join into cdf5 or nc4"), e.getMessage());
      assertTrue(
          e.getMessage().contains(" id " + BIG + " ")
              || e.getMessage().contains(" id " + ((1L << 32) + 7) + " "),
          e.getMessage());
      assertFalse(Files.exists(out), "nothing published");
    }
  }
}
