package org.exodusj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.QaRecord;

/**
 * The training run of {@code bin/exo}'s class-data archive: the launcher runs this class once with
 * {@code -XX:ArchiveClassesAtExit} (docs/cli.md, "Start-up"), so the classes the everyday commands
 * load ({@code info}, {@code info --json}, {@code dump} and its selections, {@code --help}) are
 * archived parsed and verified, and later runs map them instead of loading them from the jar.
 *
 * <p>Runs the commands in-process on a small sample file it writes to a temporary directory and
 * removes (with QA and info records, and enough steps that a dump maps the file, as a real output's
 * dump does); prints nothing; exits 0 only if every command succeeded (the launcher keeps the
 * archive only then).
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("exo-cds");
    int failures = 0;
    try {
      Path f = dir.resolve("training.e");
      // Like a real output: QA and info records, and enough steps that a dump reads more than
      // the positional reads a file source makes before it maps the file (so the mapping
      // classes are archived too).
      org.exodusj.SampleFiles.writeHexMesh(
          f,
          2,
          2,
          2,
          40,
          2,
          org.exodusj.ExodusFormat.CDF2,
          d ->
              d.qaRecords(List.of(new QaRecord("exo", "training", "12/07/26", "19:00:00")))
                  .infoRecords(List.of("the class-data archive's training run")));
      String file = f.toString();
      String[][] runs = {
        {"info", file},
        {"info", "--json", file},
        {"dump", file},
        {"dump", "--coords", "--csv", file},
        {"dump", "--block", "10", file},
        {"dump", "--var", "nodal:#1", "--entities", "1..2", file},
        {"--help"},
        {"info", "--help"},
        {"--version"}
      };
      for (String[] run : runs) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        if (Exo.run(run, none, none) != 0) {
          failures++;
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
