package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exo's commands end to end, in-process and as a separate JVM: output and exit codes. */
class ExoCommandTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Exo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Result process(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Exo.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void sampleThenDumpAndInfo() throws Exception {
    Path f = dir.resolve("demo.e");
    Result s = process("sample", f.toString(), "--size", "3", "--steps", "2");
    assertEquals(0, s.code(), s.err());
    assertTrue(Files.size(f) > 0);
    Result d = process("dump", f.toString());
    assertEquals(0, d.code(), d.err());
    String[] lines = d.out().split("\n");
    assertEquals("title\texgen structured hex mesh", lines[0]);
    assertTrue(d.out().contains("\nnum_nodes\t64\n"));
    assertTrue(d.out().contains("\nelem_block\t10\tHEX8\t27\t8\t0\t\n"));
    // the dump in-process is the same text
    assertEquals(d.out(), inProcess("dump", f.toString()).out());
    // the time of step 2 and a nodal value, exact
    assertTrue(d.out().contains("\ntimes\t0.1\t0.2\n"), d.out());
    assertTrue(d.out().contains("\nnodal_var\tfield_2\t2\t2002.0\t2002.001\t"), d.out());
    Result i = inProcess("info", f.toString());
    assertEquals(0, i.code());
    assertTrue(i.out().contains("3-D, 64 nodes, 27 elements"), i.out());
    assertTrue(i.out().contains("steps     2, time 0.1 .. 0.2"), i.out());
    assertTrue(i.out().contains("nodal variables: field_1, field_2"), i.out());
  }

  @Test
  void errorsAreOneLineNamingTheFileWithExitCode2() throws Exception {
    Path bad = dir.resolve("bad.e");
    Files.write(bad, "CDF\u0001 but not netCDF at all".getBytes(StandardCharsets.ISO_8859_1));
    Result r = process("dump", bad.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().startsWith("exo: " + bad), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    Result debug = inProcess("--debug", "dump", bad.toString());
    assertEquals(2, debug.code());
    assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
    Result missing = inProcess("info", dir.resolve("nope.e").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("nope.e: no such file"), missing.err());
    // a directory exists: say what it is, not that it is missing
    for (String command : List.of("info", "dump")) {
      Result directory = inProcess(command, dir.toString());
      assertEquals(2, directory.code());
      assertEquals(
          "exo: " + dir + ": is a directory, not an Exodus file", directory.err().strip(), command);
    }
    Result usage = inProcess("dump");
    assertEquals(2, usage.code());
  }

  @Test
  void cacheShowsTheChoicesAndTheirReasons() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx64m");
    cmd.add("-Dexodusj.cache.slots=99");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Exo.class.getName());
    cmd.add("cache");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("SLURM") || k.startsWith("PBS") || k.startsWith("LSB"));
    pb.environment().put("SLURM_JOB_ID", "12345");
    pb.environment().put("EXODUSJ_CACHE_PREEMPTION", "0.25");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("node type        compute (SLURM_JOB_ID is set"), out);
    assertTrue(out.contains("capped at 1/4 of the maximum heap"), out);
    assertTrue(out.contains("cache slots      99 (system property exodusj.cache.slots)"), out);
    assertTrue(
        out.contains("preemption (w0)  0.25 (environment variable EXODUSJ_CACHE_PREEMPTION)"), out);
  }

  @Test
  void convertWithVerifyAndAClearErrorForABadFormat() throws Exception {
    Path f = dir.resolve("demo.e");
    assertEquals(0, inProcess("sample", f.toString()).code());
    Path out = dir.resolve("demo.cdf5");
    Result c = process("convert", f.toString(), out.toString(), "--format", "cdf5", "--verify");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("verified value by value"), c.out());
    assertEquals(inProcess("dump", f.toString()).out(), inProcess("dump", out.toString()).out());
    Result bad = inProcess("convert", f.toString(), out.toString(), "--format", "cdf9");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unknown format 'cdf9'"), bad.err());
  }

  @Test
  void helpAndVersion() {
    Result h = inProcess("--help");
    assertEquals(0, h.code());
    assertTrue(
        h.out().contains("dump") && h.out().contains("info") && h.out().contains("Exit codes"));
    Result v = inProcess("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("exo "), v.out());
    assertEquals(0, inProcess("dump", "--help").code());
  }
}
