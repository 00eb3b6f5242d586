package org.exodusj;

import java.util.List;
import java.util.Objects;

/**
 * What an Exodus file says about itself.
 *
 * @param format the storage format, described, for example "CDF-2 (64-bit offset)"
 * @param apiVersion {@code api_version} (NaN when absent)
 * @param version {@code version}, the file version (NaN when absent)
 * @param floatingPointWordSize 4 or 8: the size of stored reals
 * @param fileSize the {@code file_size} attribute (1 for large model), -1 when absent
 * @param maximumNameLength {@code maximum_name_length}, or the name length dimension
 * @param int64Status the {@code int64_status} attribute, 0 when absent
 * @param storesInt64 true when ids, maps, connectivity or sets are stored as 64-bit integers
 *     (declared or not)
 * @param defects problems tolerated while opening, each with where it was found
 * @param storageFormat the storage format as a constant: the format a copy keeps (a NetCDF-4 file
 *     of the classic data model is {@link ExodusFormat#NETCDF4})
 */
public record FileInfo(
    String format,
    double apiVersion,
    double version,
    int floatingPointWordSize,
    int fileSize,
    int maximumNameLength,
    int int64Status,
    boolean storesInt64,
    List<String> defects,
    ExodusFormat storageFormat) {
  public FileInfo {
    defects = List.copyOf(defects);
    Objects.requireNonNull(storageFormat, "storageFormat");
  }

  /**
   * A file info whose storage format is read from the description {@code format} (CDF-1, CDF-5,
   * NetCDF-4, else CDF-2).
   *
   * @deprecated the description is for people; use the constructor that takes the {@link
   *     ExodusFormat} too
   */
  @Deprecated(since = "0.1.0")
  public FileInfo(
      String format,
      double apiVersion,
      double version,
      int floatingPointWordSize,
      int fileSize,
      int maximumNameLength,
      int int64Status,
      boolean storesInt64,
      List<String> defects) {
    this(
        format,
        apiVersion,
        version,
        floatingPointWordSize,
        fileSize,
        maximumNameLength,
        int64Status,
        storesInt64,
        defects,
        format.startsWith("NetCDF-4")
            ? ExodusFormat.NETCDF4
            : format.startsWith("CDF-1")
                ? ExodusFormat.CDF1
                : format.startsWith("CDF-5") ? ExodusFormat.CDF5 : ExodusFormat.CDF2);
  }
}
