package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison the conformance test relies on catches every kind of difference. */
class DumpComparisonTest {
  static final String DUMP =
      "title\tt\nnum_dim\t2\ncoord\tx\t0.1\t0.2\ncoord\ty\t1\t2\nqa\ta\tb\tc\td\n"
          + "nodal_var\tu\t1\t1.5\t2.5\n";

  @Test
  void equalDumpsAndEqualNumbersInOtherSpellings() {
    assertEquals(List.of(), DumpComparison.compare(DUMP, DUMP, 10));
    String respelled =
        DUMP.replace("0.1\t", "0.10000000000000001\t").replace("\t1\t2\n", "\t1.0\t2.0\n");
    assertEquals(List.of(), DumpComparison.compare(DUMP, respelled, 10));
  }

  @Test
  void oneUlpMissingRecordsExtraRecordsAndLengthsAreDifferences() {
    String ulp = DUMP.replace("\t2.5\n", "\t" + Math.nextUp(2.5) + "\n");
    assertTrue(DumpComparison.compare(DUMP, ulp, 10).get(0).startsWith("value [nodal_var, u, 1]"));
    String missing = DUMP.replace("coord\ty\t1\t2\n", "");
    assertTrue(DumpComparison.compare(DUMP, missing, 10).get(0).startsWith("missing"));
    assertTrue(DumpComparison.compare(missing, DUMP, 10).get(0).startsWith("unexpected"));
    String shorter = DUMP.replace("\t1.5\t2.5", "\t1.5");
    assertTrue(DumpComparison.compare(DUMP, shorter, 10).get(0).startsWith("length"));
    String text = DUMP.replace("qa\ta", "qa\tz");
    assertEquals(1, DumpComparison.compare(DUMP, text, 10).size());
  }
}
