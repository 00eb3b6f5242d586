package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The compression queue of {@link Nc4Writer}: chunks filtered on an executor while the writer goes
 * on, at most {@link #IN_FLIGHT} at a time beyond the open ones. Jobs wait in a queue; each task
 * given to the executor runs one of them, and the writing thread runs what no task took (an
 * executor that throws, or discards the task, never leaves a chunk pending forever: no hang, no
 * loss). The first failure of a job is thrown by the next {@link #drain}.
 *
 * <p>The state is guarded by the writer's lock (which also guards what the jobs write: the end of
 * the file, the stored chunks), so a job's {@code pending} marks change under the same lock as the
 * count here.
 */
final class Nc4CompressionQueue {
  static final int IN_FLIGHT = 16;

  /** A compression job: filter one chunk and store it. */
  @FunctionalInterface
  interface Job {
    void run() throws IOException;
  }

  private final Object lock;
  private final String path;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
  private int pendingCount; // guarded by lock
  private Throwable asyncFailure; // guarded by lock

  Nc4CompressionQueue(Object lock, String path) {
    this.lock = lock;
    this.path = path;
  }

  /**
   * Queues {@code job} and hands a task to {@code executor}; {@code markPending} runs under the
   * lock before (the chunk is being compressed), {@code unmarkPending} under the lock after, when
   * waiters are woken.
   */
  void submit(Executor executor, Runnable markPending, Runnable unmarkPending, Job job) {
    while (!inFlight.tryAcquire()) {
      Runnable other = queued.poll();
      if (other == null) {
        inFlight.acquireUninterruptibly(); // every permit is held by a job running elsewhere
        break;
      }
      other.run();
    }
    synchronized (lock) {
      markPending.run();
      pendingCount++;
    }
    queued.add(
        () -> {
          try {
            job.run();
          } catch (Throwable t) {
            synchronized (lock) {
              if (asyncFailure == null) asyncFailure = t;
            }
          } finally {
            synchronized (lock) {
              unmarkPending.run();
              pendingCount--;
              lock.notifyAll();
            }
            inFlight.release();
          }
        });
    try {
      executor.execute(this::runQueued);
    } catch (RuntimeException e) { // shut down (rejected) or failing: compress here
      runQueued();
    }
  }

  /** Compression jobs not yet taken by a thread; each runs exactly once, on whoever polls it. */
  private void runQueued() {
    Runnable job = queued.poll();
    if (job != null) job.run();
  }

  /**
   * Waits for every chunk being compressed, compressing here those no executor thread took; the
   * first failure of one is thrown here.
   */
  void drain() throws IOException {
    while (true) {
      for (Runnable job; (job = queued.poll()) != null; ) job.run();
      synchronized (lock) {
        if (pendingCount == 0) break;
        // woken by a finished job; the timeout re-checks the queue for a job another thread
        // queued after the poll above, whose executor task may never come
        if (queued.isEmpty()) await(20);
      }
    }
    synchronized (lock) {
      if (asyncFailure != null) {
        Throwable t = asyncFailure;
        if (t instanceof IOException io) throw io;
        throw new IOException(path + ": compressing a chunk failed: " + t, t);
      }
    }
  }

  /** Waits (holding the lock) until a job finishes. */
  void await() throws IOException {
    await(0);
  }

  private void await(long millis) throws IOException {
    try {
      lock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(path + ": interrupted waiting for compression");
    }
  }
}
