package org.exodusj;

import java.util.concurrent.Executor;

/**
 * How to open a file. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * ExodusOpenOptions o = ExodusOpenOptions.builder().chunkCacheBytes(256L << 20).build();
 * }</pre>
 */
public final class ExodusOpenOptions {
  /** Memory-mapped in 1 GiB windows, cache sized for the node type. */
  public static final ExodusOpenOptions DEFAULT = builder().build();

  /** Positional channel reads, no memory map (and so no views). */
  public static final ExodusOpenOptions UNMAPPED = builder().memoryMap(false).build();

  private final boolean memoryMap;
  private final int mapWindowBytes;
  private final Long chunkCacheBytes;
  private final Integer chunkCacheSlots;
  private final Double preemption;
  private final Integer iteratorValues;
  private final Executor decodeExecutor;
  private final boolean lockReads;
  private final Integer decodeThreads;
  private final String group;

  private ExodusOpenOptions(Builder b) {
    this.group = b.group;
    this.lockReads = b.lockReads;
    this.memoryMap = b.memoryMap;
    this.mapWindowBytes = b.mapWindowBytes;
    this.chunkCacheBytes = b.chunkCacheBytes;
    this.chunkCacheSlots = b.chunkCacheSlots;
    this.preemption = b.preemption;
    this.iteratorValues = b.iteratorValues;
    this.decodeExecutor = b.decodeExecutor;
    this.decodeThreads = b.decodeThreads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.memoryMap = memoryMap;
    b.mapWindowBytes = mapWindowBytes;
    b.chunkCacheBytes = chunkCacheBytes;
    b.chunkCacheSlots = chunkCacheSlots;
    b.preemption = preemption;
    b.iteratorValues = iteratorValues;
    b.decodeExecutor = decodeExecutor;
    b.lockReads = lockReads;
    b.decodeThreads = decodeThreads;
    b.group = group;
    return b;
  }

  /**
   * Every read of a classic file takes the file's shared lock, so values that an {@link
   * ExodusUpdater} (in this process or another) changes in place are never seen half written. Off
   * by default: it costs a lock and an unlock per read call (docs/reliability.md gives the figure)
   * and only matters while a file is updated in place. Views are never protected.
   */
  public boolean lockReads() {
    return lockReads;
  }

  /** Map the file (needed for zero-copy views) or read through positional channel reads. */
  public boolean memoryMap() {
    return memoryMap;
  }

  /** Size of a memory-map window, a power of two. */
  public int mapWindowBytes() {
    return mapWindowBytes;
  }

  /** The chunk cache size in bytes, or null to size it for the node type. */
  public Long chunkCacheBytes() {
    return chunkCacheBytes;
  }

  /** The number of chunk cache slots, or null for the default. */
  public Integer chunkCacheSlots() {
    return chunkCacheSlots;
  }

  /** The preemption policy w0 in [0, 1], or null for the default. */
  public Double preemption() {
    return preemption;
  }

  /** Values per chunk of {@link ValueChunks} by default, or null to size it for the node type. */
  public Integer iteratorValues() {
    return iteratorValues;
  }

  /**
   * Where chunks are decoded in parallel, or null for the library's shared decode threads (as many
   * as {@link #decodeThreads()} says; none when that is 1).
   */
  public Executor decodeExecutor() {
    return decodeExecutor;
  }

  /**
   * Threads decoding NetCDF-4 chunks in parallel when no {@link #decodeExecutor()} is given, or
   * null to size them for the node type (see {@link ChunkCacheSettings}); 1 decodes on the reading
   * thread.
   */
  public Integer decodeThreads() {
    return decodeThreads;
  }

  /**
   * The NetCDF-4 group whose mesh to open, as a path from the root ("left", "right/detail"), or
   * null for the root. {@link ExodusFile#groups()} lists the child groups of what a file shows.
   */
  public String group() {
    return group;
  }

  /** Builds {@link ExodusOpenOptions}. */
  public static final class Builder {
    private String group;

    /**
     * Opens the mesh of the NetCDF-4 group at {@code path} ("left", "right/detail"; a leading '/'
     * is allowed) instead of the root's, as the C library's {@code ex_get_group_ids} and the group
     * ids it returns do; null or "" for the root. A file without that group (any classic file) ends
     * the open in an {@link IllegalArgumentException} naming the groups there are.
     */
    public Builder group(String path) {
      if (path == null) {
        this.group = null;
        return this;
      }
      String p = path.startsWith("/") ? path.substring(1) : path;
      if (p.endsWith("/") || p.contains("//")) {
        throw new IllegalArgumentException(
            "group path '" + path + "' has an empty name (write it as \"a/b\")");
      }
      this.group = p.isEmpty() ? null : p;
      return this;
    }

    private boolean memoryMap = true;
    private int mapWindowBytes = 1 << 30;
    private Long chunkCacheBytes;
    private Integer chunkCacheSlots;
    private Double preemption;
    private Integer iteratorValues;
    private Executor decodeExecutor;
    private boolean lockReads;
    private Integer decodeThreads;

    private Builder() {}

    /** See {@link ExodusOpenOptions#lockReads()}. */
    public Builder lockReads(boolean on) {
      this.lockReads = on;
      return this;
    }

    /**
     * Threads decoding chunks in parallel (1: none); see {@link ExodusOpenOptions#decodeThreads}.
     */
    public Builder decodeThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("decodeThreads " + threads + " is below 1");
      }
      this.decodeThreads = threads;
      return this;
    }

    public Builder memoryMap(boolean on) {
      this.memoryMap = on;
      return this;
    }

    /** A power of two of at least 16; small values exist to test window boundaries. */
    public Builder mapWindowBytes(int bytes) {
      if (bytes < 16 || Integer.bitCount(bytes) != 1) {
        throw new IllegalArgumentException(
            "mapWindowBytes must be a power of two of at least 16, got " + bytes);
      }
      this.mapWindowBytes = bytes;
      return this;
    }

    public Builder chunkCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("chunkCacheBytes " + bytes + " is negative");
      }
      this.chunkCacheBytes = bytes;
      return this;
    }

    public Builder chunkCacheSlots(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("chunkCacheSlots " + slots + " is negative");
      }
      this.chunkCacheSlots = slots;
      return this;
    }

    public Builder preemption(double w0) {
      if (!(w0 >= 0 && w0 <= 1)) {
        throw new IllegalArgumentException("preemption " + w0 + " is not in [0, 1]");
      }
      this.preemption = w0;
      return this;
    }

    public Builder iteratorValues(int values) {
      if (values <= 0) {
        throw new IllegalArgumentException("iteratorValues " + values + " must be positive");
      }
      this.iteratorValues = values;
      return this;
    }

    /** Decodes chunks of one read in parallel on {@code executor}; no hidden thread pools. */
    public Builder decodeExecutor(Executor executor) {
      this.decodeExecutor = executor;
      return this;
    }

    public ExodusOpenOptions build() {
      return new ExodusOpenOptions(this);
    }
  }
}
