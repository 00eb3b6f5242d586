package org.exodusj;

/**
 * A set to write, part of a {@link Definition}; {@code distributionFactors} is 0 or, for node sets,
 * the entry count.
 *
 * <p>Formerly nested in {@link ExodusWriter} ({@code SetSpec}).
 */
public record SetSpec(
    EntityType type, long id, String name, long entries, long distributionFactors) {
  public SetSpec {
    if (!type.isSet()) {
      throw new IllegalArgumentException(type + " is not a set type");
    }
  }

  public static SetSpec of(EntityType type, long id, long entries, long distributionFactors) {
    return new SetSpec(type, id, "", entries, distributionFactors);
  }

  public SetSpec named(String n) {
    return new SetSpec(type, id, n, entries, distributionFactors);
  }
}
