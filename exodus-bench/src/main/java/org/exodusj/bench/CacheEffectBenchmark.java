package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exodusj.CacheStatistics;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.SampleFiles;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chunk cache setting takes effect: node histories over all steps of a NetCDF-4 variable
 * chunked along time (one step per chunk, deflate + shuffle). Consecutive nodes share chunks, so a
 * cache that holds one chunk column serves them from memory; a smaller one decodes every chunk
 * again for every node. Reports time per history and the cache hit rate.
 *
 * <p>The file is generated in setup (SampleFiles, then nccopy), never committed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheEffectBenchmark {
  /** Chunk cache size in KiB. */
  @Param({"256", "4096", "65536"})
  public int cacheKiB;

  private Path dir;
  private ExodusFile file;
  private double[] history;
  private long node;
  private long steps;

  /** Cache hits and misses during measurement (JMH auxiliary counters; hit rate = hits / sum). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long hits;
    public long misses;
  }

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("exodusj-cache-bench");
    Path classic = dir.resolve("mesh.e");
    SampleFiles.writeHexMesh(classic, 40, 40, 40, 60, 1); // 68,921 nodes, 60 steps
    Path nc4 = dir.resolve("mesh-time-chunked.nc4");
    BenchFiles.nccopy(
        classic, nc4, "-k", "nc4", "-d", "1", "-s", "-c", "time_step/1,num_nodes/8192");
    file =
        ExodusFile.open(nc4, ExodusOpenOptions.builder().chunkCacheBytes(cacheKiB * 1024L).build());
    steps = file.timeStepCount();
    history = new double[(int) steps];
  }

  @Benchmark
  public double nodeHistory(Counters c) throws IOException {
    CacheStatistics before = file.cacheStatistics();
    file.readNodalVariableHistory(0, node, 0, steps, history, 0);
    node = (node + 7) % file.nodeCount();
    CacheStatistics after = file.cacheStatistics();
    c.hits += after.hits() - before.hits();
    c.misses += after.misses() - before.misses();
    return history[(int) steps - 1];
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    file.close();
    BenchFiles.deleteTree(dir);
  }
}
