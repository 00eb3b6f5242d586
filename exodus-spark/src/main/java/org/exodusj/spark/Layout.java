package org.exodusj.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.exodusj.EntityType;

/** The columns of each kind: the fixed ones, then one per variable. */
final class Layout {
  private Layout() {}

  static final String SOURCE = "source";

  /** The fixed columns of {@code kind}, in order (without {@code source}). */
  static List<StructField> fixed(ReadOptions.Kind kind, int dims) {
    List<StructField> f = new ArrayList<>();
    switch (kind) {
      case NODAL -> {
        f.add(field("step", DataTypes.IntegerType));
        f.add(field("time", DataTypes.DoubleType));
        f.add(field("node_id", DataTypes.LongType));
      }
      case ELEMENT -> {
        f.add(field("step", DataTypes.IntegerType));
        f.add(field("time", DataTypes.DoubleType));
        f.add(field("block_id", DataTypes.LongType));
        f.add(field("elem_id", DataTypes.LongType));
      }
      case GLOBAL -> {
        f.add(field("step", DataTypes.IntegerType));
        f.add(field("time", DataTypes.DoubleType));
      }
      case NODES -> {
        f.add(field("node_id", DataTypes.LongType));
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < Math.max(1, Math.min(dims, 3)); a++) {
          f.add(field(axes[a], DataTypes.DoubleType));
        }
      }
      case ELEMENTS -> {
        f.add(field("block_id", DataTypes.LongType));
        f.add(field("elem_id", DataTypes.LongType));
        f.add(field("topology", DataTypes.StringType));
        f.add(
            new StructField(
                "connectivity",
                DataTypes.createArrayType(DataTypes.LongType, false),
                false,
                org.apache.spark.sql.types.Metadata.empty()));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return f;
  }

  /** The entity type whose variables are columns of {@code kind}, or null. */
  static EntityType variableType(ReadOptions.Kind kind) {
    return switch (kind) {
      case NODAL -> EntityType.NODAL;
      case ELEMENT -> EntityType.ELEM_BLOCK;
      case GLOBAL -> EntityType.GLOBAL;
      default -> null;
    };
  }

  /** The full schema. */
  static StructType schema(ReadOptions.Kind kind, int dims, boolean many, List<String> variables) {
    List<StructField> f = new ArrayList<>();
    if (many) f.add(field(SOURCE, DataTypes.StringType));
    List<StructField> fx = fixed(kind, dims);
    f.addAll(fx);
    Set<String> taken = new java.util.HashSet<>();
    for (StructField s : f) taken.add(s.name());
    for (String v : variables) {
      if (taken.add(v)) {
        f.add(
            new StructField(
                v, DataTypes.DoubleType, true, org.apache.spark.sql.types.Metadata.empty()));
      }
    }
    return new StructType(f.toArray(new StructField[0]));
  }

  /** Whether {@code name} is a fixed column of {@code kind} (or {@code source}). */
  static boolean isFixed(ReadOptions.Kind kind, String name) {
    if (name.equals(SOURCE)) return true;
    for (StructField f : fixed(kind, 3)) {
      if (f.name().equals(name)) return true;
    }
    return false;
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType t) {
    return new StructField(name, t, false, org.apache.spark.sql.types.Metadata.empty());
  }
}
