package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.exodusj.ExodusFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code exo join} of the corpus sets equals the serial files they were decomposed from: by the
 * shared compare-join.py (python3-netcdf4, keyed by global ids) and by the C library's reading
 * (exref) of both files; bad sets end in clear errors; {@code exo diff} takes a set on either side.
 */
class JoinTest {
  @TempDir Path tmp;

  static Path dir() {
    return ConformanceTest.corpus().resolve("decomposed");
  }

  static String python() throws Exception {
    String py = "/usr/bin/python3";
    boolean ok;
    try {
      Process p = new ProcessBuilder(py, "-c", "import netCDF4").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      ok = false;
    }
    if (!ok) {
      String msg = "python3-netcdf4 is not installed; skipped";
      if (System.getenv("CI") != null) fail(msg + " -- but CI must run it");
      Assumptions.abort(msg);
    }
    return py;
  }

  /** The C library's dump without QA and info records, element types in upper case. */
  static String dumpForComparison(Path file) throws Exception {
    return CExref.dump(file)
        .lines()
        .filter(l -> !l.startsWith("qa\t") && !l.startsWith("info\t"))
        .filter(l -> !l.startsWith("num_qa") && !l.startsWith("num_info"))
        .map(l -> l.startsWith("elem_block\t") ? l.toUpperCase(java.util.Locale.ROOT) : l)
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @CsvSource({"noh.exo,noh.exo", "mkmesh.gen,mkmesh.par"})
  void joinEqualsTheSerialFile(String serial, String base) throws Exception {
    Path out = tmp.resolve("joined.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), dir().resolve(base).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("joined "), r.out());
    String cmp =
        CExref.run(
            python(),
            ConformanceTest.corpus().getParent().resolve("tools/compare-join.py").toString(),
            dir().resolve(serial).toString(),
            out.toString());
    assertEquals("join: same", cmp.strip());
    assertEquals(dumpForComparison(dir().resolve(serial)), dumpForComparison(out));
  }

  @Test
  void joinOfListedPiecesInAnyOrder() throws Exception {
    Path out = tmp.resolve("j.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            out.toString(),
            dir().resolve("noh.exo.3.2").toString(),
            dir().resolve("noh.exo.3.0").toString(),
            dir().resolve("noh.exo.3.1").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(dumpForComparison(dir().resolve("noh.exo")), dumpForComparison(out));
  }

  @Test
  void missingRank() throws Exception {
    Path out = tmp.resolve("j.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join",
            out.toString(),
            dir().resolve("noh.exo.3.0").toString(),
            dir().resolve("noh.exo.3.2").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("noh.exo.3.1"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void refusesToOverwriteAPiece() throws Exception {
    for (int r = 0; r < 3; r++) {
      Files.copy(dir().resolve("noh.exo.3." + r), tmp.resolve("w.3." + r));
    }
    byte[] before = Files.readAllBytes(tmp.resolve("w.3.1"));
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join", tmp.resolve("w.3.1").toString(), tmp.resolve("w").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is a piece of the set being joined"), r.err());
    assertArrayEquals(before, Files.readAllBytes(tmp.resolve("w.3.1")));
  }

  @Test
  void piecesOfDifferentSets() throws Exception {
    Path out = tmp.resolve("j.e");
    Files.copy(dir().resolve("noh.exo.3.0"), tmp.resolve("m.2.0"));
    Files.copy(dir().resolve("mkmesh.par.2.1"), tmp.resolve("m.2.1"));
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("m").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("different set"), r.err());
    assertFalse(Files.exists(out));
  }

  /** Copies a NetCDF file with python3-netcdf4, keeping STEPS steps and resizing a dimension. */
  static void copy(Path src, Path dst, int steps, String dim, int length) throws Exception {
    copy(src, dst, steps, dim, length, false);
  }

  /**
   * As {@link #copy(Path, Path, int, String, int)}; with {@code renumber}, node ids become 3 id +
   * 100 and element ids 1000 - 5 id (not 1..N, elements in reverse order).
   */
  static void copy(Path src, Path dst, int steps, String dim, int length, boolean renumber)
      throws Exception {
    String script =
        String.join(
            "\n",
            "import sys",
            "from netCDF4 import Dataset",
            "a = Dataset(sys.argv[1]); b = Dataset(sys.argv[2], 'w', format=a.data_model)",
            "a.set_auto_maskandscale(False); b.set_auto_maskandscale(False)",
            "steps, dim, length = int(sys.argv[3]), sys.argv[4], int(sys.argv[5])",
            "b.setncatts({k: a.getncattr(k) for k in a.ncattrs()})",
            "for n, d in a.dimensions.items():",
            "    b.createDimension(n, None if d.isunlimited() else (length if n == dim else len(d)))",
            "for n, v in a.variables.items():",
            "    v.set_auto_chartostring(False)",
            "    w = b.createVariable(n, v.datatype, v.dimensions)",
            "    w.set_auto_chartostring(False)",
            "    w.setncatts({k: v.getncattr(k) for k in v.ncattrs()})",
            "    if n == 'node_num_map' and sys.argv[6] == 'renumber':",
            "        w[:] = v[:] * 3 + 100",
            "    elif n == 'elem_num_map' and sys.argv[6] == 'renumber':",
            "        w[:] = 1000 - 5 * v[:]",
            "    elif v.dimensions and v.dimensions[0] == 'time_step':",
            "        w[:steps] = v[:steps]",
            "    elif v.dimensions:",
            "        w[:] = v[:]",
            "    else:",
            "        w.assignValue(v.getValue())",
            "b.close()");
    Path py = dst.resolveSibling("copy.py");
    Files.writeString(py, script, StandardCharsets.UTF_8);
    CExref.run(
        python(),
        py.toString(),
        src.toString(),
        dst.toString(),
        Integer.toString(steps),
        dim,
        Integer.toString(length),
        renumber ? "renumber" : "");
  }

  @Test
  void stepsThatDifferAreLeftOutWithANote() throws Exception {
    for (int r = 0; r < 3; r++) {
      Path src = dir().resolve("noh.exo.3." + r);
      copy(src, tmp.resolve("s.3." + r), r == 1 ? 20 : 31, "none", 0);
    }
    Path out = tmp.resolve("j.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("s").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("note: the pieces have different numbers of steps"), r.out());
    assertTrue(r.out().contains("rank 1: 20"), r.out());
    try (ExodusFile j = ExodusFile.open(out);
        ExodusFile s = ExodusFile.open(dir().resolve("noh.exo"))) {
      assertEquals(20, j.timeStepCount());
      assertArrayEquals(java.util.Arrays.copyOf(s.times(), 20), j.times());
      for (String name : s.variableNames(org.exodusj.EntityType.NODAL)) {
        double[] a = s.nodalVariable(name, 19);
        double[] b = j.nodalVariable(name, 19);
        for (int i = 0; i < b.length; i++) {
          assertEquals(a[(int) s.nodeIndex(j.nodeId(i))], b[i], 0.0, name);
        }
      }
    }
  }

  @Test
  void globalIdsOtherThanOneToN() throws Exception {
    for (int r = 0; r < 3; r++) {
      copy(dir().resolve("noh.exo.3." + r), tmp.resolve("q.3." + r), 31, "none", 0, true);
    }
    copy(dir().resolve("noh.exo"), tmp.resolve("serial.e"), 31, "none", 0, true);
    Path out = tmp.resolve("j.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("q").toString());
    assertEquals(0, r.code(), r.err());
    String cmp =
        CExref.run(
            python(),
            ConformanceTest.corpus().getParent().resolve("tools/compare-join.py").toString(),
            tmp.resolve("serial.e").toString(),
            out.toString());
    assertEquals("join: same", cmp.strip());
    try (ExodusFile j = ExodusFile.open(out)) {
      assertEquals(103, j.nodeId(0)); // ascending global ids
      assertTrue(j.elementId(0) < j.elementId(1), "elements by id within the block");
    }
  }

  @Test
  void inconsistentGlobalCounts() throws Exception {
    copy(dir().resolve("noh.exo.3.0"), tmp.resolve("g.3.0"), 31, "num_nodes_global", 23);
    Files.copy(dir().resolve("noh.exo.3.1"), tmp.resolve("g.3.1"));
    Files.copy(dir().resolve("noh.exo.3.2"), tmp.resolve("g.3.2"));
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "join", tmp.resolve("j.e").toString(), tmp.resolve("g").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("inconsistent global counts"), r.err());
    assertTrue(r.err().contains("23 nodes"), r.err());
  }

  @Test
  void diffTakesASetOnEitherSide() throws Exception {
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess(
            "diff", dir().resolve("noh.exo").toString(), dir().resolve("noh.exo.3").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("equal within tolerance"), r.out());
    // a set against a different file differs: the pieces of mkmesh against noh's serial file
    ExoCommandTest.Result d =
        ExoCommandTest.inProcess(
            "diff", dir().resolve("mkmesh.par").toString(), dir().resolve("noh.exo").toString());
    assertEquals(1, d.code(), d.out() + d.err());
    List<String> lines = d.out().lines().toList();
    assertTrue(lines.get(0).endsWith("mkmesh.par"), lines.get(0));
  }
}
