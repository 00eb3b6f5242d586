package org.exodusj.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.QaRecord;
import org.exodusj.Topology;
import org.exodusj.TruthTable;

/**
 * Prints the canonical dump of {@code shared/spec/dump-format.md}: one record per line, tab
 * separated, in the order the reference C library's dumper uses. Streaming: arrays are read in
 * chunks of {@link #CHUNK} values, so memory stays bounded whatever the file size.
 */
final class CanonicalDump {
  static final int CHUNK = 1 << 16;

  /**
   * Steps wholly beyond the end of a classic file cut short that are still listed (as zeros, as the
   * C library dumps them); the rest are left out, so a header claiming billions of records does not
   * stream zeros for hours.
   */
  static final long MISSING_STEPS_LISTED = 10;

  private final ExodusFile f;
  private final Writer out;
  private final double[] reals = new double[CHUNK];
  private final long[] ints = new long[CHUNK];

  private long leftOut;

  CanonicalDump(ExodusFile f, Writer out) {
    this.f = f;
    this.out = out;
  }

  /** Reads {@code count} values from offset {@code start} into {@code dst}. */
  @FunctionalInterface
  interface RealReader {
    void read(long start, int count, double[] dst) throws IOException;
  }

  @FunctionalInterface
  interface IntReader {
    void read(long start, int count, long[] dst) throws IOException;
  }

  /** The steps wholly beyond the end of the file that the last {@link #dump} left out. */
  long stepsLeftOut() {
    return leftOut;
  }

  void dump() throws IOException {
    long counted = f.timeStepCount();
    long steps = Math.min(counted, f.timeStepsInFile() + MISSING_STEPS_LISTED);
    leftOut = counted - steps;
    line("title", f.title());
    line("num_dim", Long.toString(f.dimensionCount()));
    line("num_nodes", Long.toString(f.nodeCount()));
    line("num_elem", Long.toString(f.elementCount()));
    line("num_elem_blk", Long.toString(f.blocks(EntityType.ELEM_BLOCK).size()));
    line("num_node_sets", Long.toString(f.sets(EntityType.NODE_SET).size()));
    line("num_side_sets", Long.toString(f.sets(EntityType.SIDE_SET).size()));
    line("num_time_steps", Long.toString(counted));
    long nn = f.nodeCount();
    if (nn > 0 && f.dimensionCount() > 0) {
      String axes = "xyz";
      for (int d = 0; d < f.dimensionCount() && d < 3; d++) {
        final int axis = d;
        if (!f.hasCoordinates(axis)) {
          continue;
        }
        out.write("coord\t" + axes.charAt(d));
        reals(nn, (s, n, dst) -> f.readCoordinates(axis, s, n, dst, 0));
      }
      out.write("coord_names");
      for (String n : f.coordinateNames()) out.write("\t" + n);
      out.write('\n');
    }
    String[] blockNames = {"elem_block", "edge_block", "face_block"};
    EntityType[] blockTypes = {EntityType.ELEM_BLOCK, EntityType.EDGE_BLOCK, EntityType.FACE_BLOCK};
    for (int k = 0; k < 3; k++) {
      for (Block b : f.blocks(blockTypes[k])) {
        out.write(
            blockNames[k]
                + "\t"
                + b.id()
                + "\t"
                + b.storedType()
                + "\t"
                + b.entryCount()
                + "\t"
                + b.nodesPerEntry()
                + "\t"
                + b.attributeCount()
                + "\t"
                + b.name()
                + "\n");
        long len = b.connectivityLength();
        if (len > 0 && b.topology() != Topology.NULL && f.hasConnectivity(b)) {
          {
            out.write("connect\t" + blockNames[k] + "\t" + b.id());
            if (b.isPolytope()) {
              ints(len, (s, n, dst) -> f.readConnectivity(b, s, n, dst, 0));
            } else {
              long npe = b.nodesPerEntry();
              long perChunk = Math.max(1, CHUNK / Math.max(1, npe));
              longsByEntry(
                  b.entryCount(),
                  npe,
                  perChunk,
                  (s, n, dst) -> f.readConnectivity(b, s, n, dst, 0));
            }
          }
        }
        if (b.attributeCount() > 0 && b.entryCount() > 0) {
          out.write("attrib\t" + blockNames[k] + "\t" + b.id());
          long na = b.attributeCount();
          long perChunk = Math.max(1, CHUNK / na);
          for (long e = 0; e < b.entryCount(); e += perChunk) {
            int n = (int) Math.min(perChunk, b.entryCount() - e);
            double[] buf = n * na <= CHUNK ? reals : new double[(int) (n * na)];
            java.util.Arrays.fill(buf, 0, (int) (n * na), 0.0); // rows not stored print as 0
            f.readAttributes(b, e, n, buf, 0);
            writeReals(buf, (int) (n * na));
          }
          out.write('\n');
        }
      }
    }
    String[] setNames = {"node_set", "side_set", "elem_set", "edge_set", "face_set"};
    for (int k = 0; k < 5; k++) {
      for (EntitySet s : f.sets(EntityType.SET_TYPES.get(k))) {
        // The C dumper counts factors with ex_get_set_param, which finds none for element, edge
        // and face sets as libexodus stores them (on the entry dimension, with no count
        // dimension): it lists neither their count nor their values.
        long ndf = f.distributionFactorCountAsCLibrary(s);
        out.write(
            setNames[k]
                + "\t"
                + s.id()
                + "\t"
                + s.entryCount()
                + "\t"
                + ndf
                + "\t"
                + s.name()
                + "\n");
        if (s.entryCount() > 0) {
          out.write(setNames[k] + "_entries\t" + s.id());
          ints(s.entryCount(), (st, n, dst) -> f.readSetEntries(s, st, n, dst, 0));
          if (s.hasExtraList()) {
            out.write(setNames[k] + "_extra\t" + s.id());
            ints(s.entryCount(), (st, n, dst) -> f.readSetExtra(s, st, n, dst, 0));
          }
        }
        if (ndf > 0) {
          out.write(setNames[k] + "_df\t" + s.id());
          reals(
              s.distributionFactorCount(),
              (st, n, dst) -> f.readDistributionFactors(s, st, n, dst, 0));
        }
      }
    }
    if (nn > 0) {
      out.write("node_num_map");
      ints(nn, (s, n, dst) -> f.readIdMap(EntityType.NODE_MAP, s, n, dst, 0));
    }
    if (f.elementCount() > 0) {
      out.write("elem_num_map");
      ints(f.elementCount(), (s, n, dst) -> f.readIdMap(EntityType.ELEM_MAP, s, n, dst, 0));
    }
    for (QaRecord q : f.qaRecords()) {
      out.write(
          "qa\t"
              + q.codeName()
              + "\t"
              + q.codeVersion()
              + "\t"
              + q.date()
              + "\t"
              + q.time()
              + "\n");
    }
    for (String i : f.infoRecords()) {
      line("info", i);
    }
    if (steps > 0) {
      out.write("times");
      reals(steps, (s, n, dst) -> f.readTimes(s, n, dst, 0));
    }
    List<String> gnames = f.variableNames(EntityType.GLOBAL);
    if (!gnames.isEmpty()) {
      out.write("global_var_names");
      for (String n : gnames) out.write("\t" + n);
      out.write('\n');
      double[] g = new double[gnames.size()];
      for (long s = 0; s < steps; s++) {
        f.readGlobalVariables(s, g, 0);
        out.write("global_vars\t" + (s + 1));
        writeReals(g, g.length);
        out.write('\n');
      }
    }
    List<String> nnames = f.variableNames(EntityType.NODAL);
    for (int v = 0; v < nnames.size(); v++) {
      final int var = v;
      if (f.storedEntries(EntityType.NODAL, v, 0) < nn) {
        continue; // stored short: the C library's ex_get_var refuses it, so there is no record
      }
      for (long s = 0; s < steps; s++) {
        final long step = s;
        out.write("nodal_var\t" + nnames.get(v) + "\t" + (s + 1));
        reals(nn, (st, n, dst) -> f.readNodalVariable(var, step, st, n, dst, 0));
      }
    }
    String[] varRecords = {"elem_var", "node_set_var", "side_set_var", "edge_var", "face_var"};
    EntityType[] varTypes = {
      EntityType.ELEM_BLOCK,
      EntityType.NODE_SET,
      EntityType.SIDE_SET,
      EntityType.EDGE_BLOCK,
      EntityType.FACE_BLOCK
    };
    for (int k = 0; k < 5; k++) {
      EntityType t = varTypes[k];
      List<String> names = f.variableNames(t);
      if (names.isEmpty()) continue;
      TruthTable tab = f.truthTable(t);
      for (int o = 0; o < tab.objectIds().size(); o++) {
        long id = tab.objectIds().get(o);
        long cnt = t.isBlock() ? f.block(t, id).entryCount() : f.set(t, id).entryCount();
        if (cnt <= 0) continue;
        for (int v = 0; v < names.size(); v++) {
          if (!tab.has(o, v)) continue;
          if (f.storedEntries(t, v, id) < cnt) continue; // as above: no record from the C library
          final int var = v;
          for (long s = 0; s < steps; s++) {
            final long step = s;
            out.write(varRecords[k] + "\t" + names.get(v) + "\t" + id + "\t" + (s + 1));
            reals(cnt, (st, n, dst) -> f.readVariable(t, var, id, step, st, n, dst, 0));
          }
        }
      }
    }
    out.flush();
  }

  private void line(String type, String value) throws IOException {
    out.write(type);
    out.write('\t');
    out.write(value);
    out.write('\n');
  }

  /**
   * Arrays are zeroed before each read: where a file stores an array short (a defect), the reads
   * leave the missing entries untouched, and the C library's dumper prints them as the zeros of its
   * freshly allocated buffer.
   */
  private void reals(long total, RealReader r) throws IOException {
    for (long s = 0; s < total; s += CHUNK) {
      int n = (int) Math.min(CHUNK, total - s);
      java.util.Arrays.fill(reals, 0, n, 0.0);
      r.read(s, n, reals);
      writeReals(reals, n);
    }
    out.write('\n');
  }

  private void ints(long total, IntReader r) throws IOException {
    for (long s = 0; s < total; s += CHUNK) {
      int n = (int) Math.min(CHUNK, total - s);
      java.util.Arrays.fill(ints, 0, n, 0L);
      r.read(s, n, ints);
      for (int i = 0; i < n; i++) {
        out.write('\t');
        out.write(Long.toString(ints[i]));
      }
    }
    out.write('\n');
  }

  /** Connectivity read by entries, perChunk entries at a time. */
  private void longsByEntry(long entries, long npe, long perChunk, IntReader r) throws IOException {
    for (long e = 0; e < entries; e += perChunk) {
      int n = (int) Math.min(perChunk, entries - e);
      long[] buf = n * npe <= CHUNK ? ints : new long[(int) (n * npe)];
      r.read(e, n, buf);
      for (int i = 0; i < n * npe; i++) {
        out.write('\t');
        out.write(Long.toString(buf[i]));
      }
    }
    out.write('\n');
  }

  private void writeReals(double[] v, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.write('\t');
      out.write(Double.toString(v[i]));
    }
  }
}
