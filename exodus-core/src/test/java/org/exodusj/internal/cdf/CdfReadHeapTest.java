package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exodusj.internal.io.WindowedByteSource;

/** The read contract over bytes in memory, in 64-byte windows. */
class CdfReadHeapTest extends CdfReadContract {
  @Override
  CdfFile open(Path file) throws IOException {
    return CdfFile.open(WindowedByteSource.ofBytes(file.toString(), Files.readAllBytes(file), 64));
  }

  @Override
  boolean viewsPossible() {
    return true;
  }
}
