package org.exodusj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How a NetCDF-4 file's chunks are filtered when written: the HDF5 filter pipeline, in order, each
 * filter spelled {@code NAME[:LEVEL]} as {@code exo convert --filter} spells it (for example {@code
 * shuffle}, {@code deflate:1}, {@code bzip2:9}, {@code lz4}, {@code fletcher32}). One value serves
 * {@link Definition#compression(Compression)} and {@link ExodusConverter.Chunking}.
 *
 * <p>Which names can be written depends on the filters this library encodes (deflate, shuffle and
 * Fletcher-32 always; docs/netcdf4.md lists the others); an unknown name, or one this library reads
 * but does not write, is refused where the value is used, with the list of the names it writes.
 * Every filter is read whatever this value says.
 */
public final class Compression {
  /** No filters: chunks stored as they are. */
  public static final Compression NONE = new Compression(List.of());

  private final List<String> filters;

  private Compression(List<String> filters) {
    this.filters = Collections.unmodifiableList(new ArrayList<>(filters));
  }

  /**
   * The pipeline of these filters, in order, each {@code NAME} or {@code NAME:P1[,P2...]} (integer
   * parameters; for deflate and bzip2 the level).
   *
   * @throws IllegalArgumentException naming the text when one does not parse
   */
  public static Compression of(String... filters) {
    return of(List.of(filters));
  }

  /** As {@link #of(String...)}. */
  public static Compression of(List<String> filters) {
    List<String> out = new ArrayList<>();
    for (String f : filters) out.add(normalized(f));
    return out.isEmpty() ? NONE : new Compression(out);
  }

  /**
   * Deflate at {@code level} (0-9; -1 for none), with the shuffle filter first when {@code shuffle}
   * is set, as {@code nccopy -d level -s} writes.
   */
  public static Compression deflate(int level, boolean shuffle) {
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("deflate level " + level + " is not in 0-9");
    }
    List<String> out = new ArrayList<>();
    if (shuffle) out.add("shuffle");
    if (level >= 0) out.add("deflate:" + level);
    return of(out);
  }

  /** This pipeline with {@code filter} ({@code NAME[:P1[,P2...]]}) added at its end. */
  public Compression then(String filter) {
    List<String> out = new ArrayList<>(filters);
    out.add(normalized(filter));
    return new Compression(out);
  }

  /** This pipeline with a Fletcher-32 checksum at its end, verified by every reader. */
  public Compression withFletcher32() {
    return then("fletcher32");
  }

  /** The filters in pipeline order, each {@code name} or {@code name:P1[,P2...]}, lower case. */
  public List<String> filters() {
    return filters;
  }

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return filters.isEmpty();
  }

  private static String normalized(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("a filter is null");
    }
    String s = spec.trim();
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
      throw new IllegalArgumentException("filter '" + spec + "': expected NAME or NAME:LEVEL");
    }
    if (colon < 0) {
      return name;
    }
    StringBuilder b = new StringBuilder(name).append(':');
    String[] parts = s.substring(colon + 1).split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      try {
        if (i > 0) b.append(',');
        b.append(Integer.parseInt(parts[i].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "filter '" + spec + "': parameter '" + parts[i] + "' is not an integer", e);
      }
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Compression c && c.filters.equals(filters);
  }

  @Override
  public int hashCode() {
    return filters.hashCode();
  }

  /** The filters joined by commas ({@code shuffle,deflate:1}), or {@code none}. */
  @Override
  public String toString() {
    return filters.isEmpty() ? "none" : String.join(",", filters);
  }
}
