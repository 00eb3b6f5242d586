package org.exodusj.internal.cdf;

import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Schema;

/**
 * What a new classic file will hold: the neutral {@link Schema} with the limits of one classic
 * format checked as each part is defined. {@link #plan} lays the data out as netCDF-C does ({@code
 * nc__enddef} with 4-byte alignment) and checks that it fits the format, with a clear message when
 * it does not.
 */
public final class CdfSchema extends Schema {
  private final CdfFormat format;

  public CdfSchema(CdfFormat format) {
    this.format = format;
  }

  public CdfFormat format() {
    return format;
  }

  @Override
  public CdfSchema dimension(String name, long length) {
    super.dimension(name, length);
    return this;
  }

  @Override
  public CdfSchema unlimitedDimension(String name) {
    super.unlimitedDimension(name);
    return this;
  }

  @Override
  public CdfSchema attribute(Attribute a) {
    super.attribute(a);
    return this;
  }

  @Override
  public CdfSchema variable(String name, DataType type, List<String> dimNames, Attribute... atts) {
    super.variable(name, type, dimNames, atts);
    return this;
  }

  /** A classic schema holding everything {@code s} defines, checked against {@code format}. */
  public static CdfSchema of(CdfFormat format, Schema s) {
    if (s instanceof CdfSchema c && c.format == format) {
      return c;
    }
    CdfSchema out = new CdfSchema(format);
    for (Dimension d : s.dimensions()) {
      if (d.unlimited()) {
        out.unlimitedDimension(d.name());
      } else {
        out.dimension(d.name(), d.length());
      }
    }
    for (Attribute a : s.attributes()) {
      out.attribute(a);
    }
    for (VarDef v : s.variables()) {
      List<String> names = new ArrayList<>();
      for (int id : v.dimIds()) {
        names.add(s.dimensions().get(id).name());
      }
      out.variable(v.name(), v.type(), names, v.attributes().toArray(new Attribute[0]));
      if (s.isWrittenWhole(v.name())) out.writtenWhole(v.name());
    }
    return out;
  }

  @Override
  protected void checkDimensionLength(String name, long length) {
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
  }

  /** Classic files have one unlimited (record) dimension. */
  @Override
  protected void checkUnlimited(String name) {
    for (Dimension d : dimensions()) {
      if (d.unlimited()) {
        throw new IllegalArgumentException(
            "dimension " + name + ": " + d.name() + " is already the unlimited dimension");
      }
    }
  }

  @Override
  protected void checkVariableType(String name, DataType type) {
    if (type.cdf5Only() && format != CdfFormat.CDF5) {
      throw new IllegalArgumentException(
          "variable "
              + name
              + ": type "
              + type.cdlName()
              + " needs CDF-5, not "
              + format.description());
    }
  }

  @Override
  protected void checkAttributeType(String what, Attribute a) {
    if (a.type().cdf5Only() && format != CdfFormat.CDF5) {
      throw new IllegalArgumentException(
          what + " " + a.name() + ": type " + a.type().cdlName() + " needs CDF-5");
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
    for (int i = 0; i < dimensions().size(); i++) {
      if (dimensions().get(i).unlimited()) {
        recordDim = i;
      }
    }
    // First pass with zero offsets: the header's size does not depend on their values.
    List<CdfVariable> draft = build(recordDim, new long[variables().size()]);
    CdfHeader sizing =
        new CdfHeader(format, 0, dimensions(), recordDim, attributes(), draft, 0, 0, 0);
    long headerBytes = CdfHeaderWriter.encode(sizing, 0).length;
    checkSizes(draft);

    long[] begins = new long[variables().size()];
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
        List.copyOf(dimensions()),
        recordDim,
        List.copyOf(attributes()),
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
    List<VarDef> vars = variables();
    List<Dimension> dims = dimensions();
    List<CdfVariable> out = new ArrayList<>(vars.size());
    for (int i = 0; i < vars.size(); i++) {
      VarDef d = vars.get(i);
      boolean rec = d.dimIds().length > 0 && d.dimIds()[0] == recordDim;
      long[] inner = new long[d.dimIds().length - (rec ? 1 : 0)];
      long count = 1;
      List<Dimension> vd = new ArrayList<>();
      for (int k = 0; k < d.dimIds().length; k++) {
        vd.add(dims.get(d.dimIds()[k]));
        if (k >= (rec ? 1 : 0)) {
          inner[k - (rec ? 1 : 0)] = dims.get(d.dimIds()[k]).length();
          count = Math.multiplyExact(count, dims.get(d.dimIds()[k]).length());
        }
      }
      long padded = CdfVariable.paddedSize(d.type(), count);
      long vsize =
          format != CdfFormat.CDF5 && padded > CdfFormat.MAX_CLASSIC_VSIZE
              ? CdfFormat.VSIZE_OVERFLOW
              : padded;
      out.add(
          new CdfVariable(
              d.name(),
              d.type(),
              vd,
              d.dimIds().clone(),
              d.attributes(),
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
