package org.exodusj.fuzz;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.checksum.JenkinsLookup3HashLittle;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Damage that reaches the HDF5 parsers of a NetCDF-4 file: the structures of an intact file are
 * located (superblock, object headers and their continuation blocks, version-1 B-tree nodes, local
 * and global heaps, fractal heaps, version-2 B-trees, free-space structures, chunk and contiguous
 * data), bytes in them are flipped, overwritten or the file truncated, and the lookup3 checksum of
 * every checksummed structure the damage touched (version 2/3 superblocks, OHDR, OCHK, and the
 * other structures with a checksum) is recomputed over its extent in the intact file, so that the
 * damaged copy passes the checksum checks and its damage is parsed.
 *
 * <p>Independent of the code under test: structures are found by their signatures and the checksums
 * that validate them in the intact file (jHDF's lookup3), and by jHDF's walk of the objects for the
 * version-1 object headers and data addresses that carry no signature.
 */
final class Nc4Damage {
  /** What a region holds; the damage picks regions by kind. */
  enum Kind {
    SUPERBLOCK,
    OBJECT_HEADER,
    BTREE,
    HEAP,
    GLOBAL_HEAP,
    DATA
  }

  /** A located structure: bytes {@code [start, end)}; a checksum at {@code checksumAt} or -1. */
  record Region(Kind kind, String what, long start, long end, long checksumAt) {}

  final byte[] intact;
  final List<Region> regions = new ArrayList<>();

  private final Set<Long> seen = new HashSet<>();

  private Nc4Damage(byte[] intact) {
    this.intact = intact;
  }

  /** Locates the structures of the intact NetCDF-4 file {@code p}. */
  static Nc4Damage of(Path p) throws IOException {
    Nc4Damage d = new Nc4Damage(Files.readAllBytes(p));
    d.locate(p);
    return d;
  }

  // ---- locating -----------------------------------------------------------------------------

  private long u(long at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) v = v << 8 | (intact[(int) at + i] & 0xFF);
    return v;
  }

  private boolean sig(long at, String s) {
    if (at < 0 || at + 4 > intact.length) return false;
    for (int i = 0; i < 4; i++) if (intact[(int) at + i] != s.charAt(i)) return false;
    return true;
  }

  static int lookup3(byte[] b, long from, long to) {
    return JenkinsLookup3HashLittle.hash(ByteBuffer.wrap(b, (int) from, (int) (to - from)));
  }

  private boolean checksumHolds(long from, long at) {
    return at + 4 <= intact.length && lookup3(intact, from, at) == (int) u(at, 4);
  }

  private void add(Kind k, String what, long start, long end, long cs) {
    if (start < 0 || start >= intact.length || !seen.add(start * 31 + k.ordinal())) return;
    regions.add(new Region(k, what, start, Math.min(end, intact.length), cs));
  }

  /** A message inside a checksummed header: damage to it is covered by the header's checksum. */
  private void add(Kind k, String what, long start, long end, long cs, Region header) {
    if (start < 0 || start >= intact.length || !seen.add(start * 31 + 7)) return;
    regions.add(new Region(k, what, start, Math.min(end, intact.length), cs));
  }

  private void locate(Path p) throws IOException {
    int version = intact[8];
    if (version >= 2) {
      add(Kind.SUPERBLOCK, "superblock v" + version, 0, 48, 44);
    } else {
      add(Kind.SUPERBLOCK, "superblock v" + version, 0, 96, -1);
    }
    // Signed structures, validated by their checksum where they have one.
    for (int at = 0; at + 8 < intact.length; at++) {
      if (intact[at] < 'A' || intact[at] > 'T') continue;
      if (sig(at, "OHDR")) ohdr(at);
      else if (sig(at, "TREE")) add(Kind.BTREE, "v1 B-tree node", at, at + 24 + 64, -1);
      else if (sig(at, "HEAP")) {
        add(Kind.HEAP, "local heap", at, at + 32, -1);
        long data = u(at + 24, 8);
        long size = u(at + 8, 8);
        if (data > 0 && data < intact.length && size < 1 << 20) {
          add(Kind.HEAP, "local heap data", data, data + size, -1);
        }
      } else if (sig(at, "GCOL")) {
        long size = u(at + 8, 8);
        add(Kind.GLOBAL_HEAP, "global heap", at, at + Math.min(size, 1 << 16), -1);
      } else if (sig(at, "SNOD")) add(Kind.HEAP, "symbol table node", at, at + 8 + 40 * 8, -1);
      else {
        for (String s : List.of("FRHP", "FHIB", "BTHD", "BTLF", "BTIN", "FSHD", "FSSE", "SMTB")) {
          if (sig(at, s)) {
            long cs = findChecksum(at, s.equals("FSSE") ? 2048 : 1024);
            if (cs > 0) {
              add(s.startsWith("B") ? Kind.BTREE : Kind.HEAP, s, at, cs + 4, cs);
            }
          }
        }
        if (sig(at, "FHDB")) add(Kind.HEAP, "FHDB", at, at + 512, -1);
      }
    }
    // Object headers without signatures (version 1), data addresses and chunk B-trees: jHDF's walk.
    try (HdfFile h = new HdfFile(p)) {
      walk(h, 0);
    } catch (RuntimeException e) {
      // an intact file jHDF cannot walk keeps the regions found by signature
    }
  }

  private long findChecksum(long at, int limit) {
    for (long q = at + 8; q < Math.min(intact.length - 4, at + limit); q++) {
      if (checksumHolds(at, q)) return q;
    }
    return -1;
  }

  private void ohdr(long at) {
    int flags = intact[(int) at + 5] & 0xFF;
    if (intact[(int) at + 4] != 2) return;
    long p = at + 6;
    if ((flags & 0x20) != 0) p += 16;
    if ((flags & 0x10) != 0) p += 4;
    int w = 1 << (flags & 3);
    long size = u(p, w);
    long messages = p + w;
    long cs = messages + size;
    if (size > intact.length || !checksumHolds(at, cs)) return;
    add(Kind.OBJECT_HEADER, "OHDR", at, cs + 4, cs);
    v2Messages(messages, cs, (flags & 0x04) != 0, regions.get(regions.size() - 1));
  }

  private void v2Messages(long from, long to, boolean order, Region header) {
    long p = from;
    while (p + 4 <= to) {
      int type = intact[(int) p] & 0xFF;
      int size = (int) u(p + 1, 2);
      long data = p + 4 + (order ? 2 : 0);
      if (size > 0 && data + size <= to) {
        add(Kind.OBJECT_HEADER, "message " + type + " in OHDR", data, data + size, -1, header);
      }
      if (type == 0x10 && data + 16 <= to) {
        long addr = u(data, 8);
        long len = u(data + 8, 8);
        if (sig(addr, "OCHK") && len > 8 && addr + len <= intact.length) {
          long cs = addr + len - 4;
          if (checksumHolds(addr, cs)) {
            add(Kind.OBJECT_HEADER, "OCHK", addr, addr + len, cs);
            v2Messages(addr + 4, cs, order, regions.get(regions.size() - 1));
          }
        }
      }
      p = data + size;
    }
  }

  private void v1Header(long at) {
    if (at < 0 || at + 16 > intact.length || intact[(int) at] != 1) return;
    long size = u(at + 8, 4);
    add(Kind.OBJECT_HEADER, "v1 object header", at, at + 16 + size, -1);
    v1Messages(at + 16, at + 16 + size, 0);
  }

  private void v1Messages(long from, long to, int depth) {
    long p = from;
    while (p + 8 <= to && p + 8 <= intact.length && depth < 16) {
      int type = (int) u(p, 2);
      int size = (int) u(p + 2, 2);
      if (size > 0 && p + 8 + size <= to) {
        add(Kind.OBJECT_HEADER, "message " + type + " in v1 header", p + 8, p + 8 + size, -1);
      }
      if (type == 0x10 && p + 24 <= intact.length) {
        long addr = u(p + 8, 8);
        long len = u(p + 16, 8);
        if (addr > 0 && len > 0 && addr + len <= intact.length) {
          add(Kind.OBJECT_HEADER, "v1 continuation", addr, addr + len, -1);
          v1Messages(addr, addr + len, depth + 1);
        }
      }
      p += 8 + size;
    }
  }

  private void walk(Group g, int depth) {
    if (depth > 8) return;
    for (Node n : g.getChildren().values()) {
      if (n.isLink()) continue;
      if (!sig(n.getAddress(), "OHDR")) v1Header(n.getAddress());
      if (n instanceof Group sub) {
        walk(sub, depth + 1);
      } else if (n instanceof ContiguousDataset c) {
        long a = c.getDataAddress();
        long bytes = c.getSizeInBytes();
        if (a > 0 && a < intact.length && bytes > 0) {
          add(Kind.DATA, "contiguous data of " + n.getName(), a, a + bytes, -1);
        }
      } else if (n instanceof ChunkedDataset c
          && n instanceof AbstractNode an
          && an.getHeader().hasMessageOfType(ChunkedDataLayoutMessage.class)) {
        ChunkedDataLayoutMessage m =
            an.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class);
        if (m.getClass() == ChunkedDataLayoutMessage.class) {
          chunkTree(m.getBTreeAddress(), ((Dataset) c).getDimensions().length, n.getName(), 0);
        }
      }
    }
  }

  private void chunkTree(long at, int rank, String var, int depth) {
    if (!sig(at, "TREE") || depth > 8 || intact[(int) at + 4] != 1) return;
    int level = intact[(int) at + 5];
    int used = (int) u(at + 6, 2);
    int key = 8 + 8 * (rank + 1);
    long end = at + 24 + (long) used * (key + 8) + key;
    add(Kind.BTREE, "chunk B-tree of " + var, at, end, -1);
    for (int i = 0; i < used; i++) {
      long k = at + 24 + (long) i * (key + 8);
      if (k + key + 8 > intact.length) return;
      long child = u(k + key, 8);
      if (level > 0) {
        chunkTree(child, rank, var, depth + 1);
      } else {
        long size = u(k, 4);
        if (child > 0 && child < intact.length && size > 0) {
          add(Kind.DATA, "chunk of " + var, child, child + size, -1);
        }
      }
    }
  }

  // ---- finding fields, for tests with one exact damage ------------------------------------------

  /** The object header address of the dataset or group at {@code path} ("/coordx"). */
  static long address(Path file, String path) throws IOException {
    try (HdfFile h = new HdfFile(file)) {
      return h.getByPath(path).getAddress();
    }
  }

  /**
   * The messages of the object header at {@code at} (version 1 or 2, continuation blocks followed):
   * {type, offset of the message data, size} each.
   */
  List<long[]> messages(long at) {
    List<long[]> out = new ArrayList<>();
    if (sig(at, "OHDR")) {
      int flags = intact[(int) at + 5] & 0xFF;
      long p = at + 6;
      if ((flags & 0x20) != 0) p += 16;
      if ((flags & 0x10) != 0) p += 4;
      int w = 1 << (flags & 3);
      long size = u(p, w);
      v2List(p + w, p + w + size, (flags & 0x04) != 0, out, 0);
    } else {
      v1List(at + 16, at + 16 + u(at + 8, 4), out, 0);
    }
    return out;
  }

  /** The data offset of the first message of {@code type} in the header at {@code at}. */
  long message(long at, int type) {
    for (long[] m : messages(at)) if (m[0] == type) return m[1];
    throw new IllegalArgumentException("no message of type " + type + " at " + at);
  }

  /** The 4-byte little-endian value at {@code at} in the intact file. */
  long intactInt(long at) {
    return u(at, 4);
  }

  /** The 8-byte little-endian value at {@code at} in the intact file. */
  long intactLong(long at) {
    return u(at, 8);
  }

  /** The data offset of attribute {@code name} stored in the header at {@code at}. */
  long attributeData(long at, String name) {
    for (long[] m : messages(at)) {
      if (m[0] != 12) continue;
      long d = m[1];
      int version = intact[(int) d];
      int nameSize = (int) u(d + 2, 2);
      int dtSize = (int) u(d + 4, 2);
      int dsSize = (int) u(d + 6, 2);
      long p = d + (version == 3 ? 9 : 8);
      String n = new String(intact, (int) p, nameSize - 1, java.nio.charset.StandardCharsets.UTF_8);
      if (!n.equals(name)) continue;
      if (version == 1) {
        return p + pad8(nameSize) + pad8(dtSize) + pad8(dsSize);
      }
      return p + nameSize + dtSize + dsSize;
    }
    throw new IllegalArgumentException("no attribute " + name + " at " + at);
  }

  private static long pad8(int n) {
    return (n + 7) & ~7;
  }

  private void v2List(long from, long to, boolean order, List<long[]> out, int depth) {
    long p = from;
    while (p + 4 <= to && depth < 16) {
      int type = intact[(int) p] & 0xFF;
      int size = (int) u(p + 1, 2);
      long data = p + 4 + (order ? 2 : 0);
      out.add(new long[] {type, data, size});
      if (type == 0x10) {
        long addr = u(data, 8);
        v2List(addr + 4, addr + u(data + 8, 8) - 4, order, out, depth + 1);
      }
      p = data + size;
    }
  }

  private void v1List(long from, long to, List<long[]> out, int depth) {
    long p = from;
    while (p + 8 <= to && depth < 16) {
      int type = (int) u(p, 2);
      int size = (int) u(p + 2, 2);
      out.add(new long[] {type, p + 8, size});
      if (type == 0x10) {
        long addr = u(p + 8, 8);
        v1List(addr, addr + u(p + 16, 8), out, depth + 1);
      }
      p += 8 + size;
    }
  }

  /** The offset of the first occurrence of {@code text} at or after {@code from}, or -1. */
  long find(String text, long from) {
    byte[] t = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    outer:
    for (long i = from; i + t.length <= intact.length; i++) {
      for (int j = 0; j < t.length; j++) if (intact[(int) i + j] != t[j]) continue outer;
      return i;
    }
    return -1;
  }

  /**
   * A copy of the intact file with {@code n} little-endian bytes of {@code value} at {@code at}.
   */
  byte[] with(long at, int n, long value) {
    byte[] b = intact.clone();
    for (int i = 0; i < n; i++) b[(int) at + i] = (byte) (value >>> (8 * i));
    fixAllChecksums(b);
    return b;
  }

  // ---- damaging -----------------------------------------------------------------------------

  /** One damaged copy: its bytes and what was done. */
  record Copy(byte[] bytes, String description) {}

  private static final long[] EXTREMES = {
    0,
    1,
    2,
    0xFF,
    0x7F,
    0x80,
    0xFFFF,
    0x7FFFFFFFL,
    0x80000000L,
    0xFFFFFFFFL,
    1L << 32,
    1L << 40,
    Long.MAX_VALUE,
    -1L,
    -2L,
    Long.MIN_VALUE,
    0x10000,
    1000
  };

  /** A damaged copy chosen by {@code r}: 1 to 3 changes, rarely a truncation. */
  Copy damage(Random r) {
    byte[] b = intact.clone();
    StringBuilder what = new StringBuilder();
    int changes = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    List<Region> touched = new ArrayList<>();
    for (int k = 0; k < changes; k++) {
      Region g = pick(r);
      long len = Math.max(1, g.end() - g.start());
      long at = g.start() + (long) (r.nextDouble() * len);
      if (at >= b.length) at = b.length - 1;
      int op = r.nextInt(10);
      if (what.length() > 0) what.append("; ");
      what.append(g.what()).append(" @").append(g.start()).append(": ");
      if (op < 4) {
        int bit = r.nextInt(8);
        b[(int) at] ^= (byte) (1 << bit);
        what.append("flip bit ").append(bit).append(" at ").append(at);
      } else if (op < 8) {
        int n = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        long v = r.nextBoolean() ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong();
        at = Math.max(0, Math.min(at & ~(long) (n - 1), b.length - n));
        for (int i = 0; i < n; i++) b[(int) at + i] = (byte) (v >>> (8 * i));
        what.append("set ").append(n).append(" bytes at ").append(at).append(" to ").append(v);
      } else if (op < 9) {
        byte v = (byte) r.nextInt(256);
        int n = 1 + r.nextInt(16);
        for (int i = 0; i < n && at + i < b.length; i++) b[(int) at + i] = v;
        what.append("fill ").append(n).append(" bytes at ").append(at).append(" with ").append(v);
      } else {
        int cut = (int) at;
        what.append("truncate at ").append(cut);
        byte[] c = Arrays.copyOf(b, cut);
        fixChecksums(c, touched);
        return new Copy(c, what.toString());
      }
      touched.add(new Region(g.kind(), g.what(), at, at + 8, -1));
    }
    fixChecksums(b, touched);
    return new Copy(b, what.toString());
  }

  private Region pick(Random r) {
    Kind[] kinds = Kind.values();
    int[] weights = {12, 34, 18, 16, 8, 12};
    while (true) {
      int t = r.nextInt(100);
      int k = 0;
      while (t >= weights[k]) t -= weights[k++];
      Kind want = kinds[k];
      List<Region> of = regions.stream().filter(x -> x.kind() == want).toList();
      if (!of.isEmpty()) return of.get(r.nextInt(of.size()));
    }
  }

  /**
   * Recomputes the checksum of every checksummed structure of the intact layout that overlaps a
   * changed range, over its extent in the intact file.
   */
  void fixChecksums(byte[] b, List<Region> changed) {
    for (Region g : regions) {
      if (g.checksumAt() < 0 || g.checksumAt() + 4 > b.length) continue;
      boolean hit = false;
      for (Region c : changed) {
        if (c.start() < g.end() && c.end() > g.start()) hit = true;
      }
      if (!hit) continue;
      int h = lookup3(b, g.start(), g.checksumAt());
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt((int) g.checksumAt(), h);
    }
  }

  /** Recomputes every checksum of the intact layout (for inputs changed anywhere). */
  void fixAllChecksums(byte[] b) {
    fixChecksums(b, List.of(new Region(Kind.DATA, "all", 0, b.length, -1)));
  }

  /** Writes {@code bytes} to {@code p}, replacing its contents. */
  static void write(Path p, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            p,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bb = ByteBuffer.wrap(bytes);
      while (bb.hasRemaining()) ch.write(bb);
    }
  }
}
