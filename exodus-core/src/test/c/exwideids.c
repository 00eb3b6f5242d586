/* exwideids: a decomposed set of 2 pieces OUTBASE.2.r with 64-bit ids (CDF-5, int64 storage and
 * API), written by the C library, for the join's id maps past 2^31 - 1.
 *
 * The mesh is a chain of 4 BAR2 elements over 5 nodes at x = id / 1e6 (a node's coordinate tells
 * its id). Rank 0 holds elements 10, 20 over nodes 1, 2, 3 (all ids fit 32 bits); rank 1 holds
 * elements 2^31 - 1, 2^32 + 7 over nodes 3, 2^31, 3e9 (node 3 shared).
 * usage: exwideids OUTBASE
 * Build: against Exodus 9.06 (Exodus9.compile). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <exodusII.h>

#define CHECK(x) do { int e_ = (x); if (e_ < 0) { fprintf(stderr, "%s failed: %d\n", #x, e_); exit(1); } } while (0)

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: exwideids OUTBASE\n"); return 2; }
  int64_t nodes[2][3] = {{1, 2, 3}, {3, 2147483648LL, 3000000000LL}};
  int64_t elems[2][2] = {{10, 20}, {2147483647LL, 4294967303LL}};
  for (int r = 0; r < 2; r++) {
    char out[4096];
    snprintf(out, sizeof out, "%s.2.%d", argv[1], r);
    int cpu = 8, io = 8;
    int exoid = ex_create(out, EX_CLOBBER | EX_64BIT_DATA | EX_ALL_INT64_DB | EX_ALL_INT64_API,
                          &cpu, &io);
    if (exoid < 0) { fprintf(stderr, "ex_create %s failed\n", out); return 1; }
    CHECK(ex_put_init(exoid, "wide ids", 1, 3, 2, 1, 0, 0));
    CHECK(ex_put_init_info(exoid, 2, 1, "p"));
    CHECK(ex_put_init_global(exoid, 5, 4, 1, 0, 0));
    int64_t ebid = 5, ebcnt = 4;
    CHECK(ex_put_eb_info_global(exoid, &ebid, &ebcnt));
    int64_t nint = 2, nbor = 1;
    CHECK(ex_put_loadbal_param(exoid, nint, nbor, 0, 2, 0, 0, 0, r));
    int64_t nmi[2], nmb[1], emi[2] = {1, 2};
    if (r == 0) { nmi[0] = 1; nmi[1] = 2; nmb[0] = 3; } else { nmb[0] = 1; nmi[0] = 2; nmi[1] = 3; }
    CHECK(ex_put_processor_node_maps(exoid, nmi, nmb, NULL, r));
    CHECK(ex_put_processor_elem_maps(exoid, emi, NULL, r));
    double x[3];
    for (int n = 0; n < 3; n++) x[n] = nodes[r][n] / 1e6;
    CHECK(ex_put_coord(exoid, x, NULL, NULL));
    CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 5, "BAR2", 2, 2, 0, 0, 0));
    int64_t conn[4] = {1, 2, 2, 3};
    CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 5, conn, NULL, NULL));
    CHECK(ex_put_id_map(exoid, EX_NODE_MAP, nodes[r]));
    CHECK(ex_put_id_map(exoid, EX_ELEM_MAP, elems[r]));
    CHECK(ex_close(exoid));
  }
  return 0;
}
