package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.exodusj.ExodusFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance check of {@code shared/tools/conformance.sh} inside the build: {@code exo dump}
 * of every corpus file with a reference dump equals the C library's reading, record by record,
 * numbers exactly, for classic and NetCDF-4 files alike.
 */
class ConformanceTest {
  static Path corpus() {
    Path c =
        Path.of(System.getProperty("exodusj.shared", "../../shared"))
            .resolve("corpus")
            .toAbsolutePath();
    Assumptions.assumeTrue(Files.isDirectory(c), "corpus not found at " + c + "; skipped");
    return c;
  }

  static Stream<Path> references() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(corpus().resolve("reference"))) {
      s.filter(p -> p.toString().endsWith(".ref.gz")).sorted().forEach(out::add);
    }
    assertEquals(49, out.size(), "reference dumps in the corpus");
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void dumpEqualsTheCLibrarysReading(Path ref) throws Exception {
    String name = ref.getFileName().toString().replace(".ref.gz", "");
    Path file = corpus().resolve(name);
    if (!Files.exists(file)) {
      file = corpus().resolve("derived").resolve(name);
    }
    String expected;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(ref))) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringWriter out = new StringWriter();
    try (ExodusFile f = ExodusFile.open(file)) {
      new CanonicalDump(f, out).dump();
    }
    List<String> diffs = DumpComparison.compare(expected, out.toString(), 5);
    assertEquals(List.of(), diffs, name);
    assertTrue(DumpComparison.records(expected) > 5);
  }
}
