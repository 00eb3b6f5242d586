package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A decomposed file set (one file per MPI rank, {@code mesh.e.N.r} for rank r of N, each carrying
 * the {@link Nemesis} metadata and the global id maps) read as the one mesh it was decomposed from.
 *
 * <p><b>Numbering</b>: the joined mesh's nodes are the union of the pieces' nodes by global id
 * ({@code node_num_map}), ascending; nodes on a border between pieces are counted once, and their
 * values are read from the last rank that holds them (as SEACAS epu does: it copies the pieces in
 * rank order, each overwriting the one before). The joined elements are grouped by block (the
 * global block order of the Nemesis metadata) and, within a block, ordered by global element id.
 * Indices are 0-based as in {@link ExodusFile}; connectivity and set entries are 1-based joined
 * node (element) numbers, so that {@link #nodeId} of {@code entry - 1} is the global id. Where the
 * global ids are 1..N, joined index + 1 is the id.
 *
 * <p><b>Reads</b> come in the styles of {@link ExodusFile}: into a caller's array ({@code
 * read...(start, count, dst, off)}), allocating ({@link #coordinates(int)}, {@link
 * #nodalVariable(String, long)}, ...), and streaming ({@link #nodalVariableChunks}). Each read runs
 * one task per piece on the executor given at open (by default a pool of one thread per core, shut
 * down by {@link #close()}); each task reads its piece in chunks of {@link #chunkLength()} entries
 * and scatters them, so the memory a read takes is the caller's array plus one chunk per thread.
 * The numbering itself takes memory in proportion to the mesh: one {@code int} per node and element
 * of every piece, plus the sorted global ids where they are not 1..N.
 *
 * <p><b>Steps</b>: the set has the steps every piece has; where pieces differ, {@link #warnings()}
 * says so. <b>Threads</b>: safe for concurrent reads, like {@link ExodusFile}; a read waits for its
 * tasks on the executor, so do not call it from a task of a bounded executor it runs on.
 */
public final class ExodusFileSet implements Closeable {
  private volatile boolean closed;

  /** Entries each piece reads at a time unless told otherwise. */
  public static final int DEFAULT_CHUNK = 1 << 16;

  private final List<Path> paths;
  private final List<ExodusFile> pieces;
  private final ExecutorService ownedExecutor;
  private final List<String> warnings = new ArrayList<>();
  private final PieceReads reads;

  private final int dims;
  private final NodeNumbering nodes;
  private final ElementNumbering elems;
  private final ElementOrder order;
  private final List<Block> blocks;

  /** Per piece and joined block: the piece's block, or null. */
  private final Block[][] pieceBlock;

  /** Per piece and joined block: the piece's element offset of that block. */
  private final long[][] pieceBlockOffset;

  private final SetMerge merged;
  private final long steps;
  private final long sharedMismatches;
  private volatile long[] sortedElementIds;
  private volatile int[] sortedElementIndex;

  /**
   * The order of the joined elements within a block: {@link #BY_ID}, ascending global id (SEACAS
   * epu's default {@code -map}), or {@link #BY_RANK}, the pieces' elements one piece after the
   * other in rank order, each in its own order (epu's {@code -nomap}).
   */
  public enum ElementOrder {
    /** Ascending global element id within each block. */
    BY_ID,
    /** The pieces' elements in rank order, each piece's in its own order. */
    BY_RANK
  }

  /**
   * How {@link #open(List, ExodusOpenOptions, Executor, int, Checks)} treats nodes that several
   * pieces hold at different coordinates (a damaged node id map, most often): {@link #WARN} notes
   * the count in {@link #warnings()}, {@link #STRICT} refuses the set. Global ids that one piece
   * gives to two of its nodes or elements, and elements that two pieces hold, are refused either
   * way.
   */
  public enum Checks {
    /** Shared nodes at different coordinates are a warning with their count. */
    WARN,
    /** Shared nodes at different coordinates are an {@link ExodusFormatException}. */
    STRICT
  }

  private ExodusFileSet(
      List<Path> paths,
      List<ExodusFile> pieces,
      Executor executor,
      ExecutorService ownedPool,
      int chunk,
      Checks checks,
      ElementOrder order)
      throws IOException {
    this.paths = List.copyOf(paths);
    this.pieces = List.copyOf(pieces);
    this.ownedExecutor = ownedPool;
    this.reads = new PieceReads(this.pieces, executor, chunk);
    this.order = order;
    int n = pieces.size();
    this.dims = pieces.get(0).dimensionCount();
    Nemesis globals = SetChecks.pieces(this.pieces);
    this.steps = SetChecks.steps(this.pieces, warnings);

    // ---- nodes -------------------------------------------------------------------------------
    long[][] localIds = new long[n][];
    reads.each(
        r -> localIds[r] = ids(pieces.get(r), EntityType.NODE_MAP, pieces.get(r).nodeCount()));
    this.nodes = NodeNumbering.of(localIds, reads);
    reads.nodes(nodes);
    SetChecks.nodeIds(this.pieces, nodes);
    if (globals != null && globals.globalNodeCount() != nodes.count) {
      throw new ExodusFormatException(
          paths.get(0).toString(),
          "dimension num_nodes_global",
          ExodusFormatException.NO_OFFSET,
          "inconsistent global counts: the set claims "
              + globals.globalNodeCount()
              + " nodes, but its pieces hold "
              + nodes.count
              + " distinct node ids");
    }

    // ---- element blocks ----------------------------------------------------------------------
    List<Long> blockIds = new ArrayList<>();
    if (globals != null) {
      for (long id : globals.globalBlockIds()) blockIds.add(id);
    }
    for (ExodusFile p : pieces) {
      for (Block b : p.blocks(EntityType.ELEM_BLOCK)) {
        if (!blockIds.contains(b.id())) {
          if (globals != null) {
            throw SetChecks.differentSets(
                p, "element block " + b.id() + " is not among the global blocks " + blockIds);
          }
          blockIds.add(b.id());
        }
      }
    }
    int nb = blockIds.size();
    this.pieceBlock = new Block[n][nb];
    this.pieceBlockOffset = new long[n][nb];
    long[][] counts = new long[n][nb];
    for (int r = 0; r < n; r++) {
      long off = 0;
      for (Block b : pieces.get(r).blocks(EntityType.ELEM_BLOCK)) {
        int g = blockIds.indexOf(b.id());
        pieceBlock[r][g] = b;
        pieceBlockOffset[r][g] = off;
        counts[r][g] = b.entryCount();
        off += b.entryCount();
      }
    }
    long[][] localElemIds = new long[n][];
    reads.each(
        r ->
            localElemIds[r] =
                ids(pieces.get(r), EntityType.ELEM_MAP, pieces.get(r).elementCount()));
    long[] bids = new long[nb];
    for (int g = 0; g < nb; g++) bids[g] = blockIds.get(g);
    this.elems =
        new ElementNumbering(
            localElemIds, bids, pieceBlockOffset, counts, order == ElementOrder.BY_ID, reads);
    SetChecks.elementIds(this.pieces, elems);
    reads.elements(elems, pieceBlock, pieceBlockOffset);
    List<Block> bl = new ArrayList<>();
    for (int g = 0; g < nb; g++) {
      long cnt = SetChecks.entries(pieceBlock, g);
      Block model = SetChecks.model(pieceBlock, g);
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        if (b != null
            && model != null
            && b.entryCount() > 0
            && b.attributeCount() != model.attributeCount()) {
          throw SetChecks.differentSets(
              pieces.get(r),
              "element block "
                  + b.id()
                  + " has "
                  + b.attributeCount()
                  + " attributes, "
                  + model.attributeCount()
                  + " in another piece");
        }
      }
      String type = model == null ? "NULL" : model.storedType();
      bl.add(
          new Block(
              EntityType.ELEM_BLOCK,
              g,
              blockIds.get(g),
              model == null ? "" : model.name(),
              type,
              model == null ? Topology.of(type, 0) : model.topology(),
              cnt,
              model == null ? 0 : model.nodesPerEntry(),
              0,
              0,
              model == null ? 0 : model.attributeCount(),
              model == null ? List.of() : model.attributeNames(),
              Map.of()));
    }
    this.blocks = Collections.unmodifiableList(bl);
    if (globals != null) {
      long[] gc = globals.globalBlockCounts();
      for (int g = 0; g < nb && g < gc.length; g++) {
        if (gc[g] != bl.get(g).entryCount()) {
          throw new ExodusFormatException(
              paths.get(0).toString(),
              "variable el_blk_cnt_global",
              ExodusFormatException.NO_OFFSET,
              "inconsistent global counts: block "
                  + blockIds.get(g)
                  + " has "
                  + gc[g]
                  + " elements globally, but its pieces hold "
                  + bl.get(g).entryCount());
        }
      }
      if (globals.globalElementCount() != elems.count()) {
        throw new ExodusFormatException(
            paths.get(0).toString(),
            "dimension num_elems_global",
            ExodusFormatException.NO_OFFSET,
            "inconsistent global counts: the set claims "
                + globals.globalElementCount()
                + " elements, but its pieces hold "
                + elems.count());
      }
    }

    // ---- coordinates of the nodes several pieces hold ----------------------------------------
    SetChecks.Mismatch m = SetChecks.coordinates(this.pieces, nodes, dims, reads);
    if (m != null && m.rank() < 0) {
      warnings.add(m.message());
    } else if (m != null) {
      if (checks == Checks.STRICT) {
        throw new ExodusFormatException(
            pieces.get(m.rank()).path().toString(),
            "variable node_num_map",
            ExodusFormatException.NO_OFFSET,
            m.message());
      }
      warnings.add(m.message() + "; the joined mesh takes the last rank's");
    }
    this.sharedMismatches = m == null ? 0 : m.count();

    // ---- sets --------------------------------------------------------------------------------
    this.merged = new SetMerge(this.pieces, globals, nodes.join, elems.join);
  }

  // ---- opening -----------------------------------------------------------------------------

  /** Opens the pieces of a set, in rank order (or named {@code BASE.N.r}), on the default pool. */
  public static ExodusFileSet open(List<Path> pieces) throws IOException {
    return open(pieces, ExodusOpenOptions.DEFAULT, null, DEFAULT_CHUNK);
  }

  /**
   * Opens the pieces of a set. Pieces named {@code BASE.N.r} are put in rank order and must be
   * ranks 0..N-1 of one base; other names are taken in the order given, as ranks 0, 1, ... Reads
   * run on {@code executor}, or on a pool of one thread per core (closed with the set) when it is
   * null; each piece reads {@code chunkLength} entries at a time.
   *
   * @throws NoSuchFileException where a rank is missing
   * @throws IllegalArgumentException for pieces of different sets
   * @throws ExodusFormatException for pieces whose global counts do not agree
   */
  public static ExodusFileSet open(
      List<Path> pieces, ExodusOpenOptions options, Executor executor, int chunkLength)
      throws IOException {
    return open(pieces, options, executor, chunkLength, Checks.WARN);
  }

  /**
   * As {@link #open(List, ExodusOpenOptions, Executor, int)}, with the treatment of nodes that
   * several pieces hold at different coordinates ({@link Checks}).
   *
   * @throws ExodusFormatException for a piece that gives one global id to two of its nodes or
   *     elements, an element in two pieces, and with {@link Checks#STRICT} for shared nodes at
   *     different coordinates
   */
  public static ExodusFileSet open(
      List<Path> pieces,
      ExodusOpenOptions options,
      Executor executor,
      int chunkLength,
      Checks checks)
      throws IOException {
    return open(pieces, options, executor, chunkLength, checks, ElementOrder.BY_ID);
  }

  /**
   * As {@link #open(List, ExodusOpenOptions, Executor, int, Checks)}, with the order of the joined
   * elements within each block ({@link ElementOrder}).
   */
  public static ExodusFileSet open(
      List<Path> pieces,
      ExodusOpenOptions options,
      Executor executor,
      int chunkLength,
      Checks checks,
      ElementOrder order)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(order, "order");
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("no pieces given");
    }
    if (chunkLength <= 0) {
      throw new IllegalArgumentException("chunk length must be positive, got " + chunkLength);
    }
    List<Path> ordered = SetPieces.rankOrder(pieces);
    ExecutorService own = null;
    Executor ex = executor;
    if (ex == null) {
      int threads =
          Math.max(1, Math.min(ordered.size(), Runtime.getRuntime().availableProcessors()));
      own =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "exodus-file-set");
                t.setDaemon(true);
                return t;
              });
      ex = own;
    }
    List<ExodusFile> open = new ArrayList<>();
    try {
      for (Path p : ordered) open.add(ExodusFile.open(p, options));
      return new ExodusFileSet(ordered, open, ex, own, chunkLength, checks, order);
    } catch (IOException | RuntimeException e) {
      for (ExodusFile f : open) {
        try {
          f.close();
        } catch (IOException s) {
          e.addSuppressed(s);
        }
      }
      if (own != null) own.shutdown();
      throw e;
    }
  }

  /** Opens the set whose pieces are {@code base.N.r} ({@link #piecesOf}). */
  public static ExodusFileSet openBase(Path base) throws IOException {
    return open(piecesOf(base));
  }

  /**
   * The pieces of the set with base name {@code base}: the files {@code base.N.r} beside it, for r
   * = 0..N-1 (ranks may be zero-padded, as {@code mesh.e.16.03}). {@code base} may also name one
   * decomposition as {@code BASE.N} (the N pieces {@code BASE.N.r}), which is how to choose where
   * several decompositions of one mesh stand side by side.
   *
   * @throws NoSuchFileException when there is no such file, or a rank is missing
   * @throws IllegalArgumentException when pieces of several set sizes are there
   */
  public static List<Path> piecesOf(Path base) throws IOException {
    return SetPieces.piecesOf(base);
  }

  // ---- metadata ----------------------------------------------------------------------------

  /** The pieces' paths, by rank. */
  public List<Path> paths() {
    ensureOpen();
    return paths;
  }

  /** Number of pieces (processors). */
  public int pieceCount() {
    ensureOpen();
    return pieces.size();
  }

  /** The piece of rank {@code rank}, open for reading (closed with the set). */
  public ExodusFile piece(int rank) {
    ensureOpen();
    return pieces.get(rank);
  }

  /** What was found odd but tolerated (pieces with different steps or times); empty when none. */
  public List<String> warnings() {
    ensureOpen();
    return Collections.unmodifiableList(warnings);
  }

  /** Entries each piece reads at a time. */
  public int chunkLength() {
    ensureOpen();
    return reads.chunk();
  }

  /** The title of rank 0. */
  public String title() {
    ensureOpen();
    return pieces.get(0).title();
  }

  /** Spatial dimensions. */
  public int dimensionCount() {
    ensureOpen();
    return dims;
  }

  /** Coordinate names of rank 0. */
  public List<String> coordinateNames() {
    ensureOpen();
    return pieces.get(0).coordinateNames();
  }

  /** Nodes of the joined mesh (border nodes counted once). */
  public long nodeCount() {
    ensureOpen();
    return nodes.count;
  }

  /** Elements of the joined mesh. */
  public long elementCount() {
    ensureOpen();
    return elems.count();
  }

  /**
   * The joined element blocks, in the global block order: entry counts are the sums over the
   * pieces; type, topology, name and attribute names come from a piece that has elements in the
   * block (the attributes are read with {@link #readAttributes}).
   */
  public List<Block> blocks() {
    ensureOpen();
    return blocks;
  }

  /**
   * The assemblies of rank 0 (every piece of a set carries them; SEACAS epu copies rank 0's). Their
   * members are blocks and sets by id, which the join keeps.
   */
  public List<Assembly> assemblies() {
    ensureOpen();
    return pieces.get(0).assemblies();
  }

  /** The joined element block with this id. */
  public Block block(long id) {
    ensureOpen();
    for (Block b : blocks) {
      if (b.id() == id) return b;
    }
    throw new NoSuchElementException(paths.get(0) + " (set): no element block with id " + id);
  }

  /**
   * The joined node sets (NODE_SET: the union of the pieces' nodes, each once, ascending by joined
   * index), side sets (SIDE_SET: the pieces' sides one after the other, by rank) or element sets
   * (ELEM_SET: the pieces' elements, ascending by joined index); other kinds are not joined and are
   * empty.
   */
  public List<EntitySet> sets(EntityType type) {
    ensureOpen();
    return merged.sets.getOrDefault(type, List.of());
  }

  /** The id of joined node {@code node} (0-based). */
  public long nodeId(long node) {
    ensureOpen();
    Objects.checkIndex(node, nodes.count);
    return nodes.id(node);
  }

  /** The ids of joined nodes {@code [start, start + count)} (what the join's node id map holds). */
  void readNodeIds(long start, int count, long[] dst, int off) {
    ensureOpen();
    Objects.checkFromIndexSize(start, count, nodes.count);
    if (nodes.ids != null) {
      System.arraycopy(nodes.ids, (int) start, dst, off, count);
    } else {
      for (int i = 0; i < count; i++) dst[off + i] = start + i + 1;
    }
  }

  /** The ids of joined elements {@code [start, start + count)}. */
  void readElementIds(long start, int count, long[] dst, int off) {
    ensureOpen();
    Objects.checkFromIndexSize(start, count, elems.count());
    System.arraycopy(elems.ids, (int) start, dst, off, count);
  }

  /** The joined index of the node with global id {@code nodeId}. */
  public long nodeIndex(long nodeId) {
    ensureOpen();
    long i = nodes.index(nodeId);
    if (i >= 0) return i;
    throw new NoSuchElementException(paths.get(0) + " (set): no node has id " + nodeId);
  }

  /** The id of joined element {@code element} (0-based). */
  public long elementId(long element) {
    ensureOpen();
    Objects.checkIndex(element, elems.count());
    return elems.ids[(int) element];
  }

  /** The joined index of the element with global id {@code elementId}. */
  public long elementIndex(long elementId) {
    ensureOpen();
    long[] s = sortedElementIds;
    int[] ix = sortedElementIndex;
    if (s == null) {
      synchronized (this) {
        if (sortedElementIds == null) {
          long[] elementIds = elems.ids;
          Integer[] order = new Integer[elementIds.length];
          for (int i = 0; i < order.length; i++) order[i] = i;
          Arrays.sort(order, (a, b) -> Long.compare(elementIds[a], elementIds[b]));
          long[] ss = new long[order.length];
          int[] ii = new int[order.length];
          for (int i = 0; i < order.length; i++) {
            ii[i] = order[i];
            ss[i] = elementIds[order[i]];
          }
          sortedElementIndex = ii;
          sortedElementIds = ss;
        }
        s = sortedElementIds;
        ix = sortedElementIndex;
      }
    }
    int i = Arrays.binarySearch(s, elementId);
    if (i < 0) {
      throw new NoSuchElementException(paths.get(0) + " (set): no element has id " + elementId);
    }
    return ix[i];
  }

  /** Steps every piece has. */
  public long timeStepCount() {
    ensureOpen();
    return steps;
  }

  /** Times of steps {@code [firstStep, firstStep + count)}, from rank 0. */
  public void readTimes(long firstStep, long count, double[] dst, int off) throws IOException {
    ensureOpen();
    checkSteps(firstStep, count);
    pieces.get(0).readTimes(firstStep, count, dst, off);
  }

  /** All times, in a new array. */
  public double[] times() throws IOException {
    ensureOpen();
    double[] t = new double[(int) steps];
    readTimes(0, steps, t, 0);
    return t;
  }

  /**
   * Variable names of GLOBAL, NODAL, ELEM_BLOCK, NODE_SET or SIDE_SET (the same in every piece).
   */
  public List<String> variableNames(EntityType kind) {
    ensureOpen();
    return namer(kind).variableNames(kind);
  }

  /** Rank 0, or for set variables the first piece that has sets of the kind. */
  private ExodusFile namer(EntityType kind) {
    if (kind.isSet()) {
      for (ExodusFile p : pieces) if (!p.sets(kind).isEmpty()) return p;
    }
    return pieces.get(0);
  }

  /** The 0-based index of variable {@code name} of {@code kind}. */
  public int variableIndex(EntityType kind, String name) {
    ensureOpen();
    return namer(kind).variableIndex(kind, name);
  }

  /** Reduction variable names of {@code kind} (one value per object and step), rank 0's. */
  public List<String> reductionVariableNames(EntityType kind) {
    ensureOpen();
    return pieces.get(0).reductionVariableNames(kind);
  }

  /**
   * All reduction variables of the object {@code objectId} of {@code kind} (an assembly, element
   * block or set) at {@code step}, from the first rank that has the object: parallel codes write
   * reduced values, the same in every piece (as for global variables, which come from rank 0).
   */
  public void readReductionVariables(
      EntityType kind, long objectId, long step, double[] dst, int off) throws IOException {
    ensureOpen();
    checkSteps(step, 1);
    for (ExodusFile p : pieces) {
      boolean has =
          kind == EntityType.ASSEMBLY
              ? p.assemblies().stream().anyMatch(a -> a.id() == objectId)
              : kind.isBlock()
                  ? p.blocks(kind).stream().anyMatch(b -> b.id() == objectId)
                  : p.sets(kind).stream().anyMatch(x -> x.id() == objectId);
      if (has) {
        p.readReductionVariables(kind, objectId, step, dst, off);
        return;
      }
    }
    throw new NoSuchElementException(
        paths.get(0) + " (set): no piece has " + kind + " " + objectId);
  }

  /**
   * True when some piece stores variable {@code var} of {@code kind} (ELEM_BLOCK, NODE_SET or
   * SIDE_SET) on the block or set {@code blockId}.
   */
  public boolean hasVariable(EntityType kind, int var, long blockId) {
    ensureOpen();
    if (kind == EntityType.NODE_SET || kind == EntityType.SIDE_SET || kind == EntityType.ELEM_SET) {
      setOf(kind, blockId);
      for (ExodusFile p : pieces) {
        EntitySet ps = SetMerge.find(p.sets(kind), blockId);
        if (ps != null && ps.entryCount() > 0 && p.hasVariable(kind, var, blockId)) return true;
      }
      return false;
    }
    requireElemBlock(kind);
    int g = blocks.indexOf(block(blockId));
    for (int r = 0; r < pieces.size(); r++) {
      if (pieceBlock[r][g] != null
          && pieceBlock[r][g].entryCount() > 0
          && pieces.get(r).hasVariable(kind, var, blockId)) {
        return true;
      }
    }
    return false;
  }

  // ---- coordinates and connectivity ----------------------------------------------------------

  /** Coordinates of joined nodes {@code [start, start + count)} on {@code axis}. */
  public void readCoordinates(int axis, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    checkRange(start, count, nodes.count, dst.length - off, "nodes");
    reads.scatterNodes(
        start, count, dst, off, (p, s, c, buf, at) -> p.readCoordinates(axis, s, c, buf, at));
  }

  /** Coordinates of all joined nodes on {@code axis}, in a new array. */
  public double[] coordinates(int axis) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(nodes.count)];
    readCoordinates(axis, 0, nodes.count, d, 0);
    return d;
  }

  /**
   * Connectivity of entries {@code [start, start + count)} of joined block {@code b} ({@code
   * nodesPerEntry} values each), as 1-based joined node numbers.
   */
  public void readConnectivity(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    int g = connectivityBlock(b, start, count, dst.length - off);
    int npe = (int) b.nodesPerEntry();
    int per = Math.max(1, reads.chunk() / Math.max(npe, 1));
    int[] window = new int[(int) Math.min(per, Math.max(1, count)) * npe];
    for (long s = 0; s < count; s += per) {
      int c = (int) Math.min(per, count - s);
      readConnectivity(b, g, start + s, c, window, 0);
      int at = off + (int) (s * npe);
      for (int i = 0; i < c * npe; i++) dst[at + i] = window[i];
    }
  }

  /**
   * As {@link #readConnectivity(Block, long, long, long[], int)}, into ints (joined node numbers
   * fit an int): what the join writes.
   */
  void readConnectivity(Block b, long start, long count, int[] dst, int off) throws IOException {
    ensureOpen();
    readConnectivity(
        b, connectivityBlock(b, start, count, dst.length - off), start, count, dst, off);
  }

  /** The index of joined block {@code b}, whose connectivity a caller reads into {@code room}. */
  private int connectivityBlock(Block b, long start, long count, int room) {
    int g = blockIndex(b);
    if (b.isPolytope()) {
      throw new IllegalArgumentException(
          "element block " + b.id() + " is " + b.topology() + ": polytope blocks are not joined");
    }
    int npe = (int) b.nodesPerEntry();
    checkRange(start, count, b.entryCount(), room / Math.max(npe, 1), "entries");
    return g;
  }

  private void readConnectivity(Block b, int g, long start, long count, int[] dst, int off)
      throws IOException {
    int npe = (int) b.nodesPerEntry();
    int per = Math.max(1, reads.chunk() / Math.max(npe, 1));
    reads.elementWindows(
        g,
        start,
        count,
        per,
        (r, p, pb, s, c, at) -> {
          int[] nj = nodes.join[r];
          int[] buf = new int[c * npe];
          if (p.info().storesInt64()) {
            long[] wide = new long[buf.length];
            p.readConnectivity(pb, s, c, wide, 0);
            for (int i = 0; i < buf.length; i++) {
              long local = wide[i];
              if (local < 1 || local > nj.length) throw outside(p, pb, s + i / npe, local, nj);
              buf[i] = (int) local;
            }
          } else {
            p.readConnectivity(pb, s, c, buf, 0);
          }
          if (elems.consecutive[r][g]) { // entries s.. are joined ones at(s).., all in the window
            int to = off + (int) (at.of(s) * npe);
            for (int i = 0; i < buf.length; i++) {
              int local = buf[i];
              if (local < 1 || local > nj.length) throw outside(p, pb, s + i / npe, local, nj);
              dst[to + i] = nj[local - 1] + 1;
            }
            return;
          }
          for (int k = 0; k < c; k++) {
            long j = at.of(s + k);
            if (j < 0 || j >= count) continue;
            int to = off + (int) (j * npe);
            for (int q = 0; q < npe; q++) {
              int local = buf[k * npe + q];
              if (local < 1 || local > nj.length) throw outside(p, pb, s + k, local, nj);
              dst[to + q] = nj[local - 1] + 1;
            }
          }
        });
  }

  private static ExodusFormatException outside(
      ExodusFile p, Block pb, long entry, long local, int[] nj) {
    return new ExodusFormatException(
        p.path().toString(),
        "connectivity of element block " + pb.id(),
        ExodusFormatException.NO_OFFSET,
        "entry " + entry + " names node " + local + " outside 1.." + nj.length);
  }

  /** All connectivity of joined block {@code b}, in a new array. */
  public long[] connectivity(Block b) throws IOException {
    ensureOpen();
    long[] d = new long[toInt(b.entryCount() * b.nodesPerEntry())];
    readConnectivity(b, 0, b.entryCount(), d, 0);
    return d;
  }

  /**
   * Attributes of entries {@code [start, start + count)} of joined block {@code b} ({@code
   * attributeCount} values each, entry-major), from the piece holding each element.
   */
  public void readAttributes(Block b, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    int g = blockIndex(b);
    int na = (int) b.attributeCount();
    if (na == 0) {
      throw new IllegalArgumentException("element block " + b.id() + " has no attributes");
    }
    checkRange(start, count, b.entryCount(), (dst.length - off) / na, "entries");
    reads.elementWindows(
        g,
        start,
        count,
        Math.max(1, reads.chunk() / na),
        (r, p, pb, s, c, at) -> {
          double[] buf = new double[c * na];
          p.readAttributes(pb, s, c, buf, 0);
          for (int k = 0; k < c; k++) {
            long j = at.of(s + k);
            if (j >= 0 && j < count) System.arraycopy(buf, k * na, dst, off + (int) (j * na), na);
          }
        });
  }

  // ---- sets ----------------------------------------------------------------------------------

  /**
   * Entries {@code [start, start + count)} of a joined set: 1-based joined node or element numbers.
   */
  public void readSetEntries(EntitySet s, long start, long count, long[] dst, int off) {
    ensureOpen();
    long[] e =
        switch (s.type()) {
          case NODE_SET -> merged.nodeSetEntries.get(s.id());
          case SIDE_SET -> first(merged.sideSetEntries.get(s.id()));
          case ELEM_SET -> merged.elemSetEntries.get(s.id());
          default -> null;
        };
    if (e == null) throw new IllegalArgumentException(s + " is not a set of this file set");
    checkRange(start, count, e.length, dst.length - off, "entries");
    System.arraycopy(e, (int) start, dst, off, (int) count);
  }

  /** The sides of entries {@code [start, start + count)} of a joined side set. */
  public void readSetExtra(EntitySet s, long start, long count, long[] dst, int off) {
    ensureOpen();
    if (s.type() != EntityType.SIDE_SET || !merged.sideSetEntries.containsKey(s.id())) {
      throw new IllegalArgumentException(s + " is not a side set of this file set");
    }
    long[] e = merged.sideSetEntries.get(s.id())[1];
    checkRange(start, count, e.length, dst.length - off, "entries");
    System.arraycopy(e, (int) start, dst, off, (int) count);
  }

  /** Distribution factors {@code [start, start + count)} of a joined set. */
  public void readDistributionFactors(EntitySet s, long start, long count, double[] dst, int off) {
    ensureOpen();
    double[] f =
        switch (s.type()) {
          case NODE_SET -> merged.nodeSetFactors.get(s.id());
          case SIDE_SET -> merged.sideSetFactors.get(s.id());
          case ELEM_SET -> merged.elemSetFactors.get(s.id());
          default -> null;
        };
    if (f == null) throw new IllegalArgumentException(s + " has no distribution factors");
    checkRange(start, count, f.length, dst.length - off, "factors");
    System.arraycopy(f, (int) start, dst, off, (int) count);
  }

  // ---- variables -----------------------------------------------------------------------------

  /** All global variables at {@code step}, from rank 0. */
  public void readGlobalVariables(long step, double[] dst, int off) throws IOException {
    ensureOpen();
    checkSteps(step, 1);
    pieces.get(0).readGlobalVariables(step, dst, off);
  }

  /** All global variables at {@code step}, in a new array. */
  public double[] globalVariables(long step) throws IOException {
    ensureOpen();
    double[] d = new double[variableNames(EntityType.GLOBAL).size()];
    if (d.length > 0) readGlobalVariables(step, d, 0);
    return d;
  }

  /** Nodal variable {@code var} at {@code step}, joined nodes {@code [start, start + count)}. */
  public void readNodalVariable(int var, long step, long start, long count, double[] dst, int off)
      throws IOException {
    ensureOpen();
    checkSteps(step, 1);
    checkRange(start, count, nodes.count, dst.length - off, "nodes");
    reads.scatterNodes(
        start,
        count,
        dst,
        off,
        (p, s, c, buf, at) -> p.readNodalVariable(var, step, s, c, buf, at));
  }

  /**
   * Nodal variable {@code var} at {@code step}, joined nodes {@code [start, start + count)}, where
   * each node that several pieces hold gets the sum of their values, added in rank order (SEACAS
   * epu's {@code -sum_shared_nodes}, for results that each piece holds a part of). The pieces are
   * read one after the other.
   */
  public void readNodalVariableSum(
      int var, long step, long start, long count, double[] dst, int off) throws IOException {
    ensureOpen();
    checkSteps(step, 1);
    checkRange(start, count, nodes.count, dst.length - off, "nodes");
    reads.sumNodes(
        start,
        count,
        dst,
        off,
        (p, s, c, buf, at) -> p.readNodalVariable(var, step, s, c, buf, at));
  }

  /**
   * Joined nodes that more than one piece holds (the nodes on borders between pieces): their values
   * are the last rank's, and their coordinates were compared when the set was opened.
   */
  public long sharedNodeCount() {
    ensureOpen();
    return nodes.shared.cardinality();
  }

  /** Shared nodes found at different coordinates in different pieces when the set was opened. */
  public long sharedNodeMismatchCount() {
    ensureOpen();
    return sharedMismatches;
  }

  /** Nodal variable {@code var} at {@code step}, all joined nodes, in a new array. */
  public double[] nodalVariable(int var, long step) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(nodes.count)];
    readNodalVariable(var, step, 0, nodes.count, d, 0);
    return d;
  }

  /** Nodal variable {@code name} at {@code step}, all joined nodes, in a new array. */
  public double[] nodalVariable(String name, long step) throws IOException {
    ensureOpen();
    return nodalVariable(variableIndex(EntityType.NODAL, name), step);
  }

  /**
   * Variable {@code var} of {@code kind} on joined block or set {@code blockId} at {@code step},
   * entries {@code [start, start + count)}: ELEM_BLOCK (from the piece holding each element),
   * NODE_SET (each entry from the rank its factor comes from), SIDE_SET (the pieces' sides in rank
   * order) or ELEM_SET; NaN for the entries of a piece that does not store it.
   */
  public void readVariable(
      EntityType kind,
      int var,
      long blockId,
      long step,
      long start,
      long count,
      double[] dst,
      int off)
      throws IOException {
    ensureOpen();
    if (kind == EntityType.NODE_SET || kind == EntityType.SIDE_SET || kind == EntityType.ELEM_SET) {
      checkSteps(step, 1);
      readSetVariable(kind, var, blockId, step, start, count, dst, off);
      return;
    }
    requireElemBlock(kind);
    checkSteps(step, 1);
    Block b = block(blockId);
    int g = blocks.indexOf(b);
    checkRange(start, count, b.entryCount(), dst.length - off, "entries");
    scatterElements(
        g,
        start,
        count,
        dst,
        off,
        (r, p, s, c, buf, at) -> {
          if (p.hasVariable(kind, var, blockId)) {
            p.readVariable(kind, var, blockId, step, s, c, buf, at);
          } else {
            Arrays.fill(buf, at, at + c, Double.NaN);
          }
        });
  }

  private EntitySet setOf(EntityType kind, long id) {
    for (EntitySet s : sets(kind)) if (s.id() == id) return s;
    throw new NoSuchElementException(paths.get(0) + " (set): no " + kind + " with id " + id);
  }

  /**
   * A node or side set variable: a node set's merged entries take the value of the rank their
   * factor comes from (the last listing the node); a side set's are the pieces' one after the
   * other. NaN where a piece does not store the variable on its set.
   */
  private void readSetVariable(
      EntityType kind, int var, long id, long step, long start, long count, double[] dst, int off)
      throws IOException {
    EntitySet js = setOf(kind, id);
    checkRange(start, count, js.entryCount(), dst.length - off, "entries");
    for (int r = 0; r < pieces.size(); r++) {
      ExodusFile p = pieces.get(r);
      EntitySet ps = SetMerge.find(p.sets(kind), id);
      if (ps == null || ps.entryCount() == 0) continue;
      boolean stored = p.hasVariable(kind, var, id);
      if (kind == EntityType.SIDE_SET) {
        long[] o = merged.sideSetOffsets.get(id);
        long a = Math.max(o[r], start);
        long b = Math.min(o[r + 1], start + count);
        if (a >= b) continue;
        int dstAt = off + (int) (a - start);
        if (stored) p.readVariable(kind, var, id, step, a - o[r], b - a, dst, dstAt);
        else Arrays.fill(dst, dstAt, dstAt + (int) (b - a), Double.NaN);
        continue;
      }
      int[][] src =
          kind == EntityType.NODE_SET ? merged.nodeSetSource.get(id) : merged.elemSetSource.get(id);
      double[] v = null;
      for (long i = start; i < start + count; i++) {
        if (src[0][(int) i] != r) continue;
        if (v == null) {
          v = new double[toInt(ps.entryCount())];
          if (stored) p.readVariable(kind, var, id, step, 0, v.length, v, 0);
          else Arrays.fill(v, Double.NaN);
        }
        dst[off + (int) (i - start)] = v[src[1][(int) i]];
      }
    }
  }

  /** Reads {@code count} values of rank r's part of a block from its entry {@code start}. */
  @FunctionalInterface
  private interface ElementReader {
    void read(int rank, ExodusFile piece, long start, int count, double[] buf, int off)
        throws IOException;
  }

  /**
   * Reads, from every piece holding entries of joined block {@code g} in the window {@code [start,
   * start + count)}, the local range that holds them, in chunks, and scatters them into dst.
   */
  private void scatterElements(
      int g, long start, long count, double[] dst, int off, ElementReader reader)
      throws IOException {
    reads.elementWindows(
        g,
        start,
        count,
        reads.chunk(),
        (r, p, pb, s, c, at) -> {
          if (elems.consecutive[r][g]) { // entries s.. are joined ones at(s).., all in the window
            reader.read(r, p, s, c, dst, off + (int) at.of(s));
            return;
          }
          double[] buf = new double[c];
          reader.read(r, p, s, c, buf, 0);
          for (int k = 0; k < c; k++) {
            long j = at.of(s + k);
            if (j >= 0 && j < count) dst[off + (int) j] = buf[k];
          }
        });
  }

  /**
   * The rank of the piece holding each entry {@code [start, start + count)} of joined block {@code
   * b} (what SEACAS epu's {@code -add_processor_id} writes as the element variable {@code
   * processor_id}).
   */
  void readElementRanks(Block b, long start, long count, double[] dst, int off) throws IOException {
    ensureOpen();
    int g = blockIndex(b);
    checkRange(start, count, b.entryCount(), dst.length - off, "entries");
    scatterElements(
        g, start, count, dst, off, (r, p, s, c, buf, at) -> Arrays.fill(buf, at, at + c, r));
  }

  /**
   * Variable {@code var} of joined block or set {@code blockId} at {@code step}, in a new array.
   */
  public double[] variable(EntityType kind, int var, long blockId, long step) throws IOException {
    ensureOpen();
    long n;
    if (kind == EntityType.NODE_SET || kind == EntityType.SIDE_SET || kind == EntityType.ELEM_SET) {
      n = setOf(kind, blockId).entryCount();
    } else {
      requireElemBlock(kind);
      n = block(blockId).entryCount();
    }
    double[] d = new double[toInt(n)];
    readVariable(kind, var, blockId, step, 0, d.length, d, 0);
    return d;
  }

  /**
   * Nodal variable {@code name} of the node with global id {@code nodeId} at every step.
   *
   * @deprecated the name does not say whether the number is an index or an id, and {@link
   *     ExodusFile#nodalVariableHistory} takes an index: use {@link #nodalVariableHistoryById} (the
   *     same call) or {@link #nodalVariableHistoryByIndex}
   */
  @Deprecated(since = "0.1.0")
  public double[] nodalVariableHistory(String name, long nodeId) throws IOException {
    return nodalVariableHistoryById(name, nodeId);
  }

  /**
   * Nodal variable {@code name} of joined node {@code node} (0-based index, the order of {@link
   * #nodeId}) at every step.
   *
   * @throws IndexOutOfBoundsException where {@code node} is not below {@link #nodeCount()}
   */
  public double[] nodalVariableHistoryByIndex(String name, long node) throws IOException {
    ensureOpen();
    variableIndex(EntityType.NODAL, name);
    return nodalVariableHistoryById(name, nodeId(node));
  }

  /**
   * Nodal variable {@code name} of the node with global id {@code nodeId} at every step, from the
   * last rank holding the node (as epu joins): the history {@link
   * ExodusFile#nodalVariableHistoryById} gives for that id on the serial file.
   *
   * @throws NoSuchElementException naming the set and the id where no node has it
   */
  public double[] nodalVariableHistoryById(String name, long nodeId) throws IOException {
    ensureOpen();
    int var = variableIndex(EntityType.NODAL, name);
    nodeIndex(nodeId);
    for (int r = pieces.size() - 1; r >= 0; r--) { // the last rank holding the node, as epu
      ExodusFile p = pieces.get(r);
      long k;
      try {
        k = p.nodeIndex(nodeId);
      } catch (NoSuchElementException e) {
        continue;
      }
      double[] d = new double[toInt(steps)];
      p.readNodalVariableHistory(var, k, 0, steps, d, 0);
      return d;
    }
    throw new NoSuchElementException(paths.get(0) + " (set): no node has id " + nodeId);
  }

  /**
   * Element variable {@code name} of the element with global id {@code elementId} at every step.
   *
   * @deprecated the name does not say whether the number is an index or an id, and {@link
   *     ExodusFile#elementVariableHistory} takes an index: use {@link #elementVariableHistoryById}
   *     (the same call) or {@link #elementVariableHistoryByIndex}
   */
  @Deprecated(since = "0.1.0")
  public double[] elementVariableHistory(String name, long elementId) throws IOException {
    return elementVariableHistoryById(name, elementId);
  }

  /**
   * Element variable {@code name} of joined element {@code element} (0-based index, the order of
   * {@link #elementId}: by block, then id) at every step.
   *
   * @throws IndexOutOfBoundsException where {@code element} is not below {@link #elementCount()}
   */
  public double[] elementVariableHistoryByIndex(String name, long element) throws IOException {
    ensureOpen();
    variableIndex(EntityType.ELEM_BLOCK, name);
    return elementVariableHistoryById(name, elementId(element));
  }

  /**
   * Element variable {@code name} of the element with global id {@code elementId} at every step:
   * the history {@link ExodusFile#elementVariableHistoryById} gives for that id on the serial file.
   *
   * @throws NoSuchElementException naming the set and the id where no element has it
   * @throws IllegalArgumentException where the element's block does not store the variable
   */
  public double[] elementVariableHistoryById(String name, long elementId) throws IOException {
    ensureOpen();
    int var = variableIndex(EntityType.ELEM_BLOCK, name);
    elementIndex(elementId);
    for (ExodusFile p : pieces) {
      long k;
      try {
        k = p.elementIndex(elementId);
      } catch (NoSuchElementException e) {
        continue;
      }
      ElementLocation loc = p.elementLocation(k);
      if (!p.hasVariable(EntityType.ELEM_BLOCK, var, loc.block().id())) {
        throw new IllegalArgumentException(
            p.path()
                + ": element variable "
                + name
                + " is not stored on block "
                + loc.block().id());
      }
      double[] d = new double[toInt(steps)];
      p.readVariableHistory(
          EntityType.ELEM_BLOCK, var, loc.block().id(), loc.entry(), 0, steps, d, 0);
      return d;
    }
    throw new NoSuchElementException(paths.get(0) + " (set): no element has id " + elementId);
  }

  /**
   * Streams nodal variable {@code var} over steps {@code [firstStep, firstStep + stepCount)} in
   * chunks of {@code chunkLength} joined nodes (see {@link ValueChunks}); the range is checked
   * here, as {@link ExodusFile#nodalVariableChunks} does.
   */
  public ValueChunks nodalVariableChunks(int var, long firstStep, long stepCount, int chunkLength) {
    ensureOpen();
    checkSteps(firstStep, stepCount);
    return new ValueChunks(
        (step, start, count, dst) -> readNodalVariable(var, step, start, count, dst, 0),
        firstStep,
        stepCount,
        nodes.count,
        chunkLength);
  }

  /**
   * Streams element variable {@code var} of block {@code blockId} over steps {@code [firstStep,
   * firstStep + stepCount)} in chunks of {@code chunkLength} entries.
   */
  public ValueChunks variableChunks(
      EntityType kind, int var, long blockId, long firstStep, long stepCount, int chunkLength) {
    ensureOpen();
    requireElemBlock(kind);
    checkSteps(firstStep, stepCount);
    return new ValueChunks(
        (step, start, count, dst) -> readVariable(kind, var, blockId, step, start, count, dst, 0),
        firstStep,
        stepCount,
        block(blockId).entryCount(),
        chunkLength);
  }

  /**
   * Writes the set as one file at {@code out} (what SEACAS {@code epu} does), with {@link
   * ExodusWriter}: the joined mesh with the global ids in its node and element id maps, edge and
   * face blocks, node, side and element sets, block attributes, assemblies, rank 0's QA and info
   * records with one of the join's own after each (as epu adds its own), and every step of every
   * global, nodal, element, edge, face, set and reduction variable, streamed in windows of {@link
   * #chunkLength()}. Returns notes about what was joined (the {@link #warnings()}: for example
   * steps that only some pieces have, which are left out). Not joined, as epu does not join them:
   * edge and face sets, blobs, entity attributes, the pieces' numbered maps (docs/decomposed.md).
   *
   * @param progress told the bytes of data written so far, or null
   */
  public List<String> join(Path out, ExodusFormat format, java.util.function.LongConsumer progress)
      throws IOException {
    ensureOpen();
    return SetJoin.join(this, out, JoinOptions.DEFAULT.withFormat(format), progress);
  }

  /**
   * Writes the set as one file at {@code out} as {@link #join(Path, ExodusFormat,
   * java.util.function.LongConsumer)} does, with the options of SEACAS {@code epu} ({@link
   * JoinOptions}: format and compression, a range of steps, variable subsets, sets left out,
   * processor ids, summed shared nodes, appending to an earlier join). Returns notes about what was
   * joined.
   *
   * @param progress told the bytes of data written so far, or null
   * @throws IllegalArgumentException for options the set or format cannot meet (an unknown variable
   *     name, 64-bit integers in a classic format, appending to a file that is not a join of this
   *     set with these options)
   */
  public List<String> join(Path out, JoinOptions options, java.util.function.LongConsumer progress)
      throws IOException {
    ensureOpen();
    Objects.requireNonNull(options, "options");
    return SetJoin.join(this, out, options, progress);
  }

  private static long[] first(long[][] lists) {
    return lists == null ? null : lists[0];
  }

  /** Refuses a call on a closed set. */
  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(paths.get(0) + " (set) is closed");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException first = null;
    for (ExodusFile f : pieces) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (ownedExecutor != null) ownedExecutor.shutdown();
    if (first != null) throw first;
  }

  @Override
  public String toString() {
    return "ExodusFileSet["
        + pieces.size()
        + " pieces of "
        + paths.get(0)
        + ", "
        + nodes.count
        + " nodes, "
        + elems.count()
        + " elements]";
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The node numbering (for the join of edge and face blocks). */
  NodeNumbering nodeNumbering() {
    return nodes;
  }

  /** The order of joined elements in a block, which edge and face blocks follow too. */
  ElementOrder elementOrder() {
    return order;
  }

  /** A piece's id map of NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP ({@code 1..n} where none). */
  static long[] ids(ExodusFile p, EntityType map, long n) throws IOException {
    long[] ids = new long[toInt(n)];
    if (p.hasIdMap(map)) {
      p.readIdMap(map, 0, n, ids, 0);
    } else {
      for (int i = 0; i < ids.length; i++) ids[i] = i + 1;
    }
    return ids;
  }

  private int blockIndex(Block b) {
    int g = b.index();
    if (g < 0 || g >= blocks.size() || !blocks.get(g).equals(b)) {
      throw new IllegalArgumentException(b + " is not a block of this file set");
    }
    return g;
  }

  private static void requireElemBlock(EntityType kind) {
    if (kind != EntityType.ELEM_BLOCK) {
      throw new IllegalArgumentException(
          "a file set joins element block, node set, side set and element set variables, not "
              + kind);
    }
  }

  private void checkSteps(long first, long count) {
    if (first < 0 || count < 0 || first + count > steps) {
      throw new IllegalArgumentException(
          "steps " + first + ".." + (first + count - 1) + " are outside the set's " + steps);
    }
  }

  private static void checkRange(long start, long count, long size, long room, String what) {
    if (start < 0 || count < 0 || start + count > size) {
      throw new IllegalArgumentException(
          what + " " + start + ".." + (start + count - 1) + " are outside 0.." + (size - 1));
    }
    if (count > room) {
      throw new IllegalArgumentException(
          "the array has room for " + room + " " + what + ", " + count + " asked");
    }
  }

  private static int toInt(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " values do not fit in one array; read in ranges");
    }
    return (int) n;
  }
}
