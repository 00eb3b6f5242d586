package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of exodus-core (docs/architecture.md), checked on the main sources: every package
 * another package uses, through an import or a fully qualified name, comments and string literals
 * left out. A rule broken names the file and the package it reaches.
 */
class LayeringTest {
  private static final Path ROOT = Path.of("src/main/java/org/exodusj");
  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\b(org\\.exodusj(?:\\.internal(?:\\.\\w+)*)?|io\\.jhdf(?:\\.\\w+)*)\\.[A-Z*]");

  /**
   * The public value types that may reach an internal package, and why: none of them is part of an
   * import circle (the internal side never names them).
   */
  private static final Map<String, String> ALLOWED_IN_PUBLIC_VALUES =
      Map.of(
          "EntitySet.java",
          "asks ExodusNames whether a set kind stores distribution factors (the layout's one"
              + " table of them)");

  /** Source file (relative to org/exodusj) to the packages it references. */
  private static final Map<String, List<String>> REFERENCES = new TreeMap<>();

  private static final Map<String, String> SOURCES = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    assertTrue(Files.isDirectory(ROOT), ROOT.toAbsolutePath().toString());
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = stripCommentsAndStrings(Files.readString(p));
        String name = ROOT.relativize(p).toString().replace('\\', '/');
        SOURCES.put(name, code);
        List<String> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) refs.add(m.group(1));
        REFERENCES.put(name, refs);
      }
    }
    assertTrue(REFERENCES.size() > 50, "sources found: " + REFERENCES.size());
  }

  /** The code without comments, string and char literals (replaced by spaces). */
  static String stripCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
        out.append(' ');
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        i = end < 0 ? s.length() : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < s.length() && s.charAt(i) != c) i += s.charAt(i) == '\\' ? 2 : 1;
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static List<String> breaking(String fromPrefix, String referencePrefix) {
    List<String> out = new ArrayList<>();
    REFERENCES.forEach(
        (file, refs) -> {
          if (!file.startsWith(fromPrefix)) return;
          for (String r : refs) {
            if (r.equals(referencePrefix) || r.startsWith(referencePrefix + ".")) {
              out.add(file + " -> " + r);
            }
          }
        });
    return out;
  }

  @Test
  void theStripperLeavesCodeAndDropsTheRest() {
    String s =
        "import a.B; // org.exodusj.internal.cdf.X\n/* io.jhdf.Y */ String t = \"io.jhdf.Z\";";
    String stripped = stripCommentsAndStrings(s);
    assertTrue(stripped.contains("import a.B;"), stripped);
    assertFalse(stripped.contains("jhdf"), stripped);
    assertFalse(stripped.contains("internal"), stripped);
    Matcher m =
        REFERENCE.matcher(
            "x = org.exodusj.internal.hdf5.Nc4Writer.create(); import io.jhdf.HdfFile;");
    List<String> found = new ArrayList<>();
    while (m.find()) found.add(m.group(1));
    assertEquals(List.of("org.exodusj.internal.hdf5", "io.jhdf"), found);
  }

  @Test
  void theFormatPackagesNeverUseEachOther() {
    assertEquals(List.of(), breaking("internal/cdf/", "org.exodusj.internal.hdf5"));
    assertEquals(List.of(), breaking("internal/hdf5/", "org.exodusj.internal.cdf"));
  }

  @Test
  void onlyTheHdf5PackageUsesJhdf() {
    List<String> out = new ArrayList<>();
    REFERENCES.forEach(
        (file, refs) -> {
          if (file.startsWith("internal/hdf5/")) return;
          for (String r : refs) if (r.startsWith("io.jhdf")) out.add(file + " -> " + r);
        });
    assertEquals(List.of(), out);
  }

  @Test
  void nothingAboveTheBackendRegistryUsesAFormatPackage() {
    List<String> out = new ArrayList<>();
    REFERENCES.forEach(
        (file, refs) -> {
          if (file.startsWith("internal/cdf/")
              || file.startsWith("internal/hdf5/")
              || file.startsWith("internal/backend/")) {
            return;
          }
          for (String r : refs) {
            if (r.startsWith("org.exodusj.internal.cdf")
                || r.startsWith("org.exodusj.internal.hdf5")) {
              out.add(file + " -> " + r);
            }
          }
        });
    assertEquals(List.of(), out);
  }

  @Test
  void theStorageSeamUsesNoBackendAndNoExodusLayer() {
    for (String pkg :
        List.of(
            "org.exodusj.internal.cdf",
            "org.exodusj.internal.hdf5",
            "org.exodusj.internal.backend",
            "org.exodusj.internal.model",
            "org.exodusj.internal.convert")) {
      assertEquals(List.of(), breaking("internal/storage/", pkg));
    }
  }

  /** Records and enums of the public API reach no internal package (except the allowed ones). */
  @Test
  void publicValueTypesUseNoInternals() {
    Pattern valueType =
        Pattern.compile("^public\\s+(?:final\\s+)?(?:record|enum)\\s+\\w+", Pattern.MULTILINE);
    List<String> out = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    REFERENCES.forEach(
        (file, refs) -> {
          if (file.contains("/") || !valueType.matcher(SOURCES.get(file)).find()) return;
          checked.add(file);
          if (ALLOWED_IN_PUBLIC_VALUES.containsKey(file)) return;
          for (String r : refs)
            if (r.startsWith("org.exodusj.internal")) out.add(file + " -> " + r);
        });
    assertTrue(checked.contains("BlockSpec.java"), checked.toString());
    assertTrue(checked.contains("ChunkCacheSettings.java"), checked.toString());
    assertTrue(checked.contains("FileInfo.java"), checked.toString());
    assertEquals(List.of(), out);
  }
}
