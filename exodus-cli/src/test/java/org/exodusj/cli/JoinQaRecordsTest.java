package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.JoinRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The QA and info records of a joined file, read by the C library (exref on 6.02, exref9 on 9.06):
 * rank 0's records first and one of the join's own last, as SEACAS epu writes them. The oracle for
 * the layout is epu itself: the corpus's serial {@code noh.exo} is epu's join of the same pieces,
 * whose QA records are rank 0's and then epu's ({@code 2011/07/13}, {@code 15:03:36}) and whose one
 * info line is epu's.
 */
class JoinQaRecordsTest {
  @TempDir Path tmp;

  private static List<String> lines(String dump, String kind) {
    return dump.lines().filter(l -> l.startsWith(kind + "\t")).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void rankZerosRecordsFirstAndTheJoinsOwnLastAsEpuWritesThem(String format) throws Exception {
    Path out = tmp.resolve("noh.e");
    LocalDateTime before = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            "--format",
            format,
            out.toString(),
            JoinTest.dir().resolve("noh.exo").toString());
    assertEquals(0, r.code(), r.err());
    LocalDateTime after = LocalDateTime.now();

    String rank0 = Exodus9.exref9(JoinTest.dir().resolve("noh.exo.3.0"));
    String epu = Exodus9.exref9(JoinTest.dir().resolve("noh.exo"));
    List<String> rank0Qa = lines(rank0, "qa");
    List<String> epuQa = lines(epu, "qa");
    assertEquals(2, rank0Qa.size(), rank0);
    // epu's join: rank 0's records, then one of epu's own
    assertEquals(rank0Qa, epuQa.subList(0, epuQa.size() - 1));
    assertTrue(epuQa.get(epuQa.size() - 1).startsWith("qa\tepu --  E Pluribus Unum\t"), epu);

    for (String dump : List.of(Exodus9.exref9(out), CExref.dump(out))) {
      List<String> qa = lines(dump, "qa");
      assertEquals(epuQa.size(), qa.size(), dump);
      assertEquals(rank0Qa, qa.subList(0, qa.size() - 1));
      String[] own = qa.get(qa.size() - 1).split("\t", -1);
      assertEquals(5, own.length, qa.toString());
      assertEquals(JoinRecords.QA_CODE, own[1]);
      assertFalse(own[2].isEmpty(), qa.toString());
      for (int i = 1; i < 5; i++) assertTrue(own[i].length() <= 32, own[i]);
      // epu's formats, %Y/%m/%d and %H:%M:%S, the local time of the join
      assertTrue(own[3].matches("\\d{4}/\\d{2}/\\d{2}"), own[3]);
      assertTrue(own[4].matches("\\d{2}:\\d{2}:\\d{2}"), own[4]);
      LocalDateTime at =
          LocalDateTime.parse(
              own[3] + " " + own[4], DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
      assertFalse(at.isBefore(before), at + " before " + before);
      assertFalse(at.isAfter(after), at + " after " + after);

      // info: rank 0's lines (none here) and one of the join's own, as epu's one line in noh.exo
      List<String> info = lines(dump, "info");
      assertEquals(lines(rank0, "info").size() + 1, info.size(), dump);
      assertEquals(lines(epu, "info").size(), info.size(), epu);
      String line = info.get(info.size() - 1);
      assertTrue(JoinRecords.isJoinInfo(line), line);
      assertTrue(line.contains("OS: "), line);
      assertTrue(line.length() - "info\t".length() <= 80, line);
    }
  }

  @Test
  void nemSpreadsQaRecordInRankZeroComesFirst() throws Exception {
    // the pieces of mkmesh (nem_spread's QA record in rank 0) joined: nem_spread's record, ours
    Path out = tmp.resolve("m.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join", out.toString(), JoinTest.dir().resolve("mkmesh.par").toString());
    assertEquals(0, r.code(), r.err());
    List<String> qa = lines(CExref.dump(out), "qa");
    List<String> rank0 = lines(CExref.dump(JoinTest.dir().resolve("mkmesh.par.2.0")), "qa");
    assertEquals(rank0.size() + 1, qa.size(), qa.toString());
    assertEquals(rank0, qa.subList(0, rank0.size()));
    assertTrue(JoinRecords.isJoinQa(qa.get(qa.size() - 1)), qa.toString());
  }

  /**
   * With append, the joined file keeps one QA record of the join's, as epu's appends keep one of
   * epu's: epu writes the same records again in place, its own with the date and time of the run.
   * Ours too, where the run adds steps; a run that adds none leaves the file as it was.
   */
  @Test
  void appendKeepsOneQaRecordWithTheDateAndTimeOfTheLastRunThatAddedSteps() throws Exception {
    Path base = tmp.resolve("run");
    Path inc = tmp.resolve("inc.e");
    String first = null;
    LocalDateTime before = null;
    for (int steps : new int[] {2, 5}) {
      for (int r = 0; r < 3; r++) {
        Path p = tmp.resolve("run.3." + r);
        Files.deleteIfExists(p);
        JoinTest.copy(JoinOptionsTest.noh("noh.exo.3." + r), p, steps, "none", 0);
      }
      if (first != null) {
        Thread.sleep(1100); // the second run's record is at least one second later
      }
      before = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
      ExoCommandTest.Result r =
          ExoCommandTest.inProcess("join", "--append", inc.toString(), base.toString());
      assertEquals(0, r.code(), r.err());
      if (first == null) first = lines(CExref.dump(inc), "qa").get(2);
    }
    for (String dump : List.of(CExref.dump(inc), Exodus9.exref9(inc))) {
      List<String> qa = lines(dump, "qa");
      assertEquals(3, qa.size(), dump);
      assertEquals(
          lines(Exodus9.exref9(JoinTest.dir().resolve("noh.exo.3.0")), "qa"), qa.subList(0, 2));
      String[] own = qa.get(2).split("\t", -1);
      assertEquals(JoinRecords.QA_CODE, own[1]);
      LocalDateTime at =
          LocalDateTime.parse(
              own[3] + " " + own[4], DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
      assertFalse(at.isBefore(before), at + " before the second run at " + before + "; " + first);
      assertEquals(1, lines(dump, "info").size(), dump);
      assertTrue(dump.contains("num_time_steps\t5\n"), dump);
    }
    // a run that adds no step changes nothing
    byte[] was = Files.readAllBytes(inc);
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", "--append", inc.toString(), base.toString());
    assertEquals(0, r.code(), r.err());
    org.junit.jupiter.api.Assertions.assertArrayEquals(was, Files.readAllBytes(inc));
  }
}
