package org.exodusj;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The join's copy loop, in windows: window k + 1 is read from the pieces (on a helper thread, whose
 * reads run on the set's executor) while window k is written, into two buffers that take turns.
 * Memory: the two buffers. The helper thread lives as long as the join.
 */
final class JoinPipeline implements AutoCloseable {
  /** Reads {@code count} entries from {@code start} into {@code buf} (from index 0). */
  @FunctionalInterface
  interface Read<B> {
    void read(long start, int count, B buf) throws IOException;
  }

  /** Writes {@code count} entries from {@code start} held in {@code buf} (from index 0). */
  @FunctionalInterface
  interface Write<B> {
    void write(long start, int count, B buf) throws IOException;
  }

  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "exodus-join-read");
            t.setDaemon(true);
            return t;
          });

  /**
   * Copies entries {@code [0, total)} in windows of {@code window} entries (the buffers' capacity):
   * read into {@code a} and {@code b} by turns, each written once read.
   */
  <B> void copy(long total, int window, B a, B b, Read<B> read, Write<B> write) throws IOException {
    if (total <= 0) return;
    CompletableFuture<Void> next = readAsync(0, (int) Math.min(window, total), a, read);
    boolean first = true;
    try {
      for (long s = 0; s < total; s += window) {
        B cur = first ? a : b;
        first = !first;
        await(next);
        next = null;
        long ns = s + window;
        if (ns < total) {
          next = readAsync(ns, (int) Math.min(window, total - ns), first ? a : b, read);
        }
        write.write(s, (int) Math.min(window, total - s), cur);
      }
    } finally {
      if (next != null) { // a write failed: let the read in flight end before the buffers go
        try {
          next.join();
        } catch (RuntimeException e) {
          // the write's exception is the one reported
        }
      }
    }
  }

  private <B> CompletableFuture<Void> readAsync(long start, int count, B buf, Read<B> read) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            read.read(start, count, buf);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        reader);
  }

  private static void await(CompletableFuture<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while joining");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) throw u.getCause();
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error er) throw er;
      throw new IOException(c);
    }
  }

  @Override
  public void close() {
    reader.shutdown();
  }
}
