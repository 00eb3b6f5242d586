package org.exodusj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import org.exodusj.Compression;
import org.exodusj.ExodusConverter;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;

/**
 * One batch job of the background analyses (several jobs patch disjoint frames of one file, each in
 * its own process, serialised by the file lock), for {@code side-by-side.sh jobs}.
 *
 * <p>usage: {@code JobsSpeed patch FILE FRAME...}: writes nodal variable 0 of every node at each
 * FRAME through an {@link ExodusUpdater} (default options: waits for the file) and commits; prints
 * {@code wait=} (seconds until the updater was open, the other jobs included), {@code open=} (the
 * open itself cannot be split from the wait: both together), {@code patch=} (the writes and the
 * commit), {@code heap=} (the sum of the heap pools' peak use, MB: an upper bound of the peak).
 *
 * <p>{@code JobsSpeed convert IN OUT}: our NetCDF-4 copy of IN (unfiltered, one step per chunk), as
 * {@code exo convert} writes it.
 */
public final class JobsSpeed {
  private JobsSpeed() {}

  public static void main(String[] a) throws Exception {
    if (a[0].equals("convert")) {
      ExodusConverter.convert(
          Path.of(a[1]),
          Path.of(a[2]),
          ExodusFormat.NETCDF4,
          new ExodusConverter.Chunking(Compression.NONE, 1, null),
          false,
          null);
      return;
    }
    Path f = Path.of(a[1]);
    long nodes;
    try (ExodusFile x = ExodusFile.open(f)) {
      nodes = x.nodeCount();
    }
    double[] v = new double[(int) Math.min(nodes, 1 << 16)];
    long t0 = System.nanoTime();
    long t1;
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      t1 = System.nanoTime();
      for (int i = 2; i < a.length; i++) {
        long frame = Long.parseLong(a[i]);
        for (long s = 0; s < nodes; s += v.length) {
          int n = (int) Math.min(v.length, nodes - s);
          for (int k = 0; k < n; k++) v[k] = frame * 1000.0 + s + k + 0.5;
          u.writeNodalVariable(0, frame, s, n, v, 0);
        }
      }
      u.commit();
    }
    long t2 = System.nanoTime();
    long heap = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) heap += p.getPeakUsage().getUsed();
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "wait+open=%.3f patch=%.3f heap=%.1f",
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            heap / 1048576.0));
  }
}
