/* Writes an Exodus file with SZIP compression through the 9.06 library (EX_COMPRESS_SZIP, which
 * netCDF-C stores with HDF5's szip filter on libaec): a row of NELEM HEX8 elements, coordinates,
 * connectivity, one nodal and one element variable over 3 steps.
 * usage: exszip OUT.exo PIXELS_PER_BLOCK [int64] */
#include <exodusII.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM 300
#define CHECK(x) do { if ((x) < 0) { fprintf(stderr, "failed: %s\n", #x); return 1; } } while (0)

int main(int argc, char **argv) {
  int cpu = 8, io = 8;
  int mode = EX_CLOBBER | EX_NETCDF4;
  if (argc > 3) mode |= EX_ALL_INT64_DB | EX_ALL_INT64_API;
  int exoid = ex_create(argv[1], mode, &cpu, &io);
  CHECK(exoid);
  CHECK(ex_set_option(exoid, EX_OPT_COMPRESSION_TYPE, EX_COMPRESS_SZIP));
  CHECK(ex_set_option(exoid, EX_OPT_COMPRESSION_LEVEL, atoi(argv[2])));
  int nnode = 4 * (NELEM + 1);
  CHECK(ex_put_init(exoid, "szip", 3, nnode, NELEM, 1, 0, 0));
  double *x = malloc(sizeof(double) * nnode), *y = malloc(sizeof(double) * nnode),
         *z = malloc(sizeof(double) * nnode);
  for (int i = 0; i <= NELEM; i++)
    for (int k = 0; k < 4; k++) {
      x[4 * i + k] = i * 0.25;
      y[4 * i + k] = (k & 1) ? 1.0 + 0.001 * i : 0.0;
      z[4 * i + k] = (k & 2) ? 1.0 : sin(i * 0.1);
    }
  CHECK(ex_put_coord(exoid, x, y, z));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "HEX8", NELEM, 8, 0, 0, 0));
  if (argc > 3) {
    int64_t *c = malloc(sizeof(int64_t) * 8 * NELEM);
    for (int e = 0; e < NELEM; e++)
      for (int k = 0; k < 4; k++) {
        c[8 * e + k] = 4 * e + k + 1;
        c[8 * e + 4 + k] = 4 * (e + 1) + k + 1;
      }
    CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, c, NULL, NULL));
  } else {
    int *c = malloc(sizeof(int) * 8 * NELEM);
    for (int e = 0; e < NELEM; e++)
      for (int k = 0; k < 4; k++) {
        c[8 * e + k] = 4 * e + k + 1;
        c[8 * e + 4 + k] = 4 * (e + 1) + k + 1;
      }
    CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, c, NULL, NULL));
  }
  CHECK(ex_put_variable_param(exoid, EX_NODAL, 1));
  CHECK(ex_put_variable_param(exoid, EX_ELEM_BLOCK, 1));
  double *v = malloc(sizeof(double) * nnode);
  for (int s = 1; s <= 3; s++) {
    double t = s * 0.5;
    CHECK(ex_put_time(exoid, s, &t));
    for (int i = 0; i < nnode; i++) v[i] = (i % 7 == 0) ? 0.0 : cos(i * 0.01 * s) * 1e3;
    CHECK(ex_put_var(exoid, s, EX_NODAL, 1, 1, nnode, v));
    CHECK(ex_put_var(exoid, s, EX_ELEM_BLOCK, 1, 10, NELEM, v));
  }
  CHECK(ex_close(exoid));
  return 0;
}
