package org.example.consumer;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;

/**
 * What a library user writes: open a file, print part of it in the canonical dump format
 * (shared/spec/dump-format.md) so that verify.groovy can compare it with the C library's dump.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    try (ExodusFile f = ExodusFile.open(Path.of(args[0]))) {
      StringBuilder out = new StringBuilder();
      out.append("title\t").append(f.title()).append('\n');
      out.append("num_dim\t").append(f.dimensionCount()).append('\n');
      out.append("num_nodes\t").append(f.nodeCount()).append('\n');
      out.append("num_elem\t").append(f.elementCount()).append('\n');
      out.append("num_elem_blk\t").append(f.blocks(EntityType.ELEM_BLOCK).size()).append('\n');
      out.append("num_time_steps\t").append(f.timeStepCount()).append('\n');
      String[] axes = {"x", "y", "z"};
      double[] values = new double[(int) f.nodeCount()];
      for (int axis = 0; axis < f.dimensionCount(); axis++) {
        f.readCoordinates(axis, 0, values.length, values, 0);
        out.append("coord\t").append(axes[axis]);
        for (double v : values) out.append('\t').append(v);
        out.append('\n');
      }
      long steps = f.timeStepCount();
      if (steps > 0) {
        out.append("times");
        for (double t : f.times()) out.append('\t').append(t);
        out.append('\n');
        List<String> names = f.variableNames(EntityType.NODAL);
        for (int v = 0; v < names.size(); v++) {
          out.append("nodal_var\t").append(names.get(v)).append('\t').append(steps);
          for (double x : f.nodalVariable(v, steps - 1)) out.append('\t').append(x);
          out.append('\n');
        }
      }
      System.out.print(out);
    }
  }
}
