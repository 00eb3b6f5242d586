package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file with a reference dump, converted to CDF-1, CDF-2 and CDF-5 (with value-by-value
 * verification), reads back through the reference C library exactly as the original did.
 */
class ConvertCorpusTest {
  @TempDir static Path dir;

  @BeforeAll
  static void buildExref() throws Exception {
    CExref.path();
  }

  static Stream<Arguments> cases() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Path ref : ConformanceTest.references().toList()) {
      for (ExodusFormat f : ExodusFormat.values()) {
        out.add(Arguments.of(ref.getFileName().toString().replace(".ref.gz", ""), f, ref));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("cases")
  void convertedFileReadsIdenticallyThroughTheCLibrary(String name, ExodusFormat format, Path ref)
      throws Exception {
    Path corpus = ConformanceTest.corpus();
    Path file =
        Files.exists(corpus.resolve(name))
            ? corpus.resolve(name)
            : corpus.resolve("derived").resolve(name);
    Path out = dir.resolve(name + "." + format);
    try {
      ExodusConverter.convert(file, out, format, true, null);
    } catch (IllegalArgumentException doesNotFit) {
      // Only a clear "does not fit" is acceptable, and the target must not exist.
      assertTrue(
          doesNotFit.getMessage().contains("cannot hold")
              || doesNotFit.getMessage().contains("does not fit")
              || doesNotFit.getMessage().contains("2 GiB"),
          doesNotFit.getMessage());
      assertTrue(!Files.exists(out), "no partial output");
      return;
    }
    String expected;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(ref))) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String actual = CExref.dump(out);
    assertEquals(List.of(), DumpComparison.compare(expected, actual, 5), name + " as " + format);
    try {
      Files.delete(out);
    } catch (java.io.IOException ignored) {
      // temp dir cleanup removes it anyway
    }
  }
}
