package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsoleWriter} writes the bytes the JDK's {@link OutputStreamWriter} (its charset encoder:
 * the oracle) writes for the same calls, in UTF-8, ISO-8859-1 and US-ASCII: ASCII, Latin-1, CJK and
 * emoji text, surrogate pairs split across writes, a lone surrogate, single characters, appends of
 * builders and texts longer than its buffer.
 */
class ConsoleWriterTest {
  /** One call on a writer. */
  private interface Call {
    void on(Writer w) throws IOException;
  }

  private static byte[] bytes(Charset cs, boolean console, List<Call> calls) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Writer w = console ? new ConsoleWriter(b, cs) : new OutputStreamWriter(b, cs);
    try (PrintWriter p = new PrintWriter(w, true)) {
      for (Call c : calls) {
        c.on(p);
      }
    }
    return b.toByteArray();
  }

  private static void sameBytes(List<Call> calls) throws IOException {
    for (Charset cs :
        List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)) {
      assertArrayEquals(bytes(cs, false, calls), bytes(cs, true, calls), cs.name());
    }
  }

  @Test
  void writesWhatTheCharsetEncoderWrites() throws IOException {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    List<Call> calls = new ArrayList<>();
    calls.add(w -> w.write("coord\t0.25\t1.0E-7\n"));
    calls.add(w -> w.write('\t'));
    calls.add(w -> w.write('\u00e9')); // e acute: two bytes in UTF-8
    calls.add(w -> w.append(new StringBuilder("\tdéjà vu\t東京\t").append(12345L)));
    calls.add(w -> w.write("title " + emoji + " end\n"));
    calls.add(w -> w.write("part of a pair: \uD83D")); // the high half ends this write
    calls.add(w -> w.write("\uDE00 the low half starts this one\n"));
    calls.add(w -> w.write(new char[] {'x', '\uD83D'}, 0, 2)); // split inside char arrays too
    calls.add(w -> w.write(new char[] {'\uDE01', 'y', '\n'}, 0, 3));
    calls.add(w -> w.write("a lone low surrogate \uDC00 and a high one \uD800 mid-text\n"));
    calls.add(w -> w.write("substring of this", 3, 6));
    StringBuilder big = new StringBuilder();
    Random r = new Random(7);
    while (big.length() < 70_000) {
      big.append('\t').append(r.nextDouble() * 1e6);
    }
    calls.add(w -> w.append(big)); // longer than the buffer
    calls.add(w -> w.write("\n"));
    for (int i = 0; i < 20_000; i++) {
      calls.add(w -> w.write('7')); // fills and drains the buffer one byte at a time
    }
    sameBytes(calls);
  }

  @Test
  void aHighSurrogateLeftAtTheEndIsWrittenAsTheEncoderWritesIt() throws IOException {
    sameBytes(List.of(w -> w.write("text ending in half a pair \uD83D")));
    sameBytes(List.of(w -> w.write('\uD83D')));
  }

  @Test
  void takesOnlyCharsetsWhoseTextsAreTheBytesOfTheirParts() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> new ConsoleWriter(new ByteArrayOutputStream(), StandardCharsets.UTF_16));
  }
}
