package org.exodusj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes a decomposed set as one file (what SEACAS {@code epu} does): the joined mesh, the global
 * ids in the node and element id maps, node and side sets, QA and info records of rank 0, and every
 * step the pieces all have of every global, nodal and element variable. Streams in windows of the
 * set's chunk length: memory is one window per thread plus the set's numbering.
 */
final class SetJoin {
  private SetJoin() {}

  static List<String> join(ExodusFileSet set, Path out, ExodusFormat format, LongConsumer progress)
      throws IOException {
    for (Path piece : set.paths()) {
      if (java.nio.file.Files.exists(out) && java.nio.file.Files.isSameFile(out, piece)) {
        throw new IllegalArgumentException(
            out + " is a piece of the set being joined; write the joined file elsewhere");
      }
    }
    List<String> notes = new ArrayList<>(set.warnings());
    ExodusFile first = set.piece(0);
    int chunk = set.chunkLength();
    List<String> names = new ArrayList<>(set.coordinateNames());
    Definition d =
        ExodusWriter.define(format, set.title(), set.dimensionCount(), set.nodeCount())
            .realWordSize(first.info().floatingPointWordSize() == 4 ? 4 : 8)
            .idMap(EntityType.NODE_MAP)
            .idMap(EntityType.ELEM_MAP);
    if (first.info().storesInt64()
        && (format == ExodusFormat.CDF5 || format == ExodusFormat.NETCDF4)) {
      d.int64(true); // 64-bit ids and connectivity stay 64-bit where the format holds them
    }
    if (set.coordinateNames().size() == set.dimensionCount()) {
      d.coordinateNames(set.coordinateNames().toArray(new String[0]));
    }
    List<Block> blocks = set.blocks();
    for (Block b : blocks) {
      d.block(
          new BlockSpec(
              EntityType.ELEM_BLOCK,
              b.id(),
              b.name(),
              b.storedType(),
              b.entryCount(),
              b.nodesPerEntry(),
              0,
              0,
              List.of()));
      names.add(b.name());
    }
    for (EntityType t : List.of(EntityType.NODE_SET, EntityType.SIDE_SET)) {
      for (EntitySet s : set.sets(t)) {
        d.set(new SetSpec(t, s.id(), s.name(), s.entryCount(), s.distributionFactorCount()));
        names.add(s.name());
      }
    }
    d.qaRecords(first.qaRecords());
    d.infoRecords(first.infoRecords());
    List<String> global = set.variableNames(EntityType.GLOBAL);
    List<String> nodal = set.variableNames(EntityType.NODAL);
    List<String> elem = set.variableNames(EntityType.ELEM_BLOCK);
    names.addAll(global);
    names.addAll(nodal);
    names.addAll(elem);
    if (!global.isEmpty()) d.globalVariables(global.toArray(new String[0]));
    if (!nodal.isEmpty()) d.nodalVariables(nodal.toArray(new String[0]));
    boolean[][] truth = new boolean[blocks.size()][elem.size()];
    if (!elem.isEmpty()) {
      for (int b = 0; b < blocks.size(); b++) {
        for (int v = 0; v < elem.size(); v++) {
          truth[b][v] = set.hasVariable(EntityType.ELEM_BLOCK, v, blocks.get(b).id());
        }
      }
      d.variables(EntityType.ELEM_BLOCK, elem, truth);
    }
    int maxName = Math.max(32, first.info().maximumNameLength());
    for (String s : names) maxName = Math.max(maxName, s.getBytes(StandardCharsets.UTF_8).length);
    d.maxNameLength(Math.min(255, maxName));

    long written = 0;
    try (ExodusWriter w = ExodusWriter.create(out, d)) {
      double[] reals = new double[(int) Math.max(1, Math.min(chunk, set.nodeCount()))];
      long[] ints = new long[reals.length];
      for (int axis = 0; axis < set.dimensionCount(); axis++) {
        for (long s = 0; s < set.nodeCount(); s += reals.length) {
          int c = (int) Math.min(reals.length, set.nodeCount() - s);
          set.readCoordinates(axis, s, c, reals, 0);
          w.writeCoordinates(axis, s, c, reals, 0);
          written = report(progress, written, c * 8L);
        }
      }
      for (long s = 0; s < set.nodeCount(); s += ints.length) {
        int c = (int) Math.min(ints.length, set.nodeCount() - s);
        for (int i = 0; i < c; i++) ints[i] = set.nodeId(s + i);
        w.writeIdMap(EntityType.NODE_MAP, s, c, ints, 0);
      }
      long[] eb = new long[(int) Math.max(1, Math.min(chunk, set.elementCount()))];
      for (long s = 0; s < set.elementCount(); s += eb.length) {
        int c = (int) Math.min(eb.length, set.elementCount() - s);
        for (int i = 0; i < c; i++) eb[i] = set.elementId(s + i);
        w.writeIdMap(EntityType.ELEM_MAP, s, c, eb, 0);
      }
      for (Block b : blocks) {
        int npe = (int) Math.max(1, b.nodesPerEntry());
        int per = Math.max(1, chunk / npe);
        long[] conn = new long[(int) Math.min(per, Math.max(1, b.entryCount())) * npe];
        for (long s = 0; s < b.entryCount(); s += per) {
          int c = (int) Math.min(per, b.entryCount() - s);
          set.readConnectivity(b, s, c, conn, 0);
          w.writeConnectivity(EntityType.ELEM_BLOCK, b.id(), s, c, conn, 0);
          written = report(progress, written, (long) c * npe * 4);
        }
      }
      for (EntityType t : List.of(EntityType.NODE_SET, EntityType.SIDE_SET)) {
        for (EntitySet s : set.sets(t)) {
          long[] e = new long[(int) s.entryCount()];
          set.readSetEntries(s, 0, e.length, e, 0);
          long[] x = null;
          if (t == EntityType.SIDE_SET) {
            x = new long[e.length];
            set.readSetExtra(s, 0, e.length, x, 0);
          }
          w.writeSet(t, s.id(), 0, e.length, e, x);
          if (s.distributionFactorCount() > 0) {
            double[] f = new double[(int) s.distributionFactorCount()];
            set.readDistributionFactors(s, 0, f.length, f, 0);
            w.writeDistributionFactors(t, s.id(), 0, f.length, f, 0);
          }
        }
      }
      double[] times = set.times();
      double[] g = new double[global.size()];
      long largestBlock = 1;
      for (Block bl : blocks) largestBlock = Math.max(largestBlock, bl.entryCount());
      double[] buf =
          new double[(int) Math.min(chunk, largestBlock)]; // one for every block and step
      for (long step = 0; step < set.timeStepCount(); step++) {
        long st = w.beginStep(times[(int) step]);
        if (!global.isEmpty()) {
          set.readGlobalVariables(step, g, 0);
          w.writeGlobalVariables(st, g, 0);
        }
        for (int v = 0; v < nodal.size(); v++) {
          for (long s = 0; s < set.nodeCount(); s += reals.length) {
            int c = (int) Math.min(reals.length, set.nodeCount() - s);
            set.readNodalVariable(v, step, s, c, reals, 0);
            w.writeNodalVariable(v, st, s, c, reals, 0);
            written = report(progress, written, c * 8L);
          }
        }
        for (int b = 0; b < blocks.size(); b++) {
          Block bl = blocks.get(b);
          for (int v = 0; v < elem.size(); v++) {
            if (!truth[b][v]) continue;
            int window = (int) Math.max(1, Math.min(chunk, bl.entryCount()));
            for (long s = 0; s < bl.entryCount(); s += window) {
              int c = (int) Math.min(window, bl.entryCount() - s);
              set.readVariable(EntityType.ELEM_BLOCK, v, bl.id(), step, s, c, buf, 0);
              w.writeVariable(EntityType.ELEM_BLOCK, v, bl.id(), st, s, c, buf, 0);
              written = report(progress, written, c * 8L);
            }
          }
        }
        w.commitStep();
      }
    }
    return notes;
  }

  private static long report(LongConsumer progress, long written, long more) {
    long n = written + more;
    if (progress != null) progress.accept(n);
    return n;
  }
}
