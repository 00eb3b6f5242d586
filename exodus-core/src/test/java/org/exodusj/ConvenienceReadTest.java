package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.ReferenceDump;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allocating, name-based reads (issue 15) on every corpus file with a reference dump, against
 * the C library's reading of the same file (shared/corpus/reference, written by exref.c).
 */
class ConvenienceReadTest {
  static Stream<Path> references() throws Exception {
    return ReferenceDump.all();
  }

  private static double[] array(DoubleBuffer b) {
    DoubleBuffer d = b.duplicate();
    double[] out = new double[d.remaining()];
    d.get(out);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void namesHistoriesIdsAndCoordinatesAsTheCLibraryReadsThem(Path ref) throws Exception {
    ReferenceDump d = ReferenceDump.load(ref);
    Path file = ReferenceDump.fileOf(ref);
    try (ExodusFile f = ExodusFile.open(file)) {
      int steps = (int) d.count("num_time_steps");
      assertEquals(steps, f.timeStepCount());

      // coordinates: x, y, z whatever the dimension, zeros where the mesh has no such axis
      double[][] xyz = f.coordinates();
      Map<String, double[]> coord = new HashMap<>();
      for (String[] r : d.all("coord")) coord.put(r[1], ReferenceDump.reals(r, 2));
      String[] axes = {"x", "y", "z"};
      for (int a = 0; a < 3; a++) {
        double[] want = coord.getOrDefault(axes[a], new double[(int) f.nodeCount()]);
        if (a < f.dimensionCount() && !coord.containsKey(axes[a])) continue;
        assertArrayEquals(want, xyz[a], axes[a]);
        assertArrayEquals(want, array(f.coordinateBuffer(a)), axes[a] + " buffer");
      }

      // the summary's mesh line, from the C library's counts
      assertTrue(
          f.summary()
              .contains(
                  "mesh      "
                      + d.count("num_dim")
                      + "-D, "
                      + d.count("num_nodes")
                      + " nodes, "
                      + d.count("num_elem")
                      + " elements"),
          f.summary());

      // a missing name names the file, the kind, the name and the names present
      NoSuchElementException miss =
          assertThrows(
              NoSuchElementException.class,
              () -> f.variableIndex(EntityType.NODAL, "no such variable"));
      assertTrue(miss.getMessage().contains(file.toString()), miss.getMessage());
      assertTrue(miss.getMessage().contains("NODAL"), miss.getMessage());
      assertTrue(miss.getMessage().contains("'no such variable'"), miss.getMessage());
      assertTrue(
          miss.getMessage().contains(f.variableNames(EntityType.NODAL).toString()),
          miss.getMessage());

      // nodal variables by name, one step and the history of a few nodes
      Map<String, double[][]> nodal = new HashMap<>();
      for (String[] r : d.all("nodal_var")) {
        nodal.computeIfAbsent(r[1], k -> new double[steps][])[Integer.parseInt(r[2]) - 1] =
            ReferenceDump.reals(r, 3);
      }
      for (Map.Entry<String, double[][]> e : nodal.entrySet()) {
        String name = e.getKey();
        assertEquals(
            f.variableNames(EntityType.NODAL).indexOf(name),
            f.variableIndex(EntityType.NODAL, name));
        for (int s = 0; s < steps; s++) {
          assertArrayEquals(e.getValue()[s], f.nodalVariable(name, s), name + " step " + s);
          assertArrayEquals(
              e.getValue()[s], f.variable(EntityType.NODAL, name, 0, s), name + " step " + s);
        }
        assertArrayEquals(
            e.getValue()[steps - 1], array(f.nodalVariableBuffer(name, steps - 1)), name);
        for (long node : new long[] {0, f.nodeCount() / 2, f.nodeCount() - 1}) {
          double[] want = new double[steps];
          for (int s = 0; s < steps; s++) want[s] = e.getValue()[s][(int) node];
          assertArrayEquals(
              want, f.nodalVariableHistoryByIndex(name, node), name + " node " + node);
          assertArrayEquals(want, f.variableHistory(EntityType.NODAL, name, 0, node));
        }
      }

      // global variables: per step and as histories
      List<String[]> globals = d.all("global_vars");
      if (!globals.isEmpty()) {
        List<String> names = f.variableNames(EntityType.GLOBAL);
        for (String[] r : globals) {
          assertArrayEquals(
              ReferenceDump.reals(r, 2), f.globalVariables(Integer.parseInt(r[1]) - 1));
        }
        for (int v = 0; v < names.size(); v++) {
          if (names.indexOf(names.get(v)) != v) continue; // a repeated (e.g. empty) name
          double[] want = new double[steps];
          for (String[] r : globals)
            want[Integer.parseInt(r[1]) - 1] = Double.parseDouble(r[2 + v]);
          assertArrayEquals(want, f.globalVariableHistory(names.get(v)), names.get(v));
          assertArrayEquals(
              new double[] {want[0]}, f.variable(EntityType.GLOBAL, names.get(v), 0, 0));
        }
      }

      // element blocks: global element numbering, locations, histories by global index
      List<String[]> blocks = d.all("elem_block");
      long[] firstOf = new long[blocks.size()];
      Map<Long, Integer> blockIndex = new HashMap<>();
      long first = 0;
      for (int b = 0; b < blocks.size(); b++) {
        firstOf[b] = first;
        blockIndex.put(Long.parseLong(blocks.get(b)[1]), b);
        long entries = Long.parseLong(blocks.get(b)[3]);
        if (entries > 0) {
          ElementLocation last = f.elementLocation(first + entries - 1);
          assertEquals(Long.parseLong(blocks.get(b)[1]), last.block().id());
          assertEquals(entries - 1, last.entry());
          assertEquals(0, f.elementLocation(first).entry());
        }
        first += entries;
      }
      if (first < d.count("num_elem")) { // a damaged file: more elements than its blocks hold
        long beyond = d.count("num_elem") - 1;
        IllegalStateException x =
            assertThrows(IllegalStateException.class, () -> f.elementLocation(beyond));
        assertTrue(x.getMessage().contains(file.toString()), x.getMessage());
      }
      Map<String, Map<Long, double[][]>> elem = new HashMap<>();
      for (String[] r : d.all("elem_var")) {
        elem.computeIfAbsent(r[1], k -> new HashMap<>())
                .computeIfAbsent(Long.parseLong(r[2]), k -> new double[steps][])[
                Integer.parseInt(r[3]) - 1] =
            ReferenceDump.reals(r, 4);
      }
      for (Map.Entry<String, Map<Long, double[][]>> e : elem.entrySet()) {
        String name = e.getKey();
        for (String[] br : blocks) {
          long id = Long.parseLong(br[1]);
          long entries = Long.parseLong(br[3]);
          if (entries == 0) continue;
          long g = firstOf[blockIndex.get(id)];
          double[][] v = e.getValue().get(id);
          if (v == null) {
            IllegalArgumentException x =
                assertThrows(
                    IllegalArgumentException.class, () -> f.elementVariableHistoryByIndex(name, g));
            assertTrue(x.getMessage().contains("truth table"), x.getMessage());
            continue;
          }
          assertArrayEquals(v[steps - 1], f.variable(EntityType.ELEM_BLOCK, name, id, steps - 1));
          assertArrayEquals(
              v[steps - 1], array(f.variableBuffer(EntityType.ELEM_BLOCK, name, id, steps - 1)));
          for (long entry : new long[] {0, entries - 1}) {
            double[] want = new double[steps];
            for (int s = 0; s < steps; s++) want[s] = v[s][(int) entry];
            assertArrayEquals(
                want, f.elementVariableHistoryByIndex(name, g + entry), name + " " + id);
            assertArrayEquals(
                want, f.variableHistory(EntityType.ELEM_BLOCK, name, id, entry), name + " " + id);
          }
        }
      }

      // set variables by name
      for (String rec : List.of("node_set_var", "side_set_var")) {
        EntityType kind = rec.equals("node_set_var") ? EntityType.NODE_SET : EntityType.SIDE_SET;
        Map<String, double[][]> byNameAndSet = new HashMap<>();
        for (String[] r : d.all(rec)) {
          byNameAndSet
                  .computeIfAbsent(r[1] + "\t" + r[2], k -> new double[steps][])[
                  Integer.parseInt(r[3]) - 1] =
              ReferenceDump.reals(r, 4);
        }
        for (Map.Entry<String, double[][]> e : byNameAndSet.entrySet()) {
          String name = e.getKey().split("\t")[0];
          long id = Long.parseLong(e.getKey().split("\t")[1]);
          for (int s = 0; s < steps; s++) {
            assertArrayEquals(e.getValue()[s], f.variable(kind, name, id, s), rec + " " + name);
          }
          double[] want = new double[steps];
          for (int s = 0; s < steps; s++) want[s] = e.getValue()[s][0];
          assertArrayEquals(want, f.variableHistory(kind, name, id, 0), rec + " " + name);
        }
      }

      // ids to indices and back, through the maps the C library reports
      checkMap(f, EntityType.NODE_MAP, ReferenceDump.longs(d.one("node_num_map"), 1));
      if (d.one("elem_num_map") != null) {
        checkMap(f, EntityType.ELEM_MAP, ReferenceDump.longs(d.one("elem_num_map"), 1));
      }
    }
  }

  private static void checkMap(ExodusFile f, EntityType t, long[] map) throws Exception {
    IdMap m = f.idMap(t);
    assertEquals(map.length, m.size());
    boolean identity = true;
    for (int i = 0; i < map.length; i++) identity &= map[i] == i + 1;
    assertEquals(identity, m.isIdentity(), t.toString());
    List<Long> seen = new ArrayList<>();
    Map<Long, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < map.length; i++) firstIndex.putIfAbsent(map[i], i);
    for (int i = 0; i < map.length; i++) {
      assertEquals(map[i], m.id(i), t + " id of " + i);
      assertEquals((long) firstIndex.get(map[i]), m.index(map[i]), t + " index of " + map[i]);
      seen.add(map[i]);
    }
    if (t == EntityType.NODE_MAP && map.length > 0) {
      assertEquals(map[map.length - 1], f.nodeId(map.length - 1));
      assertEquals((long) firstIndex.get(map[0]), f.nodeIndex(map[0]));
    }
    if (t == EntityType.ELEM_MAP && map.length > 0) {
      assertEquals(map[map.length - 1], f.elementId(map.length - 1));
      assertEquals((long) firstIndex.get(map[0]), f.elementIndex(map[0]));
    }
    long absent = seen.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    NoSuchElementException x = assertThrows(NoSuchElementException.class, () -> m.index(absent));
    assertTrue(x.getMessage().contains(f.path().toString()), x.getMessage());
  }
}
