package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.junit.jupiter.api.Test;

/**
 * 32-bit ints widened to longs ({@link Decode#toLongs} of {@code INT}: id maps, connectivity):
 * against the values assembled here from the bytes by shifts, for random bytes of both byte orders,
 * heap, direct and read-only buffers, counts from 0 to 10,000 and unaligned positions, with the
 * neighbours in the destination untouched; and the id maps of the corpus against {@code ncdump}. (A
 * bulk variant, an int view's bulk copy then a widening loop, measured slower than this per-value
 * loop in JMH and was not adopted.)
 */
class DecodeIntsToLongsTest {
  private static long assembled(byte[] bytes, int at, ByteOrder order) {
    int b0 = bytes[at] & 0xff;
    int b1 = bytes[at + 1] & 0xff;
    int b2 = bytes[at + 2] & 0xff;
    int b3 = bytes[at + 3] & 0xff;
    return order == ByteOrder.BIG_ENDIAN
        ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
        : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
  }

  @Test
  void randomBytesDecodeAsAssembledByHand() {
    Random r = new Random(42);
    int[] counts = {0, 1, 15, 16, 17, 2047, 2048, 2049, 4101, 10_000};
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      for (int kind = 0; kind < 3; kind++) {
        for (int n : counts) {
          for (int at : new int[] {0, 3}) {
            byte[] bytes = new byte[at + 4 * n + 5];
            r.nextBytes(bytes);
            ByteBuffer b =
                kind == 1
                    ? ByteBuffer.allocateDirect(bytes.length)
                    : ByteBuffer.allocate(bytes.length);
            b.put(0, bytes);
            if (kind == 2) b = b.asReadOnlyBuffer();
            b.order(order);
            long[] dst = new long[n + 4];
            java.util.Arrays.fill(dst, 77);
            Decode.toLongs(b, at, DataType.INT, n, dst, 2);
            String where = order + " kind " + kind + " n " + n + " at " + at;
            assertEquals(77, dst[0], where);
            assertEquals(77, dst[1], where);
            for (int k = 0; k < n; k++) {
              assertEquals(assembled(bytes, at + 4 * k, order), dst[2 + k], where + " value " + k);
            }
            assertEquals(77, dst[n + 2], where);
            assertEquals(77, dst[n + 3], where);
            assertEquals(0, b.position(), where);
          }
        }
      }
    }
  }

  @Test
  void corpusIdMapsReadAsNcdumpShowsThem() throws Exception {
    ExternalTools.require("ncdump");
    Path corpus = ExternalTools.corpus();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(corpus)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".cdl") && !p.toString().endsWith(".md"))
          .filter(p -> !p.toString().endsWith(".tsv"))
          .sorted()
          .forEach(files::add);
    }
    int checked = 0;
    for (Path p : files) {
      String header = ExternalTools.run("ncdump", "-h", p.toString());
      boolean nodes = header.contains("\tint node_num_map(");
      boolean elems = header.contains("\tint elem_num_map(");
      if (!nodes && !elems) continue;
      Map<String, List<NcdumpData.Token>> data = NcdumpData.of(p);
      try (ExodusFile f = ExodusFile.open(p)) {
        if (nodes) checked += compare(f, EntityType.NODE_MAP, data.get("node_num_map"), p);
        if (elems) checked += compare(f, EntityType.ELEM_MAP, data.get("elem_num_map"), p);
      }
    }
    assertTrue(checked >= 5, "id maps checked: " + checked);
  }

  private static int compare(ExodusFile f, EntityType map, List<NcdumpData.Token> t, Path p)
      throws Exception {
    long[] got = new long[t.size()];
    f.readIdMap(map, 0, got.length, got, 0);
    for (int k = 0; k < got.length; k++) {
      assertEquals(Long.parseLong(t.get(k).text()), got[k], p + " " + map + " entry " + k);
    }
    return 1;
  }
}
