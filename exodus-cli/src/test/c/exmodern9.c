/*
 * Writes, with the Exodus 9.06 C library, a small file with the content that came after 6.02:
 * a QUAD4 block with element variables, block and node-set reduction variables, a node set
 * with distribution factors, an assembly, a blob with blob variables and reduction variables,
 * entity attributes (integer, double, text) on the file, the nodes, a block, a node set, an
 * assembly and a blob, a set property, field metadata (VECTOR_2D velocity on the block), a
 * quadrature rule, a basis and two coordinate frames. Three time steps.
 *
 * usage: exmodern9 OUT [nc4]
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(x)                                                                                   \
  do {                                                                                             \
    if ((x) < 0) {                                                                                 \
      fprintf(stderr, "%s failed at line %d\n", #x, __LINE__);                                    \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: exmodern9 OUT [nc4]\n");
    return 2;
  }
  int mode = EX_CLOBBER;
  if (argc > 2 && strcmp(argv[2], "nc4") == 0) {
    mode |= EX_NETCDF4;
  }
  int cpu = 8, io = 8;
  int exoid = ex_create(argv[1], mode, &cpu, &io);
  CHECK(exoid);

  /* 3 x 2 nodes, 2 QUAD4 elements */
  CHECK(ex_put_init(exoid, "modern content", 2, 6, 2, 1, 1, 0));
  double x[] = {0, 1, 2, 0, 1, 2};
  double y[] = {0, 0, 0, 1, 1, 1};
  CHECK(ex_put_coord(exoid, x, y, NULL));
  CHECK(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "QUAD4", 2, 4, 0, 0, 0));
  int conn[] = {1, 2, 5, 4, 2, 3, 6, 5};
  CHECK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, conn, NULL, NULL));
  CHECK(ex_put_name(exoid, EX_ELEM_BLOCK, 10, "plate"));

  CHECK(ex_put_set_param(exoid, EX_NODE_SET, 20, 3, 3));
  int ns[] = {1, 2, 3};
  double df[] = {0.5, 1.0, 0.5};
  CHECK(ex_put_set(exoid, EX_NODE_SET, 20, ns, NULL));
  CHECK(ex_put_set_dist_fact(exoid, EX_NODE_SET, 20, df));
  CHECK(ex_put_name(exoid, EX_NODE_SET, 20, "bottom"));
  char *pn[] = {"COLOR"};
  CHECK(ex_put_prop_names(exoid, EX_NODE_SET, 1, pn));
  CHECK(ex_put_prop(exoid, EX_NODE_SET, 20, "COLOR", 3));

  ex_entity_id members[] = {10};
  ex_assembly assembly = {30, "everything", EX_ELEM_BLOCK, 1, members};
  CHECK(ex_put_assembly(exoid, assembly));

  ex_blob blob = {40, "history", 5};
  CHECK(ex_put_blob(exoid, blob));

  /* entity attributes */
  int ival[] = {7, 8};
  double dval[] = {1.25, 2.5, 3.75};
  CHECK(ex_put_integer_attribute(exoid, EX_ELEM_BLOCK, 10, "Layers", 2, ival));
  CHECK(ex_put_double_attribute(exoid, EX_NODE_SET, 20, "Offset", 3, dval));
  CHECK(ex_put_text_attribute(exoid, EX_ASSEMBLY, 30, "Units", "SI"));
  CHECK(ex_put_double_attribute(exoid, EX_BLOB, 40, "Scale", 1, dval));

  /* field metadata: velocity_x, velocity_y on the block */
  ex_field field = {.entity_type = EX_ELEM_BLOCK,
                    .entity_id = 10,
                    .name = "velocity",
                    .nesting = 1,
                    .type = {EX_VECTOR_2D},
                    .component_separator = {'_'}};
  CHECK(ex_put_field_metadata(exoid, field));

  /* attributes of the file and of the nodes; a quadrature rule and a basis */
  CHECK(ex_put_text_attribute(exoid, EX_GLOBAL, 0, "SOLID_MODEL", "rev 7"));
  double scale = 2.0;
  CHECK(ex_put_double_attribute(exoid, EX_NODAL, 0, "Scale", 1, &scale));
  double qxi[] = {-0.5, 0.5}, qeta[] = {0.25, -0.25}, qw[] = {1.0, 1.0};
  ex_quadrature quad = {
      .name = "gauss2", .cardinality = 2, .dimension = 2, .xi = qxi, .eta = qeta, .weight = qw};
  CHECK(ex_put_quadrature(exoid, quad));
  int sd[] = {0, 0, 1}, so[] = {0, 1, 0}, sdo[] = {0, 0, 0}, snd[] = {1, 1, 1};
  double bxi[] = {-1, 1, 0}, beta[] = {-1, -1, 0};
  ex_basis basis = {.name = "line2",
                    .cardinality = 3,
                    .subc_dim = sd,
                    .subc_ordinal = so,
                    .subc_dof_ordinal = sdo,
                    .subc_num_dof = snd,
                    .xi = bxi,
                    .eta = beta};
  CHECK(ex_put_basis(exoid, basis));

  /* two coordinate frames: rectangular and cylindrical */
  int cf_ids[] = {1, 2};
  double cf[] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 2, 2, 1, 1};
  CHECK(ex_put_coordinate_frames(exoid, 2, cf_ids, cf, "RC"));

  /* variables */
  char *ev[] = {"velocity_x", "velocity_y", "pressure"};
  CHECK(ex_put_variable_param(exoid, EX_ELEM_BLOCK, 3));
  CHECK(ex_put_variable_names(exoid, EX_ELEM_BLOCK, 3, ev));
  char *bv[] = {"signal"};
  CHECK(ex_put_variable_param(exoid, EX_BLOB, 1));
  CHECK(ex_put_variable_names(exoid, EX_BLOB, 1, bv));
  char *er[] = {"mass", "energy"};
  CHECK(ex_put_reduction_variable_param(exoid, EX_ELEM_BLOCK, 2));
  CHECK(ex_put_reduction_variable_names(exoid, EX_ELEM_BLOCK, 2, er));
  char *nr[] = {"force"};
  CHECK(ex_put_reduction_variable_param(exoid, EX_NODE_SET, 1));
  CHECK(ex_put_reduction_variable_names(exoid, EX_NODE_SET, 1, nr));
  char *br[] = {"peak"};
  CHECK(ex_put_reduction_variable_param(exoid, EX_BLOB, 1));
  CHECK(ex_put_reduction_variable_names(exoid, EX_BLOB, 1, br));

  for (int step = 1; step <= 3; step++) {
    double t = 0.5 * step;
    CHECK(ex_put_time(exoid, step, &t));
    for (int v = 1; v <= 3; v++) {
      double vals[] = {100 * v + 10 * step + 1, 100 * v + 10 * step + 2};
      CHECK(ex_put_var(exoid, step, EX_ELEM_BLOCK, v, 10, 2, vals));
    }
    double sig[5];
    for (int i = 0; i < 5; i++) sig[i] = step + 0.125 * i;
    CHECK(ex_put_var(exoid, step, EX_BLOB, 1, 40, 5, sig));
    double red[] = {2.0 * step, 3.0 * step};
    CHECK(ex_put_reduction_vars(exoid, step, EX_ELEM_BLOCK, 10, 2, red));
    double force = -1.5 * step;
    CHECK(ex_put_reduction_vars(exoid, step, EX_NODE_SET, 20, 1, &force));
    double peak = 9.0 + step;
    CHECK(ex_put_reduction_vars(exoid, step, EX_BLOB, 40, 1, &peak));
  }
  CHECK(ex_close(exoid));
  return 0;
}
