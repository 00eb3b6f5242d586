package org.exodusj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.exodusj.Block;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;

/**
 * What a user names on the command line, resolved against a file: {@code [KIND:]ID} for blocks and
 * sets, {@code [KIND:]NAME} for variables. Errors name the file and list what exists.
 */
final class Selectors {
  private Selectors() {}

  /** A variable: its kind and its 0-based index among the variables of that kind. */
  record VariableRef(EntityType kind, int index, String name) {}

  private static final Map<String, EntityType> BLOCK_KINDS =
      Map.of(
          "elem", EntityType.ELEM_BLOCK,
          "element", EntityType.ELEM_BLOCK,
          "elem_block", EntityType.ELEM_BLOCK,
          "edge", EntityType.EDGE_BLOCK,
          "edge_block", EntityType.EDGE_BLOCK,
          "face", EntityType.FACE_BLOCK,
          "face_block", EntityType.FACE_BLOCK);

  private static final Map<String, EntityType> SET_KINDS =
      Map.of(
          "node", EntityType.NODE_SET,
          "node_set", EntityType.NODE_SET,
          "side", EntityType.SIDE_SET,
          "side_set", EntityType.SIDE_SET,
          "elem", EntityType.ELEM_SET,
          "elem_set", EntityType.ELEM_SET,
          "edge", EntityType.EDGE_SET,
          "edge_set", EntityType.EDGE_SET,
          "face", EntityType.FACE_SET,
          "face_set", EntityType.FACE_SET);

  /** {@code ID} (an element block) or {@code KIND:ID} with KIND elem, edge or face. */
  static Block block(ExodusFile f, String spec) {
    int colon = spec.indexOf(':');
    EntityType kind = EntityType.ELEM_BLOCK;
    if (colon >= 0) {
      kind = BLOCK_KINDS.get(spec.substring(0, colon).toLowerCase(Locale.ROOT));
      if (kind == null) {
        throw new IllegalArgumentException(
            "block '" + spec + "': the kind is elem, edge or face (for example elem:10)");
      }
    }
    long id = id(spec.substring(colon + 1), "block '" + spec + "'");
    for (Block b : f.blocks(kind)) {
      if (b.id() == id) return b;
    }
    List<Long> ids = f.blocks(kind).stream().map(Block::id).toList();
    throw new IllegalArgumentException(
        f.path() + ": no " + InfoSummary.kind(kind) + " with id " + id + " (ids: " + ids + ")");
  }

  /** {@code KIND:ID} with KIND node, side, elem, edge or face. */
  static EntitySet set(ExodusFile f, String spec) {
    int colon = spec.indexOf(':');
    EntityType kind =
        colon < 0 ? null : SET_KINDS.get(spec.substring(0, colon).toLowerCase(Locale.ROOT));
    if (kind == null) {
      throw new IllegalArgumentException(
          "set '" + spec + "': write KIND:ID with KIND node, side, elem, edge or face");
    }
    long id = id(spec.substring(colon + 1), "set '" + spec + "'");
    for (EntitySet s : f.sets(kind)) {
      if (s.id() == id) return s;
    }
    List<Long> ids = f.sets(kind).stream().map(EntitySet::id).toList();
    throw new IllegalArgumentException(
        f.path() + ": no " + InfoSummary.kind(kind) + " with id " + id + " (ids: " + ids + ")");
  }

  /**
   * {@code NAME}, found among the variables of every kind, or {@code KIND:NAME} where the name
   * alone is ambiguous; KIND is global, nodal, elem, edge, face (blocks) or node_set, side_set,
   * elem_set, edge_set, face_set. Exact names first, then a unique case-insensitive match. {@code
   * KIND:#N} selects the N-th variable of the kind (for empty or repeated names).
   */
  static VariableRef variable(ExodusFile f, String spec) {
    int colon = spec.indexOf(':');
    List<EntityType> kinds = EntityType.VARIABLE_TYPES;
    String name = spec;
    if (colon >= 0) {
      EntityType k = variableKind(spec.substring(0, colon));
      if (k != null) {
        kinds = List.of(k);
        name = spec.substring(colon + 1);
      }
    }
    if (name.startsWith("#") && kinds.size() == 1) {
      // by 1-based position: names may be empty or repeated
      EntityType k = kinds.get(0);
      List<String> names = f.variableNames(k);
      int i;
      try {
        i = Integer.parseInt(name.substring(1)) - 1;
      } catch (NumberFormatException e) {
        i = -1;
      }
      if (i < 0 || i >= names.size()) {
        throw new IllegalArgumentException(
            f.path()
                + ": variable '"
                + spec
                + "': "
                + shortKind(k)
                + " variables are #1..#"
                + names.size());
      }
      return new VariableRef(k, i, names.get(i));
    }
    List<VariableRef> exact = new ArrayList<>();
    List<VariableRef> folded = new ArrayList<>();
    for (EntityType k : kinds) {
      List<String> names = f.variableNames(k);
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals(name)) exact.add(new VariableRef(k, i, names.get(i)));
        else if (names.get(i).equalsIgnoreCase(name))
          folded.add(new VariableRef(k, i, names.get(i)));
      }
    }
    List<VariableRef> found = exact.isEmpty() ? folded : exact;
    if (found.size() == 1) return found.get(0);
    if (found.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (EntityType k : EntityType.VARIABLE_TYPES) {
        for (String n : f.variableNames(k)) all.add(shortKind(k) + ":" + n);
      }
      throw new IllegalArgumentException(
          f.path() + ": no variable '" + spec + "' (variables: " + String.join(", ", all) + ")");
    }
    List<String> options =
        found.stream()
            .map(
                v ->
                    shortKind(v.kind())
                        + ":"
                        + (v.name().isEmpty() ? "#" + (v.index() + 1) : v.name()))
            .distinct()
            .toList();
    if (options.size() < found.size()) {
      options = found.stream().map(v -> shortKind(v.kind()) + ":#" + (v.index() + 1)).toList();
    }
    throw new IllegalArgumentException(
        f.path() + ": variable '" + spec + "' is ambiguous; write one of " + options);
  }

  /** The kind prefix of a variable selector. */
  static EntityType variableKind(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return switch (w) {
      case "global" -> EntityType.GLOBAL;
      case "nodal", "node" -> EntityType.NODAL;
      case "elem", "element", "elem_block" -> EntityType.ELEM_BLOCK;
      case "edge", "edge_block" -> EntityType.EDGE_BLOCK;
      case "face", "face_block" -> EntityType.FACE_BLOCK;
      case "node_set", "side_set", "elem_set", "edge_set", "face_set", "assembly", "blob" ->
          EntityType.valueOf(w.toUpperCase(Locale.ROOT));
      default -> null;
    };
  }

  static String shortKind(EntityType k) {
    return switch (k) {
      case GLOBAL -> "global";
      case NODAL -> "nodal";
      case ELEM_BLOCK -> "elem";
      case EDGE_BLOCK -> "edge";
      case FACE_BLOCK -> "face";
      default -> InfoSummary.kind(k);
    };
  }

  private static long id(String text, String what) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": the id must be an integer");
    }
  }
}
