package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor exports the public API package and nothing else. */
class ModuleDescriptorTest {
  @Test
  void onlyTheApiPackageIsExported() throws IOException {
    // Tests run on the class path, so read the descriptor from the compiled classes directly.
    Path classes =
        Path.of(
            ExodusFormatException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("org.exodusj", d.name());
      Set<String> exported =
          d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
      assertEquals(Set.of("org.exodusj"), exported);
      assertEquals(Set.of(), d.opens());
    }
  }
}
