package org.exodusj;

import java.io.IOException;
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
    if (!f.blobs().isEmpty()) p("blobs: %d%n", f.blobs().size());
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
              String.format(
                  Locale.ROOT,
                  " (truth table: %d of %d present)",
                  tab.presentCount(),
                  (long) tab.objectIds().size() * names.size());
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
    for (String d : f.defects()) p("defect    %s%n", d);
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
    out.append(String.format(Locale.ROOT, fmt, args));
  }
}
