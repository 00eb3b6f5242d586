package org.exodusj.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two canonical dumps record by record, numbers as exact IEEE doubles: the same rules as
 * {@code shared/tools/dumpcmp.py} (records keyed by their leading fields; qa and info by position).
 */
final class DumpComparison {
  private static final Map<String, Integer> KEYS = new HashMap<>();

  static {
    for (String t : List.of("coord", "elem_block", "edge_block", "face_block", "global_vars")) {
      KEYS.put(t, 1);
    }
    KEYS.put("connect", 2);
    KEYS.put("attrib", 2);
    KEYS.put("nodal_var", 2);
    for (String s : List.of("node_set", "side_set", "elem_set", "edge_set", "face_set")) {
      KEYS.put(s, 1);
      KEYS.put(s + "_entries", 1);
      KEYS.put(s + "_extra", 1);
      KEYS.put(s + "_df", 1);
    }
    for (String v : List.of("elem_var", "node_set_var", "side_set_var", "edge_var", "face_var")) {
      KEYS.put(v, 3);
    }
  }

  private DumpComparison() {}

  /** The differences (empty when equal), at most {@code max} of them. */
  static List<String> compare(String expected, String actual, int max) {
    Map<List<String>, List<String>> exp = load(expected);
    Map<List<String>, List<String>> act = load(actual);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<List<String>, List<String>> e : exp.entrySet()) {
      List<String> a = act.get(e.getKey());
      if (a == null) {
        problems.add("missing " + e.getKey());
      } else if (a.size() != e.getValue().size()) {
        problems.add(
            "length " + e.getKey() + ": expected " + e.getValue().size() + ", got " + a.size());
      } else {
        for (int i = 0; i < a.size(); i++) {
          if (!same(e.getValue().get(i), a.get(i))) {
            problems.add(
                "value "
                    + e.getKey()
                    + " ["
                    + i
                    + "]: expected "
                    + e.getValue().get(i)
                    + ", got "
                    + a.get(i));
            break;
          }
        }
      }
      if (problems.size() >= max) return problems;
    }
    for (List<String> k : act.keySet()) {
      if (!exp.containsKey(k)) problems.add("unexpected " + k);
      if (problems.size() >= max) break;
    }
    return problems;
  }

  /** The number of records in a dump. */
  static int records(String dump) {
    return load(dump).size();
  }

  private static Map<List<String>, List<String>> load(String dump) {
    Map<List<String>, List<String>> out = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (String line : dump.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      List<String> key;
      List<String> vals;
      if (f[0].equals("qa") || f[0].equals("info")) {
        int n = counts.merge(f[0], 1, Integer::sum);
        key = List.of(f[0], Integer.toString(n));
        vals = List.of(f).subList(1, f.length);
      } else {
        int k = KEYS.getOrDefault(f[0], 0);
        key = List.of(f).subList(0, Math.min(f.length, 1 + k));
        vals = List.of(f).subList(Math.min(f.length, 1 + k), f.length);
      }
      List<String> unique = key;
      while (out.containsKey(unique)) {
        unique = new ArrayList<>(unique);
        unique.add("#dup");
      }
      out.put(unique, vals);
    }
    return out;
  }

  private static boolean same(String x, String y) {
    String a = x.stripTrailing();
    String b = y.stripTrailing();
    if (a.equals(b)) return true;
    try {
      double p = parse(a);
      double q = parse(b);
      return p == q || (Double.isNaN(p) && Double.isNaN(q));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "-nan" -> Double.NaN;
      case "inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
