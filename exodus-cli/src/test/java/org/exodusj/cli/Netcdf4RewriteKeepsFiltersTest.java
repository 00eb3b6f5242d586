package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NetCDF-4 file rewritten by {@link ExodusUpdater#addVariables} and {@link
 * ExodusUpdater#setGlobalAttribute} keeps how it is stored: netCDF-C's {@code ncdump -hs} shows
 * every old variable with the same deflate level, shuffle, Fletcher-32 and chunk sizes as before
 * (the chunk sizes of a variable whose dimension grew are chosen anew), the added variables carry
 * the file's filters, and the C library dumps the result as it dumps the same operations on a CDF-2
 * file.
 */
class Netcdf4RewriteKeepsFiltersTest {
  private static final Pattern SPECIAL =
      Pattern.compile(
          "(?m)^\\s+(\\w+):(_DeflateLevel|_Shuffle|_Fletcher32|_ChunkSizes|_Storage) = (.*) ;$");

  @TempDir Path dir;

  /**
   * Variable name to its special attributes ({@code _DeflateLevel=3} ...), as ncdump shows them.
   */
  private static Map<String, Map<String, String>> specials(Path nc4) throws Exception {
    Map<String, Map<String, String>> out = new TreeMap<>();
    Matcher m = SPECIAL.matcher(CExref.run("ncdump", "-hs", nc4.toString()));
    while (m.find()) {
      out.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), m.group(3));
    }
    return out;
  }

  @Test
  void addVariablesAndSetGlobalAttributeKeepDeflateShuffleFletcherAndChunks() throws Exception {
    Path cdf = WriterInteropTest.write(dir.resolve("classic.e"), ExodusFormat.CDF2, 8, false);
    Path nc4 = dir.resolve("nc4.e");
    WriterInteropTest.write(
        nc4,
        ExodusFormat.NETCDF4,
        8,
        false,
        d -> {
          d.compression(org.exodusj.Compression.deflate(3, true).withFletcher32());
          d.chunkSteps(2);
        });
    Map<String, Map<String, String>> before = specials(nc4);
    long filtered =
        before.values().stream().filter(a -> "3".equals(a.get("_DeflateLevel"))).count();
    assertTrue(filtered > 20, "variables with deflate 3 before: " + before);
    assertEquals("2, 12", before.get("vals_nod_var1").get("_ChunkSizes"), before.toString());

    for (Path f : List.of(cdf, nc4)) {
      ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("added"));
      ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("power"));
      ExodusUpdater.setGlobalAttribute(f, "note", "rewritten");
    }

    Map<String, Map<String, String>> after = specials(nc4);
    for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
      String v = e.getKey();
      Map<String, String> was = new TreeMap<>(e.getValue());
      Map<String, String> is = new TreeMap<>(after.getOrDefault(v, Map.of()));
      if (v.equals("name_nod_var") || v.equals("name_glo_var") || v.equals("vals_glo_var")) {
        // a dimension of these grew (num_nod_var, num_glo_var): chunks chosen anew, filters kept
        was.remove("_ChunkSizes");
        is.remove("_ChunkSizes");
      }
      assertEquals(was, is, "variable " + v + " after the rewrites");
    }
    Map<String, String> added = after.get("vals_nod_var3");
    assertEquals("3", added.get("_DeflateLevel"), after.toString());
    assertEquals("\"true\"", added.get("_Shuffle"), after.toString());
    assertEquals("\"true\"", added.get("_Fletcher32"), after.toString());
    assertEquals("2, 12", added.get("_ChunkSizes"), after.toString());
    assertEquals("3", after.get("vals_glo_var").get("_DeflateLevel"), after.toString());

    // The values: the C library reads the rewritten NetCDF-4 file as the rewritten CDF-2 file.
    String expected = CExref.dump(cdf);
    String actual = CExref.dump(nc4);
    assertEquals(List.of(), DumpComparison.compare(expected, actual, 5));
    assertTrue(DumpComparison.records(actual) > 40, actual);
    assertTrue(actual.contains("added"), actual);
    CExref.run("h5dump", nc4.toString()); // fails on a non-zero exit (an HDF5 error)
  }

  /**
   * Filters on one variable only (as libexodusII compresses some variables and not others): the
   * copy holds variables with different filters, which the updater then opens (it refused them) to
   * append a step with values of every nodal variable, the added one too.
   */
  @Test
  void differentFiltersPerVariableSurviveTheRewriteAndTheUpdaterAfterIt() throws Exception {
    Path cdf = WriterInteropTest.write(dir.resolve("classic.e"), ExodusFormat.CDF2, 8, false);
    Path nc4 = dir.resolve("mixed.e");
    CExref.run("nccopy", "-k", "nc4", "-F", "vals_nod_var1,1,2", cdf.toString(), nc4.toString());
    Map<String, Map<String, String>> before = specials(nc4);
    assertEquals("2", before.get("vals_nod_var1").get("_DeflateLevel"), before.toString());
    assertEquals(null, before.get("vals_nod_var2").get("_DeflateLevel"), before.toString());
    for (Path f : List.of(cdf, nc4)) {
      ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("added"));
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        long step = u.appendStep(7.5);
        for (int v = 0; v < 3; v++) {
          double[] x = new double[12];
          for (int i = 0; i < 12; i++) x[i] = 100 * v + i + 0.25;
          u.writeNodalVariable(v, step, 0, 12, x, 0);
        }
        u.commit();
      }
    }
    Map<String, Map<String, String>> after = specials(nc4);
    assertEquals(before.get("vals_nod_var1"), after.get("vals_nod_var1"), after.toString());
    assertEquals(null, after.get("vals_nod_var2").get("_DeflateLevel"), after.toString());
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(cdf), CExref.dump(nc4), 5));
  }

  @Test
  void aFileNetcdfCWroteKeepsItsFiltersAndChunksToo() throws Exception {
    Path cdf = WriterInteropTest.write(dir.resolve("classic.e"), ExodusFormat.CDF2, 8, false);
    Path nc4 = dir.resolve("nccopy.e");
    CExref.run(
        "nccopy",
        "-k",
        "nc4",
        "-d",
        "2",
        "-s",
        "-c",
        "time_step/1,num_nodes/5",
        cdf.toString(),
        nc4.toString());
    Map<String, Map<String, String>> before = specials(nc4);
    assertEquals("1, 5", before.get("vals_nod_var1").get("_ChunkSizes"), before.toString());
    for (Path f : List.of(cdf, nc4)) {
      ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("added"));
    }
    Map<String, Map<String, String>> after = specials(nc4);
    for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
      String v = e.getKey();
      Map<String, String> was = new TreeMap<>(e.getValue());
      Map<String, String> is = new TreeMap<>(after.getOrDefault(v, Map.of()));
      if (v.equals("name_nod_var")) {
        was.remove("_ChunkSizes");
        is.remove("_ChunkSizes");
      }
      if (!"\"chunked\"".equals(was.get("_Storage"))) {
        continue; // contiguous (scalars): this writer chunks every variable, unfiltered
      }
      assertEquals(was, is, "variable " + v + " after the rewrite");
    }
    assertEquals("2", after.get("vals_nod_var3").get("_DeflateLevel"), after.toString());
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(cdf), CExref.dump(nc4), 5));
  }
}
