package org.exodusj;

import java.io.IOException;

/**
 * Another writer, updater or rewrite holds the file, in this process or another: a second {@link
 * ExodusWriter} on one path, a rewrite ({@link ExodusUpdater#addVariables}) of a file that is open
 * for writing, or a second process appending steps. Nothing was changed; retry when the other
 * holder has closed the file.
 */
public class FileInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public FileInUseException(String message) {
    super(message);
  }
}
