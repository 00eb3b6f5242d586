package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NetCDF-4 readers beside a writer that commits again: a reader returns the values of the commit it
 * opened or last refreshed, or throws {@link FileChangedException}; never those of another commit,
 * never a fill value for a step it counts; {@link ExodusFile#refresh()} follows appended steps and
 * patched values. Every value encodes its step, variable, node and version ({@link #value}), so the
 * oracle is what the writer wrote at each commit.
 */
class Netcdf4ReadersTest {
  @TempDir Path dir;

  static final int NODES = 300;

  /** The value of a node at a step for a variable, as written by its {@code version}-th write. */
  static double value(long step, int var, int node, int version) {
    return step * 1e6 + var * 1e5 + node + version / 1024.0;
  }

  /** A NetCDF-4 file of {@code steps} steps of two nodal variables, version 0 everywhere. */
  static Path create(Path f, int steps) throws Exception {
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "readers", 1, NODES)
            .nodalVariables("u", "v")
            .allowUnwrittenMesh(true) // the nodal values are what is read
            .compression(Compression.deflate(1, true));
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      double[] x = new double[NODES];
      for (int s = 0; s < steps; s++) {
        long st = w.beginStep(s);
        for (int var = 0; var < 2; var++) {
          for (int i = 0; i < NODES; i++) x[i] = value(s, var, i, 0);
          w.writeNodalVariable(var, st, 0, NODES, x, 0);
        }
        w.commitStep();
      }
    }
    return f;
  }

  /** Writes version {@code version} of step {@code step}, both variables. */
  static void write(ExodusUpdater u, long step, int version) throws Exception {
    double[] x = new double[NODES];
    for (int var = 0; var < 2; var++) {
      for (int i = 0; i < NODES; i++) x[i] = value(step, var, i, version);
      u.writeNodalVariable(var, step, 0, NODES, x, 0);
    }
  }

  /**
   * A reader that has not refreshed while the writer patches and appends, one commit per operation:
   * each read returns the values of the commit the reader opened, or throws {@link
   * FileChangedException}. It used to return values of later commits (and fill values) with no
   * exception once the writer reused the metadata region the reader's lazily read chunk indices lay
   * in, two commits later.
   */
  @Test
  void aReaderReturnsItsCommitOrThrowsAndRefreshFollows() throws Exception {
    Path f = create(dir.resolve("stale.e"), 3);
    int[] outcomes = new int[2]; // values of its commit, FileChangedException
    int version = 0; // of step 0, in the commit the reader opens
    for (int round = 0; round < 6; round++) {
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        int steps = (int) u.timeStepCount();
        try (ExodusFile r = ExodusFile.open(f)) {
          assertEquals(value(0, 1, 7, version), r.nodalVariable(1, 0)[7]);
          outcomes[0]++;
          for (int c = 1; c <= 4; c++) {
            write(u, 0, version + c); // patch step 0
            u.commit();
            long s = u.appendStep(steps + c - 1);
            write(u, s, 0);
            u.commit();
            for (int var = 0; var < 2; var++) {
              for (int st = 0; st < r.timeStepCount(); st++) {
                double[] got;
                try {
                  got = r.nodalVariable(var, st);
                } catch (FileChangedException e) {
                  assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
                  outcomes[1]++;
                  continue;
                }
                int ver = st == 0 ? version : 0;
                for (int i = 0; i < NODES; i++) {
                  assertEquals(
                      value(st, var, i, ver),
                      got[i],
                      "round " + round + " commit " + c + " var " + var + " step " + st);
                }
                outcomes[0]++;
              }
            }
          }
          version += 4;
          // refreshed, the same reader counts the appended steps and reads the patched values
          // (step 0's chunks, cached at the first read above, are not served again)
          r.refresh();
          assertEquals(steps + 4, r.timeStepCount(), "steps after refresh, round " + round);
          for (int var = 0; var < 2; var++) {
            for (int st = 0; st < steps + 4; st++) {
              double[] got = r.nodalVariable(var, st);
              int ver = st == 0 ? version : 0;
              for (int i = 0; i < NODES; i++) {
                assertEquals(value(st, var, i, ver), got[i], "refreshed, var " + var + " " + st);
              }
            }
          }
          r.refresh(); // nothing committed since: the same state
          assertEquals(steps + 4, r.timeStepCount());
        }
      }
    }
    System.out.println(
        "not refreshed: " + outcomes[0] + " reads of its commit, " + outcomes[1] + " refused");
  }

  /**
   * The check also compares the first bytes of the root group's object header, where a writer can
   * stamp each commit: with the superblock unchanged (as a writer that reuses space could repeat
   * it), a root header changed in place makes the read throw; restored, the same reader reads on.
   * The bytes are changed by hand at the address the superblock names (HDF5 format: version 2
   * superblock, root object header address at byte 36).
   */
  @Test
  void aRootObjectHeaderChangedUnderAnUnchangedSuperblockIsSeen() throws Exception {
    Path f = create(dir.resolve("root.e"), 2);
    byte[] sb = java.nio.file.Files.readAllBytes(f);
    long root =
        java.nio.ByteBuffer.wrap(sb, 36, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(2, sb[8], "superblock version");
    try (ExodusFile r = ExodusFile.open(f);
        java.nio.channels.FileChannel ch =
            java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
      assertEquals(value(1, 1, 5, 0), r.nodalVariable(1, 1)[5]);
      byte old = sb[(int) root + 20];
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (old ^ 1)}), root + 20);
      FileChangedException e =
          assertThrows(FileChangedException.class, () -> r.nodalVariable(1, 1));
      assertTrue(e.committedAgain() && e.getMessage().contains(f.toString()), e.getMessage());
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {old}), root + 20);
      assertEquals(value(1, 1, 5, 0), r.nodalVariable(1, 1)[5]);
    }
  }

  /**
   * A writer that commits again may cut the space its new state no longer uses from the end of the
   * file; a reader of the state before that meets the cut gets {@link FileChangedException} that a
   * refresh answers ({@code committedAgain()}), not the one of a file truncated by another program.
   * Both made by hand: the file cut to 60 % (data and metadata of the reader's state), with the
   * superblock's end-of-file address changed (a commit) or not (a truncation).
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aReaderMeetingSpaceCutByACommitIsToldToRefresh(boolean committed) throws Exception {
    Path f = create(dir.resolve("cut-" + committed + ".e"), 6);
    long size = java.nio.file.Files.size(f);
    try (ExodusFile r = ExodusFile.open(f);
        java.nio.channels.FileChannel ch =
            java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size * 6 / 10);
      if (committed) {
        java.nio.ByteBuffer eof =
            java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        eof.putLong(0, size * 6 / 10);
        ch.write(eof, 28); // superblock version 2: end-of-file address at byte 28
      }
      FileChangedException e =
          assertThrows(
              FileChangedException.class,
              () -> {
                for (int st = 0; st < 6; st++) r.nodalVariable(1, st);
              });
      assertEquals(committed, e.committedAgain(), e.getMessage());
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
  }

  // ---- the campaign: a writer process killed at random, readers reopening and refreshing ------

  /**
   * {@code FILE SEED}: an updater that commits after every operation, forever: append a step
   * (version 0 of both variables; at most 120 steps), or patch a step already there (both
   * variables, its next version). Prints {@code ANNOUNCE step version} before each commit and
   * {@code COMMITTED step version} after; at start, the version of every step the file holds.
   */
  public static final class Writer {
    public static void main(String[] a) throws Exception {
      Path f = Path.of(a[0]);
      java.util.Random rnd = new java.util.Random(Long.parseLong(a[1]));
      int[] ver = new int[1000];
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        try (ExodusFile r = ExodusFile.open(f)) { // what survived the last writer
          for (int s = 0; s < r.timeStepCount(); s++) {
            ver[s] = (int) Math.round((r.nodalVariable(0, s)[0] - value(s, 0, 0, 0)) * 1024);
            System.out.println("COMMITTED " + s + " " + ver[s]);
          }
        }
        System.out.flush();
        while (true) {
          long n = u.timeStepCount();
          long s;
          if (n < 120 && rnd.nextInt(3) > 0) {
            s = u.appendStep(n);
            ver[(int) s] = 0;
          } else {
            s = rnd.nextInt((int) n);
            ver[(int) s]++;
          }
          write(u, s, ver[(int) s]);
          System.out.println("ANNOUNCE " + s + " " + ver[(int) s]);
          System.out.flush();
          u.commit();
          System.out.println("COMMITTED " + s + " " + ver[(int) s]);
          System.out.flush();
        }
      }
    }
  }

  /** What the writers reported, per step: the highest version announced and committed. */
  static final class Reports {
    final java.util.concurrent.atomic.AtomicIntegerArray announced =
        new java.util.concurrent.atomic.AtomicIntegerArray(1000);
    final java.util.concurrent.atomic.AtomicIntegerArray committed =
        new java.util.concurrent.atomic.AtomicIntegerArray(1000);

    /** Commits announced (each started; all but those killed completed). */
    final java.util.concurrent.atomic.AtomicLong commits =
        new java.util.concurrent.atomic.AtomicLong();

    Reports() {
      for (int i = 0; i < 1000; i++) {
        announced.set(i, -1);
        committed.set(i, -1);
      }
    }

    void line(String l) {
      String[] w = l.split(" ");
      if (w.length != 3 || !(w[0].equals("ANNOUNCE") || w[0].equals("COMMITTED"))) {
        throw new AssertionError("writer: " + l);
      }
      int s = Integer.parseInt(w[1]);
      int v = Integer.parseInt(w[2]);
      announced.accumulateAndGet(s, v, Math::max);
      if (w[0].equals("ANNOUNCE")) {
        commits.incrementAndGet();
      }
      if (w[0].equals("COMMITTED")) {
        committed.accumulateAndGet(s, v, Math::max);
      }
    }

    int[] committedNow() {
      int[] c = new int[1000];
      for (int i = 0; i < c.length; i++) c[i] = committed.get(i);
      return c;
    }
  }

  /** Counts of a campaign. */
  static final class Counts {
    final java.util.concurrent.atomic.AtomicLong opens =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong refreshes =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong passes =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong values =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong changed =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong kills =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.List<Throwable> failures =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  }

  /**
   * Reads every step {@code r} counts, both variables: each step's values must all be of one
   * version, at least the one committed before the reader's state was read ({@code before}) and at
   * most the highest announced after the read (the writer announces before it commits).
   */
  static void check(ExodusFile r, int[] before, Reports rep, Counts c) throws Exception {
    int n = (int) r.timeStepCount();
    for (int st = 0; st < n; st++) {
      int version = -1;
      for (int var = 0; var < 2; var++) {
        double[] got = r.nodalVariable(var, st);
        for (int i = 0; i < NODES; i++) {
          double frac = (got[i] - value(st, var, i, 0)) * 1024;
          int v = (int) Math.rint(frac);
          if (frac != v || v < 0 || (version >= 0 && v != version)) {
            throw new AssertionError(
                "step "
                    + st
                    + " var "
                    + var
                    + " node "
                    + i
                    + ": read "
                    + got[i]
                    + (version >= 0
                        ? " where the step's other values are of version " + version
                        : ""));
          }
          version = v;
        }
        c.values.addAndGet(NODES);
      }
      int hi = rep.announced.get(st);
      // the writer announces before it commits, but this process parses its lines a little later
      for (int wait = 0; version > hi && wait < 1000; wait++) {
        Thread.sleep(5);
        hi = rep.announced.get(st);
      }
      if (version < before[st] || version > hi) {
        throw new AssertionError(
            "step "
                + st
                + ": version "
                + version
                + " read, committed before the read "
                + before[st]
                + ", announced at most "
                + hi);
      }
    }
  }

  /**
   * Readers beside a writer process that commits after every operation and is killed with SIGKILL
   * at random moments (then started again): one reader reopens the file in a loop, one refreshes
   * one open file in a loop, each reading every step it counts. Every value must be one the writer
   * committed, of one version per step, no older than the last commit reported before the reader
   * looked (so never a fill value for a counted step), and the only exception allowed is {@link
   * FileChangedException} with {@link FileChangedException#committedAgain()}. Runs for {@code
   * exodusj.readers.seconds} (default 20).
   */
  @Test
  void readersReopeningAndRefreshingBesideAKilledWriterNeverReadAWrongValue() throws Exception {
    long seconds = Long.getLong("exodusj.readers.seconds", 20);
    Path f = create(dir.resolve("campaign.e"), 3);
    Reports rep = new Reports();
    for (int s = 0; s < 3; s++) rep.line("COMMITTED " + s + " 0");
    Counts c = new Counts();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread reopening =
        new Thread(
            () -> {
              while (!stop.get()) {
                int[] before = rep.committedNow();
                try (ExodusFile r = ExodusFile.open(f)) {
                  c.opens.incrementAndGet();
                  check(r, before, rep, c);
                  c.passes.incrementAndGet();
                } catch (FileChangedException e) {
                  if (!e.committedAgain()) c.failures.add(e);
                  c.changed.incrementAndGet();
                } catch (Throwable e) {
                  c.failures.add(e);
                  stop.set(true);
                }
              }
            });
    Thread refreshing =
        new Thread(
            () -> {
              try (ExodusFile r = ExodusFile.open(f)) {
                c.opens.incrementAndGet();
                while (!stop.get()) {
                  int[] before = rep.committedNow();
                  try {
                    r.refresh();
                    c.refreshes.incrementAndGet();
                    check(r, before, rep, c);
                    c.passes.incrementAndGet();
                    Thread.sleep(1); // leave the writer some of a busy machine
                  } catch (FileChangedException e) {
                    if (!e.committedAgain()) throw e;
                    c.changed.incrementAndGet();
                  }
                }
              } catch (Throwable e) {
                c.failures.add(e);
                stop.set(true);
              }
            });
    reopening.start();
    refreshing.start();
    java.util.Random rnd = new java.util.Random(24);
    try {
      while (System.nanoTime() < end && !stop.get()) {
        // The writer's lines go to a file, not a pipe: none is lost when it is killed.
        Path log = dir.resolve("writer-" + c.kills.get() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Writer.class.getName());
        cmd.add(f.toString());
        cmd.add(Long.toString(rnd.nextLong()));
        Process p =
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread out =
            new Thread(
                () -> {
                  try (java.io.InputStream in =
                      new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(log))) {
                    StringBuilder line = new StringBuilder();
                    while (true) {
                      int b = in.read();
                      if (b < 0) {
                        if (p.isAlive()) {
                          Thread.sleep(1);
                          continue;
                        }
                        b = in.read(); // what it wrote before it died
                        if (b < 0) {
                          break; // a last line without its end was cut by the kill
                        }
                      }
                      if (b == '\n') {
                        rep.line(line.toString());
                        line.setLength(0);
                      } else {
                        line.append((char) b);
                      }
                    }
                  } catch (Throwable e) {
                    c.failures.add(e);
                    stop.set(true);
                  }
                });
        out.start();
        long until = rep.commits.get() + 1 + rnd.nextInt(40);
        while (rep.commits.get() < until && p.isAlive() && System.nanoTime() < end) {
          Thread.sleep(1); // until the writer has started a random number of commits
        }
        Thread.sleep(rnd.nextInt(20)); // then anywhere in an operation or a commit
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        out.join();
        c.kills.incrementAndGet();
      }
    } finally {
      stop.set(true);
      reopening.join();
      refreshing.join();
    }
    String counts =
        "readers: "
            + c.opens
            + " opens, "
            + c.refreshes
            + " refreshes, "
            + c.passes
            + " passes over every step, "
            + c.values
            + " values checked, "
            + c.changed
            + " FileChangedException (committed again), "
            + rep.commits
            + " commits by "
            + c.kills
            + " writers killed";
    System.out.println(counts);
    if (!c.failures.isEmpty()) {
      AssertionError e = new AssertionError(counts + "; " + c.failures.size() + " failures");
      c.failures.forEach(e::addSuppressed);
      throw e;
    }
    assertTrue(c.passes.get() > 0 && c.kills.get() > 0, counts);
  }
}
