package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.exodusj.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage confined to the data region: bit flips at sampled data offsets change exactly the bytes
 * flipped and nothing else (the file opens cleanly and every other value reads as before);
 * truncation at sampled data offsets opens with the truncation defect, reads before the cut return
 * what is there, and reads across it the stored bytes and zeros for the missing ones, as netCDF-C
 * reads a file cut short; each variable not wholly stored is listed in the defects.
 */
class DataDamageTest {
  @TempDir Path dir;

  static byte[] allData(CdfFile f) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (CdfVariable v : f.variables()) {
      long[] shape = f.shape(v);
      long n = 1;
      for (long s : shape) n *= s;
      ByteBuffer b = ByteBuffer.allocate((int) n * v.type().size());
      f.readRaw(v, new long[shape.length], shape, b);
      out.write(b.array());
    }
    return out.toByteArray();
  }

  @Test
  void bitFlipsInDataChangeExactlyThatBit() throws Exception {
    Path p = dir.resolve("d.e");
    SampleFiles.writeHexMesh(p, 6, 6, 6, 3, 2);
    byte[] clean = Files.readAllBytes(p);
    byte[] expected;
    long headerBytes;
    try (CdfFile f = CdfFile.open(p)) {
      expected = allData(f);
      headerBytes = f.header().headerBytes();
    }
    Random r = new Random(3);
    for (int t = 0; t < 200; t++) {
      byte[] b = clean.clone();
      int at = (int) (headerBytes + r.nextInt((int) (b.length - headerBytes)));
      b[at] ^= (byte) (1 << r.nextInt(8));
      Files.write(p, b);
      try (CdfFile f = CdfFile.open(p)) {
        assertEquals(java.util.List.of(), f.defects());
        byte[] got = allData(f);
        int diffs = 0;
        for (int i = 0; i < got.length; i++) if (got[i] != expected[i]) diffs++;
        assertTrue(diffs <= 1, "trial " + t + ": " + diffs + " bytes differ"); // 0 when in padding
      }
    }
  }

  @Test
  void truncationInDataKeepsWhatIsThere() throws Exception {
    Path p = dir.resolve("t.e");
    SampleFiles.writeHexMesh(p, 6, 6, 6, 3, 2);
    byte[] clean = Files.readAllBytes(p);
    long headerBytes;
    try (CdfFile f = CdfFile.open(p)) {
      headerBytes = f.header().headerBytes();
    }
    for (int k = 1; k < 20; k++) {
      int cut = (int) (headerBytes + (clean.length - headerBytes) * k / 20);
      Files.write(p, Arrays.copyOf(clean, cut));
      try (CdfFile f = CdfFile.open(p)) {
        assertTrue(
            f.defects().stream().anyMatch(d -> d.contains("truncated")), f.defects().toString());
        for (CdfVariable v : f.variables()) {
          long[] shape = f.shape(v);
          long n = 1;
          for (long s : shape) n *= s;
          if (n == 0 || shape.length == 0) continue;
          long end =
              v.isRecord()
                  ? v.begin() + (shape[0] - 1) * f.header().recordSize() + v.dataBytes()
                  : v.begin() + v.dataBytes();
          ByteBuffer b = ByteBuffer.allocate((int) n * v.type().size());
          if (end <= cut) {
            f.readRaw(v, new long[shape.length], shape, b);
            // byte for byte what the intact file holds
            try (CdfFile whole = CdfFile.open(WritableCopy.of(dir, clean))) {
              ByteBuffer c = ByteBuffer.allocate(b.capacity());
              whole.readRaw(
                  whole.findVariable(v.name()).orElseThrow(), new long[shape.length], shape, c);
              assertEquals(c.flip(), b.flip(), v.name() + " at cut " + cut);
            }
          } else {
            // across the cut: the stored bytes, then zeros, as netCDF-C reads a file cut short
            f.readRaw(v, new long[shape.length], shape, b);
            try (CdfFile whole = CdfFile.open(WritableCopy.of(dir, clean))) {
              ByteBuffer c = ByteBuffer.allocate(b.capacity());
              whole.readRaw(
                  whole.findVariable(v.name()).orElseThrow(), new long[shape.length], shape, c);
              byte[] got = b.array();
              byte[] intact = c.array();
              for (int i = 0; i < got.length; i++) {
                long at = byteOf(f, v, shape, i);
                assertEquals(at < cut ? intact[i] : 0, got[i], v.name() + " byte " + i);
              }
            }
            assertTrue(
                f.defects().stream().anyMatch(d -> d.startsWith("variable " + v.name() + ": ")),
                v.name() + " in " + f.defects());
          }
        }
      }
    }
  }

  /**
   * A file already cut short when opened, then cut further while open: reads that reach bytes it
   * held at open are a {@link org.exodusj.FileChangedException} (the file changed), mapped and
   * unmapped; bytes missing since the open still read as zeros.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void aCutFileCutFurtherWhileOpenIsAFileChange(boolean mapped) throws Exception {
    Path p = dir.resolve("c.e");
    SampleFiles.writeHexMesh(p, 6, 6, 6, 3, 2);
    byte[] clean = Files.readAllBytes(p);
    int cut = clean.length - 5000;
    Files.write(p, Arrays.copyOf(clean, cut));
    try (CdfFile f = mapped ? CdfFile.open(p) : CdfFile.openUnmapped(p)) {
      CdfVariable coordx = f.findVariable("coordx").orElseThrow();
      CdfVariable last = f.variables().get(f.variables().size() - 1);
      long n = f.shape(coordx)[0];
      double[] x = new double[(int) n];
      f.read(coordx, new long[] {0}, new long[] {n}, x, 0); // whole at open
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(coordx.begin() + 8); // coordx loses all but its first value
      }
      org.exodusj.FileChangedException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              org.exodusj.FileChangedException.class,
              () -> f.read(coordx, new long[] {0}, new long[] {n}, x, 0));
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
      long[] shape = f.shape(last);
      long[] first = new long[shape.length];
      long[] one = shape.clone();
      if (last.isRecord()) {
        first[0] = shape[0] - 1;
        one[0] = 1;
      }
      long at = last.begin() + first[0] * f.header().recordSize();
      assertTrue(at >= cut, last.name() + " at " + at + " lies past the cut at " + cut);
      long values = 1;
      for (long d : one) values *= d;
      double[] z = new double[(int) values];
      Arrays.fill(z, 7);
      f.read(last, first, one, z, 0); // missing since the open: zeros, as before
      for (double v : z) assertEquals(0.0, v, last.name());
    }
  }

  /** The file offset of byte {@code i} of a whole-variable read of {@code v}. */
  static long byteOf(CdfFile f, CdfVariable v, long[] shape, int i) {
    if (!v.isRecord()) {
      return v.begin() + i;
    }
    long perRecord = v.dataBytes();
    return v.begin() + (i / perRecord) * f.header().recordSize() + i % perRecord;
  }

  /** The intact bytes as a file of their own. */
  static final class WritableCopy {
    private WritableCopy() {}

    static Path of(Path dir, byte[] bytes) throws java.io.IOException {
      Path p = dir.resolve("intact.e");
      if (!Files.exists(p)) Files.write(p, bytes);
      return p;
    }
  }
}
