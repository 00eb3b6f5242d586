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

  // What reals() and ints() read: a switch over these instead of a lambda per record, as each
  // lambda's call site costs a short run its bootstrap (docs/benchmarks.md, "Start-up of exo").
  private static final int COORDS = 0;
  private static final int CONNECT = 1;
  private static final int SET_ENTRIES = 2;
  private static final int SET_EXTRA = 3;
  private static final int SET_FACTORS = 4;
  private static final int NODE_MAP = 5;
  private static final int ELEM_MAP = 6;
  private static final int TIMES = 7;
  private static final int NODAL_VAR = 8;
  private static final int VAR = 9;
  private static final int GLOBAL_VARS = 10;

  // the array the next reals() or ints() reads: its kind and the arguments it needs
  private int what;
  private int index; // axis or variable index
  private Block block;
  private EntitySet set;
  private EntityType type;
  private long id;
  private long step;

  private CanonicalDump source(int what) {
    this.what = what;
    return this;
  }

  /** Reads {@code count} values of the array {@link #source} named from {@code start}. */
  private void read(long start, int count, double[] dst) throws IOException {
    switch (what) {
      case COORDS -> f.readCoordinates(index, start, count, dst, 0);
      case SET_FACTORS -> f.readDistributionFactors(set, start, count, dst, 0);
      case TIMES -> f.readTimes(start, count, dst, 0);
      case NODAL_VAR -> f.readNodalVariable(index, step, start, count, dst, 0);
      case VAR -> f.readVariable(type, index, id, step, start, count, dst, 0);
      default -> throw new IllegalStateException("not an array of reals: " + what);
    }
  }

  private void read(long start, int count, long[] dst) throws IOException {
    switch (what) {
      case CONNECT -> f.readConnectivity(block, start, count, dst, 0);
      case SET_ENTRIES -> f.readSetEntries(set, start, count, dst, 0);
      case SET_EXTRA -> f.readSetExtra(set, start, count, dst, 0);
      case NODE_MAP -> f.readIdMap(EntityType.NODE_MAP, start, count, dst, 0);
      case ELEM_MAP -> f.readIdMap(EntityType.ELEM_MAP, start, count, dst, 0);
      default -> throw new IllegalStateException("not an array of integers: " + what);
    }
  }

  /** Reads all values of {@code count} steps from {@code firstStep}, step by step. */
  private void readSteps(long firstStep, int count, double[] dst) throws IOException {
    switch (what) {
      case GLOBAL_VARS -> f.readGlobalVariableSteps(firstStep, count, dst, 0);
      case NODAL_VAR -> f.readNodalVariableSteps(index, firstStep, count, dst, 0);
      case VAR -> f.readVariableSteps(type, index, id, firstStep, count, dst, 0);
      default -> throw new IllegalStateException("not a variable: " + what);
    }
  }

  /**
   * One record per step of the variable {@link #source} named, {@code n} values each, {@code
   * prefix} and the step number before them. As many steps as fit in {@link #CHUNK} values are read
   * in one call (a small file's variables in one read each, not one per step: a short run spends
   * much of its time per read); a step larger than that is read in chunks.
   */
  private void stepRecords(String prefix, long steps, long n) throws IOException {
    if (n <= 0 || n > CHUNK) {
      for (long s = 0; s < steps; s++) {
        out.write(prefix + (s + 1));
        step = s;
        reals(n);
      }
      return;
    }
    long perRead = CHUNK / n;
    for (long first = 0; first < steps; first += perRead) {
      int count = (int) Math.min(perRead, steps - first);
      java.util.Arrays.fill(reals, 0, (int) (count * n), 0.0);
      readSteps(first, count, reals);
      for (int i = 0; i < count; i++) {
        out.write(prefix);
        out.write(Long.toString(first + i + 1));
        writeReals(reals, (int) (i * n), (int) n);
        out.write('\n');
      }
    }
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
        if (!f.hasCoordinates(d)) {
          continue;
        }
        out.write("coord\t" + axes.charAt(d));
        index = d;
        source(COORDS).reals(nn);
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
            block = b;
            if (b.isPolytope()) {
              source(CONNECT).ints(len);
            } else {
              long npe = b.nodesPerEntry();
              long perChunk = Math.max(1, CHUNK / Math.max(1, npe));
              source(CONNECT).longsByEntry(b.entryCount(), npe, perChunk);
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
            writeReals(buf, 0, (int) (n * na));
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
        set = s;
        if (s.entryCount() > 0) {
          out.write(setNames[k] + "_entries\t" + s.id());
          source(SET_ENTRIES).ints(s.entryCount());
          if (s.hasExtraList()) {
            out.write(setNames[k] + "_extra\t" + s.id());
            source(SET_EXTRA).ints(s.entryCount());
          }
        }
        if (ndf > 0) {
          out.write(setNames[k] + "_df\t" + s.id());
          source(SET_FACTORS).reals(s.distributionFactorCount());
        }
      }
    }
    if (nn > 0) {
      out.write("node_num_map");
      source(NODE_MAP).ints(nn);
    }
    if (f.elementCount() > 0) {
      out.write("elem_num_map");
      source(ELEM_MAP).ints(f.elementCount());
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
      source(TIMES).reals(steps);
    }
    List<String> gnames = f.variableNames(EntityType.GLOBAL);
    if (!gnames.isEmpty()) {
      out.write("global_var_names");
      for (String n : gnames) out.write("\t" + n);
      out.write('\n');
      int ng = gnames.size();
      if (ng <= CHUNK) {
        source(GLOBAL_VARS).stepRecords("global_vars\t", steps, ng);
      } else {
        double[] g = new double[ng];
        for (long s = 0; s < steps; s++) {
          f.readGlobalVariables(s, g, 0);
          out.write("global_vars\t" + (s + 1));
          writeReals(g, 0, g.length);
          out.write('\n');
        }
      }
    }
    List<String> nnames = f.variableNames(EntityType.NODAL);
    for (int v = 0; v < nnames.size(); v++) {
      if (f.storedEntries(EntityType.NODAL, v, 0) < nn) {
        continue; // stored short: the C library's ex_get_var refuses it, so there is no record
      }
      index = v;
      source(NODAL_VAR).stepRecords("nodal_var\t" + nnames.get(v) + "\t", steps, nn);
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
          type = t;
          index = v;
          this.id = id;
          source(VAR)
              .stepRecords(varRecords[k] + "\t" + names.get(v) + "\t" + id + "\t", steps, cnt);
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
  private void reals(long total) throws IOException {
    for (long s = 0; s < total; s += CHUNK) {
      int n = (int) Math.min(CHUNK, total - s);
      java.util.Arrays.fill(reals, 0, n, 0.0);
      read(s, n, reals);
      writeReals(reals, 0, n);
    }
    out.write('\n');
  }

  private void ints(long total) throws IOException {
    for (long s = 0; s < total; s += CHUNK) {
      int n = (int) Math.min(CHUNK, total - s);
      java.util.Arrays.fill(ints, 0, n, 0L);
      read(s, n, ints);
      writeLongs(ints, n);
    }
    out.write('\n');
  }

  /** Connectivity read by entries, perChunk entries at a time. */
  private void longsByEntry(long entries, long npe, long perChunk) throws IOException {
    for (long e = 0; e < entries; e += perChunk) {
      int n = (int) Math.min(perChunk, entries - e);
      long[] buf = n * npe <= CHUNK ? ints : new long[(int) (n * npe)];
      read(e, n, buf);
      writeLongs(buf, (int) (n * npe));
    }
    out.write('\n');
  }

  // Values are appended to one builder and written a few thousand characters at a time: a write
  // per value costs a short run more than the text itself.
  private final StringBuilder text = new StringBuilder(1 << 13);

  private void writeLongs(long[] v, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      text.append('\t').append(v[i]);
      if (text.length() >= 1 << 12) drain();
    }
    drain();
  }

  private void writeReals(double[] v, int from, int n) throws IOException {
    for (int i = from; i < from + n; i++) {
      appendReal(text.append('\t'), v[i]);
      if (text.length() >= 1 << 12) drain();
    }
    drain();
  }

  private void drain() throws IOException {
    out.append(text);
    text.setLength(0);
  }

  /**
   * Appends the shortest text that reads back as {@code v} ({@link ShortestDouble}: the text of
   * {@link Double#toString} from Java 19 on, on every Java version); a whole number below 10^7 in
   * magnitude (zeros, ids, many coordinates and factors) the short way: as a long and ".0", the
   * same text.
   */
  static StringBuilder appendReal(StringBuilder b, double v) {
    long l = (long) v;
    if (l == v
        && l > -10_000_000L
        && l < 10_000_000L
        && (l != 0 || Double.doubleToRawLongBits(v) == 0)) {
      return b.append(l).append(".0");
    }
    return ShortestDouble.append(b, v);
  }
}
