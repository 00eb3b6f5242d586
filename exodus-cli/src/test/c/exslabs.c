/* exslabs: writes the mesh and results of shared/tools/exgen.c (the same coordinates, connectivity,
 * node set, variables and values, as exact functions of global node, element, step and variable)
 * decomposed into P slabs of element layers along z, one file per rank OUTBASE.P.r, with the C
 * library, with global id maps and the Nemesis metadata (global sizes, load-balance maps, node and
 * element communication maps) a parallel code would write. Joining the pieces must give exgen's
 * serial file. usage: exslabs OUTBASE NX NY NZ STEPS NODALVARS PIECES [cdf1|cdf2|nc4]
 * Build: gcc -O2 -o exslabs exslabs.c -lexoIIv2c -lnetcdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

int main(int argc, char **argv) {
  if (argc < 8) { fprintf(stderr, "usage: exslabs OUTBASE NX NY NZ STEPS NODALVARS PIECES [cdf1|cdf2|nc4]\n"); return 2; }
  const char *base = argv[1];
  int64_t nx = atoll(argv[2]), ny = atoll(argv[3]), nz = atoll(argv[4]);
  int steps = atoi(argv[5]), nvars = atoi(argv[6]), P = atoi(argv[7]);
  const char *fmt = argc > 8 ? argv[8] : "cdf2";
  if (P < 1 || P > nz) { fprintf(stderr, "PIECES must be 1..NZ\n"); return 2; }
  int mode = EX_CLOBBER;
  if (!strcmp(fmt, "cdf2")) mode |= EX_LARGE_MODEL;
  else if (!strcmp(fmt, "nc4")) mode |= EX_NETCDF4;
  else if (!strcmp(fmt, "cdf1")) mode |= EX_NORMAL_MODEL;
  int64_t layer = (ny + 1) * (nx + 1), elayer = ny * nx;
  int64_t nn_g = layer * (nz + 1), ne_g = elayer * nz;
  for (int r = 0; r < P; r++) {
    int64_t k0 = (int64_t)r * nz / P, k1 = (int64_t)(r + 1) * nz / P;
    int64_t nn = layer * (k1 - k0 + 1), ne = elayer * (k1 - k0);
    char out[4096];
    snprintf(out, sizeof out, "%s.%d.%d", base, P, r);
    int cpu = 8, io = 8;
    int exoid = ex_create(out, mode, &cpu, &io);
    if (exoid < 0) { fprintf(stderr, "ex_create %s failed\n", out); return 1; }
    CHECK(ex_put_init(exoid, "exgen structured hex mesh", 3, nn, ne, 1, 1, 0));
    /* Nemesis metadata */
    CHECK(ex_put_init_info(exoid, P, 1, "p"));
    CHECK(ex_put_init_global(exoid, nn_g, ne_g, 1, 1, 0));
    int ebid = 10, ebcnt = (int)ne_g, nsid = 1, nscnt = (int)((ny + 1) * (nz + 1)), nsdf = 0;
    CHECK(ex_put_eb_info_global(exoid, &ebid, &ebcnt));
    CHECK(ex_put_ns_param_global(exoid, &nsid, &nscnt, &nsdf));
    int below = r > 0, above = r < P - 1;
    int64_t nbor = layer * (below + above), nint = nn - nbor;
    int64_t ebor = (k1 - k0 == 1) ? ((below || above) ? elayer : 0) : elayer * (below + above);
    int64_t eint = ne - ebor;
    int ncm = below + above;
    CHECK(ex_put_loadbal_param(exoid, nint, nbor, 0, eint, ebor, ncm, ncm, r));
    int *nmi = malloc((nint + 1) * sizeof(int)), *nmb = malloc((nbor + 1) * sizeof(int));
    int64_t ci = 0, cb = 0;
    for (int64_t n = 0; n < nn; n++) {
      int64_t k = k0 + n / layer;
      if ((below && k == k0) || (above && k == k1)) nmb[cb++] = (int)(n + 1); else nmi[ci++] = (int)(n + 1);
    }
    CHECK(ex_put_processor_node_maps(exoid, nmi, nmb, NULL, r));
    int *emi = malloc((eint + 1) * sizeof(int)), *emb = malloc((ebor + 1) * sizeof(int));
    ci = cb = 0;
    for (int64_t q = 0; q < ne; q++) {
      int64_t k = k0 + q / elayer;
      if ((below && k == k0) || (above && k == k1 - 1)) emb[cb++] = (int)(q + 1); else emi[ci++] = (int)(q + 1);
    }
    CHECK(ex_put_processor_elem_maps(exoid, emi, emb, r));
    if (ncm > 0) {
      int nids[2], ncnt[2], eids[2], ecnt[2], m = 0;
      if (below) { nids[m] = r - 1; ncnt[m] = (int)layer; eids[m] = r - 1; ecnt[m] = (int)elayer; m++; }
      if (above) { nids[m] = r + 1; ncnt[m] = (int)layer; eids[m] = r + 1; ecnt[m] = (int)elayer; m++; }
      CHECK(ex_put_cmap_params(exoid, nids, ncnt, eids, ecnt, r));
      int *nodes = malloc(layer * sizeof(int)), *procs = malloc(layer * sizeof(int));
      int *elems = malloc(elayer * sizeof(int)), *sides = malloc(elayer * sizeof(int)), *eprocs = malloc(elayer * sizeof(int));
      for (m = 0; m < ncm; m++) {
        int lower = (below && m == 0);
        int64_t kl = lower ? 0 : (k1 - k0);           /* local node layer shared */
        int64_t ke = lower ? 0 : (k1 - k0 - 1);       /* local element layer on the border */
        for (int64_t i = 0; i < layer; i++) { nodes[i] = (int)(kl * layer + i + 1); procs[i] = nids[m]; }
        for (int64_t i = 0; i < elayer; i++) { elems[i] = (int)(ke * elayer + i + 1); sides[i] = lower ? 5 : 6; eprocs[i] = eids[m]; }
        CHECK(ex_put_node_cmap(exoid, nids[m], nodes, procs, r));
        CHECK(ex_put_elem_cmap(exoid, eids[m], elems, sides, eprocs, r));
      }
      free(nodes); free(procs); free(elems); free(sides); free(eprocs);
    }
    free(nmi); free(nmb); free(emi); free(emb);
    /* the mesh: exgen's, restricted to layers k0..k1 */
    double *x = malloc(nn * sizeof(double)), *y = malloc(nn * sizeof(double)), *z = malloc(nn * sizeof(double));
    int *nmap = malloc(nn * sizeof(int));
    int64_t i = 0;
    for (int64_t k = k0; k <= k1; k++) for (int64_t j = 0; j <= ny; j++) for (int64_t a = 0; a <= nx; a++, i++) {
      x[i] = a * 0.5; y[i] = j * 0.25 + 1e-3 * a; z[i] = k * 2.0 - 1e-4 * j;
      nmap[i] = (int)(k * layer + j * (nx + 1) + a + 1);
    }
    CHECK(ex_put_coord(exoid, x, y, z));
    char *cn[3] = {"x", "y", "z"};
    CHECK(ex_put_coord_names(exoid, cn));
    CHECK(ex_put_node_num_map(exoid, nmap));
    CHECK(ex_put_elem_block(exoid, 10, "HEX8", ne, 8, 0));
    int *conn = malloc(ne * 8 * sizeof(int)), *emap = malloc(ne * sizeof(int));
    int64_t e = 0;
    #define LID(a,j,k) ((int)(((k) - k0)*(ny+1)*(nx+1) + (j)*(nx+1) + (a) + 1))
    for (int64_t k = k0; k < k1; k++) for (int64_t j = 0; j < ny; j++) for (int64_t a = 0; a < nx; a++, e++) {
      int *c = conn + 8 * e;
      c[0] = LID(a,j,k); c[1] = LID(a+1,j,k); c[2] = LID(a+1,j+1,k); c[3] = LID(a,j+1,k);
      c[4] = LID(a,j,k+1); c[5] = LID(a+1,j,k+1); c[6] = LID(a+1,j+1,k+1); c[7] = LID(a,j+1,k+1);
      emap[e] = (int)(k * elayer + j * nx + a + 1);
    }
    CHECK(ex_put_elem_conn(exoid, 10, conn));
    CHECK(ex_put_elem_num_map(exoid, emap));
    free(conn);
    int64_t nsn = (ny + 1) * (k1 - k0 + 1);
    int *ns = malloc(nsn * sizeof(int)); i = 0;
    for (int64_t k = k0; k <= k1; k++) for (int64_t j = 0; j <= ny; j++) ns[i++] = LID(0, j, k);
    CHECK(ex_put_node_set_param(exoid, 1, nsn, 0));
    CHECK(ex_put_node_set(exoid, 1, ns));
    free(ns);
    CHECK(ex_put_var_param(exoid, "g", 2));
    CHECK(ex_put_var_param(exoid, "n", nvars));
    CHECK(ex_put_var_param(exoid, "e", 1));
    char *gn[2] = {"energy", "momentum"};
    CHECK(ex_put_var_names(exoid, "g", 2, gn));
    char **nn_names = malloc(nvars * sizeof(char *));
    for (int v = 0; v < nvars; v++) { nn_names[v] = malloc(33); snprintf(nn_names[v], 33, "field_%d", v + 1); }
    CHECK(ex_put_var_names(exoid, "n", nvars, nn_names));
    char *en[1] = {"stress"};
    CHECK(ex_put_var_names(exoid, "e", 1, en));
    double *vals = malloc(nn * sizeof(double)), *ev = malloc(ne * sizeof(double));
    for (int s = 1; s <= steps; s++) {
      double t = 0.1 * s;
      CHECK(ex_put_time(exoid, s, &t));
      double g[2] = {s * 1.5, -s * 0.25};
      CHECK(ex_put_glob_vars(exoid, s, 2, g));
      for (int v = 1; v <= nvars; v++) {
        for (int64_t n = 0; n < nn; n++) vals[n] = v * 1000.0 + s + (nmap[n] - 1) * 1e-3;
        CHECK(ex_put_nodal_var(exoid, s, v, nn, vals));
      }
      for (int64_t q = 0; q < ne; q++) ev[q] = s * 10.0 + (emap[q] - 1) * 0.5;
      CHECK(ex_put_elem_var(exoid, s, 1, 10, ne, ev));
    }
    CHECK(ex_close(exoid));
    free(x); free(y); free(z); free(nmap); free(emap); free(vals); free(ev);
    for (int v = 0; v < nvars; v++) free(nn_names[v]);
    free(nn_names);
  }
  printf("wrote %s.%d.0 .. %d: %lld nodes, %lld elems globally, %d steps\n", base, P, P - 1,
         (long long)nn_g, (long long)ne_g, steps);
  return 0;
}
