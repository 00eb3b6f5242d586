package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusUpdater;
import org.exodusj.ExodusWriter;
import org.exodusj.internal.io.ByteSource;
import org.exodusj.internal.io.WindowedByteSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unfiltered chunk whose index entry gives a stored size other than the chunk's bytes (a damaged
 * index) must fail when the updater reads it back to patch it, with an IOException naming the file,
 * never an ArrayIndexOutOfBoundsException; the chunk's bytes stay as they were.
 */
class Nc4PatchShortChunkTest {
  @TempDir Path dir;

  @Test
  void anUnfilteredChunkOfTheWrongSizeIsRefusedWhenPatched() throws Exception {
    Path f = dir.resolve("short.nc4");
    long[] chunk = writeAndDamage(f, 1, 2000);
    long address = chunk[0];
    int size = (int) chunk[1];
    byte[] damaged = Files.readAllBytes(f);
    try (ExodusUpdater u = ExodusUpdater.open(f)) {
      IOException e =
          assertThrows(
              IOException.class, () -> u.writeNodalVariable(0, 0, 5, 1, new double[] {7}, 0));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("vals_nod_var1"), e.getMessage());
      assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
    byte[] after = Files.readAllBytes(f);
    assertArrayEquals(
        java.util.Arrays.copyOfRange(damaged, (int) address, (int) address + size),
        java.util.Arrays.copyOfRange(after, (int) address, (int) address + size),
        "the chunk's bytes are unchanged");
  }

  /**
   * A step appended with 2 steps per chunk: v is written, u's write fails (its chunk is damaged),
   * so the commit abandons the step. v's chunk also holds the committed step 0: the abandoned
   * values must not come back as the next appended step's (they read as netCDF's fill value there),
   * whether v's chunk was still in memory or already written out (v written twice).
   */
  @Test
  void anAbandonedStepLeavesNoValuesInTheChunkItSharesWithACommittedOne() throws Exception {
    for (boolean writtenOut : new boolean[] {false, true}) {
      Path f = dir.resolve("abandoned-" + writtenOut + ".nc4");
      int nodes = 20;
      writeAndDamage(f, 2, nodes);
      try (ExodusUpdater u = ExodusUpdater.open(f)) {
        long step = u.appendStep(1.0);
        double[] lost = new double[nodes];
        Arrays.fill(lost, 99);
        u.writeNodalVariable(1, step, 0, nodes, lost, 0);
        if (writtenOut) u.writeNodalVariable(1, step, 0, nodes, lost, 0);
        assertThrows(IOException.class, () -> u.writeNodalVariable(0, step, 0, nodes, lost, 0));
        assertThrows(IOException.class, u::commit);
        assertEquals(1, u.appendStep(2.0));
        u.commit();
      }
      try (ExodusFile r = ExodusFile.open(f)) {
        assertEquals(2, r.timeStepCount());
        double[] expected = new double[nodes];
        for (int i = 0; i < nodes; i++) expected[i] = -i;
        assertArrayEquals(expected, r.nodalVariable(1, 0), "the committed step");
        Arrays.fill(expected, 9.969209968386869E36); // NC_FILL_DOUBLE
        assertArrayEquals(expected, r.nodalVariable(1, 1), "writtenOut " + writtenOut);
      }
    }
  }

  /**
   * Writes nodal variables u and v (one step: u[i] = i, v[i] = -i) with {@code steps} steps per
   * chunk, then makes the stored size of u's first chunk one value long in its B-tree key; returns
   * that chunk's address and size before.
   */
  private static long[] writeAndDamage(Path f, int steps, int nodes) throws IOException {
    try (ExodusWriter w =
        ExodusWriter.create(
            f,
            ExodusWriter.define(ExodusFormat.NETCDF4, "short", 1, nodes)
                .allowUnwrittenMesh(true)
                .nodalVariables("u", "v")
                .chunkSteps(steps))) {
      long s = w.beginStep(0);
      double[] u = new double[nodes];
      for (int i = 0; i < nodes; i++) u[i] = i;
      w.writeNodalVariable(0, s, 0, nodes, u, 0);
      for (int i = 0; i < nodes; i++) u[i] = -i;
      w.writeNodalVariable(1, s, 0, nodes, u, 0);
      w.commitStep();
    }
    long address;
    int size;
    try (HdfFile h = new HdfFile(f);
        ByteSource src = WindowedByteSource.map(f)) {
      io.jhdf.AbstractNode d = (io.jhdf.AbstractNode) h.getDatasetByPath("vals_nod_var1");
      ChunkedDataLayoutMessage m = d.getHeader().getMessageOfType(ChunkedDataLayoutMessage.class);
      assertEquals(steps, m.getChunkDimensions()[0]);
      assertTrue(m.getChunkDimensions()[1] >= 6, "the chunk holds node 6");
      V1ChunkIndex index =
          new V1ChunkIndex(
              f.toString(),
              "vals_nod_var1",
              src,
              h.getUserBlockSize(),
              m.getBTreeAddress(),
              2,
              h.getHdfBackingStorage().getSuperblock().getSizeOfOffsets());
      V1ChunkIndex.Location loc = new V1ChunkIndex.Location();
      assertTrue(index.find(new long[] {0, 0}, loc));
      address = loc.address;
      size = loc.size;
    }
    // In a version 1 B-tree leaf a key (size u32, filter mask u32, 3 offsets u64) precedes the
    // chunk's address: find it and make the stored size one value long.
    byte[] bytes = Files.readAllBytes(f);
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int keyAt = -1;
    for (int p = 32; p + 8 <= bytes.length; p++) {
      if (bb.getLong(p) == address && bb.getInt(p - 32) == size && bb.getLong(p - 24) == 0) {
        keyAt = p - 32;
      }
    }
    assertTrue(keyAt > 0, "the chunk's B-tree key");
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.seek(keyAt);
      r.write(new byte[] {8, 0, 0, 0});
    }
    return new long[] {address, size};
  }
}
