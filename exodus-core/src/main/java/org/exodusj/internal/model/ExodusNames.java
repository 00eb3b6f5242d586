package org.exodusj.internal.model;

import org.exodusj.EntityType;

/**
 * The netCDF names libexodusII uses, from SEACAS {@code exodusII_int.h}. A {@code %d} suffix is the
 * 1-based position of the object in its id array (assemblies and blobs: the object's id).
 */
public final class ExodusNames {
  private ExodusNames() {}

  /** Names of one kind of block or set, or null fields where the kind has no such thing. */
  public record Kind(
      String countDim,
      String ids,
      String status,
      String names,
      String entriesDim,
      String nodesPerDim,
      String conn,
      String epec,
      String attrib,
      String attribNames,
      String attribCountDim,
      String dfDim,
      String df,
      String entries,
      String extra,
      String propPrefix,
      String varCountDim,
      String varNames,
      String varTab,
      String varValsPrefix,
      String varValsInfix,
      String redCountDim,
      String redNames,
      String redValsPrefix) {}

  public static Kind of(EntityType t) {
    return switch (t) {
      case ELEM_BLOCK ->
          new Kind(
              "num_el_blk",
              "eb_prop1",
              "eb_status",
              "eb_names",
              "num_el_in_blk",
              "num_nod_per_el",
              "connect",
              "ebepecnt",
              "attrib",
              "attrib_name",
              "num_att_in_blk",
              null,
              null,
              null,
              null,
              "eb_prop",
              "num_elem_var",
              "name_elem_var",
              "elem_var_tab",
              "vals_elem_var",
              "eb",
              "num_elem_red_var",
              "name_elem_red_var",
              "vals_red_var_eb");
      case EDGE_BLOCK ->
          new Kind(
              "num_ed_blk",
              "ed_prop1",
              "ed_status",
              "ed_names",
              "num_ed_in_blk",
              "num_nod_per_ed",
              "ebconn",
              null,
              "eattrb",
              "eattrib_name",
              "num_att_in_eblk",
              null,
              null,
              null,
              null,
              "ed_prop",
              "num_edge_var",
              "name_edge_var",
              "edge_var_tab",
              "vals_edge_var",
              "eb",
              "num_edge_red_var",
              "name_edge_red_var",
              "vals_red_var_edb");
      case FACE_BLOCK ->
          new Kind(
              "num_fa_blk",
              "fa_prop1",
              "fa_status",
              "fa_names",
              "num_fa_in_blk",
              "num_nod_per_fa",
              "fbconn",
              "fbepecnt",
              "fattrb",
              "fattrib_name",
              "num_att_in_fblk",
              null,
              null,
              null,
              null,
              "fa_prop",
              "num_face_var",
              "name_face_var",
              "face_var_tab",
              "vals_face_var",
              "fb",
              "num_face_red_var",
              "name_face_red_var",
              "vals_red_var_fb");
      case NODE_SET ->
          new Kind(
              "num_node_sets",
              "ns_prop1",
              "ns_status",
              "ns_names",
              "num_nod_ns",
              null,
              null,
              null,
              "nsattrb",
              "nsattrib_name",
              "num_att_in_ns",
              "num_df_ns",
              "dist_fact_ns",
              "node_ns",
              null,
              "ns_prop",
              "num_nset_var",
              "name_nset_var",
              "nset_var_tab",
              "vals_nset_var",
              "ns",
              "num_nset_red_var",
              "name_nset_red_var",
              "vals_red_var_nset");
      case SIDE_SET ->
          new Kind(
              "num_side_sets",
              "ss_prop1",
              "ss_status",
              "ss_names",
              "num_side_ss",
              null,
              null,
              null,
              "ssattrb",
              "ssattrib_name",
              "num_att_in_ss",
              "num_df_ss",
              "dist_fact_ss",
              "elem_ss",
              "side_ss",
              "ss_prop",
              "num_sset_var",
              "name_sset_var",
              "sset_var_tab",
              "vals_sset_var",
              "ss",
              "num_sset_red_var",
              "name_sset_red_var",
              "vals_red_var_sset");
      case ELEM_SET ->
          new Kind(
              "num_elem_sets",
              "els_prop1",
              "els_status",
              "els_names",
              "num_ele_els",
              null,
              null,
              null,
              "elsattrb",
              "elsattrib_name",
              "num_att_in_els",
              "num_df_els",
              "dist_fact_els",
              "elem_els",
              null,
              "els_prop",
              "num_elset_var",
              "name_elset_var",
              "elset_var_tab",
              "vals_elset_var",
              "es",
              "num_elset_red_var",
              "name_elset_red_var",
              "vals_red_var_elset");
      case EDGE_SET ->
          new Kind(
              "num_edge_sets",
              "es_prop1",
              "es_status",
              "es_names",
              "num_edge_es",
              null,
              null,
              null,
              "esattrb",
              "esattrib_name",
              "num_att_in_es",
              "num_df_es",
              "dist_fact_es",
              "edge_es",
              "ornt_es",
              "es_prop",
              "num_eset_var",
              "name_eset_var",
              "eset_var_tab",
              "vals_eset_var",
              "es",
              "num_eset_red_var",
              "name_eset_red_var",
              "vals_red_var_eset");
      case FACE_SET ->
          new Kind(
              "num_face_sets",
              "fs_prop1",
              "fs_status",
              "fs_names",
              "num_face_fs",
              null,
              null,
              null,
              "fsattrb",
              "fsattrib_name",
              "num_att_in_fs",
              "num_df_fs",
              "dist_fact_fs",
              "face_fs",
              "ornt_fs",
              "fs_prop",
              "num_fset_var",
              "name_fset_var",
              "fset_var_tab",
              "vals_fset_var",
              "fs",
              "num_fset_red_var",
              "name_fset_red_var",
              "vals_red_var_fset");
      case ASSEMBLY ->
          new Kind(
              "num_assembly",
              null,
              null,
              null,
              "num_entity_assembly",
              null,
              "assembly_entity",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              "assembly_prop",
              "num_assembly_var",
              "name_assembly_var",
              "assembly_var_tab",
              "vals_assembly_var",
              "assembly",
              "num_assembly_red_var",
              "name_assembly_red_var",
              "vals_red_var_assembly");
      case BLOB ->
          new Kind(
              "num_blob",
              null,
              null,
              null,
              "num_values_blob",
              null,
              "blob_entity",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              "blob_prop",
              "num_blob_var",
              "name_blob_var",
              "blob_var_tab",
              "vals_blob_var",
              "blob",
              "num_blob_red_var",
              "name_blob_red_var",
              "vals_red_var_blob");
      default -> throw new IllegalArgumentException("no object names for " + t);
    };
  }

  /** Element-to-edge and element-to-face connectivity of element block {@code i} (1-based). */
  public static String edgeConn(int i) {
    return "edgconn" + i;
  }

  public static String faceConn(int i) {
    return "facconn" + i;
  }

  public static String edgesPerDim(int i) {
    return "num_edg_per_el" + i;
  }

  public static String facesPerDim(int i) {
    return "num_fac_per_el" + i;
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
