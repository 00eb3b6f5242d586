package org.exodusj.internal.cdf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;

/**
 * What a new classic file will hold: dimensions, attributes and variables, in definition order.
 * {@link #plan} lays the data out as netCDF-C does ({@code nc__enddef} with 4-byte alignment) and
 * checks that it fits the format, with a clear message when it does not.
 */
public final class CdfSchema {
  private final CdfFormat format;
  private final List<Dimension> dims = new ArrayList<>();
  private final List<Attribute> attributes = new ArrayList<>();
  private final List<VarDef> vars = new ArrayList<>();

  private record VarDef(String name, DataType type, int[] dimIds, List<Attribute> attributes) {}

  public CdfSchema(CdfFormat format) {
    this.format = format;
  }

  public CdfFormat format() {
    return format;
  }

  /** Adds a fixed dimension. */
  public CdfSchema dimension(String name, long length) {
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
    if (format != CdfFormat.CDF5 && length > CdfFormat.MAX_CLASSIC_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension "
              + name
              + ": length "
              + length
              + " exceeds "
              + CdfFormat.MAX_CLASSIC_DIMENSION
              + ", the limit of "
              + format.description()
              + "; use CDF-5");
    }
    dims.add(new Dimension(name, length, false));
    return this;
  }

  /** Adds the unlimited (record) dimension; there can be only one. */
  public CdfSchema unlimitedDimension(String name) {
    checkName(name, "dimension");
    for (Dimension d : dims) {
      if (d.unlimited()) {
        throw new IllegalArgumentException(
            "dimension " + name + ": " + d.name() + " is already the unlimited dimension");
      }
      if (d.name().equals(name)) {
        throw new IllegalArgumentException("dimension " + name + " is already defined");
      }
    }
    dims.add(new Dimension(name, 0, true));
    return this;
  }

  /** Adds a global attribute. */
  public CdfSchema attribute(Attribute a) {
    checkAttribute(a, attributes, "global attribute");
    attributes.add(a);
    return this;
  }

  /** Adds a variable over the named dimensions (outermost first). */
  public CdfSchema variable(String name, DataType type, List<String> dimNames, Attribute... atts) {
    checkName(name, "variable");
    for (VarDef v : vars) {
      if (v.name.equals(name)) {
        throw new IllegalArgumentException("variable " + name + " is already defined");
      }
    }
    if (type.cdf5Only() && format != CdfFormat.CDF5) {
      throw new IllegalArgumentException(
          "variable "
              + name
              + ": type "
              + type.cdlName()
              + " needs CDF-5, not "
              + format.description());
    }
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
    if (a.type().cdf5Only() && format != CdfFormat.CDF5) {
      throw new IllegalArgumentException(
          what + " " + a.name() + ": type " + a.type().cdlName() + " needs CDF-5");
    }
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

  /**
   * Lays out the file: the header, then {@code headerFreeBytes} of room for the header to grow, the
   * fixed variables in definition order, then the record variables.
   */
  public CdfHeader plan(long headerFreeBytes) {
    if (headerFreeBytes < 0) {
      throw new IllegalArgumentException("headerFreeBytes " + headerFreeBytes + " is negative");
    }
    int recordDim = -1;
    for (int i = 0; i < dims.size(); i++) {
      if (dims.get(i).unlimited()) {
        recordDim = i;
      }
    }
    // First pass with zero offsets: the header's size does not depend on their values.
    List<CdfVariable> draft = build(recordDim, new long[vars.size()]);
    CdfHeader sizing = new CdfHeader(format, 0, dims, recordDim, attributes, draft, 0, 0, 0);
    long headerBytes = CdfHeaderWriter.encode(sizing, 0).length;
    checkSizes(draft);

    long[] begins = new long[vars.size()];
    long at = align4(headerBytes + headerFreeBytes);
    for (int i = 0; i < draft.size(); i++) {
      if (!draft.get(i).isRecord()) {
        begins[i] = at;
        at = Math.addExact(at, draft.get(i).paddedSize());
      }
    }
    long beginRecords = align4(at);
    at = beginRecords;
    long recordSize = 0;
    CdfVariable lastRecord = null;
    for (int i = 0; i < draft.size(); i++) {
      if (draft.get(i).isRecord()) {
        begins[i] = at;
        at = Math.addExact(at, draft.get(i).paddedSize());
        recordSize += draft.get(i).paddedSize();
        lastRecord = draft.get(i);
      }
    }
    if (lastRecord != null && recordSize == lastRecord.paddedSize()) {
      recordSize = lastRecord.dataBytes();
    }
    List<CdfVariable> laidOut = build(recordDim, begins);
    for (CdfVariable v : laidOut) {
      if (v.begin() > format.maxOffset()) {
        throw new IllegalArgumentException(
            "variable "
                + v.name()
                + " would begin at byte "
                + v.begin()
                + ", past the 2 GiB offset limit of "
                + format.description()
                + "; use CDF-2 or CDF-5");
      }
    }
    return new CdfHeader(
        format,
        0,
        dims,
        recordDim,
        attributes,
        laidOut,
        headerBytes,
        recordSize,
        lastRecord == null ? 0 : beginRecords);
  }

  /**
   * CDF-1 and CDF-2 record sizes in 32 bits: a larger variable is allowed only as the last fixed
   * variable of a file without record variables, or as the last record variable, as in netCDF-C.
   */
  private void checkSizes(List<CdfVariable> vars) {
    if (format == CdfFormat.CDF5) {
      return;
    }
    long max = format == CdfFormat.CDF1 ? Integer.MAX_VALUE - 3L : CdfFormat.MAX_CLASSIC_VSIZE;
    int lastFixed = -1;
    int lastRecord = -1;
    boolean anyRecord = false;
    for (int i = 0; i < vars.size(); i++) {
      if (vars.get(i).isRecord()) {
        lastRecord = i;
        anyRecord = true;
      } else {
        lastFixed = i;
      }
    }
    for (int i = 0; i < vars.size(); i++) {
      CdfVariable v = vars.get(i);
      if (v.dataBytes() <= max) {
        continue;
      }
      boolean allowed = v.isRecord() ? i == lastRecord : i == lastFixed && !anyRecord;
      if (!allowed) {
        throw new IllegalArgumentException(
            "variable "
                + v.name()
                + " holds "
                + v.dataBytes()
                + " bytes"
                + (v.isRecord() ? " per record" : "")
                + "; "
                + format.description()
                + " allows more than "
                + max
                + " only for the last variable; use CDF-5");
      }
    }
  }

  private List<CdfVariable> build(int recordDim, long[] begins) {
    List<CdfVariable> out = new ArrayList<>(vars.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < vars.size(); i++) {
      VarDef d = vars.get(i);
      seen.add(d.name);
      boolean rec = d.dimIds.length > 0 && d.dimIds[0] == recordDim;
      long[] inner = new long[d.dimIds.length - (rec ? 1 : 0)];
      long count = 1;
      List<Dimension> vd = new ArrayList<>();
      for (int k = 0; k < d.dimIds.length; k++) {
        vd.add(dims.get(d.dimIds[k]));
        if (k >= (rec ? 1 : 0)) {
          inner[k - (rec ? 1 : 0)] = dims.get(d.dimIds[k]).length();
          count = Math.multiplyExact(count, dims.get(d.dimIds[k]).length());
        }
      }
      long padded = CdfVariable.paddedSize(d.type, count);
      long vsize =
          format != CdfFormat.CDF5 && padded > CdfFormat.MAX_CLASSIC_VSIZE
              ? CdfFormat.VSIZE_OVERFLOW
              : padded;
      out.add(
          new CdfVariable(
              d.name,
              d.type,
              vd,
              d.dimIds,
              d.attributes,
              rec,
              vsize,
              begins[i],
              padded,
              inner,
              count));
    }
    return out;
  }

  private static long align4(long v) {
    return (v + 3) & ~3L;
  }
}
