package org.exodusj;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.convert.StorageCopy;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.Publication;
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
 * <p><b>Jobs take turns.</b> Where the file is not free (a writer or a rewrite has it; for NetCDF-4
 * another updater), {@link #open} waits for it up to {@link Options#lockWait()} (60 s by default,
 * {@link Duration#ZERO} to be refused at once), and so does {@link #appendStep} for another
 * process's append; the operating system hands the file over when its holder closes or dies.
 *
 * <p><b>NetCDF-4 files</b>, whoever wrote them (this library, netCDF-C, libexodusII), take one
 * updater at a time (the others wait); a patch rewrites the chunk it falls in, and each commit
 * rewrites the file's metadata after the data, then its superblock (docs/netcdf4.md). A file
 * another program wrote is adopted at the first commit; what cannot be carried over (groups, user
 * types, several unlimited dimensions, filters other than deflate, shuffle and Fletcher-32) is
 * refused when the updater opens, with an {@link ExodusFormatException}, the file untouched.
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
  private final Duration lockWait;
  private byte[] fingerprint; // NetCDF-4 under locks: the file as this updater last left it
  private boolean broken; // the file was overwritten under this updater
  private FileLocks.Held appending;
  private IOException failedAppend;
  private boolean closed;

  /**
   * @param sync force data to disk before a step counts
   * @param lock follow the locking protocol (default true); false takes no file lock at all: only
   *     for file systems without locks, where the caller guarantees that nobody else writes
   * @param floatRounding how doubles go into files that store 4-byte reals
   * @param lockWait how long {@link #open} and {@link #appendStep} wait for a file another updater,
   *     writer or rewrite holds (in this process or another) before they give up with {@link
   *     FileInUseException}: {@link Duration#ZERO} refuses at once; the default is {@link
   *     #DEFAULT_LOCK_WAIT}
   * @param chunkMemory NetCDF-4 only: the bytes of decoded chunks a session keeps in memory while
   *     it patches (at least one chunk is always kept); chunks beyond it are encoded and written to
   *     free space in the file as the session goes (they count only at the next commit, as before);
   *     the default is {@link #DEFAULT_CHUNK_MEMORY}
   */
  public record Options(
      boolean sync,
      boolean lock,
      FloatRounding floatRounding,
      Duration lockWait,
      long chunkMemory) {
    /**
     * How long an updater waits by default for the file another job holds: long enough that jobs
     * which hold the file only while they write (seconds) are serialised rather than refused, short
     * enough that a handle somebody forgot to close ends in an error, not a hang.
     */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    /** The default bytes of decoded NetCDF-4 chunks a patch session keeps: 16 MiB. */
    public static final long DEFAULT_CHUNK_MEMORY = 16L << 20;

    public static final Options DEFAULT =
        new Options(false, true, FloatRounding.EXACT_ONLY, DEFAULT_LOCK_WAIT, DEFAULT_CHUNK_MEMORY);

    public Options {
      java.util.Objects.requireNonNull(floatRounding, "floatRounding");
      java.util.Objects.requireNonNull(lockWait, "lockWait");
      if (lockWait.isNegative()) {
        throw new IllegalArgumentException("lockWait " + lockWait + " is negative");
      }
      if (chunkMemory < 0) {
        throw new IllegalArgumentException("chunkMemory " + chunkMemory + " is negative");
      }
    }

    /** With the default lock wait and chunk memory. */
    public Options(boolean sync, boolean lock, FloatRounding floatRounding) {
      this(sync, lock, floatRounding, DEFAULT_LOCK_WAIT, DEFAULT_CHUNK_MEMORY);
    }

    /** Exact float values only. */
    public Options(boolean sync, boolean lock) {
      this(sync, lock, FloatRounding.EXACT_ONLY);
    }

    /** These options with {@code sync} set. */
    public Options withSync(boolean on) {
      return new Options(on, lock, floatRounding, lockWait, chunkMemory);
    }

    /** These options with the float rounding set. */
    public Options withFloatRounding(FloatRounding r) {
      return new Options(sync, lock, r, lockWait, chunkMemory);
    }

    /** These options with the lock wait set ({@link Duration#ZERO}: refuse at once). */
    public Options withLockWait(Duration wait) {
      return new Options(sync, lock, floatRounding, wait, chunkMemory);
    }

    /** These options with the NetCDF-4 chunk memory of a session set, in bytes. */
    public Options withChunkMemory(long bytes) {
      return new Options(sync, lock, floatRounding, lockWait, bytes);
    }
  }

  private ExodusUpdater(
      Path path,
      StorageWriter writer,
      ExodusModel model,
      FileLocks.Entry entry,
      FileLocks.Held owner,
      Options options) {
    this.locking = options.lock();
    this.lockWait = options.lockWait();
    FloatRounding rounding = options.floatRounding();
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
   * Opens an Exodus file (classic or NetCDF-4) for in-place updates with these options. While an
   * {@link ExodusWriter}, a rewrite or (NetCDF-4) another updater has the file, in this process or
   * another, it waits up to {@link Options#lockWait()} for the file to be free, so jobs that patch
   * one file take turns, as an exclusive {@code flock} would make them.
   *
   * @throws FileInUseException when the file was not free within the options' lock wait
   */
  public static ExodusUpdater open(Path path, Options options) throws IOException {
    requireWritableFile(path, "update");
    long deadline = System.nanoTime() + saturatedNanos(options.lockWait());
    long park = 2_000_000;
    while (true) {
      try {
        return openOnce(path, options);
      } catch (FileInUseException | FileReplacedException | FileChangedException e) {
        // in use: wait for its holder; replaced while we waited (a rewrite's rename), or changed
        // while we read it (a writer that takes no fcntl lock, netCDF-C closing): look again
        if (!options.lock() || System.nanoTime() - deadline >= 0) {
          throw e;
        }
      }
      park = pause(path, park, deadline);
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** Sleeps a growing pause (at most 100 ms, never past the deadline); returns the next one. */
  private static long pause(Path path, long park, long deadline) throws IOException {
    long left = deadline - System.nanoTime();
    java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, Math.min(park, left)));
    if (Thread.currentThread().isInterrupted()) {
      throw new java.io.InterruptedIOException(
          path + ": interrupted while waiting for the file to be free");
    }
    return Math.min(park * 2, 100_000_000);
  }

  private static ExodusUpdater openOnce(Path path, Options options) throws IOException {
    StorageWriter.Options wo = new StorageWriter.Options(true, options.sync(), 0);
    // Even without locks, the file is read and written through the JVM's one channel for it, so
    // that closing it never drops another handle's locks.
    FileLocks.Entry entry = FileLocks.open(path, false);
    FileLocks.Held owner = null;
    try {
      boolean exclusive = Backends.exclusiveUpdates(path, entry.channel());
      if (options.lock()) {
        // NetCDF-4: each updater rewrites the whole metadata at commit, so one at a time.
        owner =
            exclusive
                ? entry.ownAsWriter("a NetCDF-4 file takes one updater at a time")
                : entry.ownAsUpdater("cannot open it for updates");
      }
      ExodusModel model;
      StorageWriter w;
      Storage reader = null;
      byte[] fingerprint = null;
      try {
        try (FileLocks.Held l = options.lock() ? entry.exclusive() : null) {
          // NetCDF-4: Linux's list of file locks (a netCDF-C writer's flock) is read while the
          // file is parsed; reading it waits for the kernel, not the CPU
          if (exclusive) Backends.prefetchWriterCheck(path);
          reader = Backends.openThrough(path, entry.channel());
          model = ExodusModel.read(reader);
          UpdateChecks.check(path, model);
          w = Backends.openForUpdate(path, entry.channel(), reader, wo);
          if (exclusive && options.lock()) fingerprint = fingerprint(entry.channel());
        }
      } finally {
        if (exclusive) Backends.dropWriterCheck();
        // Closed through closeOther (outside the data lock), which re-takes this JVM's locks should
        // a close drop them (the NetCDF-4 reader reads through the entry's channel now).
        if (reader != null) entry.closeOther(reader);
      }
      w.limitChunkMemory(options.chunkMemory());
      ExodusUpdater u = new ExodusUpdater(path, w, model, entry, owner, options);
      u.fingerprint = fingerprint;
      return u;
    } catch (IOException | RuntimeException e) {
      closeAll(e, owner, entry);
      throw e;
    }
  }

  /** Bytes of the file's start that {@link #fingerprint} compares: a NetCDF-4 superblock. */
  private static final int FINGERPRINT_BYTES = 128;

  /**
   * The first bytes of the file and its size: a NetCDF-4 file's superblock (whose root address, end
   * of file and checksum change at every commit) as this updater last left it. Only this updater
   * writes a NetCDF-4 file while it owns it, so a different fingerprint at the next lock means
   * another program wrote it (a {@code cp} over the path keeps the inode, so the identity check
   * alone does not see it).
   */
  private static byte[] fingerprint(FileChannel ch) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(FINGERPRINT_BYTES + 8);
    long size = org.exodusj.internal.io.Uninterruptible.size(ch);
    b.putLong(size);
    long pos = 0;
    while (b.hasRemaining() && pos < size) {
      int n = org.exodusj.internal.io.Uninterruptible.read(ch, b, pos);
      if (n < 0) break;
      pos += n;
    }
    return b.array();
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

  /**
   * The number of nodes of the file (the length of a nodal variable's step), as {@link
   * ExodusFile#nodeCount()} gives it: no second open of the file is needed to size a step.
   */
  public long nodeCount() {
    return model.numNodes;
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
      appending = appendLock();
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

  /** The append lock, waited for up to the lock wait while another updater appends. */
  private FileLocks.Held appendLock() throws IOException {
    long deadline = System.nanoTime() + saturatedNanos(lockWait);
    long park = 2_000_000;
    while (true) {
      try {
        return entry.appendAs(this, "cannot append a step to it now");
      } catch (FileInUseException e) {
        if (System.nanoTime() - deadline >= 0) throw e;
      }
      park = pause(path, park, deadline);
    }
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

  /**
   * Writes all reduction variables of {@code kind} on the object {@code objectId} (an assembly,
   * blob, block or set id) at {@code step}: {@code reductionVariableNames(kind).size()} values from
   * {@code src[off]}, in the file's order of the names, as the C library's {@code
   * ex_put_reduction_vars}.
   *
   * @throws IllegalArgumentException where the file has no reduction variables of {@code kind} or
   *     does not store them on {@code objectId}
   */
  public synchronized void writeReductionVariables(
      EntityType kind, long objectId, long step, double[] src, int off) throws IOException {
    ensureOpen();
    checkStep(step);
    VarKind k = model.reductionVariables.get(kind);
    if (k == null) {
      throw new IllegalArgumentException(path + ": " + kind + " has no reduction variables");
    }
    Variable v = k.values()[k.objectIndex(objectId, path)][0];
    if (v == null) {
      throw new IllegalArgumentException(
          path + ": " + kind + " " + objectId + " stores no reduction variables");
    }
    int n = k.names().size();
    if (off < 0 || off + n > src.length) {
      throw new IndexOutOfBoundsException(
          path + ": " + n + " reduction values from offset " + off + " of " + src.length);
    }
    write(target(v, v.name()), new long[] {step, 0}, new long[] {1, n}, src, off);
  }

  /** The names of the reduction variables of {@code kind} (empty where the file has none). */
  public List<String> reductionVariableNames(EntityType kind) {
    VarKind k = model.reductionVariables.get(kind);
    return k == null ? List.of() : k.names();
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
      checkUnchanged();
      writer.syncRecordCount();
      try {
        a.run();
      } finally {
        if (fingerprint != null) fingerprint = fingerprint(entry.channel());
      }
    }
  }

  /**
   * Under the data lock, for a NetCDF-4 file: throws {@link FileReplacedException} when somebody
   * else wrote the file since this updater last left it (a {@code cp} over the path, a writer that
   * ignores the locks), instead of writing this session's metadata into another file's bytes.
   */
  private void checkUnchanged() throws IOException {
    if (fingerprint != null && !Arrays.equals(fingerprint, fingerprint(entry.channel()))) {
      fingerprint = null; // nothing more is written through this handle
      broken = true;
      throw new FileReplacedException(
          path
              + " was overwritten by another program since this updater last wrote it (its"
              + " superblock or size changed); nothing more is written through this handle (open"
              + " the file again to go on)");
    }
    if (broken) {
      throw new FileReplacedException(
          path
              + " was overwritten by another program; nothing more is written through this"
              + " handle (open the file again to go on)");
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
   * Rewrites QA record {@code index} in place, each field cut to the record's field length: the
   * join's own record, whose date and time an append run refreshes as epu's does. The change counts
   * for readers at {@link #commit()}.
   */
  synchronized void rewriteQaRecord(int index, QaRecord q) throws IOException {
    ensureOpen();
    Variable v = byName.get(org.exodusj.internal.model.ExodusNames.QA_RECORDS);
    if (v == null || index < 0 || index >= v.dimensions().get(0).length()) {
      throw new IllegalArgumentException(path + ": no QA record " + index);
    }
    int len = (int) v.dimensions().get(2).length();
    String[] f = {q.codeName(), q.codeVersion(), q.date(), q.time()};
    for (int j = 0; j < 4; j++) {
      long[] start = {index, j, 0};
      String t = f[j].length() < len ? f[j] : f[j].substring(0, len - 1);
      withLock(() -> writer.writeText(v, start, new long[] {1, 1, len}, t));
    }
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
    Backends.requireRegularFile(path, "an Exodus file: cannot " + verb + " it");
    if (!Files.isWritable(path)) {
      throw new AccessDeniedException(
          path.toString(), null, "not writable: cannot " + verb + " it");
    }
  }

  /**
   * What {@link #compact} did, in bytes: the file's size before and after, the size of the
   * compacted copy, and the file's dead space where it is known.
   *
   * @param bytesBefore the file's size before
   * @param bytesAfter the file's size after: the copy's where the file was replaced, else the size
   *     before
   * @param copyBytes the size of the compacted copy
   * @param deadBytes the bytes of dead space the file held where the copy was not smaller and the
   *     format maps its space (NetCDF-4, as {@code exo info} reports it), else -1
   */
  public record Compaction(long bytesBefore, long bytesAfter, long copyBytes, long deadBytes) {
    /** A compaction that replaced the file by its copy of {@code bytesAfter} bytes. */
    public Compaction(long bytesBefore, long bytesAfter) {
      this(bytesBefore, bytesAfter, bytesAfter, -1);
    }

    /**
     * True when the file was replaced by the compacted copy; false when the copy was not smaller (a
     * file with nothing to reclaim: the file is left as it was).
     */
    public boolean replaced() {
      return copyBytes < bytesBefore;
    }
  }

  /**
   * Compacts a file in place, crash-safely, as {@code h5repack} does into a new file: every
   * variable is copied into {@code FILE.rewrite} (a NetCDF-4 file's chunks as they are stored,
   * filters, chunk shapes and attributes kept; a classic file value by value), which is synced and
   * renamed over the file (docs/reliability.md, "Publication"), so the space that commits of
   * updaters and writers left behind (superseded chunks and metadata) is gone; at any moment the
   * path holds the old file or the compacted one, both whole. Holds the file as a rewrite does
   * (waiting up to {@link Options#DEFAULT_LOCK_WAIT} while updaters or a writer have it), and its
   * exclusive data lock throughout. A file the copy cannot carry unchanged (child groups, a file
   * cut short) is refused, left as it was. Where the compacted copy is not smaller than the file (a
   * file with nothing to reclaim, whose writer's metadata is more compact than this library's), the
   * copy is deleted and the file left as it was: {@link Compaction#replaced()} is false.
   *
   * @throws FileInUseException when the file was not free within the wait
   */
  public static Compaction compact(Path path) throws IOException {
    long[] sizes = new long[4];
    long deadline = System.nanoTime() + saturatedNanos(Options.DEFAULT_LOCK_WAIT);
    long park = 2_000_000;
    while (true) {
      try {
        rewrite(
            path,
            in -> {
              if (!in.groups().isEmpty()) {
                throw new ExodusFormatException(
                    path.toString(),
                    "groups",
                    ExodusFormatException.NO_OFFSET,
                    "holds child groups ("
                        + String.join(", ", in.groups())
                        + "), which a compaction cannot copy; the file is left as it was",
                    null);
              }
              return new Plan(StorageCopy.Extension.NONE, null);
            },
            sizes);
        return new Compaction(sizes[0], sizes[1], sizes[2], sizes[3]);
      } catch (FileInUseException e) {
        if (System.nanoTime() - deadline >= 0) throw e;
      }
      park = pause(path, park, deadline);
    }
  }

  /**
   * Rewrites {@code path} with an extension into {@code FILE.rewrite}, then moves it over the
   * original atomically. Holds the file as its owner (refused while a writer or updater has it
   * open, here or in another process) and its exclusive data lock throughout, so nothing written
   * meanwhile can be lost. A {@code FILE.rewrite} left by a killed rewrite is removed first.
   */
  private static void rewrite(Path path, Planner planner) throws IOException {
    rewrite(path, planner, null);
  }

  /**
   * As {@link #rewrite(Path, Planner)}; with {@code sizes} (a compaction): the file's size before
   * and after, the copy's size and the file's dead bytes (or -1) go there, a copy that cannot keep
   * every value and attribute as they are (the copy's notes) is refused before anything is
   * published, and a copy that is not smaller is deleted, the file left as it was.
   */
  private static void rewrite(Path path, Planner planner, long[] sizes) throws IOException {
    requireWritableFile(path, "rewrite");
    path = ExodusWriter.throughLinks(path); // a link's target is rewritten, the link stays
    Path tmp = Publication.rewritePath(path);
    Storage in = null; // a NetCDF-4 reader holds a descriptor of its own: closed after the locks
    try (FileLocks.Entry entry = FileLocks.open(path, false);
        FileLocks.Held owner = entry.ownForRewrite("cannot rewrite it now; close them first");
        FileLocks.Held l = entry.exclusive()) {
      Backends.refuseWritersOfOtherLibraries(
          path, entry.channel()); // netCDF-C's HDF5 lock is not ours
      Files.deleteIfExists(tmp);
      try {
        if (sizes != null) sizes[0] = org.exodusj.internal.io.Uninterruptible.size(entry.channel());
        in = Backends.openMappedThrough(path, entry.channel()); // reads every record
        Plan plan = planner.plan(in);
        ExodusFormat format = in.fileFormat();
        List<String> notes =
            StorageCopy.copy( // keeps a NetCDF-4 file's filters and chunks
                in,
                tmp,
                format,
                new StorageWriter.Options(false, false, 0),
                (d, t) -> {},
                plan.extension(),
                true);
        if (sizes != null && !notes.isEmpty()) {
          throw new ExodusFormatException(
              path.toString(),
              "the copy",
              ExodusFormatException.NO_OFFSET,
              "cannot be compacted without a change ("
                  + String.join("; ", notes)
                  + "); the file is left as it was",
              null);
        }
        if (sizes != null) {
          sizes[2] = Files.size(tmp);
          if (sizes[2] >= sizes[0]) { // nothing gained: keep the file, report its dead space
            Files.delete(tmp);
            sizes[1] = sizes[0];
            sizes[3] = deadBytes(format, entry.channel());
            return;
          }
        }
        if (plan.after() != null) {
          try (StorageWriter w =
              Backends.openForUpdate(tmp, new StorageWriter.Options(false, false, 0))) {
            plan.after().apply(null, w);
          }
        }
        Publication.sync(tmp);
        Publication.publish(tmp, path);
        if (sizes != null) sizes[1] = Files.size(path);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
    } finally {
      if (in != null) in.close();
    }
  }

  /** The dead bytes of the file open in {@code ch}, or -1 where they are not known. */
  private static long deadBytes(ExodusFormat format, java.nio.channels.FileChannel ch) {
    try {
      return Backends.deadBytes(format, ch).orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1; // a structure the space map cannot read: the compaction's answer stands without
    }
  }

  /**
   * Commits nothing: steps appended and not committed are abandoned (they never count), as when a
   * write fails. Values written into existing steps of a NetCDF-4 file (held in its chunks until a
   * commit) are committed, under the file lock and the identity check as {@link #commit()} is: when
   * another program renamed, deleted or overwrote the file meanwhile, nothing is written and close
   * throws {@link FileReplacedException} (the values were not stored). Then closes the file.
   * Further calls throw {@link IllegalStateException}.
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
      // The writer's close commits what it still holds: under the lock and the identity check.
      withLock(writer::close);
    } catch (FileReplacedException e) {
      // Nothing may be written into a file that is no longer the one at the path (or was
      // overwritten): the writer is dropped unclosed (its channel is the entry's, closed below).
      if (writer.hasUncommittedChanges()) {
        if (failure == null) failure = e;
        else failure.addSuppressed(e);
      }
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
