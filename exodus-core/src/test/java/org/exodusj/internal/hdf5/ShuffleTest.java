package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.exodusj.internal.hdf5.filter.ShuffleFilter;
import org.junit.jupiter.api.Test;

/**
 * The writer's shuffle (8x8 and 4x4 byte transposes in registers) against HDF5's definition of the
 * filter written out byte by byte here: byte k of element i goes to {@code k * n + i}; trailing
 * bytes that make no whole element are copied as they are. Also undone by the reader's unshuffle.
 */
class ShuffleTest {
  private static byte[] definition(byte[] data, int es) {
    int n = data.length / es;
    byte[] s = new byte[data.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < es; k++) s[k * n + i] = data[i * es + k];
    }
    System.arraycopy(data, n * es, s, n * es, data.length - n * es);
    return s;
  }

  @Test
  void everyElementSizeAndCountMatchesTheDefinition() {
    Random r = new Random(16);
    for (int es : new int[] {1, 2, 4, 8}) {
      for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099}) {
        byte[] data = new byte[n * es];
        r.nextBytes(data);
        byte[] s = new byte[data.length];
        ShuffleFilter.shuffle(data, s, n, es);
        assertArrayEquals(definition(data, es), s, "element size " + es + ", " + n + " elements");
        if (es > 1) {
          assertArrayEquals(data, ShuffleFilter.unshuffle(s, es), "round trip, " + es + "x" + n);
        }
      }
    }
  }
}
