package org.exodusj.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.FileInfo;
import org.exodusj.QaRecord;
import org.exodusj.TruthTable;

/** A readable summary of an Exodus file for {@code exo info}. */
final class InfoPrinter {
  private final ExodusFile f;
  private final Writer out;

  InfoPrinter(ExodusFile f, Writer out) {
    this.f = f;
    this.out = out;
  }

  void print() throws IOException {
    FileInfo i = f.info();
    p("file      %s%n", f.path());
    p("title     %s%n", f.title());
    p(
        "format    %s, Exodus version %s (API %s), %d-byte reals, %s integers%n",
        i.format(),
        num(i.version()),
        num(i.apiVersion()),
        i.floatingPointWordSize(),
        i.storesInt64() ? "64-bit" : "32-bit");
    p(
        "mesh      %d-D, %d nodes, %d elements, %d edges, %d faces%n",
        f.dimensionCount(), f.nodeCount(), f.elementCount(), f.edgeCount(), f.faceCount());
    for (EntityType t : EntityType.BLOCK_TYPES) {
      List<Block> bs = f.blocks(t);
      if (bs.isEmpty()) continue;
      p("%s: %d%n", label(t), bs.size());
      for (Block b : bs) {
        p(
            "  id %-8d %-10s %-10s %10d entries x %d nodes%s%s%n",
            b.id(),
            b.storedType(),
            "(" + b.topology() + ")",
            b.entryCount(),
            b.nodesPerEntry(),
            b.attributeCount() > 0 ? ", " + b.attributeCount() + " attributes" : "",
            b.name().isEmpty() ? "" : "  '" + b.name() + "'");
      }
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<EntitySet> ss = f.sets(t);
      if (ss.isEmpty()) continue;
      p("%s: %d%n", label(t), ss.size());
      for (EntitySet s : ss) {
        p(
            "  id %-8d %10d entries, %d distribution factors%s%n",
            s.id(),
            s.entryCount(),
            s.distributionFactorCount(),
            s.name().isEmpty() ? "" : "  '" + s.name() + "'");
      }
    }
    p(
        "maps      node ids %s, element ids %s%n",
        f.hasIdMap(EntityType.NODE_MAP) ? "stored" : "identity",
        f.hasIdMap(EntityType.ELEM_MAP) ? "stored" : "identity");
    if (!f.assemblies().isEmpty()) p("assemblies: %d%n", f.assemblies().size());
    if (!f.blobs().isEmpty()) p("blobs: %d%n", f.blobs().size());
    long steps = f.timeStepCount();
    if (steps > 0) {
      double[] t = new double[1];
      f.readTimes(0, 1, t, 0);
      double first = t[0];
      f.readTimes(steps - 1, 1, t, 0);
      p("steps     %d, time %s .. %s%n", steps, num(first), num(t[0]));
    } else {
      p("steps     0%n");
    }
    for (EntityType t :
        List.of(
            EntityType.GLOBAL,
            EntityType.NODAL,
            EntityType.ELEM_BLOCK,
            EntityType.EDGE_BLOCK,
            EntityType.FACE_BLOCK,
            EntityType.NODE_SET,
            EntityType.SIDE_SET,
            EntityType.ELEM_SET,
            EntityType.EDGE_SET,
            EntityType.FACE_SET,
            EntityType.ASSEMBLY,
            EntityType.BLOB)) {
      List<String> names = f.variableNames(t);
      if (names.isEmpty()) continue;
      String coverage = "";
      if (t != EntityType.GLOBAL && t != EntityType.NODAL) {
        TruthTable tab = f.truthTable(t);
        coverage =
            String.format(
                " (truth table: %d of %d present)",
                tab.presentCount(), tab.objectIds().size() * names.size());
      }
      p("%s variables: %s%s%n", label(t), String.join(", ", names), coverage);
    }
    for (QaRecord q : f.qaRecords()) {
      p("qa        %s %s %s %s%n", q.codeName(), q.codeVersion(), q.date(), q.time());
    }
    if (!f.infoRecords().isEmpty()) p("info      %d lines%n", f.infoRecords().size());
    for (String d : f.defects()) p("defect    %s%n", d);
  }

  private static String label(EntityType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** A number as short as it is exact: versions are stored as floats, so print them as such. */
  private static String num(double d) {
    if (Double.isNaN(d)) {
      return "?";
    }
    return (double) (float) d == d ? Float.toString((float) d) : Double.toString(d);
  }

  private void p(String fmt, Object... args) throws IOException {
    out.write(String.format(java.util.Locale.ROOT, fmt, args));
  }
}
