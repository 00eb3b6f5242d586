package org.exodusj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API check (docs/api.md): the public and protected signatures of the exported package
 * {@code org.exodusj}, as compiled, compared with the recorded baseline {@code
 * exodus-core/api/org.exodusj.api}. A removed or changed signature fails the build; additions are
 * allowed. After an intended change, re-record the baseline with the one command
 *
 * <pre>
 * mvn -B -pl exodus-core test-compile surefire:test -Dtest=PublicApiTest -Dexodusj.api.record=true
 * </pre>
 *
 * and commit the baseline with a CHANGELOG.md entry.
 */
class PublicApiTest {
  static final String RECORD_COMMAND =
      "mvn -B -pl exodus-core test-compile surefire:test -Dtest=PublicApiTest"
          + " -Dexodusj.api.record=true";

  private static Path baseline() {
    return Path.of(System.getProperty("basedir", "."), "api", "org.exodusj.api");
  }

  @Test
  void publicApiKeepsEveryRecordedSignature() throws Exception {
    Set<String> current = signatures(classesOf("org.exodusj"));
    Path file = baseline();
    if (Boolean.getBoolean("exodusj.api.record")) {
      Files.createDirectories(file.getParent());
      List<String> out = new ArrayList<>();
      out.add(
          "# Public API of org.exodusj (exodus-core), checked by PublicApiTest; see docs/api.md.");
      out.add("# Re-record after an intended change: " + RECORD_COMMAND);
      out.addAll(current);
      Files.write(file, out, StandardCharsets.UTF_8);
      System.out.println("PublicApiTest: recorded " + current.size() + " signatures in " + file);
      return;
    }
    assertTrue(
        Files.isRegularFile(file), "no API baseline " + file + "; record it: " + RECORD_COMMAND);
    String problems = compare(read(file), current);
    if (!problems.isEmpty()) {
      fail(problems);
    }
  }

  /** The removals and changes of {@code current} against {@code baseline}; empty if none. */
  static String compare(Set<String> baseline, Set<String> current) {
    List<String> removed =
        baseline.stream().filter(s -> !current.contains(s)).collect(Collectors.toList());
    if (removed.isEmpty()) {
      return "";
    }
    return "The public API of org.exodusj lost or changed "
        + removed.size()
        + " recorded signature(s):\n  "
        + String.join("\n  ", removed)
        + "\nIf this is unintended, restore them. If it is intended (docs/api.md: deprecate first,"
        + " remove in a later minor release; say it in CHANGELOG.md), re-record the baseline:\n  "
        + RECORD_COMMAND;
  }

  private static Set<String> read(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The public classes of one package, nested ones included, from the compiled classes. */
  static List<Class<?>> classesOf(String pkg) throws Exception {
    Path classes =
        Path.of(ExodusFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = classes.resolve(pkg.replace('.', '/'));
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> c =
            Class.forName(
                pkg + "." + name.substring(0, name.length() - 6),
                false,
                PublicApiTest.class.getClassLoader());
        if (visible(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** Public, or protected in a visible class, all the way out; never anonymous or local. */
  private static boolean visible(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    int m = c.getModifiers();
    Class<?> outer = c.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(m);
    }
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && visible(outer);
  }

  /** One line per visible type and member: the Java declaration as reflection renders it. */
  static Set<String> signatures(List<Class<?>> types) {
    // Grouped by type (the type's line first, then its members sorted) for readable diffs.
    java.util.SortedMap<String, String> byType = new java.util.TreeMap<>();
    for (Class<?> c : types) {
      Set<String> out = new TreeSet<>();
      byType.put(c.getName() + "\t", typeLine(c));
      boolean extensible = !Modifier.isFinal(c.getModifiers()) && !c.isInterface();
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (shown(k, extensible)) {
          out.add(deprecated(k) + k.toGenericString());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!m.isBridge() && shown(m, extensible)) {
          // synchronized (and native, strictfp) say how, not what: not part of the API contract
          out.add(
              deprecated(m)
                  + m.toGenericString().replaceAll("\\b(synchronized|native|strictfp) ", ""));
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (shown(f, extensible)) {
          out.add(deprecated(f) + f.toGenericString() + constant(f));
        }
      }
      for (String line : out) {
        byType.put(c.getName() + "\t" + line, line);
      }
    }
    return new java.util.LinkedHashSet<>(byType.values());
  }

  private static boolean shown(Member m, boolean extensible) {
    int mod = m.getModifiers();
    return !m.isSynthetic()
        && (Modifier.isPublic(mod) || (extensible && Modifier.isProtected(mod)));
  }

  private static <T extends java.lang.reflect.AnnotatedElement> String deprecated(T e) {
    return e.isAnnotationPresent(Deprecated.class) ? "@Deprecated " : "";
  }

  /** A compile-time constant is inlined into callers: its value is part of the API. */
  private static String constant(Field f) {
    int m = f.getModifiers();
    if (!Modifier.isStatic(m)
        || !Modifier.isFinal(m)
        || !(f.getType().isPrimitive() || f.getType() == String.class)) {
      return "";
    }
    try {
      f.setAccessible(true);
      return " = " + f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "";
    }
  }

  private static String typeLine(Class<?> c) {
    StringBuilder b = new StringBuilder(deprecated(c));
    int mods =
        c.getModifiers()
            & (Modifier.PUBLIC
                | Modifier.PROTECTED
                | Modifier.STATIC
                | Modifier.FINAL
                | Modifier.ABSTRACT);
    if (c.isInterface()) {
      mods &= ~Modifier.ABSTRACT;
    }
    String m = Modifier.toString(mods);
    b.append(m.isEmpty() ? "" : m + " ");
    if (c.isSealed()) {
      b.append("sealed ");
    }
    b.append(
        c.isAnnotation()
            ? "@interface "
            : c.isInterface()
                ? "interface "
                : c.isEnum() ? "enum " : c.isRecord() ? "record " : "class ");
    b.append(c.getName());
    TypeVariable<?>[] params = c.getTypeParameters();
    if (params.length > 0) {
      b.append(
          Arrays.stream(params)
              .map(PublicApiTest::typeParameter)
              .collect(Collectors.joining(",", "<", ">")));
    }
    Type sup = c.getGenericSuperclass();
    if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord()) {
      b.append(" extends ").append(sup.getTypeName());
    }
    Type[] ifaces = c.getGenericInterfaces();
    if (ifaces.length > 0) {
      b.append(c.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(ifaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    if (c.isSealed()) {
      b.append(
          Arrays.stream(c.getPermittedSubclasses())
              .map(Class::getName)
              .sorted()
              .collect(Collectors.joining(", ", " permits ", "")));
    }
    return b.toString();
  }

  private static String typeParameter(TypeVariable<?> v) {
    Type[] bounds = v.getBounds();
    if (bounds.length == 1 && bounds[0] == Object.class) {
      return v.getName();
    }
    return v.getName()
        + " extends "
        + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
  }

  // The check itself can fail: signatures of known declarations, and the comparison.

  @Test
  void rendersDeclarationsAsJavaWritesThem() throws Exception {
    Set<String> s = signatures(List.of(ExodusFile.class, ExodusFormatException.class));
    assertTrue(s.contains("public java.lang.String org.exodusj.ExodusFile.title()"), s::toString);
    assertTrue(
        s.contains(
            "public static org.exodusj.ExodusFile org.exodusj.ExodusFile.open(java.nio.file.Path)"
                + " throws java.io.IOException"),
        s::toString);
    assertTrue(
        s.stream()
            .anyMatch(
                l ->
                    l.startsWith("public ")
                        && l.endsWith(
                            "class org.exodusj.ExodusFormatException extends"
                                + " java.io.IOException")),
        s::toString);
    // Internal packages are not part of it.
    assertTrue(s.stream().noneMatch(l -> l.contains("org.exodusj.internal")), s::toString);
  }

  @Test
  void removalsAndChangesFailAdditionsPass() {
    Set<String> base = Set.of("public int org.exodusj.A.f(int)", "public void org.exodusj.A.g()");
    assertEquals(
        "",
        compare(
            base,
            Set.of(
                "public int org.exodusj.A.f(int)",
                "public void org.exodusj.A.g()",
                "public void org.exodusj.A.h()")));
    String removed = compare(base, Set.of("public int org.exodusj.A.f(int)"));
    assertTrue(removed.contains("public void org.exodusj.A.g()") && removed.contains("1 recorded"));
    String changed =
        compare(base, Set.of("public long org.exodusj.A.f(int)", "public void org.exodusj.A.g()"));
    assertTrue(changed.contains("public int org.exodusj.A.f(int)"), changed);
    assertTrue(changed.contains(RECORD_COMMAND), changed);
  }
}
