package org.exodusj;

import java.util.List;
import java.util.Objects;

/**
 * A quadrature rule ({@code ex_quadrature}, Exodus 9): the points of a {@link FieldType#QUADRATURE}
 * field level, with their parametric locations and weights. An array the file does not store is
 * empty here (the C library reads it as zeros).
 *
 * @param name the rule's name, which fields name in {@link FieldMetadata#typeNames()}
 * @param cardinality the number of points
 * @param xi the first parametric coordinate of each point
 * @param eta the second
 * @param zeta the third
 * @param weight the weight of each point
 */
public record Quadrature(
    String name,
    int cardinality,
    List<Double> xi,
    List<Double> eta,
    List<Double> zeta,
    List<Double> weight) {

  public Quadrature {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('@') >= 0) {
      throw new IllegalArgumentException("quadrature name '" + name + "' is empty or contains '@'");
    }
    if (cardinality < 0) {
      throw new IllegalArgumentException("quadrature " + name + ": cardinality " + cardinality);
    }
    xi = Basis.check(xi, cardinality, name, "xi");
    eta = Basis.check(eta, cardinality, name, "eta");
    zeta = Basis.check(zeta, cardinality, name, "zeta");
    weight = Basis.check(weight, cardinality, name, "weight");
  }
}
