package org.exodusj.internal.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The write seam's format-neutral schema: what a new file will hold (dimensions, global attributes,
 * variables), in definition order. Names, duplicates, dimension references, the place of the
 * unlimited dimension and {@code _FillValue} are checked here as each part is defined; a backend's
 * subclass adds the limits of its format (types, lengths) through the {@code check} hooks, so a
 * definition the format cannot hold fails at the call that defines it.
 *
 * <p>A {@link StorageWriter} is created from a schema by {@code internal.backend.Backends}.
 */
public class Schema {
  private final List<Dimension> dims = new ArrayList<>();
  private final List<Attribute> attributes = new ArrayList<>();
  private final List<VarDef> vars = new ArrayList<>();
  private final Set<String> writtenWhole = new HashSet<>();

  /**
   * One variable of the schema.
   *
   * @param dimIds indices into {@link #dimensions()}, outermost first
   */
  public record VarDef(String name, DataType type, int[] dimIds, List<Attribute> attributes) {}

  /** Adds a fixed dimension. */
  public Schema dimension(String name, long length) {
    checkName(name, "dimension");
    for (Dimension d : dims) {
      if (d.name().equals(name)) {
        throw new IllegalArgumentException("dimension " + name + " is already defined");
      }
    }
    if (length <= 0) {
      throw new IllegalArgumentException(
          "dimension " + name + ": length " + length + " (fixed dimensions need at least 1)");
    }
    checkDimensionLength(name, length);
    dims.add(new Dimension(name, length, false));
    return this;
  }

  /** Adds an unlimited dimension (formats may allow only one: {@link #checkUnlimited}). */
  public Schema unlimitedDimension(String name) {
    checkName(name, "dimension");
    checkUnlimited(name);
    for (Dimension d : dims) {
      if (d.name().equals(name)) {
        throw new IllegalArgumentException("dimension " + name + " is already defined");
      }
    }
    dims.add(new Dimension(name, 0, true));
    return this;
  }

  /** Adds a global attribute. */
  public Schema attribute(Attribute a) {
    checkAttribute(a, attributes, "global attribute");
    attributes.add(a);
    return this;
  }

  /** Adds a variable over the named dimensions (outermost first). */
  public Schema variable(String name, DataType type, List<String> dimNames, Attribute... atts) {
    checkName(name, "variable");
    for (VarDef v : vars) {
      if (v.name().equals(name)) {
        throw new IllegalArgumentException("variable " + name + " is already defined");
      }
    }
    checkVariableType(name, type);
    int[] ids = new int[dimNames.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = dimIndex(dimNames.get(i), name);
      if (dims.get(ids[i]).unlimited() && i != 0) {
        throw new IllegalArgumentException(
            "variable " + name + ": the unlimited dimension must be the first dimension");
      }
    }
    List<Attribute> list = new ArrayList<>();
    for (Attribute a : atts) {
      checkAttribute(a, list, "attribute of variable " + name);
      if (a.name().equals("_FillValue") && (a.type() != type || a.length() != 1)) {
        throw new IllegalArgumentException(
            "variable " + name + ": _FillValue must be one value of type " + type.cdlName());
      }
      list.add(a);
    }
    vars.add(new VarDef(name, type, ids, List.copyOf(list)));
    return this;
  }

  /**
   * Says that the caller writes every value of the fixed variable {@code name} (a copy does), so a
   * writer need not fill it with the fill value first; what is left unwritten is then undefined.
   */
  public Schema writtenWhole(String name) {
    boolean defined = false;
    for (VarDef v : vars) {
      if (v.name().equals(name)) {
        defined = true;
        if (v.dimIds().length > 0 && dims.get(v.dimIds()[0]).unlimited()) {
          throw new IllegalArgumentException(
              "variable " + name + " is a record variable: only fixed ones are written whole");
        }
      }
    }
    if (!defined) {
      throw new IllegalArgumentException("variable " + name + " is not defined");
    }
    writtenWhole.add(name);
    return this;
  }

  /** True when {@link #writtenWhole} was said of the variable {@code name}. */
  public boolean isWrittenWhole(String name) {
    return writtenWhole.contains(name);
  }

  /** The dimensions in definition order (unlimited ones with length 0). */
  public List<Dimension> dimensions() {
    return Collections.unmodifiableList(dims);
  }

  /** The global attributes in definition order. */
  public List<Attribute> attributes() {
    return Collections.unmodifiableList(attributes);
  }

  /** The variables in definition order. */
  public List<VarDef> variables() {
    return Collections.unmodifiableList(vars);
  }

  // ---- the format's limits (hooks) -----------------------------------------------------------

  /** Refuses a fixed dimension length the format cannot hold. */
  protected void checkDimensionLength(String name, long length) {}

  /** Refuses an unlimited dimension the format cannot hold (called before it is added). */
  protected void checkUnlimited(String name) {}

  /** Refuses a variable type the format cannot hold. */
  protected void checkVariableType(String name, DataType type) {}

  /** Refuses an attribute type the format cannot hold; {@code what} names its place. */
  protected void checkAttributeType(String what, Attribute a) {}

  private int dimIndex(String dimName, String var) {
    for (int i = 0; i < dims.size(); i++) {
      if (dims.get(i).name().equals(dimName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("variable " + var + ": no dimension named " + dimName);
  }

  private void checkAttribute(Attribute a, List<Attribute> existing, String what) {
    checkName(a.name(), what);
    checkAttributeType(what, a);
    for (Attribute e : existing) {
      if (e.name().equals(a.name())) {
        throw new IllegalArgumentException(what + " " + a.name() + " is already defined");
      }
    }
  }

  private static void checkName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " name must not be empty");
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " name '" + name + "' contains '/' or NUL");
    }
  }
}
