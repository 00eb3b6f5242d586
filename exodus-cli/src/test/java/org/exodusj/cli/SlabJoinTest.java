package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.Nemesis;
import org.exodusj.internal.testutil.JoinRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bigger decomposition: exgen's mesh written by the C library as slabs of element layers, one
 * file per rank with global id maps and Nemesis maps (src/test/c/exslabs.c), joined by {@code exo
 * join} and by {@link ExodusFileSet#join} with a small chunk, equals exgen's serial file: by the C
 * library's dump of both (exref) and by compare-join.py.
 */
class SlabJoinTest {
  @TempDir Path tmp;

  static Path exslabs() throws Exception {
    CExref.path(); // skips or fails as the other C interop tests do
    Path exe = Path.of("target", "ctools", "exslabs").toAbsolutePath();
    Files.createDirectories(exe.getParent());
    CExref.run(
        "gcc",
        "-O2",
        "-o",
        exe.toString(),
        Path.of("src", "test", "c", "exslabs.c").toAbsolutePath().toString(),
        "-lexoIIv2c",
        "-lnetcdf");
    return exe;
  }

  @Test
  void slabsJoinToTheSerialMesh() throws Exception {
    Path serial = CExref.exgen(tmp.resolve("serial.e"), 7, 4, 12, 3, 2, "cdf2");
    CExref.run(
        exslabs().toString(), tmp.resolve("p.e").toString(), "7", "4", "12", "3", "2", "5", "cdf2");
    Path out = tmp.resolve("joined.e");
    ExoCommandTest.Result r =
        ExoCommandTest.inProcess("join", out.toString(), tmp.resolve("p.e").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(CExref.dump(serial), JoinRecords.withoutJoinRecords(CExref.dump(out)));
    String cmp =
        CExref.run(
            JoinTest.python(),
            ConformanceTest.corpus().getParent().resolve("tools/compare-join.py").toString(),
            serial.toString(),
            out.toString());
    assertEquals("join: same", cmp.strip());

    // the library, with windows smaller than a layer and pieces read on one thread
    Path out2 = tmp.resolve("joined2.e");
    try (ExodusFileSet set =
        ExodusFileSet.open(
            ExodusFileSet.piecesOf(tmp.resolve("p.e")),
            ExodusOpenOptions.DEFAULT,
            Runnable::run,
            7)) {
      assertEquals(5, set.pieceCount());
      assertTrue(set.join(out2, ExodusFormat.CDF5, null).isEmpty());
      // border nodes are counted once: (7+1)(4+1)(12+1) nodes
      assertEquals(8 * 5 * 13, set.nodeCount());
      Nemesis n = set.piece(2).nemesis().orElseThrow();
      assertEquals(2, n.nodeCommMaps(0).size());
      assertEquals(8 * 5, n.nodeCommMaps(0).get(0).count());
    }
    try (ExodusFile a = ExodusFile.open(serial);
        ExodusFile b = ExodusFile.open(out2)) {
      for (long step = 0; step < 3; step++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            a.nodalVariable("field_2", step), b.nodalVariable("field_2", step));
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            a.variable(EntityType.ELEM_BLOCK, 0, 10, step),
            b.variable(EntityType.ELEM_BLOCK, 0, 10, step));
      }
    }
  }

  @Test
  void joinStreamsASetLargerThanTheHeap() throws Exception {
    // 61^3 = 226,981 nodes x 3 variables x 12 steps in 8 pieces: more than twice the heap
    Path serial = CExref.exgen(tmp.resolve("big.e"), 60, 60, 60, 12, 3, "cdf2");
    CExref.run(
        exslabs().toString(), tmp.resolve("p.e").toString(), "60", "60", "60", "12", "3", "8");
    long size = 0;
    for (Path p : ExodusFileSet.piecesOf(tmp.resolve("p.e"))) size += Files.size(p);
    assertTrue(size > 64L << 20, "pieces " + size + " bytes");
    Path out = tmp.resolve("joined.e");
    assertEquals(0, smallHeap("join", out.toString(), tmp.resolve("p.e").toString()));
    assertEquals(0, smallHeap("diff", serial.toString(), out.toString()));
    // and the diff of the set itself, joined on the way, under the same heap
    assertEquals(0, smallHeap("diff", serial.toString(), tmp.resolve("p.e.8").toString()));
  }

  /** Runs exo in a JVM with {@code -Xmx32m}; returns its exit code. */
  private static int smallHeap(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx32m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Exo.class.getName());
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", args));
    if (p.exitValue() != 0) System.err.println(String.join(" ", args) + ":\n" + out);
    return p.exitValue();
  }
}
