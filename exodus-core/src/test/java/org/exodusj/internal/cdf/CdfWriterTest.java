package org.exodusj.internal.cdf;

import static org.exodusj.internal.testutil.HandAssembledCdf.M;
import static org.exodusj.internal.testutil.HandAssembledCdf.N;
import static org.exodusj.internal.testutil.HandAssembledCdf.RECORDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.CdfCopy;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CdfWriterTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void writerReproducesTheHandAssembledFileByteForByte(int version) throws IOException {
    byte[] oracle = HandAssembledCdf.build(version);
    Path in = dir.resolve("in.nc");
    Files.write(in, oracle);
    Path out = dir.resolve("out.nc");
    try (CdfFile f = CdfFile.open(in)) {
      CdfCopy.copy(f, out, f.format());
    }
    assertArrayEquals(oracle, Files.readAllBytes(out));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CdfFormat.class)
  void everyTypeFixedAndRecordRoundTrips(CdfFormat format) throws IOException {
    for (DataType t : DataType.values()) {
      if (t.cdf5Only() && format != CdfFormat.CDF5) {
        continue;
      }
      Path p = dir.resolve("rt-" + t + ".nc");
      CdfSchema s = new CdfSchema(format);
      s.dimension("n", 7).dimension("m", 3).unlimitedDimension("time");
      s.variable("fixed", t, List.of("n", "m"));
      s.variable("rec", t, List.of("time", "m"));
      s.variable("scalar", t, List.of());
      long[] values = new long[21];
      for (int i = 0; i < 21; i++) values[i] = sample(t, i);
      try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
        writeLongs(w, w.variable("fixed"), new long[] {0, 0}, new long[] {7, 3}, values);
        for (int r = 0; r < 5; r++) {
          writeLongs(
              w,
              w.variable("rec"),
              new long[] {r, 0},
              new long[] {1, 3},
              Arrays.copyOfRange(values, 3 * r, 3 * r + 3));
        }
        writeLongs(w, w.variable("scalar"), new long[0], new long[0], new long[] {values[5]});
      }
      try (CdfFile f = CdfFile.open(p)) {
        assertEquals(5, f.recordCount(), t.toString());
        assertArrayEquals(values, readBits(f, "fixed", new long[] {7, 3}), t + " fixed");
        assertArrayEquals(
            Arrays.copyOf(values, 15), readBits(f, "rec", new long[] {5, 3}), t + " rec");
        assertArrayEquals(new long[] {values[5]}, readBits(f, "scalar", new long[0]), t + "");
      }
    }
  }

  /** A value of type t (bits for reals), covering negative, large and unsigned ranges. */
  static long sample(DataType t, int i) {
    return switch (t) {
      case BYTE -> (byte) (i * 13 - 100);
      case CHAR -> 'A' + i;
      case UBYTE -> 250 - i;
      case SHORT -> (short) (i * 3001 - 30000);
      case USHORT -> 65535 - i;
      case INT -> i * 100_000_007L - 1_000_000_000L;
      case UINT -> 4_294_967_295L - i;
      case INT64 -> Long.MIN_VALUE + 2 + i;
      case UINT64 -> -1L - i;
      case FLOAT -> Float.floatToRawIntBits(i * -0.5f + 1e30f * (i % 2));
      case DOUBLE -> Double.doubleToRawLongBits(Math.PI * i - 1e300 * (i % 3));
    };
  }

  private static void writeLongs(CdfWriter w, CdfVariable v, long[] s, long[] c, long[] bits)
      throws IOException {
    switch (v.type()) {
      case DOUBLE ->
          w.write(v, s, c, Arrays.stream(bits).mapToDouble(Double::longBitsToDouble).toArray(), 0);
      case FLOAT -> {
        float[] a = new float[bits.length];
        for (int i = 0; i < a.length; i++) a[i] = Float.intBitsToFloat((int) bits[i]);
        w.write(v, s, c, a, 0);
      }
      case BYTE, CHAR -> {
        byte[] a = new byte[bits.length];
        for (int i = 0; i < a.length; i++) a[i] = (byte) bits[i];
        w.write(v, s, c, a, 0);
      }
      default -> w.write(v, s, c, bits, 0);
    }
  }

  static long[] readBits(CdfFile f, String name, long[] shape) throws IOException {
    CdfVariable v = f.findVariable(name).orElseThrow();
    long n = 1;
    for (long x : shape) n *= x;
    ByteBuffer raw = ByteBuffer.allocate((int) n * v.type().size());
    f.readRaw(v, new long[shape.length], shape, raw);
    long[] out = new long[(int) n];
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (v.type()) {
            case BYTE, CHAR -> raw.get(i);
            case UBYTE -> Byte.toUnsignedLong(raw.get(i));
            case SHORT -> raw.getShort(2 * i);
            case USHORT -> Short.toUnsignedLong(raw.getShort(2 * i));
            case INT -> raw.getInt(4 * i);
            case UINT -> Integer.toUnsignedLong(raw.getInt(4 * i));
            case FLOAT -> raw.getInt(4 * i);
            default -> raw.getLong(8 * i);
          };
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CdfFormat.class)
  void unwrittenDataReadsAsTheFillValue(CdfFormat format) throws IOException {
    Path p = dir.resolve("fill.nc");
    CdfSchema s = new CdfSchema(format);
    s.dimension("n", 4).unlimitedDimension("time");
    s.variable("d", DataType.DOUBLE, List.of("n"));
    s.variable(
        "i",
        DataType.INT,
        List.of("time", "n"),
        Attribute.integers("_FillValue", DataType.INT, -5));
    s.variable("s", DataType.SHORT, List.of("time", "n"));
    try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
      w.write(w.variable("d"), new long[] {1}, new long[] {2}, new double[] {1.5, 2.5}, 0);
      w.write(w.variable("i"), new long[] {2, 1}, new long[] {1, 1}, new int[] {42}, 0);
    }
    try (CdfFile f = CdfFile.open(p)) {
      double[] d = new double[4];
      f.read(f.findVariable("d").orElseThrow(), new long[] {0}, new long[] {4}, d, 0);
      assertArrayEquals(new double[] {9.9692099683868690e+36, 1.5, 2.5, 9.9692099683868690e+36}, d);
      assertEquals(3, f.recordCount());
      int[] i = new int[12];
      f.read(f.findVariable("i").orElseThrow(), new long[] {0, 0}, new long[] {3, 4}, i, 0);
      int[] expected = new int[12];
      Arrays.fill(expected, -5);
      expected[9] = 42;
      assertArrayEquals(expected, i);
      short[] sh = new short[12];
      f.read(f.findVariable("s").orElseThrow(), new long[] {0, 0}, new long[] {3, 4}, sh, 0);
      for (short x : sh) assertEquals(-32767, x);
    }
  }

  @Test
  void partialWriteChangesOnlyItsOwnBytes() throws IOException {
    Path p = dir.resolve("partial.nc");
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("n", 1000).dimension("m", 3).unlimitedDimension("time");
    s.variable("x", DataType.DOUBLE, List.of("n", "m"));
    s.variable("v", DataType.DOUBLE, List.of("time", "n"));
    s.variable("w", DataType.DOUBLE, List.of("time", "n"));
    try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
      double[] all = new double[3000];
      Arrays.fill(all, 7);
      w.write(w.variable("x"), new long[] {0, 0}, new long[] {1000, 3}, all, 0);
      for (int r = 0; r < 4; r++) {
        w.write(w.variable("v"), new long[] {r, 0}, new long[] {1, 1000}, all, 0);
        w.write(w.variable("w"), new long[] {r, 0}, new long[] {1, 1000}, all, 0);
      }
    }
    byte[] before = Files.readAllBytes(p);
    CdfVariable v;
    long begin;
    long recSize;
    try (CdfWriter w = CdfWriter.openForUpdate(p, CdfWriter.Options.DEFAULT)) {
      v = w.variable("v");
      begin = v.begin();
      recSize = w.header().recordSize();
      // steps 1..2, entities 100..149
      double[] vals = new double[100];
      for (int i = 0; i < 100; i++) vals[i] = i;
      w.write(v, new long[] {1, 100}, new long[] {2, 50}, vals, 0);
    }
    byte[] after = Files.readAllBytes(p);
    assertEquals(before.length, after.length);
    int changedOutside = 0;
    int changedInside = 0;
    for (int b = 0; b < before.length; b++) {
      boolean inside = false;
      for (int r = 1; r <= 2; r++) {
        long lo = begin + r * recSize + 100 * 8;
        inside |= b >= lo && b < lo + 50 * 8;
      }
      if (before[b] != after[b]) {
        if (inside) changedInside++;
        else changedOutside++;
      }
    }
    assertEquals(0, changedOutside);
    assertTrue(changedInside > 0);
    try (CdfFile f = CdfFile.open(p)) {
      double[] d = new double[100];
      f.read(f.findVariable("v").orElseThrow(), new long[] {1, 100}, new long[] {2, 50}, d, 0);
      for (int i = 0; i < 100; i++) assertEquals(i, d[i]);
    }
  }

  @Test
  void recordsCountOnlyAfterCommit() throws IOException {
    Path p = dir.resolve("commit.nc");
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("n", 10).unlimitedDimension("time");
    s.variable("time_whole", DataType.DOUBLE, List.of("time"));
    s.variable("u", DataType.DOUBLE, List.of("time", "n"));
    try (CdfWriter w = CdfWriter.create(p, s, new CdfWriter.Options(true, true, 0))) {
      for (int r = 0; r < 3; r++) {
        w.write(w.variable("time_whole"), new long[] {r}, new long[] {1}, new double[] {r}, 0);
        w.write(w.variable("u"), new long[] {r, 0}, new long[] {1, 10}, new double[10], 0);
        w.commit();
      }
      try (CdfFile reader = CdfFile.open(p)) {
        assertEquals(3, reader.recordCount());
        w.write(w.variable("time_whole"), new long[] {3}, new long[] {1}, new double[] {3}, 0);
        assertEquals(4, w.writtenRecords());
        assertEquals(3, w.committedRecords());
        reader.refresh();
        assertEquals(3, reader.recordCount(), "a written but uncommitted step is invisible");
        w.commit();
        reader.refresh();
        assertEquals(4, reader.recordCount());
        double[] t = new double[4];
        reader.read(
            reader.findVariable("time_whole").orElseThrow(), new long[] {0}, new long[] {4}, t, 0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, t);
      }
    }
    try (CdfWriter w = CdfWriter.openForUpdate(p, CdfWriter.Options.DEFAULT)) {
      assertEquals(4, w.committedRecords());
      w.write(w.variable("time_whole"), new long[] {4}, new long[] {1}, new double[] {4}, 0);
    }
    try (CdfFile f = CdfFile.open(p)) {
      assertEquals(5, f.recordCount());
      assertEquals(List.of(), f.defects());
    }
  }

  @Test
  void dataThatDoesNotFitTheFormatIsAClearError() {
    // CDF-1: a variable beginning past 2 GiB
    CdfSchema c1 = new CdfSchema(CdfFormat.CDF1);
    c1.dimension("n", 150_000_000L);
    c1.variable("a", DataType.DOUBLE, List.of("n"));
    c1.variable("b", DataType.DOUBLE, List.of("n"));
    c1.variable("c", DataType.DOUBLE, List.of("n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c1.plan(0));
    assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
    // a dimension past 2^32 outside CDF-5
    assertThrows(
        IllegalArgumentException.class,
        () -> new CdfSchema(CdfFormat.CDF2).dimension("n", 1L << 32));
    new CdfSchema(CdfFormat.CDF5).dimension("n", 1L << 32);
    // a variable over 4 GiB that is not the last, in CDF-2
    CdfSchema c2 = new CdfSchema(CdfFormat.CDF2);
    c2.dimension("n", 600_000_000L);
    c2.variable("big", DataType.DOUBLE, List.of("n"));
    c2.variable("after", DataType.INT, List.of());
    e = assertThrows(IllegalArgumentException.class, () -> c2.plan(0));
    assertTrue(e.getMessage().contains("big") && e.getMessage().contains("CDF-5"), e.getMessage());
    // ... but fine as the last variable, with the overflow marker as vsize
    CdfSchema c3 = new CdfSchema(CdfFormat.CDF2);
    c3.dimension("n", 600_000_000L);
    c3.variable("small", DataType.INT, List.of());
    c3.variable("big", DataType.DOUBLE, List.of("n"));
    assertEquals(CdfFormat.VSIZE_OVERFLOW, c3.plan(0).variables().get(1).storedVsize());
    // CDF-5 types in CDF-2
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CdfSchema(CdfFormat.CDF2)
                .dimension("n", 1)
                .variable("u", DataType.UINT, List.of("n")));
  }

  @Test
  void narrowingWritesAreCheckedBeforeAnythingIsWritten(@TempDir Path d) throws IOException {
    Path p = d.resolve("narrow.nc");
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("n", 3);
    s.variable("i", DataType.INT, List.of("n"));
    s.variable("x", DataType.FLOAT, List.of("n"));
    try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
      w.write(w.variable("i"), new long[] {0}, new long[] {3}, new long[] {1, 2, 3}, 0);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  w.write(
                      w.variable("i"),
                      new long[] {0},
                      new long[] {3},
                      new long[] {4, 1L << 40, 6},
                      0));
      assertTrue(
          e.getMessage().contains("1099511627776") && e.getMessage().contains("index 1"),
          e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> w.write(w.variable("x"), new long[] {0}, new long[] {3}, new double[3], 0));
    }
    try (CdfFile f = CdfFile.open(p)) {
      int[] i = new int[3];
      f.read(f.findVariable("i").orElseThrow(), new long[] {0}, new long[] {3}, i, 0);
      assertArrayEquals(new int[] {1, 2, 3}, i);
    }
  }

  @Test
  void headerRoomIsReservedBeforeTheData() throws IOException {
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("n", 3);
    s.variable("x", DataType.DOUBLE, List.of("n"));
    CdfHeader h = s.plan(4096);
    assertTrue(h.variables().get(0).begin() >= h.headerBytes() + 4096);
    Path p = dir.resolve("room.nc");
    try (CdfWriter w = CdfWriter.create(p, s, new CdfWriter.Options(true, false, 4096))) {
      w.write(w.variable("x"), new long[] {0}, new long[] {3}, new double[] {1, 2, 3}, 0);
    }
    try (CdfFile f = CdfFile.open(p)) {
      double[] d = new double[3];
      f.read(f.variables().get(0), new long[] {0}, new long[] {3}, d, 0);
      assertArrayEquals(new double[] {1, 2, 3}, d);
    }
  }

  @Test
  void oracleRecordsReadBackThroughCopyInEveryFormat() throws IOException {
    Path in = dir.resolve("o.nc");
    Files.write(in, HandAssembledCdf.build(2));
    for (CdfFormat format : CdfFormat.values()) {
      Path out = dir.resolve("o-" + format + ".nc");
      try (CdfFile f = CdfFile.open(in)) {
        CdfCopy.copy(f, out, format);
      }
      try (CdfFile f = CdfFile.open(out)) {
        assertEquals(format, f.format());
        assertEquals(RECORDS, f.recordCount());
        double[] d = new double[N * M];
        f.read(f.findVariable("fixed_double").orElseThrow(), new long[2], new long[] {N, M}, d, 0);
        assertEquals(HandAssembledCdf.valueAsDouble(6, 5, 14), d[14]);
      }
    }
  }

  /**
   * A fixed variable the caller writes whole (a copy) is not filled first; the others are. The
   * bytes are read from the file: the fill pattern for the one, the file's zero extension for the
   * other.
   */
  @Test
  void aVariableWrittenWholeIsNotFilledFirst() throws IOException {
    CdfSchema s = new CdfSchema(CdfFormat.CDF2);
    s.dimension("n", 3);
    s.variable("copied", DataType.INT, List.of("n"));
    s.variable("added", DataType.INT, List.of("n"));
    s.writtenWhole("copied");
    assertThrows(IllegalArgumentException.class, () -> s.writtenWhole("nothing"));
    Path p = dir.resolve("whole.nc");
    long copiedAt;
    long addedAt;
    try (CdfWriter w = CdfWriter.create(p, s, CdfWriter.Options.DEFAULT)) {
      copiedAt = w.variable("copied").begin();
      addedAt = w.variable("added").begin();
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p));
    for (int k = 0; k < 3; k++) {
      assertEquals(0, b.getInt((int) copiedAt + 4 * k));
      assertEquals(-2147483647, b.getInt((int) addedAt + 4 * k)); // NC_FILL_INT
    }
  }
}
