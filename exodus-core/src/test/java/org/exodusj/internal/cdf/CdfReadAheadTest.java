package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CdfFile#readAhead()}: while the handle is held, reads of the small fixed variables give
 * the values of the file as it was read ahead; after it is closed, reads go to the file again and
 * see what was written since. A file cut short reads the same with and without it. Oracle: the
 * hand-assembled files' values ({@link HandAssembledCdf#value}).
 */
class CdfReadAheadTest {
  @TempDir Path dir;

  /** Fixed variable of type {@code code}: salted by its position, {@code code - 1}. */
  private static long[] expected(int code, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) out[i] = HandAssembledCdf.value(code, code - 1, i);
    return out;
  }

  private static long[] readLongs(Storage f, String name) throws IOException {
    CdfVariable v = (CdfVariable) f.findVariable(name).orElseThrow();
    long[] shape = f.shape(v);
    long n = 1;
    for (long s : shape) n *= s;
    long[] out = new long[(int) n];
    f.read(v, new long[shape.length], shape, out, 0);
    return out;
  }

  @Test
  void readsFromTheCopyWhileHeldAndFromTheFileAfter() throws IOException {
    for (boolean mapped : new boolean[] {true, false}) {
      Path p = dir.resolve("f" + mapped + ".nc");
      Files.write(p, HandAssembledCdf.build(2));
      try (CdfFile f = mapped ? CdfFile.open(p) : CdfFile.openUnmapped(p)) {
        CdfVariable ints = f.findVariable("fixed_int").orElseThrow();
        int n = HandAssembledCdf.N * HandAssembledCdf.M;
        try (Storage.ReadAhead ahead = f.readAhead()) {
          assertNotEquals(Storage.ReadAhead.NONE, ahead, "the fixed variables are read ahead");
          for (int code : new int[] {1, 3, 4}) {
            String name = "fixed_" + HandAssembledCdf.NAMES[code - 1];
            assertArrayEquals(expected(code, n), readLongs(f, name), name);
          }
          byte[] chars = new byte[n];
          f.read(
              f.findVariable("fixed_char").orElseThrow(), new long[2], new long[] {5, 3}, chars, 0);
          for (int i = 0; i < n; i++) assertEquals(HandAssembledCdf.value(2, 1, i), chars[i]);
          double[] d = new double[n];
          f.read(
              f.findVariable("fixed_double").orElseThrow(), new long[2], new long[] {5, 3}, d, 0);
          for (int i = 0; i < n; i++) assertEquals(HandAssembledCdf.valueAsDouble(6, 5, i), d[i]);
          // a record variable is never read ahead
          long[] rec = readLongs(f, "rec_int");
          for (int r = 0; r < HandAssembledCdf.RECORDS; r++) {
            for (int i = 0; i < HandAssembledCdf.M; i++) {
              assertEquals(
                  HandAssembledCdf.value(4, HandAssembledCdf.recordSalt(4, r), i),
                  rec[r * HandAssembledCdf.M + i]);
            }
          }
          // the first value of fixed_int changed on disk: the copy still holds the old one
          overwriteInt(p, ints.begin(), 424242);
          assertEquals(HandAssembledCdf.value(4, 3, 0), readLongs(f, "fixed_int")[0]);
        }
        // the handle closed: reads see the file
        long[] now = readLongs(f, "fixed_int");
        assertEquals(424242, now[0]);
        assertArrayEquals(Arrays.copyOfRange(expected(4, n), 1, n), Arrays.copyOfRange(now, 1, n));
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the read-ahead is held while g reads
  void aFileCutShortReadsTheSameWithAndWithoutIt() throws IOException {
    byte[] whole = HandAssembledCdf.buildFixedOnly(2);
    Path p = dir.resolve("cut.nc");
    long cut;
    try (CdfFile f = CdfFile.open(writeTo(p, whole))) {
      cut = f.findVariable("fixed_double").orElseThrow().begin() + 20;
    }
    Files.write(p, Arrays.copyOf(whole, (int) cut)); // cut inside fixed_double
    String[] names = {"fixed_byte", "fixed_short", "fixed_int"};
    long[][] plain = new long[names.length][];
    try (CdfFile f = CdfFile.open(p)) {
      for (int k = 0; k < names.length; k++) plain[k] = readLongs(f, names[k]);
      double[] d = new double[15];
      f.read(f.findVariable("fixed_double").orElseThrow(), new long[2], new long[] {5, 3}, d, 0);
      try (CdfFile g = CdfFile.open(p);
          Storage.ReadAhead ahead = g.readAhead()) {
        for (int k = 0; k < names.length; k++) {
          assertArrayEquals(plain[k], readLongs(g, names[k]), names[k]);
        }
        double[] e = new double[15];
        g.read(g.findVariable("fixed_double").orElseThrow(), new long[2], new long[] {5, 3}, e, 0);
        assertArrayEquals(d, e);
        assertEquals(0.0, e[14], "missing bytes read as zeros");
        assertEquals(HandAssembledCdf.valueAsDouble(6, 5, 1), e[1]);
      }
    }
  }

  /**
   * The header's read (8 KiB first) serves the read-ahead where it reaches, and the rest is read
   * after it: on the corpus's MOOSE outputs (read-ahead ranges ending before, across and far past 8
   * KiB) every small fixed variable read under the read-ahead holds the file's bytes.
   */
  @Test
  @SuppressWarnings("try") // the read-ahead is held while the variables are read
  void theHeadersReadServesTheReadAheadOfCorpusFiles() throws IOException {
    Path corpus = org.exodusj.internal.testutil.ExternalTools.corpus();
    int before = 0;
    int across = 0;
    int past = 0;
    for (String name :
        new String[] {
          "blackbear__test__tests__concrete_ASR_validation__gold__asr_validation_case1_out.e",
          "blackbear__test__tests__concrete_moisture_heat_transfer__maqbeth_1d.e",
          "blackbear__test__tests__function_offset_bc__gold__circular_out.e",
          "mastodon__examples__ex05a__foundbeam_noded.e",
          "mastodon__test__tests__bcs__seismic_displacement__gold__seismic_displacement_out.e"
        }) {
      Path p = corpus.resolve(name);
      byte[] all = Files.readAllBytes(p);
      for (boolean mapped : new boolean[] {true, false}) {
        try (CdfFile f = mapped ? CdfFile.open(p) : CdfFile.openUnmapped(p);
            Storage.ReadAhead ahead = f.readAhead()) {
          for (CdfVariable v : f.variables()) {
            long end = v.begin() + v.dataBytes();
            if (v.isRecord() || v.dataBytes() == 0 || v.dataBytes() > 4096 || end > all.length) {
              continue;
            }
            ByteBuffer b = ByteBuffer.allocate((int) v.dataBytes());
            f.readRaw(v, new long[v.rank()], f.shape(v), b);
            assertArrayEquals(
                Arrays.copyOfRange(all, (int) v.begin(), (int) end),
                b.array(),
                name + " " + v.name());
            if (end <= 8192) before++;
            else if (v.begin() < 8192) across++;
            else past++;
          }
        }
      }
    }
    assertTrue(before > 0 && across > 0 && past > 0, before + " " + across + " " + past);
  }

  /**
   * The reads served straight from the copy (whole rows of a small fixed INT, CHAR or BYTE
   * variable) give the same values as the file at any row range and destination offset; slabs that
   * are not whole rows, bounds that do not hold, a destination too small and a variable of another
   * open of the file take the checked path, with its exceptions and numbers.
   */
  @Test
  @SuppressWarnings("try") // the read-ahead is held while the slabs are read
  void rowRangesFromTheCopyAndEveryOtherSlabChecked() throws IOException {
    Path p = dir.resolve("rows.nc");
    Files.write(p, HandAssembledCdf.build(2));
    int n = HandAssembledCdf.N;
    int m = HandAssembledCdf.M;
    long[] ints = expected(4, n * m);
    try (CdfFile f = CdfFile.open(p);
        CdfFile other = CdfFile.open(p);
        Storage.ReadAhead ahead = f.readAhead()) {
      CdfVariable fi = f.findVariable("fixed_int").orElseThrow();
      CdfVariable fc = f.findVariable("fixed_char").orElseThrow();
      for (int start = 0; start < n; start++) {
        for (int count = 0; start + count <= n; count++) {
          long[] l = new long[count * m + 3];
          Arrays.fill(l, -7);
          f.read(fi, new long[] {start, 0}, new long[] {count, m}, l, 2);
          int[] i = new int[count * m + 1];
          f.read(fi, new long[] {start, 0}, new long[] {count, m}, i, 1);
          byte[] c = new byte[count * m];
          f.read(fc, new long[] {start, 0}, new long[] {count, m}, c, 0);
          assertEquals(-7, l[0]);
          assertEquals(-7, l[1]);
          assertEquals(-7, l[l.length - 1]);
          for (int k = 0; k < count * m; k++) {
            assertEquals(ints[start * m + k], l[2 + k]);
            assertEquals(ints[start * m + k], i[1 + k]);
            assertEquals(HandAssembledCdf.value(2, 1, start * m + k), c[k]);
          }
        }
      }
      // one column: not whole rows
      long[] col = new long[n];
      f.read(fi, new long[] {0, 1}, new long[] {n, 1}, col, 0);
      for (int r = 0; r < n; r++) assertEquals(ints[r * m + 1], col[r]);
      IndexOutOfBoundsException past =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.read(fi, new long[] {4, 0}, new long[] {2, m}, new long[2 * m], 0));
      assertTrue(past.getMessage().contains("fixed_int"), past.getMessage());
      IndexOutOfBoundsException small =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> f.read(fi, new long[] {0, 0}, new long[] {2, m}, new long[2 * m], 1));
      assertTrue(small.getMessage().contains("from offset 1"), small.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> f.read(fi, new long[] {0}, new long[] {1}, new long[1], 0));
      CdfVariable foreign = other.findVariable("fixed_int").orElseThrow();
      IllegalArgumentException notOurs =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.read(foreign, new long[] {0, 0}, new long[] {1, m}, new long[m], 0));
      assertTrue(notOurs.getMessage().contains("does not belong"), notOurs.getMessage());
    }
  }

  private static Path writeTo(Path p, byte[] b) throws IOException {
    Files.write(p, b);
    return p;
  }

  private static void overwriteInt(Path p, long at, int value) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).putInt(0, value), at);
    }
  }
}
