package org.exodusj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An attribute of an entity as {@code ex_put_attribute} writes it and {@code ex_get_attributes}
 * returns it: a name with text, integers or doubles, attached to the file ({@link
 * EntityType#GLOBAL}), the nodes ({@link EntityType#NODAL}), a block, set, assembly or blob.
 * Integers are exact up to 2^53.
 *
 * @param name the attribute's name
 * @param text the text of a text attribute, null for numbers
 * @param values the numbers of a numeric attribute, null for text
 * @param integer true for integers (stored as 32-bit integers, 64-bit where the file stores 64-bit
 *     ids, as libexodus does), false for doubles and text
 */
public record EntityAttribute(String name, String text, List<Double> values, boolean integer) {
  public EntityAttribute {
    Objects.requireNonNull(name, "name");
    if ((text == null) == (values == null)) {
      throw new IllegalArgumentException(
          "attribute " + name + ": exactly one of text and values must be given");
    }
    if (text != null && integer) {
      throw new IllegalArgumentException("attribute " + name + ": text cannot be integer");
    }
    values = values == null ? null : List.copyOf(values);
  }

  /** A text attribute or a double attribute (the form before integers were told apart). */
  public EntityAttribute(String name, String text, List<Double> values) {
    this(name, text, values, false);
  }

  /** A text attribute ({@code ex_put_text_attribute}). */
  public static EntityAttribute text(String name, String value) {
    return new EntityAttribute(name, Objects.requireNonNull(value, "value"), null, false);
  }

  /** An integer attribute ({@code ex_put_integer_attribute}). */
  public static EntityAttribute integers(String name, long... values) {
    List<Double> v = new ArrayList<>(values.length);
    for (long x : values) {
      if (Math.abs(x) > (1L << 53)) {
        throw new IllegalArgumentException(
            "attribute " + name + ": " + x + " is not exact as a double (limit 2^53)");
      }
      v.add((double) x);
    }
    return new EntityAttribute(name, null, v, true);
  }

  /** A double attribute ({@code ex_put_double_attribute}). */
  public static EntityAttribute doubles(String name, double... values) {
    List<Double> v = new ArrayList<>(values.length);
    for (double x : values) v.add(x);
    return new EntityAttribute(name, null, v, false);
  }

  /** True for a text attribute. */
  public boolean isText() {
    return text != null;
  }
}
