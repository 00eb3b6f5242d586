package org.exodusj.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusUpdater;
import org.exodusj.NumberedMap;

/**
 * The NetCDF-4 damage campaign: checksum-valid damaged copies ({@link Nc4Damage}) of the corpus's
 * NetCDF-4 files, each opened, read (everything {@code exo dump} reads, in bounded pieces) and
 * adopted by {@link ExodusUpdater} (a value patched, a step appended, committed, closed), in a
 * child JVM of 256 MiB that reports one line per copy; a copy that runs past 30 s is a hang (the
 * child reports it and stops, the next child goes on after it).
 *
 * <p>Outcomes of the reader: {@code ok}; {@code ioe} (an IOException naming the file); {@code
 * ioe-unnamed}; {@code runtime:<class>} (any other exception); {@code error:<class>} (an Error, an
 * OutOfMemoryError included); {@code hang}. Of the updater: {@code adopted}; {@code refused} (an
 * IOException naming the file, the file byte for byte unchanged); {@code refused-changed} (it wrote
 * into a file it then refused); {@code runtime:...}/{@code error:...}; and {@code
 * adopted-unreadable} where it adopted a file whose metadata the reader refused at open.
 */
public final class Nc4DamageCampaign {
  /** The per-copy time limit. */
  static final long LIMIT_MS = 30_000;

  /** Largest piece read at once, and most values read per array. */
  private static final int PIECE = 1 << 16;

  private static final long BUDGET = 1 << 22;

  private Nc4DamageCampaign() {}

  /** The corpus's NetCDF-4 files (the HDF5 signature), smallest first; empty where absent. */
  static List<Path> seeds(Path corpus) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(corpus)) return out;
    for (Path d : List.of(corpus, corpus.resolve("derived"))) {
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.sorted().toList()) {
          if (!Files.isRegularFile(p) || p.toString().endsWith(".cdl")) continue;
          byte[] head = new byte[8];
          try (var in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, 8) < 8) continue;
          }
          if (head[1] == 'H' && head[2] == 'D' && head[3] == 'F') out.add(p);
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()));
    return out;
  }

  // ---- one copy -------------------------------------------------------------------------------

  /** What happened to one copy. */
  record Outcome(String reader, String readerStage, String updater, String detail) {
    /** Whether this outcome breaks the rules (anything but ok, a named IOException, a refusal). */
    boolean finding() {
      boolean readerOk = reader.equals("ok") || reader.equals("ioe");
      boolean updaterOk =
          updater.equals("adopted") || updater.equals("refused") || updater.equals("skipped");
      // the reader reads or refuses; the updater adopts (and its file opens) or refuses unchanged
      return !readerOk || !updaterOk;
    }
  }

  /** Reads and adopts the damaged file {@code p}; {@code bytes} are its contents. */
  static Outcome exercise(Path p, byte[] bytes, boolean adopt) throws IOException {
    String reader = "ok";
    String stage = "open";
    String detail = "";
    try (ExodusFile f = ExodusFile.open(p)) {
      stage = "read";
      readAll(f);
    } catch (IOException e) {
      reader = named(e, p) ? "ioe" : "ioe-unnamed";
      detail = e.toString();
    } catch (RuntimeException e) {
      reader = "runtime:" + e.getClass().getSimpleName();
      detail = describe(e);
    } catch (Error e) {
      reader = "error:" + e.getClass().getSimpleName();
      detail = describe(e);
    }
    if (!adopt) return new Outcome(reader, stage, "skipped", detail);
    Files.write(p, bytes); // the reader does not write, but be sure of what the updater sees
    String updater;
    try {
      adopt(p);
      updater = reader.equals("ok") || stage.equals("read") ? "adopted" : "adopted-unreadable";
      if (updater.equals("adopted-unreadable")) detail += " | adopted";
    } catch (IOException e) {
      updater = named(e, p) ? "refused" : "refused-unnamed";
      detail += " | " + e;
    } catch (RuntimeException e) {
      updater = "runtime:" + e.getClass().getSimpleName();
      detail += " | " + describe(e);
    } catch (Error e) {
      updater = "error:" + e.getClass().getSimpleName();
      detail += " | " + describe(e);
    }
    if (!updater.startsWith("adopted") && !Arrays.equals(bytes, Files.readAllBytes(p))) {
      updater = "refused-changed(" + updater + ")";
    }
    if (updater.equals("adopted") && stage.equals("read")
        || updater.equals("adopted") && reader.equals("ok")) {
      // what the updater committed must open again (a damaged data chunk may still fail a read)
      try (ExodusFile f = ExodusFile.open(p)) {
        f.timeStepCount();
      } catch (IOException | RuntimeException | Error e) {
        updater = "adopted-then-unopenable";
        detail += " | after adoption: " + describe(e);
      }
    }
    return new Outcome(reader, stage, updater, detail);
  }

  private static boolean named(IOException e, Path p) {
    return e.getMessage() != null && e.getMessage().contains(p.toString());
  }

  static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    String at = st.length > 0 ? " at " + st[0] : "";
    for (StackTraceElement e : st) {
      if (e.getClassName().startsWith("org.exodusj") && !e.getClassName().contains("fuzz")) {
        at += " from " + e;
        break;
      }
    }
    return t + at;
  }

  /** Patches a value, appends a step, commits, closes. */
  static void adopt(Path p) throws IOException {
    // No other program has the copies open: a wait of 1 s (60 s by default) is enough, and a
    // damaged superblock flag saying "open for writing" is then refused as in use (an IOException
    // naming the file) instead of waited on
    ExodusUpdater.Options o = ExodusUpdater.Options.DEFAULT.withLockWait(Duration.ofSeconds(1));
    try (ExodusUpdater u = ExodusUpdater.open(p, o)) {
      long steps = u.timeStepCount();
      if (steps > 0) u.writeTime(steps - 1, 12.5);
      long s = u.appendStep(1e6);
      if (!u.variableNames(EntityType.GLOBAL).isEmpty()) {
        u.writeGlobalVariables(s, new double[u.variableNames(EntityType.GLOBAL).size()], 0);
      }
      u.commit();
    }
  }

  /** Reads what {@code exo dump} reads, in pieces, at most {@link #BUDGET} values per array. */
  static void readAll(ExodusFile f) throws IOException {
    f.info();
    f.defects();
    f.qaRecords();
    f.infoRecords();
    long steps = f.timeStepCount();
    long inFile = f.timeStepsInFile();
    double[] d = new double[PIECE];
    long[] l = new long[PIECE];
    for (int a = 0; a < f.dimensionCount(); a++) {
      if (!f.hasCoordinates(a)) continue;
      long n = f.nodeCount();
      for (long s = 0; s < Math.min(n, BUDGET); s += PIECE) {
        f.readCoordinates(a, s, Math.min(PIECE, n - s), d, 0);
      }
    }
    for (EntityType t : EntityType.values()) {
      if (!t.isBlock()) continue;
      for (Block b : f.blocks(t)) {
        if (f.hasConnectivity(b)) {
          long n = b.entryCount();
          long per = Math.max(1, b.connectivityLength() / Math.max(1, n));
          long rows = Math.max(1, PIECE / per);
          for (long s = 0; s < n && s * per < BUDGET; s += rows) {
            f.readConnectivity(b, s, Math.min(rows, n - s), l, 0);
          }
        }
        f.entityAttributes(t, b.id());
      }
    }
    for (EntityType t : EntityType.values()) {
      if (!t.isSet()) continue;
      for (EntitySet s : f.sets(t)) {
        long n = s.entryCount();
        for (long k = 0; k < Math.min(n, BUDGET); k += PIECE) {
          f.readSetEntries(s, k, Math.min(PIECE, n - k), l, 0);
        }
        long df = f.distributionFactorCountAsCLibrary(s);
        for (long k = 0; k < Math.min(df, BUDGET); k += PIECE) {
          f.readDistributionFactors(s, k, Math.min(PIECE, df - k), d, 0);
        }
      }
    }
    for (EntityType t : List.of(EntityType.NODE_MAP, EntityType.ELEM_MAP)) {
      for (NumberedMap m : f.numberedMaps(t)) {
        long n = m.length();
        for (long k = 0; k < Math.min(n, BUDGET); k += PIECE) {
          f.readNumberedMap(m, k, Math.min(PIECE, n - k), l, 0);
        }
      }
    }
    // times() allocates by the count: it must refuse a count the file cannot hold
    f.times();
    long last = Math.min(steps, inFile + 10);
    for (long s = 0; s < last && s < BUDGET; s += PIECE) {
      f.readTimes(s, Math.min(PIECE, last - s), d, 0);
    }
    List<Long> some = new ArrayList<>();
    for (long s = 0; s < Math.min(last, 3); s++) some.add(s);
    if (last > 3) some.add(last - 1);
    for (long s : some) {
      if (!f.variableNames(EntityType.GLOBAL).isEmpty()) {
        f.readGlobalVariables(s, new double[f.variableNames(EntityType.GLOBAL).size()], 0);
      }
      for (int v = 0; v < f.variableNames(EntityType.NODAL).size(); v++) {
        long n = f.nodeCount();
        for (long k = 0; k < Math.min(n, BUDGET); k += PIECE) {
          f.readNodalVariable(v, s, k, Math.min(PIECE, n - k), d, 0);
        }
      }
      for (EntityType t : EntityType.values()) {
        if (!t.isBlock() && !t.isSet()) continue;
        List<String> names = f.variableNames(t);
        if (names.isEmpty()) continue;
        List<Long> ids = new ArrayList<>();
        if (t.isBlock()) for (Block b : f.blocks(t)) ids.add(b.id());
        else for (EntitySet e : f.sets(t)) ids.add(e.id());
        for (int v = 0; v < names.size(); v++) {
          for (long id : ids) {
            if (!f.hasVariable(t, v, id)) continue;
            long n = t.isBlock() ? f.block(t, id).entryCount() : f.set(t, id).entryCount();
            for (long k = 0; k < Math.min(n, BUDGET); k += PIECE) {
              f.readVariable(t, v, id, s, k, Math.min(PIECE, n - k), d, 0);
            }
          }
        }
      }
    }
  }

  // ---- the child JVM ------------------------------------------------------------------------

  /**
   * The child: {@code campaignSeed firstCopy lastCopy workDir seedFile...}; copy {@code i} damages
   * seed file {@code i % seeds} with {@code new Random(campaignSeed * 1_000_003 + i)}. Prints
   * {@code S i} before a copy and {@code R i reader stage updater seed | damage | detail} after.
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("make")) {
      // one copy, to reproduce a finding: make CAMPAIGNSEED COPY OUT SEEDFILE...
      List<Path> seeds = new ArrayList<>();
      for (int i = 4; i < args.length; i++) seeds.add(Path.of(args[i]));
      if (seeds.isEmpty()) {
        seeds = seeds(org.exodusj.internal.testutil.ExternalTools.shared().resolve("corpus"));
      }
      int i = Integer.parseInt(args[2]);
      Nc4Damage d = Nc4Damage.of(seeds.get(i % seeds.size()));
      Nc4Damage.Copy c = d.damage(new Random(Long.parseLong(args[1]) * 1_000_003L + i));
      Nc4Damage.write(Path.of(args[3]), c.bytes());
      System.out.println(c.description());
      return;
    }
    if (args[0].equals("run")) {
      // the parent, from the command line: run COPIES SEED WORKDIR
      Result r =
          runFromCorpus(
              Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]), System.out);
      System.out.println(summary(r));
      return;
    }
    long campaignSeed = Long.parseLong(args[0]);
    int first = Integer.parseInt(args[1]);
    int last = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    List<Path> seeds = new ArrayList<>();
    for (int i = 4; i < args.length; i++) seeds.add(Path.of(args[i]));
    Nc4Damage[] located = new Nc4Damage[seeds.size()];
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
    System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream()));
    final long[] started = {System.currentTimeMillis()};
    final int[] current = {first};
    Thread watchdog =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                synchronized (started) {
                  if (System.currentTimeMillis() - started[0] > LIMIT_MS) {
                    out.println(
                        "R " + current[0] + " hang - hang " + stackOf(Thread.getAllStackTraces()));
                    out.flush();
                    Runtime.getRuntime().halt(3);
                  }
                }
              }
            });
    watchdog.setDaemon(true);
    watchdog.start();
    for (int i = first; i < last; i++) {
      int k = i % seeds.size();
      if (located[k] == null) located[k] = Nc4Damage.of(seeds.get(k));
      Nc4Damage.Copy c = located[k].damage(new Random(campaignSeed * 1_000_003L + i));
      Path p = work.resolve("copy-" + i + ".exo");
      synchronized (started) {
        started[0] = System.currentTimeMillis();
        current[0] = i;
      }
      out.println("S " + i);
      Outcome o;
      try {
        Nc4Damage.write(p, c.bytes());
        o = exercise(p, c.bytes(), true);
      } catch (Throwable t) {
        o = new Outcome("campaign-failure", "-", "-", describe(t));
      }
      out.println(
          "R "
              + i
              + " "
              + o.reader()
              + " "
              + o.readerStage()
              + " "
              + o.updater()
              + " "
              + seeds.get(k).getFileName()
              + " | "
              + c.description()
              + " | "
              + o.detail().replace('\n', ' '));
      Files.deleteIfExists(p);
      if (o.reader().startsWith("error") || o.updater().contains("error")) {
        Runtime.getRuntime().halt(4); // a fresh JVM for what follows an Error
      }
    }
    Runtime.getRuntime().halt(0);
  }

  private static String stackOf(Map<Thread, StackTraceElement[]> all) {
    for (Map.Entry<Thread, StackTraceElement[]> e : all.entrySet()) {
      if (e.getKey().getName().equals("main")) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] st = e.getValue();
        for (int i = 0; i < Math.min(8, st.length); i++) b.append(st[i]).append(' ');
        return b.toString();
      }
    }
    return "";
  }

  // ---- the parent ---------------------------------------------------------------------------

  /** Counts by outcome, and the lines of the findings. */
  static final class Result {
    final Map<String, Integer> reader = new TreeMap<>();
    final Map<String, Integer> updater = new TreeMap<>();
    final List<String> findings = new ArrayList<>();
    int copies;
  }

  /** Runs copies {@code [0, copies)} in child JVMs of 256 MiB, restarting after a hang or Error. */
  static Result run(long campaignSeed, int copies, List<Path> seeds, Path work, PrintStream log)
      throws IOException, InterruptedException {
    Result r = new Result();
    int next = 0;
    while (next < copies) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Nc4DamageCampaign.class.getName());
      cmd.add(Long.toString(campaignSeed));
      cmd.add(Integer.toString(next));
      cmd.add(Integer.toString(copies));
      cmd.add(work.toString());
      for (Path s : seeds) cmd.add(s.toString());
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int running = -1;
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("S ")) {
            running = Integer.parseInt(line.substring(2).trim());
          } else if (line.startsWith("R ")) {
            String[] f = line.split(" ", 6);
            int i = Integer.parseInt(f[1]);
            r.copies++;
            r.reader.merge(f[2], 1, Integer::sum);
            r.updater.merge(f[4], 1, Integer::sum);
            boolean ok =
                (f[2].equals("ok") || f[2].equals("ioe"))
                    && (f[4].equals("adopted") || f[4].equals("refused"));
            if (!ok) {
              r.findings.add(line);
              if (log != null) log.println(line);
            }
            next = i + 1;
            running = -1;
          }
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
      if (running >= 0) {
        // the child died without a report (a crash of the JVM)
        r.copies++;
        r.reader.merge("crash", 1, Integer::sum);
        r.updater.merge("crash", 1, Integer::sum);
        r.findings.add("R " + running + " crash - crash (child exit " + p.exitValue() + ")");
        next = running + 1;
      }
    }
    return r;
  }

  /** Runs a campaign from the command line: {@code copies [campaignSeed]}. */
  static Result runFromCorpus(int copies, long seed, Path work, PrintStream log)
      throws IOException, InterruptedException {
    List<Path> seeds =
        seeds(org.exodusj.internal.testutil.ExternalTools.shared().resolve("corpus"));
    return run(seed, copies, seeds, work, log);
  }

  static String summary(Result r) {
    return r.copies
        + " copies; reader "
        + r.reader
        + "; updater "
        + r.updater
        + "; findings "
        + r.findings.size();
  }
}
