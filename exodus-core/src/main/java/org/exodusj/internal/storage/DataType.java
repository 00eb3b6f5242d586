package org.exodusj.internal.storage;

/**
 * The netCDF external types, with their classic-format codes ({@code nc_type}), sizes and default
 * fill values ({@code NC_FILL_*} of netcdf.h).
 */
public enum DataType {
  BYTE(1, 1, "byte", false),
  CHAR(2, 1, "char", false),
  SHORT(3, 2, "short", false),
  INT(4, 4, "int", false),
  FLOAT(5, 4, "float", false),
  DOUBLE(6, 8, "double", false),
  UBYTE(7, 1, "ubyte", true),
  USHORT(8, 2, "ushort", true),
  UINT(9, 4, "uint", true),
  INT64(10, 8, "int64", true),
  UINT64(11, 8, "uint64", true);

  private final int code;
  private final int size;
  private final String cdlName;
  private final boolean cdf5Only;

  DataType(int code, int size, String cdlName, boolean cdf5Only) {
    this.code = code;
    this.size = size;
    this.cdlName = cdlName;
    this.cdf5Only = cdf5Only;
  }

  /** The {@code nc_type} code stored in classic-format headers. */
  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** The type's name in CDL, as ncdump prints it. */
  public String cdlName() {
    return cdlName;
  }

  /** True for the types that only CDF-5 (and NetCDF-4) can store. */
  public boolean cdf5Only() {
    return cdf5Only;
  }

  /** True for FLOAT and DOUBLE. */
  public boolean isFloatingPoint() {
    return this == FLOAT || this == DOUBLE;
  }

  /** True for the unsigned integer types. */
  public boolean isUnsigned() {
    return this == UBYTE || this == USHORT || this == UINT || this == UINT64;
  }

  /** values() copies its array at every call; the header reader asks once per variable. */
  private static final DataType[] VALUES = values();

  /** The type with this {@code nc_type} code, or null when there is none. */
  public static DataType ofCode(int code) {
    if (code >= 1 && code <= VALUES.length && VALUES[code - 1].code == code) {
      return VALUES[code - 1]; // the codes follow the declaration order: no scan per header entry
    }
    for (DataType t : VALUES) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  /**
   * The default fill value of an integer or char type as its bit pattern (unsigned types as their
   * two's-complement bits, so UINT64's fill is {@code -2L}).
   */
  public long defaultFillBits() {
    switch (this) {
      case BYTE:
        return -127;
      case CHAR:
        return 0;
      case SHORT:
        return -32767;
      case INT:
        return -2147483647;
      case UBYTE:
        return 255;
      case USHORT:
        return 65535;
      case UINT:
        return 4294967295L;
      case INT64:
        return -9223372036854775806L;
      case UINT64:
        return -2L; // 18446744073709551614
      case FLOAT:
        return Float.floatToRawIntBits(9.9692099683868690e+36f);
      case DOUBLE:
        return Double.doubleToRawLongBits(9.9692099683868690e+36);
      default:
        throw new AssertionError(this);
    }
  }
}
