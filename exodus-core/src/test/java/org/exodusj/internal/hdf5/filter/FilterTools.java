package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The C side of the filter tests: h5py with the HDF5 filter plugins (Debian's hdf5-filter-plugin,
 * hdf5-filter-plugin-blosc-serial, bitshuffle) writes and dumps chunks ({@code chunks.py});
 * netCDF-C's nccopy writes filtered copies. Skips where missing on a developer machine, fails under
 * CI (environment variable {@code CI}), where .ci/run installs them.
 */
final class FilterTools {
  static final String PYTHON = "/usr/bin/python3";

  private FilterTools() {}

  /** The plugin directory: HDF5_PLUGIN_PATH, else Debian's serial plugin directory. */
  static String pluginPath() {
    String p = System.getenv("HDF5_PLUGIN_PATH");
    return p != null ? p : "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins";
  }

  /** Skips (or under CI fails) unless h5py and the plugins of {@code filterIds} are available. */
  static void requirePlugins(int... filterIds) throws IOException, InterruptedException {
    StringBuilder ids = new StringBuilder();
    for (int id : filterIds) {
      ids.append(ids.length() == 0 ? "" : ",").append(id);
    }
    String check =
        "import h5py,sys\nsys.exit(0 if all(h5py.h5z.filter_avail(i) for i in ["
            + ids
            + "]) else 3)";
    boolean ok;
    try {
      Process p = start(List.of(PYTHON, "-c", check), null);
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    if (!ok) {
      String msg =
          "h5py or the HDF5 filter plugins for "
              + ids
              + " are missing (apt-get install python3-h5py hdf5-filter-plugin"
              + " hdf5-filter-plugin-blosc-serial bitshuffle); skipped";
      if (System.getenv("CI") != null) {
        fail(msg + " -- but CI must run it");
      }
      Assumptions.abort(msg);
    }
  }

  /** Runs a command with HDF5_PLUGIN_PATH set; fails the test on a non-zero exit. */
  static String run(String... command) throws IOException, InterruptedException {
    Process p = start(List.of(command), null);
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
    return text;
  }

  /** Runs chunks.py (copied from the test resources into {@code dir}) with {@code args}. */
  static String chunksPy(Path dir, String... args) throws IOException, InterruptedException {
    Path script = dir.resolve("chunks.py");
    if (!Files.exists(script)) {
      try (InputStream s = FilterTools.class.getResourceAsStream("chunks.py")) {
        Files.copy(s, script);
      }
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(new String[0]));
  }

  private static Process start(List<String> cmd, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HDF5_PLUGIN_PATH", pluginPath());
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    return pb.start();
  }

  /** The filters registered as services, by id. */
  static Map<Integer, Filter> registered() {
    Map<Integer, Filter> m = new HashMap<>();
    for (Filter f : ServiceLoader.load(Filter.class)) {
      m.put(f.id(), f);
    }
    return m;
  }

  /** One chunk of a dump: how HDF5 stored it and what HDF5 decodes it to. */
  record StoredChunk(
      String dataset,
      byte[] raw,
      byte[] expected,
      int mask,
      int elementSize,
      int filterId,
      int[] cd) {}

  /** The chunks {@code chunks.py dump} wrote to {@code dir}. */
  static List<StoredChunk> chunks(Path dir) throws IOException {
    List<StoredChunk> list = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("index.txt"))) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      int[] cd =
          f.length > 6 && !f[6].isEmpty()
              ? java.util.Arrays.stream(f[6].split(","))
                  .mapToInt(s -> (int) Long.parseLong(s))
                  .toArray()
              : new int[0];
      list.add(
          new StoredChunk(
              f[0],
              Files.readAllBytes(dir.resolve(f[1])),
              Files.readAllBytes(dir.resolve(f[2])),
              Integer.parseInt(f[3]),
              Integer.parseInt(f[4]),
              Integer.parseInt(f[5]),
              cd));
    }
    return list;
  }
}
