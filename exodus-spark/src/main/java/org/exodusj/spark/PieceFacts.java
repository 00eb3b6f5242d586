package org.exodusj.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.exodusj.ExodusFile;

/**
 * What an executor learns about a piece of a set that the next query over it needs again: the local
 * nodes a higher rank supplies, from the piece's Nemesis communication maps. Kept per JVM (an
 * executor runs many tasks over the same pieces, query after query), keyed by the file's path,
 * identity (inode), size and modification time, so that a file rewritten or grown in place is read
 * again; bounded by the number of node indices held, least recently used first out.
 */
final class PieceFacts {
  /** Node indices held at most (8 bytes each). */
  static final long BUDGET = 4L << 20;

  private record Key(String path, Object fileKey, long size, long modified, int rank) {}

  private static final Map<Key, long[]> CACHE = new LinkedHashMap<>(64, 0.75f, true);
  private static long held;

  private PieceFacts() {}

  /** Forgets what was found (the benchmark's cold runs). */
  static void clear() {
    synchronized (CACHE) {
      CACHE.clear();
      held = 0;
    }
  }

  /**
   * The local nodes (0-based, sorted) of piece {@code rank} at {@code path} that a higher rank also
   * holds ({@link ExodusScan#commMapExclusions}), from the cache or from {@code file}.
   */
  static long[] commMapExclusions(String path, ExodusFile file, int rank) throws IOException {
    BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
    Key k =
        new Key(
            path,
            a.fileKey(),
            a.size(),
            a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
            rank);
    synchronized (CACHE) {
      long[] hit = CACHE.get(k);
      if (hit != null) return hit;
    }
    long[] ex = ExodusScan.commMapExclusions(file, rank);
    if (ex.length <= BUDGET / 4) {
      synchronized (CACHE) {
        if (CACHE.put(k, ex) == null) held += ex.length;
        var it = CACHE.entrySet().iterator();
        while (held > BUDGET && it.hasNext()) {
          held -= it.next().getValue().length;
          it.remove();
        }
      }
    }
    return ex;
  }
}
