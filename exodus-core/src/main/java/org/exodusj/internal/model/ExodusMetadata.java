package org.exodusj.internal.model;

import static org.exodusj.internal.model.ExodusNames.BASIS_PREFIX;
import static org.exodusj.internal.model.ExodusNames.FIELD_PREFIX;
import static org.exodusj.internal.model.ExodusNames.QUAD_PREFIX;
import static org.exodusj.internal.model.ExodusNames.metadataAttribute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.exodusj.Basis;
import org.exodusj.EntityAttribute;
import org.exodusj.EntityType;
import org.exodusj.FieldMetadata;
import org.exodusj.FieldType;
import org.exodusj.Quadrature;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;

/**
 * Entity attributes, field metadata, bases and quadrature rules in their stored form: netCDF
 * attributes on an entity's variable (or on the file), named and typed as {@code ex_put_attribute},
 * {@code ex_put_field_metadata}, {@code ex_put_basis} and {@code ex_put_quadrature} write them,
 * read back as {@code ex_get_attributes} and {@code ex_get_field_metadata} read them.
 */
public final class ExodusMetadata {
  private ExodusMetadata() {}

  // ---- entity attributes ---------------------------------------------------------------------

  /** An attribute as {@code ex_get_attributes} returns it. */
  public static EntityAttribute toEntityAttribute(Attribute a) {
    if (a.isText()) {
      return new EntityAttribute(a.name(), ExodusModel.clean(a.storedBytes()), null, false);
    }
    List<Double> vals = new ArrayList<>(a.length());
    for (int i = 0; i < a.length(); i++) vals.add(a.doubleValue(i));
    return new EntityAttribute(a.name(), null, vals, !a.type().isFloatingPoint());
  }

  /**
   * The stored form of an entity attribute: text with its terminating NUL, integers as INT (INT64
   * in a file with 64-bit ids), doubles as DOUBLE.
   */
  public static Attribute toStored(EntityAttribute a, boolean int64) {
    if (a.isText()) {
      return text(a.name(), a.text());
    }
    if (a.integer()) {
      long[] v = new long[a.values().size()];
      for (int i = 0; i < v.length; i++) v[i] = (long) (double) a.values().get(i);
      return Attribute.integers(a.name(), int64 ? DataType.INT64 : DataType.INT, v);
    }
    double[] v = new double[a.values().size()];
    for (int i = 0; i < v.length; i++) v[i] = a.values().get(i);
    return Attribute.reals(a.name(), DataType.DOUBLE, v);
  }

  /** Text as {@code ex_put_text_attribute} stores it: the bytes and a terminating NUL. */
  static Attribute text(String name, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    return Attribute.ofStoredBytes(name, DataType.CHAR, Arrays.copyOf(b, b.length + 1));
  }

  private static Attribute ints(String name, boolean int64, List<Integer> values) {
    long[] v = new long[values.size()];
    for (int i = 0; i < v.length; i++) v[i] = values.get(i);
    return Attribute.integers(name, int64 ? DataType.INT64 : DataType.INT, v);
  }

  private static Attribute doubles(String name, List<Double> values) {
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) v[i] = values.get(i);
    return Attribute.reals(name, DataType.DOUBLE, v);
  }

  // ---- field metadata ------------------------------------------------------------------------

  /** The attributes {@code ex_put_field_metadata} (and {@code ex_put_field_suffices}) write. */
  public static List<Attribute> encode(FieldMetadata f, boolean int64) {
    List<Attribute> out = new ArrayList<>();
    String n = f.name();
    List<Integer> codes = new ArrayList<>();
    boolean needsCardinality = false;
    for (FieldType t : f.types()) {
      codes.add(t.code());
      needsCardinality |= t == FieldType.USER_DEFINED || t == FieldType.SEQUENCE;
    }
    out.add(ints(metadataAttribute(FIELD_PREFIX, n, "type"), int64, codes));
    String typeName = String.join(",", f.typeNames()).replaceFirst(",+$", "");
    if (!typeName.isEmpty()) {
      out.add(text(metadataAttribute(FIELD_PREFIX, n, "type_name"), typeName));
    }
    if (!f.separators().get(0).equals("_") || f.nesting() > 1) {
      StringBuilder sep = new StringBuilder();
      for (String s : f.separators()) {
        if (s.isEmpty()) break; // the C library stores them up to the first NUL
        sep.append(s);
      }
      out.add(text(metadataAttribute(FIELD_PREFIX, n, "separator"), sep.toString()));
    }
    if (needsCardinality) {
      out.add(ints(metadataAttribute(FIELD_PREFIX, n, "cardinality"), int64, f.cardinalities()));
    }
    if (!f.suffixes().isEmpty()) {
      if (f.types().get(0) != FieldType.USER_DEFINED) {
        throw new IllegalArgumentException(
            "field " + n + ": suffixes are for USER_DEFINED fields, not " + f.types().get(0));
      }
      if (f.suffixes().size() != f.cardinalities().get(0)) {
        throw new IllegalArgumentException(
            "field "
                + n
                + ": "
                + f.suffixes().size()
                + " suffixes for cardinality "
                + f.cardinalities().get(0));
      }
      out.add(text(metadataAttribute(FIELD_PREFIX, n, "suffices"), String.join(",", f.suffixes())));
    }
    return out;
  }

  /** The name in {@code PREFIX{name}@{item}}, or null where the attribute is no such thing. */
  private static String metadataName(String attr, String prefix) {
    if (!attr.startsWith(prefix)) return null;
    int at = attr.indexOf('@', prefix.length());
    return at < 0 ? null : attr.substring(prefix.length(), at);
  }

  private static String metadataItem(String attr) {
    return attr.substring(attr.lastIndexOf('@') + 1);
  }

  private static final class FieldParts {
    int[] types;
    int[] cardinalities;
    byte[] separators = {'_', 0};
    String typeName = "";
    String suffixes = "";
  }

  /**
   * The fields of an entity, from the attributes of its variable in stored order, as {@code
   * ex_get_field_metadata} reads them (fields in the order of their first attribute).
   */
  public static List<FieldMetadata> decodeFields(EntityType kind, long id, List<Attribute> atts) {
    Map<String, FieldParts> parts = new LinkedHashMap<>();
    for (Attribute a : atts) {
      String name = metadataName(a.name(), FIELD_PREFIX);
      if (name == null || name.isEmpty()) continue;
      FieldParts p = parts.computeIfAbsent(name, k -> new FieldParts());
      switch (metadataItem(a.name())) {
        case "type" -> p.types = intValues(a);
        case "cardinality" -> p.cardinalities = intValues(a);
        case "separator" -> {
          byte[] b = a.storedBytes();
          for (int i = 0; i < Math.min(b.length, p.separators.length); i++) p.separators[i] = b[i];
        }
        case "type_name" -> p.typeName = ExodusModel.clean(a.storedBytes());
        case "suffices" -> p.suffixes = ExodusModel.clean(a.storedBytes());
        default -> {}
      }
    }
    List<FieldMetadata> out = new ArrayList<>();
    for (Map.Entry<String, FieldParts> e : parts.entrySet()) {
      FieldParts p = e.getValue();
      int[] codes = p.types != null ? p.types : new int[0];
      int nesting =
          codes.length > 0 ? codes.length : p.cardinalities == null ? 0 : p.cardinalities.length;
      nesting = Math.max(1, Math.min(FieldMetadata.MAX_NESTING, nesting));
      List<FieldType> types = new ArrayList<>();
      List<Integer> cards = new ArrayList<>();
      List<String> seps = new ArrayList<>();
      List<String> names = new ArrayList<>();
      String[] tn = p.typeName.split(",", -1);
      for (int i = 0; i < nesting; i++) {
        types.add(i < codes.length ? FieldType.ofCode(codes[i]) : FieldType.INVALID);
        cards.add(p.cardinalities != null && i < p.cardinalities.length ? p.cardinalities[i] : 0);
        byte s = i < p.separators.length ? p.separators[i] : 0;
        seps.add(s == 0 ? "" : String.valueOf((char) (s & 0xFF)));
        names.add(i < tn.length ? tn[i] : "");
      }
      List<String> suffixes =
          p.suffixes.isEmpty() ? List.of() : Arrays.asList(p.suffixes.split(",", -1));
      out.add(new FieldMetadata(kind, id, e.getKey(), types, names, cards, seps, suffixes));
    }
    return out;
  }

  private static int[] intValues(Attribute a) {
    if (a.isText()) return new int[0];
    int[] v = new int[a.length()];
    for (int i = 0; i < v.length; i++) v[i] = (int) a.longValue(i);
    return v;
  }

  private static List<Integer> intList(Attribute a) {
    List<Integer> out = new ArrayList<>();
    for (int v : intValues(a)) out.add(v);
    return out;
  }

  private static List<Double> doubleList(Attribute a) {
    List<Double> out = new ArrayList<>();
    if (a.isText()) return out;
    for (int i = 0; i < a.length(); i++) out.add(a.doubleValue(i));
    return out;
  }

  /**
   * The names of a field's components, in the order {@code ex_component_field_name} gives them
   * (level 0 fastest); {@code levelCardinality} gives the component count of a basis or quadrature
   * level (from the named basis or rule), or -1 where it is unknown.
   */
  public static List<String> componentNames(
      FieldMetadata f, ToIntFunction<Integer> levelCardinality) {
    int n = f.nesting();
    int[] card = new int[n];
    int total = 1;
    for (int i = 0; i < n; i++) {
      card[i] = cardinality(f, i, levelCardinality);
      if (card[i] < 0) {
        throw new IllegalArgumentException(
            f.kind()
                + " "
                + f.id()
                + " field "
                + f.name()
                + ": the component count of level "
                + i
                + " ("
                + f.types().get(i)
                + " '"
                + f.typeNames().get(i)
                + "') is not known");
      }
      total = Math.multiplyExact(total, card[i]);
    }
    if (n == 1 && f.types().get(0) == FieldType.SCALAR) {
      return List.of(f.name());
    }
    List<String> out = new ArrayList<>(total);
    int[] c = new int[n];
    for (int k = 0; k < total; k++) {
      int r = k;
      for (int i = 0; i < n; i++) {
        c[i] = r % card[i];
        r /= card[i];
      }
      StringBuilder s = new StringBuilder(f.name());
      for (int i = 0; i < n; i++) {
        s.append(f.separators().get(i)).append(suffix(f, i, c[i] + 1, card[i]));
      }
      out.add(s.toString());
    }
    return out;
  }

  /** The component count of level {@code i}: stored, of the type, or of its basis or rule. */
  private static int cardinality(FieldMetadata f, int i, ToIntFunction<Integer> levelCardinality) {
    int stored = f.cardinalities().get(i);
    if (stored > 0) return stored;
    FieldType t = f.types().get(i);
    if (t.cardinality() > 0) return t.cardinality();
    if (t == FieldType.BASIS || t == FieldType.QUADRATURE) return levelCardinality.applyAsInt(i);
    return -1;
  }

  /** {@code ex_field_component_suffix} of 1-based {@code component} on level {@code i}. */
  private static String suffix(FieldMetadata f, int i, int component, int cardinality) {
    FieldType t = f.types().get(i);
    switch (t) {
      case USER_DEFINED:
        return component - 1 < f.suffixes().size() ? f.suffixes().get(component - 1) : "invalid";
      case SEQUENCE:
        return pad(component, cardinality);
      case BASIS:
      case QUADRATURE:
        return pad(component - 1, cardinality);
      default:
        return component - 1 < t.suffixes().size() ? t.suffixes().get(component - 1) : "invalid";
    }
  }

  private static String pad(int v, int cardinality) {
    int width = String.valueOf(cardinality).length();
    return String.format(java.util.Locale.ROOT, "%0" + width + "d", v);
  }

  // ---- bases and quadrature rules (global attributes) ----------------------------------------

  /** The attributes {@code ex_put_basis} writes on the file. */
  public static List<Attribute> encode(Basis b, boolean int64) {
    List<Attribute> out = new ArrayList<>();
    String n = b.name();
    out.add(
        ints(metadataAttribute(BASIS_PREFIX, n, "cardinality"), int64, List.of(b.cardinality())));
    addInts(out, BASIS_PREFIX, n, "subc_dim", b.subcDim(), int64);
    addInts(out, BASIS_PREFIX, n, "subc_ordinal", b.subcOrdinal(), int64);
    addInts(out, BASIS_PREFIX, n, "subc_dof_ordinal", b.subcDofOrdinal(), int64);
    addInts(out, BASIS_PREFIX, n, "subc_num_dof", b.subcNumDof(), int64);
    addDoubles(out, BASIS_PREFIX, n, "xi", b.xi());
    addDoubles(out, BASIS_PREFIX, n, "eta", b.eta());
    addDoubles(out, BASIS_PREFIX, n, "zeta", b.zeta());
    return out;
  }

  /** The attributes {@code ex_put_quadrature} writes on the file. */
  public static List<Attribute> encode(Quadrature q, boolean int64) {
    List<Attribute> out = new ArrayList<>();
    String n = q.name();
    out.add(
        ints(metadataAttribute(QUAD_PREFIX, n, "cardinality"), int64, List.of(q.cardinality())));
    addDoubles(out, QUAD_PREFIX, n, "xi", q.xi());
    addDoubles(out, QUAD_PREFIX, n, "eta", q.eta());
    addDoubles(out, QUAD_PREFIX, n, "zeta", q.zeta());
    addDoubles(out, QUAD_PREFIX, n, "weight", q.weight());
    return out;
  }

  private static void addInts(
      List<Attribute> out, String prefix, String n, String item, List<Integer> v, boolean int64) {
    if (!v.isEmpty()) out.add(ints(metadataAttribute(prefix, n, item), int64, v));
  }

  private static void addDoubles(
      List<Attribute> out, String prefix, String n, String item, List<Double> v) {
    if (!v.isEmpty()) out.add(doubles(metadataAttribute(prefix, n, item), v));
  }

  /** The bases among the file's attributes, in the order of their cardinality attributes. */
  public static List<Basis> decodeBases(List<Attribute> global) {
    Map<String, Map<String, Attribute>> by = group(global, BASIS_PREFIX);
    List<Basis> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Attribute>> e : by.entrySet()) {
      Map<String, Attribute> m = e.getValue();
      long card = m.get("cardinality").longValue(0);
      if (card < 0 || card > Integer.MAX_VALUE) continue; // damaged: no such basis
      out.add(
          new Basis(
              e.getKey(),
              (int) card,
              ints(m.get("subc_dim"), card),
              ints(m.get("subc_ordinal"), card),
              ints(m.get("subc_dof_ordinal"), card),
              ints(m.get("subc_num_dof"), card),
              reals(m.get("xi"), card),
              reals(m.get("eta"), card),
              reals(m.get("zeta"), card)));
    }
    return out;
  }

  /** The quadrature rules among the file's attributes. */
  public static List<Quadrature> decodeQuadratures(List<Attribute> global) {
    Map<String, Map<String, Attribute>> by = group(global, QUAD_PREFIX);
    List<Quadrature> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Attribute>> e : by.entrySet()) {
      Map<String, Attribute> m = e.getValue();
      long card = m.get("cardinality").longValue(0);
      if (card < 0 || card > Integer.MAX_VALUE) continue; // damaged: no such rule
      out.add(
          new Quadrature(
              e.getKey(),
              (int) card,
              reals(m.get("xi"), card),
              reals(m.get("eta"), card),
              reals(m.get("zeta"), card),
              reals(m.get("weight"), card)));
    }
    return out;
  }

  /** Attributes {@code PREFIX{name}@{item}} by name (those with a cardinality) and item. */
  private static Map<String, Map<String, Attribute>> group(List<Attribute> atts, String prefix) {
    Map<String, Map<String, Attribute>> all = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    for (Attribute a : atts) {
      String name = metadataName(a.name(), prefix);
      if (name == null || name.isEmpty()) continue;
      String item = metadataItem(a.name());
      all.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(item, a);
      if (item.equals("cardinality") && !a.isText() && a.length() > 0) order.add(name);
    }
    Map<String, Map<String, Attribute>> out = new LinkedHashMap<>();
    for (String n : order) out.put(n, all.get(n));
    return out;
  }

  /** The first {@code n} values of an integer array attribute; empty when absent or short. */
  private static List<Integer> ints(Attribute a, long n) {
    if (a == null || a.isText() || a.length() < n) return List.of();
    return intList(a).subList(0, (int) n);
  }

  private static List<Double> reals(Attribute a, long n) {
    if (a == null || a.isText() || a.length() < n) return List.of();
    return doubleList(a).subList(0, (int) n);
  }
}
