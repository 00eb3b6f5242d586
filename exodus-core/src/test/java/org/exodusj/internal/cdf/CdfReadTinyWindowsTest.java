package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.file.Path;
import org.exodusj.internal.io.WindowedByteSource;

/**
 * The read contract over memory maps in 16-byte windows, every read through the map: every read of
 * more than a few values crosses window boundaries, and views exist only for slabs that fit inside
 * one window.
 */
class CdfReadTinyWindowsTest extends CdfReadContract {
  @Override
  CdfFile open(Path file) throws IOException {
    return CdfFile.open(WindowedByteSource.map(file, 16, false));
  }

  @Override
  boolean viewsPossible() {
    return true;
  }
}
