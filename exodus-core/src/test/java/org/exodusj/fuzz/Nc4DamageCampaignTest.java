package org.exodusj.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.exodusj.internal.testutil.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NetCDF-4 damage campaign ({@link Nc4DamageCampaign}) over the shared corpus's NetCDF-4 files:
 * a short run in every build; the long run with {@code -Dexodusj.damageCopies=5000} (and {@code
 * -Dexodusj.damageSeed=N} for another set of copies). Every copy must end in a clean outcome: the
 * reader reads it or refuses it with an IOException naming the file, within 30 s, under 256 MiB;
 * the updater adopts it or refuses it with the file byte for byte unchanged, and never adopts a
 * file whose metadata the reader refuses.
 */
class Nc4DamageCampaignTest {
  @TempDir Path work;

  @Test
  void everyDamagedCopyEndsCleanly() throws Exception {
    List<Path> seeds = Nc4DamageCampaign.seeds(ExternalTools.shared().resolve("corpus"));
    Assumptions.assumeFalse(
        seeds.isEmpty(), "no NetCDF-4 files in " + ExternalTools.shared().resolve("corpus"));
    int copies = Integer.getInteger("exodusj.damageCopies", 120);
    long seed = Long.getLong("exodusj.damageSeed", 1);
    Nc4DamageCampaign.Result r = Nc4DamageCampaign.run(seed, copies, seeds, work, System.out);
    System.out.println("NetCDF-4 damage campaign: " + Nc4DamageCampaign.summary(r));
    assertEquals(copies, r.copies);
    assertTrue(
        r.findings.isEmpty(), r.findings.size() + " findings:\n" + String.join("\n", r.findings));
  }
}
