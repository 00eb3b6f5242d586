package org.exodusj.bench;

import java.nio.file.Path;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusOpenOptions;

/**
 * The Java twin of {@code exodus-bench/c/exwork.c}: the workloads of issue 14 through the public
 * API with default options, each repetition opening the file afresh, best of {@code reps}, with the
 * same checksums as the C program.
 *
 * <p>usage: {@code WorkloadSpeed history|window|open|openmany FILE REPS [CACHE_BYTES]}; CACHE_BYTES
 * sets the chunk cache size (0 turns it off), else the default applies.
 *
 * <ul>
 *   <li>history: every nodal and element variable's history of one entry (node nn/2, element ne/2,
 *       0-based), all steps ({@code ex_get_var_time})
 *   <li>window: 20 windows of 1000 nodes of nodal variable 0 at the last step, starts from the same
 *       LCG as the C program ({@code ex_get_partial_var})
 *   <li>open: open, read the sizes, close; mean of 200 ({@code ex_open + ex_get_init_ext +
 *       ex_close})
 *   <li>openmany: the same, mean of 10 (for a file with thousands of blocks and sets, made by
 *       {@code c/exmany.c})
 * </ul>
 */
public final class WorkloadSpeed {
  private WorkloadSpeed() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: WorkloadSpeed history|window|open|openmany FILE REPS");
      System.exit(2);
    }
    String op = args[0];
    Path file = Path.of(args[1]);
    int reps = Integer.parseInt(args[2]);
    ExodusOpenOptions options =
        args.length > 3
            ? ExodusOpenOptions.builder().chunkCacheBytes(Long.parseLong(args[3])).build()
            : ExodusOpenOptions.DEFAULT;
    double best = 1e9;
    double sum = 0;
    switch (op) {
      case "history" -> {
        long values = 0;
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          sum = 0;
          try (ExodusFile f = ExodusFile.open(file, options)) {
            long steps = f.timeStepCount();
            double[] buf = new double[(int) steps];
            int nv = f.variableNames(EntityType.NODAL).size();
            int ev = f.variableNames(EntityType.ELEM_BLOCK).size();
            long node = f.nodeCount() / 2;
            long elem = f.elementCount() / 2;
            for (int v = 0; v < nv; v++) {
              f.readNodalVariableHistory(v, node, 0, steps, buf, 0);
              sum = addAll(sum, buf, buf.length);
            }
            // the block holding element elem (0-based over all blocks), as ex_get_var_time finds it
            long base = 0;
            Block blk = null;
            for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
              if (elem < base + b.entryCount()) {
                blk = b;
                break;
              }
              base += b.entryCount();
            }
            for (int v = 0; v < ev; v++) {
              f.readVariableHistory(
                  EntityType.ELEM_BLOCK, v, blk.id(), elem - base, 0, steps, buf, 0);
              sum = addAll(sum, buf, buf.length);
            }
            values = (long) (nv + ev) * steps;
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("history values=%d best=%.6f s sum=%.17g%n", values, best, sum);
      }
      case "window" -> {
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          sum = 0;
          try (ExodusFile f = ExodusFile.open(file, options)) {
            long steps = f.timeStepCount();
            double[] buf = new double[1000];
            long lcg = 12345;
            for (int w = 0; w < 20; w++) {
              lcg = lcg * 6364136223846793005L + 1442695040888963407L;
              long start = Long.remainderUnsigned(lcg >>> 33, f.nodeCount() - 1000);
              f.readNodalVariable(0, steps - 1, start, 1000, buf, 0);
              sum = addAll(sum, buf, buf.length);
            }
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("window windows=20 best=%.6f s sum=%.17g%n", best, sum);
      }
      case "open", "openmany" -> {
        int inner = op.equals("open") ? 200 : 10;
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          sum = 0;
          for (int i = 0; i < inner; i++) {
            try (ExodusFile f = ExodusFile.open(file, options)) {
              sum +=
                  f.nodeCount()
                      + f.elementCount()
                      + f.blocks(EntityType.ELEM_BLOCK).size()
                      + f.sets(EntityType.NODE_SET).size()
                      + f.sets(EntityType.SIDE_SET).size();
            }
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9 / inner);
        }
        System.out.printf("%s mean_of=%d best=%.6f s sum=%.17g%n", op, inner, best, sum / inner);
      }
      default -> {
        System.err.println("unknown workload " + op);
        System.exit(2);
      }
    }
  }

  /** Adds the values one by one to the running sum, in the C program's order. */
  private static double addAll(double sum, double[] a, int n) {
    for (int i = 0; i < n; i++) sum += a[i];
    return sum;
  }
}
