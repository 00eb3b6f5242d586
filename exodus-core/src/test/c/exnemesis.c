/* Prints the Nemesis metadata of an Exodus file as the C library returns it: ex_get_init_info,
 * ex_get_init_global, ex_get_eb_info_global, ex_get_ns_param_global, ex_get_ss_param_global, and
 * for each processor of the file ex_get_loadbal_param, ex_get_processor_node_maps,
 * ex_get_processor_elem_maps, ex_get_cmap_params, ex_get_node_cmap and ex_get_elem_cmap. One
 * record per line, words separated by blanks. A call that fails prints "error NAME STATUS".
 * Build: gcc -O2 -o exnemesis exnemesis.c -lexoIIv2c -lnetcdf */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "exodusII.h"

static void list(const char *name, int p, const int64_t *v, int64_t n) {
  printf("%s %d", name, p);
  for (int64_t i = 0; i < n; i++) printf(" %lld", (long long)v[i]);
  printf("\n");
}

static int64_t *alloc(int64_t n) { return calloc(n > 0 ? n : 1, sizeof(int64_t)); }

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: exnemesis FILE\n");
    return 2;
  }
  int cpu = 8, io = 0;
  float version;
  ex_opts(0);
  int exoid = ex_open(argv[1], EX_READ, &cpu, &io, &version);
  if (exoid < 0) {
    fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  ex_set_int64_status(exoid, EX_ALL_INT64_API);
  int nproc = 0, nprocf = 0;
  char ftype[4] = {0};
  int st = ex_get_init_info(exoid, &nproc, &nprocf, ftype);
  if (st < 0) { printf("error ex_get_init_info %d\n", st); return 0; }
  printf("init_info %d %d %s\n", nproc, nprocf, ftype);
  int64_t g[5] = {0};
  st = ex_get_init_global(exoid, &g[0], &g[1], &g[2], &g[3], &g[4]);
  if (st < 0) { printf("error ex_get_init_global %d\n", st); g[2] = g[3] = g[4] = 0; }
  else printf("init_global %lld %lld %lld %lld %lld\n", (long long)g[0], (long long)g[1],
         (long long)g[2], (long long)g[3], (long long)g[4]);
  if (g[2] > 0) {
    int64_t *ids = alloc(g[2]), *cnt = alloc(g[2]);
    st = ex_get_eb_info_global(exoid, ids, cnt);
    if (st < 0) printf("error ex_get_eb_info_global %d\n", st);
    else { list("eb_ids_global", 0, ids, g[2]); list("eb_counts_global", 0, cnt, g[2]); }
  }
  if (g[3] > 0) {
    int64_t *ids = alloc(g[3]), *cnt = alloc(g[3]), *df = alloc(g[3]);
    st = ex_get_ns_param_global(exoid, ids, cnt, df);
    if (st < 0) printf("error ex_get_ns_param_global %d\n", st);
    else { list("ns_ids_global", 0, ids, g[3]); list("ns_node_counts_global", 0, cnt, g[3]);
           list("ns_df_counts_global", 0, df, g[3]); }
  }
  if (g[4] > 0) {
    int64_t *ids = alloc(g[4]), *cnt = alloc(g[4]), *df = alloc(g[4]);
    st = ex_get_ss_param_global(exoid, ids, cnt, df);
    if (st < 0) printf("error ex_get_ss_param_global %d\n", st);
    else { list("ss_ids_global", 0, ids, g[4]); list("ss_side_counts_global", 0, cnt, g[4]);
           list("ss_df_counts_global", 0, df, g[4]); }
  }
  for (int p = 0; p < nprocf; p++) {
    int64_t lb[7] = {0};
    st = ex_get_loadbal_param(exoid, &lb[0], &lb[1], &lb[2], &lb[3], &lb[4], &lb[5], &lb[6], p);
    if (st < 0) { printf("error ex_get_loadbal_param %d\n", st); continue; }
    list("loadbal", p, lb, 7);
    int64_t *ni = alloc(lb[0]), *nb = alloc(lb[1]), *ne = alloc(lb[2]);
    st = ex_get_processor_node_maps(exoid, ni, nb, ne, p);
    if (st < 0) printf("error ex_get_processor_node_maps %d\n", st);
    else { list("node_mapi", p, ni, lb[0]); list("node_mapb", p, nb, lb[1]);
           list("node_mape", p, ne, lb[2]); }
    int64_t *ei = alloc(lb[3]), *eb = alloc(lb[4]);
    st = ex_get_processor_elem_maps(exoid, ei, eb, p);
    if (st < 0) printf("error ex_get_processor_elem_maps %d\n", st);
    else { list("elem_mapi", p, ei, lb[3]); list("elem_mapb", p, eb, lb[4]); }
    int64_t *nid = alloc(lb[5]), *ncnt = alloc(lb[5]), *eid = alloc(lb[6]), *ecnt = alloc(lb[6]);
    st = ex_get_cmap_params(exoid, nid, ncnt, eid, ecnt, p);
    if (st < 0) { printf("error ex_get_cmap_params %d\n", st); continue; }
    list("node_cmap_ids", p, nid, lb[5]); list("node_cmap_counts", p, ncnt, lb[5]);
    list("elem_cmap_ids", p, eid, lb[6]); list("elem_cmap_counts", p, ecnt, lb[6]);
    for (int64_t m = 0; m < lb[5]; m++) {
      int64_t *nodes = alloc(ncnt[m]), *procs = alloc(ncnt[m]);
      st = ex_get_node_cmap(exoid, nid[m], nodes, procs, p);
      if (st < 0) { printf("error ex_get_node_cmap %d\n", st); continue; }
      printf("node_cmap %d %lld\n", p, (long long)nid[m]);
      list("node_cmap_nodes", p, nodes, ncnt[m]); list("node_cmap_procs", p, procs, ncnt[m]);
    }
    for (int64_t m = 0; m < lb[6]; m++) {
      int64_t *el = alloc(ecnt[m]), *sides = alloc(ecnt[m]), *procs = alloc(ecnt[m]);
      st = ex_get_elem_cmap(exoid, eid[m], el, sides, procs, p);
      if (st < 0) { printf("error ex_get_elem_cmap %d\n", st); continue; }
      printf("elem_cmap %d %lld\n", p, (long long)eid[m]);
      list("elem_cmap_elems", p, el, ecnt[m]); list("elem_cmap_sides", p, sides, ecnt[m]);
      list("elem_cmap_procs", p, procs, ecnt[m]);
    }
  }
  ex_close(exoid);
  return 0;
}
