package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExodusUpdater#compact}: the dead space of update sessions goes, the content stays (the C
 * library's dump and {@code ncdump} of the file, before and after, equal; {@code h5dump} reads it),
 * and a compaction killed at any moment leaves the old or the compacted file at the path.
 */
class CompactTest {
  @TempDir Path dir;

  /** Ten update sessions, each appending a step and patching an older one: dead space. */
  private static void updateTenTimes(Path f, int nodes) throws Exception {
    double[] v = new double[nodes];
    for (int k = 0; k < 10; k++) {
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        long s = u.appendStep(100 + k);
        for (int i = 0; i < nodes; i++) v[i] = k * 10.0 + i;
        u.writeNodalVariable(0, s, 0, nodes, v, 0);
        u.writeNodalVariable(0, 0, 0, 1, new double[] {-k}, 0);
        u.commit();
      }
    }
  }

  /** ncdump's data and attributes (the header line names the file: dropped). */
  private static String ncdump(Path f) throws Exception {
    String d = ExternalTools.run("ncdump", f.toString());
    return d.substring(d.indexOf('\n'));
  }

  private void compactsAndKeepsTheContent(Path f, int nodes, boolean hdf5) throws Exception {
    updateTenTimes(f, nodes);
    String c = CTools.exref(f);
    String n = ncdump(f);
    long before = Files.size(f);
    ExodusUpdater.Compaction k = ExodusUpdater.compact(f);
    assertEquals(before, k.bytesBefore());
    assertEquals(Files.size(f), k.bytesAfter());
    if (hdf5) {
      assertTrue(k.bytesAfter() < before, before + " -> " + k.bytesAfter());
      assertTrue(k.replaced(), k.toString());
      assertEquals(k.bytesAfter(), k.copyBytes());
      ExternalTools.run("h5dump", "-H", f.toString());
    }
    assertEquals(c, CTools.exref(f));
    assertEquals(n, ncdump(f));
    assertFalse(Files.exists(f.resolveSibling(f.getFileName() + ".rewrite")));
    try (ExodusUpdater u = ExodusUpdater.open(f)) { // and it can be updated again
      assertEquals(12, u.timeStepCount());
    }
  }

  @Test
  void ourNetcdf4FileAfterTenSessions() throws Exception {
    Path f = UpdaterJobsTest.ours(dir.resolve("ours.e"), ExodusFormat.NETCDF4, 2000, 2, true);
    compactsAndKeepsTheContent(f, 2000, true);
  }

  @Test
  void aNetcdfCFileAfterTenSessions() throws Exception {
    Path f = CTools.exgen(dir.resolve("c.e"), 8, 8, 8, 2, 2, "nc4"); // 729 nodes
    compactsAndKeepsTheContent(f, 729, true);
  }

  @Test
  void aClassicFileIsCopied() throws Exception {
    Path f = CTools.exgen(dir.resolve("c2.e"), 8, 8, 8, 2, 2, "cdf2");
    compactsAndKeepsTheContent(f, 729, false);
  }

  @Test
  void aNetcdfCFileWithNothingToReclaimIsLeftAsItWas() throws Exception {
    // nccopy writes the corpus's mug.e as NetCDF-4 with nothing dead; this library's metadata for
    // the same content is larger, so the compacted copy is not smaller (+3.8 %, and it was
    // published)
    ExternalTools.require("nccopy");
    Path src = ExternalTools.corpus().resolve("vtkdata__Data__mug.e");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(src), "no " + src);
    Path f = dir.resolve("mug4.e");
    ExternalTools.run("nccopy", "-k", "nc4", src.toString(), f.toString());
    byte[] b = Files.readAllBytes(f);
    ExodusUpdater.Compaction k = ExodusUpdater.compact(f);
    assertFalse(k.replaced(), k.toString());
    assertEquals(b.length, k.bytesBefore());
    assertEquals(b.length, k.bytesAfter());
    assertTrue(k.copyBytes() >= b.length, k.toString());
    org.junit.jupiter.api.Assertions.assertArrayEquals(b, Files.readAllBytes(f));
    assertFalse(Files.exists(f.resolveSibling(f.getFileName() + ".rewrite")));
  }

  @Test
  void aFileWithGroupsIsRefusedAndLeftAsItWas() throws Exception {
    ExternalTools.require("ncgen");
    Path cdl = dir.resolve("g.cdl");
    Files.writeString(
        cdl, "netcdf g {\ngroup: a {\ndimensions:\n n = 2 ;\nvariables:\n int v(n) ;\n}\n}\n");
    Path f = dir.resolve("g.nc");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", f.toString(), cdl.toString());
    byte[] b = Files.readAllBytes(f);
    ExodusFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExodusFormatException.class, () -> ExodusUpdater.compact(f));
    assertTrue(e.getMessage().contains("groups"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertArrayEquals(b, Files.readAllBytes(f));
  }

  /** The md5 of every variable's values, as netCDF4-python (the C library) reads them. */
  private static String digest(Path f) throws Exception {
    String py = ExternalTools.pythonWithNetcdf4();
    return ExternalTools.run(
            py,
            "-c",
            "import netCDF4, numpy, hashlib, sys\n"
                + "d = netCDF4.Dataset(sys.argv[1])\n"
                + "h = hashlib.md5()\n"
                + "for k in sorted(d.variables):\n"
                + "  h.update(k.encode())\n"
                + "  h.update(numpy.ascontiguousarray(numpy.ma.getdata(d.variables[k][:]))"
                + ".tobytes())\n"
                + "print(h.hexdigest())\n",
            f.toString())
        .strip();
  }

  /**
   * A compaction of a 50 MB file killed (SIGKILL) at 15 random moments: the path always holds a
   * file with every value as before (the old one or the compacted one, by its size), never neither;
   * the next compaction removes the killed one's temporary and completes.
   */
  @Test
  void aCompactionKilledAtAnyMomentLeavesTheOldOrTheCompactedFile() throws Exception {
    Path f = CTools.exgen(dir.resolve("big.e"), 40, 40, 40, 30, 3, "nc4"); // 68,921 nodes
    updateTenTimes(f, 68_921);
    String want = digest(f);
    long old = Files.size(f);
    Path compacted = dir.resolve("compacted.e");
    Files.copy(f, compacted);
    ExodusUpdater.compact(compacted);
    long small = Files.size(compacted);
    assertTrue(small < old, old + " -> " + small);
    Path work = dir.resolve("work.e");
    int sawOld = 0;
    int sawNew = 0;
    for (int trial = 0; trial < 15; trial++) {
      Files.copy(f, work, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx128m");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(JobWorkers.Compact.class.getName());
      cmd.add(work.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      java.io.BufferedReader out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("START", out.readLine());
      Thread.sleep(ThreadLocalRandom.current().nextInt(50, 1500));
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      long size = Files.size(work);
      assertTrue(size == old || size == small, "trial " + trial + ": " + size);
      if (size == old) sawOld++;
      else sawNew++;
      assertEquals(want, digest(work), "trial " + trial);
    }
    ExodusUpdater.compact(work); // after the last kill: completes
    assertEquals(small, Files.size(work));
    assertFalse(Files.exists(dir.resolve("work.e.rewrite")));
    assertEquals(want, digest(work));
    System.out.println("killed compactions: " + sawOld + " old, " + sawNew + " compacted");
  }
}
