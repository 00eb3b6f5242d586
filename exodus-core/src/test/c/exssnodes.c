/* Prints ex_get_side_set_node_list for every side set of an Exodus file, as the C library
 * computes it: one line per side set, "side_set<TAB>id<TAB>counts<TAB>c1 c2 ...", then
 * "side_set_nodes<TAB>id<TAB>n1 n2 ...". A side set the C library cannot translate prints
 * "side_set_error<TAB>id<TAB>status". Build: gcc -O2 -o exssnodes exssnodes.c -lexoIIv2c -lnetcdf */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "exodusII.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: exssnodes FILE\n");
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
  int64_t n = ex_inquire_int(exoid, EX_INQ_SIDE_SETS);
  if (n <= 0) {
    ex_close(exoid);
    return 0;
  }
  int64_t *ids = calloc(n, sizeof(int64_t));
  ex_get_ids(exoid, EX_SIDE_SET, ids);
  for (int64_t s = 0; s < n; s++) {
    int64_t sides = 0, df = 0;
    ex_get_set_param(exoid, EX_SIDE_SET, ids[s], &sides, &df);
    int64_t len = 0;
    int st = ex_get_side_set_node_list_len(exoid, ids[s], &len);
    if (st < 0 || len < 0) {
      printf("side_set_error\t%lld\tlen %d\n", (long long)ids[s], st);
      fflush(stdout);
      continue;
    }
    int64_t *cnt = calloc(sides + 1, sizeof(int64_t));
    int64_t *nodes = calloc(len + 1, sizeof(int64_t));
    st = ex_get_side_set_node_list(exoid, ids[s], cnt, nodes);
    if (st < 0) {
      printf("side_set_error\t%lld\t%d\n", (long long)ids[s], st);
    } else {
      int64_t total = 0;
      printf("side_set\t%lld\t", (long long)ids[s]);
      for (int64_t i = 0; i < sides; i++) {
        printf(i ? " %lld" : "%lld", (long long)cnt[i]);
        total += cnt[i];
      }
      printf("\nside_set_nodes\t%lld\t", (long long)ids[s]);
      for (int64_t i = 0; i < total && i < len; i++) printf(i ? " %lld" : "%lld", (long long)nodes[i]);
      printf("\n");
    }
    fflush(stdout); /* a later side set may crash the C library: keep what was printed */
    free(cnt);
    free(nodes);
  }
  free(ids);
  ex_close(exoid);
  return 0;
}
