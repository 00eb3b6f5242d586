package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script that {@code exo generate-completion} prints works in a real bash; dump
 * selections and diff stream a file larger than the heap in a JVM with a small real heap limit.
 */
class CompletionAndMemoryTest {
  @TempDir Path dir;

  /** What bash's completion function proposes for the words of a command line. */
  private String complete(Path script, String words, int current) throws Exception {
    String cmd =
        "source "
            + script
            + "; COMP_WORDS=("
            + words
            + "); COMP_CWORD="
            + current
            + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE};"
            + " _complete_exo 2>/dev/null; echo \"${COMPREPLY[*]}\"";
    Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void bashCompletionProposesCommandsOptionsAndViews() throws Exception {
    ExoCommandTest.Result r = ExoCommandTest.process("generate-completion");
    assertEquals(0, r.code(), r.err());
    Path script = dir.resolve("exo-completion.bash");
    Files.writeString(script, r.out());
    assertEquals("diff", complete(script, "exo di", 1));
    assertEquals("plot", complete(script, "exo pl", 1));
    assertEquals("--rel", complete(script, "exo diff --re", 2));
    assertEquals("--json", complete(script, "exo info --js", 2));
    assertEquals("xy xz", complete(script, "exo plot f.e --view x", 4));
  }

  /** Runs exo in a JVM with {@code -Xmx32m}; returns stdout's line count and last line. */
  private String[] smallHeap(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx32m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Exo.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long lines = 0;
    String last = "";
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        lines++;
        last = l;
      }
    }
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    return new String[] {Integer.toString(p.exitValue()), Long.toString(lines), last};
  }

  @Test
  void selectionsAndDiffStreamAFileLargerThanTheHeap() throws Exception {
    // 61^3 = 226,981 nodes x 3 variables x 12 steps: a 70 MB file, more than twice the heap
    Path f = CExref.exgen(dir.resolve("big.e"), 60, 60, 60, 12, 3, "cdf2");
    assertTrue(Files.size(f) > 64L << 20, "file size " + Files.size(f));
    String[] r = smallHeap("dump", f.toString(), "--var", "field_3", "--csv");
    assertEquals("0", r[0], "dump --var under -Xmx32m");
    assertEquals(Long.toString(1 + 226_981), r[1]);
    assertTrue(r[2].startsWith("226981,226981,"), r[2]);
    r = smallHeap("dump", f.toString());
    assertEquals("0", r[0], "the canonical dump under -Xmx32m");
    Path copy = dir.resolve("copy.e");
    Files.copy(f, copy);
    r = smallHeap("diff", f.toString(), copy.toString());
    assertEquals("0", r[0], "diff under -Xmx32m");
    assertTrue(r[2].startsWith("equal within tolerance"), r[2]);
  }
}
