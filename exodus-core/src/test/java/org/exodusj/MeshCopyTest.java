package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExodusWriter#defineLike} + {@link ExodusWriter#copyMesh} on every corpus file with a
 * reference dump: the C library's dump of the copy equals its dump of the source (the reference),
 * record by record, for everything but the results (times and variables, which a mesh copy leaves
 * out).
 */
class MeshCopyTest {
  @TempDir Path dir;

  /** Records of the canonical dump that are results, not mesh. */
  static final Set<String> RESULTS =
      Set.of(
          "num_time_steps",
          "times",
          "global_var_names",
          "global_vars",
          "nodal_var",
          "elem_var",
          "node_set_var",
          "side_set_var",
          "edge_var",
          "face_var");

  static Stream<Path> references() throws Exception {
    return ReferenceDump.all();
  }

  /**
   * Where a copy cannot be the same, by design of the writer: a file whose element count exceeds
   * what its blocks hold (the writer counts elements from the blocks), by file name: the records
   * that differ.
   */
  static final java.util.Map<String, Set<String>> UNCOPYABLE =
      java.util.Map.of(
          "exodusjl__test__example_output__global_vars_test.gold",
          Set.of("num_elem", "elem_num_map"));

  static List<String> mesh(String dump, Set<String> skip) {
    List<String> out = new ArrayList<>();
    for (String line : dump.split("\n")) {
      String[] r = line.split("\t", -1);
      if (line.isEmpty() || RESULTS.contains(r[0]) || skip.contains(r[0])) continue;
      // the writer spells the polytope types in capitals (NSIDED, NFACED), as libexodusII does
      if (r[0].endsWith("_block")
          && (r[2].equalsIgnoreCase("NSIDED") || r[2].equalsIgnoreCase("NFACED"))) {
        r[2] = r[2].toUpperCase(java.util.Locale.ROOT);
        line = String.join("\t", r);
      }
      out.add(line);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void theCopysMeshIsTheSourcesMeshAsTheCLibraryReadsBoth(Path ref) throws Exception {
    Path src = ReferenceDump.fileOf(ref);
    Path copy = dir.resolve("copy.e");
    try (ExodusFile f = ExodusFile.open(src);
        ExodusWriter w = ExodusWriter.create(copy, ExodusWriter.defineLike(f))) {
      w.copyMesh(f);
    }
    String expected;
    try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(ref))) {
      expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Set<String> skip = UNCOPYABLE.getOrDefault(src.getFileName().toString(), Set.of());
    String copied = CTools.exref(copy);
    List<String> want = mesh(expected, skip);
    List<String> got = mesh(copied, skip);
    for (String record : skip) {
      assertTrue(
          !mesh(expected, Set.of()).stream()
              .filter(l -> l.startsWith(record + "\t"))
              .toList()
              .equals(
                  mesh(copied, Set.of()).stream()
                      .filter(l -> l.startsWith(record + "\t"))
                      .toList()),
          record + " was expected to differ");
    }
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < Math.max(want.size(), got.size()) && diffs.size() < 5; i++) {
      String a = i < want.size() ? want.get(i) : "<none>";
      String b = i < got.size() ? got.get(i) : "<none>";
      if (!a.equals(b)) {
        diffs.add(
            "record "
                + i
                + "\n  source: "
                + a.substring(0, Math.min(300, a.length()))
                + "\n  copy:   "
                + b.substring(0, Math.min(300, b.length())));
      }
    }
    assertEquals(List.of(), diffs, src.toString());
    assertTrue(want.size() > 5);
  }
}
