package org.exodusj.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.exodusj.ExodusFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exo plot FILE -o out.png}: {@link MeshPlot} on the command line. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = {
      "Draw the mesh to a PNG: exterior faces of 3-D elements and 2-D elements as filled polygons"
          + " with edges, optionally colored by a nodal or element variable, with a colorbar.",
      "Pure Java, works headless (no display needed)."
    })
final class PlotCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Exodus file")
  Path file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "PNG",
      description = "picture to write")
  Path output;

  @Option(
      names = "--view",
      defaultValue = "iso",
      completionCandidates = Views.class,
      description =
          "${COMPLETION-CANDIDATES}: from (1,1,1), +z, -y or +x (default: ${DEFAULT-VALUE})")
  String view;

  /** The views, for --help and shell completion. */
  static final class Views implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("iso", "xy", "xz", "yz").iterator();
    }
  }

  @Option(
      names = "--var",
      paramLabel = "[KIND:]NAME",
      description = "color by this nodal or element variable")
  String var;

  @Option(
      names = "--step",
      paramLabel = "N",
      description = "step of --var, 1-based (default: the last)")
  Long step;

  @Option(names = "--width", description = "pixels (default: ${DEFAULT-VALUE})")
  int width = 800;

  @Option(names = "--height", description = "pixels (default: ${DEFAULT-VALUE})")
  int height = 600;

  @Option(names = "--title", description = "title (default: the file, variable, step and time)")
  String title;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    MeshPlot.View v = MeshPlot.View.parse(view);
    BufferedImage img;
    MeshPlot plot;
    try (ExodusFile f = ExodusFile.open(file)) {
      Selectors.VariableRef ref = var == null ? null : Selectors.variable(f, var);
      long s = step == null ? f.timeStepCount() - 1 : step - 1;
      String t = title;
      if (t == null) {
        t = file.getFileName().toString();
        if (!f.title().isBlank()) t += ": " + f.title();
        if (ref != null && s >= 0 && s < f.timeStepCount()) {
          double[] time = new double[1];
          f.readTimes(s, 1, time, 0);
          t += "  |  " + ref.name() + " at step " + (s + 1) + " (time " + time[0] + ")";
        }
      }
      plot = new MeshPlot(f);
      img = plot.render(v, width, height, ref, s, t);
    }
    // written beside the target and moved in place: a failed run leaves no half picture
    Path abs = output.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), ".exo-plot-", ".png");
    try {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this Java runtime");
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String n : plot.notes()) out.println("note: " + n);
    out.println("wrote " + output + " (" + width + "x" + height + ")");
    out.flush();
    return 0;
  }
}
