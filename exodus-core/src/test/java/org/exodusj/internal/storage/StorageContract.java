package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage seam's contract (as Lucene's {@code BaseDirectoryTestCase} is its directories'): one
 * dataset, written by netCDF-C's {@code ncgen} from the CDL below in each format (and, for
 * NetCDF-4, with chunks and filters through ncgen's special attributes), read through {@link
 * Backends} both wrapped ({@code Backends.open}, as {@code ExodusFile} opens) and raw ({@code
 * openUnmapped}). Every expected value is in the CDL text: the oracle is the CDL and ncgen, not
 * this library. A subclass names the format and the special attributes.
 */
abstract class StorageContract {
  @TempDir Path dir;
  private Path file;

  /** The format the subclass writes. */
  abstract ExodusFormat format();

  /** ncgen's {@code -k} for it. */
  abstract String ncgenKind();

  /**
   * nccopy's {@code -k} when the file is ncgen's NetCDF-4 file copied by nccopy (ncgen writes the
   * 64-bit integers of a CDF-5 file cut to 32 bits; nccopy copies them whole), or null.
   */
  String nccopyKind() {
    return null;
  }

  /** Special attributes (chunks, filters) added to every variable but {@code c}, or "". */
  String storageAttributes(String variable) {
    return "";
  }

  /** True when the file is read through a chunk cache (NetCDF-4). */
  boolean chunked() {
    return format() == ExodusFormat.NETCDF4;
  }

  static final double[] D = {0.5, -1.25, 3, 1e300, -0.0};
  static final float[] F = {
    1.5f, 2.5f, -3.5f, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15.25f,
  };
  static final int FILL = -7;
  static final int[] I = {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, FILL};
  static final short[] S = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
  static final byte[] B = {-128, 0, 127, 1, -1};
  static final String[] C = {"abc", "defghijk", ""};
  static final double[] T = {0.1, 0.2, 0.3, 0.4};
  static final long[] L = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};

  /** rec(time, n) at (r, k). */
  static double rec(int r, int k) {
    return r * 10 + k + 0.5;
  }

  private String cdl() {
    StringBuilder s = new StringBuilder("netcdf contract {\ndimensions:\n");
    s.append("  n = 5 ;\n  m = 3 ;\n  len = 8 ;\n  time = UNLIMITED ;\nvariables:\n");
    s.append("  double d(n) ;\n    d:units = \"m\" ;\n").append(storageAttributes("d"));
    s.append("  float f(m, n) ;\n").append(storageAttributes("f"));
    s.append("  int i(n) ;\n    i:_FillValue = -7 ;\n").append(storageAttributes("i"));
    s.append("  short s(m) ;\n").append(storageAttributes("s"));
    s.append("  byte b(n) ;\n").append(storageAttributes("b"));
    s.append("  char c(m, len) ;\n");
    s.append("  double t(time) ;\n").append(storageAttributes("t"));
    s.append("  double rec(time, n) ;\n").append(storageAttributes("rec"));
    if (wide()) s.append("  int64 big(n) ;\n").append(storageAttributes("big"));
    s.append("\n  :title = \"storage contract\" ;\n  :version = 8.25f ;\n  :ints = 1, 2, 3 ;\n");
    s.append("data:\n");
    s.append("  d = 0.5, -1.25, 3, 1e300, -0. ;\n");
    s.append("  f = 1.5, 2.5, -3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15.25 ;\n");
    s.append("  i = 1, -2, 2147483647, -2147483648, _ ;\n");
    s.append("  s = -32768, 0, 32767 ;\n");
    s.append("  b = -128, 0, 127, 1, -1 ;\n");
    s.append("  c = \"abc\", \"defghijk\", \"\" ;\n");
    s.append("  t = 0.1, 0.2, 0.3, 0.4 ;\n");
    List<String> r = new ArrayList<>();
    for (int k = 0; k < 4; k++) for (int j = 0; j < 5; j++) r.add(Double.toString(rec(k, j)));
    s.append("  rec = ").append(String.join(", ", r)).append(" ;\n");
    if (wide()) {
      s.append("  big = -9223372036854775808, -1, 0, 1, 9223372036854775807 ;\n");
    }
    return s.append("}\n").toString();
  }

  /** True when the file holds the CDF-5 types (the format holds them, and its data model). */
  boolean wide() {
    return Backends.holds(format(), DataType.INT64);
  }

  @BeforeEach
  void write() throws Exception {
    ExternalTools.require("ncgen");
    Path cdl = dir.resolve("contract.cdl");
    Files.writeString(cdl, cdl());
    file = dir.resolve("contract.nc");
    if (nccopyKind() == null) {
      ExternalTools.run("ncgen", "-k", ncgenKind(), "-o", file.toString(), cdl.toString());
    } else {
      Path nc4 = dir.resolve("contract-nc4.nc");
      ExternalTools.run("ncgen", "-k", ncgenKind(), "-o", nc4.toString(), cdl.toString());
      ExternalTools.run("nccopy", "-k", nccopyKind(), nc4.toString(), file.toString());
    }
  }

  @FunctionalInterface
  interface Check {
    void run(Storage s) throws Exception;
  }

  /**
   * Runs {@code check} on the file opened wrapped (as ExodusFile opens it, and with locked reads,
   * unmapped) and raw.
   */
  private void both(Check check) throws Exception {
    try (Storage s = Backends.open(file)) {
      check.run(s);
    }
    ExodusOpenOptions locked = ExodusOpenOptions.builder().lockReads(true).memoryMap(false).build();
    try (Storage s = Backends.open(file, locked, ChunkCacheSettings.resolve(locked))) {
      check.run(s);
    }
    try (Storage s = Backends.openUnmapped(file)) {
      check.run(s);
    }
  }

  private static Variable v(Storage s, String name) {
    return s.findVariable(name).orElseThrow(() -> new AssertionError("no variable " + name));
  }

  @Test
  void describesItsFormat() throws Exception {
    both(
        s -> {
          assertEquals(format(), s.fileFormat());
          assertFalse(s.formatDescription().isEmpty());
          assertEquals(file.getFileName().toString(), Path.of(s.name()).getFileName().toString());
          assertEquals(Files.size(file), s.byteSize());
          assertEquals(List.of(), s.defects());
        });
  }

  @Test
  void dimensionsAttributesAndVariablesAreTheCdls() throws Exception {
    both(
        s -> {
          List<String> dims = new ArrayList<>();
          for (Dimension d : s.dimensions()) dims.add(d.name());
          assertTrue(dims.containsAll(List.of("n", "m", "len", "time")), dims.toString());
          Dimension time =
              s.dimensions().stream().filter(d -> d.name().equals("time")).findFirst().get();
          assertTrue(time.unlimited());
          assertEquals(4, s.recordCount());

          Attribute title = attribute(s.attributes(), "title");
          assertEquals("storage contract", title.text());
          Attribute version = attribute(s.attributes(), "version");
          assertEquals(DataType.FLOAT, version.type());
          assertEquals(8.25, version.doubleValue(0));
          Attribute ints = attribute(s.attributes(), "ints");
          assertEquals(3, ints.length());
          assertEquals(3, ints.longValue(2));

          List<String> names = new ArrayList<>();
          for (Variable x : s.variables()) names.add(x.name());
          List<String> expected =
              new ArrayList<>(List.of("d", "f", "i", "s", "b", "c", "t", "rec"));
          if (wide()) expected.add("big");
          assertEquals(expected, names);
          assertEquals(DataType.SHORT, v(s, "s").type());
          assertEquals("m", v(s, "d").attribute("units").orElseThrow().text());
          assertTrue(v(s, "rec").isRecord());
          assertFalse(v(s, "f").isRecord());
          assertArrayEquals(new long[] {3, 5}, s.shape(v(s, "f")));
          assertArrayEquals(new long[] {4, 5}, s.shape(v(s, "rec")));
          assertTrue(s.findVariable("nothing").isEmpty());
        });
  }

  private static Attribute attribute(List<Attribute> atts, String name) {
    return atts.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no attribute " + name));
  }

  @Test
  void everyTypeReadsAsWritten() throws Exception {
    both(
        s -> {
          double[] d = new double[5];
          s.read(v(s, "d"), new long[] {0}, new long[] {5}, d, 0);
          assertArrayEquals(D, d);
          assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[4]));
          float[] f = new float[15];
          s.read(v(s, "f"), new long[] {0, 0}, new long[] {3, 5}, f, 0);
          assertArrayEquals(F, f);
          int[] i = new int[5];
          s.read(v(s, "i"), new long[] {0}, new long[] {5}, i, 0);
          assertArrayEquals(I, i); // the last one unwritten: the _FillValue
          short[] sh = new short[3];
          s.read(v(s, "s"), new long[] {0}, new long[] {3}, sh, 0);
          assertArrayEquals(S, sh);
          byte[] b = new byte[5];
          s.read(v(s, "b"), new long[] {0}, new long[] {5}, b, 0);
          assertArrayEquals(B, b);
          byte[] c = new byte[24];
          s.read(v(s, "c"), new long[] {0, 0}, new long[] {3, 8}, c, 0);
          for (int r = 0; r < 3; r++) {
            byte[] row = new byte[8];
            byte[] text = C[r].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, row, 0, text.length);
            assertArrayEquals(row, java.util.Arrays.copyOfRange(c, 8 * r, 8 * r + 8));
          }
          double[] t = new double[4];
          s.read(v(s, "t"), new long[] {0}, new long[] {4}, t, 0);
          assertArrayEquals(T, t);
          if (wide()) {
            long[] l = new long[5];
            s.read(v(s, "big"), new long[] {0}, new long[] {5}, l, 0);
            assertArrayEquals(L, l);
          }
        });
  }

  @Test
  void slabsReadTheirPartAtTheOffset() throws Exception {
    both(
        s -> {
          float[] f = new float[2 + 6];
          s.read(v(s, "f"), new long[] {1, 1}, new long[] {2, 3}, f, 2);
          assertArrayEquals(new float[] {0, 0, F[6], F[7], F[8], F[11], F[12], F[13]}, f);
          double[] r = new double[6];
          s.read(v(s, "rec"), new long[] {1, 2}, new long[] {2, 3}, r, 0);
          assertArrayEquals(
              new double[] {rec(1, 2), rec(1, 3), rec(1, 4), rec(2, 2), rec(2, 3), rec(2, 4)}, r);
          double[] one = new double[1];
          s.read(v(s, "rec"), new long[] {3, 4}, new long[] {1, 1}, one, 0);
          assertEquals(rec(3, 4), one[0]);
          double[] none = new double[0];
          s.read(v(s, "rec"), new long[] {4, 0}, new long[] {0, 5}, none, 0);
        });
  }

  @Test
  void losslessConversionsOnlyAndTheyAreDecidedByType() throws Exception {
    both(
        s -> {
          double[] f = new double[15];
          s.read(v(s, "f"), new long[] {0, 0}, new long[] {3, 5}, f, 0);
          for (int k = 0; k < 15; k++) assertEquals(F[k], f[k]);
          long[] sh = new long[3];
          s.read(v(s, "s"), new long[] {0}, new long[] {3}, sh, 0);
          assertArrayEquals(new long[] {S[0], S[1], S[2]}, sh);
          IllegalArgumentException e =
              assertThrows(
                  IllegalArgumentException.class,
                  () -> s.read(v(s, "d"), new long[] {0}, new long[] {5}, new float[5], 0));
          assertTrue(e.getMessage().contains("d"), e.getMessage());
        });
  }

  @Test
  void aSlabBeyondTheShapeIsRefusedWithItsNumbers() throws Exception {
    both(
        s -> {
          IndexOutOfBoundsException e =
              assertThrows(
                  IndexOutOfBoundsException.class,
                  () -> s.read(v(s, "d"), new long[] {3}, new long[] {3}, new double[3], 0));
          assertTrue(e.getMessage().contains("3"), e.getMessage());
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> s.read(v(s, "rec"), new long[] {3, 0}, new long[] {2, 5}, new double[10], 0));
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> s.read(v(s, "d"), new long[] {0}, new long[] {5}, new double[4], 0));
        });
  }

  @Test
  void rawBytesAreBigEndianAndBuffersAdvance() throws Exception {
    both(
        s -> {
          ByteBuffer raw = ByteBuffer.allocate(4 + 20);
          raw.position(4);
          s.readRaw(v(s, "i"), new long[] {0}, new long[] {5}, raw);
          assertEquals(24, raw.position());
          ByteBuffer expected = ByteBuffer.allocate(20); // big-endian by default
          for (int x : I) expected.putInt(x);
          assertArrayEquals(expected.array(), java.util.Arrays.copyOfRange(raw.array(), 4, 24));

          DoubleBuffer direct = ByteBuffer.allocateDirect(8 * 7).asDoubleBuffer();
          direct.position(1);
          s.read(v(s, "rec"), new long[] {2, 0}, new long[] {1, 5}, direct);
          assertEquals(6, direct.position());
          for (int k = 0; k < 5; k++) assertEquals(rec(2, k), direct.get(1 + k));
          IntBuffer heap = IntBuffer.allocate(5);
          s.read(v(s, "i"), new long[] {0}, new long[] {5}, heap);
          assertArrayEquals(I, heap.array());
        });
  }

  @Test
  void viewsAreViewsOrSayWhyNot() throws Exception {
    both(
        s -> {
          var view = s.viewDoubles(v(s, "d"), new long[] {0}, new long[] {5});
          var why = s.whyNoView(v(s, "d"), new long[] {0}, new long[] {5}, DataType.DOUBLE);
          assertEquals(view.isEmpty(), why.isPresent(), why.toString());
          if (view.isPresent()) {
            double[] d = new double[5];
            view.get().get(d);
            assertArrayEquals(D, d);
          }
          assertTrue(
              s.viewDoubles(v(s, "f"), new long[] {0, 0}, new long[] {1, 5}).isEmpty(),
              "a float variable has no double view");
        });
  }

  @Test
  void cacheStatisticsCountChunkLookupsOrNothing() throws Exception {
    both(
        s -> {
          s.resetCacheStatistics();
          double[] r = new double[20];
          s.read(v(s, "rec"), new long[] {0, 0}, new long[] {4, 5}, r, 0);
          ChunkCache.Statistics st = s.cacheStatistics();
          if (chunked()) {
            assertTrue(st.hits() + st.misses() > 0, st.toString());
            s.resetCacheStatistics();
            assertEquals(0, s.cacheStatistics().hits() + s.cacheStatistics().misses());
          } else {
            assertEquals(ChunkCache.Statistics.NONE, st);
          }
        });
  }

  @Test
  void refreshKeepsWhatIsThere() throws Exception {
    both(
        s -> {
          s.refresh();
          assertEquals(4, s.recordCount());
        });
  }
}
