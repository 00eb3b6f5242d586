package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.ExodusOpenOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A classic file cut short by a crashed writer reads as the C library reads it: a file the C
 * library wrote ({@code exgen}) is cut at many points of its data, and wherever the C library's
 * canonical dump ({@code exref}) succeeds on the cut file, {@code exo dump} succeeds too and equals
 * it record by record (the missing bytes read as zeros, as netCDF-C reads them), with the
 * truncation and each variable not wholly stored listed as defects. A cut inside the header is
 * still refused.
 */
class TruncatedFileTest {
  @TempDir Path dir;

  /** exref's standard output and exit code (its warnings on stderr are not part of the dump). */
  record Ref(int code, String out) {}

  static Ref exref(Path file) throws Exception {
    Process p =
        new ProcessBuilder(CExref.path().toString(), file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Ref(p.exitValue(), out);
  }

  /**
   * Where the header ends as netCDF-C sees it: the shortest prefix of {@code bytes} that {@code
   * ncdump -h} opens.
   */
  static long headerEnd(Path dir, byte[] bytes) throws Exception {
    Path p = dir.resolve("prefix.e");
    long lo = 0;
    long hi = bytes.length; // ncdump -h opens the whole file
    while (lo + 1 < hi) {
      long mid = (lo + hi) / 2;
      Files.write(p, Arrays.copyOf(bytes, (int) mid));
      Process pr =
          new ProcessBuilder("ncdump", "-h", p.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
      if (pr.exitValue() == 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  @ParameterizedTest(name = "{0} memoryMap={1}")
  @CsvSource({"cdf2, true", "cdf1, false"})
  void cutFilesReadAsTheCLibraryReadsThem(String format, boolean mapped) throws Exception {
    Path whole = CExref.exgen(dir.resolve("whole.e"), 3, 3, 2, 4, 2, format);
    byte[] bytes = Files.readAllBytes(whole);
    // netCDF-C opens a header cut in its last word (those bytes read as zeros too); this library
    // refuses any cut inside the header, so the cuts into the data start one word later
    long header = headerEnd(dir, bytes) + 8;
    List<Long> cuts = new ArrayList<>();
    for (int k = 0; k < 24; k++) cuts.add(header + (bytes.length - header) * k / 24);
    cuts.add(bytes.length - 3L); // inside the last value
    cuts.add(header + 5); // inside a value
    int compared = 0;
    for (long cut : cuts) {
      Path p = dir.resolve("cut-" + cut + ".e");
      Files.write(p, Arrays.copyOf(bytes, (int) cut));
      Ref ref = exref(p);
      ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", p.toString());
      if (ref.code() != 0) {
        continue;
      }
      compared++;
      assertEquals(0, r.code(), "cut at " + cut + ": " + r.err());
      assertEquals(List.of(), DumpComparison.compare(ref.out(), r.out(), 10), "cut at " + cut);
      assertTrue(r.err().contains("file is truncated"), r.err());
      try (ExodusFile f =
          ExodusFile.open(p, ExodusOpenOptions.builder().memoryMap(mapped).build())) {
        List<String> d = f.defects();
        assertTrue(d.get(0).contains("but the file has " + cut), d.toString());
        // time_whole: the steps the C library reads as written (exgen's times are nonzero)
        double[] times = f.times();
        int written = 0;
        while (written < times.length && times[written] != 0) written++;
        if (written < times.length) {
          String expected = "variable time_whole: " + written + " of " + times.length + " records";
          assertTrue(d.stream().anyMatch(s -> s.startsWith(expected)), expected + " in " + d);
        }
      }
    }
    assertTrue(compared >= 20, compared + " cuts compared");
  }

  @org.junit.jupiter.api.Test
  void aConversionSaysTheSourceIsCutShort() throws Exception {
    Path whole = CExref.exgen(dir.resolve("whole.e"), 2, 2, 2, 3, 1, "cdf2");
    byte[] bytes = Files.readAllBytes(whole);
    Path p = dir.resolve("cut.e");
    Files.write(p, Arrays.copyOf(bytes, bytes.length - 100));
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("convert", p.toString(), dir.resolve("out.e").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue((r.out() + r.err()).contains("source file is truncated"), r.out() + r.err());
  }

  @ParameterizedTest
  @CsvSource({"cdf2", "cdf1"})
  void aCutInsideTheHeaderIsStillRefused(String format) throws Exception {
    Path whole = CExref.exgen(dir.resolve("whole.e"), 2, 2, 2, 2, 1, format);
    byte[] bytes = Files.readAllBytes(whole);
    long header = headerEnd(dir, bytes);
    for (long cut = 8; cut < header; cut += Math.max(1, header / 40)) {
      Path p = dir.resolve("h.e");
      Files.write(p, Arrays.copyOf(bytes, (int) cut));
      assertThrows(ExodusFormatException.class, () -> ExodusFile.open(p).close(), "cut " + cut);
    }
  }
}
