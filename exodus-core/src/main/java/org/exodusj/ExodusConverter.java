package org.exodusj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.convert.StorageCopy;
import org.exodusj.internal.storage.Storage;

/**
 * Converts an Exodus file from any format the reader reads (CDF-1/2/5, NetCDF-4) to a classic
 * format, at the netCDF level: every dimension, attribute and variable is copied, value by value,
 * streaming in bounded memory. The output is written to a temporary file beside the target and
 * moved into place only when complete, so a failed conversion never leaves a file that looks
 * finished.
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
   * Converts {@code in} to {@code out} in {@code format}. With {@code verify}, reads the output
   * back and compares every value with the input; a difference is an {@link IOException}.
   */
  public static Result convert(
      Path in, Path out, ExodusFormat format, boolean verify, Progress progress)
      throws IOException {
    Progress p = progress == null ? (d, t) -> {} : progress;
    if (Files.isDirectory(out)) {
      throw new java.nio.file.FileAlreadyExistsException(
          out.toString(), null, "is a directory; give the output file's name");
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".partial");
    List<String> notes;
    try (Storage src = Backends.open(in)) {
      notes = StorageCopy.copy(src, tmp, format, p::update);
      if (verify) {
        try (Storage dst = Backends.open(tmp)) {
          String diff = StorageCopy.firstDifference(src, dst);
          if (diff != null) {
            throw new IOException(out + ": verification failed: " + diff);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      ExodusWriter.refuseIfOpenForWriting(out);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return new Result(notes, verify);
  }
}
