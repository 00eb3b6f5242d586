package org.exodusj.internal.storage;

import org.exodusj.ExodusFormat;
import org.junit.jupiter.api.Nested;

/** {@link StorageContract} over every format the library reads and writes. */
class StorageContractTest {
  @Nested
  class Cdf1 extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF1;
    }

    @Override
    String ncgenKind() {
      return "classic";
    }
  }

  @Nested
  class Cdf2 extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF2;
    }

    @Override
    String ncgenKind() {
      return "64-bit offset";
    }
  }

  @Nested
  class Cdf5 extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.CDF5;
    }

    @Override
    String ncgenKind() {
      return "netCDF-4";
    }

    @Override
    String nccopyKind() {
      return "cdf5";
    }
  }

  /** NetCDF-4 as ncgen stores it by default (contiguous where it can). */
  @Nested
  class Netcdf4 extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncgenKind() {
      return "netCDF-4";
    }
  }

  /** NetCDF-4 in small chunks (edge chunks partly outside) with shuffle and deflate. */
  @Nested
  class Netcdf4Filtered extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncgenKind() {
      return "netCDF-4";
    }

    @Override
    String storageAttributes(String v) {
      String chunks =
          switch (v) {
            case "f" -> "2, 2";
            case "rec" -> "3, 2";
            default -> "2";
          };
      return "    "
          + v
          + ":_ChunkSizes = "
          + chunks
          + " ;\n    "
          + v
          + ":_DeflateLevel = 1 ;\n    "
          + v
          + ":_Shuffle = \"true\" ;\n";
    }
  }

  /**
   * As {@link Netcdf4Filtered} with Fletcher-32, which netCDF-C puts first in the pipeline
   * (checksum, shuffle, deflate: h5dump lists FLETCHER32 first), so the inflated chunk is 4 bytes
   * longer than the chunk.
   */
  @Nested
  class Netcdf4FletcherFirst extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncgenKind() {
      return "netCDF-4";
    }

    @Override
    String storageAttributes(String v) {
      return "    "
          + v
          + ":_ChunkSizes = 2 ;\n    "
          + v
          + ":_DeflateLevel = 1 ;\n    "
          + v
          + ":_Shuffle = \"true\" ;\n    "
          + v
          + ":_Fletcher32 = \"true\" ;\n";
    }
  }

  /** NetCDF-4 of the classic data model (ncgen's "netCDF-4 classic model"). */
  @Nested
  class Netcdf4Classic extends StorageContract {
    @Override
    ExodusFormat format() {
      return ExodusFormat.NETCDF4;
    }

    @Override
    String ncgenKind() {
      return "netCDF-4 classic model";
    }

    @Override
    boolean wide() {
      return false;
    }
  }
}
