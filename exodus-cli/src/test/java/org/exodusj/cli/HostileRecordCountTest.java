package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.exodusj.ExodusFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classic header counting far more records than the file holds (here 2^31 - 1 records in a file
 * of a few kilobytes): the step count stays the header's, as the C library's, but {@code exo dump}
 * lists the steps the file holds and only the first {@link CanonicalDump#MISSING_STEPS_LISTED}
 * wholly missing ones (zeros), says how many it left out, and finishes in bounded time and output.
 */
class HostileRecordCountTest {
  @TempDir Path dir;

  private static List<String> stepLines(String dump, int step) {
    Pattern p = Pattern.compile("^(nodal_var\\t[^\\t]+|global_vars)\\t" + step + "\\t.*");
    return dump.lines().filter(l -> p.matcher(l).matches()).collect(Collectors.toList());
  }

  /**
   * The lines with their numbers as floats (the file stores floats; the dumps print them apart).
   */
  private static List<String> asFloats(List<String> lines) {
    return lines.stream()
        .map(
            l -> {
              StringBuilder b = new StringBuilder();
              for (String x : l.split("\t")) {
                try {
                  b.append((float) Double.parseDouble(x));
                } catch (NumberFormatException e) {
                  b.append(x);
                }
                b.append('\t');
              }
              return b.toString();
            })
        .collect(Collectors.toList());
  }

  @Test
  void dumpOfAHostileRecordCountIsBounded() throws Exception {
    Path whole = CExref.exgen(dir.resolve("whole.e"), 2, 2, 2, 4, 1, "cdf2");
    String ref = CExref.dump(whole);
    byte[] bytes = Files.readAllBytes(whole);
    assertEquals(4, ByteBuffer.wrap(bytes).getInt(4), "exgen's numrecs");
    ByteBuffer.wrap(bytes).putInt(4, Integer.MAX_VALUE);
    Path hostile = dir.resolve("hostile.e");
    Files.write(hostile, bytes);

    try (ExodusFile f = ExodusFile.open(hostile)) {
      assertEquals(Integer.MAX_VALUE, f.timeStepCount());
      assertEquals(4, f.timeStepsInFile());
      assertTrue(
          f.defects().get(0).contains("but the file has " + bytes.length), f.defects().toString());
    }
    ExoCommandTest.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> ExoCommandTest.inProcess("dump", hostile.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().length() < 4 * ref.length(), r.out().length() + " chars");
    assertTrue(r.out().contains("num_time_steps\t" + Integer.MAX_VALUE + "\n"));
    // the stored steps as the C library dumps the intact file
    for (int s = 1; s <= 4; s++) {
      List<String> expected = stepLines(ref, s);
      assertTrue(!expected.isEmpty(), "step " + s + " in the C library's dump");
      assertEquals(asFloats(expected), asFloats(stepLines(r.out(), s)), "step " + s);
    }
    // the first ten missing steps as zeros, then nothing
    long listed = 4 + CanonicalDump.MISSING_STEPS_LISTED;
    for (int s = 5; s <= listed; s++) {
      List<String> lines = stepLines(r.out(), s);
      assertEquals(stepLines(ref, 1).size(), lines.size(), "step " + s);
      for (String l : lines) {
        String[] v = l.split("\t");
        for (int i = l.startsWith("global") ? 2 : 3; i < v.length; i++) {
          assertEquals(0.0, Double.parseDouble(v[i]), l);
        }
      }
    }
    assertEquals(List.of(), stepLines(r.out(), (int) listed + 1));
    String expected =
        "steps "
            + (listed + 1)
            + "-"
            + Integer.MAX_VALUE
            + " ("
            + (Integer.MAX_VALUE - listed)
            + " of "
            + Integer.MAX_VALUE
            + " counted) lie wholly beyond the end of the file: left out of the dump";
    assertTrue(r.err().contains(expected), r.err());
    assertTrue(r.err().contains("file is truncated"), r.err());

    ExoCommandTest.Result info =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> ExoCommandTest.inProcess("info", hostile.toString()));
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains("file is truncated"), info.out());
  }

  /**
   * A NetCDF-4 file counting steps no record variable stores (exgen's 4 steps in one-step chunks,
   * time_whole extended to 20 by h5py; ncdump counts 20): {@code exo info} lists the defect, {@code
   * exo dump} says the steps it left out are stored by no variable, not beyond the end of the file.
   */
  @Test
  void aNetcdf4FileCountingStepsItDoesNotStoreIsDumpedWithItsOwnWording() throws Exception {
    org.exodusj.internal.testutil.ExternalTools.require("nccopy");
    String py = org.exodusj.internal.testutil.ExternalTools.pythonWithNetcdf4();
    Path c2 = CExref.exgen(dir.resolve("g2.e"), 2, 2, 2, 4, 1, "cdf2");
    Path f = dir.resolve("g4.e");
    org.exodusj.internal.testutil.ExternalTools.run(
        "nccopy", "-k", "nc4", "-c", "time_step/1", c2.toString(), f.toString());
    org.exodusj.internal.testutil.ExternalTools.run(
        py,
        "-c",
        "import h5py, sys\n"
            + "with h5py.File(sys.argv[1], 'r+') as f:\n"
            + "    f['time_whole'].resize((20,))\n",
        f.toString());
    assertTrue(
        org.exodusj.internal.testutil.ExternalTools.run("ncdump", "-h", f.toString())
            .contains("UNLIMITED ; // (20 currently)"));
    ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "steps 15-20 (6 of 20 counted) are stored by no record variable: left out of the"
                    + " dump (the first 10 missing steps are listed, as the fill value)"),
        r.err());
    assertTrue(!r.err().contains("beyond the end of the file"), r.err());
    ExoCommandTest.Result info = ExoCommandTest.inProcess("info", f.toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(
        info.out().contains("counts 20 time steps but stores data of only the first 4"),
        info.out());
  }
}
