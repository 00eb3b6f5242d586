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
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.model.ExodusModel;
import org.exodusj.internal.model.ExodusModel.VarKind;
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
    write(
        target(model.timeVar, "time_whole"),
        new long[] {step},
        new long[] {1},
        new double[] {time},
        0);
  }

  /**
   * Adds a step after the last one, with its time; its values are written next, and it counts only
   * after {@link #commit()}. Returns the new step's index.
   */
  public long appendStep(double time) throws IOException {
    long step = writer.writtenRecords();
    write(
        target(model.timeVar, "time_whole"),
        new long[] {step},
        new long[] {1},
        new double[] {time},
        0);
    return step;
  }

  /** Makes the appended steps count (the record count in the header moves last). */
  public void commit() throws IOException {
    withLock(writer::commit);
  }

  /** Writes all global variables at {@code step}. */
  public void writeGlobalVariables(long step, double[] src, int off) throws IOException {
    checkStep(step);
    VarKind k = kind(EntityType.GLOBAL);
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
    VarKind k = kind(EntityType.NODAL);
    checkVar(k, var);
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
    VarKind k = kind(kind);
    checkVar(k, var);
    int o = k.objectIds().indexOf(objectId);
    if (o < 0) {
      throw new IllegalArgumentException(path + ": no " + kind + " with id " + objectId);
    }
    Variable v = k.values()[o][var];
    if (v == null) {
      throw new IllegalArgumentException(
          path + ": " + kind + " variable " + var + " is not stored on " + objectId);
    }
    write(target(v, v.name()), new long[] {step, start}, new long[] {1, count}, src, off);
  }

  private void write(CdfVariable v, long[] start, long[] count, double[] src, int off)
      throws IOException {
    withLock(() -> writer.write(v, start, count, src, off));
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

  private VarKind kind(EntityType kind) {
    VarKind k = model.variables.get(kind);
    if (k == null) {
      throw new IllegalArgumentException(kind + " has no variables");
    }
    return k;
  }

  private static void checkVar(VarKind k, int var) {
    if (var < 0 || var >= k.names().size()) {
      throw new IndexOutOfBoundsException(
          k.type() + " variable " + var + " of " + k.names().size());
    }
  }

  private void checkStep(long step) {
    if (step < 0 || step >= writer.writtenRecords()) {
      throw new IndexOutOfBoundsException(
          "step " + step + " of " + writer.writtenRecords() + " (append steps with appendStep)");
    }
  }

  /** Commits appended steps and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      if (writer.writtenRecords() != writer.committedRecords()) {
        commit();
      }
    } finally {
      writer.close();
    }
  }
}
