package org.exodusj.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the NetCDF-4 open, read and adopt paths. The fuzzer's input
 * is a damage program, not a file: which of the corpus's NetCDF-4 files (read at test time from the
 * shared corpus, never copied into the repository), then up to four changes, each a structure
 * ({@link Nc4Damage}'s located superblock, object headers and their messages, B-trees, heaps,
 * data), an offset in it and bytes to put there. The target applies the changes and recomputes the
 * lookup3 checksums of the structures they touched (version 2/3 superblocks, OHDR, OCHK, ...), so
 * every mutation keeps the checksums valid and reaches the parsers. Then, as the damage campaign
 * does: open, read everything, adopt (patch, append, commit). Any outcome but a read, an
 * IOException naming the file, or an updater refusal that leaves the file byte for byte unchanged
 * is a finding.
 *
 * <p>The execution {@code fuzz-netcdf4} of exodus-core/pom.xml fuzzes for 60 s in every build
 * ({@code JAZZER_FUZZ=1}, 256 MiB); the default execution runs the committed inputs in {@code
 * src/test/resources/org/exodusj/fuzz/Nc4FuzzTestInputs/damage}. Skipped where the corpus is
 * absent.
 */
class Nc4FuzzTest {
  private static final List<Nc4Damage> SEEDS = new ArrayList<>();

  @BeforeAll
  static void seeds() throws IOException {
    Path corpus = ExternalTools.shared().resolve("corpus");
    if (SEEDS.isEmpty()) {
      for (Path p : Nc4DamageCampaign.seeds(corpus)) {
        if (Files.size(p) <= 100_000) SEEDS.add(Nc4Damage.of(p)); // small ones: many runs a second
      }
    }
    Assumptions.assumeFalse(
        SEEDS.isEmpty(), "no NetCDF-4 files of at most 100 KB in " + corpus + ": not fuzzed");
  }

  @FuzzTest(maxDuration = "60s")
  void damage(FuzzedDataProvider data) throws IOException {
    Nc4Damage seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
    byte[] b = seed.intact.clone();
    List<Nc4Damage.Region> touched = new ArrayList<>();
    StringBuilder what = new StringBuilder();
    int changes = data.consumeInt(1, 4);
    int cut = -1;
    for (int k = 0; k < changes && data.remainingBytes() > 0; k++) {
      Nc4Damage.Region g = seed.regions.get(data.consumeInt(0, seed.regions.size() - 1));
      long len = Math.max(1, g.end() - g.start());
      int at = (int) Math.min(b.length - 1, g.start() + data.consumeLong(0, len - 1));
      int op = data.consumeInt(0, 3);
      if (op == 3) {
        cut = at;
        what.append("truncate at ").append(at).append("; ");
        continue;
      }
      byte[] put = data.consumeBytes(op == 0 ? 1 : op == 1 ? 4 : 8);
      for (int i = 0; i < put.length && at + i < b.length; i++) b[at + i] = put[i];
      touched.add(new Nc4Damage.Region(g.kind(), g.what(), at, at + put.length, -1));
      what.append(g.what()).append(" @").append(g.start()).append(": ");
      what.append(put.length).append(" bytes at ").append(at).append("; ");
    }
    seed.fixChecksums(b, touched);
    if (cut >= 0) b = java.util.Arrays.copyOf(b, cut);
    Path p = Files.createTempFile("exodusj-nc4fuzz", ".exo");
    try {
      Files.write(p, b);
      Nc4DamageCampaign.Outcome o = Nc4DamageCampaign.exercise(p, b, true);
      if (o.finding()) {
        throw new AssertionError(
            "reader "
                + o.reader()
                + " ("
                + o.readerStage()
                + "), updater "
                + o.updater()
                + ": "
                + what
                + " | "
                + o.detail());
      }
    } finally {
      Files.deleteIfExists(p);
    }
  }
}
