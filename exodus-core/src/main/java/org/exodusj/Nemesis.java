package org.exodusj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;

/**
 * The Nemesis (parallel decomposition) metadata of one piece of a decomposed file set, as the C
 * library's Nemesis functions return it: {@code ex_get_init_info}, {@code ex_get_init_global},
 * {@code ex_get_eb_info_global}, {@code ex_get_ns_param_global}, {@code ex_get_ss_param_global},
 * {@code ex_get_loadbal_param}, {@code ex_get_processor_node_maps}, {@code
 * ex_get_processor_elem_maps}, {@code ex_get_cmap_params}, {@code ex_get_node_cmap} and {@code
 * ex_get_elem_cmap}. Obtained from {@link ExodusFile#nemesis()}.
 *
 * <p>The file-wide values are read when the object is made; the per-processor maps are read on each
 * call (they are as long as the piece). {@code processor} is the processor's position in the file:
 * always 0 for a parallel ({@code "p"}) file, which holds one processor; 0 .. {@link
 * #processorsInFile()} - 1 for a scalar ({@code "s"}) file. Node and element numbers in the maps
 * are 1-based local indices of this file, as stored. Arrays returned are fresh copies.
 */
public final class Nemesis {
  /**
   * The load-balance parameters of one processor ({@code ex_get_loadbal_param}).
   *
   * @param internalNodes nodes only this processor has
   * @param borderNodes nodes this processor owns and shares with others
   * @param externalNodes nodes other processors own that this one holds
   * @param internalElements elements with no neighbour on another processor
   * @param borderElements elements with a neighbour on another processor
   * @param nodeCommMaps number of nodal communication maps
   * @param elementCommMaps number of elemental communication maps
   */
  public record LoadBalance(
      long internalNodes,
      long borderNodes,
      long externalNodes,
      long internalElements,
      long borderElements,
      int nodeCommMaps,
      int elementCommMaps) {}

  /**
   * A communication map's id and length ({@code ex_get_cmap_params}).
   *
   * @param id the map id (by convention the neighbouring processor)
   * @param count nodes (or elements) in the map; 0 where its status flag is off
   */
  public record CommMap(long id, long count) {}

  /**
   * A nodal communication map ({@code ex_get_node_cmap}).
   *
   * @param id the map id
   * @param nodes 1-based local node numbers
   * @param processors the processor sharing each node
   */
  public record NodeCommMap(long id, long[] nodes, long[] processors) {}

  /**
   * An elemental communication map ({@code ex_get_elem_cmap}).
   *
   * @param id the map id
   * @param elements 1-based local element numbers
   * @param sides the side of each element on the processor border
   * @param processors the processor across each side
   */
  public record ElementCommMap(long id, long[] elements, long[] sides, long[] processors) {}

  private final Storage storage;
  private final String fileType;
  private final int processors;
  private final int processorsInFile;
  private final boolean hasGlobals;
  private final long nodesGlobal;
  private final long elementsGlobal;
  private final long[] blockIds;
  private final long[] blockCounts;
  private final long[] nodeSetIds;
  private final long[] nodeSetNodeCounts;
  private final long[] nodeSetDfCounts;
  private final long[] sideSetIds;
  private final long[] sideSetSideCounts;
  private final long[] sideSetDfCounts;

  private Nemesis(Storage storage, String fileType) throws IOException {
    this.storage = storage;
    this.fileType = fileType;
    this.processors = (int) dim("num_processors", 0);
    this.processorsInFile = (int) dim("num_procs_file", 0);
    this.hasGlobals = dim("num_nodes_global", -1) >= 0;
    this.nodesGlobal = dim("num_nodes_global", 0);
    this.elementsGlobal = dim("num_elems_global", 0);
    int nb = count("num_el_blk_global");
    int nn = count("num_ns_global");
    int ns = count("num_ss_global");
    this.blockIds = ints("el_blk_ids_global", 0, nb);
    this.blockCounts = ints("el_blk_cnt_global", 0, nb);
    this.nodeSetIds = ints("ns_ids_global", 0, nn);
    this.nodeSetNodeCounts = ints("ns_node_cnt_global", 0, nn);
    this.nodeSetDfCounts = ints("ns_df_cnt_global", 0, nn);
    this.sideSetIds = ints("ss_ids_global", 0, ns);
    this.sideSetSideCounts = ints("ss_side_cnt_global", 0, ns);
    this.sideSetDfCounts = ints("ss_df_cnt_global", 0, ns);
  }

  /**
   * The Nemesis metadata of a file, or null when the file has none (no {@code nem_ftype}: the C
   * library's {@code ex_get_init_info} fails on such a file).
   */
  static Nemesis read(Storage storage) throws IOException {
    Variable ft = storage.findVariable("nem_ftype").orElse(null);
    if (ft == null) {
      return null;
    }
    long[] v = new long[1];
    storage.read(ft, new long[ft.rank()], ones(ft.rank()), v, 0);
    String type;
    if (v[0] == 0) {
      type = "p";
    } else if (v[0] == 1) {
      type = "s";
    } else {
      throw new ExodusFormatException(
          storage.name(),
          "variable nem_ftype",
          ExodusFormatException.NO_OFFSET,
          "file type " + v[0] + " is neither 0 (parallel) nor 1 (scalar)");
    }
    return new Nemesis(storage, type);
  }

  /** {@code "p"} for a parallel file (one processor per file), {@code "s"} for a scalar file. */
  public String fileType() {
    return fileType;
  }

  /** Processors of the whole decomposition ({@code num_processors}). */
  public int processorCount() {
    return processors;
  }

  /** Processors this file holds ({@code num_procs_file}). */
  public int processorsInFile() {
    return processorsInFile;
  }

  /**
   * Whether this file holds the global sizes ({@code num_nodes_global}); writers often store them
   * in only some pieces (rank 0). Where absent, the C library's {@code ex_get_init_global} fails
   * and the global accessors here return 0 and empty arrays.
   */
  public boolean hasGlobals() {
    return hasGlobals;
  }

  /** Nodes of the whole (serial) mesh ({@code num_nodes_global}). */
  public long globalNodeCount() {
    return nodesGlobal;
  }

  /** Elements of the whole mesh ({@code num_elems_global}). */
  public long globalElementCount() {
    return elementsGlobal;
  }

  /** Element block ids of the whole mesh ({@code el_blk_ids_global}). */
  public long[] globalBlockIds() {
    return blockIds.clone();
  }

  /** Elements of each global block ({@code el_blk_cnt_global}). */
  public long[] globalBlockCounts() {
    return blockCounts.clone();
  }

  /** Node set ids of the whole mesh ({@code ns_ids_global}). */
  public long[] globalNodeSetIds() {
    return nodeSetIds.clone();
  }

  /** Nodes of each global node set ({@code ns_node_cnt_global}). */
  public long[] globalNodeSetNodeCounts() {
    return nodeSetNodeCounts.clone();
  }

  /** Distribution factors of each global node set ({@code ns_df_cnt_global}). */
  public long[] globalNodeSetDfCounts() {
    return nodeSetDfCounts.clone();
  }

  /** Side set ids of the whole mesh ({@code ss_ids_global}). */
  public long[] globalSideSetIds() {
    return sideSetIds.clone();
  }

  /** Sides of each global side set ({@code ss_side_cnt_global}). */
  public long[] globalSideSetSideCounts() {
    return sideSetSideCounts.clone();
  }

  /** Distribution factors of each global side set ({@code ss_df_cnt_global}). */
  public long[] globalSideSetDfCounts() {
    return sideSetDfCounts.clone();
  }

  /** The load-balance parameters of {@code processor} ({@code ex_get_loadbal_param}). */
  public LoadBalance loadBalance(int processor) throws IOException {
    checkProcessor(processor);
    long[] cm = commMapRange("n_comm_info_idx", "num_n_cmaps", processor);
    long[] ce = commMapRange("e_comm_info_idx", "num_e_cmaps", processor);
    return new LoadBalance(
        mapRange("int_n_stat", "node_mapi_idx", "num_int_node", processor)[1],
        mapRange("bor_n_stat", "node_mapb_idx", "num_bor_node", processor)[1],
        mapRange("ext_n_stat", "node_mape_idx", "num_ext_node", processor)[1],
        mapRange("int_e_stat", "elem_mapi_idx", "num_int_elem", processor)[1],
        mapRange("bor_e_stat", "elem_mapb_idx", "num_bor_elem", processor)[1],
        (int) cm[1],
        (int) ce[1]);
  }

  /**
   * The internal, border and external node maps of {@code processor} ({@code
   * ex_get_processor_node_maps}): three arrays of 1-based local node numbers.
   */
  public long[][] nodeMaps(int processor) throws IOException {
    checkProcessor(processor);
    return new long[][] {
      map("int_n_stat", "node_mapi_idx", "num_int_node", "node_mapi", processor),
      map("bor_n_stat", "node_mapb_idx", "num_bor_node", "node_mapb", processor),
      map("ext_n_stat", "node_mape_idx", "num_ext_node", "node_mape", processor)
    };
  }

  /**
   * The internal and border element maps of {@code processor} ({@code ex_get_processor_elem_maps}):
   * two arrays of 1-based local element numbers.
   */
  public long[][] elementMaps(int processor) throws IOException {
    checkProcessor(processor);
    return new long[][] {
      map("int_e_stat", "elem_mapi_idx", "num_int_elem", "elem_mapi", processor),
      map("bor_e_stat", "elem_mapb_idx", "num_bor_elem", "elem_mapb", processor)
    };
  }

  /** The nodal communication maps of {@code processor} ({@code ex_get_cmap_params}). */
  public List<CommMap> nodeCommMaps(int processor) throws IOException {
    checkProcessor(processor);
    return commMaps(
        "n_comm_info_idx",
        "num_n_cmaps",
        "n_comm_ids",
        "n_comm_stat",
        "n_comm_data_idx",
        "ncnt_cmap",
        processor);
  }

  /** The elemental communication maps of {@code processor} ({@code ex_get_cmap_params}). */
  public List<CommMap> elementCommMaps(int processor) throws IOException {
    checkProcessor(processor);
    return commMaps(
        "e_comm_info_idx",
        "num_e_cmaps",
        "e_comm_ids",
        "e_comm_stat",
        "e_comm_data_idx",
        "ecnt_cmap",
        processor);
  }

  /** The nodal communication map {@code id} of {@code processor} ({@code ex_get_node_cmap}). */
  public NodeCommMap nodeCommMap(long id, int processor) throws IOException {
    checkProcessor(processor);
    long[] r =
        commMapData(
            "n_comm_info_idx",
            "num_n_cmaps",
            "n_comm_ids",
            "n_comm_data_idx",
            "ncnt_cmap",
            id,
            processor);
    return new NodeCommMap(
        id, ints("n_comm_nids", r[0], r[1] - r[0]), ints("n_comm_proc", r[0], r[1] - r[0]));
  }

  /** The elemental communication map {@code id} of {@code processor} ({@code ex_get_elem_cmap}). */
  public ElementCommMap elementCommMap(long id, int processor) throws IOException {
    checkProcessor(processor);
    long[] r =
        commMapData(
            "e_comm_info_idx",
            "num_e_cmaps",
            "e_comm_ids",
            "e_comm_data_idx",
            "ecnt_cmap",
            id,
            processor);
    long n = r[1] - r[0];
    return new ElementCommMap(
        id,
        ints("e_comm_eids", r[0], n),
        ints("e_comm_sids", r[0], n),
        ints("e_comm_proc", r[0], n));
  }

  @Override
  public String toString() {
    return "Nemesis["
        + fileType
        + ", processors "
        + processors
        + ", global nodes "
        + nodesGlobal
        + ", global elements "
        + elementsGlobal
        + "]";
  }

  // ---- reading, following the C library ----------------------------------------------------

  private void checkProcessor(int processor) {
    if (processor < 0 || processor >= Math.max(processorsInFile, 1)) {
      throw new IllegalArgumentException(
          storage.name()
              + ": processor "
              + processor
              + " is not in this file, which holds "
              + processorsInFile);
    }
  }

  /**
   * {@code ex_get_idx}: the [start, end) range of entry {@code pos} of an index variable; end -1
   * when the variable is absent (the caller then takes the dimension's length).
   */
  private long[] idx(String idxVar, long pos) throws IOException {
    Variable v = storage.findVariable(idxVar).orElse(null);
    if (v == null) {
      return new long[] {0, -1};
    }
    if (pos == 0) {
      return new long[] {0, ints(idxVar, 0, 1)[0]};
    }
    return ints(idxVar, pos - 1, 2);
  }

  /** A map's range [start, start + count) as {start, count}, honouring its status flag. */
  private long[] mapRange(String statVar, String idxVar, String dimName, int processor)
      throws IOException {
    long statIdx = fileType.equals("s") ? processor : 0;
    if (storage.findVariable(statVar).isEmpty() || ints(statVar, statIdx, 1)[0] == 0) {
      return new long[] {0, 0};
    }
    long[] r = idx(idxVar, processor);
    if (r[1] == -1) {
      r[1] = dim(dimName, 0);
    }
    return new long[] {r[0], r[1] - r[0]};
  }

  private long[] map(String statVar, String idxVar, String dimName, String mapVar, int processor)
      throws IOException {
    long[] r = mapRange(statVar, idxVar, dimName, processor);
    return ints(mapVar, r[0], r[1]);
  }

  /** The range of a processor's communication maps as {first, count}. */
  private long[] commMapRange(String infoIdx, String dimName, int processor) throws IOException {
    long[] r = idx(infoIdx, processor);
    if (r[1] == -1) {
      r[1] = dim(dimName, 0);
    }
    return new long[] {r[0], r[1] - r[0]};
  }

  private List<CommMap> commMaps(
      String infoIdx,
      String dimName,
      String idsVar,
      String statVar,
      String dataIdx,
      String dataDim,
      int processor)
      throws IOException {
    long[] r = commMapRange(infoIdx, dimName, processor);
    List<CommMap> out = new ArrayList<>();
    if (r[1] <= 0) {
      return out;
    }
    long[] ids = ints(idsVar, r[0], r[1]);
    long[] stat = ints(statVar, r[0], r[1]);
    for (int m = 0; m < ids.length; m++) {
      long n = 0;
      if (stat[m] == 1) {
        // The C library indexes the data index with the map's position among this processor's.
        long[] d = idx(dataIdx, m);
        if (d[1] == -1) {
          d[1] = dim(dataDim, 0);
        }
        n = d[1] - d[0];
      }
      out.add(new CommMap(ids[m], n));
    }
    return out;
  }

  /** The data range [start, end) of the communication map with this id. */
  private long[] commMapData(
      String infoIdx,
      String dimName,
      String idsVar,
      String dataIdx,
      String dataDim,
      long id,
      int processor)
      throws IOException {
    long[] r = commMapRange(infoIdx, dimName, processor);
    long[] ids = ints(idsVar, r[0], Math.max(r[1], 0));
    for (int m = 0; m < ids.length; m++) {
      if (ids[m] == id) {
        long[] d = idx(dataIdx, r[0] + m);
        if (d[1] == -1) {
          d[1] = dim(dataDim, 0);
        }
        return d;
      }
    }
    throw new IllegalArgumentException(
        storage.name() + ": no communication map with id " + id + " in " + idsVar);
  }

  private long dim(String name, long absent) {
    for (Dimension d : storage.dimensions()) {
      if (d.name().equals(name)) {
        return d.length();
      }
    }
    return absent;
  }

  private int count(String dimName) throws IOException {
    long n = dim(dimName, 0);
    if (n < 0 || n > storage.byteSize() / 4 + 1) {
      throw new ExodusFormatException(
          storage.name(),
          "dimension " + dimName,
          ExodusFormatException.NO_OFFSET,
          "claims " + n + " objects, which the file cannot hold");
    }
    return (int) n;
  }

  /** {@code count} integers of a 1-D variable from {@code start}; a clear error when absent. */
  private long[] ints(String name, long start, long count) throws IOException {
    if (count <= 0) {
      return new long[0];
    }
    Variable v = storage.findVariable(name).orElse(null);
    long len = v == null || v.rank() != 1 ? -1 : storage.shape(v)[0];
    if (start < 0 || start + count > len || count > Integer.MAX_VALUE - 8) {
      throw new ExodusFormatException(
          storage.name(),
          "variable " + name,
          ExodusFormatException.NO_OFFSET,
          (v == null ? "is missing" : "holds " + len + " values")
              + "; the Nemesis metadata needs entries "
              + start
              + ".."
              + (start + count - 1));
    }
    long[] out = new long[(int) count];
    storage.read(v, new long[] {start}, new long[] {count}, out, 0);
    return out;
  }

  private static long[] ones(int n) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }
}
