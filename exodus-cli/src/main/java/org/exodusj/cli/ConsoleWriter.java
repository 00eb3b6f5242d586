package org.exodusj.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * The console's text as bytes in a charset, for {@code exo}'s standard output: what an {@code
 * OutputStreamWriter} writes, made by {@link String#getBytes(Charset)} per write and kept in a
 * buffer until {@link #flush}.
 *
 * <p>Why not an {@code OutputStreamWriter}: a short command runs in the interpreter, where the
 * charset encoder goes through the text one character at a time, after a {@code BufferedWriter}
 * copied it into characters one at a time. A dump's text is ASCII digits in one-byte strings, which
 * {@code getBytes} checks and copies in bulk (docs/benchmarks.md, "Start-up of exo"). The bytes are
 * the same: a surrogate pair split across two writes is held back and encoded whole, and a lone
 * surrogate becomes the charset's replacement, as the encoder makes it.
 */
final class ConsoleWriter extends Writer {
  private final OutputStream out;
  private final Charset charset;

  private final byte[] buffer = new byte[1 << 14];
  private int used;

  /** A high surrogate held back from the end of the last write, else 0. */
  private char pending;

  /**
   * @throws IllegalArgumentException for a charset {@link #supports} does not take
   */
  ConsoleWriter(OutputStream out, Charset charset) {
    if (!supports(charset)) {
      throw new IllegalArgumentException(charset + " is not UTF-8, ISO-8859-1 or US-ASCII");
    }
    this.out = out;
    this.charset = charset;
  }

  /**
   * True for UTF-8, ISO-8859-1 and US-ASCII: an ASCII character is one byte, and a text's bytes are
   * the bytes of its parts (UTF-16, for one, starts every {@code getBytes} with a byte-order mark).
   */
  static boolean supports(Charset cs) {
    String n = cs.name();
    return n.equals("UTF-8") || n.equals("US-ASCII") || n.equals("ISO-8859-1");
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    text(off == 0 && len == s.length() ? s : s.substring(off, off + len));
  }

  @Override
  public void write(String s) throws IOException {
    text(s);
  }

  @Override
  public void write(char[] c, int off, int len) throws IOException {
    text(new String(c, off, len));
  }

  @Override
  public void write(int c) throws IOException {
    if (c < 0x80 && pending == 0 && used < buffer.length) {
      buffer[used++] = (byte) c;
    } else {
      text(String.valueOf((char) c));
    }
  }

  @Override
  public Writer append(CharSequence csq) throws IOException {
    text(String.valueOf(csq));
    return this;
  }

  private void text(String s) throws IOException {
    String t = s;
    if (pending != 0) {
      t = pending + t;
      pending = 0;
    }
    int n = t.length();
    if (n > 0 && Character.isHighSurrogate(t.charAt(n - 1))) {
      pending = t.charAt(n - 1);
      t = t.substring(0, n - 1);
    }
    if (!t.isEmpty()) {
      bytes(t.getBytes(charset));
    }
  }

  private void bytes(byte[] b) throws IOException {
    if (b.length > buffer.length - used) {
      drain();
      if (b.length > buffer.length) {
        out.write(b);
        return;
      }
    }
    System.arraycopy(b, 0, buffer, used, b.length);
    used += b.length;
  }

  private void drain() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  /** Writes what is held (a lone high surrogate as the charset's replacement) and flushes. */
  @Override
  public void close() throws IOException {
    if (pending != 0) {
      char c = pending;
      pending = 0;
      bytes(String.valueOf(c).getBytes(charset));
    }
    flush();
  }
}
