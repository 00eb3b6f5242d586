package org.exodusj.internal.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.exodusj.internal.hdf5.Nc4Var.Key;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;

/**
 * The metadata {@link Nc4Writer} writes at every commit, encoded from the file's dimensions,
 * attributes and variables: the global heap of the {@code DIMENSION_LIST} references, each
 * variable's version 1 chunk B-tree, the object headers (one encoder per HDF5 message: dataspace,
 * datatype, fill value, layout, filter pipeline, attributes, links), and the version 2 superblock
 * that points at them.
 */
final class Nc4Metadata {
  /** The bytes of the version 2 superblock at address 0. */
  static final int SUPERBLOCK_BYTES = 48;

  private static final String NC_PROPERTIES = "version=2,exodusj=1";
  private static final String DIM_WITHOUT_VARIABLE =
      "This is a netCDF dimension but not a netCDF variable.";

  private final String path;
  private final List<Dimension> dims;
  private final List<Attribute> globals;
  private final List<Nc4Var> vars;
  private final long records;
  private final boolean classicModel;
  private final int stamp;

  /**
   * @param records the length of the unlimited dimension
   * @param classicModel whether to mark the file as netCDF-4 classic model ({@code _nc3_strict})
   */
  Nc4Metadata(
      String path,
      List<Dimension> dims,
      List<Attribute> globals,
      List<Nc4Var> vars,
      long records,
      boolean classicModel,
      int stamp) {
    this.path = path;
    this.dims = dims;
    this.globals = globals;
    this.vars = vars;
    this.records = records;
    this.classicModel = classicModel;
    this.stamp = stamp;
  }

  /**
   * What a commit writes: the chunk B-tree nodes that changed, then one block with the global heap
   * and every object header; {@code block} is that block's extent, {@code root} the root group's
   * header.
   */
  record Encoded(List<Nc4ChunkTree.Write> writes, long root, long[] block, Sizes sizes) {}

  /**
   * Encodes the metadata of the file as it stands: each variable's chunk B-tree brought up to date
   * copy-on-write ({@link Nc4ChunkTree}), then the global heap and the object headers in one block,
   * all placed by {@code alloc} (superseded tree nodes released to it). {@code known}, the sizes an
   * earlier encoding of the same writer found (or null), saves encoding every header once more to
   * size it: the headers are laid out by them, and should one come out another size (a variable's
   * filters changed since), they are sized again and laid out anew.
   */
  Encoded encode(Nc4ChunkTree.Alloc alloc, Sizes known) throws IOException {
    List<Nc4ChunkTree.Write> writes = new ArrayList<>();
    Map<Nc4Var, Long> treeAddr = new HashMap<>();
    for (Nc4Var v : vars) treeAddr.put(v, v.tree.update(v, alloc, writes));
    Sizes sizes = known != null ? known : sizes(); // sizes do not depend on addresses
    while (true) {
      long base = alloc.allocate(sizes.total);
      Block b = headers(base, treeAddr, sizes);
      if (b != null) {
        writes.add(new Nc4ChunkTree.Write(base, b.bytes));
        return new Encoded(writes, b.root, new long[] {base, base + sizes.total}, sizes);
      }
      alloc.release(base, sizes.total); // never referenced: free after this commit
      if (sizes != known) {
        throw new IllegalStateException(path + ": metadata layout mismatch (a bug)");
      }
      sizes = sizes();
    }
  }

  /**
   * Checks that the object headers can be written (no message over 64 KiB), writing nothing; the
   * sizes found, for {@link #encode}.
   */
  Sizes check() throws IOException {
    return sizes();
  }

  private record Block(byte[] bytes, long root) {}

  /**
   * The bytes of the global heap, of each dimension's and variable's object header and of the
   * block: each header encoded once with placeholder addresses (an address is 8 bytes whatever it
   * is), which also refuses what cannot be written.
   */
  record Sizes(long heap, int[] dims, int[] vars, long total) {}

  private Sizes sizes() {
    int objects = 0;
    for (Nc4Var v : vars) objects += v.dims.size();
    if (objects > 65535) {
      throw new IllegalArgumentException(
          path + ": " + objects + " dimension references exceed one global heap collection");
    }
    long heapSize = Math.max(4096, 16 + 24L * objects + 16);
    long total = heapSize;
    long[] dimAddr = new long[dims.size()];
    int[] dimSize = new int[dims.size()];
    for (int i = 0; i < dims.size(); i++) total += dimSize[i] = dimHeader(i, dimAddr).length;
    int[] varSize = new int[vars.size()];
    for (int j = 0; j < vars.size(); j++) {
      total += varSize[j] = varHeader(vars.get(j), H5Out.UNDEF, 0, 0).length;
    }
    total += rootHeader(dimAddr).length;
    return new Sizes(heapSize, dimSize, varSize, total);
  }

  /**
   * The global heap and the object headers laid out from {@code base}, of the given sizes; null
   * when a header comes out of another size than {@code sizes} gives it.
   */
  private Block headers(long base, Map<Nc4Var, Long> treeAddr, Sizes sizes) throws IOException {
    if (sizes.dims.length != dims.size() || sizes.vars.length != vars.size()) return null;
    Layout lay = new Layout(base);
    // 1. the global heap with the DIMENSION_LIST references
    long heapSize = sizes.heap;
    long heapAddr = lay.take(heapSize);
    // 2. object headers, at the addresses their sizes give
    long[] dimAddr = new long[dims.size()];
    for (int i = 0; i < dims.size(); i++) dimAddr[i] = lay.take(sizes.dims[i]);
    for (int j = 0; j < vars.size(); j++) vars.get(j).header = lay.take(sizes.vars[j]);
    List<byte[]> headers = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      byte[] h = dimHeader(i, dimAddr);
      if (h.length != sizes.dims[i]) return null;
      headers.add(h);
    }
    int obj = 1;
    for (int j = 0; j < vars.size(); j++) {
      Nc4Var v = vars.get(j);
      byte[] h = varHeader(v, treeAddr.get(v), heapAddr, obj);
      if (h.length != sizes.vars[j]) return null;
      headers.add(h);
      obj += v.dims.size();
    }
    byte[] root = rootHeader(dimAddr);
    long rootAddr = lay.take(root.length);
    if (lay.next - base != sizes.total) return null;
    headers.add(root);

    H5Out meta = new H5Out((int) Math.min(sizes.total, 1 << 24));
    meta.bytes(heap(heapSize, dimAddr));
    for (byte[] h : headers) meta.bytes(h);
    byte[] m = meta.toBytes();
    if (base + m.length != lay.next || m.length != sizes.total) {
      throw new IllegalStateException(path + ": metadata layout mismatch (a bug)");
    }
    return new Block(m, rootAddr);
  }

  private static final class Layout {
    long next;

    Layout(long base) {
      next = base;
    }

    long take(long n) {
      long a = next;
      next += n;
      return a;
    }
  }

  private byte[] heap(long size, long[] dimAddr) {
    H5Out o = new H5Out().ascii("GCOL").u8(1).zeros(3).u64(size);
    int idx = 1;
    for (Nc4Var v : vars) {
      for (int id : v.dimIds) {
        o.u16(idx++).u16(1).u32(0).u64(8).u64(dimAddr[id]);
      }
    }
    long free = size - o.size();
    o.u16(0).u16(0).u32(0).u64(free);
    o.zeros((int) (size - o.size()));
    return o.toBytes();
  }

  static byte[] superblock(long root, long eof) {
    H5Out o = new H5Out();
    o.bytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
    o.u8(2).u8(8).u8(8).u8(0);
    o.u64(0).u64(H5Out.UNDEF).u64(eof).u64(root);
    return o.checksum().toBytes();
  }

  // ---- object headers ------------------------------------------------------------------------

  private static final int MSG_DATASPACE = 0x01;
  private static final int MSG_LINK_INFO = 0x02;
  private static final int MSG_DATATYPE = 0x03;
  private static final int MSG_FILL = 0x05;
  private static final int MSG_LINK = 0x06;
  private static final int MSG_LAYOUT = 0x08;
  private static final int MSG_GROUP_INFO = 0x0A;
  private static final int MSG_FILTERS = 0x0B;
  private static final int MSG_ATTRIBUTE = 0x0C;
  private static final int MSG_ATTRIBUTE_INFO = 0x15;

  /**
   * HDF5's default largest number of attributes an object header holds compact; past it libexodus's
   * files (netCDF-C with HDF5's defaults) keep them in dense storage.
   */
  static final int MAX_COMPACT_ATTRIBUTES = 8;

  /**
   * A version 2 object header with attribute creation order tracked.
   *
   * <p>Attributes are written in the order netCDF-C lists them in the files libexodus writes: in
   * the order given while they fit compact storage; past {@link #MAX_COMPACT_ATTRIBUTES}, where
   * HDF5 moves them to dense storage and netCDF-C lists them by the name index, in ascending order
   * of the lookup3 hash of the name. Listing them so keeps a file written here and one libexodus
   * writes the same to every C reader ({@code ex_get_attributes}, {@code ncdump}).
   */
  private static final class Header {
    private final H5Out body = new H5Out();
    private final List<byte[]> attributes = new ArrayList<>();
    private int[] times; // access, modification, change, birth; null: not stored

    Header times(int[] t) {
      times = t;
      return this;
    }

    Header msg(int type, byte[] data, int flags, int crtOrder) {
      if (data.length > 0xFFFF) {
        throw new IllegalArgumentException(
            "an HDF5 header message of " + data.length + " bytes (at most 65535 in compact form)");
      }
      body.u8(type).u16(data.length).u8(flags).u16(crtOrder).bytes(data);
      return this;
    }

    Header attribute(byte[] data) {
      attributes.add(data);
      return this;
    }

    byte[] encode() {
      List<byte[]> ordered = new ArrayList<>(attributes);
      if (ordered.size() > MAX_COMPACT_ATTRIBUTES) {
        ordered.sort(Comparator.comparingLong(Header::nameHash));
      }
      for (int i = 0; i < ordered.size(); i++) {
        msg(MSG_ATTRIBUTE, ordered.get(i), 0, i);
      }
      byte[] ainfo =
          new H5Out().u8(0).u8(1).u16(ordered.size()).u64(H5Out.UNDEF).u64(H5Out.UNDEF).toBytes();
      byte[] b = body.toBytes();
      H5Out o = new H5Out().ascii("OHDR").u8(2).u8(0x02 | 0x04 | (times != null ? 0x20 : 0));
      if (times != null) for (int t : times) o.u32(t);
      int infoLen = 6 + ainfo.length;
      o.u32(b.length + infoLen);
      o.bytes(b);
      o.u8(MSG_ATTRIBUTE_INFO).u16(ainfo.length).u8(0).u16(0).bytes(ainfo);
      return o.checksum().toBytes();
    }

    /**
     * The unsigned lookup3 hash (initial value 0) of the name of a version 3 attribute message, as
     * HDF5's dense attribute name index keys it.
     */
    static long nameHash(byte[] message) {
      int nameSize = (message[2] & 0xFF) | (message[3] & 0xFF) << 8; // with its NUL
      byte[] name = Arrays.copyOfRange(message, 9, 9 + nameSize - 1);
      return Integer.toUnsignedLong(JenkinsLookup3HashLittle.hash(name));
    }
  }

  private byte[] dimHeader(int i, long[] dimAddr) {
    Dimension d = dims.get(i);
    long len = d.unlimited() ? records : d.length();
    Header h = new Header();
    h.msg(MSG_DATASPACE, dataspace(new long[] {len}, d.unlimited()), 0, 0);
    // netCDF-C: a dimension without a variable is a 32-bit big-endian float scale
    h.msg(
        MSG_DATATYPE,
        new H5Out()
            .u8(0x11)
            .u8(0x21)
            .u8(31)
            .u8(0)
            .u32(4)
            .u16(0)
            .u16(32)
            .u8(23)
            .u8(8)
            .u8(0)
            .u8(23)
            .u32(127)
            .toBytes(),
        1,
        0);
    h.msg(MSG_FILL, new H5Out().u8(3).u8(0x0A).toBytes(), 1, 0);
    if (d.unlimited()) {
      h.msg(
          MSG_LAYOUT, new H5Out().u8(3).u8(2).u8(2).u64(H5Out.UNDEF).u32(1).u32(4).toBytes(), 0, 0);
    } else {
      h.msg(MSG_LAYOUT, new H5Out().u8(3).u8(1).u64(H5Out.UNDEF).u64(len * 4).toBytes(), 0, 0);
    }
    h.attribute(textAttribute("CLASS", "DIMENSION_SCALE", true));
    String name =
        String.format(Locale.ROOT, "%s%10d", DIM_WITHOUT_VARIABLE, d.unlimited() ? 0 : len);
    h.attribute(textAttribute("NAME", name, true));
    // REFERENCE_LIST: (variable, dimension index) for every variable over this dimension
    H5Out refs = new H5Out();
    int n = 0;
    for (Nc4Var v : vars) {
      for (int k = 0; k < v.dimIds.length; k++) {
        if (v.dimIds[k] == i) {
          refs.u64(v.header).u32(k);
          n++;
        }
      }
    }
    if (n > 0) {
      byte[] type =
          new H5Out()
              .u8(0x36)
              .u16(2)
              .u8(0)
              .u32(12)
              .ascii("dataset")
              .u8(0)
              .u8(0)
              .u8(0x17)
              .u8(0)
              .u8(0)
              .u8(0)
              .u32(8)
              .ascii("dimension")
              .u8(0)
              .u8(8)
              .bytes(fixedType(DataType.INT))
              .toBytes();
      h.attribute(
          attribute("REFERENCE_LIST", type, dataspace(new long[] {n}, false), refs.toBytes()));
    }
    h.attribute(
        attribute(
            "_Netcdf4Dimid", fixedType(DataType.INT), scalarSpace(), new H5Out().u32(i).toBytes()));
    return h.encode();
  }

  private byte[] varHeader(Nc4Var v, long tree, long heap, int firstObject) {
    int r = v.dims.size();
    long[] shape = new long[r];
    for (int d = 0; d < r; d++) shape[d] = d == 0 && v.record ? records : v.dims.get(d).length();
    Header h = new Header();
    byte[] fill = Nc4Var.fillLE(v);
    if (r == 0) {
      // netCDF-C: a scalar is a contiguous dataset with a scalar dataspace, no filters
      Nc4Storage.StoredChunk ref = v.stored.get(new Key(new long[0]));
      h.msg(MSG_DATASPACE, scalarSpace(), 0, 0);
      h.msg(MSG_DATATYPE, type(v.type), 1, 0);
      h.msg(MSG_FILL, new H5Out().u8(3).u8(0x2A).u32(fill.length).bytes(fill).toBytes(), 1, 0);
      h.msg(
          MSG_LAYOUT,
          new H5Out()
              .u8(3)
              .u8(1)
              .u64(ref == null ? H5Out.UNDEF : ref.address())
              .u64(v.type.size())
              .toBytes(),
          0,
          0);
      for (Attribute a : v.attributes) h.attribute(userAttribute(a));
      return h.encode();
    }
    h.msg(MSG_DATASPACE, dataspace(shape, v.record), 0, 0);
    h.msg(MSG_DATATYPE, type(v.type), 1, 0);
    h.msg(MSG_FILL, new H5Out().u8(3).u8(0x2B).u32(fill.length).bytes(fill).toBytes(), 1, 0);
    if (v.contiguous()) { // an adopted file's contiguous data, where it is
      long bytes = v.type.size();
      for (long x : shape) bytes *= x;
      h.msg(
          MSG_LAYOUT,
          new H5Out().u8(3).u8(1).u64(v.contiguousAddress()).u64(bytes).toBytes(),
          0,
          0);
    } else {
      h.msg(MSG_LAYOUT, chunkedLayout(tree, v.chunk, v.type.size()), 0, 0);
    }
    if (!v.pipeline().isEmpty()) {
      h.msg(MSG_FILTERS, v.pipeline().message(), 1, 0);
    }
    for (Attribute a : v.attributes) h.attribute(userAttribute(a));
    // DIMENSION_LIST: one variable-length sequence of one object reference per dimension
    byte[] vlen =
        new H5Out().u8(0x19).u8(0).u8(0).u8(0).u32(16).u8(0x17).u8(0).u8(0).u8(0).u32(8).toBytes();
    H5Out data = new H5Out();
    for (int k = 0; k < r; k++) data.u32(1).u64(heap).u32(firstObject + k);
    h.attribute(
        attribute("DIMENSION_LIST", vlen, dataspace(new long[] {r}, false), data.toBytes()));
    return h.encode();
  }

  /**
   * The root group's header, its times stored: the change time holds {@code stamp} (unique to the
   * writer's session and commit), the others the time now, so no two commits write the same root
   * header prefix: a reader that compares it with the one it opened sees every commit, even one
   * whose headers landed where an older state had them.
   */
  private byte[] rootHeader(long[] dimAddr) {
    int now = (int) (System.currentTimeMillis() / 1000);
    Header h = new Header().times(new int[] {now, now, stamp, now});
    int links = dims.size() + vars.size();
    h.msg(
        MSG_LINK_INFO,
        new H5Out().u8(0).u8(1).u64(links).u64(H5Out.UNDEF).u64(H5Out.UNDEF).toBytes(),
        0,
        0);
    h.msg(MSG_GROUP_INFO, new H5Out().u8(0).u8(0).toBytes(), 0, 0);
    long order = 0;
    for (int i = 0; i < dims.size(); i++)
      h.msg(MSG_LINK, link(dims.get(i).name(), order++, dimAddr[i]), 0, 0);
    for (Nc4Var v : vars) h.msg(MSG_LINK, link(v.name, order++, v.header), 0, 0);
    h.attribute(textAttribute("_NCProperties", NC_PROPERTIES, true));
    if (classicModel) { // netCDF-4 classic model, as netCDF-C marks it
      h.attribute(
          attribute(
              "_nc3_strict", fixedType(DataType.INT), scalarSpace(), new H5Out().u32(1).toBytes()));
    }
    for (Attribute a : globals) h.attribute(userAttribute(a));
    return h.encode();
  }

  /** A version 3 layout message of chunked data indexed by the version 1 B-tree at {@code tree}. */
  static byte[] chunkedLayout(long tree, long[] chunk, int elementSize) {
    H5Out lay = new H5Out().u8(3).u8(2).u8(chunk.length + 1).u64(tree);
    for (long c : chunk) lay.u32(c);
    lay.u32(elementSize);
    return lay.toBytes();
  }

  static byte[] link(String name, long order, long address) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    int lenBytes = n.length < 256 ? 0 : n.length < 65536 ? 1 : 2;
    H5Out o = new H5Out().u8(1).u8(lenBytes | 0x04 | 0x10).u64(order).u8(1);
    o.uN(n.length, 1 << lenBytes).bytes(n).u64(address);
    return o.toBytes();
  }

  // ---- attributes, types, spaces -------------------------------------------------------------

  private static byte[] attribute(String name, byte[] type, byte[] space, byte[] data) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    return new H5Out()
        .u8(3)
        .u8(0)
        .u16(n.length)
        .u16(type.length)
        .u16(space.length)
        .u8(0)
        .bytes(n)
        .bytes(type)
        .bytes(space)
        .bytes(data)
        .toBytes();
  }

  /** A netCDF text attribute: a scalar string of the text's length, null-terminated pad. */
  private static byte[] textAttribute(String name, String text, boolean terminate) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] v = terminate ? Arrays.copyOf(t, t.length + 1) : t;
    return attribute(name, stringType(v.length), scalarSpace(), v);
  }

  private static byte[] userAttribute(Attribute a) {
    if (a.isText() || a.type() == DataType.CHAR) {
      byte[] v = a.storedBytes();
      if (v.length == 0) {
        return attribute(
            a.name(), stringType(1), new H5Out().u8(2).u8(0).u8(0).u8(2).toBytes(), new byte[0]);
      }
      return attribute(a.name(), stringType(v.length), scalarSpace(), v);
    }
    int es = a.type().size();
    byte[] be = a.storedBytes();
    byte[] le = new byte[be.length];
    for (int i = 0; i < a.length(); i++) {
      for (int k = 0; k < es; k++) le[i * es + k] = be[i * es + es - 1 - k];
    }
    return attribute(a.name(), type(a.type()), dataspace(new long[] {a.length()}, false), le);
  }

  static byte[] stringType(int size) {
    // class 3 (string), version 1; padding 0 (null-terminated), ASCII
    return new H5Out().u8(0x13).u8(0).u8(0).u8(0).u32(size).toBytes();
  }

  static byte[] type(DataType t) {
    return switch (t) {
      case CHAR -> stringType(1);
      case FLOAT ->
          new H5Out()
              .u8(0x11)
              .u8(0x20)
              .u8(31)
              .u8(0)
              .u32(4)
              .u16(0)
              .u16(32)
              .u8(23)
              .u8(8)
              .u8(0)
              .u8(23)
              .u32(127)
              .toBytes();
      case DOUBLE ->
          new H5Out()
              .u8(0x11)
              .u8(0x20)
              .u8(63)
              .u8(0)
              .u32(8)
              .u16(0)
              .u16(64)
              .u8(52)
              .u8(11)
              .u8(0)
              .u8(52)
              .u32(1023)
              .toBytes();
      default -> fixedType(t);
    };
  }

  private static byte[] fixedType(DataType t) {
    int bits = t.isUnsigned() ? 0 : 0x08;
    return new H5Out()
        .u8(0x10)
        .u8(bits)
        .u8(0)
        .u8(0)
        .u32(t.size())
        .u16(0)
        .u16(8 * t.size())
        .toBytes();
  }

  static byte[] scalarSpace() {
    return new H5Out().u8(2).u8(0).u8(0).u8(0).toBytes();
  }

  static byte[] dataspace(long[] dims, boolean unlimitedFirst) {
    H5Out o = new H5Out().u8(2).u8(dims.length).u8(unlimitedFirst ? 1 : 0).u8(1);
    for (long d : dims) o.u64(d);
    if (unlimitedFirst) {
      o.u64(H5Out.UNDEF);
      for (int i = 1; i < dims.length; i++) o.u64(dims[i]);
    }
    return o.toBytes();
  }
}
