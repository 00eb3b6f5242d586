package org.exodusj;

/**
 * How to open a file.
 *
 * @param memoryMap map the file (the default; needed for zero-copy views) or read it through
 *     positional channel reads
 * @param mapWindowBytes size of a memory-map window, a power of two (default 1 GiB); small values
 *     exist to test window boundaries
 */
public record ExodusOpenOptions(boolean memoryMap, int mapWindowBytes) {
  /** Memory-mapped in 1 GiB windows. */
  public static final ExodusOpenOptions DEFAULT = new ExodusOpenOptions(true, 1 << 30);

  /** Positional channel reads, no memory map (and so no views). */
  public static final ExodusOpenOptions UNMAPPED = new ExodusOpenOptions(false, 1 << 30);

  public ExodusOpenOptions {
    if (mapWindowBytes < 16 || Integer.bitCount(mapWindowBytes) != 1) {
      throw new IllegalArgumentException(
          "mapWindowBytes must be a power of two of at least 16, got " + mapWindowBytes);
    }
  }
}
