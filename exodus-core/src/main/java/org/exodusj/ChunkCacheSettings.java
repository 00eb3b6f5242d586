package org.exodusj;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * The chunk cache and streaming sizes chosen for where the program runs, each with the reason it
 * was chosen. NetCDF-4 (HDF5) files use the cache; {@link ValueChunks} use the iterator length by
 * default.
 *
 * <p>The node type comes from the batch system's environment: a <b>compute</b> node when a job is
 * running ({@code SLURM_JOB_ID}, {@code PBS_JOBID}, {@code LSB_JOBID}, {@code FLUX_URI}, {@code
 * JOB_ID} with {@code SGE_ROOT}, {@code COBALT_JOBID}), a <b>login</b> node when a scheduler is
 * configured but no job runs ({@code SLURM_CONF}, {@code PBS_SERVER}, {@code PBS_HOME}, {@code
 * LSF_ENVDIR}, {@code FLUX_EXEC_PATH}, {@code SGE_ROOT}), unknown otherwise. Defaults by node type:
 * cache 4 MiB login, 128 MiB compute, 16 MiB unknown; iterator chunks of 64 Ki, 1 Mi and 256 Ki
 * values. Neither exceeds 1/4 of the JVM's maximum heap nor 1/8 of the container's memory limit.
 * Threads decoding NetCDF-4 chunks in parallel: 1 (none) on a login node, the processors the JVM
 * may use (what the job was given) on a compute node, at most 4 of them otherwise; reads of less
 * than 256 KiB of chunks are decoded on the reading thread regardless.
 *
 * <p>Every value can be set, in this order of precedence: {@link ExodusOpenOptions}, system
 * properties ({@code exodusj.cache.bytes}, {@code exodusj.cache.slots}, {@code
 * exodusj.cache.preemption}, {@code exodusj.iterator.values}, {@code exodusj.decode.threads}),
 * environment variables ({@code EXODUSJ_CACHE_BYTES}, {@code EXODUSJ_CACHE_SLOTS}, {@code
 * EXODUSJ_CACHE_PREEMPTION}, {@code EXODUSJ_ITERATOR_VALUES}, {@code EXODUSJ_DECODE_THREADS}).
 */
public record ChunkCacheSettings(
    String nodeType,
    String nodeTypeReason,
    long cacheBytes,
    String cacheBytesReason,
    int cacheSlots,
    String cacheSlotsReason,
    double preemption,
    String preemptionReason,
    int iteratorValues,
    String iteratorValuesReason,
    int decodeThreads,
    String decodeThreadsReason) {

  /**
   * The settings before decode threads were part of them: decoding on the reading thread only.
   *
   * @deprecated since 0.2: use the canonical constructor, which says how many threads decode
   */
  @Deprecated
  public ChunkCacheSettings(
      String nodeType,
      String nodeTypeReason,
      long cacheBytes,
      String cacheBytesReason,
      int cacheSlots,
      String cacheSlotsReason,
      double preemption,
      String preemptionReason,
      int iteratorValues,
      String iteratorValuesReason) {
    this(
        nodeType,
        nodeTypeReason,
        cacheBytes,
        cacheBytesReason,
        cacheSlots,
        cacheSlotsReason,
        preemption,
        preemptionReason,
        iteratorValues,
        iteratorValuesReason,
        1,
        "given without decode threads: the reading thread decodes");
  }

  /** The settings for {@code options} in this JVM, its system properties and environment. */
  public static ChunkCacheSettings resolve(ExodusOpenOptions options) {
    Properties system = System.getProperties();
    Map<String, String> env = System.getenv();
    long maxHeap = Runtime.getRuntime().maxMemory();
    long container = CacheSizing.containerMemoryLimit();
    // Every open resolves its settings: the last result is kept for the same inputs (the options
    // object, which is immutable, the properties read, the environment, the memory limits and the
    // processors), so that an open does not join the reasons' texts again.
    Object[] inputs = CacheSizing.inputs(options, system, env, maxHeap, container);
    Resolved last = lastResolved;
    if (last != null && Arrays.equals(last.inputs, inputs)) {
      return last.settings;
    }
    ChunkCacheSettings s = resolve(options, system, env, maxHeap, container);
    lastResolved = new Resolved(inputs, s);
    return s;
  }

  private record Resolved(Object[] inputs, ChunkCacheSettings settings) {}

  private static volatile Resolved lastResolved;

  /** The settings for explicit inputs (for tests and tools that simulate another machine). */
  public static ChunkCacheSettings resolve(
      ExodusOpenOptions options,
      Properties system,
      Map<String, String> env,
      long maxHeap,
      long containerLimit) {
    return CacheSizing.resolve(options, system, env, maxHeap, containerLimit);
  }
}
