package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the data source refuses ends in an error naming the file (or the option). */
class ErrorsTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path good;

  @BeforeAll
  static void files() throws Exception {
    good = exgen(dir.resolve("good.e"), 10, 10, 10, 3, 2, "cdf2");
  }

  /** Every message of {@code t} and its causes, joined. */
  private static String messages(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) s.append(c.getMessage()).append('\n');
    return s.toString();
  }

  private static void failsNaming(Runnable r, String text) {
    Throwable t = assertThrows(Throwable.class, r::run);
    assertTrue(messages(t).contains(text), "no '" + text + "' in:\n" + messages(t));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("missing.e");
    failsNaming(() -> read("nodal", missing).count(), missing.toString());
  }

  @Test
  void aFileThatIsNotExodusIsNamed() throws Exception {
    Path bad = dir.resolve("bad.e");
    Files.write(bad, new byte[] {'C', 'D', 'F', 2, 0, 0, 0, 1, 0x7f, 0x7f, 0x7f, 0x7f});
    failsNaming(() -> read("nodal", bad).count(), bad.toString());
  }

  @Test
  void aFileCutShortIsRefusedNamingIt() throws Exception {
    Path cut = dir.resolve("cut.e");
    Files.copy(good, cut);
    try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    failsNaming(() -> read("nodal", cut).collectAsList(), cut.toString());
    failsNaming(() -> read("nodal", cut).collectAsList(), "file is truncated");
  }

  @Test
  void aSetWithAMissingRankIsNamed() throws Exception {
    Path set = Files.createDirectories(dir.resolve("set"));
    exslabs(set.resolve("s.e"), 2, 2, 3, 1, 1, 3);
    Files.delete(set.resolve("s.e.3.1"));
    failsNaming(() -> read("nodal", set.resolve("s.e")).count(), "s.e.3.1");
  }

  @Test
  void aWrongOptionIsNamed() {
    failsNaming(() -> read("faces", good).count(), "kind=faces");
    failsNaming(() -> read("nodal", good, "partitionBytes", "-5").count(), "partitionBytes=-5");
  }
}
