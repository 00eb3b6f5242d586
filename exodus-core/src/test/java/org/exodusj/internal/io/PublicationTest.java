package org.exodusj.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publication protocol: the temporary is renamed (the same inode appears at the path, never a
 * copy), takes the replaced file's mode, leaves nothing behind; temporary names stay in the
 * target's directory and within a file name's 255 bytes.
 */
class PublicationTest {
  @TempDir Path dir;

  @Test
  void publishRenamesTheSyncedTemporaryOverTheTargetKeepingItsMode() throws Exception {
    Path target = dir.resolve("out.e");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    Path tmp = Publication.newTemporary(target);
    assertEquals(dir, tmp.getParent());
    assertTrue(tmp.getFileName().toString().startsWith(".out.e.partial-"), tmp.toString());
    Files.writeString(tmp, "new");
    Object inode = Files.getAttribute(tmp, "unix:ino");
    Publication.sync(tmp);
    Publication.publish(tmp, target);
    assertEquals("new", Files.readString(target));
    assertEquals(inode, Files.getAttribute(target, "unix:ino"));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertFalse(Files.exists(tmp));
  }

  @Test
  void aNewTargetKeepsTheTemporarysOwnMode() throws Exception {
    Path target = dir.resolve("fresh.e");
    Path tmp = Publication.newTemporary(target);
    Path plain = Files.createFile(dir.resolve("plain")); // the umask's mode
    Files.writeString(tmp, "x");
    Publication.sync(tmp);
    Publication.publish(tmp, target);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
  }

  @Test
  void staleTemporariesOfOneTargetAreRemovedAndNoOthers() throws Exception {
    Path target = dir.resolve("a.e");
    Path t1 = Publication.newTemporary(target);
    Path t2 = Publication.newTemporary(target);
    Path other = Publication.newTemporary(dir.resolve("b.e"));
    Publication.removeStaleTemporaries(target);
    assertFalse(Files.exists(t1));
    assertFalse(Files.exists(t2));
    assertTrue(Files.exists(other));
  }

  @Test
  void namesStayBesideTheTargetAndWithinAFileName() throws Exception {
    Path target = dir.resolve("x".repeat(250) + ".e");
    Path p = Publication.partialPath(target);
    assertEquals(dir, p.getParent());
    assertTrue(p.getFileName().toString().length() <= 255, p.toString());
    assertEquals(dir.resolve("y.e.rewrite"), Publication.rewritePath(dir.resolve("y.e")));
    assertEquals(dir.resolve(".y.e.partial"), Publication.partialPath(dir.resolve("y.e")));
  }
}
