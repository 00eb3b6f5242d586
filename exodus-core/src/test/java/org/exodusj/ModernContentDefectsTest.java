package org.exodusj;

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
                + "}\n");
    try (ExodusFile f = ExodusFile.open(p)) {
      FieldMetadata g = f.fieldMetadata(EntityType.NODAL, 0).get(0);
      assertEquals(List.of(FieldType.BASIS), g.types());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.fieldComponentNames(g));
      assertTrue(e.getMessage().contains("'NOPE'"), e.getMessage());
    }
  }
}
