package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.exodusj.ExodusFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code exo info} prints the library's {@link ExodusFile#summary()}, one implementation for both,
 * and its block, set and step lines say what the C library reads (the reference dumps).
 */
class InfoTextTest {
  static Stream<Path> references() throws Exception {
    return ConformanceTest.references();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void infoIsTheSummaryAndAgreesWithTheCLibrary(Path ref) throws Exception {
    String name = ref.getFileName().toString().replace(".ref.gz", "");
    Path file = ConformanceTest.corpus().resolve(name);
    if (!Files.exists(file)) file = ConformanceTest.corpus().resolve("derived").resolve(name);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("info", file.toString());
    assertEquals(0, r.code(), r.err());
    try (ExodusFile f = ExodusFile.open(file)) {
      assertEquals(f.summary(), r.out());
    }
    RefDump d = RefDump.load(ref);
    for (String kind : new String[] {"elem_block", "edge_block", "face_block"}) {
      for (String[] b : d.all(kind)) {
        String line = String.format(Locale.ROOT, "  id %-8d %-10s ", Long.parseLong(b[1]), b[2]);
        assertTrue(r.out().contains(line), line + " in\n" + r.out());
        assertTrue(
            r.out()
                .contains(
                    String.format(
                        Locale.ROOT, "%10d entries x %s nodes", Long.parseLong(b[3]), b[4])),
            kind + " " + b[1]);
      }
    }
    for (String kind : new String[] {"node_set", "side_set"}) {
      for (String[] s : d.all(kind)) {
        String line =
            String.format(
                Locale.ROOT,
                "  id %-8d %10d entries, %s distribution factors",
                Long.parseLong(s[1]),
                Long.parseLong(s[2]),
                s[3]);
        assertTrue(r.out().contains(line), line + " in\n" + r.out());
      }
    }
    long steps = d.count("num_time_steps");
    assertTrue(r.out().contains("\nsteps     " + steps), "steps " + steps);
  }
}
