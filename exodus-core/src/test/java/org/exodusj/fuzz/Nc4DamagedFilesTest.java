package org.exodusj.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bugs the NetCDF-4 damage campaign ({@link Nc4DamageCampaign}) found, each with its minimal
 * damaged file: a corpus file with one exact damage (a field of a named structure set to a value),
 * checksums recomputed ({@link Nc4Damage}). The oracle is the damage itself: each file must end in
 * an {@link ExodusFormatException} naming the file and the place, and the updater must leave it
 * byte for byte as it was.
 */
class Nc4DamagedFilesTest {
  @TempDir Path dir;

  private static final String POLYMESH =
      "derived/DERIVED-nc4-zlib6-shuffle__portage__polymesh_10x10.exo";
  private static final String HEXWEDGE =
      "petsc__share__petsc__datafiles__meshes__hybrid_hexwedge.exo";
  private static final String NALU =
      "nalu__reg_tests__test_files__laboratory__3d_hex8_turb_channel__mesh__3d_hex8_turb_channel.exo";
  private static final String TRI = "exodusiicpp__test__assets__tri.e";
  private static final String WEDGE =
      "seacas__packages__seacas__libraries__ioss__src__visualization__catalyst__test__fixture__"
          + "test_data__aero_blunt_wedge_wall_test3.ex2";

  private static Path corpus(String name) {
    Path p = ExternalTools.shared().resolve("corpus").resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(p), "corpus file absent: " + p);
    return p;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /** The file opens or reads into an ExodusFormatException naming it and {@code place}. */
  private static ExodusFormatException refusedByTheReader(Path p, String place, ReadAction read) {
    ExodusFormatException e =
        assertThrows(
            ExodusFormatException.class,
            () -> {
              try (ExodusFile f = ExodusFile.open(p)) {
                read.run(f);
              }
            });
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(place), e.getMessage());
    return e;
  }

  /** The updater refuses the file with an ExodusFormatException and leaves every byte. */
  private static void refusedByTheUpdater(Path p) throws IOException {
    refusedByTheUpdater(p, "");
  }

  private static void refusedByTheUpdater(Path p, String why) throws IOException {
    byte[] before = Files.readAllBytes(p);
    IOException e = assertThrows(IOException.class, () -> Nc4DamageCampaign.adopt(p));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(e instanceof ExodusFormatException, e.toString());
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(p), "the refused file is unchanged");
  }

  interface ReadAction {
    void run(ExodusFile f) throws IOException;
  }

  @Test
  void aDimensionListNamingAnotherDimensionIsRefusedAtOpen() throws Exception {
    // coordx(num_nodes) made coordx(num_elem): was an IndexOutOfBoundsException without the file
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long at = d.attributeData(Nc4Damage.address(src, "/coordx"), "_Netcdf4Coordinates");
    int numNodes = dimensionId(src, "num_nodes");
    assertEquals(numNodes, (int) d.intactInt(at), "the intact coordx lists num_nodes");
    Path p = write("coords.exo", d.with(at, 4, dimensionId(src, "num_elem")));
    refusedByTheReader(p, "variable coordx", f -> f.coordinates(0));
    refusedByTheUpdater(p);
  }

  @Test
  void realArraysStoredAsInt64AreAFormatErrorAtTheRead() throws Exception {
    // coordx's and vals_nod_var1's datatypes turned from IEEE double into signed 64-bit integers
    // (class 1 -> 0, the signed bit set): the storage's caller-mistake IllegalArgumentException
    // ("does not convert to double without loss", Jazzer's finding in CI) came out of
    // readCoordinates; the file's fault, an ExodusFormatException naming the file and the variable
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    byte[] b = d.intact.clone();
    for (String v : new String[] {"/coordx", "/vals_nod_var1"}) {
      long type = d.message(Nc4Damage.address(src, v), 3);
      assertEquals(0x11, b[(int) type] & 0xFF, v + ": a version-1 floating-point datatype");
      assertEquals(8, d.intactInt(type + 4), v + ": 8 bytes");
      b[(int) type] = 0x10; // fixed-point
      b[(int) type + 1] = 0x08; // little-endian, signed
    }
    d.fixAllChecksums(b);
    Path p = write("int64reals.exo", b);
    refusedByTheReader(p, "variable coordx", f -> f.coordinates(0));
    refusedByTheReader(p, "variable vals_nod_var1", f -> f.nodalVariable(0, 0));
    refusedByTheReader(
        p, "variable vals_nod_var1", f -> f.readNodalVariableHistory(0, 0, 0, 1, new double[1], 0));
    try (ExodusFile f = ExodusFile.open(p);
        ExodusFile intact = ExodusFile.open(src)) {
      // everything else still reads, as the intact file holds it
      assertArrayEquals(intact.coordinates(1), f.coordinates(1));
    }
  }

  @Test
  void aCoordinateArrayStoredAsAScalarIsAFormatErrorAtTheRead() throws Exception {
    // coordy's dataspace turned from simple rank 1 into scalar rank 0 (Jazzer's finding in CI, a
    // contiguous coordy; a chunked one is refused by its layout's rank): readCoordinates passed the
    // storage a start and count of rank 1 and got its caller-mistake IllegalArgumentException; the
    // file's fault, an ExodusFormatException naming file and variable
    Path src = corpus(WEDGE);
    Nc4Damage d = Nc4Damage.of(src);
    long space = d.message(Nc4Damage.address(src, "/coordy"), 1);
    byte[] b = d.intact.clone();
    assertEquals(1, b[(int) space + 1], "the intact coordy has rank 1");
    b[(int) space + 1] = 0; // rank 0
    if (b[(int) space] == 2) {
      b[(int) space + 3] = 0; // version 2 names the class: scalar
    } else {
      assertEquals(1, b[(int) space], "a version-1 or version-2 dataspace");
    }
    d.fixAllChecksums(b);
    Path p = write("scalar-coordy.exo", b);
    ExodusFormatException e = refusedByTheReader(p, "variable coordy", f -> f.coordinates(1));
    assertTrue(
        e.getMessage().contains("0 dimensions; Exodus stores this array with 1"), e.getMessage());
    try (ExodusFile f = ExodusFile.open(p);
        ExodusFile intact = ExodusFile.open(src)) {
      // the other axes still read as the intact file holds them
      assertArrayEquals(intact.coordinates(0), f.coordinates(0));
      assertArrayEquals(intact.coordinates(2), f.coordinates(2));
    }
  }

  @Test
  void aChunkDimensionOfZeroIsRefusedAtOpen() throws Exception {
    // was an ArithmeticException (/ by zero) in the chunk walk
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long layout = d.message(Nc4Damage.address(src, "/vals_nod_var1"), 8);
    long dim1 = layout + 3 + 8 + 4; // version, class, rank, B-tree address, chunk dimension 0
    assertEquals(276, d.intactInt(dim1), "the intact chunk is (1, 276)");
    Path p = write("zero.exo", d.with(dim1, 4, 0));
    refusedByTheReader(p, "variable vals_nod_var1", f -> f.nodalVariable(0, 0));
    refusedByTheUpdater(p);
  }

  @Test
  void aChunkLargerThanAFixedDimensionIsRefusedBeforeAnythingIsAllocated() throws Exception {
    // was a NegativeArraySizeException or an OutOfMemoryError sized by the claimed chunk
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long layout = d.message(Nc4Damage.address(src, "/vals_nod_var1"), 8);
    Path p = write("huge.exo", d.with(layout + 15, 4, 0x7FFF_FFFFL));
    refusedByTheReader(p, "variable vals_nod_var1", f -> f.nodalVariable(0, 0));
    refusedByTheUpdater(p);
  }

  @Test
  void aHostileStepCountReadsTheStoredStepsAndTimesDoesNotAllocateByIt() throws Exception {
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long dataspace = d.message(Nc4Damage.address(src, "/time_whole"), 1);
    long dim0 = dataspace + 4; // version 2: version, rank, flags, type, then the sizes
    long stored = ncdumpSteps(src);
    assertEquals(stored, d.intactLong(dim0), "the intact time_whole holds the stored steps");
    long hostile = 196_460_394_053_638L;
    Path p = write("steps.exo", d.with(dim0, 8, hostile));
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals(hostile, f.timeStepCount(), "the count stays the file's, as netCDF-C's");
      assertEquals(stored, f.timeStepsInFile(), "the steps stored (ncdump of the intact file)");
      ExodusFormatException e = assertThrows(ExodusFormatException.class, f::times);
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
      double[] t = new double[(int) stored];
      f.readTimes(0, stored, t, 0);
      try (ExodusFile intact = ExodusFile.open(src)) {
        assertArrayEquals(intact.times(), t);
      }
      // the last counted step was never stored: netCDF-C's default fill for a double
      // (NC_FILL_DOUBLE),
      // read through the chunk index (offsets past 2^31 included), not refused as beyond jHDF
      double[] last = new double[1];
      f.readTimes(hostile - 1, 1, last, 0);
      assertEquals(9.9692099683868690e+36, last[0]);
    }
  }

  @Test
  void aNameWithNulIsRefusedByReaderAndUpdater() throws Exception {
    // the reader said "nodal variable 0 is not stored" (IllegalStateException), the updater threw
    // IllegalArgumentException from the writer's name check
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long at = d.find("vals_nod_var1", 0);
    assertTrue(at > 0);
    Path p = write("nul.exo", d.with(at + 7, 1, 0));
    refusedByTheReader(p, "variable 'vals_no?_var1'", f -> {});
    refusedByTheUpdater(p);
  }

  @Test
  void aRenamedValuesVariableIsAFormatError() throws Exception {
    // vals_nod_var1 renamed vals_nod_vaX1: was an IllegalStateException
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long at = d.find("vals_nod_var1", 0);
    Path p = write("renamed.exo", d.with(at + 11, 1, 'X'));
    refusedByTheReader(p, "nodal variable 0 (", f -> f.nodalVariable(0, 0));
  }

  @Test
  void aRenamedTimeVariableIsAFormatErrorAndTheUpdaterRefusesAtOpen() throws Exception {
    // time_whole renamed time_wholX: readTimes and the updater's appendStep threw
    // IllegalStateException
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long at = d.find("time_whole", 0);
    Path p = write("time.exo", d.with(at + 9, 1, 'X'));
    refusedByTheReader(p, "time", f -> f.readTimes(0, 1, new double[1], 0));
    refusedByTheUpdater(p);
  }

  @Test
  void theUpdaterNeverGrowsATruncatedFileItRefuses() throws Exception {
    // jHDF mapped a region past the end through the updater's writable channel, which extends the
    // file (FileChannel.map): the refused file grew from 11,447 to 11,538 bytes
    Path src = corpus(TRI);
    byte[] b = Arrays.copyOf(Files.readAllBytes(src), 11_447);
    Path p = write("cut.exo", b);
    refusedByTheUpdater(p);
  }

  @Test
  void contiguousDataPastTheRecordedEndOfFileIsRefused() throws Exception {
    Path src = corpus(TRI);
    Nc4Damage d = Nc4Damage.of(src);
    long layout = d.message(Nc4Damage.address(src, "/coord"), 8);
    long address = layout + 2; // version 3: version, class, then the address
    assertTrue(d.intactLong(address) > 0 && d.intactLong(address) < Files.size(src));
    Path p = write("past.exo", d.with(address, 8, Files.size(src) - 8));
    refusedByTheReader(p, "variable coord", f -> f.coordinates(0));
    refusedByTheUpdater(p);
  }

  @Test
  void aRecordVariableWhoseDimensionScaleIsLostIsNotAdoptedIntoAFileHdf5Refuses() throws Exception {
    // one bit of the time_step scale's CLASS ("DIMENSION_SCALE" -> "\xC4IMENSION_SCALE"):
    // time_whole
    // gets a fixed phony dimension of length 1 but keeps its chunks of 1024 steps; the updater
    // adopted it and wrote a fixed dimension chunked beyond its size (HDF5 refuses such chunks)
    Path src = corpus(HEXWEDGE);
    Nc4Damage d = Nc4Damage.of(src);
    long at = d.attributeData(Nc4Damage.address(src, "/time_step"), "CLASS");
    assertEquals('D', d.intact[(int) at]);
    Path p = write("scale.exo", d.with(at, 1, 'D' | 0x80));
    refusedByTheUpdater(p);
  }

  @Test
  void aDimensionScaleMadeScalarIsRefusedByTheUpdaterNotThrownAtByItsSchema() throws Exception {
    // the rank of num_node_sets's dataspace set to 0: a fixed dimension of length 0, which the
    // writer's schema refused with IllegalArgumentException
    Path src = corpus(TRI);
    Nc4Damage d = Nc4Damage.of(src);
    long rank = d.message(Nc4Damage.address(src, "/num_node_sets"), 1) + 1;
    assertEquals(1, d.intact[(int) rank]);
    refusedByTheUpdater(write("rank.exo", d.with(rank, 1, 0)));
  }

  @Test
  void aPropertyOfATypeTheModelCannotReadIsAFormatError() throws Exception {
    // the signed bit (bit 3 of the class bit field) of eb_prop1's datatype: the model's read of it
    // threw IllegalArgumentException ("stored as uint64, which does not convert to long") from
    // ExodusFile.open and ExodusUpdater.open
    Path src = corpus(NALU);
    Nc4Damage d = Nc4Damage.of(src);
    long type = d.message(Nc4Damage.address(src, "/eb_prop1"), 3);
    assertEquals(7036, type + 1, "the campaign's finding: bit 3 at byte 7036");
    Path p = write("type.exo", d.with(type + 1, 1, d.intact[(int) type + 1] ^ 8));
    refusedByTheReader(p, "Exodus model", f -> {});
    refusedByTheUpdater(p);
  }

  @Test
  void connectivityOfATypeNoIntegerReadCanTakeIsAFormatErrorAtTheRead() throws Exception {
    // the signed bit of connect2's int64 datatype: uint64 connectivity, which the storage refuses
    // to read as long with its caller-mistake IllegalArgumentException (Jazzer's finding in CI);
    // the file's fault, so an ExodusFormatException naming the file and the variable
    Path src = corpus(HEXWEDGE);
    Nc4Damage d = Nc4Damage.of(src);
    long type = d.message(Nc4Damage.address(src, "/connect2"), 3);
    assertEquals(8, d.intact[(int) type + 1] & 8, "connect2 is signed");
    Path p = write("uconn.exo", d.with(type + 1, 1, d.intact[(int) type + 1] ^ 8));
    refusedByTheReader(
        p, "variable connect2", f -> f.connectivity(f.blocks(EntityType.ELEM_BLOCK).get(1)));
    try (ExodusFile f = ExodusFile.open(p)) {
      // the other block, and everything but connect2, still reads
      assertEquals(
          f.blocks(EntityType.ELEM_BLOCK).get(0).entryCount()
              * f.blocks(EntityType.ELEM_BLOCK).get(0).nodesPerEntry(),
          f.connectivity(f.blocks(EntityType.ELEM_BLOCK).get(0)).length);
    }
  }

  @Test
  void aHugeChunkAlongTheRecordDimensionIsRefusedNotAllocated() throws Exception {
    // time_whole chunked by 2^26 steps (512 MiB) instead of 1: nothing bounds a chunk along the
    // record dimension, so the reader (H5Chunks.lend) and the updater (reading the chunk back to
    // patch it) allocated 512 MiB: OutOfMemoryError under 256 MiB. Its stored chunk, deflated,
    // cannot decode to that size.
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    long layout = d.message(Nc4Damage.address(src, "/time_whole"), 8);
    assertEquals(1, d.intactInt(layout + 11), "the intact time_whole is chunked by 1 step");
    Path p = write("long.exo", d.with(layout + 11, 4, 1L << 26));
    // the stored chunk is checked before anything is allocated (before, a large enough heap read it
    // and found it short, a small one ran out of memory)
    refusedByTheReader(p, "(a damaged chunk shape)", f -> f.readTimes(0, 1, new double[1], 0));
    refusedByTheUpdater(p, "(a damaged chunk shape)");
  }

  @Test
  void aSuperblockWithOffsetsOfZeroBytesIsAFormatError() throws Exception {
    // bytes 8-15 of a version 2 superblock (version, sizes of offsets and lengths, flags) set to
    // 2, 0, 0, ...: jHDF's IllegalArgumentException ("Couldn't read 0 bytes as int") was passed on
    // as if the caller had named a group the file does not hold
    Path src = corpus(POLYMESH);
    Nc4Damage d = Nc4Damage.of(src);
    assertEquals(2, d.intact[8], "a version 2 superblock");
    Path p = write("sizes.exo", d.with(8, 8, 2));
    refusedByTheReader(p, "HDF5", f -> {});
    refusedByTheUpdater(p);
  }

  /** The netCDF dimension id of {@code name} (its position in ncdump's list, the oracle). */
  private static int dimensionId(Path src, String name) throws Exception {
    ExternalTools.require("ncdump");
    String cdl = ExternalTools.run("ncdump", "-h", src.toString());
    String dims = cdl.substring(cdl.indexOf("dimensions:"), cdl.indexOf("variables:"));
    int id = 0;
    for (String line : dims.split("\n")) {
      Matcher m = Pattern.compile("^\\s+(\\S+) = ").matcher(line);
      if (!m.find()) continue;
      if (m.group(1).equals(name)) return id;
      id++;
    }
    throw new AssertionError("no dimension " + name);
  }

  /** The steps ncdump reports for the file ("UNLIMITED ; // (N currently)"). */
  private static long ncdumpSteps(Path src) throws Exception {
    ExternalTools.require("ncdump");
    String cdl = ExternalTools.run("ncdump", "-h", src.toString());
    Matcher m = Pattern.compile("time_step = UNLIMITED ; // \\((\\d+) currently\\)").matcher(cdl);
    assertTrue(m.find(), cdl);
    return Long.parseLong(m.group(1));
  }
}
