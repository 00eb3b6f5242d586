package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.exodusj.internal.hdf5.filter.FilterTools.StoredChunk;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged chunks (truncated at many lengths, bits flipped, size fields set to extremes) of every
 * read filter, seeded with chunks the C tools stored: each decode ends in a result no larger than
 * the chunk or an IOException, never another exception, an OutOfMemoryError (this test runs under a
 * 48 MB heap) or a hang.
 */
class FilterDamageSmallHeapTest {
  @TempDir Path dir;

  private static final Map<String, Integer> IDS =
      Map.of(
          "bzip2", 307, "lz4", 32004, "lzf", 32000, "blosc", 32001, "bitshuffle", 32008, "szip", 4);

  @ParameterizedTest
  @ValueSource(strings = {"bzip2", "lz4", "lzf", "blosc", "bitshuffle", "szip"})
  void damagedChunksEndInIoExceptions(String kind) throws Exception {
    int id = IDS.get(kind);
    FilterTools.requirePlugins(id);
    Path h5 = dir.resolve(kind + ".h5");
    FilterTools.chunksPy(dir, "write", kind, h5.toString());
    Path dump = dir.resolve("dump");
    FilterTools.chunksPy(dir, "dump", h5.toString(), dump.toString());
    Filter f = FilterTools.registered().get(id);
    List<StoredChunk> chunks = FilterTools.chunks(dump);
    Set<String> seen = new HashSet<>();
    int[] counts = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(240),
        () -> {
          Random r = new Random(id);
          for (StoredChunk c : chunks) {
            if ((c.mask() & 1) != 0 || !seen.add(c.dataset())) {
              continue;
            }
            byte[] raw = c.raw();
            int max = c.expected().length;
            for (int cut = 0; cut < raw.length; cut += Math.max(1, raw.length / 40)) {
              attempt(f, Arrays.copyOf(raw, cut), c, max, counts, "truncated to " + cut);
            }
            attempt(f, Arrays.copyOf(raw, raw.length - 1), c, max, counts, "last byte cut");
            for (int i = 0; i < 60; i++) {
              byte[] d = raw.clone();
              int flips = 1 + r.nextInt(3);
              for (int k = 0; k < flips; k++) {
                int pos = r.nextInt(Math.min(d.length, i < 30 ? 32 : d.length));
                d[pos] ^= (byte) (1 << r.nextInt(8));
              }
              attempt(f, d, c, max, counts, "bits flipped (" + i + ")");
            }
            for (int pos = 0; pos + 4 <= Math.min(raw.length, 24); pos += 4) {
              for (int v : new int[] {-1, 0x7FFFFFFF, 0, 1}) {
                byte[] d = raw.clone();
                CodecIo.putBeInt(d, pos, v);
                attempt(f, d, c, max, counts, "word " + pos + " set to " + v);
              }
            }
            // The chunk decoded with a smaller limit than it needs: refused, never written past.
            attempt(f, raw, c, max / 2, counts, "half the room");
          }
        });
    assertTrue(counts[1] > 50, kind + ": only " + counts[1] + " damaged chunks were refused");
  }

  private static void attempt(
      Filter f, byte[] data, StoredChunk c, int max, int[] counts, String what) {
    try {
      ByteBuffer out = f.decode(ByteBuffer.wrap(data), c.cd(), c.elementSize(), max, null);
      assertTrue(
          out.remaining() <= max, what + ": " + out.remaining() + " bytes decoded, max " + max);
      counts[0]++;
    } catch (IOException e) {
      counts[1]++;
    } catch (Throwable t) {
      fail(f.name() + " " + c.dataset() + " " + what + ": " + t, t);
    }
  }
}
