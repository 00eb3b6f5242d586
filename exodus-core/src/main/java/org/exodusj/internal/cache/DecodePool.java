package org.exodusj.internal.cache;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusOpenOptions;

/**
 * The library's shared threads for decoding NetCDF-4 chunks in parallel, one pool per JVM for every
 * open file: daemon threads, started only when a read has enough chunks to gain (the caller
 * decides) and ended after 30 s idle.
 */
public final class DecodePool {
  private static ThreadPoolExecutor pool;

  private DecodePool() {}

  /**
   * The executor a file opened with {@code options} decodes on: the caller's, else the shared pool
   * with {@code settings.decodeThreads()} threads, or null (decode on the reading thread) for 1.
   */
  public static Executor executorFor(ExodusOpenOptions options, ChunkCacheSettings settings) {
    if (options.decodeExecutor() != null) {
      return options.decodeExecutor();
    }
    return settings.decodeThreads() > 1 ? new Shared(settings.decodeThreads()) : null;
  }

  /**
   * The shared pool, made (or grown to {@code threads}) at the first task: a classic file never
   * decodes on it, and making a thread pool at every open costs a short command's start its
   * classes.
   */
  private static final class Shared implements Executor {
    private final int threads;
    private Executor pool;

    Shared(int threads) {
      this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
      Executor p;
      synchronized (this) {
        p = pool;
        if (p == null) {
          p = shared(threads);
          pool = p;
        }
      }
      p.execute(task);
    }
  }

  /**
   * The pool's threads: daemons named exodusj-decode-N. A class, not a lambda: every open makes the
   * pool, and the first lambda call site of a process costs a few milliseconds of a short command's
   * start (docs/benchmarks.md, "Start-up of exo").
   */
  private static final class Daemons implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "exodusj-decode-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  private static synchronized Executor shared(int threads) {
    if (pool == null) {
      pool =
          new ThreadPoolExecutor(
              threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new Daemons());
      pool.allowCoreThreadTimeOut(true);
    } else if (pool.getMaximumPoolSize() < threads) {
      pool.setMaximumPoolSize(threads);
      pool.setCorePoolSize(threads);
    }
    return pool;
  }
}
