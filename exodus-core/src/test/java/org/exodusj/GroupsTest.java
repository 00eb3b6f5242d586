package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NetCDF-4 files whose meshes live in child groups, written by Exodus 9.06's {@code
 * ex_create_group} ({@code src/test/c/exgroups.c}): the root lists its groups as 9.06's {@code
 * ex_get_group_ids} does ({@code exref9}'s {@code x_groups} record) and says that it holds no mesh;
 * each group opens as a mesh of its own with the values the C program wrote.
 */
class GroupsTest {
  @TempDir static Path dir;
  static Path file;

  static final String[] NAMES = {"left", "right", "right/detail"};

  @BeforeAll
  static void write() throws Exception {
    Path exe = Exodus9.compile(Path.of("src", "test", "c", "exgroups.c").toAbsolutePath());
    file = dir.resolve("groups.exo");
    ExternalTools.run(exe.toString(), file.toString());
  }

  /** exref9's {@code x_groups} record: the count, then the names. */
  static List<String> xGroups(Path f) throws Exception {
    for (String line : Exodus9.exref9(f).split("\n")) {
      if (line.startsWith("x_groups\t")) {
        String[] t = line.split("\t");
        assertEquals(Integer.parseInt(t[1]), t.length - 2, line);
        return Arrays.asList(t).subList(2, t.length);
      }
    }
    return List.of();
  }

  @Test
  void theRootListsItsGroupsAndSaysItHoldsNoMesh() throws Exception {
    try (ExodusFile f = ExodusFile.open(file)) {
      assertEquals(xGroups(file), f.groups());
      assertEquals(List.of("left", "right"), f.groups());
      assertEquals(0, f.nodeCount());
      assertTrue(
          f.defects().stream().anyMatch(d -> d.contains("child groups left, right")),
          f.defects().toString());
      String info = InfoText.of(f);
      assertTrue(info.contains("groups    left, right"), info);
    }
  }

  /** Mesh {@code g} as exgroups.c writes it (see its header comment). */
  @ParameterizedTest
  @CsvSource({"0", "1", "2"})
  void eachGroupOpensAsTheMeshTheCProgramWrote(int g) throws Exception {
    ExodusOpenOptions o = ExodusOpenOptions.builder().group(NAMES[g]).build();
    try (ExodusFile f = ExodusFile.open(file, o)) {
      String leaf = NAMES[g].substring(NAMES[g].lastIndexOf('/') + 1);
      int nx = 2 + g;
      int nn = 2 * (nx + 1);
      assertEquals(List.of(), f.defects());
      assertEquals(g == 1 ? List.of("right/detail") : List.of(), f.groups());
      // the title lives at the root (ex_put_init writes it there)
      assertEquals("meshes in groups", f.title());
      assertEquals(2, f.dimensionCount());
      assertEquals(nn, f.nodeCount());
      assertEquals(nx, f.elementCount());
      assertEquals(List.of("x", "y"), f.coordinateNames());
      double[] x = new double[nn];
      double[] y = new double[nn];
      for (int n = 0; n < nn; n++) {
        x[n] = n % (nx + 1) + 10 * g;
        y[n] = n / (nx + 1);
      }
      double[] got = new double[nn];
      f.readCoordinates(0, 0, nn, got, 0);
      assertArrayEquals(x, got);
      f.readCoordinates(1, 0, nn, got, 0);
      assertArrayEquals(y, got);
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      assertEquals(100 + g, b.id());
      assertEquals("block_" + leaf, b.name());
      assertEquals("QUAD4", b.storedType());
      long[] conn = new long[4 * nx];
      for (int e = 0; e < nx; e++) {
        conn[4 * e] = e + 1;
        conn[4 * e + 1] = e + 2;
        conn[4 * e + 2] = e + 2 + nx + 1;
        conn[4 * e + 3] = e + 1 + nx + 1;
      }
      long[] gotConn = new long[conn.length];
      f.readConnectivity(b, 0, nx, gotConn, 0);
      assertArrayEquals(conn, gotConn);
      assertEquals(List.of("temp_" + leaf), f.variableNames(EntityType.NODAL));
      double[] times = new double[2 + g]; // each group has steps of its own
      for (int s = 1; s <= 2 + g; s++) times[s - 1] = 0.5 * s + g;
      assertArrayEquals(times, f.times());
      // the storage's record count is the group's own time_step (not another group's)
      try (org.exodusj.internal.storage.Storage st =
          org.exodusj.internal.backend.Backends.open(file, o, ChunkCacheSettings.resolve(o))) {
        assertEquals(2 + g, st.recordCount());
      }
      for (int s = 1; s <= 2 + g; s++) {
        double[] v = new double[nn];
        for (int n = 0; n < nn; n++) v[n] = 1000 * g + 10 * s + n;
        double[] gv = new double[nn];
        f.readNodalVariable(0, s - 1, 0, nn, gv, 0);
        assertArrayEquals(v, gv, "step " + s);
      }
    }
  }

  @Test
  void aGroupTheFileLacksIsRefusedWithTheGroupsThereAre() throws Exception {
    ExodusOpenOptions o = ExodusOpenOptions.builder().group("middle").build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExodusFile.open(file, o));
    assertTrue(
        e.getMessage().contains("middle") && e.getMessage().contains("[left, right]"),
        e.getMessage());
    Path classic = dir.resolve("classic.exo");
    SampleFiles.writeHexMesh(classic, 1, 1, 1, 1, 1);
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> ExodusFile.open(classic, o));
    assertTrue(c.getMessage().contains("no groups"), c.getMessage());
    try (ExodusFile f = ExodusFile.open(classic)) {
      assertEquals(List.of(), f.groups());
    }
    assertThrows(IllegalArgumentException.class, () -> ExodusOpenOptions.builder().group("a//b"));
  }
}
