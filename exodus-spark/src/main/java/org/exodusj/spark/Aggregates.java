package org.exodusj.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Min;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An aggregation Spark pushed to the scan ({@code MIN}, {@code MAX}, {@code SUM}, {@code COUNT} of
 * variables and {@code COUNT(*)}, grouped by any of {@code source}, {@code step}, {@code time},
 * {@code block_id}): each partition returns its partial aggregates, and Spark merges them. The
 * readers aggregate their column vectors in loops over primitive values, so no row is made.
 */
final class Aggregates implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int MIN = 0;
  static final int MAX = 1;
  static final int SUM = 2;
  static final int COUNT = 3;
  static final int COUNT_STAR = 4;

  private static final Set<String> GROUPS = Set.of(Layout.SOURCE, "step", "time", "block_id");

  /** The group-by columns, in Spark's order. */
  final String[] groups;

  /** Per aggregate: its function and its column (null for COUNT(*)). */
  final int[] functions;

  final String[] columns;

  private Aggregates(String[] groups, int[] functions, String[] columns) {
    this.groups = groups;
    this.functions = functions;
    this.columns = columns;
  }

  /**
   * The aggregation as this scan can compute it, or null where it cannot (another function, a
   * distinct count, a column that is not a variable, a group that is not a per-batch constant).
   */
  static Aggregates of(Aggregation a, StructType schema, ReadOptions.Kind kind) {
    if (kind != ReadOptions.Kind.NODAL && kind != ReadOptions.Kind.ELEMENT) return null;
    List<String> names = List.of(schema.fieldNames());
    String[] groups = new String[a.groupByExpressions().length];
    for (int i = 0; i < groups.length; i++) {
      String g = column(a.groupByExpressions()[i]);
      if (g == null || !GROUPS.contains(g) || !names.contains(g)) return null;
      groups[i] = g;
    }
    AggregateFunc[] f = a.aggregateExpressions();
    int[] fn = new int[f.length];
    String[] cols = new String[f.length];
    for (int i = 0; i < f.length; i++) {
      Expression c;
      if (f[i] instanceof Min m) {
        fn[i] = MIN;
        c = m.column();
      } else if (f[i] instanceof Max m) {
        fn[i] = MAX;
        c = m.column();
      } else if (f[i] instanceof Sum s && !s.isDistinct()) {
        fn[i] = SUM;
        c = s.column();
      } else if (f[i] instanceof Count n && !n.isDistinct()) {
        fn[i] = COUNT;
        c = n.column();
      } else if (f[i] instanceof CountStar) {
        fn[i] = COUNT_STAR;
        continue;
      } else {
        return null;
      }
      String name = column(c);
      if (name == null || !names.contains(name) || Layout.isFixed(kind, name)) return null;
      cols[i] = name;
    }
    return new Aggregates(groups, fn, cols);
  }

  private static String column(Expression e) {
    if (e instanceof NamedReference r && r.fieldNames().length == 1) return r.fieldNames()[0];
    return null;
  }

  /** What the readers read: the group columns, then each variable once. */
  StructType input(StructType schema) {
    List<StructField> f = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String g : groups) {
      f.add(schema.fields()[schema.fieldIndex(g)]);
      seen.add(g);
    }
    for (String c : columns) {
      if (c != null && !seen.contains(c)) {
        f.add(schema.fields()[schema.fieldIndex(c)]);
        seen.add(c);
      }
    }
    return new StructType(f.toArray(new StructField[0]));
  }

  /** What the scan returns: the group columns, then one column per aggregate. */
  StructType output(StructType schema) {
    List<StructField> f = new ArrayList<>();
    for (String g : groups) f.add(schema.fields()[schema.fieldIndex(g)]);
    for (int i = 0; i < functions.length; i++) {
      boolean count = functions[i] == COUNT || functions[i] == COUNT_STAR;
      f.add(
          new StructField(
              "agg_" + i,
              count ? DataTypes.LongType : DataTypes.DoubleType,
              !count,
              Metadata.empty()));
    }
    return new StructType(f.toArray(new StructField[0]));
  }
}
