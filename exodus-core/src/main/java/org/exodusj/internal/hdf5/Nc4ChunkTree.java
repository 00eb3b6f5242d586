package org.exodusj.internal.hdf5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.exodusj.internal.hdf5.Nc4Storage.StoredChunk;
import org.exodusj.internal.hdf5.Nc4Var.Key;

/**
 * The version 1 chunk B-tree of one variable {@link Nc4Writer} writes, updated copy-on-write: a
 * commit writes the leaves whose entries changed (and those whose right bound moved) at new
 * addresses, then the upper nodes whose bytes changed; every other node keeps its address and is
 * not written again. The superseded nodes are released to the allocator, which hands them out only
 * after the superblock switch that stops referencing them.
 *
 * <p>Leaves partition the chunks in key order, each holding at most {@code 2K} entries; appends
 * fill the last leaf and then open a new one, so a history of one chunk per step costs one leaf
 * write per commit (plus the path above it), not the whole tree. Sibling addresses are written
 * undefined: a node copied elsewhere would otherwise change both neighbours, and theirs, up to the
 * whole level. HDF5 finds chunks from the root and walks its trees by their child addresses; a
 * split it makes later (netCDF-C appending to the file) treats an undefined sibling as none.
 */
final class Nc4ChunkTree {
  static final int K = 32; // HDF5's default K for chunk B-trees (not stored in a version 2 file)
  static final int ENTRIES = 2 * K;

  /** The allocator a commit takes node space from. */
  interface Alloc {
    long allocate(long n);

    void release(long address, long n);
  }

  /** One node to write. */
  record Write(long address, byte[] bytes) {}

  private static final class Leaf {
    long address = H5Out.UNDEF;
    long[] upper; // the right bound written, in elements
  }

  private static final class Upper {
    final long address;
    final byte[] bytes;

    Upper(long address, byte[] bytes) {
      this.address = address;
      this.bytes = bytes;
    }
  }

  private final TreeMap<Key, Leaf> leaves = new TreeMap<>(); // by their first chunk
  private final List<List<Upper>> levels = new ArrayList<>(); // level 1 up, as last written
  private final Set<Key> changed = new HashSet<>(); // guarded by the writer's lock
  private long root = H5Out.UNDEF;

  /**
   * Takes over the tree an adopted file holds for {@code v} when this class could have written it
   * (no sibling addresses, nodes of at most 2K entries, leaves in key order with the chunks {@code
   * v.stored} lists), so the first commit writes only what changes; otherwise leaves the tree to be
   * written whole at the first commit.
   *
   * @param nodes the nodes as {@link Nc4SpaceMap} walked them, depth first
   */
  void adopt(Nc4Var v, List<Nc4SpaceMap.TreeNode> nodes) {
    if (nodes == null || nodes.isEmpty() || v.stored.isEmpty() || !leaves.isEmpty()) return;
    int r = v.dims.size();
    TreeMap<Key, Leaf> ls = new TreeMap<>();
    List<List<Upper>> ups = new ArrayList<>();
    int height = nodes.get(0).level();
    for (int i = 0; i < height; i++) ups.add(new ArrayList<>());
    long entries = 0;
    for (Nc4SpaceMap.TreeNode n : nodes) {
      if (!n.noSiblings() || n.entries() < 1 || n.entries() > ENTRIES || n.first().length != r) {
        return;
      }
      if (n.level() == 0) {
        long[] c = new long[r];
        for (int d = 0; d < r; d++) {
          if (n.first()[d] % v.chunk[d] != 0) return;
          c[d] = n.first()[d] / v.chunk[d];
        }
        Leaf l = new Leaf();
        l.address = n.address();
        l.upper = n.upper();
        Key k = new Key(c);
        if (!ls.isEmpty() && ls.lastKey().compareTo(k) >= 0) return;
        ls.put(k, l);
        entries += n.entries();
      } else {
        if (n.level() > height || n.bytes() == null) return;
        ups.get(n.level() - 1).add(new Upper(n.address(), n.bytes()));
      }
    }
    if (entries != v.stored.size()) return;
    // each leaf's entries must be the stored chunks from its first key to the next leaf's
    Key prev = null;
    for (Key k : ls.keySet()) {
      if (prev == null && !k.equals(v.stored.firstKey())) return;
      prev = k;
    }
    leaves.putAll(ls);
    levels.addAll(ups);
    root = nodes.get(0).address();
  }

  /** Records that the entry of {@code k} was added, moved or removed since the last commit. */
  void changed(Key k) {
    changed.add(k);
  }

  /** The root's address as last written; undefined for no chunks. */
  long root() {
    return root;
  }

  /** The bytes of one node of a variable of rank {@code r}. */
  static int nodeBytes(int r) {
    int keyBytes = 8 + 8 * (r + 1);
    return 24 + (ENTRIES + 1) * keyBytes + ENTRIES * 8;
  }

  /** Every node's extent, {@code {start, end}}, as last written. */
  void extents(int rank, List<long[]> out) {
    int n = nodeBytes(rank);
    for (Leaf l : leaves.values()) out.add(new long[] {l.address, l.address + n});
    for (List<Upper> lv : levels) for (Upper u : lv) out.add(new long[] {u.address, u.address + n});
  }

  /**
   * Brings the tree on disk up to {@code stored} (the variable's chunks now): the nodes to write go
   * to {@code out}, their space from {@code alloc}, superseded nodes released to it.
   *
   * @return the root's address
   */
  long update(Nc4Var v, Alloc alloc, List<Write> out) {
    NavigableMap<Key, StoredChunk> stored = v.stored;
    int r = v.dims.size();
    int nodeBytes = nodeBytes(r);
    if (stored.isEmpty() || r == 0) {
      for (Leaf l : leaves.values()) alloc.release(l.address, nodeBytes);
      leaves.clear();
      releaseLevels(alloc, nodeBytes, 0);
      changed.clear();
      root = H5Out.UNDEF;
      return root;
    }
    if (changed.isEmpty() && !leaves.isEmpty()) return root;
    // 1. the leaves holding a changed entry are cut again from the chunks in their range
    Set<Key> dirty = new HashSet<>();
    if (leaves.isEmpty()) {
      dirty.add(stored.firstKey());
      leaves.put(stored.firstKey(), new Leaf());
    }
    for (Key k : changed) {
      Key at = leaves.floorKey(k);
      dirty.add(at != null ? at : leaves.firstKey());
    }
    changed.clear();
    List<Key> order = new ArrayList<>(dirty);
    order.sort(null);
    for (Key l : order) {
      Key lower = l.equals(leaves.firstKey()) ? null : l;
      Key upperKey = leaves.higherKey(l);
      Leaf old = leaves.remove(l);
      if (old.address != H5Out.UNDEF) alloc.release(old.address, nodeBytes);
      NavigableMap<Key, StoredChunk> range =
          lower == null
              ? (upperKey == null ? stored : stored.headMap(upperKey, false))
              : (upperKey == null
                  ? stored.tailMap(lower, true)
                  : stored.subMap(lower, true, upperKey, false));
      int i = 0;
      for (Key k : range.keySet()) {
        if (i++ % ENTRIES == 0) leaves.put(k, new Leaf()); // a new leaf every 2K entries
      }
    }
    // 2. leaves whose entries or right bound changed are written anew
    long[] last = new long[r];
    Key lastKey = stored.lastKey();
    for (int d = 0; d < r; d++) last[d] = (lastKey.c()[d] + 1) * v.chunk[d];
    List<long[]> firsts = new ArrayList<>();
    List<Long> addresses = new ArrayList<>();
    for (Map.Entry<Key, Leaf> e : leaves.entrySet()) {
      Key next = leaves.higherKey(e.getKey());
      long[] upper = next == null ? last : offsets(next, v);
      Leaf leaf = e.getValue();
      if (leaf.address == H5Out.UNDEF || !Arrays.equals(leaf.upper, upper)) {
        if (leaf.address != H5Out.UNDEF) alloc.release(leaf.address, nodeBytes);
        NavigableMap<Key, StoredChunk> entries =
            next == null
                ? stored.tailMap(e.getKey(), true)
                : stored.subMap(e.getKey(), true, next, false);
        H5Out o = header(0, entries.size());
        for (Map.Entry<Key, StoredChunk> c : entries.entrySet()) {
          key(o, c.getValue().size(), c.getValue().filterMask(), c.getValue().offset());
          o.u64(c.getValue().address());
        }
        key(o, 0, 0, upper);
        o.zeros(nodeBytes - o.size());
        leaf.address = alloc.allocate(nodeBytes);
        leaf.upper = upper;
        out.add(new Write(leaf.address, o.toBytes()));
      }
      firsts.add(offsets(e.getKey(), v));
      addresses.add(leaf.address);
    }
    // 3. the levels above: a node is written when its bytes differ from the last written
    int level = 1;
    while (addresses.size() > 1) {
      int count = addresses.size();
      int nodes = (count + ENTRIES - 1) / ENTRIES;
      List<Upper> before = level - 1 < levels.size() ? levels.get(level - 1) : List.of();
      List<Upper> now = new ArrayList<>();
      List<long[]> nf = new ArrayList<>();
      List<Long> na = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        int from = i * ENTRIES;
        int to = Math.min(count, from + ENTRIES);
        H5Out o = header(level, to - from);
        for (int j = from; j < to; j++) {
          key(o, 0, 0, firsts.get(j));
          o.u64(addresses.get(j));
        }
        key(o, 0, 0, to < count ? firsts.get(to) : last);
        o.zeros(nodeBytes - o.size());
        byte[] b = o.toBytes();
        Upper u = i < before.size() ? before.get(i) : null;
        if (u == null || !Arrays.equals(u.bytes, b)) {
          if (u != null) alloc.release(u.address, nodeBytes);
          u = new Upper(alloc.allocate(nodeBytes), b);
          out.add(new Write(u.address, b));
        }
        now.add(u);
        nf.add(firsts.get(from));
        na.add(u.address);
      }
      for (int i = nodes; i < before.size(); i++) alloc.release(before.get(i).address, nodeBytes);
      if (level - 1 < levels.size()) levels.set(level - 1, now);
      else levels.add(now);
      firsts = nf;
      addresses = na;
      level++;
    }
    releaseLevels(alloc, nodeBytes, level - 1);
    root = addresses.get(0);
    return root;
  }

  /** Drops (and releases) the upper levels from list index {@code from} on. */
  private void releaseLevels(Alloc alloc, int nodeBytes, int from) {
    while (levels.size() > from) {
      for (Upper u : levels.remove(levels.size() - 1)) alloc.release(u.address, nodeBytes);
    }
  }

  private static long[] offsets(Key k, Nc4Var v) {
    long[] o = new long[k.c().length];
    for (int d = 0; d < o.length; d++) o[d] = k.c()[d] * v.chunk[d];
    return o;
  }

  private static H5Out header(int level, int entries) {
    return new H5Out()
        .ascii("TREE")
        .u8(1)
        .u8(level)
        .u16(entries)
        .u64(H5Out.UNDEF) // siblings: see the class comment
        .u64(H5Out.UNDEF);
  }

  private static void key(H5Out o, int size, int mask, long[] offsets) {
    o.u32(size).u32(mask);
    for (long x : offsets) o.u64(x);
    o.u64(0);
  }
}
