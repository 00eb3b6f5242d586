package org.exodusj.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.ExodusOpenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exo}: inspect Exodus II files. Thin: it uses the public API of exodus-core only. */
@Command(
    name = "exo",
    mixinStandardHelpOptions = true,
    versionProvider = Exo.Version.class,
    description =
        "Inspect, dump, compare, convert and picture Exodus II files (CDF-1/2/5, NetCDF-4).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the files differ (diff)", "2:error: bad input or bad file"})
public final class Exo implements Callable<Integer> {
  @Option(
      names = "--debug",
      description = "Print stack traces on errors.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // the console's text: the platform charset, on purpose (named, as forbidden-apis wants)
    java.nio.charset.Charset cs = java.nio.charset.Charset.defaultCharset();
    System.exit(
        run(
            args,
            new PrintWriter(
                ConsoleWriter.supports(cs)
                    ? new ConsoleWriter(System.out, cs)
                    : new java.io.OutputStreamWriter(System.out, cs),
                true),
            new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true)));
  }

  /**
   * The subcommands in the order {@code exo --help} lists them, each made only when registered:
   * picocli reads a command's annotations by reflection when it is added, which is most of the
   * start-up of a short command, so a run names its subcommand and only that one is built.
   */
  private static final String[] SUBCOMMANDS = {
    "dump",
    "info",
    "diff",
    "join",
    "convert",
    "compact",
    "plot",
    "generate-completion",
    "cache",
    "sample"
  };

  private static Object subcommand(String name) {
    return switch (name) {
      case "dump" -> new Dump();
      case "info" -> new Info();
      case "diff" -> new DiffCommand();
      case "join" -> new JoinCommand();
      case "convert" -> new Convert();
      case "compact" -> new CompactCommand();
      case "plot" -> new PlotCommand();
      case "generate-completion" -> new picocli.AutoComplete.GenerateCompletion();
      case "cache" -> new Cache();
      case "sample" -> new Sample();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * The subcommand a run needs alone, or null for the whole tree: the first argument that is not
   * one of exo's own options, where it names a subcommand other than generate-completion (whose
   * script lists every command).
   */
  static String onlySubcommand(String[] args) {
    for (String a : args) {
      if (a.equals("--debug")) {
        continue;
      }
      if (a.startsWith("-") || a.equals("generate-completion")) {
        return null;
      }
      return java.util.Arrays.asList(SUBCOMMANDS).contains(a) ? a : null;
    }
    return null;
  }

  /** Runs {@code exo} in-process; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Integer fast = QuickRun.run(args, out, err);
    return fast != null ? fast : runPicocli(args, out, err);
  }

  /** Runs {@code exo} through picocli (every command, option and message). */
  static int runPicocli(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Exo());
    String only = onlySubcommand(args);
    for (String name : SUBCOMMANDS) {
      if (only == null || only.equals(name)) {
        cl.addSubcommand(name, subcommand(name));
      }
    }
    if (only == null) {
      // picocli hides its completion command; exo lists it (docs/cli.md: shell completion)
      cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean debug = ((Exo) cmd.getCommandSpec().root().userObject()).debug;
          return failed(e, debug, cmd.getErr());
        });
    cl.setExitCodeExceptionMapper(e -> 2);
    return cl.execute(args);
  }

  /** Reports a command's failure on {@code err} ("exo: " and the message); returns exit code 2. */
  static int failed(Exception e, boolean debug, PrintWriter err) {
    err.println("exo: " + message(e));
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return 2;
  }

  static String message(Exception e) {
    if (e instanceof NoSuchFileException n) {
      boolean directory = n.getFile() != null && Files.isDirectory(Path.of(n.getFile()));
      return n.getFile() + (directory ? ": is a directory, not an Exodus file" : ": no such file");
    }
    if (e instanceof ExodusFormatException) {
      return e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  static Writer stdout(CommandLine.Model.CommandSpec spec) {
    return new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Exo.class.getPackage().getImplementationVersion();
      return new String[] {"exo " + (v == null ? "(development build)" : v)};
    }
  }

  @Command(
      name = "dump",
      mixinStandardHelpOptions = true,
      description = {
        "Print the canonical dump (shared/spec/dump-format.md), or with a selection the"
            + " coordinates, one block, one set or one variable as a table (text or CSV).",
        "Streaming: memory stays bounded whatever the file size."
      })
  static final class Dump implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Exodus file")
    Path file;

    @Option(
        names = "--group",
        paramLabel = "PATH",
        description = "The mesh of this NetCDF-4 child group (\"left\", \"right/detail\").")
    String group;

    @Option(names = "--coords", description = "Node coordinates: node, id, x, y, z.")
    boolean coords;

    @Option(
        names = "--block",
        paramLabel = "[KIND:]ID",
        description =
            "One block: entry, id, connectivity, attributes. KIND elem (default), edge, face."
                + " With --var: only this block.")
    String block;

    @Option(
        names = "--set",
        paramLabel = "KIND:ID",
        description =
            "One set: entries, sides or orientations, distribution factors. KIND node, side,"
                + " elem, edge, face. With --var: only this set.")
    String set;

    @Option(
        names = "--var",
        paramLabel = "[KIND:]NAME",
        description =
            "One variable (see --layout). KIND (where the name is ambiguous): global,"
                + " nodal, elem, edge, face, node_set, side_set, elem_set, edge_set, face_set."
                + " KIND:#N is the N-th variable of a kind (for empty or repeated names).")
    String var;

    @Option(
        names = "--steps",
        paramLabel = "RANGE",
        description = "Steps of --var: N, A..B, A.. or ..B (1-based, inclusive).")
    String steps;

    @Option(
        names = "--entities",
        paramLabel = "RANGE",
        description = "Nodes or entries (1-based, inclusive), as --steps.")
    String entities;

    @Option(names = "--csv", description = "CSV with a header line instead of aligned text.")
    boolean csv;

    /** How --var lays out nodal, block and set variables. */
    enum Layout {
      steps,
      entities
    }

    @Option(
        names = "--layout",
        paramLabel = "steps|entities",
        description =
            "--var of nodes, blocks and sets: 'steps' (histories: one row per step, one column"
                + " per entity) or 'entities' (one row per entity, one column per step). Default:"
                + " steps with --entities, entities without.")
    Layout layout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      boolean selection = coords || block != null || set != null || var != null;
      if (!selection && (steps != null || entities != null || csv)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--steps, --entities and --csv need a selection: --coords, --block, --set or --var");
      }
      int objects = (coords ? 1 : 0) + (block != null ? 1 : 0) + (set != null ? 1 : 0);
      if (objects > 1 || (coords && var != null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "select one of --coords, --block, --set (--var may be combined with --block or --set)");
      }
      if (steps != null && var == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--steps applies to --var");
      }
      if (layout != null && var == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--layout applies to --var");
      }
      if (!selection) {
        dumpAll(file, group, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
      }
      try (ExodusFile f = open(file, group)) {
        for (String d : f.defects()) {
          spec.commandLine().getErr().println("exo: " + file + ": defect: " + d);
        }
        spec.commandLine().getErr().flush();
        Writer w = stdout(spec);
        {
          DumpSelection.Range er =
              entities == null
                  ? DumpSelection.Range.ALL
                  : DumpSelection.Range.parse(entities, "entity");
          DumpSelection.Range sr =
              steps == null ? DumpSelection.Range.ALL : DumpSelection.Range.parse(steps, "step");
          boolean byStep = layout == null ? entities != null : layout == Layout.steps;
          DumpSelection d = new DumpSelection(f, Table.of(w, csv), er, sr, byStep);
          if (var != null) {
            Selectors.VariableRef v = Selectors.variable(f, var);
            Long only = null;
            if (block != null || set != null) {
              EntityType objectKind;
              if (block != null) {
                org.exodusj.Block b = Selectors.block(f, block);
                objectKind = b.type();
                only = b.id();
              } else {
                org.exodusj.EntitySet es = Selectors.set(f, set);
                objectKind = es.type();
                only = es.id();
              }
              if (objectKind != v.kind()) {
                throw new IllegalArgumentException(
                    f.path()
                        + ": variable '"
                        + v.name()
                        + "' is a "
                        + InfoSummary.kind(v.kind())
                        + " variable, not one of "
                        + InfoSummary.kind(objectKind));
              }
            }
            d.variable(v.kind(), v.index(), only);
          } else if (coords) {
            d.coordinates();
          } else if (block != null) {
            d.block(Selectors.block(f, block));
          } else {
            d.set(Selectors.set(f, set));
          }
        }
        w.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = {
        "Print a readable summary: format, counts, blocks, sets, maps, variables with truth-table"
            + " coverage, steps, QA and info records.",
        "--json prints the same content as JSON (fields: docs/cli.md)."
      })
  static final class Info implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Exodus file")
    Path file;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Option(
        names = "--group",
        paramLabel = "PATH",
        description = "The mesh of this NetCDF-4 child group (\"left\", \"right/detail\").")
    String group;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      info(file, group, json, spec.commandLine().getOut());
      return 0;
    }
  }

  /** {@code exo info [--json] [--group PATH] FILE}. */
  static void info(Path file, String group, boolean json, PrintWriter out) throws IOException {
    try (ExodusFile f = open(file, group)) {
      Writer w = json ? new BufferedWriter(out, 1 << 16) : out;
      if (json) {
        InfoSummary.write(f, w);
      } else {
        w.write(f.summary());
      }
      w.flush();
    }
  }

  /** {@code exo dump [--group PATH] FILE}: the canonical dump, defects and notes on {@code err}. */
  static void dumpAll(Path file, String group, PrintWriter out, PrintWriter err)
      throws IOException {
    try (ExodusFile f = open(file, group)) {
      for (String d : f.defects()) {
        err.println("exo: " + file + ": defect: " + d);
      }
      err.flush();
      // no BufferedWriter: the dump writes its values a few thousand characters at a time, and
      // exo's standard output buffers the bytes (ConsoleWriter)
      Writer w = out;
      CanonicalDump dump = new CanonicalDump(f, w);
      dump.dump();
      if (dump.stepsLeftOut() > 0) {
        long listed = f.timeStepCount() - dump.stepsLeftOut();
        err.println(
            "exo: "
                + file
                + ": steps "
                + (listed + 1)
                + "-"
                + f.timeStepCount()
                + " ("
                + dump.stepsLeftOut()
                + " of "
                + f.timeStepCount()
                + " counted) "
                + (f.info().storageFormat() == org.exodusj.ExodusFormat.NETCDF4
                    ? "are stored by no record variable: left out of the dump (the first "
                        + CanonicalDump.MISSING_STEPS_LISTED
                        + " missing steps are listed, as the fill value)"
                    : "lie wholly beyond the end of the file: left out of the dump (the first "
                        + CanonicalDump.MISSING_STEPS_LISTED
                        + " missing steps are listed, as zeros)"));
      }
      w.flush();
    }
  }

  @Command(
      name = "convert",
      mixinStandardHelpOptions = true,
      description =
          "Convert an Exodus file (CDF-1/2/5 or NetCDF-4) to CDF-1, CDF-2, CDF-5 or NetCDF-4"
              + " (chunked, optionally compressed), streaming in bounded memory. Everything the"
              + " file holds is copied, value by value.")
  static final class Convert implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "file to convert")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "file to write")
    Path out;

    @Option(
        names = "--format",
        defaultValue = "cdf2",
        description = "cdf1, cdf2, cdf5 or nc4 (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--deflate",
        paramLabel = "N",
        defaultValue = "-1",
        description = "nc4: deflate every chunk at level N (0-9)")
    int deflate;

    @Option(names = "--shuffle", description = "nc4: the shuffle filter before deflate")
    boolean shuffle;

    @Option(names = "--fletcher32", description = "nc4: a Fletcher-32 checksum on every chunk")
    boolean fletcher32;

    @Option(
        names = "--filter",
        paramLabel = "NAME[:LEVEL]",
        description =
            "nc4: an HDF5 filter on every chunk, after --shuffle and --deflate (repeatable, in"
                + " pipeline order): deflate, shuffle, fletcher32, and the codecs docs/netcdf4.md"
                + " lists (bzip2, lz4...)")
    java.util.List<String> filters = new java.util.ArrayList<>();

    @Option(
        names = "--chunk-steps",
        paramLabel = "K",
        defaultValue = "1",
        description = "nc4: time steps per chunk of the result variables (default: 1)")
    int chunkSteps;

    @Option(
        names = "--threads",
        paramLabel = "N",
        defaultValue = "1",
        description = "nc4: compress chunks on N threads (default: 1, the converting thread)")
    int threads;

    @Option(names = "--verify", description = "Read the output back and compare every value.")
    boolean verify;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      org.exodusj.ExodusFormat f = org.exodusj.ExodusFormat.parse(format);
      if (threads < 1) {
        throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
      }
      org.exodusj.Compression c = org.exodusj.Compression.deflate(deflate, shuffle);
      for (String filter : filters) c = c.then(filter);
      if (fletcher32) c = c.withFletcher32();
      java.util.concurrent.ExecutorService pool =
          threads > 1
              ? java.util.concurrent.Executors.newFixedThreadPool(
                  threads,
                  t -> {
                    Thread th = new Thread(t, "exo-compress");
                    th.setDaemon(true);
                    return th;
                  })
              : null;
      org.exodusj.ExodusConverter.Chunking chunking =
          new org.exodusj.ExodusConverter.Chunking(c, chunkSteps, pool);
      org.exodusj.ExodusConverter.Result r;
      try (Progress bar = Progress.start("convert", " MB", 1 << 20)) {
        r =
            org.exodusj.ExodusConverter.convert(
                in, out, f, chunking, verify, bar.shown() ? bar::update : null);
      } finally {
        if (pool != null) pool.shutdown();
      }
      PrintWriter o = spec.commandLine().getOut();
      for (String n : r.notes()) {
        o.println("note: " + n);
      }
      o.println(
          "wrote "
              + out
              + " ("
              + f.name().toLowerCase(java.util.Locale.ROOT)
              + ")"
              + (r.verified() ? ", verified value by value" : ""));
      o.flush();
      return 0;
    }
  }

  @Command(
      name = "cache",
      mixinStandardHelpOptions = true,
      description =
          "Show the detected node type and the chunk cache, iterator and decode thread sizes"
              + " chosen, with the reason for each (they apply to NetCDF-4 files and to streaming"
              + " reads).")
  static final class Cache implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      org.exodusj.ChunkCacheSettings s =
          org.exodusj.ChunkCacheSettings.resolve(org.exodusj.ExodusOpenOptions.DEFAULT);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          java.util.Locale.ROOT, "node type        %s (%s)%n", s.nodeType(), s.nodeTypeReason());
      out.printf(
          java.util.Locale.ROOT,
          "cache size       %d bytes (%s)%n",
          s.cacheBytes(),
          s.cacheBytesReason());
      out.printf(
          java.util.Locale.ROOT,
          "cache slots      %d (%s)%n",
          s.cacheSlots(),
          s.cacheSlotsReason());
      out.printf(
          java.util.Locale.ROOT,
          "preemption (w0)  %s (%s)%n",
          s.preemption(),
          s.preemptionReason());
      out.printf(
          java.util.Locale.ROOT,
          "iterator chunk   %d values (%s)%n",
          s.iteratorValues(),
          s.iteratorValuesReason());
      out.printf(
          java.util.Locale.ROOT,
          "decode threads   %d (%s)%n",
          s.decodeThreads(),
          s.decodeThreadsReason());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "sample",
      mixinStandardHelpOptions = true,
      description = "Write a small sample Exodus file (a HEX8 mesh with results) to look at.")
  static final class Sample implements Callable<Integer> {
    @Parameters(paramLabel = "OUT", description = "file to write")
    Path out;

    @Option(names = "--size", description = "elements along each axis (default: ${DEFAULT-VALUE})")
    int size = 4;

    @Option(names = "--steps", description = "time steps (default: ${DEFAULT-VALUE})")
    int steps = 3;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      org.exodusj.SampleFiles.writeHexMesh(out, size, size, size, steps, 2);
      spec.commandLine().getOut().println("wrote " + out);
      return 0;
    }
  }

  static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  static Writer writer(java.io.OutputStream os) {
    return new BufferedWriter(new OutputStreamWriter(os, UTF8), 1 << 16);
  }

  /** Opens {@code file}, showing the NetCDF-4 group at {@code group} (null: the root). */
  static ExodusFile open(Path file, String group) throws IOException {
    return group == null
        ? ExodusFile.open(file)
        : ExodusFile.open(file, ExodusOpenOptions.builder().group(group).build());
  }
}
