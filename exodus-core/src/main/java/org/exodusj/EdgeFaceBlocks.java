package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The joined edge or face blocks of a decomposed set, as SEACAS epu joins them: each piece's edges
 * (faces) are its own (no edge is merged with another piece's), numbered like the elements by the
 * pieces' global ids ({@code edge_num_map}, {@code face_num_map}): grouped by block, ascending id
 * within a block ({@link ExodusFileSet.ElementOrder#BY_ID}) or the pieces' one after the other in
 * rank order ({@link ExodusFileSet.ElementOrder#BY_RANK}); where no piece stores the id map, the
 * ids are given in rank order. Connectivity in joined node numbers, attributes and variables come
 * from the piece holding each entry.
 *
 * <p>Memory: the numbering (an {@code int} per edge of every piece and the joined ids), and a whole
 * block's connectivity, attributes or one variable at a time, as epu holds them.
 */
final class EdgeFaceBlocks {
  final EntityType kind;
  final EntityType map;
  final List<Block> blocks;
  private final List<ExodusFile> pieces;
  private final NodeNumbering nodes;
  private final Block[][] pieceBlock;
  private final long[][] pieceOffset;
  private final ElementNumbering numbering;

  private EdgeFaceBlocks(
      EntityType kind,
      List<ExodusFile> pieces,
      NodeNumbering nodes,
      List<Block> blocks,
      Block[][] pieceBlock,
      long[][] pieceOffset,
      ElementNumbering numbering) {
    this.kind = kind;
    this.map = kind == EntityType.EDGE_BLOCK ? EntityType.EDGE_MAP : EntityType.FACE_MAP;
    this.pieces = pieces;
    this.nodes = nodes;
    this.blocks = blocks;
    this.pieceBlock = pieceBlock;
    this.pieceOffset = pieceOffset;
    this.numbering = numbering;
  }

  /** The joined blocks of {@code kind} (EDGE_BLOCK or FACE_BLOCK) of the set's pieces. */
  static EdgeFaceBlocks of(ExodusFileSet set, EntityType kind) throws IOException {
    int n = set.pieceCount();
    List<ExodusFile> pieces = new ArrayList<>();
    for (int r = 0; r < n; r++) pieces.add(set.piece(r));
    List<Long> ids = new ArrayList<>();
    for (ExodusFile p : pieces) {
      for (Block b : p.blocks(kind)) if (!ids.contains(b.id())) ids.add(b.id());
    }
    int nb = ids.size();
    Block[][] pieceBlock = new Block[n][nb];
    long[][] offset = new long[n][nb];
    long[][] counts = new long[n][nb];
    long[][] localIds = new long[n][];
    EntityType map = kind == EntityType.EDGE_BLOCK ? EntityType.EDGE_MAP : EntityType.FACE_MAP;
    // Pieces without an id map of their edges (faces) get ids in rank order: each piece's entries
    // after the lower ranks' (each piece's ids would be 1..n, the same in every piece).
    boolean mapped = false;
    for (ExodusFile p : pieces) mapped |= p.hasIdMap(map);
    long next = 1;
    for (int r = 0; r < n; r++) {
      ExodusFile p = pieces.get(r);
      long off = 0;
      for (Block b : p.blocks(kind)) {
        int g = ids.indexOf(b.id());
        pieceBlock[r][g] = b;
        offset[r][g] = off;
        counts[r][g] = b.entryCount();
        off += b.entryCount();
      }
      if (mapped) {
        localIds[r] = nb == 0 ? new long[0] : ExodusFileSet.ids(p, map, off);
      } else {
        localIds[r] = new long[Math.toIntExact(off)];
        for (int k = 0; k < localIds[r].length; k++) localIds[r][k] = next++;
      }
    }
    long[] bids = new long[nb];
    for (int g = 0; g < nb; g++) bids[g] = ids.get(g);
    ElementNumbering numbering =
        new ElementNumbering(
            localIds, bids, offset, counts, set.elementOrder() == ExodusFileSet.ElementOrder.BY_ID);
    String what = kind == EntityType.EDGE_BLOCK ? "edge" : "face";
    if (!numbering.duplicates.isEmpty()) {
      ElementNumbering.Duplicate d = numbering.duplicates.get(0);
      throw new ExodusFormatException(
          pieces.get(d.rank()).path().toString(),
          "variable " + (kind == EntityType.EDGE_BLOCK ? "edge_num_map" : "face_num_map"),
          ExodusFormatException.NO_OFFSET,
          what
              + " id "
              + d.id()
              + (d.withinPiece()
                  ? " given to two " + what + "s of this piece"
                  : " held by ranks " + d.rank() + " and " + d.other())
              + " (block "
              + d.blockId()
              + "): a damaged id map?");
    }
    List<Block> joined = new ArrayList<>();
    for (int g = 0; g < nb; g++) {
      long cnt = SetChecks.entries(pieceBlock, g);
      Block model = SetChecks.model(pieceBlock, g);
      for (int r = 0; r < n; r++) {
        Block b = pieceBlock[r][g];
        if (b != null
            && b.entryCount() > 0
            && model.entryCount() > 0
            && (b.nodesPerEntry() != model.nodesPerEntry()
                || b.attributeCount() != model.attributeCount())) {
          throw SetChecks.differentSets(
              pieces.get(r),
              what
                  + " block "
                  + b.id()
                  + " has "
                  + b.nodesPerEntry()
                  + " nodes and "
                  + b.attributeCount()
                  + " attributes per "
                  + what
                  + ", "
                  + model.nodesPerEntry()
                  + " and "
                  + model.attributeCount()
                  + " in another piece");
        }
      }
      if (model.isPolytope()) {
        throw new UnsupportedOperationException(
            pieces.get(0).path()
                + " (set): "
                + what
                + " block "
                + model.id()
                + " is "
                + model.topology()
                + ": polygon and polyhedron blocks are not joined");
      }
      joined.add(
          new Block(
              kind,
              g,
              model.id(),
              model.name(),
              model.storedType(),
              model.topology(),
              cnt,
              model.nodesPerEntry(),
              0,
              0,
              model.attributeCount(),
              model.attributeNames(),
              Map.of()));
    }
    return new EdgeFaceBlocks(
        kind, pieces, set.nodeNumbering(), List.copyOf(joined), pieceBlock, offset, numbering);
  }

  /** The joined index within block {@code g} of local entry {@code k} of rank {@code r}. */
  private int position(int r, int g, long k) {
    return (int) (numbering.join[r][(int) (pieceOffset[r][g] + k)] - numbering.blockOffset[g]);
  }

  /** The global ids of block {@code g}'s joined entries. */
  long[] ids(int g) {
    int cnt = (int) blocks.get(g).entryCount();
    long[] out = new long[cnt];
    System.arraycopy(numbering.ids, (int) numbering.blockOffset[g], out, 0, cnt);
    return out;
  }

  /** Block {@code g}'s connectivity in 1-based joined node numbers. */
  long[] connectivity(int g) throws IOException {
    Block jb = blocks.get(g);
    int npe = (int) jb.nodesPerEntry();
    long[] out = new long[Math.toIntExact(jb.entryCount() * npe)];
    for (int r = 0; r < pieces.size(); r++) {
      Block b = pieceBlock[r][g];
      if (b == null || b.entryCount() == 0) continue;
      long[] local = pieces.get(r).connectivity(b);
      int[] j = nodes.join[r];
      for (long k = 0; k < b.entryCount(); k++) {
        int at = position(r, g, k) * npe;
        for (int i = 0; i < npe; i++) {
          out[at + i] = j[(int) local[(int) (k * npe + i)] - 1] + 1L;
        }
      }
    }
    return out;
  }

  /** Block {@code g}'s attributes, entry by entry. */
  double[] attributes(int g) throws IOException {
    Block jb = blocks.get(g);
    int na = (int) jb.attributeCount();
    double[] out = new double[Math.toIntExact(jb.entryCount() * na)];
    for (int r = 0; r < pieces.size(); r++) {
      Block b = pieceBlock[r][g];
      if (b == null || b.entryCount() == 0) continue;
      double[] local = new double[Math.toIntExact(b.entryCount() * na)];
      pieces.get(r).readAttributes(b, 0, b.entryCount(), local, 0);
      for (long k = 0; k < b.entryCount(); k++) {
        System.arraycopy(local, (int) (k * na), out, position(r, g, k) * na, na);
      }
    }
    return out;
  }

  /** Whether any piece holding entries of block {@code g} stores variable {@code var} on it. */
  boolean hasVariable(int var, int g) {
    for (int r = 0; r < pieces.size(); r++) {
      Block b = pieceBlock[r][g];
      if (b != null && b.entryCount() > 0 && pieces.get(r).hasVariable(kind, var, b.id())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Variable {@code var} of block {@code g} at {@code step} (0 where a piece does not store it).
   */
  double[] variable(int var, int g, long step) throws IOException {
    Block jb = blocks.get(g);
    double[] out = new double[Math.toIntExact(jb.entryCount())];
    for (int r = 0; r < pieces.size(); r++) {
      Block b = pieceBlock[r][g];
      if (b == null || b.entryCount() == 0 || !pieces.get(r).hasVariable(kind, var, b.id())) {
        continue;
      }
      double[] local = new double[Math.toIntExact(b.entryCount())];
      pieces.get(r).readVariable(kind, var, b.id(), step, 0, local.length, local, 0);
      for (int k = 0; k < local.length; k++) out[position(r, g, k)] = local[k];
    }
    return out;
  }
}
