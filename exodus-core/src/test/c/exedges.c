/* exedges: a decomposed set with edge and face blocks written by the C library, and the serial file
 * of the same mesh, to test that a join carries edge and face blocks as SEACAS epu does.
 *
 * The mesh is a strip of NX QUAD4 elements (element id c + 1 for column c = 0..NX-1) over the nodes
 * of columns 0..NX, two rows each (node id 2 col + row + 1, at x = col, y = row). Edge block 20
 * (BAR2, attribute "len" = 1 + 0.01 id) holds the bottom edge of every column (id c + 1, nodes
 * (c, 0) (c + 1, 0)) and the top edge (id NX + c + 1, nodes (c, 1) (c + 1, 1)); face block 30
 * (QUAD4) holds one face per column (id c + 1, the element's nodes). Per step s (time 0.5 s):
 *   global "g" = s; nodal "w" = 0.25 id + s; element "stress" = 10 id + s;
 *   edge "ev" = 5 id + s; face "fv" = 7 id + s.
 * The pieces OUTBASE.P.r (rank r holds columns [r NX / P, (r + 1) NX / P), Nemesis metadata and
 * global id maps for nodes, elements, edges and faces) list each column's bottom and top edge one
 * after the other; the serial file SERIAL lists the edges by id (ids 1..N everywhere, no maps).
 * With "nomaps", the pieces store no edge and face id maps; with "dupedge", rank 1's last edge has
 * the id of rank 0's first (P >= 2).
 * usage: exedges OUTBASE SERIAL NX P STEPS [cdf2|nc4] [nomaps]
 * Build: gcc -O2 -o exedges exedges.c -lexoIIv2c -lnetcdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

/* writes columns [k0, k1) of the strip; serial: no Nemesis data and edges in id order */
static int nomaps = 0, dupedge = 0;

static void piece(const char *out, int mode, int NX, int P, int r, int k0, int k1, int steps, int serial) {
  int nn = 2 * (k1 - k0 + 1), ne = k1 - k0, ned = 2 * ne, nf = ne;
  int cpu = 8, io = 8;
  int exoid = ex_create(out, mode, &cpu, &io);
  if (exoid < 0) { fprintf(stderr, "ex_create %s failed\n", out); exit(1); }
  ex_init_params par = {0};
  strcpy(par.title, "exedges strip");
  par.num_dim = 2; par.num_nodes = nn; par.num_elem = ne; par.num_elem_blk = 1;
  par.num_edge = ned; par.num_edge_blk = 1; par.num_face = nf; par.num_face_blk = 1;
  CHECK(ex_put_init_ext(exoid, &par));
  if (!serial) {
    CHECK(ex_put_init_info(exoid, P, 1, "p"));
    CHECK(ex_put_init_global(exoid, 2 * (NX + 1), NX, 1, 0, 0));
    int ebid = 10, ebcnt = NX;
    CHECK(ex_put_eb_info_global(exoid, &ebid, &ebcnt));
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
  }
  double *x = malloc(nn * sizeof(double)), *y = malloc(nn * sizeof(double));
  int *nmap = malloc(nn * sizeof(int));
  for (int n = 0; n < nn; n++) {
    int col = k0 + n / 2, row = n % 2;
    x[n] = col; y[n] = row; nmap[n] = 2 * col + row + 1;
  }
  CHECK(ex_put_coord(exoid, x, y, NULL));
  char *cn[2] = {"x", "y"};
  CHECK(ex_put_coord_names(exoid, cn));
  if (!serial) CHECK(ex_put_id_map(exoid, EX_NODE_MAP, nmap));
  CHECK(ex_put_block(exoid, EX_EDGE_BLOCK, 20, "BAR2", ned, 2, 0, 0, 1));
  CHECK(ex_put_block(exoid, EX_FACE_BLOCK, 30, "QUAD4", nf, 4, 0, 0, 0));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "QUAD4", ne, 4, 0, 0, 0));
  int *conn = malloc(ne * 4 * sizeof(int)), *emap = malloc(ne * sizeof(int));
  for (int q = 0; q < ne; q++) {
    int c = k0 + q, l = 2 * q + 1; /* local node of (c, row 0) */
    conn[4 * q] = l; conn[4 * q + 1] = l + 2; conn[4 * q + 2] = l + 3; conn[4 * q + 3] = l + 1;
    emap[q] = c + 1;
  }
  CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, conn, NULL, NULL));
  CHECK(ex_put_conn(exoid, EX_FACE_BLOCK, 30, conn, NULL, NULL));
  if (!serial) {
    CHECK(ex_put_id_map(exoid, EX_ELEM_MAP, emap));
    if (!nomaps) CHECK(ex_put_id_map(exoid, EX_FACE_MAP, emap));
  }
  /* edges: pieces list bottom, top per column; the serial file all bottoms, then all tops */
  int *econn = malloc(ned * 2 * sizeof(int)), *edmap = malloc(ned * sizeof(int));
  double *len = malloc(ned * sizeof(double));
  for (int q = 0; q < ne; q++) {
    for (int top = 0; top < 2; top++) {
      int k = serial ? top * ne + q : 2 * q + top, l = 2 * q + 1 + top;
      econn[2 * k] = l; econn[2 * k + 1] = l + 2;
      edmap[k] = top * NX + k0 + q + 1;
      len[k] = 1.0 + 0.01 * edmap[k];
    }
  }
  CHECK(ex_put_conn(exoid, EX_EDGE_BLOCK, 20, econn, NULL, NULL));
  CHECK(ex_put_attr(exoid, EX_EDGE_BLOCK, 20, len));
  char *an[1] = {"len"};
  CHECK(ex_put_attr_names(exoid, EX_EDGE_BLOCK, 20, an));
  if (!serial && r == 1 && dupedge) edmap[ned - 1] = 1;
  if (!serial && !nomaps) CHECK(ex_put_id_map(exoid, EX_EDGE_MAP, edmap));
  CHECK(ex_put_variable_param(exoid, EX_GLOBAL, 1));
  CHECK(ex_put_variable_param(exoid, EX_NODAL, 1));
  CHECK(ex_put_variable_param(exoid, EX_ELEM_BLOCK, 1));
  CHECK(ex_put_variable_param(exoid, EX_EDGE_BLOCK, 1));
  CHECK(ex_put_variable_param(exoid, EX_FACE_BLOCK, 1));
  char *gn[1] = {"g"}, *nv[1] = {"w"}, *ev[1] = {"stress"}, *dv[1] = {"ev"}, *fv[1] = {"fv"};
  CHECK(ex_put_variable_names(exoid, EX_GLOBAL, 1, gn));
  CHECK(ex_put_variable_names(exoid, EX_NODAL, 1, nv));
  CHECK(ex_put_variable_names(exoid, EX_ELEM_BLOCK, 1, ev));
  CHECK(ex_put_variable_names(exoid, EX_EDGE_BLOCK, 1, dv));
  CHECK(ex_put_variable_names(exoid, EX_FACE_BLOCK, 1, fv));
  double *w = malloc(nn * sizeof(double)), *s = malloc(ne * sizeof(double));
  double *ed = malloc(ned * sizeof(double)), *fa = malloc(nf * sizeof(double));
  for (int st = 1; st <= steps; st++) {
    double t = 0.5 * st, g = st;
    CHECK(ex_put_time(exoid, st, &t));
    CHECK(ex_put_var(exoid, st, EX_GLOBAL, 1, 0, 1, &g));
    for (int n = 0; n < nn; n++) w[n] = 0.25 * nmap[n] + st;
    CHECK(ex_put_var(exoid, st, EX_NODAL, 1, 0, nn, w));
    for (int q = 0; q < ne; q++) { s[q] = 10.0 * emap[q] + st; fa[q] = 7.0 * emap[q] + st; }
    CHECK(ex_put_var(exoid, st, EX_ELEM_BLOCK, 1, 10, ne, s));
    CHECK(ex_put_var(exoid, st, EX_FACE_BLOCK, 1, 30, nf, fa));
    for (int k = 0; k < ned; k++) ed[k] = 5.0 * edmap[k] + st;
    CHECK(ex_put_var(exoid, st, EX_EDGE_BLOCK, 1, 20, ned, ed));
  }
  CHECK(ex_close(exoid));
  free(x); free(y); free(nmap); free(conn); free(emap); free(econn); free(edmap); free(len);
  free(w); free(s); free(ed); free(fa);
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: exedges OUTBASE SERIAL NX P STEPS [cdf2|nc4]\n"); return 2; }
  const char *base = argv[1], *serial = argv[2];
  int NX = atoi(argv[3]), P = atoi(argv[4]), steps = atoi(argv[5]);
  const char *fmt = argc > 6 ? argv[6] : "cdf2";
  nomaps = argc > 7 && !strcmp(argv[7], "nomaps");
  dupedge = argc > 7 && !strcmp(argv[7], "dupedge");
  if (P < 1 || P > NX) { fprintf(stderr, "P must be 1..NX\n"); return 2; }
  int mode = EX_CLOBBER | (!strcmp(fmt, "nc4") ? EX_NETCDF4 : EX_LARGE_MODEL);
  for (int r = 0; r < P; r++) {
    char out[4096];
    snprintf(out, sizeof out, "%s.%d.%d", base, P, r);
    piece(out, mode, NX, P, r, r * NX / P, (r + 1) * NX / P, steps, 0);
  }
  piece(serial, mode, NX, 1, 0, 0, NX, steps, 1);
  printf("wrote %s.%d.0 .. %d and %s\n", base, P, P - 1, serial);
  return 0;
}
