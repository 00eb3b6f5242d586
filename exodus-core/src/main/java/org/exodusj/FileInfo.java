package org.exodusj;

import java.util.List;

/**
 * What an Exodus file says about itself.
 *
 * @param format the storage format, for example "CDF-2 (64-bit offset)"
 * @param apiVersion {@code api_version} (NaN when absent)
 * @param version {@code version}, the file version (NaN when absent)
 * @param floatingPointWordSize 4 or 8: the size of stored reals
 * @param fileSize the {@code file_size} attribute (1 for large model), -1 when absent
 * @param maximumNameLength {@code maximum_name_length}, or the name length dimension
 * @param int64Status the {@code int64_status} attribute, 0 when absent
 * @param storesInt64 true when ids, maps, connectivity or sets are stored as 64-bit integers
 *     (declared or not)
 * @param defects problems tolerated while opening, each with where it was found
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
    List<String> defects) {
  public FileInfo {
    defects = List.copyOf(defects);
  }
}
