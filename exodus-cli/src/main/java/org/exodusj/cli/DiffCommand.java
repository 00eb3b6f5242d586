package org.exodusj.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.exodusj.ExodusFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exo diff A B}: {@link FileDiff} on the command line. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two Exodus files like SEACAS exodiff, over everything the library reads: counts,"
          + " mesh, maps, blocks, sets, properties, assemblies, blobs, entity attributes, field"
          + " metadata, bases, quadrature rules, times,"
          + " every variable and reduction variable at every step, Nemesis data. Objects match by"
          + " id, variables and attributes by name; element types ignore case.",
      "Values a and b are equal when |a-b| <= abs or |a-b| <= rel * max(|a|,|b|).",
      "Reports per variable the largest difference and where it is (entity id, step).",
      "Title, QA and info records are listed as notes; they do not make files different."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:equal within tolerance",
      "1:the files differ",
      "2:error: bad input or bad file"
    })
final class DiffCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "first file, or a decomposed set: BASE or BASE.N for its pieces BASE.N.r")
  Path a;

  @Parameters(
      index = "1",
      paramLabel = "B",
      description = "second file, or a decomposed set (as A)")
  Path b;

  @Option(
      names = "--abs",
      paramLabel = "TOL",
      description = "Absolute tolerance of every value (default: ${DEFAULT-VALUE}).")
  double abs = 0;

  @Option(
      names = "--rel",
      paramLabel = "TOL",
      description = "Relative tolerance of every value (default: ${DEFAULT-VALUE}, as exodiff).")
  double rel = 1e-6;

  @Option(
      names = "--tol",
      paramLabel = "NAME=abs:X,rel:Y",
      description =
          "Tolerance of one variable ([KIND:]NAME), of 'coordinates' or of 'time'; a part left"
              + " out is 0. Repeatable. Example: --tol stress=rel:1e-3 --tol nodal:temp=abs:0.01")
  List<String> perName = List.of();

  @Option(names = "--json", description = "A JSON summary instead of text.")
  boolean json;

  @Option(names = "--all", description = "List every compared array, not only those that differ.")
  boolean all;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FileDiff.Tolerances tol = new FileDiff.Tolerances(new FileDiff.Tolerance(abs, rel), parseTol());
    FileDiff.Report r;
    Path tmp = null;
    try {
      Path pa = a;
      Path pb = b;
      List<Path> sa = JoinCommand.setPieces(a);
      List<Path> sb = JoinCommand.setPieces(b);
      if (sa != null || sb != null) {
        tmp = java.nio.file.Files.createTempDirectory("exo-diff-join");
        if (sa != null) pa = joined(a, sa, tmp.resolve("a.e"));
        if (sb != null) pb = joined(b, sb, tmp.resolve("b.e"));
      }
      try (ExodusFile fa = ExodusFile.open(pa);
          ExodusFile fb = ExodusFile.open(pb);
          Progress bar = Progress.start("diff", " values", 1)) {
        checkTolNames(tol, fa, fb);
        r = new FileDiff(fa, fb, tol).run(bar.shown() ? bar::update : null);
      }
    } finally {
      if (tmp != null) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(tmp)) {
          for (Path p : s.toList()) java.nio.file.Files.deleteIfExists(p);
        }
        java.nio.file.Files.deleteIfExists(tmp);
      }
    }
    Writer w = Exo.stdout(spec);
    if (json) {
      Json.write(json(r, tol), w);
    } else {
      text(r, tol, w);
    }
    w.flush();
    return r.equal() ? 0 : 1;
  }

  /**
   * A decomposed set (named by its base: no such file, but pieces BASE.N.r) joined into {@code
   * out}, streaming, so that it compares as the one mesh it is; notes about the join are kept.
   */
  private Path joined(Path base, List<Path> pieces, Path out) throws IOException {
    try (org.exodusj.ExodusFileSet set = org.exodusj.ExodusFileSet.open(pieces)) {
      for (String n : set.join(out, org.exodusj.ExodusFormat.CDF5, null)) {
        joinNotes.add(base + ": " + n);
      }
    }
    return out;
  }

  private final java.util.List<String> joinNotes = new java.util.ArrayList<>();

  /**
   * Refuses a {@code --tol} name that neither file has (a typo would silently leave the default
   * tolerance in force), naming it and the names there are.
   */
  private void checkTolNames(FileDiff.Tolerances tol, ExodusFile fa, ExodusFile fb) {
    java.util.Set<String> known = new java.util.LinkedHashSet<>(List.of("coordinates", "time"));
    java.util.Set<String> qualified = new java.util.LinkedHashSet<>();
    for (org.exodusj.EntityType k : org.exodusj.EntityType.VARIABLE_TYPES) {
      for (ExodusFile f : List.of(fa, fb)) {
        for (String n : f.variableNames(k)) {
          known.add(n);
          qualified.add(Selectors.shortKind(k) + ":" + n);
        }
      }
    }
    for (String name : tol.byName().keySet()) {
      if (!known.contains(name) && !qualified.contains(name)) {
        throw new IllegalArgumentException(
            "--tol "
                + name
                + ": no such variable in "
                + a
                + " or "
                + b
                + "; the names are coordinates, time"
                + (qualified.isEmpty() ? "" : ", " + String.join(", ", qualified)));
      }
    }
  }

  private Map<String, FileDiff.Tolerance> parseTol() {
    Map<String, FileDiff.Tolerance> m = new LinkedHashMap<>();
    for (String t : perName) {
      int eq = t.lastIndexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--tol '" + t + "': write NAME=abs:X,rel:Y");
      }
      double ab = 0;
      double re = 0;
      for (String part : t.substring(eq + 1).split(",")) {
        String[] kv = part.strip().split(":", 2);
        try {
          if (kv.length == 2 && kv[0].equals("abs")) ab = Double.parseDouble(kv[1]);
          else if (kv.length == 2 && kv[0].equals("rel")) re = Double.parseDouble(kv[1]);
          else throw new NumberFormatException();
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--tol '" + t + "': parts are abs:X or rel:Y, X and Y numbers");
        }
      }
      m.put(t.substring(0, eq), new FileDiff.Tolerance(ab, re));
    }
    return m;
  }

  private void text(FileDiff.Report r, FileDiff.Tolerances tol, Writer w) throws IOException {
    p(w, "A: %s%nB: %s%ntolerance: %s%n", a, b, tol.defaults());
    for (String n : joinNotes) p(w, "note: %s%n", n);
    for (String n : r.notes()) p(w, "note: %s%n", n);
    for (String m : r.metadata()) p(w, "DIFF  %s%n", m);
    long differing = 0;
    long arrays = 0;
    for (FileDiff.Item it : r.items()) {
      if (it.differing > 0) {
        differing += it.differing;
        arrays++;
      }
      if (it.differing == 0 && !all) continue;
      p(
          w,
          "%s  %s %s: %d of %d values differ%s%n",
          it.differing > 0 ? "DIFF" : "ok  ",
          it.category,
          it.label(),
          it.differing,
          it.compared,
          it.compared == 0 ? "" : "; " + where(it));
    }
    if (r.equal()) {
      p(w, "equal within tolerance (%d arrays compared)%n", r.items().size());
    } else {
      p(
          w,
          "different: %d metadata differences, %d values in %d arrays%n",
          r.metadata().size(),
          differing,
          arrays);
    }
  }

  /** "largest |a-b| 0.5 (rel 4.9E-4) at node id 100, step 3: 1021.5 vs 1022.0". */
  static String where(FileDiff.Item it) {
    if (it.maxAbs == 0 && it.differing == 0) return "identical";
    StringBuilder s = new StringBuilder();
    s.append(it.differing > 0 ? "largest " : "largest difference ");
    s.append("|a-b| ").append(it.maxAbs).append(" (rel ").append(it.maxRel).append(") at");
    if (it.position >= 0) {
      s.append(' ').append(it.entity);
      if (it.entityId >= 0) s.append(" id ").append(it.entityId);
      else s.append(' ').append(it.position + 1);
    }
    if (it.step >= 0) s.append(it.position >= 0 ? "," : "").append(" step ").append(it.step + 1);
    s.append(": ").append(num(it.a)).append(" vs ").append(num(it.b));
    return s.toString();
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 && !Double.isNaN(v)
        ? Long.toString((long) v)
        : ShortestDouble.append(new StringBuilder(24), v).toString();
  }

  private static ObjectNode json(FileDiff.Report r, FileDiff.Tolerances tol) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("equal", r.equal());
    ObjectNode t = o.putObject("tolerance");
    t.put("abs", tol.defaults().abs());
    t.put("rel", tol.defaults().rel());
    ObjectNode per = t.putObject("by_name");
    tol.byName()
        .forEach(
            (k, v) -> {
              ObjectNode x = per.putObject(k);
              x.put("abs", v.abs());
              x.put("rel", v.rel());
            });
    ArrayNode md = o.putArray("metadata");
    r.metadata().forEach(md::add);
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode items = o.putArray("compared");
    for (FileDiff.Item it : r.items()) {
      ObjectNode x = items.addObject();
      x.put("category", it.category);
      x.put("kind", it.kind);
      x.put("name", it.name);
      if (it.objectId == null) x.putNull("object_id");
      else x.put("object_id", it.objectId);
      x.put("values", it.compared);
      x.put("differing", it.differing);
      real(x, "max_abs", it.maxAbs);
      real(x, "max_rel", it.maxRel);
      if (it.tolerance == null) {
        x.putNull("tolerance");
      } else {
        ObjectNode tt = x.putObject("tolerance");
        tt.put("abs", it.tolerance.abs());
        tt.put("rel", it.tolerance.rel());
      }
      if (it.compared > 0 && (it.maxAbs > 0 || it.differing > 0)) {
        ObjectNode at = x.putObject("at");
        at.put("entity", it.entity);
        if (it.position >= 0) at.put("position", it.position + 1);
        if (it.entityId >= 0) at.put("id", it.entityId);
        if (it.step >= 0) at.put("step", it.step + 1);
        real(at, "a", it.a);
        real(at, "b", it.b);
      }
    }
    return o;
  }

  private static void real(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) o.put(name, v);
    else o.put(name, Double.toString(v)); // NaN, Infinity: JSON has no numbers for them
  }

  private static void p(Writer w, String fmt, Object... args) throws IOException {
    w.write(String.format(Locale.ROOT, fmt, args));
  }
}
