package org.exodusj.internal.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable netCDF attribute: a name, a type and its values, held as the big-endian bytes of the
 * stored encoding (so memory never exceeds the file's bytes and round trips are exact).
 */
public final class Attribute {
  private final String name;
  private final DataType type;
  private final byte[] raw;

  private Attribute(String name, DataType type, byte[] raw) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.raw = raw;
  }

  /** An attribute from stored big-endian bytes (length a multiple of the type size). */
  public static Attribute ofStoredBytes(String name, DataType type, byte[] raw) {
    if (raw.length % type.size() != 0) {
      throw new IllegalArgumentException(
          "attribute " + name + ": " + raw.length + " bytes is not a whole number of " + type);
    }
    return new Attribute(name, type, raw.clone());
  }

  /**
   * {@link #ofStoredBytes} without the copy: {@code raw} becomes the attribute's, and the caller
   * gives it up (a header parser that read it into a new array for this attribute).
   */
  public static Attribute adopt(String name, DataType type, byte[] raw) {
    if (raw.length % type.size() != 0) {
      throw new IllegalArgumentException(
          "attribute " + name + ": " + raw.length + " bytes is not a whole number of " + type);
    }
    return new Attribute(name, type, raw);
  }

  /**
   * A text attribute as C writers store a string, libexodus included ({@code nc_put_att_text} with
   * {@code strlen(value) + 1}): the UTF-8 bytes and one terminating NUL. A C reader that copies the
   * attribute into a buffer it did not clear then still gets a terminated string. Every text
   * attribute this library writes is made here; a copy of a stored attribute keeps its bytes
   * ({@link #ofStoredBytes}).
   */
  public static Attribute text(String name, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    return new Attribute(name, DataType.CHAR, Arrays.copyOf(b, b.length + 1));
  }

  /**
   * This text attribute as a C string: itself when its last byte is NUL, otherwise its bytes and a
   * NUL appended (a copy of a file whose writer left the terminator out). Not for other types.
   */
  public Attribute withTerminatingNul() {
    if (type != DataType.CHAR) {
      throw new IllegalStateException("attribute " + name + " is " + type + ", not text");
    }
    if (raw.length > 0 && raw[raw.length - 1] == 0) {
      return this;
    }
    return new Attribute(name, type, Arrays.copyOf(raw, raw.length + 1));
  }

  /** A FLOAT or DOUBLE attribute. Values of a FLOAT attribute must be exact floats. */
  public static Attribute reals(String name, DataType type, double... values) {
    if (!type.isFloatingPoint()) {
      throw new IllegalArgumentException("attribute " + name + ": " + type + " is not a real type");
    }
    ByteBuffer b = ByteBuffer.allocate(values.length * type.size());
    for (int i = 0; i < values.length; i++) {
      if (type == DataType.FLOAT) {
        if (!Double.isNaN(values[i]) && (double) (float) values[i] != values[i]) {
          throw new IllegalArgumentException(
              "attribute " + name + "[" + i + "] = " + values[i] + " is not exact as a float");
        }
        b.putFloat((float) values[i]);
      } else {
        b.putDouble(values[i]);
      }
    }
    return new Attribute(name, type, b.array());
  }

  /** An integer attribute; every value must fit the type (UINT64 takes any bits). */
  public static Attribute integers(String name, DataType type, long... values) {
    if (type == DataType.CHAR || type.isFloatingPoint()) {
      throw new IllegalArgumentException(
          "attribute " + name + ": " + type + " is not an integer type");
    }
    ByteBuffer b = ByteBuffer.allocate(values.length * type.size());
    for (int i = 0; i < values.length; i++) {
      if (!Conversions.fits(type, values[i])) {
        throw new IllegalArgumentException(
            "attribute " + name + "[" + i + "] = " + values[i] + " does not fit " + type);
      }
      switch (type.size()) {
        case 1 -> b.put((byte) values[i]);
        case 2 -> b.putShort((short) values[i]);
        case 4 -> b.putInt((int) values[i]);
        default -> b.putLong(values[i]);
      }
    }
    return new Attribute(name, type, b.array());
  }

  public String name() {
    return name;
  }

  public DataType type() {
    return type;
  }

  /** Number of values (bytes, for text). */
  public int length() {
    return raw.length / type.size();
  }

  /** True for a CHAR attribute. */
  public boolean isText() {
    return type == DataType.CHAR;
  }

  /**
   * The text decoded as UTF-8 (malformed bytes replaced), without the trailing NULs a C writer
   * stores; throws for non-text attributes.
   */
  public String text() {
    if (type != DataType.CHAR) {
      throw new IllegalStateException("attribute " + name + " is " + type + ", not text");
    }
    int end = raw.length;
    while (end > 0 && raw[end - 1] == 0) {
      end--;
    }
    return new String(raw, 0, end, StandardCharsets.UTF_8);
  }

  /** A copy of the stored big-endian bytes. */
  public byte[] storedBytes() {
    return raw.clone();
  }

  // Big-endian values of the stored bytes, assembled by shifts: a value read allocates nothing,
  // and an index past the values is an IndexOutOfBoundsException. Not byteArrayViewVarHandle: its
  // first use spins lambda classes inside the JDK that the start-up class-data archive cannot hold
  // (LauncherTest), and every exo info or dump reads attributes.
  private int be16(int at) {
    return ((raw[at] & 0xFF) << 8) | (raw[at + 1] & 0xFF);
  }

  private int be32(int at) {
    return ((raw[at] & 0xFF) << 24)
        | ((raw[at + 1] & 0xFF) << 16)
        | ((raw[at + 2] & 0xFF) << 8)
        | (raw[at + 3] & 0xFF);
  }

  private long be64(int at) {
    return ((long) be32(at) << 32) | (be32(at + 4) & 0xFFFFFFFFL);
  }

  /** Value {@code i} as a double: exact for reals and for integers of magnitude up to 2^53. */
  public double doubleValue(int i) {
    return switch (type) {
      case FLOAT -> Float.intBitsToFloat(be32(4 * i));
      case DOUBLE -> Double.longBitsToDouble(be64(8 * i));
      case UINT64 -> Conversions.unsignedLongToDouble(be64(8 * i));
      default -> (double) longValue(i);
    };
  }

  /** Value {@code i} of an integer or char attribute (UINT64 by its bits). */
  public long longValue(int i) {
    return switch (type) {
      case BYTE, CHAR -> raw[i];
      case UBYTE -> Byte.toUnsignedLong(raw[i]);
      case SHORT -> (short) be16(2 * i);
      case USHORT -> be16(2 * i);
      case INT -> be32(4 * i);
      case UINT -> Integer.toUnsignedLong(be32(4 * i));
      case INT64, UINT64 -> be64(8 * i);
      default ->
          throw new IllegalStateException("attribute " + name + " is " + type + ", not an integer");
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attribute a
        && name.equals(a.name)
        && type == a.type
        && Arrays.equals(raw, a.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(raw));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append(" (").append(type.cdlName()).append(") = ");
    if (isText()) {
      return sb.append('"').append(text()).append('"').toString();
    }
    for (int i = 0; i < length(); i++) {
      sb.append(i == 0 ? "" : ", ");
      if (type.isFloatingPoint()) {
        sb.append(doubleValue(i));
      } else if (type == DataType.UINT64) {
        sb.append(Long.toUnsignedString(longValue(i)));
      } else {
        sb.append(longValue(i));
      }
    }
    return sb.toString();
  }
}
