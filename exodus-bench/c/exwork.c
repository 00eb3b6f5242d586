/* The C twins of org.exodusj.bench.WorkloadSpeed: real-user workloads on libexodusII, each timed
 * as the best of REPS, each repetition opening the file afresh (so chunk caches start cold).
 *
 *   exwork history FILE REPS  every nodal and element variable's history of one entry
 *                             (ex_get_var_time, node nn/2+1 and element ne/2+1, all steps)
 *   exwork window FILE REPS   20 windows of 1000 nodes of nodal variable 1 at the last step, starts
 *                             from a fixed LCG (ex_get_partial_var)
 *   exwork open FILE REPS     ex_open + ex_get_init_ext + ex_close, mean of 200 per repetition
 *                             (wall time, and the process's CPU time: best of REPS each)
 *   exwork openmany FILE REPS the same, mean of 10 per repetition (for files with thousands of
 *                             blocks and sets, whose open takes milliseconds)
 *
 * Prints "<op> ... best=<seconds> s sum=<checksum>" lines like exread.c.
 * Build: gcc -O2 -o exwork exwork.c -lexoIIv2c -lnetcdf
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU time of the process (user + system), seconds */
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int openf(const char *f) {
  int cpu = 8, io = 0;
  float v;
  int id = ex_open(f, EX_READ, &cpu, &io, &v);
  if (id < 0) { fprintf(stderr, "ex_open %s failed\n", f); exit(1); }
  return id;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: exwork history|window|open FILE REPS\n"); return 2; }
  const char *op = argv[1], *f = argv[2];
  int reps = atoi(argv[3]);
  double best = 1e9, sum = 0;
  if (!strcmp(op, "history")) {
    long chunks = 0;
    for (int r = 0; r < reps; r++) {
      double t0 = now();
      int id = openf(f);
      ex_init_params p;
      ex_get_init_ext(id, &p);
      int steps = ex_inquire_int(id, EX_INQ_TIME);
      int nv = 0, ev = 0;
      ex_get_variable_param(id, EX_NODAL, &nv);
      ex_get_variable_param(id, EX_ELEM_BLOCK, &ev);
      double *buf = malloc(sizeof(double) * steps);
      sum = 0;
      for (int v = 1; v <= nv; v++) {
        if (ex_get_var_time(id, EX_NODAL, v, p.num_nodes / 2 + 1, 1, steps, buf)) return 1;
        for (int s = 0; s < steps; s++) sum += buf[s];
      }
      for (int v = 1; v <= ev; v++) {
        if (ex_get_var_time(id, EX_ELEM_BLOCK, v, p.num_elem / 2 + 1, 1, steps, buf)) return 1;
        for (int s = 0; s < steps; s++) sum += buf[s];
      }
      free(buf);
      ex_close(id);
      double t = now() - t0;
      if (t < best) best = t;
      chunks = (long)(nv + ev) * steps;
    }
    printf("history values=%ld best=%.6f s sum=%.17g\n", chunks, best, sum);
  } else if (!strcmp(op, "window")) {
    for (int r = 0; r < reps; r++) {
      double t0 = now();
      int id = openf(f);
      ex_init_params p;
      ex_get_init_ext(id, &p);
      int steps = ex_inquire_int(id, EX_INQ_TIME);
      double *buf = malloc(sizeof(double) * 1000);
      unsigned long long lcg = 12345;
      sum = 0;
      for (int w = 0; w < 20; w++) {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        long start = (long)((lcg >> 33) % (unsigned long long)(p.num_nodes - 1000));
        if (ex_get_partial_var(id, steps, EX_NODAL, 1, 1, start + 1, 1000, buf)) return 1;
        for (int i = 0; i < 1000; i++) sum += buf[i];
      }
      free(buf);
      ex_close(id);
      double t = now() - t0;
      if (t < best) best = t;
    }
    printf("window windows=20 best=%.6f s sum=%.17g\n", best, sum);
  } else if (!strcmp(op, "open") || !strcmp(op, "openmany")) {
    int inner = strcmp(op, "open") ? 10 : 200;
    double bestCpu = 1e9;
    for (int r = 0; r < reps; r++) {
      double t0 = now(), c0 = cpu();
      sum = 0;
      for (int i = 0; i < inner; i++) {
        int id = openf(f);
        ex_init_params p;
        ex_get_init_ext(id, &p);
        sum += p.num_nodes + p.num_elem + p.num_elem_blk + p.num_node_sets + p.num_side_sets;
        ex_close(id);
      }
      double t = (now() - t0) / inner, c = (cpu() - c0) / inner;
      if (t < best) best = t;
      if (c < bestCpu) bestCpu = c;
    }
    printf("%s mean_of=%d best=%.6f s cpu=%.6f s sum=%.17g\n", op, inner, best, bestCpu,
           sum / inner);
  } else {
    fprintf(stderr, "unknown op %s\n", op);
    return 2;
  }
  return 0;
}
