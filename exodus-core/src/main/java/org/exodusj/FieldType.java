package org.exodusj;

import java.util.List;

/**
 * The type of one nesting level of a field ({@code ex_field_type}): how many components it has and
 * how libexodus names them ({@code ex_field_component_suffix}). {@link #code()} is the value stored
 * in the file.
 */
public enum FieldType {
  INVALID("EX_FIELD_TYPE_INVALID", -1),
  USER_DEFINED("EX_FIELD_TYPE_USER_DEFINED", -1),
  SEQUENCE("EX_FIELD_TYPE_SEQUENCE", -1),
  BASIS("EX_BASIS", -1),
  QUADRATURE("EX_QUADRATURE", -1),
  SCALAR("EX_SCALAR", 1),
  VECTOR_1D("EX_VECTOR_1D", 1, "X"),
  VECTOR_2D("EX_VECTOR_2D", 2, "X", "Y"),
  VECTOR_3D("EX_VECTOR_3D", 3, "X", "Y", "Z"),
  QUATERNION_2D("EX_QUATERNION_2D", 2, "S", "Q"),
  QUATERNION_3D("EX_QUATERNION_3D", 4, "X", "Y", "Z", "Q"),
  FULL_TENSOR_36("EX_FULL_TENSOR_36", 9, "XX", "YY", "ZZ", "XY", "YZ", "ZC", "YX", "ZY", "XZ"),
  FULL_TENSOR_32("EX_FULL_TENSOR_32", 5, "XX", "YY", "ZZ", "XY", "YX"),
  FULL_TENSOR_22("EX_FULL_TENSOR_22", 4, "XX", "YY", "XY", "YX"),
  FULL_TENSOR_16("EX_FULL_TENSOR_16", 7, "XX", "XY", "YZ", "ZC", "YX", "ZY", "XZ"),
  FULL_TENSOR_12("EX_FULL_TENSOR_12", 3, "XX", "XY", "YX"),
  SYM_TENSOR_33("EX_SYMMETRIC_TENSOR_33", 6, "XX", "YY", "ZZ", "XY", "YZ", "ZC"),
  SYM_TENSOR_31("EX_SYMMETRIC_TENSOR_31", 4, "XX", "YY", "ZZ", "XY"),
  SYM_TENSOR_21("EX_SYMMETRIC_TENSOR_21", 3, "XX", "YY", "XY"),
  SYM_TENSOR_13("EX_SYMMETRIC_TENSOR_13", 4, "XX", "XY", "YZ", "ZC"),
  SYM_TENSOR_11("EX_SYMMETRIC_TENSOR_11", 2, "XX", "XY"),
  SYM_TENSOR_10("EX_SYMMETRIC_TENSOR_10", 1, "XX"),
  ASYM_TENSOR_03("EX_ASYMMETRIC_TENSOR_03", 3, "XY", "YZ", "ZC"),
  ASYM_TENSOR_02("EX_ASYMMETRIC_TENSOR_02", 2, "XY", "YZ"),
  ASYM_TENSOR_01("EX_ASYMMETRIC_TENSOR_01", 1, "XY"),
  MATRIX_2X2("EX_MATRIX_2X2", 4, "11", "12", "21", "22"),
  MATRIX_3X3("EX_MATRIX_3X3", 9, "11", "12", "13", "21", "22", "23", "31", "32", "33");

  private final String cName;
  private final int cardinality;
  private final List<String> suffixes;

  FieldType(String cName, int cardinality, String... suffixes) {
    this.cName = cName;
    this.cardinality = cardinality;
    this.suffixes = List.of(suffixes);
  }

  /** The value stored in the file (the C enum's value). */
  public int code() {
    return ordinal();
  }

  /** The type with a stored value; {@link #INVALID} for an unknown one. */
  public static FieldType ofCode(long code) {
    FieldType[] all = values();
    return code >= 0 && code < all.length ? all[(int) code] : INVALID;
  }

  /** The C library's name ({@code ex_field_type_enum_to_string}), e.g. EX_VECTOR_3D. */
  public String cName() {
    return cName;
  }

  /**
   * Components of this type ({@code ex_field_cardinality}); -1 where the field, its basis or its
   * quadrature rule says (user defined, sequence, basis, quadrature) or for {@link #INVALID}.
   */
  public int cardinality() {
    return cardinality;
  }

  /**
   * The suffixes of the components of a fixed type, in order, as {@code ex_field_component_suffix}
   * gives them (9.06 spells the ZX component "ZC"); empty for the others.
   */
  public List<String> suffixes() {
    return suffixes;
  }
}
