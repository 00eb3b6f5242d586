package org.exodusj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scan's four-lane maximum and sum against the plain loops they replace: the maximum bit for
 * bit (NaN, -0.0 and 0.0 included), the sum to the last bits.
 */
class FoldTest {
  @Test
  void maximumIsMathMaxOverEveryValue() {
    SplittableRandom r = new SplittableRandom(27);
    double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    for (int n = 0; n < 40; n++) {
      for (int trial = 0; trial < 50; trial++) {
        double[] b = new double[n + 3];
        for (int i = 0; i < b.length; i++) {
          b[i] = r.nextInt(8) == 0 ? specials[r.nextInt(specials.length)] : r.nextDouble(-5, 5);
          if (trial % 3 == 0 && r.nextBoolean()) b[i] = r.nextBoolean() ? -0.0 : 0.0;
        }
        int from = Math.min(n, r.nextInt(3));
        double want = Double.NEGATIVE_INFINITY;
        for (int i = from; i < n; i++) want = Math.max(want, b[i]);
        assertEquals(
            Double.doubleToRawLongBits(want),
            Double.doubleToRawLongBits(ExodusAggregateReader.max(b, from, n)),
            "n=" + n + " from=" + from);
      }
    }
  }

  @Test
  void sumIsThePlainSumToTheLastBits() {
    SplittableRandom r = new SplittableRandom(9);
    for (int n = 0; n < 100; n++) {
      double[] b = new double[n];
      for (int i = 0; i < n; i++) b[i] = r.nextDouble(-1e6, 1e6);
      double want = 0;
      for (double v : b) want += v;
      assertEquals(want, ExodusAggregateReader.sum(b, 0, n), 1e-9 * (1 + Math.abs(want)), "n=" + n);
    }
    assertEquals(
        Double.NaN, ExodusAggregateReader.sum(new double[] {1, 2, Double.NaN, 4, 5}, 0, 5));
  }
}
