package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk iterators take {@code (firstStep, stepCount)} like every other read (issue 12, section 4),
 * check the range when made, and the {@link ValueChunks} javadoc example is this test's code.
 */
class ValueChunksTest {
  @TempDir Path dir;

  static final int STEPS = 5;
  final ExgenOracle o = new ExgenOracle(4, 3, 2);

  Path sample() throws Exception {
    Path p = dir.resolve("chunks.e");
    SampleFiles.writeHexMesh(p, 4, 3, 2, STEPS, 2);
    return p;
  }

  @Test
  void nodalChunksCoverStepsFirstToFirstPlusCount() throws Exception {
    try (ExodusFile f = ExodusFile.open(sample())) {
      List<Long> steps = new ArrayList<>();
      long values = 0;
      try (ValueChunks c = f.nodalVariableChunks(1, 2, 2, 7)) {
        while (c.next()) {
          DoubleBuffer v = c.values();
          if (steps.isEmpty() || steps.get(steps.size() - 1) != c.step()) steps.add(c.step());
          for (int i = 0; i < v.remaining(); i++) {
            assertEquals(o.nodal(1, c.step(), c.start() + i), v.get(i));
          }
          values += v.remaining();
        }
      }
      assertEquals(List.of(2L, 3L), steps);
      assertEquals(2 * o.nodes(), values);
      try (ValueChunks c = f.nodalVariableChunks(0, 1, 0, 7)) {
        assertFalse(c.next()); // zero steps
      }
    }
  }

  @Test
  void variableChunksWithTheDefaultChunkLength() throws Exception {
    Path p = sample();
    ExodusOpenOptions small = ExodusOpenOptions.builder().iteratorValues(5).build();
    try (ExodusFile f = ExodusFile.open(p, small)) {
      long values = 0;
      List<Long> steps = new ArrayList<>();
      try (ValueChunks c = f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, STEPS - 1, 1)) {
        while (c.next()) {
          DoubleBuffer v = c.values();
          assertTrue(v.remaining() <= 5, "chunks of the settings' iteratorValues");
          steps.add(c.step());
          for (int i = 0; i < v.remaining(); i++) {
            assertEquals(o.element(c.step(), c.start() + i), v.get(i));
          }
          values += v.remaining();
        }
      }
      assertEquals(o.elements(), values);
      assertEquals((o.elements() + 4) / 5, steps.size());
      assertTrue(steps.stream().allMatch(s -> s == STEPS - 1));
    }
  }

  @Test
  void badRangesAreRefusedWhenTheIteratorIsMade() throws Exception {
    try (ExodusFile f = ExodusFile.open(sample())) {
      // steps 3, 4 exist; 5 does not: refused before any chunk is delivered
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> f.nodalVariableChunks(0, 3, 3, 7));
      assertTrue(e.getMessage().contains("firstStep=3 stepCount=3"), e.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> f.nodalVariableChunks(0, -1, 1));
      assertThrows(IndexOutOfBoundsException.class, () -> f.nodalVariableChunks(0, 0, -1));
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, 0, STEPS + 1, 7));
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, STEPS, 1));
      assertThrows(
          IllegalArgumentException.class, () -> f.nodalVariableChunks(0, 0, 1, 0)); // chunk 0
    }
  }

  @Test
  void theJavadocExampleRuns() throws Exception {
    try (ExodusFile file = ExodusFile.open(sample())) {
      long seen = 0;
      // ---- the example, as in the javadoc of ValueChunks ----
      try (ValueChunks c = file.nodalVariableChunks(0, 0, file.timeStepCount(), 1 << 16)) {
        while (c.next()) {
          DoubleBuffer v = c.values(); // step c.step(), entities from c.start()
          // ---- end of the example ----
          for (int i = 0; i < v.remaining(); i++) {
            assertEquals(o.nodal(0, c.step(), c.start() + i), v.get(i));
          }
          seen += v.remaining();
        }
      }
      assertEquals(o.nodes() * STEPS, seen);
    }
    // the javadoc shows exactly the lines above
    String doc = Files.readString(Path.of("src/main/java/org/exodusj/ValueChunks.java"));
    String self = Files.readString(Path.of("src/test/java/org/exodusj/ValueChunksTest.java"));
    String example =
        self.substring(
            self.indexOf("\n", self.indexOf("// ---- the example, as in the javadoc")) + 1,
            self.indexOf("// ---- end of the example"));
    List<String> want = new ArrayList<>();
    for (String line : example.split("\n")) want.add(line.strip());
    List<String> got = new ArrayList<>();
    String pre = doc.substring(doc.indexOf("<pre>{@code") + 11, doc.indexOf("}</pre>"));
    for (String line : pre.split("\n")) {
      String l = line.strip();
      if (l.startsWith("*")) l = l.substring(1).strip();
      if (!l.isEmpty()) got.add(l);
    }
    want.removeIf(String::isEmpty);
    assertEquals(want, got.subList(0, want.size()));
  }
}
