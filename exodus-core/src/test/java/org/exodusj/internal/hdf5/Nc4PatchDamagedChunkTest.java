package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.exodusj.ExodusWriter;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.WindowedByteSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-place write into a NetCDF-4 chunk reads the chunk back, patches it and writes it again: a
 * damaged chunk must fail there with an error naming the file, never be written back "repaired"
 * with zeros where its bytes were lost.
 */
class Nc4PatchDamagedChunkTest {
  @TempDir Path dir;

  @Test
  void patchingADamagedChunkFailsAndLeavesItAsItWas() throws Exception {
    for (boolean fletcher : new boolean[] {true, false}) {
      Path f = dir.resolve("damaged-" + fletcher + ".nc4");
      int nodes = 2000;
      try (ExodusWriter w =
          ExodusWriter.create(
              f,
              ExodusWriter.define(ExodusFormat.NETCDF4, "patch", 1, nodes)
                  .allowUnwrittenMesh(true)
                  .nodalVariables("u")
                  .compression(
                      fletcher
                          ? org.exodusj.Compression.deflate(1, false).withFletcher32()
                          : org.exodusj.Compression.deflate(1, false)))) {
        long s = w.beginStep(0);
        double[] u = new double[nodes];
        for (int i = 0; i < nodes; i++) u[i] = Math.sin(i) * 1000;
        w.writeNodalVariable(0, s, 0, nodes, u, 0);
        w.commitStep();
      }
      long at;
      int size;
      try (HdfFile h = new HdfFile(f);
          ByteSource src = WindowedByteSource.map(f)) {
        io.jhdf.AbstractNode d = (io.jhdf.AbstractNode) h.getDatasetByPath("vals_nod_var1");
        long btree =
            d.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class).getBTreeAddress();
        V1ChunkIndex index =
            new V1ChunkIndex(
                f.toString(),
                "vals_nod_var1",
                src,
                h.getUserBlockSize(),
                btree,
                2,
                h.getHdfBackingStorage().getSuperblock().getSizeOfOffsets());
        V1ChunkIndex.Location loc = new V1ChunkIndex.Location();
        assertTrue(index.find(new long[] {0, 0}, loc));
        at = h.getUserBlockSize() + loc.address;
        size = loc.size;
      }
      // Cut the deflate stream short by zeroing its second half (a torn or damaged write).
      try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
        r.seek(at + size / 2);
        r.write(new byte[size / 2 - (fletcher ? 4 : 0)]);
      }
      byte[] damaged = Files.readAllBytes(f);
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        IOException e =
            assertThrows(
                IOException.class, () -> u.writeNodalVariable(0, 0, 5, 1, new double[] {7}, 0));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
      }
      byte[] after = Files.readAllBytes(f);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(damaged, (int) at, (int) at + size),
          java.util.Arrays.copyOfRange(after, (int) at, (int) at + size),
          "the damaged chunk was not rewritten");
      try (ExodusFile r = ExodusFile.open(f)) {
        assertThrows(IOException.class, () -> r.nodalVariable(0, 0), "readers still see damage");
      }
    }
  }
}
