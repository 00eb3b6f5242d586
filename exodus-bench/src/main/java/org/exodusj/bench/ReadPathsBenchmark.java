package org.exodusj.bench;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ValueChunks;
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
 * Every read path of exodus-java, each way it can be taken: into a caller buffer ({@code
 * IntoBuffer}), as a zero-copy view ({@code View}; an empty Optional where the bytes do not allow
 * one: compressed or chunked storage), through a streaming iterator ({@code Iterator}) and with the
 * allocating convenience method ({@code Allocating}). Run with {@code -prof gc}: the bytes
 * allocated per operation are the copies this library makes (docs/benchmarks.md).
 *
 * <p>The mesh: {@code (n+1)^3} nodes, {@code n^3} HEX8 elements, 5 steps of 3 nodal variables and
 * one element variable ({@link BenchFiles#mesh}). n = 9 is 1,000 nodes, n = 199 is 8,000,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReadPathsBenchmark {
  @Param({"9", "199"})
  public int n;

  @Param({"cdf2", "cdf5", "nc4", "nc4-deflate-shuffle", "nc4-time-chunked"})
  public String format;

  private ExodusFile f;
  private Block block;
  private int nodes;
  private int elements;
  private double[][] coords;
  private int[] conn;
  private double[] nodal;
  private double[] element;
  private double[] history;

  @Setup(Level.Trial)
  public void open() throws IOException, InterruptedException {
    f = ExodusFile.open(BenchFiles.mesh(n, format));
    block = f.block(EntityType.ELEM_BLOCK, 10);
    nodes = Math.toIntExact(f.nodeCount());
    elements = Math.toIntExact(block.entryCount());
    coords = new double[3][nodes];
    conn = new int[elements * 8];
    nodal = new double[nodes];
    element = new double[elements];
    history = new double[BenchFiles.STEPS];
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    f.close();
  }

  // ---- coordinates ---------------------------------------------------------------------------

  @Benchmark
  public double[][] coordinatesIntoBuffer() throws IOException {
    for (int axis = 0; axis < 3; axis++) f.readCoordinates(axis, 0, nodes, coords[axis], 0);
    return coords;
  }

  @Benchmark
  public void coordinatesView(Blackhole bh) throws IOException {
    for (int axis = 0; axis < 3; axis++) bh.consume(f.coordinateView(axis));
  }

  @Benchmark
  public void coordinatesAllocating(Blackhole bh) throws IOException {
    for (int axis = 0; axis < 3; axis++) bh.consume(f.coordinates(axis));
  }

  // ---- connectivity --------------------------------------------------------------------------

  @Benchmark
  public int[] connectivityIntoBuffer() throws IOException {
    f.readConnectivity(block, 0, elements, conn, 0);
    return conn;
  }

  @Benchmark
  public Object connectivityView() throws IOException {
    return f.connectivityViewInts(block);
  }

  @Benchmark
  public long[] connectivityAllocating() throws IOException {
    return f.connectivity(block);
  }

  // ---- one step of a nodal variable ----------------------------------------------------------

  @Benchmark
  public double[] nodalStepIntoBuffer() throws IOException {
    f.readNodalVariable(0, 2, 0, nodes, nodal, 0);
    return nodal;
  }

  @Benchmark
  public Optional<DoubleBuffer> nodalStepView() throws IOException {
    return f.nodalVariableView(0, 2);
  }

  @Benchmark
  public void nodalStepIterator(Blackhole bh) throws IOException {
    try (ValueChunks c = f.nodalVariableChunks(0, 2, 1)) {
      while (c.next()) bh.consume(c.values());
    }
  }

  @Benchmark
  public double[] nodalStepAllocating() throws IOException {
    return f.nodalVariable(0, 2);
  }

  // ---- all steps of all nodal variables ------------------------------------------------------

  @Benchmark
  public double[] allNodalIntoBuffer() throws IOException {
    for (int v = 0; v < BenchFiles.NODAL_VARS; v++) {
      for (int s = 0; s < BenchFiles.STEPS; s++) f.readNodalVariable(v, s, 0, nodes, nodal, 0);
    }
    return nodal;
  }

  @Benchmark
  public void allNodalView(Blackhole bh) throws IOException {
    for (int v = 0; v < BenchFiles.NODAL_VARS; v++) {
      for (int s = 0; s < BenchFiles.STEPS; s++) bh.consume(f.nodalVariableView(v, s));
    }
  }

  @Benchmark
  public void allNodalIterator(Blackhole bh) throws IOException {
    for (int v = 0; v < BenchFiles.NODAL_VARS; v++) {
      try (ValueChunks c = f.nodalVariableChunks(v, 0, BenchFiles.STEPS)) {
        while (c.next()) bh.consume(c.values());
      }
    }
  }

  @Benchmark
  public void allNodalAllocating(Blackhole bh) throws IOException {
    for (int v = 0; v < BenchFiles.NODAL_VARS; v++) {
      for (int s = 0; s < BenchFiles.STEPS; s++) bh.consume(f.nodalVariable(v, s));
    }
  }

  // ---- the element variable, all steps -------------------------------------------------------

  @Benchmark
  public double[] elementVarIntoBuffer() throws IOException {
    for (int s = 0; s < BenchFiles.STEPS; s++) {
      f.readVariable(EntityType.ELEM_BLOCK, 0, 10, s, 0, elements, element, 0);
    }
    return element;
  }

  @Benchmark
  public void elementVarView(Blackhole bh) throws IOException {
    for (int s = 0; s < BenchFiles.STEPS; s++) {
      bh.consume(f.variableView(EntityType.ELEM_BLOCK, 0, 10, s));
    }
  }

  @Benchmark
  public void elementVarIterator(Blackhole bh) throws IOException {
    try (ValueChunks c =
        f.variableChunks(EntityType.ELEM_BLOCK, 0, 10, 0, BenchFiles.STEPS, 1 << 18)) {
      while (c.next()) bh.consume(c.values());
    }
  }

  @Benchmark
  public void elementVarAllocating(Blackhole bh) throws IOException {
    for (int s = 0; s < BenchFiles.STEPS; s++) {
      bh.consume(f.variable(EntityType.ELEM_BLOCK, 0, 10, s));
    }
  }

  // ---- one node's history --------------------------------------------------------------------

  @Benchmark
  public double[] nodeHistoryIntoBuffer() throws IOException {
    f.readNodalVariableHistory(0, nodes / 2, 0, BenchFiles.STEPS, history, 0);
    return history;
  }
}
