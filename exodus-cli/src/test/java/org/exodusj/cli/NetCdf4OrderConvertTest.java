package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, "NetCDF-4 order": every NetCDF-4 file of the shared corpus ({@code derived/}) converted
 * to CDF-2 lists its dimensions, variables and attributes in the source's creation order ({@code
 * ncdump -h} of both equal after the first line, which names the file), and the C library reads the
 * converted file exactly as it reads the source (its canonical dump equals the reference).
 */
class NetCdf4OrderConvertTest {
  @TempDir static Path dir;

  @BeforeAll
  static void buildExref() throws Exception {
    CExref.path();
  }

  static Stream<Path> netcdf4Files() throws Exception {
    Path derived = ConformanceTest.corpus().resolve("derived");
    List<Path> out;
    try (Stream<Path> s = Files.list(derived)) {
      out = s.filter(NetCdf4OrderConvertTest::isHdf5).sorted().toList();
    }
    assertFalse(out.isEmpty(), "NetCDF-4 files in " + derived);
    return out.stream();
  }

  static boolean isHdf5(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] m = in.readNBytes(4);
      return m.length == 4 && m[0] == (byte) 0x89 && m[1] == 'H' && m[2] == 'D' && m[3] == 'F';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static String headerWithoutName(Path p) throws Exception {
    String h = CExref.run("ncdump", "-h", p.toString());
    return h.substring(h.indexOf('\n') + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("netcdf4Files")
  void convertedToCdf2KeepsTheOrderAndReadsIdentically(Path file) throws Exception {
    Path out = dir.resolve(file.getFileName() + ".cdf2.e");
    ExodusConverter.convert(file, out, ExodusFormat.CDF2, true, null);
    assertEquals(headerWithoutName(file), headerWithoutName(out), "ncdump -h of " + file);
    Path ref =
        ConformanceTest.corpus().resolve("reference").resolve(file.getFileName() + ".ref.gz");
    String expected;
    if (Files.exists(ref)) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(ref))) {
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } else {
      expected = CExref.dump(file);
    }
    assertEquals(expected, CExref.dump(out), "the C library's reading of the converted " + file);
  }
}
