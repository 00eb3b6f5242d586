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
  public static final JoinOptions DEFAULT = new JoinOptions(new Fields());

  /** The options as plain fields: each {@code with...} changes one on a copy of them. */
  private static final class Fields {
    ExodusFormat format = ExodusFormat.CDF2;
    int compressionLevel = -1;
    boolean shuffle;
    boolean sumSharedNodes;
    long firstStep;
    long lastStep = Long.MAX_VALUE;
    long stepStride = 1;
    Map<EntityType, List<String>> variables = Map.of();
    boolean omitNodeSets;
    boolean omitSideSets;
    boolean omitEdgeBlocks;
    boolean omitFaceBlocks;
    boolean addProcessorId;
    boolean int64;
    boolean append;
    boolean addProcessorMap;
  }

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
  private final boolean omitEdgeBlocks;
  private final boolean omitFaceBlocks;
  private final boolean addProcessorId;
  private final boolean int64;
  private final boolean append;
  private final boolean addProcessorMap;

  private JoinOptions(Fields f) {
    this.format = f.format;
    this.compressionLevel = f.compressionLevel;
    this.shuffle = f.shuffle;
    this.sumSharedNodes = f.sumSharedNodes;
    this.firstStep = f.firstStep;
    this.lastStep = f.lastStep;
    this.stepStride = f.stepStride;
    this.variables = f.variables;
    this.omitNodeSets = f.omitNodeSets;
    this.omitSideSets = f.omitSideSets;
    this.omitEdgeBlocks = f.omitEdgeBlocks;
    this.omitFaceBlocks = f.omitFaceBlocks;
    this.addProcessorId = f.addProcessorId;
    this.int64 = f.int64;
    this.append = f.append;
    this.addProcessorMap = f.addProcessorMap;
  }

  /** A copy of these options with one change. */
  private JoinOptions with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields();
    f.format = format;
    f.compressionLevel = compressionLevel;
    f.shuffle = shuffle;
    f.sumSharedNodes = sumSharedNodes;
    f.firstStep = firstStep;
    f.lastStep = lastStep;
    f.stepStride = stepStride;
    f.variables = variables;
    f.omitNodeSets = omitNodeSets;
    f.omitSideSets = omitSideSets;
    f.omitEdgeBlocks = omitEdgeBlocks;
    f.omitFaceBlocks = omitFaceBlocks;
    f.addProcessorId = addProcessorId;
    f.int64 = int64;
    f.append = append;
    f.addProcessorMap = addProcessorMap;
    change.accept(f);
    return new JoinOptions(f);
  }

  /** The output format (default CDF-2; epu {@code -netcdf4}, {@code -netcdf5}). */
  public ExodusFormat format() {
    return format;
  }

  /** With the output format. */
  public JoinOptions withFormat(ExodusFormat f) {
    Objects.requireNonNull(f, "format");
    return with(o -> o.format = f);
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
    return with(
        o -> {
          o.compressionLevel = level;
          o.shuffle = shuffle;
        });
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
    return with(o -> o.sumSharedNodes = on);
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
    return with(
        o -> {
          o.firstStep = first;
          o.lastStep = last;
          o.stepStride = stride;
        });
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
    Map<EntityType, List<String>> vars = Map.copyOf(m);
    return with(o -> o.variables = vars);
  }

  /** Whether node sets are left out (epu {@code -omit_nodesets}). */
  public boolean omitNodeSets() {
    return omitNodeSets;
  }

  /** With node sets left out or not. */
  public JoinOptions withOmitNodeSets(boolean on) {
    return with(o -> o.omitNodeSets = on);
  }

  /** Whether side sets are left out (epu {@code -omit_sidesets}). */
  public boolean omitSideSets() {
    return omitSideSets;
  }

  /** With side sets left out or not. */
  public JoinOptions withOmitSideSets(boolean on) {
    return with(o -> o.omitSideSets = on);
  }

  /** Whether edge blocks are left out (epu {@code -omit_edgeblocks}). */
  public boolean omitEdgeBlocks() {
    return omitEdgeBlocks;
  }

  /** With edge blocks (and their variables) left out or not. */
  public JoinOptions withOmitEdgeBlocks(boolean on) {
    return with(o -> o.omitEdgeBlocks = on);
  }

  /** Whether face blocks are left out (epu {@code -omit_faceblocks}). */
  public boolean omitFaceBlocks() {
    return omitFaceBlocks;
  }

  /** With face blocks (and their variables) left out or not. */
  public JoinOptions withOmitFaceBlocks(boolean on) {
    return with(o -> o.omitFaceBlocks = on);
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
    return with(o -> o.addProcessorId = on);
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
    return with(o -> o.addProcessorMap = on);
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
    return with(o -> o.int64 = on);
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
    return with(o -> o.append = on);
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
