package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.exodusj.ExodusFile;
import org.junit.jupiter.api.Test;

/**
 * Every public read of {@link ExodusFile} is compared by {@code exo diff} (it is named by one entry
 * of {@link FileDiff#CONTENTS}) or said not to be content of the file ({@link
 * FileDiff#NOT_CONTENT}, with the reason): a kind of content the reader gains fails here until the
 * diff compares it.
 */
class DiffCoverageTest {
  @Test
  void everyPublicReadOfExodusFileIsCompared() {
    Set<String> reads = new TreeSet<>();
    for (Method m : ExodusFile.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())
          && !Modifier.isStatic(m.getModifiers())
          && !m.isSynthetic()) {
        reads.add(m.getName());
      }
    }
    Set<String> covered = new TreeSet<>(FileDiff.NOT_CONTENT.keySet());
    for (FileDiff.Content c : FileDiff.CONTENTS) {
      for (String r : c.reads()) {
        assertTrue(covered.add(r), r + " is named twice in FileDiff.CONTENTS / NOT_CONTENT");
      }
    }
    Set<String> uncompared = new TreeSet<>(reads);
    uncompared.removeAll(covered);
    assertEquals(
        Set.of(),
        uncompared,
        "public reads of ExodusFile that exo diff does not compare: give each a comparator in"
            + " FileDiff.CONTENTS (or, when it is not content of the file, a reason in"
            + " FileDiff.NOT_CONTENT)");
    Set<String> stale = new TreeSet<>(covered);
    stale.removeAll(reads);
    assertEquals(Set.of(), stale, "FileDiff names reads that ExodusFile does not have");
  }
}
