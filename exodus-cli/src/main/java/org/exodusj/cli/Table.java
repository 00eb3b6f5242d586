package org.exodusj.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Rows of a dump selection, as aligned text for people or as CSV (RFC 4180) for programs. Rows are
 * written as they come: nothing is held back, so a selection of any size streams.
 */
abstract class Table {
  protected final Writer out;

  Table(Writer out) {
    this.out = out;
  }

  static Table of(Writer out, boolean csv) {
    return csv ? new Csv(out) : new Text(out);
  }

  /** A note for people (text only: CSV stays machine-readable). */
  abstract void comment(String text) throws IOException;

  /**
   * The column names; the first {@code intColumns} hold integers (indices, ids), which text prints
   * narrower.
   */
  abstract void header(List<String> columns, int intColumns) throws IOException;

  /** Starts a row; fields follow with {@link #field}, the row ends with {@link #end}. */
  abstract void field(String value) throws IOException;

  void field(long value) throws IOException {
    field(Long.toString(value));
  }

  /**
   * Reals print as the shortest text that parses back to the same double ({@link ShortestDouble},
   * the full dump's text on every Java version).
   */
  void field(double value) throws IOException {
    field(ShortestDouble.append(new StringBuilder(24), value).toString());
  }

  abstract void end() throws IOException;

  /** Comma separated, a header line, fields quoted only where they need it. */
  static final class Csv extends Table {
    private boolean first = true;

    Csv(Writer out) {
      super(out);
    }

    @Override
    void comment(String text) {}

    @Override
    void header(List<String> columns, int intColumns) throws IOException {
      for (String c : columns) field(c);
      end();
    }

    @Override
    void field(String value) throws IOException {
      if (!first) out.write(',');
      first = false;
      if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(value);
      }
    }

    @Override
    void end() throws IOException {
      out.write('\n');
      first = true;
    }
  }

  /**
   * Right-aligned columns of fixed widths, wide enough for any long (20 characters) and any double
   * ({@code -1.2345678901234567E-308} is 24), so that rows align without looking ahead.
   */
  static final class Text extends Table {
    static final int INT_WIDTH = 12;
    static final int REAL_WIDTH = 24;
    private int intColumns;
    private int column;

    Text(Writer out) {
      super(out);
    }

    @Override
    void comment(String text) throws IOException {
      out.write("# ");
      out.write(text);
      out.write('\n');
    }

    @Override
    void header(List<String> columns, int intColumns) throws IOException {
      this.intColumns = intColumns;
      for (String c : columns) field(c);
      end();
    }

    @Override
    void field(String value) throws IOException {
      if (column > 0) out.write(' ');
      int width = column < intColumns ? INT_WIDTH : REAL_WIDTH;
      column++;
      for (int i = value.length(); i < width; i++) out.write(' ');
      out.write(value);
    }

    @Override
    void end() throws IOException {
      out.write('\n');
      column = 0;
    }
  }
}
