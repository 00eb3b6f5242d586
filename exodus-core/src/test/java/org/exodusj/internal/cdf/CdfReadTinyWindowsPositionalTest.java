package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.file.Path;
import org.exodusj.internal.io.WindowedByteSource;

/**
 * The read contract over 16-byte windows mapped lazily, small reads of windows not yet mapped
 * served by positional reads first: reads of one file mix both paths and cross window boundaries.
 */
class CdfReadTinyWindowsPositionalTest extends CdfReadContract {
  @Override
  CdfFile open(Path file) throws IOException {
    return CdfFile.open(WindowedByteSource.map(file, 16));
  }

  @Override
  boolean viewsPossible() {
    return true;
  }
}
