package org.exodusj;

import java.util.List;
import java.util.Objects;

/**
 * A basis ({@code ex_basis}, Exodus 9): the degrees of freedom a {@link FieldType#BASIS} field
 * level has, with the subcell each belongs to and its parametric location. An array the file does
 * not store is empty here (the C library reads it as zeros).
 *
 * @param name the basis's name, which fields name in {@link FieldMetadata#typeNames()}
 * @param cardinality the number of degrees of freedom
 * @param subcDim per degree of freedom, the dimension of its subcell (0 node, 1 edge, 2 face, 3
 *     volume)
 * @param subcOrdinal the ordinal of the subcell in its parent cell
 * @param subcDofOrdinal the ordinal of the degree of freedom in its subcell
 * @param subcNumDof the number of degrees of freedom of the subcell
 * @param xi the first parametric coordinate
 * @param eta the second
 * @param zeta the third
 */
public record Basis(
    String name,
    int cardinality,
    List<Integer> subcDim,
    List<Integer> subcOrdinal,
    List<Integer> subcDofOrdinal,
    List<Integer> subcNumDof,
    List<Double> xi,
    List<Double> eta,
    List<Double> zeta) {

  public Basis {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('@') >= 0) {
      throw new IllegalArgumentException("basis name '" + name + "' is empty or contains '@'");
    }
    if (cardinality < 0) {
      throw new IllegalArgumentException("basis " + name + ": cardinality " + cardinality);
    }
    subcDim = check(subcDim, cardinality, name, "subc_dim");
    subcOrdinal = check(subcOrdinal, cardinality, name, "subc_ordinal");
    subcDofOrdinal = check(subcDofOrdinal, cardinality, name, "subc_dof_ordinal");
    subcNumDof = check(subcNumDof, cardinality, name, "subc_num_dof");
    xi = check(xi, cardinality, name, "xi");
    eta = check(eta, cardinality, name, "eta");
    zeta = check(zeta, cardinality, name, "zeta");
  }

  static <T> List<T> check(List<T> a, int cardinality, String name, String what) {
    if (a == null) {
      return List.of();
    }
    if (!a.isEmpty() && a.size() != cardinality) {
      throw new IllegalArgumentException(
          name + ": " + what + " has " + a.size() + " values for cardinality " + cardinality);
    }
    return List.copyOf(a);
  }
}
