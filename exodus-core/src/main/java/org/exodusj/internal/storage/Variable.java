package org.exodusj.internal.storage;

import java.util.List;
import java.util.Optional;

/**
 * A netCDF variable as the storage seam describes it. The current shape comes from {@link
 * Storage#shape(Variable)}, because the record dimension grows while a file is written.
 */
public interface Variable {
  String name();

  DataType type();

  /** The dimensions, outermost first; a record variable's first is the unlimited dimension. */
  List<Dimension> dimensions();

  List<Attribute> attributes();

  /** True when the first dimension is the unlimited (record) dimension. */
  boolean isRecord();

  /** The attribute with this name, if any. */
  default Optional<Attribute> attribute(String name) {
    for (Attribute a : attributes()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Number of dimensions. */
  default int rank() {
    return dimensions().size();
  }
}
