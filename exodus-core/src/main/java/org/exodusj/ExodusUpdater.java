package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.convert.StorageCopy;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.model.ExodusLayout;
import org.exodusj.internal.model.ExodusModel;
import org.exodusj.internal.model.ExodusModel.VarKind;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * Writes results into an existing classic-format Exodus file in place: values for given steps and
 * entity ranges go straight where they belong; nothing else in the file is read or rewritten, so
 * memory and I/O follow what is written, never the size of a variable or the file.
 *
 * <p><b>Several processes and threads</b> may update one file at once (batch jobs filling in their
 * own steps or entity ranges), each with its own updater or sharing one: every write takes the
 * file's exclusive data lock for the duration of that write only, through the one lock holder per
 * file and JVM that the locking protocol of docs/reliability.md describes. The operating system
 * releases the locks of a process that dies, so a crashed job never blocks the others; what that
 * job wrote before dying stays written, what it had not written keeps the fill value. An updater is
 * thread-safe (its writes are serialized).
 *
 * <p>While updaters have the file open, an {@link ExodusWriter} on the same path and a rewrite
 * ({@link #addVariables}, {@link #setGlobalAttribute} without header room) are refused with {@link
 * FileInUseException}. If another program replaces or deletes the file, the next write fails with
 * {@link FileReplacedException} instead of writing into a file nobody can open.
 *
 * <p><b>Appending steps</b> ({@link #appendStep}) writes the step's data first and makes it count
 * only at {@link #commit()} (the record count in the header moves last, under the lock, and only
 * forward; with {@code sync} the data is forced to disk before): a reader or a crash never sees a
 * step counted that was not completely written. One process appends at a time: from its first
 * appended step until commit an updater holds the append lock, and another updater's {@code
 * appendStep} is refused. {@link #close()} abandons appended steps that were not committed.
 *
 * <p>Files that store reals as 4-byte floats take values a float holds exactly; others are refused
 * unless {@link Options#floatRounding()} is {@link FloatRounding#ROUND}.
 *
 * <p><b>NetCDF-4 files</b>, whoever wrote them (this library, netCDF-C, libexodusII), take one
 * updater at a time; a patch rewrites the chunk it falls in, and each commit rewrites the file's
 * metadata after the data, then its superblock (docs/netcdf4.md). A file another program wrote is
 * adopted at the first commit; what cannot be carried over (groups, user types, several unlimited
 * dimensions, filters other than deflate, shuffle and Fletcher-32) is refused when the updater
 * opens, with an {@link ExodusFormatException}, the file untouched.
 *
 * <p>Indices are 0-based, as in {@link ExodusFile}.
 */
@SuppressWarnings("try") // lock holders are try-with-resources that the body never names
public final class ExodusUpdater implements Closeable {
  private final Path path;
  private final StorageWriter writer;
  private final ExodusModel model;
  private final FileLocks.Entry entry;
  private final FileLocks.Held owner;
  private final boolean locking;
  private final StorageWriter.RealRounding rounding;
  private final Map<String, Variable> byName = new HashMap<>();
  private FileLocks.Held appending;
  private IOException failedAppend;
  private boolean closed;

  /**
   * @param sync force data to disk before a step counts
   * @param lock follow the locking protocol (default true); false takes no file lock at all: only
   *     for file systems without locks, where the caller guarantees that nobody else writes
   * @param floatRounding how doubles go into files that store 4-byte reals
   */
  public record Options(boolean sync, boolean lock, FloatRounding floatRounding) {
    public static final Options DEFAULT = new Options(false, true, FloatRounding.EXACT_ONLY);

    public Options {
      java.util.Objects.requireNonNull(floatRounding, "floatRounding");
    }

    /** Exact float values only. */
    public Options(boolean sync, boolean lock) {
      this(sync, lock, FloatRounding.EXACT_ONLY);
    }

    /** These options with {@code sync} set. */
    public Options withSync(boolean on) {
      return new Options(on, lock, floatRounding);
    }

    /** These options with the float rounding set. */
    public Options withFloatRounding(FloatRounding r) {
      return new Options(sync, lock, r);
    }
  }

  private ExodusUpdater(
      Path path,
      StorageWriter writer,
      ExodusModel model,
      FileLocks.Entry entry,
      FileLocks.Held owner,
      boolean locking,
      FloatRounding rounding) {
    this.locking = locking;
    this.path = path;
    this.writer = writer;
    this.model = model;
    this.entry = entry;
    this.owner = owner;
    this.rounding =
        rounding == FloatRounding.ROUND
            ? StorageWriter.RealRounding.ROUND
            : StorageWriter.RealRounding.EXACT_ONLY;
    for (Variable v : writer.variables()) {
      byName.put(v.name(), v);
    }
  }

  /** Opens an Exodus file (classic or NetCDF-4) for in-place updates. */
  public static ExodusUpdater open(Path path) throws IOException {
    return open(path, Options.DEFAULT);
  }

  /**
   * Opens an Exodus file (classic or NetCDF-4) for in-place updates with these options.
   *
   * @throws FileInUseException when an {@link ExodusWriter} or a rewrite has the file open
   */
  public static ExodusUpdater open(Path path, Options options) throws IOException {
    requireWritableFile(path, "update");
    StorageWriter.Options wo = new StorageWriter.Options(true, options.sync(), 0);
    // Even without locks, the file is read and written through the JVM's one channel for it, so
    // that closing it never drops another handle's locks.
    FileLocks.Entry entry = FileLocks.open(path, false);
    FileLocks.Held owner = null;
    try {
      if (options.lock()) {
        // NetCDF-4: each updater rewrites the whole metadata at commit, so one at a time.
        owner =
            Backends.exclusiveUpdates(path, entry.channel())
                ? entry.ownAsWriter("a NetCDF-4 file takes one updater at a time")
                : entry.ownAsUpdater("cannot open it for updates");
      }
      ExodusModel model;
      StorageWriter w;
      Storage reader = null;
      try {
        try (FileLocks.Held l = options.lock() ? entry.exclusive() : null) {
          reader = Backends.openThrough(path, entry.channel());
          model = ExodusModel.read(reader);
          UpdateChecks.check(path, model);
          w = Backends.openForUpdate(path, entry.channel(), reader, wo);
        }
      } finally {
        // Closed through closeOther (outside the data lock), which re-takes this JVM's locks should
        // a close drop them (the NetCDF-4 reader reads through the entry's channel now).
        if (reader != null) entry.closeOther(reader);
      }
      return new ExodusUpdater(
          path, w, model, entry, owner, options.lock(), options.floatRounding());
    } catch (IOException | RuntimeException e) {
      closeAll(e, owner, entry);
      throw e;
    }
  }

  private static void closeAll(Throwable cause, Closeable... cs) {
    for (Closeable c : cs) {
      if (c == null) continue;
      try {
        c.close();
      } catch (IOException | RuntimeException s) {
        cause.addSuppressed(s);
      }
    }
  }

  /** Steps the file holds (committed, plus those appended by this updater). */
  public synchronized long timeStepCount() {
    ensureOpen();
    return writer.writtenRecords();
  }

  public List<String> variableNames(EntityType kind) {
    VarKind k = model.variables.get(kind);
    return k == null ? List.of() : k.names();
  }

  /** Writes the time of an existing step. */
  public synchronized void writeTime(long step, double time) throws IOException {
    ensureOpen();
    checkTime(time);
    checkStep(step);
    writeTimeAt(step, time);
  }

  /**
   * Adds a step after the last one, with its time; its values are written next, and it counts only
   * after {@link #commit()}. Returns the new step's index.
   *
   * @throws FileInUseException when another updater (in this process or another) is appending
   * @throws IllegalArgumentException for a NaN or infinite time
   */
  public synchronized long appendStep(double time) throws IOException {
    ensureOpen();
    checkTime(time);
    if (locking && appending == null) {
      appending = entry.appendAs(this, "cannot append a step to it now");
    }
    long[] step = new long[1];
    lockedWrite(
        () -> {
          step[0] = writer.writtenRecords();
          writer.writeReals(
              target(model.timeVar, "time_whole"),
              new long[] {step[0]},
              new long[] {1},
              new double[] {time},
              0,
              rounding);
        },
        true);
    return step[0];
  }

  private void writeTimeAt(long step, double time) throws IOException {
    write(
        target(model.timeVar, "time_whole"),
        new long[] {step},
        new long[] {1},
        new double[] {time},
        0);
  }

  private void checkTime(double time) {
    if (!Double.isFinite(time)) {
      throw new IllegalArgumentException(path + ": step time " + time + " is not a finite number");
    }
  }

  /**
   * Makes the appended steps count (the record count in the header moves last, only forward, under
   * the lock). If a write of an appended step failed (a full disk, an I/O error), the appended
   * steps are abandoned instead: they never count.
   */
  public synchronized void commit() throws IOException {
    ensureOpen();
    if (failedAppend != null) {
      IOException f = failedAppend;
      failedAppend = null;
      abandonAppended();
      throw new IOException(path + ": appended steps not counted: one of their writes failed", f);
    }
    withLock(writer::commit);
    releaseAppend();
  }

  private void abandonAppended() throws IOException {
    try {
      withLock(writer::abandonUncommitted);
    } finally {
      releaseAppend();
    }
  }

  private void releaseAppend() throws IOException {
    if (appending != null) {
      FileLocks.Held a = appending;
      appending = null;
      a.close();
    }
  }

  /** Writes all global variables at {@code step}. */
  public synchronized void writeGlobalVariables(long step, double[] src, int off)
      throws IOException {
    ensureOpen();
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
  public synchronized void writeNodalVariable(
      int var, long step, long start, long count, double[] src, int off) throws IOException {
    ensureOpen();
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
  public synchronized void writeVariable(
      EntityType kind,
      int var,
      long objectId,
      long step,
      long start,
      long count,
      double[] src,
      int off)
      throws IOException {
    ensureOpen();
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

  private void write(Variable v, long[] start, long[] count, double[] src, int off)
      throws IOException {
    boolean appended = v.isRecord() && start[0] >= writer.committedRecords();
    lockedWrite(() -> writer.writeReals(v, start, count, src, off, rounding), appended);
  }

  /** Runs a write under the lock; a failed write of an appended step marks the step abandoned. */
  private void lockedWrite(Action a, boolean appended) throws IOException {
    try {
      withLock(a);
    } catch (IOException e) {
      if (appended || writer.writtenRecords() > writer.committedRecords()) {
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
    if (!locking) {
      a.run();
      return;
    }
    try (FileLocks.Held l = entry.exclusive()) {
      writer.syncRecordCount();
      a.run();
    }
  }

  private Variable target(Variable modelVar, String what) {
    if (modelVar == null) {
      throw new IllegalStateException(path + ": " + what + " is not stored in this file");
    }
    return byName.get(modelVar.name());
  }

  private void checkStep(long step) throws IOException {
    if (step >= writer.writtenRecords() && locking) {
      withLock(() -> {}); // another process may have appended since: adopt its count
    }
    if (step < 0 || step >= writer.writtenRecords()) {
      throw new IllegalStateException(
          path
              + ": step "
              + step
              + " does not exist: the file has "
              + writer.committedRecords()
              + " steps"
              + (writer.writtenRecords() > writer.committedRecords()
                  ? " and " + (writer.writtenRecords() - writer.committedRecords()) + " appended"
                  : "")
              + " (append steps with appendStep)");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(path + ": the updater is closed");
    }
  }

  /** Writes the name of a block, set or numbered map in place (names are data, not header). */
  public synchronized void writeName(EntityType kind, long id, String name) throws IOException {
    ensureOpen();
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
    Variable v = byName.get(namesVar);
    if (v == null) {
      throw new IllegalStateException(
          path + " has no " + namesVar + " variable; add it with a rewrite");
    }
    int len = (int) v.dimensions().get(1).length();
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= len) {
      throw new IllegalArgumentException(
          "name '" + name + "' is longer than " + (len - 1) + " bytes");
    }
    withLock(() -> writer.writeText(v, new long[] {i, 0}, new long[] {1, len}, name));
  }

  /**
   * Global attributes that libexodusII and netCDF own: changing them makes the C library misread
   * the file (or refuse it), so {@link #setGlobalAttribute} refuses them.
   */
  public static final java.util.Set<String> RESERVED_ATTRIBUTES =
      java.util.Set.of(
          "api_version",
          "version",
          "floating_point_word_size",
          "file_size",
          "maximum_name_length",
          "int64_status",
          "nemesis_file_version",
          "processor_info",
          "last_written_time");

  /**
   * Sets a global text attribute (the title, for example): in place when the header still fits
   * before the first data (space reserved with {@code headerRoom} when the file was written), under
   * the file's exclusive lock so no record count is lost; otherwise by rewriting the file into a
   * temporary file that atomically replaces it (refused while a writer or updater has it open).
   * Returns true when it was done in place.
   *
   * @throws IllegalArgumentException for a reserved name ({@link #RESERVED_ATTRIBUTES}, or one
   *     starting with '_', which netCDF reserves)
   */
  public static boolean setGlobalAttribute(Path path, String name, String value)
      throws IOException {
    if (name == null
        || name.isEmpty()
        || RESERVED_ATTRIBUTES.contains(name)
        || name.startsWith("_")) {
      throw new IllegalArgumentException(
          path
              + ": global attribute '"
              + name
              + "' is reserved by libexodusII or netCDF and cannot be set here");
    }
    requireWritableFile(path, "change");
    Attribute a = Attribute.text(name, value);
    try (FileLocks.Entry entry = FileLocks.open(path, false);
        FileLocks.Held l = entry.exclusive()) {
      if (Backends.putGlobalAttributesInPlace(entry.path(), entry.channel(), List.of(a))) {
        return true;
      }
    }
    rewrite(
        path,
        reader ->
            new Plan(new StorageCopy.Extension(Map.of(), List.of(), List.of(a)), (f, w) -> {}));
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
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException(path + ": a variable name is empty");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(path + ": variable name '" + n + "' is given twice");
      }
    }
    rewrite(path, reader -> planVariables(path, reader, kind, names));
  }

  /** What adding the variables to the file {@code reader} reads takes: the new layout and names. */
  private static Plan planVariables(Path path, Storage reader, EntityType kind, List<String> names)
      throws IOException {
    // The model is read under the rewrite's locks, so it is the file's current state.
    ExodusModel m = ExodusModel.read(reader);
    VarKind existing = m.variables.get(kind);
    for (String n : names) {
      if (existing != null && existing.names().contains(n)) {
        throw new IllegalArgumentException(
            path + ": " + kind + " variable '" + n + "' exists already");
      }
      int max = m.info.maximumNameLength() > 0 ? m.info.maximumNameLength() : 32;
      if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max) {
        throw new IllegalArgumentException(
            path + ": variable name '" + n + "' is longer than " + max + " bytes");
      }
    }
    ExodusLayout.Addition add = ExodusLayout.addVariables(m, kind, names.size(), path);
    List<StorageCopy.NewVariable> vars = new java.util.ArrayList<>();
    for (ExodusLayout.NewVariable v : add.variables()) {
      vars.add(new StorageCopy.NewVariable(v.name(), v.type(), v.dimensions(), List.of()));
    }
    int n0 = add.existing();
    String namesVar = add.namesVariable();
    List<Long> objectEntries = add.objectEntries();
    String finalTab = add.truthTable();
    return new Plan(
        new StorageCopy.Extension(add.dimensionLengths(), vars, List.of()),
        (f, w) -> {
          Variable nv = w.variable(namesVar);
          int len = (int) nv.dimensions().get(1).length();
          for (int i = 0; i < names.size(); i++) {
            w.writeText(nv, new long[] {n0 + i, 0}, new long[] {1, len}, names.get(i));
          }
          if (finalTab != null) {
            Variable tab = w.variable(finalTab);
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
    void apply(Storage copy, StorageWriter writer) throws IOException;
  }

  /** A rewrite: the layout to add and what to write into the copy afterwards. */
  private record Plan(StorageCopy.Extension extension, AfterCopy after) {}

  @FunctionalInterface
  private interface Planner {
    Plan plan(Storage current) throws IOException;
  }

  /** A missing file is a {@link NoSuchFileException}, a read-only one an access error. */
  private static void requireWritableFile(Path path, String verb) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file: cannot " + verb + " it");
    }
    if (!Files.isWritable(path)) {
      throw new AccessDeniedException(
          path.toString(), null, "not writable: cannot " + verb + " it");
    }
  }

  /**
   * Rewrites {@code path} with an extension into {@code FILE.rewrite}, then moves it over the
   * original atomically. Holds the file as its owner (refused while a writer or updater has it
   * open, here or in another process) and its exclusive data lock throughout, so nothing written
   * meanwhile can be lost. A {@code FILE.rewrite} left by a killed rewrite is removed first.
   */
  private static void rewrite(Path path, Planner planner) throws IOException {
    requireWritableFile(path, "rewrite");
    path = ExodusWriter.throughLinks(path); // a link's target is rewritten, the link stays
    Path tmp = path.resolveSibling(path.getFileName() + ".rewrite");
    Storage in = null; // a NetCDF-4 reader holds a descriptor of its own: closed after the locks
    try (FileLocks.Entry entry = FileLocks.open(path, false);
        FileLocks.Held owner = entry.ownForRewrite("cannot rewrite it now; close them first");
        FileLocks.Held l = entry.exclusive()) {
      Backends.refuseWritersOfOtherLibraries(path); // netCDF-C's HDF5 lock is not ours
      Files.deleteIfExists(tmp);
      try {
        in = Backends.openMappedThrough(path, entry.channel()); // reads every record
        Plan plan = planner.plan(in);
        ExodusFormat format = in.fileFormat();
        StorageCopy.copy( // keeps a NetCDF-4 file's filters and chunks
            in,
            tmp,
            format,
            new StorageWriter.Options(false, false, 0),
            (d, t) -> {},
            plan.extension(),
            true);
        try (StorageWriter w =
            Backends.openForUpdate(tmp, new StorageWriter.Options(false, false, 0))) {
          plan.after().apply(null, w);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        ExodusWriter.keepAccess(path, tmp);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
    } finally {
      if (in != null) in.close();
    }
  }

  /**
   * Commits nothing: steps appended and not committed are abandoned (they never count), as when a
   * write fails. Then closes the file. Further calls throw {@link IllegalStateException}.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    try {
      if (writer.writtenRecords() != writer.committedRecords() || failedAppend != null) {
        abandonAppended();
      }
    } catch (FileReplacedException e) {
      // The appended steps were in a file nobody can open any more; the caller was told so.
    } catch (IOException e) {
      failure = e;
    }
    try {
      writer.close();
    } catch (IOException e) {
      if (failure == null) failure = e;
      else failure.addSuppressed(e);
    }
    try {
      releaseAppend();
      if (owner != null) owner.close();
      entry.close();
    } catch (IOException e) {
      if (failure == null) failure = e;
      else failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
