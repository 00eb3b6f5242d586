package org.exodusj.internal.cdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.io.ChannelByteSource;
import org.exodusj.internal.io.Uninterruptible;
import org.exodusj.internal.storage.Attribute;

/**
 * Changes a classic file's header in place when the new header still ends before the first data
 * (the room reserved with {@code headerFreeBytes}, or padding): no data moves.
 */
public final class CdfHeaderEdit {
  private static final int PAGE = 4096;

  private CdfHeaderEdit() {}

  /**
   * Replaces or adds global attributes in place if they fit before the first data; returns false
   * (changing nothing) when they do not, and the caller must rewrite the file. The caller holds the
   * file's exclusive data lock, so the record count re-encoded here is the current one.
   */
  public static boolean putGlobalAttributes(Path path, FileChannel ch, List<Attribute> changes)
      throws IOException {
    CdfHeader h =
        CdfHeaderReader.read(ChannelByteSource.wrap(path.toString(), ch), new ArrayList<>());
    List<Attribute> atts = new ArrayList<>();
    for (Attribute a : h.attributes()) {
      if (changes.stream().noneMatch(c -> c.name().equals(a.name()))) {
        atts.add(a);
      }
    }
    atts.addAll(changes);
    long recs = h.storedNumRecs(); // read under the caller's lock, so it is the current count
    CdfHeader edited =
        new CdfHeader(
            h.format(),
            recs,
            h.dimensions(),
            h.recordDimension(),
            atts,
            h.variables(),
            h.headerBytes(),
            h.recordSize(),
            h.beginRecords());
    byte[] bytes = CdfHeaderWriter.encode(edited, recs);
    long firstData = Long.MAX_VALUE;
    for (CdfVariable v : h.variables()) {
      firstData = Math.min(firstData, v.begin());
    }
    if (bytes.length > firstData) {
      return false;
    }
    // Only the bytes that change are written, and only when they lie in one 4 KiB page: one
    // page-sized write is never seen half done by a process killed during it (the kernel stops a
    // write for a fatal signal only between pages), so a killed edit leaves the old header or the
    // new one. A change that spans pages (a longer title shifts every later header entry) is left
    // to the rewrite, which replaces the file atomically.
    ByteBuffer old = ByteBuffer.allocate(bytes.length);
    long at = 0;
    while (old.hasRemaining()) {
      int r = Uninterruptible.read(ch, old, at);
      if (r < 0) break;
      at += r;
    }
    byte[] before = old.array();
    int first = 0;
    while (first < bytes.length && bytes[first] == before[first]) first++;
    if (first == bytes.length) {
      return true; // nothing changes
    }
    int last = bytes.length - 1;
    while (bytes[last] == before[last]) last--;
    if (first / PAGE != last / PAGE) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, first, last - first + 1);
    long pos = first;
    while (b.hasRemaining()) {
      pos += Uninterruptible.write(ch, b, pos);
    }
    Uninterruptible.force(ch, false);
    return true;
  }
}
