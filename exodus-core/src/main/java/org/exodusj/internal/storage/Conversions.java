package org.exodusj.internal.storage;

/**
 * Which stored types convert to which Java destination types without loss, decided by type (never
 * by value) so that a read either always works or always fails with a clear message.
 */
public final class Conversions {
  private Conversions() {}

  /** Java destination element types for reads and sources for writes. */
  public enum Target {
    DOUBLE,
    FLOAT,
    LONG,
    INT,
    SHORT,
    BYTE
  }

  /** True when every value of {@code stored} is exactly a value of {@code target}. */
  public static boolean readable(DataType stored, Target target) {
    return switch (target) {
      case DOUBLE ->
          switch (stored) {
            case DOUBLE, FLOAT, INT, UINT, SHORT, USHORT, BYTE, UBYTE -> true;
            default -> false;
          };
      case FLOAT ->
          switch (stored) {
            case FLOAT, SHORT, USHORT, BYTE, UBYTE -> true;
            default -> false;
          };
      case LONG ->
          switch (stored) {
            case INT64, INT, UINT, SHORT, USHORT, BYTE, UBYTE -> true;
            default -> false;
          };
      case INT ->
          switch (stored) {
            case INT, SHORT, USHORT, BYTE, UBYTE -> true;
            default -> false;
          };
      case SHORT ->
          switch (stored) {
            case SHORT, BYTE, UBYTE -> true;
            default -> false;
          };
      case BYTE -> stored == DataType.BYTE || stored == DataType.CHAR;
    };
  }

  /**
   * True when values of {@code source} can be stored as {@code stored}: every widening that is
   * exact, plus integer narrowing, which is checked value by value while writing.
   */
  public static boolean writable(Target source, DataType stored) {
    return switch (source) {
      case DOUBLE -> stored == DataType.DOUBLE;
      case FLOAT -> stored == DataType.FLOAT || stored == DataType.DOUBLE;
      case LONG, INT, SHORT ->
          !stored.isFloatingPoint() && stored != DataType.CHAR
              || stored == DataType.DOUBLE && source != Target.LONG
              || stored == DataType.FLOAT && source == Target.SHORT;
      case BYTE -> true;
    };
  }

  /** Message for a conversion refused by {@link #readable}. */
  public static String lossyRead(String variable, DataType stored, Target target) {
    return "variable "
        + variable
        + " is stored as "
        + stored.cdlName()
        + ", which does not convert to "
        + target.name().toLowerCase(java.util.Locale.ROOT)
        + " without loss; read it into a wider type or as raw bytes";
  }

  /** True when {@code v} is a value of integer type {@code t} (UINT64 accepts any bits). */
  public static boolean fits(DataType t, long v) {
    return switch (t) {
      case BYTE -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
      case CHAR -> v >= Byte.MIN_VALUE && v <= 0xFF;
      case UBYTE -> v >= 0 && v <= 0xFF;
      case SHORT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case USHORT -> v >= 0 && v <= 0xFFFF;
      case INT -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      case UINT -> v >= 0 && v <= 0xFFFFFFFFL;
      default -> true;
    };
  }

  /** The value of unsigned 64-bit {@code bits}, rounded to the nearest double. */
  public static double unsignedLongToDouble(long bits) {
    double d = (double) (bits >>> 1) * 2.0;
    return d + (bits & 1);
  }
}
