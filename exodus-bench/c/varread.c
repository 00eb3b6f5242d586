/* Reads whole NetCDF-4 variables with netCDF-C (and HDF5 with its filter plugins, found through
 * HDF5_PLUGIN_PATH), each with its chunk cache turned off so that every pass decodes every chunk:
 * nc_get_var_double of each variable named, REPS timed passes after REPS untimed ones. Prints the
 * best and the median wall time of a pass, the process CPU time of the same passes, the bytes read
 * and a checksum of the values of the last pass (the bits of their sum, in hex) (FilterReadSpeed prints the same for the Java library).
 * usage: varread FILE REPS VAR...
 * build: gcc -O2 varread.c -lnetcdf -o varread */
#include <netcdf.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_of(clockid_t id) {
  struct timespec t; clock_gettime(id, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

#define CHECK(call) do { int e_ = (call); if (e_) { fprintf(stderr, "%s: %s\n", #call, nc_strerror(e_)); return 1; } } while (0)

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: varread FILE REPS VAR...\n"); return 2; }
  int reps = atoi(argv[2]), nvars = argc - 3, ncid;
  CHECK(nc_open(argv[1], NC_NOWRITE, &ncid));
  int *ids = malloc(nvars * sizeof *ids);
  size_t *lens = malloc(nvars * sizeof *lens), bytes = 0;
  for (int v = 0; v < nvars; v++) {
    int nd, dims[NC_MAX_VAR_DIMS];
    CHECK(nc_inq_varid(ncid, argv[3 + v], &ids[v]));
    CHECK(nc_set_var_chunk_cache(ncid, ids[v], 0, 0, 0.0f));
    CHECK(nc_inq_varndims(ncid, ids[v], &nd));
    CHECK(nc_inq_vardimid(ncid, ids[v], dims));
    lens[v] = 1;
    for (int d = 0; d < nd; d++) { size_t n; CHECK(nc_inq_dimlen(ncid, dims[d], &n)); lens[v] *= n; }
    bytes += lens[v] * 8;
  }
  double **bufs = malloc(nvars * sizeof *bufs), sum = 0;
  for (int v = 0; v < nvars; v++) bufs[v] = malloc(lens[v] * sizeof **bufs);
  double *wall = malloc(reps * sizeof *wall), *cpu = malloc(reps * sizeof *cpu);
  for (int r = 1 - reps; r <= reps; r++) { /* REPS passes warm up (as the Java twin's) */
    double w0 = clock_of(CLOCK_MONOTONIC), c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    for (int v = 0; v < nvars; v++) CHECK(nc_get_var_double(ncid, ids[v], bufs[v]));
    if (r > 0) { wall[r - 1] = clock_of(CLOCK_MONOTONIC) - w0; cpu[r - 1] = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0; }
  }
  for (int v = 0; v < nvars; v++) for (size_t i = 0; i < lens[v]; i++) sum += bufs[v][i];
  qsort(wall, reps, sizeof *wall, cmp);
  qsort(cpu, reps, sizeof *cpu, cmp);
  uint64_t bits;
  memcpy(&bits, &sum, sizeof bits);
  printf("best=%.6f median=%.6f cpubest=%.6f cpumedian=%.6f bytes=%zu sum=%016llx\n", wall[0],
         wall[reps / 2], cpu[0], cpu[reps / 2], bytes, (unsigned long long)bits);
  nc_close(ncid);
  return 0;
}
