package org.exodusj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.convert.StorageCopy;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.Publication;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;

/**
 * Converts an Exodus file from any format the reader reads (CDF-1/2/5, NetCDF-4) to any format the
 * library writes (CDF-1/2/5, NetCDF-4 with optional deflate, shuffle and Fletcher-32), at the
 * netCDF level: every dimension, attribute and variable is copied, value by value, streaming in
 * bounded memory. The output is written to a temporary file beside the target and moved into place
 * only when complete, so a failed conversion never leaves a file that looks finished.
 */
public final class ExodusConverter {
  private ExodusConverter() {}

  /** Receives progress: bytes of data copied so far, of the total. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  /**
   * What the conversion did.
   *
   * @param notes what the target format could not hold as it was and how it was adapted
   * @param verified true when the output was compared value by value with the input
   */
  public record Result(List<String> notes, boolean verified) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  /**
   * How a NetCDF-4 output is chunked and filtered.
   *
   * @param deflateLevel -1 for no deflate, else 0-9
   * @param shuffle the shuffle filter before deflate
   * @param fletcher32 a Fletcher-32 checksum on every chunk
   * @param chunkSteps records (time steps) per chunk of the result variables
   * @param compressor where chunks are compressed in parallel (null: on the converting thread); the
   *     caller owns it
   * @param compression the filter pipeline of every chunk; null: the one {@code deflateLevel},
   *     {@code shuffle} and {@code fletcher32} make (shuffle, deflate, Fletcher-32)
   */
  public record Chunking(
      int deflateLevel,
      boolean shuffle,
      boolean fletcher32,
      int chunkSteps,
      java.util.concurrent.Executor compressor,
      Compression compression) {
    /** No filters, one time step per chunk (as libexodusII). */
    public static final Chunking DEFAULT = new Chunking(Compression.NONE, 1, null);

    /**
     * Chunks filtered by {@code compression}, {@code chunkSteps} time steps per chunk of the result
     * variables, compressed on {@code compressor} (null: on the converting thread).
     */
    public Chunking(
        Compression compression, int chunkSteps, java.util.concurrent.Executor compressor) {
      this(-1, false, false, chunkSteps, compressor, requireCompression(compression));
    }

    /**
     * Compressing on the converting thread.
     *
     * @deprecated use {@link #Chunking(Compression, int, java.util.concurrent.Executor)}
     */
    @Deprecated(since = "0.1.0")
    public Chunking(int deflateLevel, boolean shuffle, boolean fletcher32, int chunkSteps) {
      this(deflateLevel, shuffle, fletcher32, chunkSteps, null, null);
    }

    /**
     * Deflate, shuffle and Fletcher-32 only.
     *
     * @deprecated use {@link #Chunking(Compression, int, java.util.concurrent.Executor)}
     */
    @Deprecated(since = "0.1.0")
    public Chunking(
        int deflateLevel,
        boolean shuffle,
        boolean fletcher32,
        int chunkSteps,
        java.util.concurrent.Executor compressor) {
      this(deflateLevel, shuffle, fletcher32, chunkSteps, compressor, null);
    }

    public Chunking {
      if (deflateLevel < -1 || deflateLevel > 9) {
        throw new IllegalArgumentException("deflate level " + deflateLevel + " is not in 0-9");
      }
      if (chunkSteps < 1) {
        throw new IllegalArgumentException("chunk steps " + chunkSteps + " must be at least 1");
      }
      if (compression == null) {
        compression = Compression.deflate(deflateLevel, shuffle);
        if (fletcher32) compression = compression.withFletcher32();
      } else if (deflateLevel != -1 || shuffle || fletcher32) {
        throw new IllegalArgumentException(
            "give the filters either as a Compression ("
                + compression
                + ") or as deflateLevel, shuffle and fletcher32, not both");
      }
    }

    private static Compression requireCompression(Compression c) {
      if (c == null) {
        throw new NullPointerException("compression is null; use Compression.NONE for none");
      }
      return c;
    }

    boolean isDefault() {
      return compression.isNone() && chunkSteps == 1;
    }
  }

  /**
   * Converts {@code in} to {@code out} in {@code format}. With {@code verify}, reads the output
   * back and compares every value with the input; a difference is an {@link IOException}.
   */
  public static Result convert(
      Path in, Path out, ExodusFormat format, boolean verify, Progress progress)
      throws IOException {
    return convert(in, out, format, Chunking.DEFAULT, verify, progress);
  }

  /**
   * As {@link #convert(Path, Path, ExodusFormat, boolean, Progress)}, with the chunking and filters
   * of a NetCDF-4 output (anything but {@link Chunking#DEFAULT} is refused for classic formats).
   */
  @SuppressWarnings("try")
  public static Result convert(
      Path in, Path out, ExodusFormat format, Chunking chunking, boolean verify, Progress progress)
      throws IOException {
    if (!chunking.isDefault() && !format.holdsFilters()) {
      throw new IllegalArgumentException(
          "chunking, compression and checksums need the NetCDF-4 format, not " + format);
    }
    Progress p = progress == null ? (d, t) -> {} : progress;
    if (Files.isDirectory(out)) {
      throw new java.nio.file.FileAlreadyExistsException(
          out.toString(), null, "is a directory; give the output file's name");
    }
    // One conversion (or writer) per output at a time: the hidden partial file of the output is
    // held as its owner for the whole conversion (a second one is refused, FileInUseException).
    // The data goes to a temporary file of this conversion's own, moved into place under that
    // ownership; temporary files of killed conversions are removed (nobody else can own them).
    Path target = ExodusWriter.throughLinks(out);
    ExodusWriter.requireWritableDirectory(out, target);
    Path lock = ExodusWriter.partialPath(target);
    List<String> notes;
    try (FileLocks.Entry entry = FileLocks.open(lock, true);
        FileLocks.Held owner =
            entry.ownAsWriter("another conversion or writer is making " + out + " now")) {
      Publication.removeStaleTemporaries(target);
      // Created as any new file is (the umask's mode); a file replaced keeps its own (publish).
      Path tmp = Publication.newTemporary(target);
      try {
        try (Storage src = Backends.open(in)) {
          StorageWriter.Options wo =
              new StorageWriter.Options(false, false, 0)
                  .withChunking(
                      chunking.deflateLevel(),
                      chunking.shuffle(),
                      chunking.fletcher32(),
                      chunking.chunkSteps())
                  .withCompressor(chunking.compressor())
                  .withFilters(chunking.compression().filters());
          notes = StorageCopy.copy(src, tmp, format, wo, p::update, StorageCopy.Extension.NONE);
          if (verify) {
            try (Storage dst = Backends.open(tmp)) {
              String diff = StorageCopy.firstDifference(src, dst);
              if (diff != null) {
                throw new IOException(out + ": verification failed: " + diff);
              }
            }
          }
        }
        Publication.sync(tmp); // its data on disk before the rename makes it the output
        ExodusWriter.replaceHolding(tmp, target);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      } finally {
        Files.deleteIfExists(lock);
      }
    }
    return new Result(notes, verify);
  }
}
