package org.exodusj.internal.storage;

import org.exodusj.ExodusFormat;
import org.junit.jupiter.api.Nested;

/** {@link StorageWriterContract} over both writers and every format they write. */
class StorageWriterContractTest {
  @Nested
  class Cdf1 extends StorageWriterContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF1;
    }

    @Override
    String ncdumpKind() {
      return "classic";
    }
  }

  @Nested
  class Cdf2 extends StorageWriterContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF2;
    }

    @Override
    String ncdumpKind() {
      return "64-bit offset";
    }
  }

  @Nested
  class Cdf5 extends StorageWriterContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF5;
    }

    @Override
    String ncdumpKind() {
      return "cdf5";
    }
  }

  @Nested
  class Netcdf4 extends StorageWriterContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncdumpKind() {
      return "netCDF-4";
    }
  }

  /** NetCDF-4 with shuffle, deflate and Fletcher-32, two records per chunk. */
  @Nested
  class Netcdf4Filtered extends StorageWriterContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncdumpKind() {
      return "netCDF-4";
    }

    @Override
    StorageWriter.Options options() {
      return StorageWriter.Options.DEFAULT.withChunking(1, true, true, 2);
    }
  }
}
