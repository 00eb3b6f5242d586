package org.exodusj.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A canonical dump (the C library's reading) as records: the oracle of the CLI tests. */
final class RefDump {
  final List<String[]> records = new ArrayList<>();

  RefDump(String text) {
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) records.add(line.split("\t", -1));
    }
  }

  static RefDump load(Path gz) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return new RefDump(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The records of one type. */
  List<String[]> all(String type) {
    return records.stream().filter(r -> r[0].equals(type)).toList();
  }

  /** The fields after the type of the only record of {@code type}, or null. */
  String[] one(String type) {
    List<String[]> a = all(type);
    return a.isEmpty() ? null : a.get(0);
  }

  long count(String type) {
    return Long.parseLong(one(type)[1]);
  }

  /** The first record whose leading fields are {@code prefix}. */
  String[] find(String... prefix) {
    outer:
    for (String[] r : records) {
      if (r.length < prefix.length) continue;
      for (int i = 0; i < prefix.length; i++) if (!r[i].equals(prefix[i])) continue outer;
      return r;
    }
    return null;
  }

  /** The values of a record from field {@code from} on, as doubles. */
  static double[] reals(String[] r, int from) {
    double[] v = new double[r.length - from];
    for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(r[from + i]);
    return v;
  }
}
