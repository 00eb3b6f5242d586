package org.exodusj.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the stored chunks of one filter (bzip2, LZ4, blosc, ...) with exodus-core's filters: the
 * chunks netCDF-C and the HDF5 plugins wrote, dumped by {@code chunks.py dump} into {@code
 * DIR/dump-NAME} (made by {@code exodus-bench/filters-side-by-side.sh}, which also times the
 * plugins on the same chunks). One operation decodes every chunk of the dump into one scratch
 * buffer.
 *
 * <p>run: {@code java -jar exodus-bench/target/benchmarks.jar FilterDecodeBenchmark -jvmArgs
 * -Dexodusj.filterdumps=DIR}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterDecodeBenchmark {
  @Param({
    "bzip2",
    "lz4",
    "blosc-lz4",
    "blosc-blosclz",
    "blosc-zlib",
    "blosc-zstd",
    "bitshuffle-lz4"
  })
  public String filter;

  private List<FilterDecodeSpeed.Stored> chunks;
  private ByteBuffer scratch;

  @Setup
  public void setup() throws Exception {
    Path dir =
        Path.of(System.getProperty("exodusj.filterdumps", "exodus-bench/target/filters"))
            .resolve("dump-" + filter);
    chunks = FilterDecodeSpeed.load(dir);
    scratch = ByteBuffer.allocate(FilterDecodeSpeed.maxSize(chunks));
    FilterDecodeSpeed.decodeAll(chunks, scratch, true);
  }

  @Benchmark
  public long decode() throws Exception {
    return FilterDecodeSpeed.decodeAll(chunks, scratch, false);
  }
}
