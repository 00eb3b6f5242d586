package org.exodusj.internal.io;

import java.nio.file.Path;

class HeapByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) {
    return WindowedByteSource.ofBytes("heap", bytes, 32);
  }

  @Override
  boolean followsFile() {
    return false;
  }
}
