package org.exodusj.internal.cdf;

import static org.exodusj.internal.testutil.HandAssembledCdf.M;
import static org.exodusj.internal.testutil.HandAssembledCdf.N;
import static org.exodusj.internal.testutil.HandAssembledCdf.NAMES;
import static org.exodusj.internal.testutil.HandAssembledCdf.RECORDS;
import static org.exodusj.internal.testutil.HandAssembledCdf.recordSalt;
import static org.exodusj.internal.testutil.HandAssembledCdf.value;
import static org.exodusj.internal.testutil.HandAssembledCdf.valueAsDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read contract of the classic codec, written once and run against every byte source by its
 * subclasses. Every expected value comes from {@link HandAssembledCdf}, the independent oracle.
 */
abstract class CdfReadContract {
  @TempDir Path dir;

  /** Opens {@code file} with the byte source under test. */
  abstract CdfFile open(Path file) throws IOException;

  /** True when the source under test can hand out zero-copy views. */
  abstract boolean viewsPossible();

  CdfFile openOracle(int version) throws IOException {
    Path f = dir.resolve("oracle-" + version + ".nc");
    Files.write(f, HandAssembledCdf.build(version));
    return open(f);
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void headerMatchesOracle(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      assertEquals(version, f.format().version());
      assertEquals(List.of("n", "m", "time"), f.dimensions().stream().map(d -> d.name()).toList());
      assertEquals(N, f.dimensions().get(0).length());
      assertEquals(M, f.dimensions().get(1).length());
      assertTrue(f.dimensions().get(2).unlimited());
      assertEquals(RECORDS, f.recordCount());
      assertEquals(RECORDS, f.dimensions().get(2).length());
      assertEquals("hand made", f.attributes().get(0).text());
      int[] codes = HandAssembledCdf.codes(version);
      assertEquals(2 * codes.length, f.variables().size());
      assertEquals(List.of(), f.defects());
      for (int c : codes) {
        Attribute a = f.attributes().get(1 + indexOf(codes, c));
        assertEquals("att_" + NAMES[c - 1], a.name());
        assertEquals(c, a.type().code());
        assertEquals(2, a.length());
        for (int i = 0; i < 2; i++) {
          if (c == 5 || c == 6) {
            assertEquals(valueAsDouble(c, 99, i), a.doubleValue(i), "att " + c);
          } else {
            assertEquals(value(c, 99, i), a.longValue(i), "att " + c);
          }
        }
        CdfVariable fixed = f.findVariable("fixed_" + NAMES[c - 1]).orElseThrow();
        assertEquals(c, fixed.type().code());
        assertFalse(fixed.isRecord());
        assertArrayEquals(new long[] {N, M}, f.shape(fixed));
        CdfVariable rec = f.findVariable("rec_" + NAMES[c - 1]).orElseThrow();
        assertTrue(rec.isRecord());
        assertArrayEquals(new long[] {RECORDS, M}, f.shape(rec));
      }
      assertEquals("m", f.variables().get(0).attribute("units").orElseThrow().text());
    }
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
    return -1;
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void everyTypeReadsValueByValue(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      List<CdfVariable> vars = f.variables();
      for (int vi = 0; vi < vars.size(); vi++) {
        CdfVariable v = vars.get(vi);
        int c = v.type().code();
        long[] shape = f.shape(v);
        long[] start = new long[2];
        int total = (int) (shape[0] * shape[1]);
        double[] expected = new double[total];
        long[] expectedBits = new long[total];
        for (int k = 0; k < total; k++) {
          int salt = v.isRecord() ? recordSalt(c, k / M) : vi;
          long e = v.isRecord() ? k % M : k;
          expected[k] = valueAsDouble(c, salt, e);
          expectedBits[k] = (c == 5 || c == 6) ? 0 : value(c, salt, e);
        }
        switch (v.type()) {
          case DOUBLE -> {
            double[] d = new double[total + 2];
            f.read(v, start, shape, d, 2);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(d, 2, total + 2), v.name());
          }
          case FLOAT -> {
            float[] d = new float[total];
            f.read(v, start, shape, d, 0);
            for (int k = 0; k < total; k++) assertEquals((float) expected[k], d[k], v.name());
            double[] w = new double[total];
            f.read(v, start, shape, w, 0);
            assertArrayEquals(expected, w, v.name() + " widened");
          }
          case INT, UINT, SHORT, USHORT, BYTE, UBYTE, INT64 -> {
            long[] d = new long[total];
            f.read(v, start, shape, d, 0);
            assertArrayEquals(expectedBits, d, v.name() + " as long");
            if (v.type() != DataType.INT64) {
              double[] w = new double[total];
              f.read(v, start, shape, w, 0);
              assertArrayEquals(expected, w, v.name() + " as double");
            }
            if (v.type() != DataType.INT64 && v.type() != DataType.UINT) {
              int[] i = new int[total];
              f.read(v, start, shape, i, 0);
              for (int k = 0; k < total; k++) assertEquals(expectedBits[k], i[k], v.name());
            }
          }
          case CHAR -> {
            byte[] d = new byte[total];
            f.read(v, start, shape, d, 0);
            for (int k = 0; k < total; k++) assertEquals(expectedBits[k], d[k], v.name());
          }
          case UINT64 -> {
            ByteBuffer raw = ByteBuffer.allocate(8 * total);
            f.readRaw(v, start, shape, raw);
            assertEquals(8 * total, raw.position());
            for (int k = 0; k < total; k++) assertEquals(expectedBits[k], raw.getLong(8 * k));
            assertThrows(
                IllegalArgumentException.class, () -> f.read(v, start, shape, new long[total], 0));
          }
          default -> throw new AssertionError(v.type());
        }
      }
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void hyperslabsOfRecordVariablesStrideThroughRecords(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      CdfVariable v = f.findVariable("rec_double").orElseThrow();
      // records 1..3, column 1..2
      double[] d = new double[6];
      f.read(v, new long[] {1, 1}, new long[] {3, 2}, d, 0);
      int k = 0;
      for (int r = 1; r < 4; r++) {
        for (int m = 1; m < 3; m++) {
          assertEquals(valueAsDouble(6, recordSalt(6, r), m), d[k++]);
        }
      }
      // one entity's history over all records
      double[] h = new double[RECORDS];
      f.read(v, new long[] {0, 2}, new long[] {RECORDS, 1}, h, 0);
      for (int r = 0; r < RECORDS; r++) assertEquals(valueAsDouble(6, recordSalt(6, r), 2), h[r]);
      // fixed variable: a middle block
      CdfVariable fx = f.findVariable("fixed_int").orElseThrow();
      int vi = f.variables().indexOf(fx);
      int[] b = new int[4];
      f.read(fx, new long[] {2, 1}, new long[] {2, 2}, b, 0);
      assertArrayEquals(
          new int[] {
            (int) value(4, vi, 7),
            (int) value(4, vi, 8),
            (int) value(4, vi, 10),
            (int) value(4, vi, 11)
          },
          b);
      // empty slab reads nothing
      f.read(fx, new long[] {5, 0}, new long[] {0, 3}, new int[0], 0);
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void nioBuffersHeapAndDirect(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      CdfVariable v = f.findVariable("fixed_double").orElseThrow();
      int vi = f.variables().indexOf(v);
      for (DoubleBuffer dst :
          List.of(DoubleBuffer.allocate(20), ByteBuffer.allocateDirect(160).asDoubleBuffer())) {
        dst.position(3);
        f.read(v, new long[] {0, 0}, new long[] {N, M}, dst);
        assertEquals(3 + N * M, dst.position());
        for (int k = 0; k < N * M; k++) assertEquals(valueAsDouble(6, vi, k), dst.get(3 + k));
      }
      CdfVariable s = f.findVariable("fixed_short").orElseThrow();
      int si = f.variables().indexOf(s);
      IntBuffer ib = ByteBuffer.allocateDirect(4 * N * M).asIntBuffer();
      f.read(s, new long[] {0, 0}, new long[] {N, M}, ib);
      for (int k = 0; k < N * M; k++) assertEquals(value(3, si, k), ib.get(k));
      // a heap buffer's limit bounds the read, not its larger backing array
      DoubleBuffer limited = DoubleBuffer.allocate(20);
      limited.limit(N * M - 1);
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.read(v, new long[] {0, 0}, new long[] {N, M}, limited));
      for (int k = 0; k < 20; k++)
        assertEquals(0.0, limited.array()[k], "value written past the limit");
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void lossyConversionsAndBadSlabsAreClearErrors(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      CdfVariable d = f.findVariable("fixed_double").orElseThrow();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.read(d, new long[] {0, 0}, new long[] {1, 1}, new float[1], 0));
      assertTrue(e.getMessage().contains("fixed_double"), e.getMessage());
      assertTrue(e.getMessage().contains("double"), e.getMessage());
      CdfVariable i = f.findVariable("fixed_int").orElseThrow();
      assertThrows(
          IllegalArgumentException.class,
          () -> f.read(i, new long[] {0, 0}, new long[] {1, 1}, new short[1], 0));
      IndexOutOfBoundsException oob =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.read(d, new long[] {4, 0}, new long[] {2, 1}, new double[2], 0));
      assertTrue(oob.getMessage().contains("start=4 count=2 length=5"), oob.getMessage());
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.read(d, new long[] {0, 0}, new long[] {2, 3}, new double[5], 0));
      assertThrows(
          IllegalArgumentException.class,
          () -> f.read(d, new long[] {0}, new long[] {1}, new double[1], 0));
      CdfVariable r = f.findVariable("rec_int").orElseThrow();
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> f.read(r, new long[] {RECORDS, 0}, new long[] {1, 1}, new int[1], 0));
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void viewsWhereContiguousAndSaySoElsewhere(int version) throws IOException {
    try (CdfFile f = openOracle(version)) {
      CdfVariable fixed = f.findVariable("fixed_double").orElseThrow();
      int vi = f.variables().indexOf(fixed);
      long[] all = {N, M};
      Optional<DoubleBuffer> view = f.viewDoubles(fixed, new long[2], all);
      Optional<String> why = f.whyNoView(fixed, new long[2], all, DataType.DOUBLE);
      assertEquals(view.isEmpty(), why.isPresent());
      if (viewsPossible() && why.isEmpty()) {
        DoubleBuffer b = view.orElseThrow();
        assertTrue(b.isReadOnly());
        assertEquals(N * M, b.remaining());
        for (int k = 0; k < N * M; k++) assertEquals(valueAsDouble(6, vi, k), b.get(k));
      } else {
        assertTrue(view.isEmpty());
      }
      // one record of a record variable
      CdfVariable rec = f.findVariable("rec_int").orElseThrow();
      Optional<IntBuffer> rv = f.viewInts(rec, new long[] {2, 0}, new long[] {1, M});
      if (viewsPossible()) {
        IntBuffer b = rv.orElseThrow();
        for (int k = 0; k < M; k++) assertEquals(value(4, recordSalt(4, 2), k), b.get(k));
      } else {
        assertTrue(rv.isEmpty());
      }
      // two records are not contiguous; a float variable is not a double view
      assertTrue(f.viewInts(rec, new long[] {0, 0}, new long[] {2, M}).isEmpty());
      assertTrue(
          f.whyNoView(rec, new long[] {0, 0}, new long[] {2, M}, DataType.INT)
              .orElseThrow()
              .contains(viewsPossible() ? "not contiguous" : "channel"));
      CdfVariable fl = f.findVariable("fixed_float").orElseThrow();
      assertTrue(f.viewDoubles(fl, new long[2], all).isEmpty());
      assertTrue(
          f.whyNoView(fl, new long[2], all, DataType.DOUBLE).orElseThrow().contains("float"));
      // a column of a fixed variable is not contiguous
      assertTrue(f.viewDoubles(fixed, new long[] {0, 1}, new long[] {N, 1}).isEmpty());
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void manyThreadsReadLikeOne(int version) throws Exception {
    try (CdfFile f = openOracle(version)) {
      List<CdfVariable> vars = new ArrayList<>();
      for (CdfVariable v : f.variables()) {
        if (v.type() == DataType.DOUBLE || v.type() == DataType.INT || v.type() == DataType.FLOAT) {
          vars.add(v);
        }
      }
      List<double[]> serial = new ArrayList<>();
      for (CdfVariable v : vars) {
        long[] shape = f.shape(v);
        double[] d = new double[(int) (shape[0] * shape[1])];
        f.read(v, new long[2], shape, d, 0);
        serial.add(d);
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
          results.add(
              pool.submit(
                  () -> {
                    for (int rep = 0; rep < 200; rep++) {
                      for (int i = 0; i < vars.size(); i++) {
                        long[] shape = f.shape(vars.get(i));
                        double[] d = new double[serial.get(i).length];
                        f.read(vars.get(i), new long[2], shape, d, 0);
                        if (!java.util.Arrays.equals(d, serial.get(i))) {
                          return false;
                        }
                      }
                    }
                    return true;
                  }));
        }
        for (Future<Boolean> r : results) assertTrue(r.get());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "CDF-{0} type {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "1,1", "1,2", "1,3", "2,1", "2,3", "5,7", "5,8", "2,6"
  })
  void singleRecordVariableOfSmallTypeHasNoRecordPadding(int version, int code) throws IOException {
    Path p = dir.resolve("single.nc");
    Files.write(p, HandAssembledCdf.buildSingleRecordVariable(version, code, 3, 5));
    try (CdfFile f = open(p)) {
      CdfVariable v = f.findVariable("v").orElseThrow();
      assertEquals(3L * HandAssembledCdf.SIZES[code - 1], f.header().recordSize());
      assertEquals(5, f.recordCount());
      assertEquals(List.of(), f.defects());
      ByteBuffer raw = ByteBuffer.allocate(15 * 8);
      f.readRaw(v, new long[] {0, 0}, new long[] {5, 3}, raw);
      ByteBuffer expected = ByteBuffer.allocate(15 * 8);
      for (int r = 0; r < 5; r++) {
        for (int m = 0; m < 3; m++) {
          int salt = recordSalt(code, r);
          switch (HandAssembledCdf.SIZES[code - 1]) {
            case 1 -> expected.put((byte) value(code, salt, m));
            case 2 -> expected.putShort((short) value(code, salt, m));
            default -> expected.putDouble(valueAsDouble(code, salt, m));
          }
        }
      }
      assertEquals(expected.flip(), raw.flip());
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void streamingNumrecsIsComputedFromTheFileLength(int version) throws IOException {
    Path p = dir.resolve("streaming.nc");
    Files.write(p, HandAssembledCdf.build(version, new HandAssembledCdf.Options(true, -1)));
    try (CdfFile f = open(p)) {
      assertEquals(RECORDS, f.recordCount());
      assertTrue(f.defects().get(0).contains("streaming"), f.defects().toString());
      CdfVariable v = f.findVariable("rec_double").orElseThrow();
      double[] d = new double[M];
      f.read(v, new long[] {RECORDS - 1, 0}, new long[] {1, M}, d, 0);
      assertEquals(valueAsDouble(6, recordSalt(6, RECORDS - 1), 2), d[2]);
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2})
  void overflowedVsizeIsRecomputedFromTheShape(int version) throws IOException {
    Path p = dir.resolve("vsize.nc");
    Files.write(
        p, HandAssembledCdf.build(version, new HandAssembledCdf.Options(false, 0xFFFFFFFFL)));
    try (CdfFile f = open(p)) {
      CdfVariable last = f.variables().get(f.variables().size() - 1);
      assertEquals(0xFFFFFFFFL, last.storedVsize());
      assertEquals(HandAssembledCdf.SIZES[last.type().code() - 1] * (long) M, last.dataBytes());
      assertEquals(List.of(), f.defects());
      double[] d = new double[M];
      f.read(last, new long[] {1, 0}, new long[] {1, M}, d, 0);
      int c = last.type().code();
      assertEquals(valueAsDouble(c, recordSalt(c, 1), 1), d[1]);
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void fileShortByPaddingIsToleratedAndReported(int version) throws IOException {
    byte[] full = HandAssembledCdf.buildFixedOnly(version);
    Path p = dir.resolve("padding.nc");
    try (CdfFile f = open(write(p, full))) {
      assertEquals(List.of(), f.defects());
      assertEquals(full.length, f.header().paddedEnd(0));
      assertEquals(full.length - 1, f.header().dataEnd(0));
    }
    try (CdfFile f = open(write(p, java.util.Arrays.copyOf(full, full.length - 1)))) {
      assertEquals(1, f.defects().size(), f.defects().toString());
      assertTrue(f.defects().get(0).contains("padding"), f.defects().toString());
      CdfVariable tail = f.findVariable("tail").orElseThrow();
      byte[] text = new byte[N * M];
      f.read(tail, new long[2], new long[] {N, M}, text, 0);
      for (int k = 0; k < N * M; k++) {
        assertEquals(value(2, f.variables().indexOf(tail), k), text[k]);
      }
    }
  }

  private static Path write(Path p, byte[] b) throws IOException {
    Files.write(p, b);
    return p;
  }

  /**
   * Cuts at 25 points of the data, every variable read whole in its own type (every typed read of
   * the source, values cut in the middle included): the value decoded from the stored bytes before
   * the cut and zeros after it, as netCDF-C reads a file cut short.
   */
  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void typedReadsOfACutFileGiveTheStoredBytesThenZeros(int version) throws IOException {
    byte[] oracle = HandAssembledCdf.build(version);
    Path whole = dir.resolve("whole.nc");
    Files.write(whole, oracle);
    long headerEnd;
    try (CdfFile w = open(whole)) {
      headerEnd = w.header().headerBytes();
    }
    for (int k = 0; k < 25; k++) {
      int cut = (int) (headerEnd + 8 + (oracle.length - headerEnd - 8) * k / 25) + k % 7;
      Path p = dir.resolve("cut.nc");
      Files.write(p, java.util.Arrays.copyOf(oracle, Math.min(cut, oracle.length - 1)));
      try (CdfFile f = open(p);
          CdfFile w = open(whole)) {
        for (CdfVariable v : f.variables()) {
          long[] shape = f.shape(v);
          int n = 1;
          for (long x : shape) n *= (int) x;
          if (n == 0) continue;
          int es = v.type().size();
          ByteBuffer intact = ByteBuffer.allocate(n * es);
          w.readRaw(w.findVariable(v.name()).orElseThrow(), new long[shape.length], shape, intact);
          ByteBuffer expected = ByteBuffer.allocate(n * es);
          for (int i = 0; i < n * es; i++) {
            long perRecord = v.dataBytes();
            long at =
                v.isRecord()
                    ? v.begin() + (i / perRecord) * f.header().recordSize() + i % perRecord
                    : v.begin() + i;
            expected.put(i, at < Math.min(cut, oracle.length - 1) ? intact.get(i) : 0);
          }
          long[] start = new long[shape.length];
          String what = v.name() + " cut at " + cut;
          switch (v.type()) {
            case DOUBLE -> {
              double[] d = new double[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.getDouble(8 * i), d[i], what);
            }
            case FLOAT -> {
              float[] d = new float[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.getFloat(4 * i), d[i], what);
            }
            case UINT64 -> {} // no Java type holds it: readRaw (above) is its read
            case UINT -> {
              long[] d = new long[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++)
                assertEquals(Integer.toUnsignedLong(expected.getInt(4 * i)), d[i], what);
            }
            case USHORT -> {
              int[] d = new int[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++)
                assertEquals(Short.toUnsignedInt(expected.getShort(2 * i)), d[i], what);
            }
            case UBYTE -> {
              short[] d = new short[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++)
                assertEquals((short) Byte.toUnsignedInt(expected.get(i)), d[i], what);
            }
            case INT64 -> {
              long[] d = new long[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.getLong(8 * i), d[i], what);
            }
            case INT -> {
              int[] d = new int[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.getInt(4 * i), d[i], what);
            }
            case SHORT -> {
              short[] d = new short[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.getShort(2 * i), d[i], what);
            }
            default -> {
              byte[] d = new byte[n];
              f.read(v, start, shape, d, 0);
              for (int i = 0; i < n; i++) assertEquals(expected.get(i), d[i], what);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void truncatedDataIsReportedAtOpenAndReadsAsNetcdfC(int version) throws IOException {
    byte[] oracle = HandAssembledCdf.build(version);
    Path p = dir.resolve("trunc.nc");
    int cut = oracle.length - 40;
    Files.write(p, java.util.Arrays.copyOf(oracle, cut));
    Path whole = dir.resolve("whole.nc");
    Files.write(whole, oracle);
    try (CdfFile f = open(p);
        CdfFile w = open(whole)) {
      assertTrue(f.defects().get(0).contains("truncated"), f.defects().toString());
      CdfVariable v = f.variables().get(f.variables().size() - 1);
      assertTrue(
          f.defects().stream().anyMatch(d -> d.startsWith("variable " + v.name() + ": ")),
          f.defects().toString());
      long[] shape = f.shape(v);
      ByteBuffer raw = ByteBuffer.allocate((int) (shape[0] * shape[1] * v.type().size()));
      f.readRaw(v, new long[2], shape, raw);
      ByteBuffer intact = ByteBuffer.allocate(raw.capacity());
      w.readRaw(w.variables().get(w.variables().size() - 1), new long[2], shape, intact);
      // netCDF-C reads the bytes the file holds and zeros for the missing ones
      int zeros = 0;
      for (int i = 0; i < raw.capacity(); i++) {
        long perRecord = v.dataBytes();
        long at =
            v.isRecord()
                ? v.begin() + (i / perRecord) * f.header().recordSize() + i % perRecord
                : v.begin() + i;
        assertEquals(at < cut ? intact.get(i) : 0, raw.get(i), "byte " + i + " at " + at);
        if (at >= cut) zeros++;
      }
      assertTrue(zeros > 0, "the read reaches past the cut");
    }
  }
}
