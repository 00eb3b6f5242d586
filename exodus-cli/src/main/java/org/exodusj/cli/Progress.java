package org.exodusj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr, shown only when stderr is a terminal (a person watches), so that
 * scripts and logs never see one.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar for {@code task} counting in {@code unit} of {@code unitSize}, or a silent one. */
  static Progress start(String task, String unit, long unitSize) {
    if (!stderrIsTerminal()) return new Progress(null);
    return new Progress(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUnit(unit, unitSize)
            .setInitialMax(1)
            .build());
  }

  void update(long done, long total) {
    if (bar != null) {
      bar.maxHint(total);
      bar.stepTo(done);
    }
  }

  boolean shown() {
    return bar != null;
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }

  /**
   * True when file descriptor 2 is a terminal. Java 17 cannot ask isatty(2); on Linux the
   * descriptor's link names the device ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere a console
   * attached to the JVM is the best sign.
   */
  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd2)) {
      try {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
