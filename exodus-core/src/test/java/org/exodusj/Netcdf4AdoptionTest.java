package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExodusUpdater} on NetCDF-4 files netCDF-C wrote (adoption): what cannot be carried is
 * refused with a clear message and leaves the file byte for byte unchanged; the locking rules are
 * those of our own NetCDF-4 files; a writer killed with SIGKILL while appending to an adopted file
 * leaves every committed step readable by our reader, netCDF-C (Python) and libexodusII.
 */
class Netcdf4AdoptionTest {
  @TempDir Path dir;

  /** exgen's classic file as CDL, edited, then written as NetCDF-4 by netCDF-C's ncgen. */
  private Path ncgen(String name, UnaryOperator<String> edit) throws Exception {
    ExternalTools.require("ncgen");
    Path classic = CTools.exgen(dir.resolve(name + "-classic.e"), 2, 2, 2, 2, 2, "cdf2");
    String cdl = ExternalTools.run("ncdump", classic.toString());
    String edited = edit.apply(cdl);
    assertTrue(!edited.equals(cdl), name + ": the edit changed nothing");
    Path c = dir.resolve(name + ".cdl");
    Files.writeString(c, edited);
    Path out = dir.resolve(name + ".e");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", out.toString(), c.toString());
    return out;
  }

  private Path foreign(String feature) throws Exception {
    switch (feature) {
      case "group":
        return ncgen(
            feature,
            s -> {
              int i = s.lastIndexOf('}');
              return s.substring(0, i)
                  + "group: extra {\n variables:\n  int x ;\n data:\n  x = 1 ;\n}\n}\n";
            });
      case "NC_STRING attribute":
        return ncgen(
            "string",
            s ->
                s.replace(
                    "// global attributes:\n",
                    "// global attributes:\n\t\tstring :note = \"vlen\" ;\n"));
      case "2 unlimited dimensions":
        return ncgen(
            "unlimited",
            s ->
                s.replace("dimensions:\n", "dimensions:\n\textra_unlim = UNLIMITED ;\n")
                    .replace("variables:\n", "variables:\n\tint extra(extra_unlim) ;\n"));
      case "unlimited not first":
        return ncgen(
            "unlimfirst",
            s ->
                s.replace("variables:\n", "variables:\n\tdouble extra(num_dim, time_step) ;\n")
                    .replace("data:\n", "data:\n\n extra = {1, 2}, {3, 4}, {5, 6} ;\n"));
      case "a coordinate variable":
        return ncgen(
            "coordinate",
            s ->
                s.replace("variables:\n", "variables:\n\tint num_dim(num_dim) ;\n")
                    .replace("data:\n", "data:\n\n num_dim = 1, 2, 3 ;\n"));
      case "big-endian values":
        return ncgen(
            "bigendian",
            s ->
                s.replace(
                    "double coordx(num_nodes) ;\n",
                    "double coordx(num_nodes) ;\n\t\tcoordx:_Endianness = \"big\" ;\n"));
      case "a compact dataset":
        return ncgen(
            "compact",
            s ->
                s.replace(
                    "int eb_status(num_el_blk) ;\n",
                    "int eb_status(num_el_blk) ;\n\t\teb_status:_Storage = \"compact\" ;\n"));
      case "filter 6":
        {
          ExternalTools.require("nccopy");
          Path classic = CTools.exgen(dir.resolve("so-classic.e"), 2, 2, 2, 2, 2, "cdf2");
          Path out = dir.resolve("scaleoffset.e");
          ExternalTools.run(
              "nccopy", "-k", "nc4", "-F", "coordy,6,0,0", classic.toString(), out.toString());
          return out;
        }
      case "a user block":
        {
          ExternalTools.require("h5jam");
          Path nc4 = CTools.exgen(dir.resolve("ub-src.e"), 2, 2, 2, 2, 2, "nc4");
          Path ub = dir.resolve("ub");
          Files.write(ub, new byte[512]);
          Path out = dir.resolve("userblock.e");
          ExternalTools.run(
              "h5jam", "-i", nc4.toString(), "-u", ub.toString(), "-o", out.toString());
          return out;
        }
      default:
        throw new AssertionError(feature);
    }
  }

  /**
   * A variable whose filter no codec decodes (netCDF-C's scale-offset, id 6) fails only its own
   * reads, naming the file, the variable and the filter; the rest of the file reads (before, jHDF
   * refused the whole file when it opened).
   */
  @Test
  void aFilterNoCodecDecodesFailsOnlyItsVariable() throws Exception {
    Path f = foreign("filter 6");
    try (ExodusFile x = ExodusFile.open(f)) {
      assertEquals(8, x.elementCount());
      assertEquals(27, x.coordinates(0).length); // coordx: no filter
      ExodusFormatException e = assertThrows(ExodusFormatException.class, () -> x.coordinates(1));
      String m = e.getMessage();
      assertTrue(m.contains(f.toString()), m);
      assertTrue(m.contains("variable coordy"), m);
      assertTrue(m.contains("HDF5 filter 6 ("), m);
      assertTrue(m.contains("is not supported"), m);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "group",
        "NC_STRING attribute",
        "2 unlimited dimensions",
        "unlimited not first",
        "a coordinate variable",
        "big-endian values",
        "a compact dataset",
        "filter 6",
        "a user block"
      })
  void whatCannotBeCarriedIsRefusedAndTheFileLeftUnchanged(String feature) throws Exception {
    Path f = foreign(feature);
    byte[] before = Files.readAllBytes(f);
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> ExodusUpdater.open(f).close());
    String m = e.getMessage();
    assertTrue(m.contains(f.toString()), m);
    // h5jam's user block (a superblock base address): jHDF cannot read it, so the reader already
    // refuses the file; the rest (scale-offset too: read but not written here) by the adoption
    boolean reader = feature.equals("a user block");
    assertTrue(m.contains(reader ? "HDF5 structure" : "cannot carry"), m);
    String expected =
        switch (feature) {
          case "group" -> "group /extra";
          case "NC_STRING attribute" -> "global attribute note";
          case "2 unlimited dimensions" -> "2 unlimited dimensions";
          case "unlimited not first" -> "variable extra";
          case "a coordinate variable" -> "variable num_dim";
          case "big-endian values" -> "variable coordx";
          case "a compact dataset" -> "variable eb_status";
          case "filter 6" -> "variable coordy";
          default -> "superblock base address";
        };
    assertTrue(m.contains(expected), m);
    if (!List.of("2 unlimited dimensions", "unlimited not first", "a user block", "filter 6")
        .contains(feature)) {
      assertTrue(m.contains(feature.replace("NC_STRING attribute", "NC_STRING")), m);
    }
    assertArrayEquals(before, Files.readAllBytes(f), "the refused file changed");
    // and the file is free again: a second attempt gets the same refusal, not FileInUseException
    ExodusFormatException again =
        assertThrows(ExodusFormatException.class, () -> ExodusUpdater.open(f).close());
    assertEquals(m, again.getMessage());
    assertArrayEquals(before, Files.readAllBytes(f), "the refused file changed");
    if (!reader) {
      try (ExodusFile x = ExodusFile.open(f)) {
        assertEquals(8, x.elementCount());
      }
    }
  }

  /** Where {@code pattern} occurs in {@code b}, exactly once. */
  private static int onlyOccurrence(byte[] b, byte[] pattern) {
    int found = -1;
    for (int i = 0; i + pattern.length <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
        assertEquals(-1, found, "the pattern occurs twice");
        found = i;
      }
    }
    assertTrue(found >= 0, "the pattern does not occur");
    return found;
  }

  /**
   * A chunk whose Fletcher-32 checksum no longer matches (damaged by hand) is refused when a patch
   * reads it back, and the file is left byte for byte as it was, closing included (red team: the
   * failed patch used to mark the file changed, and close then rewrote the metadata after the data
   * and switched the superblock).
   */
  @Test
  void aPatchOfAChunkWithABadChecksumIsRefusedAndTheFileLeftUnchanged() throws Exception {
    ExternalTools.require("nccopy");
    Path classic = CTools.exgen(dir.resolve("f32-classic.e"), 4, 4, 4, 3, 2, "cdf2");
    Path f = dir.resolve("f32.e");
    ExternalTools.run(
        "nccopy",
        "-k",
        "nc4",
        "-F",
        "vals_nod_var1,3",
        "-c",
        "num_nodes/32",
        classic.toString(),
        f.toString());
    // the first chunk of step 0 is stored raw (Fletcher-32 only): its first four values, as the
    // C library wrote them in the classic file, locate it in the file
    double[] first;
    try (ExodusFile c = ExodusFile.open(classic)) {
      first = c.nodalVariable(0, 0);
    }
    java.nio.ByteBuffer pattern =
        java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) pattern.putDouble(first[i]);
    byte[] bytes = Files.readAllBytes(f);
    int at = onlyOccurrence(bytes, pattern.array());
    bytes[at + 9] ^= 0x40; // value 1 changes; the checksum stays
    Files.write(f, bytes);
    java.io.IOException e;
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      e =
          assertThrows(
              java.io.IOException.class,
              () -> u.writeNodalVariable(0, 0, 3, 2, new double[] {7, 8}, 0));
    }
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Fletcher-32"), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(f), "the refused patch changed the file");
  }

  /**
   * A chunk index whose key gives a stored size no filter pipeline can produce (damaged by hand:
   * the whole rest of the file) is refused when the file is adopted, the file unchanged (red team:
   * it was accepted, and a patch of that chunk read the whole size back into one array; on a large
   * file up to 2 GB, an OutOfMemoryError).
   */
  @Test
  void aChunkSizeNoFilterCanMakeIsRefusedWhenAdopting() throws Exception {
    ExternalTools.require("nccopy");
    Path classic = CTools.exgen(dir.resolve("sz-classic.e"), 4, 4, 4, 3, 2, "cdf2");
    Path f = dir.resolve("sz.e");
    ExternalTools.run(
        "nccopy",
        "-k",
        "nc4",
        "-F",
        "vals_nod_var1,3",
        "-c",
        "num_nodes/32",
        classic.toString(),
        f.toString());
    double[] first;
    try (ExodusFile c = ExodusFile.open(classic)) {
      first = c.nodalVariable(0, 0);
    }
    java.nio.ByteBuffer pattern =
        java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) pattern.putDouble(first[i]);
    byte[] bytes = Files.readAllBytes(f);
    long chunk = onlyOccurrence(bytes, pattern.array());
    // the B-tree child pointing at that chunk; its key (size, filter mask, 3 offsets) precedes it
    byte[] address =
        java.nio.ByteBuffer.allocate(8)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(chunk)
            .array();
    int child = onlyOccurrence(bytes, address);
    java.nio.ByteBuffer key =
        java.nio.ByteBuffer.wrap(bytes, child - 32, 32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertEquals(32 * 8 + 4, key.getInt(child - 32), "the key's stored size (values + checksum)");
    key.putInt(child - 32, (int) (bytes.length - chunk)); // still inside the file
    Files.write(f, bytes);
    ExodusFormatException e =
        assertThrows(ExodusFormatException.class, () -> ExodusUpdater.open(f).close());
    String m = e.getMessage();
    assertTrue(m.contains(f.toString()) && m.contains("variable vals_nod_var1"), m);
    assertTrue(m.contains("damaged chunk index"), m);
    assertArrayEquals(bytes, Files.readAllBytes(f), "the refused file changed");
  }

  /**
   * A reader opened between two commits of an updater holds that commit's metadata and reads the
   * chunk B-trees lazily; the writer reuses the space a commit frees from the next commit on. The
   * reader then fails with a message that says so (red team: it said "data missing: the file is
   * truncated", of a file that was not), and follows the file after a refresh.
   */
  @Test
  void aReaderOpenedBeforeTwoCommitsSaysTheFileWasCommittedAgainAndRefreshes() throws Exception {
    Path f = CTools.exgen(dir.resolve("stale.e"), 4, 4, 4, 3, 2, "nc4");
    int nodes = 125;
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      long s = u.appendStep(9);
      u.writeNodalVariable(0, s, 0, nodes, new double[nodes], 0);
      u.commit();
      try (ExodusFile r = ExodusFile.open(f)) {
        assertEquals(4, r.timeStepCount());
        for (int c = 0; c < 4; c++) {
          double[] w = new double[nodes];
          java.util.Arrays.fill(w, -1 - c);
          u.writeNodalVariable(1, 0, 0, nodes, w, 0);
          u.commit();
        }
        FileChangedException e =
            assertThrows(
                FileChangedException.class,
                () -> {
                  for (int v = 0; v < 2; v++) {
                    for (int st = 0; st < 4; st++) r.nodalVariable(v, st);
                  }
                });
        String m = e.getMessage();
        assertTrue(e.committedAgain(), m);
        assertTrue(m.contains(f.toString()), m);
        assertTrue(m.contains("committed again") && m.contains("refresh()"), m);
        // refreshed, the same reader reads the last commit
        r.refresh();
        assertEquals(4, r.timeStepCount());
        assertEquals(-4.0, r.nodalVariable(1, 0)[nodes - 1]);
      }
    }
    // reopened, the reader sees the last commit: the C library's view of the same file
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(-4.0, r.nodalVariable(1, 0)[nodes - 1]);
    }
    assertTrue(CTools.exref(f).contains("nodal_var\tfield_2\t1\t-4\t"), "C library view");
  }

  /**
   * netCDF-C (HDF5) locks with {@code flock}, which our {@code fcntl} locks do not see: an updater
   * opened while netCDF4-python holds the file for appending used to succeed, and Python's close
   * then overwrote the updater's committed step (measured). The updater now refuses the file while
   * an HDF5 writer holds it, and the file is unchanged.
   */
  @Test
  void anUpdaterRefusesAFileNetcdfCHoldsOpenForWriting() throws Exception {
    String python = ExternalTools.pythonWithNetcdf4();
    Path f = CTools.exgen(dir.resolve("held.e"), 2, 2, 2, 2, 2, "nc4");
    byte[] before = Files.readAllBytes(f);
    Process py =
        new ProcessBuilder(
                python,
                "-c",
                "import sys, netCDF4\n"
                    + "d = netCDF4.Dataset(sys.argv[1], 'a')\n"
                    + "print('open', flush=True)\n"
                    + "sys.stdin.readline()\n"
                    + "d.close()\n",
                f.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("open", out.readLine());
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () ->
                  ExodusUpdater.open(
                      f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("process " + py.pid()), e.getMessage());
    } finally {
      py.getOutputStream().close(); // Python closes the file and ends
      assertTrue(py.waitFor(30, TimeUnit.SECONDS));
    }
    assertArrayEquals(before, Files.readAllBytes(f), "the file changed");
    try (ExodusUpdater u = ExodusUpdater.open(f)) { // free again once Python closed it
      assertEquals(2, u.timeStepCount());
    }
  }

  /**
   * A rewrite (addVariables; setGlobalAttribute where it cannot edit in place) of a file a netCDF-C
   * writer holds is refused as the updater's open is, the file unchanged (it replaced the file
   * under the writer before).
   */
  @Test
  void aRewriteRefusesAFileNetcdfCHoldsOpenForWriting() throws Exception {
    String python = ExternalTools.pythonWithNetcdf4();
    Path f = CTools.exgen(dir.resolve("held-rewrite.e"), 2, 2, 2, 2, 2, "nc4");
    byte[] before = Files.readAllBytes(f);
    Process py =
        new ProcessBuilder(
                python,
                "-c",
                "import sys, netCDF4\n"
                    + "d = netCDF4.Dataset(sys.argv[1], 'a')\n"
                    + "print('open', flush=True)\n"
                    + "sys.stdin.readline()\n"
                    + "d.close()\n",
                f.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("open", out.readLine());
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () -> ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("added")));
      assertTrue(e.getMessage().contains("process " + py.pid()), e.getMessage());
    } finally {
      py.getOutputStream().close();
      assertTrue(py.waitFor(30, TimeUnit.SECONDS));
    }
    // (compared once netCDF-C closed it: HDF5 marks the superblock while a writer has it open)
    assertArrayEquals(before, Files.readAllBytes(f), "the file changed");
  }

  /**
   * A rewrite keeps the file's permissions (it made a private 600 file world-readable 644 before),
   * for NetCDF-4 and classic files; a missing file is "no such file", not "not writable".
   */
  @ParameterizedTest
  @ValueSource(strings = {"nc4", "cdf2"})
  void aRewriteKeepsTheFilesPermissions(String format) throws Exception {
    Path f = CTools.exgen(dir.resolve("private-" + format + ".e"), 2, 2, 2, 2, 2, format);
    var perms = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(f, perms);
    ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("added"));
    try (ExodusFile x = ExodusFile.open(f)) {
      assertTrue(x.variableNames(EntityType.NODAL).contains("added"));
    }
    assertEquals(perms, Files.getPosixFilePermissions(f));
    Path missing = dir.resolve("missing-" + format + ".e");
    java.nio.file.NoSuchFileException e =
        assertThrows(
            java.nio.file.NoSuchFileException.class,
            () -> ExodusUpdater.addVariables(missing, EntityType.NODAL, List.of("x")));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> ExodusUpdater.setGlobalAttribute(missing, "note", "x"));
  }

  @Test
  void updatersOfAFileTheCLibraryWroteFollowTheSameLocks() throws Exception {
    Path f = CTools.exgen(dir.resolve("lock.e"), 2, 2, 2, 2, 2, "nc4");
    byte[] before = Files.readAllBytes(f);
    // another process holds an updater of the file as netCDF-C wrote it
    Process p = MultiProcessUpdateTest.start(LockWorkers.HoldUpdater.class, f.toString(), "20");
    try {
      String line =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertEquals("READY 2", line);
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () ->
                  ExodusUpdater.open(
                      f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    assertArrayEquals(before, Files.readAllBytes(f), "an updater that wrote nothing changed it");
    // in this process: a second updater is refused while the first is open
    try (ExodusUpdater a = ExodusUpdater.open(f)) {
      FileInUseException e =
          assertThrows(
              FileInUseException.class,
              () ->
                  ExodusUpdater.open(
                      f, ExodusUpdater.Options.DEFAULT.withLockWait(java.time.Duration.ZERO)));
      assertTrue(e.getMessage().contains("one updater at a time"), e.getMessage());
      long s = a.appendStep(9);
      a.writeNodalVariable(0, s, 0, 27, new double[27], 0);
      a.commit();
    }
    try (ExodusUpdater b = ExodusUpdater.open(f)) {
      assertEquals(3, b.timeStepCount());
    }
  }

  /**
   * A reader opened and closed in the JVM that holds an updater keeps the updater's locks: jHDF
   * reads through the JVM's one channel of the file, not a descriptor of its own whose close would
   * drop them (POSIX record locks belong to the process and go with any descriptor's close).
   */
  @Test
  void aReaderClosedBesideAnUpdaterLeavesItsLocks() throws Exception {
    Path f = CTools.exgen(dir.resolve("reader.e"), 2, 2, 2, 2, 2, "nc4");
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      try (ExodusFile x = ExodusFile.open(f)) {
        assertEquals(2, x.timeStepCount());
      }
      try (ExodusFile x =
          ExodusFile.open(f, ExodusOpenOptions.builder().memoryMap(false).build())) {
        assertEquals(27, x.nodeCount());
      }
      Process p =
          MultiProcessUpdateTest.start(LockWorkers.HoldUpdater.class, f.toString(), "0", "nowait");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(out.contains("FileInUseException"), out);
      long s = u.appendStep(5);
      u.writeNodalVariable(1, s, 0, 27, new double[27], 0);
      u.commit();
    }
    try (ExodusFile x = ExodusFile.open(f)) {
      assertEquals(3, x.timeStepCount());
    }
  }

  /**
   * {@code exo info}'s summary beside an updater of the same JVM keeps the updater's locks: its
   * dead-space line maps the file through the JVM's one channel, not a descriptor of its own.
   */
  @Test
  void aSummaryBesideAnUpdaterLeavesItsLocks() throws Exception {
    Path f = CTools.exgen(dir.resolve("summary.e"), 2, 2, 2, 2, 2, "nc4");
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      try (ExodusFile x = ExodusFile.open(f)) {
        assertTrue(x.summary().contains("dead space: "), x.summary());
      }
      Process p =
          MultiProcessUpdateTest.start(LockWorkers.HoldUpdater.class, f.toString(), "0", "nowait");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(out.contains("FileInUseException"), out);
      assertEquals(2, u.timeStepCount());
    }
  }

  // ---- kill -9 while appending to an adopted file --------------------------------------------

  static final int NX = 12;
  static final int NODES = (NX + 1) * (NX + 1) * (NX + 1);

  static double value(long step, int var, int node) {
    return step * 1e6 + var * 1e5 + node + 0.25;
  }

  /** {@code FILE}: appends steps to an existing file forever, printing COMMITTED n after each. */
  public static final class Appender {
    public static void main(String[] a) throws Exception {
      try (ExodusUpdater u = ExodusUpdater.open(Path.of(a[0]))) {
        System.out.println("OPENED");
        System.out.flush();
        double[] v = new double[NODES];
        while (true) {
          long s = u.appendStep(s0(u));
          for (int var = 0; var < 2; var++) {
            for (int i = 0; i < NODES; i++) v[i] = value(s, var, i);
            u.writeNodalVariable(var, s, 0, NODES, v, 0);
          }
          u.commit();
          System.out.println("COMMITTED " + (s + 1));
          System.out.flush();
        }
      }
    }

    private static double s0(ExodusUpdater u) {
      return u.timeStepCount() + 0.5;
    }
  }

  @Test
  void killedWhileAppendingToAnAdoptedFileEveryCommittedStepSurvives() throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    ExternalTools.require("nccopy");
    Path exref = CTools.tool("exref");
    Random rnd = new Random(16);
    int trials = 10; // the last five killed early: before, during or just after the first commit
    List<String> report = new ArrayList<>();
    for (int trial = 0; trial < trials; trial++) {
      // exgen deflates nothing; nccopy gives the C library's deflate + shuffle
      Path src = CTools.exgen(dir.resolve("src-" + trial + ".e"), NX, NX, NX, 2, 2, "cdf2");
      Path f = dir.resolve("crash-" + trial + ".e");
      ExternalTools.run("nccopy", "-k", "nc4", "-d", "1", "-s", src.toString(), f.toString());
      long original = Files.size(f);
      String originalDump = ExternalTools.run(exref.toString(), f.toString());
      boolean early = trial >= 5;
      int target = early ? 0 : 3 + rnd.nextInt(25);
      Process p = MultiProcessUpdateTest.start(Appender.class, f.toString());
      long seen = 0;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.equals("OPENED")) {
            if (early) break; // kill inside the first commit, where the file is adopted
          } else if (line.startsWith("COMMITTED ")) {
            seen = Long.parseLong(line.substring(10));
            if (seen >= target) break;
          } else {
            throw new AssertionError("worker: " + line);
          }
        }
        Thread.sleep(rnd.nextInt(early ? 80 : 5)); // kill somewhere inside the next steps
        p.destroyForcibly(); // SIGKILL
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(seen >= target, "worker stopped early at " + seen);
      long steps;
      try (ExodusFile x = ExodusFile.open(f)) {
        steps = x.timeStepCount();
        assertTrue(steps >= seen, "trial " + trial + ": " + steps + " steps < committed " + seen);
        assertTrue(steps >= 2, "trial " + trial + ": the original steps are gone");
        double[] u = new double[NODES];
        for (int s = 2; s < steps; s++) {
          for (int var = 0; var < 2; var++) {
            x.readNodalVariable(var, s, 0, NODES, u, 0);
            for (int i = 0; i < NODES; i += 97) {
              assertEquals(value(s, var, i), u[i], "trial " + trial + " step " + s);
            }
          }
        }
      }
      String c =
          ExternalTools.run(
                  py,
                  "-c",
                  "import netCDF4\nd=netCDF4.Dataset('"
                      + f
                      + "')\nprint(len(d.dimensions['time_step']), d['vals_nod_var2'][-1][7])")
              .trim();
      String[] parts = c.split(" ");
      assertEquals(steps, Long.parseLong(parts[0]), c);
      if (steps > 2) { // else the original last step, checked in the dump below
        assertEquals(value(steps - 1, 1, 7), Double.parseDouble(parts[1]), c);
      }
      String dump = ExternalTools.run(exref.toString(), f.toString()); // libexodusII opens it
      if (steps == 2) {
        assertEquals(originalDump, dump, "trial " + trial + ": no step committed, file changed");
      }
      assertTrue(dump.contains("\nnum_time_steps\t" + steps + "\n"), dump);
      report.add(
          "trial "
              + trial
              + ": committed "
              + seen
              + " reported, "
              + steps
              + " readable"
              + (early ? " (killed early)" : "")
              + ", "
              + original
              + " -> "
              + Files.size(f)
              + " bytes");
    }
    System.out.println(String.join("\n", report));
  }
}
