package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExodusFile#sideSetNodes} against libexodusII's {@code ex_get_side_set_node_list}
 * (src/test/c/exssnodes.c): on every corpus file with side sets, and on one-element meshes of every
 * element type and node count the C library translates, each side of which is in a side set.
 */
class SideSetNodesTest {
  @TempDir Path dir;

  /** A key of {@link #cLibrary}'s result: the C library crashed after what it printed. */
  static final long CRASHED = Long.MIN_VALUE;

  /** The C library's node lists of every side set of {@code file}: id -> {counts, nodes}. */
  static Map<Long, long[][]> cLibrary(Path file) throws Exception {
    Process proc =
        new ProcessBuilder(CTools.testTool("exssnodes").toString(), file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "exssnodes timed out on " + file);
    Map<Long, long[][]> m = new LinkedHashMap<>();
    if (proc.exitValue() != 0) {
      m.put(CRASHED, null); // the C library crashed after the side sets it printed
    }
    for (String line : out.split("\n")) {
      String[] r = line.split("\t", -1);
      if (r.length < 3) continue;
      long id = Long.parseLong(r[1]);
      switch (r[0]) {
        case "side_set" -> m.computeIfAbsent(id, k -> new long[3][])[0] = longs(r[2]);
        case "side_set_nodes" -> m.computeIfAbsent(id, k -> new long[3][])[1] = longs(r[2]);
        case "side_set_error" -> m.computeIfAbsent(id, k -> new long[3][])[2] = new long[] {1};
        default -> {}
      }
    }
    return m;
  }

  private static long[] longs(String s) {
    if (s.isBlank()) return new long[0];
    String[] p = s.trim().split(" ");
    long[] v = new long[p.length];
    for (int i = 0; i < p.length; i++) v[i] = Long.parseLong(p[i]);
    return v;
  }

  static Stream<Path> corpusFiles() throws IOException {
    Path c = ExternalTools.corpus();
    List<Path> out = new ArrayList<>();
    for (Path d : List.of(c, c.resolve("derived"), c.resolve("decomposed"))) {
      try (Stream<Path> s = Files.list(d)) {
        s.filter(Files::isRegularFile)
            .filter(p -> !p.toString().endsWith(".cdl") && !p.toString().endsWith(".md"))
            .filter(p -> !p.toString().endsWith(".tsv") && !p.toString().endsWith(".gz"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void corpusSideSetsAsTheCLibraryListsThem(Path file) throws Exception {
    ExodusFile f;
    try {
      f = ExodusFile.open(file);
    } catch (IOException e) {
      return; // not an Exodus file the reader opens (covered by the reader's own tests)
    }
    try (f) {
      Map<Long, long[][]> c = cLibrary(file);
      boolean crashed = c.remove(CRASHED, null);
      if (!crashed) {
        assertEquals(f.sets(EntityType.SIDE_SET).size(), c.size(), "side sets");
      }
      for (Map.Entry<Long, long[][]> e : c.entrySet()) {
        if (e.getValue()[0] == null || e.getValue()[1] == null) continue; // cut by the crash
        if (e.getValue()[2] != null) {
          assertThrows(Exception.class, () -> f.sideSetNodes(e.getKey()));
          continue;
        }
        SideSetNodes s = f.sideSetNodes(e.getKey());
        assertEquals(e.getKey(), s.sideSetId());
        // libexodusII 6.02 counts 7 nodes for the triangles of quadratic wedges and pyramids but
        // lists 6: its counts are an oracle only where they add up to the nodes it lists
        if (java.util.Arrays.stream(e.getValue()[0]).sum() == e.getValue()[1].length) {
          assertArrayEquals(e.getValue()[0], s.counts(), "counts of side set " + e.getKey());
        } else {
          assertEquals(e.getValue()[0].length, s.counts().length);
        }
        assertArrayEquals(e.getValue()[1], s.nodes(), "nodes of side set " + e.getKey());
      }
    }
  }

  /** Element types (as stored), node counts and dimensions the C library has side tables for. */
  static final Object[][] TYPES = {
    {"SPHERE", 1, 3},
    {"CIRCLE", 1, 2},
    {"TRUSS", 2, 3},
    {"BAR", 3, 3},
    {"EDGE", 2, 2},
    {"BEAM", 2, 3},
    {"BEAM", 3, 3},
    {"QUAD", 4, 2},
    {"QUAD5", 5, 2},
    {"QUAD8", 8, 2},
    {"QUAD9", 9, 2},
    {"TRI", 3, 2},
    {"TRI4", 4, 2},
    {"TRI6", 6, 2},
    {"TRI7", 7, 2},
    {"TRISHELL", 3, 3},
    {"TRISHELL6", 6, 3},
    {"TRISHELL7", 7, 3},
    {"SHELL", 4, 3},
    {"SHELL8", 8, 3},
    {"SHELL9", 9, 3},
    {"TETRA", 4, 3},
    {"TETRA8", 8, 3},
    {"TETRA10", 10, 3},
    {"TETRA14", 14, 3},
    {"WEDGE", 6, 3},
    {"WEDGE15", 15, 3},
    {"WEDGE16", 16, 3},
    {"WEDGE18", 18, 3},
    {"WEDGE20", 20, 3},
    {"WEDGE21", 21, 3},
    {"WEDGE12", 12, 3},
    {"PYRAMID", 5, 3},
    {"PYRAMID13", 13, 3},
    {"PYRAMID14", 14, 3},
    {"PYRAMID18", 18, 3},
    {"PYRAMID19", 19, 3},
    {"HEX", 8, 3},
    {"HEX9", 9, 3},
    {"HEX20", 20, 3},
    {"HEX27", 27, 3},
    {"HEX16", 16, 3},
    {"HEXSHELL", 12, 3},
    {"TET4", 4, 3},
    {"TRIANGLE", 3, 2},
    {"PRISM6", 6, 3}
  };

  /**
   * Sides where libexodusII 6.02 lists nodes that are not the element's (it reads past the element:
   * TRI4 sides 2-3, every SHELL9 side, WEDGE12, HEX16); there we follow current SEACAS tables, or
   * reject the side where even those name a node the element lacks (TRI4).
   */
  static final List<String> KNOWN_BEYOND =
      List.of(
          "TRI4/4 side 2",
          "TRI4/4 side 3",
          "SHELL9/9 side 1",
          "SHELL9/9 side 2",
          "SHELL9/9 side 3",
          "SHELL9/9 side 4",
          "SHELL9/9 side 5",
          "SHELL9/9 side 6",
          "WEDGE12/12 side 1",
          "WEDGE12/12 side 2",
          "WEDGE12/12 side 3",
          "WEDGE12/12 side 5",
          "HEX16/16 side 1",
          "HEX16/16 side 2",
          "HEX16/16 side 3",
          "HEX16/16 side 4",
          "HEX16/16 side 6");

  /** Sides where libexodusII 6.02 counts 7 nodes but lists 6 (we count the 6 it lists). */
  static final List<String> KNOWN_COUNTS =
      List.of(
          "WEDGE15/15 side 4",
          "WEDGE15/15 side 5",
          "WEDGE16/16 side 4",
          "WEDGE16/16 side 5",
          "WEDGE18/18 side 4",
          "WEDGE18/18 side 5",
          "WEDGE20/20 side 4",
          "WEDGE20/20 side 5",
          "WEDGE21/21 side 4",
          "WEDGE21/21 side 5",
          "WEDGE12/12 side 4",
          "PYRAMID13/13 side 1",
          "PYRAMID13/13 side 2",
          "PYRAMID13/13 side 3",
          "PYRAMID13/13 side 4",
          "PYRAMID14/14 side 1",
          "PYRAMID14/14 side 2",
          "PYRAMID14/14 side 3",
          "PYRAMID14/14 side 4",
          "PYRAMID18/18 side 1",
          "PYRAMID18/18 side 2",
          "PYRAMID18/18 side 3",
          "PYRAMID18/18 side 4",
          "PYRAMID19/19 side 1",
          "PYRAMID19/19 side 2",
          "PYRAMID19/19 side 3",
          "PYRAMID19/19 side 4");

  @Test
  void everyTopologyAndSideAsTheCLibraryListsThem() throws Exception {
    List<String> mismatches = new ArrayList<>();
    List<String> beyondElement = new ArrayList<>();
    List<String> inconsistentCounts = new ArrayList<>();
    int compared = 0;
    for (Object[] t : TYPES) {
      String type = (String) t[0];
      int n = (int) t[1];
      int dim = (int) t[2];
      // two elements, the second with its nodes reversed; side set s holds side s of both,
      // element 2 first (unsorted, to check the order of the result)
      Path p = dir.resolve(type + "-" + n + "-" + dim + ".e");
      Definition d =
          ExodusWriter.define("sides of " + type, dim, 2L * n)
              .block(BlockSpec.of(EntityType.ELEM_BLOCK, 7, type, 2, n));
      for (int side = 1; side <= 6; side++) d.set(SetSpec.of(EntityType.SIDE_SET, side, 2, 0));
      try (ExodusWriter w = ExodusWriter.create(p, d)) {
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) x[i] = i;
        for (int a = 0; a < dim; a++) w.writeCoordinates(a, 0, x.length, x, 0);
        long[] conn = new long[2 * n];
        for (int i = 0; i < n; i++) {
          conn[i] = i + 1;
          conn[n + i] = 2L * n - i;
        }
        w.writeConnectivity(EntityType.ELEM_BLOCK, 7, 0, 2, conn, 0);
        for (int side = 1; side <= 6; side++) {
          w.writeSet(EntityType.SIDE_SET, side, 0, 2, new long[] {2, 1}, new long[] {side, side});
        }
      }
      Map<Long, long[][]> c = cLibrary(p);
      c.remove(CRASHED, null);
      try (ExodusFile f = ExodusFile.open(p)) {
        for (long side = 1; side <= 6; side++) {
          long[][] want = c.get(side);
          Object got;
          try {
            got = f.sideSetNodes(side);
          } catch (ExodusFormatException | IllegalArgumentException e) {
            got = e;
          }
          String where = type + "/" + n + "/" + dim + "-D side " + side + ": ";
          if (want == null || want[2] != null || want[0] == null || want[1] == null) {
            // the C library rejects (or crashes on) this side: so must we
            if (got instanceof SideSetNodes) {
              mismatches.add(where + "C rejects, ours " + describe(got));
            }
            continue;
          }
          // libexodusII 6.02 reads past the element for some high-order sides (nodes that are
          // not the element's, or zeros), and for some it counts more nodes than it writes:
          // there it is no oracle, for the nodes or for the counts
          long[] cNodes = want[1];
          boolean outside = cNodes.length % 2 != 0;
          int half = cNodes.length / 2;
          for (int i = 0; i < cNodes.length && !outside; i++) {
            long lo = i < half ? n + 1 : 1; // element 2 (nodes n+1..2n) is listed first
            outside = cNodes[i] < lo || cNodes[i] > lo + n - 1;
          }
          if (outside) {
            beyondElement.add(type + "/" + n + " side " + side);
            continue;
          }
          boolean countsAgree = java.util.Arrays.stream(want[0]).sum() == cNodes.length;
          if (!countsAgree) inconsistentCounts.add(type + "/" + n + " side " + side);
          compared++;
          if (!(got instanceof SideSetNodes s)
              || (countsAgree && !java.util.Arrays.equals(want[0], s.counts()))
              || !java.util.Arrays.equals(cNodes, s.nodes())) {
            mismatches.add(
                where
                    + "C "
                    + java.util.Arrays.toString(want[0])
                    + " "
                    + java.util.Arrays.toString(want[1])
                    + " ours "
                    + describe(got));
          }
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(compared > 100, compared + " sides compared");
    // where the C library is no oracle: exactly these, so a change in either side shows here
    assertEquals(List.of(), beyondElement.stream().filter(x -> !KNOWN_BEYOND.contains(x)).toList());
    assertEquals(
        List.of(), inconsistentCounts.stream().filter(x -> !KNOWN_COUNTS.contains(x)).toList());
    assertEquals(KNOWN_BEYOND, beyondElement);
    assertEquals(KNOWN_COUNTS, inconsistentCounts);
  }

  private static String describe(Object o) {
    if (o instanceof SideSetNodes s) {
      return java.util.Arrays.toString(s.counts()) + " " + java.util.Arrays.toString(s.nodes());
    }
    return o.toString();
  }
}
