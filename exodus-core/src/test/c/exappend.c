/* The C twin of org.exodusj.bench.Nc4PlaceSpeed append: appends one step of every nodal variable
 * (all nodes at once, ex_put_var) to an existing file through libexodusII, with the same values
 * (variable v, node i: v * 1e6 + i * 0.5) and the time 1e6. Times open + append + close.
 *
 *   exappend FILE   prints "append FILE cpu=<process CPU seconds> s=<seconds>"
 *
 * The file is changed: run it on a fresh copy each time.
 * Also the oracle of Netcdf4PlaceInteropTest.
 * Build: gcc -O2 -o exappend exappend.c -lexoIIv2c -lnetcdf
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cputime(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: exappend FILE\n"); return 2; }
  double t0 = now();
  double c0 = cputime();
  int cpu = 8, io = 8;
  float ver;
  int id = ex_open(argv[1], EX_WRITE, &cpu, &io, &ver);
  if (id < 0) { fprintf(stderr, "ex_open %s failed\n", argv[1]); return 1; }
  ex_init_params p;
  if (ex_get_init_ext(id, &p) < 0) return 1;
  int nvars = 0;
  if (ex_get_variable_param(id, EX_NODAL, &nvars) < 0) return 1;
  int step = ex_inquire_int(id, EX_INQ_TIME) + 1;
  double t = 1.0e6;
  if (ex_put_time(id, step, &t) < 0) return 1;
  long nn = p.num_nodes;
  double *v = malloc(nn * sizeof(double));
  for (int var = 1; var <= nvars; var++) {
    for (long i = 0; i < nn; i++) v[i] = (var - 1) * 1.0e6 + i * 0.5;
    if (ex_put_var(id, step, EX_NODAL, var, 1, nn, v) < 0) return 1;
  }
  free(v);
  if (ex_close(id) < 0) return 1;
  double c1 = cputime();
  printf("append %s cpu=%.4f s=%.4f\n", argv[1], c1 - c0, now() - t0);
  return 0;
}
