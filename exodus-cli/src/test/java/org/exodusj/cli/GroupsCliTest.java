package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.Exodus9;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo info} and {@code exo dump} of a NetCDF-4 file whose meshes are in child groups
 * (written by 9.06's {@code ex_create_group}, {@code exodus-core/src/test/c/exgroups.c}): the root
 * lists its groups; {@code --group PATH} shows a group's mesh, whose dump equals 9.06's canonical
 * dump ({@code exref9 -c}) of the same mesh written alone into a file of its own by the same C
 * program.
 */
class GroupsCliTest {
  @TempDir Path dir;

  @Test
  void infoListsTheGroupsAndDumpOfAGroupEqualsTheCLibrarysDumpOfTheMeshAlone() throws Exception {
    Path exe =
        Exodus9.compile(
            Path.of("..", "exodus-core", "src", "test", "c", "exgroups.c").toAbsolutePath());
    Path file = dir.resolve("groups.exo");
    ExternalTools.run(exe.toString(), file.toString(), dir.toString());
    ExoCommandTest.Result info = ExoCommandTest.inProcess("info", file.toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains("groups    left, right\n"), info.out());
    assertTrue(info.out().contains("child groups left, right"), info.out());
    ExoCommandTest.Result json = ExoCommandTest.inProcess("info", "--json", file.toString());
    assertEquals(0, json.code(), json.err());
    assertTrue(
        json.out().replaceAll("\\s+", "").contains("\"groups\":[\"left\",\"right\"]"), json.out());
    for (String g : List.of("left", "right", "right/detail")) {
      String alone = g.substring(g.lastIndexOf('/') + 1) + ".exo";
      String reference = Exodus9.exref9(dir.resolve(alone), "-c");
      ExoCommandTest.Result r = ExoCommandTest.inProcess("dump", "--group", g, file.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(List.of(), DumpComparison.compare(reference, r.out(), 10), g);
      ExoCommandTest.Result i = ExoCommandTest.inProcess("info", "--group", g, file.toString());
      assertEquals(0, i.code(), i.err());
      assertEquals(g.equals("right"), i.out().contains("groups    right/detail\n"), i.out());
    }
    ExoCommandTest.Result bad =
        ExoCommandTest.inProcess("info", "--group", "middle", file.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("no group 'middle'"), bad.err());
  }
}
