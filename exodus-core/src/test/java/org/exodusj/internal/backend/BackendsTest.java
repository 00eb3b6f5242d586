package org.exodusj.internal.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackendsTest {
  @TempDir Path dir;

  /** Every format has a writer; the file carries the format's own signature (netCDF spec). */
  @ParameterizedTest
  @EnumSource(ExodusFormat.class)
  void everyFormatIsWrittenAndReadBackThroughTheSeam(ExodusFormat f) throws Exception {
    Path p = dir.resolve("a.nc");
    Schema s = Backends.schema(f);
    s.dimension("n", 3).unlimitedDimension("time_step");
    s.variable("x", DataType.DOUBLE, List.of("n"));
    s.variable("t", DataType.DOUBLE, List.of("time_step"));
    try (StorageWriter w = Backends.create(p, f, s, StorageWriter.Options.DEFAULT)) {
      w.write(w.variable("x"), new long[] {0}, new long[] {3}, new double[] {1, 2, 3}, 0);
      w.write(w.variable("t"), new long[] {0}, new long[] {2}, new double[] {0.5, 1.5}, 0);
    }
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
    byte[] signature =
        switch (f) {
          case CDF1 -> new byte[] {'C', 'D', 'F', 1};
          case CDF2 -> new byte[] {'C', 'D', 'F', 2};
          case CDF5 -> new byte[] {'C', 'D', 'F', 5};
          case NETCDF4 -> new byte[] {(byte) 0x89, 'H', 'D', 'F'};
        };
    assertArrayEquals(signature, head);
    try (Storage in = Backends.openUnmapped(p)) {
      assertEquals(f, in.fileFormat());
      assertEquals(2, in.recordCount());
      double[] x = new double[3];
      Variable v = in.findVariable("x").orElseThrow();
      in.read(v, new long[] {0}, new long[] {3}, x, 0);
      assertArrayEquals(new double[] {1, 2, 3}, x);
    }
  }

  @Test
  void classicLimitsAreCheckedWhenTheVariableIsDefined() {
    Schema s = Backends.schema(ExodusFormat.CDF2).dimension("n", 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> s.variable("ids", DataType.INT64, List.of("n")));
    assertTrue(e.getMessage().contains("needs CDF-5"), e.getMessage());
    Backends.schema(ExodusFormat.CDF5)
        .dimension("n", 2)
        .variable("ids", DataType.INT64, List.of("n"));
  }

  @Test
  void aNetcdf4FileIsReopenedThroughTheSeamAndGrows() throws Exception {
    Path p = dir.resolve("grow.nc4");
    Schema s = Backends.schema(ExodusFormat.NETCDF4);
    s.dimension("n", 3).unlimitedDimension("time_step");
    s.variable("x", DataType.DOUBLE, List.of("n"));
    s.variable("t", DataType.DOUBLE, List.of("time_step"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(1, true, false, 1);
    try (StorageWriter w = Backends.create(p, ExodusFormat.NETCDF4, s, o)) {
      w.write(w.variable("x"), new long[] {0}, new long[] {3}, new double[] {1, 2, 3}, 0);
      w.write(w.variable("t"), new long[] {0}, new long[] {2}, new double[] {0.5, 1.5}, 0);
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Storage current = Backends.openThrough(p, ch);
        StorageWriter w = Backends.openForUpdate(p, ch, current, StorageWriter.Options.DEFAULT)) {
      assertEquals(2, w.committedRecords());
      w.write(w.variable("x"), new long[] {1}, new long[] {1}, new double[] {-2}, 0);
      w.write(w.variable("t"), new long[] {2}, new long[] {1}, new double[] {2.5}, 0);
      w.commit();
    }
    try (Storage in = Backends.openUnmapped(p)) {
      assertEquals(ExodusFormat.NETCDF4, in.fileFormat());
      assertEquals(3, in.recordCount());
      double[] x = new double[3];
      in.read(in.findVariable("x").orElseThrow(), new long[] {0}, new long[] {3}, x, 0);
      assertArrayEquals(new double[] {1, -2, 3}, x);
      double[] t = new double[3];
      in.read(in.findVariable("t").orElseThrow(), new long[] {0}, new long[] {3}, t, 0);
      assertArrayEquals(new double[] {0.5, 1.5, 2.5}, t);
    }
  }

  /**
   * A NetCDF-4 file netCDF-C wrote is adopted for updates (issue 16): nothing is written until a
   * write, the values written read back in netCDF-C; what the writer cannot carry (here a group) is
   * refused with a clear message, the file untouched and the caller's channel open.
   */
  @Test
  void netcdf4FilesOfOtherWritersAreAdoptedOrRefusedWithAClearMessage() throws Exception {
    ExternalTools.require("nccopy");
    Path classic = dir.resolve("c.nc");
    Schema s = Backends.schema(ExodusFormat.CDF2).dimension("n", 2);
    s.variable("x", DataType.DOUBLE, List.of("n"));
    try (StorageWriter w =
        Backends.create(classic, ExodusFormat.CDF2, s, StorageWriter.Options.DEFAULT)) {
      w.write(w.variable("x"), new long[] {0}, new long[] {2}, new double[] {1, 2}, 0);
    }
    Path p = dir.resolve("c.nc4");
    ExternalTools.run("nccopy", "-k", "nc4", classic.toString(), p.toString());
    byte[] before = Files.readAllBytes(p);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      StorageWriter w;
      try (Storage current = Backends.openThrough(p, ch)) {
        w = Backends.openForUpdate(p, ch, current, StorageWriter.Options.DEFAULT);
      }
      assertArrayEquals(before, Files.readAllBytes(p), "nothing written before a write");
      w.write(w.variable("x"), new long[] {1}, new long[] {1}, new double[] {-7.5}, 0);
      w.close();
      assertTrue(ch.isOpen(), "the caller's channel stays open");
    }
    String dump = ExternalTools.run("ncdump", "-v", "x", p.toString());
    assertTrue(dump.contains("x = 1, -7.5 ;"), dump);

    Path cdl = dir.resolve("g.cdl");
    Files.writeString(
        cdl,
        "netcdf g {\ndimensions:\n n = 2 ;\nvariables:\n double x(n) ;\ndata:\n x = 1, 2 ;\n"
            + "group: sub {\n variables:\n  int y ;\n data:\n  y = 3 ;\n}\n}\n");
    Path g = dir.resolve("g.nc4");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", g.toString(), cdl.toString());
    byte[] gBefore = Files.readAllBytes(g);
    try (FileChannel ch = FileChannel.open(g, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Storage current = Backends.openThrough(g, ch)) {
      ExodusFormatException e =
          assertThrows(
              ExodusFormatException.class,
              () -> Backends.openForUpdate(g, ch, current, StorageWriter.Options.DEFAULT));
      assertTrue(e.getMessage().contains(g.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("group /sub"), e.getMessage());
      assertTrue(ch.isOpen(), "the caller's channel stays open");
    }
    assertArrayEquals(gBefore, Files.readAllBytes(g), "the refused file is not touched");
  }
}
