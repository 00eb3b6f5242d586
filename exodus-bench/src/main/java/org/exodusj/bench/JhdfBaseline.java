package org.exodusj.bench;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The NetCDF-4 reads of {@link ReadPathsBenchmark} through jHDF's own API ({@code getData()}, and
 * {@code getData(offset, shape)} for a slice), the library exodus-java builds its NetCDF-4 backend
 * on: the difference is what this project's chunk decoding, cache and caller buffers add.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JhdfBaseline {
  @Param({"9", "199"})
  public int n;

  @Param({"nc4", "nc4-deflate-shuffle", "nc4-time-chunked"})
  public String format;

  private HdfFile h;
  private Dataset[] coord;
  private Dataset connect;
  private Dataset[] nodalVars;
  private Dataset elemVar;
  private int nodes;

  @Setup(Level.Trial)
  public void open() throws IOException, InterruptedException {
    h = new HdfFile(BenchFiles.mesh(n, format));
    coord = new Dataset[] {ds("coordx"), ds("coordy"), ds("coordz")};
    connect = ds("connect1");
    nodalVars = new Dataset[BenchFiles.NODAL_VARS];
    for (int v = 0; v < nodalVars.length; v++) nodalVars[v] = ds("vals_nod_var" + (v + 1));
    elemVar = ds("vals_elem_var1eb1");
    nodes = coord[0].getDimensions()[0];
  }

  private Dataset ds(String name) {
    return h.getDatasetByPath("/" + name);
  }

  @TearDown(Level.Trial)
  public void close() {
    h.close();
  }

  @Benchmark
  public void coordinates(Blackhole bh) {
    for (Dataset d : coord) bh.consume(d.getData());
  }

  @Benchmark
  public Object connectivity() {
    return connect.getData();
  }

  @Benchmark
  public Object nodalStep() {
    return nodalVars[0].getData(new long[] {2, 0}, new int[] {1, nodes});
  }

  /** Each variable whole: {@code double[steps][nodes]}, as a jHDF user would read it. */
  @Benchmark
  public void allNodal(Blackhole bh) {
    for (Dataset d : nodalVars) bh.consume(d.getData());
  }

  @Benchmark
  public Object elementVar() {
    return elemVar.getData();
  }

  @Benchmark
  public Object nodeHistory() {
    return nodalVars[0].getData(new long[] {0, nodes / 2}, new int[] {BenchFiles.STEPS, 1});
  }
}
