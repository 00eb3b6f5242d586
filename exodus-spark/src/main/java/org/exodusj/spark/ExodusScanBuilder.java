package org.exodusj.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query needs (only the selected variables are read) and the filters it can
 * prune by ({@code source}, {@code step}, {@code time}, {@code block_id}, {@code node_id}, {@code
 * elem_id}), and aggregations it can compute per partition ({@link Aggregates}). Filters on {@code
 * source}, {@code step} and {@code time} alone, or on {@code source} and {@code block_id} alone,
 * are applied exactly by the planning; every other filter is handed back to Spark, which applies it
 * to the rows read. An aggregation is taken only where every filter is applied exactly.
 */
final class ExodusScanBuilder
    implements ScanBuilder,
        SupportsPushDownRequiredColumns,
        SupportsPushDownFilters,
        SupportsPushDownAggregates {
  private final ReadOptions options;
  private final Sources.Resolved sources;
  private StructType required;
  private final StructType full;
  private Filter[] pushed = new Filter[0];
  private Aggregates aggregates;
  private boolean allExact = true;

  ExodusScanBuilder(ReadOptions options, Sources.Resolved sources, StructType schema) {
    this.options = options;
    this.sources = sources;
    this.required = schema;
    this.full = schema;
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
    List<Filter> after = new ArrayList<>();
    for (Filter f : filters) {
      if (!Filters.exact(f)) after.add(f);
    }
    allExact = after.isEmpty();
    return after.toArray(new Filter[0]);
  }

  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    // Spark offers an aggregation only where no filter is left for it to apply; the readers
    // aggregate every row of their partitions, so make sure of it
    if (!options.pushDownAggregate() || !allExact) return false;
    aggregates = Aggregates.of(aggregation, full, options.kind());
    return aggregates != null;
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public Scan build() {
    if (aggregates != null) return new ExodusScan(options, sources, full, pushed, aggregates);
    return new ExodusScan(options, sources, required, pushed, null);
  }
}
