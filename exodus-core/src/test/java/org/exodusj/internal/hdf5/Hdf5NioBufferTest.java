package org.exodusj.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.exodusj.internal.cdf.CdfFile;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIO-buffer reads both backends share (AbstractStorage): heap and direct buffers of every
 * type, from a non-zero position, on a NetCDF-4 file in deflated chunks the slab cuts across
 * (strided pieces, more values than the staging array holds) and on the same data in a CDF-2 file.
 * Values against netCDF4-python's formula; positions, untouched neighbours, and the too-small
 * errors.
 */
class Hdf5NioBufferTest {
  @TempDir Path dir;

  /** netCDF4-python writes {@link #DATA} in {@code format}. */
  Path python(String name, String format) throws Exception {
    Path f = dir.resolve(name);
    Path s = dir.resolve(name + ".py");
    Files.writeString(
        s,
        "import netCDF4, numpy as np\nf = netCDF4.Dataset('"
            + f
            + "', 'w', format='"
            + format
            + "')\n"
            + DATA
            + "\nf.close()\n");
    ExternalTools.run(ExternalTools.pythonWithNetcdf4(), s.toString());
    return f;
  }

  static final long[] START = {2, 3};
  static final long[] COUNT = {15, 25};
  static final int N = 15 * 25;
  static final int POS = 3;

  static final String DATA =
      """
      f.createDimension('r', 20)
      f.createDimension('c', 30)
      i, j = np.meshgrid(np.arange(20), np.arange(30), indexing='ij')
      kw = dict(chunksizes=(7, 8), zlib=True) if f.data_model == 'NETCDF4' else {}
      d = f.createVariable('d', 'f8', ('r', 'c'), **kw)
      d[:] = i * 30 + j + 0.5
      s = f.createVariable('s', 'i2', ('r', 'c'), **kw)
      s[:] = i * 30 + j
      """;

  /** The stored value of slab index {@code k} of the short variable (add 0.5 for the double). */
  static int expected(int k) {
    return (int) ((START[0] + k / 25) * 30 + START[1] + k % 25);
  }

  interface Reader<B extends Buffer> {
    void read(Storage f, Variable v, B dst) throws Exception;
  }

  interface Getter<B extends Buffer> {
    double get(B b, int index);
  }

  <B extends Buffer> void check(
      Storage f, String var, double plus, IntFunction<B> alloc, Reader<B> read, Getter<B> get)
      throws Exception {
    Variable v = f.findVariable(var).orElseThrow();
    String where = f.name() + " " + var;
    for (boolean direct : List.of(false, true)) {
      B b = alloc.apply(direct ? -(POS + N + 2) : POS + N + 2);
      assertEquals(!direct, b.hasArray(), where);
      b.position(POS);
      read.read(f, v, b);
      assertEquals(POS + N, b.position(), where + " position, direct=" + direct);
      for (int k = 0; k < POS; k++) assertEquals(0.0, get.get(b, k), where + " before " + k);
      for (int k = 0; k < N; k++)
        assertEquals(expected(k) + plus, get.get(b, POS + k), where + " value " + k);
      for (int k = POS + N; k < b.capacity(); k++) assertEquals(0.0, get.get(b, k), where);
    }
    // one value short: the same error for both, nothing written, the position unchanged
    String[] messages = new String[2];
    for (boolean direct : List.of(false, true)) {
      B b = alloc.apply(direct ? -(POS + N) : POS + N + 2);
      b.position(POS).limit(POS + N - 1);
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> read.read(f, v, b));
      messages[direct ? 1 : 0] = e.getMessage();
      assertEquals(POS, b.position(), where);
      for (int k = 0; k < b.limit(); k++) assertEquals(0.0, get.get(b, k), where);
    }
    assertEquals(messages[0], messages[1], where);
  }

  static ByteBuffer bytes(int n, int size) {
    return n < 0 ? ByteBuffer.allocateDirect(-n * size) : null;
  }

  void checkAll(Storage f) throws Exception {
    check(
        f,
        "d",
        0.5,
        n -> n < 0 ? bytes(n, 8).asDoubleBuffer() : DoubleBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        DoubleBuffer::get);
    check(
        f,
        "s",
        0,
        n -> n < 0 ? bytes(n, 8).asDoubleBuffer() : DoubleBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        DoubleBuffer::get);
    check(
        f,
        "s",
        0,
        n -> n < 0 ? bytes(n, 4).asFloatBuffer() : FloatBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        FloatBuffer::get);
    check(
        f,
        "s",
        0,
        n -> n < 0 ? bytes(n, 8).asLongBuffer() : LongBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        LongBuffer::get);
    check(
        f,
        "s",
        0,
        n -> n < 0 ? bytes(n, 4).asIntBuffer() : IntBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        IntBuffer::get);
    check(
        f,
        "s",
        0,
        n -> n < 0 ? bytes(n, 2).asShortBuffer() : ShortBuffer.allocate(n),
        (s, v, b) -> s.read(v, START, COUNT, b),
        ShortBuffer::get);
    // a lossy conversion is refused for both kinds of buffer
    Variable d = f.findVariable("d").orElseThrow();
    for (FloatBuffer b :
        List.of(FloatBuffer.allocate(N), ByteBuffer.allocateDirect(4 * N).asFloatBuffer())) {
      assertThrows(IllegalArgumentException.class, () -> f.read(d, START, COUNT, b));
      assertEquals(0, b.position());
    }
  }

  @Test
  void netcdf4ChunkedDeflated() throws Exception {
    try (Hdf5File h = Hdf5EdgeCasesTest.open(python("chunked.nc", "NETCDF4"))) {
      checkAll(h);
    }
  }

  @Test
  void cdf2() throws Exception {
    try (CdfFile c = CdfFile.open(python("cdf2.nc", "NETCDF3_64BIT_OFFSET"))) {
      checkAll(c);
    }
  }
}
