package org.exodusj.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exodusj.ExodusFormat;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.testutil.ExternalTools;
import org.exodusj.internal.testutil.NcdumpData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write seam's contract over both writers ({@code CdfWriter}, {@code Nc4Writer}), reached as
 * the library reaches them: {@link Backends#create} and {@link Backends#openForUpdate} with a
 * {@link StorageWriter}. What a writer wrote is read back by netCDF-C ({@code ncdump}: {@link
 * NcdumpData}, {@code ncdump -k} for the kind), never by this library's readers.
 */
abstract class StorageWriterContract {
  @TempDir Path dir;
  private Path file;

  /** The format written. */
  abstract ExodusFormat format();

  /** What {@code ncdump -k} calls it. */
  abstract String ncdumpKind();

  /** The writer's options with fill on. */
  StorageWriter.Options options() {
    return StorageWriter.Options.DEFAULT;
  }

  /** True when the writer copies records in bulk (the classic one). */
  boolean copiesRecordsInBulk() {
    return format() != ExodusFormat.NETCDF4;
  }

  @BeforeEach
  void tools() {
    ExternalTools.require("ncdump");
    file = dir.resolve("written.nc");
  }

  private Schema schema() {
    Schema s = Backends.schema(format());
    s.dimension("n", 4).dimension("len", 6).unlimitedDimension("time");
    s.attribute(Attribute.text("title", "writer contract"));
    s.variable("d", DataType.DOUBLE, List.of("n"), Attribute.text("units", "m"));
    s.variable("f", DataType.FLOAT, List.of("n"));
    s.variable("i", DataType.INT, List.of("n"), Attribute.integers("_FillValue", DataType.INT, -7));
    s.variable("s", DataType.SHORT, List.of("n"));
    s.variable("c", DataType.CHAR, List.of("n", "len"));
    s.variable("t", DataType.DOUBLE, List.of("time"));
    s.variable("rec", DataType.DOUBLE, List.of("time", "n"));
    return s;
  }

  private static List<String> numbers(Map<String, List<NcdumpData.Token>> dump, String v) {
    List<String> out = new ArrayList<>();
    for (NcdumpData.Token t : dump.get(v)) out.add(t.text());
    return out;
  }

  private static final long[] Z = {0};

  @Test
  void whatIsWrittenIsWhatNetcdfCReads() throws Exception {
    try (StorageWriter w = Backends.create(file, format(), schema(), options())) {
      assertEquals(file, w.path());
      w.write(w.variable("d"), Z, new long[] {4}, new double[] {0.5, -1.25, 1e300, -0.0}, 0);
      w.write(w.variable("f"), Z, new long[] {4}, new float[] {1.5f, 2, 3, 4}, 0);
      // int values into a short variable: every one fits
      w.write(w.variable("s"), Z, new long[] {4}, new int[] {-32768, 0, 1, 32767}, 0);
      w.write(w.variable("i"), new long[] {1}, new long[] {2}, new int[] {9, 10, 11}, 1);
      // long values into an int variable (ids, connectivity): the smallest int fits
      w.write(w.variable("i"), Z, new long[] {1}, new long[] {Integer.MIN_VALUE}, 0);
      w.writeText(w.variable("c"), new long[] {1, 0}, new long[] {1, 6}, "abc");
      ByteBuffer raw = ByteBuffer.allocate(16).putDouble(0.25).putDouble(0.75).flip();
      w.writeRaw(w.variable("t"), Z, new long[] {2}, raw);
      assertEquals(16, raw.position());
      w.write(
          w.variable("rec"),
          new long[] {0, 0},
          new long[] {2, 4},
          new double[] {1, 2, 3, 4, 5, 6, 7, 8},
          0);
      assertEquals(2, w.writtenRecords());
      w.commit();
      assertEquals(2, w.committedRecords());
    }
    assertEquals(ncdumpKind(), ExternalTools.run("ncdump", "-k", file.toString()).trim());
    Map<String, List<NcdumpData.Token>> dump = NcdumpData.of(file);
    // ncdump -p 9,17 prints 17 significant digits for doubles, 9 for floats
    assertEquals(List.of("0.5", "-1.25", "1.0000000000000001e+300", "-0"), numbers(dump, "d"));
    assertEquals(List.of("1.5", "2", "3", "4"), numbers(dump, "f"));
    assertEquals(List.of("-32768", "0", "1", "32767"), numbers(dump, "s"));
    assertEquals(List.of("-2147483648", "10", "11", "_"), numbers(dump, "i")); // "_": the fill
    assertEquals(List.of("0.25", "0.75"), numbers(dump, "t"));
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), numbers(dump, "rec"));
    List<NcdumpData.Token> c = dump.get("c");
    assertEquals("abc", new String(c.get(1).bytes(), "US-ASCII").replace("\0", ""));
    String header = ExternalTools.run("ncdump", "-h", file.toString());
    assertTrue(header.contains(":title = \"writer contract\""), header);
    assertTrue(header.contains("d:units = \"m\""), header);
    assertTrue(header.contains("UNLIMITED ; // (2 currently)"), header);
  }

  @Test
  void recordsCountOnlyWhenCommitted() throws Exception {
    try (StorageWriter w = Backends.create(file, format(), schema(), options())) {
      w.write(w.variable("t"), Z, new long[] {1}, new double[] {0.5}, 0);
      w.commit();
      w.write(w.variable("t"), new long[] {1}, new long[] {2}, new double[] {1.5, 2.5}, 0);
      assertEquals(3, w.writtenRecords());
      assertEquals(1, w.committedRecords());
      w.abandonUncommitted();
      assertEquals(1, w.writtenRecords());
    }
    assertEquals(List.of("0.5"), numbers(NcdumpData.of(file), "t"));
    // the unwritten part of a written record holds the fill value
    assertEquals(List.of("_", "_", "_", "_"), numbers(NcdumpData.of(file), "rec"));
  }

  @Test
  void callerMistakesAreRefusedBeforeAnythingIsWritten() throws Exception {
    try (StorageWriter w = Backends.create(file, format(), schema(), options())) {
      Variable s = w.variable("s");
      IllegalArgumentException narrowing =
          assertThrows(
              IllegalArgumentException.class,
              () -> w.write(s, Z, new long[] {2}, new int[] {1, 40000}, 0));
      assertTrue(narrowing.getMessage().contains("40000"), narrowing.getMessage());
      IllegalArgumentException wide =
          assertThrows(
              IllegalArgumentException.class,
              () -> w.write(w.variable("i"), Z, new long[] {2}, new long[] {1, 1L << 31}, 0));
      assertTrue(wide.getMessage().contains("2147483648 at slab index 1"), wide.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> w.write(w.variable("f"), Z, new long[] {1}, new double[] {0.1}, 0));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              w.writeReals(
                  w.variable("f"),
                  Z,
                  new long[] {1},
                  new double[] {0.1},
                  0,
                  StorageWriter.RealRounding.EXACT_ONLY));
      w.writeReals(
          w.variable("f"),
          Z,
          new long[] {2},
          new double[] {0.1, 0.5},
          0,
          StorageWriter.RealRounding.ROUND);
      IndexOutOfBoundsException beyond =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> w.write(w.variable("d"), new long[] {3}, new long[] {2}, new double[2], 0));
      assertTrue(beyond.getMessage().contains("3"), beyond.getMessage());
      assertThrows(IllegalArgumentException.class, () -> w.variable("nothing"));
      assertTrue(w.findVariable("nothing").isEmpty());
      assertThrows(
          IllegalArgumentException.class,
          () -> w.writeText(w.variable("c"), Z.clone(), new long[] {1, 6}, "seven!!"));
    }
    Map<String, List<NcdumpData.Token>> dump = NcdumpData.of(file);
    assertEquals(List.of("_", "_", "_", "_"), numbers(dump, "s"));
    assertEquals(List.of("0.100000001", "0.5", "_", "_"), numbers(dump, "f")); // 0.1f, rounded
  }

  @Test
  void aClosedWriterRefusesWrites() throws Exception {
    StorageWriter w = Backends.create(file, format(), schema(), options());
    Variable d = w.variable("d");
    w.close();
    w.close(); // a second close does nothing
    assertThrows(
        IllegalStateException.class, () -> w.write(d, Z, new long[] {1}, new double[1], 0));
  }

  @Test
  void aReopenedFileTakesRecordsAndInPlaceWrites() throws Exception {
    try (StorageWriter w = Backends.create(file, format(), schema(), options())) {
      w.write(w.variable("t"), Z, new long[] {1}, new double[] {0.5}, 0);
    }
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Storage current = Backends.openThrough(file, ch);
        StorageWriter w = Backends.openForUpdate(file, ch, current, options())) {
      assertEquals(1, w.committedRecords());
      w.write(w.variable("t"), new long[] {1}, new long[] {1}, new double[] {1.5}, 0);
      w.write(w.variable("d"), new long[] {2}, new long[] {1}, new double[] {-3}, 0);
      w.commit();
    }
    Map<String, List<NcdumpData.Token>> dump = NcdumpData.of(file);
    assertEquals(List.of("0.5", "1.5"), numbers(dump, "t"));
    assertEquals(List.of("_", "_", "-3", "_"), numbers(dump, "d"));
    try (StorageWriter w = Backends.openForUpdate(file, options())) {
      w.write(w.variable("t"), new long[] {2}, new long[] {1}, new double[] {2.5}, 0);
    }
    assertEquals(List.of("0.5", "1.5", "2.5"), numbers(NcdumpData.of(file), "t"));
  }

  /**
   * {@link StorageWriter#copyRecords} either copies every record of the variables given (the others
   * holding their fill value) or declines having written nothing; the caller's variable-by-variable
   * copy then gives the same file.
   */
  @Test
  void recordsCopiedInBulkOrDeclined() throws Exception {
    Path source = dir.resolve("source.nc");
    try (StorageWriter w = Backends.create(source, format(), schema(), options())) {
      w.write(w.variable("t"), Z, new long[] {3}, new double[] {0.5, 1.5, 2.5}, 0);
      double[] r = new double[12];
      for (int k = 0; k < r.length; k++) r[k] = k * 0.25;
      w.write(w.variable("rec"), new long[] {0, 0}, new long[] {3, 4}, r, 0);
    }
    Schema grown = schema();
    grown.variable("added", DataType.DOUBLE, List.of("time", "n"));
    try (Storage in = Backends.openUnmapped(source);
        StorageWriter w = Backends.create(file, format(), grown, options())) {
      List<Variable> copied = new ArrayList<>();
      copied.add(in.findVariable("t").orElseThrow());
      copied.add(in.findVariable("rec").orElseThrow());
      boolean bulk = w.copyRecords(in, copied, 3);
      assertEquals(copiesRecordsInBulk(), bulk);
      if (bulk) {
        assertEquals(3, w.writtenRecords());
      } else {
        assertEquals(0, w.writtenRecords());
        for (Variable v : copied) {
          long[] shape = in.shape(v);
          long n = 1;
          for (long x : shape) n *= x;
          ByteBuffer b = ByteBuffer.allocate((int) n * 8);
          in.readRaw(v, new long[shape.length], shape, b);
          w.writeRaw(w.variable(v.name()), new long[shape.length], shape, b.flip());
        }
      }
      w.commit();
    }
    Map<String, List<NcdumpData.Token>> want = NcdumpData.of(source);
    Map<String, List<NcdumpData.Token>> got = NcdumpData.of(file);
    assertEquals(numbers(want, "t"), numbers(got, "t"));
    assertEquals(numbers(want, "rec"), numbers(got, "rec"));
    List<String> fill = new ArrayList<>();
    for (int k = 0; k < 12; k++) fill.add("_");
    assertEquals(fill, numbers(got, "added"));
    assertFalse(Files.size(file) == 0);
  }

  @Test
  void aRecordCopyIntoAVariableOfAnotherShapeIsDeclined() throws Exception {
    Path source = dir.resolve("source.nc");
    Schema other = Backends.schema(format());
    other.dimension("n", 3).unlimitedDimension("time");
    other.variable("rec", DataType.DOUBLE, List.of("time", "n"));
    try (StorageWriter w = Backends.create(source, format(), other, options())) {
      w.write(w.variable("rec"), new long[] {0, 0}, new long[] {1, 3}, new double[3], 0);
    }
    try (Storage in = Backends.openUnmapped(source);
        StorageWriter w = Backends.create(file, format(), schema(), options())) {
      assertFalse(w.copyRecords(in, List.of(in.findVariable("rec").orElseThrow()), 1));
      assertEquals(0, w.writtenRecords());
    }
  }
}
