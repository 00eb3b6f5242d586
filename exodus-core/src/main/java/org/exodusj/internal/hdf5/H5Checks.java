package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.util.List;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.hdf5.filter.DeflateFilter;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.hdf5.filter.Fletcher32Filter;
import org.exodusj.internal.hdf5.filter.ShuffleFilter;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Dimension;

/**
 * What a NetCDF-4 file's model must satisfy before anything reads by it: the checks whose failure
 * is certain damage (no writer of netCDF-4 or HDF5 files makes such a file), each an {@link
 * ExodusFormatException} naming the file and the place, run once at open over the model {@link
 * H5Metadata} read. Counts are checked against what the storage can hold where that is certain: a
 * dataset's extent along a fixed dimension is the dimension's length (netCDF-C writes it so, and
 * the Exodus model reads every variable by its dimensions), chunks fit the dataset's maximum size
 * (HDF5 refuses larger chunks along fixed dimensions) and are at least one element, contiguous data
 * lies within the end of file the superblock records (HDF5 refuses a file shorter than that).
 * Sparse chunked data may claim more than the file stores: it reads as the fill value.
 */
final class H5Checks {
  private H5Checks() {}

  /** Refuses a model whose structure is certainly damaged. */
  static void check(String file, H5Metadata m, long fileSize, long endOfFile) throws IOException {
    for (Dimension d : m.dimensions) {
      checkPath(file, "dimension", d.name());
    }
    for (Attribute a : m.attributes) {
      checkName(file, "global attribute", a.name());
    }
    for (H5Variable v : m.variables) {
      String place = "variable " + v.name();
      long at = v.dataset() == null ? ExodusFormatException.NO_OFFSET : v.dataset().getAddress();
      checkPath(file, "variable", v.name());
      for (Attribute a : v.attributes()) {
        checkName(file, place + " attribute", a.name());
      }
      long[] extent = v.extent();
      List<Dimension> dims = v.dimensions();
      if (extent.length != dims.size()) {
        throw new ExodusFormatException(
            file,
            place,
            at,
            "a dataset of rank " + extent.length + " with " + dims.size() + " netCDF dimensions");
      }
      for (int j = 0; j < dims.size(); j++) {
        Dimension d = dims.get(j);
        if (extent[j] < 0 || d.length() < 0) {
          throw new ExodusFormatException(
              file, place, at, "a negative size along dimension " + d.name());
        }
        if (d.unlimited() ? extent[j] > d.length() : extent[j] != d.length()) {
          throw new ExodusFormatException(
              file,
              place,
              at,
              "the dataset stores "
                  + extent[j]
                  + " values along dimension "
                  + j
                  + " ("
                  + d.name()
                  + ") of length "
                  + d.length()
                  + " (a damaged dataspace, DIMENSION_LIST or _Netcdf4Coordinates)");
        }
      }
      switch (v.storage().kind()) {
        case CHUNKED -> checkChunks(file, place, at, v);
        case CONTIGUOUS -> {
          long bytes = v.type().size();
          for (long e : extent) bytes = e == 0 || bytes == 0 ? 0 : multiply(bytes, e);
          long limit = Math.max(fileSize, endOfFile);
          long address =
              v.dataset() instanceof io.jhdf.api.dataset.ContiguousDataset c
                  ? c.getDataAddress()
                  : v.storage().address();
          // -1 (all bits set) is HDF5's undefined address: never written, read as the fill value
          if (address >= 0 && (bytes < 0 || address + m.base > limit - bytes)) {
            throw new ExodusFormatException(
                file,
                place,
                address + m.base,
                "contiguous data of "
                    + (bytes < 0 ? "more than 2^63" : Long.toString(bytes))
                    + " bytes at "
                    + (address + m.base)
                    + " past the end of the file ("
                    + limit
                    + " bytes)");
          }
        }
        default -> {}
      }
    }
  }

  private static void checkChunks(String file, String place, long at, H5Variable v)
      throws IOException {
    int[] c = v.chunk();
    long[] extent = v.extent();
    if (c.length != extent.length || c.length == 0) {
      throw new ExodusFormatException(
          file,
          place,
          at,
          "chunks of rank " + c.length + " for a dataset of rank " + extent.length);
    }
    long[] max = v.dataset() == null ? null : v.dataset().getMaxSize();
    long bytes = v.type().size();
    for (int j = 0; j < c.length; j++) {
      if (c[j] < 1) {
        throw new ExodusFormatException(
            file, place, at, "a chunk dimension of " + c[j] + " (dimension " + j + ")");
      }
      boolean fixed = max != null && max.length == c.length && max[j] >= 0;
      if (fixed && !v.dimensions().get(j).unlimited() && c[j] > Math.max(1, max[j])) {
        throw new ExodusFormatException(
            file,
            place,
            at,
            "chunks of "
                + c[j]
                + " along dimension "
                + j
                + " of fixed size "
                + max[j]
                + " (HDF5 allows at most the size)");
      }
      bytes = multiply(bytes, c[j]);
    }
    // HDF5 chunks are below 4 GiB; this library's reads hold a chunk in one array
    if (bytes < 0 || bytes > Integer.MAX_VALUE - 16) {
      throw new ExodusFormatException(
          file,
          place,
          at,
          "chunks of "
              + (bytes < 0 ? "more than 2^63" : Long.toString(bytes))
              + " bytes (at most 2 GiB are read)");
    }
  }

  /**
   * The most bytes a chunk stored in {@code stored} bytes can decode to through {@code pipeline}
   * (the stages {@code mask} skips left out): the stored size without filters, shuffle and
   * Fletcher-32 keep it, deflate makes at most 1032 bytes of one (its longest match per code);
   * unbounded ({@link Long#MAX_VALUE}) through any other filter.
   */
  static long maxDecoded(FilterPipeline pipeline, long stored, int mask) {
    long x = stored;
    List<FilterPipeline.Stage> st = pipeline.stages();
    for (int i = st.size() - 1; i >= 0; i--) {
      if ((mask >>> i & 1) != 0) continue;
      switch (st.get(i).id()) {
        case Fletcher32Filter.ID, ShuffleFilter.ID -> {}
        case DeflateFilter.ID -> x = x > Long.MAX_VALUE / 2048 ? Long.MAX_VALUE : x * 1032 + 1032;
        default -> {
          return Long.MAX_VALUE;
        }
      }
    }
    return x;
  }

  /** a * b, or -1 when it overflows. */
  private static long multiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? -1 : lo;
  }

  /**
   * The name of a dimension or variable, with the path of its group where it is not the root's
   * ("g/name", "/g/name"): its last part is a netCDF name.
   */
  private static void checkPath(String file, String what, String path) throws IOException {
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.isEmpty() || path.indexOf('\0') >= 0) {
      checkName(file, what, path.indexOf('\0') >= 0 ? path : "");
    }
  }

  /**
   * A netCDF name: not empty, without '/' or NUL (netCDF-C refuses such names; HDF5 link names
   * cannot hold '/').
   */
  private static void checkName(String file, String what, String name) throws IOException {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new ExodusFormatException(
          file,
          what + " '" + name.replace('\0', '?') + "'",
          ExodusFormatException.NO_OFFSET,
          "a name netCDF cannot hold (empty, or with '/' or NUL)");
    }
  }

  /**
   * Records of which some record variable stores a chunk: the end, along the record dimension, of
   * the last stored chunk of any record variable, at most {@code m.recordCount}; {@code
   * m.recordCount} where a record variable's chunks are not indexed by a version 1 B-tree
   * (unknown).
   */
  static long storedRecords(H5Metadata m) throws IOException {
    long stored = 0;
    for (H5Variable v : m.variables) {
      if (!v.isRecord() || !v.storage().isChunked()) continue;
      V1ChunkIndex index = v.storage().index();
      if (index == null) return m.recordCount;
      long[] end = {0};
      int c0 = v.chunk()[0];
      index.forEach(
          (offset, address, size, mask) -> {
            if (offset[0] >= 0) end[0] = Math.max(end[0], offset[0] + c0);
          });
      stored = Math.max(stored, end[0]);
      if (stored >= m.recordCount) return m.recordCount;
    }
    return stored;
  }
}
