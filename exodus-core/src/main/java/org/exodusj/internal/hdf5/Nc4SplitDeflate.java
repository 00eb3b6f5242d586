package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * HDF5's deflate filter (a zlib stream) of one large chunk on two threads: the chunk cut into
 * pieces of about 128 KiB (2 to 8), which the calling thread and one task on an executor take in
 * turn, each piece deflated with the 32 KiB before it as its preset dictionary (so matches across a
 * cut are kept, as pigz does), then joined into one stream: every piece but the last ends in a sync
 * flush (an empty stored block, on a byte boundary), the last is the final block, and the Adler-32
 * of the whole chunk follows. Pieces, not halves: shuffled values keep their entropy in a few byte
 * planes, so equal halves are rarely equal work. The bytes differ from a one-thread deflate; zlib
 * (HDF5, netCDF-C, this library's reader) inflates them to the same chunk. The C library deflates
 * on one thread: this is where a writer with two cores gains wall time, for a little more CPU (each
 * piece hashes its dictionary).
 */
final class Nc4SplitDeflate {
  private Nc4SplitDeflate() {}

  /** Chunks smaller than this are deflated on one thread: the hand-off would cost more. */
  static final int MIN_BYTES = 256 << 10;

  private static final int WINDOW = 32 << 10;
  private static final int PIECE = 128 << 10;
  private static final int MAX_PIECES = 8;

  /** Raw deflaters (no zlib wrapper) per thread and level. */
  private static final ThreadLocal<Deflater[]> RAW =
      ThreadLocal.withInitial(() -> new Deflater[10]);

  /** Deflated bytes: {@code bytes[0, length)}. */
  static final class Out {
    byte[] bytes = new byte[0];
    int length;

    /** Room for {@code n} more bytes. */
    void ensure(int n) {
      if (bytes.length - length < n) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
      }
    }
  }

  /** Working memory of one caller, reused from chunk to chunk. */
  static final class Scratch {
    final Out[] pieces = new Out[MAX_PIECES];
    final Out stream = new Out();

    Scratch() {
      for (int i = 0; i < pieces.length; i++) pieces[i] = new Out();
    }
  }

  /**
   * Deflates {@code data[0, length)} at {@code level} (1 to 9) into {@code sc.stream}: the zlib
   * header, the pieces, the Adler-32. One task on {@code executor} takes pieces beside the calling
   * thread; what it has not taken when the caller runs out, the caller deflates (an executor that
   * refuses or never runs the task costs no more than one thread).
   */
  static Out deflate(byte[] data, int length, int level, Executor executor, Scratch sc)
      throws IOException {
    if (length < 2 * WINDOW || level < 1 || level > 9) {
      throw new IllegalArgumentException("split deflate of " + length + " bytes at level " + level);
    }
    int pieces = Math.max(2, Math.min(MAX_PIECES, length / PIECE));
    int size = length / pieces;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int p; (p = next.getAndIncrement()) < pieces; ) {
            int from = p * size;
            int to = p == pieces - 1 ? length : from + size;
            Out o = sc.pieces[p];
            o.length = 0;
            Deflater d = raw(level);
            try {
              if (p > 0) d.setDictionary(data, from - WINDOW, WINDOW);
              d.setInput(data, from, to - from);
              if (p == pieces - 1) d.finish();
              drain(d, o, p == pieces - 1 ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH, to - from);
            } finally {
              d.reset();
            }
            done.incrementAndGet();
          }
        };
    FutureTask<Void> helper = new FutureTask<>(worker, null);
    try {
      executor.execute(helper);
    } catch (RejectedExecutionException e) {
      // a shut-down executor: the caller takes every piece
    }
    worker.run();
    Adler32 adler = new Adler32();
    adler.update(data, 0, length);
    if (done.get() < pieces) { // the helper is still deflating its last piece
      // waited for even when interrupted (a piece takes about a millisecond): the scratch and the
      // chunk go back to their pools afterwards, and must not be written by a helper still running;
      // the interrupt stays pending, as for the library's uninterruptible file writes
      boolean interrupted = false;
      try {
        while (true) {
          try {
            helper.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            throw new IOException("deflating a piece of a chunk failed: " + e.getCause(), e);
          }
        }
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
    }
    Out out = sc.stream;
    out.length = 0;
    int total = 6;
    for (int p = 0; p < pieces; p++) total += sc.pieces[p].length;
    out.ensure(total);
    // zlib's header: deflate with a 32 KiB window, the level class zlib writes, no dictionary
    int flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
    int cmf = 0x78;
    int flg = flevel << 6;
    flg += 31 - (cmf * 256 + flg) % 31;
    out.bytes[out.length++] = (byte) cmf;
    out.bytes[out.length++] = (byte) flg;
    for (int p = 0; p < pieces; p++) {
      Out o = sc.pieces[p];
      System.arraycopy(o.bytes, 0, out.bytes, out.length, o.length);
      out.length += o.length;
    }
    int a = (int) adler.getValue();
    out.bytes[out.length++] = (byte) (a >>> 24);
    out.bytes[out.length++] = (byte) (a >>> 16);
    out.bytes[out.length++] = (byte) (a >>> 8);
    out.bytes[out.length++] = (byte) a;
    return out;
  }

  private static Deflater raw(int level) {
    Deflater[] ds = RAW.get();
    if (ds[level] == null) ds[level] = new Deflater(level, true);
    return ds[level];
  }

  /**
   * Deflates all of {@code d}'s input into {@code out}: with {@link Deflater#SYNC_FLUSH} until the
   * input is consumed and flushed (the output not filled), else until the stream is finished.
   */
  private static void drain(Deflater d, Out out, int flush, int inputBytes) {
    out.ensure(inputBytes + (inputBytes >>> 10) + 64);
    while (true) {
      int room = out.bytes.length - out.length;
      int n = d.deflate(out.bytes, out.length, room, flush);
      out.length += n;
      if (flush == Deflater.NO_FLUSH ? d.finished() : n < room) return;
      if (n == room) out.ensure(Math.max(64, out.bytes.length));
    }
  }
}
