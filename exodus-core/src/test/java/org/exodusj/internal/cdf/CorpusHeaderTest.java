package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every classic-format file of the shared corpus opens, and its header matches the {@code ncdump
 * -h} output beside it ({@code .cdl}): dimensions with lengths, the record count, variables with
 * types and dimensions, and the attribute names of the file and of each variable.
 */
class CorpusHeaderTest {
  static Stream<Path> classicFiles() throws IOException {
    Path corpus = ExternalTools.corpus();
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(corpus, corpus.resolve("derived"))) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          if (Files.isRegularFile(p)
              && !p.toString().endsWith(".cdl")
              && Files.exists(Path.of(p + ".cdl"))
              && isClassic(p)) {
            out.add(p);
          }
        }
      }
    }
    assertTrue(out.size() >= 35, "expected the corpus's classic files, found " + out.size());
    return out.stream();
  }

  static boolean isClassic(Path p) throws IOException {
    byte[] h = new byte[4];
    try (var in = Files.newInputStream(p)) {
      return in.read(h) == 4 && h[0] == 'C' && h[1] == 'D' && h[2] == 'F';
    }
  }

  private static final Pattern DIM =
      Pattern.compile("^\\t(\\S+) = (UNLIMITED ; // \\((\\d+) currently\\)|(\\d+) ;)$");
  private static final Pattern VAR =
      Pattern.compile(
          "^\\t(char|byte|short|int|float|double|ubyte|ushort|uint|int64|uint64) (\\S+?)"
              + "(\\((.*)\\))? ;$");
  private static final Pattern ATT = Pattern.compile("^\\t\\t(\\S*):(\\S+) = .*");

  @ParameterizedTest(name = "{0}")
  @MethodSource("classicFiles")
  void headerMatchesNcdump(Path file) throws IOException {
    List<String> cdl = Files.readAllLines(Path.of(file + ".cdl"));
    Map<String, String> dims = new LinkedHashMap<>();
    long records = 0;
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, List<String>> atts = new LinkedHashMap<>();
    String section = "";
    for (String line : cdl) {
      if (line.equals("dimensions:") || line.equals("variables:")) {
        section = line;
        continue;
      }
      Matcher m;
      if (section.equals("dimensions:") && (m = DIM.matcher(line)).matches()) {
        if (m.group(3) != null) {
          dims.put(unescape(m.group(1)), "UNLIMITED");
          records = Long.parseLong(m.group(3));
        } else {
          dims.put(unescape(m.group(1)), m.group(4));
        }
      } else if ((m = VAR.matcher(line)).matches()) {
        String dimList = m.group(4) == null ? "" : m.group(4);
        vars.put(unescape(m.group(2)), m.group(1) + "(" + unescape(dimList) + ")");
      } else if ((m = ATT.matcher(line)).matches()) {
        atts.computeIfAbsent(unescape(m.group(1)), k -> new ArrayList<>())
            .add(unescape(m.group(2)));
      }
    }
    try (CdfFile f = CdfFile.open(file)) {
      Map<String, String> ourDims = new LinkedHashMap<>();
      for (Dimension d : f.dimensions()) {
        ourDims.put(d.name(), d.unlimited() ? "UNLIMITED" : Long.toString(d.length()));
      }
      assertEquals(dims, ourDims, "dimensions");
      assertEquals(records, f.recordCount(), "records");
      Map<String, String> ourVars = new LinkedHashMap<>();
      Map<String, List<String>> ourAtts = new LinkedHashMap<>();
      for (CdfVariable v : f.variables()) {
        List<String> dn = new ArrayList<>();
        for (Dimension d : v.dimensions()) dn.add(d.name());
        ourVars.put(v.name(), v.type().cdlName() + "(" + String.join(", ", dn) + ")");
        for (Attribute a : v.attributes()) {
          ourAtts.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(a.name());
        }
      }
      for (Attribute a : f.attributes()) {
        ourAtts.computeIfAbsent("", k -> new ArrayList<>()).add(a.name());
      }
      assertEquals(vars, ourVars, "variables");
      assertEquals(atts, ourAtts, "attributes");
      assertTrue(
          f.defects().stream().noneMatch(d -> d.contains("truncated")),
          "unexpected defects " + f.defects());
    }
  }

  /** ncdump escapes special characters in names with a backslash. */
  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }
}
