package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken headers: truncation at every byte of the header, random bit flips, and every
 * header word set to extreme values. The only exception allowed is {@link ExodusFormatException};
 * each seed has a time limit; and this class runs in its own JVM with a 48 MiB heap (see the
 * small-heap Surefire execution in exodus-core/pom.xml), so a header that makes the reader allocate
 * by its claims ends in an OutOfMemoryError and fails the test.
 */
class HostileHeaderSmallHeapTest {
  static int opened;
  static int rejected;

  static Stream<Arguments> seeds() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (int v : new int[] {1, 2, 5}) {
      out.add(Arguments.of("hand-assembled CDF-" + v, HandAssembledCdf.build(v)));
    }
    Path corpus = ExternalTools.shared().resolve("corpus");
    if (Files.isDirectory(corpus)) {
      try (Stream<Path> files = Files.list(corpus)) {
        for (Path p : files.sorted().toList()) {
          if (Files.isRegularFile(p) && isClassic(p) && Files.size(p) < 200_000) {
            out.add(Arguments.of(p.getFileName().toString(), Files.readAllBytes(p)));
          }
        }
      }
    }
    return out.stream();
  }

  static boolean isClassic(Path p) throws IOException {
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(p)) {
      if (in.read(head) != 4) return false;
    }
    return head[0] == 'C' && head[1] == 'D' && head[2] == 'F' && head[3] != 0x01 || isCdf1(head);
  }

  static boolean isCdf1(byte[] h) {
    return h[0] == 'C' && h[1] == 'D' && h[2] == 'F' && h[3] == 1;
  }

  /** Opens the bytes and reads every variable; only ExodusFormatException may come out. */
  static void openAndReadAll(String name, byte[] bytes) {
    try (CdfFile f = CdfFile.open(WindowedByteSource.ofBytes(name, bytes, 1 << 20))) {
      opened++;
      for (CdfVariable v : f.variables()) {
        long[] shape = f.shape(v);
        long n = 1;
        for (long s : shape) {
          n = s != 0 && n > Long.MAX_VALUE / 16 / s ? Long.MAX_VALUE / 16 : n * s;
        }
        long[] start = new long[shape.length];
        if (n * v.type().size() <= 4L * bytes.length) {
          ByteBuffer raw = ByteBuffer.allocate((int) (n * v.type().size()));
          try {
            f.readRaw(v, start, shape, raw);
          } catch (ExodusFormatException expected) {
            rejected++;
          }
        } else if (n > 0) {
          // Claims more data than the file could hold: one value must fail cleanly.
          long[] one = new long[shape.length];
          Arrays.fill(one, 1);
          try {
            f.readRaw(v, start, one, ByteBuffer.allocate(8));
          } catch (ExodusFormatException expected) {
            rejected++;
          }
        }
      }
    } catch (ExodusFormatException e) {
      rejected++;
      assertTrue(e.getMessage().startsWith(name), e.getMessage());
    } catch (IOException | RuntimeException | Error e) {
      fail(name + ": " + e, e);
    }
  }

  static long headerBytes(byte[] bytes) throws IOException {
    try (CdfFile f = CdfFile.open(WindowedByteSource.ofBytes("seed", bytes, 1 << 20))) {
      return f.header().headerBytes();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void truncationAtEveryHeaderByte(String name, byte[] bytes) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          long h = headerBytes(bytes);
          for (int cut = 0; cut <= h + 16 && cut < bytes.length; cut++) {
            openAndReadAll(name + "[cut " + cut + "]", Arrays.copyOf(bytes, cut));
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void randomBitFlipsInTheHeader(String name, byte[] bytes) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          long h = headerBytes(bytes);
          Random random = new Random(name.hashCode());
          for (int trial = 0; trial < 1500; trial++) {
            byte[] b = bytes.clone();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
              int at = random.nextInt((int) h);
              b[at] ^= (byte) (1 << random.nextInt(8));
            }
            openAndReadAll(name + "[trial " + trial + "]", b);
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void everyHeaderWordSetToExtremes(String name, byte[] bytes) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          long h = headerBytes(bytes);
          int[] extremes = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x40000000, 0};
          for (int at = 4; at + 4 <= h; at += 4) {
            for (int x : extremes) {
              byte[] b = bytes.clone();
              ByteBuffer.wrap(b).putInt(at, x);
              openAndReadAll(name + "[word " + at + "=" + x + "]", b);
            }
          }
        });
  }

  @Test
  void theCorpusInvalidFileIsRejectedClearly() throws IOException {
    Path dir = ExternalTools.corpus().resolve("invalid");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        try (CdfFile f = CdfFile.open(p)) {
          fail(p + " opened: " + f.header());
        } catch (ExodusFormatException e) {
          assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
          assertTrue(e.offset() >= 0, e.getMessage());
        }
      }
    }
  }
}
