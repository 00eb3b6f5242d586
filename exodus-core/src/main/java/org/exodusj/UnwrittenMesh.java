package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.model.ExodusNames;

/**
 * Finds the mesh arrays of a file that were never written: coordinates that hold only the netCDF
 * fill value (netCDF-C and HDF5 with fill on), or only 0 on more than one node (a classic file the
 * C library wrote without {@code ex_put_coord}: it turns fill off, so what it never wrote reads as
 * 0); connectivity of fixed-size blocks that holds only fill values or 0 (node numbers are
 * 1-based). Reads the first and the last entry of each array, and the whole array, in chunks, only
 * where both look unwritten: a file with its mesh costs two small reads per array.
 */
final class UnwrittenMesh {
  /** netCDF's default fill values ({@code NC_FILL_DOUBLE}, {@code NC_FILL_FLOAT} widened). */
  static final double FILL_DOUBLE = 9.9692099683868690e+36;

  static final double FILL_FLOAT = (double) 9.9692099683868690e+36f;
  static final long FILL_INT = -2147483647L;
  static final long FILL_INT64 = -9223372036854775806L;

  private static final int CHUNK = 1 << 16;

  private UnwrittenMesh() {}

  private static boolean realFill(double v) {
    return v == FILL_DOUBLE || v == FILL_FLOAT;
  }

  private static boolean intFill(long v) {
    return v == FILL_INT || v == FILL_INT64;
  }

  /** What was never written, one line per array kind, for {@link ExodusFile#defects()}. */
  static List<String> find(ExodusFile f) throws IOException {
    List<String> out = new ArrayList<>();
    long n = f.nodeCount();
    if (n > 0) {
      List<String> fill = new ArrayList<>();
      List<String> zero = new ArrayList<>();
      int axes = 0;
      for (int a = 0; a < f.dimensionCount(); a++) {
        if (!f.hasCoordinates(a)) continue;
        axes++;
        int kind = coordinates(f, a, n);
        if (kind == 1) fill.add(ExodusNames.coord(a));
        if (kind == 2) zero.add(ExodusNames.coord(a));
      }
      if (axes > 0 && fill.size() == axes) {
        out.add(
            "coordinates never written: "
                + String.join(", ", fill)
                + " hold only the fill value on "
                + n
                + " nodes");
      } else if (axes > 0 && zero.size() + fill.size() == axes && n > 1 && !zero.isEmpty()) {
        List<String> all = new ArrayList<>(zero);
        all.addAll(fill);
        out.add(
            "coordinates never written: "
                + String.join(", ", all)
                + " hold only 0 (or the fill value) on "
                + n
                + " nodes");
      }
    }
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) {
        if (b.entryCount() == 0
            || b.nodesPerEntry() <= 0
            || b.topology() == Topology.NSIDED
            || b.topology() == Topology.NFACED
            || !f.hasConnectivity(b)) {
          continue;
        }
        String what = connectivity(f, b);
        if (what != null) {
          out.add(
              "connectivity of "
                  + t
                  + " "
                  + b.id()
                  + " never written: its "
                  + b.entryCount()
                  + " entries hold only "
                  + what);
        }
      }
    }
    return out;
  }

  /** 0 written, 1 only fill values, 2 only zeros (or zeros and fill values). */
  private static int coordinates(ExodusFile f, int axis, long n) throws IOException {
    double[] ends = new double[1];
    f.readCoordinates(axis, 0, 1, ends, 0);
    double first = ends[0];
    f.readCoordinates(axis, n - 1, 1, ends, 0);
    double last = ends[0];
    if (!(realFill(first) || first == 0) || !(realFill(last) || last == 0)) return 0;
    double[] buf = new double[(int) Math.min(CHUNK, n)];
    boolean anyZero = false;
    for (long s = 0; s < n; s += buf.length) {
      int c = (int) Math.min(buf.length, n - s);
      f.readCoordinates(axis, s, c, buf, 0);
      for (int i = 0; i < c; i++) {
        if (buf[i] == 0) {
          anyZero = true;
        } else if (!realFill(buf[i])) {
          return 0;
        }
      }
    }
    return anyZero ? 2 : 1;
  }

  /** "the fill value", "0", or null where something was written. */
  private static String connectivity(ExodusFile f, Block b) throws IOException {
    int per = (int) b.nodesPerEntry();
    long entries = b.entryCount();
    long[] one = new long[per];
    f.readConnectivity(b, 0, 1, one, 0);
    for (long v : one) if (v != 0 && !intFill(v)) return null;
    f.readConnectivity(b, entries - 1, 1, one, 0);
    for (long v : one) if (v != 0 && !intFill(v)) return null;
    long rows = Math.max(1, CHUNK / per);
    long[] buf = new long[(int) (Math.min(rows, entries) * per)];
    boolean anyZero = false;
    for (long s = 0; s < entries; s += rows) {
      long c = Math.min(rows, entries - s);
      f.readConnectivity(b, s, c, buf, 0);
      for (int i = 0; i < c * per; i++) {
        if (buf[i] == 0) {
          anyZero = true;
        } else if (!intFill(buf[i])) {
          return null;
        }
      }
    }
    return anyZero ? "0" : "the fill value";
  }
}
