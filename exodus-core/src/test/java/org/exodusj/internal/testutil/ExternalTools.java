package org.exodusj.internal.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real netCDF-C tools (ncgen, ncdump). Where a tool is missing, tests skip with a message
 * on a developer machine, and fail under CI (environment variable {@code CI} set), where .ci/run
 * installs them: interop tests must never be skipped there.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Skips (or, under CI, fails) when {@code tool} is not on the PATH. */
  public static void require(String tool) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        found = true;
      }
    }
    if (!found) {
      String msg = tool + " is not installed (apt-get install netcdf-bin); interop test skipped";
      if (System.getenv("CI") != null) {
        fail(msg + " -- but CI must run it");
      }
      Assumptions.abort(msg);
    }
  }

  /**
   * Debian's Python 3 with the netCDF4 module (package python3-netcdf4): skips where missing on a
   * developer machine, fails under CI.
   */
  public static String pythonWithNetcdf4() throws IOException, InterruptedException {
    String py = "/usr/bin/python3";
    boolean ok;
    try {
      Process p = new ProcessBuilder(py, "-c", "import netCDF4").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    if (!ok) {
      String msg = "python3-netcdf4 is not installed (apt-get install python3-netcdf4); skipped";
      if (System.getenv("CI") != null) {
        fail(msg + " -- but CI must run it");
      }
      Assumptions.abort(msg);
    }
    return py;
  }

  /** Runs a command, returns its standard output; fails the test on a non-zero exit. */
  public static String run(String... command) throws IOException, InterruptedException {
    return runLong(120, command);
  }

  /** Like {@link #run}, with a time limit of {@code seconds} instead of 120 s. */
  public static String runLong(long seconds, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + text);
    return text;
  }

  /** The shared folder (corpus, tools), from the exodusj.shared system property. */
  public static Path shared() {
    String s = System.getProperty("exodusj.shared", "../../shared");
    return Path.of(s).toAbsolutePath().normalize();
  }

  /** The corpus folder; skips with a message when it is absent. */
  public static Path corpus() {
    Path c = shared().resolve("corpus");
    Assumptions.assumeTrue(
        Files.isDirectory(c), "corpus not found at " + c + "; corpus tests skipped");
    return c;
  }
}
