package org.exodusj.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The table one PATH and kind name. */
final class ExodusTable implements SupportsRead {
  private final ReadOptions options;
  private final Sources.Resolved sources;
  private final StructType schema;

  ExodusTable(ReadOptions options, Sources.Resolved sources, StructType schema) {
    this.options = options;
    this.sources = sources;
    this.schema = schema;
  }

  @Override
  public String name() {
    return "exodus " + options.kind().optionName() + " " + options.path();
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new ExodusScanBuilder(options, sources, schema);
  }
}
