package org.exodusj.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.exodusj.ExodusFile;
import org.exodusj.ExodusFormatException;
import org.exodusj.internal.cache.ChunkCache;
import org.exodusj.internal.hdf5.Hdf5File;
import org.exodusj.internal.io.WindowedByteSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged HDF5 structure sizes and addresses: files of a version 2 superblock and a root object
 * header assembled here byte by byte (lookup3 checksums recomputed, so the damage reaches jHDF's
 * parsers), each of which must end quickly in an {@link ExodusFormatException} naming the file and
 * what is wrong, with nothing allocated by the damaged size. The first is the 80-byte input the
 * classic fuzzer saved: it took 14 to 19 s in {@code exo info}, jHDF re-reading the last 2 bytes of
 * the file 33 million times to fill the 64 MiB its damaged header claimed. Each is opened both as a
 * file and from its bytes in memory (a source without a channel).
 */
class Hdf5StructureBoundsTest {
  @TempDir Path dir;

  /** Well under the 14 s the first input took, with room for a loaded machine. */
  private static final Duration QUICK = Duration.ofSeconds(5);

  private static final long ROOT = 48;

  static final String FUZZ_FINDING =
      "iUhERg0KGgoCCAgAAAAAAAAAAAD//////////zgrAQAAAAAAMAAAAAAAAABFnVUeT0hEUgJ2nJycQEBAQEBAQEBAQAkAAAAAQI9IQAAEQAA=";

  private ExodusFormatException refused(String name, byte[] bytes, String why) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    ExodusFormatException e =
        assertTimeoutPreemptively(
            QUICK,
            () ->
                assertThrows(
                    ExodusFormatException.class,
                    () -> {
                      try (ExodusFile f = ExodusFile.open(p)) {
                        f.timeStepCount();
                      }
                    }));
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    // the same bytes from a source without a channel (a heap source): bounded the same way, and
    // the source's bytes are the ones parsed, not the file of the same name
    ExodusFormatException heap =
        assertTimeoutPreemptively(
            QUICK,
            () ->
                assertThrows(
                    ExodusFormatException.class,
                    () -> {
                      try (Hdf5File f =
                          Hdf5File.open(
                              p,
                              WindowedByteSource.ofBytes(p.toString(), bytes, 1 << 20),
                              new ChunkCache(1 << 20, 64, 0.75),
                              null)) {
                        f.variables();
                      }
                    }));
    assertTrue(heap.getMessage().contains(p.toString()), heap.getMessage());
    assertTrue(heap.getMessage().contains(why), heap.getMessage());
    return e;
  }

  @Test
  void theFuzzFindingEndsAtOnceNamingTheBytesPastTheEnd() throws IOException {
    byte[] b = Base64.getDecoder().decode(FUZZ_FINDING);
    // the root header (address 48, flags 0x76: times, phase change, a 4-byte chunk size) claims a
    // first chunk of 0x04004048 bytes at address 78, in a file of 80 bytes
    ExodusFormatException e =
        refused("fuzz.h5", b, "a read of 67125320 bytes at address 78 lies past the end");
    assertTrue(e.getMessage().contains("(80 bytes)"), e.getMessage());
  }

  @Test
  void aChunkOfTwoGibibytesIsRefusedBeforeItIsAllocated() throws IOException {
    // the same header claiming 0x7ffffff0 bytes: was a 2 GiB allocation, then the same loop
    byte[] b = Base64.getDecoder().decode(FUZZ_FINDING);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0x4a, 0x7fff_fff0);
    refused("two-gib.h5", b, "a read of 2147483632 bytes at address 78 lies past the end");
  }

  @Test
  void aRootHeaderWhoseChunkRunsPastTheEndIsRefused() throws IOException {
    byte[] oh = objectHeader(new byte[0], 4096); // claims 4096 bytes of messages, has none
    refused("chunk.h5", file(oh, new byte[0]), "a read of 4096 bytes at address 58 lies past");
  }

  @Test
  void aContinuationPastTheEndIsRefused() throws IOException {
    byte[] oh = objectHeader(continuation(ROOT, 1L << 30), -1);
    refused("past.h5", file(oh, new byte[0]), "a read of 1073741824 bytes at address 48 lies past");
  }

  @Test
  void aContinuationToTheSuperblockIsRefused() throws IOException {
    byte[] oh = objectHeader(continuation(0, 48), -1);
    refused("superblock.h5", file(oh, new byte[0]), "continuation");
  }

  @Test
  void aContinuationToItsOwnHeaderIsRefused() throws IOException {
    int len = objectHeader(continuation(ROOT, 0), -1).length;
    byte[] oh = objectHeader(continuation(ROOT, len), -1);
    refused("self.h5", file(oh, new byte[0]), "continuation");
  }

  @Test
  void aContinuationBlockThatContinuesIntoItselfIsRefused() throws IOException {
    // root header -> OCHK at A -> the same OCHK at A -> ...: jHDF follows continuations by
    // recursion and checks checksums on the way back, so the loop is met before any checksum
    int headerLen = objectHeader(continuation(0, 0), -1).length;
    long at = ROOT + headerLen;
    int blockLen = continuationBlock(continuation(at, 0)).length;
    byte[] oh = objectHeader(continuation(at, blockLen), -1);
    byte[] ochk = continuationBlock(continuation(at, blockLen));
    refused("loop.h5", file(oh, ochk), "loop");
  }

  /** A version 2 superblock (root header at 48), the root header, then {@code tail}. */
  private static byte[] file(byte[] rootHeader, byte[] tail) {
    ByteBuffer b =
        ByteBuffer.allocate(48 + rootHeader.length + tail.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
    b.put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0); // version, offsets, lengths, flags
    b.putLong(0); // base address
    b.putLong(-1); // no superblock extension
    b.putLong(b.capacity()); // end of file address
    b.putLong(ROOT);
    b.putInt(Nc4Damage.lookup3(b.array(), 0, 44));
    b.put(rootHeader).put(tail);
    return b.array();
  }

  /**
   * A version 2 object header (flags 2: a 4-byte chunk size, nothing else) holding {@code
   * messages}; {@code claimed} >= 0 puts that chunk size in place of the true one.
   */
  private static byte[] objectHeader(byte[] messages, int claimed) {
    ByteBuffer b = ByteBuffer.allocate(4 + 2 + 4 + messages.length + 4);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put("OHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 2);
    b.putInt(claimed >= 0 ? claimed : messages.length);
    b.put(messages);
    b.putInt(Nc4Damage.lookup3(b.array(), 0, b.position()));
    return b.array();
  }

  /** A version 2 continuation block ("OCHK") holding {@code messages}. */
  private static byte[] continuationBlock(byte[] messages) {
    ByteBuffer b = ByteBuffer.allocate(4 + messages.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("OCHK".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(messages);
    b.putInt(Nc4Damage.lookup3(b.array(), 0, b.position()));
    return b.array();
  }

  /** A continuation message (type 0x10): the block's address and length. */
  private static byte[] continuation(long address, long length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(4 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x10).putShort((short) 16).put((byte) 0).putLong(address).putLong(length);
    out.writeBytes(b.array());
    return out.toByteArray();
  }
}
