package org.exodusj.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.exodusj.ExodusFile;

/**
 * The files this JVM has open for the data source, kept between tasks and queries: the driver's
 * planning and the executors' tasks (in one JVM in local mode) read a piece's header, id maps and
 * times from one open file instead of opening it at every planning and again in every task. An open
 * {@link ExodusFile} is safe for concurrent reads from many threads.
 *
 * <p>Keyed by the file's path, identity (inode), size and modification time, and the open settings:
 * a file rewritten, replaced or grown in place is opened again (the old one is closed once no task
 * reads it), and a file found deleted is let go (its disk space freed). Bounded by {@link
 * #MAX_FILES} open files and by the bytes their NetCDF-4 chunk caches hold ({@link
 * #cacheBudget()}), least recently used first out; a file still read by a task is closed when the
 * task lets it go.
 */
final class OpenFiles {
  /** Open files kept at most. */
  static final int MAX_FILES = 256;

  private record Key(
      String path,
      Object fileKey,
      long size,
      long modified,
      boolean memoryMap,
      Long cacheBytes,
      Integer cacheSlots,
      Integer decodeThreads) {}

  private static final class Entry {
    final ExodusFile file;
    int users;
    boolean dropped;

    Entry(ExodusFile file) {
      this.file = file;
    }
  }

  private static final Map<Key, Entry> CACHE = new LinkedHashMap<>(64, 0.75f, true);
  private static long opened;

  private OpenFiles() {}

  /** A file lent to one reader; {@link #close()} gives it back (it stays open for the next). */
  static final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean closed;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    ExodusFile file() {
      return entry.file;
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      release(entry);
    }
  }

  /**
   * The file at {@code path} opened with {@code options} ({@link ReadOptions#open}), from the cache
   * or opened now. Errors are not kept: a file refused is tried again next time.
   */
  static Lease acquire(ReadOptions options, Path path) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      // deleted: let go of what is kept of it, so that its disk space is freed
      List<ExodusFile> toClose = new ArrayList<>();
      synchronized (CACHE) {
        dropPath(path.toString(), null, toClose);
      }
      closeAll(toClose);
      throw e;
    }
    Key k =
        new Key(
            path.toString(),
            a.fileKey(),
            a.size(),
            a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
            options.memoryMap(),
            options.cacheBytes(),
            options.cacheSlots(),
            options.decodeThreads());
    synchronized (CACHE) {
      Entry e = CACHE.get(k);
      if (e != null) {
        e.users++;
        return new Lease(e);
      }
    }
    // opened outside the lock: opens of different files go on in parallel
    ExodusFile f = options.open(path);
    synchronized (CACHE) {
      opened++;
    }
    List<ExodusFile> toClose = new ArrayList<>();
    Entry mine;
    synchronized (CACHE) {
      Entry e = CACHE.get(k);
      if (e != null) {
        toClose.add(f); // another task opened it meanwhile
        mine = e;
      } else {
        mine = new Entry(f);
        CACHE.put(k, mine);
        // an older version of the same path is dropped at once
        dropPath(k.path(), mine, toClose);
      }
      mine.users++;
      evict(toClose);
    }
    closeAll(toClose);
    return new Lease(mine);
  }

  /** Closes every file no task reads and forgets the rest (closed when let go). */
  static void clear() throws IOException {
    List<ExodusFile> toClose = new ArrayList<>();
    synchronized (CACHE) {
      for (Entry e : CACHE.values()) drop(e, toClose);
      CACHE.clear();
    }
    closeAll(toClose);
  }

  /** Files opened since the JVM started (a file found open is not counted). */
  static long opened() {
    synchronized (CACHE) {
      return opened;
    }
  }

  /** Files held open now. */
  static int size() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }

  /** The bytes the chunk caches of the kept files may hold together: an eighth of the heap. */
  static long cacheBudget() {
    return Runtime.getRuntime().maxMemory() / 8;
  }

  private static void release(Entry e) throws IOException {
    boolean close;
    synchronized (CACHE) {
      e.users--;
      close = e.dropped && e.users == 0;
    }
    if (close) e.file.close();
  }

  /** Takes {@code e} out of service: closed now if no task reads it, else when the last lets go. */
  private static void drop(Entry e, List<ExodusFile> toClose) {
    e.dropped = true;
    if (e.users == 0) toClose.add(e.file);
  }

  /** Drops every file kept for {@code path} but {@code keep} (under the lock). */
  private static void dropPath(String path, Entry keep, List<ExodusFile> toClose) {
    for (Iterator<Map.Entry<Key, Entry>> it = CACHE.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Entry> o = it.next();
      if (o.getValue() != keep && o.getKey().path().equals(path)) {
        it.remove();
        drop(o.getValue(), toClose);
      }
    }
  }

  /** Drops the least recently used files beyond the bounds (under the lock). */
  private static void evict(List<ExodusFile> toClose) {
    long held = 0;
    for (Entry e : CACHE.values()) held += e.file.cacheStatistics().bytesHeld();
    long budget = cacheBudget();
    Iterator<Entry> it = CACHE.values().iterator();
    while ((CACHE.size() > MAX_FILES || held > budget) && it.hasNext()) {
      Entry e = it.next();
      held -= e.file.cacheStatistics().bytesHeld();
      it.remove();
      drop(e, toClose);
    }
  }

  private static void closeAll(List<ExodusFile> files) throws IOException {
    IOException first = null;
    for (ExodusFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }
}
