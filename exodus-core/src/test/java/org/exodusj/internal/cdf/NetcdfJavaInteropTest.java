package org.exodusj.internal.cdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.testutil.CdfCopy;
import org.exodusj.internal.testutil.HandAssembledCdf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;

/**
 * netcdf-java (edu.ucar:cdm 4.5.5, test scope only) as an independent reader: it reads the CDF-1
 * and CDF-2 files this writer makes, value for value.
 */
class NetcdfJavaInteropTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = CdfFormat.class,
      names = {"CDF1", "CDF2"})
  void netcdfJavaReadsOurFilesValueForValue(CdfFormat format) throws Exception {
    Path in = dir.resolve("oracle.nc");
    Files.write(in, HandAssembledCdf.build(format.version()));
    Path ours = dir.resolve("ours.nc");
    try (CdfFile f = CdfFile.open(in)) {
      CdfCopy.copy(f, ours, format);
    }
    int checked = 0;
    try (CdfFile f = CdfFile.open(ours);
        NetcdfFile nj = NetcdfFile.open(ours.toString())) {
      assertEquals(f.dimensions().size(), nj.getDimensions().size());
      assertEquals(HandAssembledCdf.RECORDS, nj.getUnlimitedDimension().getLength());
      assertEquals("hand made", nj.findGlobalAttribute("title").getStringValue());
      for (CdfVariable v : f.variables()) {
        ucar.nc2.Variable njv = nj.findVariable(v.name());
        assertNotNull(njv, v.name());
        long[] shape = f.shape(v);
        assertEquals(
            List.of(shape[0], shape[1]),
            List.of((long) njv.getShape()[0], (long) njv.getShape()[1]));
        Array a = njv.read();
        int n = (int) (shape[0] * shape[1]);
        if (v.type() == DataType.CHAR) {
          byte[] ours8 = new byte[n];
          f.read(v, new long[2], shape, ours8, 0);
          for (int i = 0; i < n; i++) assertEquals((char) ours8[i], a.getChar(i), v.name());
        } else {
          double[] d = new double[n];
          f.read(v, new long[2], shape, d, 0);
          for (int i = 0; i < n; i++) {
            assertEquals(d[i], a.getDouble(i), v.name() + "[" + i + "]");
            checked++;
          }
        }
      }
    }
    assertEquals(
        5 * HandAssembledCdf.N * HandAssembledCdf.M
            + 5 * HandAssembledCdf.RECORDS * HandAssembledCdf.M,
        checked);
  }
}
