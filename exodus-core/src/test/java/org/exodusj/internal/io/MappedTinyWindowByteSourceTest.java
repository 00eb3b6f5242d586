package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.file.Path;

/** 16-byte windows, every read through the map: nearly every read crosses window boundaries. */
class MappedTinyWindowByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) throws IOException {
    return WindowedByteSource.map(file, 16, false);
  }

  @Override
  boolean followsFile() {
    return true;
  }
}
