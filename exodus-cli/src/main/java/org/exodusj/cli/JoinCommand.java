package org.exodusj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exo join OUT PIECES...}: a decomposed set joined into one file, as SEACAS epu does. */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = {
      "Join the pieces of a decomposed set (one file per MPI rank, BASE.N.r) into one file, as"
          + " SEACAS epu does: the serial mesh with the global ids in its id maps, node and side"
          + " sets, and every step of every global, nodal and element variable.",
      "PIECES are the files, or one base name whose pieces BASE.N.r are found beside it (the base itself may be a file, such as the serial mesh).",
      "Streams in bounded memory; pieces are read in parallel. Steps that only some pieces have"
          + " are left out, with a note."
    })
final class JoinCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT", description = "file to write")
  Path out;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PIECES",
      description = "the pieces, or their base name")
  List<Path> pieces;

  @Option(
      names = "--format",
      defaultValue = "cdf2",
      description = "cdf1, cdf2 or cdf5 (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--chunk",
      defaultValue = "65536",
      description = "entries each piece reads at a time (default: ${DEFAULT-VALUE})")
  int chunk;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The pieces the arguments name: the pieces BASE.N.r of one argument where there are such (the
   * base itself may be a file, often the serial mesh), else the files given.
   */
  static List<Path> resolve(List<Path> args) throws IOException {
    if (args.size() == 1) {
      List<Path> set = setPieces(args.get(0));
      if (set != null) return set;
      try {
        return ExodusFileSet.piecesOf(args.get(0));
      } catch (java.nio.file.NoSuchFileException e) {
        if (!Files.isRegularFile(args.get(0))) throw e;
      }
    }
    return args;
  }

  /**
   * The pieces a diff operand names when it is not a file: {@code BASE} (the pieces BASE.N.r beside
   * it) or {@code BASE.N} (the N pieces BASE.N.r, useful where BASE is itself a file, such as the
   * serial mesh); null for a file or nothing of the kind.
   */
  static List<Path> setPieces(Path p) {
    if (Files.isRegularFile(p)) return null;
    try {
      return ExodusFileSet.piecesOf(p); // BASE or BASE.N
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public Integer call() throws IOException {
    ExodusFormat f = ExodusFormat.parse(format);
    List<String> notes;
    long nodes;
    long elements;
    long steps;
    int n;
    try (ExodusFileSet set =
            ExodusFileSet.open(resolve(pieces), ExodusOpenOptions.DEFAULT, null, chunk);
        Progress bar = Progress.start("join", " MB", 1 << 20)) {
      long total = set.nodeCount() * 8L * set.dimensionCount();
      for (org.exodusj.Block b : set.blocks()) total += b.entryCount() * b.nodesPerEntry() * 4;
      total +=
          set.timeStepCount()
              * 8L
              * (set.variableNames(org.exodusj.EntityType.NODAL).size() * set.nodeCount()
                  + set.variableNames(org.exodusj.EntityType.ELEM_BLOCK).size()
                      * set.elementCount());
      long all = Math.max(1, total);
      notes = set.join(out, f, bar.shown() ? v -> bar.update(v, all) : null);
      nodes = set.nodeCount();
      elements = set.elementCount();
      steps = set.timeStepCount();
      n = set.pieceCount();
    }
    PrintWriter o = spec.commandLine().getOut();
    for (String note : notes) o.println("note: " + note);
    o.println(
        "joined "
            + n
            + " pieces into "
            + out
            + " ("
            + f.name().toLowerCase(Locale.ROOT)
            + "): "
            + nodes
            + " nodes, "
            + elements
            + " elements, "
            + steps
            + " steps");
    o.flush();
    return 0;
  }
}
