package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path that is not a file gets an answer saying what it is: a directory is not "no such file"
 * (the library said so, only the CLI knew better), a missing file is {@link NoSuchFileException}.
 */
class OpenPathErrorsTest {
  @TempDir Path dir;

  @Test
  void aDirectoryIsSaidToBeADirectoryByEveryOpen() {
    FileSystemException read = assertThrows(FileSystemException.class, () -> ExodusFile.open(dir));
    assertFalse(read instanceof NoSuchFileException, read.toString());
    assertEquals(dir.toString(), read.getFile());
    assertEquals(dir + ": is a directory, not an Exodus file", read.getMessage());

    FileSystemException update =
        assertThrows(FileSystemException.class, () -> ExodusUpdater.open(dir));
    assertFalse(update instanceof NoSuchFileException, update.toString());
    assertEquals(
        dir + ": is a directory, not an Exodus file: cannot update it", update.getMessage());
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    Path missing = dir.resolve("missing.e");
    NoSuchFileException read =
        assertThrows(NoSuchFileException.class, () -> ExodusFile.open(missing));
    assertEquals(missing + ": no such file", read.getMessage());
    assertThrows(NoSuchFileException.class, () -> ExodusUpdater.open(missing));
    assertFalse(Files.exists(missing), "nothing created");
  }
}
