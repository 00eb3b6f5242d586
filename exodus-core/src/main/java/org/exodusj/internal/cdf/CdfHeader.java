package org.exodusj.internal.cdf;

import java.util.List;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Dimension;

/**
 * A parsed (or planned) classic-format header with the layout derived from it.
 *
 * @param storedNumRecs numrecs as stored; {@link #STREAMING} for the all-ones streaming marker
 * @param dimensions the dimensions in file order; the unlimited one has length 0 here
 * @param recordDimension index of the unlimited dimension, or -1
 * @param headerBytes bytes the header occupies
 * @param recordSize bytes from one record to the next (netCDF-C's recsize)
 * @param beginRecords offset of the first record variable's data (0 when there is none)
 */
public record CdfHeader(
    CdfFormat format,
    long storedNumRecs,
    List<Dimension> dimensions,
    int recordDimension,
    List<Attribute> attributes,
    List<CdfVariable> variables,
    long headerBytes,
    long recordSize,
    long beginRecords) {

  /** The streaming numrecs marker: all bits set. */
  public static final long STREAMING = -1;

  public CdfHeader {
    dimensions = List.copyOf(dimensions);
    attributes = List.copyOf(attributes);
    variables = List.copyOf(variables);
  }

  /** True when there is at least one record variable. */
  public boolean hasRecordVariables() {
    for (CdfVariable v : variables) {
      if (v.isRecord()) {
        return true;
      }
    }
    return false;
  }

  /** The end of the last data byte of a file with {@code numRecs} records (no trailing padding). */
  public long dataEnd(long numRecs) {
    long end = headerBytes;
    for (CdfVariable v : variables) {
      if (!v.isRecord()) {
        end = Math.max(end, add(v.begin(), v.dataBytes()));
      } else if (numRecs > 0) {
        end = Math.max(end, add(add(v.begin(), mul(numRecs - 1, recordSize)), v.dataBytes()));
      }
    }
    return end;
  }

  /** Saturating arithmetic: sizes from a damaged header must not wrap around. */
  static long add(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : Long.MAX_VALUE;
  }

  /** The size netCDF-C computes for a complete file: data end with every variable padded. */
  public long paddedEnd(long numRecs) {
    long end = headerBytes;
    for (CdfVariable v : variables) {
      if (!v.isRecord()) {
        end = Math.max(end, add(v.begin(), v.paddedSize()));
      }
    }
    if (hasRecordVariables()) {
      end = Math.max(end, add(beginRecords, mul(numRecs, recordSize)));
    }
    return end;
  }
}
