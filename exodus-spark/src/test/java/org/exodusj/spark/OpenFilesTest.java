package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.exodusj.ExgenOracle;
import org.exodusj.ExodusFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data source keeps files open between tasks and queries: a query after a file changed in place
 * reads the new file (checked against exgen's formulas), and a file is closed only once no reader
 * holds it.
 */
class OpenFilesTest extends SparkTestBase {
  @TempDir static Path dir;

  static final ExgenOracle G = new ExgenOracle(4, 3, 2);
  static Path three;
  static Path five;

  @BeforeAll
  static void files() throws Exception {
    three = exgen(dir.resolve("three.e"), G.nx, G.ny, G.nz, 3, 1, "cdf2");
    five = exgen(dir.resolve("five.e"), G.nx, G.ny, G.nz, 5, 1, "cdf2");
  }

  private static ReadOptions options() {
    return ReadOptions.of(Map.of("path", three.toString()));
  }

  /** Overwrites {@code target} in place (same inode) with the bytes of {@code from}. */
  private static void overwrite(Path target, Path from) throws Exception {
    byte[] b = Files.readAllBytes(from);
    try (FileChannel ch =
        FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(b));
    }
  }

  private static void assertMaxPerStep(Path file, int steps) {
    List<Row> rows =
        read("nodal", file)
            .groupBy("step")
            .agg(org.apache.spark.sql.functions.max("field_1"))
            .orderBy("step")
            .collectAsList();
    assertEquals(steps, rows.size(), rows.toString());
    for (int s = 0; s < steps; s++) {
      assertEquals(G.nodal(0, s, G.nodes() - 1), rows.get(s).getDouble(1), "step " + (s + 1));
    }
  }

  @Test
  void aFileRewrittenInPlaceIsReadAgain() throws Exception {
    Path x = dir.resolve("x.e");
    Files.copy(three, x);
    assertMaxPerStep(x, 3);
    assertEquals(3L, read("global", x).count());
    // the same path and inode, grown: five steps now
    overwrite(x, five);
    assertMaxPerStep(x, 5);
    assertEquals(5L, read("global", x).count());
    // and back, shorter
    overwrite(x, three);
    assertMaxPerStep(x, 3);
  }

  @Test
  void aSecondQueryOverASetOpensNoFile() throws Exception {
    Path set = Files.createDirectories(dir.resolve("set"));
    Path base = exslabs(set.resolve("s.e"), 3, 3, 4, 2, 1, 4);
    OpenFiles.clear();
    long before = OpenFiles.opened();
    List<Row> first =
        read("nodal", base)
            .groupBy("step")
            .agg(org.apache.spark.sql.functions.max("field_1"))
            .orderBy("step")
            .collectAsList();
    // planning and the tasks share one open file per piece (local mode: one JVM)
    assertEquals(4, OpenFiles.opened() - before, "pieces opened by the first query");
    long after = OpenFiles.opened();
    List<Row> rows = read("nodal", base).orderBy("step", "node_id").collectAsList();
    List<Row> again =
        read("nodal", base)
            .groupBy("step")
            .agg(org.apache.spark.sql.functions.max("field_1"))
            .orderBy("step")
            .collectAsList();
    assertEquals(after, OpenFiles.opened(), "files opened by the later queries");
    assertEquals(first, again);
    // exgen's values
    ExgenOracle g = new ExgenOracle(3, 3, 4);
    assertEquals(g.nodes() * 2, rows.size());
    for (int s = 0; s < 2; s++) {
      double want = Double.NEGATIVE_INFINITY;
      for (long node = 0; node < g.nodes(); node++) want = Math.max(want, g.nodal(0, s, node));
      assertEquals(want, first.get(s).getDouble(1), "step " + (s + 1));
    }
  }

  @Test
  void aFileIsSharedUntilItChangesAndClosedOnceLetGo() throws Exception {
    Path y = dir.resolve("y.e");
    Files.copy(three, y);
    ReadOptions o = options();
    OpenFiles.Lease a = OpenFiles.acquire(o, y);
    ExodusFile first = a.file();
    try (OpenFiles.Lease b = OpenFiles.acquire(o, y)) {
      assertSame(first, b.file(), "the second reader gets the open file");
    }
    // another open setting is another open file
    ReadOptions positional = ReadOptions.of(Map.of("path", y.toString(), "memoryMap", "false"));
    try (OpenFiles.Lease c = OpenFiles.acquire(positional, y)) {
      assertNotSame(first, c.file());
    }
    // touched: opened again; the old one stays readable for the reader holding it
    Files.setLastModifiedTime(
        y, FileTime.fromMillis(Files.getLastModifiedTime(y).toMillis() + 5000));
    try (OpenFiles.Lease d = OpenFiles.acquire(o, y)) {
      assertNotSame(first, d.file());
      assertEquals(3L, first.timeStepCount());
    }
    a.close();
    assertThrows(IllegalStateException.class, first::timeStepCount, "closed once let go");
    a.close(); // twice is harmless
  }

  @Test
  void aDeletedFileIsLetGo() throws Exception {
    Path v = dir.resolve("v.e");
    Files.copy(three, v);
    ExodusFile kept;
    try (OpenFiles.Lease a = OpenFiles.acquire(options(), v)) {
      kept = a.file();
    }
    assertEquals(3L, kept.timeStepCount(), "kept open");
    Files.delete(v);
    assertThrows(java.nio.file.NoSuchFileException.class, () -> OpenFiles.acquire(options(), v));
    assertThrows(IllegalStateException.class, kept::timeStepCount, "closed: disk space freed");
  }

  @Test
  void clearClosesWhatNoReaderHolds() throws Exception {
    Path z = dir.resolve("z.e");
    Files.copy(three, z);
    ReadOptions o = options();
    ExodusFile idle;
    try (OpenFiles.Lease a = OpenFiles.acquire(o, z)) {
      idle = a.file();
    }
    OpenFiles.Lease held = OpenFiles.acquire(o, Files.copy(three, dir.resolve("w.e")));
    OpenFiles.clear();
    assertThrows(IllegalStateException.class, idle::timeStepCount);
    assertEquals(3L, held.file().timeStepCount(), "still open for its reader");
    ExodusFile h = held.file();
    held.close();
    assertThrows(IllegalStateException.class, h::timeStepCount);
    try (OpenFiles.Lease again = OpenFiles.acquire(o, z)) {
      assertNotSame(idle, again.file());
    }
  }
}
