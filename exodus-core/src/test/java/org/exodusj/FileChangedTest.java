package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file truncated or re-created by another program while open (issue 12, section 3): every read
 * through the library raises a {@link FileChangedException} naming the file, never the JVM's {@code
 * InternalError} for a fault in mapped memory. Also the documented view behaviour: views are live
 * over in-place updates of the bytes they cover.
 */
class FileChangedTest {
  @TempDir Path dir;

  static final int NX = 20;
  static final int NY = 20;
  static final int NZ = 20;
  static final int STEPS = 4;

  Path sample() throws IOException {
    Path p = dir.resolve("out.e");
    SampleFiles.writeHexMesh(p, NX, NY, NZ, STEPS, 2);
    return p;
  }

  static ExodusOpenOptions options(boolean mapped) {
    // small windows on the mapped side: the read crosses windows, as in a big file
    return ExodusOpenOptions.builder().memoryMap(mapped).mapWindowBytes(1 << 16).build();
  }

  static void assertChanged(Path p, FileChangedException e) {
    assertEquals(p.toString(), e.file());
    assertTrue(e.getMessage().startsWith(p + ": the file changed underneath"), e.getMessage());
  }

  static Stream<Arguments> formats() {
    List<Arguments> out = new ArrayList<>();
    for (String f : List.of("cdf2", "nc4", "nc4-deflate")) {
      for (boolean mapped : new boolean[] {true, false}) out.add(Arguments.of(f, mapped));
    }
    return out.stream();
  }

  /** The sample file, or its NetCDF-4 copy made by netCDF-C's nccopy. */
  Path sample(String format) throws Exception {
    Path p = sample();
    if (format.equals("cdf2")) {
      return p;
    }
    ExternalTools.require("nccopy");
    Path nc = dir.resolve("out-" + format + ".nc");
    if (format.equals("nc4")) {
      ExternalTools.run("nccopy", "-k", "nc4", p.toString(), nc.toString());
    } else {
      ExternalTools.run("nccopy", "-k", "nc4", "-d", "1", "-s", p.toString(), nc.toString());
    }
    return nc;
  }

  @ParameterizedTest(name = "{0} memoryMap={1}")
  @MethodSource("formats")
  void truncatedWhileOpen(String format, boolean mapped) throws Exception {
    Path p = sample(format);
    long nodes = new ExgenOracle(NX, NY, NZ).nodes();
    try (ExodusFile f = ExodusFile.open(p, options(mapped))) {
      double[] d = new double[(int) nodes];
      // fine before (step 0 only: NetCDF-4 chunks read now stay in the chunk cache, and a read
      // served from memory does not touch the file)
      f.readNodalVariable(1, 0, 0, nodes, d, 0);
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() / 3);
      }
      FileChangedException e =
          assertThrows(
              FileChangedException.class, () -> f.readNodalVariable(1, STEPS - 1, 0, nodes, d, 0));
      assertChanged(p, e);
      long elems = new ExgenOracle(NX, NY, NZ).elements();
      double[] s = new double[(int) elems];
      assertChanged(
          p,
          assertThrows(
              FileChangedException.class,
              () -> f.readVariable(EntityType.ELEM_BLOCK, 0, 10, STEPS - 1, 0, elems, s, 0)));
    }
  }

  @ParameterizedTest(name = "memoryMap={0}")
  @ValueSource(booleans = {true, false})
  void recreatedInPlaceWhileOpen(boolean mapped) throws Exception {
    Path p = sample();
    Path small = dir.resolve("small.e");
    SampleFiles.writeHexMesh(small, 2, 2, 2, 1, 1);
    long nodes = new ExgenOracle(NX, NY, NZ).nodes();
    try (ExodusFile f = ExodusFile.open(p, options(mapped))) {
      // a solver re-run overwrites the file: same inode, truncated, then written anew
      Files.write(
          p,
          Files.readAllBytes(small),
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      double[] d = new double[(int) nodes];
      assertChanged(
          p,
          assertThrows(
              FileChangedException.class, () -> f.readNodalVariable(0, STEPS - 1, 0, nodes, d, 0)));
    }
  }

  @Test
  void viewsAreLiveOverInPlaceUpdates() throws Exception {
    Path p = sample();
    ExgenOracle o = new ExgenOracle(NX, NY, NZ);
    // find coordx in the file by its values (big-endian doubles, as CDF stores them)
    byte[] bytes = Files.readAllBytes(p);
    ByteBuffer want = ByteBuffer.allocate(64);
    for (int n = 0; n < 8; n++) want.putDouble(o.coord(0, n));
    int at = indexOf(bytes, want.array());
    assertTrue(at > 0, "coordx found in the file");
    try (ExodusFile f = ExodusFile.open(p)) {
      DoubleBuffer v = f.coordinateView(0).orElseThrow();
      assertEquals(o.coord(0, 3), v.get(3));
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.allocate(8).putDouble(0, 42.5), at + 3 * 8);
      }
      assertEquals(42.5, v.get(3)); // the view sees the update
      assertEquals(42.5, f.coordinates(0)[3]);
    }
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
