package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.exodusj.internal.testutil.NcdumpData.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an open of a classic file leaves to the first call that asks for it (the names of result
 * variables, coordinates and nodal attributes, the truth tables): on the corpus's MOOSE outputs the
 * names and tables read then are netCDF-C's ({@code ncdump}), lists asked for before {@link
 * ExodusFile#close()} stay readable after it, and a file cut short between the open and the first
 * call fails that call with an unchecked I/O error naming the file, not with wrong names.
 */
class LazyNamesTest {
  static Path corpus;

  @TempDir Path tmp;

  @BeforeAll
  static void setup() {
    ExternalTools.require("ncdump");
    corpus = ExternalTools.corpus();
  }

  static final String[] MOOSE = {
    "blackbear__test__tests__concrete_ASR_validation__gold__asr_validation_case1_out.e",
    "blackbear__test__tests__concrete_moisture_heat_transfer__maqbeth_1d.e",
    "blackbear__test__tests__function_offset_bc__gold__circular_out.e",
    "mastodon__examples__ex05a__foundbeam_noded.e",
    "mastodon__test__tests__bcs__seismic_displacement__gold__seismic_displacement_out.e"
  };

  static List<String> names(Map<String, List<Token>> nc, String var) {
    List<String> out = new ArrayList<>();
    for (Token t : nc.getOrDefault(var, List.of())) {
      out.add(new String(t.bytes(), StandardCharsets.UTF_8).trim());
    }
    return out;
  }

  @Test
  void namesAndTablesReadAtTheFirstCallAreNetcdfCs() throws Exception {
    for (String name : MOOSE) {
      Path p = corpus.resolve(name);
      Map<String, List<Token>> nc = NcdumpData.of(p);
      List<String> coords;
      List<String> elem;
      TruthTable table;
      try (ExodusFile f = ExodusFile.open(p)) {
        coords = f.coordinateNames();
        assertEquals(names(nc, "coor_names"), coords, name);
        assertEquals(names(nc, "name_glo_var"), f.variableNames(EntityType.GLOBAL), name);
        assertEquals(names(nc, "name_nod_var"), f.variableNames(EntityType.NODAL), name);
        elem = f.variableNames(EntityType.ELEM_BLOCK);
        assertEquals(names(nc, "name_elem_var"), elem, name);
        assertEquals(names(nc, "name_nset_var"), f.variableNames(EntityType.NODE_SET), name);
        assertEquals(names(nc, "name_sset_var"), f.variableNames(EntityType.SIDE_SET), name);
        table = f.truthTable(EntityType.ELEM_BLOCK);
        assertEquals(elem, table.variableNames(), name);
        List<Token> tab = nc.get("elem_var_tab");
        int nb = f.blocks(EntityType.ELEM_BLOCK).size();
        for (int b = 0; b < nb && !elem.isEmpty(); b++) {
          for (int v = 0; v < elem.size(); v++) {
            // present: listed in the table (where the file has one) and stored
            boolean listed =
                tab == null || Integer.parseInt(tab.get(b * elem.size() + v).text()) != 0;
            boolean stored = nc.containsKey("vals_elem_var" + (v + 1) + "eb" + (b + 1));
            assertEquals(listed && stored, table.has(b, v), name + " block " + b + " var " + v);
          }
        }
      }
      // asked for before the close: still readable after it
      assertEquals(names(nc, "coor_names"), coords, name);
      assertEquals(names(nc, "name_elem_var"), elem, name);
    }
  }

  @Test
  void aFileCutShortBeforeTheFirstCallFailsItNamingTheFile() throws Exception {
    Path p = tmp.resolve("cut.e");
    Files.copy(corpus.resolve(MOOSE[0]), p);
    try (ExodusFile f = ExodusFile.open(p)) {
      List<String> global = f.variableNames(EntityType.GLOBAL); // read before the cut
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> f.variableNames(EntityType.NODAL));
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("name_nod_var"), e.getMessage());
      assertInstanceOf(FileChangedException.class, e.getCause());
      assertThrows(UncheckedIOException.class, f::coordinateNames);
      assertEquals(6, global.size()); // what was read stays
      assertEquals(global, f.variableNames(EntityType.GLOBAL));
    }
  }
}
