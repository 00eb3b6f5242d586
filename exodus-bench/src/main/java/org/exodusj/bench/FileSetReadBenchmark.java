package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusOpenOptions;
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
 * How reads of a decomposed set ({@link ExodusFileSet}) scale with the threads its pieces are read
 * on: one nodal variable at one step and one element variable at one step, all entries, into a
 * caller buffer. The set is exgen's 100^3 mesh (1,030,301 nodes, 5 steps, 3 nodal variables) in 16
 * slabs with Nemesis maps, written once by the C library with {@code exslabs} (built with gcc from
 * {@code exodusj.bench.exslabs}, default {@code exodus-cli/src/test/c/exslabs.c}, against
 * libexodusII) into {@code exodusj.bench.dir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FileSetReadBenchmark {
  @Param({"1", "2", "4"})
  public int threads;

  private ExecutorService pool;
  private ExodusFileSet set;
  private double[] nodal;
  private double[] elem;
  private Block block;
  private long step;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Path base = slabs();
    pool = Executors.newFixedThreadPool(threads);
    set =
        ExodusFileSet.open(ExodusFileSet.piecesOf(base), ExodusOpenOptions.DEFAULT, pool, 1 << 16);
    nodal = new double[(int) set.nodeCount()];
    block = set.blocks().get(0);
    elem = new double[(int) block.entryCount()];
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    set.close();
    pool.shutdown();
  }

  @Benchmark
  public double nodalStep() throws IOException {
    step = (step + 1) % set.timeStepCount();
    set.readNodalVariable(1, step, 0, nodal.length, nodal, 0);
    return nodal[nodal.length - 1];
  }

  @Benchmark
  public double elementStep() throws IOException {
    step = (step + 1) % set.timeStepCount();
    set.readVariable(EntityType.ELEM_BLOCK, 0, block.id(), step, 0, elem.length, elem, 0);
    return elem[elem.length - 1];
  }

  /** The 16 pieces, made once by exslabs. */
  static synchronized Path slabs() throws IOException, InterruptedException {
    Path dir =
        Path.of(
            System.getProperty(
                "exodusj.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "exodusj-bench").toString()));
    Files.createDirectories(dir);
    Path base = dir.resolve("slabs-100.e");
    if (Files.exists(dir.resolve("slabs-100.e.16.15"))) return base;
    Path src =
        Path.of(System.getProperty("exodusj.bench.exslabs", "exodus-cli/src/test/c/exslabs.c"));
    Path exe = dir.resolve("exslabs");
    run("gcc", "-O2", "-o", exe.toString(), src.toString(), "-lexoIIv2c", "-lnetcdf");
    run(exe.toString(), base.toString(), "100", "100", "100", "5", "3", "16");
    return base;
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(
          String.join(" ", cmd) + " failed (are gcc and libexodusii-dev installed?)");
    }
  }
}
