package org.exodusj;

import java.io.IOException;

/**
 * The file an {@link ExodusWriter} or {@link ExodusUpdater} holds open was replaced (renamed over,
 * re-created) or deleted by someone else: what this handle would write now would land in a file
 * that nobody can open any more, so it refuses to write and says so instead. Open the new file to
 * go on.
 */
public class FileReplacedException extends IOException {
  private static final long serialVersionUID = 1L;

  public FileReplacedException(String message) {
    super(message);
  }
}
