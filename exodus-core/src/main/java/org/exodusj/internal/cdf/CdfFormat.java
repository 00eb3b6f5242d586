package org.exodusj.internal.cdf;

import org.exodusj.ExodusFormat;

/** The three NetCDF classic formats, by the version byte after {@code CDF}. */
public enum CdfFormat {
  /** Classic: 32-bit offsets, 32-bit sizes. */
  CDF1(1, "CDF-1 (classic)"),
  /** 64-bit offset: 64-bit {@code begin}, 32-bit sizes. */
  CDF2(2, "CDF-2 (64-bit offset)"),
  /** 64-bit data: 64-bit offsets and sizes, unsigned and 64-bit integer types. */
  CDF5(5, "CDF-5 (64-bit data)");

  /** Largest dimension length CDF-1 and CDF-2 can hold (netCDF-C's X_UINT_MAX - 3). */
  public static final long MAX_CLASSIC_DIMENSION = 0xFFFFFFFFL - 3;

  /** Largest variable size CDF-1 and CDF-2 can record in {@code vsize}, except for a last one. */
  public static final long MAX_CLASSIC_VSIZE = 0xFFFFFFFFL - 3;

  /** The {@code vsize} written for a last variable too large to record (X_UINT_MAX). */
  public static final long VSIZE_OVERFLOW = 0xFFFFFFFFL;

  private final int version;
  private final String description;

  CdfFormat(int version, String description) {
    this.version = version;
    this.description = description;
  }

  /** The version byte. */
  public int version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** Bytes of a size field (numrecs, counts, name lengths, dimension lengths, vsize). */
  public int sizeBytes() {
    return this == CDF5 ? 8 : 4;
  }

  /** Bytes of a {@code begin} offset. */
  public int offsetBytes() {
    return this == CDF1 ? 4 : 8;
  }

  /** Largest {@code begin} offset the format can hold. */
  public long maxOffset() {
    return this == CDF1 ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }

  /** The public constant of this format. */
  public ExodusFormat exodusFormat() {
    return switch (this) {
      case CDF1 -> ExodusFormat.CDF1;
      case CDF2 -> ExodusFormat.CDF2;
      case CDF5 -> ExodusFormat.CDF5;
    };
  }

  /** The classic format of {@code f}; IllegalArgumentException for NetCDF-4. */
  public static CdfFormat of(ExodusFormat f) {
    return switch (f) {
      case CDF1 -> CDF1;
      case CDF2 -> CDF2;
      case CDF5 -> CDF5;
      case NETCDF4 -> throw new IllegalArgumentException("NetCDF-4 is not a classic format");
    };
  }

  /** The format with this version byte, or null. */
  public static CdfFormat ofVersion(int version) {
    for (CdfFormat f : values()) {
      if (f.version == version) {
        return f;
      }
    }
    return null;
  }
}
