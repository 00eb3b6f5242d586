package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code exo info --json} agrees with the C library's reading (the corpus reference dumps) on every
 * corpus file, and the text summary says the same as the JSON.
 */
class InfoJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> references() throws Exception {
    return ConformanceTest.references();
  }

  static Path fileOf(Path ref) {
    String name = ref.getFileName().toString().replace(".ref.gz", "");
    Path file = ConformanceTest.corpus().resolve(name);
    return Files.exists(file) ? file : ConformanceTest.corpus().resolve("derived").resolve(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void jsonAgreesWithTheCLibrarysReading(Path ref) throws Exception {
    Path file = fileOf(ref);
    RefDump d = RefDump.load(ref);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("info", "--json", file.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());

    assertEquals(d.one("title").length > 1 ? d.one("title")[1] : "", j.get("title").asText());
    assertEquals(d.count("num_dim"), j.get("dimensions").asLong());
    assertEquals(d.count("num_nodes"), j.at("/counts/nodes").asLong());
    assertEquals(d.count("num_elem"), j.at("/counts/elements").asLong());
    assertEquals(d.count("num_time_steps"), j.at("/steps/count").asLong());

    // blocks: id, type, entries, nodes per entry, attributes, name, in file order
    for (String kind : List.of("elem_block", "edge_block", "face_block")) {
      List<String[]> expected = d.all(kind);
      List<JsonNode> actual = ofKind(j.get("blocks"), kind);
      assertEquals(expected.size(), actual.size(), kind + " count");
      for (int i = 0; i < expected.size(); i++) {
        String[] e = expected.get(i);
        JsonNode a = actual.get(i);
        assertEquals(Long.parseLong(e[1]), a.get("id").asLong());
        assertEquals(e[2], a.get("type").asText());
        assertEquals(Long.parseLong(e[3]), a.get("entries").asLong());
        assertEquals(Long.parseLong(e[4]), a.get("nodes_per_entry").asLong());
        assertEquals(Long.parseLong(e[5]), a.get("attributes").asLong());
        assertEquals(e.length > 6 ? e[6] : "", a.get("name").asText());
      }
    }
    if (d.one("num_elem_blk") != null) {
      assertEquals(d.count("num_elem_blk"), ofKind(j.get("blocks"), "elem_block").size());
    }
    // sets: id, entries, distribution factors, name
    for (String kind : List.of("node_set", "side_set", "elem_set", "edge_set", "face_set")) {
      List<String[]> expected = d.all(kind);
      List<JsonNode> actual = ofKind(j.get("sets"), kind);
      assertEquals(expected.size(), actual.size(), kind + " count");
      for (int i = 0; i < expected.size(); i++) {
        String[] e = expected.get(i);
        JsonNode a = actual.get(i);
        assertEquals(Long.parseLong(e[1]), a.get("id").asLong());
        assertEquals(Long.parseLong(e[2]), a.get("entries").asLong());
        assertEquals(Long.parseLong(e[3]), a.get("distribution_factors").asLong());
        assertEquals(e.length > 4 ? e[4] : "", a.get("name").asText());
      }
    }
    // steps: first and last time, exactly
    String[] times = d.one("times");
    if (times != null) {
      assertEquals(Double.parseDouble(times[1]), j.at("/steps/first_time").asDouble());
      assertEquals(
          Double.parseDouble(times[times.length - 1]), j.at("/steps/last_time").asDouble());
    }
    // variable names: global from their record, the others as the dump's records name them
    String[] g = d.one("global_var_names");
    if (g != null) {
      assertEquals(List.of(g).subList(1, g.length), names(j.at("/variables/global/names")));
    }
    if (d.count("num_time_steps") > 0) {
      checkNames(d, j, "nodal_var", "nodal");
      checkNames(d, j, "elem_var", "elem_block");
      checkNames(d, j, "node_set_var", "node_set");
      checkNames(d, j, "side_set_var", "side_set");
    }
    // QA records
    List<String[]> qa = d.all("qa");
    assertEquals(qa.size(), j.get("qa").size());
    for (int i = 0; i < qa.size(); i++) {
      assertEquals(qa.get(i)[1], j.get("qa").get(i).get("code").asText());
      assertEquals(
          qa.get(i).length > 4 ? qa.get(i)[4] : "", j.get("qa").get(i).get("time").asText());
    }
    assertEquals(d.all("info").size(), j.get("info").size());

    // the text summary renders the same content
    ExoCommandTest.Result t = ExoCommandTest.inProcess("info", file.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(
        t.out()
            .contains(
                j.get("dimensions").asInt()
                    + "-D, "
                    + j.at("/counts/nodes").asLong()
                    + " nodes, "
                    + j.at("/counts/elements").asLong()
                    + " elements"),
        t.out());
    for (JsonNode b : j.get("blocks")) {
      assertTrue(t.out().contains("id " + String.format("%-8d", b.get("id").asLong())), t.out());
    }
  }

  /** Every variable named by a record of the dump is in the JSON names (where the table has it). */
  private static void checkNames(RefDump d, JsonNode j, String record, String kind) {
    Set<String> inDump = new LinkedHashSet<>();
    for (String[] r : d.all(record)) inDump.add(r[1]);
    List<String> inJson = names(j.at("/variables/" + kind + "/names"));
    for (String n : inDump)
      assertTrue(inJson.contains(n), kind + " variable " + n + " in " + inJson);
    if (record.equals("nodal_var")) assertEquals(new ArrayList<>(inDump), inJson);
  }

  private static List<JsonNode> ofKind(JsonNode list, String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : list) if (n.get("kind").asText().equals(kind)) out.add(n);
    return out;
  }

  private static List<String> names(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null) a.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void jsonAsASeparateProcessParses() throws Exception {
    Path dir = Files.createTempDirectory("exo-json");
    Path f = dir.resolve("s.e");
    assertEquals(0, ExoCommandTest.process("sample", f.toString(), "--size", "2").code());
    ExoCommandTest.Result r = ExoCommandTest.process("info", "--json", f.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(27, j.at("/counts/nodes").asLong());
    assertEquals(8, j.at("/counts/elements").asLong());
    assertEquals("HEX8", j.at("/blocks/0/type").asText());
    assertNotNull(j.at("/variables/elem_block/truth_table/present"));
    assertEquals(1, j.at("/variables/elem_block/truth_table/present").asLong());
  }
}
