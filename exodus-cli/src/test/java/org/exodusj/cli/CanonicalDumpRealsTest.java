package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dump's reals ({@link CanonicalDump#appendReal}: whole numbers the short way, the rest through
 * {@link ShortestDouble}) print what Java 17's {@link Double#toString} prints (the oracle) for
 * every value where that is the shortest text, and the definition's text ({@link
 * ShortestDoubleTest#definition}) where Java 17 prints a longer one; at the edges of the short way
 * and beyond them.
 */
class CanonicalDumpRealsTest {
  private static void same(double v) {
    String text = CanonicalDump.appendReal(new StringBuilder(), v).toString();
    String jdk = Double.toString(v);
    if (!text.equals(jdk)) {
      assertEquals(
          ShortestDoubleTest.definition(v),
          text,
          () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(v)) + ", Java 17 " + jdk);
    }
  }

  @Test
  void printsAsDoubleToString() {
    double[] edges = {
      0.0,
      -0.0,
      1.0,
      -1.0,
      9_999_999.0,
      -9_999_999.0,
      10_000_000.0,
      -10_000_000.0,
      1e7 - 0.5,
      0.5,
      -0.5,
      1e-3,
      9.99e-4,
      123456.75,
      Math.nextUp(1.0),
      Math.nextDown(1.0),
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MAX_VALUE,
      (double) Long.MAX_VALUE,
      (double) Long.MIN_VALUE,
      1e19,
      -1e19,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.longBitsToDouble(0x7ff8000000000001L) // another NaN
    };
    for (double v : edges) same(v);
    for (long l = -20_000; l <= 20_000; l++) same(l);
    SplittableRandom r = new SplittableRandom(25);
    for (int i = 0; i < 200_000; i++) {
      same(r.nextLong(-20_000_000L, 20_000_000L)); // whole numbers both sides of 10^7
      same(Double.longBitsToDouble(r.nextLong())); // any bits
      same(r.nextDouble(-1e8, 1e8));
    }
  }
}
