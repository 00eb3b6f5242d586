package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.cdf.CdfVariable;
import org.exodusj.internal.cdf.CdfWriter;
import org.exodusj.internal.convert.StorageCopy;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.model.ExodusModel;
import org.exodusj.internal.model.ExodusModel.VarKind;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Variable;

/**
 * Writes results into an existing classic-format Exodus file in place: values for given steps and
 * entity ranges go straight where they belong; nothing else in the file is read or rewritten, so
 * memory and I/O follow what is written, never the size of a variable or the file.
 *
 * <p><b>Several processes</b> may update one file at once (batch jobs filling in their own steps or
 * entity ranges): every write takes an exclusive lock on the Exodus file itself ({@link
 * java.nio.channels.FileChannel#lock()}, POSIX record locks on Linux) for the duration of that
 * write only. The operating system releases the lock of a process that dies, so a crashed job never
 * blocks the others; what that job wrote before dying stays written, what it had not written keeps
 * the fill value. Within one JVM, use one updater per file (Java refuses overlapping locks from the
 * same process).
 *
 * <p><b>Appending steps</b> ({@link #appendStep}) writes the step's data first and makes it count
 * only at {@link #commit()} (the record count in the header moves last; with {@code sync} the data
 * is forced to disk before): a reader or a crash never sees a step counted that was not completely
 * written. Appends from several processes at once are not supported.
 *
 * <p>Indices are 0-based, as in {@link ExodusFile}.
 */
public final class ExodusUpdater implements Closeable {
  private final Path path;
  private final CdfWriter writer;
  private final ExodusModel model;
  private final boolean lock;
  private final Map<String, CdfVariable> byName = new HashMap<>();
  private IOException failedAppend;

  /**
   * @param sync force data to disk before a step counts
   * @param lock take the inter-process file lock around every write (default true)
   */
  public record Options(boolean sync, boolean lock) {
    public static final Options DEFAULT = new Options(false, true);
  }

  private ExodusUpdater(Path path, CdfWriter writer, ExodusModel model, boolean lock) {
    this.path = path;
    this.writer = writer;
    this.model = model;
    this.lock = lock;
    for (CdfVariable v : writer.header().variables()) {
      byName.put(v.name(), v);
    }
  }

  /** Opens a classic-format Exodus file for in-place updates. */
  public static ExodusUpdater open(Path path) throws IOException {
    return open(path, Options.DEFAULT);
  }

  public static ExodusUpdater open(Path path, Options options) throws IOException {
    ExodusModel model;
    try (CdfFile reader = CdfFile.open(ChannelByteSource.open(path))) {
      model = new ExodusModel(reader);
    }
    CdfWriter w = CdfWriter.openForUpdate(path, new CdfWriter.Options(true, options.sync(), 0));
    return new ExodusUpdater(path, w, model, options.lock());
  }

  /** Steps the file holds (committed, plus those appended by this updater). */
  public long timeStepCount() {
    return writer.writtenRecords();
  }

  public List<String> variableNames(EntityType kind) {
    VarKind k = model.variables.get(kind);
    return k == null ? List.of() : k.names();
  }

  /** Writes the time of an existing step. */
  public void writeTime(long step, double time) throws IOException {
    checkStep(step);
    writeTimeAt(step, time);
  }

  /**
   * Adds a step after the last one, with its time; its values are written next, and it counts only
   * after {@link #commit()}. Returns the new step's index.
   */
  public long appendStep(double time) throws IOException {
    long step = writer.writtenRecords();
    writeTimeAt(step, time);
    return step;
  }

  private void writeTimeAt(long step, double time) throws IOException {
    write(
        target(model.timeVar, "time_whole"),
        new long[] {step},
        new long[] {1},
        new double[] {time},
        0);
  }

  /**
   * Makes the appended steps count (the record count in the header moves last). If a write of an
   * appended step failed (a full disk, an I/O error), the appended steps are abandoned instead:
   * they never count.
   */
  public void commit() throws IOException {
    if (failedAppend != null) {
      IOException f = failedAppend;
      failedAppend = null;
      writer.abandonUncommitted();
      throw new IOException(path + ": appended steps not counted: one of their writes failed", f);
    }
    withLock(writer::commit);
  }

  /** Writes all global variables at {@code step}. */
  public void writeGlobalVariables(long step, double[] src, int off) throws IOException {
    checkStep(step);
    VarKind k = model.variablesOf(EntityType.GLOBAL);
    write(
        target(k.values()[0][0], "global variables"),
        new long[] {step, 0},
        new long[] {1, k.names().size()},
        src,
        off);
  }

  /** Writes nodal variable {@code var} at {@code step}, nodes {@code [start, start + count)}. */
  public void writeNodalVariable(int var, long step, long start, long count, double[] src, int off)
      throws IOException {
    checkStep(step);
    VarKind k = model.variablesOf(EntityType.NODAL);
    k.checkVariable(var);
    if (k.legacyPacked()) {
      write(
          target(k.values()[0][0], "vals_nod_var"),
          new long[] {step, var, start},
          new long[] {1, 1, count},
          src,
          off);
    } else {
      write(
          target(k.values()[0][var], "nodal variable " + var),
          new long[] {step, start},
          new long[] {1, count},
          src,
          off);
    }
  }

  /**
   * Writes variable {@code var} of a block or set kind on the object {@code objectId} at {@code
   * step}, entries {@code [start, start + count)}.
   */
  public void writeVariable(
      EntityType kind,
      int var,
      long objectId,
      long step,
      long start,
      long count,
      double[] src,
      int off)
      throws IOException {
    checkStep(step);
    VarKind k = model.variablesOf(kind);
    k.checkVariable(var);
    int o = k.objectIndex(objectId, path);
    Variable v = k.values()[o][var];
    if (v == null) {
      throw new IllegalArgumentException(
          path + ": " + kind + " variable " + var + " is not stored on " + objectId);
    }
    write(target(v, v.name()), new long[] {step, start}, new long[] {1, count}, src, off);
  }

  private void write(CdfVariable v, long[] start, long[] count, double[] src, int off)
      throws IOException {
    try {
      withLock(() -> writer.write(v, start, count, src, off));
    } catch (IOException e) {
      if (writer.writtenRecords() > writer.committedRecords()
          || (v.isRecord() && start[0] >= writer.committedRecords())) {
        failedAppend = e;
      }
      throw e;
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }

  private void withLock(Action a) throws IOException {
    if (!lock) {
      a.run();
      return;
    }
    FileLock l = writer.channel().lock();
    try {
      writer.syncRecordCount();
      a.run();
    } finally {
      l.release();
    }
  }

  private CdfVariable target(Variable modelVar, String what) {
    if (modelVar == null) {
      throw new IllegalStateException(path + ": " + what + " is not stored in this file");
    }
    return byName.get(modelVar.name());
  }

  private void checkStep(long step) {
    if (step < 0 || step >= writer.writtenRecords()) {
      throw new IndexOutOfBoundsException(
          "step " + step + " of " + writer.writtenRecords() + " (append steps with appendStep)");
    }
  }

  /** Writes the name of a block, set or numbered map in place (names are data, not header). */
  public void writeName(EntityType kind, long id, String name) throws IOException {
    List<Long> ids = new java.util.ArrayList<>();
    String namesVar;
    if (kind.isBlock()) {
      model.blocks.get(kind).forEach(b -> ids.add(b.id()));
      namesVar = org.exodusj.internal.model.ExodusNames.of(kind).names();
    } else if (kind.isSet()) {
      model.sets.get(kind).forEach(x -> ids.add(x.id()));
      namesVar = org.exodusj.internal.model.ExodusNames.of(kind).names();
    } else {
      throw new IllegalArgumentException(kind + " names are not supported here");
    }
    int i = ids.indexOf(id);
    if (i < 0) {
      throw new IllegalArgumentException(path + ": no " + kind + " with id " + id);
    }
    CdfVariable v = byName.get(namesVar);
    if (v == null) {
      throw new IllegalStateException(
          path + " has no " + namesVar + " variable; add it with a rewrite");
    }
    int len = (int) v.innerShape()[1];
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= len) {
      throw new IllegalArgumentException(
          "name '" + name + "' is longer than " + (len - 1) + " bytes");
    }
    withLock(() -> writer.writeText(v, new long[] {i, 0}, new long[] {1, len}, name));
  }

  /**
   * Sets a global text attribute (the title, for example): in place when the header still fits
   * before the first data (space reserved with {@code headerRoom} when the file was written),
   * otherwise by rewriting the file into a temporary file that atomically replaces it. Returns true
   * when it was done in place.
   */
  public static boolean setGlobalAttribute(Path path, String name, String value)
      throws IOException {
    Attribute a = Attribute.text(name, value);
    if (org.exodusj.internal.cdf.CdfHeaderEdit.putGlobalAttributes(path, List.of(a))) {
      return true;
    }
    rewrite(path, new StorageCopy.Extension(Map.of(), List.of(), List.of(a)), (f, w) -> {});
    return false;
  }

  /**
   * Adds result variables of {@code kind} (GLOBAL, NODAL, or a block or set kind: on every object
   * with entries) to an existing file. Their values hold the fill value until written. Variables
   * need data space, so the file is rewritten into a temporary file that atomically replaces it;
   * existing data is copied value by value.
   */
  public static void addVariables(Path path, EntityType kind, List<String> names)
      throws IOException {
    if (names.isEmpty()) {
      return;
    }
    ExodusModel m;
    DataType real;
    boolean hasLenName;
    try (CdfFile reader = CdfFile.open(ChannelByteSource.open(path))) {
      m = new ExodusModel(reader);
      real = m.info.floatingPointWordSize() == 4 ? DataType.FLOAT : DataType.DOUBLE;
      hasLenName = reader.dimensions().stream().anyMatch(d -> d.name().equals("len_name"));
    }
    String lenName = hasLenName ? "len_name" : "len_string";
    VarKind existing = m.variables.get(kind);
    int n0 = existing == null ? 0 : existing.names().size();
    int n1 = n0 + names.size();
    Map<String, Long> dims = new java.util.HashMap<>();
    List<StorageCopy.NewVariable> vars = new java.util.ArrayList<>();
    String namesVar;
    String tabVar = null;
    List<Long> objectEntries = new java.util.ArrayList<>();
    if (kind == EntityType.GLOBAL) {
      dims.put("num_glo_var", (long) n1);
      namesVar = "name_glo_var";
      if (n0 == 0) {
        vars.add(
            new StorageCopy.NewVariable(
                namesVar, DataType.CHAR, List.of("num_glo_var", lenName), List.of()));
        vars.add(
            new StorageCopy.NewVariable(
                "vals_glo_var", real, List.of("time_step", "num_glo_var"), List.of()));
      }
    } else if (kind == EntityType.NODAL) {
      if (existing != null && existing.legacyPacked()) {
        throw new IllegalArgumentException(
            path + " stores nodal variables in the legacy packed layout");
      }
      dims.put("num_nod_var", (long) n1);
      namesVar = "name_nod_var";
      if (n0 == 0) {
        vars.add(
            new StorageCopy.NewVariable(
                namesVar, DataType.CHAR, List.of("num_nod_var", lenName), List.of()));
      }
      for (int v = n0 + 1; v <= n1; v++) {
        vars.add(
            new StorageCopy.NewVariable(
                "vals_nod_var" + v, real, List.of("time_step", "num_nodes"), List.of()));
      }
    } else if (kind.isBlock() || kind.isSet()) {
      org.exodusj.internal.model.ExodusNames.Kind k =
          org.exodusj.internal.model.ExodusNames.of(kind);
      if (kind.isBlock()) {
        m.blocks.get(kind).forEach(b -> objectEntries.add(b.entryCount()));
      } else {
        m.sets.get(kind).forEach(x -> objectEntries.add(x.entryCount()));
      }
      if (objectEntries.isEmpty()) {
        throw new IllegalArgumentException(path + " has no " + kind + " objects");
      }
      dims.put(k.varCountDim(), (long) n1);
      namesVar = k.varNames();
      tabVar = k.varTab();
      if (n0 == 0) {
        vars.add(
            new StorageCopy.NewVariable(
                namesVar, DataType.CHAR, List.of(k.varCountDim(), lenName), List.of()));
      }
      if (existing == null || existing.table() == null || m.var(tabVar) == null) {
        vars.add(
            new StorageCopy.NewVariable(
                tabVar, DataType.INT, List.of(k.countDim(), k.varCountDim()), List.of()));
      }
      for (int o = 1; o <= objectEntries.size(); o++) {
        if (objectEntries.get(o - 1) == 0) continue;
        for (int v = n0 + 1; v <= n1; v++) {
          vars.add(
              new StorageCopy.NewVariable(
                  k.varValsPrefix() + v + k.varValsInfix() + o,
                  real,
                  List.of("time_step", k.entriesDim() + o),
                  List.of()));
        }
      }
    } else {
      throw new IllegalArgumentException("adding " + kind + " variables is not supported");
    }
    String finalTab = tabVar;
    rewrite(
        path,
        new StorageCopy.Extension(dims, vars, List.of()),
        (f, w) -> {
          CdfVariable nv = w.variable(namesVar);
          int len = (int) nv.innerShape()[1];
          for (int i = 0; i < names.size(); i++) {
            w.writeText(nv, new long[] {n0 + i, 0}, new long[] {1, len}, names.get(i));
          }
          if (finalTab != null) {
            CdfVariable tab = w.variable(finalTab);
            int objects = objectEntries.size();
            int[] col = new int[objects * names.size()];
            for (int o = 0; o < objects; o++) {
              for (int v = 0; v < names.size(); v++)
                col[o * names.size() + v] = objectEntries.get(o) > 0 ? 1 : 0;
            }
            w.write(tab, new long[] {0, n0}, new long[] {objects, names.size()}, col, 0);
            if (n0 > 0 && existing != null && existing.table() == null) {
              // the old file had no table: its variables existed where stored
              int[] old = new int[objects * n0];
              for (int o = 0; o < objects; o++) {
                for (int v = 0; v < n0; v++)
                  old[o * n0 + v] = existing.values()[o][v] != null ? 1 : 0;
              }
              w.write(tab, new long[] {0, 0}, new long[] {objects, n0}, old, 0);
            }
          }
        });
  }

  @FunctionalInterface
  private interface AfterCopy {
    void apply(CdfFile copy, CdfWriter writer) throws IOException;
  }

  /** Rewrites {@code path} with an extension into a temporary file, then replaces it atomically. */
  private static void rewrite(Path path, StorageCopy.Extension ext, AfterCopy after)
      throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".rewrite");
    try {
      org.exodusj.internal.cdf.CdfFormat format;
      try (CdfFile in = CdfFile.open(ChannelByteSource.open(path))) {
        format = in.format();
        StorageCopy.copy(in, tmp, format, (d, t) -> {}, ext);
      }
      try (CdfWriter w = CdfWriter.openForUpdate(tmp, new CdfWriter.Options(false, false, 0))) {
        after.apply(null, w);
      }
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      java.nio.file.Files.move(
          tmp,
          path,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      java.nio.file.Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Commits appended steps and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      if (failedAppend != null) {
        writer.abandonUncommitted();
      } else if (writer.writtenRecords() != writer.committedRecords()) {
        commit();
      }
    } finally {
      writer.close();
    }
  }
}
