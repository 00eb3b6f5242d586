package org.exodusj;

/** The kinds of entity an Exodus file holds, as the C library's {@code ex_entity_type}. */
public enum EntityType {
  /** The whole model: global variables. */
  GLOBAL,
  /** Nodes: coordinates and nodal variables. */
  NODAL,
  ELEM_BLOCK,
  EDGE_BLOCK,
  FACE_BLOCK,
  NODE_SET,
  SIDE_SET,
  ELEM_SET,
  EDGE_SET,
  FACE_SET,
  NODE_MAP,
  ELEM_MAP,
  EDGE_MAP,
  FACE_MAP,
  ASSEMBLY,
  BLOB;

  /** Block types in the order the C library and the canonical dump visit them. */
  public static final java.util.List<EntityType> BLOCK_TYPES =
      java.util.List.of(ELEM_BLOCK, EDGE_BLOCK, FACE_BLOCK);

  /** Set types in the order the C library and the canonical dump visit them. */
  public static final java.util.List<EntityType> SET_TYPES =
      java.util.List.of(NODE_SET, SIDE_SET, ELEM_SET, EDGE_SET, FACE_SET);

  /** The id-map kinds: node, element, edge and face maps. */
  public static final java.util.List<EntityType> MAP_TYPES =
      java.util.List.of(NODE_MAP, ELEM_MAP, EDGE_MAP, FACE_MAP);

  /** The kinds that can have result variables, in the order summaries list them. */
  public static final java.util.List<EntityType> VARIABLE_TYPES =
      java.util.List.of(
          GLOBAL,
          NODAL,
          ELEM_BLOCK,
          EDGE_BLOCK,
          FACE_BLOCK,
          NODE_SET,
          SIDE_SET,
          ELEM_SET,
          EDGE_SET,
          FACE_SET,
          ASSEMBLY,
          BLOB);

  /** True for element, edge and face blocks. */
  public boolean isBlock() {
    return this == ELEM_BLOCK || this == EDGE_BLOCK || this == FACE_BLOCK;
  }

  /** True for node, side, element, edge and face sets. */
  public boolean isSet() {
    return this == NODE_SET
        || this == SIDE_SET
        || this == ELEM_SET
        || this == EDGE_SET
        || this == FACE_SET;
  }

  /** True for the numbered maps. */
  public boolean isMap() {
    return this == NODE_MAP || this == ELEM_MAP || this == EDGE_MAP || this == FACE_MAP;
  }

  /** The C library's {@code ex_entity_type} code (used by assemblies to name member types). */
  public int code() {
    return switch (this) {
      case NODAL -> 14;
      case NODE_SET -> 2;
      case EDGE_BLOCK -> 6;
      case EDGE_SET -> 7;
      case FACE_BLOCK -> 8;
      case FACE_SET -> 9;
      case ELEM_BLOCK -> 1;
      case ELEM_SET -> 10;
      case SIDE_SET -> 3;
      case ELEM_MAP -> 4;
      case NODE_MAP -> 5;
      case EDGE_MAP -> 11;
      case FACE_MAP -> 12;
      case GLOBAL -> 13;
      case ASSEMBLY -> 16;
      case BLOB -> 17;
    };
  }

  /** The type with this {@code ex_entity_type} code, or null. */
  public static EntityType ofCode(int code) {
    for (EntityType t : values()) {
      if (t.code() == code) {
        return t;
      }
    }
    return null;
  }
}
