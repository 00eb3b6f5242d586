package org.exodusj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.exodusj.Assembly;
import org.exodusj.Basis;
import org.exodusj.Blob;
import org.exodusj.Block;
import org.exodusj.CoordinateFrame;
import org.exodusj.EntityAttribute;
import org.exodusj.EntitySet;
import org.exodusj.EntityType;
import org.exodusj.ExodusFile;
import org.exodusj.FieldMetadata;
import org.exodusj.FieldType;
import org.exodusj.FileInfo;
import org.exodusj.NumberedMap;
import org.exodusj.QaRecord;
import org.exodusj.Quadrature;
import org.exodusj.TruthTable;

/**
 * The content of {@code exo info --json} as a JSON tree; the readable summary is the library's
 * {@link ExodusFile#summary()}, read from the same accessors, so both say the same. The fields are
 * documented in docs/cli.md; every name is snake_case and every count a JSON integer.
 */
final class InfoSummary {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private InfoSummary() {}

  /** Writes {@code exo info --json} of {@code f} to {@code w}. */
  static void write(ExodusFile f, java.io.Writer w) throws IOException {
    Json.write(of(f), w);
  }

  static ObjectNode of(ExodusFile f) throws IOException {
    ObjectNode root = JSON.objectNode();
    FileInfo i = f.info();
    root.put("file", f.path().toString());
    root.put("title", f.title());
    root.put("format", i.format());
    real(root, "exodus_version", i.version());
    real(root, "api_version", i.apiVersion());
    root.put("float_word_size", i.floatingPointWordSize());
    root.put("int64", i.storesInt64());
    root.put("dimensions", f.dimensionCount());
    ObjectNode counts = root.putObject("counts");
    counts.put("nodes", f.nodeCount());
    counts.put("elements", f.elementCount());
    counts.put("edges", f.edgeCount());
    counts.put("faces", f.faceCount());
    root.set("coordinate_names", strings(f.coordinateNames()));

    ArrayNode blocks = root.putArray("blocks");
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) {
        ObjectNode o = blocks.addObject();
        o.put("kind", kind(t));
        o.put("id", b.id());
        o.put("name", b.name());
        o.put("type", b.storedType());
        o.put("topology", b.topology().name());
        o.put("entries", b.entryCount());
        o.put("nodes_per_entry", b.nodesPerEntry());
        o.put("edges_per_entry", b.edgesPerEntry());
        o.put("faces_per_entry", b.facesPerEntry());
        o.put("attributes", b.attributeCount());
        o.set("attribute_names", strings(b.attributeNames()));
        o.set("properties", properties(b.properties()));
      }
    }
    ArrayNode sets = root.putArray("sets");
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet s : f.sets(t)) {
        ObjectNode o = sets.addObject();
        o.put("kind", kind(t));
        o.put("id", s.id());
        o.put("name", s.name());
        o.put("entries", s.entryCount());
        o.put("distribution_factors", s.distributionFactorCount());
        o.put("attributes", s.attributeCount());
        o.set("properties", properties(s.properties()));
      }
    }
    ObjectNode maps = root.putObject("maps");
    maps.put("node_ids", f.hasIdMap(EntityType.NODE_MAP) ? "stored" : "identity");
    maps.put("element_ids", f.hasIdMap(EntityType.ELEM_MAP) ? "stored" : "identity");
    maps.put("element_order", f.hasElementOrderMap() ? "stored" : "none");
    ArrayNode numbered = maps.putArray("numbered");
    for (EntityType t : EntityType.MAP_TYPES) {
      for (NumberedMap m : f.numberedMaps(t)) {
        ObjectNode o = numbered.addObject();
        o.put("kind", kind(t));
        o.put("id", m.id());
        o.put("name", m.name());
        o.put("length", m.length());
      }
    }
    ArrayNode assemblies = root.putArray("assemblies");
    for (Assembly a : f.assemblies()) {
      ObjectNode o = assemblies.addObject();
      o.put("id", a.id());
      o.put("name", a.name());
      o.put("member_kind", kind(a.memberType()));
      o.put("members", a.members().size());
    }
    ArrayNode blobs = root.putArray("blobs");
    for (Blob b : f.blobs()) {
      ObjectNode o = blobs.addObject();
      o.put("id", b.id());
      o.put("name", b.name());
      o.put("values", b.valueCount());
    }
    modern(root, f);

    ObjectNode steps = root.putObject("steps");
    long n = f.timeStepCount();
    steps.put("count", n);
    if (n > 0) {
      double[] t = new double[1];
      f.readTimes(0, 1, t, 0);
      real(steps, "first_time", t[0]);
      f.readTimes(n - 1, 1, t, 0);
      real(steps, "last_time", t[0]);
    } else {
      steps.putNull("first_time");
      steps.putNull("last_time");
    }

    ObjectNode variables = root.putObject("variables");
    for (EntityType t : EntityType.VARIABLE_TYPES) {
      List<String> names = f.variableNames(t);
      List<String> reduction = f.reductionVariableNames(t);
      if (names.isEmpty() && reduction.isEmpty()) continue;
      ObjectNode o = variables.putObject(kind(t));
      o.set("names", strings(names));
      if (!reduction.isEmpty()) o.set("reduction_names", strings(reduction));
      if (t != EntityType.GLOBAL && t != EntityType.NODAL && !names.isEmpty()) {
        TruthTable tab = f.truthTable(t);
        ObjectNode table = o.putObject("truth_table");
        table.put("present", tab.presentCount());
        table.put("entries", (long) tab.objectIds().size() * names.size());
      }
    }
    ArrayNode qa = root.putArray("qa");
    for (QaRecord q : f.qaRecords()) {
      ObjectNode o = qa.addObject();
      o.put("code", q.codeName());
      o.put("version", q.codeVersion());
      o.put("date", q.date());
      o.put("time", q.time());
    }
    nemesis(root, f);
    root.set("info", strings(f.infoRecords()));
    root.set("groups", strings(f.groups()));
    root.set("defects", strings(f.defects()));
    return root;
  }

  /**
   * {@code attributes}, {@code fields}, {@code bases}, {@code quadratures} and {@code
   * coordinate_frames}: what Exodus 9 added, as the public API reads it.
   */
  private static void modern(ObjectNode root, ExodusFile f) {
    List<Object[]> entities = new java.util.ArrayList<>();
    entities.add(new Object[] {EntityType.GLOBAL, 0L});
    if (f.nodeCount() > 0) entities.add(new Object[] {EntityType.NODAL, 0L});
    for (EntityType t : EntityType.BLOCK_TYPES) {
      for (Block b : f.blocks(t)) entities.add(new Object[] {t, b.id()});
    }
    for (EntityType t : EntityType.SET_TYPES) {
      for (EntitySet x : f.sets(t)) entities.add(new Object[] {t, x.id()});
    }
    for (Assembly a : f.assemblies()) entities.add(new Object[] {EntityType.ASSEMBLY, a.id()});
    for (Blob b : f.blobs()) entities.add(new Object[] {EntityType.BLOB, b.id()});
    ArrayNode atts = root.putArray("attributes");
    ArrayNode fields = root.putArray("fields");
    for (Object[] e : entities) {
      EntityType t = (EntityType) e[0];
      long id = (Long) e[1];
      for (EntityAttribute a : f.entityAttributes(t, id)) {
        ObjectNode o = atts.addObject();
        o.put("kind", kind(t));
        o.put("id", id);
        o.put("name", a.name());
        o.put("type", a.isText() ? "char" : a.integer() ? "int" : "double");
        if (a.isText()) {
          o.put("text", a.text());
        } else {
          ArrayNode v = o.putArray("values");
          for (Double x : a.values()) {
            if (a.integer()) v.add((long) (double) x);
            else if (Double.isFinite(x)) v.add(x);
            else v.addNull();
          }
        }
      }
      for (FieldMetadata m : f.fieldMetadata(t, id)) {
        ObjectNode o = fields.addObject();
        o.put("kind", kind(t));
        o.put("id", id);
        o.put("name", m.name());
        o.set("types", strings(m.types().stream().map(FieldType::cName).toList()));
        o.set("type_names", strings(m.typeNames()));
        try {
          o.set("components", strings(f.fieldComponentNames(m)));
        } catch (IllegalArgumentException x) {
          o.putNull("components");
        }
      }
    }
    ArrayNode bases = root.putArray("bases");
    for (Basis b : f.bases())
      bases.addObject().put("name", b.name()).put("cardinality", b.cardinality());
    ArrayNode quads = root.putArray("quadratures");
    for (Quadrature q : f.quadratures()) {
      quads.addObject().put("name", q.name()).put("cardinality", q.cardinality());
    }
    ArrayNode frames = root.putArray("coordinate_frames");
    for (CoordinateFrame c : f.coordinateFrames()) {
      ObjectNode o = frames.addObject();
      o.put("id", c.id());
      o.put("tag", String.valueOf(c.tag()));
      ArrayNode v = o.putArray("coordinates");
      c.coordinates().forEach(v::add);
    }
  }

  /** An entity kind as it appears in JSON and in dump selections: {@code elem_block}. */
  static String kind(EntityType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /**
   * A real as JSON allows it: NaN and infinities become null. Versions are stored as floats, so a
   * value that is exactly a float is written as that float's shortest text (8.03, not
   * 8.029999732971191).
   */
  private static void real(ObjectNode o, String name, double v) {
    if (!Double.isFinite(v)) {
      o.putNull(name);
    } else if ((double) (float) v == v) {
      o.put(name, (float) v);
    } else {
      o.put(name, v);
    }
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = JSON.arrayNode();
    list.forEach(a::add);
    return a;
  }

  private static JsonNode properties(Map<String, Long> props) {
    ObjectNode o = JSON.objectNode();
    props.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> o.put(e.getKey(), e.getValue()));
    return o;
  }

  /**
   * {@code "nemesis"}: the decomposition metadata of a piece of a decomposed set, or null for an
   * ordinary file.
   */
  private static void nemesis(ObjectNode root, ExodusFile f) throws IOException {
    org.exodusj.Nemesis nm = f.nemesis().orElse(null);
    if (nm == null) {
      root.putNull("nemesis");
      return;
    }
    ObjectNode o = root.putObject("nemesis");
    o.put("file_type", nm.fileType());
    o.put("processors", nm.processorCount());
    o.put("processors_in_file", nm.processorsInFile());
    if (nm.hasGlobals()) {
      ObjectNode g = o.putObject("global");
      g.put("nodes", nm.globalNodeCount());
      g.put("elements", nm.globalElementCount());
      g.set("block_ids", longs(nm.globalBlockIds()));
      g.set("block_counts", longs(nm.globalBlockCounts()));
      g.set("node_set_ids", longs(nm.globalNodeSetIds()));
      g.set("node_set_node_counts", longs(nm.globalNodeSetNodeCounts()));
      g.set("node_set_df_counts", longs(nm.globalNodeSetDfCounts()));
      g.set("side_set_ids", longs(nm.globalSideSetIds()));
      g.set("side_set_side_counts", longs(nm.globalSideSetSideCounts()));
      g.set("side_set_df_counts", longs(nm.globalSideSetDfCounts()));
    } else {
      o.putNull("global");
    }
    ArrayNode procs = o.putArray("processor");
    for (int p = 0; p < nm.processorsInFile(); p++) {
      org.exodusj.Nemesis.LoadBalance lb = nm.loadBalance(p);
      ObjectNode q = procs.addObject();
      q.put("internal_nodes", lb.internalNodes());
      q.put("border_nodes", lb.borderNodes());
      q.put("external_nodes", lb.externalNodes());
      q.put("internal_elements", lb.internalElements());
      q.put("border_elements", lb.borderElements());
      ArrayNode nc = q.putArray("node_comm_maps");
      for (org.exodusj.Nemesis.CommMap m : nm.nodeCommMaps(p)) {
        nc.addObject().put("id", m.id()).put("count", m.count());
      }
      ArrayNode ec = q.putArray("element_comm_maps");
      for (org.exodusj.Nemesis.CommMap m : nm.elementCommMaps(p)) {
        ec.addObject().put("id", m.id()).put("count", m.count());
      }
    }
  }

  private static ArrayNode longs(long[] v) {
    ArrayNode a = JSON.arrayNode();
    for (long x : v) a.add(x);
    return a;
  }
}
