package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The summary's hand-written formatter ({@link InfoText#format}) prints exactly what {@link
 * String#format} with {@link Locale#ROOT} prints (the oracle), for every specifier the summary uses
 * and the arguments it can meet, and hands everything else to {@link String#format}.
 */
class InfoTextFormatTest {
  private static void same(String fmt, Object... args) {
    assertEquals(String.format(Locale.ROOT, fmt, args), InfoText.format(fmt, args), fmt);
  }

  @Test
  void everySpecifierOfTheSummaryPrintsAsStringFormat() {
    Object[] numbers = {
      0, 7, -7, 12345678, 123456789012L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE
    };
    Object[] texts = {
      "", "HEX8", "(HEX)", "a name longer than ten", null, ExodusFormat.CDF2, EntityType.NODE_SET
    };
    List<String> formats =
        List.of(
            "%d", "%-8d", "%10d", "%-10s", "%s", "%ss: %d%n", "  id %-8d %10d entries%s%n", "%%%d");
    for (String f : formats) {
      for (Object n : numbers) {
        for (Object t : texts) {
          // one argument per specifier: n for %d, t for %s
          List<Object> args = new ArrayList<>();
          for (int i = 0; i < f.length(); i++) {
            if (f.charAt(i) == '%') {
              int j = i + 1;
              while ("-0123456789".indexOf(f.charAt(j)) >= 0) j++;
              char c = f.charAt(j);
              if (c == 'd') args.add(n);
              if (c == 's') args.add(t);
              i = j;
            }
          }
          same(f, args.toArray());
        }
      }
    }
    // the summary's own lines
    same(
        "  id %-8d %-10s %-10s %10d entries x %d nodes%s%s%n",
        10L, "HEX8", "(HEX)", 8L, 8L, ", 2 attributes", "  'block'");
    same(
        "format    %s, Exodus version %s (API %s), %d-byte reals, %s integers%n",
        ExodusFormat.NETCDF4, "8.03", "?", 8, "64-bit");
    same("steps     0%n");
    same("100%% and nothing else");
  }

  @Test
  void otherSpecifiersGoToStringFormat() {
    same("%05d", 42);
    same("%.3f", 2.5);
    same("%x", 255);
    same("%d", (short) -3); // a Short: Formatter's own conversion
    same("%S", "upper");
    same("%10.3s", "abcdef");
    // the same mistakes fail the same way
    assertThrows(IllegalFormatException.class, () -> InfoText.format("%d", "text"));
    assertThrows(IllegalFormatException.class, () -> InfoText.format("%s and %s", "one"));
    assertThrows(IllegalFormatException.class, () -> InfoText.format("%-s", "x"));
    assertThrows(IllegalFormatException.class, () -> InfoText.format("%d", 1.5));
    assertThrows(IllegalFormatException.class, () -> InfoText.format("ends in %"));
  }
}
