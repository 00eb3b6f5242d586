package org.exodusj;

import java.io.IOException;

/**
 * A file is not valid NetCDF or Exodus, or is damaged. The message names the file, the structure
 * that is wrong and, where known, the byte offset; the same facts are available as accessors.
 */
public class ExodusFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Offset value meaning "no particular byte". */
  public static final long NO_OFFSET = -1;

  private final String file;
  private final String structure;
  private final long offset;

  /**
   * @param file the file name or path, as given when the file was opened
   * @param structure what was being read, for example {@code "dimension 3 (num_nodes)"}
   * @param offset the byte offset of the problem, or {@link #NO_OFFSET}
   * @param problem what is wrong
   */
  public ExodusFormatException(String file, String structure, long offset, String problem) {
    this(file, structure, offset, problem, null);
  }

  /** Same as the four-argument constructor, keeping the cause. */
  public ExodusFormatException(
      String file, String structure, long offset, String problem, Throwable cause) {
    super(format(file, structure, offset, problem), cause);
    this.file = file;
    this.structure = structure;
    this.offset = offset;
  }

  private static String format(String file, String structure, long offset, String problem) {
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(": ");
    if (structure != null && !structure.isEmpty()) {
      sb.append(structure);
      if (offset >= 0) {
        sb.append(" at byte ").append(offset);
      }
      sb.append(": ");
    } else if (offset >= 0) {
      sb.append("at byte ").append(offset).append(": ");
    }
    sb.append(problem);
    return sb.toString();
  }

  /** The file name or path as given when it was opened. */
  public String file() {
    return file;
  }

  /** The structure being read when the problem was found. */
  public String structure() {
    return structure;
  }

  /** The byte offset of the problem, or {@link #NO_OFFSET}. */
  public long offset() {
    return offset;
  }
}
