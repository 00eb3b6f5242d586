/* exgenz: shared/tools/exgen.c writing NetCDF-4 with compression: the same mesh and values, written
 * by the reference C library (libexodusII) with ex_set_option(EX_OPT_COMPRESSION_LEVEL, LEVEL) and
 * EX_OPT_COMPRESSION_SHUFFLE, so every variable is deflated (and shuffled) as libexodusII does it.
 * usage: exgenz OUT NX NY NZ STEPS NODALVARS LEVEL SHUFFLE (0|1)
 * Nodes = (NX+1)(NY+1)(NZ+1); one block; node set on x=0; NODALVARS nodal vars, 1 elem var, 2 global vars.
 * Values are deterministic functions of (node, step, var) so any reader can be checked exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

int main(int argc, char **argv) {
  if (argc < 9) { fprintf(stderr, "usage: exgenz OUT NX NY NZ STEPS NODALVARS LEVEL SHUFFLE\n"); return 2; }
  const char *out = argv[1];
  int64_t nx = atoll(argv[2]), ny = atoll(argv[3]), nz = atoll(argv[4]);
  int steps = atoi(argv[5]), nvars = atoi(argv[6]);
  const char *fmt = "nc4";
  int level = atoi(argv[7]), shuffle = atoi(argv[8]);
  int mode = EX_CLOBBER | EX_NETCDF4;
  int cpu = 8, io = 8;
  int exoid = ex_create(out, mode, &cpu, &io);
  if (exoid < 0) { fprintf(stderr, "ex_create failed\n"); return 1; }
  CHECK(ex_set_option(exoid, EX_OPT_COMPRESSION_LEVEL, level));
  CHECK(ex_set_option(exoid, EX_OPT_COMPRESSION_SHUFFLE, shuffle));
  int64_t nn = (nx + 1) * (ny + 1) * (nz + 1), ne = nx * ny * nz;
  CHECK(ex_put_init(exoid, "exgen structured hex mesh", 3, nn, ne, 1, 1, 0));
  double *x = malloc(nn * sizeof(double)), *y = malloc(nn * sizeof(double)), *z = malloc(nn * sizeof(double));
  int64_t i = 0;
  for (int64_t k = 0; k <= nz; k++) for (int64_t j = 0; j <= ny; j++) for (int64_t a = 0; a <= nx; a++, i++) {
    x[i] = a * 0.5; y[i] = j * 0.25 + 1e-3 * a; z[i] = k * 2.0 - 1e-4 * j;
  }
  CHECK(ex_put_coord(exoid, x, y, z));
  char *cn[3] = {"x", "y", "z"};
  CHECK(ex_put_coord_names(exoid, cn));
  CHECK(ex_put_elem_block(exoid, 10, "HEX8", ne, 8, 0));
  int *conn = malloc(ne * 8 * sizeof(int));
  int64_t e = 0;
  #define NID(a,j,k) ((int)((k)*(ny+1)*(nx+1) + (j)*(nx+1) + (a) + 1))
  for (int64_t k = 0; k < nz; k++) for (int64_t j = 0; j < ny; j++) for (int64_t a = 0; a < nx; a++, e++) {
    int *c = conn + 8 * e;
    c[0] = NID(a,j,k); c[1] = NID(a+1,j,k); c[2] = NID(a+1,j+1,k); c[3] = NID(a,j+1,k);
    c[4] = NID(a,j,k+1); c[5] = NID(a+1,j,k+1); c[6] = NID(a+1,j+1,k+1); c[7] = NID(a,j+1,k+1);
  }
  CHECK(ex_put_elem_conn(exoid, 10, conn));
  free(conn);
  int64_t nsn = (ny + 1) * (nz + 1);
  int *ns = malloc(nsn * sizeof(int)); i = 0;
  for (int64_t k = 0; k <= nz; k++) for (int64_t j = 0; j <= ny; j++) ns[i++] = NID(0, j, k);
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
      for (int64_t n = 0; n < nn; n++) vals[n] = v * 1000.0 + s + n * 1e-3;
      CHECK(ex_put_nodal_var(exoid, s, v, nn, vals));
    }
    for (int64_t q = 0; q < ne; q++) ev[q] = s * 10.0 + q * 0.5;
    CHECK(ex_put_elem_var(exoid, s, 1, 10, ne, ev));
  }
  CHECK(ex_close(exoid));
  printf("wrote %s: %lld nodes, %lld elems, %d steps, %d nodal vars (%s, deflate %d, shuffle %d)\n", out, (long long)nn, (long long)ne, steps, nvars, fmt, level, shuffle);
  return 0;
}
