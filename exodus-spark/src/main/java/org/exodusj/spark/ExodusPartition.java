package org.exodusj.spark;

import java.io.IOException;
import java.util.Arrays;
import org.exodusj.ExodusFile;

/**
 * One part of the read: a piece (file), a list of steps, and a range of entities (nodes, or the
 * entries of one block). Plain data: it is serialised to the executor, which opens the file again.
 */
final class ExodusPartition implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@code source} column's value. */
  final String source;

  /** The file this partition reads. */
  final String path;

  /** Block id (ELEMENT and ELEMENTS kinds), else 0. */
  final long blockId;

  /** The block's first element in the file's element numbering (ELEMENT, ELEMENTS). */
  final long blockOffset;

  /** First entity (0-based node, or entry of the block) and how many. */
  final long start;

  final long count;

  /** The 0-based steps to read, ascending (NODAL, ELEMENT, GLOBAL). */
  final int[] steps;

  /** Local nodes in the range that a higher rank of the set supplies (sorted, 0-based). */
  final long[] excluded;

  /**
   * The piece's rank where the executor finds the nodes a higher rank supplies from the piece's
   * communication maps (then {@link #excluded} is empty), else -1.
   */
  int commRank = -1;

  /** The bytes of values this part reads (for grouping parts into tasks). */
  long bytes;

  /** Per variable column of the read schema: the file's variable index, or -1 (nulls). */
  final int[] variables;

  /** Id ranges the filters accept (node_id or elem_id), or null: chunks outside are skipped. */
  final Filters.IdRanges ids;

  /** Rows this partition yields, before Spark's filters. */
  final long rows;

  ExodusPartition(
      String source,
      String path,
      long blockId,
      long blockOffset,
      long start,
      long count,
      int[] steps,
      long[] excluded,
      int[] variables,
      Filters.IdRanges ids,
      long rows) {
    this.source = source;
    this.path = path;
    this.blockId = blockId;
    this.blockOffset = blockOffset;
    this.start = start;
    this.count = count;
    this.steps = steps;
    this.excluded = excluded;
    this.variables = variables;
    this.ids = ids;
    this.rows = rows;
  }

  /**
   * The local entities of this partition's range (sorted, 0-based) that a higher rank of the set
   * supplies: {@link #excluded}, or those of the piece's communication maps (the cached array
   * itself where the range covers them all: callers only read it).
   */
  long[] excluded(ExodusFile file) throws IOException {
    if (commRank < 0) return excluded;
    long[] all = PieceFacts.commMapExclusions(path, file, commRank);
    int a = Arrays.binarySearch(all, start);
    a = a < 0 ? -a - 1 : a;
    int b = Arrays.binarySearch(all, start + count);
    b = b < 0 ? -b - 1 : b;
    if (a == 0 && b == all.length) return all;
    return Arrays.copyOfRange(all, a, Math.max(a, b));
  }

  @Override
  public String toString() {
    return path
        + (blockId != 0 ? " block " + blockId : "")
        + " entities ["
        + start
        + ", "
        + (start + count)
        + ") steps "
        + steps.length;
  }
}
