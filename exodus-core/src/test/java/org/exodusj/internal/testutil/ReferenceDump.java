package org.exodusj.internal.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The C library's canonical dump of a corpus file (shared/corpus/reference, written by
 * tools/exref.c on libexodusII), as records: the oracle of the convenience-API tests.
 */
public final class ReferenceDump {
  private final List<String[]> records = new ArrayList<>();

  public ReferenceDump(String text) {
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) records.add(line.split("\t", -1));
    }
  }

  public static ReferenceDump load(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return new ReferenceDump(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Every reference dump of the corpus (skips where the corpus is absent). */
  public static Stream<Path> all() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(ExternalTools.corpus().resolve("reference"))) {
      s.filter(p -> p.toString().endsWith(".ref.gz")).sorted().forEach(out::add);
    }
    return out.stream();
  }

  /** The corpus file a reference dump describes. */
  public static Path fileOf(Path ref) {
    String name = ref.getFileName().toString().replace(".ref.gz", "");
    Path corpus = ref.getParent().getParent();
    Path file = corpus.resolve(name);
    return Files.exists(file) ? file : corpus.resolve("derived").resolve(name);
  }

  /** The records of one type, each with the type as field 0. */
  public List<String[]> all(String type) {
    return records.stream().filter(r -> r[0].equals(type)).toList();
  }

  /** The only record of {@code type}, or null. */
  public String[] one(String type) {
    List<String[]> a = all(type);
    return a.isEmpty() ? null : a.get(0);
  }

  public long count(String type) {
    return Long.parseLong(one(type)[1]);
  }

  /** The fields from {@code from} on, as doubles. */
  public static double[] reals(String[] r, int from) {
    double[] v = new double[r.length - from];
    for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(r[from + i]);
    return v;
  }

  /** The fields from {@code from} on, as longs. */
  public static long[] longs(String[] r, int from) {
    long[] v = new long[r.length - from];
    for (int i = 0; i < v.length; i++) v[i] = Long.parseLong(r[from + i]);
    return v;
  }
}
