package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file whose mesh was never written: {@link ExodusWriter} refuses to publish it (close and the
 * first step throw naming what is missing; the path keeps what it held, no partial file stays)
 * unless {@link Definition#allowUnwrittenMesh} says so; and {@link ExodusFile#defects()} lists the
 * unwritten coordinates and connectivity of files other programs wrote: the C library (6.02 and
 * 9.06, {@code src/test/c/exnomesh.c}) without {@code ex_put_coord} or {@code ex_put_conn}, and a
 * file with fill values.
 */
class UnwrittenMeshTest {
  @TempDir Path dir;

  static Definition quad() {
    return ExodusWriter.define(ExodusFormat.CDF2, "quad", 2, 4)
        .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "QUAD4", 1, 4))
        .set(SetSpec.of(EntityType.NODE_SET, 5, 2, 0))
        .nodalVariables("u");
  }

  private static void writeMesh(ExodusWriter w, boolean coordinates, boolean connectivity)
      throws Exception {
    if (coordinates) {
      w.writeCoordinates(0, 0, 4, new double[] {0, 1, 1, 0}, 0);
      w.writeCoordinates(1, 0, 4, new double[] {0, 0, 1, 1}, 0);
    }
    if (connectivity)
      w.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, 1, new long[] {1, 2, 3, 4}, 0);
    w.writeSet(EntityType.NODE_SET, 5, 0, 2, new long[] {1, 2}, null);
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void closeRefusesAMeshNeverWrittenAndLeavesThePathAsItWas() throws Exception {
    Path out = dir.resolve("mesh.e");
    ExodusWriter w = ExodusWriter.create(out, quad());
    w.writeCoordinates(0, 0, 4, new double[] {0, 1, 1, 0}, 0); // y and the rest forgotten
    IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
    String m = e.getMessage();
    assertTrue(m.startsWith(out + ": not created"), m);
    assertTrue(m.contains("coordinates coordy (writeCoordinates)"), m);
    assertFalse(m.contains("coordx"), m);
    assertTrue(m.contains("connectivity of ELEM_BLOCK 10 (writeConnectivity)"), m);
    assertTrue(m.contains("entries of NODE_SET 5 (writeSet)"), m);
    assertTrue(m.contains("allowUnwrittenMesh"), m);
    assertEquals(List.of(), files(), "no file, no partial file");
    w.close(); // closed: nothing more happens
    // the locks are released: the path can be written now
    try (ExodusWriter again = ExodusWriter.create(out, quad())) {
      writeMesh(again, true, true);
    }
    assertTrue(Files.exists(out));
  }

  @Test
  void anOldFileAtThePathStaysByteForByte() throws Exception {
    Path out = dir.resolve("old.e");
    try (ExodusWriter w = ExodusWriter.create(out, quad())) {
      writeMesh(w, true, true);
      w.beginStep(0.5);
      w.writeNodalVariable(0, 0, 0, 4, new double[] {1, 2, 3, 4}, 0);
      w.commitStep();
    }
    byte[] before = Files.readAllBytes(out);
    ExodusWriter w = ExodusWriter.create(out, quad());
    writeMesh(w, true, false);
    IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
    assertTrue(e.getMessage().contains("connectivity of ELEM_BLOCK 10"), e.getMessage());
    assertFalse(e.getMessage().contains("coordinates"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(out));
    assertEquals(List.of(out), files());
  }

  @Test
  void theFirstStepIsRefusedUntilTheMeshIsWritten() throws Exception {
    Path out = dir.resolve("steps.e");
    try (ExodusWriter w = ExodusWriter.create(out, quad())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.beginStep(0));
      assertTrue(e.getMessage().contains("the first step was not begun"), e.getMessage());
      assertTrue(e.getMessage().contains("coordinates coordx, coordy"), e.getMessage());
      assertFalse(Files.exists(out));
      writeMesh(w, true, true);
      assertEquals(0, w.beginStep(0.25));
      w.writeNodalVariable(0, 0, 0, 4, new double[] {1, 2, 3, 4}, 0);
      w.commitStep();
    }
    // the C library reads the mesh and the step
    ReferenceDump d = new ReferenceDump(CTools.exref(out));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ReferenceDump.longs(d.all("connect").get(0), 3));
    assertArrayEquals(new double[] {0, 0, 1, 1}, ReferenceDump.reals(d.all("coord").get(1), 2));
    assertEquals("0.25", d.one("times")[1]);
  }

  @Test
  void theOptionPublishesItAndTheReaderListsWhatWasNeverWritten() throws Exception {
    Path out = dir.resolve("allowed.e");
    try (ExodusWriter w = ExodusWriter.create(out, quad().allowUnwrittenMesh(true))) {
      w.writeSet(EntityType.NODE_SET, 5, 0, 2, new long[] {1, 2}, null);
    }
    // netCDF-C reads fill values (ncdump's "_") in both arrays
    String cdl = ExternalTools.run("ncdump", out.toString());
    assertTrue(cdl.contains("coordx = _, _, _, _ ;"), cdl);
    assertTrue(cdl.contains("connect1 =\n  _, _, _, _ ;"), cdl);
    try (ExodusFile f = ExodusFile.open(out)) {
      List<String> d = f.defects();
      assertEquals(2, d.size(), d.toString());
      assertEquals(
          "coordinates never written: coordx, coordy hold only the fill value on 4 nodes",
          d.get(0));
      assertEquals(
          "connectivity of ELEM_BLOCK 10 never written: its 1 entries hold only the fill value",
          d.get(1));
      assertTrue(f.summary().contains("coordinates never written"), f.summary());
    }
  }

  /** exnomesh against 6.02 and 9.06: what it leaves unwritten is listed, nothing else. */
  @ParameterizedTest
  @ValueSource(strings = {"6.02", "9.06"})
  void filesTheCLibraryWroteWithoutTheirMeshAreListed(String version) throws Exception {
    Path tool =
        version.equals("6.02")
            ? CTools.testTool("exnomesh")
            : Exodus9.compile(Path.of("src", "test", "c", "exnomesh.c").toAbsolutePath());
    for (String format : List.of("2", "4")) {
      // classic: what was never written reads 0 (fill off); NetCDF-4: storage never allocated
      // reads the fill value
      String value = format.equals("2") ? "0" : "the fill value";
      String coords = "coordinates never written: coordx, coordy hold only " + value;
      String conn = "connectivity of ELEM_BLOCK 10 never written: its 1 entries hold only " + value;
      for (String what : List.of("-", "c", "x", "xc")) {
        Path f = dir.resolve("c" + version + "-" + format + what.replace("-", "") + ".e");
        ExternalTools.run(tool.toString(), f.toString(), format, what);
        // netCDF-C's reading (classic: the bytes never written read 0, as fill is off) or
        // HDF5's (NetCDF-4: a dataset with no storage allocated)
        boolean xStored = what.contains("x");
        boolean cStored = what.contains("c");
        if (format.equals("2")) {
          String cdl = ExternalTools.run("ncdump", f.toString());
          assertEquals(!xStored, cdl.contains("coordx = 0, 0, 0, 0 ;"), cdl);
          assertEquals(!cStored, cdl.contains("connect1 =\n  0, 0, 0, 0 ;"), cdl);
        } else {
          assertEquals(!xStored, unallocated(f, "coordx"), f + " coordx");
          assertEquals(!cStored, unallocated(f, "connect1"), f + " connect1");
        }
        try (ExodusFile x = ExodusFile.open(f)) {
          List<String> d = x.defects();
          assertEquals(!xStored, d.stream().anyMatch(s -> s.startsWith(coords)), f + ": " + d);
          assertEquals(!cStored, d.stream().anyMatch(s -> s.startsWith(conn)), f + ": " + d);
          assertEquals((xStored ? 0 : 1) + (cStored ? 0 : 1), d.size(), f + ": " + d);
        }
      }
    }
  }

  private static boolean unallocated(Path f, String dataset) throws Exception {
    String h = ExternalTools.run("h5dump", "-p", "-H", "-d", dataset, f.toString());
    return h.contains("SIZE 0\n") && h.contains("OFFSET 18446744073709551615");
  }

  /** The real files of the corpus all have their mesh: no such defect on any of them. */
  @Test
  void noCorpusFileIsSaidToLackItsMesh() throws Exception {
    List<Path> refs = ReferenceDump.all().toList();
    assertTrue(refs.size() > 40);
    for (Path ref : refs) {
      try (ExodusFile f = ExodusFile.open(ReferenceDump.fileOf(ref))) {
        for (String d : f.defects()) {
          assertFalse(d.contains("never written"), ref + ": " + d);
        }
      }
    }
  }

  @Test
  void aMeshCopyOfAFileWithoutItsMeshIsAllowedAndSaysTheSame() throws Exception {
    Path src = dir.resolve("src.e");
    try (ExodusWriter w = ExodusWriter.create(src, quad().allowUnwrittenMesh(true))) {
      writeMesh(w, true, false);
    }
    Path copy = dir.resolve("copy.e");
    try (ExodusFile f = ExodusFile.open(src);
        ExodusWriter w = ExodusWriter.create(copy, ExodusWriter.defineLike(f))) {
      w.copyMesh(f);
    }
    try (ExodusFile a = ExodusFile.open(src);
        ExodusFile b = ExodusFile.open(copy)) {
      assertEquals(a.defects(), b.defects());
      assertEquals(1, b.defects().size(), b.defects().toString());
    }
  }
}
