package org.exodusj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.exodusj.EntityType;
import org.exodusj.ExodusFileSet;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.JoinOptions;
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
      description = "cdf1, cdf2, cdf5 or nc4 (default: ${DEFAULT-VALUE}; epu -netcdf4, -netcdf5)")
  String format;

  @Option(
      names = "--chunk",
      defaultValue = "65536",
      description = "entries each piece reads at a time (default: ${DEFAULT-VALUE})")
  int chunk;

  @Option(
      names = "--compress",
      paramLabel = "LEVEL",
      defaultValue = "-1",
      description = "nc4 only: deflate at LEVEL 0-9 (epu -compress, -zlib)")
  int compress;

  @Option(names = "--shuffle", description = "nc4 only: the shuffle filter before deflate")
  boolean shuffle;

  @Option(
      names = "--sum-shared-nodes",
      description =
          "nodal values at nodes several pieces hold are the sum of their values (epu"
              + " -sum_shared_nodes); by default the last rank's value, as epu")
  boolean sumSharedNodes;

  @Option(
      names = "--steps",
      paramLabel = "BEG:END:STRIDE",
      description =
          "the steps to join, 1-based as epu -steps: 1:10:2 is 1,3,5,7,9; END may be LAST or"
              + " empty; negative steps count from the end (-3:-1: the last three); a lone N is"
              + " step N")
  String steps;

  @Option(
      names = "--gvar",
      paramLabel = "LIST",
      description = "global variables to join: names separated by commas, ALL or NONE")
  String gvar;

  @Option(names = "--nvar", paramLabel = "LIST", description = "nodal variables to join")
  String nvar;

  @Option(names = "--evar", paramLabel = "LIST", description = "element variables to join")
  String evar;

  @Option(names = "--nsetvar", paramLabel = "LIST", description = "node set variables to join")
  String nsetvar;

  @Option(names = "--ssetvar", paramLabel = "LIST", description = "side set variables to join")
  String ssetvar;

  @Option(names = "--omit-nodesets", description = "leave the node sets out")
  boolean omitNodeSets;

  @Option(names = "--omit-sidesets", description = "leave the side sets out")
  boolean omitSideSets;

  @Option(names = "--edblkvar", paramLabel = "LIST", description = "edge block variables to join")
  String edblkvar;

  @Option(names = "--fablkvar", paramLabel = "LIST", description = "face block variables to join")
  String fablkvar;

  @Option(names = "--omit-edgeblocks", description = "leave the edge blocks out")
  boolean omitEdgeBlocks;

  @Option(names = "--omit-faceblocks", description = "leave the face blocks out")
  boolean omitFaceBlocks;

  @Option(
      names = "--add-processor-id",
      description = "add the element variable processor_id: the rank of each element's piece")
  boolean addProcessorId;

  @Option(
      names = "--add-map-processor-id",
      description = "add the element map processor_id: the rank of each element's piece")
  boolean addProcessorMap;

  @Option(names = "--64", description = "64-bit ids and connectivity (cdf5 or nc4; epu -64)")
  boolean int64;

  @Option(
      names = "--append",
      description =
          "add to OUT (an earlier join of the same set) only the steps past its last time; writes"
              + " OUT anew where it does not exist")
  boolean append;

  @Option(
      names = "--nomap",
      description =
          "joined elements in the pieces' order, rank after rank (epu -nomap); by default by"
              + " global id within each block (epu -map)")
  boolean nomap;

  @Option(
      names = "--strict",
      description =
          "refuse a set whose pieces hold one node id at different coordinates (by default a"
              + " note with the count)")
  boolean strict;

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

  /** The variables a LIST names: null for ALL (or no option), empty for NONE. */
  static List<String> variables(String list) {
    if (list == null || list.equalsIgnoreCase("ALL")) return null;
    if (list.equalsIgnoreCase("NONE")) return List.of();
    List<String> out = new java.util.ArrayList<>();
    for (String n : list.split(",")) {
      if (!n.isBlank()) out.add(n.strip());
    }
    return out;
  }

  /** epu's {@code -steps BEG:END:STRIDE} (1-based, END LAST or empty) as 0-based options. */
  static JoinOptions steps(JoinOptions o, String spec) {
    if (spec == null) return o;
    String[] p = spec.split(":", -1);
    if (p.length > 3) {
      throw new IllegalArgumentException("--steps " + spec + ": expected BEG:END:STRIDE");
    }
    try {
      long beg = p[0].isBlank() ? 1 : Long.parseLong(p[0].strip());
      long end;
      if (p.length == 1) {
        end = beg;
      } else if (p[1].isBlank() || p[1].strip().equalsIgnoreCase("LAST")) {
        end = -1;
      } else {
        end = Long.parseLong(p[1].strip());
      }
      long stride = p.length < 3 || p[2].isBlank() ? 1 : Long.parseLong(p[2].strip());
      if (beg == 0 || end == 0 || stride < 1) {
        throw new IllegalArgumentException(
            "--steps " + spec + ": steps count from 1 (or from -1, the last) and STRIDE >= 1");
      }
      // 1-based to 0-based; negative steps count from the end in both
      return o.withSteps(beg > 0 ? beg - 1 : beg, end > 0 ? end - 1 : end, stride);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--steps " + spec + ": not BEG:END:STRIDE numbers", e);
    }
  }

  @Override
  public Integer call() throws IOException {
    ExodusFormat f = ExodusFormat.parse(format);
    JoinOptions o =
        JoinOptions.DEFAULT
            .withFormat(f)
            .withSumSharedNodes(sumSharedNodes)
            .withVariables(EntityType.GLOBAL, variables(gvar))
            .withVariables(EntityType.NODAL, variables(nvar))
            .withVariables(EntityType.ELEM_BLOCK, variables(evar))
            .withVariables(EntityType.NODE_SET, variables(nsetvar))
            .withVariables(EntityType.SIDE_SET, variables(ssetvar))
            .withOmitNodeSets(omitNodeSets)
            .withOmitSideSets(omitSideSets)
            .withVariables(EntityType.EDGE_BLOCK, variables(edblkvar))
            .withVariables(EntityType.FACE_BLOCK, variables(fablkvar))
            .withOmitEdgeBlocks(omitEdgeBlocks)
            .withOmitFaceBlocks(omitFaceBlocks)
            .withAddProcessorId(addProcessorId)
            .withAddProcessorMap(addProcessorMap)
            .withInt64(int64)
            .withAppend(append);
    if (compress >= 0 || shuffle) o = o.withCompression(Math.max(compress, 0), shuffle);
    o = steps(o, steps);
    List<String> notes;
    long nodes;
    long elements;
    long stepCount;
    long shared;
    long mismatched;
    int n;
    try (ExodusFileSet set =
            ExodusFileSet.open(
                resolve(pieces),
                ExodusOpenOptions.DEFAULT,
                null,
                chunk,
                strict ? ExodusFileSet.Checks.STRICT : ExodusFileSet.Checks.WARN,
                nomap ? ExodusFileSet.ElementOrder.BY_RANK : ExodusFileSet.ElementOrder.BY_ID);
        Progress bar = Progress.start("join", " MB", 1 << 20)) {
      long total = set.nodeCount() * 8L * set.dimensionCount();
      for (org.exodusj.Block b : set.blocks()) total += b.entryCount() * b.nodesPerEntry() * 4;
      total +=
          set.timeStepCount()
              * 8L
              * (set.variableNames(EntityType.NODAL).size() * set.nodeCount()
                  + set.variableNames(EntityType.ELEM_BLOCK).size() * set.elementCount());
      long all = Math.max(1, total);
      notes = set.join(out, o, bar.shown() ? v -> bar.update(v, all) : null);
      nodes = set.nodeCount();
      elements = set.elementCount();
      long n0 = set.timeStepCount();
      long from = o.firstStep() < 0 ? Math.max(0, n0 + o.firstStep()) : o.firstStep();
      long to = Math.min(n0 - 1, o.lastStep() < 0 ? n0 + o.lastStep() : o.lastStep());
      stepCount = to < from ? 0 : (to - from) / o.stepStride() + 1;
      shared = set.sharedNodeCount();
      mismatched = set.sharedNodeMismatchCount();
      n = set.pieceCount();
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println(
        "checked: global ids unique within each piece, each element in one piece; "
            + shared
            + " nodes held by several pieces, "
            + (mismatched == 0
                ? "all at the same coordinates"
                : mismatched + " of them at different coordinates (the last rank's are kept)")
            + "; shared nodes "
            + (sumSharedNodes ? "summed over the pieces" : "take the last rank's values"));
    for (String note : notes) w.println("note: " + note);
    w.println(
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
            + stepCount
            + (stepCount == 1 ? " step" : " steps"));
    w.flush();
    return 0;
  }
}
