package org.exodusj;

import java.util.List;

/**
 * A netCDF attribute attached to an entity (what {@code ex_get_attributes} returns): text, or
 * numbers (integers exact up to 2^53).
 */
public record EntityAttribute(String name, String text, List<Double> values) {
  public EntityAttribute {
    values = values == null ? null : List.copyOf(values);
  }

  /** True for a text attribute. */
  public boolean isText() {
    return text != null;
  }
}
