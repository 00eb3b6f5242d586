package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.exodusj.internal.cache.DecodePool;
import org.junit.jupiter.api.Test;

class CacheSizingTest {
  static final long BIG_HEAP = 32L << 30;

  static ChunkCacheSettings resolve(Map<String, String> env) {
    return ChunkCacheSettings.resolve(
        ExodusOpenOptions.DEFAULT, new Properties(), env, BIG_HEAP, -1);
  }

  @Test
  void nodeTypeFromTheBatchEnvironment() {
    assertEquals(
        "compute",
        resolve(Map.of("SLURM_JOB_ID", "42", "SLURM_CONF", "/etc/slurm.conf")).nodeType());
    assertEquals("compute", resolve(Map.of("PBS_JOBID", "7.server")).nodeType());
    assertEquals("compute", resolve(Map.of("LSB_JOBID", "9")).nodeType());
    assertEquals("compute", resolve(Map.of("FLUX_URI", "local:///run/flux")).nodeType());
    assertEquals("compute", resolve(Map.of("JOB_ID", "3", "SGE_ROOT", "/opt/sge")).nodeType());
    assertEquals("login", resolve(Map.of("SLURM_CONF", "/etc/slurm.conf")).nodeType());
    assertEquals("login", resolve(Map.of("PBS_SERVER", "head")).nodeType());
    assertEquals("login", resolve(Map.of("LSF_ENVDIR", "/etc/lsf")).nodeType());
    assertEquals("login", resolve(Map.of("FLUX_EXEC_PATH", "/usr/libexec/flux")).nodeType());
    assertEquals("unknown", resolve(Map.of("HOME", "/root")).nodeType());
    ChunkCacheSettings s = resolve(Map.of("SLURM_JOB_ID", "42"));
    assertTrue(s.nodeTypeReason().contains("SLURM_JOB_ID"), s.nodeTypeReason());
  }

  @Test
  void settingsFromTheEnvironmentAndPropertiesParsedByTheirType() {
    ChunkCacheSettings s =
        resolve(
            Map.of(
                "EXODUSJ_CACHE_BYTES", " 123456789012 ",
                "EXODUSJ_CACHE_SLOTS", "77",
                "EXODUSJ_CACHE_PREEMPTION", "0.25",
                "EXODUSJ_ITERATOR_VALUES", "5000",
                "EXODUSJ_DECODE_THREADS", "3"));
    assertEquals(123456789012L, s.cacheBytes());
    assertEquals(77, s.cacheSlots());
    assertEquals(0.25, s.preemption());
    assertEquals(5000, s.iteratorValues());
    assertEquals(3, s.decodeThreads());
    assertEquals("environment variable EXODUSJ_CACHE_SLOTS", s.cacheSlotsReason());
    Properties p = new Properties();
    p.setProperty("exodusj.cache.preemption", "1");
    assertEquals(
        1.0,
        ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT, p, Map.of(), BIG_HEAP, -1)
            .preemption());
    // text that is not a number of the setting's type, named with the place it came from
    for (String[] bad :
        new String[][] {
          {"EXODUSJ_CACHE_BYTES", "12MB"},
          {"EXODUSJ_CACHE_SLOTS", "1e3"},
          {"EXODUSJ_CACHE_PREEMPTION", "half"},
          {"EXODUSJ_ITERATOR_VALUES", "99999999999"},
          {"EXODUSJ_DECODE_THREADS", "2.5"}
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(bad[0], bad[1])));
      assertEquals(
          "environment variable " + bad[0] + " = '" + bad[1] + "' is not a number", e.getMessage());
    }
    p.setProperty("exodusj.cache.preemption", "x");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT, p, Map.of(), BIG_HEAP, -1));
    assertEquals("system property exodusj.cache.preemption = 'x' is not a number", e.getMessage());
  }

  @Test
  void defaultsByNodeType() {
    assertEquals(4L << 20, resolve(Map.of("SLURM_CONF", "x")).cacheBytes());
    assertEquals(128L << 20, resolve(Map.of("SLURM_JOB_ID", "1")).cacheBytes());
    assertEquals(16L << 20, resolve(Map.of()).cacheBytes());
    assertEquals(1 << 16, resolve(Map.of("SLURM_CONF", "x")).iteratorValues());
    assertEquals(1 << 20, resolve(Map.of("SLURM_JOB_ID", "1")).iteratorValues());
    assertEquals(4133, resolve(Map.of()).cacheSlots());
    assertEquals(0.75, resolve(Map.of()).preemption());
  }

  @Test
  void cappedByTheHeapAndTheContainer() {
    ChunkCacheSettings small =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.DEFAULT,
            new Properties(),
            Map.of("SLURM_JOB_ID", "1"),
            64L << 20,
            -1);
    assertEquals(16L << 20, small.cacheBytes());
    assertTrue(
        small.cacheBytesReason().contains("1/4 of the maximum heap"), small.cacheBytesReason());
    assertEquals(1 << 20, small.iteratorValues(), "8 MiB of values fits the 16 MiB cap");
    ChunkCacheSettings tiny =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.DEFAULT,
            new Properties(),
            Map.of("SLURM_JOB_ID", "1"),
            16L << 20,
            -1);
    assertEquals((4L << 20) / 8, tiny.iteratorValues());
    assertTrue(tiny.iteratorValuesReason().contains("capped"), tiny.iteratorValuesReason());
    ChunkCacheSettings box =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.DEFAULT,
            new Properties(),
            Map.of("SLURM_JOB_ID", "1"),
            BIG_HEAP,
            512L << 20);
    assertEquals(64L << 20, box.cacheBytes());
    assertTrue(box.cacheBytesReason().contains("container"), box.cacheBytesReason());
  }

  @Test
  void overridesInOrderOfPrecedence() {
    Properties sys = new Properties();
    sys.setProperty("exodusj.cache.bytes", "1000");
    Map<String, String> env =
        Map.of(
            "EXODUSJ_CACHE_BYTES",
            "2000",
            "EXODUSJ_CACHE_SLOTS",
            "77",
            "EXODUSJ_CACHE_PREEMPTION",
            "0.5",
            "SLURM_JOB_ID",
            "1");
    ChunkCacheSettings fromSys =
        ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT, sys, env, BIG_HEAP, -1);
    assertEquals(1000, fromSys.cacheBytes());
    assertEquals("system property exodusj.cache.bytes", fromSys.cacheBytesReason());
    assertEquals(77, fromSys.cacheSlots());
    assertEquals("environment variable EXODUSJ_CACHE_SLOTS", fromSys.cacheSlotsReason());
    assertEquals(0.5, fromSys.preemption());
    ChunkCacheSettings fromOptions =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.builder().chunkCacheBytes(5).iteratorValues(9).build(),
            sys,
            env,
            BIG_HEAP,
            -1);
    assertEquals(5, fromOptions.cacheBytes());
    assertEquals("set in the open options", fromOptions.cacheBytesReason());
    assertEquals(9, fromOptions.iteratorValues());
    // an explicit setting is not capped: the user asked for it
    ChunkCacheSettings big =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.builder().chunkCacheBytes(1L << 40).build(),
            new Properties(),
            Map.of(),
            64L << 20,
            -1);
    assertEquals(1L << 40, big.cacheBytes());
  }

  @Test
  void badValuesNameTheirSource() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> resolve(Map.of("EXODUSJ_CACHE_BYTES", "lots")));
    assertTrue(e.getMessage().contains("EXODUSJ_CACHE_BYTES"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> resolve(Map.of("EXODUSJ_CACHE_PREEMPTION", "2")));
  }

  @Test
  void decodeThreadsByNodeTypeAndOverrides() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(1, resolve(Map.of("SLURM_CONF", "x")).decodeThreads());
    assertEquals(cores, resolve(Map.of("SLURM_JOB_ID", "1")).decodeThreads());
    assertEquals(Math.min(4, cores), resolve(Map.of()).decodeThreads());
    ChunkCacheSettings env = resolve(Map.of("SLURM_JOB_ID", "1", "EXODUSJ_DECODE_THREADS", "3"));
    assertEquals(3, env.decodeThreads());
    assertTrue(env.decodeThreadsReason().contains("EXODUSJ_DECODE_THREADS"));
    Properties p = new Properties();
    p.setProperty("exodusj.decode.threads", "5");
    assertEquals(
        5,
        ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT, p, Map.of(), BIG_HEAP, -1)
            .decodeThreads());
    ChunkCacheSettings opt =
        ChunkCacheSettings.resolve(
            ExodusOpenOptions.builder().decodeThreads(6).build(), p, Map.of(), BIG_HEAP, -1);
    assertEquals(6, opt.decodeThreads());
    assertEquals("set in the open options", opt.decodeThreadsReason());
    assertThrows(
        IllegalArgumentException.class, () -> ExodusOpenOptions.builder().decodeThreads(0));
    assertThrows(
        IllegalArgumentException.class, () -> resolve(Map.of("EXODUSJ_DECODE_THREADS", "0")));
    // One thread: no executor, the reading thread decodes; more: the shared daemon pool.
    assertEquals(
        null,
        DecodePool.executorFor(ExodusOpenOptions.DEFAULT, resolve(Map.of("SLURM_CONF", "x"))));
    java.util.concurrent.Executor mine = Runnable::run;
    assertEquals(
        mine,
        DecodePool.executorFor(
            ExodusOpenOptions.builder().decodeExecutor(mine).build(), resolve(Map.of())));
    assertTrue(
        DecodePool.executorFor(
                ExodusOpenOptions.DEFAULT, resolve(Map.of("EXODUSJ_DECODE_THREADS", "2")))
            != null);
  }
}
