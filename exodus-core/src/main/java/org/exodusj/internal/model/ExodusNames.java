package org.exodusj.internal.model;

import org.exodusj.EntityType;

/**
 * The netCDF names libexodusII uses, from SEACAS {@code exodusII_int.h}. A {@code %d} suffix is the
 * 1-based position of the object in its id array (assemblies and blobs: the object's id).
 */
public final class ExodusNames {
  private ExodusNames() {}

  // ---- the file as a whole -----------------------------------------------------------------

  /** The record (time) dimension, unlimited. */
  public static final String TIME_STEP = "time_step";

  /** The time value of each step. */
  public static final String TIME_WHOLE = "time_whole";

  /** Length of the character dimension of names: the maximum name length plus one. */
  public static final String LEN_NAME = "len_name";

  /** Length of QA strings (33), and of names in files older than {@link #LEN_NAME}. */
  public static final String LEN_STRING = "len_string";

  /** Length of an info line (81). */
  public static final String LEN_LINE = "len_line";

  /** The four fields of a QA record. */
  public static final String FOUR = "four";

  public static final String NUM_DIM = "num_dim";
  public static final String NUM_NODES = "num_nodes";
  public static final String NUM_ELEM = "num_elem";
  public static final String NUM_EDGE = "num_edge";
  public static final String NUM_FACE = "num_face";

  /** Coordinate names, one per axis. */
  public static final String COORD_NAMES = "coor_names";

  /** All coordinates in one variable (dims, nodes): the legacy layout before one per axis. */
  public static final String COORD_PACKED = "coord";

  private static final String[] COORDS = {"coordx", "coordy", "coordz"};

  /** The coordinates of axis {@code axis} (0-based: x, y, z). */
  public static String coord(int axis) {
    return COORDS[axis];
  }

  public static final String NUM_QA_REC = "num_qa_rec";
  public static final String QA_RECORDS = "qa_records";
  public static final String NUM_INFO = "num_info";
  public static final String INFO_RECORDS = "info_records";

  /** Nodal attributes. */
  public static final String NODAL_ATTRIB = "nattrb";

  public static final String NODAL_ATTRIB_NAMES = "nattrib_name";
  public static final String NODAL_ATTRIB_COUNT_DIM = "num_att_in_nblk";

  /** The element order map of old files (not the numbered maps). */
  public static final String ELEM_ORDER_MAP = "elem_map";

  public static final String NUM_GLO_VAR = "num_glo_var";
  public static final String NAME_GLO_VAR = "name_glo_var";

  /** All global variables of a step: (time_step, num_glo_var). */
  public static final String VALS_GLO_VAR = "vals_glo_var";

  public static final String NUM_NOD_VAR = "num_nod_var";
  public static final String NAME_NOD_VAR = "name_nod_var";

  /**
   * The prefix of nodal variable {@code i} ({@link #nodalValues}); alone, the legacy packed layout
   * (time_step, num_nod_var, num_nodes).
   */
  public static final String VALS_NOD_VAR = "vals_nod_var";

  /** Nodal variable {@code var} (1-based). */
  public static String nodalValues(int var) {
    return VALS_NOD_VAR + var;
  }

  // global attributes
  public static final String ATT_TITLE = "title";
  public static final String ATT_API_VERSION = "api_version";
  public static final String ATT_VERSION = "version";
  public static final String ATT_FLOATING_POINT_WORD_SIZE = "floating_point_word_size";
  public static final String ATT_FILE_SIZE = "file_size";
  public static final String ATT_MAXIMUM_NAME_LENGTH = "maximum_name_length";
  public static final String ATT_INT64_STATUS = "int64_status";

  // variable attributes
  /** The topology of a block's connectivity ("HEX8", "NSIDED", "NFACED", ...). */
  public static final String ATT_ELEM_TYPE = "elem_type";

  /** What an entity-count variable counts ({@code entity_type1}) per what ({@code _type2}). */
  public static final String ATT_ENTITY_TYPE1 = "entity_type1";

  public static final String ATT_ENTITY_TYPE2 = "entity_type2";

  /** The name of a property variable ("ID" for the id property). */
  public static final String ATT_NAME = "name";

  /** Id, name, member type code and type name of an assembly or blob. */
  public static final String ATT_ID = "_id";

  public static final String ATT_ENTITY_NAME = "_name";
  public static final String ATT_TYPE = "_type";
  public static final String ATT_TYPENAME = "_typename";

  /** The dimension (length 1) of every blob's entity variable ({@code DIM_N1}). */
  public static final String BLOB_ENTITY_DIM = "blob_entity";

  // ---- coordinate frames ---------------------------------------------------------------------

  public static final String NUM_CFRAMES = "num_cframes";
  public static final String NUM_CFRAME9 = "num_cframes_9";

  /** Nine reals per frame: origin, a point on the third axis, a point in the first-third plane. */
  public static final String FRAME_COORDS = "frame_coordinates";

  public static final String FRAME_IDS = "frame_ids";

  /** One character per frame: R (rectangular), C (cylindrical) or S (spherical). */
  public static final String FRAME_TAGS = "frame_tags";

  // ---- field metadata, bases and quadrature rules (attributes) -------------------------------

  /** Field metadata attributes of an entity: {@code Field@NAME@ITEM}. */
  public static final String FIELD_PREFIX = "Field@";

  /** Basis attributes (global): {@code Basis@NAME@ITEM}. */
  public static final String BASIS_PREFIX = "Basis@";

  /** Quadrature attributes (global): {@code Quad@NAME@ITEM}. */
  public static final String QUAD_PREFIX = "Quad@";

  /** {@code PREFIX + name + "@" + item}, as {@code ex_put_field_metadata} names them. */
  public static String metadataAttribute(String prefix, String name, String item) {
    return prefix + name + "@" + item;
  }

  private static final java.util.Set<String> GLOBAL_INTERNAL =
      java.util.Set.of(
          ATT_API_VERSION,
          "api version",
          ATT_VERSION,
          ATT_FLOATING_POINT_WORD_SIZE,
          "floating point word size",
          ATT_FILE_SIZE,
          ATT_MAXIMUM_NAME_LENGTH,
          ATT_INT64_STATUS,
          ATT_TITLE,
          "nemesis_file_version",
          "nemesis_api_version",
          "processor_info",
          "last_written_time");

  /**
   * Whether {@code ex_get_attribute_count} leaves an attribute out as Exodus's own: names starting
   * with {@code _}, {@code elem_type}, {@code entity_type1/2}, field metadata, bases and quadrature
   * rules, and on the file ({@code global}) the attributes libexodus writes itself.
   */
  public static boolean isInternalAttribute(String name, boolean global) {
    return name.startsWith("_")
        || name.equals(ATT_ELEM_TYPE)
        || name.equals(ATT_ENTITY_TYPE1)
        || name.equals(ATT_ENTITY_TYPE2)
        || (global && GLOBAL_INTERNAL.contains(name))
        || name.startsWith(FIELD_PREFIX)
        || name.startsWith(BASIS_PREFIX)
        || name.startsWith(QUAD_PREFIX);
  }

  /**
   * Whether an attribute is one libexodus writes for the structure of the file or of an entity (not
   * an entity attribute, field metadata, basis or quadrature a copy carries over).
   */
  public static boolean isStructuralAttribute(String name, boolean global) {
    return isInternalAttribute(name, global)
        && !name.startsWith(FIELD_PREFIX)
        && !name.startsWith(BASIS_PREFIX)
        && !name.startsWith(QUAD_PREFIX);
  }

  /**
   * True for the name of a property variable, {@code [a-z]+_prop[0-9]+} ({@code eb_prop2}); matched
   * by hand, not by a regular expression: compiling one costs a few milliseconds of a short
   * command's start (docs/benchmarks.md, "Start-up of exo"), and every open asks.
   */
  static boolean isPropertyVariable(String name) {
    int p = name.indexOf("_prop");
    if (p <= 0 || p + 5 == name.length()) {
      return false;
    }
    for (int i = 0; i < p; i++) {
      char c = name.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    for (int i = p + 5; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * True for the text attributes libexodus writes as C strings, {@code strlen + 1} bytes with the
   * terminating NUL, and reads back with {@code nc_get_att_text} into buffers it may not clear: the
   * title ({@code variable} null), {@link #ATT_ELEM_TYPE}, {@link #ATT_ENTITY_TYPE1} and {@code 2},
   * the {@link #ATT_NAME} of a property variable, and an assembly's or blob's {@link
   * #ATT_ENTITY_NAME} and {@link #ATT_TYPENAME}.
   */
  public static boolean isCStringAttribute(String variable, String attribute) {
    if (variable == null) {
      return attribute.equals(ATT_TITLE);
    }
    return switch (attribute) {
      case ATT_ELEM_TYPE, ATT_ENTITY_TYPE1, ATT_ENTITY_TYPE2, ATT_ENTITY_NAME, ATT_TYPENAME -> true;
      case ATT_NAME -> isPropertyVariable(variable);
      default -> false;
    };
  }

  /** Polygon and polyhedron topologies, as stored in {@link #ATT_ELEM_TYPE}. */
  public static final String NSIDED = "NSIDED";

  public static final String NFACED = "NFACED";

  // ---- blocks, sets, assemblies, blobs ------------------------------------------------------

  /**
   * The count dimension, id property, status and names of the objects of one kind, and the prefix
   * of their properties ({@code PREFIX1} is the id).
   */
  public record ObjectList(
      String countDim, String ids, String status, String names, String propPrefix) {}

  /**
   * A block kind's lists: entries per block ({@code entriesDim + i}), nodes per entry, the
   * connectivity and, for kinds that hold polygons (NSIDED), the entity counts per entry.
   */
  public record BlockLists(
      String entriesDim, String nodesPerDim, String conn, String entityCounts) {
    /** Lists of a kind that holds no polygons (no entity counts). */
    public static BlockLists of(String entriesDim, String nodesPerDim, String conn) {
      return new BlockLists(entriesDim, nodesPerDim, conn, null);
    }
  }

  /**
   * A set kind's lists: entries per set, the entry list, its distribution factors (own dimension
   * {@code dfDim + i}, except for node sets) and, for side, edge and face sets, the second list
   * (sides or orientations).
   */
  public record SetLists(
      String entriesDim, String entries, String dfDim, String df, String secondList) {
    /** Lists of a set kind with one list (node and element sets). */
    public static SetLists of(String entriesDim, String entries, String dfDim, String df) {
      return new SetLists(entriesDim, entries, dfDim, df, null);
    }
  }

  /** Attributes per object: values ({@code values + i}), their names and their count dimension. */
  public record Attributes(String values, String names, String countDim) {}

  /**
   * Result variables of a kind: their count and names, the truth table, and the values of variable
   * {@code v} on object {@code o}: {@code valuesPrefix + v + valuesInfix + o}.
   */
  public record Results(
      String countDim, String names, String table, String valuesPrefix, String valuesInfix) {}

  /** Reduction variables (one value per object and step): {@code valuesPrefix + suffix}. */
  public record Reductions(String countDim, String names, String valuesPrefix) {}

  /**
   * The names of one kind of block, set, assembly or blob, built by {@link #block}, {@link #set} or
   * {@link #entity}; an accessor answers null where the kind has no such thing.
   */
  public static final class Kind {
    private final ObjectList objects;
    private final BlockLists blockLists;
    private final SetLists setLists;
    private final Attributes attributes;
    private final Results results;
    private final Reductions reductions;
    private final String entriesDim;
    private final String conn;

    private Kind(
        ObjectList objects,
        BlockLists blockLists,
        SetLists setLists,
        Attributes attributes,
        Results results,
        Reductions reductions,
        String entriesDim,
        String conn) {
      this.objects = objects;
      this.blockLists = blockLists;
      this.setLists = setLists;
      this.attributes = attributes;
      this.results = results;
      this.reductions = reductions;
      this.entriesDim = entriesDim;
      this.conn = conn;
    }

    /** A block kind. */
    public static Kind block(
        ObjectList objects,
        BlockLists lists,
        Attributes attributes,
        Results results,
        Reductions reductions) {
      return new Kind(
          objects, lists, null, attributes, results, reductions, lists.entriesDim(), lists.conn());
    }

    /** A set kind. */
    public static Kind set(
        ObjectList objects,
        SetLists lists,
        Attributes attributes,
        Results results,
        Reductions reductions) {
      return new Kind(
          objects, null, lists, attributes, results, reductions, lists.entriesDim(), null);
    }

    /**
     * Assemblies and blobs: a count dimension, one variable per object named by its id ({@code
     * entity + id}, over {@code entriesDim + id}) and its properties' prefix; no id, status or
     * names variables.
     */
    public static Kind entity(
        String countDim,
        String entriesDim,
        String entity,
        String propPrefix,
        Results results,
        Reductions reductions) {
      return new Kind(
          new ObjectList(countDim, null, null, null, propPrefix),
          null,
          null,
          null,
          results,
          reductions,
          entriesDim,
          entity);
    }

    public String countDim() {
      return objects.countDim();
    }

    public String ids() {
      return objects.ids();
    }

    public String status() {
      return objects.status();
    }

    public String names() {
      return objects.names();
    }

    public String propPrefix() {
      return objects.propPrefix();
    }

    /** Entries of object i: {@code entriesDim() + i} (assemblies and blobs: {@code + id}). */
    public String entriesDim() {
      return entriesDim;
    }

    public String nodesPerDim() {
      return blockLists == null ? null : blockLists.nodesPerDim();
    }

    /** A block's connectivity; an assembly's or blob's entity variable. */
    public String conn() {
      return conn;
    }

    /** Entity counts per entry (NSIDED, NFACED): element and face blocks only. */
    public String epec() {
      return blockLists == null ? null : blockLists.entityCounts();
    }

    public String attrib() {
      return attributes == null ? null : attributes.values();
    }

    public String attribNames() {
      return attributes == null ? null : attributes.names();
    }

    public String attribCountDim() {
      return attributes == null ? null : attributes.countDim();
    }

    public String dfDim() {
      return setLists == null ? null : setLists.dfDim();
    }

    public String df() {
      return setLists == null ? null : setLists.df();
    }

    /** A set's entry list. */
    public String entries() {
      return setLists == null ? null : setLists.entries();
    }

    /** A side, edge or face set's second list (sides, orientations). */
    public String extra() {
      return setLists == null ? null : setLists.secondList();
    }

    public String varCountDim() {
      return results.countDim();
    }

    public String varNames() {
      return results.names();
    }

    public String varTab() {
      return results.table();
    }

    public String varValsPrefix() {
      return results.valuesPrefix();
    }

    public String varValsInfix() {
      return results.valuesInfix();
    }

    /** Values of result variable {@code var} on object {@code object} (both 1-based). */
    public String varValues(int var, long object) {
      return results.valuesPrefix() + var + results.valuesInfix() + object;
    }

    public String redCountDim() {
      return reductions.countDim();
    }

    public String redNames() {
      return reductions.names();
    }

    public String redValsPrefix() {
      return reductions.valuesPrefix();
    }
  }

  private static final java.util.Map<EntityType, Kind> KINDS = kinds();

  private static java.util.Map<EntityType, Kind> kinds() {
    java.util.Map<EntityType, Kind> m = new java.util.EnumMap<>(EntityType.class);
    m.put(
        EntityType.ELEM_BLOCK,
        Kind.block(
            new ObjectList("num_el_blk", "eb_prop1", "eb_status", "eb_names", "eb_prop"),
            new BlockLists("num_el_in_blk", "num_nod_per_el", "connect", "ebepecnt"),
            new Attributes("attrib", "attrib_name", "num_att_in_blk"),
            new Results("num_elem_var", "name_elem_var", "elem_var_tab", "vals_elem_var", "eb"),
            new Reductions("num_elem_red_var", "name_elem_red_var", "vals_red_var_eb")));
    m.put(
        EntityType.EDGE_BLOCK,
        Kind.block(
            new ObjectList("num_ed_blk", "ed_prop1", "ed_status", "ed_names", "ed_prop"),
            BlockLists.of("num_ed_in_blk", "num_nod_per_ed", "ebconn"),
            new Attributes("eattrb", "eattrib_name", "num_att_in_eblk"),
            new Results("num_edge_var", "name_edge_var", "edge_var_tab", "vals_edge_var", "eb"),
            new Reductions("num_edge_red_var", "name_edge_red_var", "vals_red_var_edb")));
    m.put(
        EntityType.FACE_BLOCK,
        Kind.block(
            new ObjectList("num_fa_blk", "fa_prop1", "fa_status", "fa_names", "fa_prop"),
            new BlockLists("num_fa_in_blk", "num_nod_per_fa", "fbconn", "fbepecnt"),
            new Attributes("fattrb", "fattrib_name", "num_att_in_fblk"),
            new Results("num_face_var", "name_face_var", "face_var_tab", "vals_face_var", "fb"),
            new Reductions("num_face_red_var", "name_face_red_var", "vals_red_var_fb")));
    m.put(
        EntityType.NODE_SET,
        Kind.set(
            new ObjectList("num_node_sets", "ns_prop1", "ns_status", "ns_names", "ns_prop"),
            SetLists.of("num_nod_ns", "node_ns", "num_df_ns", "dist_fact_ns"),
            new Attributes("nsattrb", "nsattrib_name", "num_att_in_ns"),
            new Results("num_nset_var", "name_nset_var", "nset_var_tab", "vals_nset_var", "ns"),
            new Reductions("num_nset_red_var", "name_nset_red_var", "vals_red_var_nset")));
    m.put(
        EntityType.SIDE_SET,
        Kind.set(
            new ObjectList("num_side_sets", "ss_prop1", "ss_status", "ss_names", "ss_prop"),
            new SetLists("num_side_ss", "elem_ss", "num_df_ss", "dist_fact_ss", "side_ss"),
            new Attributes("ssattrb", "ssattrib_name", "num_att_in_ss"),
            new Results("num_sset_var", "name_sset_var", "sset_var_tab", "vals_sset_var", "ss"),
            new Reductions("num_sset_red_var", "name_sset_red_var", "vals_red_var_sset")));
    m.put(
        EntityType.ELEM_SET,
        Kind.set(
            new ObjectList("num_elem_sets", "els_prop1", "els_status", "els_names", "els_prop"),
            SetLists.of("num_ele_els", "elem_els", "num_df_els", "dist_fact_els"),
            new Attributes("elsattrb", "elsattrib_name", "num_att_in_els"),
            new Results("num_elset_var", "name_elset_var", "elset_var_tab", "vals_elset_var", "es"),
            new Reductions("num_elset_red_var", "name_elset_red_var", "vals_red_var_elset")));
    m.put(
        EntityType.EDGE_SET,
        Kind.set(
            new ObjectList("num_edge_sets", "es_prop1", "es_status", "es_names", "es_prop"),
            new SetLists("num_edge_es", "edge_es", "num_df_es", "dist_fact_es", "ornt_es"),
            new Attributes("esattrb", "esattrib_name", "num_att_in_es"),
            new Results("num_eset_var", "name_eset_var", "eset_var_tab", "vals_eset_var", "es"),
            new Reductions("num_eset_red_var", "name_eset_red_var", "vals_red_var_eset")));
    m.put(
        EntityType.FACE_SET,
        Kind.set(
            new ObjectList("num_face_sets", "fs_prop1", "fs_status", "fs_names", "fs_prop"),
            new SetLists("num_face_fs", "face_fs", "num_df_fs", "dist_fact_fs", "ornt_fs"),
            new Attributes("fsattrb", "fsattrib_name", "num_att_in_fs"),
            new Results("num_fset_var", "name_fset_var", "fset_var_tab", "vals_fset_var", "fs"),
            new Reductions("num_fset_red_var", "name_fset_red_var", "vals_red_var_fset")));
    m.put(
        EntityType.ASSEMBLY,
        Kind.entity(
            "num_assembly",
            "num_entity_assembly",
            "assembly_entity",
            "assembly_prop",
            new Results(
                "num_assembly_var",
                "name_assembly_var",
                "assembly_var_tab",
                "vals_assembly_var",
                "assembly"),
            new Reductions(
                "num_assembly_red_var", "name_assembly_red_var", "vals_red_var_assembly")));
    m.put(
        EntityType.BLOB,
        Kind.entity(
            "num_blob",
            "num_values_blob",
            "blob_entity",
            "blob_prop",
            new Results("num_blob_var", "name_blob_var", "blob_var_tab", "vals_blob_var", "blob"),
            new Reductions("num_blob_red_var", "name_blob_red_var", "vals_red_var_blob")));
    return m;
  }

  /** The names of a block, set, assembly or blob kind. */
  public static Kind of(EntityType t) {
    Kind k = KINDS.get(t);
    if (k == null) {
      throw new IllegalArgumentException("no object names for " + t);
    }
    return k;
  }

  /**
   * Prefixes of {@link #edgeConn}, {@link #faceConn}, {@link #edgesPerDim}, {@link #facesPerDim}.
   */
  static final String EDGE_CONN = "edgconn";

  static final String FACE_CONN = "facconn";
  static final String EDGES_PER_DIM = "num_edg_per_el";
  static final String FACES_PER_DIM = "num_fac_per_el";

  /** Element-to-edge and element-to-face connectivity of element block {@code i} (1-based). */
  public static String edgeConn(int i) {
    return EDGE_CONN + i;
  }

  public static String faceConn(int i) {
    return FACE_CONN + i;
  }

  public static String edgesPerDim(int i) {
    return EDGES_PER_DIM + i;
  }

  public static String facesPerDim(int i) {
    return FACES_PER_DIM + i;
  }

  /** Numbered maps: count dim, id property, names, values prefix. */
  public record MapKind(
      String countDim, String ids, String names, String valuesPrefix, String lengthDim) {}

  public static MapKind map(EntityType t) {
    return switch (t) {
      case NODE_MAP ->
          new MapKind("num_node_maps", "nm_prop1", "nmap_names", "node_map", "num_nodes");
      case ELEM_MAP ->
          new MapKind("num_elem_maps", "em_prop1", "emap_names", "elem_map", "num_elem");
      case EDGE_MAP ->
          new MapKind("num_edge_maps", "edm_prop1", "edmap_names", "edge_map", "num_edge");
      case FACE_MAP ->
          new MapKind("num_face_maps", "fam_prop1", "famap_names", "face_map", "num_face");
      default -> throw new IllegalArgumentException("not a map type: " + t);
    };
  }

  /** The id map ({@code node_num_map} ...) of nodes, elements, edges or faces. */
  public static String idMap(EntityType t) {
    return switch (t) {
      case NODAL, NODE_MAP -> "node_num_map";
      case ELEM_BLOCK, ELEM_MAP -> "elem_num_map";
      case EDGE_BLOCK, EDGE_MAP -> "edge_num_map";
      case FACE_BLOCK, FACE_MAP -> "face_num_map";
      default -> throw new IllegalArgumentException("no id map for " + t);
    };
  }
}
