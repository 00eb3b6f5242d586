package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public compression value: spelling, order, and what the legacy settings mean in it. */
class CompressionTest {
  @TempDir Path dir;

  @Test
  void aWriterRefusesAFilterItCannotWriteAndLeavesNoFile() {
    Path f = dir.resolve("x.e");
    Definition d =
        ExodusWriter.define(ExodusFormat.NETCDF4, "t", 1, 4)
            .compression(Compression.of("shuffle", "made-up:3".replace("-", "")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExodusWriter.create(f, d).close());
    assertTrue(e.getMessage().contains("filter 'madeup' is unknown"), e.getMessage());
    assertTrue(e.getMessage().contains("deflate, shuffle, fletcher32"), e.getMessage());
    assertTrue(!Files.exists(f));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExodusWriter.define(ExodusFormat.CDF2, "t", 1, 4).compression(Compression.NONE));
  }

  @Test
  void filtersKeepTheirOrderAndAreSpelledOneWay() {
    Compression c = Compression.of(" Shuffle", "DEFLATE: 4", "bzip2:9,1");
    assertEquals(List.of("shuffle", "deflate:4", "bzip2:9,1"), c.filters());
    assertEquals("shuffle,deflate:4,bzip2:9,1", c.toString());
    assertEquals(c, Compression.deflate(4, true).then("bzip2:9,1"));
    assertEquals(
        List.of("shuffle", "deflate:1", "fletcher32"),
        Compression.deflate(1, true).withFletcher32().filters());
    assertEquals(Compression.NONE, Compression.deflate(-1, false));
    assertTrue(Compression.of().isNone());
  }

  @Test
  void badSpellingsAreRefusedNamingTheText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Compression.of("deflate:one"));
    assertTrue(e.getMessage().contains("'deflate:one'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Compression.of(":3"));
    assertThrows(IllegalArgumentException.class, () -> Compression.of("a b"));
    IllegalArgumentException level =
        assertThrows(IllegalArgumentException.class, () -> Compression.deflate(10, false));
    assertTrue(level.getMessage().contains("10"), level.getMessage());
  }

  @Test
  @SuppressWarnings("deprecation")
  void theLegacyChunkingMeansTheSamePipeline() {
    ExodusConverter.Chunking old = new ExodusConverter.Chunking(2, true, true, 3);
    assertEquals(Compression.deflate(2, true).withFletcher32(), old.compression());
    ExodusConverter.Chunking now =
        new ExodusConverter.Chunking(Compression.of("shuffle", "deflate:2", "fletcher32"), 3, null);
    assertEquals(old.compression(), now.compression());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExodusConverter.Chunking(2, false, false, 1, null, Compression.of("shuffle")));
  }
}
