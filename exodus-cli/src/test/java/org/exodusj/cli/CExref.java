package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference C library's dumper, {@code shared/tools/exref.c}, built once per JVM into {@code
 * target/ctools}. Missing tools skip the test on a developer machine and fail it under CI.
 */
final class CExref {
  private static Path exref;

  private CExref() {}

  static synchronized Path path() throws Exception {
    if (exref != null) {
      return exref;
    }
    Path shared = Path.of(System.getProperty("exodusj.shared", "../../shared")).toAbsolutePath();
    Path src = shared.resolve("tools/exref.c");
    if (!Files.exists(src) || !Files.exists(Path.of("/usr/include/exodusII.h"))) {
      String msg = "exref.c or libexodusII-dev missing; C interop skipped";
      if (System.getenv("CI") != null && Files.exists(src)) fail(msg + " -- but CI must run it");
      Assumptions.abort(msg);
    }
    Path out = Path.of("target", "ctools", "exref").toAbsolutePath();
    Files.createDirectories(out.getParent());
    run("gcc", "-O2", "-o", out.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    exref = out;
    return exref;
  }

  private static Path exgen;

  /**
   * Writes a structured HEX8 mesh with results through the C library ({@code
   * shared/tools/exgen.c}): {@code exgen OUT NX NY NZ STEPS NODALVARS FORMAT}.
   */
  static synchronized Path exgen(Path out, int nx, int ny, int nz, int steps, int vars, String fmt)
      throws Exception {
    if (exgen == null) {
      path(); // the same checks: the sources, libexodusII and gcc are there
      Path shared = Path.of(System.getProperty("exodusj.shared", "../../shared")).toAbsolutePath();
      Path src = shared.resolve("tools/exgen.c");
      Path exe = Path.of("target", "ctools", "exgen").toAbsolutePath();
      run("gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
      exgen = exe;
    }
    run(
        exgen.toString(),
        out.toString(),
        Integer.toString(nx),
        Integer.toString(ny),
        Integer.toString(nz),
        Integer.toString(steps),
        Integer.toString(vars),
        fmt);
    return out;
  }

  /** The C library's canonical dump of {@code file}. */
  static String dump(Path file) throws Exception {
    return run(path().toString(), file.toString());
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }
}
