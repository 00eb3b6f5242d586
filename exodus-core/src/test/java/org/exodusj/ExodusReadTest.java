package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.CTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every access style of the reader (caller buffers, partial ranges, histories, views, chunk
 * iterators, many threads) against files the C library wrote with exgen, whose values are exact
 * functions ({@link ExgenOracle}); and against the same mesh written by {@link SampleFiles}.
 */
class ExodusReadTest {
  static final int NX = 6;
  static final int NY = 5;
  static final int NZ = 4;
  static final int STEPS = 3;
  static final int VARS = 3;
  static final ExgenOracle O = new ExgenOracle(NX, NY, NZ);

  @TempDir static Path dir;

  static Stream<Arguments> files() throws Exception {
    List<Arguments> out = new ArrayList<>();
    Path cdf2 = CTools.exgen(dir.resolve("c2.e"), NX, NY, NZ, STEPS, VARS, "cdf2");
    Path cdf1 = CTools.exgen(dir.resolve("c1.e"), NX, NY, NZ, STEPS, VARS, "cdf1");
    Path java = dir.resolve("java.e");
    SampleFiles.writeHexMesh(java, NX, NY, NZ, STEPS, VARS);
    Path nc4 = CTools.exgen(dir.resolve("c4.nc4"), NX, NY, NZ, STEPS, VARS, "nc4");
    Path deflated = dir.resolve("c4-deflate-shuffle.nc4");
    org.exodusj.internal.testutil.ExternalTools.run(
        "nccopy",
        "-k",
        "nc4",
        "-d",
        "1",
        "-s",
        "-c",
        "time_step/1,num_nodes/50",
        cdf2.toString(),
        deflated.toString());
    for (Path p : List.of(cdf2, cdf1, java, nc4, deflated)) {
      out.add(Arguments.of(p.getFileName() + " mapped", p, ExodusOpenOptions.DEFAULT));
      out.add(
          Arguments.of(
              p.getFileName() + " 64-byte windows",
              p,
              ExodusOpenOptions.builder().mapWindowBytes(64).build()));
      out.add(Arguments.of(p.getFileName() + " unmapped", p, ExodusOpenOptions.UNMAPPED));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void metadata(String name, Path p, ExodusOpenOptions o) throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      assertEquals("exgen structured hex mesh", f.title());
      assertEquals(3, f.dimensionCount());
      assertEquals(O.nodes(), f.nodeCount());
      assertEquals(O.elements(), f.elementCount());
      assertEquals(List.of("x", "y", "z"), f.coordinateNames());
      Block b = f.block(EntityType.ELEM_BLOCK, 10);
      assertEquals("HEX8", b.storedType());
      assertEquals(Topology.HEX8, b.topology());
      assertEquals(O.elements(), b.entryCount());
      assertEquals(8, b.nodesPerEntry());
      EntitySet ns = f.set(EntityType.NODE_SET, 1);
      assertEquals((long) (NY + 1) * (NZ + 1), ns.entryCount());
      assertEquals(0, ns.distributionFactorCount());
      assertEquals(STEPS, f.timeStepCount());
      assertEquals(List.of("energy", "momentum"), f.variableNames(EntityType.GLOBAL));
      assertEquals(List.of("field_1", "field_2", "field_3"), f.variableNames(EntityType.NODAL));
      assertEquals(List.of("stress"), f.variableNames(EntityType.ELEM_BLOCK));
      assertTrue(f.truthTable(EntityType.ELEM_BLOCK).has(0, 0));
      assertEquals(8, f.info().floatingPointWordSize());
      assertEquals(List.of(), f.defects());
      assertFalse(f.hasIdMap(EntityType.NODE_MAP));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void buffersAndPartialRanges(String name, Path p, ExodusOpenOptions o) throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      int nn = (int) O.nodes();
      for (int axis = 0; axis < 3; axis++) {
        double[] c = f.coordinates(axis);
        for (int n = 0; n < nn; n++) assertEquals(O.coord(axis, n), c[n], "axis " + axis);
        double[] part = new double[13];
        f.readCoordinates(axis, 17, 10, part, 3);
        for (int n = 0; n < 10; n++) assertEquals(O.coord(axis, 17 + n), part[3 + n]);
      }
      Block b = f.block(EntityType.ELEM_BLOCK, 10);
      long[] conn = f.connectivity(b);
      for (int e = 0; e < O.elements(); e++) {
        for (int c = 0; c < 8; c++) assertEquals(O.conn(e, c), conn[8 * e + c]);
      }
      int[] ic = new int[5 * 8];
      f.readConnectivity(b, 40, 5, ic, 0);
      for (int e = 0; e < 5; e++) {
        for (int c = 0; c < 8; c++) assertEquals(O.conn(40 + e, c), ic[8 * e + c]);
      }
      EntitySet ns = f.set(EntityType.NODE_SET, 1);
      long[] entries = new long[(int) ns.entryCount()];
      f.readSetEntries(ns, 0, entries.length, entries, 0);
      for (int q = 0; q < entries.length; q++) assertEquals(O.nodeSetEntry(q), entries[q]);
      double[] t = f.times();
      for (int s = 0; s < STEPS; s++) assertEquals(O.time(s), t[s]);
      double[] g = new double[2];
      f.readGlobalVariables(1, g, 0);
      assertArrayEquals(new double[] {O.global(0, 1), O.global(1, 1)}, g);
      double[] gh = new double[STEPS];
      f.readGlobalVariableHistory(1, 0, STEPS, gh, 0);
      for (int s = 0; s < STEPS; s++) assertEquals(O.global(1, s), gh[s]);
      for (int v = 0; v < VARS; v++) {
        for (int s = 0; s < STEPS; s++) {
          double[] d = new double[nn];
          f.readNodalVariable(v, s, 0, nn, d, 0);
          for (int n = 0; n < nn; n++) assertEquals(O.nodal(v, s, n), d[n]);
          double[] part = new double[7];
          f.readNodalVariable(v, s, nn - 7, 7, part, 0);
          for (int n = 0; n < 7; n++) assertEquals(O.nodal(v, s, nn - 7 + n), part[n]);
        }
        double[] whole = f.nodalVariable(v, STEPS - 1);
        assertEquals(nn, whole.length);
        for (int n = 0; n < nn; n++) assertEquals(O.nodal(v, STEPS - 1, n), whole[n]);
        double[] hist = new double[STEPS];
        f.readNodalVariableHistory(v, 33, 0, STEPS, hist, 0);
        for (int s = 0; s < STEPS; s++) assertEquals(O.nodal(v, s, 33), hist[s]);
      }
      double[] ev = new double[(int) O.elements()];
      f.readVariable(EntityType.ELEM_BLOCK, 0, 10, 2, 0, ev.length, ev, 0);
      for (int e = 0; e < ev.length; e++) assertEquals(O.element(2, e), ev[e]);
      assertArrayEquals(ev, f.variable(EntityType.ELEM_BLOCK, 0, 10, 2));
      double[] eh = new double[2];
      f.readVariableHistory(EntityType.ELEM_BLOCK, 0, 10, 11, 1, 2, eh, 0);
      assertArrayEquals(new double[] {O.element(1, 11), O.element(2, 11)}, eh);
      long[] map = new long[4];
      f.readIdMap(EntityType.NODE_MAP, 5, 4, map, 0);
      assertArrayEquals(new long[] {6, 7, 8, 9}, map);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void viewsWhereTheBytesAllowAndEmptyOtherwise(String name, Path p, ExodusOpenOptions o)
      throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      int nn = (int) O.nodes();
      Optional<DoubleBuffer> x = f.coordinateView(1);
      Optional<DoubleBuffer> nod = f.nodalVariableView(2, 1);
      Optional<DoubleBuffer> el = f.variableView(EntityType.ELEM_BLOCK, 0, 10, 0);
      Optional<IntBuffer> conn = f.connectivityViewInts(f.block(EntityType.ELEM_BLOCK, 10));
      if (!o.memoryMap()) {
        assertTrue(x.isEmpty() && nod.isEmpty() && el.isEmpty() && conn.isEmpty());
        return;
      }
      if (p.toString().endsWith(".nc4")) {
        // NetCDF-4: contiguous datasets may be viewed (in their stored byte order); chunked ones
        // are decoded and never are. Whatever is offered must hold the right values.
        x.ifPresent(
            v -> {
              for (int n = 0; n < nn; n++) assertEquals(O.coord(1, n), v.get(n));
            });
        assertTrue(nod.isEmpty(), "nodal variables are chunked along time");
        return;
      }
      if (o.mapWindowBytes() < nn * 8) {
        // Views exist only when a slab fits a window; with 64-byte windows these do not.
        assertTrue(x.isEmpty() && nod.isEmpty());
        return;
      }
      DoubleBuffer xv = x.orElseThrow();
      assertTrue(xv.isReadOnly());
      for (int n = 0; n < nn; n++) assertEquals(O.coord(1, n), xv.get(n));
      DoubleBuffer nv = nod.orElseThrow();
      for (int n = 0; n < nn; n++) assertEquals(O.nodal(2, 1, n), nv.get(n));
      DoubleBuffer evv = el.orElseThrow();
      for (int e = 0; e < O.elements(); e++) assertEquals(O.element(0, e), evv.get(e));
      IntBuffer cv = conn.orElseThrow();
      for (int e = 0; e < O.elements(); e++) {
        for (int c = 0; c < 8; c++) assertEquals(O.conn(e, c), cv.get(8 * e + c));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void chunkIteratorsVisitEveryValueOnce(String name, Path p, ExodusOpenOptions o)
      throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      long seen = 0;
      try (ValueChunks c = f.nodalVariableChunks(1, 0, STEPS, 29)) {
        DoubleBuffer first = null;
        while (c.next()) {
          DoubleBuffer v = c.values();
          if (first == null) first = v;
          assertTrue(v == first, "one buffer, reused");
          assertTrue(v.remaining() <= 29);
          for (int i = 0; i < v.remaining(); i++) {
            assertEquals(O.nodal(1, c.step(), c.start() + i), v.get(i));
          }
          seen += v.remaining();
        }
      }
      assertEquals(O.nodes() * STEPS, seen);
      seen = 0;
      try (ValueChunks c = f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, 1, 2, 50)) {
        while (c.next()) {
          DoubleBuffer v = c.values();
          for (int i = 0; i < v.remaining(); i++) {
            assertEquals(O.element(c.step(), c.start() + i), v.get(i));
          }
          seen += v.remaining();
        }
      }
      assertEquals(O.elements() * 2, seen);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void manyThreadsReadRandomRangesCorrectly(String name, Path p, ExodusOpenOptions o)
      throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          final int seed = t;
          results.add(
              pool.submit(
                  () -> {
                    Random r = new Random(seed);
                    int checked = 0;
                    double[] d = new double[(int) O.nodes()];
                    for (int rep = 0; rep < 300; rep++) {
                      int v = r.nextInt(VARS);
                      int s = r.nextInt(STEPS);
                      int start = r.nextInt((int) O.nodes());
                      int count = r.nextInt((int) O.nodes() - start) + 1;
                      f.readNodalVariable(v, s, start, count, d, 0);
                      for (int i = 0; i < count; i++) {
                        if (d[i] != O.nodal(v, s, start + i)) {
                          throw new AssertionError(
                              "thread " + seed + " rep " + rep + " value " + i);
                        }
                        checked++;
                      }
                    }
                    return checked;
                  }));
        }
        for (Future<Integer> r : results) assertTrue(r.get() > 0);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void callerMistakesAreClearErrors(String name, Path p, ExodusOpenOptions o) throws Exception {
    try (ExodusFile f = ExodusFile.open(p, o)) {
      IndexOutOfBoundsException e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.readNodalVariable(0, STEPS, 0, 1, new double[1], 0));
      assertEquals(
          p
              + ": steps firstStep="
              + STEPS
              + " stepCount=1 outside the "
              + STEPS
              + " time steps of the file",
          e.getMessage());
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.readNodalVariable(VARS, 0, 0, 1, new double[1], 0));
      IllegalArgumentException id =
          assertThrows(IllegalArgumentException.class, () -> f.block(EntityType.ELEM_BLOCK, 11));
      assertTrue(id.getMessage().contains("11"), id.getMessage());
      assertThrows(IllegalArgumentException.class, () -> f.blocks(EntityType.NODE_SET));
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.readCoordinates(0, 0, O.nodes(), new double[10], 0));
    }
  }
}
