package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exodusj.Block;
import org.exodusj.EntityType;
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
 * The real workloads, as {@code side-by-side.sh workloads} runs them against the C library (its
 * twins are in {@code c/exwork.c}); run with {@code -prof gc} for the bytes allocated per
 * operation:
 *
 * <ul>
 *   <li>{@code history}: open, every nodal (9) and element (1) variable's history of one entry over
 *       800 steps, close; layouts: NetCDF-4 deflate 5 + shuffle in chunks of 1 step x 8 nodes (the
 *       MOOSE-like tiny chunks), the same with one step per chunk, and CDF-2; cache default or off
 *   <li>{@code windows}: open, 20 windows of 1000 nodes of one step (227 K nodes), close; NetCDF-4
 *       deflate 1 + shuffle with one step per chunk, and CDF-2
 *   <li>{@code openSmall}: open a 110 KB CDF-2 file, read its sizes, close
 *   <li>{@code openManyBlocks}: the same for a 3.5 MB CDF-2 file with 5,000 element blocks, 2,000
 *       node sets and 2,000 side sets, every one named (the file of {@code c/exmany.c}, written by
 *       the project's writer)
 *   <li>{@code compressedStepIntoBuffer}: one step of a nodal variable (227 K values, one chunk)
 *       into a caller buffer from a file kept open; the cache holds the chunk or not (the
 *       allocation per call is what {@code -prof gc} shows)
 * </ul>
 *
 * <p>Files are generated once (SampleFiles, then nccopy) into {@code exodusj.bench.dir}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkloadBenchmark {
  static synchronized Path file(String name) throws IOException, InterruptedException {
    Path dir =
        Path.of(
            System.getProperty(
                "exodusj.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "exodusj-bench").toString()));
    Files.createDirectories(dir);
    Path out = dir.resolve("workload-" + name + ".e");
    if (Files.exists(out)) {
      return out;
    }
    Path tmp = dir.resolve(out.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    switch (name) {
      case "hist-cdf2" -> SampleFiles.writeHexMesh(tmp, 10, 10, 10, 800, 9);
      case "hist-nc4-d5-1x8" ->
          BenchFiles.nccopy(
              file("hist-cdf2"),
              tmp,
              "-k",
              "nc4",
              "-d",
              "5",
              "-s",
              "-c",
              "time_step/1,num_nodes/8");
      case "hist-nc4-d5-step" ->
          BenchFiles.nccopy(
              file("hist-cdf2"), tmp, "-k", "nc4", "-d", "5", "-s", "-c", "time_step/1");
      case "win-cdf2" -> SampleFiles.writeHexMesh(tmp, 60, 60, 60, 5, 3);
      case "win-nc4-d1-step" ->
          BenchFiles.nccopy(
              file("win-cdf2"), tmp, "-k", "nc4", "-d", "1", "-s", "-c", "time_step/1");
      case "small-cdf2" -> SampleFiles.writeHexMesh(tmp, 9, 9, 9, 2, 3);
      case "many-cdf2" -> BenchFiles.writeManyBlocks(tmp, 5000, 2000, 2000);
      default -> throw new IllegalArgumentException(name);
    }
    Files.move(tmp, out);
    return out;
  }

  static ExodusOpenOptions options(String cache) {
    return cache.equals("off")
        ? ExodusOpenOptions.builder().chunkCacheBytes(0).build()
        : ExodusOpenOptions.DEFAULT;
  }

  /** The history files. */
  @State(Scope.Benchmark)
  public static class Histories {
    @Param({"nc4-d5-1x8", "nc4-d5-step", "cdf2"})
    public String layout;

    @Param({"default", "off"})
    public String cache;

    Path path;
    ExodusOpenOptions options;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      path = file("hist-" + layout);
      options = options(cache);
    }
  }

  /** The window files. */
  @State(Scope.Benchmark)
  public static class Windows {
    @Param({"nc4-d1-step", "cdf2"})
    public String layout;

    Path path;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      path = file("win-" + layout);
    }
  }

  /** The small classic file. */
  @State(Scope.Benchmark)
  public static class Small {
    Path path;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      path = file("small-cdf2");
    }
  }

  /** The classic file with 5,000 element blocks, 2,000 node sets and 2,000 side sets. */
  @State(Scope.Benchmark)
  public static class Many {
    Path path;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      path = file("many-cdf2");
    }
  }

  /** A compressed file kept open. */
  @State(Scope.Benchmark)
  public static class OpenCompressed {
    @Param({"default", "off"})
    public String cache;

    ExodusFile file;
    double[] step;
    long next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      file = ExodusFile.open(file("win-nc4-d1-step"), options(cache));
      step = new double[(int) file.nodeCount()];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      file.close();
    }
  }

  @Benchmark
  public double history(Histories h) throws IOException {
    double sum = 0;
    try (ExodusFile f = ExodusFile.open(h.path, h.options)) {
      long steps = f.timeStepCount();
      double[] buf = new double[(int) steps];
      int nv = f.variableNames(EntityType.NODAL).size();
      for (int v = 0; v < nv; v++) {
        f.readNodalVariableHistory(v, f.nodeCount() / 2, 0, steps, buf, 0);
        sum += buf[(int) steps - 1];
      }
      Block b = f.blocks(EntityType.ELEM_BLOCK).get(0);
      int ev = f.variableNames(EntityType.ELEM_BLOCK).size();
      for (int v = 0; v < ev; v++) {
        f.readVariableHistory(
            EntityType.ELEM_BLOCK, v, b.id(), f.elementCount() / 2, 0, steps, buf, 0);
        sum += buf[(int) steps - 1];
      }
    }
    return sum;
  }

  @Benchmark
  public double windows(Windows w) throws IOException {
    double sum = 0;
    try (ExodusFile f = ExodusFile.open(w.path)) {
      long steps = f.timeStepCount();
      double[] buf = new double[1000];
      long lcg = 12345;
      for (int i = 0; i < 20; i++) {
        lcg = lcg * 6364136223846793005L + 1442695040888963407L;
        long start = Long.remainderUnsigned(lcg >>> 33, f.nodeCount() - 1000);
        f.readNodalVariable(0, steps - 1, start, 1000, buf, 0);
        sum += buf[999];
      }
    }
    return sum;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long openSmall(Small s) throws IOException {
    try (ExodusFile f = ExodusFile.open(s.path)) {
      return f.nodeCount()
          + f.elementCount()
          + f.blocks(EntityType.ELEM_BLOCK).size()
          + f.sets(EntityType.NODE_SET).size()
          + f.sets(EntityType.SIDE_SET).size();
    }
  }

  @Benchmark
  public long openManyBlocks(Many m) throws IOException {
    try (ExodusFile f = ExodusFile.open(m.path)) {
      return f.nodeCount()
          + f.elementCount()
          + f.blocks(EntityType.ELEM_BLOCK).size()
          + f.sets(EntityType.NODE_SET).size()
          + f.sets(EntityType.SIDE_SET).size();
    }
  }

  @Benchmark
  public double compressedStepIntoBuffer(OpenCompressed o) throws IOException {
    long s = o.next++ % o.file.timeStepCount();
    o.file.readNodalVariable(0, s, 0, o.step.length, o.step, 0);
    return o.step[o.step.length - 1];
  }
}
