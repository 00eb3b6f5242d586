package org.exodusj.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.exodusj.Block;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.Topology;
import org.exodusj.TruthTable;

/**
 * A picture of a mesh with Java2D (headless): the exterior faces of 3-D elements and the 2-D
 * elements as filled polygons with their edges, seen from a chosen view, optionally colored by a
 * nodal or element variable at one step, with a colorbar and a title. Faces are drawn far to near
 * (painter's algorithm) and shaded by how squarely they face the viewer.
 *
 * <p>Memory: the node coordinates (and a nodal variable's values) are held, 8 bytes per value; an
 * element's faces are matched with their neighbours' in a map that holds only the faces not yet
 * matched (a face seen twice is interior and leaves it), so it stays small for well-ordered meshes
 * and ends with the exterior faces only.
 */
final class MeshPlot {
  /** Where the viewer stands. */
  enum View {
    ISO,
    XY,
    XZ,
    YZ;

    static View parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("view '" + s + "': iso, xy, xz or yz");
      }
    }
  }

  /** Corner-node faces (0-based, outward by the right-hand rule) of each solid family. */
  private static final int[][] TET_FACES = {{0, 1, 3}, {1, 2, 3}, {0, 3, 2}, {0, 2, 1}};

  private static final int[][] HEX_FACES = {
    {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {0, 4, 7, 3}, {0, 3, 2, 1}, {4, 5, 6, 7}
  };
  private static final int[][] WEDGE_FACES = {
    {0, 1, 4, 3}, {1, 2, 5, 4}, {0, 3, 5, 2}, {0, 2, 1}, {3, 4, 5}
  };
  private static final int[][] PYRAMID_FACES = {
    {0, 1, 4}, {1, 2, 4}, {2, 3, 4}, {3, 0, 4}, {0, 3, 2, 1}
  };

  /** Faces of blocks that do not store the coloring variable. */
  private static final Color NO_VALUE = new Color(110, 110, 110);

  /** A polygon to draw: corner nodes (0-based), the value that colors it (NaN: none). */
  private record Face(long[] nodes, double value) {}

  /** A face's identity regardless of orientation and starting corner: its sorted corners. */
  private record FaceKey(long a, long b, long c, long d) {
    static FaceKey of(long[] n) {
      long[] s = n.clone();
      Arrays.sort(s);
      return new FaceKey(s[0], s[1], s[2], s.length > 3 ? s[3] : -1);
    }
  }

  private final ExodusFile f;
  private final List<Face> faces = new ArrayList<>();
  private final List<long[]> lines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private double[][] xyz;
  private double[] nodal; // the nodal variable's values, or null
  private List<long[]> faceLists; // face-block polygons, read for NFACED blocks

  MeshPlot(ExodusFile f) {
    this.f = f;
  }

  List<String> notes() {
    return notes;
  }

  /**
   * Renders the picture. {@code var} may be null (the mesh alone); {@code step} is 0-based.
   *
   * @return the image, {@code width} x {@code height}
   */
  BufferedImage render(
      View view, int width, int height, Selectors.VariableRef var, long step, String title)
      throws IOException {
    if (width < 100 || height < 100 || (long) width * height > 100_000_000L) {
      throw new IllegalArgumentException(
          "picture size " + width + "x" + height + ": from 100x100 to 100 megapixels");
    }
    if (var != null && var.kind() != EntityType.NODAL && var.kind() != EntityType.ELEM_BLOCK) {
      throw new IllegalArgumentException(
          "plot colors by a nodal or element variable; '"
              + var.name()
              + "' is a "
              + InfoSummary.kind(var.kind())
              + " variable");
    }
    if (var != null && (step < 0 || step >= f.timeStepCount())) {
      throw new IllegalArgumentException(
          f.path() + ": step " + (step + 1) + " is outside 1.." + f.timeStepCount());
    }
    readCoordinates();
    if (var != null && var.kind() == EntityType.NODAL) {
      nodal = new double[Math.toIntExact(f.nodeCount())];
      f.readNodalVariable(var.index(), step, 0, nodal.length, nodal, 0);
    }
    collectFaces(var, step);
    if (faces.isEmpty() && lines.isEmpty()) {
      throw new IllegalArgumentException(f.path() + ": no elements to draw");
    }
    return draw(view, width, height, var, title);
  }

  private void readCoordinates() throws IOException {
    long n = f.nodeCount();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(f.path() + ": " + n + " nodes are too many to plot");
    }
    xyz = new double[3][(int) n];
    for (int d = 0; d < Math.min(3, f.dimensionCount()); d++) {
      if (f.hasCoordinates(d)) f.readCoordinates(d, 0, n, xyz[d], 0);
    }
  }

  private void collectFaces(Selectors.VariableRef var, long step) throws IOException {
    Map<FaceKey, Face> open = new HashMap<>();
    boolean elemVar = var != null && var.kind() == EntityType.ELEM_BLOCK;
    TruthTable table = elemVar ? f.truthTable(EntityType.ELEM_BLOCK) : null;
    Map<Long, Face> polyhedronFaces = new HashMap<>();
    for (Block b : f.blocks(EntityType.ELEM_BLOCK)) {
      if (b.entryCount() == 0 || !f.hasConnectivity(b)) continue;
      Topology t = b.topology();
      int[][] solid = solidFaces(t);
      boolean surface = isSurface(t);
      boolean line = t == Topology.BAR2 || t == Topology.BAR3;
      if (t == Topology.NFACED) {
        polyhedra(b, values(b, var, step, table), polyhedronFaces);
        continue;
      }
      if (solid == null && !surface && !line && t != Topology.NSIDED) {
        notes.add(
            InfoSummary.kind(b.type()) + " " + b.id() + " (" + b.storedType() + ") not drawn");
        continue;
      }
      double[] values = null;
      if (elemVar) {
        int o = table.objectIds().indexOf(b.id());
        if (table.has(o, var.index())) {
          values = new double[Math.toIntExact(b.entryCount())];
          f.readVariable(
              EntityType.ELEM_BLOCK, var.index(), b.id(), step, 0, values.length, values, 0);
        }
      }
      if (t == Topology.NSIDED) {
        polygons(b, values);
        continue;
      }
      int npe = (int) b.nodesPerEntry();
      int per = Math.max(1, (1 << 16) / npe);
      long[] conn = new long[per * npe];
      for (long s = 0; s < b.entryCount(); s += per) {
        int n = (int) Math.min(per, b.entryCount() - s);
        f.readConnectivity(b, s, n, conn, 0);
        for (int e = 0; e < n; e++) {
          double v = values == null ? Double.NaN : values[(int) (s + e)];
          int base = e * npe;
          if (line) {
            lines.add(new long[] {conn[base] - 1, conn[base + 1] - 1});
          } else if (surface) {
            int corners = cornerCount(t);
            long[] poly = new long[corners];
            for (int k = 0; k < corners; k++) poly[k] = conn[base + k] - 1;
            faces.add(new Face(poly, v));
          } else {
            for (int[] face : solid) {
              long[] poly = new long[face.length];
              for (int k = 0; k < face.length; k++) poly[k] = conn[base + face[k]] - 1;
              FaceKey key = FaceKey.of(poly);
              // a face met twice is shared by two elements: interior, not drawn
              if (open.remove(key) == null) open.put(key, new Face(poly, v));
            }
          }
        }
      }
    }
    faces.addAll(open.values());
    faces.addAll(polyhedronFaces.values());
    for (long[] shape : shapes()) {
      for (long n : shape) {
        if (n < 0 || n >= xyz[0].length) {
          throw new IllegalArgumentException(
              f.path() + ": connectivity names node " + (n + 1) + " of " + xyz[0].length);
        }
      }
    }
  }

  /** The node lists of everything drawn: faces and lines. */
  private List<long[]> shapes() {
    List<long[]> all = new ArrayList<>(faces.size() + lines.size());
    for (Face fc : faces) all.add(fc.nodes());
    all.addAll(lines);
    return all;
  }

  /** The element variable's values on a block at a step, or null (no variable, or not stored). */
  private double[] values(Block b, Selectors.VariableRef var, long step, TruthTable table)
      throws IOException {
    if (table == null) return null;
    int o = table.objectIds().indexOf(b.id());
    if (!table.has(o, var.index())) return null;
    double[] v = new double[Math.toIntExact(b.entryCount())];
    f.readVariable(EntityType.ELEM_BLOCK, var.index(), b.id(), step, 0, v.length, v, 0);
    return v;
  }

  /**
   * NFACED elements: their faces are entries of the face blocks (numbered across all face blocks in
   * file order); a face referenced by one element only is exterior. {@code open} holds the faces
   * referenced an odd number of times, by global face index.
   */
  private void polyhedra(Block b, double[] values, Map<Long, Face> open) throws IOException {
    if (faceLists == null) faceLists = faceBlockPolygons();
    long[] counts = new long[Math.toIntExact(b.entryCount())];
    f.readEntityCounts(b, 0, counts.length, counts, 0);
    long[] list = new long[Math.toIntExact(b.connectivityLength())];
    f.readConnectivity(b, 0, list.length, list, 0);
    int k = 0;
    for (int e = 0; e < counts.length; e++) {
      for (long j = 0; j < counts[e]; j++, k++) {
        long face = list[k] - 1;
        if (face < 0 || face >= faceLists.size()) {
          throw new IllegalArgumentException(
              f.path()
                  + ": NFACED block "
                  + b.id()
                  + " names face "
                  + (face + 1)
                  + " of "
                  + faceLists.size());
        }
        if (open.remove(face) == null) {
          open.put(
              face, new Face(faceLists.get((int) face), values == null ? Double.NaN : values[e]));
        }
      }
    }
  }

  /** The node lists (0-based) of every entry of every face block, in global face order. */
  private List<long[]> faceBlockPolygons() throws IOException {
    List<long[]> out = new ArrayList<>();
    for (Block fb : f.blocks(EntityType.FACE_BLOCK)) {
      long[] conn = new long[Math.toIntExact(fb.connectivityLength())];
      if (conn.length > 0)
        f.readConnectivity(fb, 0, fb.isPolytope() ? conn.length : fb.entryCount(), conn, 0);
      long[] counts = new long[Math.toIntExact(fb.entryCount())];
      if (fb.topology() == Topology.NSIDED) {
        f.readEntityCounts(fb, 0, counts.length, counts, 0);
      } else {
        Arrays.fill(counts, fb.nodesPerEntry());
      }
      int k = 0;
      for (long c : counts) {
        long[] poly = new long[(int) c];
        for (int j = 0; j < c; j++) poly[j] = conn[k + j] - 1;
        k += (int) c;
        out.add(poly);
      }
    }
    return out;
  }

  private void polygons(Block b, double[] values) throws IOException {
    long[] counts = new long[Math.toIntExact(b.entryCount())];
    f.readEntityCounts(b, 0, counts.length, counts, 0);
    long[] list = new long[Math.toIntExact(b.connectivityLength())]; // one read, not one per entry
    f.readConnectivity(b, 0, list.length, list, 0);
    int k = 0;
    for (int e = 0; e < counts.length; e++) {
      long[] poly = new long[(int) counts[e]];
      for (int j = 0; j < poly.length; j++) poly[j] = list[k++] - 1;
      if (poly.length >= 3) faces.add(new Face(poly, values == null ? Double.NaN : values[e]));
    }
  }

  private static int[][] solidFaces(Topology t) {
    String n = t.name();
    if (n.startsWith("TET")) return TET_FACES;
    if (n.startsWith("HEX")) return HEX_FACES;
    if (n.startsWith("WEDGE")) return WEDGE_FACES;
    if (n.startsWith("PYRAMID")) return PYRAMID_FACES;
    return null;
  }

  private static boolean isSurface(Topology t) {
    String n = t.name();
    return n.startsWith("TRI") || n.startsWith("QUAD") || n.startsWith("SHELL");
  }

  private static int cornerCount(Topology t) {
    String n = t.name();
    return n.startsWith("TRI") ? 3 : 4;
  }

  // ---- drawing -------------------------------------------------------------------------------

  /** Screen coordinates (right, up, toward the viewer) of every node for a view. */
  private double[][] project(View view) {
    int n = xyz[0].length;
    double[][] p = new double[3][n];
    double[] x = xyz[0];
    double[] y = xyz[1];
    double[] z = xyz[2];
    for (int i = 0; i < n; i++) {
      switch (view) {
        case XY -> {
          p[0][i] = x[i];
          p[1][i] = y[i];
          p[2][i] = z[i];
        }
        case XZ -> { // from -y: right = x, up = z, toward the viewer = -y
          p[0][i] = x[i];
          p[1][i] = z[i];
          p[2][i] = -y[i];
        }
        case YZ -> { // from +x: right = y, up = z
          p[0][i] = y[i];
          p[1][i] = z[i];
          p[2][i] = x[i];
        }
        case ISO -> { // from (1, 1, 1)/sqrt(3), z up
          p[0][i] = (x[i] - y[i]) / Math.sqrt(2);
          p[1][i] = (-x[i] - y[i] + 2 * z[i]) / Math.sqrt(6);
          p[2][i] = (x[i] + y[i] + z[i]) / Math.sqrt(3);
        }
      }
    }
    return p;
  }

  private BufferedImage draw(
      View view, int width, int height, Selectors.VariableRef var, String title) {
    double[][] p = project(view);
    boolean colored = var != null;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] faceValue = new double[faces.size()];
    for (int i = 0; i < faces.size(); i++) {
      Face fc = faces.get(i);
      double v = fc.value();
      if (nodal != null) {
        v = 0;
        for (long n : fc.nodes()) v += nodal[(int) n];
        v /= fc.nodes().length;
      }
      faceValue[i] = v;
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (colored && !(lo <= hi)) {
      notes.add("variable '" + var.name() + "' has no finite value on the drawn faces");
      colored = false;
    }

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, height / 50));
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();

    int top = fm.getHeight() * 2 + 8;
    int right = colored ? Math.max(90, width / 7) : 16;
    int left = 16;
    int bottom = 16;

    // bounds of the drawn nodes on screen
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (long[] shape : shapes()) {
      for (long n : shape) {
        minX = Math.min(minX, p[0][(int) n]);
        maxX = Math.max(maxX, p[0][(int) n]);
        minY = Math.min(minY, p[1][(int) n]);
        maxY = Math.max(maxY, p[1][(int) n]);
      }
    }
    double spanX = Math.max(maxX - minX, 1e-300);
    double spanY = Math.max(maxY - minY, 1e-300);
    double availW = width - left - right;
    double availH = height - top - bottom;
    double scale = Math.min(availW / spanX, availH / spanY);
    if (maxX - minX == 0 && maxY - minY == 0) scale = 1;
    double ox = left + (availW - spanX * scale) / 2;
    double oy = top + (availH - spanY * scale) / 2;

    // far to near
    Integer[] order = new Integer[faces.size()];
    double[] depth = new double[faces.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      double d = 0;
      for (long n : faces.get(i).nodes()) d += p[2][(int) n];
      depth[i] = d / faces.get(i).nodes().length;
    }
    Arrays.sort(order, (a, b) -> Double.compare(depth[a], depth[b]));

    // edges only where faces are big enough on screen to show them without blackening
    double meanEdge = meanEdgePixels(p, scale);
    boolean edges = meanEdge >= 4;
    g.setStroke(new BasicStroke(meanEdge >= 12 ? 1.0f : 0.6f));
    Color base = new Color(0xB0C4DE);
    Color edgeColor = new Color(0x30, 0x30, 0x30);
    for (int i : order) {
      Face fc = faces.get(i);
      long[] nodes = fc.nodes();
      Polygon poly = new Polygon();
      for (long n : nodes) {
        poly.addPoint(
            (int) Math.round(ox + (p[0][(int) n] - minX) * scale),
            (int) Math.round(oy + (maxY - p[1][(int) n]) * scale));
      }
      double shade = 0.55 + 0.45 * facing(p, nodes);
      Color c;
      if (colored && Double.isFinite(faceValue[i])) {
        c = colormap(hi > lo ? (faceValue[i] - lo) / (hi - lo) : 0.5);
      } else {
        c = colored ? NO_VALUE : base;
      }
      g.setColor(shaded(c, shade));
      g.fillPolygon(poly);
      if (edges) {
        g.setColor(edgeColor);
        g.drawPolygon(poly);
      }
    }
    g.setColor(edgeColor);
    for (long[] l : lines) {
      g.drawLine(
          (int) Math.round(ox + (p[0][(int) l[0]] - minX) * scale),
          (int) Math.round(oy + (maxY - p[1][(int) l[0]]) * scale),
          (int) Math.round(ox + (p[0][(int) l[1]] - minX) * scale),
          (int) Math.round(oy + (maxY - p[1][(int) l[1]]) * scale));
    }

    // title
    g.setColor(Color.BLACK);
    String head = fit(title, fm, width - 8);
    g.drawString(head, Math.max(4, (width - fm.stringWidth(head)) / 2), fm.getAscent() + 4);
    String sub = view.name().toLowerCase(Locale.ROOT) + " view";
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        sub, Math.max(4, (width - fm.stringWidth(sub)) / 2), fm.getHeight() + fm.getAscent() + 4);

    if (colored) colorbar(g, fm, width, top, height - bottom, lo, hi);
    g.dispose();
    return img;
  }

  /** The text, its middle replaced by "..." until it fits in {@code pixels}. */
  private static String fit(String text, FontMetrics fm, int pixels) {
    if (fm.stringWidth(text) <= pixels) return text;
    int keep = text.length();
    String s;
    do {
      keep--;
      s = text.substring(0, (keep + 1) / 2) + "..." + text.substring(text.length() - keep / 2);
    } while (keep > 0 && fm.stringWidth(s) > pixels);
    return s;
  }

  /** |cos| of the angle between a face's normal and the line of sight (1: facing the viewer). */
  private static double facing(double[][] p, long[] nodes) {
    // Newell's normal of the polygon in screen space
    double nx = 0;
    double ny = 0;
    double nz = 0;
    for (int k = 0; k < nodes.length; k++) {
      int a = (int) nodes[k];
      int b = (int) nodes[(k + 1) % nodes.length];
      nx += (p[1][a] - p[1][b]) * (p[2][a] + p[2][b]);
      ny += (p[2][a] - p[2][b]) * (p[0][a] + p[0][b]);
      nz += (p[0][a] - p[0][b]) * (p[1][a] + p[1][b]);
    }
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    return len == 0 ? 1 : Math.abs(nz) / len;
  }

  private double meanEdgePixels(double[][] p, double scale) {
    double sum = 0;
    long count = 0;
    int stride = Math.max(1, faces.size() / 2000);
    for (int i = 0; i < faces.size(); i += stride) {
      long[] n = faces.get(i).nodes();
      int a = (int) n[0];
      int b = (int) n[1];
      sum += Math.hypot(p[0][a] - p[0][b], p[1][a] - p[1][b]) * scale;
      count++;
    }
    return count == 0 ? 0 : sum / count;
  }

  private static Color shaded(Color c, double s) {
    return new Color(
        (int) Math.round(c.getRed() * s),
        (int) Math.round(c.getGreen() * s),
        (int) Math.round(c.getBlue() * s));
  }

  private void colorbar(
      Graphics2D g, FontMetrics fm, int width, int top, int bottom, double lo, double hi) {
    int barW = 18;
    int x = width - Math.max(90, width / 7) + 10;
    int y0 = top + 10;
    int y1 = bottom - 10;
    g.setStroke(new BasicStroke(1f));
    for (int y = y0; y <= y1; y++) {
      g.setColor(colormap((double) (y1 - y) / (y1 - y0)));
      g.fillRect(x, y, barW, 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x, y0, barW, y1 - y0);
    for (int k = 0; k <= 4; k++) {
      double v = lo + (hi - lo) * k / 4;
      int y = y1 - (y1 - y0) * k / 4;
      g.drawLine(x + barW, y, x + barW + 4, y);
      g.drawString(tick(v, (hi - lo) / 4), x + barW + 6, y + fm.getAscent() / 2 - 1);
    }
  }

  /** A tick label with enough digits that neighbouring ticks ({@code spacing} apart) differ. */
  static String tick(double v, double spacing) {
    if (!Double.isFinite(v)) return Double.toString(v);
    if (v == 0) return "0";
    double mag = Math.max(Math.abs(v), Math.abs(spacing));
    int digits = 3;
    if (spacing > 0) digits = (int) Math.ceil(Math.log10(mag / spacing)) + 2;
    digits = Math.max(2, Math.min(17, digits));
    java.math.BigDecimal d =
        new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros();
    double a = Math.abs(v);
    return a >= 1e-4 && a < 1e7 ? d.toPlainString() : d.toString();
  }

  /**
   * Moreland's cool-warm diverging colormap (ParaView's default; values of matplotlib's {@code
   * coolwarm} every 1/8), interpolated linearly: blue (0) through light gray (0.5) to red (1).
   */
  private static final int[][] COOL_WARM = {
    {59, 76, 192},
    {97, 130, 234},
    {141, 176, 254},
    {184, 208, 249},
    {221, 221, 221},
    {245, 196, 173},
    {244, 154, 123},
    {222, 96, 77},
    {180, 4, 38}
  };

  static Color colormap(double t) {
    t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0.5 : t));
    double x = t * (COOL_WARM.length - 1);
    int i = Math.min(COOL_WARM.length - 2, (int) x);
    double w = x - i;
    int[] a = COOL_WARM[i];
    int[] b = COOL_WARM[i + 1];
    return new Color(
        channel((a[0] + (b[0] - a[0]) * w) / 255),
        channel((a[1] + (b[1] - a[1]) * w) / 255),
        channel((a[2] + (b[2] - a[2]) * w) / 255));
  }

  private static int channel(double v) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }
}
