package org.exodusj.internal.backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.internal.cache.DecodePool;
import org.exodusj.internal.cdf.ClassicProvider;
import org.exodusj.internal.hdf5.Hdf5Flocks;
import org.exodusj.internal.hdf5.Nc4Provider;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.LockedStorage;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageProvider;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * The registry of backends, one {@link StorageProvider} per format family (the classic one in
 * {@code cdf}, the NetCDF-4 one in {@code hdf5}), and the one place that names them: it opens a
 * {@link Storage} by the file's signature and creates a {@link StorageWriter} for an {@link
 * ExodusFormat}. Nothing above it ({@code ExodusFile}, {@code ExodusWriter}, {@code ExodusUpdater},
 * {@code ExodusConverter}, {@code StorageCopy}) imports a format package or tests which format it
 * has. {@code ExodusFormat} maps to its provider by an exhaustive switch, so a new constant without
 * a backend does not compile.
 */
public final class Backends {
  private Backends() {}

  /**
   * The providers in the order their signatures are tried: the classic one first, whose signature
   * is one read of byte 0 (a file that starts with it is no HDF5 file: the NetCDF-4 provider looks
   * at byte 0 first and refuses it there).
   */
  private static final List<StorageProvider> PROVIDERS =
      List.of(ClassicProvider.INSTANCE, Nc4Provider.INSTANCE);

  // ---- formats -------------------------------------------------------------------------------

  /** The provider that writes {@code f}. */
  public static StorageProvider provider(ExodusFormat f) {
    return switch (f) {
      case CDF1, CDF2, CDF5 -> ClassicProvider.INSTANCE;
      case NETCDF4 -> Nc4Provider.INSTANCE;
    };
  }

  /** The providers, in the order their signatures are tried. */
  public static List<StorageProvider> providers() {
    return PROVIDERS;
  }

  /**
   * The provider whose signature {@code source} carries; the classic one when none does (its reader
   * then says what the first bytes are not).
   */
  private static StorageProvider provider(ByteSource source) throws IOException {
    for (StorageProvider p : PROVIDERS) {
      if (p.isValidFile(source)) return p;
    }
    return ClassicProvider.INSTANCE;
  }

  private static StorageProvider provider(Path path, FileChannel ch) throws IOException {
    return provider(ChannelByteSource.wrap(path.toString(), ch));
  }

  /** A short description of {@code f}, for example {@code "CDF-2 (64-bit offset)"}. */
  public static String description(ExodusFormat f) {
    return provider(f).description(f);
  }

  /** The dead space of {@code path}, a file of format {@code f}, where the format reports one. */
  public static java.util.Optional<String> deadSpace(ExodusFormat f, Path path) throws IOException {
    return provider(f).deadSpace(path);
  }

  /** The bytes of dead space of the file open in {@code ch}, where the format maps them. */
  public static java.util.OptionalLong deadBytes(ExodusFormat f, FileChannel ch)
      throws IOException {
    return provider(f).deadBytes(ch);
  }

  /** True when {@code f} can store variables and attributes of type {@code t}. */
  public static boolean holds(ExodusFormat f, DataType t) {
    return provider(f).holds(f, t);
  }

  /**
   * A missing path is a {@link NoSuchFileException}; a directory or another non-regular file a
   * {@link FileSystemException} saying what it is, not "no such file".
   */
  public static void requireRegularFile(Path path, String wanted) throws IOException {
    regularFile(path, wanted);
  }

  /** {@link #requireRegularFile}, returning the file's attributes. */
  private static BasicFileAttributes regularFile(Path path, String wanted) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      if (a.isRegularFile()) {
        return a;
      }
    } catch (IOException e) {
      // said below, as Files.isRegularFile's false
    }
    if (Files.isDirectory(path)) {
      throw new FileSystemException(path.toString(), null, "is a directory, not " + wanted);
    }
    if (Files.exists(path)) {
      throw new FileSystemException(path.toString(), null, "is not a regular file");
    }
    throw new NoSuchFileException(path.toString(), null, "no such file");
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * Opens the storage backend that {@code path}'s signature calls for, as {@code ExodusFile.open}
   * does: the signature is read through the source the storage then reads from (one descriptor: a
   * second one opened and closed would drop the file locks a writer of this JVM holds, POSIX), and
   * every storage is wrapped in {@link LockedStorage}.
   */
  @SuppressWarnings("try")
  public static Storage open(Path path, ExodusOpenOptions options, ChunkCacheSettings settings)
      throws IOException {
    // one look at the file for both: that it is a regular file, and its identity
    BasicFileAttributes attributes = regularFile(path, "an Exodus file");
    // No descriptor of our own where this JVM already has the file open for writing or locked
    // reads: closing a second descriptor would drop that writer's file locks (POSIX). Otherwise
    // one descriptor for the signature and the reads, whose close waits for the lock holder if one
    // appears meanwhile (docs/reliability.md, "The locking protocol").
    Object identity = FileLocks.identity(path, attributes);
    FileLocks.Entry entry =
        options.lockReads() ? FileLocks.open(path, false) : FileLocks.find(identity);
    ByteSource source;
    try {
      if (entry != null) {
        source =
            options.memoryMap()
                ? WindowedByteSource.mapShared(
                    path.toString(), entry.channel(), options.mapWindowBytes())
                : ChannelByteSource.wrap(path.toString(), entry.channel());
      } else {
        source =
            options.memoryMap()
                ? WindowedByteSource.map(path, options.mapWindowBytes())
                : ChannelByteSource.open(path);
      }
    } catch (IOException | RuntimeException e) {
      if (entry != null) entry.close();
      throw e;
    }
    try {
      Storage storage;
      Executor executor = DecodePool.executorFor(options, settings);
      StorageProvider provider = provider(source);
      if (options.lockReads() && provider.headerEditedInPlace()) {
        try (FileLocks.Held l = entry.shared()) { // no header edit seen half done
          storage = provider.open(path, source, settings, executor, options.group());
        }
      } else {
        storage = provider.open(path, source, settings, executor, options.group());
      }
      return LockedStorage.wrap(storage, identity, entry, options.lockReads());
    } catch (IOException | RuntimeException e) {
      try {
        FileLocks.closeOrDefer(identity, source);
        if (entry != null) entry.close();
      } catch (IOException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
  }

  /** Opens {@code path} with the default options (memory-mapped, default cache). */
  public static Storage open(Path path) throws IOException {
    return open(path, ExodusOpenOptions.DEFAULT, defaultSettings());
  }

  /**
   * Opens the storage {@code source}'s signature calls for, reading through {@code source} (which
   * the storage owns from then on; it is not closed here on failure). Not wrapped.
   */
  public static Storage open(
      Path path, ByteSource source, ChunkCacheSettings settings, Executor executor)
      throws IOException {
    return provider(source).open(path, source, settings, executor);
  }

  /** Opens {@code path} unmapped through its own descriptor, not wrapped (default cache). */
  public static Storage openUnmapped(Path path) throws IOException {
    ByteSource source = ChannelByteSource.open(path);
    try {
      return open(path, source, defaultSettings(), null);
    } catch (IOException | RuntimeException e) {
      try {
        source.close();
      } catch (IOException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
  }

  /**
   * Opens {@code path} through an open channel that stays the caller's (closing the storage leaves
   * it open): no second descriptor, so this JVM's locks on the file survive.
   */
  public static Storage openThrough(Path path, FileChannel ch) throws IOException {
    return open(path, ChannelByteSource.wrap(path.toString(), ch), defaultSettings(), null);
  }

  /**
   * As {@link #openThrough}, memory-mapped through {@code ch} (still no second descriptor): for a
   * copy that reads every byte of the file, where a positional read per record would cost a system
   * call each.
   */
  public static Storage openMappedThrough(Path path, FileChannel ch) throws IOException {
    return open(
        path,
        WindowedByteSource.mapShared(path.toString(), ch, WindowedByteSource.DEFAULT_WINDOW_BYTES),
        defaultSettings(),
        null);
  }

  private static ChunkCacheSettings defaultSettings() {
    return ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT);
  }

  // ---- writing -------------------------------------------------------------------------------

  /** An empty schema checked against the limits of {@code f} as it is defined. */
  public static Schema schema(ExodusFormat f) {
    return provider(f).schema(f);
  }

  /**
   * Checks that {@code schema} fits format {@code f} with these options (sizes, offsets), before
   * any file is touched.
   */
  public static void check(ExodusFormat f, Schema schema, StorageWriter.Options options) {
    provider(f).check(f, schema, options);
  }

  /**
   * Creates a file of format {@code f} with the layout of {@code schema} in an open channel of
   * {@code path} (emptied first), which the writer uses but never closes.
   */
  public static StorageWriter create(
      Path path, FileChannel ch, ExodusFormat f, Schema schema, StorageWriter.Options options)
      throws IOException {
    return provider(f).create(path, ch, f, schema, options);
  }

  /**
   * Throws {@link org.exodusj.FileInUseException} when another library's writer holds {@code path}
   * open with a lock of its own kind (HDF5's {@code flock}, on Linux), which this library's locks
   * do not see, or whose HDF5 superblock is marked open for writing (read through {@code ch}, the
   * JVM's channel of the file). netCDF-C writing classic files takes no lock and leaves no mark:
   * nothing can be checked there.
   */
  public static void refuseWritersOfOtherLibraries(Path path, FileChannel ch) throws IOException {
    Hdf5Flocks.refuseWhenWritten(path, ch);
  }

  /**
   * How a NetCDF-4 copy that defines its variables anew (a mesh copy) keeps {@code source}'s
   * storage: the filters, {@code NAME[:P1[,P2...]]} in pipeline order, that most of the source's
   * filtered variables use, limited to those this library writes, and the records per chunk of its
   * result variables; null where the source is not NetCDF-4.
   */
  public static StoredFilters storedFilters(Storage source) {
    if (source.fileFormat() != ExodusFormat.NETCDF4) return null;
    org.exodusj.internal.hdf5.Nc4Layout.Shared s =
        org.exodusj.internal.hdf5.Nc4Layout.shared(source);
    return s == null ? null : new StoredFilters(s.filters(), s.chunkSteps());
  }

  /**
   * What {@link #storedFilters} finds.
   *
   * @param filters the pipeline, each {@code NAME[:P1[,P2...]]}, in order (empty: none)
   * @param chunkSteps records per chunk of the result variables
   */
  public record StoredFilters(List<String> filters, int chunkSteps) {}

  /**
   * The layouts a copy of {@code source} into format {@code f} keeps: for a NetCDF-4 copy of a
   * NetCDF-4 source, each copied variable's chunk shape and filters, and for the {@code added}
   * variables the filters the record variables share; {@link StorageProvider.Layouts#NONE} for any
   * other pair.
   *
   * @param lengths the dimensions whose length the copy changes, with their new length
   */
  public static StorageProvider.Layouts layoutsOf(
      ExodusFormat f,
      Storage source,
      List<Variable> copied,
      Map<String, Long> lengths,
      List<String> added) {
    return provider(f).layoutsOf(f, source, copied, lengths, added);
  }

  /**
   * As {@link #create(Path, ExodusFormat, Schema, StorageWriter.Options)}, the variables keeping
   * the {@code layouts} of their source (see {@link #layoutsOf}).
   */
  public static StorageWriter create(
      Path path,
      ExodusFormat f,
      Schema schema,
      StorageWriter.Options options,
      StorageProvider.Layouts layouts)
      throws IOException {
    return provider(f).create(path, f, schema, options, layouts);
  }

  /** Creates (or replaces) {@code path} in format {@code f}; the writer owns its channel. */
  public static StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options) throws IOException {
    return create(path, f, schema, options, StorageProvider.Layouts.NONE);
  }

  /**
   * Opens an existing file through an open channel (never closed by the writer) to write data in
   * place and append records. {@code current} is the file as read now through {@link #openThrough}
   * (a NetCDF-4 writer takes its dimensions, attributes and variables from it); the caller closes
   * it, through {@code FileLocks.Entry.closeOther} where the file is locked (a precaution: the
   * NetCDF-4 reader reads through {@code ch}, no descriptor of its own).
   */
  public static StorageWriter openForUpdate(
      Path path, FileChannel ch, Storage current, StorageWriter.Options options)
      throws IOException {
    return provider(path, ch).openForUpdate(path, ch, current, false, options);
  }

  /**
   * {@link #openForUpdate(Path, FileChannel, Storage, StorageWriter.Options)} with its own channel.
   */
  public static StorageWriter openForUpdate(Path path, StorageWriter.Options options)
      throws IOException {
    // Only for files nobody locks (the unlocked mode, a rewrite's temporary file).
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return provider(path, ch).openForUpdate(path, ch, null, true, options);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Starts, on another thread, the part of {@link #openForUpdate}'s check for other libraries'
   * writers that waits for the system (Linux's list of file locks), so that the calling thread's
   * next {@code openForUpdate} of {@code path} finds it read; {@link #dropWriterCheck} forgets it
   * when the open fails first.
   */
  public static void prefetchWriterCheck(Path path) {
    Hdf5Flocks.prefetch(path);
  }

  /** Forgets what {@link #prefetchWriterCheck} started on this thread. */
  public static void dropWriterCheck() {
    Hdf5Flocks.clearPrefetch();
  }

  /**
   * True when the format takes one updater at a time (NetCDF-4: each commit rewrites the whole
   * metadata from the updater's own view); classic files take several, each commit merging the
   * record count.
   */
  public static boolean exclusiveUpdates(Path path, FileChannel ch) throws IOException {
    return provider(path, ch).exclusiveUpdates();
  }

  /**
   * Replaces or adds global attributes in place where the format allows it without moving data;
   * false (nothing changed) when the caller must rewrite the file. The caller holds the exclusive
   * data lock.
   */
  public static boolean putGlobalAttributesInPlace(
      Path path, FileChannel ch, List<Attribute> changes) throws IOException {
    return provider(path, ch).putGlobalAttributesInPlace(path, ch, changes);
  }
}
