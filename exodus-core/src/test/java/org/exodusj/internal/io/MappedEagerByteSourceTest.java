package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.file.Path;

/** The default window with every read through the map (no positional reads first). */
class MappedEagerByteSourceTest extends ByteSourceContract {
  @Override
  ByteSource open(Path file, byte[] bytes) throws IOException {
    return WindowedByteSource.map(file, WindowedByteSource.DEFAULT_WINDOW_BYTES, false);
  }

  @Override
  boolean followsFile() {
    return true;
  }
}
