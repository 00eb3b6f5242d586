package org.exodusj;

import java.io.IOException;

/**
 * The file changed underneath an open {@link ExodusFile}, in one of two ways:
 *
 * <ul>
 *   <li>another program truncated or re-created it (a solver re-run overwriting {@code out.e} while
 *       a viewer holds it), so a read found its bytes gone: the open file cannot be read any
 *       further; close it and open the file again;
 *   <li>a writer committed a NetCDF-4 file again ({@link #committedAgain()}) since the reader
 *       opened or last refreshed it, and a read may have met space of the state the reader knows
 *       that the writer has reused: the read's values are not returned. {@link
 *       ExodusFile#refresh()} (or a new open) reads the newest committed state; then read again.
 * </ul>
 */
public class FileChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final boolean committedAgain;

  /**
   * @param file the file name or path, as given when the file was opened
   * @param detail what was being read and what was found
   * @param cause the low-level failure, or null
   */
  public FileChangedException(String file, String detail, Throwable cause) {
    this(
        file,
        file
            + ": the file changed underneath while open (truncated or re-created by another"
            + " program): "
            + detail,
        cause,
        false);
  }

  private FileChangedException(String file, String message, Throwable cause, boolean committed) {
    super(message, cause);
    this.file = file;
    this.committedAgain = committed;
  }

  /**
   * The exception for a NetCDF-4 file that a writer committed again while a reader read it ({@link
   * #committedAgain()} is true).
   *
   * @param file the file name or path, as given when the file was opened
   * @param detail what was being read and what was found
   * @param cause the low-level failure, or null
   */
  public static FileChangedException committedAgain(String file, String detail, Throwable cause) {
    return new FileChangedException(
        file, file + ": the file was committed again while open: " + detail, cause, true);
  }

  /** The file name or path as given when it was opened. */
  public String file() {
    return file;
  }

  /**
   * True when a writer committed the file again (the file is still there): {@link
   * ExodusFile#refresh()} reads its newest committed state. False when the file was truncated or
   * re-created: reopen it.
   */
  public boolean committedAgain() {
    return committedAgain;
  }
}
