package org.exodusj;

import java.util.List;

/**
 * Which variables exist on which blocks or sets. An entry is true only where the variable is
 * actually stored: absent entries are absent, never zeros.
 */
public final class TruthTable {
  private final EntityType type;
  private final List<Long> objectIds;
  private final List<String> variableNames;
  private final boolean[] present; // object-major

  /** Builds a table; {@code present} is object-major and copied. */
  public TruthTable(
      EntityType type, List<Long> objectIds, List<String> variableNames, boolean[] present) {
    if (present.length != objectIds.size() * variableNames.size()) {
      throw new IllegalArgumentException(
          "truth table of "
              + present.length
              + " entries for "
              + objectIds.size()
              + " objects and "
              + variableNames.size()
              + " variables");
    }
    this.type = type;
    this.objectIds = List.copyOf(objectIds);
    this.variableNames = List.copyOf(variableNames);
    this.present = present.clone();
  }

  public EntityType type() {
    return type;
  }

  /** Ids of the blocks or sets, in file order. */
  public List<Long> objectIds() {
    return objectIds;
  }

  public List<String> variableNames() {
    return variableNames;
  }

  /** True when variable {@code variable} (0-based) is stored on object {@code object} (0-based). */
  public boolean has(int object, int variable) {
    return present[object * variableNames.size() + variable];
  }

  /** How many entries are present. */
  public int presentCount() {
    int n = 0;
    for (boolean b : present) {
      if (b) n++;
    }
    return n;
  }
}
