package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExodusWriter#defineLike(ExodusFile)} keeps the source's format and filters, and {@link
 * ExodusWriter#defineLike(ExodusFile, ExodusFormat)} chooses the format: on NetCDF-4 sources
 * netCDF-C wrote ({@code nccopy -k nc4 -d 4 -s}, {@code -d 6 -s -c time_step/1}, a CDF-2 file, a
 * CDF-5 file), the copy's storage as {@code ncdump -hs} reports it ({@code _DeflateLevel}, {@code
 * _Shuffle}, {@code _ChunkSizes}, {@code _Fletcher32}) equals the source's variable by variable,
 * {@code ncdump -k} gives the kind asked for, and the C library's dump of the copy's mesh equals
 * its dump of the source's.
 */
class DefineLikeFormatTest {
  @TempDir Path dir;

  static Path derived(String name) {
    return ExternalTools.corpus().resolve("derived").resolve(name);
  }

  static final Pattern SPECIAL =
      Pattern.compile(
          "^\\s+(\\w+):(_DeflateLevel|_Shuffle|_ChunkSizes|_Fletcher32|_Storage) = (.*) ;$");

  /** Per variable, its storage attributes as {@code ncdump -hs} prints them. */
  static Map<String, Map<String, String>> storage(Path file) throws Exception {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String line : ExternalTools.run("ncdump", "-hs", file.toString()).split("\n")) {
      Matcher m = SPECIAL.matcher(line);
      if (m.matches())
        out.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), m.group(3));
    }
    return out;
  }

  static String kind(Path file) throws Exception {
    return ExternalTools.run("ncdump", "-k", file.toString()).trim();
  }

  private Path copy(Path src, ExodusFormat format, String name) throws Exception {
    Path out = dir.resolve(name);
    try (ExodusFile f = ExodusFile.open(src)) {
      Definition d =
          format == null ? ExodusWriter.defineLike(f) : ExodusWriter.defineLike(f, format);
      try (ExodusWriter w = ExodusWriter.create(out, d)) {
        w.copyMesh(f);
      }
    }
    return out;
  }

  /** The C library's reading of the mesh of both files is the same. */
  private static void sameMesh(Path src, Path copy) throws Exception {
    assertEquals(
        MeshCopyTest.mesh(CTools.exref(src), Set.of()),
        MeshCopyTest.mesh(CTools.exref(copy), Set.of()),
        copy + " vs " + src);
  }

  @Test
  void aNetcdf4SourceGivesANetcdf4CopyWithItsFiltersAndChunks() throws Exception {
    for (String name :
        List.of(
            "DERIVED-nc4-zlib4-shuffle__vtkdata__mug.e",
            "DERIVED-nc4-zlib6-shuffle__portage__polymesh_10x10.exo")) {
      Path src = derived(name);
      Path copy = copy(src, null, name + ".copy");
      assertEquals("netCDF-4", kind(copy), name);
      Map<String, Map<String, String>> want = storage(src);
      Map<String, Map<String, String>> got = storage(copy);
      List<String> compared = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : got.entrySet()) {
        Map<String, String> s = want.get(e.getKey());
        if (s == null || !"\"chunked\"".equals(s.get("_Storage"))) continue;
        Map<String, String> c = e.getValue();
        for (String a : List.of("_DeflateLevel", "_Shuffle", "_Fletcher32")) {
          assertEquals(s.get(a), c.get(a), name + " " + e.getKey() + ":" + a);
        }
        if (!e.getKey().equals("time_whole")) { // a result: the writer chunks its steps anew
          assertEquals(s.get("_ChunkSizes"), c.get("_ChunkSizes"), name + " " + e.getKey());
        }
        compared.add(e.getKey());
      }
      assertTrue(compared.contains("coordx") && compared.contains("connect1"), compared.toString());
      sameMesh(src, copy);
    }
  }

  /** SEACAS 9.06's own compressed NetCDF-4 file ({@code ex_set_option}: deflate 3, shuffle). */
  @Test
  void aFileTheCLibraryCompressedKeepsItsFilters() throws Exception {
    Path tool = Exodus9.compile(Path.of("src", "test", "c", "exnomesh.c").toAbsolutePath());
    Path src = dir.resolve("c9.e");
    ExternalTools.run(tool.toString(), src.toString(), "4", "xc", "3");
    Path copy = copy(src, null, "c9.copy");
    assertEquals("netCDF-4", kind(copy));
    Map<String, Map<String, String>> want = storage(src);
    Map<String, Map<String, String>> got = storage(copy);
    for (String v : List.of("coordx", "coordy", "connect1")) {
      assertEquals("3", want.get(v).get("_DeflateLevel"), v); // what 9.06 wrote
      assertEquals("\"true\"", want.get(v).get("_Shuffle"), v);
      for (String a : List.of("_DeflateLevel", "_Shuffle", "_Fletcher32", "_ChunkSizes")) {
        assertEquals(want.get(v).get(a), got.get(v).get(a), v + ":" + a);
      }
    }
    sameMesh(src, copy);
  }

  @Test
  void theFormatCanBeChosenAndTheFiltersChanged() throws Exception {
    Path nc4 = derived("DERIVED-nc4-zlib4-shuffle__vtkdata__mug.e");
    // NetCDF-4 to CDF-2: no filters
    Path cdf2 = copy(nc4, ExodusFormat.CDF2, "mug.cdf2");
    assertEquals("64-bit offset", kind(cdf2));
    sameMesh(nc4, cdf2);
    // classic (CDF-5) to NetCDF-4: chunked as the writer chooses, no filters until asked
    Path cdf5 = derived("DERIVED-cdf5__vtkdata__mug.e");
    assertEquals("cdf5", kind(copy(cdf5, null, "mug.kept")));
    Path plain = copy(cdf5, ExodusFormat.NETCDF4, "mug.nc4");
    assertEquals("netCDF-4", kind(plain));
    for (Map<String, String> s : storage(plain).values()) {
      assertFalse(s.containsKey("_DeflateLevel"), s.toString());
    }
    sameMesh(cdf5, plain);
    // the copy's filters replaced: what compression(...) says, on the NetCDF-4 definition
    Path redone = dir.resolve("mug.deflate1");
    try (ExodusFile f = ExodusFile.open(nc4)) {
      Definition d =
          ExodusWriter.defineLike(f).compression(Compression.deflate(1, false).withFletcher32());
      try (ExodusWriter w = ExodusWriter.create(redone, d)) {
        w.copyMesh(f);
      }
    }
    Map<String, String> coordx = storage(redone).get("coordx");
    assertEquals("1", coordx.get("_DeflateLevel"), coordx.toString());
    assertEquals("\"true\"", coordx.get("_Fletcher32"), coordx.toString());
    assertFalse(coordx.containsKey("_Shuffle"), coordx.toString());
    sameMesh(nc4, redone);
  }
}
