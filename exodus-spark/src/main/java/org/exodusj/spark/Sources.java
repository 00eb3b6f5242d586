package org.exodusj.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.exodusj.ExodusFileSet;

/** What a PATH names: one or more sources, each one file or the pieces of a decomposed set. */
final class Sources {
  private static final Pattern RANK = Pattern.compile("^(.*)\\.(\\d+)\\.(\\d+)$");

  private Sources() {}

  /**
   * One source: a file, or a decomposed set's pieces by rank.
   *
   * @param name what the {@code source} column says: the file's path, or the set's base name
   * @param pieces the files, by rank (one for a plain file)
   */
  record Source(String name, List<String> pieces) implements Serializable {
    Source {
      pieces = List.copyOf(pieces);
    }

    boolean isSet() {
      return pieces.size() > 1 || !pieces.get(0).equals(name);
    }
  }

  /**
   * The sources PATH names, and whether it names many (a directory or a glob: then the rows get a
   * {@code source} column).
   */
  record Resolved(List<Source> sources, boolean many) {}

  static Resolved resolve(String pathText, String decomposed) throws IOException {
    Path path = Path.of(pathText).toAbsolutePath().normalize();
    String leaf = path.getFileName() == null ? "" : path.getFileName().toString();
    if (leaf.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
      Path dir = path.getParent();
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "no directory for the glob " + leaf);
      }
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + leaf);
      List<Source> s = scan(dir, p -> m.matches(p.getFileName()), decomposed);
      if (s.isEmpty()) {
        throw new NoSuchFileException(pathText, null, "no Exodus file matches the glob");
      }
      return new Resolved(s, true);
    }
    if (Files.isDirectory(path)) {
      List<Source> s = scan(path, p -> true, decomposed);
      if (s.isEmpty()) {
        throw new NoSuchFileException(pathText, null, "the directory holds no Exodus file");
      }
      return new Resolved(s, true);
    }
    if (!decomposed.equals("false")) {
      List<Path> pieces = null;
      try {
        pieces = ExodusFileSet.piecesOf(path);
      } catch (NoSuchFileException e) {
        if (decomposed.equals("true") || !Files.exists(path)) {
          throw e;
        }
      }
      if (pieces != null) {
        return new Resolved(List.of(new Source(path.toString(), strings(pieces))), false);
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such Exodus file");
    }
    return new Resolved(List.of(new Source(path.toString(), List.of(path.toString()))), false);
  }

  /** The files of {@code dir} that {@code accept} takes, sets grouped by base name. */
  private static List<Source> scan(
      Path dir, java.util.function.Predicate<Path> accept, String decomposed) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(accept).sorted().toList();
    }
    List<Source> out = new ArrayList<>();
    Set<String> bases = new LinkedHashSet<>();
    if (!decomposed.equals("false")) {
      for (Path f : files) {
        Matcher m = RANK.matcher(f.getFileName().toString());
        if (m.matches() && isNetcdf(f)) bases.add(dir.resolve(m.group(1)).toString());
      }
    }
    for (String base : bases) {
      out.add(new Source(base, strings(ExodusFileSet.piecesOf(Path.of(base)))));
    }
    for (Path f : files) {
      String name = f.toString();
      if (bases.contains(name)) continue; // the base name stands for its set
      Matcher m = RANK.matcher(f.getFileName().toString());
      if (m.matches() && bases.contains(dir.resolve(m.group(1)).toString())) continue;
      if (isNetcdf(f)) out.add(new Source(name, List.of(name)));
    }
    return out;
  }

  /** Whether the file starts with a NetCDF classic or HDF5 signature. */
  static boolean isNetcdf(Path f) {
    byte[] b = new byte[4];
    try (InputStream in = Files.newInputStream(f)) {
      if (in.readNBytes(b, 0, 4) < 4) return false;
    } catch (IOException e) {
      return false;
    }
    boolean cdf =
        b[0] == 'C' && b[1] == 'D' && b[2] == 'F' && (b[3] == 1 || b[3] == 2 || b[3] == 5);
    boolean hdf = (b[0] & 0xff) == 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F';
    return cdf || hdf;
  }

  private static List<String> strings(List<Path> paths) {
    List<String> s = new ArrayList<>(paths.size());
    for (Path p : paths) s.add(p.toAbsolutePath().toString());
    return s;
  }
}
