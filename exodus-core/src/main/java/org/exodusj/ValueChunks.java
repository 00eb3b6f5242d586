package org.exodusj;

import java.io.IOException;
import java.nio.DoubleBuffer;

/**
 * A streaming read of a variable in chunks that reuse one buffer: memory is O(chunk), not O(file).
 * Made by {@link ExodusFile#nodalVariableChunks} and {@link ExodusFile#variableChunks}, which take
 * steps as {@code (firstStep, stepCount)} like every other read and check them when the iterator is
 * made. Single-threaded. The buffer from {@link #values()} is valid until the next call to {@link
 * #next()}. (The example below is run by {@code ValueChunksTest}.)
 *
 * <pre>{@code
 * try (ValueChunks c = file.nodalVariableChunks(0, 0, file.timeStepCount(), 1 << 16)) {
 *   while (c.next()) {
 *     DoubleBuffer v = c.values(); // step c.step(), entities from c.start()
 *   }
 * }
 * }</pre>
 */
public final class ValueChunks implements AutoCloseable {
  /** Reads one chunk: values of entities [start, start + count) at step into dst[0, count). */
  @FunctionalInterface
  interface ChunkReader {
    void read(long step, long start, int count, double[] dst) throws IOException;
  }

  private final ChunkReader reader;
  private final long firstStep;
  private final long endStep; // exclusive
  private final long entityCount;
  private final double[] buffer;
  private final DoubleBuffer view;
  private long step;
  private long start;
  private int length;
  private boolean started;

  ValueChunks(ChunkReader reader, long firstStep, long stepCount, long entityCount, int chunk) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk length must be positive, got " + chunk);
    }
    this.reader = reader;
    this.firstStep = firstStep;
    this.endStep = firstStep + stepCount;
    this.entityCount = entityCount;
    this.buffer = new double[(int) Math.max(1, Math.min(chunk, entityCount))];
    this.view = DoubleBuffer.wrap(buffer);
  }

  /** Moves to the next chunk; false when there is none. */
  public boolean next() throws IOException {
    if (!started) {
      started = true;
      step = firstStep;
      start = 0;
    } else {
      start += length;
      if (start >= entityCount) {
        start = 0;
        step++;
      }
    }
    if (step >= endStep || entityCount == 0) {
      length = 0;
      return false;
    }
    length = (int) Math.min(buffer.length, entityCount - start);
    reader.read(step, start, length, buffer);
    return true;
  }

  /** The current chunk's values; valid until the next call to {@link #next()}. */
  public DoubleBuffer values() {
    view.clear().limit(length);
    return view;
  }

  /** The current chunk's step (0-based). */
  public long step() {
    return step;
  }

  /** Index of the current chunk's first entity (0-based). */
  public long start() {
    return start;
  }

  /** Releases nothing today; present so iterators can hold resources later. */
  @Override
  public void close() {}
}
