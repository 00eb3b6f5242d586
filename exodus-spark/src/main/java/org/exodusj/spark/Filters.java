package org.exodusj.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;

/**
 * What the pushed filters say about the columns the planner knows before reading values: {@code
 * source}, {@code step}, {@code time}, {@code block_id}, and ranges of {@code node_id} and {@code
 * elem_id}. Pruning is conservative: a part is skipped only where a filter is false for every row
 * of it. Spark applies every filter to the rows read except those {@link #exact} says the planning
 * applies exactly.
 */
final class Filters {
  /** The columns a pushed filter is useful on. */
  static final Set<String> PRUNING =
      Set.of("source", "step", "time", "block_id", "node_id", "elem_id");

  private Filters() {}

  private static final Set<String> STEP_COLUMNS = Set.of("source", "step", "time");
  private static final Set<String> BLOCK_COLUMNS = Set.of("source", "block_id");

  /**
   * Whether the planning applies {@code f} exactly (so Spark need not): it names only {@code
   * source}, {@code step} and {@code time}, or only {@code source} and {@code block_id}, which are
   * all known when steps and blocks are chosen, and is made of what {@link #eval} understands.
   */
  static boolean exact(Filter f) {
    String[] refs = f.references();
    if (refs.length == 0 || !understood(f)) return false;
    boolean steps = true;
    boolean blocks = true;
    for (String r : refs) {
      steps &= STEP_COLUMNS.contains(r);
      blocks &= BLOCK_COLUMNS.contains(r);
    }
    return steps || blocks;
  }

  private static boolean understood(Filter f) {
    if (f instanceof And a) return understood(a.left()) && understood(a.right());
    if (f instanceof Or o) return understood(o.left()) && understood(o.right());
    if (f instanceof Not n) return understood(n.child());
    if (f instanceof In in) {
      for (Object v : in.values()) if (!plain(v)) return false;
      return true;
    }
    if (f instanceof EqualTo e) return plain(e.value());
    if (f instanceof EqualNullSafe e) return plain(e.value());
    if (f instanceof GreaterThan g) return plain(g.value());
    if (f instanceof GreaterThanOrEqual g) return plain(g.value());
    if (f instanceof LessThan l) return plain(l.value());
    if (f instanceof LessThanOrEqual l) return plain(l.value());
    return f instanceof IsNull || f instanceof IsNotNull;
  }

  /** A value {@link #eval} compares exactly. */
  private static boolean plain(Object v) {
    return v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof Double
        || v instanceof Float
        || v instanceof String;
  }

  /** Whether {@code f} names a column the planner prunes by. */
  static boolean useful(Filter f) {
    for (String r : f.references()) {
      if (PRUNING.contains(r)) return true;
    }
    return false;
  }

  /**
   * Three-valued evaluation with some columns known: TRUE, FALSE, or null (depends on a column not
   * in {@code known}).
   */
  static Boolean eval(Filter f, Map<String, Object> known) {
    if (f instanceof And a) {
      Boolean l = eval(a.left(), known);
      Boolean r = eval(a.right(), known);
      if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) return false;
      return l != null && r != null ? Boolean.TRUE : null;
    }
    if (f instanceof Or o) {
      Boolean l = eval(o.left(), known);
      Boolean r = eval(o.right(), known);
      if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) return true;
      return l != null && r != null ? Boolean.FALSE : null;
    }
    if (f instanceof Not n) {
      Boolean c = eval(n.child(), known);
      return c == null ? null : !c;
    }
    if (f instanceof IsNull x) {
      return known.containsKey(x.attribute()) ? Boolean.FALSE : null;
    }
    if (f instanceof IsNotNull x) {
      return known.containsKey(x.attribute()) ? Boolean.TRUE : null;
    }
    if (f instanceof In in) {
      Object v = known.get(in.attribute());
      if (v == null) return null;
      for (Object c : in.values()) {
        Integer cmp = compare(v, c);
        if (cmp == null) return null;
        if (cmp == 0) return true;
      }
      return false;
    }
    String attr;
    Object value;
    int want; // -1 <, -2 <=, 0 =, 1 >, 2 >=
    if (f instanceof EqualTo e) {
      attr = e.attribute();
      value = e.value();
      want = 0;
    } else if (f instanceof EqualNullSafe e) {
      attr = e.attribute();
      value = e.value();
      want = 0;
    } else if (f instanceof GreaterThan g) {
      attr = g.attribute();
      value = g.value();
      want = 1;
    } else if (f instanceof GreaterThanOrEqual g) {
      attr = g.attribute();
      value = g.value();
      want = 2;
    } else if (f instanceof LessThan l) {
      attr = l.attribute();
      value = l.value();
      want = -1;
    } else if (f instanceof LessThanOrEqual l) {
      attr = l.attribute();
      value = l.value();
      want = -2;
    } else {
      return null;
    }
    Object v = known.get(attr);
    if (v == null) return null;
    Integer c = compare(v, value);
    if (c == null) return null;
    return switch (want) {
      case 0 -> c == 0;
      case 1 -> c > 0;
      case 2 -> c >= 0;
      case -1 -> c < 0;
      default -> c <= 0;
    };
  }

  /** All filters together: false only where one of them is false. */
  static boolean mayMatch(Filter[] filters, Map<String, Object> known) {
    for (Filter f : filters) {
      if (Boolean.FALSE.equals(eval(f, known))) return false;
    }
    return true;
  }

  private static Integer compare(Object known, Object value) {
    if (value == null) return null;
    if (known instanceof String s) {
      return value instanceof String t ? s.compareTo(t) : null;
    }
    if (!(known instanceof Number k) || !(value instanceof Number n)) return null;
    if (known instanceof Double
        || known instanceof Float
        || value instanceof Double
        || value instanceof Float
        || value instanceof java.math.BigDecimal) {
      return Double.compare(k.doubleValue(), n.doubleValue());
    }
    return Long.compare(k.longValue(), n.longValue());
  }

  /**
   * The values of an integral column that the filters may accept, as sorted disjoint inclusive
   * ranges; null where they do not restrict it.
   */
  static IdRanges ranges(Filter[] filters, String column) {
    IdRanges r = null;
    for (Filter f : filters) {
      IdRanges x = rangesOf(f, column);
      if (x != null) r = r == null ? x : r.intersect(x);
    }
    return r;
  }

  private static IdRanges rangesOf(Filter f, String column) {
    if (f instanceof And a) {
      IdRanges l = rangesOf(a.left(), column);
      IdRanges r = rangesOf(a.right(), column);
      if (l == null) return r;
      return r == null ? l : l.intersect(r);
    }
    if (f instanceof Or o) {
      IdRanges l = rangesOf(o.left(), column);
      IdRanges r = rangesOf(o.right(), column);
      return l == null || r == null ? null : l.union(r);
    }
    if (f instanceof EqualTo e && e.attribute().equals(column) && e.value() instanceof Number n) {
      return IdRanges.of(n.longValue(), n.longValue());
    }
    if (f instanceof In in && in.attribute().equals(column)) {
      List<long[]> pts = new ArrayList<>();
      for (Object v : in.values()) {
        if (!(v instanceof Number n)) return null;
        pts.add(new long[] {n.longValue(), n.longValue()});
      }
      return IdRanges.normalise(pts);
    }
    if (f instanceof GreaterThan g
        && g.attribute().equals(column)
        && g.value() instanceof Number n) {
      long v = n.longValue();
      return v == Long.MAX_VALUE ? IdRanges.NONE : IdRanges.of(v + 1, Long.MAX_VALUE);
    }
    if (f instanceof GreaterThanOrEqual g
        && g.attribute().equals(column)
        && g.value() instanceof Number n) {
      return IdRanges.of(n.longValue(), Long.MAX_VALUE);
    }
    if (f instanceof LessThan l && l.attribute().equals(column) && l.value() instanceof Number n) {
      long v = n.longValue();
      return v == Long.MIN_VALUE ? IdRanges.NONE : IdRanges.of(Long.MIN_VALUE, v - 1);
    }
    if (f instanceof LessThanOrEqual l
        && l.attribute().equals(column)
        && l.value() instanceof Number n) {
      return IdRanges.of(Long.MIN_VALUE, n.longValue());
    }
    return null;
  }

  /** Sorted, disjoint, inclusive ranges of ids. */
  static final class IdRanges implements Serializable {
    private static final long serialVersionUID = 1L;
    static final IdRanges NONE = new IdRanges(new long[0], new long[0]);

    final long[] lo;
    final long[] hi;

    private IdRanges(long[] lo, long[] hi) {
      this.lo = lo;
      this.hi = hi;
    }

    static IdRanges of(long lo, long hi) {
      return lo > hi ? NONE : new IdRanges(new long[] {lo}, new long[] {hi});
    }

    static IdRanges normalise(List<long[]> ranges) {
      List<long[]> s = new ArrayList<>(ranges);
      s.sort((a, b) -> Long.compare(a[0], b[0]));
      List<long[]> out = new ArrayList<>();
      for (long[] r : s) {
        if (r[0] > r[1]) continue;
        long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && (r[0] <= last[1] || last[1] != Long.MAX_VALUE && r[0] == last[1] + 1)) {
          last[1] = Math.max(last[1], r[1]);
        } else {
          out.add(new long[] {r[0], r[1]});
        }
      }
      long[] lo = new long[out.size()];
      long[] hi = new long[out.size()];
      for (int i = 0; i < lo.length; i++) {
        lo[i] = out.get(i)[0];
        hi[i] = out.get(i)[1];
      }
      return new IdRanges(lo, hi);
    }

    IdRanges union(IdRanges o) {
      List<long[]> all = new ArrayList<>();
      for (int i = 0; i < lo.length; i++) all.add(new long[] {lo[i], hi[i]});
      for (int i = 0; i < o.lo.length; i++) all.add(new long[] {o.lo[i], o.hi[i]});
      return normalise(all);
    }

    IdRanges intersect(IdRanges o) {
      List<long[]> out = new ArrayList<>();
      int i = 0;
      int j = 0;
      while (i < lo.length && j < o.lo.length) {
        long a = Math.max(lo[i], o.lo[j]);
        long b = Math.min(hi[i], o.hi[j]);
        if (a <= b) out.add(new long[] {a, b});
        if (hi[i] < o.hi[j]) i++;
        else j++;
      }
      return normalise(out);
    }

    /** Whether {@code id} is in one of the ranges. */
    boolean contains(long id) {
      int k = Arrays.binarySearch(lo, id);
      if (k >= 0) return true;
      int i = -k - 2;
      return i >= 0 && id <= hi[i];
    }

    /** Whether some id in {@code [a, b]} is in one of the ranges. */
    boolean overlaps(long a, long b) {
      for (int i = 0; i < lo.length; i++) {
        if (lo[i] <= b && hi[i] >= a) return true;
      }
      return false;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("[");
      for (int i = 0; i < lo.length; i++) {
        if (i > 0) s.append(", ");
        s.append(lo[i]).append("..").append(hi[i]);
      }
      return s.append(']').toString();
    }
  }
}
