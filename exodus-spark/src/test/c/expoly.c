/* expoly: a small 2D file for the Spark data source's aggregate and polytope tests, written by the
 * C library: polygons of varying node counts (NSIDED), an element variable the truth table leaves
 * out of one block, NaN values, and id maps that are not the indices.
 *
 * Nodes: a 4 x 3 grid, node n = 4 j + i (0-based) at x = i, y = j, id 1000 + 7 n.
 * Element blocks (elements numbered 0..5 in file order, element e has id 50 + 10 e):
 *   10 QUAD4,  3 elements: the cells (i, 0), i = 0..2, nodes (i,0) (i+1,0) (i+1,1) (i,1)
 *   20 NSIDED, 2 elements: a triangle (0,1) (1,1) (0,2) and a pentagon (1,1) (2,1) (3,1) (3,2) (1,2)
 *   30 QUAD4,  1 element:  (2,1) (3,1) (3,2) (2,2)
 * Steps s = 1..3 at times 0, 0.25, 0.75:
 *   nodal   "temp"   = 1.5 n + 10 s - 14, NaN at node 5 in step 2
 *   nodal   "pres"   = 0.25 n - s, every node NaN in step 3
 *   element "stress" = 2 e + s (every block)
 *   element "strain" = 0.5 s - e (blocks 10 and 30 only: the truth table leaves out block 20),
 *                      NaN in block 30 at step 1
 * usage: expoly OUT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)
#define N(i, j) (4 * (j) + (i) + 1)

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: expoly OUT\n"); return 2; }
  int cpu = 8, io = 8;
  int exoid = ex_create(argv[1], EX_CLOBBER, &cpu, &io);
  if (exoid < 0) { fprintf(stderr, "ex_create %s failed\n", argv[1]); return 1; }
  CHECK(ex_put_init(exoid, "expoly", 2, 12, 6, 3, 0, 0));
  double x[12], y[12];
  int nmap[12], emap[6];
  for (int n = 0; n < 12; n++) { x[n] = n % 4; y[n] = n / 4; nmap[n] = 1000 + 7 * n; }
  for (int e = 0; e < 6; e++) emap[e] = 50 + 10 * e;
  CHECK(ex_put_coord(exoid, x, y, NULL));
  CHECK(ex_put_id_map(exoid, EX_NODE_MAP, nmap));
  CHECK(ex_put_id_map(exoid, EX_ELEM_MAP, emap));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "QUAD4", 3, 4, 0, 0, 0));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 20, "NSIDED", 2, 8, 0, 0, 0));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 30, "QUAD4", 1, 4, 0, 0, 0));
  int q[12];
  for (int i = 0; i < 3; i++) {
    q[4 * i] = N(i, 0); q[4 * i + 1] = N(i + 1, 0); q[4 * i + 2] = N(i + 1, 1); q[4 * i + 3] = N(i, 1);
  }
  CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, q, NULL, NULL));
  int poly[8] = {N(0, 1), N(1, 1), N(0, 2), N(1, 1), N(2, 1), N(3, 1), N(3, 2), N(1, 2)};
  int counts[2] = {3, 5};
  CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 20, poly, NULL, NULL));
  CHECK(ex_put_entity_count_per_polyhedra(exoid, EX_ELEM_BLOCK, 20, counts));
  int last[4] = {N(2, 1), N(3, 1), N(3, 2), N(2, 2)};
  CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 30, last, NULL, NULL));
  char *nv[2] = {"temp", "pres"};
  char *ev[2] = {"stress", "strain"};
  CHECK(ex_put_variable_param(exoid, EX_NODAL, 2));
  CHECK(ex_put_variable_names(exoid, EX_NODAL, 2, nv));
  CHECK(ex_put_variable_param(exoid, EX_ELEM_BLOCK, 2));
  CHECK(ex_put_variable_names(exoid, EX_ELEM_BLOCK, 2, ev));
  int truth[6] = {1, 1, 1, 0, 1, 1}; /* block-major: block 20 has no strain */
  CHECK(ex_put_truth_table(exoid, EX_ELEM_BLOCK, 3, 2, truth));
  double times[3] = {0, 0.25, 0.75};
  int first[3] = {0, 3, 5}, size[3] = {3, 2, 1}, ids[3] = {10, 20, 30};
  for (int s = 1; s <= 3; s++) {
    CHECK(ex_put_time(exoid, s, &times[s - 1]));
    double t[12], p[12];
    for (int n = 0; n < 12; n++) {
      t[n] = (s == 2 && n == 5) ? NAN : 1.5 * n + 10 * s - 14;
      p[n] = s == 3 ? NAN : 0.25 * n - s;
    }
    CHECK(ex_put_var(exoid, s, EX_NODAL, 1, 1, 12, t));
    CHECK(ex_put_var(exoid, s, EX_NODAL, 2, 1, 12, p));
    for (int b = 0; b < 3; b++) {
      double v[3];
      for (int k = 0; k < size[b]; k++) v[k] = 2.0 * (first[b] + k) + s;
      CHECK(ex_put_var(exoid, s, EX_ELEM_BLOCK, 1, ids[b], size[b], v));
      if (b == 1) continue;
      for (int k = 0; k < size[b]; k++) v[k] = (b == 2 && s == 1) ? NAN : 0.5 * s - (first[b] + k);
      CHECK(ex_put_var(exoid, s, EX_ELEM_BLOCK, 2, ids[b], size[b], v));
    }
  }
  CHECK(ex_close(exoid));
  return 0;
}
