package org.exodusj;

import java.io.IOException;

/**
 * The file changed underneath an open {@link ExodusFile}: another program truncated or re-created
 * it (a solver re-run overwriting {@code out.e} while a viewer holds it), so a read found its bytes
 * gone. The open file cannot be read any further; close it and open the file again.
 */
public class FileChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * @param file the file name or path, as given when the file was opened
   * @param detail what was being read and what was found
   * @param cause the low-level failure, or null
   */
  public FileChangedException(String file, String detail, Throwable cause) {
    super(
        file
            + ": the file changed underneath while open (truncated or re-created by another"
            + " program): "
            + detail,
        cause);
    this.file = file;
  }

  /** The file name or path as given when it was opened. */
  public String file() {
    return file;
  }
}
