package org.exodusj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.exodusj.ExodusUpdater;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code exo compact FILE}: {@link ExodusUpdater#compact} on the command line. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {
      "Compact a file in place, crash-safely: copy every variable (NetCDF-4 chunks as stored,"
          + " filters and chunk shapes kept) into a temporary file beside it, sync it and rename"
          + " it over the file, so the space that updates left behind is gone. The path holds the"
          + " old or the compacted file at every moment. Waits (up to 60 s) while updaters or a"
          + " writer have the file open.",
      "Prints the size before and after; where the compacted copy would not be smaller, keeps"
          + " the file as it was and says so."
    })
final class CompactCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Exodus file to compact")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExodusUpdater.Compaction c = ExodusUpdater.compact(file);
    PrintWriter out = spec.commandLine().getOut();
    if (!c.replaced()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%s: already compact: %s, compacted copy would be %d bytes; left as it was (%d"
                  + " bytes)",
              file,
              c.deadBytes() >= 0 ? c.deadBytes() + " bytes dead" : "dead space not mapped",
              c.copyBytes(),
              c.bytesBefore()));
      return 0;
    }
    long saved = c.bytesBefore() - c.bytesAfter();
    out.println(
        String.format(
            Locale.ROOT,
            "%s: %d bytes -> %d bytes (%s%.1f %%)",
            file,
            c.bytesBefore(),
            c.bytesAfter(),
            saved >= 0 ? "-" : "+",
            c.bytesBefore() == 0 ? 0.0 : 100.0 * Math.abs(saved) / c.bytesBefore()));
    return 0;
  }
}
