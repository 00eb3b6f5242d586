package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged Exodus files through the whole stack (format detection, either backend, the Exodus model,
 * every read of the canonical dump): truncated at sampled points and bit-flipped. Only {@link
 * ExodusFormatException} (or another IOException naming the file) may come out, within a time
 * limit, under the 48 MiB heap of the small-heap execution. Seeds: the NetCDF-4 corpus files and a
 * sample of classic ones.
 */
class HostileFilesSmallHeapTest {
  @TempDir Path dir;

  static Stream<Path> seeds() throws IOException {
    Path corpus = ExternalTools.shared().resolve("corpus");
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(corpus)) {
      return out.stream();
    }
    for (Path d : List.of(corpus, corpus.resolve("derived"))) {
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.sorted().toList()) {
          if (Files.isRegularFile(p)
              && !p.toString().endsWith(".cdl")
              && Files.size(p) < 1_000_000) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(p), 4);
            boolean hdf = head[1] == 'H' && head[2] == 'D' && head[3] == 'F';
            if (hdf
                || p.getFileName().toString().contains("HEX27")
                || p.getFileName().toString().contains("test-assembly")) {
              out.add(p);
            }
          }
        }
      }
    }
    return out.stream();
  }

  /** Opens and reads everything; returns normally or with an IOException naming the file. */
  static void readAll(Path p) {
    try (ExodusFile f = ExodusFile.open(p)) {
      new DumpAll(f).run();
    } catch (IOException e) {
      assertTrue(
          e.getMessage() != null && e.getMessage().contains(p.toString()),
          "message names the file: " + e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
      // The file opened but claims entities whose data is inconsistent: a caller-facing check
      // fired, with a message. Acceptable for damaged metadata; never a crash.
      assertTrue(e.getMessage() != null, e.toString());
    } catch (Throwable t) {
      fail(p + ": " + t, t);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void truncatedAndBitFlippedFilesFailCleanly(Path seed) throws Exception {
    byte[] b = Files.readAllBytes(seed);
    Path t = dir.resolve("damaged-" + seed.getFileName());
    assertTimeoutPreemptively(
        Duration.ofSeconds(180),
        () -> {
          Random r = new Random(seed.getFileName().toString().hashCode());
          for (int k = 0; k < 40; k++) {
            int cut =
                k < 20 ? (int) ((long) b.length * k / 20) : r.nextInt(Math.min(b.length, 8192));
            Files.write(t, Arrays.copyOf(b, cut));
            readAll(t);
          }
          for (int k = 0; k < 150; k++) {
            byte[] c = b.clone();
            int at = r.nextInt(Math.min(c.length, 16384));
            c[at] ^= (byte) (1 << r.nextInt(8));
            Files.write(t, c);
            readAll(t);
          }
        });
  }

  /** Reads what the canonical dump reads, through the public API. */
  static final class DumpAll {
    final ExodusFile f;

    DumpAll(ExodusFile f) {
      this.f = f;
    }

    void run() throws IOException {
      f.timeStepCount();
      for (int a = 0; a < f.dimensionCount() && a < 3; a++) {
        if (f.hasCoordinates(a) && f.nodeCount() < 1_000_000) f.coordinates(a);
      }
      for (EntityType t :
          List.of(EntityType.ELEM_BLOCK, EntityType.EDGE_BLOCK, EntityType.FACE_BLOCK)) {
        for (Block b : f.blocks(t)) {
          if (f.hasConnectivity(b) && b.connectivityLength() < 1_000_000) f.connectivity(b);
        }
      }
      for (EntityType t : List.of(EntityType.NODE_SET, EntityType.SIDE_SET)) {
        for (EntitySet s : f.sets(t)) {
          if (s.entryCount() > 0 && s.entryCount() < 1_000_000) {
            f.readSetEntries(s, 0, s.entryCount(), new long[(int) s.entryCount()], 0);
          }
        }
      }
      long steps = Math.min(f.timeStepCount(), 3);
      if (steps > 0) f.readTimes(0, steps, new double[(int) steps], 0);
      for (int v = 0; v < f.variableNames(EntityType.NODAL).size(); v++) {
        for (long s = 0; s < steps; s++) {
          if (f.nodeCount() < 1_000_000) {
            f.readNodalVariable(v, s, 0, f.nodeCount(), new double[(int) f.nodeCount()], 0);
          }
        }
      }
    }
  }
}
