package org.exodusj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readable summary of {@code exo info}, rendered from {@link InfoSummary} so that the text and
 * {@code --json} always say the same.
 */
final class InfoPrinter {
  private final JsonNode s;
  private final Writer out;

  InfoPrinter(JsonNode summary, Writer out) {
    this.s = summary;
    this.out = out;
  }

  void print() throws IOException {
    p("file      %s%n", s.get("file").asText());
    p("title     %s%n", s.get("title").asText());
    p(
        "format    %s, Exodus version %s (API %s), %d-byte reals, %s integers%n",
        s.get("format").asText(),
        num(s.get("exodus_version")),
        num(s.get("api_version")),
        s.get("float_word_size").asInt(),
        s.get("int64").asBoolean() ? "64-bit" : "32-bit");
    JsonNode c = s.get("counts");
    p(
        "mesh      %d-D, %d nodes, %d elements, %d edges, %d faces%n",
        s.get("dimensions").asInt(),
        c.get("nodes").asLong(),
        c.get("elements").asLong(),
        c.get("edges").asLong(),
        c.get("faces").asLong());
    String kind = null;
    for (JsonNode b : s.get("blocks")) {
      if (!b.get("kind").asText().equals(kind)) {
        kind = b.get("kind").asText();
        p("%ss: %d%n", label(kind), count(s.get("blocks"), kind));
      }
      p(
          "  id %-8d %-10s %-10s %10d entries x %d nodes%s%s%n",
          b.get("id").asLong(),
          b.get("type").asText(),
          "(" + b.get("topology").asText() + ")",
          b.get("entries").asLong(),
          b.get("nodes_per_entry").asLong(),
          b.get("attributes").asLong() > 0 ? ", " + b.get("attributes") + " attributes" : "",
          name(b));
    }
    kind = null;
    for (JsonNode set : s.get("sets")) {
      if (!set.get("kind").asText().equals(kind)) {
        kind = set.get("kind").asText();
        p("%ss: %d%n", label(kind), count(s.get("sets"), kind));
      }
      p(
          "  id %-8d %10d entries, %d distribution factors%s%n",
          set.get("id").asLong(),
          set.get("entries").asLong(),
          set.get("distribution_factors").asLong(),
          name(set));
    }
    JsonNode m = s.get("maps");
    p(
        "maps      node ids %s, element ids %s%s%s%n",
        m.get("node_ids").asText(),
        m.get("element_ids").asText(),
        m.get("element_order").asText().equals("stored") ? ", element order map" : "",
        m.get("numbered").isEmpty() ? "" : ", " + m.get("numbered").size() + " numbered maps");
    if (!s.get("assemblies").isEmpty()) p("assemblies: %d%n", s.get("assemblies").size());
    if (!s.get("blobs").isEmpty()) p("blobs: %d%n", s.get("blobs").size());
    JsonNode steps = s.get("steps");
    if (steps.get("count").asLong() > 0) {
      p(
          "steps     %d, time %s .. %s%n",
          steps.get("count").asLong(), num(steps.get("first_time")), num(steps.get("last_time")));
    } else {
      p("steps     0%n");
    }
    var vars = s.get("variables").fields();
    while (vars.hasNext()) {
      var e = vars.next();
      JsonNode v = e.getValue();
      List<String> names = new ArrayList<>();
      v.get("names").forEach(n -> names.add(n.asText()));
      String coverage = "";
      if (v.has("truth_table")) {
        coverage =
            String.format(
                Locale.ROOT,
                " (truth table: %d of %d present)",
                v.get("truth_table").get("present").asLong(),
                v.get("truth_table").get("entries").asLong());
      }
      if (!names.isEmpty()) {
        p("%s variables: %s%s%n", label(e.getKey()), String.join(", ", names), coverage);
      }
      if (v.has("reduction_names")) {
        List<String> red = new ArrayList<>();
        v.get("reduction_names").forEach(n -> red.add(n.asText()));
        p("%s reduction variables: %s%n", label(e.getKey()), String.join(", ", red));
      }
    }
    for (JsonNode q : s.get("qa")) {
      p(
          "qa        %s %s %s %s%n",
          q.get("code").asText(),
          q.get("version").asText(),
          q.get("date").asText(),
          q.get("time").asText());
    }
    if (!s.get("info").isEmpty()) p("info      %d lines%n", s.get("info").size());
    for (JsonNode d : s.get("defects")) p("defect    %s%n", d.asText());
  }

  private static long count(JsonNode list, String kind) {
    long n = 0;
    for (JsonNode o : list) if (o.get("kind").asText().equals(kind)) n++;
    return n;
  }

  private static String name(JsonNode o) {
    String n = o.get("name").asText();
    return n.isEmpty() ? "" : "  '" + n + "'";
  }

  private static String label(String kind) {
    return kind.replace('_', ' ');
  }

  /** A number as JSON holds it; null (not stored, or not finite) prints as "?". */
  private static String num(JsonNode n) {
    return n == null || n.isNull() ? "?" : n.asText();
  }

  private void p(String fmt, Object... args) throws IOException {
    out.write(String.format(Locale.ROOT, fmt, args));
  }
}
