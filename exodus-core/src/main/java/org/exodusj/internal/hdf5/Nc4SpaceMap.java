package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.Uninterruptible;

/**
 * The space map of a NetCDF-4 file, whoever wrote it: every extent reachable from the superblock
 * (the superblock, object headers with their continuation chunks, chunk B-tree nodes at their full
 * allocated size, chunks, contiguous data, global heap collections named by variable-length
 * attributes, and dense link and attribute storage: fractal heap headers, direct and indirect
 * blocks and free-space managers, version 2 B-tree headers and nodes at their full node size, and
 * the links and attributes the heap holds); the rest of the file is dead space.
 *
 * <p>Version 0 and 1 superblocks with old-style groups (local heaps, group B-trees, symbol table
 * nodes) are followed too.
 *
 * <p>Exact or nothing: a structure the map does not follow (a user block, a superblock extension, a
 * free-space info block or driver information of a version 0/1 superblock, fractal heaps with I/O
 * filters or huge objects, shared messages, external storage, chunk indices other than version 1
 * B-trees, a variable-length type inside a compound) makes {@link #read} return an unmapped result
 * naming it, never a map that could call a referenced byte free. The writer reuses only what a
 * mapped result calls free.
 */
public final class Nc4SpaceMap {
  /**
   * @param used the referenced extents, {@code {start, end}}, unsorted, possibly adjacent
   * @param fileSize the file's length when read
   * @param rawBytes the bytes of chunks and contiguous data among them
   * @param unmapped null when the map is exact, else what it does not follow and where
   * @param trees the chunk B-tree nodes of each dataset linked from the root group, in key order
   *     per level
   */
  record Result(
      List<long[]> used,
      long fileSize,
      long rawBytes,
      String unmapped,
      java.util.Map<String, List<TreeNode>> trees) {
    boolean mapped() {
      return unmapped == null;
    }

    /** Bytes no extent covers (the union of the extents subtracted from the file size). */
    long deadBytes() {
      List<long[]> u = new ArrayList<>(used);
      u.sort((a, b) -> Long.compare(a[0], b[0]));
      long covered = 0;
      long at = 0;
      for (long[] x : u) {
        long s = Math.max(at, x[0]);
        long e = Math.min(x[1], fileSize);
        if (e > s) covered += e - s;
        at = Math.max(at, x[1]);
      }
      return fileSize - covered;
    }
  }

  private static final class Unmapped extends Exception {
    private static final long serialVersionUID = 1L;

    Unmapped(String what) {
      super(what, null, false, false);
    }
  }

  /**
   * One chunk B-tree node as stored: its first key's and its right bound's offsets (elements per
   * dimension, the element-size dimension left out), whether both sibling addresses are undefined,
   * and for nodes above the leaves their bytes.
   */
  record TreeNode(
      long address,
      int level,
      int entries,
      long[] first,
      long[] upper,
      boolean noSiblings,
      byte[] bytes) {}

  private final java.util.Map<String, List<TreeNode>> trees = new java.util.HashMap<>();
  private String dataset; // the name of the link being followed
  private static final int K = 32; // chunk B-tree K: HDF5's default, not stored in a v2 superblock
  private static final long UNDEF = -1L;

  private final FileChannel ch;
  private final long size;
  private final List<long[]> used = new ArrayList<>();
  private List<TreeNode> nodes = new ArrayList<>(); // of the tree being walked
  private final Set<Long> headers = new HashSet<>();
  private final Set<Long> heaps = new HashSet<>();

  private Nc4SpaceMap(FileChannel ch, long size) {
    this.ch = ch;
    this.size = size;
  }

  /**
   * The dead space of the NetCDF-4 file {@code path}, as {@code exo info} reports it: "N bytes (P
   * %) of M", or "not mapped: WHY" when the map does not follow one of its structures.
   */
  public static String deadSpace(java.nio.file.Path path) throws IOException {
    // Through this JVM's one channel of the file: closing a descriptor of its own would drop the
    // POSIX locks an updater or writer of this JVM holds on the file.
    try (FileLocks.Entry e = FileLocks.open(path, false)) {
      Result r = read(e.channel());
      if (!r.mapped()) return "not mapped: " + r.unmapped();
      long dead = r.deadBytes();
      return String.format(
          java.util.Locale.ROOT,
          "%d bytes (%.1f %%) of %d",
          dead,
          r.fileSize() == 0 ? 0.0 : 100.0 * dead / r.fileSize(),
          r.fileSize());
    }
  }

  /** Maps the file open in {@code ch}. */
  static Result read(FileChannel ch) throws IOException {
    long size = Uninterruptible.size(ch);
    Nc4SpaceMap m = new Nc4SpaceMap(ch, size);
    try {
      m.superblock();
      return new Result(m.used, size, m.raw, null, m.trees);
    } catch (Unmapped e) {
      return new Result(List.of(), size, 0, e.getMessage(), java.util.Map.of());
    }
  }

  private ByteBuffer bytes(long at, int n) throws IOException, Unmapped {
    if (at < 0 || n < 0 || at > size - n) {
      throw new Unmapped("a structure of " + n + " bytes at " + at + " past the end of the file");
    }
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    long pos = at;
    while (b.hasRemaining()) {
      int r = Uninterruptible.read(ch, b, pos);
      if (r < 0) throw new Unmapped("the file ends at " + pos);
      pos += r;
    }
    return b.flip();
  }

  private long raw;

  private void use(long at, long n) {
    used.add(new long[] {at, at + n});
  }

  private void data(long at, long n) {
    use(at, n);
    raw += n;
  }

  private void superblock() throws IOException, Unmapped {
    ByteBuffer b = bytes(0, 48);
    if (!sig(b, "\u0089HDF")) throw new Unmapped("a user block (no HDF5 signature at byte 0)");
    int version = b.get(8);
    if (version == 0 || version == 1) {
      oldSuperblock(version);
      return;
    }
    if (version != 2 && version != 3) {
      throw new Unmapped("a version " + version + " superblock");
    }
    if (b.get(9) != 8 || b.get(10) != 8) throw new Unmapped("offsets other than 8 bytes");
    if (b.getLong(12) != 0) throw new Unmapped("a base address (user block)");
    if (b.getLong(20) != UNDEF) throw new Unmapped("a superblock extension");
    use(0, 48);
    header(b.getLong(36));
  }

  private int leafK; // symbol table nodes hold up to 2 leafK entries (version 0/1 superblocks)
  private int groupK; // group B-tree nodes hold up to 2 groupK children

  /** A version 0 or 1 superblock (HDF5 File Format II.A), its root symbol table entry's header. */
  private void oldSuperblock(int version) throws IOException, Unmapped {
    int p = version == 0 ? 24 : 28;
    ByteBuffer b = bytes(0, p + 32 + 40);
    if (b.get(13) != 8 || b.get(14) != 8) throw new Unmapped("offsets other than 8 bytes");
    leafK = b.getShort(16) & 0xffff;
    groupK = b.getShort(18) & 0xffff;
    if (version == 1 && (b.getShort(24) & 0xffff) != K) {
      throw new Unmapped("a chunk B-tree K other than " + K);
    }
    if (leafK < 1 || groupK < 1) throw new Unmapped("a group K of 0");
    if (b.getLong(p) != 0) throw new Unmapped("a base address (user block)");
    if (b.getLong(p + 8) != UNDEF) throw new Unmapped("a free-space info block");
    if (b.getLong(p + 24) != UNDEF) throw new Unmapped("driver information");
    use(0, p + 32 + 40);
    header(b.getLong(p + 32 + 8));
  }

  /** An old-style group: its local heap (names) and its B-tree of symbol table nodes. */
  private void symbolTable(long tree, long heap) throws IOException, Unmapped {
    ByteBuffer h = bytes(heap, 32);
    if (!sig(h, "HEAP") || h.get(4) != 0) throw new Unmapped("no local heap at " + heap);
    long dataSize = h.getLong(8);
    long dataAt = h.getLong(24);
    if (dataSize < 0 || dataSize > 1 << 24) throw new Unmapped("a local heap of " + dataSize);
    use(heap, 32);
    use(dataAt, dataSize);
    ByteBuffer names = bytes(dataAt, (int) dataSize);
    groupTree(tree, names, -1, 0);
  }

  private void groupTree(long at, ByteBuffer names, int expectLevel, int depth)
      throws IOException, Unmapped {
    if (depth > 64) throw new Unmapped("a group B-tree deeper than 64 levels");
    int nodeBytes = 24 + (2 * groupK + 1) * 8 + 2 * groupK * 8;
    ByteBuffer b = bytes(at, nodeBytes);
    if (!sig(b, "TREE") || b.get(4) != 0) throw new Unmapped("no group B-tree node at " + at);
    int level = b.get(5) & 0xff;
    int entries = b.getShort(6) & 0xffff;
    if (entries > 2 * groupK || expectLevel >= 0 && level != expectLevel) {
      throw new Unmapped("a group B-tree node at " + at + " of another K or level");
    }
    use(at, nodeBytes);
    for (int i = 0; i < entries; i++) {
      long child = b.getLong(24 + 8 + 16 * i);
      if (level > 0) groupTree(child, names, level - 1, depth + 1);
      else symbolNode(child, names);
    }
  }

  private void symbolNode(long at, ByteBuffer names) throws IOException, Unmapped {
    int nodeBytes = 8 + 2 * leafK * 40;
    ByteBuffer b = bytes(at, nodeBytes);
    if (!sig(b, "SNOD") || b.get(4) != 1) throw new Unmapped("no symbol table node at " + at);
    int n = b.getShort(6) & 0xffff;
    if (n > 2 * leafK) throw new Unmapped("a symbol table node of " + n + " entries at " + at);
    use(at, nodeBytes);
    for (int i = 0; i < n; i++) {
      int e = 8 + 40 * i;
      long nameAt = b.getLong(e);
      if (nameAt < 0 || nameAt >= names.limit()) throw new Unmapped("a name past its heap");
      StringBuilder s = new StringBuilder();
      for (int k = (int) nameAt; k < names.limit() && names.get(k) != 0; k++) {
        s.append((char) (names.get(k) & 0xff));
      }
      dataset = s.toString();
      header(b.getLong(e + 8));
    }
  }

  /** An object header (version 1 or 2) with its continuation chunks, then what it names. */
  private void header(long at) throws IOException, Unmapped {
    if (!headers.add(at)) return;
    ByteBuffer p = bytes(at, 16);
    if (p.get(0) == 'O' && p.get(1) == 'H' && p.get(2) == 'D' && p.get(3) == 'R') {
      int flags = p.get(5) & 0xff;
      int pos = 6;
      if ((flags & 0x20) != 0) pos += 16;
      if ((flags & 0x10) != 0) pos += 4;
      int sizeBytes = 1 << (flags & 3);
      ByteBuffer q = bytes(at, pos + sizeBytes);
      long chunk0 =
          sizeBytes == 1
              ? q.get(pos) & 0xff
              : sizeBytes == 2
                  ? q.getShort(pos) & 0xffff
                  : sizeBytes == 4 ? q.getInt(pos) & 0xffffffffL : q.getLong(pos);
      long start = at + pos + sizeBytes;
      use(at, pos + sizeBytes + chunk0 + 4);
      List<long[]> chunks = new ArrayList<>();
      chunks.add(new long[] {start, chunk0});
      boolean order = (flags & 0x04) != 0;
      for (int i = 0; i < chunks.size(); i++) {
        long[] c = chunks.get(i);
        messagesV2(c[0], c[1], order, chunks);
      }
    } else if (p.get(0) == 1) {
      long headerSize = p.getInt(8) & 0xffffffffL;
      use(at, 16 + headerSize);
      List<long[]> chunks = new ArrayList<>();
      chunks.add(new long[] {at + 16, headerSize});
      for (int i = 0; i < chunks.size(); i++) {
        long[] c = chunks.get(i);
        messagesV1(c[0], c[1], chunks);
      }
    } else {
      throw new Unmapped("no object header at " + at);
    }
  }

  private void messagesV2(long start, long n, boolean order, List<long[]> chunks)
      throws IOException, Unmapped {
    if (n > 1 << 24) throw new Unmapped("an object header chunk of " + n + " bytes at " + start);
    ByteBuffer b = bytes(start, (int) n);
    int head = order ? 6 : 4;
    int pos = 0;
    while (pos + head <= n) {
      int type = b.get(pos) & 0xff;
      int len = b.getShort(pos + 1) & 0xffff;
      int flags = b.get(pos + 3) & 0xff;
      int data = pos + head;
      if (data + len > n) throw new Unmapped("a header message past its chunk at " + start);
      message(type, flags, b.slice(data, len).order(ByteOrder.LITTLE_ENDIAN), chunks, true);
      pos = data + len;
    }
  }

  private void messagesV1(long start, long n, List<long[]> chunks) throws IOException, Unmapped {
    if (n > 1 << 24) throw new Unmapped("an object header chunk of " + n + " bytes at " + start);
    ByteBuffer b = bytes(start, (int) n);
    int pos = 0;
    while (pos + 8 <= n) {
      int type = b.getShort(pos) & 0xffff;
      int len = b.getShort(pos + 2) & 0xffff;
      int flags = b.get(pos + 4) & 0xff;
      int data = pos + 8;
      if (data + len > n) throw new Unmapped("a header message past its chunk at " + start);
      message(type, flags, b.slice(data, len).order(ByteOrder.LITTLE_ENDIAN), chunks, false);
      pos = data + len;
    }
  }

  private void message(int type, int flags, ByteBuffer m, List<long[]> chunks, boolean v2)
      throws IOException, Unmapped {
    if ((flags & 0x02) != 0 && type != 0)
      throw new Unmapped("a shared message (type " + type + ")");
    switch (type) {
      case 0x10 -> { // continuation
        long at = m.getLong(0);
        long len = m.getLong(8);
        if (v2) {
          use(at, len);
          ByteBuffer sig = bytes(at, 4);
          if (sig.get(0) != 'O' || sig.get(1) != 'C' || sig.get(2) != 'H' || sig.get(3) != 'K') {
            throw new Unmapped("no continuation chunk at " + at);
          }
          chunks.add(new long[] {at + 4, len - 8});
        } else {
          use(at, len);
          chunks.add(new long[] {at, len});
        }
      }
      case 0x02 -> { // link info: links in dense storage where it names a fractal heap
        int f = m.get(1) & 0xff;
        int p = 2 + ((f & 1) != 0 ? 8 : 0);
        long heap = m.getLong(p);
        if (heap != UNDEF) {
          dense(heap, m.getLong(p + 8), (f & 2) != 0 ? m.getLong(p + 16) : UNDEF, false);
        }
      }
      case 0x15 -> { // attribute info: likewise for attributes
        int f = m.get(1) & 0xff;
        int p = 2 + ((f & 1) != 0 ? 2 : 0);
        long heap = m.getLong(p);
        if (heap != UNDEF) {
          dense(heap, m.getLong(p + 8), (f & 2) != 0 ? m.getLong(p + 16) : UNDEF, true);
        }
      }
      case 0x06 -> link(m);
      case 0x08 -> layout(m);
      case 0x0C -> attribute(m);
      case 0x07 -> throw new Unmapped("external data storage");
      case 0x11 -> symbolTable(m.getLong(0), m.getLong(8)); // an old-style group
      case 0x0F -> throw new Unmapped("a shared message table");
      default -> {
        // dataspace, datatype, fill values, filters, group info, times, comments, ...: no addresses
      }
    }
  }

  private void link(ByteBuffer m) throws IOException, Unmapped {
    int f = m.get(1) & 0xff;
    int p = 2;
    int kind = 0;
    if ((f & 0x08) != 0) kind = m.get(p++) & 0xff;
    if ((f & 0x04) != 0) p += 8;
    if ((f & 0x10) != 0) p++;
    int lenBytes = 1 << (f & 3);
    long nameLen =
        lenBytes == 1
            ? m.get(p) & 0xff
            : lenBytes == 2 ? m.getShort(p) & 0xffff : m.getInt(p) & 0xffffffffL;
    p += lenBytes + (int) nameLen;
    if (kind == 0) {
      dataset =
          new String(
              bytesOf(m, p - (int) nameLen, (int) nameLen),
              java.nio.charset.StandardCharsets.UTF_8);
      header(m.getLong(p));
    }
  }

  private void layout(ByteBuffer m) throws IOException, Unmapped {
    int version = m.get(0);
    if (version != 3) throw new Unmapped("a version " + version + " data layout message");
    int cls = m.get(1);
    if (cls == 1) {
      long at = m.getLong(2);
      if (at != UNDEF) data(at, m.getLong(10));
    } else if (cls == 2) {
      int dims = m.get(2) & 0xff;
      long tree = m.getLong(3);
      if (tree != UNDEF) {
        nodes = new ArrayList<>();
        if (dataset != null) trees.put(dataset, nodes);
        btree(tree, dims, -1, 0);
      }
    }
  }

  /** A version 1 chunk B-tree node and everything below it. */
  private void btree(long at, int dims, int expectLevel, int depth) throws IOException, Unmapped {
    if (depth > 64) throw new Unmapped("a chunk B-tree deeper than 64 levels");
    int keyBytes = 8 + 8 * dims;
    int nodeBytes = 24 + (2 * K + 1) * keyBytes + 2 * K * 8;
    ByteBuffer b = bytes(at, 8);
    if (b.get(0) != 'T' || b.get(1) != 'R' || b.get(2) != 'E' || b.get(3) != 'E' || b.get(4) != 1) {
      throw new Unmapped("no chunk B-tree node at " + at);
    }
    int level = b.get(5) & 0xff;
    int entries = b.getShort(6) & 0xffff;
    if (entries > 2 * K || expectLevel >= 0 && level != expectLevel) {
      throw new Unmapped("a chunk B-tree node at " + at + " of another K or level");
    }
    use(at, nodeBytes);
    ByteBuffer n = bytes(at, level > 0 ? nodeBytes : 24 + (entries + 1) * keyBytes + entries * 8);
    long[] first = new long[dims - 1];
    long[] upper = new long[dims - 1];
    int upperAt = 24 + entries * (keyBytes + 8);
    for (int d = 0; d < dims - 1; d++) {
      first[d] = n.getLong(24 + 8 + 8 * d);
      upper[d] = n.getLong(upperAt + 8 + 8 * d);
    }
    boolean none = n.getLong(8) == UNDEF && n.getLong(16) == UNDEF;
    nodes.add(new TreeNode(at, level, entries, first, upper, none, level > 0 ? n.array() : null));
    for (int i = 0; i < entries; i++) {
      int key = 24 + i * (keyBytes + 8);
      long child = n.getLong(key + keyBytes);
      if (level == 0) data(child, n.getInt(key) & 0xffffffffL);
      else btree(child, dims, level - 1, depth + 1);
    }
  }

  // ---- dense storage: fractal heaps and version 2 B-trees (HDF5 File Format III.G, III.A.2) ----

  /**
   * Links or attributes in dense storage: the fractal heap holding their messages, the version 2
   * B-tree indexing them by name (whose records give each message's heap ID) and the one by
   * creation order, if any; then each message as if it stood in the object header.
   */
  private void dense(long heapAt, long names, long order, boolean attributes)
      throws IOException, Unmapped {
    Heap h = fractalHeap(heapAt);
    int type = attributes ? 8 : 5;
    List<ByteBuffer> records = new ArrayList<>();
    if (names != UNDEF) btree2(names, type, records);
    if (order != UNDEF) btree2(order, attributes ? 9 : 6, new ArrayList<>());
    for (ByteBuffer r : records) {
      ByteBuffer m;
      if (attributes) { // heap ID, message flags (1), creation order (4), hash (4)
        if ((r.get(r.limit() - 9) & 0x02) != 0) throw new Unmapped("a shared attribute message");
        m = h.object(r.slice(0, r.limit() - 9));
        attribute(m);
      } else { // hash (4), heap ID
        m = h.object(r.slice(4, r.limit() - 4));
        link(m);
      }
    }
  }

  /** A fractal heap's direct blocks: heap offset, size, file address. */
  private final class Heap {
    final long at;
    final int offBytes;
    final int lenBytes;
    final List<long[]> direct = new ArrayList<>();

    Heap(long at, int offBytes, int lenBytes) {
      this.at = at;
      this.offBytes = offBytes;
      this.lenBytes = lenBytes;
    }

    /** The object a heap ID names (managed or tiny), as a little-endian buffer. */
    ByteBuffer object(ByteBuffer id) throws IOException, Unmapped {
      id = id.order(ByteOrder.LITTLE_ENDIAN);
      int b0 = id.get(0) & 0xff;
      int kind = (b0 >> 4) & 3;
      if ((b0 >> 6) != 0) throw new Unmapped("a fractal heap ID of version " + (b0 >> 6));
      if (kind == 2) { // tiny: the object is in the ID
        int len = (b0 & 0x0f) + 1;
        if (1 + len > id.limit()) throw new Unmapped("a tiny heap object longer than its ID");
        return id.slice(1, len).order(ByteOrder.LITTLE_ENDIAN);
      }
      if (kind != 0) throw new Unmapped("a huge object in the fractal heap at " + at);
      if (1 + offBytes + lenBytes > id.limit()) {
        throw new Unmapped("a heap ID shorter than the fractal heap at " + at + " needs");
      }
      long off = unsigned(id, 1, offBytes);
      long len = unsigned(id, 1 + offBytes, lenBytes);
      for (long[] d : direct) {
        if (off >= d[0] && len <= d[1] && off - d[0] <= d[1] - len) {
          return bytes(d[2] + (off - d[0]), (int) len);
        }
      }
      throw new Unmapped("a heap object at offset " + off + " outside the fractal heap at " + at);
    }
  }

  private static long unsigned(ByteBuffer b, int at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b.get(at + i) & 0xff);
    return v;
  }

  /** Bytes to encode values below 2^bits. */
  private static int bytesFor(int bits) {
    return (bits + 7) / 8;
  }

  private static int log2(long v) {
    return 63 - Long.numberOfLeadingZeros(v);
  }

  private static final int FRHP_BYTES = 146; // without I/O filter information

  private Heap fractalHeap(long at) throws IOException, Unmapped {
    ByteBuffer h = bytes(at, FRHP_BYTES);
    if (!sig(h, "FRHP") || h.get(4) != 0) throw new Unmapped("no fractal heap at " + at);
    int idLen = h.getShort(5) & 0xffff;
    if (h.getShort(7) != 0) throw new Unmapped("a fractal heap with I/O filters at " + at);
    int flags = h.get(9) & 0xff;
    long maxManaged = h.getInt(10) & 0xffffffffL;
    if (h.getLong(22) != UNDEF) throw new Unmapped("huge objects in the fractal heap at " + at);
    long freeSpace = h.getLong(38);
    int width = h.getShort(110) & 0xffff;
    long start = h.getLong(112);
    long maxDirect = h.getLong(120);
    int heapBits = h.getShort(128) & 0xffff;
    long root = h.getLong(132);
    int rows = h.getShort(140) & 0xffff;
    if (width < 1
        || Long.bitCount(width) != 1
        || start < 1
        || Long.bitCount(start) != 1
        || maxDirect < start
        || Long.bitCount(maxDirect) != 1
        || maxDirect > 1L << 30
        || heapBits < 1
        || heapBits > 64
        || maxManaged < 1
        || idLen > 64) {
      throw new Unmapped("a fractal heap header of sizes out of range at " + at);
    }
    use(at, FRHP_BYTES);
    int offBytes = bytesFor(heapBits);
    int lenBytes = Math.min(bytesFor(log2(maxDirect)), log2(maxManaged) / 8 + 1);
    Heap heap = new Heap(at, offBytes, lenBytes);
    boolean checksummed = (flags & 0x02) != 0;
    if (root != UNDEF) {
      if (rows == 0) directBlock(heap, root, start, checksummed);
      else indirectBlock(heap, root, rows, width, start, maxDirect, checksummed, 0);
    }
    if (freeSpace != UNDEF) freeSpaceManager(freeSpace);
    return heap;
  }

  private void directBlock(Heap heap, long at, long size, boolean checksummed)
      throws IOException, Unmapped {
    int head = 5 + 8 + heap.offBytes + (checksummed ? 4 : 0);
    if (size < head) throw new Unmapped("a fractal heap direct block smaller than its header");
    ByteBuffer b = bytes(at, 5 + 8 + heap.offBytes);
    if (!sig(b, "FHDB") || b.getLong(5) != heap.at) {
      throw new Unmapped("no direct block of the fractal heap at " + heap.at + " at " + at);
    }
    use(at, size);
    heap.direct.add(new long[] {unsigned(b, 13, heap.offBytes), size, at});
  }

  private void indirectBlock(
      Heap heap,
      long at,
      int rows,
      int width,
      long start,
      long maxDirect,
      boolean checksummed,
      int depth)
      throws IOException, Unmapped {
    if (depth > 16 || rows > 64) throw new Unmapped("a fractal heap deeper than it can be");
    int maxDirectRows = log2(maxDirect) - log2(start) + 2;
    int directRows = Math.min(rows, maxDirectRows);
    int entries = rows * width;
    int head = 5 + 8 + heap.offBytes;
    long size = head + 8L * entries + 4;
    if (size > 1 << 24) throw new Unmapped("a fractal heap indirect block of " + size + " bytes");
    ByteBuffer b = bytes(at, (int) size);
    if (!sig(b, "FHIB") || b.getLong(5) != heap.at) {
      throw new Unmapped("no indirect block of the fractal heap at " + heap.at + " at " + at);
    }
    use(at, size);
    int pos = head;
    for (int r = 0; r < rows; r++) {
      long rowSize = r == 0 ? start : start << (r - 1);
      for (int c = 0; c < width; c++, pos += 8) {
        long child = b.getLong(pos);
        if (child == UNDEF) continue;
        if (r < directRows) {
          directBlock(heap, child, rowSize, checksummed);
        } else {
          int childRows = log2(rowSize) - (log2(start) + log2(width)) + 1;
          indirectBlock(heap, child, childRows, width, start, maxDirect, checksummed, depth + 1);
        }
      }
    }
  }

  /** A free-space manager's header and its serialized sections. */
  private void freeSpaceManager(long at) throws IOException, Unmapped {
    ByteBuffer b = bytes(at, 82);
    if (!sig(b, "FSHD")) throw new Unmapped("no free-space manager at " + at);
    use(at, 82);
    long sections = b.getLong(54);
    long allocated = b.getLong(70);
    if (sections != UNDEF && allocated > 0) {
      if (!sig(bytes(sections, 4), "FSSE")) throw new Unmapped("no free-space sections at " + at);
      use(sections, allocated);
    }
  }

  /** Bytes to encode the count {@code n} (HDF5's H5VM_limit_enc_size). */
  private static int countBytes(long n) {
    return (n <= 0 ? 0 : log2(n)) / 8 + 1;
  }

  /**
   * A version 2 B-tree of record type {@code type}: its header and every node at the full node
   * size, the records into {@code records} (slices of their nodes).
   */
  private void btree2(long at, int type, List<ByteBuffer> records) throws IOException, Unmapped {
    ByteBuffer h = bytes(at, 38);
    if (!sig(h, "BTHD") || h.get(4) != 0) throw new Unmapped("no version 2 B-tree at " + at);
    if (h.get(5) != type) {
      throw new Unmapped("a version 2 B-tree of type " + h.get(5) + " at " + at);
    }
    long nodeSize = h.getInt(6) & 0xffffffffL;
    int recSize = h.getShort(10) & 0xffff;
    int depth = h.getShort(12) & 0xffff;
    long root = h.getLong(16);
    int rootRecords = h.getShort(24) & 0xffff;
    if (nodeSize < 16 || nodeSize > 1 << 20 || recSize < 1 || depth > 16) {
      throw new Unmapped("a version 2 B-tree header of sizes out of range at " + at);
    }
    use(at, 38);
    // the layout of internal nodes' child pointers, as HDF5 derives it from the node size
    long[] maxRecords = new long[depth + 1];
    long[] cumMax = new long[depth + 1];
    int[] cumBytes = new int[depth + 1];
    maxRecords[0] = (nodeSize - 10) / recSize;
    cumMax[0] = maxRecords[0];
    int maxBytes = countBytes(maxRecords[0]);
    int[] pointer = new int[depth + 1];
    for (int d = 1; d <= depth; d++) {
      pointer[d] = 8 + maxBytes + (d > 1 ? cumBytes[d - 1] : 0);
      maxRecords[d] = (nodeSize - (10 + pointer[d])) / (recSize + pointer[d]);
      cumMax[d] = (maxRecords[d] + 1) * cumMax[d - 1] + maxRecords[d];
      cumBytes[d] = countBytes(cumMax[d]);
    }
    if (root != UNDEF && rootRecords > 0) {
      btree2Node(
          root,
          depth,
          rootRecords,
          type,
          (int) nodeSize,
          recSize,
          maxBytes,
          cumBytes,
          pointer,
          maxRecords,
          records);
    }
  }

  private void btree2Node(
      long at,
      int depth,
      int count,
      int type,
      int nodeSize,
      int recSize,
      int maxBytes,
      int[] cumBytes,
      int[] pointer,
      long[] maxRecords,
      List<ByteBuffer> records)
      throws IOException, Unmapped {
    if (count > maxRecords[depth]) {
      throw new Unmapped("a version 2 B-tree node of more records than fit at " + at);
    }
    ByteBuffer b = bytes(at, nodeSize);
    if (!sig(b, depth == 0 ? "BTLF" : "BTIN") || b.get(4) != 0 || b.get(5) != type) {
      throw new Unmapped("no version 2 B-tree node at " + at);
    }
    use(at, nodeSize);
    for (int i = 0; i < count; i++) {
      records.add(b.slice(6 + i * recSize, recSize).order(ByteOrder.LITTLE_ENDIAN));
    }
    if (depth == 0) return;
    int pos = 6 + count * recSize;
    for (int i = 0; i <= count; i++) {
      long child = b.getLong(pos);
      int childCount = (int) unsigned(b, pos + 8, maxBytes);
      pos += pointer[depth];
      btree2Node(
          child,
          depth - 1,
          childCount,
          type,
          nodeSize,
          recSize,
          maxBytes,
          cumBytes,
          pointer,
          maxRecords,
          records);
    }
  }

  private static boolean sig(ByteBuffer b, String s) {
    for (int i = 0; i < 4; i++) if ((b.get(i) & 0xff) != s.charAt(i)) return false;
    return true;
  }

  /** An attribute's variable-length data names global heap collections. */
  private void attribute(ByteBuffer m) throws IOException, Unmapped {
    int version = m.get(0);
    int flags = m.get(1) & 0xff;
    if ((flags & 0x03) != 0) throw new Unmapped("an attribute with a shared type or space");
    int nameLen = m.getShort(2) & 0xffff;
    int typeLen = m.getShort(4) & 0xffff;
    int spaceLen = m.getShort(6) & 0xffff;
    int p = version == 3 ? 9 : 8;
    String name;
    int typeAt;
    int spaceAt;
    int dataAt;
    if (version == 1) {
      name = ascii(m, p, nameLen);
      typeAt = p + pad8(nameLen);
      spaceAt = typeAt + pad8(typeLen);
      dataAt = spaceAt + pad8(spaceLen);
    } else if (version == 2 || version == 3) {
      name = ascii(m, p, nameLen);
      typeAt = p + nameLen;
      spaceAt = typeAt + typeLen;
      dataAt = spaceAt + spaceLen;
    } else {
      throw new Unmapped("a version " + version + " attribute message");
    }
    int cls = m.get(typeAt) & 0x0f;
    switch (cls) {
      case 9 -> {
        long count = elements(m, spaceAt);
        for (long i = 0; i < count; i++) {
          int at = dataAt + (int) (16 * i);
          if (at + 16 > m.limit())
            throw new Unmapped("attribute " + name + " shorter than its data");
          if (m.getInt(at) != 0) globalHeap(m.getLong(at + 4));
        }
      }
      case 6 -> {
        if (!name.equals("REFERENCE_LIST")) {
          throw new Unmapped("attribute " + name + " of a compound type");
        }
      }
      case 7 -> {
        if ((m.get(typeAt + 1) & 0x0f) != 0) {
          throw new Unmapped("attribute " + name + " of region references");
        }
      }
      case 10 -> throw new Unmapped("attribute " + name + " of an array type");
      default -> {
        // fixed-size numbers and strings: no addresses
      }
    }
  }

  private static byte[] bytesOf(ByteBuffer m, int at, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = m.get(at + i);
    return b;
  }

  private static String ascii(ByteBuffer m, int at, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n && m.get(at + i) != 0; i++) s.append((char) (m.get(at + i) & 0xff));
    return s.toString();
  }

  private static int pad8(int n) {
    return (n + 7) & ~7;
  }

  private static long elements(ByteBuffer m, int at) throws Unmapped {
    int version = m.get(at);
    int rank = m.get(at + 1) & 0xff;
    if (version == 2 && (m.get(at + 3) & 0xff) == 2) return 0; // null dataspace
    int dimsAt = version == 1 ? at + 8 : at + 4;
    long n = 1;
    for (int d = 0; d < rank; d++) n *= m.getLong(dimsAt + 8 * d);
    if (n < 0 || n > 1 << 20) throw new Unmapped("an attribute of " + n + " elements");
    return n;
  }

  private void globalHeap(long at) throws IOException, Unmapped {
    if (!heaps.add(at)) return;
    ByteBuffer b = bytes(at, 16);
    if (b.get(0) != 'G' || b.get(1) != 'C' || b.get(2) != 'O' || b.get(3) != 'L') {
      throw new Unmapped("no global heap collection at " + at);
    }
    use(at, b.getLong(8));
  }
}
