package org.exodusj.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;

/**
 * Reads one partition into columnar batches: each batch is one step of up to {@code batchRows}
 * entities (or up to {@code batchRows} steps of the global variables). Values go from the file into
 * a reused {@code double[]} (the library's read into a caller buffer) and from there into Spark's
 * column vectors in bulk; no object is made per value. The vectors are reused: a batch is valid
 * until the next call of {@link #next()}, as Spark expects.
 */
final class ExodusBatchReader implements PartitionReader<ColumnarBatch> {
  private static final int SOURCE = 0;
  private static final int STEP = 1;
  private static final int TIME = 2;
  private static final int NODE_ID = 3;
  private static final int ELEM_ID = 4;
  private static final int BLOCK_ID = 5;
  private static final int COORD = 6;
  private static final int TOPOLOGY = 7;
  private static final int CONNECTIVITY = 8;
  private static final int VARIABLE = 9;

  private final ReadOptions options;
  private final ExodusPartition p;
  private final ReadOptions.Kind kind;
  private final int[] role;
  private final int[] arg; // COORD: axis; VARIABLE: position in p.variables
  private final OnHeapColumnVector[] vectors; // global and mesh kinds
  private final ColumnVector[] columns; // nodal and element kinds: ArrayVectors
  private final ColumnarBatch batch;
  private final int rows;
  private final boolean wantIds;
  private final byte[] sourceBytes;

  private OpenFiles.Lease lease;
  private ExodusFile file;
  private long[] excluded;
  private Block block;
  private byte[] topologyBytes;
  private double[] times;
  private int realSize;
  private int intSize;

  private long[] ids;
  private double[] buf;
  private int[] keep; // kept positions of the chunk, or null: all
  private long[] conn;
  private long[] polyOffsets; // NSIDED: per entry of the partition, its start in the node list

  private long next; // next chunk's first entity
  private long chunkStart;
  private int chunkCount;
  private int kept;
  private int stepPos;
  private boolean chunkReady;

  private long bytesRead;
  private long valuesRead;

  ExodusBatchReader(ReadOptions options, StructType schema, ExodusPartition p) {
    this.options = options;
    this.p = p;
    this.kind = options.kind();
    StructField[] fields = schema.fields();
    role = new int[fields.length];
    arg = new int[fields.length];
    int var = 0;
    boolean ids = false;
    for (int i = 0; i < fields.length; i++) {
      switch (fields[i].name()) {
        case Layout.SOURCE -> role[i] = SOURCE;
        case "step" -> role[i] = STEP;
        case "time" -> role[i] = TIME;
        case "node_id" -> role[i] = NODE_ID;
        case "elem_id" -> role[i] = ELEM_ID;
        case "block_id" -> role[i] = BLOCK_ID;
        case "topology" -> role[i] = TOPOLOGY;
        case "connectivity" -> role[i] = CONNECTIVITY;
        default -> {
          if (kind == ReadOptions.Kind.NODES && fields[i].name().length() == 1) {
            role[i] = COORD;
            arg[i] = fields[i].name().charAt(0) - 'x';
          } else {
            role[i] = VARIABLE;
            arg[i] = var++;
          }
        }
      }
      if (role[i] == NODE_ID || role[i] == ELEM_ID) ids = true;
    }
    this.wantIds = ids || p.ids != null;
    this.rows = options.batchRows();
    sourceBytes = p.source.getBytes(StandardCharsets.UTF_8);
    if (kind == ReadOptions.Kind.NODAL || kind == ReadOptions.Kind.ELEMENT) {
      // the batch's columns over the reader's arrays and one value per batch: nothing copied
      vectors = null;
      columns = new ColumnVector[fields.length];
      for (int i = 0; i < fields.length; i++) {
        DataType t = fields[i].dataType();
        columns[i] =
            switch (role[i]) {
              case NODE_ID, ELEM_ID -> new ArrayVectors.Longs(t);
              case VARIABLE ->
                  p.variables[arg[i]] < 0 ? constantNull(t) : new ArrayVectors.Doubles(t);
              default -> new ArrayVectors.Constant(t);
            };
        if (role[i] == SOURCE) {
          ((ArrayVectors.Constant) columns[i]).setString(UTF8String.fromBytes(sourceBytes));
        } else if (role[i] == BLOCK_ID) {
          ((ArrayVectors.Constant) columns[i]).setLong(p.blockId);
        }
      }
      batch = new ColumnarBatch(columns);
    } else {
      vectors = OnHeapColumnVector.allocateColumns(rows, schema);
      columns = null;
      batch = new ColumnarBatch(vectors);
    }
    next = p.start;
  }

  private void open() throws IOException {
    try {
      lease = OpenFiles.acquire(options, Path.of(p.path));
      file = lease.file();
      realSize = file.info().floatingPointWordSize();
      excluded = p.excluded(file);
      intSize = file.info().storesInt64() ? 8 : 4;
      int n = Math.toIntExact(file.timeStepCount());
      times = new double[n];
      if (n > 0 && p.steps.length > 0 && hasRole(TIME)) {
        // only the span of this partition's steps
        int lo = p.steps[0];
        int span = p.steps[p.steps.length - 1] - lo + 1;
        file.readTimes(lo, span, times, lo);
        count(span, realSize);
      }
      if (kind == ReadOptions.Kind.ELEMENT || kind == ReadOptions.Kind.ELEMENTS) {
        block = file.block(EntityType.ELEM_BLOCK, p.blockId);
        topologyBytes = block.storedType().getBytes(StandardCharsets.UTF_8);
        if (kind == ReadOptions.Kind.ELEMENTS && block.isPolytope()) polyOffsets();
      }
      int chunk = (int) Math.min(rows, Math.max(1, p.count));
      ids = new long[chunk];
      buf = new double[Math.max(chunk, kind == ReadOptions.Kind.GLOBAL ? 64 : 1)];
      if (columns != null) {
        for (ColumnVector c : columns) {
          if (c instanceof ArrayVectors.Longs l) l.data = ids;
          if (c instanceof ArrayVectors.Doubles d) d.data = new double[chunk];
        }
      }
    } catch (IOException e) {
      throw new IOException(ExodusScan.message(p.path, e), e);
    }
  }

  private void count(long values, int size) {
    valuesRead += values;
    bytesRead += values * size;
  }

  @Override
  public boolean next() throws IOException {
    try {
      if (file == null) open();
      return switch (kind) {
        case GLOBAL -> nextGlobal();
        case NODAL, ELEMENT -> nextStepped();
        case NODES, ELEMENTS -> nextMesh();
      };
    } catch (IOException e) {
      throw e.getMessage() != null && e.getMessage().contains(p.path)
          ? e
          : new IOException(ExodusScan.message(p.path, e), e);
    }
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return new CustomTaskMetric[] {
      ReadMetrics.task(ReadMetrics.BYTES, bytesRead),
      ReadMetrics.task(ReadMetrics.VALUES, valuesRead)
    };
  }

  @Override
  public void close() throws IOException {
    batch.close();
    if (lease != null) lease.close();
    lease = null;
    file = null;
  }

  // ---- global ----------------------------------------------------------------------------------

  private boolean nextGlobal() throws IOException {
    if (stepPos >= p.steps.length) return false;
    int m = Math.min(rows, p.steps.length - stepPos);
    int nv = file.variableNames(EntityType.GLOBAL).size();
    if (buf.length < nv) buf = new double[nv];
    reset();
    for (int r = 0; r < m; r++) {
      int step = p.steps[stepPos + r];
      if (nv > 0 && hasRole(VARIABLE)) {
        file.readGlobalVariables(step, buf, 0);
        count(nv, realSize);
      }
      for (int j = 0; j < role.length; j++) {
        WritableColumnVector v = vectors[j];
        switch (role[j]) {
          case SOURCE -> v.putByteArray(r, sourceBytes);
          case STEP -> v.putInt(r, step + 1);
          case TIME -> v.putDouble(r, times[step]);
          case VARIABLE -> {
            int vi = p.variables[arg[j]];
            if (vi < 0) v.putNull(r);
            else v.putDouble(r, buf[vi]);
          }
          default -> throw new IllegalStateException("column " + j);
        }
      }
    }
    stepPos += m;
    batch.setNumRows(m);
    return true;
  }

  // ---- nodal and element variables
  // ---------------------------------------------------------------

  private boolean nextStepped() throws IOException {
    while (!chunkReady || stepPos >= p.steps.length) {
      if (!loadChunk()) return false;
      stepPos = 0;
    }
    int step = p.steps[stepPos++];
    int m = kept;
    for (int j = 0; j < role.length; j++) {
      ColumnVector v = columns[j];
      if (v instanceof ArrayVectors.Constant c) {
        c.rows(m);
        if (role[j] == STEP) c.setInt(step + 1);
        else if (role[j] == TIME) c.setDouble(times[step]);
      } else if (v instanceof ArrayVectors.Doubles d) {
        // straight from the file into the column's array
        int vi = p.variables[arg[j]];
        if (kind == ReadOptions.Kind.NODAL) {
          file.readNodalVariable(vi, step, chunkStart, chunkCount, d.data, 0);
        } else {
          file.readVariable(
              EntityType.ELEM_BLOCK, vi, p.blockId, step, chunkStart, chunkCount, d.data, 0);
        }
        count(chunkCount, realSize);
        compact(d.data);
      }
      // Longs: the chunk's ids, read once for all its steps
    }
    batch.setNumRows(m);
    return true;
  }

  /**
   * Moves to the next chunk of entities: reads its ids where asked for or filtered by, narrows it
   * to the ids the filters accept (skipping it where none), and finds the rows to keep.
   */
  private boolean loadChunk() throws IOException {
    long end = p.start + p.count;
    while (next < end) {
      long s = next;
      int c = (int) Math.min(rows, end - s);
      next = s + c;
      chunkReady = false;
      if (wantIds) {
        readIds(s, c);
        if (p.ids != null) {
          int first = -1;
          int last = -1;
          for (int i = 0; i < c; i++) {
            if (p.ids.contains(ids[i])) {
              if (first < 0) first = i;
              last = i;
            }
          }
          if (first < 0) continue;
          if (first > 0) System.arraycopy(ids, first, ids, 0, last - first + 1);
          s += first;
          c = last - first + 1;
        }
      }
      chunkStart = s;
      chunkCount = c;
      findKept();
      if (wantIds) compactIds();
      chunkReady = true;
      return true;
    }
    return false;
  }

  private void readIds(long s, int c) throws IOException {
    boolean nodes = kind == ReadOptions.Kind.NODAL || kind == ReadOptions.Kind.NODES;
    EntityType map = nodes ? EntityType.NODE_MAP : EntityType.ELEM_MAP;
    long base = nodes ? 0 : p.blockOffset;
    file.readIdMap(map, base + s, c, ids, 0);
    if (file.hasIdMap(map)) count(c, intSize);
  }

  private void findKept() {
    long[] ex = excluded;
    int lo = Arrays.binarySearch(ex, chunkStart);
    lo = lo < 0 ? -lo - 1 : lo;
    int hi = lo;
    while (hi < ex.length && ex[hi] < chunkStart + chunkCount) hi++;
    if (hi == lo) {
      keep = null;
      kept = chunkCount;
      return;
    }
    if (keep == null || keep.length < chunkCount) keep = new int[Math.max(chunkCount, rows)];
    int k = 0;
    int e = lo;
    for (int i = 0; i < chunkCount; i++) {
      if (e < hi && ex[e] == chunkStart + i) {
        e++;
      } else {
        keep[k++] = i;
      }
    }
    kept = k;
    if (k == chunkCount) keep = null;
  }

  private void compact(double[] a) {
    if (keep == null) return;
    for (int i = 0; i < kept; i++) a[i] = a[keep[i]];
  }

  private void compactIds() {
    if (keep == null) return;
    for (int i = 0; i < kept; i++) ids[i] = ids[keep[i]];
  }

  // ---- mesh: nodes and elements -----------------------------------------------------------------

  private boolean nextMesh() throws IOException {
    if (!loadChunk()) return false;
    reset();
    int m = kept;
    for (int j = 0; j < role.length; j++) {
      WritableColumnVector v = vectors[j];
      switch (role[j]) {
        case SOURCE -> putSource(v, m);
        case NODE_ID, ELEM_ID -> v.putLongs(0, m, ids, 0);
        case BLOCK_ID -> v.putLongs(0, m, p.blockId);
        case COORD -> {
          if (arg[j] < file.dimensionCount() && file.hasCoordinates(arg[j])) {
            file.readCoordinates(arg[j], chunkStart, chunkCount, buf, 0);
            count(chunkCount, realSize);
            compact(buf);
            v.putDoubles(0, m, buf, 0);
          } else {
            v.putNulls(0, m);
          }
        }
        case TOPOLOGY -> {
          for (int r = 0; r < m; r++) v.putByteArray(r, topologyBytes);
        }
        case CONNECTIVITY -> putConnectivity(v, m);
        default -> throw new IllegalStateException("column " + j);
      }
    }
    batch.setNumRows(m);
    return true;
  }

  /**
   * Where each entry of an NSIDED block's partition starts in the block's node list, from the node
   * count per entry ({@code ebepecnt}): the counts before the partition are summed in chunks.
   */
  private void polyOffsets() throws IOException {
    long[] counts = new long[(int) Math.min(rows, Math.max(1, p.start + p.count))];
    long before = 0;
    for (long s = 0; s < p.start; s += counts.length) {
      int c = (int) Math.min(counts.length, p.start - s);
      file.readEntityCounts(block, s, c, counts, 0);
      for (int i = 0; i < c; i++) before += counts[i];
    }
    int n = Math.toIntExact(p.count);
    polyOffsets = new long[n + 1];
    polyOffsets[0] = before;
    for (int s = 0; s < n; s += counts.length) {
      int c = Math.min(counts.length, n - s);
      file.readEntityCounts(block, p.start + s, c, counts, 0);
      for (int i = 0; i < c; i++) {
        if (counts[i] < 0) {
          throw new ExodusFormatException(
              p.path,
              "ebepecnt of block " + p.blockId,
              ExodusFormatException.NO_OFFSET,
              "entry " + (p.start + s + i) + " has " + counts[i] + " nodes");
        }
        polyOffsets[s + i + 1] = polyOffsets[s + i] + counts[i];
      }
    }
    count(p.start + p.count, intSize);
    if (polyOffsets[n] > block.nodesPerEntry()) {
      throw new ExodusFormatException(
          p.path,
          "ebepecnt of block " + p.blockId,
          ExodusFormatException.NO_OFFSET,
          "the node counts of its first "
              + (p.start + p.count)
              + " entries add up to "
              + polyOffsets[n]
              + ", past the "
              + block.nodesPerEntry()
              + " nodes of its connectivity");
    }
  }

  /** The chunk's connectivity as arrays of global node ids. */
  private void putConnectivity(WritableColumnVector v, int m) throws IOException {
    int npe = block.isPolytope() ? 0 : Math.toIntExact(block.nodesPerEntry());
    long first = 0;
    int total = m * npe;
    if (polyOffsets != null) {
      first = polyOffsets[(int) (chunkStart - p.start)];
      total = Math.toIntExact(polyOffsets[(int) (chunkStart - p.start) + m] - first);
    }
    if (conn == null || conn.length < total) conn = new long[total];
    if (polyOffsets != null) {
      if (total > 0) file.readConnectivity(block, first, total, conn, 0);
    } else {
      file.readConnectivity(block, chunkStart, chunkCount, conn, 0);
    }
    count(total, intSize);
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < total; i++) {
      lo = Math.min(lo, conn[i]);
      hi = Math.max(hi, conn[i]);
    }
    if (total > 0) {
      int span = Math.toIntExact(hi - lo + 1);
      long[] nodeIds = new long[span];
      file.readIdMap(EntityType.NODE_MAP, lo - 1, span, nodeIds, 0);
      if (file.hasIdMap(EntityType.NODE_MAP)) count(span, intSize);
      for (int i = 0; i < total; i++) conn[i] = nodeIds[(int) (conn[i] - lo)];
    }
    WritableColumnVector child = v.arrayData();
    child.reserve(total);
    child.putLongs(0, total, conn, 0);
    if (polyOffsets != null) {
      int k = (int) (chunkStart - p.start);
      for (int r = 0; r < m; r++) {
        v.putArray(
            r,
            (int) (polyOffsets[k + r] - first),
            (int) (polyOffsets[k + r + 1] - polyOffsets[k + r]));
      }
    } else {
      for (int r = 0; r < m; r++) v.putArray(r, r * npe, npe);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void putSource(WritableColumnVector v, int m) {
    for (int r = 0; r < m; r++) v.putByteArray(r, sourceBytes);
  }

  private static ArrayVectors.Constant constantNull(DataType t) {
    ArrayVectors.Constant c = new ArrayVectors.Constant(t);
    c.setNull();
    return c;
  }

  private boolean hasRole(int r) {
    for (int x : role) if (x == r) return true;
    return false;
  }

  private void reset() {
    for (ColumnVector v : vectors) ((WritableColumnVector) v).reset();
  }
}
