/* exshared: a decomposed set written by the C library whose ranks hold DIFFERENT values at the
 * nodes they share, to test the join's rule for shared nodes, optionally with a damaged id map.
 *
 * The mesh is a strip of NX QUAD4 elements (columns c = 0..NX-1, element id c + 1) over the nodes
 * of columns 0..NX, two rows each (node id 2 col + row + 1, at x = col, y = row), cut into P pieces
 * OUTBASE.P.r: rank r holds element columns [r NX / P, (r + 1) NX / P) and their node columns, so
 * that neighbouring ranks share one node column. Per step s (time 0.5 s):
 *   global "g"       = s
 *   nodal  "u"       = id + 100 r + 0.5 s     (depends on the rank: differs at shared nodes)
 *   nodal  "w"       = 0.25 id + s            (the same in every piece)
 *   element "stress" = 10 id + s
 * element attribute "thickness" = 0.1 id (element id)
 * node set 1: the nodes of row 0 (factors 0.5 id), node set variable "nsv" = 2 id + r + s;
 * side set 2: side 1 of every element, side set variable "ssv" = 3 id (element id) + s;
 * element set 3: the elements of odd id, listed last to first, element set variable "esv" =
 * 4 id + s (no distribution factors).
 * DAMAGE (rank 1, P >= 3): none; dupnode (its last local node gets the id of its first, a node
 * rank 0 holds too); swapnodes (the ids of its first two local nodes, which rank 0 holds too,
 * swapped); dupelem (its last element gets the id of its first); crosselem (its first element
 * gets id 1, which rank 0 holds); nsided (the block is written as NSIDED polygons of 4 nodes,
 * every rank).
 * Built against Exodus 8 or later (9.06 in the tests), every piece also has the assembly 100
 * "everything" of element block 10 with the reduction variable "mass" = 1000 + s (the same in
 * every piece, as a parallel code writes reduced values).
 * usage: exshared OUTBASE NX P STEPS DAMAGE [cdf2|nc4]
 * Build: gcc -O2 -o exshared exshared.c -lexoIIv2c -lnetcdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: exshared OUTBASE NX P STEPS DAMAGE [cdf2|nc4]\n"); return 2; }
  const char *base = argv[1];
  int NX = atoi(argv[2]), P = atoi(argv[3]), steps = atoi(argv[4]);
  const char *damage = argv[5];
  const char *fmt = argc > 6 ? argv[6] : "cdf2";
  if (P < 1 || P > NX) { fprintf(stderr, "P must be 1..NX\n"); return 2; }
  if (strcmp(damage, "none") && strcmp(damage, "nsided") && P < 3) { fprintf(stderr, "damage needs P >= 3\n"); return 2; }
  int mode = EX_CLOBBER | (!strcmp(fmt, "nc4") ? EX_NETCDF4 : EX_LARGE_MODEL);
  int nn_g = 2 * (NX + 1), ne_g = NX;
  for (int r = 0; r < P; r++) {
    int k0 = r * NX / P, k1 = (r + 1) * NX / P;
    int nn = 2 * (k1 - k0 + 1), ne = k1 - k0;
    char out[4096];
    snprintf(out, sizeof out, "%s.%d.%d", base, P, r);
    int cpu = 8, io = 8;
    int exoid = ex_create(out, mode, &cpu, &io);
    if (exoid < 0) { fprintf(stderr, "ex_create %s failed\n", out); return 1; }
    ex_init_params par = {0};
    strcpy(par.title, "exshared strip");
    par.num_dim = 2; par.num_nodes = nn; par.num_elem = ne; par.num_elem_blk = 1;
    par.num_node_sets = 1; par.num_side_sets = 1; par.num_elem_sets = 1;
    CHECK(ex_put_init_ext(exoid, &par));
    CHECK(ex_put_init_info(exoid, P, 1, "p"));
    CHECK(ex_put_init_global(exoid, nn_g, ne_g, 1, 1, 1));
    int ebid = 10, ebcnt = ne_g, nsid = 1, nscnt = NX + 1, nsdf = NX + 1, ssid = 2, sscnt = NX, ssdf = 0;
    CHECK(ex_put_eb_info_global(exoid, &ebid, &ebcnt));
    CHECK(ex_put_ns_param_global(exoid, &nsid, &nscnt, &nsdf));
    CHECK(ex_put_ss_param_global(exoid, &ssid, &sscnt, &ssdf));
    int below = r > 0, above = r < P - 1;
    int nbor = 2 * (below + above), nint = nn - nbor;
    CHECK(ex_put_loadbal_param(exoid, nint, nbor, 0, ne, 0, 0, 0, r));
    int *nmi = malloc((nn + 1) * sizeof(int)), *nmb = malloc((nn + 1) * sizeof(int));
    int ci = 0, cb = 0;
    for (int n = 0; n < nn; n++) {
      int col = k0 + n / 2;
      if ((below && col == k0) || (above && col == k1)) nmb[cb++] = n + 1; else nmi[ci++] = n + 1;
    }
    CHECK(ex_put_processor_node_maps(exoid, nmi, nmb, NULL, r));
    int *emi = malloc((ne + 1) * sizeof(int));
    for (int q = 0; q < ne; q++) emi[q] = q + 1;
    CHECK(ex_put_processor_elem_maps(exoid, emi, NULL, r));
    free(nmi); free(nmb); free(emi);

    double *x = malloc(nn * sizeof(double)), *y = malloc(nn * sizeof(double));
    int *nmap = malloc(nn * sizeof(int));
    for (int n = 0; n < nn; n++) {
      int col = k0 + n / 2, row = n % 2;
      x[n] = col; y[n] = row; nmap[n] = 2 * col + row + 1;
    }
    CHECK(ex_put_coord(exoid, x, y, NULL));
    char *cn[2] = {"x", "y"};
    CHECK(ex_put_coord_names(exoid, cn));
    /* values are computed from the true ids, before any damage to the map */
    int *truth = malloc(nn * sizeof(int));
    memcpy(truth, nmap, nn * sizeof(int));
    if (r == 1 && !strcmp(damage, "dupnode")) nmap[nn - 1] = nmap[0];
    if (r == 1 && !strcmp(damage, "swapnodes")) { int t = nmap[0]; nmap[0] = nmap[1]; nmap[1] = t; }
    CHECK(ex_put_node_num_map(exoid, nmap));
    int nsided = !strcmp(damage, "nsided");
    if (nsided) CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "NSIDED", ne, 4 * ne, 0, 0, 0));
    else CHECK(ex_put_elem_block(exoid, 10, "QUAD4", ne, 4, 1));
    int *conn = malloc(ne * 4 * sizeof(int)), *emap = malloc(ne * sizeof(int));
    for (int q = 0; q < ne; q++) {
      int c = k0 + q, l = 2 * (c - k0) + 1; /* local node of (c, row 0) */
      conn[4 * q] = l; conn[4 * q + 1] = l + 2; conn[4 * q + 2] = l + 3; conn[4 * q + 3] = l + 1;
      emap[q] = c + 1;
    }
    if (nsided) {
      int *cnt = malloc(ne * sizeof(int));
      for (int q = 0; q < ne; q++) cnt[q] = 4;
      CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, conn, NULL, NULL));
      CHECK(ex_put_entity_count_per_polyhedra(exoid, EX_ELEM_BLOCK, 10, cnt));
      free(cnt);
    } else {
      /* badconn: rank 1's last element names a node past the piece's nodes */
      if (r == 1 && !strcmp(damage, "badconn")) conn[4 * (ne - 1) + 2] = nn + 1;
      CHECK(ex_put_elem_conn(exoid, 10, conn));
    }
    int *etruth = malloc(ne * sizeof(int));
    memcpy(etruth, emap, ne * sizeof(int));
    if (!nsided) {
      double *at = malloc(ne * sizeof(double));
      for (int q = 0; q < ne; q++) at[q] = 0.1 * etruth[q];
      CHECK(ex_put_elem_attr(exoid, 10, at));
      char *an[1] = {"thickness"};
      CHECK(ex_put_elem_attr_names(exoid, 10, an));
      free(at);
    }
    if (r == 1 && !strcmp(damage, "dupelem")) emap[ne - 1] = emap[0];
    if (r == 1 && !strcmp(damage, "crosselem")) emap[0] = 1;
    CHECK(ex_put_elem_num_map(exoid, emap));
    int nsn = k1 - k0 + 1, *ns = malloc(nsn * sizeof(int));
    double *df = malloc(nsn * sizeof(double));
    for (int i = 0; i < nsn; i++) { ns[i] = 2 * i + 1; df[i] = 0.5 * truth[2 * i]; }
    CHECK(ex_put_node_set_param(exoid, 1, nsn, nsn));
    CHECK(ex_put_node_set(exoid, 1, ns));
    CHECK(ex_put_node_set_dist_fact(exoid, 1, df));
    int *sse = malloc(ne * sizeof(int)), *sss = malloc(ne * sizeof(int));
    for (int q = 0; q < ne; q++) { sse[q] = q + 1; sss[q] = 1; }
    CHECK(ex_put_side_set_param(exoid, 2, ne, 0));
    CHECK(ex_put_side_set(exoid, 2, sse, sss));
#if EX_API_VERS_NODOT >= 800
    {
      ex_entity_id members[1] = {10};
      struct ex_assembly a = {100, "everything", EX_ELEM_BLOCK, 1, members};
      CHECK(ex_put_assembly(exoid, a));
      char *rn[1] = {"mass"};
      CHECK(ex_put_reduction_variable_param(exoid, EX_ASSEMBLY, 1));
      CHECK(ex_put_reduction_variable_names(exoid, EX_ASSEMBLY, 1, rn));
    }
#endif
    int nes = 0, *es = malloc((ne + 1) * sizeof(int));
    double *esdf = malloc((ne + 1) * sizeof(double));
    for (int q = ne - 1; q >= 0; q--) if (etruth[q] % 2 == 1) { es[nes] = q + 1; esdf[nes++] = etruth[q]; }
    CHECK(ex_put_set_param(exoid, EX_ELEM_SET, 3, nes, 0));
    if (nes > 0) CHECK(ex_put_set(exoid, EX_ELEM_SET, 3, es, NULL));
    CHECK(ex_put_var_param(exoid, "g", 1));
    CHECK(ex_put_var_param(exoid, "n", 2));
    CHECK(ex_put_var_param(exoid, "e", 1));
    char *gn[1] = {"g"}, *nv[2] = {"u", "w"}, *ev[1] = {"stress"};
    CHECK(ex_put_var_names(exoid, "g", 1, gn));
    CHECK(ex_put_var_names(exoid, "n", 2, nv));
    CHECK(ex_put_var_names(exoid, "e", 1, ev));
    CHECK(ex_put_var_param(exoid, "m", 1));
    CHECK(ex_put_var_param(exoid, "s", 1));
    char *mv[1] = {"nsv"}, *sv[1] = {"ssv"};
    CHECK(ex_put_var_names(exoid, "m", 1, mv));
    CHECK(ex_put_var_names(exoid, "s", 1, sv));
    CHECK(ex_put_variable_param(exoid, EX_ELEM_SET, 1));
    char *tv[1] = {"esv"};
    CHECK(ex_put_variable_names(exoid, EX_ELEM_SET, 1, tv));
    double *nsv = malloc(nsn * sizeof(double)), *ssv = malloc(ne * sizeof(double));
    double *esv = malloc((ne + 1) * sizeof(double));
    double *u = malloc(nn * sizeof(double)), *w = malloc(nn * sizeof(double)), *s = malloc(ne * sizeof(double));
    for (int st = 1; st <= steps; st++) {
      double t = 0.5 * st, g = st;
      CHECK(ex_put_time(exoid, st, &t));
      CHECK(ex_put_glob_vars(exoid, st, 1, &g));
      for (int n = 0; n < nn; n++) { u[n] = truth[n] + 100.0 * r + 0.5 * st; w[n] = 0.25 * truth[n] + st; }
      CHECK(ex_put_nodal_var(exoid, st, 1, nn, u));
      CHECK(ex_put_nodal_var(exoid, st, 2, nn, w));
      for (int q = 0; q < ne; q++) s[q] = 10.0 * etruth[q] + st;
      CHECK(ex_put_elem_var(exoid, st, 1, 10, ne, s));
      for (int i = 0; i < nsn; i++) nsv[i] = 2.0 * truth[2 * i] + r + st;
      CHECK(ex_put_var(exoid, st, EX_NODE_SET, 1, 1, nsn, nsv));
      for (int q = 0; q < ne; q++) ssv[q] = 3.0 * etruth[q] + st;
      CHECK(ex_put_var(exoid, st, EX_SIDE_SET, 1, 2, ne, ssv));
      for (int i = 0; i < nes; i++) esv[i] = 4.0 * etruth[es[i] - 1] + st;
      if (nes > 0) CHECK(ex_put_var(exoid, st, EX_ELEM_SET, 1, 3, nes, esv));
#if EX_API_VERS_NODOT >= 800
      double mass = 1000.0 + st;
      CHECK(ex_put_reduction_vars(exoid, st, EX_ASSEMBLY, 100, 1, &mass));
#endif
    }
    CHECK(ex_close(exoid));
    free(x); free(y); free(nmap); free(truth); free(conn); free(emap); free(etruth);
    free(ns); free(df); free(sse); free(sss); free(u); free(w); free(s); free(nsv); free(ssv); free(esv); free(es); free(esdf);
  }
  printf("wrote %s.%d.0 .. %d\n", base, P, P - 1);
  return 0;
}
