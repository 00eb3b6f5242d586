package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code shown in README.md and docs/writing.md compiles and runs: the lines between the markers
 * below are the documents' lines (compared after stripping indentation), run against a sample file
 * and checked against exgen's values.
 */
class DocsCodeTest {
  @TempDir Path dir;

  /** The lines between {@code // ---- NAME ----} and {@code // ---- end NAME ----} here. */
  static List<String> marked(String name) throws Exception {
    String self = Files.readString(Path.of("src/test/java/org/exodusj/DocsCodeTest.java"));
    int a = self.indexOf("\n", self.indexOf("// ---- " + name + " ----")) + 1;
    int b = self.indexOf("// ---- end " + name + " ----");
    return strip(self.substring(a, b));
  }

  static List<String> strip(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.strip().isEmpty()) out.add(l.strip());
    }
    return out;
  }

  @Test
  void theReadmeExampleRuns() throws Exception {
    Path demoFile = dir.resolve("demo.e");
    SampleFiles.writeHexMesh(demoFile, 4, 3, 2, 3, 1);
    ExgenOracle o = new ExgenOracle(4, 3, 2);
    long[] values = {0};
    Optional<DoubleBuffer> view;
    double[] coords;
    // ---- readme ----
    try (ExodusFile f = ExodusFile.open(demoFile)) {
      double[] x = new double[(int) f.nodeCount()];
      f.readCoordinates(0, 0, x.length, x, 0); // into your buffer
      Optional<DoubleBuffer> u = f.nodalVariableView(0, 0); // zero copy where possible
      try (ValueChunks c = f.nodalVariableChunks(0, 0, f.timeStepCount(), 1 << 16)) {
        while (c.next()) {
          values[0] += c.values().remaining(); /* c.values(): O(chunk) memory */
        }
      }
      view = u;
      coords = x;
    }
    // ---- end readme ----
    assertEquals(3 * o.nodes(), values[0]);
    for (int n = 0; n < o.nodes(); n++) assertEquals(o.coord(0, n), coords[n]);
    assertEquals(o.nodal(0, 0, 5), view.orElseThrow().get(5));
    // the README shows the same code, whitespace aside (ours counts values, keeps two results)
    String readme = Files.readString(Path.of("../README.md"));
    int at = readme.indexOf("```java\n", readme.indexOf("## Using the library")) + 8;
    String doc = readme.substring(at, readme.indexOf("```", at));
    String ours =
        String.join("\n", marked("readme"))
            .replace("view = u;", "")
            .replace("coords = x;", "")
            .replace("values[0] += c.values().remaining();", "")
            .replace("demoFile", "Path.of(\"demo.e\")");
    assertEquals(doc.replaceAll("\\s+", ""), ours.replaceAll("\\s+", ""));
  }

  @Test
  void theWritingGuidesUpdaterOptionsCompile() throws Exception {
    String shown = "new ExodusUpdater.Options(true, true)";
    String writing = Files.readString(Path.of("../docs/writing.md")).replaceAll("\\s+", " ");
    assertTrue(writing.contains(shown + ")` (`sync` and `lock` on)"), "docs/writing.md shows it");
    ExodusUpdater.Options o = new ExodusUpdater.Options(true, true);
    assertTrue(o.sync());
    assertTrue(o.lock());
  }
}
