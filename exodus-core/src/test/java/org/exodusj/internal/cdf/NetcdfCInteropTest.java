package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.CdfCopy;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with netCDF-C: files made by {@code ncgen} from CDL written here read identically, and
 * files made by this writer give the same {@code ncdump} output as netCDF-C's own.
 */
class NetcdfCInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void tools() {
    ExternalTools.require("ncgen");
    ExternalTools.require("ncdump");
    ExternalTools.require("nccopy");
  }

  static final int N = 5;
  static final int M = 3;
  static final int RECS = 4;

  static List<DataType> types(String kind) {
    List<DataType> out = new ArrayList<>();
    for (DataType t : DataType.values()) {
      if (!t.cdf5Only() || kind.equals("cdf5")) out.add(t);
    }
    return out;
  }

  /** CDL for every type as a fixed (n, m) and a record (time, m) variable, with attributes. */
  static String cdl(String kind) {
    StringBuilder s = new StringBuilder("netcdf interop {\ndimensions:\n");
    s.append("  n = ").append(N).append(" ;\n  m = ").append(M).append(" ;\n");
    s.append("  time = UNLIMITED ;\nvariables:\n");
    for (DataType t : types(kind)) {
      s.append("  ").append(t.cdlName()).append(" f_").append(t.cdlName()).append("(n, m) ;\n");
      s.append("    f_").append(t.cdlName()).append(":a_").append(t.cdlName()).append(" = ");
      if (t == DataType.CHAR) {
        s.append("\"text attribute\"");
      } else {
        s.append(literal(t, 0)).append(", ").append(literal(t, 1));
      }
      s.append(" ;\n");
      s.append("  ").append(t.cdlName()).append(" r_").append(t.cdlName()).append("(time, m) ;\n");
    }
    s.append("\n// global attributes:\n  :title = \"made by ncgen\" ;\n");
    s.append("  :d = 1.5, -2.25 ;\n  :i = -7, 8 ;\n");
    s.append("data:\n");
    for (DataType t : types(kind)) {
      s.append(" f_").append(t.cdlName()).append(" = ").append(values(t, 0, N * M)).append(" ;\n");
      s.append(" r_")
          .append(t.cdlName())
          .append(" = ")
          .append(values(t, 100, RECS * M))
          .append(" ;\n");
    }
    return s.append("}\n").toString();
  }

  /** Value i of type t as bits (the same function feeds the CDL and the expectations). */
  static long bits(DataType t, int i) {
    return switch (t) {
      case FLOAT -> Float.floatToRawIntBits(i * -0.5f + 1024f * (i % 3));
      case DOUBLE -> Double.doubleToRawLongBits(i * 0.125 - 1e15 * (i % 2));
      default -> CdfWriterTest.sample(t, i % 20);
    };
  }

  static String literal(DataType t, int i) {
    long b = bits(t, i);
    return switch (t) {
      case BYTE -> b + "b";
      case SHORT -> b + "s";
      case INT -> Long.toString(b);
      case UBYTE -> b + "ub";
      case USHORT -> b + "us";
      case UINT -> b + "u";
      case INT64 -> b + "ll";
      case UINT64 -> Long.toUnsignedString(b) + "ull";
      case FLOAT -> Float.intBitsToFloat((int) b) + "f";
      case DOUBLE -> Double.toString(Double.longBitsToDouble(b));
      case CHAR -> throw new AssertionError();
    };
  }

  static String values(DataType t, int from, int n) {
    if (t == DataType.CHAR) {
      StringBuilder s = new StringBuilder("\"");
      for (int i = 0; i < n; i++) s.append((char) bits(t, from + i));
      return s.append('"').toString();
    }
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long b = bits(t, from + i);
      v.add(
          switch (t) {
            case FLOAT -> Float.toString(Float.intBitsToFloat((int) b));
            case DOUBLE -> Double.toString(Double.longBitsToDouble(b));
            case UINT64 -> Long.toUnsignedString(b);
            default -> Long.toString(b);
          });
    }
    return String.join(", ", v);
  }

  private Path ncgen(String kind, String cdl) throws Exception {
    Path c = dir.resolve(kind + ".cdl");
    Files.writeString(c, cdl);
    Path nc = dir.resolve(kind + ".nc");
    if (kind.equals("cdf5")) {
      // ncgen 4.9.0 -k cdf5 stores int64 variables as int (ncdump shows int); going through
      // NetCDF-4 and nccopy keeps them, and is netCDF-C all the same.
      Path nc4 = dir.resolve("via.nc4");
      ExternalTools.run("ncgen", "-k", "nc4", "-o", nc4.toString(), c.toString());
      ExternalTools.run("nccopy", "-k", "cdf5", nc4.toString(), nc.toString());
    } else {
      ExternalTools.run("ncgen", "-k", kind, "-o", nc.toString(), c.toString());
    }
    return nc;
  }

  @ParameterizedTest(name = "ncgen -k {0}")
  @CsvSource({"classic,CDF1", "64-bit-offset,CDF2", "cdf5,CDF5"})
  void filesMadeByNcgenReadIdentically(String kind, CdfFormat format) throws Exception {
    Path nc = ncgen(kind, cdl(kind));
    try (CdfFile f = CdfFile.open(nc)) {
      assertEquals(format, f.format());
      assertEquals(RECS, f.recordCount());
      assertEquals(List.of(), f.defects());
      assertEquals("made by ncgen", f.attributes().get(0).text());
      Attribute d = f.attributes().get(1);
      assertEquals(DataType.DOUBLE, d.type());
      assertEquals(-2.25, d.doubleValue(1));
      assertEquals(-7, f.attributes().get(2).longValue(0));
      for (DataType t : types(kind)) {
        CdfVariable fx = f.findVariable("f_" + t.cdlName()).orElseThrow();
        assertEquals(t, fx.type());
        long[] exp = new long[N * M];
        for (int i = 0; i < exp.length; i++) exp[i] = bits(t, i);
        assertArrayEquals(exp, CdfWriterTest.readBits(f, fx.name(), new long[] {N, M}), fx.name());
        Attribute a = fx.attributes().get(0);
        assertEquals(t, a.type());
        if (t == DataType.CHAR) {
          assertEquals("text attribute", a.text());
        } else if (t == DataType.FLOAT || t == DataType.DOUBLE) {
          assertEquals(
              t == DataType.FLOAT
                  ? Float.intBitsToFloat((int) bits(t, 1))
                  : Double.longBitsToDouble(bits(t, 1)),
              a.doubleValue(1));
        } else {
          assertEquals(bits(t, 1), a.longValue(1), a.name());
        }
        long[] rexp = new long[RECS * M];
        for (int i = 0; i < rexp.length; i++) rexp[i] = bits(t, 100 + i);
        assertArrayEquals(
            rexp, CdfWriterTest.readBits(f, "r_" + t.cdlName(), new long[] {RECS, M}), t + "");
      }
    }
  }

  @ParameterizedTest(name = "ncgen -k {0}, one {1} record variable")
  @CsvSource({"classic,byte", "classic,short", "64-bit-offset,char", "cdf5,ushort", "cdf5,ubyte"})
  void oneRecordVariableOfSmallTypeIsUnpaddedAsNetcdfCWritesIt(String kind, String type)
      throws Exception {
    DataType t = DataType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    String cdl =
        "netcdf one {\ndimensions:\n  m = 3 ;\n  time = UNLIMITED ;\nvariables:\n  "
            + type
            + " v(time, m) ;\ndata:\n v = "
            + values(t, 0, 5 * 3)
            + " ;\n}\n";
    Path nc = ncgen(kind, cdl);
    try (CdfFile f = CdfFile.open(nc)) {
      assertEquals(3L * t.size(), f.header().recordSize());
      assertEquals(5, f.recordCount());
      long[] exp = new long[15];
      for (int i = 0; i < 15; i++) exp[i] = bits(t, i);
      assertArrayEquals(exp, CdfWriterTest.readBits(f, "v", new long[] {5, 3}));
      // the record after next, read alone, lands on the right bytes
      assertArrayEquals(
          java.util.Arrays.copyOfRange(exp, 9, 12),
          java.util.Arrays.copyOfRange(CdfWriterTest.readBits(f, "v", new long[] {5, 3}), 9, 12));
    }
  }

  @ParameterizedTest(name = "writer as {1} read by ncdump")
  @CsvSource({"classic,CDF1", "64-bit-offset,CDF2", "cdf5,CDF5"})
  void filesThisWriterMakesGiveNetcdfCsOwnDump(String kind, CdfFormat format) throws Exception {
    Path nc = ncgen(kind, cdl(kind));
    Path ours = dir.resolve("ours-" + kind + ".nc");
    try (CdfFile f = CdfFile.open(nc)) {
      CdfCopy.copy(f, ours, format);
    }
    String expected = ExternalTools.run("ncdump", nc.toString());
    String actual = ExternalTools.run("ncdump", ours.toString());
    assertEquals(body(expected), body(actual));
    assertTrue(body(actual).contains("made by ncgen"));
    String k = ExternalTools.run("ncdump", "-k", ours.toString()).trim();
    assertEquals(
        switch (format) {
          case CDF1 -> "classic";
          case CDF2 -> "64-bit offset";
          case CDF5 -> "cdf5";
        },
        k);
  }

  /** The dump without its first line, which names the file. */
  private static String body(String dump) {
    return dump.substring(dump.indexOf('\n') + 1);
  }
}
