package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way a whole file appears at a path: the new mesh of an {@code ExodusWriter}, a rewrite
 * ({@code addVariables}, {@code setGlobalAttribute}), a conversion, a compaction. Lucene's {@code
 * createTempOutput} / {@code sync} / {@code rename} / {@code syncMetaData} is the model, and the
 * steps are always these, in this order (docs/reliability.md, "Publication"):
 *
 * <ol>
 *   <li>the content is written into a temporary file in the target's directory (same file system,
 *       so the rename is atomic), named here: {@link #partialPath}, {@link #rewritePath}, {@link
 *       #newTemporary};
 *   <li>{@link #sync}: the temporary's data and size are forced to disk;
 *   <li>{@link #publish}: the temporary takes the replaced file's mode, owner and group ({@link
 *       #keepAccess}), is renamed over the target atomically, and the directory is forced ({@link
 *       #syncDirectory}), so the rename itself survives a crash.
 * </ol>
 *
 * <p>A crash before the rename leaves the old file (or none) at the path and a temporary beside it,
 * which the next user of that temporary name removes; a crash after it leaves the new file whole,
 * since its data reached the disk before the rename did. Locks are the caller's: a publisher holds
 * what {@link FileLocks} asks for replacing the file (the owner of the old file, the data lock of a
 * rewrite) around {@link #publish}.
 */
public final class Publication {
  private Publication() {}

  /**
   * The hidden file a new file for {@code target} is written into: {@code .NAME.partial} beside it
   * ({@code .exodusj-HASH.partial} when that name is too long for the file system); also the name
   * that writers and conversions of one target own to exclude each other.
   */
  public static Path partialPath(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    String name = "." + abs.getFileName() + ".partial";
    if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
      name = String.format(Locale.ROOT, ".exodusj-%016x.partial", longHash(abs.getFileName()));
    }
    return abs.resolveSibling(name);
  }

  private static long longHash(Path name) {
    String s = name.toString();
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
    return h;
  }

  /**
   * The temporary file of a rewrite of {@code target}: {@code NAME.rewrite}. Only the holder of the
   * target's rewrite ownership writes it, so a stale one (a killed rewrite's) is removed first.
   */
  public static Path rewritePath(Path target) {
    return target.resolveSibling(target.getFileName() + ".rewrite");
  }

  /**
   * The prefix of the temporaries {@link #newTemporary} makes for {@code target}: the hidden
   * partial name and a dash. Whoever owns {@link #partialPath} may remove stale ones.
   */
  public static String temporaryPrefix(Path target) {
    return partialPath(target).getFileName() + "-";
  }

  /**
   * A new empty temporary file for {@code target}, {@link #temporaryPrefix} plus a random suffix,
   * created as any new file is (the umask's mode: {@code Files.createTempFile}'s would be 600, and
   * a new output would become private).
   */
  public static Path newTemporary(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      Path p = abs.resolveSibling(temporaryPrefix(abs) + Long.toUnsignedString(r.nextLong(), 36));
      try {
        return Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) throw e;
      }
    }
  }

  /** Removes the temporaries of {@link #newTemporary} that killed publishers left for target. */
  public static void removeStaleTemporaries(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    String prefix = temporaryPrefix(abs);
    try (var stale = Files.list(abs.getParent())) {
      for (Path old : (Iterable<Path>) stale::iterator) {
        if (old.getFileName().toString().startsWith(prefix)) Files.deleteIfExists(old);
      }
    }
  }

  /** Forces the data and size of the file at {@code file} to disk (a descriptor of its own). */
  public static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Forces what was written through {@code ch} to disk, data and size. */
  public static void sync(FileChannel ch) throws IOException {
    Uninterruptible.force(ch, true);
  }

  /**
   * Renames the synced temporary {@code tmp} over {@code target} atomically, after giving it the
   * mode, owner and group of the file it replaces (if any), then forces the directory. The caller
   * synced {@code tmp} ({@link #sync}) and holds the locks replacing the target needs.
   */
  public static void publish(Path tmp, Path target) throws IOException {
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      keepAccess(target, tmp);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.toAbsolutePath().normalize().getParent());
  }

  /**
   * Gives a file about to replace {@code original} the original's permissions, and its owner and
   * group where this process may (root; anyone else keeps the file as created), as netCDF-C's
   * truncating create keeps them: a replacement must not make private results readable by everyone.
   */
  public static void keepAccess(Path original, Path copy) throws IOException {
    PosixFileAttributeView from =
        Files.getFileAttributeView(original, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
    if (from == null || to == null) return; // not a POSIX file system: its defaults apply
    PosixFileAttributes a = from.readAttributes();
    try {
      to.setGroup(a.group());
      to.setOwner(a.owner());
    } catch (FileSystemException e) {
      // not permitted (not root): the copy belongs to this user, as any file it creates
    }
    to.setPermissions(a.permissions()); // after chown, which may clear set-id bits
  }

  /**
   * Forces a directory's entries (a rename in it) to disk. Some systems cannot open or sync a
   * directory; the rename is then as durable as they make it.
   */
  public static void syncDirectory(Path dir) {
    if (dir == null) return;
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported here: nothing more can be done
    }
  }
}
