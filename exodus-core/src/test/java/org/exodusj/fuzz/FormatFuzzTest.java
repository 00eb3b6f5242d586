package org.exodusj.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.cdf.CdfVariable;
import org.exodusj.internal.io.WindowedByteSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the classic header parser with its reads, and of the whole
 * open path (format detection, either backend, the Exodus model, reads). The invariant: only {@link
 * ExodusFormatException} (or another IOException naming the file) comes out; anything else, an
 * OutOfMemoryError under the small heap included, is a finding.
 *
 * <p>In a normal build ({@code mvn verify}) each target runs its committed inputs from {@code
 * src/test/resources/org/exodusj/fuzz/FormatFuzzTestInputs/<target>} as regression tests; the
 * executions {@code fuzz-classic-header} and {@code fuzz-any-file} of exodus-core/pom.xml then fuzz
 * each target for 75 s with {@code JAZZER_FUZZ=1}. Longer runs: docs/reliability.md.
 */
class FormatFuzzTest {
  @FuzzTest(maxDuration = "75s")
  void classicHeader(byte[] input) {
    try (CdfFile f = CdfFile.open(WindowedByteSource.ofBytes("fuzz.nc", input, 1 << 20))) {
      for (CdfVariable v : f.variables()) {
        long[] shape = f.shape(v);
        long n = 1;
        for (long s : shape) n = s == 0 ? 0 : (n > (1L << 20) / s ? (1L << 21) : n * s);
        if (n > 0 && n * v.type().size() <= 1 << 20) {
          f.readRaw(
              v, new long[shape.length], shape, ByteBuffer.allocate((int) (n * v.type().size())));
        }
      }
    } catch (ExodusFormatException expected) {
      // the documented outcome for a bad file
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("fuzz.nc")) {
        throw new AssertionError("an IOException that does not name the file: " + e, e);
      }
    }
  }

  @FuzzTest(maxDuration = "75s")
  void anyFile(byte[] input) throws IOException {
    Path p = Files.createTempFile("exodusj-fuzz", ".e");
    try {
      Files.write(p, input);
      try (ExodusFile f = ExodusFile.open(p)) {
        f.timeStepCount();
        for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
          if (f.hasConnectivity(b) && b.connectivityLength() < 100_000) {
            f.connectivity(b);
          }
        }
        if (f.nodeCount() < 100_000 && f.dimensionCount() > 0 && f.hasCoordinates(0)) {
          f.coordinates(0);
        }
      } catch (ExodusFormatException expected) {
        // the documented outcome for a bad file
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains(p.toString())) {
          throw new AssertionError("an IOException that does not name the file: " + e, e);
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
        // A header that parses but whose Exodus metadata contradicts itself (a block claiming
        // more entries than its variable holds): a checked, described refusal, not a crash.
        if (e.getMessage() == null) {
          throw new AssertionError("a refusal without a message", e);
        }
      }
    } finally {
      Files.deleteIfExists(p);
    }
  }
}
