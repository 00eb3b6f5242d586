package org.exodusj.internal.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;

/**
 * The netCDF-4 data model of a file, split from {@link Hdf5File}: dimensions from dimension scales,
 * variables with their dimensions, types, layouts and chunk indexes, attributes, all in creation
 * order ({@link CreationOrder}), and the defects tolerated on the way.
 */
final class H5Metadata {
  /** Attributes of netCDF-4's own bookkeeping: neither shown nor carried by the writer. */
  static final Set<String> HIDDEN_ATTRIBUTES =
      Set.of(
          "CLASS",
          "NAME",
          "REFERENCE_LIST",
          "DIMENSION_LIST",
          "_Netcdf4Dimid",
          "_Netcdf4Coordinates",
          "_NCProperties",
          "_nc3_strict",
          "_IsNetcdf4");

  private static final String NOT_A_VARIABLE =
      "This is a netCDF dimension but not a netCDF variable";
  private final String name;
  private final HdfFile hdf;
  private final ByteSource source;

  /** The path of the group shown, with a trailing '/' ("" for the root). */
  private final String prefix;

  final List<Dimension> dimensions;
  final List<Attribute> attributes;
  final List<H5Variable> variables;
  final Map<String, H5Variable> byName = new HashMap<>();
  final List<String> defects = new ArrayList<>();
  final long recordCount;
  final int recordDim;
  final boolean classicModel;

  /** File position of HDF5 address 0 (the user block's size). */
  long base;

  /** Reads the model; jHDF's runtime exceptions for damaged structure propagate to the caller. */
  H5Metadata(String name, HdfFile h, ByteSource source) throws IOException {
    this(name, h, source, h, "", 0, null);
  }

  /** The first variable id ({@link H5Variable#id()}, the chunk cache's key) of this model. */
  private final int idBase;

  /** The reader whose variables these are (see {@link H5Variable#owner()}). */
  private final Object owner;

  /**
   * Reads the model of the netCDF-4 group {@code group} at {@code path} ("" for the root, else
   * "a/b"), numbering its variables from {@code idBase}: its variables and those of its subgroups,
   * named from the group; the dimensions of the whole file (netCDF numbers them file-wide), those
   * of the group and its subgroups named from the group, those of its ancestors by their own name
   * where the group does not define one of that name (netCDF's scoping), every other one by its
   * absolute path ("/g/name"); the group's attributes, then its ancestors' it does not define
   * (Exodus keeps the title and versions at the root).
   */
  H5Metadata(
      String name, HdfFile h, ByteSource source, Group group, String path, int idBase, Object owner)
      throws IOException {
    this.name = name;
    this.idBase = idBase;
    this.owner = owner;
    this.hdf = h;
    this.source = source;
    this.prefix = path.isEmpty() ? "" : path + "/";
    long base = h.getUserBlockSize();
    this.base = base;
    // Dimension scales first.
    List<Dataset> scales = new ArrayList<>();
    List<Dataset> datasets = new ArrayList<>();
    collect(h, h, scales, datasets, 0);
    if (!prefix.isEmpty()) {
      datasets.removeIf(d -> !ncName(d).startsWith(prefix));
    }
    scales.sort(
        (a, b) ->
            Integer.compare(
                intAttr(a, "_Netcdf4Dimid", Integer.MAX_VALUE),
                intAttr(b, "_Netcdf4Dimid", Integer.MAX_VALUE)));
    Map<Long, Integer> dimByAddress = new HashMap<>();
    List<String> dimNames = new ArrayList<>();
    List<Long> dimLengths = new ArrayList<>();
    List<Boolean> unlimited = new ArrayList<>();
    Set<String> own = new java.util.HashSet<>();
    for (Dataset s : scales) {
      if (ncName(s).startsWith(prefix)) {
        own.add(localName(s));
      }
    }
    for (Dataset s : scales) {
      dimByAddress.put(s.getAddress(), dimNames.size());
      String full = ncName(s);
      String parent = full.substring(0, full.length() - s.getName().length());
      dimNames.add(
          full.startsWith(prefix)
              ? localName(s)
              : prefix.startsWith(parent) && !own.contains(s.getName()) ? s.getName() : "/" + full);
      long[] dims = s.getDimensionsAsLong();
      long[] max = s.getMaxSize();
      dimLengths.add(dims.length > 0 ? dims[0] : 0);
      unlimited.add(max != null && max.length > 0 && max[0] < 0);
    }
    // Variables
    List<H5Variable> vars = new ArrayList<>();
    Map<Long, Integer> phony = new LinkedHashMap<>();
    List<int[]> varDims = new ArrayList<>();
    List<Dataset> varSets = new ArrayList<>();
    for (Dataset d : datasets) {
      String nm = text(d.getAttributes().get("NAME"));
      if (nm != null && nm.startsWith(NOT_A_VARIABLE)) {
        continue;
      }
      long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
      int[] ids = dimIds(d, shape, dimByAddress, dimNames, dimLengths, unlimited, phony);
      varDims.add(ids);
      varSets.add(d);
    }
    // Unlimited lengths: the largest extent of any variable along them.
    for (int k = 0; k < varSets.size(); k++) {
      int[] ids = varDims.get(k);
      long[] shape = varSets.get(k).isScalar() ? new long[0] : varSets.get(k).getDimensionsAsLong();
      for (int j = 0; j < ids.length; j++) {
        if (unlimited.get(ids[j])) {
          dimLengths.set(ids[j], Math.max(dimLengths.get(ids[j]), shape[j]));
        }
      }
    }
    List<Dimension> dl = new ArrayList<>();
    int rec = -1;
    for (int i = 0; i < dimNames.size(); i++) {
      dl.add(new Dimension(dimNames.get(i), dimLengths.get(i), unlimited.get(i)));
      // the record dimension is one the group sees (not another group's, "/g/name")
      if (unlimited.get(i) && rec < 0 && !dimNames.get(i).startsWith("/")) {
        rec = i;
      }
    }
    this.dimensions = List.copyOf(dl);
    this.recordDim = rec;
    this.recordCount = rec < 0 ? 0 : dimLengths.get(rec);
    for (int k = 0; k < varSets.size(); k++) {
      Dataset d = varSets.get(k);
      H5Variable v = variable(idBase + vars.size(), d, varDims.get(k), base);
      if (v != null) {
        vars.add(v);
        byName.put(v.name(), v);
      }
    }
    this.variables = List.copyOf(vars);
    List<Attribute> atts = new ArrayList<>(attributes(group.getAttributes(), group));
    for (Group g = group.getParent(); g != null && !prefix.isEmpty(); g = g.getParent()) {
      for (Attribute a : attributes(g.getAttributes(), g)) {
        if (atts.stream().noneMatch(x -> x.name().equals(a.name()))) {
          atts.add(a);
        }
      }
      if (g == h || g.getParent() == g) {
        break;
      }
    }
    this.attributes = List.copyOf(atts);
    this.classicModel = h.getAttributes().containsKey("_nc3_strict");
  }

  /**
   * Gathers the datasets of a group and, recursively, of its subgroups (netCDF-4 groups): a
   * variable or dimension in a subgroup is named by its path from the root, "group/name".
   */
  private static void collect(
      HdfFile hdf, Group g, List<Dataset> scales, List<Dataset> datasets, int depth) {
    if (depth > 64) {
      return; // a damaged file could link groups in a cycle
    }
    List<Node> children = new ArrayList<>(g.getChildren().values());
    CreationOrder.sort(children, Node::getName, CreationOrder.links(hdf, g));
    for (Node n : children) {
      if (n instanceof Group sub) {
        collect(hdf, sub, scales, datasets, depth + 1);
        continue;
      }
      if (!(n instanceof Dataset d)) {
        continue;
      }
      if ("DIMENSION_SCALE".equals(text(n.getAttributes().get("CLASS")))) {
        scales.add(d);
      }
      datasets.add(d);
    }
  }

  /** The netCDF name of a dataset: its path from the root group without the leading slash. */
  private static String ncName(Dataset d) {
    String p = d.getPath();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  /** The name of a dataset of the group this model shows (or of a subgroup): its path from it. */
  private String localName(Dataset d) {
    return ncName(d).substring(prefix.length());
  }

  private int[] dimIds(
      Dataset d,
      long[] shape,
      Map<Long, Integer> dimByAddress,
      List<String> dimNames,
      List<Long> dimLengths,
      List<Boolean> unlimited,
      Map<Long, Integer> phony) {
    int[] ids = new int[shape.length];
    io.jhdf.api.Attribute coords = d.getAttributes().get("_Netcdf4Coordinates");
    if (coords != null && shape.length > 0) {
      int[] c = ints(coords);
      if (c.length == shape.length
          && Arrays.stream(c).allMatch(i -> i >= 0 && i < dimNames.size())) {
        return c;
      }
    }
    if ("DIMENSION_SCALE".equals(text(d.getAttributes().get("CLASS"))) && shape.length == 1) {
      Integer self = dimByAddress.get(d.getAddress());
      if (self != null) {
        return new int[] {self};
      }
    }
    io.jhdf.api.Attribute list = d.getAttributes().get("DIMENSION_LIST");
    if (list != null) {
      Object data = list.getData();
      if (data instanceof Object[] refs && refs.length == shape.length) {
        boolean ok = true;
        for (int j = 0; j < refs.length; j++) {
          Long addr = firstAddress(refs[j]);
          Integer id = addr == null ? null : dimByAddress.get(addr);
          if (id == null) {
            ok = false;
            break;
          }
          ids[j] = id;
        }
        if (ok) {
          return ids;
        }
      }
    }
    // No netCDF dimensions: phony ones, one per distinct length, as netCDF-C does.
    for (int j = 0; j < shape.length; j++) {
      Integer id = phony.get(shape[j]);
      if (id == null) {
        id = dimNames.size();
        dimNames.add("phony_dim_" + phony.size());
        dimLengths.add(shape[j]);
        unlimited.add(false);
        phony.put(shape[j], id);
      }
      ids[j] = id;
    }
    return ids;
  }

  private static Long firstAddress(Object ref) {
    if (ref instanceof long[] l && l.length > 0) {
      return l[0];
    }
    if (ref instanceof Long l) {
      return l;
    }
    if (ref instanceof Object[] o && o.length > 0) {
      return firstAddress(o[0]);
    }
    return null;
  }

  private H5Variable variable(int id, Dataset d, int[] dimIds, long base) throws IOException {
    io.jhdf.object.datatype.DataType ht = d.getDataType();
    DataType type;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    if (ht instanceof FixedPoint fp) {
      order = fp.getByteOrder();
      type =
          switch (fp.getSize()) {
            case 1 -> fp.isSigned() ? DataType.BYTE : DataType.UBYTE;
            case 2 -> fp.isSigned() ? DataType.SHORT : DataType.USHORT;
            case 4 -> fp.isSigned() ? DataType.INT : DataType.UINT;
            case 8 -> fp.isSigned() ? DataType.INT64 : DataType.UINT64;
            default -> null;
          };
    } else if (ht instanceof FloatingPoint fl) {
      order = fl.getByteOrder();
      type = fl.getSize() == 4 ? DataType.FLOAT : fl.getSize() == 8 ? DataType.DOUBLE : null;
    } else if (ht instanceof StringData && ht.getSize() == 1) {
      type = DataType.CHAR;
    } else {
      type = null;
    }
    if (type == null) {
      defects.add(
          "variable "
              + d.getName()
              + " has an HDF5 type netCDF classic data cannot hold ("
              + ht.getClass().getSimpleName()
              + " of "
              + ht.getSize()
              + " bytes); skipped");
      return null;
    }
    List<Dimension> vd = new ArrayList<>();
    for (int i : dimIds) vd.add(dimensions.get(i));
    boolean isRecord = dimIds.length > 0 && dimensions.get(dimIds[0]).unlimited();
    List<Attribute> atts = attributes(d.getAttributes(), d);
    long[] extent = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
    byte[] fill = fillBytes(type, order, atts);
    Nc4Storage storage;
    if (d instanceof ChunkedDataset c) {
      FilterPipeline pipeline = FilterPipeline.NONE;
      V1ChunkIndex index = null;
      if (d instanceof io.jhdf.AbstractNode node
          && node.getHeader().hasMessageOfType(FilterPipelineMessage.class)) {
        pipeline =
            FilterPipeline.of(node.getHeader().getMessageOfType(FilterPipelineMessage.class));
      }
      if (d instanceof io.jhdf.AbstractNode node
          && node.getHeader().hasMessageOfType(ChunkedDataLayoutMessage.class)) {
        ChunkedDataLayoutMessage m =
            node.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class);
        if (m.getClass() == ChunkedDataLayoutMessage.class) {
          index =
              new V1ChunkIndex(
                  name,
                  localName(d),
                  source,
                  base,
                  m.getBTreeAddress(),
                  extent.length,
                  hdf.getHdfBackingStorage().getSuperblock().getSizeOfOffsets());
        }
      }
      storage = Nc4Storage.chunked(c.getChunkDimensions(), pipeline, index);
    } else if (d instanceof ContiguousDataset c) {
      long address = -1;
      long a = c.getDataAddress();
      long bytes = type.size();
      for (long e : extent) bytes *= e;
      if (a >= 0 && a != -1L && bytes > 0 && base + a + bytes <= source.size()) {
        address = base + a;
      } else if (bytes > 0 && a >= 0 && base + a + bytes > source.size()) {
        defects.add(
            "variable " + d.getName() + ": data at " + a + " lies past the end of the file");
      }
      storage = Nc4Storage.contiguous(address);
    } else if (d instanceof CompactDataset c) {
      ByteBuffer b = c.getDataBuffer();
      byte[] compact = new byte[b.remaining()];
      b.get(compact);
      storage = Nc4Storage.compact(compact);
    } else {
      defects.add("variable " + d.getName() + " has an unknown HDF5 layout; skipped");
      return null;
    }
    return new H5Variable(
        id, localName(d), type, order, vd, dimIds, atts, isRecord, storage, extent, fill, d, owner);
  }

  /** The fill value in stored order: {@code _FillValue}, else netCDF's default for the type. */
  private static byte[] fillBytes(DataType type, ByteOrder order, List<Attribute> atts) {
    ByteBuffer b = ByteBuffer.allocate(type.size()).order(order);
    Attribute fv = null;
    for (Attribute a : atts) {
      if (a.name().equals("_FillValue") && a.type() == type && a.length() == 1) {
        fv = a;
      }
    }
    if (fv != null) {
      byte[] be = fv.storedBytes();
      ByteBuffer src = ByteBuffer.wrap(be);
      switch (type.size()) {
        case 1 -> b.put(be[0]);
        case 2 -> b.putShort(src.getShort());
        case 4 -> b.putInt(src.getInt());
        default -> b.putLong(src.getLong());
      }
      return b.array();
    }
    long bits = type.defaultFillBits();
    switch (type.size()) {
      case 1 -> b.put((byte) bits);
      case 2 -> b.putShort((short) bits);
      case 4 -> b.putInt((int) bits);
      default -> b.putLong(bits);
    }
    return b.array();
  }

  /** The netCDF attributes of {@code node}, in creation order. */
  private List<Attribute> attributes(Map<String, io.jhdf.api.Attribute> map, Node node) {
    List<Attribute> out = new ArrayList<>();
    List<Map.Entry<String, io.jhdf.api.Attribute>> entries = new ArrayList<>(map.entrySet());
    CreationOrder.sort(entries, Map.Entry::getKey, CreationOrder.attributes(hdf, node));
    for (Map.Entry<String, io.jhdf.api.Attribute> e : entries) {
      if (HIDDEN_ATTRIBUTES.contains(e.getKey())) {
        continue;
      }
      try {
        Attribute a = attribute(e.getKey(), e.getValue());
        if (a != null) {
          out.add(a);
        }
      } catch (RuntimeException ex) {
        defects.add("attribute " + e.getKey() + " cannot be read: " + ex.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static Attribute attribute(String name, io.jhdf.api.Attribute a) {
    io.jhdf.object.datatype.DataType t = a.getDataType();
    if (t instanceof StringData) {
      // A fixed-size string holds exactly the NC_CHAR bytes netCDF-C wrote, NULs included.
      ByteBuffer raw = a.getBuffer().duplicate();
      byte[] bytes = new byte[raw.remaining()];
      raw.get(bytes);
      return Attribute.ofStoredBytes(name, DataType.CHAR, bytes);
    }
    DataType type;
    ByteOrder order;
    if (t instanceof FixedPoint fp) {
      order = fp.getByteOrder();
      type =
          switch (fp.getSize()) {
            case 1 -> fp.isSigned() ? DataType.BYTE : DataType.UBYTE;
            case 2 -> fp.isSigned() ? DataType.SHORT : DataType.USHORT;
            case 4 -> fp.isSigned() ? DataType.INT : DataType.UINT;
            default -> fp.isSigned() ? DataType.INT64 : DataType.UINT64;
          };
    } else if (t instanceof FloatingPoint fl) {
      order = fl.getByteOrder();
      type = fl.getSize() == 4 ? DataType.FLOAT : DataType.DOUBLE;
    } else {
      Object data = a.getData();
      // A variable-length string (h5py, not netCDF-C): its bytes as stored, no NUL added.
      return data instanceof String s
          ? Attribute.ofStoredBytes(name, DataType.CHAR, s.getBytes(StandardCharsets.UTF_8))
          : null;
    }
    ByteBuffer raw = a.getBuffer().duplicate().order(order);
    int n = (int) Math.max(a.getSize(), a.isScalar() ? 1 : 0);
    ByteBuffer be = ByteBuffer.allocate(n * type.size());
    for (int i = 0; i < n; i++) {
      int p = raw.position() + i * type.size();
      switch (type.size()) {
        case 1 -> be.put(raw.get(p));
        case 2 -> be.putShort(raw.getShort(p));
        case 4 -> be.putInt(raw.getInt(p));
        default -> be.putLong(raw.getLong(p));
      }
    }
    return Attribute.ofStoredBytes(name, type, be.array());
  }

  private static String text(io.jhdf.api.Attribute a) {
    if (a == null) return null;
    Object d = a.getData();
    return d instanceof String s ? s : null;
  }

  private static int intAttr(Dataset d, String name, int absent) {
    io.jhdf.api.Attribute a = d.getAttributes().get(name);
    if (a == null) return absent;
    int[] v = ints(a);
    return v.length > 0 ? v[0] : absent;
  }

  private static int[] ints(io.jhdf.api.Attribute a) {
    Object d = a.getData();
    if (d instanceof int[] i) return i;
    if (d instanceof Integer i) return new int[] {i};
    if (d instanceof long[] l) return Arrays.stream(l).mapToInt(x -> (int) x).toArray();
    if (d instanceof Long l) return new int[] {(int) (long) l};
    return new int[0];
  }
}
