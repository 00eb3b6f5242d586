package org.exodusj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Naming of a decomposed set's pieces: {@code BASE.N.r} for rank r of N (ranks may be zero-padded),
 * found beside a base name or put in rank order, every rank present once.
 */
final class SetPieces {
  private SetPieces() {}

  private static final Pattern RANK = Pattern.compile("^(.*)\\.(\\d+)\\.(\\d+)$");
  private static final Pattern SIZE = Pattern.compile("^(.*)\\.(\\d+)$");

  /**
   * The pieces of the set with base name {@code base}: the files {@code base.N.r} beside it, for r
   * = 0..N-1 (ranks may be zero-padded, as {@code mesh.e.16.03}). {@code base} may also name one
   * decomposition as {@code BASE.N} (the N pieces {@code BASE.N.r}), which is how to choose where
   * several decompositions of one mesh stand side by side.
   *
   * @throws NoSuchFileException when there is no such file, or a rank is missing
   * @throws IllegalArgumentException when pieces of several set sizes are there
   */
  static List<Path> piecesOf(Path base) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    String prefix = base.getFileName().toString() + ".";
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> RANK.matcher(p.getFileName().toString()).matches())
          .filter(
              p ->
                  RANK.matcher(p.getFileName().toString())
                      .replaceFirst("$1")
                      .equals(base.getFileName().toString()))
          .forEach(found::add);
    }
    if (found.isEmpty()) {
      // BASE.N: the N pieces BASE.N.r, where BASE itself is a file (the serial mesh) or where
      // several decompositions of one mesh stand side by side.
      Matcher m = SIZE.matcher(base.getFileName().toString());
      if (m.matches()) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(
                  p -> {
                    Matcher r = RANK.matcher(p.getFileName().toString());
                    return r.matches()
                        && r.group(1).equals(m.group(1))
                        && Integer.parseInt(r.group(2)) == Integer.parseInt(m.group(2));
                  })
              .forEach(found::add);
        }
      }
    }
    if (found.isEmpty()) {
      throw new NoSuchFileException(
          base.toString(), null, "no pieces " + base.getFileName() + ".N.r of a decomposed set");
    }
    return rankOrder(found);
  }

  /** Orders pieces named BASE.N.r by rank, checking that every rank 0..N-1 is there once. */
  static List<Path> rankOrder(List<Path> pieces) throws IOException {
    String base = null;
    int size = -1;
    Path[] byRank = null;
    for (Path p : pieces) {
      Matcher m = RANK.matcher(p.getFileName().toString());
      if (!m.matches()) {
        return List.copyOf(pieces); // not named by rank: the order given
      }
      String b = p.toAbsolutePath().getParent().resolve(m.group(1)).toString();
      int n = Integer.parseInt(m.group(2));
      int r = Integer.parseInt(m.group(3));
      if (base == null) {
        base = b;
        size = n;
        byRank = new Path[n];
      } else if (!base.equals(b) || size != n) {
        throw new IllegalArgumentException(
            "pieces of different sets: " + p + " is not a piece of " + base + "." + size + ".r");
      }
      if (r >= n) {
        throw new IllegalArgumentException(p + ": rank " + r + " of a set of " + n);
      }
      if (byRank[r] != null) {
        throw new IllegalArgumentException("rank " + r + " given twice: " + byRank[r] + ", " + p);
      }
      byRank[r] = p;
    }
    for (int r = 0; r < size; r++) {
      if (byRank[r] == null) {
        String width =
            "%0" + pieces.get(0).getFileName().toString().replaceAll(".*\\.", "").length() + "d";
        throw new NoSuchFileException(
            base + "." + size + "." + String.format(Locale.ROOT, width, r),
            null,
            "rank " + r + " of the " + size + " pieces of " + base + " is missing");
      }
    }
    return List.of(byRank);
  }
}
