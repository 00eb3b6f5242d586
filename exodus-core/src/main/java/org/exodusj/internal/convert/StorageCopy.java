package org.exodusj.internal.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.model.ExodusNames;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageProvider;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * Copies any storage (classic or NetCDF-4) into a new classic file, at the netCDF level, so that
 * nothing the source holds is lost: every dimension, attribute and variable, value by value.
 * Streaming: each variable is copied in slabs of at most {@link #CHUNK_BYTES}.
 *
 * <p>What classic formats cannot hold is handled and reported in the notes: a second unlimited
 * dimension becomes fixed at its current length (the one named {@code time_step}, else the first
 * used as a leading dimension, stays unlimited); a dimension of length 0 other than the unlimited
 * one cannot exist, so it and the (empty) variables over it are left out; a {@code _FillValue} that
 * does not match its variable is left out. A type the target format lacks is an error.
 */
public final class StorageCopy {
  static final int CHUNK_BYTES = 4 << 20;

  /** Receives progress: bytes of data copied so far, of the total. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  private StorageCopy() {}

  /** A variable the copy adds (its data holds the fill value until written). */
  public record NewVariable(
      String name, DataType type, List<String> dimensions, List<Attribute> attributes) {}

  /**
   * What a copy changes: dimension lengths (a grown count of variables), new dimensions, new
   * variables, and global attributes replaced or added. Data of grown or new variables beyond the
   * source holds the fill value.
   */
  public record Extension(
      Map<String, Long> dimensionLengths,
      List<NewVariable> variables,
      List<Attribute> globalAttributes) {
    public static final Extension NONE = new Extension(Map.of(), List.of(), List.of());

    boolean isEmpty() {
      return dimensionLengths.isEmpty() && variables.isEmpty() && globalAttributes.isEmpty();
    }
  }

  /** Copies {@code in} to a new file {@code out}; returns the notes on what was adapted. */
  public static List<String> copy(Storage in, Path out, ExodusFormat format, Progress progress)
      throws IOException {
    return copy(in, out, format, progress, Extension.NONE);
  }

  /** As {@link #copy(Storage, Path, ExodusFormat, Progress)}, with additions. */
  public static List<String> copy(
      Storage in, Path out, ExodusFormat format, Progress progress, Extension ext)
      throws IOException {
    return copy(in, out, format, new StorageWriter.Options(false, false, 0), progress, ext);
  }

  /**
   * As {@link #copy(Storage, Path, ExodusFormat, Progress)}, with additions and the writer's
   * options (NetCDF-4 filters and chunking; fill is turned on when something is added).
   */
  public static List<String> copy(
      Storage in,
      Path out,
      ExodusFormat format,
      StorageWriter.Options writerOptions,
      Progress progress,
      Extension ext)
      throws IOException {
    return copy(in, out, format, writerOptions, progress, ext, false);
  }

  /**
   * As {@link #copy(Storage, Path, ExodusFormat, StorageWriter.Options, Progress, Extension)}; with
   * {@code keepLayouts}, a NetCDF-4 copy of a NetCDF-4 source keeps each variable's filters and
   * chunk shape (the shape is chosen anew where a dimension of the variable changes length), and
   * the variables the extension adds get the filters the source's record variables share (none when
   * they differ). A rewrite in place must not change how the file is stored.
   */
  public static List<String> copy(
      Storage in,
      Path out,
      ExodusFormat format,
      StorageWriter.Options writerOptions,
      Progress progress,
      Extension ext,
      boolean keepLayouts)
      throws IOException {
    List<String> notes = new ArrayList<>();
    for (String d : in.defects()) {
      if (d.startsWith("file is truncated")) { // cut short: the copy stores what a reader reads
        notes.add("source " + d + "; the copy stores those zeros as values");
      }
    }
    String record = chooseRecordDimension(in);
    Set<String> dropped = new HashSet<>();
    Schema schema = Backends.schema(format);
    Set<String> existingDims = new HashSet<>();
    for (Dimension d0 : in.dimensions()) {
      existingDims.add(d0.name());
      Long grown = ext.dimensionLengths().get(d0.name());
      Dimension d = grown == null || d0.unlimited() ? d0 : new Dimension(d0.name(), grown, false);
      if (d.name().equals(record)) {
        schema.unlimitedDimension(d.name());
      } else if (d.length() == 0) {
        dropped.add(d.name());
        notes.add(
            "dimension " + d.name() + " has length 0 and is not the record dimension: left out");
      } else {
        if (d.unlimited()) {
          notes.add(
              "unlimited dimension " + d.name() + " becomes fixed at its length " + d.length());
        }
        try {
          schema.dimension(d.name(), d.length());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(in.name() + ": " + e.getMessage(), e);
        }
      }
    }
    boolean narrowing = !Backends.holds(format, DataType.INT64) && anyInt64Variable(in);
    for (Map.Entry<String, Long> e : ext.dimensionLengths().entrySet()) {
      if (!existingDims.contains(e.getKey())) {
        schema.dimension(e.getKey(), e.getValue());
      }
    }
    Set<String> replaced = new HashSet<>();
    List<String> fixed = new ArrayList<>();
    for (Attribute a : ext.globalAttributes()) replaced.add(a.name());
    for (Attribute a : in.attributes()) {
      if (replaced.contains(a.name())) {
        continue;
      }
      Attribute fitted =
          terminated(null, fit(a, format, in.name(), "global attribute " + a.name(), notes), fixed);
      if (narrowing
          && a.name().equals(ExodusNames.ATT_INT64_STATUS)
          && !a.isText()
          && a.length() == 1) {
        fitted = Attribute.integers(ExodusNames.ATT_INT64_STATUS, DataType.INT, 0);
        notes.add("int64_status set to 0: the 64-bit integer variables are stored as 32-bit");
      }
      addAttribute(schema, fitted, in.name(), "global attribute");
    }
    List<Variable> copied = new ArrayList<>();
    long total = 0;
    for (Variable v : in.variables()) {
      List<String> dims = new ArrayList<>();
      boolean skip = false;
      for (int i = 0; i < v.dimensions().size(); i++) {
        Dimension d = v.dimensions().get(i);
        if (dropped.contains(d.name())) {
          skip = true;
        }
        if (d.name().equals(record) && i != 0) {
          throw new IllegalArgumentException(
              in.name()
                  + ": variable "
                  + v.name()
                  + " uses the record dimension "
                  + record
                  + " in position "
                  + i
                  + "; classic formats need it first");
        }
        dims.add(d.name());
      }
      if (skip) {
        notes.add(
            "variable "
                + v.name()
                + " lies over a dimension of length 0: left out (it holds no values)");
        continue;
      }
      DataType targetType = v.type();
      if (v.type() == DataType.INT64 && !Backends.holds(format, DataType.INT64)) {
        targetType = DataType.INT;
        notes.add("variable " + v.name() + " is int64: stored as int, every value checked to fit");
      } else if (!Backends.holds(format, v.type())) {
        throw new IllegalArgumentException(
            in.name()
                + ": variable "
                + v.name()
                + " is "
                + v.type().cdlName()
                + ", which "
                + Backends.description(format)
                + " cannot hold; convert to cdf5");
      }
      List<Attribute> atts = new ArrayList<>();
      for (Attribute a0 : v.attributes()) {
        Attribute a =
            terminated(
                v.name(),
                fit(a0, format, in.name(), "attribute " + v.name() + ":" + a0.name(), notes),
                fixed);
        if (a.name().equals("_FillValue") && (a.type() != targetType || a.length() != 1)) {
          notes.add(
              "variable "
                  + v.name()
                  + ": _FillValue of type "
                  + a.type().cdlName()
                  + " and length "
                  + a.length()
                  + " does not match the variable: left out");
          continue;
        }
        if (!Backends.holds(format, a.type())) {
          throw new IllegalArgumentException(
              in.name()
                  + ": attribute "
                  + v.name()
                  + ":"
                  + a.name()
                  + " is "
                  + a.type().cdlName()
                  + ", which "
                  + Backends.description(format)
                  + " cannot hold; convert to cdf5");
        }
        atts.add(a);
      }
      try {
        schema.variable(v.name(), targetType, dims, atts.toArray(new Attribute[0]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(in.name() + ": " + e.getMessage(), e);
      }
      copied.add(v);
      total += bytes(in, v);
      if (!dims.contains(record) && dims.stream().noneMatch(ext.dimensionLengths()::containsKey)) {
        schema.writtenWhole(v.name()); // copied whole below: a writer need not fill it first
      }
    }
    if (!fixed.isEmpty()) {
      notes.add(
          fixed.size()
              + " text attribute"
              + (fixed.size() == 1 ? "" : "s")
              + " given the terminating NUL libexodus stores ("
              + String.join(", ", fixed.subList(0, Math.min(5, fixed.size())))
              + (fixed.size() > 5 ? ", ..." : "")
              + ")");
    }
    for (Attribute a : ext.globalAttributes()) {
      addAttribute(schema, a, in.name(), "global attribute");
    }
    for (NewVariable nv : ext.variables()) {
      schema.variable(
          nv.name(), nv.type(), nv.dimensions(), nv.attributes().toArray(new Attribute[0]));
    }
    long done = 0;
    List<String> added = new ArrayList<>();
    for (NewVariable nv : ext.variables()) added.add(nv.name());
    StorageProvider.Layouts layouts =
        keepLayouts
            ? Backends.layoutsOf(format, in, copied, ext.dimensionLengths(), added)
            : StorageProvider.Layouts.NONE;
    // Fill on only when something is added: the new parts must read as the fill value.
    try (StorageWriter w =
        Backends.create(
            out,
            format,
            schema,
            new StorageWriter.Options(!ext.isEmpty(), false, 0)
                .withChunking(
                    writerOptions.deflateLevel(),
                    writerOptions.shuffle(),
                    writerOptions.fletcher32(),
                    writerOptions.chunkSteps())
                .withCompressor(writerOptions.compressor())
                .withFilters(writerOptions.filters()),
            layouts)) {
      Set<Variable> inBulk = new HashSet<>();
      List<Variable> records = recordVariables(in, copied, record, w);
      if (!records.isEmpty() && w.copyRecords(in, records, in.recordCount())) {
        inBulk.addAll(records);
        for (Variable v : records) done += bytes(in, v);
        progress.update(done, total);
      }
      for (Variable v : copied) {
        if (inBulk.contains(v)) continue;
        Variable target = w.variable(v.name());
        if (w.copyStored(target, v)) { // as stored: no decode, no re-encode
          done += bytes(in, v);
          progress.update(done, total);
          continue;
        }
        long[] shape = in.shape(v);
        int es = v.type().size();
        if (shape.length == 0) {
          copySlab(in, v, w, target, new long[0], new long[0], ByteBuffer.allocate(es));
          done += es;
          progress.update(done, total);
          continue;
        }
        long row = es;
        for (int d = 1; d < shape.length; d++) row *= shape[d];
        if (row > CHUNK_BYTES && shape.length > 1) {
          done = copyLargeRows(in, v, w, target, shape, es, done, total, progress);
          continue;
        }
        long rowsPerChunk = Math.max(1, CHUNK_BYTES / Math.max(1, row));
        ByteBuffer buf =
            ByteBuffer.allocate(
                (int) Math.min((long) CHUNK_BYTES, Math.max(row, rowsPerChunk * row)));
        for (long first = 0; first < shape[0]; first += rowsPerChunk) {
          long n = Math.min(rowsPerChunk, shape[0] - first);
          long[] start = new long[shape.length];
          long[] count = shape.clone();
          start[0] = first;
          count[0] = n;
          copySlab(in, v, w, target, start, count, buf);
          done += n * row;
          progress.update(done, total);
        }
      }
      w.commit();
    }
    return notes;
  }

  /**
   * The copied variables over the record dimension that keep their type and hold every record: what
   * {@link StorageWriter#copyRecords} may copy in bulk.
   */
  private static List<Variable> recordVariables(
      Storage in, List<Variable> copied, String record, StorageWriter w) {
    List<Variable> out = new ArrayList<>();
    if (record == null) return out;
    for (Variable v : copied) {
      if (v.dimensions().isEmpty() || !v.dimensions().get(0).name().equals(record)) continue;
      if (w.variable(v.name()).type() != v.type()) continue; // narrowed: value by value
      if (in.shape(v)[0] != in.recordCount()) continue;
      out.add(v);
    }
    return out;
  }

  /** Copies one slab's stored bytes through {@code buf}. */
  private static void copySlab(
      Storage in,
      Variable v,
      StorageWriter w,
      Variable target,
      long[] start,
      long[] count,
      ByteBuffer buf)
      throws IOException {
    buf.clear();
    in.readRaw(v, start, count, buf);
    buf.flip();
    write(w, target, v, start, count, buf, in.name());
  }

  /** Rows larger than a chunk: copy them along their second dimension. */
  private static long copyLargeRows(
      Storage in,
      Variable v,
      StorageWriter w,
      Variable target,
      long[] shape,
      int es,
      long done,
      long total,
      Progress progress)
      throws IOException {
    long inner = es;
    for (int d = 2; d < shape.length; d++) inner *= shape[d];
    long perChunk = Math.max(1, CHUNK_BYTES / inner);
    ByteBuffer buf =
        ByteBuffer.allocate((int) Math.max(inner, Math.min(CHUNK_BYTES, perChunk * inner)));
    for (long r = 0; r < shape[0]; r++) {
      for (long first = 0; first < shape[1]; first += perChunk) {
        long n = Math.min(perChunk, shape[1] - first);
        long[] start = new long[shape.length];
        long[] count = shape.clone();
        start[0] = r;
        count[0] = 1;
        start[1] = first;
        count[1] = n;
        copySlab(in, v, w, target, start, count, buf);
        done += n * inner;
        progress.update(done, total);
      }
    }
    return done;
  }

  /** Compares an int64 variable with its int copy, value by value, in slabs of rows. */
  private static String compareAsLongs(Storage a, Variable va, Storage b, Variable vb, long[] shape)
      throws IOException {
    if (shape.length == 0) {
      long[] x = new long[1];
      long[] y = new long[1];
      a.read(va, new long[0], new long[0], x, 0);
      b.read(vb, new long[0], new long[0], y, 0);
      return x[0] == y[0] ? null : "variable " + va.name() + " differs";
    }
    long row = 1;
    for (int d = 1; d < shape.length; d++) row *= shape[d];
    long rows = Math.max(1, (CHUNK_BYTES / 8) / Math.max(1, row));
    for (long first = 0; first < shape[0]; first += rows) {
      long k = Math.min(rows, shape[0] - first);
      long[] start = new long[shape.length];
      long[] count = shape.clone();
      start[0] = first;
      count[0] = k;
      long[] x = new long[(int) (k * row)];
      long[] y = new long[x.length];
      a.read(va, start, count, x, 0);
      b.read(vb, start, count, y, 0);
      if (!Arrays.equals(x, y)) {
        return "variable " + va.name() + " differs in rows " + first + ".." + (first + k - 1);
      }
    }
    return null;
  }

  /** Writes stored bytes, narrowing int64 to int where the target holds int. */
  private static void write(
      StorageWriter w,
      Variable target,
      Variable v,
      long[] start,
      long[] count,
      ByteBuffer buf,
      String file)
      throws IOException {
    if (target.type() == v.type()) {
      w.writeRaw(target, start, count, buf);
      return;
    }
    int n = buf.remaining() / 8;
    ByteBuffer ints = ByteBuffer.allocate(4 * n);
    for (int i = 0; i < n; i++) {
      long x = buf.getLong(buf.position() + 8 * i);
      if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            file
                + ": variable "
                + v.name()
                + " holds "
                + x
                + ", which does not fit 32 bits; "
                + "convert to cdf5");
      }
      ints.putInt(4 * i, (int) x);
    }
    w.writeRaw(target, start, count, ints);
  }

  /**
   * An Exodus text attribute that libexodus writes as a C string (the title, element types,
   * property and entity names: {@link ExodusNames#isCStringAttribute}) with its terminating NUL,
   * which some writers leave out and C readers need; every other attribute as stored. {@code
   * variable} is null for a global attribute; {@code fixed} collects what was terminated.
   */
  private static Attribute terminated(String variable, Attribute a, List<String> fixed) {
    if (!a.isText() || !ExodusNames.isCStringAttribute(variable, a.name())) {
      return a;
    }
    Attribute t = a.withTerminatingNul();
    if (t != a) {
      fixed.add(variable == null ? ":" + a.name() : variable + ":" + a.name());
    }
    return t;
  }

  /** An attribute the target format can hold: int64 narrowed to int when every value fits. */
  private static Attribute fit(
      Attribute a, ExodusFormat f, String file, String what, List<String> notes) {
    if (Backends.holds(f, a.type())) {
      return a;
    }
    if (a.type() == DataType.INT64) {
      long[] vals = new long[a.length()];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = a.longValue(i);
        if (vals[i] < Integer.MIN_VALUE || vals[i] > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              file
                  + ": "
                  + what
                  + " holds "
                  + vals[i]
                  + ", which does not fit 32 bits; convert to cdf5");
        }
      }
      notes.add(what + " is int64: stored as int");
      return Attribute.integers(a.name(), DataType.INT, vals);
    }
    throw new IllegalArgumentException(
        file
            + ": "
            + what
            + " is "
            + a.type().cdlName()
            + ", which "
            + Backends.description(f)
            + " cannot hold; convert to cdf5");
  }

  private static boolean anyInt64Variable(Storage in) {
    for (Variable v : in.variables()) {
      if (v.type() == DataType.INT64) {
        return true;
      }
    }
    return false;
  }

  private static void addAttribute(Schema schema, Attribute a, String file, String what) {
    try {
      schema.attribute(a);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": " + what + " " + a.name() + ": " + e.getMessage(), e);
    }
  }

  private static long bytes(Storage in, Variable v) {
    long n = v.type().size();
    for (long s : in.shape(v)) n *= s;
    return n;
  }

  /**
   * The dimension that stays unlimited: time_step, else the first unlimited one leading a variable.
   */
  static String chooseRecordDimension(Storage in) {
    for (Dimension d : in.dimensions()) {
      if (d.unlimited() && d.name().equals(ExodusNames.TIME_STEP)) {
        return d.name();
      }
    }
    for (Variable v : in.variables()) {
      if (!v.dimensions().isEmpty() && v.dimensions().get(0).unlimited()) {
        return v.dimensions().get(0).name();
      }
    }
    for (Dimension d : in.dimensions()) {
      if (d.unlimited()) {
        return d.name();
      }
    }
    return null;
  }

  /**
   * Compares two storages value by value, streaming; returns the first difference, or null when
   * they hold the same dimensions, variables and values.
   */
  public static String firstDifference(Storage a, Storage b) throws IOException {
    for (Variable va : a.variables()) {
      long[] shape = a.shape(va);
      long n = 1;
      for (long s : shape) n *= s;
      if (n == 0) {
        continue;
      }
      Variable vb = b.findVariable(va.name()).orElse(null);
      if (vb == null) {
        return "variable " + va.name() + " is missing";
      }
      boolean narrowed = va.type() == DataType.INT64 && vb.type() == DataType.INT;
      if (vb.type() != va.type() && !narrowed) {
        return "variable "
            + va.name()
            + " is "
            + vb.type().cdlName()
            + ", not "
            + va.type().cdlName();
      }
      if (!Arrays.equals(shape, b.shape(vb))) {
        return "variable "
            + va.name()
            + " has shape "
            + Arrays.toString(b.shape(vb))
            + ", not "
            + Arrays.toString(shape);
      }
      if (narrowed) {
        String d = compareAsLongs(a, va, b, vb, shape);
        if (d != null) return d;
        continue;
      }
      int es = va.type().size();
      if (shape.length == 0) {
        ByteBuffer x = ByteBuffer.allocate(es);
        ByteBuffer y = ByteBuffer.allocate(es);
        a.readRaw(va, new long[0], new long[0], x);
        b.readRaw(vb, new long[0], new long[0], y);
        if (!x.flip().equals(y.flip())) return "variable " + va.name() + " differs";
        continue;
      }
      long row = es;
      for (int d = 1; d < shape.length; d++) row *= shape[d];
      long rows = Math.max(1, CHUNK_BYTES / Math.max(1, row));
      if (row > Integer.MAX_VALUE / 2) {
        return null; // rows this large are compared by the conversion's own writes
      }
      ByteBuffer x = ByteBuffer.allocate((int) Math.max(row, Math.min(CHUNK_BYTES, rows * row)));
      ByteBuffer y = ByteBuffer.allocate(x.capacity());
      for (long first = 0; first < shape[0]; first += rows) {
        long k = Math.min(rows, shape[0] - first);
        long[] start = new long[shape.length];
        long[] count = shape.clone();
        start[0] = first;
        count[0] = k;
        x.clear();
        y.clear();
        a.readRaw(va, start, count, x);
        b.readRaw(vb, start, count, y);
        if (!x.flip().equals(y.flip())) {
          return "variable " + va.name() + " differs in rows " + first + ".." + (first + k - 1);
        }
      }
    }
    return null;
  }
}
