package org.exodusj.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query needs (only the selected variables are read) and the filters it can
 * prune by ({@code source}, {@code step}, {@code time}, {@code block_id}, {@code node_id}, {@code
 * elem_id}). Every filter is also handed back to Spark, which applies it to the rows read: pruning
 * skips what cannot match, it does not decide what matches.
 */
final class ExodusScanBuilder
    implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {
  private final ReadOptions options;
  private final Sources.Resolved sources;
  private StructType required;
  private Filter[] pushed = new Filter[0];

  ExodusScanBuilder(ReadOptions options, Sources.Resolved sources, StructType schema) {
    this.options = options;
    this.sources = sources;
    this.required = schema;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    List<Filter> useful = new ArrayList<>();
    for (Filter f : filters) {
      if (Filters.useful(f)) useful.add(f);
    }
    pushed = useful.toArray(new Filter[0]);
    return filters;
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public Scan build() {
    return new ExodusScan(options, sources, required, pushed);
  }
}
