package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.JoinRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sets the C library wrote ({@code src/test/c/exshared.c}) whose ranks hold different values at the
 * nodes they share: each joined node takes the value of the last rank holding it, as SEACAS epu
 * copies the pieces in rank order, or with the sum the sum of all holders' values added in rank
 * order (epu's {@code -sum_shared_nodes}); and the same sets with their id maps damaged.
 */
class FileSetSharedNodesTest {
  @TempDir Path tmp;

  static final int NX = 7;

  /** Writes the set OUT.P.r with exshared. */
  static Path exshared(Path dir, String name, int p, String damage, String format)
      throws Exception {
    ExternalTools.run(
        CTools.testTool("exshared").toString(),
        dir.resolve(name).toString(),
        Integer.toString(NX),
        Integer.toString(p),
        "2",
        damage,
        format);
    return dir.resolve(name);
  }

  /** The ranks holding node column {@code col}, as exshared decomposes the strip. */
  static int[] holders(int col, int p) {
    int lo = -1;
    int hi = -1;
    for (int r = 0; r < p; r++) {
      int k0 = r * NX / p;
      int k1 = (r + 1) * NX / p;
      if (col >= k0 && col <= k1) {
        if (lo < 0) lo = r;
        hi = r;
      }
    }
    return new int[] {lo, hi};
  }

  @ParameterizedTest
  @CsvSource({"2,cdf2", "3,cdf2", "5,cdf2", "7,cdf2", "3,nc4"})
  void sharedNodesTakeTheLastRanksValueOrTheSum(int p, String format) throws Exception {
    Path base = exshared(tmp, "s", p, "none", format);
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      assertEquals(2 * (NX + 1), set.nodeCount());
      assertEquals(2L * (p - 1), set.sharedNodeCount());
      assertTrue(set.warnings().isEmpty(), set.warnings().toString());
      int u = set.variableIndex(EntityType.NODAL, "u");
      for (int step = 0; step < 2; step++) {
        double[] last = set.nodalVariable(u, step);
        double[] sum = new double[last.length];
        set.readNodalVariableSum(u, step, 0, sum.length, sum, 0);
        double[] w = set.nodalVariable("w", step);
        for (int i = 0; i < last.length; i++) {
          long id = set.nodeId(i);
          int[] h = holders((int) ((id - 1) / 2), p);
          double s = 0.5 * (step + 1);
          assertEquals(id + 100.0 * h[1] + s, last[i], 0.0, "node " + id);
          double expected = 0.0; // epu: zero, then each holder added in rank order
          for (int r = h[0]; r <= h[1]; r++) expected += id + 100.0 * r + s;
          assertEquals(expected, sum[i], 0.0, "sum at node " + id);
          assertEquals(0.25 * id + step + 1, w[i], 0.0);
        }
        // the history of a shared node is the last rank's too
        if (p > 1) {
          int col = NX / p; // shared by ranks 0 and 1
          long id = 2L * col + 1;
          double[] hist = set.nodalVariableHistoryById("u", id);
          assertEquals(id + 100.0 * holders(col, p)[1] + 0.5 * (step + 1), hist[step], 0.0);
        }
      }
      // element attributes: thickness 0.1 id
      Block b = set.blocks().get(0);
      assertEquals(java.util.List.of("thickness"), b.attributeNames());
      double[] at = new double[(int) b.entryCount()];
      set.readAttributes(b, 0, at.length, at, 0);
      for (int i = 0; i < at.length; i++) assertEquals(0.1 * set.elementId(i), at[i], 0.0);
      // node set variable nsv = 2 id + r + s from the last rank listing the node; side set
      // variable ssv = 3 (element id) + s, the pieces' sides one after the other
      EntitySet ns1 = set.sets(EntityType.NODE_SET).get(0);
      EntitySet ss2 = set.sets(EntityType.SIDE_SET).get(0);
      long[] ne = new long[(int) ns1.entryCount()];
      set.readSetEntries(ns1, 0, ne.length, ne, 0);
      long[] se = new long[(int) ss2.entryCount()];
      set.readSetEntries(ss2, 0, se.length, se, 0);
      for (int step = 0; step < 2; step++) {
        double[] nsv = new double[ne.length];
        set.readVariable(EntityType.NODE_SET, 0, 1, step, 0, nsv.length, nsv, 0);
        for (int i = 0; i < ne.length; i++) {
          long id = set.nodeId(ne[i] - 1);
          int last = holders((int) ((id - 1) / 2), p)[1];
          assertEquals(2.0 * id + last + step + 1, nsv[i], 0.0, "nsv at node " + id);
        }
        double[] ssv = new double[se.length];
        set.readVariable(EntityType.SIDE_SET, 0, 2, step, 1, se.length - 1, ssv, 1);
        for (int i = 1; i < se.length; i++) {
          assertEquals(3.0 * set.elementId(se[i] - 1) + step + 1, ssv[i], 0.0);
        }
      }
      // element set 3: the elements of odd id, by joined element; esv = 4 id + s
      EntitySet es3 = set.sets(EntityType.ELEM_SET).get(0);
      assertEquals(3, es3.id());
      assertEquals(4, es3.entryCount());
      long[] ee = new long[4];
      double[] ev = new double[4];
      set.readSetEntries(es3, 0, 4, ee, 0);
      set.readVariable(EntityType.ELEM_SET, 0, 3, 1, 0, 4, ev, 0);
      for (int i = 0; i < 4; i++) {
        long id = set.elementId(ee[i] - 1);
        assertEquals(2 * i + 1, id);
        assertEquals(4.0 * id + 2, ev[i], 0.0);
      }
      // node set factors: 0.5 id, whichever rank lists the node
      EntitySet ns = set.sets(EntityType.NODE_SET).get(0);
      assertEquals(NX + 1, ns.entryCount());
      long[] e = new long[NX + 1];
      double[] f = new double[NX + 1];
      set.readSetEntries(ns, 0, e.length, e, 0);
      set.readDistributionFactors(ns, 0, f.length, f, 0);
      for (int i = 0; i < e.length; i++) {
        assertEquals(0.5 * set.nodeId(e[i] - 1), f[i], 0.0);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"cdf2", "nc4"})
  void aPieceGivingOneIdToTwoNodesIsRefused(String format) throws Exception {
    Path base = exshared(tmp, "d", 3, "dupnode", format);
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> ExodusFileSet.openBase(base));
    assertTrue(e.getMessage().contains("d.3.1"), e.getMessage());
    // rank 1 holds columns 2..4: its first local node is id 5, given again to local node 6
    assertTrue(e.getMessage().contains("id 5 at local nodes 1 and 6"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"cdf2", "nc4"})
  void swappedIdsOfSharedNodesAreNotedOrRefused(String format) throws Exception {
    Path base = exshared(tmp, "w", 3, "swapnodes", format);
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      assertEquals(2, set.sharedNodeMismatchCount());
      assertEquals(1, set.warnings().size(), set.warnings().toString());
      String w = set.warnings().get(0);
      assertTrue(w.startsWith("2 of the 4 nodes that several pieces hold"), w);
      assertTrue(w.contains("id 5 at [2.0, 0.0] in rank 0 (w.3.0), at [2.0, 1.0] in rank 1"), w);
    }
    ExodusFormatException e =
        assertThrows(
            ExodusFormatException.class,
            () ->
                ExodusFileSet.open(
                    ExodusFileSet.piecesOf(base),
                    ExodusOpenOptions.DEFAULT,
                    null,
                    ExodusFileSet.DEFAULT_CHUNK,
                    ExodusFileSet.Checks.STRICT));
    assertTrue(e.getMessage().contains("w.3.0"), e.getMessage());
    assertTrue(e.getMessage().contains("different coordinates"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"dupelem,element ids given to two elements of block 10", "crosselem,in two pieces"})
  void elementIdsTwiceAreRefused(String damage, String message) throws Exception {
    Path base = exshared(tmp, "e", 3, damage, "cdf2");
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> ExodusFileSet.openBase(base));
    assertTrue(e.getMessage().contains("e.3.1"), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"cdf2", "nc4"})
  void connectivityNamingANodeThePieceLacksIsRefusedAndNoFileIsLeft(String format)
      throws Exception {
    // rank 1 holds columns 2..4 (6 nodes, elements 3 and 4); its last element names node 7
    Path base = exshared(tmp, "c", 3, "badconn", format);
    Path out = tmp.resolve("c.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      for (org.junit.jupiter.api.function.Executable read :
          java.util.List.<org.junit.jupiter.api.function.Executable>of(
              () -> set.join(out, ExodusFormat.CDF2, null),
              () -> set.connectivity(set.blocks().get(0)))) {
        ExodusFormatException e = assertThrows(ExodusFormatException.class, read);
        assertTrue(e.getMessage().contains("c.3.1"), e.getMessage());
        assertTrue(e.getMessage().contains("connectivity of element block 10"), e.getMessage());
        assertTrue(e.getMessage().contains("entry 1 names node 7 outside 1..6"), e.getMessage());
      }
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tmp)) {
      assertEquals(
          java.util.List.of("c.3.0", "c.3.1", "c.3.2"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @ParameterizedTest
  @CsvSource({"cdf2", "nc4"})
  void polygonBlocksAreRefusedAndNoFileIsLeft(String format) throws Exception {
    Path base = exshared(tmp, "g", 2, "nsided", format);
    Path out = tmp.resolve("g.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      UnsupportedOperationException e =
          assertThrows(
              UnsupportedOperationException.class, () -> set.join(out, ExodusFormat.CDF2, null));
      assertTrue(e.getMessage().contains("element block 10 is NSIDED"), e.getMessage());
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tmp)) {
      assertEquals(
          java.util.List.of("g.2.0", "g.2.1"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void assembliesAndReductionVariablesOfASetWrittenByExodus9AreJoined() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exshared.c").toAbsolutePath());
    ExternalTools.run(exe.toString(), tmp.resolve("a").toString(), "7", "3", "2", "none", "cdf2");
    Path out = tmp.resolve("a.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("a"))) {
      set.join(out, ExodusFormat.CDF2, null);
    }
    String x = Exodus9.exref9(out, "-x");
    assertTrue(x.contains("x_assembly\t100\teverything\telem_block\t1\n"), x);
    assertTrue(x.contains("x_assembly_entries\t100\t10\n"), x);
    // the reduction variable mass = 1000 + step of the assembly
    assertTrue(x.contains("x_red_var_names\tassembly\tmass\n"), x);
    assertTrue(x.contains("x_red_vars\tassembly\t100\t1\t1001\n"), x);
    assertTrue(x.contains("x_red_vars\tassembly\t100\t2\t1002\n"), x);
  }

  /**
   * A running simulation's pieces joined with append after each of its steps give the file one join
   * at the end gives, reduction variables included (9.06's dump of both, {@code exref9 -c} and
   * {@code -x}, equal).
   */
  @ParameterizedTest
  @CsvSource({"cdf2", "nc4"})
  void appendAfterEachStepWithReductionVariablesGivesTheFileOfOneJoin(String format)
      throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exshared.c").toAbsolutePath());
    Path inc = tmp.resolve("inc.e");
    JoinOptions o =
        JoinOptions.DEFAULT.withFormat(
            format.equals("nc4") ? ExodusFormat.NETCDF4 : ExodusFormat.CDF2);
    int n = 4;
    for (int steps = 1; steps <= n; steps++) {
      ExternalTools.run(
          exe.toString(),
          tmp.resolve("r").toString(),
          "7",
          "3",
          Integer.toString(steps),
          "none",
          format);
      try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("r"))) {
        set.join(inc, o.withAppend(true), null);
      }
    }
    Path once = tmp.resolve("once.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("r"))) {
      set.join(once, o, null);
    }
    String x = Exodus9.exref9(inc, "-x");
    for (int s = 1; s <= n; s++) {
      assertTrue(x.contains("x_red_vars\tassembly\t100\t" + s + "\t" + (1000 + s) + "\n"), x);
    }
    assertEquals(Exodus9.exref9(once, "-x"), x);
    // the same file but for the date and time of the join's own QA record
    assertEquals(
        JoinRecords.joinTimeMasked(Exodus9.exref9(once, "-c")),
        JoinRecords.joinTimeMasked(Exodus9.exref9(inc, "-c")));
  }

  @Test
  void appendRefusesAJoinWithoutTheSetsReductionVariables() throws Exception {
    // the same set written by 6.02 (no assembly, no reduction variables) joined first
    Path base = exshared(tmp, "a", 3, "none", "cdf2");
    Path out = tmp.resolve("a.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      set.join(out, ExodusFormat.CDF2, null);
    }
    byte[] before = java.nio.file.Files.readAllBytes(out);
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exshared.c").toAbsolutePath());
    ExternalTools.run(exe.toString(), tmp.resolve("b").toString(), "7", "3", "3", "none", "cdf2");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("b"))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> set.join(out, JoinOptions.DEFAULT.withAppend(true), null));
      assertTrue(e.getMessage().contains("is not a join of this set"), e.getMessage());
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        before, java.nio.file.Files.readAllBytes(out));
  }

  @Test
  void sharedNodesFarFromTheLastNodesAreCompared() throws Exception {
    // 100 columns in 2 pieces: only node column 50 (ids 101, 102) is shared, the 200 nodes above
    // it are not: the comparison of coordinates must number the shared nodes of a sparse bit set
    ExternalTools.run(
        CTools.testTool("exshared").toString(),
        tmp.resolve("f").toString(),
        "100",
        "2",
        "1",
        "none",
        "cdf2");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("f"))) {
      assertEquals(202, set.nodeCount());
      assertEquals(2, set.sharedNodeCount());
      assertEquals(0, set.sharedNodeMismatchCount());
      assertTrue(set.warnings().isEmpty(), set.warnings().toString());
      double[] u = set.nodalVariable("u", 0); // exshared: id + 100 rank + 0.5 step
      assertEquals(101 + 100 + 0.5, u[100], 0.0);
      assertEquals(202 + 100 + 0.5, u[201], 0.0);
      assertEquals(1 + 0.5, u[0], 0.0);
    }
  }

  @Test
  void aJoinOverAnEarlierFileKeepsItsPermissions() throws Exception {
    Path base = exshared(tmp, "k", 2, "none", "cdf2");
    Path out = tmp.resolve("k.e");
    java.nio.file.Files.writeString(out, "an earlier file");
    java.nio.file.Files.setPosixFilePermissions(
        out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (ExodusFileSet set = ExodusFileSet.openBase(base)) {
      set.join(out, ExodusFormat.CDF2, null);
    }
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(out)));
    try (ExodusFile f = ExodusFile.open(out)) {
      assertEquals(2 * (NX + 1), f.nodeCount());
    }
  }
}
