/* Element-set distribution factors through the C library.
 *   exelsdf write FILE  writes a 2D mesh (6 nodes, 2 QUAD4 in block 1) with element set 10
 *                       holding elements 2 1 and factors 0.25 0.75 (ex_put_sets as the library
 *                       stores them: on the entry dimension, no factor count dimension).
 *   exelsdf read FILE   prints, for every element set, "elem_set<TAB>id<TAB>entries<TAB>
 *                       count<TAB>f1 f2 ...": the factor count ex_get_set_param reports (none
 *                       for element sets as ex_put_sets stores them) and the factors
 *                       ex_get_set_dist_fact returns (one per entry).
 * Build: against 9.06 (Exodus9.compile) or 6.02 (gcc ... -lexoIIv2c -lnetcdf). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "exodusII.h"

static int write_file(const char *path) {
  int cpu = 8, io = 8;
  int exoid = ex_create(path, EX_CLOBBER, &cpu, &io);
  if (exoid < 0) return 1;
  ex_init_params p;
  memset(&p, 0, sizeof p);
  strcpy(p.title, "element set factors");
  p.num_dim = 2;
  p.num_nodes = 6;
  p.num_elem = 2;
  p.num_elem_blk = 1;
  p.num_elem_sets = 1;
  if (ex_put_init_ext(exoid, &p) < 0) return 1;
  double x[6] = {0, 1, 2, 0, 1, 2}, y[6] = {0, 0, 0, 1, 1, 1};
  if (ex_put_coord(exoid, x, y, NULL) < 0) return 1;
  if (ex_put_block(exoid, EX_ELEM_BLOCK, 1, "QUAD4", 2, 4, 0, 0, 0) < 0) return 1;
  int conn[8] = {1, 2, 5, 4, 2, 3, 6, 5};
  if (ex_put_conn(exoid, EX_ELEM_BLOCK, 1, conn, NULL, NULL) < 0) return 1;
  if (ex_put_set_param(exoid, EX_ELEM_SET, 10, 2, 2) < 0) return 1;
  int elems[2] = {2, 1};
  if (ex_put_set(exoid, EX_ELEM_SET, 10, elems, NULL) < 0) return 1;
  double df[2] = {0.25, 0.75};
  if (ex_put_set_dist_fact(exoid, EX_ELEM_SET, 10, df) < 0) return 1;
  return ex_close(exoid) < 0;
}

static int read_file(const char *path) {
  int cpu = 8, io = 0;
  float version;
  int exoid = ex_open(path, EX_READ, &cpu, &io, &version);
  if (exoid < 0) return 1;
  int n = (int)ex_inquire_int(exoid, EX_INQ_ELEM_SETS);
  int *ids = calloc(n + 1, sizeof(int));
  ex_get_ids(exoid, EX_ELEM_SET, ids);
  for (int s = 0; s < n; s++) {
    int entries = 0, ndf = 0;
    ex_get_set_param(exoid, EX_ELEM_SET, ids[s], &entries, &ndf);
    double *df = calloc(entries + 1, sizeof(double));
    int st = ex_get_set_dist_fact(exoid, EX_ELEM_SET, ids[s], df);
    printf("elem_set\t%d\t%d\t%d\t", ids[s], entries, ndf);
    for (int i = 0; st >= 0 && i < entries; i++) printf(i ? " %.17g" : "%.17g", df[i]);
    printf("\n");
    free(df);
  }
  free(ids);
  return ex_close(exoid) < 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: exelsdf write|read FILE\n");
    return 2;
  }
  ex_opts(0);
  if (strcmp(argv[1], "write") == 0) return write_file(argv[2]);
  if (strcmp(argv[1], "read") == 0) return read_file(argv[2]);
  return 2;
}
