package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code exo info} on a file 9.06 writes with every modern feature (exodus-core's exmodern.c): the
 * blobs, entity attributes and fields it lists are those 9.06 reads ({@code exref9}'s x_ records).
 */
class ModernInfoTest {
  private static String exo(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Exo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cdf2", "nc4"})
  void infoListsWhat906Reads(String format, @TempDir Path dir) throws Exception {
    Path exe =
        Exodus9.compile(
            Path.of("..", "exodus-core", "src", "test", "c", "exmodern.c").toAbsolutePath());
    Path file = dir.resolve("m.e");
    ExternalTools.run(exe.toString(), file.toString(), format);
    List<String> blobs = new ArrayList<>();
    List<String> atts = new ArrayList<>();
    for (String line : Exodus9.exref9(file, "-x").split("\n")) {
      String[] f = line.split("\t");
      if (f[0].equals("x_blob")) blobs.add(f[1] + " " + f[2] + " " + f[3]);
      if (f[0].equals("x_attribute")) atts.add(f[1] + " " + f[2] + " " + f[3] + " " + f[4]);
    }
    JsonNode j = new ObjectMapper().readTree(exo("info", "--json", file.toString()));
    List<String> ourBlobs = new ArrayList<>();
    for (JsonNode b : j.get("blobs")) {
      ourBlobs.add(b.get("id").asLong() + " " + b.get("name").asText() + " " + b.get("values"));
    }
    assertEquals(blobs, ourBlobs);
    List<String> ourAtts = new ArrayList<>();
    for (JsonNode a : j.get("attributes")) {
      ourAtts.add(
          a.get("kind").asText()
              + " "
              + a.get("id").asLong()
              + " "
              + a.get("name").asText()
              + " "
              + a.get("type").asText());
    }
    java.util.Collections.sort(atts);
    java.util.Collections.sort(ourAtts);
    assertEquals(atts, ourAtts);
    JsonNode disp = null;
    for (JsonNode x : j.get("fields")) {
      if (x.get("name").asText().equals("Disp")) disp = x;
    }
    assertEquals("nodal", disp.get("kind").asText());
    assertEquals("[\"DispX\",\"DispY\",\"DispZ\"]", disp.get("components").toString());
    assertEquals(2, j.get("coordinate_frames").size());
    String text = exo("info", file.toString());
    assertTrue(text.contains("field     nodal Disp (EX_VECTOR_3D): DispX, DispY, DispZ"), text);
    assertTrue(text.contains(" 10 entries  'Tempus'"), text);
    assertTrue(text.contains("attribute global SOLID_MODEL = \"STEP-X-43-1547836-Rev 0\""), text);
  }

  /** {@code exo convert} between CDF-2 and NetCDF-4 keeps what 9.06 reads, x_ records included. */
  @ParameterizedTest
  @ValueSource(strings = {"cdf2:nc4", "nc4:cdf2"})
  void convertKeepsWhat906Reads(String formats, @TempDir Path dir) throws Exception {
    String[] f = formats.split(":");
    Path exe =
        Exodus9.compile(
            Path.of("..", "exodus-core", "src", "test", "c", "exmodern.c").toAbsolutePath());
    Path in = dir.resolve("in.e");
    ExternalTools.run(exe.toString(), in.toString(), f[0]);
    Path out = dir.resolve("out.e");
    exo("convert", in.toString(), out.toString(), "--format", f[1]);
    // Into CDF-2 the copy lists everything as the source does. Into NetCDF-4 it lists it as 9.06
    // lists the same content it writes there itself: past eight attributes of an object, in the
    // name-hash order of HDF5's dense storage.
    Path expected = in;
    if (f[1].equals("nc4")) {
      expected = dir.resolve("direct.e");
      ExternalTools.run(exe.toString(), expected.toString(), f[1]);
    }
    assertEquals(Exodus9.exref9(expected), Exodus9.exref9(out));
  }
}
