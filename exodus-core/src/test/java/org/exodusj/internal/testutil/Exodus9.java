package org.exodusj.internal.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The current SEACAS Exodus C library (9.06) as a second oracle beside Debian's 6.02: {@code
 * libexodus.a}, its headers and {@code exref9} (the canonical dump plus {@code x_} records for
 * post-6.02 content), built by {@code shared/tools/build-exodus9.sh}.
 *
 * <p>The build lives in the directory named by the system property {@code exodusj.exodus9} (the
 * parent POM sets {@code target/exodus9} of the top-level project; {@code .ci/run} builds it there
 * before the tests). Where it is absent the first test that asks builds it (about 2 minutes). A
 * missing tool chain skips the test on a developer machine and fails it under CI.
 */
public final class Exodus9 {
  private Exodus9() {}

  /** The build directory, built on first use: {@code include/}, {@code lib/}, {@code bin/}. */
  public static synchronized Path dir() throws IOException, InterruptedException {
    Path dir =
        Path.of(System.getProperty("exodusj.exodus9", "../target/exodus9"))
            .toAbsolutePath()
            .normalize();
    if (Files.exists(dir.resolve("VERSION")) && Files.exists(dir.resolve("bin/exref9"))) {
      return dir;
    }
    ExternalTools.require("gcc");
    ExternalTools.require("nc-config");
    Path script = ExternalTools.shared().resolve("tools").resolve("build-exodus9.sh");
    Path tarball = ExternalTools.shared().resolve("oracles").resolve("seacas-exodus-9.06.tar.gz");
    if (!Files.exists(script) || !Files.exists(tarball)) {
      String msg = script + " or " + tarball + " not found; Exodus 9.06 interop test skipped";
      if (System.getenv("CI") != null) {
        fail(msg + " -- but CI must run it");
      }
      Assumptions.abort(msg);
    }
    ExternalTools.runLong(600, "bash", script.toString(), dir.toString());
    return dir;
  }

  /** {@code exref9 [flags] FILE}: the dump as 9.06 reads it ({@code -c} canonical, {@code -x}). */
  public static String exref9(Path file, String... flags) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(dir().resolve("bin/exref9").toString());
    cmd.addAll(List.of(flags));
    cmd.add(file.toString());
    return ExternalTools.run(cmd.toArray(new String[0]));
  }

  /**
   * Compiles a C program against 9.06's static library, once per JVM and output name, into {@code
   * target/ctools9} (again when the source is newer), and returns the executable.
   */
  public static synchronized Path compile(Path source) throws IOException, InterruptedException {
    Path d = dir();
    String name = source.getFileName().toString().replaceFirst("\\.c$", "");
    Path exe = Path.of("target", "ctools9", name).toAbsolutePath();
    if (!Files.exists(exe)
        || Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(source)) < 0) {
      Files.createDirectories(exe.getParent());
      String libs = ExternalTools.run("nc-config", "--libs").trim();
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              "gcc",
              "-O1",
              "-I" + d.resolve("include"),
              "-o",
              exe.toString(),
              source.toString(),
              d.resolve("lib/libexodus.a").toString()));
      cmd.addAll(List.of(libs.split("\\s+")));
      cmd.add("-lm");
      ExternalTools.run(cmd.toArray(new String[0]));
    }
    return exe;
  }
}
