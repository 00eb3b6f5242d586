package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.ByteSource;

/**
 * The version-1 B-tree chunk index of one chunked dataset (data layout message version 3, what
 * netCDF-4 writes), searched chunk by chunk as the HDF5 library does: O(log n) nodes per lookup,
 * each node read once through the file's byte source and kept, parsed, for the later lookups of the
 * same variable. jHDF instead reads every chunk record of the dataset into a map on the first
 * access: a history of 800 chunks out of 130,000 then parsed all 130,000 (issue 14).
 *
 * <p>Node layout (HDF5 file format, "Version 1 B-trees"): "TREE", type 1, level, entries used, left
 * and right sibling addresses, then keys and children interleaved; a key is the chunk's stored size
 * (4 bytes), filter mask (4) and offset in elements per dimension plus one for the element size (8
 * each); a child is a node address, or a chunk address at level 0. Child {@code i} holds the chunks
 * from key {@code i} up to key {@code i + 1}, exclusive. Thread-safe.
 */
final class V1ChunkIndex {
  private static final int MAX_LEVELS = 64;
  private static final int MAX_ENTRIES = 1 << 16;

  /** A parsed node. */
  private static final class Node {
    final int level;
    final int entries;

    /** Offsets of key i at [i * rank, (i + 1) * rank). */
    final long[] offsets;

    final int[] sizes;
    final int[] masks;
    final long[] children;

    Node(int level, int entries, int rank) {
      this.level = level;
      this.entries = entries;
      this.offsets = new long[(entries + 1) * rank];
      this.sizes = new int[entries + 1];
      this.masks = new int[entries + 1];
      this.children = new long[entries];
    }
  }

  /** Where one chunk is stored. */
  static final class Location {
    long address;
    int size;
    int filterMask;
  }

  private final String file;
  private final String variable;
  private final ByteSource source;
  private final long base;
  private final long root;
  private final int rank;
  private final int sizeOfOffsets;
  private final ConcurrentHashMap<Long, Node> nodes = new ConcurrentHashMap<>();

  /**
   * @param base the file position of HDF5 address 0 (the user block size)
   * @param root the B-tree's address
   * @param rank the dataset's rank (the keys hold one offset more)
   */
  V1ChunkIndex(
      String file,
      String variable,
      ByteSource source,
      long base,
      long root,
      int rank,
      int sizeOfOffsets) {
    this.file = file;
    this.variable = variable;
    this.source = source;
    this.base = base;
    this.root = root;
    this.rank = rank;
    this.sizeOfOffsets = sizeOfOffsets;
  }

  /**
   * Finds the chunk whose first element is at {@code offset} (elements per dimension).
   *
   * @return true and {@code out} filled, or false when the chunk was never written
   */
  boolean find(long[] offset, Location out) throws IOException {
    if (root == -1L) {
      return false; // nothing written yet
    }
    long address = root;
    int expectLevel = -1;
    for (int depth = 0; depth <= MAX_LEVELS; depth++) {
      Node n = node(address);
      if (expectLevel >= 0 && n.level != expectLevel) {
        throw damaged(address, "level " + n.level + " below a node of level " + (expectLevel + 1));
      }
      int i = lastKeyNotAbove(n, offset);
      if (i < 0) {
        return false;
      }
      if (n.level == 0) {
        if (compare(n, i, offset) != 0) {
          return false;
        }
        out.address = n.children[i];
        out.size = n.sizes[i];
        out.filterMask = n.masks[i];
        return true;
      }
      address = n.children[i];
      expectLevel = n.level - 1;
    }
    throw damaged(root, "more than " + MAX_LEVELS + " levels");
  }

  /** The largest i in [0, entries) with key i <= offset, or -1. */
  private int lastKeyNotAbove(Node n, long[] offset) {
    int lo = 0;
    int hi = n.entries - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(n, mid, offset) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private int compare(Node n, int key, long[] offset) {
    int at = key * rank;
    for (int d = 0; d < rank; d++) {
      long k = n.offsets[at + d];
      if (k != offset[d]) {
        return k < offset[d] ? -1 : 1;
      }
    }
    return 0;
  }

  private Node node(long address) throws IOException {
    Node n = nodes.get(address);
    if (n == null) {
      n = read(address);
      nodes.putIfAbsent(address, n);
    }
    return n;
  }

  private Node read(long address) throws IOException {
    int so = sizeOfOffsets;
    int headerBytes = 8 + 2 * so;
    long pos = base + address;
    if (address < 0 || pos < 0 || pos > source.size() - headerBytes) {
      throw damaged(address, "the node lies outside the file");
    }
    byte[] h = new byte[headerBytes];
    source.getBytes(pos, h, 0, headerBytes);
    if (h[0] != 'T' || h[1] != 'R' || h[2] != 'E' || h[3] != 'E') {
      throw damaged(address, "no B-tree node signature");
    }
    if (h[4] != 1) {
      throw damaged(address, "node type " + h[4] + ", not a chunk index");
    }
    int level = h[5] & 0xff;
    int entries = (h[6] & 0xff) | (h[7] & 0xff) << 8;
    if (entries > MAX_ENTRIES) {
      throw damaged(address, entries + " entries");
    }
    int keyBytes = 8 + 8 * (rank + 1);
    long bodyBytes = (long) (entries + 1) * keyBytes + (long) entries * so;
    if (pos + headerBytes > source.size() - bodyBytes) {
      throw damaged(address, "the node runs past the end of the file");
    }
    byte[] body = new byte[(int) bodyBytes];
    source.getBytes(pos + headerBytes, body, 0, body.length);
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    Node n = new Node(level, entries, rank);
    int p = 0;
    for (int i = 0; i <= entries; i++) {
      n.sizes[i] = b.getInt(p);
      n.masks[i] = b.getInt(p + 4);
      for (int d = 0; d < rank; d++) {
        n.offsets[i * rank + d] = b.getLong(p + 8 + 8 * d);
      }
      p += keyBytes;
      if (i < entries) {
        n.children[i] = so == 8 ? b.getLong(p) : b.getInt(p) & 0xffffffffL;
        p += so;
      }
    }
    return n;
  }

  private ExodusFormatException damaged(long address, String what) {
    return new ExodusFormatException(
        file,
        "variable " + variable + " chunk index node at " + address,
        base + address,
        "damaged chunk B-tree: " + what);
  }
}
