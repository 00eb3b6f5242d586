package org.exodusj.internal.model;

import static org.exodusj.internal.model.ExodusNames.FOUR;
import static org.exodusj.internal.model.ExodusNames.LEN_LINE;
import static org.exodusj.internal.model.ExodusNames.LEN_NAME;
import static org.exodusj.internal.model.ExodusNames.LEN_STRING;
import static org.exodusj.internal.model.ExodusNames.TIME_STEP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.exodusj.Assembly;
import org.exodusj.Blob;
import org.exodusj.BlockSpec;
import org.exodusj.CoordinateFrame;
import org.exodusj.EntityType;
import org.exodusj.NumberedMap;
import org.exodusj.SetSpec;
import org.exodusj.internal.storage.Attribute;
import org.exodusj.internal.storage.DataType;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Schema;

/**
 * The Exodus layout: which dimensions, variables and attributes libexodusII defines for a mesh and
 * its results, spelled with {@link ExodusNames}. It turns a new file's definition into a format
 * neutral {@link Schema} ({@link #define}, for {@code ExodusWriter}) and "add variables of kind K
 * to this file" into the dimensions and variables to add ({@link #addVariables}, for {@code
 * ExodusUpdater}). Reading the layout back is {@link ExodusModel}'s.
 *
 * <p>A new entity kind is an {@link EntityType} constant, its names in {@link ExodusNames} and its
 * definition here.
 */
public final class ExodusLayout {
  private ExodusLayout() {}

  /** libexodusII's version, written as {@code api_version} and {@code version}. */
  private static final float VERSION = 8.19f;

  /** {@code int64_status} of a file that stores ids, maps and connectivity as 64-bit integers. */
  private static final int INT64_ALL = 0x1C00;

  /** Length of the QA strings' dimension ({@link ExodusNames#LEN_STRING}). */
  public static final int QA_STRING_LENGTH = 33;

  /** Length of the info lines' dimension ({@link ExodusNames#LEN_LINE}). */
  public static final int INFO_LINE_LENGTH = 81;

  /**
   * What a new file holds, as the writer's definition says it (objects in definition order).
   *
   * @param idMaps the map kinds whose id map is stored
   * @param truth per kind, {@code [object][variable]}: stored or not (absent: everywhere)
   */
  public record Mesh(
      String title,
      int dims,
      long nodes,
      int realWordSize,
      boolean int64,
      int maxNameLength,
      List<BlockSpec> blocks,
      List<SetSpec> sets,
      Set<EntityType> idMaps,
      Map<EntityType, List<NumberedMap>> numberedMaps,
      int qaRecords,
      int infoRecords,
      Map<EntityType, List<String>> variables,
      Map<EntityType, boolean[][]> truth,
      Map<EntityType, List<String>> reductions,
      Map<EntityType, Set<Long>> reductionObjects,
      List<Assembly> assemblies,
      List<Blob> blobs,
      Map<String, List<Attribute>> attributes,
      Map<String, List<String>> setAttributeNames,
      List<String> nodalAttributeNames,
      List<CoordinateFrame> frames,
      Map<EntityType, List<Property>> properties) {

    /** The extra attributes of an entity (entity attributes, field metadata), stored order. */
    public List<Attribute> attributesOf(EntityType kind, long id) {
      return attributes.getOrDefault(attributeKey(kind, id), List.of());
    }
  }

  /**
   * A property other than the id of a block or set kind ({@code ex_put_prop}): its name and one
   * value per object, in definition order (0 where not given, the fill value libexodus uses).
   */
  public record Property(String name, Map<Long, Long> valuesById) {}

  /** The key of an entity's attributes in {@link Mesh#attributes()}. */
  public static String attributeKey(EntityType kind, long id) {
    return kind == EntityType.GLOBAL || kind == EntityType.NODAL ? kind.name() : kind + "/" + id;
  }

  /** {@code first} followed by {@code more}, as a varargs array. */
  private static Attribute[] with(List<Attribute> more, Attribute... first) {
    Attribute[] out = java.util.Arrays.copyOf(first, first.length + more.size());
    for (int i = 0; i < more.size(); i++) out[first.length + i] = more.get(i);
    return out;
  }

  /** The stored type of reals for a real word size of 4 or 8 bytes. */
  public static DataType realType(int realWordSize) {
    return realWordSize == 4 ? DataType.FLOAT : DataType.DOUBLE;
  }

  /** Whether a block holds polygons (its entries have their own node counts). */
  public static boolean nsided(BlockSpec b) {
    return b.topology().equalsIgnoreCase(ExodusNames.NSIDED);
  }

  /** Whether a block holds polyhedra (its entries are lists of faces). */
  public static boolean nfaced(BlockSpec b) {
    return b.topology().equalsIgnoreCase(ExodusNames.NFACED);
  }

  /**
   * What the entries of a set kind number: NODAL (nodes), or the block kind whose entries they are
   * (side sets: elements).
   */
  public static EntityType setMembers(EntityType setKind) {
    return switch (setKind) {
      case NODE_SET -> EntityType.NODAL;
      case SIDE_SET, ELEM_SET -> EntityType.ELEM_BLOCK;
      case EDGE_SET -> EntityType.EDGE_BLOCK;
      case FACE_SET -> EntityType.FACE_BLOCK;
      default -> throw new IllegalArgumentException(setKind + " is not a set type");
    };
  }

  /** Entry counts of the blocks or sets of a kind, in definition order. */
  public static List<Long> objectEntries(List<BlockSpec> blocks, List<SetSpec> sets, EntityType t) {
    List<Long> out = new ArrayList<>();
    for (BlockSpec b : blocks) if (b.type() == t) out.add(b.entries());
    for (SetSpec x : sets) if (x.type() == t) out.add(x.entries());
    return out;
  }

  /** Defines the whole of a new file, as libexodusII lays it out, into {@code s}. */
  public static Schema define(Schema s, Mesh d) {
    DataType real = realType(d.realWordSize());
    DataType integer = d.int64() ? DataType.INT64 : DataType.INT;
    s.dimension(LEN_STRING, QA_STRING_LENGTH).dimension(LEN_LINE, INFO_LINE_LENGTH);
    s.dimension(FOUR, 4);
    s.dimension(LEN_NAME, d.maxNameLength() + 1).unlimitedDimension(TIME_STEP);
    s.dimension(ExodusNames.NUM_DIM, d.dims());
    if (d.nodes() > 0) s.dimension(ExodusNames.NUM_NODES, d.nodes());
    Map<EntityType, Long> totals = new HashMap<>();
    for (BlockSpec b : d.blocks()) totals.merge(b.type(), b.entries(), Long::sum);
    for (EntityType t : EntityType.BLOCK_TYPES) {
      long n = totals.getOrDefault(t, 0L);
      if (n > 0) s.dimension(entityCountDim(t), n);
    }
    s.variable(ExodusNames.TIME_WHOLE, real, List.of(TIME_STEP));
    for (EntityType t : EntityType.BLOCK_TYPES) {
      List<BlockSpec> bs = d.blocks().stream().filter(b -> b.type() == t).toList();
      if (!bs.isEmpty()) defineBlocks(s, d, t, bs, real, integer);
    }
    for (EntityType t : EntityType.SET_TYPES) {
      List<SetSpec> ss = d.sets().stream().filter(x -> x.type() == t).toList();
      if (!ss.isEmpty()) defineSets(s, d, t, ss, real, integer);
    }
    for (EntityType t : EntityType.MAP_TYPES) {
      defineMaps(s, d, t, totals, integer);
    }
    if (d.nodes() > 0) {
      for (int a = 0; a < d.dims(); a++) {
        s.variable(ExodusNames.coord(a), real, List.of(ExodusNames.NUM_NODES));
      }
    }
    s.variable(
        ExodusNames.COORD_NAMES,
        DataType.CHAR,
        List.of(ExodusNames.NUM_DIM, LEN_NAME),
        with(d.attributesOf(EntityType.NODAL, 0)));
    if (d.qaRecords() > 0) {
      s.dimension(ExodusNames.NUM_QA_REC, d.qaRecords());
      s.variable(
          ExodusNames.QA_RECORDS, DataType.CHAR, List.of(ExodusNames.NUM_QA_REC, FOUR, LEN_STRING));
    }
    if (d.infoRecords() > 0) {
      s.dimension(ExodusNames.NUM_INFO, d.infoRecords());
      s.variable(ExodusNames.INFO_RECORDS, DataType.CHAR, List.of(ExodusNames.NUM_INFO, LEN_LINE));
    }
    defineNodalAttributes(s, d, real);
    defineFrames(s, d, real, integer);
    defineProperties(s, d, integer);
    defineAssemblies(s, d, integer);
    defineBlobs(s, d, integer);
    for (Map.Entry<EntityType, List<String>> e : d.variables().entrySet()) {
      EntityType t = e.getKey();
      int n = e.getValue().size();
      if (n == 0) continue;
      List<Long> objects = objects(d, t);
      boolean[][] stored = d.truth().get(t);
      s.dimension(resultCountDim(t), n);
      boolean byId = t == EntityType.ASSEMBLY || t == EntityType.BLOB;
      List<NewVariable> vs =
          byId
              ? idResultVariables(t, n, real, objectIds(d, t), objects, stored)
              : resultVariables(t, 0, n, real, LEN_NAME, true, true, objects, stored);
      for (NewVariable v : vs) {
        s.variable(v.name(), v.type(), v.dimensions());
      }
    }
    for (Map.Entry<EntityType, List<String>> e : d.reductions().entrySet()) {
      EntityType t = e.getKey();
      if (e.getValue().isEmpty()) continue;
      ExodusNames.Kind k = ExodusNames.of(t);
      s.dimension(k.redCountDim(), e.getValue().size());
      s.variable(k.redNames(), DataType.CHAR, List.of(k.redCountDim(), LEN_NAME));
      List<Long> suffixes = new ArrayList<>();
      if (t == EntityType.ASSEMBLY) {
        for (Assembly a : d.assemblies()) suffixes.add(a.id());
      } else if (t == EntityType.BLOB) {
        for (Blob b : d.blobs()) suffixes.add(b.id());
      } else {
        int n = objectEntries(d.blocks(), d.sets(), t).size();
        for (int i = 1; i <= n; i++) suffixes.add((long) i);
      }
      Set<Long> only = d.reductionObjects().get(t);
      List<Long> ids = new ArrayList<>();
      if (t == EntityType.ASSEMBLY || t == EntityType.BLOB) {
        ids.addAll(suffixes);
      } else {
        for (BlockSpec b : d.blocks()) if (b.type() == t) ids.add(b.id());
        for (SetSpec x : d.sets()) if (x.type() == t) ids.add(x.id());
      }
      for (int o = 0; o < suffixes.size(); o++) {
        long suffix = suffixes.get(o);
        if (only != null && !only.contains(ids.get(o))) continue;
        s.variable(k.redValsPrefix() + suffix, real, List.of(TIME_STEP, k.redCountDim()));
      }
    }
    // global attributes, as libexodusII writes them
    s.attribute(Attribute.reals(ExodusNames.ATT_API_VERSION, DataType.FLOAT, VERSION));
    s.attribute(Attribute.reals(ExodusNames.ATT_VERSION, DataType.FLOAT, VERSION));
    s.attribute(
        Attribute.integers(
            ExodusNames.ATT_FLOATING_POINT_WORD_SIZE, DataType.INT, d.realWordSize()));
    s.attribute(Attribute.integers(ExodusNames.ATT_FILE_SIZE, DataType.INT, 1));
    s.attribute(
        Attribute.integers(ExodusNames.ATT_MAXIMUM_NAME_LENGTH, DataType.INT, d.maxNameLength()));
    s.attribute(
        Attribute.integers(ExodusNames.ATT_INT64_STATUS, DataType.INT, d.int64() ? INT64_ALL : 0));
    s.attribute(Attribute.text(ExodusNames.ATT_TITLE, d.title()));
    for (Attribute a : d.attributesOf(EntityType.GLOBAL, 0)) s.attribute(a);
    return s;
  }

  /** The dimension that counts all entries of a block kind: num_elem, num_edge or num_face. */
  public static String entityCountDim(EntityType blockType) {
    return switch (blockType) {
      case ELEM_BLOCK -> ExodusNames.NUM_ELEM;
      case EDGE_BLOCK -> ExodusNames.NUM_EDGE;
      case FACE_BLOCK -> ExodusNames.NUM_FACE;
      default -> throw new IllegalArgumentException(blockType + " is not a block type");
    };
  }

  /** The count dimension and the status, id and name variables of one block or set kind. */
  private static void defineObjectList(Schema s, ExodusNames.Kind k, int n, DataType integer) {
    s.dimension(k.countDim(), n);
    s.variable(k.status(), DataType.INT, List.of(k.countDim()));
    s.variable(k.ids(), integer, List.of(k.countDim()), Attribute.text(ExodusNames.ATT_NAME, "ID"));
    s.variable(k.names(), DataType.CHAR, List.of(k.countDim(), LEN_NAME));
  }

  private static void defineBlocks(
      Schema s, Mesh d, EntityType t, List<BlockSpec> bs, DataType real, DataType integer) {
    ExodusNames.Kind k = ExodusNames.of(t);
    defineObjectList(s, k, bs.size(), integer);
    for (int i = 1; i <= bs.size(); i++) {
      BlockSpec b = bs.get(i - 1);
      if (b.entries() == 0) continue;
      String entries = k.entriesDim() + i;
      s.dimension(entries, b.entries());
      if (nfaced(b)) {
        s.dimension(ExodusNames.facesPerDim(i), b.facesPerEntry());
        s.variable(
            ExodusNames.faceConn(i),
            integer,
            List.of(ExodusNames.facesPerDim(i)),
            with(
                d.attributesOf(t, b.id()),
                Attribute.text(ExodusNames.ATT_ELEM_TYPE, ExodusNames.NFACED)));
        s.variable(
            k.epec() + i,
            DataType.INT,
            List.of(entries),
            Attribute.text(ExodusNames.ATT_ENTITY_TYPE1, "FACE"),
            Attribute.text(ExodusNames.ATT_ENTITY_TYPE2, "ELEM"));
      } else if (nsided(b)) {
        s.dimension(k.nodesPerDim() + i, b.nodesPerEntry());
        s.variable(
            k.conn() + i,
            integer,
            List.of(k.nodesPerDim() + i),
            with(
                d.attributesOf(t, b.id()),
                Attribute.text(ExodusNames.ATT_ELEM_TYPE, ExodusNames.NSIDED)));
        if (k.epec() == null) {
          throw new IllegalArgumentException(
              t + " " + b.id() + ": NSIDED is for element and face blocks");
        }
        s.variable(
            k.epec() + i,
            DataType.INT,
            List.of(entries),
            Attribute.text(ExodusNames.ATT_ENTITY_TYPE1, "NODE"),
            Attribute.text(
                ExodusNames.ATT_ENTITY_TYPE2, t == EntityType.FACE_BLOCK ? "FACE" : "ELEM"));
      } else {
        s.dimension(k.nodesPerDim() + i, b.nodesPerEntry());
        s.variable(
            k.conn() + i,
            integer,
            List.of(entries, k.nodesPerDim() + i),
            with(
                d.attributesOf(t, b.id()),
                Attribute.text(ExodusNames.ATT_ELEM_TYPE, b.topology())));
      }
      if (b.edgesPerEntry() > 0) {
        s.dimension(ExodusNames.edgesPerDim(i), b.edgesPerEntry());
        s.variable(ExodusNames.edgeConn(i), integer, List.of(entries, ExodusNames.edgesPerDim(i)));
      }
      if (b.facesPerEntry() > 0 && !nfaced(b)) {
        s.dimension(ExodusNames.facesPerDim(i), b.facesPerEntry());
        s.variable(ExodusNames.faceConn(i), integer, List.of(entries, ExodusNames.facesPerDim(i)));
      }
      if (!b.attributeNames().isEmpty()) {
        s.dimension(k.attribCountDim() + i, b.attributeNames().size());
        s.variable(k.attrib() + i, real, List.of(entries, k.attribCountDim() + i));
        s.variable(k.attribNames() + i, DataType.CHAR, List.of(k.attribCountDim() + i, LEN_NAME));
      }
    }
  }

  private static void defineSets(
      Schema s, Mesh d, EntityType t, List<SetSpec> ss, DataType real, DataType integer) {
    ExodusNames.Kind k = ExodusNames.of(t);
    defineObjectList(s, k, ss.size(), integer);
    for (int i = 1; i <= ss.size(); i++) {
      SetSpec x = ss.get(i - 1);
      if (x.entries() == 0) continue;
      String entries = k.entriesDim() + i;
      s.dimension(entries, x.entries());
      s.variable(k.entries() + i, integer, List.of(entries), with(d.attributesOf(t, x.id())));
      if (k.extra() != null) {
        s.variable(k.extra() + i, integer, List.of(entries));
      }
      List<String> attNames = d.setAttributeNames().get(attributeKey(t, x.id()));
      if (attNames != null && !attNames.isEmpty()) {
        s.dimension(k.attribCountDim() + i, attNames.size());
        s.variable(k.attrib() + i, real, List.of(entries, k.attribCountDim() + i));
        s.variable(k.attribNames() + i, DataType.CHAR, List.of(k.attribCountDim() + i, LEN_NAME));
      }
      if (x.distributionFactors() > 0) {
        if (t != EntityType.SIDE_SET) {
          // As ex_put_sets: node, element, edge and face sets have one factor per entry.
          if (x.distributionFactors() != x.entries()) {
            throw new IllegalArgumentException(
                t
                    + " "
                    + x.id()
                    + ": "
                    + x.distributionFactors()
                    + " distribution factors for "
                    + x.entries()
                    + " entries (a "
                    + t
                    + " has one per entry or none)");
          }
        }
        if (t == EntityType.NODE_SET) {
          s.variable(k.df() + i, real, List.of(entries));
        } else {
          // Element, edge and face set factors get their count dimension (num_df_els1 ...), as
          // older libexodus versions wrote them: ex_get_set_param reports their count only from
          // it (9.06's ex_put_sets puts them on the entry dimension, and its readers then see 0
          // factors), and a copy of such a file keeps what the C library reads of it.
          s.dimension(k.dfDim() + i, x.distributionFactors());
          s.variable(k.df() + i, real, List.of(k.dfDim() + i));
        }
      }
    }
  }

  /** The id map and the numbered maps of one map kind. */
  private static void defineMaps(
      Schema s, Mesh d, EntityType t, Map<EntityType, Long> totals, DataType integer) {
    ExodusNames.MapKind k = ExodusNames.map(t);
    if (d.idMaps().contains(t)) {
      requireEntities(d, k.lengthDim(), totals, t);
      s.variable(ExodusNames.idMap(t), integer, List.of(k.lengthDim()));
    }
    List<NumberedMap> ms = d.numberedMaps().getOrDefault(t, List.of());
    if (ms.isEmpty()) return;
    requireEntities(d, k.lengthDim(), totals, t);
    s.dimension(k.countDim(), ms.size());
    s.variable(k.ids(), integer, List.of(k.countDim()), Attribute.text(ExodusNames.ATT_NAME, "ID"));
    s.variable(k.names(), DataType.CHAR, List.of(k.countDim(), LEN_NAME));
    for (int i = 1; i <= ms.size(); i++) {
      s.variable(k.valuesPrefix() + i, integer, List.of(k.lengthDim()));
    }
  }

  /** Maps of nodes, elements, edges or faces need some to map. */
  private static void requireEntities(
      Mesh d, String dim, Map<EntityType, Long> totals, EntityType t) {
    long n =
        switch (t) {
          case NODE_MAP -> d.nodes();
          case ELEM_MAP -> totals.getOrDefault(EntityType.ELEM_BLOCK, 0L);
          case EDGE_MAP -> totals.getOrDefault(EntityType.EDGE_BLOCK, 0L);
          default -> totals.getOrDefault(EntityType.FACE_BLOCK, 0L);
        };
    if (n == 0) {
      throw new IllegalArgumentException(t + " maps need " + dim + " > 0");
    }
  }

  private static void defineNodalAttributes(Schema s, Mesh d, DataType real) {
    int n = d.nodalAttributeNames().size();
    if (n == 0) return;
    if (d.nodes() == 0) {
      throw new IllegalArgumentException("nodal attributes need nodes");
    }
    s.dimension(ExodusNames.NODAL_ATTRIB_COUNT_DIM, n);
    s.variable(
        ExodusNames.NODAL_ATTRIB,
        real,
        List.of(ExodusNames.NUM_NODES, ExodusNames.NODAL_ATTRIB_COUNT_DIM));
    s.variable(
        ExodusNames.NODAL_ATTRIB_NAMES,
        DataType.CHAR,
        List.of(ExodusNames.NODAL_ATTRIB_COUNT_DIM, LEN_NAME));
  }

  /** Coordinate frames as {@code ex_put_coordinate_frames} defines them. */
  private static void defineFrames(Schema s, Mesh d, DataType real, DataType integer) {
    int n = d.frames().size();
    if (n == 0) return;
    s.dimension(ExodusNames.NUM_CFRAMES, n);
    s.dimension(ExodusNames.NUM_CFRAME9, 9L * n);
    s.variable(ExodusNames.FRAME_COORDS, real, List.of(ExodusNames.NUM_CFRAME9));
    s.variable(ExodusNames.FRAME_IDS, integer, List.of(ExodusNames.NUM_CFRAMES));
    s.variable(ExodusNames.FRAME_TAGS, DataType.CHAR, List.of(ExodusNames.NUM_CFRAMES));
  }

  /**
   * Properties other than the id, as {@code ex_put_prop_names} defines them: {@code <prefix><2..>}
   * over the kind's count, fill value 0, the name as an attribute.
   */
  private static void defineProperties(Schema s, Mesh d, DataType integer) {
    for (Map.Entry<EntityType, List<Property>> e : d.properties().entrySet()) {
      EntityType t = e.getKey();
      if (e.getValue().isEmpty()) continue;
      ExodusNames.Kind k = ExodusNames.of(t);
      if (objectEntries(d.blocks(), d.sets(), t).isEmpty()) {
        throw new IllegalArgumentException(t + " properties, but there are no " + t + " objects");
      }
      int j = 2;
      for (Property p : e.getValue()) {
        s.variable(
            k.propPrefix() + j++,
            integer,
            List.of(k.countDim()),
            Attribute.integers("_FillValue", integer, 0),
            ExodusMetadata.text(ExodusNames.ATT_NAME, p.name()));
      }
    }
  }

  private static void defineAssemblies(Schema s, Mesh d, DataType integer) {
    List<Assembly> assemblies = d.assemblies();
    if (assemblies.isEmpty()) return;
    ExodusNames.Kind k = ExodusNames.of(EntityType.ASSEMBLY);
    s.dimension(k.countDim(), assemblies.size());
    for (Assembly a : assemblies) {
      String dim = k.entriesDim() + a.id();
      s.dimension(dim, Math.max(1, a.members().size()));
      s.variable(
          k.conn() + a.id(),
          integer,
          List.of(dim),
          with(
              d.attributesOf(EntityType.ASSEMBLY, a.id()),
              Attribute.integers(ExodusNames.ATT_ID, integer, a.id()),
              Attribute.integers(ExodusNames.ATT_TYPE, DataType.INT, a.memberType().code()),
              Attribute.text(ExodusNames.ATT_ENTITY_NAME, a.name()),
              Attribute.text(
                  ExodusNames.ATT_TYPENAME,
                  a.memberType().name().toLowerCase(Locale.ROOT).replace('_', ' '))));
    }
  }

  /**
   * Blobs as {@code ex_put_blob} defines them: the entries are the dimension {@code
   * num_values_blob<id>}; the entity variable ({@code blob_entity<id>}, one int over the dimension
   * {@code blob_entity}) carries the id, the name and the blob's attributes.
   */
  private static void defineBlobs(Schema s, Mesh d, DataType integer) {
    List<Blob> blobs = d.blobs();
    if (blobs.isEmpty()) return;
    ExodusNames.Kind k = ExodusNames.of(EntityType.BLOB);
    s.dimension(k.countDim(), blobs.size());
    s.dimension(ExodusNames.BLOB_ENTITY_DIM, 1);
    for (Blob b : blobs) {
      if (b.valueCount() < 1) {
        throw new IllegalArgumentException(
            "blob " + b.id() + ": " + b.valueCount() + " entries (at least 1)");
      }
      s.dimension(k.entriesDim() + b.id(), b.valueCount());
      s.variable(
          k.conn() + b.id(),
          DataType.INT,
          List.of(ExodusNames.BLOB_ENTITY_DIM),
          with(
              d.attributesOf(EntityType.BLOB, b.id()),
              Attribute.integers(ExodusNames.ATT_ID, integer, b.id()),
              Attribute.text(ExodusNames.ATT_ENTITY_NAME, b.name())));
    }
  }

  /** Ids of the assemblies or blobs, in definition order. */
  public static List<Long> objectIds(Mesh d, EntityType t) {
    List<Long> out = new ArrayList<>();
    if (t == EntityType.ASSEMBLY) for (Assembly a : d.assemblies()) out.add(a.id());
    if (t == EntityType.BLOB) for (Blob b : d.blobs()) out.add(b.id());
    return out;
  }

  /**
   * Result variables of assemblies or blobs, as libexodus defines them: the names, the truth table
   * only where one is given ({@code ex_put_truth_table}), and the values {@code
   * vals_blob_var<v>blob<id>} over (time_step, the object's entries).
   */
  private static List<NewVariable> idResultVariables(
      EntityType t, int n, DataType real, List<Long> ids, List<Long> entries, boolean[][] stored) {
    ExodusNames.Kind k = ExodusNames.of(t);
    List<NewVariable> out = new ArrayList<>();
    out.add(new NewVariable(k.varNames(), DataType.CHAR, List.of(k.varCountDim(), LEN_NAME)));
    if (stored != null) {
      out.add(new NewVariable(k.varTab(), DataType.INT, List.of(k.countDim(), k.varCountDim())));
    }
    for (int v = 1; v <= n; v++) {
      for (int o = 0; o < ids.size(); o++) {
        if (entries.get(o) == 0 || (stored != null && !stored[o][v - 1])) continue;
        long id = ids.get(o);
        out.add(new NewVariable(k.varValues(v, id), real, List.of(TIME_STEP, k.entriesDim() + id)));
      }
    }
    return out;
  }

  /** Entry counts of the objects of a block, set, assembly or blob kind (empty: global, nodal). */
  private static List<Long> objects(Mesh d, EntityType t) {
    if (t == EntityType.GLOBAL || t == EntityType.NODAL) return List.of();
    if (t == EntityType.ASSEMBLY || t == EntityType.BLOB) {
      List<Long> out = new ArrayList<>();
      if (t == EntityType.ASSEMBLY)
        for (Assembly a : d.assemblies()) out.add((long) a.members().size());
      if (t == EntityType.BLOB) for (Blob b : d.blobs()) out.add(b.valueCount());
      if (out.isEmpty()) {
        throw new IllegalArgumentException(
            t + " variables are defined, but there are no " + t + " objects");
      }
      return out;
    }
    List<Long> entries = objectEntries(d.blocks(), d.sets(), t);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(
          t + " variables are defined, but there are no " + t + " objects");
    }
    return entries;
  }

  // ---- result variables ------------------------------------------------------------------------

  /** The dimension that counts the result variables of a kind ({@code num_glo_var}, ...). */
  public static String resultCountDim(EntityType t) {
    return switch (t) {
      case GLOBAL -> ExodusNames.NUM_GLO_VAR;
      case NODAL -> ExodusNames.NUM_NOD_VAR;
      default -> ExodusNames.of(t).varCountDim();
    };
  }

  /** A variable to define. */
  public record NewVariable(String name, DataType type, List<String> dimensions) {}

  /**
   * The definitions of result variables {@code n0+1..n1} of a kind (1-based, as in the file), in
   * libexodusII's order: the names when {@code firstOfKind}, the truth table of a block or set kind
   * when {@code withTable}, then the values, on every object with entries where {@code stored}
   * (object, variable; 0-based; null for everywhere) says so.
   */
  private static List<NewVariable> resultVariables(
      EntityType t,
      int n0,
      int n1,
      DataType real,
      String lenName,
      boolean firstOfKind,
      boolean withTable,
      List<Long> objectEntries,
      boolean[][] stored) {
    List<NewVariable> out = new ArrayList<>();
    if (t == EntityType.GLOBAL) {
      if (firstOfKind) {
        out.add(
            new NewVariable(
                ExodusNames.NAME_GLO_VAR,
                DataType.CHAR,
                List.of(ExodusNames.NUM_GLO_VAR, lenName)));
        out.add(
            new NewVariable(
                ExodusNames.VALS_GLO_VAR, real, List.of(TIME_STEP, ExodusNames.NUM_GLO_VAR)));
      }
    } else if (t == EntityType.NODAL) {
      if (firstOfKind) {
        out.add(
            new NewVariable(
                ExodusNames.NAME_NOD_VAR,
                DataType.CHAR,
                List.of(ExodusNames.NUM_NOD_VAR, lenName)));
      }
      for (int v = n0 + 1; v <= n1; v++) {
        out.add(
            new NewVariable(
                ExodusNames.nodalValues(v), real, List.of(TIME_STEP, ExodusNames.NUM_NODES)));
      }
    } else if (t.isBlock() || t.isSet()) {
      ExodusNames.Kind k = ExodusNames.of(t);
      if (firstOfKind) {
        out.add(new NewVariable(k.varNames(), DataType.CHAR, List.of(k.varCountDim(), lenName)));
      }
      if (withTable) {
        out.add(new NewVariable(k.varTab(), DataType.INT, List.of(k.countDim(), k.varCountDim())));
      }
      for (int o = 1; o <= objectEntries.size(); o++) {
        if (objectEntries.get(o - 1) == 0) continue;
        for (int v = n0 + 1; v <= n1; v++) {
          if (stored == null || stored[o - 1][v - 1]) {
            out.add(
                new NewVariable(k.varValues(v, o), real, List.of(TIME_STEP, k.entriesDim() + o)));
          }
        }
      }
    } else {
      throw new IllegalArgumentException(t + " variables are not global, nodal, block or set");
    }
    return out;
  }

  // ---- adding variables to an existing file ----------------------------------------------------

  /**
   * What adding variables of a kind to an existing file takes.
   *
   * @param dimensionLengths the kind's count dimension with its new length (grown or new)
   * @param variables the variables to define
   * @param namesVariable where the new names go, from position {@code existing}
   * @param truthTable the kind's truth table (null for global and nodal variables), whose columns
   *     from {@code existing} on are to be written
   * @param objectEntries entry counts of the kind's objects (a variable is stored on those with
   *     entries)
   * @param existing the number of variables of the kind the file has
   */
  public record Addition(
      Map<String, Long> dimensionLengths,
      List<NewVariable> variables,
      String namesVariable,
      String truthTable,
      List<Long> objectEntries,
      int existing) {}

  /**
   * The layout of {@code count} new result variables of {@code kind} (GLOBAL, NODAL, or a block or
   * set kind: on every object with entries) in the file {@code m} reads; {@code where} names the
   * file in messages.
   */
  public static Addition addVariables(ExodusModel m, EntityType kind, int count, Object where) {
    DataType real = realType(m.info.floatingPointWordSize());
    boolean hasLenName = false;
    for (Dimension d : m.storage().dimensions()) hasLenName |= d.name().equals(LEN_NAME);
    String lenName = hasLenName ? LEN_NAME : LEN_STRING;
    ExodusModel.VarKind existing = m.variables.get(kind);
    int n0 = existing == null ? 0 : existing.names().size();
    int n1 = n0 + count;
    List<Long> objectEntries = new ArrayList<>();
    String namesVar;
    String tabVar = null;
    boolean withTable = false;
    if (kind == EntityType.GLOBAL) {
      namesVar = ExodusNames.NAME_GLO_VAR;
    } else if (kind == EntityType.NODAL) {
      if (existing != null && existing.legacyPacked()) {
        throw new IllegalArgumentException(
            where + " stores nodal variables in the legacy packed layout");
      }
      namesVar = ExodusNames.NAME_NOD_VAR;
    } else if (kind.isBlock() || kind.isSet()) {
      ExodusNames.Kind k = ExodusNames.of(kind);
      if (kind.isBlock()) {
        m.blocks.get(kind).forEach(b -> objectEntries.add(b.entryCount()));
      } else {
        m.sets.get(kind).forEach(x -> objectEntries.add(x.entryCount()));
      }
      if (objectEntries.isEmpty()) {
        throw new IllegalArgumentException(where + " has no " + kind + " objects");
      }
      namesVar = k.varNames();
      tabVar = k.varTab();
      withTable = existing == null || existing.table() == null || m.var(tabVar) == null;
    } else {
      throw new IllegalArgumentException("adding " + kind + " variables is not supported");
    }
    List<NewVariable> vars =
        resultVariables(kind, n0, n1, real, lenName, n0 == 0, withTable, objectEntries, null);
    Map<String, Long> dims = new HashMap<>();
    dims.put(resultCountDim(kind), (long) n1);
    return new Addition(dims, vars, namesVar, tabVar, objectEntries, n0);
  }
}
