package org.exodusj;

/**
 * Where a global element lives: its element block and its 0-based entry in that block.
 *
 * @param block the element block
 * @param entry the 0-based entry in the block
 * @param element the 0-based global element index (blocks in file order)
 */
public record ElementLocation(Block block, long entry, long element) {}
