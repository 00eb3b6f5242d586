package org.exodusj.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.io.ByteSource;

/**
 * One format family's way in (netcdf-java's {@code IOServiceProvider} is the model): how its files
 * are recognized and read, and how they are created and updated. One implementation per family
 * lives in its format package (the classic CDF-1/2/5 one in {@code cdf}, the NetCDF-4 one in {@code
 * hdf5}); {@code internal.backend.Backends} is the registry that picks one by signature or by
 * {@link ExodusFormat}, so no code above it tests which format it has.
 */
public interface StorageProvider {

  /** The formats this provider writes (and reads). */
  Set<ExodusFormat> formats();

  /** A short description of {@code f}, for example {@code "CDF-2 (64-bit offset)"}. */
  String description(ExodusFormat f);

  /** True when format {@code f} can store variables and attributes of type {@code t}. */
  boolean holds(ExodusFormat f, DataType t);

  // ---- reading -------------------------------------------------------------------------------

  /**
   * True when {@code source} starts with (or, after a user block, holds) this family's signature.
   */
  boolean isValidFile(ByteSource source) throws IOException;

  /**
   * Opens the file {@code source} reads (the storage owns the source from then on; it is not closed
   * here on failure).
   *
   * @param settings the chunk cache a chunked format reads through
   * @param executor where chunks are decoded in parallel (null: on the reading thread)
   */
  Storage open(Path path, ByteSource source, ChunkCacheSettings settings, Executor executor)
      throws IOException;

  /**
   * As {@link #open(Path, ByteSource, ChunkCacheSettings, Executor)}, showing the group at {@code
   * group} ("a/b"; null or "" for the root) where the format has groups (NetCDF-4).
   *
   * @throws IllegalArgumentException for a group the file does not have, or any group of a format
   *     without groups
   */
  default Storage open(
      Path path, ByteSource source, ChunkCacheSettings settings, Executor executor, String group)
      throws IOException {
    if (group != null && !group.isEmpty()) {
      throw new IllegalArgumentException(
          path
              + " is in a format with no groups (classic netCDF): group '"
              + group
              + "' asked for");
    }
    return open(path, source, settings, executor);
  }

  /**
   * True when the file's header can be edited in place by an updater, so that opening it with
   * locked reads must hold the shared data lock (classic files).
   */
  boolean headerEditedInPlace();

  // ---- writing -------------------------------------------------------------------------------

  /** An empty schema checked against the limits of {@code f} as it is defined. */
  Schema schema(ExodusFormat f);

  /**
   * Checks that {@code schema} fits format {@code f} with these options (sizes, offsets, filters),
   * before any file is touched.
   */
  void check(ExodusFormat f, Schema schema, StorageWriter.Options options);

  /**
   * Creates a file of format {@code f} with the layout of {@code schema} in an open channel of
   * {@code path} (emptied first), which the writer uses but never closes.
   */
  StorageWriter create(
      Path path, FileChannel ch, ExodusFormat f, Schema schema, StorageWriter.Options options)
      throws IOException;

  /**
   * Creates (or replaces) {@code path} in format {@code f}, the writer owning its channel; the
   * variables keep the {@code layouts} of their source where the format lets them.
   */
  StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options, Layouts layouts)
      throws IOException;

  /**
   * How a copy of {@code source} into format {@code f} stores its variables where the format lets
   * it choose (NetCDF-4: each variable's chunk shape and filters); {@link Layouts#NONE} where the
   * writer's options decide.
   *
   * @param lengths the dimensions whose length the copy changes, with their new length
   * @param added the variables the copy adds
   */
  Layouts layoutsOf(
      ExodusFormat f,
      Storage source,
      List<Variable> copied,
      Map<String, Long> lengths,
      List<String> added);

  /**
   * Opens an existing file through an open channel to write data in place and append records.
   *
   * @param current the file as read now through {@code ch}, or null when the provider is to read it
   *     itself (then {@code ownsChannel} is true)
   * @param ownsChannel the writer closes {@code ch}
   */
  StorageWriter openForUpdate(
      Path path,
      FileChannel ch,
      Storage current,
      boolean ownsChannel,
      StorageWriter.Options options)
      throws IOException;

  /**
   * True when the format takes one updater at a time (NetCDF-4: each commit rewrites the whole
   * metadata from the updater's own view); classic files take several, each commit merging the
   * record count.
   */
  boolean exclusiveUpdates();

  /**
   * Replaces or adds global attributes in place where the format allows it without moving data;
   * false (nothing changed) when the caller must rewrite the file. The caller holds the exclusive
   * data lock.
   */
  boolean putGlobalAttributesInPlace(Path path, FileChannel ch, List<Attribute> changes)
      throws IOException;

  /**
   * How a copy stores its variables, made by the provider of the target format and opaque to
   * everyone else. {@link #NONE}: the writer's options decide.
   */
  interface Layouts {
    /** No kept layouts: every variable as the writer's options say. */
    Layouts NONE = new Layouts() {};
  }

  /**
   * The dead space of the file {@code path} of this format, for a summary ("N bytes (P %) of M", or
   * why it is unknown); empty where the format has none to report (classic files).
   */
  default java.util.Optional<String> deadSpace(java.nio.file.Path path) throws java.io.IOException {
    return java.util.Optional.empty();
  }

  /**
   * The bytes of dead space of the file open in {@code ch} (read through it, never a descriptor of
   * its own, which would drop this process's locks on close); empty where the format has none to
   * report or the space map does not follow one of the file's structures.
   */
  default java.util.OptionalLong deadBytes(java.nio.channels.FileChannel ch)
      throws java.io.IOException {
    return java.util.OptionalLong.empty();
  }
}
