package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory, proven under a real limit: this class runs in its own JVM with {@code -Xmx48m}
 * (the small-heap Surefire execution). It writes a file several times larger than the heap with the
 * streaming sample writer, then reads every value of it through chunk iterators.
 */
class LargeFileStreamingSmallHeapTest {
  @TempDir Path dir;

  @Test
  void everyValueOfAFileLargerThanTheHeapStreamsThrough() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertTrue(maxHeap <= 64L << 20, "this test must run with a small heap, has " + maxHeap);
    int n = 60;
    int steps = 40;
    int vars = 3;
    Path p = dir.resolve("large.e");
    SampleFiles.writeHexMesh(p, n, n, n, steps, vars);
    long size = Files.size(p);
    assertTrue(size > 4 * maxHeap, "file " + size + " bytes, heap " + maxHeap);
    ExgenOracle o = new ExgenOracle(n, n, n);
    long checked = 0;
    try (ExodusFile f = ExodusFile.open(p)) {
      for (int v = 0; v < vars; v++) {
        try (ValueChunks c = f.nodalVariableChunks(v, 0, steps, 1 << 15)) {
          while (c.next()) {
            DoubleBuffer b = c.values();
            for (int i = 0; i < b.remaining(); i++) {
              if (b.get(i) != o.nodal(v, c.step(), c.start() + i)) {
                throw new AssertionError(
                    "var " + v + " step " + c.step() + " node " + (c.start() + i));
              }
            }
            checked += b.remaining();
          }
        }
      }
      try (ValueChunks c = f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, 0, steps, 1 << 15)) {
        while (c.next()) {
          DoubleBuffer b = c.values();
          for (int i = 0; i < b.remaining(); i++) {
            assertEquals(o.element(c.step(), c.start() + i), b.get(i));
          }
          checked += b.remaining();
        }
      }
    }
    assertEquals((o.nodes() * vars + o.elements()) * steps, checked);

    // Converting it, with value-by-value verification, stays within the same small heap.
    Path converted = dir.resolve("large.cdf5");
    ExodusConverter.Result r = ExodusConverter.convert(p, converted, ExodusFormat.CDF5, true, null);
    assertTrue(r.verified());
    assertTrue(Files.size(converted) > 4 * maxHeap, "converted " + Files.size(converted));
  }
}
