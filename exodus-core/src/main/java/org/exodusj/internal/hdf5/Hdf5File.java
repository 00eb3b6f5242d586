package org.exodusj.internal.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Conversions;
import org.exodusj.internal.storage.Conversions.Target;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.SlabBounds;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;

/**
 * A NetCDF-4 (HDF5) file in the netCDF data model, on jHDF for the HDF5 structure. The only package
 * that imports {@code io.jhdf}.
 *
 * <p>Dimensions come from dimension scales ({@code CLASS = DIMENSION_SCALE}, ordered by {@code
 * _Netcdf4Dimid}), including dimension-only scales; a variable's dimensions from {@code
 * _Netcdf4Coordinates} or else its {@code DIMENSION_LIST} references; datasets without either get
 * phony dimensions as netCDF-C names them ({@code phony_dim_N}, one per distinct length).
 *
 * <p>Data: contiguous datasets are read through this project's byte source (memory-mapped in
 * windows, so zero-copy views work and files past 2 GiB too); chunked datasets chunk by chunk,
 * decoded by {@link H5Chunks} ({@link ChunkFilters}) into a bounded {@link ChunkCache}; a chunk
 * never written reads as the fill value. jHDF's whole-dataset {@code getData()} is never used.
 */
public final class Hdf5File implements Storage {
  private static final Set<String> HIDDEN_ATTRIBUTES =
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
  private static final int DIRECT_CHUNK = 64;

  private final String name;
  private final HdfFile hdf;
  private final ByteSource source;
  private final ChunkCache cache;
  private final Executor executor;

  private final List<Dimension> dimensions;
  private final List<Attribute> attributes;
  private final List<H5Variable> variables;
  private final Map<String, H5Variable> byName = new HashMap<>();
  private final List<String> defects = new ArrayList<>();
  private final long recordCount;
  private final int recordDim;

  /** File position of HDF5 address 0 (the user block's size). */
  private long base;

  /** The version-1 B-tree chunk index by variable id, for chunked datasets that have one. */
  private final Map<Integer, V1ChunkIndex> chunkIndexes = new HashMap<>();

  private final boolean classicModel;

  /** The chunked-layout reads. */
  private final H5Chunks chunks;

  private Hdf5File(Path path, ByteSource source, ChunkCache cache, Executor executor)
      throws IOException {
    this.name = path.toString();
    this.source = source;
    this.cache = cache;
    this.executor = executor;
    HdfFile h;
    try {
      h = new HdfFile(path);
    } catch (OutOfMemoryError e) {
      throw new ExodusFormatException(
          name,
          "HDF5 superblock",
          ExodusFormatException.NO_OFFSET,
          "a damaged size asked for more memory than there is",
          null);
    } catch (RuntimeException e) {
      throw new ExodusFormatException(
          name,
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "jHDF cannot open it: " + e.getMessage(),
          e);
    }
    this.hdf = h;
    try {
      long base = h.getUserBlockSize();
      this.base = base;
      // Dimension scales first.
      List<Dataset> scales = new ArrayList<>();
      List<Dataset> datasets = new ArrayList<>();
      collect(h, h, scales, datasets, 0);
      scales.sort(
          (a, b) ->
              Integer.compare(
                  intAttr(a, "_Netcdf4Dimid", Integer.MAX_VALUE),
                  intAttr(b, "_Netcdf4Dimid", Integer.MAX_VALUE)));
      Map<Long, Integer> dimByAddress = new HashMap<>();
      List<String> dimNames = new ArrayList<>();
      List<Long> dimLengths = new ArrayList<>();
      List<Boolean> unlimited = new ArrayList<>();
      for (Dataset s : scales) {
        dimByAddress.put(s.getAddress(), dimNames.size());
        dimNames.add(ncName(s));
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
        long[] shape =
            varSets.get(k).isScalar() ? new long[0] : varSets.get(k).getDimensionsAsLong();
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
        if (unlimited.get(i) && rec < 0) {
          rec = i;
        }
      }
      this.dimensions = List.copyOf(dl);
      this.recordDim = rec;
      this.recordCount = rec < 0 ? 0 : dimLengths.get(rec);
      for (int k = 0; k < varSets.size(); k++) {
        Dataset d = varSets.get(k);
        H5Variable v = variable(vars.size(), d, varDims.get(k), base);
        if (v != null) {
          vars.add(v);
          byName.put(v.name(), v);
        }
      }
      this.variables = List.copyOf(vars);
      this.chunks = new H5Chunks(name, source, cache, executor, base, chunkIndexes);
      this.attributes = attributes(h.getAttributes(), h);
      this.classicModel = h.getAttributes().containsKey("_nc3_strict");
    } catch (OutOfMemoryError e) {
      // jHDF allocates buffers by sizes read from the file before reading them; a damaged size
      // fails that one allocation (found by fuzzing). The heap itself is fine afterwards.
      close();
      throw new ExodusFormatException(
          name,
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "a damaged size in the HDF5 structure asked for more memory than there is",
          null);
    } catch (RuntimeException e) {
      // jHDF reports damaged structure with runtime exceptions of several kinds
      close();
      throw new ExodusFormatException(
          name, "HDF5 structure", ExodusFormatException.NO_OFFSET, e.getMessage(), e);
    }
  }

  /** Opens a NetCDF-4 file; {@code source} reads contiguous data (and is closed with the file). */
  public static Hdf5File open(Path path, ByteSource source, ChunkCache cache, Executor executor)
      throws IOException {
    try {
      return new Hdf5File(path, source, cache, executor);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
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
    H5Variable.Layout layout;
    long address = -1;
    int[] chunk = new int[0];
    byte[] compact = null;
    if (d instanceof ChunkedDataset c) {
      layout = H5Variable.Layout.CHUNKED;
      chunk = c.getChunkDimensions();
      if (d instanceof io.jhdf.AbstractNode node
          && node.getHeader().hasMessageOfType(ChunkedDataLayoutMessage.class)) {
        ChunkedDataLayoutMessage m =
            node.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class);
        if (m.getClass() == ChunkedDataLayoutMessage.class) {
          chunkIndexes.put(
              id,
              new V1ChunkIndex(
                  name,
                  ncName(d),
                  source,
                  base,
                  m.getBTreeAddress(),
                  extent.length,
                  hdf.getHdfBackingStorage().getSuperblock().getSizeOfOffsets()));
        }
      }
    } else if (d instanceof ContiguousDataset c) {
      layout = H5Variable.Layout.CONTIGUOUS;
      long a = c.getDataAddress();
      long bytes = type.size();
      for (long e : extent) bytes *= e;
      if (a >= 0 && a != -1L && bytes > 0 && base + a + bytes <= source.size()) {
        address = base + a;
      } else if (bytes > 0 && a >= 0 && base + a + bytes > source.size()) {
        defects.add(
            "variable " + d.getName() + ": data at " + a + " lies past the end of the file");
      }
    } else if (d instanceof CompactDataset c) {
      layout = H5Variable.Layout.COMPACT;
      ByteBuffer b = c.getDataBuffer();
      compact = new byte[b.remaining()];
      b.get(compact);
    } else {
      defects.add("variable " + d.getName() + " has an unknown HDF5 layout; skipped");
      return null;
    }
    return new H5Variable(
        id,
        ncName(d),
        type,
        order,
        vd,
        dimIds,
        atts,
        isRecord,
        layout,
        address,
        extent,
        chunk,
        d.getFilters(),
        fill,
        compact,
        d);
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
      return data instanceof String s ? Attribute.text(name, s) : null;
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

  // ---- Storage: metadata -------------------------------------------------------------------

  @Override
  public String name() {
    return name;
  }

  @Override
  public String formatDescription() {
    return classicModel ? "NetCDF-4 classic model (HDF5)" : "NetCDF-4 (HDF5)";
  }

  @Override
  public List<Dimension> dimensions() {
    return dimensions;
  }

  @Override
  public List<Attribute> attributes() {
    return attributes;
  }

  @Override
  public List<H5Variable> variables() {
    return variables;
  }

  @Override
  public Optional<H5Variable> findVariable(String n) {
    return Optional.ofNullable(byName.get(n));
  }

  @Override
  public long byteSize() throws IOException {
    return source.size();
  }

  @Override
  public long recordCount() {
    return recordCount;
  }

  @Override
  public long[] shape(Variable v) {
    H5Variable h = own(v);
    long[] s = new long[h.dimensionIds().length];
    for (int i = 0; i < s.length; i++) s[i] = dimensions.get(h.dimensionIds()[i]).length();
    return s;
  }

  @Override
  public List<String> defects() {
    return List.copyOf(defects);
  }

  /** NetCDF-4 files are read as they were at open; records appended later are not followed. */
  @Override
  public void refresh() {}

  /** The chunk cache's counters. */
  public ChunkCache.Statistics cacheStatistics() {
    return cache.statistics();
  }

  /** Zeroes the chunk cache's counters (the cached chunks stay). */
  public void resetCacheStatistics() {
    cache.resetStatistics();
  }

  private H5Variable own(Variable v) {
    if (v instanceof H5Variable h && byName.get(h.name()) == h) {
      return h;
    }
    throw new IllegalArgumentException(
        "variable " + (v == null ? "null" : v.name()) + " does not belong to " + name);
  }

  // ---- Storage: reads ----------------------------------------------------------------------

  /**
   * Receives one piece: n values at byte {@code index} of {@code b} (in stored order), {@code
   * srcStride} bytes apart, for slab positions {@code dstIndex}, {@code dstIndex + dstStride}, ...
   * A contiguous piece has {@code srcStride} equal to the element size and {@code dstStride} 1.
   */
  @FunctionalInterface
  interface PieceVisitor {
    void piece(ByteBuffer b, int index, int n, long dstIndex, int srcStride, int dstStride)
        throws IOException;
  }

  /** Checks the slab and returns its value count. */
  private long check(H5Variable v, long[] start, long[] count) {
    return SlabBounds.checkedTotal(v, shape(v), start, count);
  }

  private void pieces(H5Variable v, long[] start, long[] count, long total, PieceVisitor visitor)
      throws IOException {
    if (total == 0) {
      return;
    }
    try {
      layoutPieces(v, start, count, visitor);
    } catch (java.io.EOFException e) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "data missing: the file is truncated (" + e.getMessage() + ")",
          e);
    } catch (HdfException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new ExodusFormatException(
          name,
          "variable " + v.name(),
          ExodusFormatException.NO_OFFSET,
          "cannot read the data: " + e.getMessage(),
          e);
    }
  }

  private void layoutPieces(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    switch (v.layout()) {
      case CONTIGUOUS -> contiguous(v, start, count, visitor);
      case COMPACT ->
          rowMajor(v, start, count, ByteBuffer.wrap(v.compact()).order(v.order()), visitor);
      case CHUNKED -> chunks.chunked(v, shape(v), start, count, visitor);
    }
  }

  private void contiguous(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    int es = v.type().size();
    if (v.address() < 0) {
      fillPieces(v, start, count, visitor);
      return;
    }
    runs(
        v.extent(),
        start,
        count,
        (elem, n, dst) -> {
          long pos = v.address() + elem * es;
          long[] at = {dst};
          source.pieces(
              pos,
              (long) n * es,
              es,
              (b, i, len) -> {
                visitor.piece(b.duplicate().order(v.order()), i, len / es, at[0], es, 1);
                at[0] += len / es;
              });
        });
  }

  private void rowMajor(
      H5Variable v, long[] start, long[] count, ByteBuffer data, PieceVisitor visitor)
      throws IOException {
    int es = v.type().size();
    runs(
        v.extent(),
        start,
        count,
        (elem, n, dst) -> visitor.piece(data, (int) (elem * es), n, dst, es, 1));
  }

  private void fillPieces(H5Variable v, long[] start, long[] count, PieceVisitor visitor)
      throws IOException {
    ByteBuffer fill = fillBuffer(v, 4096);
    long[] shape = shape(v);
    runs(
        shape,
        start,
        count,
        (elem, n, dst) -> {
          for (int done = 0; done < n; ) {
            int k = Math.min(4096, n - done);
            visitor.piece(fill, 0, k, dst + done, v.type().size(), 1);
            done += k;
          }
        });
  }

  private static ByteBuffer fillBuffer(H5Variable v, int values) {
    byte[] f = v.fill();
    byte[] b = new byte[values * f.length];
    for (int i = 0; i < b.length; i++) b[i] = f[i % f.length];
    return ByteBuffer.wrap(b).order(v.order());
  }

  /** Visits contiguous runs of a row-major array of {@code shape}: (element, count, dst index). */
  @FunctionalInterface
  interface RunVisitor {
    void run(long element, int n, long dst) throws IOException;
  }

  static void runs(long[] shape, long[] start, long[] count, RunVisitor visitor)
      throws IOException {
    int rank = shape.length;
    if (rank == 0) {
      visitor.run(0, 1, 0);
      return;
    }
    long[] stride = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      stride[d] = s;
      s *= shape[d];
    }
    int k = rank - 1;
    while (k > 0 && start[k] == 0 && count[k] == shape[k]) k--;
    long run = 1;
    for (int d = k; d < rank; d++) run *= count[d];
    long base = 0;
    for (int d = 0; d < rank; d++) base += start[d] * stride[d];
    long[] idx = new long[k];
    long dst = 0;
    long elem = base;
    while (true) {
      visitor.run(elem, (int) run, dst);
      dst += run;
      int d = k - 1;
      while (d >= 0) {
        idx[d]++;
        elem += stride[d];
        if (idx[d] < count[d]) break;
        elem -= idx[d] * stride[d];
        idx[d] = 0;
        d--;
      }
      if (d < 0) return;
    }
  }

  private H5Variable slab(Variable v, Target target) {
    H5Variable h = own(v);
    if (target != null && !Conversions.readable(h.type(), target)) {
      throw new IllegalArgumentException(Conversions.lossyRead(h.name(), h.type(), target));
    }
    return h;
  }

  /** Decodes one piece into the caller's array, its first value at slab index {@code at}. */
  @FunctionalInterface
  private interface Into {
    void decode(ByteBuffer b, int i, int srcStride, DataType t, int n, int at, int dstStride);
  }

  /** Writes decoded value {@code q} of the chunk array to buffer index {@code index}. */
  @FunctionalInterface
  private interface Put {
    void put(int index, int q);
  }

  /** The one read path behind every array destination. */
  private void readArray(
      Variable v, long[] start, long[] count, Target target, int length, int off, Into into)
      throws IOException {
    H5Variable h = slab(v, target);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, length, off);
    DataType t = h.type();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> into.decode(b, i, ss, t, n, off + (int) at, ds));
  }

  /**
   * A direct NIO destination: pieces are decoded into a {@link #DIRECT_CHUNK}-value array ({@code
   * into} fills it from index 0) and put into the buffer; O(1) memory.
   */
  private void readDirect(
      Variable v,
      long[] start,
      long[] count,
      Target target,
      java.nio.Buffer dst,
      Into into,
      Put put)
      throws IOException {
    H5Variable h = slab(v, target);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, dst.remaining(), 0);
    int base = dst.position();
    DataType t = h.type();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> {
          for (int done = 0; done < n; done += DIRECT_CHUNK) {
            int k = Math.min(DIRECT_CHUNK, n - done);
            into.decode(b, i + done * ss, ss, t, k, 0, 1);
            for (int q = 0; q < k; q++) {
              put.put(base + (int) (at + (long) (done + q) * ds), q);
            }
          }
        });
    dst.position(base + (int) total);
  }

  /**
   * Checks a slab against the values a heap buffer has left (its limit, not its backing array) and
   * returns its size.
   */
  private int fitsRemaining(Variable v, long[] start, long[] count, java.nio.Buffer dst) {
    H5Variable h = own(v);
    long total = check(h, start, count);
    SlabBounds.checkFits(h, total, dst.remaining(), 0);
    return (int) total;
  }

  @Override
  public void read(Variable v, long[] start, long[] count, double[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.DOUBLE,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toDoubles(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, float[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.FLOAT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toFloats(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, long[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.LONG,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toLongs(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, int[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.INT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toInts(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, short[] dst, int off)
      throws IOException {
    readArray(
        v,
        start,
        count,
        Target.SHORT,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toShorts(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, byte[] dst, int off) throws IOException {
    readArray(
        v,
        start,
        count,
        Target.BYTE,
        dst.length,
        off,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toBytes(b, i, ss, t, n, dst, at, ds));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, DoubleBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = fitsRemaining(v, start, count, dst);
      read(v, start, count, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
      return;
    }
    double[] c = new double[DIRECT_CHUNK];
    readDirect(
        v,
        start,
        count,
        Target.DOUBLE,
        dst,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toDoubles(b, i, ss, t, n, c, at, ds),
        (index, q) -> dst.put(index, c[q]));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, FloatBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = fitsRemaining(v, start, count, dst);
      read(v, start, count, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
      return;
    }
    float[] c = new float[DIRECT_CHUNK];
    readDirect(
        v,
        start,
        count,
        Target.FLOAT,
        dst,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toFloats(b, i, ss, t, n, c, at, ds),
        (index, q) -> dst.put(index, c[q]));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, LongBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = fitsRemaining(v, start, count, dst);
      read(v, start, count, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
      return;
    }
    long[] c = new long[DIRECT_CHUNK];
    readDirect(
        v,
        start,
        count,
        Target.LONG,
        dst,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toLongs(b, i, ss, t, n, c, at, ds),
        (index, q) -> dst.put(index, c[q]));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, IntBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = fitsRemaining(v, start, count, dst);
      read(v, start, count, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
      return;
    }
    int[] c = new int[DIRECT_CHUNK];
    readDirect(
        v,
        start,
        count,
        Target.INT,
        dst,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toInts(b, i, ss, t, n, c, at, ds),
        (index, q) -> dst.put(index, c[q]));
  }

  @Override
  public void read(Variable v, long[] start, long[] count, ShortBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = fitsRemaining(v, start, count, dst);
      read(v, start, count, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
      return;
    }
    short[] c = new short[DIRECT_CHUNK];
    readDirect(
        v,
        start,
        count,
        Target.SHORT,
        dst,
        (b, i, ss, t, n, at, ds) -> StridedDecode.toShorts(b, i, ss, t, n, c, at, ds),
        (index, q) -> dst.put(index, c[q]));
  }

  /** The stored values, converted to big-endian (the byte order of the classic formats). */
  @Override
  public void readRaw(Variable v, long[] start, long[] count, ByteBuffer dst) throws IOException {
    H5Variable h = own(v);
    long total = check(h, start, count);
    int es = h.type().size();
    if (total * es > dst.remaining()) {
      throw new IndexOutOfBoundsException(
          "variable "
              + h.name()
              + ": slab of "
              + total * es
              + " bytes does not fit buffer with "
              + dst.remaining()
              + " bytes remaining");
    }
    int base = dst.position();
    pieces(
        h,
        start,
        count,
        total,
        (b, i, n, at, ss, ds) -> {
          for (int k = 0; k < n; k++) {
            int o = base + (int) (at + (long) k * ds) * es;
            int p = i + k * ss;
            switch (es) {
              case 1 -> dst.put(o, b.get(p));
              case 2 -> dst.putShort(o, b.getShort(p));
              case 4 -> dst.putInt(o, b.getInt(p));
              default -> dst.putLong(o, b.getLong(p));
            }
          }
        });
    dst.position(base + (int) (total * es));
  }

  @Override
  public Optional<ByteBuffer> viewBytes(Variable v, long[] start, long[] count, DataType type)
      throws IOException {
    return whyNoView(v, start, count, type).isPresent()
        ? Optional.empty()
        : contiguousRange(own(v), start, count)
            .flatMap(
                r -> {
                  try {
                    return source.slice(r[0], r[1]);
                  } catch (IOException e) {
                    return Optional.empty();
                  }
                })
            .map(b -> b.order(own(v).order()));
  }

  /** {position, bytes} of a slab that is one run of a contiguous dataset. */
  private Optional<long[]> contiguousRange(H5Variable h, long[] start, long[] count)
      throws IOException {
    long total = check(h, start, count);
    if (h.layout() != H5Variable.Layout.CONTIGUOUS || h.address() < 0) {
      return Optional.empty();
    }
    long[] first = {-1, 0};
    int[] runs = {0};
    if (total == 0) {
      return Optional.of(new long[] {h.address(), 0});
    }
    // A slab is one run when every dimension after the first partial one is whole.
    int rank = start.length;
    int k = rank - 1;
    while (k > 0 && start[k] == 0 && count[k] == h.extent()[k]) k--;
    for (int d = 0; d < k; d++) {
      if (count[d] != 1) {
        return Optional.empty();
      }
    }
    runs(
        h.extent(),
        start,
        count,
        (elem, n, dst) -> {
          if (runs[0]++ == 0) {
            first[0] = elem;
            first[1] = n;
          }
        });
    int es = h.type().size();
    return Optional.of(new long[] {h.address() + first[0] * es, first[1] * es});
  }

  @Override
  public Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException {
    H5Variable h = own(v);
    check(h, start, count);
    if (h.type() != asType) {
      return Optional.of(
          "variable "
              + h.name()
              + " is stored as "
              + h.type().cdlName()
              + ", not "
              + asType.cdlName());
    }
    if (h.layout() != H5Variable.Layout.CONTIGUOUS) {
      return Optional.of(
          "variable "
              + h.name()
              + " is "
              + h.layout().name().toLowerCase(java.util.Locale.ROOT)
              + " in HDF5: its values are decoded, not mapped");
    }
    if (h.address() < 0) {
      return Optional.of("variable " + h.name() + " was never written");
    }
    if (!source.supportsSlices()) {
      return Optional.of(name + " is read through a channel, not a memory map");
    }
    Optional<long[]> r = contiguousRange(h, start, count);
    if (r.isEmpty()) {
      return Optional.of("the slab of variable " + h.name() + " is not contiguous in the file");
    }
    if (source.slice(r.get()[0], r.get()[1]).isEmpty()) {
      return Optional.of("the slab crosses a memory-map window boundary");
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // jHDF may fail closing a file it could not fully read; the source is closed regardless
    } finally {
      source.close();
    }
  }
}
