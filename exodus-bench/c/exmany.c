/* exmany: writes a classic Exodus file with many element blocks, node sets and side sets on
 * libexodusII, for the opening workload of issue 14 (a file whose header, not its data, is large).
 *
 *   exmany OUT BLOCKS NODESETS SIDESETS [cdf1|cdf2]
 *
 * A strip of BLOCKS x 2 HEX8 elements along x, block b (id 100 + b) holding elements 2b and 2b+1;
 * node set s (id 1000 + s) the 4 nodes of the face at x = s mod (elements + 1); side set s (id
 * 5000 + s) side 5 of element s mod elements + 1. Every block and set is named ("block_<id>",
 * "nodes_<id>", "sides_<id>"); one nodal variable, one element variable on every block (the truth
 * table all ones), one time step. Values are functions of the entity number, as in exgen.
 * Build: gcc -O2 -o exmany exmany.c -lexoIIv2c -lnetcdf
 */
#include <exodusII.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: exmany OUT BLOCKS NODESETS SIDESETS [cdf1|cdf2]\n"); return 2; }
  const char *out = argv[1];
  int nb = atoi(argv[2]), nns = atoi(argv[3]), nss = atoi(argv[4]);
  const char *fmt = argc > 5 ? argv[5] : "cdf2";
  int mode = EX_CLOBBER | (strcmp(fmt, "cdf1") ? EX_LARGE_MODEL : EX_NORMAL_MODEL);
  int cpu = 8, io = 8;
  int exoid = ex_create(out, mode, &cpu, &io);
  if (exoid < 0) { fprintf(stderr, "ex_create failed\n"); return 1; }
  int ne = 2 * nb, planes = ne + 1, nn = 4 * planes;
  CHECK(ex_put_init(exoid, "exmany: many blocks and sets", 3, nn, ne, nb, nns, nss));
  double *x = malloc(nn * sizeof(double)), *y = malloc(nn * sizeof(double)), *z = malloc(nn * sizeof(double));
  for (int p = 0; p < planes; p++)
    for (int c = 0; c < 4; c++) {
      int n = 4 * p + c;
      x[n] = p; y[n] = (c == 1 || c == 2); z[n] = c >= 2;
    }
  CHECK(ex_put_coord(exoid, x, y, z));
  char *cn[3] = {"x", "y", "z"};
  CHECK(ex_put_coord_names(exoid, cn));
  char **names = malloc(sizeof(char *) * (nb > nns ? (nb > nss ? nb : nss) : (nns > nss ? nns : nss)));
  int maxn = nb > nns ? nb : nns; if (nss > maxn) maxn = nss;
  for (int i = 0; i < maxn; i++) names[i] = malloc(33);
  for (int b = 0; b < nb; b++) {
    CHECK(ex_put_elem_block(exoid, 100 + b, "HEX8", 2, 8, 0));
    int conn[16];
    for (int k = 0; k < 2; k++) {
      int e = 2 * b + k, *c = conn + 8 * k;
      /* nodes of plane p: 4p+1 (y0 z0), 4p+2 (y1 z0), 4p+3 (y1 z1), 4p+4 (y0 z1) */
      c[0] = 4 * e + 1; c[1] = 4 * (e + 1) + 1; c[2] = 4 * (e + 1) + 2; c[3] = 4 * e + 2;
      c[4] = 4 * e + 4; c[5] = 4 * (e + 1) + 4; c[6] = 4 * (e + 1) + 3; c[7] = 4 * e + 3;
    }
    CHECK(ex_put_elem_conn(exoid, 100 + b, conn));
    snprintf(names[b], 33, "block_%d", 100 + b);
  }
  CHECK(ex_put_names(exoid, EX_ELEM_BLOCK, names));
  for (int s = 0; s < nns; s++) {
    int p = s % planes, nodes[4] = {4 * p + 1, 4 * p + 2, 4 * p + 3, 4 * p + 4};
    CHECK(ex_put_node_set_param(exoid, 1000 + s, 4, 0));
    CHECK(ex_put_node_set(exoid, 1000 + s, nodes));
    snprintf(names[s], 33, "nodes_%d", 1000 + s);
  }
  if (nns > 0) CHECK(ex_put_names(exoid, EX_NODE_SET, names));
  for (int s = 0; s < nss; s++) {
    int elem = s % ne + 1, side = 5;
    CHECK(ex_put_side_set_param(exoid, 5000 + s, 1, 0));
    CHECK(ex_put_side_set(exoid, 5000 + s, &elem, &side));
    snprintf(names[s], 33, "sides_%d", 5000 + s);
  }
  if (nss > 0) CHECK(ex_put_names(exoid, EX_SIDE_SET, names));
  CHECK(ex_put_var_param(exoid, "n", 1));
  CHECK(ex_put_var_param(exoid, "e", 1));
  char *nv[1] = {"temperature"}, *ev[1] = {"stress"};
  CHECK(ex_put_var_names(exoid, "n", 1, nv));
  CHECK(ex_put_var_names(exoid, "e", 1, ev));
  int *tab = malloc(nb * sizeof(int));
  for (int b = 0; b < nb; b++) tab[b] = 1;
  CHECK(ex_put_elem_var_tab(exoid, nb, 1, tab));
  double t = 1.0;
  CHECK(ex_put_time(exoid, 1, &t));
  for (int n = 0; n < nn; n++) x[n] = 1000.0 + n * 1e-3;
  CHECK(ex_put_nodal_var(exoid, 1, 1, nn, x));
  for (int b = 0; b < nb; b++) {
    double v[2] = {10.0 + 2 * b * 0.5, 10.0 + (2 * b + 1) * 0.5};
    CHECK(ex_put_elem_var(exoid, 1, 1, 100 + b, 2, v));
  }
  CHECK(ex_close(exoid));
  printf("wrote %s: %d blocks, %d node sets, %d side sets, %d nodes, %d elements (%s)\n", out, nb,
         nns, nss, nn, ne, fmt);
  return 0;
}
