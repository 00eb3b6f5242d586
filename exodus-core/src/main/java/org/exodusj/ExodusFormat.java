package org.exodusj;

/** The storage formats this library writes. */
public enum ExodusFormat {
  /** NetCDF classic: 32-bit offsets; the file's data may start at most 2 GiB in. */
  CDF1,
  /** NetCDF 64-bit offset: the default of libexodusII. */
  CDF2,
  /** NetCDF 64-bit data: 64-bit sizes, unsigned and 64-bit integer types. */
  CDF5;

  /** The format named "cdf1", "cdf2" or "cdf5" (any case). */
  public static ExodusFormat parse(String name) {
    for (ExodusFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; expected cdf1, cdf2 or cdf5");
  }
}
