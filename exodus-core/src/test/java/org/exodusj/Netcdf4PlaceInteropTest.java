package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes into the chunk shapes netCDF-C files have (issue 16, {@code Nc4Writer.place}): a step
 * appended by {@link ExodusUpdater} to a file of 1x8 chunks (2197 nodes: a partial last chunk)
 * reads in the C library exactly as the same step appended by the C library itself ({@code
 * src/test/c/exappend.c}, {@code ex_put_var}); a rewrite ({@link ExodusUpdater#addVariables}) of a
 * file of N x 1 column chunks and coordinate chunks that do not divide the nodes keeps the chunks
 * and reads in the C library as the source, apart from the added variable.
 */
class Netcdf4PlaceInteropTest {
  @TempDir Path dir;

  private static final String COLUMNS =
      String.join(
          "\n",
          "import sys, netCDF4",
          "src = netCDF4.Dataset(sys.argv[1])",
          "dst = netCDF4.Dataset(sys.argv[2], 'w', format='NETCDF4')",
          "src.set_auto_maskandscale(False)",
          "dst.setncatts({a: src.getncattr(a) for a in src.ncattrs()})",
          "for n, d in src.dimensions.items():",
          "    dst.createDimension(n, None if d.isunlimited() else len(d))",
          "for n, v in src.variables.items():",
          "    ch = None",
          "    if n.startswith('connect'): ch = (v.shape[0], 1)",
          "    elif n.startswith('coord') and v.ndim == 1: ch = (1000,)",
          "    fill = v.getncattr('_FillValue') if '_FillValue' in v.ncattrs() else None",
          "    o = dst.createVariable(n, v.dtype, v.dimensions, zlib=True, complevel=1,"
              + " shuffle=True, chunksizes=ch, fill_value=fill)",
          "    o.set_auto_maskandscale(False)",
          "    o.setncatts({a: v.getncattr(a) for a in v.ncattrs() if a != '_FillValue'})",
          "    if v.size: o[...] = v[...]",
          "dst.close()");

  @Test
  void aStepAppendedIntoOneByEightChunksReadsAsTheCLibrarysOwnAppend() throws Exception {
    ExternalTools.require("nccopy");
    Path src = CTools.exgen(dir.resolve("m.e"), 12, 12, 12, 2, 3, "cdf2");
    Path nc = dir.resolve("m-1x8.nc");
    ExternalTools.run(
        "nccopy",
        "-k",
        "nc4",
        "-d",
        "1",
        "-s",
        "-c",
        "time_step/1,num_nodes/8",
        src.toString(),
        nc.toString());
    Path byC = Files.copy(nc, dir.resolve("by-c.nc"));
    Path byJava = Files.copy(nc, dir.resolve("by-java.nc"));
    ExternalTools.run(CTools.testTool("exappend").toString(), byC.toString());
    try (ExodusUpdater u = ExodusUpdater.open(byJava)) {
      long nn = u.nodeCount(); // sized from the updater, as exappend from its one open
      assertEquals(2197, nn); // 13^3 = 274 * 8 + 5
      long step = u.appendStep(1.0e6);
      double[] v = new double[(int) nn];
      for (int var = 0; var < 3; var++) { // exappend's values
        for (int i = 0; i < nn; i++) v[i] = var * 1.0e6 + i * 0.5;
        u.writeNodalVariable(var, step, 0, nn, v, 0);
      }
      u.commit();
    }
    String expected = CTools.exref(byC);
    assertTrue(expected.contains("\nnum_time_steps\t3\n"), "the C library appended a step");
    assertEquals(expected, CTools.exref(byJava));
    assertTrue(
        ExternalTools.run("ncdump", "-hs", byJava.toString())
            .contains("vals_nod_var1:_ChunkSizes = 1, 8 ;"));
  }

  /**
   * A step written whole into one-step chunks (each nodal variable's slab is exactly one chunk:
   * encoded, and shuffled where the pipeline starts with the shuffle, straight into the chunk) with
   * every pipeline nccopy gives such files: 2197 nodes, so the shuffle's last 5 values are not a
   * group of 8. The C library reads the step as the one it appended itself; the filters stay.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-d 1 -s", "-s", "-d 1", "-d 0"})
  void aStepWrittenWholeIntoOneStepChunksReadsAsTheCLibrarysOwnAppend(String filters)
      throws Exception {
    appendWholeStepsAndCompare(12, 2197, filters);
  }

  /**
   * The same with chunks of 287,496 bytes (35,937 nodes), which the updater deflates on two threads
   * of the shared pool (two decode threads asked for): the C library reads the stream.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-d 1 -s", "-d 4"})
  void aLargeChunkDeflatedOnTwoThreadsReadsAsTheCLibrarysOwnAppend(String filters)
      throws Exception {
    String before = System.getProperty("exodusj.decode.threads");
    System.setProperty("exodusj.decode.threads", "2");
    try {
      appendWholeStepsAndCompare(32, 35937, filters);
    } finally {
      if (before == null) System.clearProperty("exodusj.decode.threads");
      else System.setProperty("exodusj.decode.threads", before);
    }
  }

  private void appendWholeStepsAndCompare(int n, long nodes, String filters) throws Exception {
    ExternalTools.require("nccopy");
    Path src = CTools.exgen(dir.resolve("m.e"), n, n, n, 2, 3, "cdf2");
    Path nc = dir.resolve("m-step.nc");
    List<String> args = new java.util.ArrayList<>(List.of("nccopy", "-k", "nc4"));
    if (!filters.equals("-d 0")) args.addAll(List.of(filters.split(" ")));
    args.addAll(List.of("-c", "time_step/1", src.toString(), nc.toString()));
    ExternalTools.run(args.toArray(new String[0]));
    String header = ExternalTools.run("ncdump", "-hs", nc.toString());
    Path byC = Files.copy(nc, dir.resolve("by-c.nc"));
    Path byJava = Files.copy(nc, dir.resolve("by-java.nc"));
    ExternalTools.run(CTools.testTool("exappend").toString(), byC.toString());
    for (int session = 0; session < 2; session++) { // the second overwrites the step whole again
      try (ExodusUpdater u = ExodusUpdater.open(byJava)) {
        long nn = u.nodeCount();
        assertEquals(nodes, nn);
        long step = session == 0 ? u.appendStep(1.0e6) : u.timeStepCount() - 1;
        double[] v = new double[(int) nn + 3];
        for (int var = 0; var < 3; var++) { // exappend's values, from an offset into the array
          java.util.Arrays.fill(v, -1.0);
          for (int i = 0; i < nn; i++) v[i + 3] = var * 1.0e6 + i * 0.5;
          u.writeNodalVariable(var, step, 0, nn, v, 3);
        }
        u.commit();
      }
    }
    String expected = CTools.exref(byC);
    assertTrue(expected.contains("\nnum_time_steps\t3\n"), "the C library appended a step");
    assertEquals(expected, CTools.exref(byJava));
    String after = ExternalTools.run("ncdump", "-hs", byJava.toString());
    for (String a : List.of("_Shuffle", "_DeflateLevel", "_ChunkSizes = 1, " + nodes)) {
      assertEquals(
          header.lines().filter(l -> l.contains("vals_nod_var1:" + a)).count(),
          after.lines().filter(l -> l.contains("vals_nod_var1:" + a)).count(),
          a + " of " + filters + ":\n" + after);
    }
  }

  @Test
  void aRewriteIntoColumnChunksReadsAsTheSource() throws Exception {
    Path src = CTools.exgen(dir.resolve("m.e"), 30, 30, 30, 2, 3, "cdf2");
    Path nc = dir.resolve("m-col.nc");
    // netCDF-C (through Python's netCDF4) copies it with connect1 in 27000 x 1 chunks and the
    // coordinates in chunks of 1000 of 29791 nodes
    ExternalTools.run(
        ExternalTools.pythonWithNetcdf4(), "-c", COLUMNS, src.toString(), nc.toString());
    String chunksBefore = chunkSizes(nc);
    assertTrue(chunksBefore.contains("connect1:_ChunkSizes = 27000, 1 ;"), chunksBefore);
    assertTrue(chunksBefore.contains("coordx:_ChunkSizes = 1000 ;"), chunksBefore);
    String before = CTools.exref(nc);
    ExodusUpdater.addVariables(nc, EntityType.GLOBAL, List.of("added"));
    assertEquals(chunksBefore, chunkSizes(nc));
    String after = CTools.exref(nc);
    assertEquals(withoutGlobals(before), withoutGlobals(after));
    assertTrue(after.contains("global_var_names\tenergy\tmomentum\tadded"), after);
  }

  /** The chunk shapes ncdump shows, but the global variables' and their names' (one is added). */
  private static String chunkSizes(Path f) throws Exception {
    return ExternalTools.run("ncdump", "-hs", f.toString())
        .lines()
        .filter(l -> l.contains("_ChunkSizes") && !l.contains("_glo_var"))
        .map(String::trim)
        .collect(Collectors.joining("\n"));
  }

  private static String withoutGlobals(String dump) {
    return dump.lines().filter(l -> !l.startsWith("global_var")).collect(Collectors.joining("\n"));
  }
}
