package org.exodusj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.Assembly;
import org.exodusj.Blob;
import org.exodusj.Block;
import org.exodusj.BlockSpec;
import org.exodusj.Definition;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusWriter;
import org.exodusj.QaRecord;
import org.exodusj.SetSpec;
import org.exodusj.Topology;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file with every entity kind, written by {@link ExodusWriter}, reads back with exactly the
 * values written, through this library and through the reference C library (its canonical dump
 * equals ours record by record); ncdump accepts it.
 */
class WriterInteropTest {
  @TempDir Path dir;

  static final double[][] XYZ = {
    {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2},
    {0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1},
    {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}
  };

  static Path write(Path p, ExodusFormat format, int realSize, boolean int64) throws Exception {
    return write(p, format, realSize, int64, d -> {});
  }

  /** As above, with {@code tune} applied to the definition (NetCDF-4 filters, ...). */
  static Path write(
      Path p,
      ExodusFormat format,
      int realSize,
      boolean int64,
      java.util.function.Consumer<Definition> tune)
      throws Exception {
    Definition d =
        ExodusWriter.define(format, "every entity kind", 3, 12)
            .realWordSize(realSize)
            .int64(int64)
            .coordinateNames("x", "y", "z")
            .block(
                BlockSpec.of(EntityType.ELEM_BLOCK, 10, "HEX8", 2, 8)
                    .named("hexes")
                    .withAttributes("thickness"))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 20, "NSIDED", 2, 7).named("polygons"))
            .block(
                new BlockSpec(EntityType.ELEM_BLOCK, 30, "poly", "NFACED", 1, 0, 0, 4, List.of()))
            .block(BlockSpec.of(EntityType.ELEM_BLOCK, 40, "NULL", 0, 0))
            .block(BlockSpec.of(EntityType.EDGE_BLOCK, 100, "BAR2", 3, 2))
            .block(BlockSpec.of(EntityType.FACE_BLOCK, 300, "NSIDED", 4, 12))
            .set(SetSpec.of(EntityType.NODE_SET, 1, 3, 3).named("left"))
            .set(SetSpec.of(EntityType.SIDE_SET, 2, 2, 8))
            .set(SetSpec.of(EntityType.ELEM_SET, 3, 2, 0))
            .set(SetSpec.of(EntityType.EDGE_SET, 4, 2, 2))
            .set(SetSpec.of(EntityType.FACE_SET, 5, 1, 0))
            .idMap(EntityType.NODE_MAP)
            .idMap(EntityType.ELEM_MAP)
            .numberedMaps(EntityType.ELEM_MAP, List.of(7L), List.of("order"))
            .qaRecords(List.of(new QaRecord("exodus-java", "0.1", "2026-11-21", "12:00:00")))
            .infoRecords(List.of("first line", "second line"))
            .globalVariables("energy", "momentum")
            .nodalVariables("temperature", "pressure")
            .variables(
                EntityType.ELEM_BLOCK,
                List.of("stress", "strain"),
                new boolean[][] {{true, true}, {true, false}, {false, true}, {false, false}})
            .variables(EntityType.NODE_SET, List.of("flux"), null)
            .variables(EntityType.SIDE_SET, List.of("traction"), null)
            .variables(EntityType.EDGE_BLOCK, List.of("current"), null)
            .variables(EntityType.FACE_BLOCK, List.of("area"), null)
            .variables(EntityType.ELEM_SET, List.of("damage"), null)
            .reductionVariables(EntityType.ELEM_BLOCK, "total")
            .assembly(new Assembly(500, "solids", EntityType.ELEM_BLOCK, List.of(10L, 20L)))
            .reductionVariables(EntityType.ASSEMBLY, "mass")
            .blob(new Blob(600, "table", 3));
    tune.accept(d);
    try (ExodusWriter w = ExodusWriter.create(p, d)) {
      for (int a = 0; a < 3; a++) w.writeCoordinates(a, 0, 12, XYZ[a], 0);
      w.writeConnectivity(
          EntityType.ELEM_BLOCK,
          10,
          0,
          2,
          new long[] {1, 2, 5, 4, 7, 8, 11, 10, 2, 3, 6, 5, 8, 9, 12, 11},
          0);
      w.writeAttributes(EntityType.ELEM_BLOCK, 10, 0, 2, new double[] {0.25, 0.5}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 20, 0, 7, new int[] {1, 2, 4, 2, 3, 6, 5}, 0);
      w.writeEntityCounts(EntityType.ELEM_BLOCK, 20, 0, 2, new int[] {3, 4}, 0);
      w.writeConnectivity(EntityType.ELEM_BLOCK, 30, 0, 4, new long[] {1, 2, 3, 4}, 0);
      w.writeEntityCounts(EntityType.ELEM_BLOCK, 30, 0, 1, new int[] {4}, 0);
      w.writeConnectivity(EntityType.EDGE_BLOCK, 100, 0, 3, new int[] {1, 2, 2, 3, 3, 6}, 0);
      w.writeConnectivity(
          EntityType.FACE_BLOCK, 300, 0, 12, new long[] {1, 2, 7, 2, 3, 8, 3, 1, 9, 1, 2, 3}, 0);
      w.writeEntityCounts(EntityType.FACE_BLOCK, 300, 0, 4, new int[] {3, 3, 3, 3}, 0);
      w.writeSet(EntityType.NODE_SET, 1, 0, 3, new long[] {1, 4, 7}, null);
      w.writeDistributionFactors(EntityType.NODE_SET, 1, 0, 3, new double[] {1, 0.5, 0.25}, 0);
      w.writeSet(EntityType.SIDE_SET, 2, 0, 2, new long[] {1, 2}, new long[] {4, 6});
      w.writeDistributionFactors(
          EntityType.SIDE_SET, 2, 0, 8, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 0);
      w.writeSet(EntityType.ELEM_SET, 3, 0, 2, new long[] {1, 3}, null);
      w.writeSet(EntityType.EDGE_SET, 4, 0, 2, new long[] {1, 2}, new long[] {0, 1});
      w.writeDistributionFactors(EntityType.EDGE_SET, 4, 0, 2, new double[] {0.1, 0.2}, 0);
      w.writeSet(EntityType.FACE_SET, 5, 0, 1, new long[] {4}, new long[] {1});
      long[] nodeIds = new long[12];
      for (int i = 0; i < 12; i++) nodeIds[i] = 100 + 3 * i;
      w.writeIdMap(EntityType.NODE_MAP, 0, 12, nodeIds, 0);
      w.writeIdMap(EntityType.ELEM_MAP, 0, 5, new long[] {11, 12, 21, 22, 31}, 0);
      w.writeNumberedMap(EntityType.ELEM_MAP, 0, 0, 5, new long[] {5, 4, 3, 2, 1}, 0);
      for (int s = 0; s < 2; s++) {
        long step = w.beginStep(0.5 * (s + 1));
        w.writeGlobalVariables(step, new double[] {10 + s, -10 - s}, 0);
        double[] t = new double[12];
        for (int n = 0; n < 12; n++) t[n] = 300 + n + 0.25 * s;
        w.writeNodalVariable(0, step, 0, 12, t, 0);
        for (int n = 0; n < 12; n++) t[n] = -n - s;
        w.writeNodalVariable(1, step, 0, 12, t, 0);
        w.writeVariable(EntityType.ELEM_BLOCK, 0, 10, step, 0, 2, new double[] {1 + s, 2 + s}, 0);
        w.writeVariable(EntityType.ELEM_BLOCK, 1, 10, step, 0, 2, new double[] {3 + s, 4 + s}, 0);
        w.writeVariable(EntityType.ELEM_BLOCK, 0, 20, step, 0, 2, new double[] {5 + s, 6 + s}, 0);
        w.writeVariable(EntityType.ELEM_BLOCK, 1, 30, step, 0, 1, new double[] {7 + s}, 0);
        w.writeVariable(EntityType.NODE_SET, 0, 1, step, 0, 3, new double[] {8, 9, 10}, 0);
        w.writeVariable(EntityType.SIDE_SET, 0, 2, step, 0, 2, new double[] {11, 12}, 0);
        w.writeVariable(EntityType.EDGE_BLOCK, 0, 100, step, 0, 3, new double[] {13, 14, 15}, 0);
        w.writeVariable(
            EntityType.FACE_BLOCK, 0, 300, step, 0, 4, new double[] {16, 17, 18, 19}, 0);
        w.writeVariable(EntityType.ELEM_SET, 0, 3, step, 0, 2, new double[] {20, 21}, 0);
        w.writeReductionVariables(EntityType.ELEM_BLOCK, 10, step, new double[] {99 + s}, 0);
        w.writeReductionVariables(EntityType.ASSEMBLY, 500, step, new double[] {1000 + s}, 0);
        w.commitStep();
      }
    }
    return p;
  }

  @ParameterizedTest(name = "{0}, {1}-byte reals, int64 {2}")
  @CsvSource({"CDF2,8,false", "CDF1,4,false", "CDF5,8,true"})
  void writtenFilesReadBackExactlyHereAndInTheCLibrary(
      ExodusFormat format, int realSize, boolean int64) throws Exception {
    Path p = write(dir.resolve("all-" + format + ".e"), format, realSize, int64);
    try (ExodusFile f = ExodusFile.open(p)) {
      assertEquals("every entity kind", f.title());
      assertEquals(List.of(), f.defects());
      assertEquals(realSize, f.info().floatingPointWordSize());
      assertEquals(int64, f.info().storesInt64());
      assertArrayEquals(XYZ[1], f.coordinates(1));
      List<Block> eb = f.blocks(EntityType.ELEM_BLOCK);
      assertEquals(List.of(10L, 20L, 30L, 40L), eb.stream().map(Block::id).toList());
      assertEquals("hexes", eb.get(0).name());
      assertEquals(List.of("thickness"), eb.get(0).attributeNames());
      assertEquals(Topology.NSIDED, eb.get(1).topology());
      assertEquals(Topology.NFACED, eb.get(2).topology());
      assertEquals(Topology.NULL, eb.get(3).topology());
      assertArrayEquals(new long[] {1, 2, 4, 2, 3, 6, 5}, f.connectivity(eb.get(1)));
      long[] counts = new long[2];
      f.readEntityCounts(eb.get(1), 0, 2, counts, 0);
      assertArrayEquals(new long[] {3, 4}, counts);
      EntitySet ss = f.set(EntityType.SIDE_SET, 2);
      long[] sides = new long[2];
      f.readSetExtra(ss, 0, 2, sides, 0);
      assertArrayEquals(new long[] {4, 6}, sides);
      assertEquals(1, f.assemblies().size());
      assertEquals(List.of(10L, 20L), f.assemblies().get(0).members());
      assertEquals(EntityType.ELEM_BLOCK, f.assemblies().get(0).memberType());
      assertEquals("table", f.blobs().get(0).name());
      assertEquals(List.of("mass"), f.reductionVariableNames(EntityType.ASSEMBLY));
      double[] red = new double[1];
      f.readReductionVariables(EntityType.ASSEMBLY, 500, 1, red, 0);
      assertEquals(1001, red[0]);
      f.readReductionVariables(EntityType.ELEM_BLOCK, 10, 0, red, 0);
      assertEquals(99, red[0]);
      assertEquals(7, f.numberedMaps(EntityType.ELEM_MAP).get(0).id());
      assertEquals("order", f.numberedMaps(EntityType.ELEM_MAP).get(0).name());
      assertTrue(f.truthTable(EntityType.ELEM_BLOCK).has(2, 1));
      assertTrue(!f.truthTable(EntityType.ELEM_BLOCK).has(2, 0));
      double[] t = new double[12];
      f.readNodalVariable(0, 1, 0, 12, t, 0);
      assertEquals(305.25, t[5]);
      StringWriter ours = new StringWriter();
      new CanonicalDump(f, ours).dump();
      String theirs = CExref.dump(p);
      assertEquals(List.of(), DumpComparison.compare(theirs, ours.toString(), 5));
      assertTrue(DumpComparison.records(theirs) > 40, theirs);
    }
    CExref.run("ncdump", p.toString());
  }
}
