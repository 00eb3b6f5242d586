package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.JoinRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edge and face blocks of sets the C library wrote ({@code src/test/c/exedges.c}: the pieces with
 * their edge and face id maps, and the serial file of the same mesh) join as SEACAS epu joins them:
 * connectivity in joined nodes, attributes and variables, entries ordered by global id within a
 * block. The oracle is the C library's dump (exref, 6.02) of the serial file.
 */
class FileSetEdgeFaceTest {
  @TempDir Path tmp;

  static final int NX = 7;

  /** Writes the pieces BASE.P.r and the serial file SERIAL with exedges. */
  private void exedges(String base, String serial, int p, int steps, String format, String... more)
      throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.addAll(
        List.of(
            CTools.testTool("exedges").toString(),
            tmp.resolve(base).toString(),
            tmp.resolve(serial).toString(),
            Integer.toString(NX),
            Integer.toString(p),
            Integer.toString(steps),
            format));
    cmd.addAll(List.of(more));
    ExternalTools.run(cmd.toArray(new String[0]));
  }

  @ParameterizedTest
  @CsvSource({"2,cdf2", "3,cdf2", "7,cdf2", "3,nc4"})
  void edgeAndFaceBlocksJoinToTheSerialFile(int p, String format) throws Exception {
    exedges("e", "ser.e", p, 2, format);
    Path out = tmp.resolve("j.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("e"))) {
      set.join(
          out,
          JoinOptions.DEFAULT.withFormat(
              format.equals("nc4") ? ExodusFormat.NETCDF4 : ExodusFormat.CDF2),
          null);
    }
    String serial = CTools.exref(tmp.resolve("ser.e"));
    String joined = JoinRecords.withoutJoinRecords(CTools.exref(out));
    assertTrue(serial.contains("edge_var\tev\t20\t1\t"), serial);
    assertTrue(serial.contains("attrib\tedge_block\t20\t"), serial);
    assertEquals(serial, joined);
    // the edge and face ids are the serial numbering's, stored in the joined file's maps
    try (ExodusFile j = ExodusFile.open(out)) {
      long[] ed = new long[2 * NX];
      j.readIdMap(EntityType.EDGE_MAP, 0, ed.length, ed, 0);
      for (int i = 0; i < ed.length; i++) assertEquals(i + 1, ed[i]);
    }
  }

  @Test
  void byRankKeepsThePiecesEdgesInRankOrder() throws Exception {
    exedges("r", "ser.e", 3, 1, "cdf2");
    Path out = tmp.resolve("j.e");
    try (ExodusFileSet set =
        ExodusFileSet.open(
            ExodusFileSet.piecesOf(tmp.resolve("r")),
            ExodusOpenOptions.DEFAULT,
            null,
            ExodusFileSet.DEFAULT_CHUNK,
            ExodusFileSet.Checks.WARN,
            ExodusFileSet.ElementOrder.BY_RANK)) {
      set.join(out, ExodusFormat.CDF2, null);
    }
    // exedges: rank r holds columns [r NX / 3, (r + 1) NX / 3), each column's bottom edge (id c +
    // 1) then its top edge (id NX + c + 1); edge "ev" = 5 id + step, attribute 1 + 0.01 id
    try (ExodusFile j = ExodusFile.open(out)) {
      Block b = j.blocks(EntityType.EDGE_BLOCK).get(0);
      long[] ids = new long[2 * NX];
      j.readIdMap(EntityType.EDGE_MAP, 0, ids.length, ids, 0);
      long[] conn = j.connectivity(b);
      double[] ev = j.variable(EntityType.EDGE_BLOCK, 0, 20, 0);
      double[] len = new double[2 * NX];
      j.readAttributes(b, 0, 2 * NX, len, 0);
      int k = 0;
      for (int r = 0; r < 3; r++) {
        for (int c = r * NX / 3; c < (r + 1) * NX / 3; c++) {
          for (int top = 0; top < 2; top++, k++) {
            long id = top * NX + c + 1;
            assertEquals(id, ids[k]);
            assertEquals(2L * c + top + 1, j.nodeId(conn[2 * k] - 1));
            assertEquals(2L * (c + 1) + top + 1, j.nodeId(conn[2 * k + 1] - 1));
            assertEquals(5.0 * id + 1, ev[k], 0.0);
            assertEquals(1.0 + 0.01 * id, len[k], 1e-15);
          }
        }
      }
    }
  }

  @Test
  void piecesWithoutEdgeAndFaceMapsJoinInRankOrder() throws Exception {
    // without maps every piece numbers its edges 1..n: the join gives ids in rank order instead
    // of refusing the same ids in several pieces
    exedges("m", "ser.e", 3, 1, "cdf2", "nomaps");
    Path out = tmp.resolve("j.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("m"))) {
      set.join(out, ExodusFormat.CDF2, null);
    }
    try (ExodusFile j = ExodusFile.open(out)) {
      Block b = j.blocks(EntityType.EDGE_BLOCK).get(0);
      long[] ids = new long[2 * NX];
      j.readIdMap(EntityType.EDGE_MAP, 0, ids.length, ids, 0);
      double[] ev = j.variable(EntityType.EDGE_BLOCK, 0, 20, 0);
      long[] conn = j.connectivity(b);
      int k = 0;
      for (int r = 0; r < 3; r++) {
        for (int c = r * NX / 3; c < (r + 1) * NX / 3; c++) {
          for (int top = 0; top < 2; top++, k++) {
            assertEquals(k + 1, ids[k]);
            assertEquals(5.0 * (top * NX + c + 1) + 1, ev[k], 0.0); // exedges: 5 id + step
            assertEquals(2L * c + top + 1, j.nodeId(conn[2 * k] - 1));
          }
        }
      }
    }
  }

  @Test
  void anEdgeIdTwoPiecesHoldIsRefusedBeforeAnythingIsWritten() throws Exception {
    exedges("d", "ser.e", 3, 1, "cdf2", "dupedge");
    Path out = tmp.resolve("j.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("d"))) {
      ExodusFormatException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExodusFormatException.class, () -> set.join(out, ExodusFormat.CDF2, null));
      assertTrue(e.getMessage().contains("edge_num_map"), e.getMessage());
      assertTrue(e.getMessage().contains("edge id 1 held by ranks 0 and 1"), e.getMessage());
    }
    assertFalse(java.nio.file.Files.exists(out));
  }

  @Test
  void omittedEdgeBlocksAndSelectedVariables() throws Exception {
    exedges("o", "ser.e", 3, 2, "cdf2");
    Path out = tmp.resolve("j.e");
    try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("o"))) {
      set.join(
          out,
          JoinOptions.DEFAULT
              .withOmitEdgeBlocks(true)
              .withVariables(EntityType.FACE_BLOCK, List.of()),
          null);
    }
    String joined = CTools.exref(out);
    assertFalse(joined.contains("edge_block"), joined);
    assertFalse(joined.contains("face_var"), joined);
    String serial = CTools.exref(tmp.resolve("ser.e"));
    for (String line : serial.split("\n")) {
      if (line.contains("face_block")) assertTrue(joined.contains(line + "\n"), line);
    }
  }

  @Test
  void appendAfterEachStepWithEdgeAndFaceVariablesGivesTheFileOfOneJoin() throws Exception {
    Path inc = tmp.resolve("inc.e");
    for (int steps = 1; steps <= 3; steps++) {
      exedges("a", "ser.e", 3, steps, "cdf2");
      try (ExodusFileSet set = ExodusFileSet.openBase(tmp.resolve("a"))) {
        set.join(inc, JoinOptions.DEFAULT.withAppend(true), null);
      }
    }
    assertEquals(
        CTools.exref(tmp.resolve("ser.e")), JoinRecords.withoutJoinRecords(CTools.exref(inc)));
  }

  @Test
  void whatAJoinLeavesOutAsEpuDoesIsNamed() throws Exception {
    // exmodern (9.06) writes blobs and entity attributes, which epu does not join
    Path m = ModernContentInteropTest.exmodern(tmp, "cdf2");
    try (ExodusFile f = ExodusFile.open(m)) {
      assertEquals(List.of("blobs", "entity attributes (ex_put_attribute)"), SetJoin.notJoined(f));
    }
    exedges("n", "ser.e", 2, 1, "cdf2");
    try (ExodusFile f = ExodusFile.open(tmp.resolve("n.2.0"))) {
      assertEquals(List.of(), SetJoin.notJoined(f));
    }
  }
}
