package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that patch one file take turns instead of being refused (an updater waits for the file up to
 * its lock wait), and every commit, close's included, runs under the lock and the identity check: a
 * file renamed, deleted or overwritten by another program is never written into.
 */
class UpdaterJobsTest {
  @TempDir Path dir;

  static final ExodusUpdater.Options NO_WAIT =
      ExodusUpdater.Options.DEFAULT.withLockWait(Duration.ZERO);

  /** A NetCDF-4 file of {@code nodes} nodes, one nodal variable, {@code steps} steps of zeros. */
  static Path ours(Path f, ExodusFormat format, int nodes, int steps) throws Exception {
    return ours(f, format, nodes, steps, false);
  }

  /** The same, with the values of round 0 ({@link JobWorkers#value}) when {@code values}. */
  static Path ours(Path f, ExodusFormat format, int nodes, int steps, boolean values)
      throws Exception {
    Definition d = ExodusWriter.define(format, "jobs", 1, nodes).nodalVariables("u");
    if (format == ExodusFormat.NETCDF4) d = d.compression(Compression.deflate(1, true));
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      double[] x = new double[nodes];
      for (int i = 0; i < nodes; i++) x[i] = i;
      w.writeCoordinates(0, 0, nodes, x, 0);
      double[] z = new double[nodes];
      for (int s = 0; s < steps; s++) {
        long st = w.beginStep(s);
        if (values) for (int i = 0; i < nodes; i++) z[i] = JobWorkers.value(s, i, 0);
        w.writeNodalVariable(0, st, 0, nodes, z, 0);
        w.commitStep();
      }
    }
    return f;
  }

  /** Nodal variable {@code var} (1-based netCDF name) at every step, read by netCDF4-python. */
  static double[][] readWithPython(Path f, int var) throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    String out =
        ExternalTools.run(
            py,
            "-c",
            "import netCDF4,numpy,sys\n"
                + "d=netCDF4.Dataset(sys.argv[1])\n"
                + "v=numpy.ma.getdata(d.variables['vals_nod_var"
                + var
                + "'][:])\n"
                + "for r in v: print(' '.join(repr(float(x)) for x in r))\n",
            f.toString());
    List<double[]> rows = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      String[] p = line.trim().split(" ");
      double[] r = new double[p.length];
      for (int i = 0; i < p.length; i++) r[i] = Double.parseDouble(p[i]);
      rows.add(r);
    }
    return rows.toArray(new double[0][]);
  }

  // ---- close under the lock and the identity check -----------------------------------------

  private ExodusUpdater patched(Path f) throws Exception {
    ExodusUpdater u = ExodusUpdater.open(f);
    u.writeNodalVariable(0, 1, 0, 3, new double[] {7, 8, 9}, 0);
    return u;
  }

  @Test
  void closeAfterARenameWritesNothingAndSaysSo() throws Exception {
    Path f = ours(dir.resolve("r.e"), ExodusFormat.NETCDF4, 20, 2);
    ExodusUpdater u = patched(f);
    Path moved = dir.resolve("moved.e");
    Files.move(f, moved); // another program renames it
    byte[] before = Files.readAllBytes(moved);
    FileReplacedException e = assertThrows(FileReplacedException.class, u::close);
    assertTrue(e.getMessage().contains("replaced or deleted"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(moved), "the renamed file was written into");
    assertEquals(0.0, readWithPython(moved, 1)[1][0]);
    assertThrows(IllegalStateException.class, () -> u.commit());
  }

  @Test
  void closeAfterADeleteWritesNothingAndSaysSo() throws Exception {
    Path f = ours(dir.resolve("d.e"), ExodusFormat.NETCDF4, 20, 2);
    byte[] original = Files.readAllBytes(f);
    ExodusUpdater u = patched(f);
    Files.delete(f);
    Files.write(f, original); // and writes a new file at the path
    FileReplacedException e = assertThrows(FileReplacedException.class, u::close);
    assertTrue(e.getMessage().contains("replaced or deleted"), e.getMessage());
    assertArrayEquals(original, Files.readAllBytes(f));
  }

  @Test
  void closeAfterCpOverThePathWritesNothingAndSaysSo() throws Exception {
    Path f = ours(dir.resolve("c.e"), ExodusFormat.NETCDF4, 20, 2);
    Path other = ours(dir.resolve("other.e"), ExodusFormat.NETCDF4, 30, 3);
    ExodusUpdater u = patched(f);
    Object inode = Files.getAttribute(f, "unix:ino");
    ExternalTools.run("cp", other.toString(), f.toString()); // same inode, other bytes
    assertEquals(inode, Files.getAttribute(f, "unix:ino"));
    FileReplacedException e = assertThrows(FileReplacedException.class, u::close);
    assertTrue(e.getMessage().contains("overwritten"), e.getMessage());
    assertArrayEquals(Files.readAllBytes(other), Files.readAllBytes(f));
    ExternalTools.run("h5dump", "-H", f.toString()); // valid HDF5
    assertEquals(30, readWithPython(f, 1)[0].length);
  }

  @Test
  void commitAndCloseAfterCpOverThePathAreRefused() throws Exception {
    Path f = ours(dir.resolve("c2.e"), ExodusFormat.NETCDF4, 20, 2);
    Path other = ours(dir.resolve("other2.e"), ExodusFormat.NETCDF4, 30, 3);
    ExodusUpdater u = patched(f);
    u.commit(); // a commit of ours first: the fingerprint follows our own writes
    u.writeNodalVariable(0, 0, 0, 1, new double[] {5}, 0);
    ExternalTools.run("cp", other.toString(), f.toString());
    assertThrows(FileReplacedException.class, u::commit);
    assertThrows(FileReplacedException.class, u::close);
    assertArrayEquals(Files.readAllBytes(other), Files.readAllBytes(f));
  }

  @Test
  void closeAfterOwnCommitsSucceedsAndCommitsThePatch() throws Exception {
    Path f = ours(dir.resolve("ok.e"), ExodusFormat.NETCDF4, 20, 2);
    try (ExodusUpdater u = patched(f)) {
      u.commit();
      u.writeNodalVariable(0, 0, 0, 2, new double[] {1.5, 2.5}, 0);
    } // close commits the second patch
    double[][] v = readWithPython(f, 1);
    assertEquals(1.5, v[0][0]);
    assertEquals(2.5, v[0][1]);
    assertEquals(9.0, v[1][2]);
  }

  // ---- jobs wait for each other ------------------------------------------------------------

  /** Starts a {@link JobWorkers.PatchFrames} process with a small heap. */
  static Process job(
      Path f,
      int round,
      long holdMs,
      long waitS,
      long chunkMemory,
      String nodes,
      String heap,
      long... frames)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(JobWorkers.PatchFrames.class.getName());
    for (Object o : new Object[] {f, round, holdMs, waitS, chunkMemory, nodes}) cmd.add("" + o);
    for (long fr : frames) cmd.add(Long.toString(fr));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  static String finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "job hangs: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("DONE"), out);
    return out;
  }

  /** 4 jobs that each hold the file a while: all served in turn, every value exact. */
  private void fourJobsTakeTurns(Path f, int nodes, int steps) throws Exception {
    for (int round = 0; round < 2; round++) {
      List<Process> ps = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        List<Long> fr = new ArrayList<>();
        for (long s = j; s < steps; s += 4) fr.add(s);
        ps.add(
            job(
                f,
                round,
                300,
                120,
                16 << 20,
                "0:" + nodes,
                "-Xmx64m",
                fr.stream().mapToLong(Long::longValue).toArray()));
      }
      long waited = 0;
      for (Process p : ps) waited += Long.parseLong(finish(p).trim().split("\\s+")[1]);
      assertTrue(waited >= 300, "nobody waited: the jobs did not overlap (" + waited + " ms)");
      double[][] v = readWithPython(f, 1);
      assertEquals(steps, v.length);
      for (int s = 0; s < steps; s++) {
        for (int n = 0; n < nodes; n++) {
          assertEquals(JobWorkers.value(s, n, round), v[s][n], "step " + s + " node " + n);
        }
      }
      ExternalTools.run("h5dump", "-H", f.toString());
    }
  }

  @Test
  void fourJobsOnOurNetcdf4FileWaitForEachOther() throws Exception {
    fourJobsTakeTurns(ours(dir.resolve("ours.e"), ExodusFormat.NETCDF4, 500, 8), 500, 8);
  }

  @Test
  void fourJobsOnANetcdfCFileWaitForEachOther() throws Exception {
    Path f = CTools.exgen(dir.resolve("c.e"), 4, 4, 4, 8, 2, "nc4"); // 125 nodes
    fourJobsTakeTurns(f, 125, 8);
  }

  // ---- the background scenario: 4 batch jobs, disjoint frames, one file ----------------------

  /**
   * Compares, with numpy under netCDF4-python (the C library), nodal variable {@code var} of {@code
   * f}: exactly {@link JobWorkers#value} of {@code round} at every node of every step, and variable
   * {@code other} (if positive) byte for byte as in {@code before}. Returns "OK" or what differs.
   */
  static String checkWithPython(Path f, int var, int round, Path before, int other)
      throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    return ExternalTools.run(
            py,
            "-c",
            "import netCDF4, numpy, sys\n"
                + "f, var, rnd, before, other = sys.argv[1], sys.argv[2], float(sys.argv[3]),"
                + " sys.argv[4], sys.argv[5]\n"
                + "d = netCDF4.Dataset(f)\n"
                + "v = numpy.ma.getdata(d.variables['vals_nod_var' + var][:])\n"
                + "s, n = numpy.meshgrid(numpy.arange(v.shape[0]), numpy.arange(v.shape[1]),"
                + " indexing='ij')\n"
                + "want = rnd * 1e6 + s * 1000.0 + n + 0.25\n"
                + "bad = int((v != want).sum())\n"
                + "if other != '0':\n"
                + "  b = netCDF4.Dataset(before)\n"
                + "  o = numpy.ma.getdata(d.variables['vals_nod_var' + other][:])\n"
                + "  p = numpy.ma.getdata(b.variables['vals_nod_var' + other][:])\n"
                + "  bad += int((o.view(numpy.uint64) != p.view(numpy.uint64)).sum())\n"
                + "print('OK' if bad == 0 else 'BAD %d' % bad)\n",
            f.toString(),
            Integer.toString(var),
            Integer.toString(round),
            before == null ? "-" : before.toString(),
            Integer.toString(other))
        .strip();
  }

  /**
   * The background analyses' workload: 4 jobs (processes with a 32 MB heap, about 13 times the 2.3
   * MB slice each writes) start together and each writes its own 3 frames of about 97,000 nodes
   * into one file, 3 rounds; every value of every round exact for the C library, the other variable
   * untouched, the file dumped by the C library ({@code exref}) and {@code h5dump}.
   */
  private void backgroundScenario(Path f, int nodes, int steps, boolean hdf5) throws Exception {
    Path before = dir.resolve("before-" + f.getFileName());
    Files.copy(f, before);
    for (int round = 1; round <= 3; round++) {
      List<Process> ps = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        long[] fr = new long[steps / 4];
        for (int k = 0; k < fr.length; k++) fr[k] = j + 4L * k;
        ps.add(job(f, round, 0, 300, 16 << 20, "0:" + nodes, "-Xmx32m", fr));
      }
      for (Process p : ps) finish(p);
      assertEquals("OK", checkWithPython(f, 1, round, before, 2), "round " + round);
      CTools.exref(f); // the C library reads the whole file
      if (hdf5) ExternalTools.run("h5dump", "-H", f.toString());
    }
  }

  @Test
  void backgroundScenarioOnOurNetcdf4File() throws Exception {
    Path f = dir.resolve("ours-bg.e");
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "jobs", 1, 97_336)
            .nodalVariables("u", "w")
            .compression(Compression.deflate(1, true));
    double[] x = new double[97_336];
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      w.writeCoordinates(0, 0, x.length, x, 0);
      for (int s = 0; s < 12; s++) {
        long st = w.beginStep(s);
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(s + i * 1e-3);
        w.writeNodalVariable(0, st, 0, x.length, x, 0);
        w.writeNodalVariable(1, st, 0, x.length, x, 0);
        w.commitStep();
      }
    }
    backgroundScenario(f, 97_336, 12, true);
  }

  @Test
  void backgroundScenarioOnANetcdfCFile() throws Exception {
    Path f = CTools.exgen(dir.resolve("c-bg.e"), 45, 45, 45, 12, 2, "nc4"); // 97,336 nodes
    backgroundScenario(f, 97_336, 12, true);
  }

  @Test
  void backgroundScenarioOnCdf2() throws Exception {
    Path f = CTools.exgen(dir.resolve("c2-bg.e"), 45, 45, 45, 12, 2, "cdf2");
    backgroundScenario(f, 97_336, 12, false);
  }

  // ---- a netCDF-C writer without HDF5 file locks -------------------------------------------

  /**
   * netCDF4-python holds the file open for writing with {@code HDF5_USE_FILE_LOCKING=FALSE} (no
   * {@code flock} to see): the updater is refused at once without a wait, waits for it with one,
   * and once Python has written its value and closed, the updater's patch goes in beside it.
   */
  private void aNetcdfCWriterWithoutFileLocksIsSeen(Path f) throws Exception {
    String python = ExternalTools.pythonWithNetcdf4();
    ProcessBuilder pb =
        new ProcessBuilder(
                python,
                "-c",
                "import sys, netCDF4\n"
                    + "d = netCDF4.Dataset(sys.argv[1], 'a')\n"
                    + "print('open', flush=True)\n"
                    + "sys.stdin.readline()\n"
                    + "d.variables['vals_nod_var1'][0, 0] = 123.5\n"
                    + "d.close()\n",
                f.toString())
            .redirectErrorStream(true);
    pb.environment().put("HDF5_USE_FILE_LOCKING", "FALSE");
    Process py = pb.start();
    java.util.concurrent.Future<Object> waiter = null;
    java.util.concurrent.ExecutorService ex =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("open", out.readLine());
      String ino = Long.toString((Long) Files.getAttribute(f, "unix:ino"));
      for (String l : Files.readAllLines(Path.of("/proc/locks"))) {
        assertFalse(l.contains("FLOCK") && l.endsWith(":" + ino + " 0 EOF"), "a flock: " + l);
      }
      FileInUseException e =
          assertThrows(FileInUseException.class, () -> ExodusUpdater.open(f, NO_WAIT));
      assertTrue(e.getMessage().contains("marked open for writing"), e.getMessage());
      waiter =
          ex.submit(
              () -> {
                try (ExodusUpdater u = ExodusUpdater.open(f)) { // waits for Python
                  u.writeNodalVariable(0, 1, 0, 1, new double[] {7.25}, 0);
                }
                return null;
              });
      Thread.sleep(1500);
      assertFalse(waiter.isDone(), "the updater did not wait for the netCDF-C writer");
    } finally {
      py.getOutputStream().close(); // Python writes its value, closes the file and ends
      assertTrue(py.waitFor(30, TimeUnit.SECONDS));
      ex.shutdown();
    }
    waiter.get(60, TimeUnit.SECONDS);
    double[][] v = readWithPython(f, 1);
    assertEquals(123.5, v[0][0]);
    assertEquals(7.25, v[1][0]);
    ExternalTools.run("h5dump", "-H", f.toString());
  }

  @Test
  void aNetcdfCWriterWithoutFileLocksIsSeenInASuperblockVersion2File() throws Exception {
    Path f = CTools.exgen(dir.resolve("nolock.e"), 2, 2, 2, 2, 2, "nc4");
    aNetcdfCWriterWithoutFileLocksIsSeen(f);
  }

  @Test
  void aNetcdfCWriterWithoutFileLocksIsSeenInASuperblockVersion0File() throws Exception {
    Path c = CTools.exgen(dir.resolve("nolock-src.e"), 2, 2, 2, 2, 2, "nc4");
    Path f = dir.resolve("nolock0.e");
    ExternalTools.run("h5repack", c.toString(), f.toString()); // version 0 superblock
    assertTrue(
        ExternalTools.run("h5dump", "-B", "-H", f.toString()).contains("SUPERBLOCK_VERSION 0"));
    aNetcdfCWriterWithoutFileLocksIsSeen(f);
  }

  // ---- memory by the slice -----------------------------------------------------------------

  /**
   * 600 values, 10 in each of 60 steps of 100,000 nodes: the session touches 60 chunks of 800 KB.
   * With a 4 MiB chunk budget it runs in a 32 MB heap; holding every chunk it touched (no budget,
   * as sessions did before the budget) it runs out of memory, and the file keeps the first
   * session's values.
   */
  @Test
  void aPatchSessionKeepsItsChunkBudgetNotEveryChunkItTouched() throws Exception {
    int nodes = 100_000;
    int steps = 60;
    Path f = ours(dir.resolve("big.e"), ExodusFormat.NETCDF4, nodes, steps, true);
    long[] frames = new long[steps];
    for (int s = 0; s < steps; s++) frames[s] = s;
    finish(job(f, 1, 0, 60, 4 << 20, "5:10", "-Xmx32m", frames));
    Process unbounded = job(f, 2, 0, 60, Long.MAX_VALUE, "5:10", "-Xmx32m", frames);
    String out = new String(unbounded.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(unbounded.waitFor(120, TimeUnit.SECONDS));
    assertTrue(out.contains("OutOfMemoryError"), out);
    double[][] v = readWithPython(f, 1);
    for (int s = 0; s < steps; s++) {
      for (int n = 0; n < 20; n++) {
        int round = n >= 5 && n < 15 ? 1 : 0;
        assertEquals(JobWorkers.value(s, n, round), v[s][n], "step " + s + " node " + n);
      }
      assertEquals(JobWorkers.value(s, nodes - 1, 0), v[s][nodes - 1]);
    }
    ExternalTools.run("h5dump", "-H", f.toString());
  }

  /**
   * With a budget of one byte every partly written chunk is stored as soon as the next one opens,
   * the chunk an abandoned step shares with a committed one included: close abandons the step and
   * commits the patches, the shared chunk keeps the committed step's values and fill where the
   * abandoned step was, so a later append of that step that writes part of the nodes shows fill,
   * never the abandoned values.
   */
  @Test
  void chunksStoredBeyondTheBudgetAreAbandonedLikeAnyOther() throws Exception {
    Path f = dir.resolve("two.e");
    int nodes = 40;
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "jobs", 1, nodes)
            .nodalVariables("u")
            .chunkSteps(2);
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      double[] x = new double[nodes];
      w.writeCoordinates(0, 0, nodes, x, 0);
      for (int s = 0; s < 3; s++) { // steps 0-2: the chunk of steps 2-3 is half committed
        long st = w.beginStep(s);
        for (int i = 0; i < nodes; i++) x[i] = JobWorkers.value(s, i, 0);
        w.writeNodalVariable(0, st, 0, nodes, x, 0);
        w.commitStep();
      }
    }
    ExodusUpdater.Options tiny = ExodusUpdater.Options.DEFAULT.withChunkMemory(1);
    try (ExodusUpdater u = ExodusUpdater.open(f, tiny)) {
      long s = u.appendStep(3);
      assertEquals(3, s);
      u.writeNodalVariable(0, 3, 0, 20, new double[20], 0); // abandoned: zeros in nodes 0-19
      u.writeNodalVariable(0, 0, 0, 1, new double[] {-1}, 0); // another chunk opens: stored
      u.writeNodalVariable(0, 2, 5, 1, new double[] {-2}, 0); // the shared chunk again
    } // abandons step 3, commits the patches
    try (ExodusUpdater u = ExodusUpdater.open(f, tiny)) {
      assertEquals(3, u.timeStepCount());
      long s = u.appendStep(3);
      u.writeNodalVariable(0, s, 30, 1, new double[] {5}, 0);
      u.commit();
    }
    double[][] v = readWithPython(f, 1);
    assertEquals(4, v.length);
    assertEquals(-1.0, v[0][0]);
    assertEquals(-2.0, v[2][5]);
    assertEquals(JobWorkers.value(2, 6, 0), v[2][6]);
    assertEquals(5.0, v[3][30]);
    for (int i = 0; i < 20; i++) {
      assertEquals(9.969209968386869e36, v[3][i], "node " + i + " holds an abandoned value");
    }
    ExternalTools.run("h5dump", "-H", f.toString());
  }

  @Test
  void aWaitThatRunsOutIsFileInUseAfterTheWait() throws Exception {
    Path f = ours(dir.resolve("w.e"), ExodusFormat.NETCDF4, 20, 2);
    Process p = MultiProcessUpdateTest.start(LockWorkers.HoldUpdater.class, f.toString(), "30");
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
      assertTrue(line != null && line.startsWith("READY"), String.valueOf(line));
      long t0 = System.nanoTime();
      assertThrows(FileInUseException.class, () -> ExodusUpdater.open(f, NO_WAIT));
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 700, "no wait was asked for");
      t0 = System.nanoTime();
      assertThrows(
          FileInUseException.class,
          () -> ExodusUpdater.open(f, NO_WAIT.withLockWait(Duration.ofMillis(800))));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 800 && ms < 20_000, "waited " + ms + " ms");
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    try (ExodusUpdater u = ExodusUpdater.open(f, NO_WAIT)) { // the dead holder's lock is gone
      assertEquals(2, u.timeStepCount());
    }
  }

  /**
   * Classic files take several updaters at once, and one appender: an append while another process
   * appends waits for its commit (it was refused), then goes after it.
   */
  @Test
  void anAppendWaitsForAnotherProcesssAppendOnAClassicFile() throws Exception {
    Path f = ours(dir.resolve("a.e"), ExodusFormat.CDF2, 20, 2);
    Process p = MultiProcessUpdateTest.start(JobWorkers.AppendAndHold.class, f.toString(), "1500");
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
      assertEquals("READY", line);
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        long t0 = System.nanoTime();
        long s = u.appendStep(2000); // waits for the other's commit
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 500, "did not wait: " + ms + " ms");
        assertEquals(3, s);
        u.writeNodalVariable(0, s, 0, 1, new double[] {9}, 0);
        u.commit();
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
    double[][] v = readWithPython(f, 1);
    assertEquals(4, v.length);
    assertEquals(9.0, v[3][0]);
  }

  @Test
  void anUpdaterWaitsForAnotherInThisProcess() throws Exception {
    Path f = ours(dir.resolve("t.e"), ExodusFormat.NETCDF4, 20, 2);
    ExodusUpdater a = ExodusUpdater.open(f);
    Thread closer =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
                a.writeNodalVariable(0, 0, 0, 1, new double[] {3}, 0);
                a.close();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    closer.start();
    try (ExodusUpdater b = ExodusUpdater.open(f)) { // waits for a's close
      b.writeNodalVariable(0, 0, 1, 1, new double[] {4}, 0);
    }
    closer.join();
    double[][] v = readWithPython(f, 1);
    assertEquals(3.0, v[0][0]);
    assertEquals(4.0, v[0][1]);
  }
}
