package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher ({@code src/dist/bin/exo}) and its class-data archive: made at the
 * first run, used by the next, made again when missing, cut short, replaced by other bytes or
 * stale, never written where the cache cannot be, and never changing what a command prints (the
 * oracle: the same command in-process, {@link Exo#run}).
 */
class LauncherTest {
  @TempDir static Path home;
  static Path exo;
  static Path sample;
  static String expectedInfo;
  static String expectedDump;

  /** A distribution layout: bin/exo and lib/exo.jar, the jar built from the test's class path. */
  @BeforeAll
  static void distribution() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
        "the launcher test needs sh, stat and cksum (Linux)");
    Path bin = Files.createDirectories(home.resolve("exo/bin"));
    Path lib = Files.createDirectories(home.resolve("exo/lib"));
    exo = bin.resolve("exo");
    Files.copy(Path.of("src/dist/bin/exo"), exo);
    fatJar(lib.resolve("exo.jar"));
    sample = home.resolve("s.e");
    org.exodusj.SampleFiles.writeHexMesh(sample, 2, 2, 3, 2, 2);
    expectedInfo = inProcess("info", sample.toString());
    expectedDump = inProcess("dump", sample.toString());
  }

  private static String inProcess(String... args) {
    StringWriter out = new StringWriter();
    assertEquals(0, Exo.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
    return out.toString();
  }

  /** Every class and resource of the class path but the tests', first occurrence kept. */
  private static void fatJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Exo.class.getName());
    Set<String> seen = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      seen.add("META-INF/MANIFEST.MF");
      for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(e);
        if (p.toString().contains("test-classes") || p.toString().endsWith("-tests.jar")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
              String name = p.relativize(f).toString().replace(File.separatorChar, '/');
              if (keep(name) && seen.add(name)) {
                out.putNextEntry(new JarEntry(name));
                Files.copy(f, out);
                out.closeEntry();
              }
            }
          }
        } else if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
          try (JarFile j = new JarFile(p.toFile())) {
            for (Enumeration<JarEntry> en = j.entries(); en.hasMoreElements(); ) {
              JarEntry je = en.nextElement();
              String name = je.getName();
              if (!je.isDirectory() && keep(name) && seen.add(name)) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = j.getInputStream(je)) {
                  in.transferTo(out);
                }
                out.closeEntry();
              }
            }
          }
        }
      }
    }
  }

  private static boolean keep(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    return !n.endsWith("MODULE-INFO.CLASS")
        && !(n.startsWith("META-INF/")
            && (n.endsWith(".SF") || n.endsWith(".DSA") || n.endsWith(".RSA")));
  }

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", exo.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("EXO_JAVA_OPTS");
    pb.environment().remove("EXO_CDS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    if ("".equals(env.get("JAVA_HOME"))) {
      pb.environment().remove("JAVA_HOME");
    }
    pb.redirectError(home.resolve("err.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static List<Path> archives(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private static void printsAsInProcess(Run r) {
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertEquals(expectedInfo, r.out());
  }

  @Test
  void theFirstRunMakesTheArchiveAndTheNextUsesIt() throws Exception {
    Path cache = home.resolve("cache-first");
    Map<String, String> env = Map.of("EXO_CACHE_DIR", cache.toString());
    printsAsInProcess(run(env, "info", sample.toString()));
    List<Path> a = archives(cache);
    assertEquals(1, a.size(), a.toString());
    String name = a.get(0).getFileName().toString();
    long named = Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
    assertEquals(Files.size(a.get(0)), named, name);
    // the next run maps exo's classes from it
    Path log = home.resolve("classes.txt");
    Run r =
        run(
            Map.of(
                "EXO_CACHE_DIR",
                cache.toString(),
                "EXO_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log),
            "dump",
            sample.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(expectedDump, r.out());
    String classes = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(
        classes.contains("org.exodusj.cli.QuickRun source: shared objects file (top)"),
        "exo's classes come from the archive");
    assertEquals(a, archives(cache), "no second archive");
    // a dump as of a real output (QA and info records, enough steps that the file is mapped) and
    // an info load every class from the archive: none is read from the jar or the JDK's modules
    Path real = home.resolve("real.e");
    org.exodusj.SampleFiles.writeHexMesh(
        real,
        3,
        2,
        2,
        45,
        3,
        org.exodusj.ExodusFormat.CDF2,
        d ->
            d.qaRecords(List.of(new org.exodusj.QaRecord("code", "1.0", "01/02/26", "10:11:12")))
                .infoRecords(List.of("an input deck line")));
    for (String command : List.of("dump", "info")) {
      Files.deleteIfExists(log);
      r =
          run(
              Map.of(
                  "EXO_CACHE_DIR",
                  cache.toString(),
                  "EXO_JAVA_OPTS",
                  "-Xlog:class+load=info:file=" + log),
              command,
              real.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(inProcess(command, real.toString()), r.out());
      List<String> notArchived =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> l.contains("source: file:") || l.contains("source: jrt:"))
              .toList();
      assertEquals(List.of(), notArchived, command + ": classes loaded from outside the archive");
    }
  }

  @Test
  void aCorpusOutputLoadsNoClassFromOutsideTheArchive() throws Exception {
    // a real output of another code (stored id maps, node sets with factors, 31 steps)
    Path noh =
        org.exodusj.internal.testutil.ExternalTools.corpus()
            .resolve("exodusii__test__data__noh.exo");
    Assumptions.assumeTrue(Files.isRegularFile(noh), noh + " not found");
    Path cache = home.resolve("cache-corpus");
    printsAsInProcessFor(
        run(Map.of("EXO_CACHE_DIR", cache.toString()), "info", noh.toString()), "info", noh);
    Path log = home.resolve("classes-corpus.txt");
    for (String command : List.of("dump", "info")) {
      Files.deleteIfExists(log);
      Run r =
          run(
              Map.of(
                  "EXO_CACHE_DIR",
                  cache.toString(),
                  "EXO_JAVA_OPTS",
                  "-Xlog:class+load=info:file=" + log),
              command,
              noh.toString());
      printsAsInProcessFor(r, command, noh);
      List<String> notArchived =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(
                  l ->
                      l.contains("source: file:")
                          || l.contains("source: jrt:")
                          || l.contains("$$Lambda$"))
              .filter(l -> !l.contains("shared objects file"))
              .toList();
      assertEquals(List.of(), notArchived, command + ": classes loaded from outside the archive");
      // nor links a lambda or method reference (an archived one included) or spins a method
      // handle's class: the first such call site of a process costs it about 5 ms of CPU
      List<String> linked =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(
                  l ->
                      l.contains("$$Lambda$")
                          || l.contains("LambdaForm$MH/")
                          || l.contains("__JVM_LookupDefineClass__"))
              .toList();
      assertEquals(List.of(), linked, command + ": lambda call sites linked");
    }
    // a file large enough to be memory-mapped (1.9 MB): still nothing from outside the archive
    Path mug = org.exodusj.internal.testutil.ExternalTools.corpus().resolve("vtkdata__Data__mug.e");
    Assumptions.assumeTrue(Files.isRegularFile(mug), mug + " not found");
    for (String command : List.of("dump", "info")) {
      Files.deleteIfExists(log);
      Run r =
          run(
              Map.of(
                  "EXO_CACHE_DIR",
                  cache.toString(),
                  "EXO_JAVA_OPTS",
                  "-Xlog:class+load=info:file=" + log),
              command,
              mug.toString());
      printsAsInProcessFor(r, command, mug);
      List<String> notArchived =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> l.contains("source: file:") || l.contains("source: jrt:"))
              .toList();
      assertEquals(List.of(), notArchived, command + " " + mug + ": classes from outside");
    }
  }

  private static void printsAsInProcessFor(Run r, String command, Path file) {
    assertEquals(0, r.code(), r.err());
    assertEquals(inProcess(command, file.toString()), r.out());
  }

  @Test
  void thePlainInfoAndDumpHaveASmallerArchiveOfTheirOwn() throws Exception {
    Path cache = home.resolve("cache-kinds");
    printsAsInProcess(run(Map.of("EXO_CACHE_DIR", cache.toString()), "info", sample.toString()));
    List<Path> first = archives(cache);
    assertEquals(1, first.size(), first.toString());
    Path quick = first.get(0);
    assertTrue(quick.getFileName().toString().contains("-quick-"), quick.toString());
    // info --json: the archive of every command, made beside it, holds the JSON library
    Path log = home.resolve("classes-kinds.txt");
    Map<String, String> logged =
        Map.of(
            "EXO_CACHE_DIR",
            cache.toString(),
            "EXO_JAVA_OPTS",
            "-Xlog:class+load=info:file=" + log);
    Run r = run(Map.of("EXO_CACHE_DIR", cache.toString()), "info", "--json", sample.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(inProcess("info", "--json", sample.toString()), r.out());
    List<Path> both = archives(cache);
    assertEquals(2, both.size(), both.toString());
    Path all = both.get(0).equals(quick) ? both.get(1) : both.get(0);
    assertTrue(all.getFileName().toString().contains("-all-"), all.toString());
    r = run(logged, "info", "--json", sample.toString());
    assertEquals(inProcess("info", "--json", sample.toString()), r.out());
    assertTrue(
        Files.readString(log, StandardCharsets.UTF_8)
            .contains("com.fasterxml.jackson.core.TreeNode source: shared objects file (top)"),
        "the JSON library comes from the archive of every command");
    assertTrue(
        Files.size(quick) < Files.size(all) / 2,
        quick + ": " + Files.size(quick) + " bytes, " + all + ": " + Files.size(all));
    // the plain forms with --debug and --group take the small one; nothing is made again
    Files.deleteIfExists(log);
    r = run(logged, "dump", "--debug", sample.toString());
    assertEquals(expectedDump, r.out());
    assertTrue(
        Files.readString(log, StandardCharsets.UTF_8)
            .contains("org.exodusj.cli.CanonicalDump source: shared objects file (top)"));
    r = run(Map.of("EXO_CACHE_DIR", cache.toString()), "info", "--group", "/", sample.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(both, archives(cache));
  }

  @Test
  void javaFoundOnThePathGetsItsArchive() throws Exception {
    // no JAVA_HOME: the launcher finds java on the PATH itself (here through a symbolic link)
    Path bin = Files.createDirectories(home.resolve("path-bin"));
    Path java = bin.resolve("java");
    if (!Files.exists(java)) {
      Files.createSymbolicLink(java, Path.of(System.getProperty("java.home"), "bin", "java"));
    }
    Path cache = home.resolve("cache-path");
    Map<String, String> env = new java.util.HashMap<>();
    env.put("EXO_CACHE_DIR", cache.toString());
    env.put("PATH", bin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
    env.put("JAVA_HOME", "");
    printsAsInProcess(run(env, "info", sample.toString()));
    assertEquals(1, archives(cache).size(), archives(cache).toString());
    Path log = home.resolve("classes-path.txt");
    env.put("EXO_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    printsAsInProcess(run(env, "info", sample.toString()));
    assertTrue(
        Files.readString(log, StandardCharsets.UTF_8)
            .contains("org.exodusj.cli.QuickRun source: shared objects file (top)"),
        "the archive is used");
    assertEquals(1, archives(cache).size());
  }

  @Test
  void anArchiveCutShortOrOverwrittenIsMadeAgain() throws Exception {
    Path cache = home.resolve("cache-damaged");
    Map<String, String> env = Map.of("EXO_CACHE_DIR", cache.toString());
    printsAsInProcess(run(env, "info", sample.toString()));
    Path a = archives(cache).get(0);
    long size = Files.size(a);
    // cut short (a full disk, a copy interrupted): the JVM would crash on it (SIGABRT)
    a.toFile().setWritable(true);
    try (var ch = java.nio.channels.FileChannel.open(a, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size / 3);
    }
    printsAsInProcess(run(env, "info", sample.toString()));
    // made again, whole: one archive of the size its name says (two training runs need not make
    // archives of the same size to the byte)
    assertEquals(1, archives(cache).size(), archives(cache).toString());
    String name = archives(cache).get(0).getFileName().toString();
    long named = Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
    assertEquals(named, Files.size(archives(cache).get(0)), name);
    assertTrue(named > size / 2, name + " after one of " + size + " bytes was cut short");
    // the same size, other bytes: the JVM refuses the header and runs without it
    a = archives(cache).get(0);
    a.toFile().setWritable(true);
    byte[] junk = new byte[(int) Files.size(a)];
    new java.util.Random(7).nextBytes(junk);
    Files.write(a, junk);
    printsAsInProcess(run(env, "info", sample.toString()));
    // dump's output too
    Run d = run(env, "dump", sample.toString());
    assertEquals(0, d.code(), d.err());
    assertEquals("", d.err());
    assertEquals(expectedDump, d.out());
  }

  @Test
  void aStaleArchiveIsReplaced() throws Exception {
    Path cache = home.resolve("cache-stale");
    Map<String, String> env = Map.of("EXO_CACHE_DIR", cache.toString());
    printsAsInProcess(run(env, "info", sample.toString()));
    List<Path> before = archives(cache);
    Path jar = home.resolve("exo/lib/exo.jar");
    FileTime t = Files.getLastModifiedTime(jar);
    try {
      // a rebuilt jar: another time stamp
      Files.setLastModifiedTime(jar, FileTime.fromMillis(t.toMillis() - 3_600_000));
      printsAsInProcess(run(env, "info", sample.toString()));
      List<Path> after = archives(cache);
      assertEquals(1, after.size(), after.toString());
      assertFalse(before.equals(after), "a new archive for the new jar, the old one removed");
    } finally {
      Files.setLastModifiedTime(jar, t);
    }
  }

  @Test
  void withoutAWritableCacheOrWithTheArchiveOffItRunsWithoutOne() throws Exception {
    // a cache below a regular file cannot be made, even by root
    Path file = Files.writeString(home.resolve("not-a-dir"), "x");
    Path cache = file.resolve("cache");
    printsAsInProcess(run(Map.of("EXO_CACHE_DIR", cache.toString()), "info", sample.toString()));
    assertFalse(Files.exists(cache));
    Path off = home.resolve("cache-off");
    printsAsInProcess(
        run(Map.of("EXO_CACHE_DIR", off.toString(), "EXO_CDS", "0"), "info", sample.toString()));
    assertEquals(List.of(), archives(off));
    // an error is still one line on stderr with exit code 2, nothing on stdout
    Run r =
        run(
            Map.of("EXO_CACHE_DIR", home.resolve("cache-err").toString()),
            "info",
            home.resolve("nope.e").toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals("exo: " + home.resolve("nope.e") + ": no such file\n", r.err());
  }
}
