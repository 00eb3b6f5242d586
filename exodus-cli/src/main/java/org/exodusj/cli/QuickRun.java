package org.exodusj.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The everyday commands without picocli: {@code info [--json] [--group PATH] FILE} and {@code dump
 * [--group PATH] FILE}, with {@code --debug}. Building picocli's model of a command (its classes,
 * compiled for Java 5, cannot go into a class-data archive, and it reads the annotations by
 * reflection) costs several times the rest of such a run (docs/benchmarks.md, "Start-up of exo").
 *
 * <p>Only these exact forms run here; anything else (help, another option, {@code --opt=value}, an
 * {@code @file}, a second file, a name starting with "-") returns null and goes to picocli, which
 * then says what picocli says. What runs here prints and exits as the picocli commands do ({@code
 * ExoQuickRunTest} runs both on the same arguments).
 */
final class QuickRun {
  private QuickRun() {}

  /** Runs {@code args} if they are one of the quick forms and returns the exit code; else null. */
  static Integer run(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length < 2) {
      return null;
    }
    String command = args[0];
    boolean info = command.equals("info");
    if (!info && !command.equals("dump")) {
      return null;
    }
    boolean debug = false;
    boolean json = false;
    String group = null;
    String file = null;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--debug") && !debug) {
        debug = true;
      } else if (a.equals("--json") && info && !json) {
        json = true;
      } else if (a.equals("--group") && group == null && i + 1 < args.length) {
        group = args[++i];
        if (group.isEmpty() || group.startsWith("-") || group.startsWith("@")) {
          return null;
        }
      } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || file != null) {
        return null;
      } else {
        file = a;
      }
    }
    if (file == null) {
      return null;
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      return null;
    }
    try {
      if (info) {
        Exo.info(path, group, json, out);
      } else {
        Exo.dumpAll(path, group, out, err);
      }
      return 0;
    } catch (Exception e) {
      out.flush();
      return Exo.failed(e, debug, err);
    }
  }
}
