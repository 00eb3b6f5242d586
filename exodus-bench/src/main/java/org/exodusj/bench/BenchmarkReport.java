package org.exodusj.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns JMH JSON results ({@code -rf json}, run with {@code -prof gc}) of {@link
 * ReadPathsBenchmark}, {@link NetcdfJavaBaseline} and {@link JhdfBaseline} into the tables and
 * charts of docs/benchmarks.md: time per operation, bytes allocated per operation and per byte read
 * ("copies").
 *
 * <pre>
 * java -cp exodus-bench/target/benchmarks.jar org.exodusj.bench.BenchmarkReport \
 *     results.json docs/images docs/benchmark-results.md
 * </pre>
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /** One benchmark result. */
  record Result(
      String library, // exodus-java, netcdf-java, jHDF
      String path, // coordinates, connectivity, nodalStep, allNodal, elementVar, nodeHistory
      String mode, // IntoBuffer, View, Iterator, Allocating, or the baseline's own way
      String format,
      int n,
      double microseconds,
      double error,
      double bytesPerOp) {

    long nodes() {
      return (long) (n + 1) * (n + 1) * (n + 1);
    }

    /** The values the operation delivers, in bytes as stored. */
    long payload() {
      long elements = (long) n * n * n;
      return switch (path) {
        case "coordinates" -> 3 * nodes() * 8;
        case "connectivity" -> elements * 8 * 4;
        case "nodalStep" -> nodes() * 8;
        case "allNodal" -> (long) BenchFiles.NODAL_VARS * BenchFiles.STEPS * nodes() * 8;
        case "elementVar" -> BenchFiles.STEPS * elements * 8;
        case "nodeHistory" -> BenchFiles.STEPS * 8L;
        default -> throw new IllegalArgumentException(path);
      };
    }

    /**
     * Library calls per operation, to give bytes allocated per call: one per axis, per variable and
     * step (an iterator, a jHDF {@code getData()}: one per variable).
     */
    int calls() {
      boolean whole = mode.equals("Iterator") || library.equals("jHDF");
      return switch (path) {
        case "coordinates" -> 3;
        case "allNodal" -> BenchFiles.NODAL_VARS * (whole ? 1 : BenchFiles.STEPS);
        case "elementVar" -> whole ? 1 : BenchFiles.STEPS;
        default -> 1;
      };
    }
  }

  static final List<String> PATHS =
      List.of("coordinates", "connectivity", "nodalStep", "allNodal", "elementVar", "nodeHistory");

  static List<Result> load(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<Result> out = new ArrayList<>();
    for (JsonNode b : root) {
      String name = b.get("benchmark").asText();
      String cls =
          name.substring(
              name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1, name.lastIndexOf('.'));
      String method = name.substring(name.lastIndexOf('.') + 1);
      String library =
          switch (cls) {
            case "ReadPathsBenchmark" -> "exodus-java";
            case "NetcdfJavaBaseline" -> "netcdf-java";
            case "JhdfBaseline" -> "jHDF";
            default -> null;
          };
      if (library == null) continue;
      String path = null;
      for (String p : PATHS) if (method.startsWith(p)) path = p;
      if (path == null) continue;
      String mode = method.substring(path.length());
      if (mode.isEmpty()) mode = library.equals("jHDF") ? "getData" : "read";
      JsonNode params = b.get("params");
      JsonNode primary = b.get("primaryMetric");
      JsonNode alloc = b.at("/secondaryMetrics/gc.alloc.rate.norm/score");
      out.add(
          new Result(
              library,
              path,
              mode,
              params.get("format").asText(),
              params.get("n").asInt(),
              primary.get("score").asDouble(),
              primary.get("scoreError").asDouble(),
              alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
    }
    return out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: BenchmarkReport RESULTS.json... IMAGE_DIR TABLE.md");
      System.exit(2);
    }
    List<Result> all = new ArrayList<>();
    for (int i = 0; i < args.length - 2; i++) all.addAll(load(Path.of(args[i])));
    Path images = Path.of(args[args.length - 2]);
    Path table = Path.of(args[args.length - 1]);
    Files.createDirectories(images);
    writeTable(all, table);
    int big = all.stream().mapToInt(Result::n).max().orElseThrow();
    int small = all.stream().mapToInt(Result::n).min().orElseThrow();
    timeChart(all, big, images.resolve("bench-time-largest.png"));
    allocationChart(all, big, images.resolve("bench-allocation-largest.png"));
    viewChart(all, small, big, images.resolve("bench-view-sizes.png"));
    System.out.println("wrote " + table + " and charts in " + images);
  }

  /** Every result: time, bytes allocated per operation, per call and per byte delivered. */
  static void writeTable(List<Result> all, Path out) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println(
          "<!-- generated by org.exodusj.bench.BenchmarkReport from JMH JSON; do not edit -->");
      w.println();
      w.println(
          "| path | library | way | format | nodes | time per op (us) | allocated per op (B) | per call (B) | per byte read |");
      w.println("|---|---|---|---|---|---|---|---|---|");
      List<Result> sorted = new ArrayList<>(all);
      sorted.sort(
          java.util.Comparator.comparing((Result r) -> PATHS.indexOf(r.path()))
              .thenComparing(Result::n)
              .thenComparing(r -> BenchFiles.FORMATS.indexOf(r.format()))
              .thenComparing(Result::library)
              .thenComparing(Result::mode));
      for (Result r : sorted) {
        w.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %,d | %s | %s | %s | %s |%n",
            r.path(),
            r.library(),
            r.mode(),
            r.format(),
            r.nodes(),
            time(r.microseconds(), r.error()),
            bytes(r.bytesPerOp()),
            bytes(r.bytesPerOp() / r.calls()),
            ratio(r.bytesPerOp() / r.payload()));
      }
    }
  }

  static String time(double us, double err) {
    String e = Double.isNaN(err) ? "" : " +- " + sig(err);
    return sig(us) + e;
  }

  static String sig(double v) {
    if (v >= 100) return String.format(Locale.ROOT, "%,.0f", v);
    if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String bytes(double b) {
    return Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, "%,.0f", b);
  }

  static String ratio(double r) {
    if (Double.isNaN(r)) return "n/a";
    if (r < 0.001) return "< 0.001";
    return String.format(Locale.ROOT, r < 10 ? "%.3f" : "%.1f", r);
  }

  /** The way each library reads a whole path: exodus-java into caller buffers vs the baselines. */
  static void timeChart(List<Result> all, int n, Path png) throws IOException {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (String path : PATHS) {
      for (String format : BenchFiles.FORMATS) {
        for (Result r : all) {
          if (r.n() != n || !r.path().equals(path) || !r.format().equals(format)) continue;
          String series =
              r.library().equals("exodus-java") ? "exodus-java " + r.mode() : r.library();
          if (r.library().equals("exodus-java")
              && !r.mode().equals("IntoBuffer")
              && !r.mode().equals("Allocating")) {
            continue;
          }
          d.addValue(r.microseconds() / 1000, series, path + " / " + format);
        }
      }
    }
    JFreeChart c =
        bar(
            "Read time per operation, "
                + String.format(Locale.ROOT, "%,d", (long) (n + 1) * (n + 1) * (n + 1))
                + " nodes (lower is better)",
            "milliseconds per operation (log)",
            d,
            true);
    ChartUtils.saveChartAsPNG(png.toFile(), c, 1400, 700);
  }

  /** Bytes allocated per operation, every way of exodus-java and the baselines. */
  static void allocationChart(List<Result> all, int n, Path png) throws IOException {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (String path : PATHS) {
      for (Result r : all) {
        if (r.n() != n
            || !r.path().equals(path)
            || !r.format().equals("cdf2")
                && !(r.library().equals("jHDF") && r.format().equals("nc4"))) continue;
        String series =
            r.library().equals("exodus-java")
                ? "exodus-java " + r.mode()
                : r.library() + " (" + r.format() + ")";
        d.addValue(Math.max(1, r.bytesPerOp()), series, path);
      }
    }
    JFreeChart c =
        bar(
            "Bytes allocated per operation, "
                + String.format(Locale.ROOT, "%,d", (long) (n + 1) * (n + 1) * (n + 1))
                + " nodes, CDF-2 (jHDF: NetCDF-4)",
            "bytes allocated per operation (log)",
            d,
            true);
    ChartUtils.saveChartAsPNG(png.toFile(), c, 1400, 700);
  }

  /** Views cost the same at any size: time per view at the smallest and largest mesh. */
  static void viewChart(List<Result> all, int small, int big, Path png) throws IOException {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Result r : all) {
      if (!r.library().equals("exodus-java") || !r.mode().equals("View")) continue;
      if (!List.of("cdf2", "cdf5", "nc4").contains(r.format())) continue;
      if (r.n() != small && r.n() != big) continue;
      String series = String.format(Locale.ROOT, "%,d nodes", r.nodes());
      d.addValue(r.microseconds(), series, r.path() + " / " + r.format());
    }
    JFreeChart c =
        bar(
            "Zero-copy views: time per operation at two mesh sizes",
            "microseconds per operation",
            d,
            false);
    ChartUtils.saveChartAsPNG(png.toFile(), c, 1200, 600);
  }

  static JFreeChart bar(String title, String axis, DefaultCategoryDataset d, boolean log) {
    JFreeChart c =
        ChartFactory.createBarChart(
            title, null, axis, d, PlotOrientation.VERTICAL, true, false, false);
    c.setBackgroundPaint(Color.WHITE);
    CategoryPlot p = c.getCategoryPlot();
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (log) {
      LogAxis a = new LogAxis(axis);
      a.setSmallestValue(1e-4);
      a.setNumberFormatOverride(
          new java.text.DecimalFormat(
              "#,##0.####", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
      a.setAutoTickUnitSelection(false);
      a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade
      p.setRangeAxis(a);
    }
    CategoryAxis x = p.getDomainAxis();
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    BarRenderer r = (BarRenderer) p.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.02);
    return c;
  }
}
