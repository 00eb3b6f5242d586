package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every string the C library's text calls return from the files this library writes, converts and
 * updates is clean, read by libexodusII 6.02 and by Exodus 9.06 into buffers filled with '#' first
 * ({@code src/test/c/extext.c}): {@code ex_inquire(EX_INQ_TITLE)}, {@code ex_get_elem_type}, {@code
 * ex_get_block}, {@code ex_get_prop_names}, {@code ex_get_prop_array("ID")}, {@code ex_get_names},
 * variable, coordinate, QA and info names, assembly names. A text attribute stored without the
 * terminating NUL libexodus writes comes back with a tail of '#'.
 *
 * <p>The expected strings are those given to the writer (the definition below), not anything this
 * library reads back.
 */
class TextAttributesCInteropTest {
  @TempDir Path dir;

  static final String TITLE = "text attributes as libexodus stores them";

  /** What the definition below gives to the writer, keyed as extext prints it. */
  static Map<String, String> expected() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("title", TITLE);
    m.put("block_type ELEM_BLOCK 10", "HEX8");
    m.put("elem_type 10", "HEX8");
    m.put("block_type ELEM_BLOCK 20", "NSIDED");
    m.put("elem_type 20", "NSIDED");
    m.put("block_type EDGE_BLOCK 100", "BAR2");
    m.put("block_type FACE_BLOCK 300", "QUAD4");
    m.put("name ELEM_BLOCK 10", "hexes");
    m.put("name ELEM_BLOCK 20", "polygons");
    m.put("name NODE_SET 1", "left");
    m.put("name SIDE_SET 2", "");
    for (String kind :
        List.of(
            "ELEM_BLOCK",
            "EDGE_BLOCK",
            "FACE_BLOCK",
            "NODE_SET",
            "SIDE_SET",
            "NODE_MAP",
            "ELEM_MAP")) {
      m.put("prop_name " + kind + " 1", "ID");
    }
    m.put("prop_array ELEM_BLOCK ID", "ok 10 20");
    m.put("prop_array EDGE_BLOCK ID", "ok 100");
    m.put("prop_array FACE_BLOCK ID", "ok 300");
    m.put("prop_array NODE_SET ID", "ok 1");
    m.put("prop_array SIDE_SET ID", "ok 2");
    m.put("prop_array NODE_MAP ID", "ok 7");
    m.put("prop_array ELEM_MAP ID", "ok 8");
    m.put("var GLOBAL 1", "energy");
    m.put("var NODAL 1", "temperature");
    m.put("var ELEM_BLOCK 1", "stress");
    m.put("coord_name 1", "x");
    m.put("coord_name 2", "y");
    m.put("coord_name 3", "z");
    m.put("qa 1 1", "exodus-java");
    m.put("qa 1 4", "12:00:00");
    m.put("info 1", "first line");
    return m;
  }

  static Path write(Path p, ExodusFormat format) throws IOException {
    Definition d =
        ExodusWriter.define(format, TITLE, 3, 8)
            .coordinateNames("x", "y", "z")
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", 1, 8).named("hexes"))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 20, "NSIDED", 1, 4).named("polygons"))
            .block(BlockSpec.of(EntityType.EDGE_BLOCK, 100, "BAR2", 1, 2))
            .block(BlockSpec.of(EntityType.FACE_BLOCK, 300, "QUAD4", 1, 4))
            .set(SetSpec.of(EntityType.NODE_SET, 1, 2, 0).named("left"))
            .set(SetSpec.of(EntityType.SIDE_SET, 2, 1, 0))
            .numberedMaps(EntityType.NODE_MAP, List.of(7L), List.of("order"))
            .numberedMaps(EntityType.ELEM_MAP, List.of(8L), List.of("order"))
            .qaRecords(List.of(new QaRecord("exodus-java", "0.1", "2026-12-07", "12:00:00")))
            .infoRecords(List.of("first line"))
            .globalVariables("energy")
            .nodalVariables("temperature")
            .variables(EntityType.ELEM_BLOCK, List.of("stress"), null)
            .assembly(new Assembly(500, "solids", EntityType.ELEM_BLOCK, List.of(10L, 20L)));
    try (ExodusWriter w = ExodusWriter.create(p, d)) {
      double[] c = new double[8];
      for (int a = 0; a < 3; a++) {
        for (int n = 0; n < 8; n++) c[n] = (n >> a) & 1;
        w.writeCoordinates(a, 0, 8, c, 0);
      }
      w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new int[] {1, 2, 4, 3, 5, 6, 8, 7}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 20, 0, 4, new int[] {1, 2, 4, 3}, 0);
      w.writeEntityCounts(EntityType.ELEM_BLOCK, 20, 0, 1, new int[] {4}, 0);
      w.writeConnectivity(EntityType.EDGE_BLOCK, 100, 0, 1, new int[] {1, 2}, 0);
      w.writeConnectivity(EntityType.FACE_BLOCK, 300, 0, 1, new int[] {1, 2, 4, 3}, 0);
      w.writeSet(EntityType.NODE_SET, 1, 0, 2, new long[] {1, 3}, null);
      w.writeSet(EntityType.SIDE_SET, 2, 0, 1, new long[] {1}, new long[] {5});
      long step = w.beginStep(0.5);
      w.writeGlobalVariables(step, new double[] {1}, 0);
    }
    return p;
  }

  /** extext's lines as key to value; both C libraries' programs must succeed. */
  static Map<String, String> extext(Path exe, Path file) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : ExternalTools.run(exe.toString(), file.toString()).split("\n")) {
      int bar = line.indexOf('|');
      if (bar > 0) {
        out.put(line.substring(0, bar), line.substring(bar + 1));
      }
    }
    return out;
  }

  /** Both C libraries read every expected string clean, and no string carries a '#' tail. */
  static void assertClean(Path file, Map<String, String> expected) throws Exception {
    Path exe6 = CTools.testTool("extext");
    Path exe9 = Exodus9.compile(Path.of("src", "test", "c", "extext.c").toAbsolutePath());
    for (Path exe : List.of(exe6, exe9)) {
      String lib = exe == exe6 ? "6.02" : "9.06";
      Map<String, String> got = extext(exe, file);
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertEquals(e.getValue(), got.get(e.getKey()), lib + " " + file + ": " + e.getKey());
      }
      for (Map.Entry<String, String> e : got.entrySet()) {
        assertFalse(
            e.getValue().contains("#"), lib + " " + file + ": " + e.getKey() + "=" + e.getValue());
        // every text attribute ends with its NUL, as libexodus writes them all (test below)
        assertFalse(
            e.getKey().startsWith("textatt ") && !e.getValue().equals("nul"),
            lib + " " + file + ": " + e.getKey() + " has no terminating NUL");
      }
      assertTrue(got.containsKey("textatt :title"), got.keySet().toString());
      if (exe == exe9) {
        assertEquals("solids", got.get("assembly 500"), lib + " " + file);
      }
    }
  }

  /**
   * The oracle of where the NUL goes: every text attribute libexodusII 6.02 ({@code exgen}) and
   * Exodus 9.06 ({@code exgroups.c}, a mesh alone in a file) write ends with it.
   */
  @Test
  void libexodusWritesEveryTextAttributeWithItsNul() throws Exception {
    Path e6 = CTools.exgen(dir.resolve("exgen.exo"), 2, 2, 2, 1, 1, "cdf2");
    Path exe9 = Exodus9.compile(Path.of("src", "test", "c", "exgroups.c").toAbsolutePath());
    ExternalTools.run(exe9.toString(), dir.resolve("groups.exo").toString(), dir.toString());
    for (Path f : List.of(e6, dir.resolve("left.exo"))) {
      Map<String, String> got = extext(CTools.testTool("extext"), f);
      long text = got.keySet().stream().filter(k -> k.startsWith("textatt ")).count();
      assertTrue(text >= 3, f + ": " + got.keySet());
      for (Map.Entry<String, String> e : got.entrySet()) {
        if (e.getKey().startsWith("textatt ")) {
          assertEquals("nul", e.getValue(), f + ": " + e.getKey());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ExodusFormat.class)
  void writerFilesReadCleanInBothCLibraries(ExodusFormat format) throws Exception {
    assertClean(write(dir.resolve("w.exo"), format), expected());
  }

  /**
   * A file whose text attributes lack the NUL (as this library wrote them before, and as writers
   * that store only the characters do): ncgen of ncdump's CDL, which shows no trailing NUL.
   */
  Path withoutNul(ExodusFormat format) throws Exception {
    ExternalTools.require("ncgen");
    Path w = write(dir.resolve("src-" + format + ".exo"), format);
    Path cdl = dir.resolve("src-" + format + ".cdl");
    Files.writeString(cdl, ExternalTools.run("ncdump", w.toString()));
    Path old = dir.resolve("old-" + format + ".exo");
    String kind = format == ExodusFormat.NETCDF4 ? "netCDF-4" : "64-bit offset";
    ExternalTools.run("ncgen", "-k", kind, "-o", old.toString(), cdl.toString());
    // The oracle sees the missing NUL: the element type comes back with the buffer's garbage.
    Map<String, String> got = extext(CTools.testTool("extext"), old);
    assertTrue(got.get("elem_type 10").startsWith("HEX8#"), got.get("elem_type 10"));
    return old;
  }

  @ParameterizedTest
  @EnumSource(ExodusFormat.class)
  void convertedFilesGetTheNul(ExodusFormat format) throws Exception {
    Path old = withoutNul(ExodusFormat.CDF2);
    Path out = dir.resolve("converted.exo");
    ExodusConverter.Result r = ExodusConverter.convert(old, out, format, true, null);
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("terminating NUL")), r.notes().toString());
    assertClean(out, expected());
  }

  @Test
  void convertedNetcdf4FileGetsTheNul() throws Exception {
    Path old = withoutNul(ExodusFormat.NETCDF4);
    Path out = dir.resolve("converted.exo");
    ExodusConverter.convert(old, out, ExodusFormat.CDF5, true, null);
    assertClean(out, expected());
  }

  @Test
  void aMeshCopiedFromAFileWithoutNulReadsClean() throws Exception {
    Path old = withoutNul(ExodusFormat.CDF2);
    Path out = dir.resolve("copied.exo");
    try (ExodusFile src = ExodusFile.open(old);
        ExodusWriter w = ExodusWriter.create(out, ExodusWriter.defineLike(src))) {
      w.copyMesh(src);
    }
    Map<String, String> exp = expected();
    exp.keySet().removeIf(k -> k.startsWith("var ")); // the mesh only, not the results
    assertClean(out, exp);
  }

  @ParameterizedTest
  @EnumSource(
      value = ExodusFormat.class,
      names = {"CDF2", "NETCDF4"})
  void updatedTitleAndAddedVariablesReadClean(ExodusFormat format) throws Exception {
    Path f = write(dir.resolve("u.exo"), format);
    ExodusUpdater.setGlobalAttribute(f, "title", "a new title");
    ExodusUpdater.addVariables(f, EntityType.NODE_SET, List.of("flux"));
    Map<String, String> exp = expected();
    exp.put("title", "a new title");
    exp.put("var NODE_SET 1", "flux");
    assertClean(f, exp);
  }

  @Test
  void updatingAFileWithoutNulGivesItTheNul() throws Exception {
    Path old = withoutNul(ExodusFormat.CDF2);
    ExodusUpdater.addVariables(old, EntityType.NODE_SET, List.of("flux"));
    Map<String, String> exp = expected();
    exp.put("var NODE_SET 1", "flux");
    assertClean(old, exp);
    ExodusUpdater.setGlobalAttribute(old, "title", "retitled");
    exp.put("title", "retitled");
    assertClean(old, exp);
  }
}
