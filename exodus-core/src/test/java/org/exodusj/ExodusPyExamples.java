package org.exodusj;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three exodus.py-style workflows of docs/exodus-py.md, verbatim between the markers (the test
 * checks that the page holds exactly this code, then runs it against the C library).
 */
final class ExodusPyExamples {
  private ExodusPyExamples() {}

  // ---- example 1 ----
  /** The summary, then min, max and mean of every variable at the last step, per block. */
  static void summaryAndStatistics(Path file, PrintWriter out) throws IOException {
    try (ExodusFile f = ExodusFile.open(file)) {
      out.print(f.summary());
      long last = f.timeStepCount() - 1;
      if (last < 0) return;
      for (String name : f.variableNames(EntityType.NODAL)) {
        out.println("stats nodal " + name + " " + stats(f.nodalVariableBuffer(name, last)));
      }
      for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
        for (String name : f.variableNames(EntityType.ELEM_BLOCK)) {
          int var = f.variableIndex(EntityType.ELEM_BLOCK, name);
          if (!f.hasVariable(EntityType.ELEM_BLOCK, var, b.id())) continue; // truth table
          java.nio.DoubleBuffer v = f.variableBuffer(EntityType.ELEM_BLOCK, name, b.id(), last);
          out.println("stats elem_block " + b.id() + " " + name + " " + stats(v));
        }
      }
    }
  }

  static String stats(java.nio.DoubleBuffer v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int i = 0; i < v.limit(); i++) {
      double x = v.get(i);
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    return min + " " + max + " " + sum / v.limit();
  }

  // ---- end ----

  // ---- example 2 ----
  /** Copies the mesh of {@code in} and adds two nodal variables over three steps (copyTransfer). */
  static void copyAndAddNodalVariables(Path in, Path out) throws IOException {
    try (ExodusFile src = ExodusFile.open(in)) {
      Definition d = ExodusWriter.defineLike(src).nodalVariables("temperature", "pressure");
      try (ExodusWriter w = ExodusWriter.create(out, d)) {
        w.copyMesh(src);
        double[][] xyz = src.coordinates(); // x, y, z (zeros for a 2-D mesh's z)
        int n = (int) src.nodeCount();
        double[] temperature = new double[n];
        double[] pressure = new double[n];
        for (int s = 0; s < 3; s++) {
          long step = w.beginStep(0.5 * s);
          for (int i = 0; i < n; i++) {
            temperature[i] = 300 + s * xyz[0][i];
            pressure[i] = 1e5 - s * xyz[1][i] + xyz[2][i];
          }
          w.writeNodalVariable(0, step, 0, n, temperature, 0);
          w.writeNodalVariable(1, step, 0, n, pressure, 0);
          w.commitStep();
        }
      }
    }
  }

  // ---- end ----

  // ---- example 3 ----
  /**
   * The histories of the nodes and elements with the given ids (through the id maps), every nodal
   * and element variable, as CSV: one row per step, one column per id and variable. An element
   * whose block does not store a variable gets no column for it.
   */
  static void historiesToCsv(Path file, long[] nodeIds, long[] elementIds, PrintWriter csv)
      throws IOException {
    try (ExodusFile f = ExodusFile.open(file)) {
      List<String> header = new ArrayList<>(List.of("time"));
      List<double[]> columns = new ArrayList<>();
      columns.add(f.times());
      for (long id : nodeIds) {
        long node = f.nodeIndex(id);
        for (String name : f.variableNames(EntityType.NODAL)) {
          header.add("node " + id + " " + name);
          columns.add(f.nodalVariableHistoryByIndex(name, node));
        }
      }
      for (long id : elementIds) {
        long element = f.elementIndex(id);
        ElementLocation at = f.elementLocation(element);
        for (String name : f.variableNames(EntityType.ELEM_BLOCK)) {
          int var = f.variableIndex(EntityType.ELEM_BLOCK, name);
          if (!f.hasVariable(EntityType.ELEM_BLOCK, var, at.block().id())) continue;
          header.add("element " + id + " " + name);
          columns.add(f.elementVariableHistoryByIndex(name, element));
        }
      }
      csv.println(String.join(",", header));
      for (int s = 0; s < f.timeStepCount(); s++) {
        StringBuilder row = new StringBuilder();
        for (double[] c : columns) {
          row.append(row.length() == 0 ? "" : ",").append(c[s]);
        }
        csv.println(row);
      }
    }
  }
  // ---- end ----
}
