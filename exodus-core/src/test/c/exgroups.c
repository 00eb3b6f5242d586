/*
 * exgroups OUT [DIR]: a NetCDF-4 Exodus file whose meshes live in child groups, written with
 * Exodus 9.06's ex_create_group as SEACAS's own group tests do. The root holds no mesh; the groups
 * "left" and "right" each hold a 2-D mesh of QUAD4 elements with one nodal variable over 2 + g
 * steps, and "right" holds a nested group "detail" with a larger mesh. With DIR, each mesh is
 * also written alone into DIR/left.exo, DIR/right.exo, DIR/detail.exo (NetCDF-4, root).
 *
 * Mesh g (0 left, 1 right, 2 detail): nx = 2 + g elements along x, 1 along y; node n (0-based) at
 * x = n % (nx + 1) + 10 g, y = n / (nx + 1); title "meshes in groups" (the C library keeps the
 * title at the root, so every group shares it); block id 100 + g named "block_G";
 * nodal variable "temp_G" at step s (1-based) = 1000 g + 10 s + n; times 0.5 s + g.
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>

static const char *NAMES[] = {"left", "right", "detail"};

static int mesh(int gid, int g) {
  int nx = 2 + g, nn = 2 * (nx + 1), ne = nx;
  const char *title = "meshes in groups";
  char bname[32], vname[32];
  snprintf(bname, sizeof bname, "block_%s", NAMES[g]);
  snprintf(vname, sizeof vname, "temp_%s", NAMES[g]);
  if (ex_put_init(gid, title, 2, nn, ne, 1, 0, 0) != 0) return 1;
  double *x = calloc(nn, sizeof(double)), *y = calloc(nn, sizeof(double));
  for (int n = 0; n < nn; n++) {
    x[n] = n % (nx + 1) + 10 * g;
    y[n] = n / (nx + 1);
  }
  if (ex_put_coord(gid, x, y, NULL) != 0) return 1;
  const char *cn[] = {"x", "y"};
  if (ex_put_coord_names(gid, (char **)cn) != 0) return 1;
  if (ex_put_block(gid, EX_ELEM_BLOCK, 100 + g, "QUAD4", ne, 4, 0, 0, 0) != 0) return 1;
  int *conn = calloc(4 * ne, sizeof(int));
  for (int e = 0; e < ne; e++) {
    conn[4 * e] = e + 1;
    conn[4 * e + 1] = e + 2;
    conn[4 * e + 2] = e + 2 + nx + 1;
    conn[4 * e + 3] = e + 1 + nx + 1;
  }
  if (ex_put_conn(gid, EX_ELEM_BLOCK, 100 + g, conn, NULL, NULL) != 0) return 1;
  if (ex_put_name(gid, EX_ELEM_BLOCK, 100 + g, bname) != 0) return 1;
  if (ex_put_variable_param(gid, EX_NODAL, 1) != 0) return 1;
  const char *vn[] = {vname};
  if (ex_put_variable_names(gid, EX_NODAL, 1, (char **)vn) != 0) return 1;
  for (int s = 1; s <= 2 + g; s++) {
    double t = 0.5 * s + g;
    if (ex_put_time(gid, s, &t) != 0) return 1;
    for (int n = 0; n < nn; n++) x[n] = 1000 * g + 10 * s + n;
    if (ex_put_var(gid, s, EX_NODAL, 1, 1, nn, x) != 0) return 1;
  }
  free(x);
  free(y);
  free(conn);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: exgroups OUT [DIR]\n");
    return 2;
  }
  int cpu = 8, io = 8;
  ex_opts(EX_VERBOSE | EX_ABORT);
  int exoid = ex_create(argv[1], EX_CLOBBER | EX_NETCDF4 | EX_NOCLASSIC, &cpu, &io);
  if (exoid < 0) return 1;
  int left = ex_create_group(exoid, NAMES[0]);
  int right = ex_create_group(exoid, NAMES[1]);
  if (left < 0 || right < 0) return 1;
  int detail = ex_create_group(right, NAMES[2]);
  if (detail < 0) return 1;
  if (mesh(left, 0) || mesh(right, 1) || mesh(detail, 2)) return 1;
  if (ex_close(exoid) != 0) return 1;
  for (int g = 0; argc == 3 && g < 3; g++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.exo", argv[2], NAMES[g]);
    int id = ex_create(path, EX_CLOBBER | EX_NETCDF4 | EX_NOCLASSIC, &cpu, &io);
    if (id < 0 || mesh(id, g) || ex_close(id) != 0) return 1;
  }
  return 0;
}
