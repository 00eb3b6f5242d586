package org.exodusj.internal.testutil;

import java.util.stream.Collectors;

/**
 * The QA and info records a join adds (after rank 0's, as SEACAS epu adds its own), in the C
 * library's dumps (exref, exref9): tests that compare a joined file with a serial file drop them;
 * tests that compare two joins made at different times mask the record's date and time.
 */
public final class JoinRecords {
  private JoinRecords() {}

  /** The code name of the join's QA record. */
  public static final String QA_CODE = "exodus-java";

  /** How the join's info line begins. */
  public static final String INFO_PREFIX = "exodus-java join: ";

  /** Whether a dump line is the join's own QA record. */
  public static boolean isJoinQa(String line) {
    return line.startsWith("qa\t" + QA_CODE + "\t");
  }

  /** Whether a dump line is the join's own info record. */
  public static boolean isJoinInfo(String line) {
    return line.startsWith("info\t" + INFO_PREFIX);
  }

  /** The dump without the join's own QA and info records (to compare with a serial file's). */
  public static String withoutJoinRecords(String dump) {
    return dump.lines()
        .filter(l -> !isJoinQa(l) && !isJoinInfo(l))
        .collect(Collectors.joining("\n", "", dump.endsWith("\n") ? "\n" : ""));
  }

  /**
   * The dump with the date and time of the join's own QA record replaced by {@code DATE} and {@code
   * TIME} (to compare two joins made at different times).
   */
  public static String joinTimeMasked(String dump) {
    return dump.lines()
        .map(
            l -> {
              if (!isJoinQa(l)) return l;
              String[] f = l.split("\t", -1);
              return f[0] + "\t" + f[1] + "\t" + f[2] + "\tDATE\tTIME";
            })
        .collect(Collectors.joining("\n", "", dump.endsWith("\n") ? "\n" : ""));
  }
}
