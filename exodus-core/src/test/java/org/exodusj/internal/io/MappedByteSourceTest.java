package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.file.Path;

class MappedByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) throws IOException {
    return WindowedByteSource.map(file);
  }

  @Override
  boolean followsFile() {
    return true;
  }
}
