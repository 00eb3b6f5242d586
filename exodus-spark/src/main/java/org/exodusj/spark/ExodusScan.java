package org.exodusj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.Nemesis;
import org.exodusj.Topology;

/**
 * A planned read: the partitions, cut from the files' own layout (pieces x step ranges x entity
 * ranges, sized by bytes), after the pushed filters and the selected columns.
 */
final class ExodusScan implements Scan, Batch, SupportsReportStatistics {
  private final ReadOptions options;
  private final Sources.Resolved sources;
  private final StructType readSchema;
  private final Filter[] filters;
  private final Aggregates aggregates;
  private final StructType outputSchema;
  private volatile List<ExodusPartition> planned;

  /**
   * A scan of the columns {@code schema}; with {@code aggregates} (or null) it reads the columns
   * they need and returns their partial aggregates instead.
   */
  ExodusScan(
      ReadOptions options,
      Sources.Resolved sources,
      StructType schema,
      Filter[] filters,
      Aggregates aggregates) {
    this.options = options;
    this.sources = sources;
    this.readSchema = aggregates == null ? schema : aggregates.input(schema);
    this.outputSchema = aggregates == null ? schema : aggregates.output(schema);
    this.filters = filters.clone();
    this.aggregates = aggregates;
  }

  @Override
  public StructType readSchema() {
    return outputSchema;
  }

  @Override
  public String description() {
    return "exodus kind="
        + options.kind().optionName()
        + " path="
        + options.path()
        + " pushed="
        + Arrays.toString(filters)
        + (aggregates == null ? "" : " aggregated");
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    // consecutive parts (of one piece, or small pieces one after the other) grouped into tasks of
    // about the target bytes; as Spark's file sources do, no larger than an even share of the
    // cores, and as many tasks as a multiple of the cores, so that the cores finish together
    long total = 0;
    for (ExodusPartition p : plan()) total += p.bytes;
    int cores = Math.max(1, SparkSession.active().sparkContext().defaultParallelism());
    long target = Math.min(options.partitionBytes(), Math.max(4L << 20, total / cores));
    long tasks = Math.max(1, (total + target - 1) / target);
    if (tasks > 1) tasks = (tasks + cores - 1) / cores * cores;
    target = Math.max(1, (total + tasks - 1) / tasks);
    List<InputPartition> groups = new ArrayList<>();
    List<ExodusPartition> current = new ArrayList<>();
    long bytes = 0;
    for (ExodusPartition p : plan()) {
      // close the task where this part would take it past the target by more than half the part
      if (!current.isEmpty() && bytes + p.bytes / 2 > target) {
        groups.add(new ExodusPartitionGroup(current.toArray(new ExodusPartition[0])));
        current.clear();
        bytes = 0;
      }
      current.add(p);
      bytes += p.bytes;
    }
    if (!current.isEmpty()) {
      groups.add(new ExodusPartitionGroup(current.toArray(new ExodusPartition[0])));
    }
    return groups.toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ExodusReaderFactory(options, readSchema, aggregates);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ReadMetrics.supported();
  }

  @Override
  public Statistics estimateStatistics() {
    long rows = 0;
    for (ExodusPartition p : plan()) rows += p.rows;
    long rowBytes = 0;
    for (StructField f : outputSchema.fields()) rowBytes += f.dataType().defaultSize();
    long bytes = rows * Math.max(1, rowBytes);
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(bytes);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(rowsOf());
      }

      private long rowsOf() {
        long r = 0;
        for (ExodusPartition p : plan()) {
          // aggregated: at most one row per step of a partition
          r += aggregates == null ? p.rows : Math.min(p.rows, Math.max(1, p.steps.length));
        }
        return r;
      }
    };
  }

  /** The partitions, planned once. */
  List<ExodusPartition> plan() {
    List<ExodusPartition> p = planned;
    if (p == null) {
      synchronized (this) {
        if (planned == null) planned = List.copyOf(planAll());
        p = planned;
      }
    }
    return p;
  }

  private List<ExodusPartition> planAll() {
    List<ExodusPartition> out = new ArrayList<>();
    List<String> varColumns = new ArrayList<>();
    for (StructField f : readSchema.fields()) {
      if (!Layout.isFixed(options.kind(), f.name())) varColumns.add(f.name());
    }
    for (Sources.Source s : sources.sources()) {
      Map<String, Object> known = new HashMap<>();
      known.put(Layout.SOURCE, s.name());
      if (!Filters.mayMatch(filters, known)) continue;
      int pieces = s.pieces().size();
      boolean set = s.isSet();
      long[][] notOwned = null;
      for (int rank = 0; rank < pieces; rank++) {
        String path = s.pieces().get(rank);
        if (options.kind() == ReadOptions.Kind.GLOBAL && rank > 0) break;
        try (OpenFiles.Lease l = OpenFiles.acquire(options, Path.of(path))) {
          ExodusFile f = l.file();
          long[] excluded = new long[0];
          boolean viaComm = false;
          if (set
              && (options.kind() == ReadOptions.Kind.NODAL
                  || options.kind() == ReadOptions.Kind.NODES)) {
            viaComm = hasCommMaps(f);
            if (!viaComm) {
              if (notOwned == null) notOwned = idMapExclusions(s);
              excluded = notOwned[rank];
            }
          }
          int first = out.size();
          planFile(s, path, f, excluded, varColumns, out);
          if (viaComm) {
            // the executor reads the piece's communication maps (the driver only their sizes)
            for (int i = first; i < out.size(); i++) out.get(i).commRank = rank;
          }
        } catch (IOException e) {
          throw new UncheckedIOException(message(path, e), e);
        }
      }
    }
    return out;
  }

  static String message(String path, Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.contains(path) ? m : path + ": " + m;
  }

  private void planFile(
      Sources.Source s,
      String path,
      ExodusFile f,
      long[] excluded,
      List<String> varColumns,
      List<ExodusPartition> out)
      throws IOException {
    ReadOptions.Kind kind = options.kind();
    int[] steps = new int[0];
    if (kind == ReadOptions.Kind.NODAL
        || kind == ReadOptions.Kind.ELEMENT
        || kind == ReadOptions.Kind.GLOBAL) {
      steps = selectSteps(s, f);
      if (steps.length == 0) return;
    }
    EntityType vt = Layout.variableType(kind);
    List<String> names = vt == null ? List.of() : f.variableNames(vt);
    int[] vars = new int[varColumns.size()];
    for (int i = 0; i < vars.length; i++) vars[i] = names.indexOf(varColumns.get(i));
    int nv = Math.max(1, vars.length);
    switch (kind) {
      case GLOBAL -> {
        ExodusPartition q =
            new ExodusPartition(
                s.name(), path, 0, 0, 0, 0, steps, new long[0], vars, null, steps.length);
        q.bytes = 8L * nv * steps.length;
        out.add(q);
      }
      case NODAL, NODES -> {
        long n = f.nodeCount();
        Filters.IdRanges ids = Filters.ranges(filters, "node_id");
        long rowBytes = kind == ReadOptions.Kind.NODAL ? 8L * nv : 8L * (1 + f.dimensionCount());
        for (long[] r : entityRanges(f, EntityType.NODE_MAP, ids, 0, n)) {
          split(s.name(), path, 0, 0, r[0], r[1], steps, excluded, vars, ids, rowBytes, out);
        }
      }
      case ELEMENT, ELEMENTS -> {
        Filters.IdRanges ids = Filters.ranges(filters, "elem_id");
        long offset = 0;
        for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
          long n = b.entryCount();
          long off = offset;
          offset += n;
          if (n == 0
              || !Filters.mayMatch(filters, Map.of("block_id", b.id(), "source", s.name()))) {
            continue;
          }
          int[] bv = vars.clone();
          if (kind == ReadOptions.Kind.ELEMENT) {
            for (int i = 0; i < bv.length; i++) {
              if (bv[i] >= 0 && !f.hasVariable(EntityType.ELEM_BLOCK, bv[i], b.id())) bv[i] = -1;
            }
          } else if (b.topology() == Topology.NFACED) {
            throw new UnsupportedOperationException(
                path
                    + ": block "
                    + b.id()
                    + " is "
                    + b.storedType()
                    + " (polyhedra by faces); the elements kind reads blocks whose connectivity"
                    + " lists nodes");
          }
          // NSIDED: nodesPerEntry is the length of the block's whole node list
          long nodes = b.isPolytope() ? -Math.floorDiv(-b.nodesPerEntry(), n) : b.nodesPerEntry();
          long rowBytes = kind == ReadOptions.Kind.ELEMENT ? 8L * nv : 8L * (2 + nodes);
          for (long[] r : entityRanges(f, EntityType.ELEM_MAP, ids, off, n)) {
            split(
                s.name(),
                path,
                b.id(),
                off,
                r[0],
                r[1],
                steps,
                new long[0],
                bv,
                ids,
                rowBytes,
                out);
          }
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  /** The steps (0-based) the filters may accept, from this file's times. */
  private int[] selectSteps(Sources.Source s, ExodusFile f) throws IOException {
    int n = Math.toIntExact(f.timeStepCount());
    double[] t = new double[n];
    if (n > 0) f.readTimes(0, n, t, 0);
    int[] keep = new int[n];
    int k = 0;
    Map<String, Object> known = new HashMap<>();
    known.put(Layout.SOURCE, s.name());
    for (int i = 0; i < n; i++) {
      known.put("step", i + 1);
      known.put("time", t[i]);
      if (Filters.mayMatch(filters, known)) keep[k++] = i;
    }
    return Arrays.copyOf(keep, k);
  }

  /**
   * The local entity ranges {lo, hi} of {@code [off, off + n)} (as offsets from {@code off}) whose
   * ids the filters may accept: narrowed only where the file's ids are its indices + 1.
   */
  private static List<long[]> entityRanges(
      ExodusFile f, EntityType map, Filters.IdRanges ids, long off, long n) throws IOException {
    if (ids == null || (f.hasIdMap(map) && !f.idMap(map).isIdentity())) {
      return List.of(new long[] {0, n});
    }
    List<long[]> r = new ArrayList<>();
    for (int i = 0; i < ids.lo.length; i++) {
      long a = ids.lo[i] <= off + 1 ? 0 : ids.lo[i] - 1 - off;
      long b = ids.hi[i] >= off + n ? n : ids.hi[i] - off;
      if (a < b) r.add(new long[] {a, b});
    }
    return r;
  }

  /** Cuts entities {@code [a, b)} x {@code steps} into partitions of about the target bytes. */
  private void split(
      String source,
      String path,
      long blockId,
      long blockOffset,
      long a,
      long b,
      int[] steps,
      long[] excluded,
      int[] vars,
      Filters.IdRanges ids,
      long rowBytes,
      List<ExodusPartition> out) {
    long target = options.partitionBytes();
    long n = b - a;
    long perStep = n * rowBytes;
    boolean stepped = steps.length > 0;
    if (perStep >= target || !stepped) {
      long chunk = Math.max(1, target / rowBytes);
      int[][] groups = stepped ? new int[steps.length][] : new int[][] {steps};
      if (stepped) for (int i = 0; i < steps.length; i++) groups[i] = new int[] {steps[i]};
      for (int[] g : groups) {
        for (long s = a; s < b; s += chunk) {
          long c = Math.min(chunk, b - s);
          ExodusPartition q =
              part(source, path, blockId, blockOffset, s, c, g, excluded, vars, ids);
          q.bytes = q.rows * rowBytes;
          out.add(q);
        }
      }
    } else {
      int per = (int) Math.max(1, Math.min(steps.length, target / Math.max(1, perStep)));
      for (int i = 0; i < steps.length; i += per) {
        int[] g = Arrays.copyOfRange(steps, i, Math.min(steps.length, i + per));
        ExodusPartition q = part(source, path, blockId, blockOffset, a, n, g, excluded, vars, ids);
        q.bytes = q.rows * rowBytes;
        out.add(q);
      }
    }
  }

  private static ExodusPartition part(
      String source,
      String path,
      long blockId,
      long blockOffset,
      long start,
      long count,
      int[] steps,
      long[] excluded,
      int[] vars,
      Filters.IdRanges ids) {
    int lo = lowerBound(excluded, start);
    int hi = lowerBound(excluded, start + count);
    long[] ex = Arrays.copyOfRange(excluded, lo, hi);
    long rows = (count - ex.length) * Math.max(1, steps.length);
    return new ExodusPartition(
        source, path, blockId, blockOffset, start, count, steps, ex, vars, ids, rows);
  }

  private static int lowerBound(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the piece has Nemesis node communication maps to tell its shared nodes by. */
  private static boolean hasCommMaps(ExodusFile f) throws IOException {
    Optional<Nemesis> nem = f.nemesis();
    if (nem.isEmpty() || nem.get().processorsInFile() != 1) return false;
    for (Nemesis.CommMap m : nem.get().nodeCommMaps(0)) {
      if (m.count() > 0) return true;
    }
    return false;
  }

  /**
   * The local nodes (0-based, sorted) of piece {@code rank} that a higher rank also holds (the last
   * rank holding a node supplies it, as epu and {@code ExodusFileSet}), from the piece's Nemesis
   * node communication maps.
   */
  static long[] commMapExclusions(ExodusFile f, int rank) throws IOException {
    Nemesis n = f.nemesis().orElseThrow();
    List<Nemesis.CommMap> maps = n.nodeCommMaps(0);
    long[] out = new long[16];
    int k = 0;
    for (Nemesis.CommMap m : maps) {
      Nemesis.NodeCommMap cm = n.nodeCommMap(m.id(), 0);
      for (int i = 0; i < cm.nodes().length; i++) {
        if (cm.processors()[i] > rank) {
          if (k == out.length) out = Arrays.copyOf(out, 2 * k);
          out[k++] = cm.nodes()[i] - 1;
        }
      }
    }
    long[] r = Arrays.copyOf(out, k);
    Arrays.sort(r);
    // a node may be shared with several higher ranks
    int w = 0;
    for (int i = 0; i < r.length; i++) if (w == 0 || r[w - 1] != r[i]) r[w++] = r[i];
    return Arrays.copyOf(r, w);
  }

  /**
   * Per rank, the local nodes a higher rank also holds, by global id ({@code node_num_map}); for
   * sets whose pieces carry no communication maps. Reads every piece's node id map.
   */
  private long[][] idMapExclusions(Sources.Source s) throws IOException {
    int pieces = s.pieces().size();
    long[][] out = new long[pieces][];
    long[] seen = new long[0];
    for (int r = pieces - 1; r >= 0; r--) {
      String path = s.pieces().get(r);
      try (OpenFiles.Lease l = OpenFiles.acquire(options, Path.of(path))) {
        ExodusFile f = l.file();
        int n = Math.toIntExact(f.nodeCount());
        long[] ids = new long[n];
        if (n > 0) f.readIdMap(EntityType.NODE_MAP, 0, n, ids, 0);
        long[] ex = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (Arrays.binarySearch(seen, ids[i]) >= 0) ex[k++] = i;
        }
        out[r] = Arrays.copyOf(ex, k);
        long[] merged = Arrays.copyOf(seen, seen.length + n);
        System.arraycopy(ids, 0, merged, seen.length, n);
        Arrays.sort(merged);
        seen = merged;
      } catch (IOException e) {
        throw new IOException(message(path, e), e);
      }
    }
    return out;
  }
}
