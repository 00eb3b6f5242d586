package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A decomposed file set (one file per MPI rank, {@code mesh.e.N.r} for rank r of N, each carrying
 * the {@link Nemesis} metadata and the global id maps) read as the one mesh it was decomposed from.
 *
 * <p><b>Numbering</b>: the joined mesh's nodes are the union of the pieces' nodes by global id
 * ({@code node_num_map}), ascending; nodes on a border between pieces are counted once, and their
 * values are read from the lowest rank that holds them. The joined elements are grouped by block
 * (the global block order of the Nemesis metadata) and, within a block, ordered by global element
 * id. Indices are 0-based as in {@link ExodusFile}; connectivity and set entries are 1-based joined
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

  private static final Pattern RANK = Pattern.compile("^(.*)\\.(\\d+)\\.(\\d+)$");
  private static final Pattern SIZE = Pattern.compile("^(.*)\\.(\\d+)$");

  private final List<Path> paths;
  private final List<ExodusFile> pieces;
  private final java.util.concurrent.Executor executor;
  private final ExecutorService ownedExecutor;
  private final int chunk;
  private final List<String> warnings = new ArrayList<>();

  private final int dims;
  private final long nodeCount;
  private final long elementCount;

  /** Joined node index to global id; null where the ids are 1..N. */
  private final long[] nodeIds;

  /** Per piece: local node (0-based) to joined node index. */
  private final int[][] nodeJoin;

  /** Per piece: the local nodes it supplies values for (those no lower rank holds). */
  private final BitSet[] owned;

  /** Per piece: smallest and largest joined node index. */
  private final int[][] nodeRange;

  /** Per piece: its owned local nodes, ordered by joined index. */
  private final int[][] ownedByJoined;

  /** Per piece: whether its owned local nodes in joined order are also in local order. */
  private final boolean[] ownedInOrder;

  /** Per piece and joined block: smallest and largest joined element index (-1, -1: none). */
  private final long[][][] elemRange;

  /** Per piece and joined block: whether the piece's entries are in joined order. */
  private final boolean[][] elemMonotone;

  private final List<Block> blocks;
  private final long[] blockOffset;

  /** Joined element index to global id. */
  private final long[] elementIds;

  /** Per piece: local element (0-based, file order) to joined element index. */
  private final int[][] elemJoin;

  /** Per piece and joined block: the piece's block, or null. */
  private final Block[][] pieceBlock;

  /** Per piece and joined block: the piece's element offset of that block. */
  private final long[][] pieceBlockOffset;

  private final Map<EntityType, List<EntitySet>> sets = new LinkedHashMap<>();
  private final Map<Long, long[]> nodeSetEntries = new LinkedHashMap<>();
  private final Map<Long, double[]> nodeSetFactors = new LinkedHashMap<>();
  private final Map<Long, long[][]> sideSetEntries = new LinkedHashMap<>();
  private final Map<Long, double[]> sideSetFactors = new LinkedHashMap<>();

  private final long steps;
  private volatile long[] sortedElementIds;
  private volatile int[] sortedElementIndex;

  private ExodusFileSet(
      List<Path> paths,
      List<ExodusFile> pieces,
      java.util.concurrent.Executor executor,
      ExecutorService ownedPool,
      int chunk)
      throws IOException {
    this.paths = List.copyOf(paths);
    this.pieces = List.copyOf(pieces);
    this.executor = executor;
    this.ownedExecutor = ownedPool;
    this.chunk = chunk;
    int n = pieces.size();
    ExodusFile first = pieces.get(0);
    this.dims = first.dimensionCount();

    // ---- consistency of the pieces ---------------------------------------------------------
    Nemesis globals = null;
    for (int r = 0; r < n; r++) {
      ExodusFile p = pieces.get(r);
      Nemesis nm = p.nemesis().orElse(null);
      if (nm == null) {
        throw new ExodusFormatException(
            p.path().toString(),
            "variable nem_ftype",
            ExodusFormatException.NO_OFFSET,
            "is not a piece of a decomposed set (it has no Nemesis metadata)");
      }
      if (nm.processorCount() != n) {
        throw new IllegalArgumentException(
            p.path()
                + " is a piece of a set of "
                + nm.processorCount()
                + " processors, but "
                + n
                + " pieces were given: pieces of different sets, or a rank is missing");
      }
      if (p.dimensionCount() != dims) {
        throw differentSets(p, "it is " + p.dimensionCount() + "-D, rank 0 is " + dims + "-D");
      }
      for (EntityType k : List.of(EntityType.GLOBAL, EntityType.NODAL, EntityType.ELEM_BLOCK)) {
        if (!p.variableNames(k).equals(first.variableNames(k))) {
          throw differentSets(
              p,
              k.name().toLowerCase(Locale.ROOT)
                  + " variables "
                  + p.variableNames(k)
                  + " differ from rank 0's "
                  + first.variableNames(k));
        }
      }
      if (nm.hasGlobals()) {
        if (globals == null) {
          globals = nm;
        } else if (globals.globalNodeCount() != nm.globalNodeCount()
            || globals.globalElementCount() != nm.globalElementCount()
            || !Arrays.equals(globals.globalBlockIds(), nm.globalBlockIds())) {
          throw new ExodusFormatException(
              p.path().toString(),
              "dimension num_nodes_global",
              ExodusFormatException.NO_OFFSET,
              "inconsistent global counts: "
                  + nm.globalNodeCount()
                  + " nodes, "
                  + nm.globalElementCount()
                  + " elements, blocks "
                  + Arrays.toString(nm.globalBlockIds())
                  + " where another piece says "
                  + globals.globalNodeCount()
                  + ", "
                  + globals.globalElementCount()
                  + ", "
                  + Arrays.toString(globals.globalBlockIds()));
        }
      }
    }

    // ---- steps -------------------------------------------------------------------------------
    long common = Long.MAX_VALUE;
    long most = 0;
    for (ExodusFile p : pieces) {
      common = Math.min(common, p.timeStepCount());
      most = Math.max(most, p.timeStepCount());
    }
    if (common != most) {
      StringBuilder sb = new StringBuilder();
      for (int r = 0; r < n; r++) {
        sb.append(r == 0 ? "" : ", ")
            .append("rank ")
            .append(r)
            .append(": ")
            .append(pieces.get(r).timeStepCount());
      }
      warnings.add(
          "the pieces have different numbers of steps ("
              + sb
              + "); the set has the "
              + common
              + " steps all of them have");
    }
    this.steps = common;
    if (steps > 0) {
      double[] t0 = new double[(int) Math.min(steps, Integer.MAX_VALUE - 8)];
      first.readTimes(0, t0.length, t0, 0);
      double[] t = new double[t0.length];
      for (int r = 1; r < n; r++) {
        pieces.get(r).readTimes(0, t.length, t, 0);
        for (int s = 0; s < t.length; s++) {
          if (Double.compare(t[s], t0[s]) != 0) {
            warnings.add(
                "rank "
                    + r
                    + " has time "
                    + t[s]
                    + " at step "
                    + (s + 1)
                    + " where rank 0 has "
                    + t0[s]
                    + "; times are read from rank 0");
            break;
          }
        }
      }
    }

    // ---- nodes -------------------------------------------------------------------------------
    long[][] localIds = new long[n][];
    eachPiece(
        r -> localIds[r] = ids(pieces.get(r), EntityType.NODE_MAP, pieces.get(r).nodeCount()));
    long total = 0;
    for (long[] a : localIds) total += a.length;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the pieces hold " + total + " nodes; a set of more than 2^31 is not supported");
    }
    // Ids 1..N (the usual numbering) are recognized with a bit per id, without sorting.
    long maxId = 0;
    long minId = Long.MAX_VALUE;
    for (long[] a : localIds) {
      for (long id : a) {
        maxId = Math.max(maxId, id);
        minId = Math.min(minId, id);
      }
    }
    boolean dense = false;
    if (minId == 1 && maxId <= total) {
      BitSet present = new BitSet((int) maxId + 1);
      for (long[] a : localIds) for (long id : a) present.set((int) id);
      dense = present.cardinality() == maxId;
    }
    if (dense) {
      this.nodeCount = maxId;
      this.nodeIds = null;
    } else {
      long[] all = new long[(int) total];
      int at = 0;
      for (long[] a : localIds) {
        System.arraycopy(a, 0, all, at, a.length);
        at += a.length;
      }
      Arrays.parallelSort(all);
      int u = 0;
      for (int i = 0; i < all.length; i++) {
        if (i == 0 || all[i] != all[i - 1]) all[u++] = all[i];
      }
      this.nodeCount = u;
      this.nodeIds = Arrays.copyOf(all, u);
    }
    if (globals != null && globals.globalNodeCount() != nodeCount) {
      throw new ExodusFormatException(
          paths.get(0).toString(),
          "dimension num_nodes_global",
          ExodusFormatException.NO_OFFSET,
          "inconsistent global counts: the set claims "
              + globals.globalNodeCount()
              + " nodes, but its pieces hold "
              + nodeCount
              + " distinct node ids");
    }
    this.nodeJoin = new int[n][];
    this.nodeRange = new int[n][];
    eachPiece(
        r -> {
          long[] ids = localIds[r];
          int[] j = new int[ids.length];
          int lo = Integer.MAX_VALUE;
          int hi = -1;
          for (int k = 0; k < ids.length; k++) {
            j[k] = (int) nodeIndex(ids[k]);
            lo = Math.min(lo, j[k]);
            hi = Math.max(hi, j[k]);
          }
          nodeJoin[r] = j;
          nodeRange[r] = new int[] {lo, hi};
          localIds[r] = null;
        });
    this.owned = new BitSet[n];
    BitSet seen = new BitSet((int) nodeCount);
    for (int r = 0; r < n; r++) {
      int[] j = nodeJoin[r];
      BitSet o = new BitSet(j.length);
      for (int k = 0; k < j.length; k++) {
        if (!seen.get(j[k])) {
          seen.set(j[k]);
          o.set(k);
        }
      }
      owned[r] = o;
    }
    this.ownedByJoined = new int[n][];
    this.ownedInOrder = new boolean[n];
    eachPiece(
        r -> {
          int[] j = nodeJoin[r];
          BitSet o = owned[r];
          int[] out = new int[o.cardinality()];
          int w = 0;
          boolean inOrder = true;
          for (int k = o.nextSetBit(0); k >= 0; k = o.nextSetBit(k + 1)) {
            if (w > 0 && j[k] < j[out[w - 1]]) inOrder = false;
            out[w++] = k;
          }
          if (!inOrder) { // sort the owned local nodes by joined index
            long[] keyed = new long[out.length];
            for (int i = 0; i < out.length; i++) keyed[i] = ((long) j[out[i]] << 32) | out[i];
            Arrays.sort(keyed);
            for (int i = 0; i < keyed.length; i++) out[i] = (int) keyed[i];
          }
          ownedByJoined[r] = out;
          ownedInOrder[r] = inOrder;
        });

    // ---- element blocks ----------------------------------------------------------------------
    List<Long> blockIds = new ArrayList<>();
    if (globals != null) {
      for (long id : globals.globalBlockIds()) blockIds.add(id);
    }
    for (ExodusFile p : pieces) {
      for (Block b : p.blocks(EntityType.ELEM_BLOCK)) {
        if (!blockIds.contains(b.id())) {
          if (globals != null) {
            throw differentSets(
                p, "element block " + b.id() + " is not among the global blocks " + blockIds);
          }
          blockIds.add(b.id());
        }
      }
    }
    int nb = blockIds.size();
    this.pieceBlock = new Block[n][nb];
    this.pieceBlockOffset = new long[n][nb];
    for (int r = 0; r < n; r++) {
      long off = 0;
      for (Block b : pieces.get(r).blocks(EntityType.ELEM_BLOCK)) {
        int g = blockIds.indexOf(b.id());
        pieceBlock[r][g] = b;
        pieceBlockOffset[r][g] = off;
        off += b.entryCount();
      }
    }
    long[][] localElemIds = new long[n][];
    eachPiece(
        r ->
            localElemIds[r] =
                ids(pieces.get(r), EntityType.ELEM_MAP, pieces.get(r).elementCount()));
    this.elemJoin = new int[n][];
    for (int r = 0; r < n; r++) elemJoin[r] = new int[localElemIds[r].length];
    List<Block> bl = new ArrayList<>();
    this.blockOffset = new long[nb + 1];
    List<long[]> sortedByBlock = new ArrayList<>();
    this.elemRange = new long[n][nb][];
    this.elemMonotone = new boolean[n][nb];
    long eoff = 0;
    for (int g = 0; g < nb; g++) {
      long cnt = 0;
      Block model = null;
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        if (b == null) continue;
        cnt += b.entryCount();
        if (model == null || (model.entryCount() == 0 && b.entryCount() > 0)) model = b;
      }
      if (cnt > Integer.MAX_VALUE - 8 || eoff + cnt > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("more than 2^31 elements in the set are not supported");
      }
      long[] ids = new long[(int) cnt];
      int w = 0;
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        if (b == null) continue;
        System.arraycopy(
            localElemIds[r], (int) pieceBlockOffset[r][g], ids, w, (int) b.entryCount());
        w += (int) b.entryCount();
      }
      // Ids forming one range (the usual numbering) are placed with a bit per id, without sorting.
      long bmin = Long.MAX_VALUE;
      long bmax = Long.MIN_VALUE;
      for (long id : ids) {
        bmin = Math.min(bmin, id);
        bmax = Math.max(bmax, id);
      }
      boolean range = false;
      if (ids.length > 0 && bmax - bmin + 1 == ids.length) {
        BitSet present = new BitSet(ids.length);
        for (long id : ids) present.set((int) (id - bmin));
        range = present.cardinality() == ids.length;
      }
      if (range) {
        for (int i = 0; i < ids.length; i++) ids[i] = bmin + i;
      } else {
        Arrays.parallelSort(ids);
        for (int i = 1; i < ids.length; i++) {
          if (ids[i] == ids[i - 1]) {
            throw new ExodusFormatException(
                paths.get(0).toString(),
                "variable elem_num_map",
                ExodusFormatException.NO_OFFSET,
                "element id " + ids[i] + " is in block " + blockIds.get(g) + " of two pieces");
          }
        }
      }
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        if (b == null) continue;
        int base = (int) pieceBlockOffset[r][g];
        for (int k = 0; k < b.entryCount(); k++) {
          long id = localElemIds[r][base + k];
          elemJoin[r][base + k] = (int) (eoff + (range ? id - bmin : Arrays.binarySearch(ids, id)));
        }
      }
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        long lo = -1;
        long hi = -1;
        boolean mono = true;
        if (b != null && b.entryCount() > 0) {
          int base = (int) pieceBlockOffset[r][g];
          lo = Long.MAX_VALUE;
          for (int k = 0; k < b.entryCount(); k++) {
            if (k > 0 && elemJoin[r][base + k] <= elemJoin[r][base + k - 1]) mono = false;
            lo = Math.min(lo, elemJoin[r][base + k] - eoff);
            hi = Math.max(hi, elemJoin[r][base + k] - eoff);
          }
        }
        elemRange[r][g] = new long[] {lo, hi};
        elemMonotone[r][g] = mono;
      }
      sortedByBlock.add(ids);
      blockOffset[g] = eoff;
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
              0,
              List.of(),
              Map.of()));
      eoff += cnt;
    }
    blockOffset[nb] = eoff;
    this.blocks = Collections.unmodifiableList(bl);
    this.elementCount = eoff;
    this.elementIds = new long[(int) eoff];
    for (int g = 0; g < nb; g++) {
      long[] ids = sortedByBlock.get(g);
      System.arraycopy(ids, 0, elementIds, (int) blockOffset[g], ids.length);
    }
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
      if (globals.globalElementCount() != elementCount) {
        throw new ExodusFormatException(
            paths.get(0).toString(),
            "dimension num_elems_global",
            ExodusFormatException.NO_OFFSET,
            "inconsistent global counts: the set claims "
                + globals.globalElementCount()
                + " elements, but its pieces hold "
                + elementCount);
      }
    }

    // ---- sets --------------------------------------------------------------------------------
    mergeNodeSets(globals);
    mergeSideSets(globals);
  }

  private static IllegalArgumentException differentSets(ExodusFile p, String why) {
    return new IllegalArgumentException(p.path() + " is a piece of a different set: " + why);
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
      List<Path> pieces,
      ExodusOpenOptions options,
      java.util.concurrent.Executor executor,
      int chunkLength)
      throws IOException {
    Objects.requireNonNull(options, "options");
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("no pieces given");
    }
    if (chunkLength <= 0) {
      throw new IllegalArgumentException("chunk length must be positive, got " + chunkLength);
    }
    List<Path> ordered = rankOrder(pieces);
    ExecutorService own = null;
    java.util.concurrent.Executor ex = executor;
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
      return new ExodusFileSet(ordered, open, ex, own, chunkLength);
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
    Path dir = base.toAbsolutePath().getParent();
    String prefix = base.getFileName().toString() + ".";
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> RANK.matcher(p.getFileName().toString()).matches())
          .filter(
              p ->
                  RANK.matcher(p.getFileName().toString())
                      .replaceFirst("$1")
                      .equals(base.getFileName().toString()))
          .forEach(found::add);
    }
    if (found.isEmpty()) {
      // BASE.N: the N pieces BASE.N.r, where BASE itself is a file (the serial mesh) or where
      // several decompositions of one mesh stand side by side.
      Matcher m = SIZE.matcher(base.getFileName().toString());
      if (m.matches()) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(
                  p -> {
                    Matcher r = RANK.matcher(p.getFileName().toString());
                    return r.matches()
                        && r.group(1).equals(m.group(1))
                        && Integer.parseInt(r.group(2)) == Integer.parseInt(m.group(2));
                  })
              .forEach(found::add);
        }
      }
    }
    if (found.isEmpty()) {
      throw new NoSuchFileException(
          base.toString(), null, "no pieces " + base.getFileName() + ".N.r of a decomposed set");
    }
    return rankOrder(found);
  }

  /** Orders pieces named BASE.N.r by rank, checking that every rank 0..N-1 is there once. */
  private static List<Path> rankOrder(List<Path> pieces) throws IOException {
    String base = null;
    int size = -1;
    Path[] byRank = null;
    for (Path p : pieces) {
      Matcher m = RANK.matcher(p.getFileName().toString());
      if (!m.matches()) {
        return List.copyOf(pieces); // not named by rank: the order given
      }
      String b = p.toAbsolutePath().getParent().resolve(m.group(1)).toString();
      int n = Integer.parseInt(m.group(2));
      int r = Integer.parseInt(m.group(3));
      if (base == null) {
        base = b;
        size = n;
        byRank = new Path[n];
      } else if (!base.equals(b) || size != n) {
        throw new IllegalArgumentException(
            "pieces of different sets: " + p + " is not a piece of " + base + "." + size + ".r");
      }
      if (r >= n) {
        throw new IllegalArgumentException(p + ": rank " + r + " of a set of " + n);
      }
      if (byRank[r] != null) {
        throw new IllegalArgumentException("rank " + r + " given twice: " + byRank[r] + ", " + p);
      }
      byRank[r] = p;
    }
    for (int r = 0; r < size; r++) {
      if (byRank[r] == null) {
        String width =
            "%0" + pieces.get(0).getFileName().toString().replaceAll(".*\\.", "").length() + "d";
        throw new NoSuchFileException(
            base + "." + size + "." + String.format(Locale.ROOT, width, r),
            null,
            "rank " + r + " of the " + size + " pieces of " + base + " is missing");
      }
    }
    return List.of(byRank);
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
    return chunk;
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
    return nodeCount;
  }

  /** Elements of the joined mesh. */
  public long elementCount() {
    ensureOpen();
    return elementCount;
  }

  /**
   * The joined element blocks, in the global block order: entry counts are the sums over the
   * pieces; type, topology and name come from a piece that has elements in the block. Block
   * attributes are not joined (attribute counts are 0).
   */
  public List<Block> blocks() {
    ensureOpen();
    return blocks;
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
   * index) or side sets (SIDE_SET: the pieces' sides one after the other, by rank); other kinds are
   * not joined and are empty.
   */
  public List<EntitySet> sets(EntityType type) {
    ensureOpen();
    return sets.getOrDefault(type, List.of());
  }

  /** The id of joined node {@code node} (0-based). */
  public long nodeId(long node) {
    ensureOpen();
    Objects.checkIndex(node, nodeCount);
    return nodeIds == null ? node + 1 : nodeIds[(int) node];
  }

  /** The joined index of the node with global id {@code nodeId}. */
  public long nodeIndex(long nodeId) {
    ensureOpen();
    if (nodeIds == null) {
      if (nodeId >= 1 && nodeId <= nodeCount) return nodeId - 1;
    } else {
      int i = Arrays.binarySearch(nodeIds, nodeId);
      if (i >= 0) return i;
    }
    throw new NoSuchElementException(paths.get(0) + " (set): no node has id " + nodeId);
  }

  /** The id of joined element {@code element} (0-based). */
  public long elementId(long element) {
    ensureOpen();
    Objects.checkIndex(element, elementCount);
    return elementIds[(int) element];
  }

  /** The joined index of the element with global id {@code elementId}. */
  public long elementIndex(long elementId) {
    ensureOpen();
    long[] s = sortedElementIds;
    int[] ix = sortedElementIndex;
    if (s == null) {
      synchronized (this) {
        if (sortedElementIds == null) {
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

  /** Variable names of GLOBAL, NODAL or ELEM_BLOCK (the same in every piece). */
  public List<String> variableNames(EntityType kind) {
    ensureOpen();
    return pieces.get(0).variableNames(kind);
  }

  /** The 0-based index of variable {@code name} of {@code kind}. */
  public int variableIndex(EntityType kind, String name) {
    ensureOpen();
    return pieces.get(0).variableIndex(kind, name);
  }

  /** True when some piece stores element variable {@code var} on block {@code blockId}. */
  public boolean hasVariable(EntityType kind, int var, long blockId) {
    ensureOpen();
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
    checkRange(start, count, nodeCount, dst.length - off, "nodes");
    scatterNodes(start, count, dst, off, (p, s, c, buf) -> p.readCoordinates(axis, s, c, buf, 0));
  }

  /** Coordinates of all joined nodes on {@code axis}, in a new array. */
  public double[] coordinates(int axis) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(nodeCount)];
    readCoordinates(axis, 0, nodeCount, d, 0);
    return d;
  }

  /**
   * Connectivity of entries {@code [start, start + count)} of joined block {@code b} ({@code
   * nodesPerEntry} values each), as 1-based joined node numbers.
   */
  public void readConnectivity(Block b, long start, long count, long[] dst, int off)
      throws IOException {
    ensureOpen();
    int g = blockIndex(b);
    if (b.isPolytope()) {
      throw new IllegalArgumentException(
          "element block " + b.id() + " is " + b.topology() + ": polytope blocks are not joined");
    }
    int npe = (int) b.nodesPerEntry();
    checkRange(start, count, b.entryCount(), (dst.length - off) / Math.max(npe, 1), "entries");
    long base = blockOffset[g];
    eachPiece(
        r -> {
          Block pb = pieceBlock[r][g];
          if (pb == null || pb.entryCount() == 0) return;
          if (elemRange[r][g][1] < start || elemRange[r][g][0] >= start + count) return;
          ExodusFile p = pieces.get(r);
          int[] ej = elemJoin[r];
          int[] nj = nodeJoin[r];
          int e0 = (int) pieceBlockOffset[r][g];
          int per = Math.max(1, chunk / Math.max(npe, 1));
          long[] lr = localRange(r, g, start, count);
          long[] buf = new long[(int) Math.max(1, Math.min(lr[1] - lr[0], per)) * npe];
          for (long s = lr[0]; s < lr[1]; s += per) {
            int c = (int) Math.min(per, lr[1] - s);
            p.readConnectivity(pb, s, c, buf, 0);
            for (int k = 0; k < c; k++) {
              long j = ej[e0 + (int) s + k] - base - start;
              if (j < 0 || j >= count) continue;
              for (int q = 0; q < npe; q++) {
                long local = buf[k * npe + q];
                if (local < 1 || local > nj.length) {
                  throw new ExodusFormatException(
                      p.path().toString(),
                      "connectivity of element block " + pb.id(),
                      ExodusFormatException.NO_OFFSET,
                      "entry " + (s + k) + " names node " + local + " outside 1.." + nj.length);
                }
                dst[off + (int) (j * npe) + q] = nj[(int) local - 1] + 1L;
              }
            }
          }
        });
  }

  /** All connectivity of joined block {@code b}, in a new array. */
  public long[] connectivity(Block b) throws IOException {
    ensureOpen();
    long[] d = new long[toInt(b.entryCount() * b.nodesPerEntry())];
    readConnectivity(b, 0, b.entryCount(), d, 0);
    return d;
  }

  // ---- sets ----------------------------------------------------------------------------------

  /**
   * Entries {@code [start, start + count)} of a joined set: 1-based joined node or element numbers.
   */
  public void readSetEntries(EntitySet s, long start, long count, long[] dst, int off) {
    ensureOpen();
    long[] e =
        s.type() == EntityType.NODE_SET
            ? nodeSetEntries.get(s.id())
            : s.type() == EntityType.SIDE_SET ? first(sideSetEntries.get(s.id())) : null;
    if (e == null) throw new IllegalArgumentException(s + " is not a set of this file set");
    checkRange(start, count, e.length, dst.length - off, "entries");
    System.arraycopy(e, (int) start, dst, off, (int) count);
  }

  /** The sides of entries {@code [start, start + count)} of a joined side set. */
  public void readSetExtra(EntitySet s, long start, long count, long[] dst, int off) {
    ensureOpen();
    if (s.type() != EntityType.SIDE_SET || !sideSetEntries.containsKey(s.id())) {
      throw new IllegalArgumentException(s + " is not a side set of this file set");
    }
    long[] e = sideSetEntries.get(s.id())[1];
    checkRange(start, count, e.length, dst.length - off, "entries");
    System.arraycopy(e, (int) start, dst, off, (int) count);
  }

  /** Distribution factors {@code [start, start + count)} of a joined set. */
  public void readDistributionFactors(EntitySet s, long start, long count, double[] dst, int off) {
    ensureOpen();
    double[] f =
        s.type() == EntityType.NODE_SET ? nodeSetFactors.get(s.id()) : sideSetFactors.get(s.id());
    if (f == null) throw new IllegalArgumentException(s + " has no distribution factors");
    checkRange(start, count, f.length, dst.length - off, "factors");
    System.arraycopy(f, (int) start, dst, off, (int) count);
  }

  private void mergeNodeSets(Nemesis globals) throws IOException {
    List<Long> ids = new ArrayList<>();
    if (globals != null) for (long id : globals.globalNodeSetIds()) ids.add(id);
    for (ExodusFile p : pieces) {
      for (EntitySet s : p.sets(EntityType.NODE_SET)) if (!ids.contains(s.id())) ids.add(s.id());
    }
    List<EntitySet> out = new ArrayList<>();
    for (long id : ids) {
      // joined node index -> factor (NaN where none), merged in rank order: lowest rank first
      Map<Integer, Double> merged = new java.util.TreeMap<>();
      boolean df = false;
      String name = "";
      for (int r = 0; r < pieces.size(); r++) {
        ExodusFile p = pieces.get(r);
        EntitySet s = find(p.sets(EntityType.NODE_SET), id);
        if (s == null || s.entryCount() == 0) continue;
        if (name.isEmpty()) name = s.name();
        long[] e = new long[toInt(s.entryCount())];
        p.readSetEntries(s, 0, e.length, e, 0);
        double[] f = new double[e.length];
        boolean hasDf = s.distributionFactorCount() == s.entryCount();
        if (hasDf) {
          p.readDistributionFactors(s, 0, e.length, f, 0);
          df = true;
        } else {
          Arrays.fill(f, 1.0);
        }
        for (int k = 0; k < e.length; k++) {
          if (e[k] < 1 || e[k] > nodeJoin[r].length) {
            throw new ExodusFormatException(
                p.path().toString(),
                "node set " + id,
                ExodusFormatException.NO_OFFSET,
                "entry " + k + " names node " + e[k] + " outside 1.." + nodeJoin[r].length);
          }
          merged.putIfAbsent(nodeJoin[r][(int) e[k] - 1], f[k]);
        }
      }
      long[] entries = new long[merged.size()];
      double[] factors = new double[merged.size()];
      int i = 0;
      for (Map.Entry<Integer, Double> en : merged.entrySet()) {
        entries[i] = en.getKey() + 1L;
        factors[i++] = en.getValue();
      }
      nodeSetEntries.put(id, entries);
      if (df) nodeSetFactors.put(id, factors);
      out.add(
          new EntitySet(
              EntityType.NODE_SET,
              out.size(),
              id,
              name,
              entries.length,
              df ? entries.length : 0,
              0,
              List.of(),
              Map.of()));
    }
    sets.put(EntityType.NODE_SET, Collections.unmodifiableList(out));
  }

  private void mergeSideSets(Nemesis globals) throws IOException {
    List<Long> ids = new ArrayList<>();
    if (globals != null) for (long id : globals.globalSideSetIds()) ids.add(id);
    for (ExodusFile p : pieces) {
      for (EntitySet s : p.sets(EntityType.SIDE_SET)) if (!ids.contains(s.id())) ids.add(s.id());
    }
    List<EntitySet> out = new ArrayList<>();
    for (long id : ids) {
      long n = 0;
      long nf = 0;
      String name = "";
      for (ExodusFile p : pieces) {
        EntitySet s = find(p.sets(EntityType.SIDE_SET), id);
        if (s == null) continue;
        n += s.entryCount();
        nf += s.distributionFactorCount();
        if (name.isEmpty()) name = s.name();
      }
      long[] el = new long[toInt(n)];
      long[] sides = new long[toInt(n)];
      double[] f = new double[toInt(nf)];
      int at = 0;
      int fat = 0;
      boolean allDf = true;
      for (int r = 0; r < pieces.size(); r++) {
        ExodusFile p = pieces.get(r);
        EntitySet s = find(p.sets(EntityType.SIDE_SET), id);
        if (s == null || s.entryCount() == 0) continue;
        int c = toInt(s.entryCount());
        p.readSetEntries(s, 0, c, el, at);
        p.readSetExtra(s, 0, c, sides, at);
        for (int k = at; k < at + c; k++) {
          if (el[k] < 1 || el[k] > elemJoin[r].length) {
            throw new ExodusFormatException(
                p.path().toString(),
                "side set " + id,
                ExodusFormatException.NO_OFFSET,
                "entry "
                    + (k - at)
                    + " names element "
                    + el[k]
                    + " outside 1.."
                    + elemJoin[r].length);
          }
          el[k] = elemJoin[r][(int) el[k] - 1] + 1L;
        }
        at += c;
        if (s.distributionFactorCount() > 0) {
          p.readDistributionFactors(s, 0, s.distributionFactorCount(), f, fat);
          fat += (int) s.distributionFactorCount();
        } else {
          allDf = false;
        }
      }
      boolean df = nf > 0 && allDf;
      sideSetEntries.put(id, new long[][] {el, sides});
      if (df) sideSetFactors.put(id, f);
      out.add(
          new EntitySet(
              EntityType.SIDE_SET, out.size(), id, name, n, df ? nf : 0, 0, List.of(), Map.of()));
    }
    sets.put(EntityType.SIDE_SET, Collections.unmodifiableList(out));
  }

  private static EntitySet find(List<EntitySet> ss, long id) {
    for (EntitySet s : ss) if (s.id() == id) return s;
    return null;
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
    checkRange(start, count, nodeCount, dst.length - off, "nodes");
    scatterNodes(
        start, count, dst, off, (p, s, c, buf) -> p.readNodalVariable(var, step, s, c, buf, 0));
  }

  /** Nodal variable {@code var} at {@code step}, all joined nodes, in a new array. */
  public double[] nodalVariable(int var, long step) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(nodeCount)];
    readNodalVariable(var, step, 0, nodeCount, d, 0);
    return d;
  }

  /** Nodal variable {@code name} at {@code step}, all joined nodes, in a new array. */
  public double[] nodalVariable(String name, long step) throws IOException {
    ensureOpen();
    return nodalVariable(variableIndex(EntityType.NODAL, name), step);
  }

  /**
   * Element variable {@code var} of joined block {@code blockId} at {@code step}, entries {@code
   * [start, start + count)}; NaN for the entries of a piece that does not store it.
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
    requireElemBlock(kind);
    checkSteps(step, 1);
    Block b = block(blockId);
    int g = blocks.indexOf(b);
    checkRange(start, count, b.entryCount(), dst.length - off, "entries");
    long base = blockOffset[g];
    eachPiece(
        r -> {
          Block pb = pieceBlock[r][g];
          if (pb == null || pb.entryCount() == 0) return;
          if (elemRange[r][g][1] < start || elemRange[r][g][0] >= start + count) return;
          ExodusFile p = pieces.get(r);
          boolean stored = p.hasVariable(kind, var, blockId);
          int[] ej = elemJoin[r];
          int e0 = (int) pieceBlockOffset[r][g];
          long[] lr = localRange(r, g, start, count);
          double[] buf = new double[(int) Math.max(1, Math.min(lr[1] - lr[0], chunk))];
          for (long s = lr[0]; s < lr[1]; s += chunk) {
            int c = (int) Math.min(chunk, lr[1] - s);
            if (stored) {
              p.readVariable(kind, var, blockId, step, s, c, buf, 0);
            } else {
              Arrays.fill(buf, Double.NaN);
            }
            for (int k = 0; k < c; k++) {
              long j = ej[e0 + (int) s + k] - base - start;
              if (j >= 0 && j < count) dst[off + (int) j] = buf[k];
            }
          }
        });
  }

  /**
   * Element variable {@code var} of joined block {@code blockId} at {@code step}, in a new array.
   */
  public double[] variable(EntityType kind, int var, long blockId, long step) throws IOException {
    ensureOpen();
    double[] d = new double[toInt(block(blockId).entryCount())];
    readVariable(kind, var, blockId, step, 0, d.length, d, 0);
    return d;
  }

  /** Nodal variable {@code name} of the node with global id {@code nodeId} at every step. */
  public double[] nodalVariableHistory(String name, long nodeId) throws IOException {
    ensureOpen();
    int var = variableIndex(EntityType.NODAL, name);
    nodeIndex(nodeId);
    for (ExodusFile p : pieces) {
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
   */
  public double[] elementVariableHistory(String name, long elementId) throws IOException {
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
        nodeCount,
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
   * ExodusWriter}: the joined mesh with the global ids in its node and element id maps, the node
   * and side sets, rank 0's QA and info records, and every step of every global, nodal and element
   * variable, streamed in windows of {@link #chunkLength()}. Returns notes about what was joined
   * (the {@link #warnings()}: for example steps that only some pieces have, which are left out).
   * Not joined: block attributes, element, edge and face sets, edge and face blocks, set and
   * reduction variables.
   *
   * @param progress told the bytes of data written so far, or null
   */
  public List<String> join(Path out, ExodusFormat format, java.util.function.LongConsumer progress)
      throws IOException {
    ensureOpen();
    return SetJoin.join(this, out, format, progress);
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
        + nodeCount
        + " nodes, "
        + elementCount
        + " elements]";
  }

  // ---- helpers -------------------------------------------------------------------------------

  @FunctionalInterface
  private interface PieceTask {
    void run(int rank) throws IOException;
  }

  @FunctionalInterface
  private interface PieceReader {
    void read(ExodusFile piece, long start, int count, double[] buf) throws IOException;
  }

  /** Runs {@code task} for every rank on the executor and waits; the first failure is thrown. */
  private void eachPiece(PieceTask task) throws IOException {
    List<CompletableFuture<Void>> fs = new ArrayList<>();
    for (int r = 0; r < pieces.size(); r++) {
      int rank = r;
      fs.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  task.run(rank);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              executor));
    }
    Throwable first = null;
    for (CompletableFuture<Void> f : fs) {
      try {
        f.join();
      } catch (CompletionException e) {
        Throwable c = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        if (first == null) first = c;
        else if (first != c) first.addSuppressed(c);
      }
    }
    if (first instanceof IOException io) throw io;
    if (first instanceof RuntimeException re) throw re;
    if (first instanceof Error er) throw er;
    if (first != null) throw new IOException(first);
  }

  /**
   * Reads, from every piece, the local range that holds its owned nodes of the window, in chunks,
   * and scatters those nodes into {@code dst}.
   */
  private void scatterNodes(long start, long count, double[] dst, int off, PieceReader reader)
      throws IOException {
    long end = start + count;
    eachPiece(
        r -> {
          int[] j = nodeJoin[r];
          if (j.length == 0 || nodeRange[r][1] < start || nodeRange[r][0] >= end) return;
          int[] order = ownedByJoined[r];
          int a = firstAtLeast(order, j, start);
          int b = firstAtLeast(order, j, end);
          if (a >= b) return;
          ExodusFile p = pieces.get(r);
          if (ownedInOrder[r]) {
            // the window's owned nodes are order[a..b), ascending in local index too
            int lo = order[a];
            int hi = order[b - 1];
            double[] buf = new double[Math.min(hi - lo + 1, chunk)];
            int i = a;
            for (int s = lo; s <= hi; s += chunk) {
              int c = Math.min(chunk, hi + 1 - s);
              reader.read(p, s, c, buf);
              int lim = s + c;
              while (i < b && order[i] < lim) {
                int k = order[i++];
                dst[off + (int) (j[k] - start)] = buf[k - s];
              }
            }
            return;
          }
          int lo = Integer.MAX_VALUE;
          int hi = -1;
          for (int i = a; i < b; i++) {
            lo = Math.min(lo, order[i]);
            hi = Math.max(hi, order[i]);
          }
          BitSet own = owned[r];
          double[] buf = new double[Math.min(hi - lo + 1, chunk)];
          for (int s = lo; s <= hi; s += chunk) {
            int c = Math.min(chunk, hi + 1 - s);
            reader.read(p, s, c, buf);
            for (int k = 0; k < c; k++) {
              int g = j[s + k];
              if (g >= start && g < end && own.get(s + k)) dst[off + (int) (g - start)] = buf[k];
            }
          }
        });
  }

  /**
   * The local entries [lo, hi) of piece {@code r}'s part of joined block {@code g} that may fall in
   * the window {@code [start, start + count)} of the block: found by bisection where the piece's
   * entries are in joined order (the usual case), else all of them.
   */
  private long[] localRange(int r, int g, long start, long count) {
    int n = (int) pieceBlock[r][g].entryCount();
    if (!elemMonotone[r][g]) return new long[] {0, n};
    int e0 = (int) pieceBlockOffset[r][g];
    long base = blockOffset[g];
    int[] ej = elemJoin[r];
    return new long[] {
      firstEntry(ej, e0, n, base + start), firstEntry(ej, e0, n, base + start + count)
    };
  }

  private static int firstEntry(int[] ej, int e0, int n, long v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ej[e0 + mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position in {@code order} whose node's joined index is at least {@code v}. */
  private static int firstAtLeast(int[] order, int[] join, long v) {
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (join[order[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A piece's id map of NODE_MAP or ELEM_MAP ({@code 1..n} where it stores none). */
  private long[] ids(ExodusFile p, EntityType map, long n) throws IOException {
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
          "a file set joins element block variables only, not " + kind);
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
