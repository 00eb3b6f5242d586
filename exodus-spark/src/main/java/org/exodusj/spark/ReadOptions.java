package org.exodusj.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.ExodusOpenOptions;

/**
 * The options of {@code spark.read().format("exodus")}, parsed once on the driver and shipped to
 * the executors with each partition's reader factory.
 *
 * @param path the PATH given to {@code load}: a file, a decomposed set's base name, a directory or
 *     a glob
 * @param kind what one row is
 * @param decomposed {@code auto} (a base name with pieces {@code PATH.N.r} beside it is the set),
 *     {@code true} (it must be a set) or {@code false} (every file on its own)
 * @param partitionBytes the bytes one partition should read
 * @param batchRows rows of one columnar batch
 * @param cacheBytes NetCDF-4 chunk-cache bytes per open file, or null for the library's sizing
 * @param cacheSlots chunk-cache slots, or null
 * @param decodeThreads threads that decode compressed chunks of one file, or null
 * @param memoryMap whether to memory-map classic files
 * @param pushDownAggregate whether aggregations ({@code MIN}, {@code MAX}, {@code SUM}, {@code
 *     COUNT}) are computed in the scan where they can be
 */
record ReadOptions(
    String path,
    Kind kind,
    String decomposed,
    long partitionBytes,
    int batchRows,
    Long cacheBytes,
    Integer cacheSlots,
    Integer decodeThreads,
    boolean memoryMap,
    boolean pushDownAggregate)
    implements Serializable {

  /** What one row of the data source is. */
  enum Kind {
    NODAL,
    ELEMENT,
    GLOBAL,
    NODES,
    ELEMENTS;

    String optionName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final long DEFAULT_PARTITION_BYTES = 128L << 20;
  static final int DEFAULT_BATCH_ROWS = 1 << 14;

  /** Parses the options (keys case-insensitive, as Spark passes them). */
  static ReadOptions of(Map<String, String> options) {
    Map<String, String> o = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    o.putAll(options);
    String path = o.get("path");
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "format(\"exodus\") needs a path: load(\"mesh.e\"), a set's base name, a directory or"
              + " a glob");
    }
    String k = o.getOrDefault("kind", "nodal").trim();
    Kind kind;
    try {
      kind = Kind.valueOf(k.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option kind=" + k + ": expected nodal, element, global, nodes or elements", e);
    }
    String dec = o.getOrDefault("decomposed", "auto").trim().toLowerCase(Locale.ROOT);
    if (!dec.equals("auto") && !dec.equals("true") && !dec.equals("false")) {
      throw new IllegalArgumentException(
          "option decomposed=" + dec + ": expected auto, true or false");
    }
    long partitionBytes = positiveLong(o, "partitionBytes", DEFAULT_PARTITION_BYTES);
    long batch = positiveLong(o, "batchRows", DEFAULT_BATCH_ROWS);
    if (batch > (1 << 24)) {
      throw new IllegalArgumentException("option batchRows=" + batch + ": at most " + (1 << 24));
    }
    Long cacheBytes = o.containsKey("cacheBytes") ? positiveLong(o, "cacheBytes", 0) : null;
    Integer slots = o.containsKey("cacheSlots") ? (int) positiveLong(o, "cacheSlots", 0) : null;
    Integer threads =
        o.containsKey("decodeThreads") ? (int) positiveLong(o, "decodeThreads", 0) : null;
    boolean mmap = bool(o, "memoryMap");
    boolean aggregates = bool(o, "pushDownAggregate");
    return new ReadOptions(
        path, kind, dec, partitionBytes, (int) batch, cacheBytes, slots, threads, mmap, aggregates);
  }

  /** A boolean option, {@code true} by default. */
  private static boolean bool(Map<String, String> o, String key) {
    String v = o.getOrDefault(key, "true").trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("option " + key + "=" + v + ": expected true or false");
    }
    return v.equals("true");
  }

  private static long positiveLong(Map<String, String> o, String key, long dflt) {
    String v = o.get(key);
    if (v == null) return dflt;
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + "=" + v + ": not a whole number", e);
    }
    if (n <= 0
        || n > Integer.MAX_VALUE && !key.equals("partitionBytes") && !key.equals("cacheBytes")) {
      throw new IllegalArgumentException("option " + key + "=" + v + ": out of range");
    }
    return n;
  }

  /** The library's open options these settings ask for. */
  ExodusOpenOptions openOptions() {
    ExodusOpenOptions.Builder b = ExodusOpenOptions.builder().memoryMap(memoryMap);
    if (cacheBytes != null) b.chunkCacheBytes(cacheBytes);
    if (cacheSlots != null) b.chunkCacheSlots(cacheSlots);
    if (decodeThreads != null) b.decodeThreads(decodeThreads);
    return b.build();
  }

  /**
   * Opens one file with these settings. A classic file cut short by a crashed writer opens in the
   * library with its missing bytes read as zeros (listed in {@link ExodusFile#defects()}); a query
   * would count those zeros as results, so the data source refuses the file, naming it and what is
   * missing.
   */
  ExodusFile open(Path path) throws IOException {
    ExodusFile f = ExodusFile.open(path, openOptions());
    for (String defect : f.defects()) {
      if (defect.startsWith("file is truncated")) {
        f.close();
        throw new ExodusFormatException(
            path.toString(),
            "data",
            ExodusFormatException.NO_OFFSET,
            defect + "; the exodus data source does not read files cut short");
      }
    }
    return f;
  }
}
