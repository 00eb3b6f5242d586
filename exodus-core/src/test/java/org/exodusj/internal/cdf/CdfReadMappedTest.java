package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.file.Path;

/** The read contract over memory maps with the default (1 GiB) window. */
class CdfReadMappedTest extends CdfReadContract {
  @Override
  CdfFile open(Path file) throws IOException {
    return CdfFile.open(file);
  }

  @Override
  boolean viewsPossible() {
    return true;
  }
}
