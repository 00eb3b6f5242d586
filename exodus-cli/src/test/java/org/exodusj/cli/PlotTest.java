package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo plot}: a PNG of the requested size, not blank, with a colorbar, whose colors stand
 * where the C library's reading of the file puts the values (not just a picture of the right size).
 */
class PlotTest {
  @TempDir Path dir;

  static BufferedImage plot(Path out, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "plot";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-o";
    all[args.length + 2] = out.toString();
    ExoCommandTest.Result r = ExoCommandTest.inProcess(all);
    assertEquals(0, r.code(), r.err());
    return ImageIO.read(out.toFile());
  }

  static boolean white(int rgb) {
    return (rgb & 0xFFFFFF) == 0xFFFFFF;
  }

  static int distance(int rgb, Color c) {
    Color p = new Color(rgb);
    return Math.max(
        Math.abs(p.getRed() - c.getRed()),
        Math.max(Math.abs(p.getGreen() - c.getGreen()), Math.abs(p.getBlue() - c.getBlue())));
  }

  /** The colormap position whose color is nearest to {@code rgb}, and how near it is. */
  static double[] invert(int rgb) {
    double best = -1;
    int bestD = Integer.MAX_VALUE;
    for (int i = 0; i <= 1000; i++) {
      int d = distance(rgb, MeshPlot.colormap(i / 1000.0));
      if (d < bestD) {
        bestD = d;
        best = i / 1000.0;
      }
    }
    return new double[] {best, bestD};
  }

  /** True when some column right of the drawing runs the colormap from 1 (top) to 0 (bottom). */
  static boolean hasColorbar(BufferedImage img) {
    for (int x = img.getWidth() * 3 / 4; x < img.getWidth(); x++) {
      int top = -1;
      int bottom = -1;
      int matching = 0;
      int colored = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        Color c = new Color(rgb);
        if (white(rgb) || (c.getRed() < 40 && c.getGreen() < 40 && c.getBlue() < 40)) continue;
        colored++;
        if (top < 0) top = y;
        bottom = y;
        if (invert(rgb)[1] <= 3) matching++;
      }
      if (colored > img.getHeight() / 2
          && matching > colored * 9 / 10
          && distance(img.getRGB(x, top), MeshPlot.colormap(1)) <= 8
          && distance(img.getRGB(x, bottom), MeshPlot.colormap(0)) <= 8) {
        return true;
      }
    }
    return false;
  }

  @Test
  void elementColorsStandWhereTheValuesAre() throws Exception {
    // noh.exo: a 2-D row of ten QUAD elements, DENSITY peaking in the middle
    Path ref = ConformanceTest.corpus().resolve("reference/exodusii__test__data__noh.exo.ref.gz");
    Path file = InfoJsonTest.fileOf(ref);
    RefDump d = RefDump.load(ref);
    long steps = d.count("num_time_steps");
    BufferedImage img =
        plot(
            dir.resolve("noh.png"),
            file.toString(),
            "--view",
            "xy",
            "--var",
            "DENSITY",
            "--width",
            "900",
            "--height",
            "500");
    assertEquals(900, img.getWidth());
    assertEquals(500, img.getHeight());
    assertTrue(hasColorbar(img), "colorbar");

    // the mesh's box on the picture: its rows are those non-white at a quarter of the width, its
    // columns the non-white run of the middle row from the left (the colorbar stands apart)
    int y0 = -1;
    int y1 = -1;
    for (int y = 60; y < img.getHeight(); y++) {
      if (!white(img.getRGB(img.getWidth() / 4, y))) {
        if (y0 < 0) y0 = y;
        y1 = y;
      }
    }
    int yMid = (y0 + y1) / 2;
    int x0 = 0;
    while (white(img.getRGB(x0, yMid))) x0++;
    int x1 = x0;
    while (!white(img.getRGB(x1 + 1, yMid))) x1++;
    assertTrue(
        y1 - y0 > 20 && x1 - x0 > 400, "mesh box " + x0 + ".." + x1 + " x " + y0 + ".." + y1);
    double[] xs = RefDump.reals(d.find("coord", "x"), 2);
    double minX = java.util.Arrays.stream(xs).min().orElseThrow();
    double maxX = java.util.Arrays.stream(xs).max().orElseThrow();
    // element values and centroids, from the C library's reading
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    List<double[]> elements = new java.util.ArrayList<>(); // centroid x, value
    for (String[] blk : d.all("elem_block")) {
      String[] conn = d.find("connect", "elem_block", blk[1]);
      double[] v = RefDump.reals(d.find("elem_var", "DENSITY", blk[1], Long.toString(steps)), 4);
      int npe = Integer.parseInt(blk[4]);
      for (int e = 0; e < v.length; e++) {
        double cx = 0;
        for (int k = 0; k < npe; k++) cx += xs[Integer.parseInt(conn[3 + e * npe + k]) - 1];
        elements.add(new double[] {cx / npe, v[e]});
        lo = Math.min(lo, v[e]);
        hi = Math.max(hi, v[e]);
      }
    }
    assertTrue(hi > lo);
    for (double[] e : elements) {
      int px = (int) Math.round(x0 + (e[0] - minX) / (maxX - minX) * (x1 - x0));
      double[] got = invert(img.getRGB(px, yMid));
      assertTrue(got[1] <= 3, "an exact colormap color at x=" + px);
      assertEquals((e[1] - lo) / (hi - lo), got[0], 0.01, "element at x=" + e[0]);
    }
  }

  @Test
  void nodalColorsFollowTheValuesOnAMeshTheCLibraryWrote() throws Exception {
    // exgen: field_1 grows with the node number (x fastest, then y, then z); seen from +z the top
    // layer's colors rise from the bottom of the picture (low y) to the top (high y)
    Path f = CExref.exgen(dir.resolve("g.e"), 8, 8, 4, 3, 1, "cdf2");
    BufferedImage img =
        plot(dir.resolve("g.png"), f.toString(), "--view", "xy", "--var", "field_1", "--step", "2");
    assertEquals(800, img.getWidth());
    assertEquals(600, img.getHeight());
    assertTrue(hasColorbar(img));
    int x = 300;
    double previous = -1;
    int samples = 0;
    for (int y = img.getHeight() - 20; y > 60; y -= 4) {
      int rgb = img.getRGB(x, y);
      double[] v = invert(rgb);
      if (white(rgb) || v[1] > 3) continue; // background, an edge
      assertTrue(v[0] >= previous - 0.02, "colors rise upward at y=" + y);
      previous = v[0];
      samples++;
    }
    assertTrue(samples > 50, "the mesh covers the picture: " + samples);
    assertTrue(previous > 0.9, "the top rows are the highest values: " + previous);
  }

  @Test
  void everyViewAndPolyhedraDrawSomethingAndErrorsAreClear() throws Exception {
    Path sample = dir.resolve("s.e");
    assertEquals(0, ExoCommandTest.inProcess("sample", sample.toString()).code());
    for (String view : List.of("iso", "xy", "xz", "yz")) {
      BufferedImage img = plot(dir.resolve(view + ".png"), sample.toString(), "--view", view);
      assertTrue(nonWhite(img) > 0.03, view + " view is not blank");
    }
    // NFACED polyhedra, drawn through their faces
    Path poly =
        InfoJsonTest.fileOf(
            ConformanceTest.corpus()
                .resolve("reference/portage__test_data__cube-poly1.exo.ref.gz"));
    assertTrue(nonWhite(plot(dir.resolve("poly.png"), poly.toString())) > 0.2);
    // as a separate process, headless
    Path out = dir.resolve("p.png");
    ExoCommandTest.Result r =
        ExoCommandTest.process("plot", sample.toString(), "-o", out.toString(), "--var", "stress");
    assertEquals(0, r.code(), r.err());
    assertTrue(hasColorbar(ImageIO.read(out.toFile())));
    // errors: exit 2, one line, no picture left behind
    for (String[] bad :
        List.of(
            new String[] {"--view", "top"},
            new String[] {"--var", "energy"},
            new String[] {"--var", "field_1", "--step", "99"},
            new String[] {"--width", "10"})) {
      Path o = dir.resolve("bad.png");
      String[] args = new String[bad.length + 4];
      args[0] = "plot";
      args[1] = sample.toString();
      args[2] = "-o";
      args[3] = o.toString();
      System.arraycopy(bad, 0, args, 4, bad.length);
      r = ExoCommandTest.inProcess(args);
      assertEquals(2, r.code(), String.join(" ", bad));
      assertTrue(r.err().startsWith("exo: "), r.err());
      assertTrue(!Files.exists(o), "no picture for " + String.join(" ", bad));
    }
  }

  static double nonWhite(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) if (!white(img.getRGB(x, y))) n++;
    }
    return n / (double) (img.getWidth() * img.getHeight());
  }
}
