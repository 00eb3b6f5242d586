package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After {@link ExodusFile#close()} every public method throws {@link IllegalStateException} "FILE
 * is closed" (issue 12, section 3), found by reflection so that a method added later cannot escape;
 * views handed out before stay readable.
 */
class ClosedFileTest {
  @TempDir Path dir;

  /** The methods that still work on a closed file. */
  static final Set<String> ALLOWED = Set.of("close", "toString");

  static Object defaultValue(Class<?> t) {
    if (t == boolean.class) return false;
    if (t == int.class) return 0;
    if (t == long.class) return 0L;
    if (t == double.class) return 0.0;
    if (t == float.class) return 0f;
    if (t == short.class) return (short) 0;
    if (t == byte.class) return (byte) 0;
    if (t == char.class) return 'a';
    return null;
  }

  @ParameterizedTest(name = "memoryMap={0}")
  @ValueSource(booleans = {true, false})
  void everyPublicMethodThrowsIllegalStateAfterClose(boolean mapped) throws Exception {
    Path p = dir.resolve("closed.e");
    SampleFiles.writeHexMesh(p, 3, 2, 2, 2, 1);
    ExodusFile f = ExodusFile.open(p, ExodusOpenOptions.builder().memoryMap(mapped).build());
    f.close();
    f.close(); // a second close does nothing
    List<String> checked = new ArrayList<>();
    for (Method m : ExodusFile.class.getMethods()) {
      if (m.getDeclaringClass() != ExodusFile.class
          || Modifier.isStatic(m.getModifiers())
          || ALLOWED.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) args[i] = defaultValue(m.getParameterTypes()[i]);
      try {
        m.invoke(f, args);
        fail(m + " worked on a closed file");
      } catch (InvocationTargetException e) {
        Throwable c = e.getCause();
        assertInstanceOf(IllegalStateException.class, c, m + " threw " + c);
        assertEquals(p + " is closed", c.getMessage(), m.toString());
      }
      checked.add(m.getName());
    }
    assertTrue(checked.size() > 60, "found " + checked.size() + " methods: " + checked);
    assertTrue(
        checked.contains("readNodalVariable") && checked.contains("path"), checked.toString());
    assertEquals("ExodusFile[" + p + "]", f.toString());
  }

  @ParameterizedTest(name = "memoryMap={0}")
  @ValueSource(booleans = {true, false})
  void chunkIteratorsAndViewsAfterClose(boolean mapped) throws Exception {
    Path p = dir.resolve("closed.e");
    SampleFiles.writeHexMesh(p, 3, 2, 2, 2, 1);
    ExgenOracle o = new ExgenOracle(3, 2, 2);
    ExodusFile f = ExodusFile.open(p, ExodusOpenOptions.builder().memoryMap(mapped).build());
    ValueChunks c = f.nodalVariableChunks(0, 0, 2, 7);
    assertTrue(c.next());
    DoubleBuffer view = f.coordinateView(0).orElse(null);
    assertEquals(mapped, view != null);
    f.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, c::next);
    assertEquals(p + " is closed", e.getMessage());
    if (view != null) {
      // views stay readable after close: the maps are released by the garbage collector
      for (int n = 0; n < o.nodes(); n++) assertEquals(o.coord(0, n), view.get(n));
    }
  }
}
