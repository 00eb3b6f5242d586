package org.exodusj.internal.testutil;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The test oracle: classic-format files assembled byte by byte with {@link DataOutputStream}
 * straight from the netCDF file format specification, sharing no code with the production codec, so
 * that reader and writer bugs cannot cancel out.
 *
 * <p>The file it builds: dimensions {@code n = 5}, {@code m = 3}, {@code time} (unlimited); a
 * global text attribute {@code title} and one global attribute per type; for every type {@code T}
 * allowed in the version, a fixed variable {@code fixed_T(n, m)} and a record variable {@code
 * rec_T(time, m)} with {@link #RECORDS} records. Every element holds {@link #value}.
 */
public final class HandAssembledCdf {
  public static final int N = 5;
  public static final int M = 3;
  public static final int RECORDS = 4;

  /** nc_type codes and sizes, written out here independently of the production enum. */
  public static final int[] CODES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

  public static final String[] NAMES = {
    "byte", "char", "short", "int", "float", "double", "ubyte", "ushort", "uint", "int64", "uint64"
  };
  public static final int[] SIZES = {1, 1, 2, 4, 4, 8, 1, 2, 4, 8, 8};

  private HandAssembledCdf() {}

  /** Type codes allowed in this version (1-6 classic, 1-11 CDF-5). */
  public static int[] codes(int version) {
    return version == 5 ? CODES.clone() : new int[] {1, 2, 3, 4, 5, 6};
  }

  /**
   * The value of element {@code i} of a variable of type {@code code}, as a long holding the stored
   * bits for integer types (and chars), or the IEEE bits widened to double for reals: callers use
   * {@link #valueAsDouble} for FLOAT and DOUBLE.
   */
  public static long value(int code, int varSalt, long i) {
    return switch (code) {
      case 1 -> (byte) (i - 60 + varSalt);
      case 2 -> 'a' + (i + varSalt) % 26;
      case 3 -> (short) (i * 3 - 100 - varSalt);
      case 4 -> i * 1000 - 7 - varSalt;
      case 7 -> 200 + (i + varSalt) % 50;
      case 8 -> 60000 + i + varSalt;
      case 9 -> 4_000_000_000L + i + varSalt;
      case 10 -> (1L << 40) + i * 7 + varSalt;
      case 11 -> -1L - i - varSalt; // unsigned: 2^64 - 1 - i
      default -> throw new IllegalArgumentException("not an integer type " + code);
    };
  }

  /** Real values: exact binary fractions, so float and double hold them exactly. */
  public static double valueAsDouble(int code, int varSalt, long i) {
    return switch (code) {
      case 5 -> (float) (i * 0.25 - 3 + varSalt);
      case 6 -> i * 1.5 + varSalt + 1e-3 * i;
      default -> (double) value(code, varSalt, i);
    };
  }

  /** Salt of a record variable element: records differ. */
  public static int recordSalt(int code, long record) {
    return 10 * (int) record + code;
  }

  /** Options for special layouts. */
  public record Options(boolean streamingNumrecs, long overrideVsizeOfLast) {
    public static final Options PLAIN = new Options(false, -1);
  }

  /** The standard file of this version (1, 2 or 5). */
  public static byte[] build(int version) throws IOException {
    return build(version, Options.PLAIN);
  }

  public static byte[] build(int version, Options options) throws IOException {
    int[] codes = codes(version);
    List<Var> vars = new ArrayList<>();
    for (int c : codes) {
      vars.add(new Var("fixed_" + NAMES[c - 1], c, false, new int[] {0, 1}, N * M));
    }
    for (int c : codes) {
      vars.add(new Var("rec_" + NAMES[c - 1], c, true, new int[] {2, 1}, M));
    }
    return assemble(version, vars, RECORDS, options);
  }

  /**
   * The fixed variables of the standard file and no record variable, ending with {@code tail(n, m)}
   * of type char: 15 bytes, so the file ends with one byte of padding.
   */
  public static byte[] buildFixedOnly(int version) throws IOException {
    List<Var> vars = new ArrayList<>();
    for (int c : codes(version)) {
      vars.add(new Var("fixed_" + NAMES[c - 1], c, false, new int[] {0, 1}, N * M));
    }
    vars.add(new Var("tail", 2, false, new int[] {0, 1}, N * M));
    return assemble(version, vars, 0, Options.PLAIN);
  }

  /**
   * A file with exactly one record variable {@code v(time, m)} of type {@code code}: netCDF packs
   * its records without padding when the type is 1 or 2 bytes.
   */
  public static byte[] buildSingleRecordVariable(int version, int code, int m, int records)
      throws IOException {
    List<Var> vars = List.of(new Var("v", code, true, new int[] {2, 1}, m));
    return assembleDims(version, vars, records, Options.PLAIN, new long[] {N, m, 0});
  }

  /** A variable: name, type code, record or not, dimension ids, elements (per record). */
  public record Var(String name, int code, boolean record, int[] dimIds, long count) {}

  private static byte[] assemble(int version, List<Var> vars, int records, Options o)
      throws IOException {
    return assembleDims(version, vars, records, o, new long[] {N, M, 0});
  }

  private static byte[] assembleDims(
      int version, List<Var> vars, int records, Options o, long[] dimLengths) throws IOException {
    // Pass 1: header with zero begins to learn its size; pass 2: real begins.
    long[] begins = new long[vars.size()];
    byte[] h = header(version, vars, records, o, dimLengths, begins);
    long at = h.length;
    for (int i = 0; i < vars.size(); i++) {
      if (!vars.get(i).record) {
        begins[i] = at;
        at += pad4(vars.get(i).count * SIZES[vars.get(i).code - 1]);
      }
    }
    long recSize = 0;
    int recVars = 0;
    for (int i = 0; i < vars.size(); i++) {
      if (vars.get(i).record) {
        begins[i] = at + recSize;
        recSize += pad4(vars.get(i).count * SIZES[vars.get(i).code - 1]);
        recVars++;
      }
    }
    if (recVars == 1) {
      for (Var v : vars) {
        if (v.record) {
          recSize = v.count * SIZES[v.code - 1]; // no padding between records
        }
      }
    }
    h = header(version, vars, records, o, dimLengths, begins);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(h);
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      if (!v.record) {
        pad(out, bytes.size(), begins[i]);
        for (long e = 0; e < v.count; e++) {
          element(out, v.code, vars.indexOf(v), e);
        }
      }
    }
    long recStart = at;
    for (int r = 0; r < records; r++) {
      for (int i = 0; i < vars.size(); i++) {
        Var v = vars.get(i);
        if (v.record) {
          pad(out, bytes.size(), begins[i] + r * recSize);
          for (long e = 0; e < v.count; e++) {
            element(out, v.code, recordSalt(v.code, r), e);
          }
        }
      }
    }
    if (recVars > 0) {
      pad(out, bytes.size(), recStart + records * recSize);
    } else {
      pad(out, bytes.size(), pad4(bytes.size()));
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static void pad(DataOutputStream out, long size, long target) throws IOException {
    if (target < size) {
      throw new IllegalStateException("layout error: at " + size + ", want " + target);
    }
    for (long i = size; i < target; i++) {
      out.write(0);
    }
  }

  private static long pad4(long n) {
    return (n + 3) / 4 * 4;
  }

  private static void element(DataOutputStream out, int code, int salt, long i) throws IOException {
    switch (code) {
      case 1, 2, 7 -> out.writeByte((int) value(code, salt, i));
      case 3, 8 -> out.writeShort((int) value(code, salt, i));
      case 4, 9 -> out.writeInt((int) value(code, salt, i));
      case 10, 11 -> out.writeLong(value(code, salt, i));
      case 5 -> out.writeFloat((float) valueAsDouble(code, salt, i));
      case 6 -> out.writeDouble(valueAsDouble(code, salt, i));
      default -> throw new IllegalArgumentException("code " + code);
    }
  }

  private static byte[] header(
      int version, List<Var> vars, int records, Options o, long[] dimLengths, long[] begins)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    boolean big = version == 5;
    out.writeBytes("CDF");
    out.writeByte(version);
    if (o.streamingNumrecs) {
      if (big) {
        out.writeLong(-1L);
      } else {
        out.writeInt(-1);
      }
    } else {
      nonNeg(out, big, records);
    }
    // dim_list
    out.writeInt(0x0A);
    nonNeg(out, big, 3);
    String[] dimNames = {"n", "m", "time"};
    for (int d = 0; d < 3; d++) {
      name(out, big, dimNames[d]);
      nonNeg(out, big, dimLengths[d]);
    }
    // gatt_list: title plus one attribute per type
    int[] codes = codes(version);
    out.writeInt(0x0C);
    nonNeg(out, big, 1 + codes.length);
    name(out, big, "title");
    out.writeInt(2);
    byte[] title = "hand made".getBytes(StandardCharsets.US_ASCII);
    nonNeg(out, big, title.length);
    out.write(title);
    for (int p = title.length; p % 4 != 0; p++) out.write(0);
    for (int c : codes) {
      name(out, big, "att_" + NAMES[c - 1]);
      out.writeInt(c);
      nonNeg(out, big, 2);
      int written = 0;
      for (int i = 0; i < 2; i++) {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        element(new DataOutputStream(one), c, 99, i);
        out.write(one.toByteArray());
        written += one.size();
      }
      for (int p = written; p % 4 != 0; p++) out.write(0);
    }
    // var_list
    out.writeInt(0x0B);
    nonNeg(out, big, vars.size());
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      name(out, big, v.name);
      nonNeg(out, big, v.dimIds.length);
      for (int id : v.dimIds) nonNeg(out, big, id);
      if (i == 0) {
        // one variable attribute, on the first variable: units
        out.writeInt(0x0C);
        nonNeg(out, big, 1);
        name(out, big, "units");
        out.writeInt(2);
        nonNeg(out, big, 1);
        out.write('m');
        out.write(new byte[3]);
      } else {
        out.writeInt(0);
        nonNeg(out, big, 0);
      }
      out.writeInt(v.code);
      long vsize = pad4(v.count * SIZES[v.code - 1]);
      if (i == vars.size() - 1 && o.overrideVsizeOfLast >= 0) {
        vsize = o.overrideVsizeOfLast;
      }
      if (big) out.writeLong(vsize);
      else out.writeInt((int) vsize);
      if (version == 1) out.writeInt((int) begins[i]);
      else out.writeLong(begins[i]);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static void nonNeg(DataOutputStream out, boolean big, long v) throws IOException {
    if (big) out.writeLong(v);
    else out.writeInt((int) v);
  }

  private static void name(DataOutputStream out, boolean big, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    nonNeg(out, big, b.length);
    out.write(b);
    for (int p = b.length; p % 4 != 0; p++) out.write(0);
  }
}
