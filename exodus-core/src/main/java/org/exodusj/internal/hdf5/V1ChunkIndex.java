package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.io.ByteSource;

/**
 * The version-1 B-tree chunk index of one chunked dataset (data layout message version 3, what
 * netCDF-4 writes), searched chunk by chunk as the HDF5 library does: O(log n) nodes per lookup,
 * each searched in place in the memory-mapped file (binary search over the keys; nothing parsed,
 * nothing copied) or in a copy for a file read through a channel, and kept for the later lookups of
 * the same variable, each node hanging from its parent (no map lookup per level). jHDF instead
 * reads every chunk record of the dataset into a map on the first access: a history of 800 chunks
 * out of 130,000 then parsed all 130,000.
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

  /** The first 8 bytes of a node, read before its size is known (one array per thread). */
  private static final ThreadLocal<byte[]> HEADER = ThreadLocal.withInitial(() -> new byte[8]);

  /**
   * A node as stored: read in place from a slice of the memory-mapped file (nothing parsed or
   * copied), or from a copy when the file is read through a channel.
   */
  private static final class Node {
    final ByteBuffer b;
    final int level;
    final int entries;
    final int first;
    final int stride;
    final int keyBytes;
    final int sizeOfOffsets;

    /**
     * The children read so far (nodes of level {@code level - 1}), so a lookup descends without a
     * map lookup or a boxed address per level; null for a leaf. Filled racily: a reader that sees
     * no child yet reads the node again, and a node's final fields make any copy safe to share.
     */
    final Node[] kids;

    Node(ByteBuffer b, int rank, int sizeOfOffsets) {
      this.b = b;
      this.level = b.get(5) & 0xff;
      this.entries = b.getShort(6) & 0xffff;
      this.kids = level > 0 ? new Node[entries] : null;
      this.first = 8 + 2 * sizeOfOffsets;
      this.keyBytes = 8 + 8 * (rank + 1);
      this.stride = keyBytes + sizeOfOffsets;
      this.sizeOfOffsets = sizeOfOffsets;
    }

    long offset(int key, int d) {
      return b.getLong(first + key * stride + 8 + 8 * d);
    }

    int size(int key) {
      return b.getInt(first + key * stride);
    }

    int mask(int key) {
      return b.getInt(first + key * stride + 4);
    }

    long child(int i) {
      int p = first + i * stride + keyBytes;
      return sizeOfOffsets == 8 ? b.getLong(p) : b.getInt(p) & 0xffffffffL;
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

  /** The root node once read; the nodes below hang from it ({@link Node#kids}). */
  private volatile Node rootNode;

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
   * Finds the chunk whose first element is at {@code offset} (elements per dimension; entries past
   * the rank are ignored).
   *
   * @return true and {@code out} filled, or false when the chunk was never written
   */
  boolean find(long[] offset, Location out) throws IOException {
    if (root == -1L) {
      return false; // nothing written yet
    }
    long address = root;
    int expectLevel = -1;
    Node n = rootNode;
    if (n == null) {
      n = rootNode = node(root);
    }
    for (int depth = 0; depth <= MAX_LEVELS; depth++) {
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
        out.address = n.child(i);
        out.size = n.size(i);
        out.filterMask = n.mask(i);
        return true;
      }
      address = n.child(i);
      expectLevel = n.level - 1;
      Node child = i < n.kids.length ? n.kids[i] : null;
      if (child == null) {
        child = node(address);
        if (i < n.kids.length) {
          n.kids[i] = child;
        }
      }
      n = child;
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
    for (int d = 0; d < rank; d++) {
      long k = n.offset(key, d);
      if (k != offset[d]) {
        return k < offset[d] ? -1 : 1;
      }
    }
    return 0;
  }

  private Node node(long address) throws IOException {
    Node n = source.supportsSlices() ? read(address, true) : null;
    return n != null ? n : read(address, false);
  }

  /** Reads a node: a slice of the map ({@code null} if none), or a copy. */
  private Node read(long address, boolean slice) throws IOException {
    int so = sizeOfOffsets;
    int headerBytes = 8 + 2 * so;
    long pos = base + address;
    if (address < 0 || pos < 0 || pos > source.size() - headerBytes) {
      throw damaged(address, "the node lies outside the file");
    }
    byte[] h = HEADER.get();
    source.getBytes(pos, h, 0, 8);
    if (h[0] != 'T' || h[1] != 'R' || h[2] != 'E' || h[3] != 'E') {
      throw damaged(address, "no B-tree node signature");
    }
    if (h[4] != 1) {
      throw damaged(address, "node type " + h[4] + ", not a chunk index");
    }
    int entries = (h[6] & 0xff) | (h[7] & 0xff) << 8;
    if (entries > MAX_ENTRIES) {
      throw damaged(address, entries + " entries");
    }
    long bytes = headerBytes + (long) (entries + 1) * (8 + 8 * (rank + 1)) + (long) entries * so;
    if (pos > source.size() - bytes) {
      throw damaged(address, "the node runs past the end of the file");
    }
    ByteBuffer b;
    if (slice) {
      java.util.Optional<ByteBuffer> s = source.slice(pos, bytes);
      if (s.isEmpty()) {
        return null; // crosses a map window: read a copy
      }
      b = s.get();
    } else {
      byte[] all = new byte[(int) bytes];
      source.getBytes(pos, all, 0, all.length);
      b = ByteBuffer.wrap(all);
    }
    return new Node(b.order(ByteOrder.LITTLE_ENDIAN), rank, so);
  }

  /**
   * Reads the {@code n} stored bytes of the chunk at HDF5 address {@code address} into {@code
   * into}.
   */
  void readStored(long address, byte[] into, int n) throws IOException {
    readStored(address, into, 0, n);
  }

  /** Reads the {@code n} stored bytes at HDF5 address {@code address} into {@code into[off...]}. */
  void readStored(long address, byte[] into, int off, int n) throws IOException {
    source.getBytes(base + address, into, off, n);
  }

  /** One stored chunk, as {@link #forEach} reports it. */
  interface ChunkVisitor {
    /**
     * @param offset the chunk's first element per dimension (a new array per call)
     * @param address the chunk's HDF5 address
     */
    void chunk(long[] offset, long address, int size, int filterMask) throws IOException;
  }

  /**
   * Visits every stored chunk, in key order (a walk of the whole tree: for rebuilding the index
   * elsewhere, not for reads).
   */
  void forEach(ChunkVisitor visitor) throws IOException {
    if (root != -1L) {
      walk(root, -1, 0, visitor, new java.util.HashSet<>());
    }
  }

  private void walk(
      long address, int expectLevel, int depth, ChunkVisitor visitor, java.util.Set<Long> seen)
      throws IOException {
    if (depth > MAX_LEVELS) {
      throw damaged(root, "more than " + MAX_LEVELS + " levels");
    }
    if (!seen.add(address)) { // a damaged tree could name one node many times: visit it once
      throw damaged(address, "a node reached twice");
    }
    Node n = node(address);
    if (expectLevel >= 0 && n.level != expectLevel) {
      throw damaged(address, "level " + n.level + " below a node of level " + (expectLevel + 1));
    }
    for (int i = 0; i < n.entries; i++) {
      if (n.level > 0) {
        walk(n.child(i), n.level - 1, depth + 1, visitor, seen);
        continue;
      }
      long[] offset = new long[rank];
      for (int d = 0; d < rank; d++) offset[d] = n.offset(i, d);
      visitor.chunk(offset, n.child(i), n.size(i), n.mask(i));
    }
  }

  private ExodusFormatException damaged(long address, String what) {
    return new ExodusFormatException(
        file,
        "variable " + variable + " chunk index node at " + address,
        base + address,
        "damaged chunk B-tree: " + what);
  }
}
