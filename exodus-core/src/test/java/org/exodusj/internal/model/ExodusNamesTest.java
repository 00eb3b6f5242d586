package org.exodusj.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exodusj.EntityType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every netCDF name {@link ExodusNames} spells is the one libexodusII's own header {@code
 * exodusII_int.h} (libexodusII-dev) defines under the macro that means it: {@code DIM_NUM_EL_BLK}
 * is the element blocks' count dimension, {@code VAR_EBEPEC} their entity counts, and so on, kind
 * by kind. Names the installed (older) header does not know yet (assemblies, blobs, reduction
 * variables) are not checked here; {@code WriterInteropTest} reads them through the C library.
 */
class ExodusNamesTest {
  private static final Path HEADER = Path.of("/usr/include/exodusII_int.h");

  /** Macro name to its string (for {@code ex_catstr(s, n)}: s; for {@code ex_catstr2}: s1|s2). */
  private static Map<String, String> macros;

  @BeforeAll
  static void readHeader() throws IOException {
    if (!Files.exists(HEADER)) {
      String msg = HEADER + " not found (libexodusII-dev); name check skipped";
      if (System.getenv("CI") != null) {
        org.junit.jupiter.api.Assertions.fail(msg + " -- but CI must run it");
      }
      org.junit.jupiter.api.Assumptions.abort(msg);
    }
    macros = new HashMap<>();
    Pattern define = Pattern.compile("^\\s*#define\\s+(\\w+)(?:\\([^)]*\\))?\\s+(.*)$");
    Pattern plain = Pattern.compile("^\"([^\"]*)\"");
    Pattern cat = Pattern.compile("^ex_catstr\\(\"([^\"]*)\"");
    Pattern cat2 = Pattern.compile("^ex_catstr2\\(\"([^\"]*)\"\\s*,\\s*\\w+\\s*,\\s*\"([^\"]*)\"");
    for (String line : Files.readAllLines(HEADER)) {
      Matcher d = define.matcher(line);
      if (!d.matches()) continue;
      String body = d.group(2).trim();
      Matcher m;
      if ((m = plain.matcher(body)).find()) {
        macros.put(d.group(1), m.group(1));
      } else if ((m = cat.matcher(body)).find()) {
        macros.put(d.group(1), m.group(1));
      } else if ((m = cat2.matcher(body)).find()) {
        macros.put(d.group(1), m.group(1) + "|" + m.group(2));
      }
    }
  }

  private static String macro(String name) {
    String v = macros.get(name);
    if (v == null) {
      throw new AssertionError(name + " is not a string macro of " + HEADER);
    }
    return v;
  }

  /** One accessor of a kind and the macro that defines its name (null: the kind has none). */
  private record Name(String what, Function<ExodusNames.Kind, String> get, String macro) {}

  private static final List<String> ACCESSORS =
      List.of(
          "countDim",
          "ids",
          "status",
          "names",
          "propPrefix",
          "entriesDim",
          "nodesPerDim",
          "conn",
          "epec",
          "entries",
          "extra",
          "dfDim",
          "df",
          "attrib",
          "attribNames",
          "attribCountDim",
          "varCountDim",
          "varNames",
          "varTab",
          "varValues");

  private static List<Name> names(String... macroPerAccessor) {
    List<Function<ExodusNames.Kind, String>> gets =
        List.of(
            ExodusNames.Kind::countDim,
            ExodusNames.Kind::ids,
            ExodusNames.Kind::status,
            ExodusNames.Kind::names,
            ExodusNames.Kind::propPrefix,
            ExodusNames.Kind::entriesDim,
            ExodusNames.Kind::nodesPerDim,
            ExodusNames.Kind::conn,
            ExodusNames.Kind::epec,
            ExodusNames.Kind::entries,
            ExodusNames.Kind::extra,
            ExodusNames.Kind::dfDim,
            ExodusNames.Kind::df,
            ExodusNames.Kind::attrib,
            ExodusNames.Kind::attribNames,
            ExodusNames.Kind::attribCountDim,
            ExodusNames.Kind::varCountDim,
            ExodusNames.Kind::varNames,
            ExodusNames.Kind::varTab,
            k -> k.varValsPrefix() + "|" + k.varValsInfix());
    assertEquals(ACCESSORS.size(), macroPerAccessor.length);
    List<Name> out = new java.util.ArrayList<>();
    for (int i = 0; i < gets.size(); i++) {
      out.add(new Name(ACCESSORS.get(i), gets.get(i), macroPerAccessor[i]));
    }
    return out;
  }

  private static void check(EntityType t, String... macroPerAccessor) {
    ExodusNames.Kind k = ExodusNames.of(t);
    for (Name n : names(macroPerAccessor)) {
      if (n.macro() == null) {
        assertNull(n.get().apply(k), t + " " + n.what() + " should not exist");
      } else {
        assertEquals(
            macro(n.macro()), n.get().apply(k), t + " " + n.what() + " (" + n.macro() + ")");
      }
    }
  }

  @Test
  void blockNamesAreLibexodusIIs() {
    check(
        EntityType.ELEM_BLOCK,
        "DIM_NUM_EL_BLK",
        "VAR_ID_EL_BLK",
        "VAR_STAT_EL_BLK",
        "VAR_NAME_EL_BLK",
        "VAR_EB_PROP",
        "DIM_NUM_EL_IN_BLK",
        "DIM_NUM_NOD_PER_EL",
        "VAR_CONN",
        "VAR_EBEPEC",
        null,
        null,
        null,
        null,
        "VAR_ATTRIB",
        "VAR_NAME_ATTRIB",
        "DIM_NUM_ATT_IN_BLK",
        "DIM_NUM_ELE_VAR",
        "VAR_NAME_ELE_VAR",
        "VAR_ELEM_TAB",
        "VAR_ELEM_VAR");
    check(
        EntityType.EDGE_BLOCK,
        "DIM_NUM_ED_BLK",
        "VAR_ID_ED_BLK",
        "VAR_STAT_ED_BLK",
        "VAR_NAME_ED_BLK",
        "VAR_ED_PROP",
        "DIM_NUM_ED_IN_EBLK",
        "DIM_NUM_NOD_PER_ED",
        "VAR_EBCONN",
        null,
        null,
        null,
        null,
        null,
        "VAR_EATTRIB",
        "VAR_NAME_EATTRIB",
        "DIM_NUM_ATT_IN_EBLK",
        "DIM_NUM_EDG_VAR",
        "VAR_NAME_EDG_VAR",
        "VAR_EBLK_TAB",
        "VAR_EDGE_VAR");
    check(
        EntityType.FACE_BLOCK,
        "DIM_NUM_FA_BLK",
        "VAR_ID_FA_BLK",
        "VAR_STAT_FA_BLK",
        "VAR_NAME_FA_BLK",
        "VAR_FA_PROP",
        "DIM_NUM_FA_IN_FBLK",
        "DIM_NUM_NOD_PER_FA",
        "VAR_FBCONN",
        "VAR_FBEPEC",
        null,
        null,
        null,
        null,
        "VAR_FATTRIB",
        "VAR_NAME_FATTRIB",
        "DIM_NUM_ATT_IN_FBLK",
        "DIM_NUM_FAC_VAR",
        "VAR_NAME_FAC_VAR",
        "VAR_FBLK_TAB",
        "VAR_FACE_VAR");
  }

  @Test
  void setNamesAreLibexodusIIs() {
    check(
        EntityType.NODE_SET,
        "DIM_NUM_NS",
        "VAR_NS_IDS",
        "VAR_NS_STAT",
        "VAR_NAME_NS",
        "VAR_NS_PROP",
        "DIM_NUM_NOD_NS",
        null,
        null,
        null,
        "VAR_NODE_NS",
        null,
        "DIM_NUM_DF_NS",
        "VAR_FACT_NS",
        "VAR_NSATTRIB",
        "VAR_NAME_NSATTRIB",
        "DIM_NUM_ATT_IN_NS",
        "DIM_NUM_NSET_VAR",
        "VAR_NAME_NSET_VAR",
        "VAR_NSET_TAB",
        "VAR_NS_VAR");
    check(
        EntityType.SIDE_SET,
        "DIM_NUM_SS",
        "VAR_SS_IDS",
        "VAR_SS_STAT",
        "VAR_NAME_SS",
        "VAR_SS_PROP",
        "DIM_NUM_SIDE_SS",
        null,
        null,
        null,
        "VAR_ELEM_SS",
        "VAR_SIDE_SS",
        "DIM_NUM_DF_SS",
        "VAR_FACT_SS",
        "VAR_SSATTRIB",
        "VAR_NAME_SSATTRIB",
        "DIM_NUM_ATT_IN_SS",
        "DIM_NUM_SSET_VAR",
        "VAR_NAME_SSET_VAR",
        "VAR_SSET_TAB",
        "VAR_SS_VAR");
    check(
        EntityType.ELEM_SET,
        "DIM_NUM_ELS",
        "VAR_ELS_IDS",
        "VAR_ELS_STAT",
        "VAR_NAME_ELS",
        "VAR_ELS_PROP",
        "DIM_NUM_ELE_ELS",
        null,
        null,
        null,
        "VAR_ELEM_ELS",
        null,
        "DIM_NUM_DF_ELS",
        "VAR_FACT_ELS",
        "VAR_ELSATTRIB",
        "VAR_NAME_ELSATTRIB",
        "DIM_NUM_ATT_IN_ELS",
        "DIM_NUM_ELSET_VAR",
        "VAR_NAME_ELSET_VAR",
        "VAR_ELSET_TAB",
        "VAR_ELS_VAR");
    check(
        EntityType.EDGE_SET,
        "DIM_NUM_ES",
        "VAR_ES_IDS",
        "VAR_ES_STAT",
        "VAR_NAME_ES",
        "VAR_ES_PROP",
        "DIM_NUM_EDGE_ES",
        null,
        null,
        null,
        "VAR_EDGE_ES",
        "VAR_ORNT_ES",
        "DIM_NUM_DF_ES",
        "VAR_FACT_ES",
        "VAR_ESATTRIB",
        "VAR_NAME_ESATTRIB",
        "DIM_NUM_ATT_IN_ES",
        "DIM_NUM_ESET_VAR",
        "VAR_NAME_ESET_VAR",
        "VAR_ESET_TAB",
        "VAR_ES_VAR");
    check(
        EntityType.FACE_SET,
        "DIM_NUM_FS",
        "VAR_FS_IDS",
        "VAR_FS_STAT",
        "VAR_NAME_FS",
        "VAR_FS_PROP",
        "DIM_NUM_FACE_FS",
        null,
        null,
        null,
        "VAR_FACE_FS",
        "VAR_ORNT_FS",
        "DIM_NUM_DF_FS",
        "VAR_FACT_FS",
        "VAR_FSATTRIB",
        "VAR_NAME_FSATTRIB",
        "DIM_NUM_ATT_IN_FS",
        "DIM_NUM_FSET_VAR",
        "VAR_NAME_FSET_VAR",
        "VAR_FSET_TAB",
        "VAR_FS_VAR");
  }

  @Test
  void mapNamesAreLibexodusIIs() {
    String[][] maps = {
      {"NODE_MAP", "DIM_NUM_NM", "VAR_NM_PROP", "VAR_NAME_NM", "VAR_NODE_MAP", "DIM_NUM_NODES"},
      {"ELEM_MAP", "DIM_NUM_EM", "VAR_EM_PROP", "VAR_NAME_EM", "VAR_ELEM_MAP", "DIM_NUM_ELEM"},
      {"EDGE_MAP", "DIM_NUM_EDM", "VAR_EDM_PROP", "VAR_NAME_EDM", "VAR_EDGE_MAP", "DIM_NUM_EDGE"},
      {"FACE_MAP", "DIM_NUM_FAM", "VAR_FAM_PROP", "VAR_NAME_FAM", "VAR_FACE_MAP", "DIM_NUM_FACE"},
    };
    String[] idMaps = {
      "VAR_NODE_NUM_MAP", "VAR_ELEM_NUM_MAP", "VAR_EDGE_NUM_MAP", "VAR_FACE_NUM_MAP"
    };
    for (int i = 0; i < maps.length; i++) {
      EntityType t = EntityType.valueOf(maps[i][0]);
      ExodusNames.MapKind k = ExodusNames.map(t);
      assertEquals(macro(maps[i][1]), k.countDim(), t + " count");
      assertEquals(macro(maps[i][2]) + "1", k.ids(), t + " ids (the first property)");
      assertEquals(macro(maps[i][3]), k.names(), t + " names");
      assertEquals(macro(maps[i][4]), k.valuesPrefix(), t + " values");
      assertEquals(macro(maps[i][5]), k.lengthDim(), t + " length");
      assertEquals(macro(idMaps[i]), ExodusNames.idMap(t), t + " id map");
    }
  }

  @Test
  void fileWideNamesAreLibexodusIIs() {
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("DIM_TIME", ExodusNames.TIME_STEP);
    expected.put("VAR_WHOLE_TIME", ExodusNames.TIME_WHOLE);
    expected.put("DIM_STR_NAME", ExodusNames.LEN_NAME);
    expected.put("DIM_STR", ExodusNames.LEN_STRING);
    expected.put("DIM_LIN", ExodusNames.LEN_LINE);
    expected.put("DIM_N4", ExodusNames.FOUR);
    expected.put("DIM_NUM_DIM", ExodusNames.NUM_DIM);
    expected.put("DIM_NUM_NODES", ExodusNames.NUM_NODES);
    expected.put("DIM_NUM_ELEM", ExodusNames.NUM_ELEM);
    expected.put("DIM_NUM_EDGE", ExodusNames.NUM_EDGE);
    expected.put("DIM_NUM_FACE", ExodusNames.NUM_FACE);
    expected.put("VAR_NAME_COOR", ExodusNames.COORD_NAMES);
    expected.put("VAR_COORD", ExodusNames.COORD_PACKED);
    expected.put("VAR_COORD_X", ExodusNames.coord(0));
    expected.put("VAR_COORD_Y", ExodusNames.coord(1));
    expected.put("VAR_COORD_Z", ExodusNames.coord(2));
    expected.put("DIM_NUM_QA", ExodusNames.NUM_QA_REC);
    expected.put("VAR_QA_TITLE", ExodusNames.QA_RECORDS);
    expected.put("DIM_NUM_INFO", ExodusNames.NUM_INFO);
    expected.put("VAR_INFO", ExodusNames.INFO_RECORDS);
    expected.put("VAR_NATTRIB", ExodusNames.NODAL_ATTRIB);
    expected.put("VAR_NAME_NATTRIB", ExodusNames.NODAL_ATTRIB_NAMES);
    expected.put("DIM_NUM_ATT_IN_NBLK", ExodusNames.NODAL_ATTRIB_COUNT_DIM);
    expected.put("VAR_MAP", ExodusNames.ELEM_ORDER_MAP);
    expected.put("DIM_NUM_GLO_VAR", ExodusNames.NUM_GLO_VAR);
    expected.put("VAR_NAME_GLO_VAR", ExodusNames.NAME_GLO_VAR);
    expected.put("VAR_GLO_VAR", ExodusNames.VALS_GLO_VAR);
    expected.put("DIM_NUM_NOD_VAR", ExodusNames.NUM_NOD_VAR);
    expected.put("VAR_NAME_NOD_VAR", ExodusNames.NAME_NOD_VAR);
    expected.put("VAR_NOD_VAR", ExodusNames.VALS_NOD_VAR);
    expected.put("VAR_NOD_VAR_NEW", ExodusNames.VALS_NOD_VAR);
    expected.put("ATT_TITLE", ExodusNames.ATT_TITLE);
    expected.put("ATT_API_VERSION", ExodusNames.ATT_API_VERSION);
    expected.put("ATT_VERSION", ExodusNames.ATT_VERSION);
    expected.put("ATT_FLT_WORDSIZE", ExodusNames.ATT_FLOATING_POINT_WORD_SIZE);
    expected.put("ATT_FILESIZE", ExodusNames.ATT_FILE_SIZE);
    expected.put("ATT_MAX_NAME_LENGTH", ExodusNames.ATT_MAXIMUM_NAME_LENGTH);
    expected.put("ATT_INT64_STATUS", ExodusNames.ATT_INT64_STATUS);
    expected.put("ATT_NAME_ELB", ExodusNames.ATT_ELEM_TYPE);
    expected.put("ATT_PROP_NAME", ExodusNames.ATT_NAME);
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(macro(e.getKey()), e.getValue(), e.getKey());
    }
    assertEquals(macro("VAR_ECONN") + 3, ExodusNames.edgeConn(3));
    assertEquals(macro("VAR_FCONN") + 3, ExodusNames.faceConn(3));
    assertEquals(macro("DIM_NUM_EDG_PER_EL") + 3, ExodusNames.edgesPerDim(3));
    assertEquals(macro("DIM_NUM_FAC_PER_EL") + 3, ExodusNames.facesPerDim(3));
    assertEquals(macro("VAR_NOD_VAR_NEW") + 2, ExodusNames.nodalValues(2));
    String[] elemVar = macro("VAR_ELEM_VAR").split("\\|");
    assertEquals(
        elemVar[0] + 2 + elemVar[1] + 7, ExodusNames.of(EntityType.ELEM_BLOCK).varValues(2, 7));
  }

  @Test
  void kindsWithoutObjectNamesAreRefused() {
    for (EntityType t : List.of(EntityType.GLOBAL, EntityType.NODAL, EntityType.NODE_MAP)) {
      assertThrows(IllegalArgumentException.class, () -> ExodusNames.of(t));
    }
  }

  /**
   * The hand-written match of property variable names agrees with the regular expression {@code
   * [a-z]+_prop[0-9]+} (what libexodus's {@code VAR_EB_PROP(num)} and kin spell) on names that
   * match and on near misses.
   */
  @Test
  void propertyVariableNamesMatchTheirPattern() {
    Pattern p = Pattern.compile("[a-z]+_prop[0-9]+");
    List<String> names =
        List.of(
            "eb_prop1",
            "ns_prop12",
            "fam_prop3",
            "e_prop0",
            "eb_prop",
            "_prop1",
            "eb_prop1x",
            "eb_Prop1",
            "Eb_prop1",
            "eb1_prop1",
            "e_b_prop1",
            "eb_prop_prop1",
            "eb_prop1_prop2",
            "ebprop1",
            "eb_pro1",
            "",
            "_prop",
            "eb_prop12345678901234567890",
            "connect1",
            "eb__prop1",
            "a_prop9");
    int matches = 0;
    for (String n : names) {
      boolean expected = p.matcher(n).matches();
      assertEquals(expected, ExodusNames.isPropertyVariable(n), n);
      if (expected) matches++;
    }
    assertEquals(6, matches);
    assertEquals(true, ExodusNames.isCStringAttribute("eb_prop2", ExodusNames.ATT_NAME));
    assertEquals(false, ExodusNames.isCStringAttribute("connect1", ExodusNames.ATT_NAME));
  }
}
