package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.exodusj.internal.testutil.NcdumpData.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value of every variable of every classic-format corpus file, read through the codec, equals
 * netCDF-C's reading of it ({@code ncdump -p 9,17}).
 */
class CorpusDataTest {
  @BeforeAll
  static void tools() {
    ExternalTools.require("ncdump");
  }

  static java.util.stream.Stream<Path> classicFiles() throws Exception {
    return CorpusHeaderTest.classicFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classicFiles")
  void everyValueMatchesNcdump(Path file) throws Exception {
    Map<String, List<Token>> expected = NcdumpData.of(file);
    int values = 0;
    try (CdfFile f = CdfFile.open(file)) {
      for (CdfVariable v : f.variables()) {
        List<Token> exp = expected.get(v.name());
        long[] shape = f.shape(v);
        long n = 1;
        for (long s : shape) n *= s;
        if (n == 0) {
          continue;
        }
        assertTrue(exp != null, v.name() + " missing from ncdump");
        ByteBuffer raw = ByteBuffer.allocate((int) (n * v.type().size()));
        f.readRaw(v, new long[shape.length], shape, raw);
        raw.flip();
        if (v.type() == DataType.CHAR) {
          int row = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
          int rows = (int) (n / row);
          assertEquals(rows, exp.size(), v.name() + " rows");
          for (int r = 0; r < rows; r++) {
            byte[] ours = Arrays.copyOfRange(raw.array(), r * row, (r + 1) * row);
            int end = ours.length;
            while (end > 0 && ours[end - 1] == 0) end--;
            assertArrayEquals(exp.get(r).bytes(), Arrays.copyOf(ours, end), v.name() + " row " + r);
          }
          values += rows;
          continue;
        }
        assertEquals(n, exp.size(), v.name() + " value count");
        double fill = fillValue(v);
        for (int i = 0; i < n; i++) {
          String t = exp.get(i).text();
          double ours = value(raw, v.type(), i);
          if (t.equals("_")) {
            assertEquals(fill, ours, v.name() + "[" + i + "] should be the fill value");
          } else if (v.type() == DataType.FLOAT) {
            assertEquals(Float.parseFloat(strip(t)), (float) ours, v.name() + "[" + i + "]");
          } else if (v.type() == DataType.DOUBLE) {
            assertEquals(Double.parseDouble(strip(t)), ours, v.name() + "[" + i + "]");
          } else {
            assertEquals(Long.parseLong(t), (long) ours, v.name() + "[" + i + "]");
          }
          values++;
        }
      }
    }
    assertTrue(values > 0, "no values compared");
  }

  private static String strip(String t) {
    String s = t.endsWith("f") && !t.equals("Inf") ? t.substring(0, t.length() - 1) : t;
    return switch (s) {
      case "NaN", "nan", "-nan" -> "NaN";
      case "Infinity", "inf", "Inf" -> "Infinity";
      case "-Infinity", "-inf", "-Inf" -> "-Infinity";
      default -> s;
    };
  }

  private static double value(ByteBuffer b, DataType t, int i) {
    return switch (t) {
      case BYTE -> b.get(i);
      case UBYTE -> Byte.toUnsignedInt(b.get(i));
      case SHORT -> b.getShort(2 * i);
      case USHORT -> Short.toUnsignedInt(b.getShort(2 * i));
      case INT -> b.getInt(4 * i);
      case UINT -> Integer.toUnsignedLong(b.getInt(4 * i));
      case FLOAT -> b.getFloat(4 * i);
      case DOUBLE -> b.getDouble(8 * i);
      default -> b.getLong(8 * i);
    };
  }

  private static double fillValue(CdfVariable v) {
    java.util.Optional<Attribute> fv = v.attribute("_FillValue");
    if (fv.isPresent() && !fv.get().isText()) {
      return fv.get().doubleValue(0);
    }
    long bits = v.type().defaultFillBits();
    return switch (v.type()) {
      case FLOAT -> Float.intBitsToFloat((int) bits);
      case DOUBLE -> Double.longBitsToDouble(bits);
      default -> bits;
    };
  }
}
