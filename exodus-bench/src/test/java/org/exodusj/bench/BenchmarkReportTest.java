package org.exodusj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BenchmarkReport reads JMH's JSON (the shape JMH 1.37 writes with {@code -prof gc}) and derives
 * bytes per call and per byte read; the expected figures are worked out by hand below.
 */
class BenchmarkReportTest {
  @TempDir Path dir;

  static String result(String benchmark, String format, int n, double us, double bytes) {
    return """
        {"benchmark": "org.exodusj.bench.%s", "mode": "avgt",
         "params": {"format": "%s", "n": "%d"},
         "primaryMetric": {"score": %s, "scoreError": 0.5, "scoreUnit": "us/op"},
         "secondaryMetrics": {
           "gc.alloc.rate": {"score": 1.0, "scoreError": 0.0, "scoreUnit": "MB/sec"},
           "gc.alloc.rate.norm": {"score": %s, "scoreError": 0.0, "scoreUnit": "B/op"}}}
        """
        .formatted(benchmark, format, n, us, bytes);
  }

  @Test
  void readsJmhJsonAndDerivesCopies() throws Exception {
    Path json = dir.resolve("r.json");
    Files.writeString(
        json,
        "["
            + String.join(
                ",",
                result("ReadPathsBenchmark.coordinatesIntoBuffer", "cdf2", 9, 10.0, 600),
                result("ReadPathsBenchmark.allNodalAllocating", "cdf2", 9, 200.0, 121_200),
                result("ReadPathsBenchmark.allNodalIterator", "nc4", 9, 300.0, 3_000),
                result("NetcdfJavaBaseline.nodalStep", "cdf2", 199, 5000.0, 64_000_100),
                result("JhdfBaseline.allNodal", "nc4", 9, 99.0, 120_000),
                result("CacheEffectBenchmark.history", "nc4", 9, 1.0, 1))
            + "]");
    List<BenchmarkReport.Result> r = BenchmarkReport.load(json);
    assertEquals(5, r.size(), "the cache benchmark is not a read path");

    BenchmarkReport.Result coords = r.get(0);
    assertEquals("exodus-java", coords.library());
    assertEquals("coordinates", coords.path());
    assertEquals("IntoBuffer", coords.mode());
    assertEquals(1000, coords.nodes()); // 10^3
    assertEquals(3 * 1000 * 8, coords.payload());
    assertEquals(3, coords.calls());
    assertEquals(600, coords.bytesPerOp());

    BenchmarkReport.Result all = r.get(1);
    assertEquals(15, all.calls()); // 3 variables x 5 steps
    assertEquals(3 * 5 * 1000 * 8, all.payload()); // 120,000 bytes
    assertEquals(1.01, all.bytesPerOp() / all.payload(), 1e-12); // one copy and a little

    assertEquals(3, r.get(2).calls()); // one iterator per variable
    BenchmarkReport.Result nj = r.get(3);
    assertEquals("netcdf-java", nj.library());
    assertEquals("read", nj.mode());
    assertEquals(8_000_000L * 8, nj.payload());
    BenchmarkReport.Result jh = r.get(4);
    assertEquals("jHDF", jh.library());
    assertEquals("getData", jh.mode());
    assertEquals(3, jh.calls()); // one getData() per variable

    Path table = dir.resolve("t.md");
    BenchmarkReport.main(
        new String[] {json.toString(), dir.resolve("img").toString(), table.toString()});
    String md = Files.readString(table);
    assertTrue(
        md.contains(
            "| coordinates | exodus-java | IntoBuffer | cdf2 | 1,000 | 10.0 +- 0.50 | 600 | 200 | 0.025 |"),
        md);
    assertTrue(
        md.contains(
            "| allNodal | exodus-java | Allocating | cdf2 | 1,000 | 200 +- 0.50 | 121,200 | 8,080 | 1.010 |"),
        md);
    for (String png :
        List.of("bench-time-largest.png", "bench-allocation-largest.png", "bench-view-sizes.png")) {
      BufferedImage img = ImageIO.read(dir.resolve("img").resolve(png).toFile());
      assertTrue(img.getWidth() >= 1200, png);
    }
  }
}
