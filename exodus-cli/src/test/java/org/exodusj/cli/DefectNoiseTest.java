package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.TruthTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect noise (issue 12, section 1): libexodusII defines no variable on an empty (NULL) block even
 * where its truth table says 1, so such a file, written here by the C library itself, opens with no
 * defect; and repeated defects of one kind make one line with a count.
 */
class DefectNoiseTest {
  @TempDir Path dir;

  /** Two QUAD4 in block 1, block 2 NULL, 3 element variables with a truth table of all 1. */
  static final String NULL_BLOCK_C =
      """
      #include <exodusII.h>
      int main(int argc, char **argv) {
        int cpu = 8, io = 8;
        int exoid = ex_create(argv[1], EX_CLOBBER, &cpu, &io);
        if (exoid < 0) return 1;
        if (ex_put_init(exoid, "null block", 2, 6, 2, 2, 0, 0)) return 2;
        double x[] = {0, 1, 2, 0, 1, 2}, y[] = {0, 0, 0, 1, 1, 1};
        if (ex_put_coord(exoid, x, y, 0)) return 3;
        if (ex_put_block(exoid, EX_ELEM_BLOCK, 1, "QUAD4", 2, 4, 0, 0, 0)) return 4;
        if (ex_put_block(exoid, EX_ELEM_BLOCK, 2, "NULL", 0, 0, 0, 0, 0)) return 5;
        int conn[] = {1, 2, 5, 4, 2, 3, 6, 5};
        if (ex_put_conn(exoid, EX_ELEM_BLOCK, 1, conn, 0, 0)) return 6;
        if (ex_put_variable_param(exoid, EX_ELEM_BLOCK, 3)) return 7;
        char *names[] = {"a", "b", "c"};
        if (ex_put_variable_names(exoid, EX_ELEM_BLOCK, 3, names)) return 8;
        int tab[] = {1, 1, 1, 1, 1, 1};
        if (ex_put_truth_table(exoid, EX_ELEM_BLOCK, 2, 3, tab)) return 9;
        for (int s = 1; s <= 2; s++) {
          double t = s;
          if (ex_put_time(exoid, s, &t)) return 10;
          for (int v = 1; v <= 3; v++) {
            double vals[] = {10 * s + v, 100 * s + v};
            if (ex_put_var(exoid, s, EX_ELEM_BLOCK, v, 1, 2, vals)) return 11;
          }
        }
        return ex_close(exoid) ? 12 : 0;
      }
      """;

  @Test
  void aNullBlockWithoutItsVariablesIsNoDefect() throws Exception {
    CExref.path(); // gcc and libexodusII present (skips, or fails under CI, where not)
    Path src = dir.resolve("nullblock.c");
    Files.writeString(src, NULL_BLOCK_C);
    Path exe = dir.resolve("nullblock");
    CExref.run("gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    Path file = dir.resolve("nullblock.e");
    CExref.run(exe.toString(), file.toString());
    // the C library's own layout: a truth table of 1s, no variable on the NULL block
    String header = CExref.run("ncdump", "-h", file.toString());
    assertTrue(header.contains("vals_elem_var3eb1"), header);
    assertFalse(header.contains("eb2("), header);
    try (ExodusFile f = ExodusFile.open(file)) {
      assertEquals(List.of(), f.defects());
      TruthTable t = f.truthTable(EntityType.ELEM_BLOCK);
      for (int v = 0; v < 3; v++) {
        assertTrue(t.has(0, v));
        assertFalse(t.has(1, v));
      }
    }
    ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", file.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertEquals(List.of(), DumpComparison.compare(CExref.dump(file), r.out(), 10));
  }

  /** Two blocks with elements; the truth table lists 3 variables on each, one is stored. */
  static final String UNSTORED_CDL =
      """
      netcdf unstored {
      dimensions:
        len_string = 33 ;
        len_line = 81 ;
        four = 4 ;
        len_name = 33 ;
        time_step = UNLIMITED ;
        num_dim = 2 ;
        num_nodes = 4 ;
        num_elem = 2 ;
        num_el_blk = 2 ;
        num_el_in_blk1 = 1 ;
        num_nod_per_el1 = 3 ;
        num_el_in_blk2 = 1 ;
        num_nod_per_el2 = 3 ;
        num_elem_var = 3 ;
      variables:
        double time_whole(time_step) ;
        int eb_status(num_el_blk) ;
        int eb_prop1(num_el_blk) ;
          eb_prop1:name = "ID" ;
        double coordx(num_nodes) ;
        double coordy(num_nodes) ;
        int connect1(num_el_in_blk1, num_nod_per_el1) ;
          connect1:elem_type = "TRI3" ;
        int connect2(num_el_in_blk2, num_nod_per_el2) ;
          connect2:elem_type = "TRI3" ;
        double vals_elem_var1eb1(time_step, num_el_in_blk1) ;
        char name_elem_var(num_elem_var, len_name) ;
        int elem_var_tab(num_el_blk, num_elem_var) ;
      // global attributes:
          :api_version = 8.03f ;
          :version = 8.03f ;
          :floating_point_word_size = 8 ;
          :file_size = 1 ;
          :maximum_name_length = 32 ;
          :int64_status = 0 ;
          :title = "unstored" ;
      data:
       time_whole = 1 ;
       eb_status = 1, 1 ;
       eb_prop1 = 1, 2 ;
       coordx = 0, 1, 0, 1 ;
       coordy = 0, 0, 1, 1 ;
       connect1 = 1, 2, 3 ;
       connect2 = 2, 4, 3 ;
       vals_elem_var1eb1 = 5 ;
       name_elem_var = "a", "b", "c" ;
       elem_var_tab = 1, 1, 1, 1, 1, 1 ;
      }
      """;

  @Test
  void repeatedDefectsOfOneKindMakeOneLineWithACount() throws Exception {
    Path file = ShortArraysTest.ncgen(dir, "unstored.e", UNSTORED_CDL);
    try (ExodusFile f = ExodusFile.open(file)) {
      List<String> d = f.defects();
      assertEquals(1, d.size(), d.toString());
      assertEquals(
          "elem_var_tab lists variable 2 on object 1, but it is not stored"
              + " [5 like this in all: variable 2 on object 1, variable 3 on object 1, variable 1"
              + " on object 2, variable 2 on object 2, variable 3 on object 2]",
          d.get(0));
    }
  }
}
