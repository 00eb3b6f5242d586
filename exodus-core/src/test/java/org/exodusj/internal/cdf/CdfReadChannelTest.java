package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.file.Path;

/** The read contract over positional channel reads (no memory map, so no views). */
class CdfReadChannelTest extends CdfReadContract {
  @Override
  CdfFile open(Path file) throws IOException {
    return CdfFile.openUnmapped(file);
  }

  @Override
  boolean viewsPossible() {
    return false;
  }
}
