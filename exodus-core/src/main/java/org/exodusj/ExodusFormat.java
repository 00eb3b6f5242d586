package org.exodusj;

/** The storage formats this library writes. */
public enum ExodusFormat {
  /** NetCDF classic: 32-bit offsets; the file's data may start at most 2 GiB in. */
  CDF1,
  /** NetCDF 64-bit offset: the default of libexodusII. */
  CDF2,
  /** NetCDF 64-bit data: 64-bit sizes, unsigned and 64-bit integer types. */
  CDF5,
  /**
   * NetCDF-4 (HDF5): chunked variables, optional deflate, shuffle and Fletcher-32, every netCDF
   * type; written by the library's own pure-Java HDF5 writer (docs/netcdf4.md).
   */
  NETCDF4;

  /** Whether ids, maps and connectivity can be stored as 64-bit integers (CDF-5 and NetCDF-4). */
  public boolean holdsInt64() {
    return this == CDF5 || this == NETCDF4;
  }

  /** Whether variables can be chunked and compressed (filters): NetCDF-4 only. */
  public boolean holdsFilters() {
    return this == NETCDF4;
  }

  /** The format named "cdf1", "cdf2", "cdf5" or "nc4" / "netcdf4" (any case). */
  public static ExodusFormat parse(String name) {
    if ("nc4".equalsIgnoreCase(name)) {
      return NETCDF4;
    }
    for (ExodusFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; expected cdf1, cdf2, cdf5 or nc4");
  }
}
