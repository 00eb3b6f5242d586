package org.exodusj.cli;

import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;

/**
 * The numbering of block entries across a file: an element (edge, face) of a block is entry {@code
 * firstEntry + k} of all elements, and its user id is that entry of the id map.
 */
final class BlockEntries {
  private BlockEntries() {}

  /** Position of the block's first entry among all entries of its kind. */
  static long firstEntry(ExodusFile f, Block b) {
    long off = 0;
    for (Block o : f.blocks(b.type())) {
      if (o.index() == b.index()) break;
      off += o.entryCount();
    }
    return off;
  }

  /** The id map of a block kind's entries. */
  static EntityType idMapOf(EntityType blockType) {
    return switch (blockType) {
      case ELEM_BLOCK -> EntityType.ELEM_MAP;
      case EDGE_BLOCK -> EntityType.EDGE_MAP;
      case FACE_BLOCK -> EntityType.FACE_MAP;
      default -> throw new IllegalArgumentException(blockType + " has no id map");
    };
  }

  /** What a block kind's entries are called: element, edge, face. */
  static String entityName(EntityType blockType) {
    return switch (blockType) {
      case ELEM_BLOCK -> "element";
      case EDGE_BLOCK -> "edge";
      case FACE_BLOCK -> "face";
      default -> throw new IllegalArgumentException(blockType + " is not a block kind");
    };
  }
}
