package org.exodusj;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.exodusj.internal.model.SideNodeOrdering;

/**
 * The allocating, name-based reads of {@link ExodusFile} (exodus.py's level), written once over its
 * caller-buffer methods.
 */
final class FileReads {
  private FileReads() {}

  static int variableIndex(ExodusFile f, EntityType kind, String name) {
    List<String> names = f.variableNames(kind);
    int i = names.indexOf(name);
    if (i < 0) {
      throw new NoSuchElementException(
          f.path() + ": no " + kind + " variable '" + name + "'; the file has " + names);
    }
    return i;
  }

  static int steps(ExodusFile f) {
    return toInt(f, f.timeStepCount(), "time steps");
  }

  static double[] nodalVariableHistory(ExodusFile f, String name, long node) throws IOException {
    int var = variableIndex(f, EntityType.NODAL, name);
    if (node < 0 || node >= f.nodeCount()) {
      throw new IndexOutOfBoundsException("node " + node + " of " + f.nodeCount());
    }
    double[] d = new double[steps(f)];
    if (d.length > 0) f.readNodalVariableHistory(var, node, 0, d.length, d, 0);
    return d;
  }

  static ElementLocation elementLocation(ExodusFile f, long element) {
    if (element < 0 || element >= f.elementCount()) {
      throw new IndexOutOfBoundsException(
          f.path() + ": element " + element + " of " + f.elementCount());
    }
    long first = 0;
    for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
      if (element < first + b.entryCount()) {
        return new ElementLocation(b, element - first, element);
      }
      first += b.entryCount();
    }
    throw new IllegalStateException(
        f.path() + ": element " + element + " is in no block (blocks hold " + first + ")");
  }

  static double[] elementVariableHistory(ExodusFile f, String name, long element)
      throws IOException {
    int var = variableIndex(f, EntityType.ELEM_BLOCK, name);
    ElementLocation loc = elementLocation(f, element);
    long id = loc.block().id();
    if (!f.hasVariable(EntityType.ELEM_BLOCK, var, id)) {
      throw new IllegalArgumentException(
          f.path()
              + ": element variable '"
              + name
              + "' is not stored on element block "
              + id
              + " (truth table), which holds element "
              + element);
    }
    double[] d = new double[steps(f)];
    if (d.length > 0) {
      f.readVariableHistory(EntityType.ELEM_BLOCK, var, id, loc.entry(), 0, d.length, d, 0);
    }
    return d;
  }

  static double[] variable(ExodusFile f, EntityType kind, String name, long objectId, long step)
      throws IOException {
    return switch (kind) {
      case NODAL -> f.nodalVariable(variableIndex(f, kind, name), step);
      case GLOBAL -> new double[] {globalVariables(f, step)[variableIndex(f, kind, name)]};
      default -> f.variable(kind, variableIndex(f, kind, name), objectId, step);
    };
  }

  static double[] variableHistory(
      ExodusFile f, EntityType kind, String name, long objectId, long entry) throws IOException {
    if (kind == EntityType.NODAL) return nodalVariableHistory(f, name, entry);
    if (kind == EntityType.GLOBAL) return globalVariableHistory(f, name);
    int var = variableIndex(f, kind, name);
    double[] d = new double[steps(f)];
    if (d.length > 0) {
      f.readVariableHistory(kind, var, objectId, entry, 0, d.length, d, 0);
    }
    return d;
  }

  static double[] globalVariables(ExodusFile f, long step) throws IOException {
    double[] d = new double[f.variableNames(EntityType.GLOBAL).size()];
    if (d.length > 0) f.readGlobalVariables(step, d, 0);
    return d;
  }

  static double[] globalVariableHistory(ExodusFile f, String name) throws IOException {
    int var = variableIndex(f, EntityType.GLOBAL, name);
    double[] d = new double[steps(f)];
    if (d.length > 0) f.readGlobalVariableHistory(var, 0, d.length, d, 0);
    return d;
  }

  static double[][] coordinates(ExodusFile f) throws IOException {
    double[][] xyz = new double[3][];
    for (int a = 0; a < 3; a++) {
      xyz[a] =
          a < f.dimensionCount() && f.hasCoordinates(a)
              ? f.coordinates(a)
              : new double[toInt(f, f.nodeCount(), "nodes")];
    }
    return xyz;
  }

  static DoubleBuffer coordinateBuffer(ExodusFile f, int axis) throws IOException {
    if (axis < 0 || axis > 2) {
      throw new IndexOutOfBoundsException("axis " + axis + " of 3");
    }
    if (axis >= f.dimensionCount() || !f.hasCoordinates(axis)) {
      return DoubleBuffer.wrap(new double[toInt(f, f.nodeCount(), "nodes")]).asReadOnlyBuffer();
    }
    return orCopy(f.coordinateView(axis), () -> f.coordinates(axis));
  }

  static DoubleBuffer nodalVariableBuffer(ExodusFile f, String name, long step) throws IOException {
    int var = variableIndex(f, EntityType.NODAL, name);
    return orCopy(f.nodalVariableView(var, step), () -> f.nodalVariable(var, step));
  }

  static DoubleBuffer variableBuffer(
      ExodusFile f, EntityType kind, String name, long objectId, long step) throws IOException {
    int var = variableIndex(f, kind, name);
    return orCopy(
        f.variableView(kind, var, objectId, step), () -> f.variable(kind, var, objectId, step));
  }

  private interface Read {
    double[] get() throws IOException;
  }

  private static DoubleBuffer orCopy(Optional<DoubleBuffer> view, Read copy) throws IOException {
    if (view.isPresent()) return view.get();
    return DoubleBuffer.wrap(copy.get()).asReadOnlyBuffer();
  }

  // ---- side sets
  // ---------------------------------------------------------------------------------

  private static final int WINDOW = 4096;

  static SideSetNodes sideSetNodes(ExodusFile f, long sideSetId) throws IOException {
    EntitySet s = f.set(EntityType.SIDE_SET, sideSetId);
    int n = toInt(f, s.entryCount(), "sides");
    long[] elems = new long[n];
    long[] sides = new long[n];
    if (n > 0) {
      f.readSetEntries(s, 0, n, elems, 0);
      f.readSetExtra(s, 0, n, sides, 0);
    }
    List<Block> blocks = f.blocks(EntityType.ELEM_BLOCK);
    long[] ends = new long[blocks.size()];
    SideNodeOrdering.Sides[] tables = new SideNodeOrdering.Sides[blocks.size()];
    long end = 0;
    for (int b = 0; b < blocks.size(); b++) {
      end += blocks.get(b).entryCount();
      ends[b] = end;
    }
    int[] blockOf = new int[n];
    long[] counts = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      long e = elems[i];
      if (e < 1 || e > end) {
        throw new ExodusFormatException(
            f.path().toString(),
            "side set " + sideSetId + " entry " + i,
            ExodusFormatException.NO_OFFSET,
            "element " + e + " is not in 1.." + end);
      }
      int b = Arrays.binarySearch(ends, e);
      b = b >= 0 ? b : -b - 1;
      while (blocks.get(b).entryCount() == 0) b++;
      blockOf[i] = b;
      Block blk = blocks.get(b);
      if (tables[b] == null) {
        tables[b] = SideNodeOrdering.of(blk.storedType(), blk.nodesPerEntry(), f.dimensionCount());
      }
      long side = sides[i];
      if (side < 1 || side > tables[b].sideCount()) {
        throw new ExodusFormatException(
            f.path().toString(),
            "side set " + sideSetId + " entry " + i,
            ExodusFormatException.NO_OFFSET,
            "side "
                + side
                + " of element "
                + e
                + ", but a "
                + blk.storedType()
                + " has sides 1.."
                + tables[b].sideCount());
      }
      int[] local = tables[b].nodes((int) side);
      for (int node : local) {
        if (node > blk.nodesPerEntry()) {
          throw new IllegalArgumentException(
              f.path()
                  + ": side set "
                  + sideSetId
                  + " entry "
                  + i
                  + ": libexodusII has no valid node list for side "
                  + side
                  + " of a "
                  + blk.storedType()
                  + " with "
                  + blk.nodesPerEntry()
                  + " nodes (its table names node "
                  + node
                  + ")");
        }
      }
      counts[i] = local.length;
      total += counts[i];
    }
    long[] nodes = new long[toInt(f, total, "side-set nodes")];
    long[] offsets = new long[n];
    long o = 0;
    for (int i = 0; i < n; i++) {
      offsets[i] = o;
      o += counts[i];
    }
    // visit sides by element so each block's connectivity is read in windows, once
    int[] order = byElement(elems, end);
    int windowBlock = -1;
    long windowStart = 0;
    long windowCount = 0;
    long[] conn = new long[0];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      int b = blockOf[i];
      Block blk = blocks.get(b);
      long entry = elems[i] - 1 - (ends[b] - blk.entryCount());
      int npe = (int) blk.nodesPerEntry();
      if (b != windowBlock || entry < windowStart || entry >= windowStart + windowCount) {
        windowBlock = b;
        windowStart = entry;
        windowCount = Math.min(WINDOW, blk.entryCount() - entry);
        if (conn.length < windowCount * npe) conn = new long[(int) (windowCount * npe)];
        f.readConnectivity(blk, windowStart, windowCount, conn, 0);
      }
      int base = (int) ((entry - windowStart) * npe);
      int[] local = tables[b].nodes((int) sides[i]);
      for (int j = 0; j < local.length; j++) {
        nodes[(int) offsets[i] + j] = conn[base + local[j] - 1];
      }
    }
    return new SideSetNodes(sideSetId, counts, nodes);
  }

  /** The positions of {@code elems} sorted by element (stable), without boxing where it fits. */
  private static int[] byElement(long[] elems, long maxElement) {
    int n = elems.length;
    int[] order = new int[n];
    if (maxElement < (1L << 31)) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) keys[i] = elems[i] << 32 | i;
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) order[i] = (int) keys[i];
    } else {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) boxed[i] = i;
      Arrays.sort(boxed, (x, y) -> Long.compare(elems[x], elems[y]));
      for (int i = 0; i < n; i++) order[i] = boxed[i];
    }
    return order;
  }

  static int toInt(ExodusFile f, long n, String what) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          f.path() + ": " + n + " " + what + " do not fit one array; read in ranges");
    }
    return (int) n;
  }
}
