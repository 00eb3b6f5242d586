package org.exodusj.internal.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.cache.DecodePool;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.cdf.CdfFormat;
import org.exodusj.internal.cdf.CdfHeaderEdit;
import org.exodusj.internal.cdf.CdfSchema;
import org.exodusj.internal.cdf.CdfWriter;
import org.exodusj.internal.hdf5.Hdf5File;
import org.exodusj.internal.hdf5.Hdf5Flocks;
import org.exodusj.internal.hdf5.Nc4Layout;
import org.exodusj.internal.hdf5.Nc4Writer;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.FileLocks;
import org.exodusj.internal.io.WindowedByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.LockedStorage;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;

/**
 * The one place that knows the backends: it opens a {@link Storage} by the file's signature and
 * creates a {@link StorageWriter} for an {@link ExodusFormat}. Nothing above it ({@code
 * ExodusFile}, {@code ExodusWriter}, {@code ExodusUpdater}, {@code ExodusConverter}, {@code
 * StorageCopy}) imports a format package. {@code ExodusFormat} maps to its backend by an exhaustive
 * switch, so a new constant without a backend does not compile.
 */
public final class Backends {
  private Backends() {}

  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F'};

  // ---- formats -------------------------------------------------------------------------------

  /** The classic format of {@code f}. */
  private static CdfFormat classic(ExodusFormat f) {
    return switch (f) {
      case CDF1 -> CdfFormat.CDF1;
      case CDF2 -> CdfFormat.CDF2;
      case CDF5 -> CdfFormat.CDF5;
      case NETCDF4 -> throw new IllegalArgumentException("NetCDF-4 is not a classic format");
    };
  }

  private static ExodusFormat exodusFormat(CdfFormat f) {
    return switch (f) {
      case CDF1 -> ExodusFormat.CDF1;
      case CDF2 -> ExodusFormat.CDF2;
      case CDF5 -> ExodusFormat.CDF5;
    };
  }

  /** A short description of {@code f}, for example {@code "CDF-2 (64-bit offset)"}. */
  public static String description(ExodusFormat f) {
    return f == ExodusFormat.NETCDF4 ? "NetCDF-4" : classic(f).description();
  }

  /** True when {@code f} can store variables and attributes of type {@code t}. */
  public static boolean holds(ExodusFormat f, DataType t) {
    return !t.cdf5Only() || f == ExodusFormat.CDF5 || f == ExodusFormat.NETCDF4;
  }

  /**
   * The format a file of this storage (opened raw, not wrapped) would be written in again (a
   * rewrite keeps it).
   *
   * @throws IllegalArgumentException when no writer exists for the storage's format
   */
  public static ExodusFormat formatOf(Storage s) {
    if (s instanceof CdfFile c) {
      return exodusFormat(c.format());
    }
    if (s instanceof Hdf5File) {
      return ExodusFormat.NETCDF4;
    }
    throw new IllegalArgumentException(
        s.name() + ": " + s.formatDescription() + " files cannot be written yet");
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * Opens the storage backend that {@code path}'s signature calls for, as {@code ExodusFile.open}
   * does: the signature is read through the source the storage then reads from (one descriptor: a
   * second one opened and closed would drop the file locks a writer of this JVM holds, POSIX), and
   * classic files are wrapped in {@link LockedStorage}.
   */
  @SuppressWarnings("try")
  public static Storage open(Path path, ExodusOpenOptions options, ChunkCacheSettings settings)
      throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    // No descriptor of our own where this JVM already has the file open for writing or locked
    // reads: closing a second descriptor would drop that writer's file locks (POSIX). Otherwise
    // one descriptor for the signature and the reads, whose close waits for the lock holder if one
    // appears meanwhile (docs/reliability.md, "The locking protocol").
    Object identity = FileLocks.identity(path);
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
      if (options.lockReads() && !isHdf5(source)) {
        try (FileLocks.Held l = entry.shared()) { // no header edit seen half done
          storage = open(path, source, settings, executor, options.group());
        }
      } else {
        storage = open(path, source, settings, executor, options.group());
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
   * the storage owns from then on; it is not closed here on failure). Classic files are not
   * wrapped.
   */
  public static Storage open(
      Path path, ByteSource source, ChunkCacheSettings settings, Executor executor)
      throws IOException {
    return open(path, source, settings, executor, null);
  }

  /**
   * As {@link #open(Path, ByteSource, ChunkCacheSettings, Executor)}, showing the NetCDF-4 group at
   * {@code group} ("a/b"; null or "" for the root).
   *
   * @throws IllegalArgumentException for a group the file does not have, or any group of a classic
   *     file
   */
  public static Storage open(
      Path path, ByteSource source, ChunkCacheSettings settings, Executor executor, String group)
      throws IOException {
    String g = group == null ? "" : group;
    if (isHdf5(source)) {
      ChunkCache cache =
          new ChunkCache(settings.cacheBytes(), settings.cacheSlots(), settings.preemption());
      return Hdf5File.open(path, source, cache, executor, g);
    }
    if (!g.isEmpty()) {
      throw new IllegalArgumentException(
          path + " is a classic netCDF file, which has no groups (group '" + g + "' asked for)");
    }
    return CdfFile.open(source);
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

  private static ChunkCacheSettings defaultSettings() {
    return ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT);
  }

  private static boolean isHdf5(ByteSource source) throws IOException {
    byte[] magic = new byte[4];
    int n = (int) Math.min(4, source.size());
    source.readFully(0, ByteBuffer.wrap(magic, 0, n));
    if (n == 4 && java.util.Arrays.equals(magic, HDF5_SIGNATURE)) return true;
    if (n == 4 && (magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F')) return false;
    // after a user block: HDF5 looks for its signature at 512, 1024, 2048, ... bytes
    for (long at = 512; at <= source.size() - 8 && at <= (1L << 30); at *= 2) {
      source.readFully(at, ByteBuffer.wrap(magic));
      if (java.util.Arrays.equals(magic, HDF5_SIGNATURE)) return true;
    }
    return false;
  }

  // ---- writing -------------------------------------------------------------------------------

  /** An empty schema checked against the limits of {@code f} as it is defined. */
  public static Schema schema(ExodusFormat f) {
    return f == ExodusFormat.NETCDF4 ? new Schema() : new CdfSchema(classic(f));
  }

  /**
   * Checks that {@code schema} fits format {@code f} with these options (sizes, offsets), before
   * any file is touched.
   */
  public static void check(ExodusFormat f, Schema schema, StorageWriter.Options options) {
    if (f == ExodusFormat.NETCDF4) {
      Nc4Writer.check(schema);
      return;
    }
    refuseFilters(f, options);
    CdfSchema.of(classic(f), schema).plan(options.headerFreeBytes());
  }

  private static void refuseFilters(ExodusFormat f, StorageWriter.Options o) {
    if (o.deflateLevel() >= 0 || o.shuffle() || o.fletcher32()) {
      throw new IllegalArgumentException(
          "compression and checksums need NetCDF-4; " + description(f) + " cannot hold them");
    }
  }

  private static Nc4Writer.Settings settings(StorageWriter.Options o) {
    return new Nc4Writer.Settings(o.deflateLevel(), o.shuffle(), o.fletcher32(), o.chunkSteps());
  }

  /**
   * Creates a file of format {@code f} with the layout of {@code schema} in an open channel of
   * {@code path} (emptied first), which the writer uses but never closes.
   */
  public static StorageWriter create(
      Path path, FileChannel ch, ExodusFormat f, Schema schema, StorageWriter.Options options)
      throws IOException {
    if (f == ExodusFormat.NETCDF4) {
      return Nc4Writer.create(path, ch, schema, options, settings(options));
    }
    refuseFilters(f, options);
    return CdfWriter.create(path, ch, CdfSchema.of(classic(f), schema), CdfWriter.options(options));
  }

  /**
   * Throws {@link org.exodusj.FileInUseException} when another library's writer holds {@code path}
   * open with a lock of its own kind (HDF5's {@code flock}, on Linux), which this library's locks
   * do not see. netCDF-C writing classic files takes no lock at all: nothing can be checked there.
   */
  public static void refuseWritersOfOtherLibraries(Path path) throws IOException {
    Hdf5Flocks.refuseWhenWritten(path);
  }

  /**
   * How a copy stores its variables where the format lets it choose (NetCDF-4: each variable's
   * chunk shape and filters), opaque above this class. {@link #NONE}: the writer's options decide.
   */
  public static final class Layouts {
    /** No kept layouts: every variable as the writer's options say. */
    public static final Layouts NONE = new Layouts(java.util.Map.of());

    private final java.util.Map<String, Nc4Layout> nc4;

    private Layouts(java.util.Map<String, Nc4Layout> nc4) {
      this.nc4 = nc4;
    }
  }

  /**
   * The layouts a copy of {@code source} into format {@code f} keeps: for a NetCDF-4 copy of a
   * NetCDF-4 source, each copied variable's chunk shape and filters, and for the {@code added}
   * variables the filters the record variables share ({@link Nc4Layout#kept}); {@link Layouts#NONE}
   * for any other pair.
   *
   * @param lengths the dimensions whose length the copy changes, with their new length
   */
  public static Layouts layoutsOf(
      ExodusFormat f,
      Storage source,
      java.util.List<org.exodusj.internal.storage.Variable> copied,
      java.util.Map<String, Long> lengths,
      java.util.List<String> added) {
    if (f != ExodusFormat.NETCDF4) return Layouts.NONE;
    return new Layouts(Nc4Layout.kept(source, copied, lengths, added));
  }

  /**
   * As {@link #create(Path, ExodusFormat, Schema, StorageWriter.Options)}, the variables keeping
   * the {@code layouts} of their source (see {@link #layoutsOf}).
   */
  public static StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options, Layouts layouts)
      throws IOException {
    if (f == ExodusFormat.NETCDF4 && !layouts.nc4.isEmpty()) {
      return Nc4Writer.create(path, schema, options, settings(options), layouts.nc4);
    }
    return create(path, f, schema, options);
  }

  /** Creates (or replaces) {@code path} in format {@code f}; the writer owns its channel. */
  public static StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options) throws IOException {
    if (f == ExodusFormat.NETCDF4) {
      return Nc4Writer.create(path, schema, options, settings(options));
    }
    refuseFilters(f, options);
    return CdfWriter.create(path, CdfSchema.of(classic(f), schema), CdfWriter.options(options));
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
    if (isHdf5(ChannelByteSource.wrap(path.toString(), ch))) {
      return Nc4Writer.openForUpdate(path, ch, false, current, options);
    }
    return CdfWriter.openForUpdate(path, ch, CdfWriter.options(options));
  }

  /** {@link #openForUpdate(Path, FileChannel, StorageWriter.Options)} with its own channel. */
  public static StorageWriter openForUpdate(Path path, StorageWriter.Options options)
      throws IOException {
    // Only for files nobody locks (the unlocked mode, a rewrite's temporary file): the signature
    // is read through a descriptor that is closed again for classic files.
    FileChannel ch =
        FileChannel.open(
            path, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
    try {
      if (isHdf5(ChannelByteSource.wrap(path.toString(), ch))) {
        try (Storage current = openThrough(path, ch)) {
          return Nc4Writer.openForUpdate(path, ch, true, current, options);
        }
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    ch.close();
    return CdfWriter.openForUpdate(path, CdfWriter.options(options));
  }

  /**
   * True when the format takes one updater at a time (NetCDF-4: each commit rewrites the whole
   * metadata from the updater's own view); classic files take several, each commit merging the
   * record count.
   */
  public static boolean exclusiveUpdates(Path path, FileChannel ch) throws IOException {
    return isHdf5(ChannelByteSource.wrap(path.toString(), ch));
  }

  /**
   * Replaces or adds global attributes in place where the format allows it without moving data;
   * false (nothing changed) when the caller must rewrite the file. The caller holds the exclusive
   * data lock.
   */
  public static boolean putGlobalAttributesInPlace(
      Path path, FileChannel ch, List<Attribute> changes) throws IOException {
    if (isHdf5(ChannelByteSource.wrap(path.toString(), ch))) {
      return false;
    }
    return CdfHeaderEdit.putGlobalAttributes(path, ch, changes);
  }
}
