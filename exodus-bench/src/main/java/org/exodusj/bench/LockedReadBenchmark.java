package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.SampleFiles;
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
 * What {@code ExodusOpenOptions.lockReads(true)} costs: one nodal-variable read into a caller
 * buffer of {@code values} values from a CDF-2 file, with and without the shared lock per read
 * (docs/reliability.md). The file is generated in setup, never committed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockedReadBenchmark {
  @Param({"false", "true"})
  public boolean lockReads;

  @Param({"1", "1000", "68921"})
  public int values;

  private Path dir;
  private ExodusFile file;
  private double[] dst;
  private long start;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("exodusj-lock-bench");
    Path f = dir.resolve("mesh.e");
    SampleFiles.writeHexMesh(f, 40, 40, 40, 2, 1); // 68,921 nodes
    file = ExodusFile.open(f, ExodusOpenOptions.builder().lockReads(lockReads).build());
    dst = new double[values];
  }

  @Benchmark
  public double read() throws IOException {
    file.readNodalVariable(0, 1, start, values, dst, 0);
    start = (start + 7919) % (file.nodeCount() - values + 1);
    return dst[0];
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    file.close();
    BenchFiles.deleteTree(dir);
  }
}
