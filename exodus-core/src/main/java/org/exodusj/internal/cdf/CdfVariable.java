package org.exodusj.internal.cdf;

import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Variable;

/**
 * A variable of a classic-format file with its layout: where its data begins and how large it is.
 * For a record variable the sizes are per record.
 *
 * @param dimensionIds indices into the file's dimension list, outermost first
 * @param storedVsize the {@code vsize} field as written in the header (informational)
 * @param begin byte offset of the data (of record 0 for a record variable)
 * @param paddedSize bytes the variable takes (per record), computed from the shape and rounded up
 *     to 4 bytes as netCDF-C does; {@link CdfFormat#VSIZE_OVERFLOW} is never used here
 * @param innerShape the shape without the record dimension
 * @param innerCount product of {@code innerShape}: elements in the variable (per record)
 * @param position the variable's position in its header's list
 */
public record CdfVariable(
    String name,
    DataType type,
    List<Dimension> dimensions,
    int[] dimensionIds,
    List<Attribute> attributes,
    boolean isRecord,
    long storedVsize,
    long begin,
    long paddedSize,
    long[] innerShape,
    long innerCount,
    int position)
    implements Variable {

  /**
   * The arrays {@code dimensionIds} and {@code innerShape} become the variable's: the caller hands
   * over arrays it made for it and does not change them (the header parser and the schema's layout
   * make one per variable; copying them again was a third of what a variable cost to read).
   */
  public CdfVariable {
    dimensions = List.copyOf(dimensions);
    attributes = List.copyOf(attributes);
  }

  @Override
  public int[] dimensionIds() {
    return dimensionIds.clone();
  }

  @Override
  public long[] innerShape() {
    return innerShape.clone();
  }

  @Override
  public int rank() {
    return dimensionIds.length;
  }

  /** {@code dimensionIds()[d]} without the copy. */
  int dimensionId(int d) {
    return dimensionIds[d];
  }

  /** {@code innerShape()[d]} without the copy. */
  long innerLength(int d) {
    return innerShape[d];
  }

  /** Unpadded data bytes (per record). */
  public long dataBytes() {
    return innerCount * type.size();
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "variable " + name;
  }

  /**
   * Bytes taken by a variable of this type and element count, padded to 4 as netCDF-C pads the 1-
   * and 2-byte types. Throws ArithmeticException on overflow.
   */
  static long paddedSize(DataType type, long count) {
    long bytes = Math.multiplyExact(count, (long) type.size());
    long rem = bytes % 4;
    return rem == 0 ? bytes : Math.addExact(bytes, 4 - rem);
  }
}
