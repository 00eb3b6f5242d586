package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusUpdater;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExodusUpdater} on NetCDF-4 files the C library wrote (libexodusII through exgen, nccopy
 * with deflate, shuffle, Fletcher-32 and other chunkings, a corpus file): steps appended, values
 * patched in place inside existing chunks and contiguous data, a name written; the C library dumps
 * the result exactly as it dumps the same operations done on a classic copy; ncdump -hs and h5dump
 * read it without an error; netCDF4-python reads every appended value.
 */
class Netcdf4AdoptionInteropTest {
  @TempDir Path dir;

  static final int APPENDED = 3;

  /** The value written at (step, variable, entry) by {@link #operate}. */
  static double value(long step, int var, long entry) {
    return 1000.0 * step + 100.0 * var + entry + 0.5;
  }

  /** The same operations on any Exodus file: returns the step count after them. */
  static long operate(Path p) throws Exception {
    long nodes;
    int nodal;
    int globals;
    int elemVars;
    long steps;
    double last;
    Block first;
    try (ExodusFile f = ExodusFile.open(p)) {
      nodes = f.nodeCount();
      nodal = f.variableNames(EntityType.NODAL).size();
      globals = f.variableNames(EntityType.GLOBAL).size();
      elemVars = f.variableNames(EntityType.ELEM_BLOCK).size();
      steps = f.timeStepCount();
      double[] t = f.times();
      last = t.length == 0 ? 0 : t[t.length - 1];
      first = f.blocks(EntityType.ELEM_BLOCK).get(0);
    }
    try (ExodusUpdater u = ExodusUpdater.open(p)) {
      // in place, inside stored chunks: the last nodal variable of step 0, nodes [1, 7)
      double[] patch = new double[6];
      for (int i = 0; i < 6; i++) patch[i] = -1000 - i;
      u.writeNodalVariable(nodal - 1, 0, 1, Math.min(6, nodes - 1), patch, 0);
      u.writeName(EntityType.ELEM_BLOCK, first.id(), "adopted"); // contiguous in netCDF-C files
      double[] buf = new double[(int) Math.max(nodes, first.entryCount())];
      for (int k = 0; k < APPENDED; k++) {
        long s = u.appendStep(last + 1 + k);
        assertEquals(steps + k, s);
        for (int v = 0; v < nodal; v++) {
          for (int i = 0; i < nodes; i++) buf[i] = value(s, v, i);
          u.writeNodalVariable(v, s, 0, nodes, buf, 0);
        }
        double[] g = new double[globals];
        for (int v = 0; v < globals; v++) g[v] = value(s, v, 99);
        if (globals > 0) u.writeGlobalVariables(s, g, 0);
        for (int v = 0; v < elemVars; v++) {
          for (int i = 0; i < first.entryCount(); i++) buf[i] = value(s, v, -i);
          u.writeVariable(EntityType.ELEM_BLOCK, v, first.id(), s, 0, first.entryCount(), buf, 0);
        }
        u.commit();
      }
    }
    return steps + APPENDED;
  }

  /**
   * A classic file of exgen and a NetCDF-4 file the C library made of it ({@code how}), then the
   * same operations on both.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "exgen nc4",
        "nccopy -k nc4 -d 1 -s",
        "nccopy -k nc4 -d 5 -s -c time_step/1,num_nodes/8",
        "nccopy -k nc4 -F vals_nod_var1,3 -F vals_nod_var1,1,2 -F coordx,1,4",
        "nccopy -k nc4 -F vals_nod_var2,2,8 -F vals_nod_var2,3 -F vals_nod_var2,1,2",
        "h5repack of exgen nc4"
      })
  void appendsAndPatchesOnWhatTheCLibraryWroteMatchTheClassicFile(String how) throws Exception {
    Path classic = CExref.exgen(dir.resolve("classic.e"), 3, 4, 5, 2, 2, "cdf2");
    Path nc4 = dir.resolve("nc4.e");
    if (how.equals("exgen nc4")) {
      CExref.exgen(nc4, 3, 4, 5, 2, 2, "nc4");
    } else if (how.startsWith("h5repack")) { // HDF5's default: a version 0 superblock
      Path c = CExref.exgen(dir.resolve("c4.e"), 3, 4, 5, 2, 2, "nc4");
      CExref.run("h5repack", c.toString(), nc4.toString());
      assertTrue(CExref.run("h5dump", "-B", "-H", nc4.toString()).contains("SUPERBLOCK_VERSION 0"));
    } else {
      List<String> cmd = new ArrayList<>(List.of(how.split(" ")));
      cmd.add(classic.toString());
      cmd.add(nc4.toString());
      CExref.run(cmd.toArray(new String[0]));
    }
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(classic), CExref.dump(nc4), 5));
    checkAfterOperations(classic, nc4, how);
  }

  /**
   * netCDF-C and this updater take turns on one file: exgen's file adopted (steps appended), then a
   * step appended by netCDF-C (Python) into the rebuilt metadata, then one more by the updater; the
   * C library sees every step with its values.
   */
  @org.junit.jupiter.api.Test
  void netcdfCAndTheUpdaterTakeTurns() throws Exception {
    Path nc4 = CExref.exgen(dir.resolve("turns.e"), 3, 4, 5, 2, 2, "nc4");
    long steps = operate(nc4); // adopted
    String py = python();
    CExref.run(
        py,
        "-c",
        "import netCDF4, numpy\n"
            + "d=netCDF4.Dataset('"
            + nc4
            + "','a')\n"
            + "T=len(d.dimensions['time_step'])\n"
            + "n=len(d.dimensions['num_nodes'])\n"
            + "d['time_whole'][T]=T+0.5\n"
            + "for v in range(2):\n"
            + "  d['vals_nod_var%d'%(v+1)][T,:]=1000.0*T+100.0*v+numpy.arange(n)+0.5\n"
            + "d.close()\n");
    long nodes;
    try (ExodusFile f = ExodusFile.open(nc4)) {
      assertEquals(steps + 1, f.timeStepCount());
      nodes = f.nodeCount();
    }
    try (ExodusUpdater u = ExodusUpdater.open(nc4)) {
      long s = u.appendStep(steps + 1.5);
      double[] buf = new double[(int) nodes];
      for (int v = 0; v < 2; v++) {
        for (int i = 0; i < nodes; i++) buf[i] = value(s, v, i);
        u.writeNodalVariable(v, s, 0, nodes, buf, 0);
      }
      u.commit();
    }
    String dump = CExref.dump(nc4);
    assertTrue(dump.contains("\nnum_time_steps\t" + (steps + 2) + "\n"), dump);
    for (long s = steps; s < steps + 2; s++) { // netCDF-C's step, then ours
      String prefix = "nodal_var\tfield_2\t" + (s + 1) + "\t";
      String row = null;
      for (String line : dump.split("\n")) if (line.startsWith(prefix)) row = line;
      assertTrue(row != null, "step " + s + "\n" + dump);
      String[] cells = row.substring(prefix.length()).split("\t");
      assertEquals(nodes, cells.length, row);
      for (int i = 0; i < nodes; i++) {
        assertEquals(value(s, 1, i), Double.parseDouble(cells[i]), "step " + s + " node " + i);
      }
    }
    CExref.run("h5dump", nc4.toString());
  }

  /**
   * The NetCDF-4 corpus files (netCDF-C: deflate 4 or 6 with shuffle, chunks of 512 steps for the
   * times; the classic model with deflate 1), against their classic copies.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DERIVED-nc4-zlib4-shuffle__vtkdata__mug.e",
        "DERIVED-nc4-zlib6-shuffle__portage__polymesh_10x10.exo",
        "DERIVED-nc4classic-zlib1__seacas__test-gap.g.et"
      })
  void appendsToACorpusFileMatchTheClassicCopy(String name) throws Exception {
    Path src = ConformanceTest.corpus().resolve("derived").resolve(name);
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(src), src + " not found; skipped");
    Path nc4 = dir.resolve("corpus-nc4.e");
    Files.copy(src, nc4);
    nc4.toFile().setWritable(true);
    Path classic = dir.resolve("corpus-classic.e");
    CExref.run("nccopy", "-k", "64-bit offset", src.toString(), classic.toString());
    checkAfterOperations(classic, nc4, name);
  }

  private void checkAfterOperations(Path classic, Path nc4, String how) throws Exception {
    long before = Files.size(nc4);
    List<String> storage = storage(CExref.run("ncdump", "-hs", nc4.toString()));
    long steps = operate(classic);
    assertEquals(steps, operate(nc4));
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(classic), CExref.dump(nc4), 5), how);
    String header = CExref.run("ncdump", "-hs", nc4.toString());
    assertTrue(header.contains("time_step = UNLIMITED ; // (" + steps + " currently)"), header);
    assertFalse(header.contains("NC_EHDF"), header);
    // every variable keeps its storage, chunking and filters (pipeline order included)
    assertEquals(storage, storage(header), how);
    assertTrue(header.contains("_NCProperties = \"version=2,exodusj=1\""), header);
    CExref.run("h5dump", nc4.toString()); // fails on a non-zero exit (an HDF5 error)
    // netCDF-C through Python: every appended value of every nodal variable
    String py = python();
    String out =
        CExref.run(
            py,
            "-c",
            "import netCDF4\n"
                + "d=netCDF4.Dataset('"
                + nc4
                + "')\n"
                + "n=len(d.dimensions['num_nodes'])\n"
                + "T=len(d.dimensions['time_step'])\n"
                + "bad=0\n"
                + "for v in range(len(d.dimensions['num_nod_var'])):\n"
                + "  x=d['vals_nod_var%d'%(v+1)]\n"
                + "  for s in range(T-"
                + APPENDED
                + ",T):\n"
                + "    row=x[s]\n"
                + "    for i in range(n):\n"
                + "      if row[i]!=1000.0*s+100.0*v+i+0.5: bad+=1\n"
                + "print(T, bad)\n");
    assertEquals(steps + " 0", out.trim(), how);
    System.out.println(how + ": " + before + " -> " + Files.size(nc4) + " bytes");
  }

  /** The storage lines of ncdump -hs: layout, chunk sizes, filters, byte order, format. */
  static List<String> storage(String header) {
    List<String> out = new ArrayList<>();
    for (String line : header.split("\n")) {
      if (line.matches(
          "\\s*\\w*:_(Storage|ChunkSizes|Shuffle|DeflateLevel|Fletcher32|Filter|Endianness|Format) = .*")) {
        out.add(line.trim());
      }
    }
    assertTrue(out.size() > 20, header);
    return out;
  }

  /** Debian's Python with netCDF4: skipped where missing, except under CI. */
  static String python() throws Exception {
    String py = "/usr/bin/python3";
    boolean ok;
    try {
      Process p = new ProcessBuilder(py, "-c", "import netCDF4").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      ok = false;
    }
    if (!ok) {
      String msg = "python3-netcdf4 is not installed; skipped";
      if (System.getenv("CI") != null)
        org.junit.jupiter.api.Assertions.fail(msg + " -- but CI must run it");
      org.junit.jupiter.api.Assumptions.abort(msg);
    }
    return py;
  }
}
