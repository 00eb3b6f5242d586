package org.exodusj;

import java.io.IOException;
import java.util.Formattable;
import java.util.List;
import java.util.Locale;

/**
 * The readable summary of a file, as {@code exo info} prints it ({@link ExodusFile#summary()}): one
 * implementation for the library and the CLI.
 */
final class InfoText {
  private final StringBuilder out = new StringBuilder();

  private InfoText() {}

  static String of(ExodusFile f) throws IOException {
    InfoText t = new InfoText();
    t.print(f);
    return t.out.toString();
  }

  private void print(ExodusFile f) throws IOException {
    FileInfo i = f.info();
    p("file      %s%n", f.path().toString());
    p("title     %s%n", f.title());
    p(
        "format    %s, Exodus version %s (API %s), %d-byte reals, %s integers%n",
        i.format(),
        real(i.version()),
        real(i.apiVersion()),
        i.floatingPointWordSize(),
        i.storesInt64() ? "64-bit" : "32-bit");
    java.util.Optional<String> dead;
    try {
      dead = org.exodusj.internal.backend.Backends.deadSpace(i.storageFormat(), f.path());
    } catch (IOException | RuntimeException e) { // the path is gone or not a file: no line
      dead = java.util.Optional.empty();
    }
    if (dead.isPresent()) p("space     dead space: %s%n", dead.get());
    p(
        "mesh      %d-D, %d nodes, %d elements, %d edges, %d faces%n",
        f.dimensionCount(), f.nodeCount(), f.elementCount(), f.edgeCount(), f.faceCount());
    for (EntityType t : EntityType.BLOCK_TYPES) {
      List<Block> bs = f.blocks(t);
      if (bs.isEmpty()) continue;
      p("%ss: %d%n", label(t), bs.size());
      for (Block b : bs) {
        p(
            "  id %-8d %-10s %-10s %10d entries x %d nodes%s%s%n",
            b.id(),
            b.storedType(),
            "(" + b.topology().name() + ")",
            b.entryCount(),
            b.nodesPerEntry(),
            b.attributeCount() > 0 ? ", " + b.attributeCount() + " attributes" : "",
            name(b.name()));
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<EntitySet> ss = f.sets(t);
      if (ss.isEmpty()) continue;
      p("%ss: %d%n", label(t), ss.size());
      for (EntitySet s : ss) {
        p(
            "  id %-8d %10d entries, %d distribution factors%s%n",
            s.id(), s.entryCount(), s.distributionFactorCount(), name(s.name()));
      }
    }
    int numbered = 0;
    for (EntityType t : EntityType.MAP_TYPES) {
      numbered += f.numberedMaps(t).size();
    }
    p(
        "maps      node ids %s, element ids %s%s%s%n",
        f.hasIdMap(EntityType.NODE_MAP) ? "stored" : "identity",
        f.hasIdMap(EntityType.ELEM_MAP) ? "stored" : "identity",
        f.hasElementOrderMap() ? ", element order map" : "",
        numbered == 0 ? "" : ", " + numbered + " numbered maps");
    nemesis(f);
    if (!f.assemblies().isEmpty()) p("assemblies: %d%n", f.assemblies().size());
    for (Assembly a : f.assemblies()) {
      p(
          "  id %-8d %d %s members%s%n",
          a.id(), a.members().size(), label(a.memberType()), name(a.name()));
    }
    if (!f.blobs().isEmpty()) p("blobs: %d%n", f.blobs().size());
    for (Blob b : f.blobs()) {
      p("  id %-8d %10d entries%s%n", b.id(), b.valueCount(), name(b.name()));
    }
    modern(f);
    long n = f.timeStepCount();
    if (n > 0) {
      double[] t = new double[1];
      f.readTimes(0, 1, t, 0);
      String first = real(t[0]);
      f.readTimes(n - 1, 1, t, 0);
      p("steps     %d, time %s .. %s%n", n, first, real(t[0]));
    } else {
      p("steps     0%n");
    }
    for (EntityType t : EntityType.VARIABLE_TYPES) {
      List<String> names = f.variableNames(t);
      List<String> reduction = f.reductionVariableNames(t);
      if (!names.isEmpty()) {
        String coverage = "";
        if (t != EntityType.GLOBAL && t != EntityType.NODAL) {
          TruthTable tab = f.truthTable(t);
          coverage =
              format(
                  " (truth table: %d of %d present)",
                  tab.presentCount(), (long) tab.objectIds().size() * names.size());
        }
        p("%s variables: %s%s%n", label(t), String.join(", ", names), coverage);
      }
      if (!reduction.isEmpty()) {
        p("%s reduction variables: %s%n", label(t), String.join(", ", reduction));
      }
    }
    for (QaRecord q : f.qaRecords()) {
      p("qa        %s %s %s %s%n", q.codeName(), q.codeVersion(), q.date(), q.time());
    }
    if (!f.infoRecords().isEmpty()) p("info      %d lines%n", f.infoRecords().size());
    if (!f.groups().isEmpty()) p("groups    %s%n", String.join(", ", f.groups()));
    for (String d : f.defects()) p("defect    %s%n", d);
  }

  /** Every entity that can carry attributes and fields: (kind, id), in a fixed order. */
  static List<Object[]> entities(ExodusFile f) {
    List<Object[]> out = new java.util.ArrayList<>();
    out.add(new Object[] {EntityType.GLOBAL, 0L});
    if (f.nodeCount() > 0) out.add(new Object[] {EntityType.NODAL, 0L});
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) out.add(new Object[] {t, b.id()});
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet x : f.sets(t)) out.add(new Object[] {t, x.id()});
    }
    for (Assembly a : f.assemblies()) out.add(new Object[] {EntityType.ASSEMBLY, a.id()});
    for (Blob b : f.blobs()) out.add(new Object[] {EntityType.BLOB, b.id()});
    return out;
  }

  /** Entity attributes, fields, bases, quadrature rules and coordinate frames. */
  private void modern(ExodusFile f) {
    for (Object[] e : entities(f)) {
      EntityType t = (EntityType) e[0];
      long id = (Long) e[1];
      String where =
          t == EntityType.GLOBAL || t == EntityType.NODAL ? label(t) : label(t) + " " + id;
      for (EntityAttribute a : f.entityAttributes(t, id)) {
        StringBuilder v = new StringBuilder();
        if (a.isText()) {
          v.append('"').append(a.text()).append('"');
        } else {
          for (Double x : a.values()) {
            if (v.length() > 0) v.append(' ');
            v.append(a.integer() ? Long.toString((long) (double) x) : Double.toString(x));
          }
        }
        p("attribute %s %s = %s%n", where, a.name(), v);
      }
      for (FieldMetadata m : f.fieldMetadata(t, id)) {
        String comps;
        try {
          comps = String.join(", ", f.fieldComponentNames(m));
        } catch (IllegalArgumentException x) {
          comps = "components not known";
        }
        p(
            "field     %s %s (%s): %s%n",
            where,
            m.name(),
            String.join(" of ", m.types().stream().map(FieldType::cName).toList()),
            comps);
      }
    }
    for (Basis b : f.bases()) p("basis     %s, %d degrees of freedom%n", b.name(), b.cardinality());
    for (Quadrature q : f.quadratures()) {
      p("quadrature %s, %d points%n", q.name(), q.cardinality());
    }
    if (!f.coordinateFrames().isEmpty()) {
      p("frames    %d coordinate frames%n", f.coordinateFrames().size());
    }
  }

  /** The Nemesis lines of a piece of a decomposed set; nothing for other files. */
  private void nemesis(ExodusFile f) throws IOException {
    Nemesis nm = f.nemesis().orElse(null);
    if (nm == null) return;
    p(
        "nemesis   %s file, %d processors (%d in this file)%n",
        nm.fileType().equals("p") ? "parallel" : "scalar",
        nm.processorCount(),
        nm.processorsInFile());
    if (nm.hasGlobals()) {
      p(
          "global    %d nodes, %d elements, %d blocks, %d node sets, %d side sets%n",
          nm.globalNodeCount(),
          nm.globalElementCount(),
          nm.globalBlockIds().length,
          nm.globalNodeSetIds().length,
          nm.globalSideSetIds().length);
    } else {
      p("global    sizes not stored in this piece%n");
    }
    for (int proc = 0; proc < nm.processorsInFile(); proc++) {
      Nemesis.LoadBalance lb = nm.loadBalance(proc);
      p(
          "loadbal   nodes %d internal, %d border, %d external; elements %d internal, %d border;"
              + " %d node and %d element comm maps%n",
          lb.internalNodes(),
          lb.borderNodes(),
          lb.externalNodes(),
          lb.internalElements(),
          lb.borderElements(),
          lb.nodeCommMaps(),
          lb.elementCommMaps());
    }
  }

  private static String label(EntityType t) {
    return t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String name(String n) {
    return n.isEmpty() ? "" : "  '" + n + "'";
  }

  /**
   * A real as the summary shows it: "?" where not stored or not finite; a value that is exactly a
   * float as that float's shortest text (versions are stored as floats: 8.03, not
   * 8.029999732971191).
   */
  static String real(double v) {
    if (!Double.isFinite(v)) return "?";
    if ((double) (float) v == v) return Float.toString((float) v);
    return Double.toString(v);
  }

  private void p(String fmt, Object... args) {
    out.append(format(fmt, args));
  }

  /**
   * {@code String.format(Locale.ROOT, fmt, args)} for the specifiers this class uses ({@code %s},
   * {@code %d} of an Integer or Long, an optional {@code -} flag and width, {@code %n}, {@code
   * %%}), written out by hand: {@link java.util.Formatter} loads and initialises regular
   * expressions, locale data and resource bundles, several times the cost of the rest of {@code exo
   * info} on a small file (docs/benchmarks.md, "Start-up of exo"). Anything else goes to {@link
   * String#format}.
   */
  static String format(String fmt, Object... args) {
    StringBuilder b = new StringBuilder(fmt.length() + 16 * args.length);
    int next = 0;
    int n = fmt.length();
    for (int i = 0; i < n; i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        b.append(c);
        continue;
      }
      int j = i + 1;
      boolean left = j < n && fmt.charAt(j) == '-';
      if (left) j++;
      int width = 0;
      while (j < n && fmt.charAt(j) >= '0' && fmt.charAt(j) <= '9') {
        if (fmt.charAt(j) == '0' && width == 0) {
          return String.format(Locale.ROOT, fmt, args); // zero padding: not handled here
        }
        width = width * 10 + (fmt.charAt(j) - '0');
        j++;
      }
      if (j >= n || (left && width == 0)) {
        return String.format(Locale.ROOT, fmt, args);
      }
      char conv = fmt.charAt(j);
      String text;
      if (conv == 'n' && !left && width == 0) {
        text = System.lineSeparator();
      } else if (conv == '%' && !left && width == 0) {
        text = "%";
      } else if (conv == 's' && next < args.length && !(args[next] instanceof Formattable)) {
        text = String.valueOf(args[next++]);
      } else if (conv == 'd'
          && next < args.length
          && (args[next] instanceof Long || args[next] instanceof Integer)) {
        text = args[next++].toString();
      } else {
        return String.format(Locale.ROOT, fmt, args);
      }
      if (!left) {
        for (int k = text.length(); k < width; k++) b.append(' ');
      }
      b.append(text);
      if (left) {
        for (int k = text.length(); k < width; k++) b.append(' ');
      }
      i = j;
    }
    return b.toString();
  }
}
