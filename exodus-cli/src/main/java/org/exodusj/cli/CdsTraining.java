package org.exodusj.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.BlockSpec;
import org.exodusj.Definition;
import org.exodusj.EntityType;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusWriter;
import org.exodusj.QaRecord;
import org.exodusj.SetSpec;

/**
 * The training run of {@code bin/exo}'s class-data archive: the launcher runs this class once with
 * {@code -XX:ArchiveClassesAtExit} (docs/cli.md, "Start-up"), so the classes the everyday commands
 * load ({@code info}, {@code info --json}, {@code dump} and its selections, {@code --help}) are
 * archived parsed and verified, and later runs map them instead of loading them from the jar.
 *
 * <p>Runs the commands in-process on a small file shaped like a simulation's output ({@link
 * #writeTrainingFile}) that it writes to a temporary directory and removes; prints nothing; exits 0
 * only if every command succeeded (the launcher keeps the archive only then). With the argument
 * {@code quick} it runs {@code info FILE} and {@code dump FILE} alone: the launcher's archive for
 * those plain forms, a fifth of the size of the one for every command (which holds the JSON library
 * and the classes of picocli's reflection), and the JVM maps and relocates the whole archive at
 * every start.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * A small file shaped like a simulation's output (a 2-D QUAD4 mesh in two blocks, a node set with
   * distribution factors, stored id maps and a numbered map, global, nodal and element variables,
   * QA and info records), with enough nodes and steps that a variable's steps span more than the 64
   * KiB a classic read takes in one read, and a dump reads more than the positional reads a file
   * source makes before it maps the file (about 0.5 MB): a dump of it takes the paths a real
   * output's takes.
   */
  static void writeTrainingFile(Path f) throws IOException {
    int nx = 24;
    int ny = 20;
    int nodes = (nx + 1) * (ny + 1);
    int elems = nx * ny;
    int steps = 40;
    Definition d =
        ExodusWriter.define(ExodusFormat.CDF2, "class-data archive training", 2, nodes)
            .coordinateNames("x", "y")
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 1, "QUAD4", elems / 2, 4))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 2, "QUAD4", elems - elems / 2, 4))
            .set(SetSpec.of(EntityType.NODE_SET, 7, ny + 1, ny + 1))
            .idMap(EntityType.NODE_MAP)
            .idMap(EntityType.ELEM_MAP)
            .numberedMaps(EntityType.NODE_MAP, List.of(5L), List.of("renumbered"))
            .globalVariables("energy", "momentum", "dt")
            .nodalVariables("displx", "disply")
            .variables(EntityType.ELEM_BLOCK, List.of("stress"), null)
            .qaRecords(List.of(new QaRecord("exo", "training", "12/07/26", "19:00:00")))
            .infoRecords(List.of("the class-data archive's training run"));
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      double[] x = new double[nodes];
      double[] y = new double[nodes];
      long[] ids = new long[nodes];
      for (int n = 0; n < nodes; n++) {
        x[n] = 0.25 * (n % (nx + 1));
        y[n] = 0.1 * (n / (nx + 1)) + 1e-3 * n;
        ids[n] = 100 + 3L * n;
      }
      w.writeCoordinates(0, 0, nodes, x, 0);
      w.writeCoordinates(1, 0, nodes, y, 0);
      w.writeIdMap(EntityType.NODE_MAP, 0, nodes, ids, 0);
      w.writeNumberedMap(EntityType.NODE_MAP, 0, 0, nodes, ids, 0);
      long[] conn = new long[4 * elems];
      long[] eids = new long[elems];
      for (int e = 0; e < elems; e++) {
        int i = e % nx;
        int j = e / nx;
        int n0 = j * (nx + 1) + i + 1;
        conn[4 * e] = n0;
        conn[4 * e + 1] = n0 + 1;
        conn[4 * e + 2] = n0 + nx + 2;
        conn[4 * e + 3] = n0 + nx + 1;
        eids[e] = 1000 + e;
      }
      w.writeConnectivity(EntityType.ELEM_BLOCK, 1, 0, elems / 2, conn, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 2, 0, elems - elems / 2, conn, 4 * (elems / 2));
      w.writeIdMap(EntityType.ELEM_MAP, 0, elems, eids, 0);
      long[] side = new long[ny + 1];
      double[] factors = new double[ny + 1];
      for (int j = 0; j <= ny; j++) {
        side[j] = (long) j * (nx + 1) + 1;
        factors[j] = 1.0 / (j + 1);
      }
      w.writeSet(EntityType.NODE_SET, 7, 0, ny + 1, side, null);
      w.writeDistributionFactors(EntityType.NODE_SET, 7, 0, ny + 1, factors, 0);
      double[] v = new double[nodes];
      for (int s = 1; s <= steps; s++) {
        long r = w.beginStep(1e-3 * s);
        w.writeGlobalVariables(r, new double[] {0.5 * s, -s / 3.0, 1e-3}, 0);
        for (int k = 0; k < 2; k++) {
          for (int n = 0; n < nodes; n++) v[n] = k == 0 ? 0.0 : s * 1.1e-4 * n;
          w.writeNodalVariable(k, r, 0, nodes, v, 0);
        }
        for (int n = 0; n < elems; n++) v[n] = s + n / 7.0;
        w.writeVariable(EntityType.ELEM_BLOCK, 0, 1, r, 0, elems / 2, v, 0);
        w.writeVariable(EntityType.ELEM_BLOCK, 0, 2, r, 0, elems - elems / 2, v, elems / 2);
        w.commitStep();
      }
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("exo-cds");
    int failures = 0;
    try {
      Path f = dir.resolve("training.e");
      writeTrainingFile(f);
      String file = f.toString();
      String[][] runs = {
        {"info", file},
        {"dump", file}
      };
      if (args.length == 0 || !args[0].equals("quick")) {
        runs = allRuns(file);
      }
      for (String[] run : runs) {
        // standard output as Exo.main makes it (ConsoleWriter), standard error as a plain writer
        PrintWriter out =
            new PrintWriter(
                new ConsoleWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), true);
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        if (Exo.run(run, out, none) != 0) {
          failures++;
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Every command of the archive for all commands ({@code bin/exo}'s "all" archive). */
  private static String[][] allRuns(String file) {
    return new String[][] {
      {"info", file},
      {"info", "--json", file},
      {"dump", file},
      {"dump", "--coords", "--csv", file},
      {"dump", "--block", "2", file},
      {"dump", "--set", "node:7", file},
      {"dump", "--var", "nodal:#1", "--entities", "1..2", file},
      {"--help"},
      {"info", "--help"},
      {"--version"}
    };
  }
}
