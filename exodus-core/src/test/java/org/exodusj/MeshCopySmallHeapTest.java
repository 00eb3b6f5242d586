package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExodusWriter#copyMesh} streams: run with {@code -Xmx48m} (the small-heap Surefire
 * execution), it copies a mesh whose connectivity alone, as one {@code long[]}, would not fit the
 * heap, and every copied value equals exgen's exact functions.
 */
class MeshCopySmallHeapTest {
  @TempDir Path dir;

  @Test
  void aMeshLargerThanTheHeapIsCopiedInBoundedMemory() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertTrue(maxHeap <= 64L << 20, "this test must run with a small heap, has " + maxHeap);
    int n = 100;
    Path src = dir.resolve("mesh.e");
    SampleFiles.writeHexMesh(src, n, n, n, 1, 1);
    ExgenOracle o = new ExgenOracle(n, n, n);
    assertTrue(o.elements() * 8 * Long.BYTES > maxHeap, "connectivity must exceed the heap");
    Path copy = dir.resolve("copy.e");
    try (ExodusFile f = ExodusFile.open(src);
        ExodusWriter w = ExodusWriter.create(copy, ExodusWriter.defineLike(f))) {
      w.copyMesh(f);
    }
    try (ExodusFile c = ExodusFile.open(copy)) {
      assertEquals(o.nodes(), c.nodeCount());
      assertEquals(0, c.timeStepCount());
      double[] x = new double[1 << 14];
      for (int axis = 0; axis < 3; axis++) {
        for (long s = 0; s < o.nodes(); s += x.length) {
          int k = (int) Math.min(x.length, o.nodes() - s);
          c.readCoordinates(axis, s, k, x, 0);
          for (int i = 0; i < k; i++) {
            if (x[i] != o.coord(axis, s + i)) throw new AssertionError("axis " + axis + " " + s);
          }
        }
      }
      Block b = c.blocks(EntityType.ELEM_BLOCK).get(0);
      long[] conn = new long[8 << 12];
      for (long e = 0; e < o.elements(); e += 1 << 12) {
        int k = (int) Math.min(1 << 12, o.elements() - e);
        c.readConnectivity(b, e, k, conn, 0);
        for (int i = 0; i < k * 8; i++) {
          if (conn[i] != o.conn(e + i / 8, i % 8)) throw new AssertionError("element " + e);
        }
      }
      EntitySet ns = c.sets(EntityType.NODE_SET).get(0);
      long[] entries = new long[(int) ns.entryCount()];
      c.readSetEntries(ns, 0, entries.length, entries, 0);
      for (int q = 0; q < entries.length; q++) assertEquals(o.nodeSetEntry(q), entries[q]);
    }
  }
}
