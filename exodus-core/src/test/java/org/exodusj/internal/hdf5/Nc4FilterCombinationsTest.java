package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.backend.Backends;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Schema;
import org.exodusj.internal.storage.StorageWriter;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every combination of the writer's filters (deflate or not, shuffle, Fletcher-32) on 8-, 4-, 2-
 * and 1-byte values with a count that is no multiple of 8 (the shuffle's tail), and a record
 * variable whose second step is half written into a reused chunk array (the rest must read as the
 * fill value). The oracle is netCDF-C through Python's netCDF4 module, which also verifies the
 * Fletcher-32 checksums and reports the filters.
 */
class Nc4FilterCombinationsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "deflate {0}, shuffle {1}, fletcher32 {2}")
  @CsvSource({
    "-1,false,false",
    "-1,true,false",
    "-1,false,true",
    "-1,true,true",
    "1,false,false",
    "1,true,false",
    "1,false,true",
    "1,true,true"
  })
  void netcdfCReadsEveryValueAndSeesTheFilters(int deflate, boolean shuffle, boolean fletcher)
      throws Exception {
    Path p = dir.resolve("f.nc");
    int n = 1003;
    Schema s = new Schema().dimension("n", n).unlimitedDimension("t");
    s.variable("d", DataType.DOUBLE, List.of("n"));
    s.variable("i", DataType.INT, List.of("n"));
    s.variable("s", DataType.SHORT, List.of("n"));
    s.variable("b", DataType.BYTE, List.of("n"));
    s.variable("r", DataType.DOUBLE, List.of("t", "n"));
    StorageWriter.Options o =
        new StorageWriter.Options(true, false, 0).withChunking(deflate, shuffle, fletcher, 1);
    try (StorageWriter w = Backends.create(p, org.exodusj.ExodusFormat.NETCDF4, s, o)) {
      double[] d = new double[n];
      int[] i = new int[n];
      short[] sh = new short[n];
      byte[] b = new byte[n];
      for (int k = 0; k < n; k++) {
        d[k] = k * 1.25 - 7;
        i[k] = k * 7919 - 1_000_000;
        sh[k] = (short) (k * 31 - 9000);
        b[k] = (byte) (k * 3 - 100);
      }
      long[] at = {0};
      long[] all = {n};
      w.write(w.variable("d"), at, all, d, 0);
      w.write(w.variable("i"), at, all, i, 0);
      w.write(w.variable("s"), at, all, sh, 0);
      w.write(w.variable("b"), at, all, b, 0);
      w.write(w.variable("r"), new long[] {0, 0}, new long[] {1, n}, d, 0);
      w.write(w.variable("r"), new long[] {1, 0}, new long[] {1, n / 2}, d, 0);
    }
    String py = ExternalTools.pythonWithNetcdf4();
    String script =
        "import netCDF4,numpy as np\n"
            + "f=netCDF4.Dataset('"
            + p
            + "')\n"
            + "k=np.arange("
            + n
            + ")\n"
            + "d=k*1.25-7\n"
            + "ok=[np.array_equal(f['d'][:],d), np.array_equal(f['i'][:],k*7919-1000000),\n"
            + "    np.array_equal(f['s'][:],(k*31-9000).astype('i2')),\n"
            + "    np.array_equal(f['b'][:],(k*3-100).astype('i1')),\n"
            + "    np.array_equal(f['r'][0],d),\n"
            + "    np.array_equal(f['r'][1,:"
            + (n / 2)
            + "],d[:"
            + (n / 2)
            + "]),\n"
            + "    bool(np.ma.getmaskarray(f['r'][1,"
            + (n / 2)
            + ":]).all())]\n"
            + "fl=f['d'].filters()\n"
            + "print(all(ok), ok, fl['zlib'], fl['shuffle'], fl['fletcher32'])";
    String out = ExternalTools.run(py, "-c", script).trim();
    assertEquals(
        "True [True, True, True, True, True, True, True] "
            + (deflate >= 0 ? "True" : "False")
            + " "
            + (shuffle ? "True" : "False")
            + " "
            + (fletcher ? "True" : "False"),
        out);
  }
}
