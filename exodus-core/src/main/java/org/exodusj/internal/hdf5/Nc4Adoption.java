package org.exodusj.internal.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.hdf5.filter.DeflateFilter;
import org.exodusj.internal.hdf5.filter.Filter;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.hdf5.filter.FilterRegistry;
import org.exodusj.internal.storage.Dimension;

/**
 * What {@link Nc4Writer} needs to take over an existing NetCDF-4 file, whoever wrote it (netCDF-C,
 * libexodusII, this project): each variable's layout as stored (chunk shape, filter pipeline in its
 * order, every stored chunk with its address, size and filter mask; or the address of contiguous
 * data), read through {@link Hdf5File} (jHDF and {@link V1ChunkIndex}). The data stays where it is;
 * the writer rebuilds only the metadata, in its own layout, at its first commit.
 *
 * <p>What the writer cannot carry is refused here, before anything is written, with an {@link
 * ExodusFormatException} naming the file and the place: a user block, offsets or lengths other than
 * 8 bytes, groups, links and named types, datasets without netCDF dimensions, types and attributes
 * classic data cannot hold (NC_STRING, user types), several unlimited dimensions, an unlimited
 * dimension other than first, coordinate variables, compact or big-endian datasets, chunk indices
 * other than version 1 B-trees, filters this library cannot write (see {@link FilterRegistry}), and
 * anything the reader flagged as a defect.
 */
final class Nc4Adoption {
  /**
   * How each variable is stored, by name: chunked variables with their stored chunks read and
   * checked ({@link Nc4Storage#stored}), contiguous ones (a scalar included) with their address.
   */
  final Map<String, Nc4Storage> layouts = new HashMap<>();

  final boolean classicModel;

  private final String file;

  private Nc4Adoption(String file, boolean classicModel) {
    this.file = file;
    this.classicModel = classicModel;
  }

  private ExodusFormatException refuse(String place, long offset, String what) {
    return new ExodusFormatException(
        file,
        place,
        offset,
        what + "; the NetCDF-4 updater cannot carry it (the file is left unchanged)");
  }

  /** Reads the layouts of {@code f}'s variables, or refuses the file. */
  static Nc4Adoption read(Path path, Hdf5File f, long fileSize) throws IOException {
    H5Metadata m = f.metadata();
    String name = path.toString();
    Nc4Adoption a = new Nc4Adoption(name, m.classicModel);
    if (m.base != 0) {
      throw a.refuse("HDF5 superblock", 0, "a user block of " + m.base + " bytes");
    }
    io.jhdf.Superblock sb = f.hdf().getHdfBackingStorage().getSuperblock();
    if (sb.getSizeOfOffsets() != 8 || sb.getSizeOfLengths() != 8) {
      throw a.refuse(
          "HDF5 superblock",
          0,
          "offsets of "
              + sb.getSizeOfOffsets()
              + " and lengths of "
              + sb.getSizeOfLengths()
              + " bytes (8 and 8 expected)");
    }
    if (!m.defects.isEmpty()) {
      throw a.refuse("HDF5 structure", ExodusFormatException.NO_OFFSET, m.defects.get(0));
    }
    // The root group: datasets only, with attributes classic data can hold.
    checkAttributes(a, f.hdf(), "global attribute ");
    int scales = 0;
    for (Node n : f.hdf().getChildren().values()) {
      if (n.isLink()) {
        throw a.refuse(
            "link /" + n.getName(), ExodusFormatException.NO_OFFSET, "a soft or external link");
      }
      if (n instanceof Group) {
        throw a.refuse("group /" + n.getName(), n.getAddress(), "a group");
      }
      if (!(n instanceof Dataset d)) {
        throw a.refuse("object /" + n.getName(), n.getAddress(), "a named datatype");
      }
      if (n.getAttributes().get("CLASS") != null) scales++;
      checkAttributes(a, n, "variable " + n.getName() + " attribute ");
    }
    if (m.dimensions.size() > scales) {
      throw a.refuse(
          "HDF5 structure",
          ExodusFormatException.NO_OFFSET,
          "a dataset without netCDF dimensions (no DIMENSION_LIST)");
    }
    int unlimited = 0;
    for (Dimension d : m.dimensions) {
      if (d.unlimited()) unlimited++;
      if (m.byName.containsKey(d.name())) {
        throw a.refuse(
            "variable " + d.name(), ExodusFormatException.NO_OFFSET, "a coordinate variable");
      }
    }
    if (unlimited > 1) {
      throw a.refuse(
          "dimensions", ExodusFormatException.NO_OFFSET, unlimited + " unlimited dimensions");
    }
    for (H5Variable v : m.variables) {
      // NetCDF-4 allows the unlimited dimension anywhere; classic data (and the writer) only first
      for (int i = 1; i < v.dimensions().size(); i++) {
        if (v.dimensions().get(i).unlimited()) {
          throw a.refuse(
              "variable " + v.name(),
              v.dataset().getAddress(),
              "the unlimited dimension "
                  + v.dimensions().get(i).name()
                  + " in position "
                  + (i + 1)
                  + " (not first)");
        }
      }
      a.layouts.put(v.name(), a.layout(v, fileSize));
    }
    return a;
  }

  private static void checkAttributes(Nc4Adoption a, Node n, String place) throws IOException {
    for (Map.Entry<String, io.jhdf.api.Attribute> e : n.getAttributes().entrySet()) {
      if (H5Metadata.HIDDEN_ATTRIBUTES.contains(e.getKey())) continue; // rebuilt by the writer
      io.jhdf.object.datatype.DataType t = e.getValue().getDataType();
      // fixed-size strings are NC_CHAR; variable-length ones (NC_STRING) are not StringData
      if (!(t instanceof FixedPoint || t instanceof FloatingPoint || t instanceof StringData)) {
        throw a.refuse(
            place + e.getKey(),
            n.getAddress(),
            "an attribute of type " + t.getClass().getSimpleName() + " (NC_STRING or a user type)");
      }
    }
  }

  private Nc4Storage layout(H5Variable v, long fileSize) throws IOException {
    String place = "variable " + v.name();
    Dataset d = v.dataset();
    if (v.order() != ByteOrder.LITTLE_ENDIAN && v.type().size() > 1) {
      throw refuse(place, d.getAddress(), "big-endian values");
    }
    switch (v.storage().kind()) {
      case COMPACT -> throw refuse(place, d.getAddress(), "a compact dataset");
      case CONTIGUOUS -> {
        return v.storage(); // patched in place at its address (-1: never allocated)
      }
      case CHUNKED -> {
        int r = v.dimensions().size();
        if (v.chunk().length != r) {
          throw refuse(place, d.getAddress(), "a chunk rank of " + v.chunk().length);
        }
        int[] chunk = v.chunk();
        for (int i = 0; i < r; i++) {
          Dimension dim = v.dimensions().get(i);
          // the writer keeps the chunk shape: along a fixed dimension HDF5 allows at most its size
          if (!dim.unlimited() && chunk[i] > Math.max(1, dim.length())) {
            throw refuse(
                place,
                d.getAddress(),
                "chunks of "
                    + chunk[i]
                    + " along the fixed dimension "
                    + dim.name()
                    + " of length "
                    + dim.length());
          }
        }
        FilterPipeline pipeline = v.filters();
        for (FilterPipeline.Stage st : pipeline.stages()) {
          Filter f = FilterRegistry.find(st.id());
          if (f == null || !f.canEncode()) {
            throw refuse(
                place,
                d.getAddress(),
                "filter "
                    + st.id()
                    + " ("
                    + st.name()
                    + ")"
                    + (f == null
                        ? ", unknown to this library,"
                        : ", which this library reads but does not write,"));
          }
          if (st.id() == DeflateFilter.ID) {
            int[] cd = st.clientData();
            int level = cd.length > 0 ? cd[0] : 6;
            if (level < 0 || level > 9) {
              throw refuse(place, d.getAddress(), "deflate level " + level);
            }
          }
        }
        V1ChunkIndex index = v.storage().index();
        if (index == null) {
          throw refuse(
              place,
              d.getAddress(),
              "a chunk index other than a version 1 B-tree (layout message version 4)");
        }
        long chunkBytes = v.storage().chunkBytes(v.type().size());
        if (chunkBytes > Integer.MAX_VALUE / 2) {
          throw refuse(place, d.getAddress(), "chunks of " + chunkBytes + " bytes");
        }
        long decoded = chunkBytes;
        List<Nc4Storage.StoredChunk> stored = new ArrayList<>();
        index.forEach(
            (offset, address, size, mask) -> {
              for (int i = 0; i < r; i++) {
                if (offset[i] < 0 || offset[i] % chunk[i] != 0) {
                  throw refuse(
                      place, address, "a chunk at " + Arrays.toString(offset) + " off the grid");
                }
              }
              if (size < 0 || address < 0 || address > fileSize - size) {
                throw refuse(place, address, "a chunk outside the file");
              }
              // deflate's worst case adds 5 bytes per 16 KiB block and a few more, Fletcher-32 4:
              // a larger size is a damaged index (read back whole, it could exhaust the heap)
              if (size > decoded + decoded / 1024 + 1024) {
                throw refuse(
                    place,
                    address,
                    "a chunk stored in "
                        + size
                        + " bytes, more than its filters make of "
                        + decoded
                        + " (a damaged chunk index)");
              }
              if (H5Checks.maxDecoded(pipeline, size, mask) < decoded) {
                throw refuse(
                    place,
                    address,
                    "a chunk stored in "
                        + size
                        + " bytes, which its filters cannot make "
                        + decoded
                        + " bytes of (a damaged chunk shape)");
              }
              stored.add(new Nc4Storage.StoredChunk(offset, address, size, mask));
            });
        return v.storage().withStored(stored);
      }
      default -> throw refuse(place, d.getAddress(), "an unknown layout");
    }
  }
}
