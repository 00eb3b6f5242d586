package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged modern content, made by netCDF-C's ncgen from CDL: read as far as it goes, the damage
 * named in {@link ExodusFile#defects()}, never an unchecked exception at open.
 */
class ModernContentDefectsTest {
  private static final String HEAD =
      "netcdf m {\n"
          + "dimensions:\n"
          + "  len_name = 33 ;\n  time_step = UNLIMITED ;\n  num_dim = 3 ;\n  num_nodes = 1 ;\n";

  private static final String ATTS =
      "// global attributes:\n"
          + "  :api_version = 9.06f ;\n  :version = 9.06f ;\n  :floating_point_word_size = 8 ;\n"
          + "  :file_size = 1 ;\n  :maximum_name_length = 32 ;\n  :int64_status = 0 ;\n"
          + "  :title = \"t\" ;\n";

  private static Path ncgen(Path dir, String cdl) throws Exception {
    ExternalTools.require("ncgen");
    Path c = dir.resolve("m.cdl");
    Files.writeString(c, cdl);
    Path out = dir.resolve("m.e");
    ExternalTools.run("ncgen", "-k", "nc6", "-o", out.toString(), c.toString());
    return out;
  }

  @Test
  void aBlobWithoutItsEntryDimensionIsADefect(@TempDir Path dir) throws Exception {
    Path p =
        ncgen(
            dir,
            HEAD
                + "  num_blob = 1 ;\n  blob_entity = 1 ;\n"
                + "variables:\n  double time_whole(time_step) ;\n"
                + "  int blob_entity7(blob_entity) ;\n    blob_entity7:_id = 7 ;\n"
                + "    blob_entity7:_name = \"b\" ;\n"
                + ATTS
                + "data:\n  blob_entity7 = 0 ;\n}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(List.of(new Blob(7, "b", 1)), f.blobs());
      assertTrue(
          f.defects().stream().anyMatch(d -> d.contains("num_values_blob7 is missing")),
          f.defects().toString());
    }
  }

  @Test
  void aShortOrScalarCoordinateArrayIsAFormatErrorAtItsRead(@TempDir Path dir) throws Exception {
    // coordx along a 2-entry dimension of a 3-node mesh (the C library's ex_get_coord fails with
    // NC_EEDGE), coordz a scalar: each the file's fault, named, where the storage's range check
    // used to throw its caller-mistake IllegalArgumentException; coordy still reads
    Path p =
        ncgen(
            dir,
            HEAD.replace("num_nodes = 1", "num_nodes = 3")
                + "  two = 2 ;\n"
                + "variables:\n  double time_whole(time_step) ;\n"
                + "  double coordx(two) ;\n  double coordy(num_nodes) ;\n  double coordz ;\n"
                + ATTS
                + "data:\n  coordx = 1, 2 ;\n  coordy = 4, 5, 6 ;\n  coordz = 7 ;\n}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      ExodusFormatException x = assertThrows(ExodusFormatException.class, () -> f.coordinates(0));
      assertTrue(x.getMessage().contains(p.toString()), x.getMessage());
      assertTrue(
          x.getMessage().contains("variable coordx")
              && x.getMessage().contains("holds 2 coordinates of a mesh of 3 nodes"),
          x.getMessage());
      assertArrayEquals(new double[] {4, 5, 6}, f.coordinates(1));
      ExodusFormatException z = assertThrows(ExodusFormatException.class, () -> f.coordinates(2));
      assertTrue(
          z.getMessage().contains("variable coordz")
              && z.getMessage().contains("0 dimensions; Exodus stores this array with 1"),
          z.getMessage());
    }
  }

  @Test
  void shortCoordinateFramesAreADefect(@TempDir Path dir) throws Exception {
    Path p =
        ncgen(
            dir,
            HEAD
                + "  num_cframes = 2 ;\n  num_cframes_9 = 9 ;\n"
                + "variables:\n  double time_whole(time_step) ;\n"
                + "  double frame_coordinates(num_cframes_9) ;\n  int frame_ids(num_cframes) ;\n"
                + "  char frame_tags(num_cframes) ;\n"
                + ATTS
                + "data:\n  frame_coordinates = 0, 1, 2, 3, 4, 5, 6, 7, 8 ;\n"
                + "  frame_ids = 1, 2 ;\n  frame_tags = \"RC\" ;\n}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(List.of(), f.coordinateFrames());
      assertTrue(
          f.defects().stream().anyMatch(d -> d.contains("coordinate frame")),
          f.defects().toString());
    }
  }

  @Test
  void aFieldOnAMissingBasisHasNoKnownComponents(@TempDir Path dir) throws Exception {
    Path p =
        ncgen(
            dir,
            HEAD
                + "  four = 4 ;\n"
                + "variables:\n  double time_whole(time_step) ;\n"
                + "  char coor_names(num_dim, len_name) ;\n"
                + "    coor_names:Field@G@type = 3 ;\n    coor_names:Field@G@type_name = \"NOPE\" ;\n"
                + ATTS
                + "  :Basis@NOPE@cardinality = -3 ;\n  :Quad@Q@cardinality = -1 ;\n"
                + "}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      FieldMetadata g = f.fieldMetadata(EntityType.NODAL, 0).get(0);
      assertEquals(List.of(FieldType.BASIS), g.types());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.fieldComponentNames(g));
      assertTrue(e.getMessage().contains("'NOPE'"), e.getMessage());
      // a negative cardinality is no basis and no rule (the reader skips them, never throws)
      assertEquals(List.of(), f.bases());
      assertEquals(List.of(), f.quadratures());
    }
  }

  /**
   * A second property named "ID" (eb_prop2): the C library lists the name twice and reads the ids
   * for it, so it is not among the block's other properties; a copy keeps it where 9.06 sees it.
   */
  @Test
  void aSecondIdPropertyIsReadAsTheCLibraryReadsIt(@TempDir Path dir) throws Exception {
    Path p =
        ncgen(
            dir,
            ""
                + "netcdf dup {\n"
                + "dimensions:\n"
                + "  len_name = 33 ;\n"
                + "  time_step = UNLIMITED ;\n"
                + "  num_dim = 3 ;\n"
                + "  num_nodes = 1 ;\n"
                + "  num_elem = 2 ;\n"
                + "  num_el_blk = 2 ;\n"
                + "  num_el_in_blk1 = 1 ;\n"
                + "  num_nod_per_el1 = 1 ;\n"
                + "  num_el_in_blk2 = 1 ;\n"
                + "  num_nod_per_el2 = 1 ;\n"
                + "variables:\n"
                + "  double time_whole(time_step) ;\n"
                + "  int eb_status(num_el_blk) ;\n"
                + "  int eb_prop1(num_el_blk) ;\n"
                + "    eb_prop1:name = \"ID\" ;\n"
                + "  char eb_names(num_el_blk, len_name) ;\n"
                + "  double coordx(num_nodes) ;\n"
                + "  double coordy(num_nodes) ;\n"
                + "  double coordz(num_nodes) ;\n"
                + "  char coor_names(num_dim, len_name) ;\n"
                + "  int connect1(num_el_in_blk1, num_nod_per_el1) ;\n"
                + "    connect1:elem_type = \"SPHERE\" ;\n"
                + "  int connect2(num_el_in_blk2, num_nod_per_el2) ;\n"
                + "    connect2:elem_type = \"SPHERE\" ;\n"
                + "  int eb_prop2(num_el_blk) ;\n"
                + "    eb_prop2:name = \"ID\" ;\n"
                + "  int eb_prop3(num_el_blk) ;\n"
                + "    eb_prop3:name = \"MAT\" ;\n"
                + "// global attributes:\n"
                + "  :api_version = 9.06f ;\n"
                + "  :version = 9.06f ;\n"
                + "  :floating_point_word_size = 8 ;\n"
                + "  :file_size = 1 ;\n"
                + "  :maximum_name_length = 32 ;\n"
                + "  :int64_status = 0 ;\n"
                + "  :title = \"dup\" ;\n"
                + "data:\n"
                + "  eb_status = 1, 1 ;\n"
                + "  eb_prop1 = 10, 20 ;\n"
                + "  coordx = 0 ; coordy = 0 ; coordz = 0 ;\n"
                + "  connect1 = 1 ;\n"
                + "  connect2 = 1 ;\n"
                + "  eb_prop2 = 77, 88 ;\n"
                + "  eb_prop3 = 5, 6 ;\n"
                + "}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(List.of("ID", "ID", "MAT"), f.propertyNames(EntityType.ELEM_BLOCK));
      assertEquals(java.util.Map.of("MAT", 5L), f.block(EntityType.ELEM_BLOCK, 10).properties());
      Path out = dir.resolve("copy.e");
      try (ExodusWriter w = ExodusWriter.create(out, ExodusWriter.defineLike(f))) {
        w.copyMesh(f);
      }
      assertEquals(
          org.exodusj.internal.testutil.Exodus9.exref9(p),
          org.exodusj.internal.testutil.Exodus9.exref9(out));
    }
  }
}
