package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-entity arrays stored shorter than the model says (issue 12, section 1): a mesh generator
 * writes {@code attrib1(num_el_in_blk5, ...)} for block 1. The file is made by {@code ncgen} from
 * the CDL below; the oracle is the C library's reading of it ({@code exref}): whole-array reads
 * ({@code ex_get_attr}, {@code ex_get_set_dist_fact}, {@code ex_get_id_map}) give the stored rows
 * and leave the rest of the buffer as it was (zeros in exref's calloc'd buffers), while {@code
 * ex_get_var} refuses a variable stored short, so exref prints no record for it.
 */
class ShortArraysTest {
  @TempDir Path dir;

  /** Block 10 has 3 elements but 2 attribute rows; the node set 3 entries but 2 factors; ... */
  static final String CDL =
      """
      netcdf short {
      dimensions:
        len_string = 33 ;
        len_line = 81 ;
        four = 4 ;
        len_name = 33 ;
        time_step = UNLIMITED ;
        num_dim = 2 ;
        num_nodes = 6 ;
        num_elem = 4 ;
        num_el_blk = 2 ;
        num_node_sets = 1 ;
        num_el_in_blk1 = 3 ;
        num_nod_per_el1 = 3 ;
        num_att_in_blk1 = 2 ;
        num_el_in_blk2 = 1 ;
        num_nod_per_el2 = 3 ;
        num_nod_ns1 = 3 ;
        short_rows = 2 ;
        short_nodes = 4 ;
        num_elem_var = 1 ;
        num_nod_var = 1 ;
      variables:
        double time_whole(time_step) ;
        int eb_status(num_el_blk) ;
        int eb_prop1(num_el_blk) ;
          eb_prop1:name = "ID" ;
        int ns_status(num_node_sets) ;
        int ns_prop1(num_node_sets) ;
          ns_prop1:name = "ID" ;
        double coordx(num_nodes) ;
        double coordy(num_nodes) ;
        int connect1(num_el_in_blk1, num_nod_per_el1) ;
          connect1:elem_type = "TRI3" ;
        double attrib1(short_rows, num_att_in_blk1) ;
        int connect2(num_el_in_blk2, num_nod_per_el2) ;
          connect2:elem_type = "TRI3" ;
        int node_ns1(num_nod_ns1) ;
        double dist_fact_ns1(short_rows) ;
        int node_num_map(short_nodes) ;
        double vals_nod_var1(time_step, short_nodes) ;
        char name_nod_var(num_nod_var, len_name) ;
        double vals_elem_var1eb1(time_step, short_rows) ;
        char name_elem_var(num_elem_var, len_name) ;
        int elem_var_tab(num_el_blk, num_elem_var) ;
      // global attributes:
          :api_version = 8.03f ;
          :version = 8.03f ;
          :floating_point_word_size = 8 ;
          :file_size = 1 ;
          :maximum_name_length = 32 ;
          :int64_status = 0 ;
          :title = "short arrays" ;
      data:
       time_whole = 0.5 ;
       eb_status = 1, 1 ;
       eb_prop1 = 10, 20 ;
       ns_status = 1 ;
       ns_prop1 = 7 ;
       coordx = 0, 1, 2, 0, 1, 2 ;
       coordy = 0, 0, 0, 1, 1, 1 ;
       connect1 = 1, 2, 5, 1, 5, 4, 2, 3, 6 ;
       attrib1 = 1.5, 2.5, 3.5, 4.5 ;
       connect2 = 2, 6, 5 ;
       node_ns1 = 1, 2, 3 ;
       dist_fact_ns1 = 0.25, 0.75 ;
       node_num_map = 11, 12, 13, 14 ;
       vals_nod_var1 = 1, 2, 3, 4 ;
       name_nod_var = "u" ;
       vals_elem_var1eb1 = 9, 8 ;
       name_elem_var = "s" ;
       elem_var_tab = 1, 0 ;
      }
      """;

  static Path ncgen(Path dir, String name, String cdl) throws Exception {
    CExref.path(); // the C tools present (skips, or fails under CI, where not)
    Path src = dir.resolve(name + ".cdl");
    Files.writeString(src, cdl);
    Path out = dir.resolve(name);
    CExref.run("ncgen", "-o", out.toString(), src.toString());
    return out;
  }

  /** The values of the C library's record starting with {@code key} (tab separated), or null. */
  static double[] record(String dump, String key) {
    for (String line : dump.split("\n")) {
      if (line.startsWith(key + "\t")) {
        String[] f = line.substring(key.length() + 1).split("\t");
        return Arrays.stream(f).mapToDouble(Double::parseDouble).toArray();
      }
    }
    return null;
  }

  @Test
  void exoDumpEqualsTheCLibraryAndReportsTheDefects() throws Exception {
    Path file = ncgen(dir, "short.e", CDL);
    String reference = CExref.dump(file);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", file.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(), DumpComparison.compare(reference, r.out(), 10));
    assertTrue(r.out().contains("\nqa") || r.out().contains("times\t"), "the dump goes on");
    assertTrue(
        r.err()
            .contains(
                "defect: attrib1 (attributes): 2 entries stored along dimension"
                    + " short_rows, 3 expected for ELEM_BLOCK 10"),
        r.err());
    assertTrue(r.err().contains("defect: dist_fact_ns1"), r.err());
    assertTrue(r.err().contains("defect: node_num_map"), r.err());
    // the C library prints the unstored rows as the zeros of its buffer: check it says so
    assertArrayEquals(
        new double[] {10, 1.5, 2.5, 3.5, 4.5, 0, 0},
        Arrays.copyOfRange(record(reference, "attrib\telem_block"), 0, 7));
  }

  @ParameterizedTest(name = "memoryMap={0}")
  @ValueSource(booleans = {true, false})
  void readsGiveTheStoredRowsAndLeaveTheRestUntouched(boolean mapped) throws Exception {
    Path file = ncgen(dir, "short.e", CDL);
    String reference = CExref.dump(file);
    ExodusOpenOptions o = ExodusOpenOptions.builder().memoryMap(mapped).build();
    try (ExodusFile f = ExodusFile.open(file, o)) {
      List<String> d = f.defects();
      assertTrue(
          d.stream()
              .anyMatch(
                  s ->
                      s.startsWith(
                          "attrib1 (attributes): 2 entries stored"
                              + " along dimension short_rows, 3 expected for ELEM_BLOCK 10")),
          d.toString());
      assertTrue(
          d.stream()
              .anyMatch(
                  s ->
                      s.startsWith(
                          "dist_fact_ns1 (distribution factors): 2"
                              + " entries stored along dimension short_rows, 3 expected for NODE_SET 7")),
          d.toString());
      assertTrue(
          d.stream()
              .anyMatch(
                  s ->
                      s.startsWith(
                          "node_num_map (id map): 4 entries stored"
                              + " along dimension short_nodes, 6 expected for the nodes")),
          d.toString());
      // the two short variables are one kind: one line with the count, naming both
      List<String> vars = d.stream().filter(s -> s.contains("(variable)")).toList();
      assertEquals(1, vars.size(), d.toString());
      assertTrue(vars.get(0).startsWith("vals_nod_var1 (variable): 4 entries stored"), vars.get(0));
      assertTrue(vars.get(0).endsWith("[2 like this in all: vals_nod_var1, vals_elem_var1eb1]"));

      double s = -7.25; // the caller's sentinel, to be left untouched
      Block b = f.block(EntityType.ELEM_BLOCK, 10);
      double[] att = new double[8];
      Arrays.fill(att, s);
      f.readAttributes(b, 0, 3, att, 1);
      double[] c = record(reference, "attrib\telem_block");
      assertArrayEquals(new double[] {s, c[1], c[2], c[3], c[4], s, s, s}, att);
      Arrays.fill(att, s);
      f.readAttributes(b, 1, 2, att, 0); // row 1 stored, row 2 not
      assertArrayEquals(new double[] {c[3], c[4], s, s, s, s, s, s}, att);
      Arrays.fill(att, s);
      f.readAttributes(b, 2, 1, att, 0); // nothing stored
      assertArrayEquals(new double[] {s, s, s, s, s, s, s, s}, att);
      assertThrows(IndexOutOfBoundsException.class, () -> f.readAttributes(b, 2, 2, att, 0));
      assertThrows(IndexOutOfBoundsException.class, () -> f.readAttributes(b, 0, 3, att, 3));

      EntitySet ns = f.set(EntityType.NODE_SET, 7);
      double[] df = {s, s, s};
      f.readDistributionFactors(ns, 0, 3, df, 0);
      double[] cdf = record(reference, "node_set_df");
      assertArrayEquals(new double[] {cdf[1], cdf[2], s}, df);

      long[] map = new long[6];
      Arrays.fill(map, -1);
      f.readIdMap(EntityType.NODE_MAP, 0, 6, map, 0);
      double[] cmap = record(reference, "node_num_map");
      assertArrayEquals(
          new long[] {(long) cmap[0], (long) cmap[1], (long) cmap[2], (long) cmap[3], -1, -1}, map);

      // variables: the C library refuses them (no record in its dump); we read what is stored
      assertEquals(null, record(reference, "nodal_var\tu"));
      assertEquals(4, f.storedEntries(EntityType.NODAL, 0, 0));
      double[] u = {s, s, s, s, s, s};
      f.readNodalVariable(0, 0, 0, 6, u, 0);
      assertArrayEquals(new double[] {1, 2, 3, 4, s, s}, u); // the CDL's values
      assertFalse(f.nodalVariableView(0, 0).isPresent());
      assertEquals(2, f.storedEntries(EntityType.ELEM_BLOCK, 0, 10));
      double[] e = f.variable(EntityType.ELEM_BLOCK, 0, 10, 0);
      assertArrayEquals(new double[] {9, 8, 0}, e);
      double[] h = {s};
      f.readVariableHistory(EntityType.ELEM_BLOCK, 0, 10, 2, 0, 1, h, 0);
      assertArrayEquals(new double[] {s}, h);
      // steps in one read: each step's stored entries, the rest of its row untouched
      double[] us = {s, s, s, s, s, s, s, s};
      f.readNodalVariableSteps(0, 0, 1, us, 1);
      assertArrayEquals(new double[] {s, 1, 2, 3, 4, s, s, s}, us);
      double[] es = {s, s, s, s, s};
      f.readVariableSteps(EntityType.ELEM_BLOCK, 0, 10, 0, 1, es, 1);
      assertArrayEquals(new double[] {s, 9, 8, s, s}, es);
    }
  }
}
