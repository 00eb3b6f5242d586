package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locking protocol of docs/reliability.md (issue 13): no write is lost to another writer, a
 * rewrite, or a thread. Cross-process cases run real OS processes ({@link LockWorkers}).
 */
@SuppressWarnings("try") // handles held open by try-with-resources that the body never names
class LockingProtocolTest {
  @TempDir Path dir;

  /** Starts a worker process and waits for its READY line (its output goes on in the reader). */
  static Worker start(Class<?> main, String... args) throws Exception {
    Process p = MultiProcessUpdateTest.start(main, args);
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.startsWith("READY")) {
        return new Worker(p, r);
      }
    }
    p.waitFor(10, TimeUnit.SECONDS);
    throw new AssertionError(main.getSimpleName() + " never got ready:\n" + seen);
  }

  record Worker(Process process, BufferedReader out) {
    String rest() throws Exception {
      StringBuilder b = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) b.append(line).append('\n');
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      return b.toString();
    }

    void kill() throws Exception {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Path mesh(String name, int steps) throws IOException {
    Path f = dir.resolve(name);
    SampleFiles.writeHexMesh(f, 4, 4, 4, steps, 2);
    return f;
  }

  // ---- 1. a rewrite never replaces a file that someone writes --------------------------------

  @Test
  void aRewriteIsRefusedWhileAnotherProcessHasAnUpdaterOpen() throws Exception {
    Path f = mesh("held.e", 2);
    byte[] before = Files.readAllBytes(f);
    Worker w = start(LockWorkers.HoldUpdater.class, f.toString(), "30");
    try {
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () -> ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("work_done")));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertThrows(
          FileInUseException.class,
          () -> ExodusUpdater.setGlobalAttribute(f, "title", "x".repeat(100_000)));
      assertThrows(
          FileInUseException.class, () -> ExodusWriter.create(f, LockWorkers.definition(3)));
      assertArrayEquals(before, Files.readAllBytes(f), "nothing changed");
      assertFalse(Files.exists(f.resolveSibling("held.e.rewrite")));
    } finally {
      w.kill();
    }
    // The holder is gone (the OS released its locks): the rewrite goes through.
    ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("work_done"));
    try (ExodusFile r = ExodusFile.open(f)) {
      assertTrue(r.variableNames(EntityType.GLOBAL).contains("work_done"));
    }
  }

  @Test
  void aRewriteInThisProcessIsRefusedWhileAnUpdaterIsOpenAndItsWritesSurvive() throws Exception {
    Path f = mesh("same.e", 1);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      long s = u.appendStep(1.5);
      u.writeNodalVariable(0, s, 0, 3, new double[] {7, 8, 9}, 0);
      u.commit();
      assertThrows(
          FileInUseException.class,
          () -> ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("extra")));
      u.writeNodalVariable(1, 0, 0, 1, new double[] {42}, 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(2, r.timeStepCount());
      assertEquals(9.0, r.nodalVariable(0, 1)[2]);
      assertEquals(42.0, r.nodalVariable(1, 0)[0]);
    }
  }

  @Test
  void readersOpenedAndClosedInThisProcessDoNotDropAnUpdatersLocks() throws Exception {
    // POSIX drops every lock of a process on a file when any descriptor of it closes: readers of
    // this JVM must not open and close descriptors behind the updater's back.
    Path f = mesh("posix.e", 1);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      for (ExodusOpenOptions o : List.of(ExodusOpenOptions.DEFAULT, ExodusOpenOptions.UNMAPPED)) {
        try (ExodusFile r = ExodusFile.open(f, o)) {
          r.nodalVariable(0, 0);
        }
      }
      u.writeNodalVariable(0, 0, 0, 1, new double[] {5}, 0);
      String out = start(LockWorkers.TryRewrite.class, f.toString()).rest();
      assertTrue(out.startsWith("REFUSED"), "another process rewrote the file under us: " + out);
    }
    String out = start(LockWorkers.TryRewrite.class, f.toString()).rest();
    assertTrue(out.startsWith("DONE"), out);
  }

  @Test
  void readersOpeningAndClosingInAWritersProcessNeverLetAnotherProcessIn() throws Exception {
    Path f = dir.resolve("busy.e");
    try (ExodusWriter w = ExodusWriter.create(f, LockWorkers.definition(20))) {
      w.beginStep(0);
      w.commitStep();
      Worker child = start(LockWorkers.TryUpdaterLoop.class, f.toString(), "3");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Integer>> readers = new ArrayList<>();
      for (ExodusOpenOptions o :
          List.of(
              ExodusOpenOptions.DEFAULT,
              ExodusOpenOptions.builder().lockReads(true).memoryMap(false).build())) {
        readers.add(
            pool.submit(
                () -> {
                  int n = 0;
                  long end = System.nanoTime() + 3_000_000_000L;
                  while (System.nanoTime() < end) {
                    try (ExodusFile r = ExodusFile.open(f, o)) {
                      r.nodalVariable(0, 0);
                      n++;
                    }
                  }
                  return n;
                }));
      }
      int opened = 0;
      for (Future<Integer> r : readers) opened += r.get(60, TimeUnit.SECONDS);
      pool.shutdown();
      String out = child.rest();
      assertTrue(out.contains("GOT 0 OF"), "another process opened the file for writing: " + out);
      assertTrue(opened > 10, "readers ran: " + opened);
      w.beginStep(1);
      w.commitStep();
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertArrayEquals(new double[] {0, 1}, r.times(), "only the writer's steps");
    }
  }

  @Test
  void aRefusedRewriteInThisProcessKeepsTheUpdatersLocks() throws Exception {
    Path f = mesh("refused.e", 1);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      long s = u.appendStep(5);
      assertThrows(
          FileInUseException.class,
          () -> ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("late")));
      try (ExodusUpdater unlocked =
          ExodusUpdater.open(f, new ExodusUpdater.Options(false, false))) {
        assertEquals(1, unlocked.timeStepCount(), "the appended step does not count yet");
      }
      String out = start(LockWorkers.TryAppend.class, f.toString()).rest();
      assertTrue(out.startsWith("REFUSED"), "another process appended meanwhile: " + out);
      u.writeNodalVariable(0, s, 0, 1, new double[] {7}, 0);
      u.commit();
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(2, r.timeStepCount());
      assertEquals(7.0, r.nodalVariable(0, 1)[0]);
    }
  }

  @Test
  void aPendingInterruptDoesNotCloseTheFileUnderOtherHandles() throws Exception {
    Path f = mesh("interrupt.e", 1);
    try (ExodusUpdater a = ExodusUpdater.open(f);
        ExodusUpdater b = ExodusUpdater.open(f)) {
      Thread.currentThread().interrupt();
      try {
        a.writeNodalVariable(0, 0, 0, 1, new double[] {11}, 0);
        assertTrue(Thread.currentThread().isInterrupted(), "the caller keeps its interrupt");
      } finally {
        Thread.interrupted();
      }
      b.writeNodalVariable(0, 0, 1, 1, new double[] {12}, 0);
      String out = start(LockWorkers.TryRewrite.class, f.toString()).rest();
      assertTrue(out.startsWith("REFUSED"), out);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      double[] u = r.nodalVariable(0, 0);
      assertEquals(11.0, u[0]);
      assertEquals(12.0, u[1]);
    }
  }

  @Test
  void aHeaderEditSpanningPagesIsARewriteNotATornHeader() throws Exception {
    Path f = dir.resolve("big-header.e");
    String[] names = new String[600];
    for (int i = 0; i < names.length; i++) names[i] = "variable_number_" + i;
    try (ExodusWriter w =
        ExodusWriter.create(
            f,
            ExodusWriter.define(ExodusFormat.CDF2, "t", 1, 4)
                .allowUnwrittenMesh(true)
                .nodalVariables(names)
                .headerRoom(1 << 16))) {
      w.beginStep(0);
      w.commitStep();
    }
    assertTrue(ExodusUpdater.setGlobalAttribute(f, "title", "u"), "same length: one page");
    assertFalse(
        ExodusUpdater.setGlobalAttribute(f, "title", "a much longer title that shifts everything"),
        "a change over many pages is done by a rewrite");
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals("a much longer title that shifts everything", r.title());
      assertEquals(600, r.variableNames(EntityType.NODAL).size());
    }
  }

  @Test
  void twoConversionsIntoOneOutputNeverMix() throws Exception {
    Path a = mesh("conv-a.e", 3);
    Path b = dir.resolve("conv-b.e");
    SampleFiles.writeHexMesh(b, 9, 9, 9, 3, 2);
    Path out = dir.resolve("out.e");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> jobs = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      jobs.clear();
      for (Path in : List.of(a, b)) {
        jobs.add(
            pool.submit(
                () -> {
                  try {
                    ExodusConverter.convert(in, out, ExodusFormat.CDF5, false, null);
                    return in.getFileName().toString();
                  } catch (FileInUseException e) {
                    return "refused";
                  }
                }));
      }
      List<String> done = new ArrayList<>();
      for (Future<String> j : jobs) done.add(j.get(60, TimeUnit.SECONDS));
      assertTrue(done.contains("conv-a.e") || done.contains("conv-b.e"), done.toString());
      try (ExodusFile r = ExodusFile.open(out);
          ExodusFile ra = ExodusFile.open(a);
          ExodusFile rb = ExodusFile.open(b)) {
        ExodusFile src = r.nodeCount() == ra.nodeCount() ? ra : rb;
        assertEquals(src.nodeCount(), r.nodeCount());
        assertArrayEquals(src.nodalVariable(1, 2), r.nodalVariable(1, 2), "one input, whole");
      }
    }
    pool.shutdown();
    try (var names = Files.list(dir)) {
      assertTrue(names.noneMatch(p -> p.getFileName().toString().contains("partial")));
    }
  }

  @Test
  void writesThroughASymbolicLinkReplaceItsTargetAndKeepTheLink() throws Exception {
    Path real = mesh("real.e", 1);
    Path link = dir.resolve("link.e");
    Files.createSymbolicLink(link, real.getFileName());
    ExodusUpdater.addVariables(link, EntityType.GLOBAL, List.of("through_link"));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    try (ExodusFile r = ExodusFile.open(real)) {
      assertTrue(r.variableNames(EntityType.GLOBAL).contains("through_link"));
    }
    try (ExodusWriter w = ExodusWriter.create(link, LockWorkers.definition(7))) {
      w.beginStep(0);
      w.commitStep();
    }
    assertTrue(Files.isSymbolicLink(link));
    try (ExodusFile r = ExodusFile.open(real)) {
      assertEquals(7, r.nodeCount(), "the target holds the new file");
    }
  }

  @Test
  void aWriterThatCannotReplaceAnOpenFileKeepsItsNewFileAndSaysWhere() throws Exception {
    Path f = mesh("kept.e", 1);
    ExodusWriter w = ExodusWriter.create(f, LockWorkers.definition(5));
    w.writeCoordinates(0, 0, 5, new double[] {1, 2, 3, 4, 5}, 0);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      FileInUseException e = assertThrows(FileInUseException.class, w::close);
      assertTrue(e.getMessage().contains(".kept.e.partial"), e.getMessage());
    }
    Path kept = dir.resolve(".kept.e.partial");
    try (ExodusFile r = ExodusFile.open(kept)) {
      assertArrayEquals(new double[] {1, 2, 3, 4, 5}, r.coordinates(0));
    }
  }

  @Test
  void anUpdaterWhoseFileWasReplacedFailsInsteadOfWritingIntoTheVoid() throws Exception {
    Path f = mesh("replaced.e", 1);
    Path other = mesh("other.e", 1);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      u.writeNodalVariable(0, 0, 0, 1, new double[] {1}, 0);
      Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FileReplacedException e =
          assertThrows(
              FileReplacedException.class,
              () -> u.writeNodalVariable(0, 0, 0, 1, new double[] {2}, 0));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertThrows(FileReplacedException.class, () -> u.appendStep(3));
    }
    Files.delete(f);
    try (ExodusWriter w = ExodusWriter.create(f, LockWorkers.definition(3))) {
      w.beginStep(0);
      w.commitStep();
      Files.delete(f);
      w.beginStep(1);
      assertThrows(FileReplacedException.class, w::commitStep);
    }
  }

  // ---- 2. record counts only move forward ---------------------------------------------------

  @Test
  void headerEditsNeverMoveARunningWritersRecordCountBackwards() throws Exception {
    Path f = dir.resolve("growing.e");
    int steps = 400;
    Worker w = start(LockWorkers.Appender.class, f.toString(), String.valueOf(steps));
    long last = 0;
    int edits = 0;
    int backwards = 0;
    while (w.process().isAlive() || edits == 0) {
      assertTrue(ExodusUpdater.setGlobalAttribute(f, "title", "edit " + edits), "in place");
      edits++;
      try (ExodusFile r = ExodusFile.open(f, ExodusOpenOptions.UNMAPPED)) {
        long n = r.timeStepCount();
        if (n < last) backwards++;
        last = Math.max(last, n);
      }
      if (edits > 20_000) break;
    }
    assertTrue(w.rest().contains("DONE " + steps));
    assertEquals(0, backwards, "the record count went backwards");
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(steps, r.timeStepCount(), "every committed step counts after " + edits);
      assertTrue(r.title().startsWith("edit "));
      for (long s = 0; s < steps; s += 37) {
        double[] u = r.nodalVariable(0, s);
        for (int i = 0; i < u.length; i++) assertEquals(LockWorkers.stepValue(s, i), u[i]);
      }
    }
    assertTrue(edits > 1, "edits ran while the writer appended: " + edits);
  }

  // ---- 3. one writer per path ---------------------------------------------------------------

  @Test
  void aSecondWriterOnOnePathIsRefusedInThisProcessAndAnother() throws Exception {
    Path f = dir.resolve("one.e");
    try (ExodusWriter w = ExodusWriter.create(f, LockWorkers.definition(4))) {
      FileInUseException e =
          assertThrows(
              FileInUseException.class, () -> ExodusWriter.create(f, LockWorkers.definition(4)));
      assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
      w.writeCoordinates(0, 0, 4, new double[] {1, 2, 3, 4}, 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertArrayEquals(new double[] {1, 2, 3, 4}, r.coordinates(0));
    }
    Path g = dir.resolve("two.e");
    Worker w = start(LockWorkers.HoldWriter.class, g.toString(), "30");
    try {
      assertThrows(
          FileInUseException.class, () -> ExodusWriter.create(g, LockWorkers.definition(4)));
      assertThrows(
          FileInUseException.class,
          () ->
              ExodusUpdater.open(
                  g, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
    } finally {
      w.kill();
    }
    try (ExodusFile r = ExodusFile.open(g)) {
      assertEquals(10, r.nodeCount(), "the first writer's file, untouched");
      assertEquals(1, r.timeStepCount());
    }
  }

  @Test
  void appendsFromTwoUpdatersAtOnceAreRefused() throws Exception {
    Path f = mesh("appends.e", 1);
    try (ExodusUpdater a = ExodusUpdater.open(f);
        ExodusUpdater b =
            ExodusUpdater.open(
                f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO))) {
      long s = a.appendStep(2);
      assertThrows(FileInUseException.class, () -> b.appendStep(3));
      a.commit();
      long t = b.appendStep(3);
      assertEquals(s + 1, t, "after a's commit, b appends after it");
      b.commit();
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      double[] t = r.times();
      assertEquals(3, t.length);
      assertEquals(2.0, t[1]);
      assertEquals(3.0, t[2]);
    }
  }

  // ---- 5. no torn values during in-place updates --------------------------------------------

  @Test
  void lockedReadsNeverSeeAHalfWrittenValue() throws Exception {
    Path f = mesh("torn.e", 1);
    double[] original;
    try (ExodusFile r = ExodusFile.open(f)) {
      original = r.nodalVariable(0, 0);
    }
    Worker w = start(LockWorkers.Flipper.class, f.toString(), "4");
    long reads = 0;
    long a = 0;
    long b = 0;
    ExodusOpenOptions[] modes = {
      ExodusOpenOptions.builder().lockReads(true).build(),
      ExodusOpenOptions.builder().lockReads(true).memoryMap(false).build()
    };
    try {
      for (ExodusOpenOptions o : modes) {
        try (ExodusFile r = ExodusFile.open(f, o)) {
          double[] u = new double[original.length];
          long end = System.nanoTime() + 1_500_000_000L;
          while (System.nanoTime() < end) {
            r.readNodalVariable(0, 0, 0, u.length, u, 0);
            reads++;
            for (int i = 0; i < u.length; i++) {
              double x = u[i];
              if (x == LockWorkers.A) a++;
              else if (x == LockWorkers.B) b++;
              else
                assertEquals(
                    original[i],
                    x,
                    "a torn value at node "
                        + i
                        + ": "
                        + Long.toHexString(Double.doubleToRawLongBits(x)));
            }
          }
        }
      }
    } finally {
      String out = w.rest();
      assertTrue(out.contains("ROUNDS"), out);
    }
    assertTrue(a > 0 && b > 0, "both versions were seen: " + a + " / " + b + " in " + reads);
  }

  // ---- 7. threads -----------------------------------------------------------------------------

  @Test
  void threadsWithTheirOwnUpdaterOrOneSharedUpdaterLoseNothing() throws Exception {
    for (String mode : List.of("own", "shared", "shared-unlocked")) {
      Path f = mesh("threads-" + mode + ".e", 3);
      long nn;
      try (ExodusFile r = ExodusFile.open(f)) {
        nn = r.nodeCount();
      }
      int threads = 4;
      ExodusUpdater shared =
          mode.equals("own")
              ? null
              : ExodusUpdater.open(
                  f, new ExodusUpdater.Options(false, !mode.equals("shared-unlocked")));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int worker = t;
        jobs.add(
            pool.submit(
                () -> {
                  ExodusUpdater u = shared != null ? shared : ExodusUpdater.open(f);
                  try {
                    double[] buf = new double[7];
                    for (int round = 0; round < 20; round++) {
                      for (long s = 0; s < 3; s++) {
                        for (long first = worker * 7L; first < nn; first += 7L * threads) {
                          int n = (int) Math.min(7, nn - first);
                          for (int i = 0; i < n; i++) buf[i] = UpdateWorkers.value(0, s, first + i);
                          u.writeNodalVariable(0, s, first, n, buf, 0);
                        }
                      }
                    }
                  } finally {
                    if (shared == null) u.close();
                  }
                  return null;
                }));
      }
      for (Future<?> j : jobs) j.get(120, TimeUnit.SECONDS); // an exception fails the test here
      pool.shutdown();
      if (shared != null) shared.close();
      try (ExodusFile r = ExodusFile.open(f)) {
        for (long s = 0; s < 3; s++) {
          double[] u = r.nodalVariable(0, s);
          for (int i = 0; i < nn; i++) {
            assertEquals(UpdateWorkers.value(0, s, i), u[i], mode + " step " + s + " node " + i);
          }
        }
      }
    }
  }
}
