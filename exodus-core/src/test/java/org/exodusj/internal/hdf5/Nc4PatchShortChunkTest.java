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
import org.exodusj.Compression;
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
 * index) is refused when the updater opens the file (it validates every stored chunk's size before
 * its first write), with an IOException naming the file, never an ArrayIndexOutOfBoundsException;
 * the file stays byte for byte as it was. A damaged chunk the index cannot show (its data, caught
 * by Fletcher-32 only when read back) fails the write that patches it.
 */
class Nc4PatchShortChunkTest {
  @TempDir Path dir;

  @Test
  void anUnfilteredChunkOfTheWrongSizeIsRefusedWhenTheUpdaterOpens() throws Exception {
    Path f = dir.resolve("short.nc4");
    writeAndDamage(f, 1, 2000, false);
    byte[] damaged = Files.readAllBytes(f);
    IOException e = assertThrows(IOException.class, () -> ExodusUpdater.open(f).close());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("vals_nod_var1"), e.getMessage());
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    assertArrayEquals(damaged, Files.readAllBytes(f), "the file is unchanged");
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
      writeAndDamage(f, 2, nodes, true);
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
   * chunk, then damages u's first chunk: with {@code data}, one byte of its values (the variables
   * carry Fletcher-32), else the stored size in its B-tree key, made one value long; returns that
   * chunk's address and size before.
   */
  private static long[] writeAndDamage(Path f, int steps, int nodes, boolean data)
      throws IOException {
    try (ExodusWriter w =
        ExodusWriter.create(
            f,
            ExodusWriter.define(ExodusFormat.NETCDF4, "short", 1, nodes)
                .allowUnwrittenMesh(true)
                .compression(data ? Compression.of("fletcher32") : Compression.NONE)
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
    if (data) {
      try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
        r.seek(address + 3);
        int b = r.read();
        r.seek(address + 3);
        r.write(b ^ 0x5A);
      }
      return new long[] {address, size};
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
