package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info} and {@code dump} without picocli ({@link QuickRun}) print, report and exit exactly
 * as the picocli commands do on the same arguments (the picocli path is the oracle: it is the tool
 * as it was), and every other form goes to picocli.
 */
class QuickRunTest {
  @TempDir Path dir;

  record Result(Integer code, String out, String err) {}

  private static Result quick(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Integer code = QuickRun.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static Result picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Exo.runPicocli(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static void same(String... args) {
    Result q = quick(args);
    assertNotNull(q.code(), "a quick form: " + List.of(args));
    Result p = picocli(args);
    assertEquals(p, q, List.of(args).toString());
  }

  @Test
  void theQuickFormsPrintAndExitAsPicocliDoes() throws Exception {
    Path f = dir.resolve("s.e");
    org.exodusj.SampleFiles.writeHexMesh(f, 2, 3, 2, 3, 2);
    String s = f.toString();
    same("info", s);
    same("info", "--json", s);
    same("info", s, "--json");
    same("dump", s);
    same("dump", "--debug", s);
    // failures: one line naming the file, exit code 2, the stack trace only with --debug
    same("info", dir.resolve("nope.e").toString());
    same("dump", dir.toString());
    Path bad = dir.resolve("bad.e");
    Files.write(bad, "CDF\u0001 but not netCDF at all".getBytes(StandardCharsets.ISO_8859_1));
    same("dump", bad.toString());
    same("info", "--json", bad.toString());
    Result q = quick("info", "--debug", bad.toString());
    Result p = picocli("info", "--debug", bad.toString());
    assertEquals(p.code(), q.code());
    // the traces differ in their frames below the command; the message line is the same
    assertEquals(p.err().lines().findFirst(), q.err().lines().findFirst());
    assertEquals(
        p.err().lines().filter(l -> !l.startsWith("\tat ")).count(),
        q.err().lines().filter(l -> !l.startsWith("\tat ")).count(),
        q.err());
    // a NetCDF-4 group that a classic file does not have
    same("info", "--group", "left", s);
  }

  @Test
  void theCorpusDumpsAndSummariesAreTheSameEitherWay() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> st = Files.list(ExternalTools.corpus())) {
      st.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".cdl") && !p.toString().endsWith(".md"))
          .filter(p -> !p.toString().endsWith(".tsv"))
          .sorted()
          .forEach(files::add);
    }
    for (Path p : files) {
      same("info", p.toString());
      same("dump", p.toString());
    }
  }

  @Test
  void everyOtherFormGoesToPicocli() {
    for (String[] args :
        new String[][] {
          {},
          {"info"},
          {"info", "--help"},
          {"info", "-h"},
          {"info", "a.e", "b.e"},
          {"info", "--group"},
          {"info", "--group=left", "a.e"},
          {"info", "--group", "--json", "a.e"},
          {"info", "@args.txt"},
          {"info", "--json", "--json", "a.e"},
          {"dump", "--json", "a.e"},
          {"dump", "--coords", "a.e"},
          {"dump", "--var", "v", "a.e"},
          {"dump", "--", "a.e"},
          {"--debug", "info", "a.e"},
          {"diff", "a.e", "b.e"},
          {"info", ""},
        }) {
      assertNull(quick(args).code(), List.of(args).toString());
    }
  }
}
