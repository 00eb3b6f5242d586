package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Caller mistakes in {@link JoinOptions} are unchecked exceptions with the numbers. */
class JoinOptionsTest {
  @Test
  void defaultsAndCopies() {
    JoinOptions d = JoinOptions.DEFAULT;
    assertEquals(ExodusFormat.CDF2, d.format());
    assertEquals(-1, d.compressionLevel());
    assertNull(d.variables(EntityType.NODAL));
    JoinOptions o = d.withVariables(EntityType.NODAL, List.of("a")).withSteps(-3, -1, 1);
    assertEquals(List.of("a"), o.variables(EntityType.NODAL));
    assertEquals(-3, o.firstStep());
    assertNull(d.variables(EntityType.NODAL)); // the default is unchanged
    assertNull(o.withVariables(EntityType.NODAL, null).variables(EntityType.NODAL));
  }

  @Test
  void mistakesNameTheNumbers() {
    JoinOptions d = JoinOptions.DEFAULT;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.withSteps(5, 2, 1));
    assertTrue(e.getMessage().contains("first=5 last=2 stride=1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.withSteps(0, 9, 0));
    assertTrue(e.getMessage().contains("stride=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.withCompression(10, false));
    assertTrue(e.getMessage().contains("deflate level 10"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> d.withVariables(EntityType.BLOB, List.of("x")));
    assertTrue(e.getMessage().contains("BLOB"), e.getMessage());
    assertThrows(NullPointerException.class, () -> d.withFormat(null));
  }
}
