package org.exodusj;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ExodusFileSet#join(java.nio.file.Path, JoinOptions, java.util.function.LongConsumer)}
 * writes a decomposed set as one file: the options of SEACAS {@code epu}, with epu's meaning.
 * Immutable; each {@code with...} returns a changed copy of {@link #DEFAULT}'s kind.
 *
 * <pre>{@code
 * JoinOptions o = JoinOptions.DEFAULT
 *     .withFormat(ExodusFormat.NETCDF4).withCompression(4, true)
 *     .withSteps(0, Long.MAX_VALUE, 2)                     // every second step (epu -steps 1::2)
 *     .withVariables(EntityType.NODAL, List.of("temp"))    // epu -nvar temp
 *     .withAppend(true);                                   // epu -append
 * }</pre>
 */
public final class JoinOptions {
  /** CDF-2, every step, every variable, node and side sets, shared nodes from the last rank. */
  public static final JoinOptions DEFAULT =
      new JoinOptions(
          ExodusFormat.CDF2,
          -1,
          false,
          false,
          0,
          Long.MAX_VALUE,
          1,
          Map.of(),
          false,
          false,
          false,
          false,
          false,
          false);

  private final ExodusFormat format;
  private final int compressionLevel;
  private final boolean shuffle;
  private final boolean sumSharedNodes;
  private final long firstStep;
  private final long lastStep;
  private final long stepStride;
  private final Map<EntityType, List<String>> variables;
  private final boolean omitNodeSets;
  private final boolean omitSideSets;
  private final boolean addProcessorId;
  private final boolean int64;
  private final boolean append;
  private final boolean addProcessorMap;
  // set only by withOmitEdgeBlocks / withOmitFaceBlocks on a fresh copy, carried by every copy
  private boolean omitEdgeBlocks;
  private boolean omitFaceBlocks;

  private JoinOptions(
      ExodusFormat format,
      int compressionLevel,
      boolean shuffle,
      boolean sumSharedNodes,
      long firstStep,
      long lastStep,
      long stepStride,
      Map<EntityType, List<String>> variables,
      boolean omitNodeSets,
      boolean omitSideSets,
      boolean addProcessorId,
      boolean int64,
      boolean append,
      boolean addProcessorMap) {
    this.addProcessorMap = addProcessorMap;
    this.format = format;
    this.compressionLevel = compressionLevel;
    this.shuffle = shuffle;
    this.sumSharedNodes = sumSharedNodes;
    this.firstStep = firstStep;
    this.lastStep = lastStep;
    this.stepStride = stepStride;
    this.variables = variables;
    this.omitNodeSets = omitNodeSets;
    this.omitSideSets = omitSideSets;
    this.addProcessorId = addProcessorId;
    this.int64 = int64;
    this.append = append;
  }

  private JoinOptions copy(
      ExodusFormat f,
      int level,
      boolean shuf,
      boolean sum,
      long first,
      long last,
      long stride,
      Map<EntityType, List<String>> vars,
      boolean omitNs,
      boolean omitSs,
      boolean procId,
      boolean i64,
      boolean app) {
    return carry(
        new JoinOptions(
            f,
            level,
            shuf,
            sum,
            first,
            last,
            stride,
            vars,
            omitNs,
            omitSs,
            procId,
            i64,
            app,
            addProcessorMap));
  }

  private JoinOptions carry(JoinOptions r) {
    r.omitEdgeBlocks = omitEdgeBlocks;
    r.omitFaceBlocks = omitFaceBlocks;
    return r;
  }

  /** The output format (default CDF-2; epu {@code -netcdf4}, {@code -netcdf5}). */
  public ExodusFormat format() {
    return format;
  }

  /** With the output format. */
  public JoinOptions withFormat(ExodusFormat f) {
    Objects.requireNonNull(f, "format");
    return copy(
        f,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** The deflate level of NetCDF-4 output, -1 for none (the default). */
  public int compressionLevel() {
    return compressionLevel;
  }

  /** Whether the shuffle filter comes before deflate. */
  public boolean shuffle() {
    return shuffle;
  }

  /**
   * With deflate at {@code level} (0-9, -1 for none) and optionally shuffle, for NetCDF-4 output
   * (epu {@code -compress level}, {@code -zlib}).
   */
  public JoinOptions withCompression(int level, boolean shuffle) {
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level + " is not in 0-9");
    }
    return copy(
        format,
        level,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** Whether shared nodes get the sum of the pieces' values (epu {@code -sum_shared_nodes}). */
  public boolean sumSharedNodes() {
    return sumSharedNodes;
  }

  /**
   * With each nodal variable at a node that several pieces hold the sum of their values, added in
   * rank order (epu {@code -sum_shared_nodes}); otherwise the last rank's value, as epu.
   */
  public JoinOptions withSumSharedNodes(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        on,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** First step joined (0-based; negative: from the end, -1 the last). */
  public long firstStep() {
    return firstStep;
  }

  /**
   * Last step joined (0-based, inclusive; past the set's last step means its last; negative: from
   * the end).
   */
  public long lastStep() {
    return lastStep;
  }

  /** Steps between joined steps (1: every step). */
  public long stepStride() {
    return stepStride;
  }

  /**
   * With the steps {@code first, first + stride, ...} up to {@code last} (0-based, inclusive;
   * {@code Long.MAX_VALUE} for the set's last): epu {@code -steps beg:end:stride} with 1-based
   * steps. A negative {@code first} or {@code last} counts from the end, as epu's: -1 is the last
   * step, -3 the third last ({@code withSteps(-3, -1, 1)}: the last three steps).
   */
  public JoinOptions withSteps(long first, long last, long stride) {
    if (stride < 1 || (first >= 0) == (last >= 0) && last < first) {
      throw new IllegalArgumentException(
          "steps first="
              + first
              + " last="
              + last
              + " stride="
              + stride
              + ": need first <= last and stride >= 1");
    }
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        first,
        last,
        stride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** The variables of {@code kind} to join, or null for all of them. */
  public List<String> variables(EntityType kind) {
    return variables.get(kind);
  }

  /**
   * With only the variables {@code names} of {@code kind} joined (GLOBAL, NODAL, ELEM_BLOCK,
   * NODE_SET, SIDE_SET, ELEM_SET, EDGE_BLOCK or FACE_BLOCK; an empty list for none, null for all):
   * epu {@code -gvar}, {@code -nvar}, {@code -evar}, {@code -nsetvar}, {@code -ssetvar}, {@code
   * -edblkvar}, {@code -fablkvar}.
   */
  public JoinOptions withVariables(EntityType kind, List<String> names) {
    if (kind != EntityType.GLOBAL
        && kind != EntityType.NODAL
        && kind != EntityType.ELEM_BLOCK
        && kind != EntityType.NODE_SET
        && kind != EntityType.SIDE_SET
        && kind != EntityType.ELEM_SET
        && kind != EntityType.EDGE_BLOCK
        && kind != EntityType.FACE_BLOCK) {
      throw new IllegalArgumentException(
          "a join selects GLOBAL, NODAL, ELEM_BLOCK, NODE_SET, SIDE_SET, ELEM_SET, EDGE_BLOCK or"
              + " FACE_BLOCK variables, not "
              + kind);
    }
    Map<EntityType, List<String>> m = new EnumMap<>(EntityType.class);
    m.putAll(variables);
    if (names == null) m.remove(kind);
    else m.put(kind, List.copyOf(names));
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        Map.copyOf(m),
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** Whether node sets are left out (epu {@code -omit_nodesets}). */
  public boolean omitNodeSets() {
    return omitNodeSets;
  }

  /** With node sets left out or not. */
  public JoinOptions withOmitNodeSets(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        on,
        omitSideSets,
        addProcessorId,
        int64,
        append);
  }

  /** Whether side sets are left out (epu {@code -omit_sidesets}). */
  public boolean omitSideSets() {
    return omitSideSets;
  }

  /** With side sets left out or not. */
  public JoinOptions withOmitSideSets(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        on,
        addProcessorId,
        int64,
        append);
  }

  /** Whether edge blocks are left out (epu {@code -omit_edgeblocks}). */
  public boolean omitEdgeBlocks() {
    return omitEdgeBlocks;
  }

  /** With edge blocks (and their variables) left out or not. */
  public JoinOptions withOmitEdgeBlocks(boolean on) {
    JoinOptions r = carry(copyAll());
    r.omitEdgeBlocks = on;
    return r;
  }

  /** Whether face blocks are left out (epu {@code -omit_faceblocks}). */
  public boolean omitFaceBlocks() {
    return omitFaceBlocks;
  }

  /** With face blocks (and their variables) left out or not. */
  public JoinOptions withOmitFaceBlocks(boolean on) {
    JoinOptions r = carry(copyAll());
    r.omitFaceBlocks = on;
    return r;
  }

  private JoinOptions copyAll() {
    return new JoinOptions(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        append,
        addProcessorMap);
  }

  /** Whether the element variable {@code processor_id} is added (epu {@code -add_processor_id}). */
  public boolean addProcessorId() {
    return addProcessorId;
  }

  /**
   * With an element variable {@code processor_id} on every block, at every step: the rank of the
   * piece holding each element (epu {@code -add_processor_id}).
   */
  public JoinOptions withAddProcessorId(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        on,
        int64,
        append);
  }

  /** Whether the element map {@code processor_id} is added (epu {@code -add_map_processor_id}). */
  public boolean addProcessorMap() {
    return addProcessorMap;
  }

  /**
   * With a numbered element map {@code processor_id}: the rank of the piece holding each element
   * (epu {@code -add_map_processor_id}).
   */
  public JoinOptions withAddProcessorMap(boolean on) {
    return carry(
        new JoinOptions(
            format,
            compressionLevel,
            shuffle,
            sumSharedNodes,
            firstStep,
            lastStep,
            stepStride,
            variables,
            omitNodeSets,
            omitSideSets,
            addProcessorId,
            int64,
            append,
            on));
  }

  /** Whether ids and connectivity are stored as 64-bit integers (epu {@code -64}). */
  public boolean int64() {
    return int64;
  }

  /**
   * With 64-bit ids and connectivity (CDF-5 and NetCDF-4 only; epu {@code -64}). Without it, the
   * output keeps 64-bit integers where the pieces have them and the format holds them.
   */
  public JoinOptions withInt64(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        on,
        append);
  }

  /**
   * Whether the steps are appended to an existing joined file: only the steps whose time is past
   * its last step's are joined (epu {@code -append}).
   */
  public boolean append() {
    return append;
  }

  /**
   * With appending: where the output exists (a join of the same set with the same options), only
   * the selected steps whose time is past the time of its last step are added to it; where it does
   * not, it is written as without appending. Joining with append after each step of a running
   * simulation gives the file one join at the end gives.
   */
  public JoinOptions withAppend(boolean on) {
    return copy(
        format,
        compressionLevel,
        shuffle,
        sumSharedNodes,
        firstStep,
        lastStep,
        stepStride,
        variables,
        omitNodeSets,
        omitSideSets,
        addProcessorId,
        int64,
        on);
  }

  @Override
  public String toString() {
    return "JoinOptions[format="
        + format
        + ", compression="
        + compressionLevel
        + (shuffle ? "+shuffle" : "")
        + ", sumSharedNodes="
        + sumSharedNodes
        + ", steps="
        + firstStep
        + ".."
        + (lastStep == Long.MAX_VALUE ? "last" : Long.toString(lastStep))
        + " by "
        + stepStride
        + ", variables="
        + variables
        + ", omitNodeSets="
        + omitNodeSets
        + ", omitSideSets="
        + omitSideSets
        + ", omitEdgeBlocks="
        + omitEdgeBlocks
        + ", omitFaceBlocks="
        + omitFaceBlocks
        + ", addProcessorId="
        + addProcessorId
        + ", addProcessorMap="
        + addProcessorMap
        + ", int64="
        + int64
        + ", append="
        + append
        + "]";
  }
}
