package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ShortestDouble} against the oracle it claims to match: {@link Double#toString} of Java 19
 * and later (Raffaello Giulietti's implementation in the JDK), run in a newer JDK found under
 * {@code /usr/lib/jvm} (CI's machines carry Temurin 25) on values that the child generates itself:
 * every power of two and its neighbours, every power of ten and its digits' multiples with their
 * neighbours, the smallest and largest subnormals and normals, -0.0, NaN, the infinities, floats
 * widened, and random bit patterns and field values.
 */
class ShortestDoubleNewerJdkTest {
  @TempDir Path dir;

  /** The child: prints the bits and Java 19+'s text of each value, one line each. */
  private static final String GENERATOR =
      String.join(
          "\n",
          "import java.util.SplittableRandom;",
          "public class Gen {",
          "  static StringBuilder out = new StringBuilder();",
          "  static void p(double v) {",
          "    out.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ')",
          "        .append(Double.toString(v)).append('\\n');",
          "    out.append(Long.toHexString(Double.doubleToRawLongBits(-v))).append(' ')",
          "        .append(Double.toString(-v)).append('\\n');",
          "  }",
          "  public static void main(String[] a) {",
          "    for (int e = -1074; e <= 1023; e++) {",
          "      double q = Math.scalb(1.0, e);",
          "      p(q); p(Math.nextUp(q)); p(Math.nextDown(q));",
          "    }",
          "    for (int e = -324; e <= 308; e++) {",
          "      for (int d = 1; d <= 9; d++) {",
          "        double q = Double.parseDouble(d + \"e\" + e);",
          "        p(q); p(Math.nextUp(q)); p(Math.nextDown(q));",
          "      }",
          "    }",
          "    for (long t = 0; t < 2000; t++) {",
          "      p(Double.longBitsToDouble(t));",
          "      p(Double.longBitsToDouble(0x000fffffffffffffL - t));",
          "      p(Double.longBitsToDouble(0x0010000000000000L + t));",
          "      p(Double.longBitsToDouble(0x7fefffffffffffffL - t));",
          "    }",
          "    p(0.0); p(Double.NaN); p(Double.POSITIVE_INFINITY);",
          "    SplittableRandom r = new SplittableRandom(Long.parseLong(a[0]));",
          "    for (int i = 0; i < 50000; i++) {",
          "      p(Double.longBitsToDouble(r.nextLong()));",
          "      p(Float.intBitsToFloat(r.nextInt()));",
          "      p(r.nextDouble(-1e8, 1e8));",
          "      p(r.nextInt(-1000000, 1000000) / 1000.0);",
          "      p(r.nextDouble() * Math.pow(10, r.nextInt(-330, 310)));",
          "    }",
          "    System.out.print(out);",
          "  }",
          "}",
          "");

  /** A JDK of feature version 19 or later, or null. */
  static Path newerJava() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> s = Files.list(jvms)) {
      for (Path j : s.sorted().toList()) {
        Path release = j.resolve("release");
        Path java = j.resolve("bin/java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
          continue;
        }
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
          if (line.startsWith("JAVA_VERSION=\"")) {
            String v = line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0];
            if (v.matches("\\d+") && Integer.parseInt(v) >= 19) {
              return java;
            }
          }
        }
      }
    }
    return null;
  }

  @Test
  void everyTextIsJava19sDoubleToString() throws Exception {
    Path java = newerJava();
    assumeTrue(java != null, "no JDK 19 or later under /usr/lib/jvm: the oracle is missing");
    Path src = dir.resolve("Gen.java");
    Files.writeString(src, GENERATOR, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(java.toString(), src.toString(), "2026")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> mismatches = new ArrayList<>();
    long n = 0;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int sp = line.indexOf(' ');
        double v = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, sp), 16));
        String jdk = line.substring(sp + 1);
        String ours = ShortestDouble.append(new StringBuilder(), v).toString();
        n++;
        if (!ours.equals(jdk) && mismatches.size() < 20) {
          mismatches.add(line + " ours " + ours);
        }
      }
    }
    assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "the generator finished");
    assertEquals(0, p.exitValue(), "the generator's exit status");
    assertEquals(true, n > 500_000, "values compared: " + n);
    assertEquals(List.of(), mismatches, String.format(Locale.ROOT, "of %d values", n));
  }
}
