package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Nemesis lines of {@code exo info} and {@code --json} on the pieces of the decomposed corpus,
 * against the dimensions ncdump reads from the same files.
 */
class InfoNemesisTest {
  @ParameterizedTest
  @ValueSource(strings = {"noh.exo.3.0", "noh.exo.3.1", "noh.exo.3.2", "mkmesh.par.2.0"})
  void nemesisMatchesNcdump(String name) throws Exception {
    Path file = ConformanceTest.corpus().resolve("decomposed").resolve(name);
    Map<String, Long> dims = new HashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\s*(\\w+) = (\\d+) ;")
            .matcher(CExref.run("ncdump", "-h", file.toString()));
    while (m.find()) dims.put(m.group(1), Long.parseLong(m.group(2)));

    ExoCommandTest.Result r = ExoCommandTest.inProcess("info", "--json", file.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode n = InfoJsonTest.JSON.readTree(r.out()).get("nemesis");
    assertEquals("p", n.get("file_type").asText());
    assertEquals(dims.get("num_processors"), n.get("processors").asLong());
    if (dims.containsKey("num_nodes_global")) {
      assertEquals(dims.get("num_nodes_global"), n.at("/global/nodes").asLong());
      assertEquals(dims.get("num_elems_global"), n.at("/global/elements").asLong());
      assertEquals(dims.get("num_el_blk_global"), (long) n.at("/global/block_ids").size());
    } else {
      assertTrue(n.get("global").isNull());
    }
    JsonNode p = n.at("/processor/0");
    assertEquals(dims.getOrDefault("num_int_node", 0L), p.get("internal_nodes").asLong());
    assertEquals(dims.getOrDefault("num_bor_node", 0L), p.get("border_nodes").asLong());
    assertEquals(dims.getOrDefault("num_int_elem", 0L), p.get("internal_elements").asLong());
    assertEquals(dims.getOrDefault("num_bor_elem", 0L), p.get("border_elements").asLong());
    assertEquals(dims.getOrDefault("num_n_cmaps", 0L), (long) p.get("node_comm_maps").size());
    long sum = 0;
    for (JsonNode c : p.get("node_comm_maps")) sum += c.get("count").asLong();
    assertEquals(dims.getOrDefault("ncnt_cmap", 0L), sum);

    String text = ExoCommandTest.inProcess("info", file.toString()).out();
    assertTrue(
        text.contains(
            "loadbal   nodes "
                + dims.getOrDefault("num_int_node", 0L)
                + " internal, "
                + dims.getOrDefault("num_bor_node", 0L)
                + " border"),
        text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"noh.exo", "mkmesh.gen"})
  void serialFileHasNoNemesis(String name) throws Exception {
    Path file = ConformanceTest.corpus().resolve("decomposed").resolve(name);
    ExoCommandTest.Result r = ExoCommandTest.inProcess("info", "--json", file.toString());
    assertTrue(InfoJsonTest.JSON.readTree(r.out()).get("nemesis").isNull());
    assertTrue(!ExoCommandTest.inProcess("info", file.toString()).out().contains("\nnemesis   "));
  }
}
