package org.exodusj.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.exodusj.FileInUseException;
import org.exodusj.FileReplacedException;

/**
 * The one holder of file locks per file in this JVM: the locking protocol of every writer, updater,
 * rewrite and locked reader (docs/reliability.md, "The locking protocol").
 *
 * <p>Operating-system record locks ({@link FileChannel#lock}, POSIX {@code fcntl} locks on Linux)
 * belong to the process, not to a channel or a thread: two channels of one JVM cannot lock one file
 * ({@link OverlappingFileLockException}), and closing <em>any</em> descriptor of a file drops every
 * lock the process holds on it. So each file (by its identity, device and inode, not by its path)
 * has one {@link Entry} here with one channel that every writer and updater of the file in this JVM
 * shares, a read-write lock that orders the threads of this JVM, and counters that hand the
 * operating-system locks to the first user and release them with the last.
 *
 * <p>Three byte ranges, all beyond any real file's end (nothing else locks them; the C library
 * locks nothing):
 *
 * <ul>
 *   <li><b>data</b>, exclusive for every write that changes bytes readers may see (in-place values,
 *       record counts, header edits, rewrites), shared for locked reads;
 *   <li><b>owner</b>, held for a handle's whole life: exclusive by an {@code ExodusWriter} or a
 *       rewrite, shared by updaters; refused (not waited for) when taken;
 *   <li><b>append</b>, exclusive from a step appended until it is committed or abandoned, so one
 *       process appends at a time.
 * </ul>
 *
 * <p>The library closes its other descriptors of a file that has an entry through {@link
 * Entry#closeOther}, which waits until no thread holds the data lock and re-takes the long-held
 * locks the close dropped. A descriptor that code outside the library opens and closes on the same
 * file in this JVM can still drop them (POSIX semantics; docs/reliability.md says so).
 */
public final class FileLocks {
  static final long DATA_POS = 0;
  static final long DATA_SIZE = Long.MAX_VALUE - 8;
  static final long APPEND_POS = Long.MAX_VALUE - 4;
  static final long OWNER_POS = Long.MAX_VALUE - 2;

  private static final Map<Object, Entry> OPEN = new HashMap<>();

  private FileLocks() {}

  /** What a holder releases. */
  @FunctionalInterface
  public interface Held extends Closeable {
    @Override
    void close() throws IOException;
  }

  /** The identity of the file now at {@code path} (device and inode), or null if there is none. */
  public static Object identity(Path path) throws IOException {
    try {
      return identity(path, Files.readAttributes(path, BasicFileAttributes.class));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** {@link #identity(Path)} from the attributes of {@code path} the caller has read. */
  public static Object identity(Path path, BasicFileAttributes a) throws IOException {
    Object k = a.fileKey();
    return k != null ? k : path.toRealPath().toString();
  }

  /**
   * The entry of the file at {@code path}, opened (read-write where allowed) or shared with the
   * other users of this JVM; {@code create} creates the file when it does not exist. Close it when
   * done.
   */
  public static Entry open(Path path, boolean create) throws IOException {
    Path abs = path.toAbsolutePath().normalize();
    synchronized (OPEN) {
      for (int attempt = 0; attempt < 5; attempt++) {
        Object key = identity(abs);
        Entry e = key == null ? null : OPEN.get(key);
        if (e != null) {
          e.refs++;
          return e;
        }
        // No user of this file in this JVM, so opening and closing a channel drops nobody's locks.
        FileChannel ch = openChannel(abs, create && key == null);
        Object opened = identity(abs);
        if (opened != null && (key == null || opened.equals(key)) && !OPEN.containsKey(opened)) {
          Entry n = new Entry(opened, abs, ch);
          OPEN.put(opened, n);
          return n;
        }
        Entry other = opened == null ? null : OPEN.get(opened);
        if (other != null) {
          other.deferred.add(ch); // closing it now would drop that entry's locks
        } else {
          ch.close(); // replaced while opening: look again
        }
      }
      throw new IOException(abs + ": the file keeps being replaced while it is opened");
    }
  }

  /**
   * Closes {@code c}, a descriptor of the file with identity {@code key} that is not an entry's
   * channel: now when this JVM has no entry for the file (so holds no locks on it), else when the
   * entry's last user closes it, because closing it now would drop the locks of every writer of the
   * file in this JVM (POSIX).
   */
  public static void closeOrDefer(Object key, Closeable c) throws IOException {
    synchronized (OPEN) {
      Entry e = key == null ? null : OPEN.get(key);
      if (e != null) {
        e.deferred.add(c);
        return;
      }
      c.close(); // inside the monitor: no entry can take locks on the file meanwhile
    }
  }

  /**
   * The entry of the file with this identity ({@link #identity}) if this JVM has one open (without
   * opening one); the caller closes it.
   */
  public static Entry find(Object key) {
    synchronized (OPEN) {
      Entry e = key == null ? null : OPEN.get(key);
      if (e != null) {
        e.refs++;
      }
      return e;
    }
  }

  private static FileChannel openChannel(Path abs, boolean create) throws IOException {
    try {
      return create
          ? FileChannel.open(
              abs, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
          : FileChannel.open(abs, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      if (create) {
        throw e;
      }
      try {
        // Not writable (permissions, a read-only mount): readers and lock probes still work.
        return FileChannel.open(abs, StandardOpenOption.READ);
      } catch (IOException r) {
        r.addSuppressed(e);
        throw r;
      }
    }
  }

  /** One file's locks in this JVM. Thread-safe. */
  public static final class Entry implements Closeable {
    private final Object key;
    private volatile Path path;
    private final FileChannel channel;
    private final java.util.List<Closeable> deferred = new java.util.ArrayList<>();
    private volatile boolean broken;
    private int refs = 1;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    // guarded by this
    private int sharedReaders;
    private FileLock sharedData;
    private String exclusiveHolder; // an ExodusWriter or a rewrite; null when none
    private int updaterOwners;
    private FileLock owner;
    private Object appender;
    private FileLock append;

    private Entry(Object key, Path path, FileChannel channel) {
      this.key = key;
      this.path = path;
      this.channel = channel;
    }

    /** The channel every writer and updater of this file in this JVM writes through. */
    public FileChannel channel() {
      return channel;
    }

    public Path path() {
      return path;
    }

    /**
     * After a rename of this very file (same inode): messages and identity checks use the new name.
     */
    public void movedTo(Path newPath) {
      this.path = newPath.toAbsolutePath().normalize();
    }

    /** True when the file at {@link #path()} is still this entry's file. */
    public boolean stillAtPath() throws IOException {
      return Objects.equals(identity(path), key);
    }

    /**
     * Takes the data lock exclusively (waiting for other threads and processes), then checks that
     * the file at the path is still this one (not replaced or deleted).
     */
    public Held exclusive() throws IOException {
      checkUsable();
      threads.writeLock().lock();
      FileLock l;
      try {
        l = acquire(DATA_POS, DATA_SIZE, false);
      } catch (IOException | RuntimeException e) {
        threads.writeLock().unlock();
        throw lockFailure("lock", e);
      }
      try {
        if (!stillAtPath()) {
          throw new FileReplacedException(
              path
                  + " was replaced or deleted by another program since it was opened here; nothing"
                  + " more is written through this handle (open the new file to go on)");
        }
      } catch (IOException | RuntimeException e) {
        releaseData(l);
        throw e;
      }
      return () -> releaseData(l);
    }

    /**
     * Waits for a lock by polling {@code tryLock} with the interrupt flag cleared, instead of a
     * blocking {@code lock}: an interrupt during a blocking lock wait would close the channel every
     * handle of the file shares. An interrupted waiter stops with InterruptedIOException.
     */
    private FileLock acquire(long pos, long size, boolean shared) throws IOException {
      long park = 20_000;
      while (true) {
        boolean interrupted = Thread.interrupted();
        FileLock l;
        try {
          l = channel.tryLock(pos, size, shared);
        } finally {
          if (interrupted) Thread.currentThread().interrupt();
        }
        if (l != null) {
          return l;
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new java.io.InterruptedIOException(
              path + ": interrupted while waiting for the file lock");
        }
        java.util.concurrent.locks.LockSupport.parkNanos(park);
        park = Math.min(park * 2, 5_000_000);
      }
    }

    private void releaseData(FileLock l) throws IOException {
      try {
        if (l.isValid()) l.release();
      } finally {
        threads.writeLock().unlock();
      }
    }

    /** Takes the data lock shared: no exclusive writer in this JVM or another process meanwhile. */
    public Held shared() throws IOException {
      checkUsable();
      threads.readLock().lock();
      try {
        synchronized (this) {
          if (sharedReaders == 0) {
            sharedData = acquire(DATA_POS, DATA_SIZE, true);
          }
          sharedReaders++;
        }
      } catch (IOException | RuntimeException e) {
        threads.readLock().unlock();
        throw lockFailure("lock for reading", e);
      }
      return () -> {
        try {
          synchronized (this) {
            if (--sharedReaders == 0) {
              FileLock s = sharedData;
              sharedData = null;
              if (s.isValid()) s.release();
            }
          }
        } finally {
          threads.readLock().unlock();
        }
      };
    }

    /**
     * Runs {@code closing} (the close of another descriptor of this file) while no thread of this
     * JVM holds the data lock, then re-takes the long-held locks the close dropped.
     */
    public void closeOther(Closeable closing) throws IOException {
      threads.writeLock().lock();
      try {
        closing.close();
        synchronized (this) {
          reassertLongLocks();
        }
      } finally {
        threads.writeLock().unlock();
      }
    }

    /** Owns the file as its one writer: refused while any writer, updater or rewrite has it. */
    public Held ownAsWriter(String what) throws IOException {
      return ownExclusively("an ExodusWriter", what);
    }

    /** Owns the file for a rewrite: like a writer, refused while anybody writes it. */
    public Held ownForRewrite(String what) throws IOException {
      return ownExclusively("a rewrite", what);
    }

    private synchronized Held ownExclusively(String holder, String what) throws IOException {
      checkUsable();
      if (exclusiveHolder != null || updaterOwners > 0) {
        throw new FileInUseException(path + " is already open " + holderInJvm() + "; " + what);
      }
      owner = tryLock(OWNER_POS, false, what);
      exclusiveHolder = holder;
      return () -> {
        synchronized (this) {
          exclusiveHolder = null;
          releaseOwner();
        }
      };
    }

    /** Owns the file as one of its updaters: refused while a writer or a rewrite has it. */
    public synchronized Held ownAsUpdater(String what) throws IOException {
      checkUsable();
      if (exclusiveHolder != null) {
        throw new FileInUseException(path + " is open " + holderInJvm() + "; " + what);
      }
      if (updaterOwners == 0) {
        owner = tryLock(OWNER_POS, true, what);
      }
      updaterOwners++;
      return () -> {
        synchronized (this) {
          if (--updaterOwners == 0) {
            releaseOwner();
          }
        }
      };
    }

    /** Becomes the file's one appender until the returned lock is released. */
    public synchronized Held appendAs(Object who, String what) throws IOException {
      if (appender != null && appender != who) {
        throw new FileInUseException(
            path + ": another updater in this process is appending steps; " + what);
      }
      if (appender == null) {
        append = tryLock(APPEND_POS, false, what);
        appender = who;
      }
      return () -> {
        synchronized (this) {
          if (appender == who) {
            appender = null;
            FileLock a = append;
            append = null;
            if (a != null && a.isValid()) {
              a.release();
            }
          }
        }
      };
    }

    private String holderInJvm() {
      if (exclusiveHolder != null) return "by " + exclusiveHolder + " in this process";
      return "by " + updaterOwners + " ExodusUpdater(s) in this process";
    }

    private FileLock tryLock(long pos, boolean shared, String what) throws IOException {
      FileLock l;
      try {
        boolean interrupted = Thread.interrupted(); // a set flag would close the shared channel
        try {
          l = channel.tryLock(pos, 1, shared);
        } finally {
          if (interrupted) Thread.currentThread().interrupt();
        }
      } catch (IOException | RuntimeException e) {
        throw lockFailure("lock", e);
      }
      if (l == null) {
        throw new FileInUseException(
            path + " is open for writing in another process (file lock held); " + what);
      }
      if (!stillAtPath()) {
        // The previous owner removed or replaced the file before letting go (a finished
        // conversion deletes its lock file): owning this one would make two owners of the path.
        l.release();
        throw new FileReplacedException(
            path + " was replaced or removed by another program; " + what + " (open it again)");
      }
      return l;
    }

    private void releaseOwner() throws IOException {
      FileLock o = owner;
      owner = null;
      if (o != null && o.isValid()) {
        o.release();
      }
    }

    /**
     * Re-takes the owner and append locks: the operating system may have dropped them when a
     * descriptor of this file closed elsewhere in the JVM. If another process took them meanwhile,
     * this handle no longer owns the file: say so instead of writing.
     */
    private synchronized void reassertLongLocks() throws IOException {
      if (owner != null) {
        boolean shared = owner.isShared();
        owner.release();
        owner = null;
        owner = tryLock(OWNER_POS, shared, "this handle lost its ownership of the file");
      }
      if (append != null) {
        append.release();
        append = null;
        append = tryLock(APPEND_POS, false, "this handle lost its append lock");
      }
    }

    private IOException lockFailure(String what, Exception e) {
      if (e instanceof FileInUseException f) {
        return f;
      }
      if (!channel.isOpen()) {
        return brokenChannel(e);
      }
      return new IOException(
          path
              + ": cannot "
              + what
              + " the file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); file locks are needed to write it safely",
          e);
    }

    /**
     * The shared channel was closed under everyone (a thread interrupted in a channel operation:
     * Java closes an interruptible channel then). The process's locks on the file are gone with it,
     * so no handle of this entry may write any more: each fails loudly instead, and the entry
     * leaves the registry so that handles opened afterwards get a new channel.
     */
    private IOException brokenChannel(Exception cause) {
      broken = true;
      synchronized (OPEN) {
        OPEN.remove(key, this);
      }
      IOException e =
          new IOException(
              path
                  + ": its shared file channel was closed (a thread was interrupted during a read,"
                  + " write or lock wait on it); the file locks of this process are gone, so this"
                  + " handle writes no more: close it and open the file again");
      if (cause != null) e.initCause(cause);
      return e;
    }

    private void checkUsable() throws IOException {
      if (broken || !channel.isOpen()) {
        throw brokenChannel(null);
      }
    }

    /** Gives up this use; the last user closes the channel. */
    @Override
    public void close() throws IOException {
      synchronized (OPEN) {
        if (--refs > 0) {
          return;
        }
        OPEN.remove(key, this);
        // Inside the monitor: no new entry for the file can take locks while descriptors close.
        IOException failed = null;
        for (Closeable c : deferred) {
          try {
            c.close();
          } catch (IOException e) {
            if (failed == null) failed = e;
          }
        }
        deferred.clear();
        channel.close();
        if (failed != null) throw failed;
      }
    }
  }
}
