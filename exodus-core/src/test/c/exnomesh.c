/*
 * A file whose mesh is left unwritten, as a program that forgets ex_put_coord leaves it:
 * 4 nodes in 2-D, one QUAD4 element block (id 10) with one element.
 *
 *   exnomesh FILE FORMAT WHAT [LEVEL]
 *     FORMAT  2: 64-bit offset (CDF-2), 4: NetCDF-4
 *     WHAT    letters of what is written: x coordinates, c connectivity ("-" for nothing)
 *     LEVEL   NetCDF-4 only: deflate level with the shuffle filter (ex_set_option)
 *
 * Builds against libexodusII 6.02 and SEACAS 9.06 alike (ex_put_block, ex_put_conn).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exodusII.h"

int main(int argc, char **argv) {
  if (argc != 4 && argc != 5) {
    fprintf(stderr, "usage: exnomesh FILE FORMAT WHAT [LEVEL]\n");
    return 2;
  }
  int cpu = 8, io = 8;
  int mode = EX_CLOBBER | (argv[2][0] == '4' ? EX_NETCDF4 : EX_LARGE_MODEL);
  int exoid = ex_create(argv[1], mode, &cpu, &io);
  if (exoid < 0) return 1;
  if (argc == 5) {
    if (ex_set_option(exoid, EX_OPT_COMPRESSION_LEVEL, atoi(argv[4])) < 0) return 8;
    if (ex_set_option(exoid, EX_OPT_COMPRESSION_SHUFFLE, 1) < 0) return 9;
  }
  if (ex_put_init(exoid, "unwritten mesh", 2, 4, 1, 1, 0, 0) < 0) return 3;
  if (ex_put_block(exoid, EX_ELEM_BLOCK, 10, "QUAD4", 1, 4, 0, 0, 0) < 0) return 4;
  if (strchr(argv[3], 'x')) {
    double x[4] = {0, 1, 1, 0}, y[4] = {0, 0, 1, 1};
    if (ex_put_coord(exoid, x, y, NULL) < 0) return 5;
  }
  if (strchr(argv[3], 'c')) {
    int conn[4] = {1, 2, 3, 4};
    if (ex_put_conn(exoid, EX_ELEM_BLOCK, 10, conn, NULL, NULL) < 0) return 6;
  }
  if (ex_close(exoid) < 0) return 7;
  return 0;
}
