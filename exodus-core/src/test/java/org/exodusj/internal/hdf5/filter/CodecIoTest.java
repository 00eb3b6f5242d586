package org.exodusj.internal.hdf5.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The codecs' run fill against {@code Arrays.fill}: every length to 600 at several offsets. */
class CodecIoTest {
  @Test
  void fillSetsExactlyTheRun() {
    for (int from = 0; from < 9; from++) {
      for (int len = 0; len <= 600; len++) {
        byte[] got = new byte[from + len + 11];
        byte[] want = new byte[got.length];
        Arrays.fill(got, (byte) 0x33);
        Arrays.fill(want, (byte) 0x33);
        byte v = (byte) (len * 7 + from);
        CodecIo.fill(got, from, from + len, v);
        Arrays.fill(want, from, from + len, v);
        assertArrayEquals(want, got, "from " + from + ", " + len + " bytes");
      }
    }
  }
}
