package org.exodusj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Resolves {@link ChunkCacheSettings}: node type, defaults, caps and overrides with reasons. */
final class CacheSizing {
  static final List<String> COMPUTE_VARS =
      List.of("SLURM_JOB_ID", "PBS_JOBID", "LSB_JOBID", "FLUX_URI", "COBALT_JOBID");
  static final List<String> LOGIN_VARS =
      List.of("SLURM_CONF", "PBS_SERVER", "PBS_HOME", "LSF_ENVDIR", "FLUX_EXEC_PATH", "SGE_ROOT");

  /** netCDF-C's defaults for the number of slots and the preemption policy. */
  static final int DEFAULT_SLOTS = 4133;

  static final double DEFAULT_PREEMPTION = 0.75;

  private CacheSizing() {}

  static ChunkCacheSettings resolve(
      ExodusOpenOptions o, Properties sys, Map<String, String> env, long maxHeap, long container) {
    String node;
    String nodeReason;
    String computeVar = first(env, COMPUTE_VARS);
    String loginVar = first(env, LOGIN_VARS);
    if (computeVar == null && env.get("JOB_ID") != null && env.get("SGE_ROOT") != null) {
      computeVar = "JOB_ID";
    }
    if (computeVar != null) {
      node = "compute";
      nodeReason = computeVar + " is set: a batch job is running";
    } else if (loginVar != null) {
      node = "login";
      nodeReason = loginVar + " is set but no job variable: a scheduler without a running job";
    } else {
      node = "unknown";
      nodeReason = "no batch-system variable is set";
    }
    long cap = maxHeap / 4;
    String capWhat = "1/4 of the maximum heap (" + maxHeap + " bytes)";
    if (container > 0 && container / 8 < cap) {
      cap = container / 8;
      capWhat = "1/8 of the container memory limit (" + container + " bytes)";
    }

    long defBytes =
        switch (node) {
          case "login" -> 4L << 20;
          case "compute" -> 128L << 20;
          default -> 16L << 20;
        };
    Choice<Long> bytes =
        choose(
            o.chunkCacheBytes(),
            sys,
            env,
            "exodusj.cache.bytes",
            "EXODUSJ_CACHE_BYTES",
            LONG,
            defBytes,
            "default for " + (node.startsWith("u") ? "an " : "a ") + node + " node");
    long cacheBytes = bytes.value;
    String bytesReason = bytes.reason;
    if (bytes.isDefault && cacheBytes > cap) {
      cacheBytes = cap;
      bytesReason += ", capped at " + capWhat;
    }
    Choice<Integer> slots =
        choose(
            o.chunkCacheSlots(),
            sys,
            env,
            "exodusj.cache.slots",
            "EXODUSJ_CACHE_SLOTS",
            INT,
            DEFAULT_SLOTS,
            "netCDF-C's default");
    Choice<Double> w0 =
        choose(
            o.preemption(),
            sys,
            env,
            "exodusj.cache.preemption",
            "EXODUSJ_CACHE_PREEMPTION",
            DOUBLE,
            DEFAULT_PREEMPTION,
            "netCDF-C's default");
    if (!(w0.value >= 0 && w0.value <= 1)) {
      throw new IllegalArgumentException(
          "preemption " + w0.value + " (" + w0.reason + ") is not in [0, 1]");
    }
    int defIter =
        switch (node) {
          case "login" -> 1 << 16;
          case "compute" -> 1 << 20;
          default -> 1 << 18;
        };
    Choice<Integer> iter =
        choose(
            o.iteratorValues(),
            sys,
            env,
            "exodusj.iterator.values",
            "EXODUSJ_ITERATOR_VALUES",
            INT,
            defIter,
            "default for " + (node.startsWith("u") ? "an " : "a ") + node + " node");
    int iterValues = iter.value;
    String iterReason = iter.reason;
    if (iter.isDefault && 8L * iterValues > cap) {
      iterValues = (int) Math.max(1024, cap / 8);
      iterReason += ", capped at " + capWhat;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int defThreads =
        switch (node) {
          case "login" -> 1;
          case "compute" -> cores;
          default -> Math.min(4, cores);
        };
    Choice<Integer> threads =
        choose(
            o.decodeThreads(),
            sys,
            env,
            "exodusj.decode.threads",
            "EXODUSJ_DECODE_THREADS",
            INT,
            defThreads,
            switch (node) {
              case "login" -> "default for a login node: decode on the reading thread";
              case "compute" -> "default for a compute node: the " + cores + " processors given";
              default -> "default for an unknown node: up to 4 of the " + cores + " processors";
            });
    if (threads.value < 1) {
      throw new IllegalArgumentException(
          "decode threads " + threads.value + " (" + threads.reason + ") is below 1");
    }
    return new ChunkCacheSettings(
        node,
        nodeReason,
        cacheBytes,
        bytesReason,
        slots.value,
        slots.reason,
        w0.value,
        w0.reason,
        iterValues,
        iterReason,
        threads.value,
        threads.reason);
  }

  private record Choice<T>(T value, String reason, boolean isDefault) {}

  /** The system properties {@link #resolve} reads. */
  private static final List<String> PROPERTIES =
      List.of(
          "exodusj.cache.bytes",
          "exodusj.cache.slots",
          "exodusj.cache.preemption",
          "exodusj.iterator.values",
          "exodusj.decode.threads");

  /**
   * Everything {@link #resolve} depends on, to compare (equal inputs give equal settings): the
   * options and the environment by identity (both immutable), the properties' values, the limits
   * and the processors.
   */
  static Object[] inputs(
      ExodusOpenOptions o, Properties sys, Map<String, String> env, long maxHeap, long container) {
    Object[] in = new Object[PROPERTIES.size() + 5];
    in[0] = new Identity(o);
    in[1] = new Identity(env);
    in[2] = maxHeap;
    in[3] = container;
    in[4] = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < PROPERTIES.size(); i++) {
      in[5 + i] = sys.getProperty(PROPERTIES.get(i));
    }
    return in;
  }

  /** Equal when it holds the same object. */
  private record Identity(Object of) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.of == of;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(of);
    }
  }

  /**
   * Parses a setting's text. Classes, not method references: the first lambda call site of a
   * process costs a few milliseconds of a short command's start (docs/benchmarks.md, "Start-up of
   * exo"), and every open resolves the settings.
   */
  private abstract static class Parser<T> {
    abstract T parse(String s);
  }

  private static final Parser<Long> LONG =
      new Parser<>() {
        @Override
        Long parse(String s) {
          return Long.parseLong(s);
        }
      };

  private static final Parser<Integer> INT =
      new Parser<>() {
        @Override
        Integer parse(String s) {
          return Integer.parseInt(s);
        }
      };

  private static final Parser<Double> DOUBLE =
      new Parser<>() {
        @Override
        Double parse(String s) {
          return Double.parseDouble(s);
        }
      };

  private static <T> Choice<T> choose(
      T option,
      Properties sys,
      Map<String, String> env,
      String property,
      String variable,
      Parser<T> parse,
      T def,
      String defReason) {
    if (option != null) {
      return new Choice<>(option, "set in the open options", false);
    }
    String p = sys.getProperty(property);
    if (p != null) {
      return new Choice<>(
          parse(parse, p, "system property " + property), "system property " + property, false);
    }
    String e = env.get(variable);
    if (e != null) {
      return new Choice<>(
          parse(parse, e, "environment variable " + variable),
          "environment variable " + variable,
          false);
    }
    return new Choice<>(def, defReason, true);
  }

  private static <T> T parse(Parser<T> parse, String s, String where) {
    try {
      return parse.parse(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " = '" + s + "' is not a number", e);
    }
  }

  private static String first(Map<String, String> env, List<String> names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isEmpty()) {
        return n;
      }
    }
    return null;
  }

  /**
   * The container's memory limit from cgroup v2 or v1 in bytes, -1 when none; read from the cgroup
   * files once per JVM (every open resolves the cache settings, and reading two files cost about 4%
   * of opening a small classic file).
   */
  static long containerMemoryLimit() {
    long v = containerLimit;
    if (v == UNREAD) {
      v = readContainerMemoryLimit();
      containerLimit = v;
    }
    return v;
  }

  private static final long UNREAD = Long.MIN_VALUE;
  private static volatile long containerLimit = UNREAD;

  private static long readContainerMemoryLimit() {
    for (String f :
        List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
      try {
        String s = Files.readString(Path.of(f)).trim();
        if (s.equals("max")) {
          return -1;
        }
        long v = Long.parseLong(s);
        return v >= (1L << 60) ? -1 : v;
      } catch (IOException | NumberFormatException | SecurityException e) {
        // not in a container, or not readable: try the next
      }
    }
    return -1;
  }
}
