package org.exodusj.bench;

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
import ucar.ma2.InvalidRangeException;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The same reads as {@link ReadPathsBenchmark} through netcdf-java 4.5.5 (pure Java, the library
 * Java users would otherwise pick), the way its users do: {@code Variable.read} into an {@code
 * Array}, then {@code get1DJavaArray} for a Java array. Variable caching is off so that every
 * operation reads. netcdf-java 4.5.5 does not read CDF-5, so that format is not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NetcdfJavaBaseline {
  @Param({"9", "199"})
  public int n;

  @Param({"cdf2", "nc4", "nc4-deflate-shuffle", "nc4-time-chunked"})
  public String format;

  private NetcdfFile nc;
  private Variable[] coord;
  private Variable connect;
  private Variable[] nodalVars;
  private Variable elemVar;
  private int nodes;

  @Setup(Level.Trial)
  public void open() throws IOException, InterruptedException {
    nc = NetcdfFile.open(BenchFiles.mesh(n, format).toString());
    coord = new Variable[] {var("coordx"), var("coordy"), var("coordz")};
    connect = var("connect1");
    nodalVars = new Variable[BenchFiles.NODAL_VARS];
    for (int v = 0; v < nodalVars.length; v++) nodalVars[v] = var("vals_nod_var" + (v + 1));
    elemVar = var("vals_elem_var1eb1");
    nodes = coord[0].getShape()[0];
  }

  private Variable var(String name) {
    Variable v = nc.findVariable(name);
    if (v == null) throw new IllegalStateException(nc.getLocation() + ": no " + name);
    v.setCaching(false);
    return v;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    nc.close();
  }

  @Benchmark
  public void coordinates(Blackhole bh) throws IOException {
    for (Variable v : coord) bh.consume(v.read().get1DJavaArray(double.class));
  }

  @Benchmark
  public Object connectivity() throws IOException {
    return connect.read().get1DJavaArray(int.class);
  }

  @Benchmark
  public Object nodalStep() throws IOException, InvalidRangeException {
    return nodalVars[0].read(new int[] {2, 0}, new int[] {1, nodes}).get1DJavaArray(double.class);
  }

  @Benchmark
  public void allNodal(Blackhole bh) throws IOException, InvalidRangeException {
    for (Variable v : nodalVars) {
      for (int s = 0; s < BenchFiles.STEPS; s++) {
        bh.consume(v.read(new int[] {s, 0}, new int[] {1, nodes}).get1DJavaArray(double.class));
      }
    }
  }

  @Benchmark
  public void elementVar(Blackhole bh) throws IOException, InvalidRangeException {
    int elements = elemVar.getShape()[1];
    for (int s = 0; s < BenchFiles.STEPS; s++) {
      bh.consume(
          elemVar.read(new int[] {s, 0}, new int[] {1, elements}).get1DJavaArray(double.class));
    }
  }

  @Benchmark
  public Object nodeHistory() throws IOException, InvalidRangeException {
    return nodalVars[0]
        .read(new int[] {0, nodes / 2}, new int[] {BenchFiles.STEPS, 1})
        .get1DJavaArray(double.class);
  }
}
