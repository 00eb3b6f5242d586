package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second oracle agrees with the first: on a file 6.02 writes, 9.06's canonical dump ({@code
 * exref9 -c}) equals 6.02's ({@code exref}), so tests may judge by either where both apply.
 */
class Exodus9OracleTest {
  @Test
  void exref9CanonicalEqualsExrefOnAnExgenFile(@TempDir Path dir) throws Exception {
    Path file = CTools.exgen(dir.resolve("g.e"), 3, 2, 2, 3, 2, "cdf2");
    String v602 = CTools.exref(file);
    String v906 = Exodus9.exref9(file, "-c");
    assertTrue(v602.contains("coord"), v602);
    assertEquals(v602, v906);
  }
}
