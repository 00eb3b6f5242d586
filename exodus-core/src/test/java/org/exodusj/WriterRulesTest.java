package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's and updater's rules (issues 12 section 2 and 13 items 4, 6, 8, 9): steps count only
 * when committed, bad data is refused with the place named, nothing half-made appears at a path.
 */
class WriterRulesTest {
  @TempDir Path dir;

  private static Definition quad(int nodes) {
    return ExodusWriter.define(ExodusFormat.CDF2, "rules", 2, nodes)
        .allowUnwrittenMesh(true) // the rules of the writer are tested, not the mesh
        .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "QUAD4", 1, 4))
        .set(SetSpec.of(EntityType.NODE_SET, 5, 2, 0))
        .set(SetSpec.of(EntityType.SIDE_SET, 6, 1, 0))
        .nodalVariables("u");
  }

  @Test
  void anExceptionInsideAStepAbandonsItAtClose() throws Exception {
    Path f = dir.resolve("abandon.e");
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (ExodusWriter w = ExodusWriter.create(f, quad(4))) {
            w.beginStep(0);
            w.writeNodalVariable(0, 0, 0, 4, new double[] {1, 2, 3, 4}, 0);
            w.commitStep();
            long s = w.beginStep(1);
            w.writeNodalVariable(0, s, 0, 2, new double[] {5, 6}, 0);
            throw new IllegalStateException("the solver failed mid-step");
          }
        });
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(1, r.timeStepCount(), "the half-written step does not count");
      assertArrayEquals(new double[] {1, 2, 3, 4}, r.nodalVariable(0, 0));
    }
  }

  @Test
  void writesToAStepThatIsNotOpenAreRefused() throws Exception {
    Path f = dir.resolve("steps.e");
    try (ExodusWriter w = ExodusWriter.create(f, quad(4))) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> w.writeNodalVariable(0, 3, 0, 4, new double[4], 0));
      assertTrue(e.getMessage().contains("step 3"), e.getMessage());
      long s = w.beginStep(0.5);
      assertThrows(
          IllegalStateException.class,
          () -> w.writeNodalVariable(0, s + 1, 0, 4, new double[4], 0));
      assertThrows(IllegalStateException.class, () -> w.beginStep(1));
      assertThrows(
          IllegalArgumentException.class, () -> w.writeGlobalVariables(s, new double[1], 0));
      assertThrows(
          IllegalArgumentException.class,
          () -> w.writeReductionVariables(EntityType.ELEM_BLOCK, 1, s, new double[1], 0));
      w.commitStep();
      assertThrows(IllegalStateException.class, w::commitStep);
      assertThrows(IllegalArgumentException.class, () -> w.beginStep(Double.NaN));
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(1, r.timeStepCount(), "no steps were made by the refused writes");
      assertEquals(0.5, r.times()[0]);
    }
  }

  @Test
  void connectivityAndSetEntriesOutsideTheirRangeAreRefusedWithThePlace() throws Exception {
    Path f = dir.resolve("conn.e");
    try (ExodusWriter w = ExodusWriter.create(f, quad(4))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 1, new long[] {0, 1, 2, 3}, 0));
      assertTrue(e.getMessage().contains("ELEM_BLOCK 1 entry 0"), e.getMessage());
      assertTrue(e.getMessage().contains("node 0 is outside 1..4"), e.getMessage());
      assertTrue(e.getMessage().contains("1-based"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 1, new int[] {1, 2, 3, 5}, 0));
      IllegalArgumentException s =
          assertThrows(
              IllegalArgumentException.class,
              () -> w.writeSet(EntityType.NODE_SET, 5, 0, 2, new long[] {4, 9}, null));
      assertTrue(s.getMessage().contains("NODE_SET 5 entry 1: node 9"), s.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> w.writeSet(EntityType.SIDE_SET, 6, 0, 1, new long[] {2}, new long[] {1}));
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, 1, new long[] {1, 2, 3, 4}, 0);
      w.writeSet(EntityType.SIDE_SET, 6, 0, 1, new long[] {1}, new long[] {4});
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      long[] c = new long[4];
      r.readConnectivity(r.block(EntityType.ELEM_BLOCK, 1), 0, 1, c, 0);
      assertArrayEquals(new long[] {1, 2, 3, 4}, c);
    }
  }

  @Test
  void aTopologyContradictingItsNodeCountIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ExodusWriter.define("t", 3, 8)
                    .block(BlockSpec.of(EntityType.ELEM_BLOCK, 3, "HEX8", 1, 4)));
    assertTrue(e.getMessage().contains("HEX8 has 8 nodes"), e.getMessage());
    ExodusWriter.define("t", 3, 8).block(BlockSpec.of(EntityType.ELEM_BLOCK, 3, "HEX", 1, 20));
  }

  @Test
  void createValidatesBeforeTouchingAnExistingFileAndNoClobberRefuses() throws Exception {
    Path f = dir.resolve("old.e");
    SampleFiles.writeHexMesh(f, 2, 2, 2, 1, 1);
    byte[] before = Files.readAllBytes(f);
    Definition bad = quad(4).globalVariables("x".repeat(40));
    assertThrows(IllegalArgumentException.class, () -> ExodusWriter.create(f, bad));
    Definition badTruth =
        quad(4).variables(EntityType.ELEM_BLOCK, List.of("a", "b"), new boolean[][] {{true}});
    assertThrows(IllegalArgumentException.class, () -> ExodusWriter.create(f, badTruth));
    assertThrows(
        FileAlreadyExistsException.class, () -> ExodusWriter.create(f, quad(4).noClobber(true)));
    assertArrayEquals(before, Files.readAllBytes(f), "the old file is untouched");
    try (Stream s = new Stream(dir)) {
      assertEquals(List.of("old.e"), s.names(), "no partial file is left behind");
    }
  }

  @Test
  void aWriterKilledBeforeItsFirstStepLeavesTheOldFileAtThePath() throws Exception {
    Path f = dir.resolve("killed.e");
    SampleFiles.writeHexMesh(f, 2, 2, 2, 1, 1);
    byte[] before = Files.readAllBytes(f);
    Process p = MultiProcessUpdateTest.start(MeshOnlyWriter.class, f.toString());
    String line = new String(p.getInputStream().readNBytes(6));
    assertEquals("READY\n", line);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertArrayEquals(before, Files.readAllBytes(f), "the old file is still there, whole");
    // The next writer takes over the stale partial file and makes the new file.
    try (ExodusWriter w = ExodusWriter.create(f, quad(4))) {
      w.writeCoordinates(0, 0, 4, new double[] {0, 1, 1, 0}, 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(4, r.nodeCount());
    }
    try (Stream s = new Stream(dir)) {
      assertEquals(List.of("killed.e"), s.names());
    }
  }

  /** {@code FILE}: creates a writer over FILE, writes its coordinates, says READY, waits. */
  public static final class MeshOnlyWriter {
    public static void main(String[] a) throws Exception {
      ExodusWriter w = ExodusWriter.create(Path.of(a[0]), quad(4));
      w.writeCoordinates(0, 0, 4, new double[] {0, 1, 1, 0}, 0);
      System.out.print("READY\n");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  void nonAsciiInfoAndQaLinesAreClippedOnCharacterBoundaries() throws Exception {
    Path f = dir.resolve("utf8.e");
    String line = "é".repeat(60); // 120 bytes: the 80-byte limit falls inside no character
    String odd = "a" + "é".repeat(60); // the limit falls inside a character
    try (ExodusWriter w =
        ExodusWriter.create(
            f,
            quad(4)
                .infoRecords(List.of(line, odd))
                .qaRecords(List.of(new QaRecord("ü".repeat(20), "1", "2026", "00:00"))))) {
      w.writeCoordinates(0, 0, 4, new double[4], 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals("é".repeat(40), r.infoRecords().get(0));
      assertEquals("a" + "é".repeat(39), r.infoRecords().get(1));
      assertEquals("ü".repeat(16), r.qaRecords().get(0).codeName());
    }
  }

  @Test
  void floatFilesTakeExactValuesAndRoundOnlyWhenAsked() throws Exception {
    Path f = dir.resolve("float.e");
    try (ExodusWriter w = ExodusWriter.create(f, quad(4).realWordSize(4))) {
      long s = w.beginStep(0);
      IndexOutOfBoundsException big =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> w.writeNodalVariable(0, s, 0, Integer.MAX_VALUE + 10L, new double[4], 0));
      assertTrue(big.getMessage().contains("vals_nod_var1"), big.getMessage());
      assertTrue(big.getMessage().contains(f.toString()), big.getMessage());
      w.writeNodalVariable(0, s, 0, 4, new double[] {0.1, 0.2, 0.3, 0.4}, 0);
      w.commitStep();
    }
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      u.writeNodalVariable(0, 0, 0, 2, new double[] {1.5, -2.25}, 0);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> u.writeNodalVariable(0, 0, 2, 2, new double[] {3.5, 0.1}, 0));
      assertTrue(e.getMessage().contains("0.1"), e.getMessage());
    }
    try (ExodusUpdater u =
        ExodusUpdater.open(
            f, ExodusUpdater.Options.DEFAULT.withFloatRounding(FloatRounding.ROUND))) {
      u.writeNodalVariable(0, 0, 3, 1, new double[] {0.7}, 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      double[] v = new double[4];
      r.readNodalVariable(0, 0, 0, 4, v, 0);
      assertArrayEquals(
          new double[] {1.5, -2.25, (float) 0.3, (float) 0.7},
          v,
          "the refused write wrote nothing");
    }
  }

  @Test
  void updaterMistakesAreClearErrors() throws Exception {
    Path f = dir.resolve("upd.e");
    SampleFiles.writeHexMesh(f, 2, 2, 2, 1, 1);
    for (String reserved :
        List.of("file_size", "version", "floating_point_word_size", "int64_status", "_FillValue")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ExodusUpdater.setGlobalAttribute(f, reserved, "1"));
      assertTrue(e.getMessage().contains(reserved), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> ExodusUpdater.addVariables(f, EntityType.NODAL, List.of("a", "a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExodusUpdater.addVariables(f, EntityType.NODAL, List.of(" ")));
    ExodusUpdater u = ExodusUpdater.open(f);
    assertThrows(IllegalArgumentException.class, () -> u.appendStep(Double.NaN));
    assertThrows(
        IllegalStateException.class, () -> u.writeNodalVariable(0, 7, 0, 1, new double[1], 0));
    u.close();
    IllegalStateException closed =
        assertThrows(
            IllegalStateException.class, () -> u.writeNodalVariable(0, 0, 0, 1, new double[1], 0));
    assertTrue(closed.getMessage().contains(f.toString()), closed.getMessage());
    // A stale FILE.rewrite left by a killed rewrite is removed by the next one.
    Path stale = f.resolveSibling("upd.e.rewrite");
    Files.write(stale, new byte[1000]);
    ExodusUpdater.addVariables(f, EntityType.GLOBAL, List.of("added"));
    assertFalse(Files.exists(stale));
  }

  @Test
  void anUpdaterCloseAbandonsStepsItDidNotCommit() throws Exception {
    Path f = dir.resolve("append.e");
    SampleFiles.writeHexMesh(f, 2, 2, 2, 1, 1);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      long s = u.appendStep(9);
      u.writeNodalVariable(0, s, 0, 1, new double[] {1}, 0);
    }
    try (ExodusFile r = ExodusFile.open(f)) {
      assertEquals(1, r.timeStepCount());
    }
  }

  @Test
  @SuppressWarnings("try")
  void convertRefusesADirectoryAndAFileBeingWrittenAndLeavesNoPartialFile() throws Exception {
    Path in = dir.resolve("in.e");
    SampleFiles.writeHexMesh(in, 2, 2, 2, 1, 1);
    Path outDir = dir.resolve("out");
    Files.createDirectory(outDir);
    assertThrows(
        FileAlreadyExistsException.class,
        () -> ExodusConverter.convert(in, outDir, ExodusFormat.CDF5, false, null));
    Path held = dir.resolve("held.e");
    SampleFiles.writeHexMesh(held, 2, 2, 2, 1, 1);
    byte[] before = Files.readAllBytes(held);
    try (ExodusUpdater u = ExodusUpdater.open(held)) {
      assertThrows(
          FileInUseException.class,
          () -> ExodusConverter.convert(in, held, ExodusFormat.CDF5, false, null));
    }
    assertArrayEquals(before, Files.readAllBytes(held));
    try (Stream s = new Stream(dir)) {
      assertEquals(List.of("held.e", "in.e", "out"), s.names(), "no OUT.partial is left");
    }
  }

  /** The names in a directory, sorted (hidden files too). */
  private static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> s;

    Stream(Path d) throws IOException {
      s = Files.list(d);
    }

    List<String> names() {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Override
    public void close() {
      s.close();
    }
  }
}
