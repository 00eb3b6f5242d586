package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.file.Path;

class ChannelByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) throws IOException {
    return ChannelByteSource.open(file);
  }

  @Override
  boolean followsFile() {
    return true;
  }
}
