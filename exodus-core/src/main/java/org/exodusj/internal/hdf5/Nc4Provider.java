package org.exodusj.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusOpenOptions;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageProvider;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/** NetCDF-4 (HDF5), both data models: read by {@link Hdf5File}, written by {@link Nc4Writer}. */
public final class Nc4Provider implements StorageProvider {
  /** The one instance. */
  public static final Nc4Provider INSTANCE = new Nc4Provider();

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F'};

  private Nc4Provider() {}

  /** The chunk shapes and filters a copy keeps, by variable name. */
  private record Kept(Map<String, Nc4Layout> layouts) implements Layouts {}

  @Override
  public Set<ExodusFormat> formats() {
    return Set.of(ExodusFormat.NETCDF4);
  }

  @Override
  public java.util.Optional<String> deadSpace(java.nio.file.Path path) throws IOException {
    return java.util.Optional.of(Nc4SpaceMap.deadSpace(path));
  }

  @Override
  public java.util.OptionalLong deadBytes(java.nio.channels.FileChannel ch) throws IOException {
    Nc4SpaceMap.Result r = Nc4SpaceMap.read(ch);
    return r.mapped() ? java.util.OptionalLong.of(r.deadBytes()) : java.util.OptionalLong.empty();
  }

  @Override
  public String description(ExodusFormat f) {
    return "NetCDF-4";
  }

  @Override
  public boolean holds(ExodusFormat f, DataType t) {
    return true;
  }

  /** The HDF5 signature at 0 or, after a user block, at 512, 1024, 2048, ... bytes. */
  @Override
  public boolean isValidFile(ByteSource source) throws IOException {
    byte[] magic = new byte[4];
    long size = source.size();
    for (long at = 0; at <= size - 4 && at <= (1L << 30); at = at == 0 ? 512 : at * 2) {
      source.readFully(at, ByteBuffer.wrap(magic));
      if (Arrays.equals(magic, SIGNATURE)) return true;
      if (at == 0 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F') return false;
    }
    return false;
  }

  @Override
  public Storage open(Path path, ByteSource source, ChunkCacheSettings settings, Executor executor)
      throws IOException {
    ChunkCache cache =
        new ChunkCache(settings.cacheBytes(), settings.cacheSlots(), settings.preemption());
    return Hdf5File.open(path, source, cache, executor);
  }

  @Override
  public Storage open(
      Path path, ByteSource source, ChunkCacheSettings settings, Executor executor, String group)
      throws IOException {
    ChunkCache cache =
        new ChunkCache(settings.cacheBytes(), settings.cacheSlots(), settings.preemption());
    return Hdf5File.open(path, source, cache, executor, group == null ? "" : group);
  }

  /** NetCDF-4 files are rewritten, never edited under a reader. */
  @Override
  public boolean headerEditedInPlace() {
    return false;
  }

  @Override
  public Schema schema(ExodusFormat f) {
    return new Schema();
  }

  @Override
  public void check(ExodusFormat f, Schema schema, StorageWriter.Options options) {
    Nc4Writer.check(schema);
  }

  private static Nc4Writer.Settings settings(StorageWriter.Options o) {
    return new Nc4Writer.Settings(o.deflateLevel(), o.shuffle(), o.fletcher32(), o.chunkSteps());
  }

  @Override
  public StorageWriter create(
      Path path, FileChannel ch, ExodusFormat f, Schema schema, StorageWriter.Options options)
      throws IOException {
    return Nc4Writer.create(path, ch, schema, options, settings(options));
  }

  @Override
  public StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options, Layouts layouts)
      throws IOException {
    Map<String, Nc4Layout> kept = layouts instanceof Kept k ? k.layouts() : Map.of();
    return Nc4Writer.create(path, schema, options, settings(options), kept);
  }

  /**
   * For a NetCDF-4 source, each copied variable's chunk shape and filters, and for the {@code
   * added} variables the filters the record variables share ({@link Nc4Layout#kept}).
   */
  @Override
  public Layouts layoutsOf(
      ExodusFormat f,
      Storage source,
      List<Variable> copied,
      Map<String, Long> lengths,
      List<String> added) {
    return new Kept(Nc4Layout.kept(source, copied, lengths, added));
  }

  @Override
  public StorageWriter openForUpdate(
      Path path,
      FileChannel ch,
      Storage current,
      boolean ownsChannel,
      StorageWriter.Options options)
      throws IOException {
    if (current != null) {
      return Nc4Writer.openForUpdate(path, ch, ownsChannel, current, options);
    }
    ChunkCacheSettings settings = ChunkCacheSettings.resolve(ExodusOpenOptions.DEFAULT);
    try (Storage read = open(path, ChannelByteSource.wrap(path.toString(), ch), settings, null)) {
      return Nc4Writer.openForUpdate(path, ch, ownsChannel, read, options);
    }
  }

  @Override
  public boolean exclusiveUpdates() {
    return true;
  }

  /** Global attributes cannot be edited in place in NetCDF-4: the caller rewrites. */
  @Override
  public boolean putGlobalAttributesInPlace(Path path, FileChannel ch, List<Attribute> changes) {
    return false;
  }
}
