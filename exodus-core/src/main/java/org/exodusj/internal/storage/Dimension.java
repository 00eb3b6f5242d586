package org.exodusj.internal.storage;

/**
 * A netCDF dimension. For the unlimited (record) dimension, {@code length} is the number of records
 * when the file was opened or last refreshed.
 */
public record Dimension(String name, long length, boolean unlimited) {
  public Dimension {
    if (length < 0) {
      throw new IllegalArgumentException("dimension " + name + ": negative length " + length);
    }
  }
}
