package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The join's own QA and info records, formatted as SEACAS epu's ({@code strftime} {@code %Y/%m/%d}
 * and {@code %H:%M:%S}, zero-padded, written out here by hand), after rank 0's.
 */
class SetJoinRecordsTest {
  @Test
  void qaRecordAfterRankZerosInEpusDateAndTimeFormats() {
    QaRecord r0 = new QaRecord("PAMGEN", "PArallel Mesh GENerator", "Wed Jul 13", "15:00:13");
    List<QaRecord> qa = SetJoin.qaRecords(List.of(r0), LocalDateTime.of(2026, 1, 2, 3, 4, 5));
    assertEquals(2, qa.size());
    assertEquals(r0, qa.get(0));
    assertEquals("exodus-java", qa.get(1).codeName());
    assertEquals("2026/01/02", qa.get(1).date());
    assertEquals("03:04:05", qa.get(1).time());
    assertTrue(qa.get(1).codeVersion().length() <= 32, qa.get(1).codeVersion());
  }

  @Test
  void infoLineAfterRankZerosWithinEightyCharacters() {
    List<String> info = SetJoin.infoRecords(List.of("line one", "line two"));
    assertEquals(3, info.size());
    assertEquals(List.of("line one", "line two"), info.subList(0, 2));
    String own = info.get(2);
    assertTrue(own.startsWith("exodus-java join: "), own);
    assertTrue(own.contains("OS: " + System.getProperty("os.name")), own);
    assertTrue(own.length() <= 80, own);
    assertTrue(own.chars().allMatch(c -> c >= 0x20 && c < 0x7f), own);
  }
}
