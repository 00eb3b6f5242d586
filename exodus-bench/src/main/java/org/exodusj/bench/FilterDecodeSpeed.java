package org.exodusj.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.exodusj.internal.hdf5.filter.Filter;

/**
 * The Java twin of {@code exodus-bench/c/filterdecode.c}: decodes the stored HDF5 chunks that
 * exodus-core's {@code chunks.py dump} wrote (the chunks as HDF5 stored them and the bytes HDF5 and
 * the plugin decode them to) with the registered filter of their id, checks them once, then prints
 * the best of REPS passes over all chunks, in the C program's format.
 *
 * <p>usage: {@code FilterDecodeSpeed DUMPDIR REPS}
 */
public final class FilterDecodeSpeed {
  private FilterDecodeSpeed() {}

  /** One stored chunk: its bytes, client data, element size and the decoded bytes expected. */
  record Stored(byte[] raw, byte[] expected, int elementSize, int filterId, int[] cd) {}

  public static void main(String[] args) throws Exception {
    List<Stored> chunks = load(Path.of(args[0]));
    int reps = Integer.parseInt(args[1]);
    ByteBuffer scratch = ByteBuffer.allocate(maxSize(chunks));
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int r = 0; r <= reps; r++) {
      long t0 = System.nanoTime();
      bytes = decodeAll(chunks, scratch, r == 0);
      double t = (System.nanoTime() - t0) * 1e-9;
      if (r > 0) {
        best = Math.min(best, t);
      }
    }
    System.out.printf(
        java.util.Locale.ROOT, "best=%.6f bytes=%d chunks=%d%n", best, bytes, chunks.size());
  }

  static int maxSize(List<Stored> chunks) {
    return chunks.stream().mapToInt(c -> c.expected().length).max().orElse(0);
  }

  /** Decodes every chunk into {@code scratch}; checks the bytes where {@code check}. */
  static long decodeAll(List<Stored> chunks, ByteBuffer scratch, boolean check) throws IOException {
    long bytes = 0;
    for (Stored c : chunks) {
      Filter f = filter(c.filterId());
      ByteBuffer out =
          f.decode(ByteBuffer.wrap(c.raw()), c.cd(), c.elementSize(), c.expected().length, scratch);
      if (check) {
        byte[] got = new byte[out.remaining()];
        out.duplicate().get(got);
        if (!Arrays.equals(got, c.expected())) {
          throw new IllegalStateException("decoded bytes differ from HDF5's");
        }
      }
      bytes += out.remaining();
    }
    return bytes;
  }

  private static Filter cached;

  private static Filter filter(int id) {
    if (cached == null || cached.id() != id) {
      for (Filter f : ServiceLoader.load(Filter.class)) {
        if (f.id() == id) {
          cached = f;
        }
      }
    }
    if (cached == null || cached.id() != id) {
      throw new IllegalStateException("no filter registered for id " + id);
    }
    return cached;
  }

  /** The filtered chunks of a dump (chunks stored unfiltered are left out). */
  static List<Stored> load(Path dir) throws IOException {
    List<Stored> list = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("index.txt"))) {
      String[] f = line.trim().split(" ");
      if (f.length < 6 || (Integer.parseInt(f[3]) & 1) != 0) {
        continue;
      }
      int[] cd =
          f.length > 6
              ? Arrays.stream(f[6].split(",")).mapToInt(s -> (int) Long.parseLong(s)).toArray()
              : new int[0];
      list.add(
          new Stored(
              Files.readAllBytes(dir.resolve(f[1])),
              Files.readAllBytes(dir.resolve(f[2])),
              Integer.parseInt(f[4]),
              Integer.parseInt(f[5]),
              cd));
    }
    return list;
  }
}
