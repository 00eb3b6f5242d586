package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.exodusj.ChunkCacheSettings;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageProvider;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;

/**
 * The NetCDF classic formats (CDF-1, CDF-2, CDF-5): read by {@link CdfFile}, written by {@link
 * CdfWriter}.
 */
public final class ClassicProvider implements StorageProvider {
  /** The one instance. */
  public static final ClassicProvider INSTANCE = new ClassicProvider();

  private ClassicProvider() {}

  @Override
  public Set<ExodusFormat> formats() {
    return Set.of(ExodusFormat.CDF1, ExodusFormat.CDF2, ExodusFormat.CDF5);
  }

  @Override
  public String description(ExodusFormat f) {
    return CdfFormat.of(f).description();
  }

  @Override
  public boolean holds(ExodusFormat f, DataType t) {
    return !t.cdf5Only() || CdfFormat.of(f) == CdfFormat.CDF5;
  }

  @Override
  public boolean isValidFile(ByteSource source) throws IOException {
    if (source.size() < 4) return false;
    byte[] magic = new byte[4];
    source.readFully(0, ByteBuffer.wrap(magic));
    return magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F';
  }

  @Override
  public Storage open(Path path, ByteSource source, ChunkCacheSettings settings, Executor executor)
      throws IOException {
    return CdfFile.open(source);
  }

  @Override
  public boolean headerEditedInPlace() {
    return true;
  }

  @Override
  public Schema schema(ExodusFormat f) {
    return new CdfSchema(CdfFormat.of(f));
  }

  @Override
  public void check(ExodusFormat f, Schema schema, StorageWriter.Options options) {
    refuseFilters(f, options);
    CdfSchema.of(CdfFormat.of(f), schema).plan(options.headerFreeBytes());
  }

  private static void refuseFilters(ExodusFormat f, StorageWriter.Options o) {
    if (o.deflateLevel() >= 0 || o.shuffle() || o.fletcher32()) {
      throw new IllegalArgumentException(
          "compression and checksums need NetCDF-4; "
              + CdfFormat.of(f).description()
              + " cannot hold them");
    }
  }

  @Override
  public StorageWriter create(
      Path path, FileChannel ch, ExodusFormat f, Schema schema, StorageWriter.Options options)
      throws IOException {
    refuseFilters(f, options);
    return CdfWriter.create(
        path, ch, CdfSchema.of(CdfFormat.of(f), schema), CdfWriter.options(options));
  }

  @Override
  public StorageWriter create(
      Path path, ExodusFormat f, Schema schema, StorageWriter.Options options, Layouts layouts)
      throws IOException {
    refuseFilters(f, options);
    return CdfWriter.create(
        path, CdfSchema.of(CdfFormat.of(f), schema), CdfWriter.options(options));
  }

  /** Classic variables have one layout: nothing to keep. */
  @Override
  public Layouts layoutsOf(
      ExodusFormat f,
      Storage source,
      List<Variable> copied,
      Map<String, Long> lengths,
      List<String> added) {
    return Layouts.NONE;
  }

  @Override
  public StorageWriter openForUpdate(
      Path path,
      FileChannel ch,
      Storage current,
      boolean ownsChannel,
      StorageWriter.Options options)
      throws IOException {
    return CdfWriter.openForUpdate(path, ch, ownsChannel, CdfWriter.options(options));
  }

  @Override
  public boolean exclusiveUpdates() {
    return false;
  }

  @Override
  public boolean putGlobalAttributesInPlace(Path path, FileChannel ch, List<Attribute> changes)
      throws IOException {
    return CdfHeaderEdit.putGlobalAttributes(path, ch, changes);
  }
}
