package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.Compression;
import org.exodusj.Definition;
import org.exodusj.ExodusFormat;
import org.exodusj.ExodusWriter;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The space map against the HDF5 library's own accounting: {@code h5stat} (metadata, raw data and
 * unaccounted space of a file the HDF5 library wrote) and h5py's chunk query (where each chunk of a
 * file our writer wrote lies, and its stored size).
 */
class Nc4SpaceMapTest {
  @TempDir Path dir;

  static Nc4SpaceMap.Result map(Path f) throws IOException {
    try (FileChannel ch = FileChannel.open(f)) {
      return Nc4SpaceMap.read(ch);
    }
  }

  static long h5stat(Path f, String label) throws Exception {
    String out = ExternalTools.run("h5stat", "-S", f.toString());
    for (String line : out.split("\n")) {
      String t = line.trim();
      if (t.startsWith(label)) {
        String n = t.substring(label.length()).trim();
        return Long.parseLong(n.substring(0, n.indexOf(' ')).replace("/", ""));
      }
    }
    throw new AssertionError("no " + label + " in\n" + out);
  }

  /**
   * A file the HDF5 library wrote (h5py, 1.8 format: superblock 2, compact links and attributes,
   * version 1 chunk B-trees), then changed: a dataset deleted, another extended. The map's dead
   * space is what h5stat calls unaccounted, its raw data h5stat's (fixed-length string attributes:
   * h5stat does not count global heaps).
   */
  @Test
  void aFileTheHdf5LibraryWroteMapsAsH5statAccountsIt() throws Exception {
    ExternalTools.require("h5stat");
    String py = ExternalTools.pythonWithNetcdf4();
    Path f = dir.resolve("lib.h5");
    ExternalTools.run(
        py,
        "-c",
        "import h5py, numpy as np, sys\n"
            + "with h5py.File(sys.argv[1], 'w', libver=('v108', 'v108')) as f:\n"
            + "    f.create_dataset('c', data=np.arange(30000, dtype='f8'), chunks=(1000,))\n"
            + "    f.create_dataset('a', data=np.arange(100000, dtype='f8').reshape(100, 1000),"
            + " chunks=(1, 1000), compression='gzip', shuffle=True, maxshape=(None, 1000))\n"
            + "    f.create_dataset('b', data=np.arange(5000, dtype='i4'))\n"
            + "    f['a'].attrs['units'] = np.bytes_('m')\n"
            + "    f.attrs['title'] = np.bytes_('x')\n"
            + "with h5py.File(sys.argv[1], 'a', libver=('v108', 'v108')) as f:\n"
            + "    del f['c']\n"
            + "    f['a'].resize((120, 1000))\n"
            + "    f['a'][100:120] = 1.0\n",
        f.toString());
    Nc4SpaceMap.Result m = map(f);
    assertTrue(m.mapped(), m.unmapped());
    assertEquals(Files.size(f), m.fileSize());
    assertEquals(h5stat(f, "Raw data:"), m.rawBytes(), "raw data");
    long unaccounted = h5stat(f, "Unaccounted space:");
    assertTrue(unaccounted > 200_000, "the deleted dataset's chunks: " + unaccounted);
    assertEquals(unaccounted, m.deadBytes(), "dead space");
  }

  /** Every chunk of a file our writer committed many times lies where h5py says, whole. */
  @Test
  void theChunksOfOurFilesAreWhereHdf5FindsThem() throws Exception {
    ExternalTools.require("h5stat");
    String py = ExternalTools.pythonWithNetcdf4();
    Path f = dir.resolve("ours.e");
    int nodes = 200;
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "map", 1, nodes)
            .nodalVariables("u", "v")
            .compression(Compression.deflate(1, true))
            .allowUnwrittenMesh(true);
    try (ExodusWriter w = ExodusWriter.create(f, d)) {
      double[] u = new double[nodes];
      for (int s = 0; s < 150; s++) {
        long st = w.beginStep(s);
        for (int v = 0; v < 2; v++) {
          for (int i = 0; i < nodes; i++) u[i] = s * 1e-3 + i * 1e-6 + v;
          w.writeNodalVariable(v, st, 0, nodes, u, 0);
        }
        w.commitStep();
      }
    }
    Nc4SpaceMap.Result m = map(f);
    assertTrue(m.mapped(), m.unmapped());
    assertEquals(h5stat(f, "Raw data:"), m.rawBytes(), "raw data");
    String chunks =
        ExternalTools.run(
            py,
            "-c",
            "import h5py, sys\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    for n in ('vals_nod_var1', 'vals_nod_var2'):\n"
                + "        d = f[n]\n"
                + "        for i in range(d.id.get_num_chunks()):\n"
                + "            si = d.id.get_chunk_info(i)\n"
                + "            print(si.byte_offset, si.size)\n",
            f.toString());
    List<long[]> used = new ArrayList<>(m.used());
    int n = 0;
    for (String line : chunks.trim().split("\n")) {
      String[] p = line.trim().split(" ");
      long at = Long.parseLong(p[0]);
      long size = Long.parseLong(p[1]);
      assertTrue(
          used.stream().anyMatch(x -> x[0] == at && x[1] == at + size),
          "chunk at " + at + " of " + size + " bytes not in the map");
      n++;
    }
    assertEquals(300, n, "chunks listed by h5py");
    try (org.exodusj.ExodusFile x = org.exodusj.ExodusFile.open(f)) { // what exo info prints
      assertTrue(
          x.summary().contains("\nspace     dead space: " + m.deadBytes() + " bytes ("),
          x.summary());
    }
  }

  /**
   * The bytes of the global heap collections ("GCOL", version 1, then the collection's size) found
   * by scanning the file: h5stat counts them as unaccounted, the map as used.
   */
  static long globalHeapBytes(Path f) throws IOException {
    byte[] b = Files.readAllBytes(f);
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long n = 0;
    for (int i = 0; i + 16 <= b.length; i++) {
      if (b[i] == 'G' && b[i + 1] == 'C' && b[i + 2] == 'O' && b[i + 3] == 'L' && b[i + 4] == 1) {
        long size = bb.getLong(i + 8);
        if (size >= 16 && size <= b.length - i) {
          n += size;
          i += (int) size - 1;
        }
      }
    }
    return n;
  }

  /** Raw data as h5stat counts it, dead space its unaccounted space less the global heaps. */
  private static void mapsAsH5statAccountsIt(Path f) throws Exception {
    Nc4SpaceMap.Result m = map(f);
    assertTrue(m.mapped(), m.unmapped());
    assertEquals(h5stat(f, "Raw data:"), m.rawBytes(), "raw data");
    assertEquals(h5stat(f, "Unaccounted space:") - globalHeapBytes(f), m.deadBytes(), "dead space");
  }

  /**
   * netCDF-C's dense storage (more than eight links or attributes in a group: a fractal heap of
   * link or attribute messages, version 2 B-trees indexing them by name and creation order) is
   * followed: an Exodus file copied by nccopy, and a file of 300 variables and 40 global attributes
   * (its name index more than one level deep) made by ncgen.
   */
  @Test
  void netcdfCDenseStorageMapsAsH5statAccountsIt() throws Exception {
    ExternalTools.require("nccopy");
    ExternalTools.require("ncgen");
    ExternalTools.require("h5stat");
    Path src = CTools.exgen(dir.resolve("src.e"), 3, 3, 3, 2, 2, "cdf2");
    Path nc4 = dir.resolve("nc4.e");
    ExternalTools.run("nccopy", "-k", "nc4", "-d", "1", "-s", src.toString(), nc4.toString());
    mapsAsH5statAccountsIt(nc4);
    StringBuilder cdl = new StringBuilder("netcdf many {\ndimensions:\n n = 3 ;\nvariables:\n");
    for (int i = 0; i < 300; i++) {
      cdl.append(String.format(" double variable_number_%04d(n) ;%n", i));
      cdl.append(String.format("  variable_number_%04d:units = \"m\" ;%n", i));
    }
    for (int i = 0; i < 40; i++) cdl.append(String.format(" :attr%03d = \"value %d\" ;%n", i, i));
    cdl.append("data:\n");
    for (int i = 0; i < 300; i++)
      cdl.append(String.format(" variable_number_%04d = 1, 2, %d ;%n", i, i));
    cdl.append("}\n");
    Path c = dir.resolve("many.cdl");
    Files.writeString(c, cdl);
    Path many = dir.resolve("many.nc");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", many.toString(), c.toString());
    mapsAsH5statAccountsIt(many);
    try (org.exodusj.ExodusFile x = org.exodusj.ExodusFile.open(nc4)) { // what exo info prints
      assertTrue(
          x.summary().contains("\nspace     dead space: " + map(nc4).deadBytes() + " bytes ("),
          x.summary());
    }
  }

  /**
   * h5repack's output: a version 0 superblock and old-style groups (a local heap of names, a group
   * B-tree of symbol table nodes, version 1 object headers), of an Exodus file and of 300 variables
   * (several symbol table nodes).
   */
  @Test
  void h5repacksOldStyleGroupsMapAsH5statAccountsIt() throws Exception {
    ExternalTools.require("nccopy");
    ExternalTools.require("h5repack");
    ExternalTools.require("h5stat");
    Path src = CTools.exgen(dir.resolve("src.e"), 3, 3, 3, 2, 2, "cdf2");
    Path nc4 = dir.resolve("nc4.e");
    ExternalTools.run("nccopy", "-k", "nc4", "-d", "1", "-s", src.toString(), nc4.toString());
    Path v0 = dir.resolve("v0.e");
    ExternalTools.run("h5repack", nc4.toString(), v0.toString());
    assertEquals(0, Files.readAllBytes(v0)[8], "h5repack wrote a version 0 superblock");
    mapsAsH5statAccountsIt(v0);
    StringBuilder cdl = new StringBuilder("netcdf many {\ndimensions:\n n = 2 ;\nvariables:\n");
    for (int i = 0; i < 300; i++) cdl.append(String.format(" int v%04d(n) ;%n", i));
    cdl.append("data:\n");
    for (int i = 0; i < 300; i++) cdl.append(String.format(" v%04d = 1, %d ;%n", i, i));
    cdl.append("}\n");
    Path c = dir.resolve("many.cdl");
    Files.writeString(c, cdl);
    Path many = dir.resolve("many.nc");
    ExternalTools.run("ncgen", "-k", "nc4", "-o", many.toString(), c.toString());
    Path many0 = dir.resolve("many0.nc");
    ExternalTools.run("h5repack", many.toString(), many0.toString());
    mapsAsH5statAccountsIt(many0);
  }

  /** What the map does not follow makes it say so, never a partial map. */
  @Test
  void structuresTheMapDoesNotFollowAreNamed() throws Exception {
    ExternalTools.require("nccopy");
    ExternalTools.require("h5jam");
    Path src = CTools.exgen(dir.resolve("src.e"), 3, 3, 3, 2, 2, "cdf2");
    Path nc4 = dir.resolve("nc4.e");
    ExternalTools.run("nccopy", "-k", "nc4", "-d", "1", "-s", src.toString(), nc4.toString());
    Path ub = dir.resolve("ub.txt");
    Files.writeString(ub, "a user block\n");
    Path jammed = dir.resolve("jammed.e");
    ExternalTools.run("h5jam", "-i", nc4.toString(), "-u", ub.toString(), "-o", jammed.toString());
    Nc4SpaceMap.Result m = map(jammed);
    assertTrue(!m.mapped() && m.unmapped().contains("user block"), m.unmapped());
  }
}
