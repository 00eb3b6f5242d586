package org.exodusj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;

/**
 * The Spark data source {@code exodus} (DataSource V2): Exodus II files, decomposed sets and many
 * runs at once as tables of nodal, element or global results, or of the mesh's nodes and elements.
 *
 * <pre>{@code
 * Dataset<Row> t = spark.read().format("exodus").option("kind", "nodal").load("run.e");
 * }</pre>
 *
 * <p>The options, columns and partitioning are described in {@code docs/spark.md}.
 */
public final class ExodusDataSource implements TableProvider, DataSourceRegister {
  /** Made by Spark's service loader. */
  public ExodusDataSource() {}

  @Override
  public String shortName() {
    return "exodus";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    ReadOptions o = ReadOptions.of(options.asCaseSensitiveMap());
    return schema(o, resolve(o));
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    ReadOptions o = ReadOptions.of(properties);
    return new ExodusTable(o, resolve(o), schema);
  }

  static Sources.Resolved resolve(ReadOptions o) {
    try {
      return Sources.resolve(o.path(), o.decomposed());
    } catch (IOException e) {
      throw new UncheckedIOException(String.valueOf(e.getMessage()), e);
    }
  }

  /** The columns: from the first piece of every source, variables in order of appearance. */
  static StructType schema(ReadOptions o, Sources.Resolved r) {
    EntityType vt = Layout.variableType(o.kind());
    Set<String> vars = new LinkedHashSet<>();
    int dims = 0;
    for (Sources.Source s : r.sources()) {
      String first = s.pieces().get(0);
      try (OpenFiles.Lease l = OpenFiles.acquire(o, Path.of(first))) {
        ExodusFile f = l.file();
        dims = Math.max(dims, f.dimensionCount());
        if (vt != null) vars.addAll(f.variableNames(vt));
      } catch (IOException e) {
        throw new UncheckedIOException(ExodusScan.message(first, e), e);
      }
    }
    return Layout.schema(o.kind(), dims, r.many(), new ArrayList<>(vars));
  }

  static List<String> names(StructType t) {
    return List.of(t.fieldNames());
  }
}
