package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExodusFile#nemesis()} against the C library's Nemesis functions (src/test/c/exnemesis.c
 * prints what they return) on every file of the decomposed corpus: the pieces and the serial files,
 * which have no Nemesis metadata.
 */
class NemesisTest {
  static Stream<Path> decomposedFiles() throws IOException {
    Path d = ExternalTools.corpus().resolve("decomposed");
    try (Stream<Path> s = Files.list(d)) {
      List<Path> files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.toString().endsWith(".gz") && !p.toString().endsWith(".md"))
              .sorted()
              .toList();
      assertTrue(files.size() >= 7, "decomposed corpus incomplete: " + files);
      return files.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("decomposedFiles")
  void matchesTheCLibrary(Path file) throws Exception {
    String c = ExternalTools.run(CTools.testTool("exnemesis").toString(), file.toString());
    // A failing call prints its status, which Java has no counterpart for: compare its name.
    c = c.replaceAll("(?m)^(error \\S+) -?\\d+$", "$1");
    try (ExodusFile f = ExodusFile.open(file)) {
      assertEquals(c, dump(f), file.toString());
    }
  }

  @Test
  void serialFileHasNone() throws Exception {
    Path d = ExternalTools.corpus().resolve("decomposed");
    try (ExodusFile f = ExodusFile.open(d.resolve("noh.exo"))) {
      assertFalse(f.nemesis().isPresent());
    }
    try (ExodusFile f = ExodusFile.open(d.resolve("noh.exo.3.0"))) {
      Nemesis n = f.nemesis().orElseThrow();
      // ncdump's view of noh.exo.3.0, independent of both readers
      assertEquals(22, n.globalNodeCount());
      assertEquals("p", n.fileType());
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> n.loadBalance(1));
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> n.nodeCommMap(99, 0));
    }
  }

  /** The same lines exnemesis prints, from the Java API. */
  static String dump(ExodusFile f) throws IOException {
    Optional<Nemesis> o = f.nemesis();
    if (o.isEmpty()) {
      return "error ex_get_init_info\n";
    }
    Nemesis n = o.get();
    StringBuilder sb = new StringBuilder();
    sb.append("init_info ")
        .append(n.processorCount())
        .append(' ')
        .append(n.processorsInFile())
        .append(' ')
        .append(n.fileType())
        .append('\n');
    long[] ids = n.globalBlockIds();
    long[] ns = n.globalNodeSetIds();
    long[] ss = n.globalSideSetIds();
    if (!n.hasGlobals()) {
      sb.append("error ex_get_init_global\n");
    } else
      sb.append("init_global ")
          .append(n.globalNodeCount())
          .append(' ')
          .append(n.globalElementCount())
          .append(' ')
          .append(ids.length)
          .append(' ')
          .append(ns.length)
          .append(' ')
          .append(ss.length)
          .append('\n');
    if (ids.length > 0) {
      list(sb, "eb_ids_global", 0, ids);
      list(sb, "eb_counts_global", 0, n.globalBlockCounts());
    }
    if (ns.length > 0) {
      list(sb, "ns_ids_global", 0, ns);
      list(sb, "ns_node_counts_global", 0, n.globalNodeSetNodeCounts());
      list(sb, "ns_df_counts_global", 0, n.globalNodeSetDfCounts());
    }
    if (ss.length > 0) {
      list(sb, "ss_ids_global", 0, ss);
      list(sb, "ss_side_counts_global", 0, n.globalSideSetSideCounts());
      list(sb, "ss_df_counts_global", 0, n.globalSideSetDfCounts());
    }
    for (int p = 0; p < n.processorsInFile(); p++) {
      Nemesis.LoadBalance lb = n.loadBalance(p);
      list(
          sb,
          "loadbal",
          p,
          new long[] {
            lb.internalNodes(),
            lb.borderNodes(),
            lb.externalNodes(),
            lb.internalElements(),
            lb.borderElements(),
            lb.nodeCommMaps(),
            lb.elementCommMaps()
          });
      long[][] nm = n.nodeMaps(p);
      list(sb, "node_mapi", p, nm[0]);
      list(sb, "node_mapb", p, nm[1]);
      list(sb, "node_mape", p, nm[2]);
      long[][] em = n.elementMaps(p);
      list(sb, "elem_mapi", p, em[0]);
      list(sb, "elem_mapb", p, em[1]);
      List<Nemesis.CommMap> ncm = n.nodeCommMaps(p);
      List<Nemesis.CommMap> ecm = n.elementCommMaps(p);
      list(sb, "node_cmap_ids", p, ncm.stream().mapToLong(Nemesis.CommMap::id).toArray());
      list(sb, "node_cmap_counts", p, ncm.stream().mapToLong(Nemesis.CommMap::count).toArray());
      list(sb, "elem_cmap_ids", p, ecm.stream().mapToLong(Nemesis.CommMap::id).toArray());
      list(sb, "elem_cmap_counts", p, ecm.stream().mapToLong(Nemesis.CommMap::count).toArray());
      for (Nemesis.CommMap m : ncm) {
        Nemesis.NodeCommMap d = n.nodeCommMap(m.id(), p);
        sb.append("node_cmap ").append(p).append(' ').append(m.id()).append('\n');
        list(sb, "node_cmap_nodes", p, d.nodes());
        list(sb, "node_cmap_procs", p, d.processors());
      }
      for (Nemesis.CommMap m : ecm) {
        Nemesis.ElementCommMap d = n.elementCommMap(m.id(), p);
        sb.append("elem_cmap ").append(p).append(' ').append(m.id()).append('\n');
        list(sb, "elem_cmap_elems", p, d.elements());
        list(sb, "elem_cmap_sides", p, d.sides());
        list(sb, "elem_cmap_procs", p, d.processors());
      }
    }
    return sb.toString();
  }

  private static void list(StringBuilder sb, String name, int p, long[] v) {
    sb.append(name).append(' ').append(p);
    for (long x : v) sb.append(' ').append(x);
    sb.append('\n');
  }
}
