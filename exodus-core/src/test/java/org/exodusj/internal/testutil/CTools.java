package org.exodusj.internal.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the shared C tools ({@code exgen}, {@code exref}) against Debian's libexodusII once per
 * JVM, into {@code target/ctools}. Missing gcc or libexodusII skips the test on a developer machine
 * and fails it under CI, where .ci/run installs them.
 */
public final class CTools {
  private static final Path DIR = Path.of("target", "ctools").toAbsolutePath();

  private CTools() {}

  /** The path of the built tool ({@code exgen}, {@code exref}, {@code exread}). */
  public static synchronized Path tool(String name) throws IOException, InterruptedException {
    ExternalTools.require("gcc");
    Path src = ExternalTools.shared().resolve("tools").resolve(name + ".c");
    if (!Files.exists(src)) {
      org.junit.jupiter.api.Assumptions.abort(src + " not found; C interop test skipped");
    }
    if (!Files.exists(Path.of("/usr/include/exodusII.h"))) {
      String msg = "libexodusII-dev is not installed; C interop test skipped";
      if (System.getenv("CI") != null) {
        org.junit.jupiter.api.Assertions.fail(msg + " -- but CI must run it");
      }
      org.junit.jupiter.api.Assumptions.abort(msg);
    }
    Path exe = DIR.resolve(name);
    if (!Files.exists(exe)
        || Files.getLastModifiedTime(src).compareTo(Files.getLastModifiedTime(exe)) > 0) {
      Files.createDirectories(DIR);
      ExternalTools.run(
          "gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    }
    return exe;
  }

  /**
   * Builds a C program of this module's test sources ({@code src/test/c/NAME.c}) against
   * libexodusII, once per JVM; skips or fails as {@link #tool} does.
   */
  public static synchronized Path testTool(String name) throws IOException, InterruptedException {
    ExternalTools.require("gcc");
    if (!Files.exists(Path.of("/usr/include/exodusII.h"))) {
      String msg = "libexodusII-dev is not installed; C interop test skipped";
      if (System.getenv("CI") != null) {
        org.junit.jupiter.api.Assertions.fail(msg + " -- but CI must run it");
      }
      org.junit.jupiter.api.Assumptions.abort(msg);
    }
    Path src = Path.of("src", "test", "c", name + ".c").toAbsolutePath();
    Path exe = DIR.resolve(name);
    if (!Files.exists(exe)
        || Files.getLastModifiedTime(src).compareTo(Files.getLastModifiedTime(exe)) > 0) {
      Files.createDirectories(DIR);
      ExternalTools.run(
          "gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    }
    return exe;
  }

  /** Runs exgen: a HEX8 mesh of nx*ny*nz elements written by the C library. */
  public static Path exgen(Path out, int nx, int ny, int nz, int steps, int vars, String format)
      throws IOException, InterruptedException {
    ExternalTools.run(
        tool("exgen").toString(),
        out.toString(),
        Integer.toString(nx),
        Integer.toString(ny),
        Integer.toString(nz),
        Integer.toString(steps),
        Integer.toString(vars),
        format);
    return out;
  }

  /** The C library's canonical dump of {@code file}. */
  public static String exref(Path file) throws IOException, InterruptedException {
    return ExternalTools.run(tool("exref").toString(), file.toString());
  }
}
