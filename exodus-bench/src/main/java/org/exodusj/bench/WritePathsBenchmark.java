package org.exodusj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exodusj.BlockSpec;
import org.exodusj.Definition;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.exodusj.ExodusWriter;
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
 * The write paths from caller buffers, for the memory model (run with {@code -prof gc}): {@code
 * ExodusWriter} coordinates, connectivity and a nodal step, and {@code ExodusUpdater}'s in-place
 * write of a nodal step (with its per-write file lock) and of 1,000 nodes of it. CDF-2, the page
 * cache absorbs the writes (no sync).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class WritePathsBenchmark {
  @Param({"9", "199"})
  public int n;

  private Path dir;
  private ExodusWriter writer;
  private ExodusUpdater updater;
  private int nodes;
  private int elements;
  private double[] values;
  private int[] conn;

  @Setup(Level.Trial)
  public void create() throws IOException {
    dir = Files.createTempDirectory("exodusj-write-bench");
    nodes = (n + 1) * (n + 1) * (n + 1);
    elements = n * n * n;
    values = new double[nodes];
    for (int i = 0; i < nodes; i++) values[i] = i * 1e-3;
    conn = new int[elements * 8];
    for (int i = 0; i < conn.length; i++) conn[i] = 1 + (i % nodes);
    writer = ExodusWriter.create(dir.resolve("w.e"), definition());
    writer.beginStep(0.0);
    writer.writeNodalVariable(0, 0, 0, nodes, values, 0);
    writer.commitStep();
    Path u = dir.resolve("u.e");
    try (ExodusWriter w = ExodusWriter.create(u, definition())) {
      w.beginStep(0.0);
      w.writeNodalVariable(0, 0, 0, nodes, values, 0);
      w.commitStep();
    }
    updater = ExodusUpdater.open(u);
  }

  private Definition definition() {
    return ExodusWriter.define(ExodusFormat.CDF2, "write benchmark", 3, nodes)
        .coordinateNames("x", "y", "z")
        .block(BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", elements, 8))
        .nodalVariables("field_1");
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    writer.close();
    updater.close();
    BenchFiles.deleteTree(dir);
  }

  @Benchmark
  public void writerCoordinatesFromBuffer() throws IOException {
    for (int axis = 0; axis < 3; axis++) writer.writeCoordinates(axis, 0, nodes, values, 0);
  }

  @Benchmark
  public void writerConnectivityFromBuffer() throws IOException {
    writer.writeConnectivity(EntityType.ELEM_BLOCK, 10, 0, elements, conn, 0);
  }

  @Benchmark
  public void writerNodalStepFromBuffer() throws IOException {
    writer.writeNodalVariable(0, 0, 0, nodes, values, 0);
  }

  @Benchmark
  public void updaterNodalStepInPlace() throws IOException {
    updater.writeNodalVariable(0, 0, 0, nodes, values, 0);
  }

  @Benchmark
  public void updaterThousandNodesInPlace() throws IOException {
    updater.writeNodalVariable(0, 0, nodes / 2 - 500, Math.min(1000, nodes), values, 0);
  }
}
