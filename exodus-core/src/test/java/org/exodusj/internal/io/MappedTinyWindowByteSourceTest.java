package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.file.Path;

/** 16-byte windows: nearly every read crosses window boundaries. */
class MappedTinyWindowByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) throws IOException {
    return WindowedByteSource.map(file, 16);
  }

  @Override
  boolean followsFile() {
    return true;
  }
}
