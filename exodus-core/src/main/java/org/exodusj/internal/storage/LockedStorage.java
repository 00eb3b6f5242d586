package org.exodusj.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Optional;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.FileLocks;

/**
 * A classic file read under the locking protocol (docs/reliability.md).
 *
 * <p>With {@code lockReads}, every read takes the file's shared data lock, so an in-place update by
 * an {@code ExodusUpdater} (which holds the exclusive lock while it writes) is never seen half
 * written. Views cannot be protected: they are live over the mapped bytes.
 *
 * <p>Always, the close of the file's descriptor goes through the JVM's lock holder when this JVM
 * writes the same file, so that closing a reader never drops a writer's locks (POSIX record locks
 * belong to the process and fall with any of its descriptors of the file).
 */
// Each read calls the wrapped storage directly inside a try-with-resources that holds the shared
// lock where reads are locked and nothing (a null resource, which the statement skips) where they
// are not: no lambda per read (a short run, such as a dump, interprets its few hundred reads, and
// each call site would cost it a bootstrap; docs/benchmarks.md, "Start-up of exo"). The held
// lock is a resource the block does not name: hence "try".
@SuppressWarnings("try")
public final class LockedStorage implements Storage {
  private final Storage in;
  private final Object identity;
  private final FileLocks.Entry entry;
  private final boolean lockReads;

  private LockedStorage(Storage in, Object identity, FileLocks.Entry entry, boolean lockReads) {
    this.in = in;
    this.identity = identity;
    this.entry = entry;
    this.lockReads = lockReads;
  }

  /**
   * Wraps {@code in}, a storage of the file with this identity. {@code entry} is the JVM's lock
   * holder of the file whose channel {@code in} reads through (null when {@code in} has its own
   * descriptor); it is released at close. With {@code lockReads} (entry not null) every read takes
   * the shared data lock.
   */
  public static Storage wrap(
      Storage in, Object identity, FileLocks.Entry entry, boolean lockReads) {
    if (lockReads && entry == null) {
      throw new IllegalArgumentException("locked reads need the file's lock holder");
    }
    return new LockedStorage(in, identity, entry, lockReads);
  }

  /** The shared data lock where reads are locked, else null (try-with-resources skips it). */
  private FileLocks.Held held() throws IOException {
    return lockReads ? entry.shared() : null;
  }

  @Override
  public String name() {
    return in.name();
  }

  @Override
  public String formatDescription() {
    return in.formatDescription();
  }

  @Override
  public ExodusFormat fileFormat() {
    return in.fileFormat();
  }

  @Override
  public ChunkCache.Statistics cacheStatistics() {
    return in.cacheStatistics();
  }

  @Override
  public void resetCacheStatistics() {
    in.resetCacheStatistics();
  }

  @Override
  public ReadAhead readAhead() throws IOException {
    try (FileLocks.Held l = held()) {
      return in.readAhead();
    }
  }

  @Override
  public List<Dimension> dimensions() {
    return in.dimensions();
  }

  @Override
  public List<Attribute> attributes() {
    return in.attributes();
  }

  @Override
  public List<? extends Variable> variables() {
    return in.variables();
  }

  @Override
  public Optional<? extends Variable> findVariable(String name) {
    return in.findVariable(name);
  }

  @Override
  public NameIndex variableIndex() {
    return in.variableIndex();
  }

  @Override
  public NameIndex dimensionIndex() {
    return in.dimensionIndex();
  }

  @Override
  public long byteSize() throws IOException {
    return in.byteSize();
  }

  @Override
  public long recordCount() {
    return in.recordCount();
  }

  @Override
  public long recordsInFile() {
    return in.recordsInFile();
  }

  @Override
  public long[] shape(Variable v) {
    return in.shape(v);
  }

  @Override
  public List<String> defects() {
    return in.defects();
  }

  @Override
  public List<String> groups() {
    return in.groups();
  }

  @Override
  public void refresh() throws IOException {
    try (FileLocks.Held l = held()) {
      in.refresh();
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, double[] dst, int off)
      throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, float[] dst, int off)
      throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, long[] dst, int off) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, int[] dst, int off) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, short[] dst, int off)
      throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, byte[] dst, int off) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst, off);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, DoubleBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, FloatBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, LongBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, IntBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst);
    }
  }

  @Override
  public void read(Variable v, long[] start, long[] count, ShortBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.read(v, start, count, dst);
    }
  }

  @Override
  public void readRaw(Variable v, long[] start, long[] count, ByteBuffer dst) throws IOException {
    try (FileLocks.Held l = held()) {
      in.readRaw(v, start, count, dst);
    }
  }

  @Override
  public Optional<ByteBuffer> viewBytes(Variable v, long[] start, long[] count, DataType type)
      throws IOException {
    return in.viewBytes(v, start, count, type);
  }

  @Override
  public Optional<String> whyNoView(Variable v, long[] start, long[] count, DataType asType)
      throws IOException {
    return in.whyNoView(v, start, count, asType);
  }

  @Override
  public void close() throws IOException {
    try {
      if (entry != null) {
        in.close(); // reads through the entry's channel: closes no descriptor
      } else {
        FileLocks.closeOrDefer(identity, in);
      }
    } finally {
      if (entry != null) entry.close();
    }
  }
}
