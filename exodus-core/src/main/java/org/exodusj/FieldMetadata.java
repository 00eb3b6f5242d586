package org.exodusj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How result variables of an entity form a field ({@code ex_field}, Exodus 9): the field {@code
 * Disp} of type {@link FieldType#VECTOR_3D} with no separator is the variables {@code DispX},
 * {@code DispY}, {@code DispZ}. A field has one or two nesting levels (a vector at each quadrature
 * point has two); the components of level 0 vary fastest ({@code Grad-X$0}, {@code Grad-Y$0}, ...,
 * {@code Grad-X$1}, ...), as {@code ex_component_field_name} names them.
 *
 * @param kind where the field lives: NODAL, a block, set, assembly or blob kind, or GLOBAL
 * @param id the entity's id (0 for NODAL and GLOBAL)
 * @param name the field's name, the common prefix of its variables' names
 * @param types the type of each nesting level
 * @param typeNames per level, the basis or quadrature rule a {@link FieldType#BASIS} or {@link
 *     FieldType#QUADRATURE} level uses ("" for none; stored comma-separated)
 * @param cardinalities per level, the component count as stored (libexodus stores it for user
 *     defined and sequence levels only); 0 where the type, basis or quadrature rule says
 * @param separators per level, the text between the name (or the previous suffix) and the suffix:
 *     one character, or "" for none
 * @param suffixes the component suffixes of a {@link FieldType#USER_DEFINED} field, else empty
 */
public record FieldMetadata(
    EntityType kind,
    long id,
    String name,
    List<FieldType> types,
    List<String> typeNames,
    List<Integer> cardinalities,
    List<String> separators,
    List<String> suffixes) {

  /** Nesting levels a field may have ({@code EX_MAX_FIELD_NESTING}). */
  public static final int MAX_NESTING = 2;

  public FieldMetadata {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('@') >= 0) {
      throw new IllegalArgumentException("field name '" + name + "' is empty or contains '@'");
    }
    int n = types.size();
    if (n < 1 || n > MAX_NESTING) {
      throw new IllegalArgumentException(
          "field " + name + ": " + n + " nesting levels (1.." + MAX_NESTING + ")");
    }
    types = List.copyOf(types);
    typeNames = fill(typeNames, n, "", "type names", name);
    cardinalities = fill(cardinalities, n, 0, "cardinalities", name);
    separators = fill(separators, n, null, "separators", name);
    for (String s : separators) {
      if (s.length() > 1) {
        throw new IllegalArgumentException(
            "field " + name + ": separator '" + s + "' is longer than one character");
      }
    }
    suffixes = List.copyOf(suffixes);
  }

  private static <T> List<T> fill(List<T> given, int n, T dflt, String what, String field) {
    if (given == null || given.isEmpty()) {
      if (dflt == null) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          @SuppressWarnings("unchecked")
          T sep = (T) (i == 0 ? "_" : "");
          out.add(sep);
        }
        return List.copyOf(out);
      }
      return java.util.Collections.nCopies(n, dflt);
    }
    if (given.size() != n) {
      throw new IllegalArgumentException(
          "field " + field + ": " + given.size() + " " + what + " for " + n + " nesting levels");
    }
    return List.copyOf(given);
  }

  /**
   * A field of one level of a fixed type ({@link FieldType#VECTOR_3D}, a tensor, ...) whose
   * components are named {@code name + separator + suffix}.
   */
  public static FieldMetadata of(
      EntityType kind, long id, String name, FieldType type, String separator) {
    return new FieldMetadata(
        kind, id, name, List.of(type), List.of(), List.of(), List.of(separator), List.of());
  }

  /** The number of nesting levels. */
  public int nesting() {
    return types.size();
  }
}
