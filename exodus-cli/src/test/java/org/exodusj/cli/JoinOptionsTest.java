package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.internal.testutil.JoinRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code exo join} with SEACAS epu's options, on the corpus' noh set (the C library's serial file
 * as the oracle, through its dump and compare-join.py) and on sets the C library wrote with
 * different values at shared nodes and damaged id maps ({@code exodus-core/src/test/c/exshared.c}).
 */
class JoinOptionsTest {
  @TempDir Path tmp;

  static Path noh(String name) {
    return JoinTest.dir().resolve(name);
  }

  /** Copies noh's pieces to BASE.3.r keeping {@code steps} steps, as a running simulation has. */
  void pieces(Path base, int steps) throws Exception {
    for (int r = 0; r < 3; r++) {
      Path p = base.resolveSibling(base.getFileName() + ".3." + r);
      Files.deleteIfExists(p);
      JoinTest.copy(noh("noh.exo.3." + r), p, steps, "none", 0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void appendAfterEachStepGivesTheFileOfOneJoinAtTheEnd(String format) throws Exception {
    Path base = tmp.resolve("run");
    Path inc = tmp.resolve("incremental.e");
    int[] counts = {1, 2, 10, 10, 31};
    for (int steps : counts) {
      pieces(base, steps);
      ExoCommandTest.Result r =
          ExoCommandTest.inProcess(
              "join", "--format", format, "--append", inc.toString(), base.toString());
      assertEquals(0, r.code(), r.err());
      if (steps == 10 && Files.exists(inc)) {
        assertTrue(r.out().contains("note: appended"), r.out());
      }
    }
    Path once = tmp.resolve("once.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", "--format", format, once.toString(), base.toString());
    assertEquals(0, r.code(), r.err());
    // the same file but for the date and time of the join's own QA record
    assertEquals(
        JoinRecords.joinTimeMasked(CExref.dump(once)),
        JoinRecords.joinTimeMasked(CExref.dump(inc)));
    assertEquals(JoinTest.dumpForComparison(noh("noh.exo")), JoinTest.dumpForComparison(inc));
    // appending again adds nothing
    ExoCommandTest.Result again =
        ExoCommandTest.inProcess(
            "join", "--format", format, "--append", inc.toString(), base.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("note: appended 0 steps to the 31 already"), again.out());
  }

  @Test
  void appendRefusesAFileThatIsNotAJoinOfTheSet() throws Exception {
    Path other = tmp.resolve("other.e");
    Files.copy(JoinTest.dir().resolve("mkmesh.gen"), other);
    byte[] before = Files.readAllBytes(other);
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", "--append", other.toString(), noh("noh.exo").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is not a join of this set"), r.err());
    assertArrayEquals(before, Files.readAllBytes(other));
  }

  @Test
  void stepsAndVariableSubsets() throws Exception {
    Path out = tmp.resolve("sub.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            "--steps",
            "2:LAST:3",
            "--gvar",
            "NONE",
            "--evar",
            "NONE",
            "--omit-nodesets",
            "--omit-sidesets",
            out.toString(),
            noh("noh.exo").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("note: joined 10 of the set's 31 steps"), r.out());
    try (ExodusFile j = ExodusFile.open(out);
        ExodusFile s = ExodusFile.open(noh("noh.exo"))) {
      assertEquals(10, j.timeStepCount()); // steps 2, 5, ..., 29 (1-based)
      assertEquals(List.of(), j.variableNames(EntityType.GLOBAL));
      assertEquals(List.of(), j.variableNames(EntityType.ELEM_BLOCK));
      assertEquals(s.variableNames(EntityType.NODAL), j.variableNames(EntityType.NODAL));
      assertEquals(List.of(), j.sets(EntityType.NODE_SET));
      assertEquals(List.of(), j.sets(EntityType.SIDE_SET));
      for (int k = 0; k < 10; k++) {
        int step = 1 + 3 * k;
        assertEquals(s.times()[step], j.times()[k], 0.0);
        String name = s.variableNames(EntityType.NODAL).get(0);
        double[] a = s.nodalVariable(name, step);
        double[] b = j.nodalVariable(name, k);
        for (int i = 0; i < b.length; i++) {
          assertEquals(a[(int) s.nodeIndex(j.nodeId(i))], b[i], 0.0, name);
        }
      }
    }
    String one;
    try (ExodusFile s = ExodusFile.open(noh("noh.exo"))) {
      one = s.variableNames(EntityType.NODAL).get(1);
    }
    Path out2 = tmp.resolve("one.e");
    ExoCommandTest.Result r2 =
        ExoCommandTest.inProcess(
            "join", "--nvar", one, "--steps", "31", out2.toString(), noh("noh.exo").toString());
    assertEquals(0, r2.code(), r2.err());
    try (ExodusFile j = ExodusFile.open(out2)) {
      assertEquals(List.of(one), j.variableNames(EntityType.NODAL));
      assertEquals(1, j.timeStepCount());
    }
    Path last3 = tmp.resolve("last3.e");
    ExoCommandTest.Result r3 =
        ExoCommandTest.inProcess(
            "join", "--steps", "-3:-1", last3.toString(), noh("noh.exo").toString());
    assertEquals(0, r3.code(), r3.err());
    assertTrue(r3.out().contains("10 elements, 3 steps"), r3.out());
    try (ExodusFile j = ExodusFile.open(last3);
        ExodusFile s = ExodusFile.open(noh("noh.exo"))) {
      assertArrayEquals(java.util.Arrays.copyOfRange(s.times(), 28, 31), j.times());
    }
    ExoCommandTest.Result bad =
        ExoCommandTest.inProcess(
            "join", "--nvar", "nosuch", tmp.resolve("x.e").toString(), noh("noh.exo").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("no nodal variable 'nosuch'"), bad.err());
  }

  @Test
  void nomapKeepsThePiecesElementOrder() throws Exception {
    // element ids 1000 - 5 id: the pieces' order is not the order of the ids
    for (int rank = 0; rank < 3; rank++) {
      JoinTest.copy(noh("noh.exo.3." + rank), tmp.resolve("q.3." + rank), 31, "none", 0, true);
    }
    Path out = tmp.resolve("nomap.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", "--nomap", out.toString(), tmp.resolve("q").toString());
    assertEquals(0, r.code(), r.err());
    try (ExodusFile j = ExodusFile.open(out)) {
      // each block: the pieces' elements of that block, rank after rank, in their own order
      List<Long> expected = new java.util.ArrayList<>();
      for (Block b : j.blocks(EntityType.ELEM_BLOCK)) {
        for (int rank = 0; rank < 3; rank++) {
          try (ExodusFile piece = ExodusFile.open(tmp.resolve("q.3." + rank))) {
            long[] ids = new long[(int) piece.elementCount()];
            piece.readIdMap(EntityType.ELEM_MAP, 0, ids.length, ids, 0);
            long at = 0;
            for (Block pb : piece.blocks(EntityType.ELEM_BLOCK)) {
              if (pb.id() == b.id()) {
                for (long k = 0; k < pb.entryCount(); k++) expected.add(ids[(int) (at + k)]);
              }
              at += pb.entryCount();
            }
          }
        }
      }
      long[] got = new long[(int) j.elementCount()];
      j.readIdMap(EntityType.ELEM_MAP, 0, got.length, got, 0);
      assertEquals(expected, java.util.Arrays.stream(got).boxed().toList());
      assertTrue(got[0] > got[1], "the pieces' order, not ascending ids");
    }
    JoinTest.copy(noh("noh.exo"), tmp.resolve("serial.e"), 31, "none", 0, true);
    String cmp =
        CExref.run(
            JoinTest.python(),
            ConformanceTest.corpus().getParent().resolve("tools/compare-join.py").toString(),
            tmp.resolve("serial.e").toString(),
            out.toString());
    assertEquals("join: same", cmp.strip());
  }

  @Test
  void processorIdIsTheRankOfEachElementsPiece() throws Exception {
    Path out = tmp.resolve("p.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            "--add-processor-id",
            "--add-map-processor-id",
            out.toString(),
            noh("noh.exo").toString());
    assertEquals(0, r.code(), r.err());
    try (ExodusFile j = ExodusFile.open(out)) {
      List<String> names = j.variableNames(EntityType.ELEM_BLOCK);
      assertEquals("processor_id", names.get(names.size() - 1));
      int v = names.size() - 1;
      int checked = 0;
      for (int rank = 0; rank < 3; rank++) {
        try (ExodusFile piece = ExodusFile.open(noh("noh.exo.3." + rank))) {
          long[] ids = new long[(int) piece.elementCount()];
          piece.readIdMap(EntityType.ELEM_MAP, 0, ids.length, ids, 0);
          for (long id : ids) {
            long e = j.elementIndex(id);
            var loc = j.elementLocation(e);
            double[] val = new double[1];
            j.readVariable(EntityType.ELEM_BLOCK, v, loc.block().id(), 30, loc.entry(), 1, val, 0);
            assertEquals(rank, val[0], 0.0, "element " + id);
            long[] m = new long[1];
            j.readNumberedMap(j.numberedMaps(EntityType.ELEM_MAP).get(0), e, 1, m, 0);
            assertEquals(rank, m[0], "map at element " + id);
            checked++;
          }
        }
      }
      assertEquals(j.elementCount(), checked);
      assertEquals("processor_id", j.numberedMaps(EntityType.ELEM_MAP).get(0).name());
    }
  }

  @Test
  void processorIdIsRefusedWhereTheSetHasSuchAVariable() throws Exception {
    // pieces whose first element variable is renamed processor_id (netCDF4-python, in place)
    String script =
        String.join(
            "\n",
            "import sys",
            "from netCDF4 import Dataset",
            "d = Dataset(sys.argv[1], 'r+')",
            "v = d['name_elem_var']",
            "v.set_auto_chartostring(False)",
            "n = v.shape[1]",
            "v[0, :] = [c.encode() for c in 'processor_id'.ljust(n, chr(0))]",
            "d.close()");
    Path py = tmp.resolve("rename.py");
    Files.writeString(py, script);
    for (int rank = 0; rank < 3; rank++) {
      Path p = tmp.resolve("v.3." + rank);
      Files.copy(noh("noh.exo.3." + rank), p);
      CExref.run(JoinTest.python(), py.toString(), p.toString());
    }
    Path out = tmp.resolve("v.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join", "--add-processor-id", out.toString(), tmp.resolve("v").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("already has an element variable processor_id"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void netcdf4WithCompressionAnd64BitIntegers() throws Exception {
    Path out = tmp.resolve("c.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            "--format",
            "nc4",
            "--compress",
            "4",
            "--shuffle",
            "--64",
            out.toString(),
            noh("noh.exo").toString());
    assertEquals(0, r.code(), r.err());
    String hs = CExref.run("ncdump", "-hs", out.toString());
    assertTrue(hs.contains("_DeflateLevel = 4"), hs);
    assertTrue(hs.contains("_Shuffle = \"true\""), hs);
    assertTrue(hs.contains("int64 node_num_map"), hs);
    assertEquals(JoinTest.dumpForComparison(noh("noh.exo")), JoinTest.dumpForComparison(out));
    String cmp =
        CExref.run(
            JoinTest.python(),
            ConformanceTest.corpus().getParent().resolve("tools/compare-join.py").toString(),
            noh("noh.exo").toString(),
            out.toString());
    assertEquals("join: same", cmp.strip());

    ExoCommandTest.Result classic =
        ExoCommandTest.inProcess(
            "join", "--64", tmp.resolve("d.e").toString(), noh("noh.exo").toString());
    assertEquals(2, classic.code());
    assertTrue(
        classic.err().contains("64-bit integers need the cdf5 or nc4 format"), classic.err());
    assertFalse(Files.exists(tmp.resolve("d.e")));
    ExoCommandTest.Result deflate =
        ExoCommandTest.inProcess(
            "join", "--compress", "4", tmp.resolve("d.e").toString(), noh("noh.exo").toString());
    assertEquals(2, deflate.code());
    assertTrue(deflate.err().contains("compression needs the nc4 format"), deflate.err());
    for (String bad : List.of("0:3", "1:2:0", "a:b", "1:2:3:4")) {
      ExoCommandTest.Result steps =
          ExoCommandTest.inProcess(
              "join", "--steps", bad, tmp.resolve("d.e").toString(), noh("noh.exo").toString());
      assertEquals(2, steps.code(), bad);
      assertTrue(steps.err().contains("--steps " + bad), steps.err());
    }
    assertFalse(Files.exists(tmp.resolve("d.e")));
  }

  /** exshared (exodus-core's C test program) built against libexodusII. */
  static Path exshared() throws Exception {
    CExref.path(); // skips or fails as the other C interop tests do
    Path exe = Path.of("target", "ctools", "exshared").toAbsolutePath();
    Files.createDirectories(exe.getParent());
    CExref.run(
        "gcc",
        "-O2",
        "-o",
        exe.toString(),
        Path.of("..", "exodus-core", "src", "test", "c", "exshared.c").toAbsolutePath().toString(),
        "-lexoIIv2c",
        "-lnetcdf");
    return exe;
  }

  @Test
  void edgeAndFaceBlocksJoinedAndTheirOptions() throws Exception {
    CExref.path();
    Path exe = Path.of("target", "ctools", "exedges").toAbsolutePath();
    Files.createDirectories(exe.getParent());
    CExref.run(
        "gcc",
        "-O2",
        "-o",
        exe.toString(),
        Path.of("..", "exodus-core", "src", "test", "c", "exedges.c").toAbsolutePath().toString(),
        "-lexoIIv2c",
        "-lnetcdf");
    Path serial = tmp.resolve("ser.e");
    CExref.run(exe.toString(), tmp.resolve("e").toString(), serial.toString(), "7", "3", "2");
    Path all = tmp.resolve("all.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", all.toString(), tmp.resolve("e").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(CExref.dump(serial), JoinRecords.withoutJoinRecords(CExref.dump(all)));
    Path some = tmp.resolve("some.e");
    r =
        ExoCommandTest.inProcess(
            "join",
            "--omit-faceblocks",
            "--edblkvar",
            "NONE",
            some.toString(),
            tmp.resolve("e").toString());
    assertEquals(0, r.code(), r.err());
    String d = CExref.dump(some);
    assertFalse(d.contains("face_block"), d);
    assertFalse(d.contains("edge_var"), d);
    for (String line : CExref.dump(serial).split("\n")) {
      if (line.startsWith("connect\tedge_block") || line.startsWith("attrib\tedge_block")) {
        assertTrue(d.contains(line + "\n"), line);
      }
    }
    r =
        ExoCommandTest.inProcess(
            "join",
            "--omit-edgeblocks",
            "--fablkvar",
            "nope",
            tmp.resolve("x.e").toString(),
            tmp.resolve("e").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no face_block variable 'nope'"), r.err());
  }

  @Test
  void sharedNodesLastRankOrSum() throws Exception {
    // 7 columns in 3 pieces: ranks hold node columns 0-2, 2-4, 4-7; u = id + 100 rank + 0.5 step
    CExref.run(exshared().toString(), tmp.resolve("s").toString(), "7", "3", "2", "none", "cdf2");
    Path last = tmp.resolve("last.e");
    Path sum = tmp.resolve("sum.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", last.toString(), tmp.resolve("s").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "checked: global ids unique within each piece, each element in one"
                    + " piece; 4 nodes held by several pieces, all at the same coordinates"),
        r.out());
    // the C library reads the joined attributes and set variables: node set 1 lists ids 1, 3, ...
    // 15 (columns 0..7), nsv = 2 id + (last rank holding it) + step; ssv = 3 (element id) + step
    String dump = CExref.dump(last);
    assertTrue(dump.contains("\nattrib\telem_block\t10\t"), dump);
    assertTrue(dump.contains("\nelem_set_entries\t3\t1\t3\t5\t7\n"), dump);
    assertTrue(dump.contains("\nnode_set_var\tnsv\t1\t1\t3\t7\t12\t16\t21\t25\t29\t33\n"), dump);
    assertTrue(dump.contains("\nside_set_var\tssv\t2\t2\t5\t8\t11\t14\t17\t20\t23\n"), dump);
    ExoCommandTest.Result s =
        ExoCommandTest.inProcess(
            "join", "--sum-shared-nodes", sum.toString(), tmp.resolve("s").toString());
    assertEquals(0, s.code(), s.err());
    try (ExodusFile a = ExodusFile.open(last);
        ExodusFile b = ExodusFile.open(sum)) {
      // attributes and set variables joined (exshared's formulas)
      Block blk = a.blocks(EntityType.ELEM_BLOCK).get(0);
      double[] at = new double[7];
      a.readAttributes(blk, 0, 7, at, 0);
      for (int i = 0; i < 7; i++) assertEquals(0.1 * a.elementId(i), at[i], 1e-15);
      assertEquals(List.of("nsv"), a.variableNames(EntityType.NODE_SET));
      assertEquals(List.of("ssv"), a.variableNames(EntityType.SIDE_SET));
      double[] ssv = new double[7];
      a.readVariable(EntityType.SIDE_SET, 0, 2, 1, 0, 7, ssv, 0);
      long[] se = new long[7];
      a.readSetEntries(a.sets(EntityType.SIDE_SET).get(0), 0, 7, se, 0);
      for (int i = 0; i < 7; i++) assertEquals(3.0 * a.elementId(se[i] - 1) + 2, ssv[i], 0.0);
      double[] u = a.nodalVariable("u", 1);
      double[] us = b.nodalVariable("u", 1);
      for (int i = 0; i < u.length; i++) {
        long id = a.nodeId(i);
        int col = (int) ((id - 1) / 2);
        double v = id + 1.0;
        if (col == 2) {
          assertEquals(v + 100, u[i], 0.0);
          assertEquals((0.0 + v) + (v + 100), us[i], 0.0);
        } else if (col == 4) {
          assertEquals(v + 200, u[i], 0.0);
          assertEquals((0.0 + v + 100) + (v + 200), us[i], 0.0);
        } else {
          int rank = col < 2 ? 0 : col < 4 ? 1 : 2;
          assertEquals(v + 100 * rank, u[i], 0.0);
          assertEquals(v + 100 * rank, us[i], 0.0);
        }
      }
    }
  }

  @Test
  void damagedMapsAreReported() throws Exception {
    CExref.run(
        exshared().toString(), tmp.resolve("w").toString(), "7", "3", "2", "swapnodes", "cdf2");
    Path out = tmp.resolve("w.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("w").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 nodes held by several pieces, 2 of them at different"), r.out());
    assertTrue(r.out().contains("note: 2 of the 4 nodes that several pieces hold"), r.out());
    Files.delete(out);
    ExoCommandTest.Result strict =
        ExoCommandTest.inProcess("join", "--strict", out.toString(), tmp.resolve("w").toString());
    assertEquals(2, strict.code());
    assertTrue(strict.err().contains("w.3.0"), strict.err());
    assertFalse(Files.exists(out));

    CExref.run(
        exshared().toString(), tmp.resolve("d").toString(), "7", "3", "2", "dupnode", "cdf2");
    ExoCommandTest.Result dup =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("d").toString());
    assertEquals(2, dup.code());
    assertTrue(dup.err().contains("d.3.1"), dup.err());
    assertTrue(dup.err().contains("id 5 at local nodes 1 and 6"), dup.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void blocksOfTheJoinedFileKeepTheirIds() throws Exception {
    Path out = tmp.resolve("b.e");
    assertEquals(
        0, ExoCommandTest.inProcess("join", out.toString(), noh("noh.exo").toString()).code());
    try (ExodusFile j = ExodusFile.open(out);
        ExodusFile s = ExodusFile.open(noh("noh.exo"))) {
      List<Long> a = s.blocks(EntityType.ELEM_BLOCK).stream().map(Block::id).toList();
      List<Long> b = j.blocks(EntityType.ELEM_BLOCK).stream().map(Block::id).toList();
      assertEquals(a, b);
    }
  }
}
