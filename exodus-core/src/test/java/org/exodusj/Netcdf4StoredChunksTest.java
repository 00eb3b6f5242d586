package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.CTools;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks as HDF5 stores them, with the HDF5 C library (h5py) as the oracle: a rewrite copies the
 * chunks of the variables it does not change byte for byte, filter mask and all (HDF5's object
 * copy); and a chunk whose Fletcher-32 sum is in the form HDF5 before 1.6.3 wrote (the bytes of
 * each 16-bit half swapped, which HDF5 still accepts) is read and patched, not called damaged.
 */
class Netcdf4StoredChunksTest {
  @TempDir Path dir;
  private String py;
  private Path file;

  /** Each stored chunk of a variable: offset, filter mask, SHA-1 of the stored bytes (h5py). */
  private static final String CHUNKS =
      "import h5py, sys, hashlib\n"
          + "with h5py.File(sys.argv[1], 'r') as f:\n"
          + "    d = f[sys.argv[2]]\n"
          + "    for i in range(d.id.get_num_chunks()):\n"
          + "        si = d.id.get_chunk_info(i)\n"
          + "        m, b = d.id.read_direct_chunk(si.chunk_offset)\n"
          + "        print(si.chunk_offset, m, hashlib.sha1(b).hexdigest())\n";

  /** Swaps the bytes of each half of the stored Fletcher-32 sum of every chunk (in place). */
  private static final String OLD_SUMS =
      "import h5py, sys\n"
          + "with h5py.File(sys.argv[1], 'r') as f:\n"
          + "    d = f[sys.argv[2]]\n"
          + "    infos = [d.id.get_chunk_info(i) for i in range(d.id.get_num_chunks())]\n"
          + "with open(sys.argv[1], 'r+b') as fh:\n"
          + "    for si in infos:\n"
          + "        fh.seek(si.byte_offset + si.size - 4)\n"
          + "        b = fh.read(4)\n"
          + "        fh.seek(si.byte_offset + si.size - 4)\n"
          + "        fh.write(bytes([b[1], b[0], b[3], b[2]]))\n"
          + "print(len(infos))\n";

  /** The values of a variable as HDF5 reads them (checksums verified), one per line. */
  private static final String VALUES =
      "import h5py, sys\n"
          + "with h5py.File(sys.argv[1], 'r') as f:\n"
          + "    for x in f[sys.argv[2]][...].ravel(): print(repr(float(x)))\n";

  private String python(String script, String... args) throws Exception {
    Path s = dir.resolve("script" + script.hashCode() + ".py");
    Files.writeString(s, script);
    String[] cmd = new String[args.length + 2];
    cmd[0] = py;
    cmd[1] = s.toString();
    System.arraycopy(args, 0, cmd, 2, args.length);
    return ExternalTools.run(cmd);
  }

  @BeforeEach
  void fileWithOldChecksums() throws Exception {
    ExternalTools.require("nccopy");
    py = "/usr/bin/python3";
    try {
      ExternalTools.run(py, "-c", "import h5py");
    } catch (AssertionError e) {
      org.junit.jupiter.api.Assumptions.abort("python3-h5py is not installed");
    }
    Path src = CTools.exgen(dir.resolve("src.e"), 3, 3, 3, 4, 2, "nc4");
    file = dir.resolve("f.e");
    // Fletcher-32 on every variable, then the older form of the sums of one of them
    ExternalTools.run("nccopy", "-k", "nc4", "-F", "*,3", src.toString(), file.toString());
    assertEquals("4", python(OLD_SUMS, file.toString(), "vals_nod_var1").trim());
  }

  @Test
  void aRewriteCopiesTheUnchangedChunksAsStored() throws Exception {
    String before1 = python(CHUNKS, file.toString(), "vals_nod_var1");
    String before2 = python(CHUNKS, file.toString(), "vals_nod_var2");
    String coords = python(CHUNKS, file.toString(), "coordx");
    String values = python(VALUES, file.toString(), "vals_nod_var1");
    ExodusUpdater.addVariables(file, EntityType.NODAL, List.of("added"));
    assertEquals(before1, python(CHUNKS, file.toString(), "vals_nod_var1"));
    assertEquals(before2, python(CHUNKS, file.toString(), "vals_nod_var2"));
    assertEquals(coords, python(CHUNKS, file.toString(), "coordx"));
    assertEquals(values, python(VALUES, file.toString(), "vals_nod_var1"));
    try (ExodusFile f = ExodusFile.open(file)) {
      assertEquals(List.of("field_1", "field_2", "added"), f.variableNames(EntityType.NODAL));
    }
  }

  @Test
  void aConversionToTheSameLayoutCopiesChunksAsStored() throws Exception {
    // netCDF-C chunks vals_nod_var1 by one step and all nodes, as this library does; the
    // pipeline [Fletcher-32] is the one asked for: the chunks are copied, old sums and all
    Path out = dir.resolve("same.e");
    ExodusConverter.convert(
        file,
        out,
        ExodusFormat.NETCDF4,
        new ExodusConverter.Chunking(Compression.of("fletcher32"), 1, null),
        false,
        null);
    assertEquals(
        python(CHUNKS, file.toString(), "vals_nod_var1"),
        python(CHUNKS, out.toString(), "vals_nod_var1"));
    assertEquals(
        python(VALUES, file.toString(), "vals_nod_var2"),
        python(VALUES, out.toString(), "vals_nod_var2"));
  }

  @Test
  void aChunkWithAnOldChecksumIsPatchedNotCalledDamaged() throws Exception {
    String[] before = python(VALUES, file.toString(), "vals_nod_var1").trim().split("\n");
    int nodes = before.length / 4;
    double[] v = new double[nodes];
    for (int i = 0; i < nodes; i++) v[i] = -i - 0.25;
    try (ExodusUpdater u = ExodusUpdater.open(file)) {
      u.writeNodalVariable(0, 2, 0, nodes, v, 0);
      u.commit();
    }
    String[] after = python(VALUES, file.toString(), "vals_nod_var1").trim().split("\n");
    assertEquals(before.length, after.length);
    for (int i = 0; i < after.length; i++) {
      String expected = i / nodes == 2 ? Double.toString(v[i % nodes]) : before[i];
      assertEquals(Double.parseDouble(expected), Double.parseDouble(after[i]), "value " + i);
    }
    assertTrue(after.length > 0);
  }
}
