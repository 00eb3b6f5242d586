/* Writes, with the SEACAS Exodus 9.x C library, a small file holding the content Exodus gained after
 * 6.02: assemblies, blobs with variables and reduction variables, entity attributes (ex_put_attribute)
 * on every kind (global, nodal, blocks, sets, assemblies, blobs; integer, double, text), field
 * metadata on nodes and blocks, bases and quadrature rules, set attributes, nodal attributes,
 * coordinate frames and properties. The oracle of ModernContentInteropTest.
 *
 *   exmodern OUT [cdf2|nc4]
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <assert.h>

#define NEV 21

#define CK(call)                                                                                  \
  do {                                                                                            \
    if ((call) < 0) {                                                                             \
      fprintf(stderr, "exmodern: %s failed (line %d)\n", #call, __LINE__);                        \
      exit(1);                                                                                    \
    }                                                                                             \
  } while (0)

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: exmodern OUT [cdf2|nc4]\n"); return 2; }
  int mode = EX_CLOBBER;
  if (argc > 2 && !strcmp(argv[2], "nc4")) mode |= EX_NETCDF4;
  else mode |= EX_64BIT_OFFSET;
  int cpu = 8, io = 8;
  ex_opts(0);
  int exoid = ex_create(argv[1], mode, &cpu, &io);
  if (exoid < 0) { fprintf(stderr, "exmodern: cannot create %s\n", argv[1]); return 1; }

  ex_init_params par = {.num_dim = 3, .num_nodes = 8, .num_elem = 3, .num_elem_blk = 2,
                        .num_node_sets = 1, .num_side_sets = 1, .num_assembly = 2, .num_blob = 2,
                        .num_edge = 2, .num_edge_blk = 1, .num_elem_sets = 1};
  strcpy(par.title, "modern content");
  CK(ex_put_init_ext(exoid, &par));

  double x[8] = {0, 1, 1, 0, 0, 1, 1, 0}, y[8] = {0, 0, 1, 1, 0, 0, 1, 1},
         z[8] = {0, 0, 0, 0, 1, 1, 1, 1};
  CK(ex_put_coord(exoid, x, y, z));

  ex_block blocks[2] = {{.type = EX_ELEM_BLOCK, .id = 10, .num_entry = 1, .num_nodes_per_entry = 8},
                        {.type = EX_ELEM_BLOCK, .id = 20, .num_entry = 2, .num_nodes_per_entry = 1}};
  strcpy(blocks[0].topology, "HEX8");
  strcpy(blocks[1].topology, "SPHERE");
  CK(ex_put_block_params(exoid, 2, blocks));
  int c10[8] = {1, 2, 3, 4, 5, 6, 7, 8}, c20[2] = {1, 7};
  CK(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, c10, NULL, NULL));
  CK(ex_put_conn(exoid, EX_ELEM_BLOCK, 20, c20, NULL, NULL));
  CK(ex_put_name(exoid, EX_ELEM_BLOCK, 10, "solid"));
  CK(ex_put_name(exoid, EX_ELEM_BLOCK, 20, "balls"));

  /* an edge block and an element set, to carry attributes of those kinds */
  CK(ex_put_block(exoid, EX_EDGE_BLOCK, 30, "EDGE2", 2, 2, 0, 0, 0));
  int ec[4] = {1, 2, 2, 3};
  CK(ex_put_conn(exoid, EX_EDGE_BLOCK, 30, ec, NULL, NULL));
  int es[2] = {1, 3};
  CK(ex_put_set_param(exoid, EX_ELEM_SET, 300, 2, 0));
  CK(ex_put_set(exoid, EX_ELEM_SET, 300, es, NULL));

  /* node set with set attributes, side set */
  int ns[3] = {1, 2, 3};
  CK(ex_put_set_param(exoid, EX_NODE_SET, 100, 3, 0));
  CK(ex_put_set(exoid, EX_NODE_SET, 100, ns, NULL));
  CK(ex_put_attr_param(exoid, EX_NODE_SET, 100, 2));
  double nsattr[6] = {1.5, 2.5, 3.5, 4.5, 5.5, 6.5};
  CK(ex_put_attr(exoid, EX_NODE_SET, 100, nsattr));
  char *nsan[2] = {"thickness", "offset"};
  CK(ex_put_attr_names(exoid, EX_NODE_SET, 100, nsan));
  int sse[2] = {1, 1}, sss[2] = {1, 2};
  CK(ex_put_set_param(exoid, EX_SIDE_SET, 200, 2, 0));
  CK(ex_put_set(exoid, EX_SIDE_SET, 200, sse, sss));
  CK(ex_put_attr_param(exoid, EX_SIDE_SET, 200, 1));
  double ssattr[2] = {0.125, 0.375};
  CK(ex_put_attr(exoid, EX_SIDE_SET, 200, ssattr));

  /* nodal attributes */
  CK(ex_put_attr_param(exoid, EX_NODAL, 0, 1));
  double nattr[8] = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5};
  CK(ex_put_attr(exoid, EX_NODAL, 0, nattr));
  char *nan_[1] = {"mass"};
  CK(ex_put_attr_names(exoid, EX_NODAL, 0, nan_));

  /* properties other than the id */
  char *pn[2] = {"MATERIAL", "COLOR"};
  CK(ex_put_prop_names(exoid, EX_ELEM_BLOCK, 2, pn));
  CK(ex_put_prop(exoid, EX_ELEM_BLOCK, 10, "MATERIAL", 7));
  CK(ex_put_prop(exoid, EX_ELEM_BLOCK, 20, "MATERIAL", 8));
  CK(ex_put_prop(exoid, EX_ELEM_BLOCK, 10, "COLOR", 3));
  CK(ex_put_prop(exoid, EX_NODE_SET, 100, "TAG", 42));

  /* coordinate frames */
  int cf_ids[2] = {1, 2};
  double cf[18];
  for (int i = 0; i < 18; i++) cf[i] = i * 0.25;
  CK(ex_put_coordinate_frames(exoid, 2, cf_ids, cf, "RC"));

  /* assemblies */
  int64_t a1[2] = {10, 20}, a2[1] = {100};
  ex_assembly as[2] = {{.id = 1, .name = "everything", .type = EX_ELEM_BLOCK, .entity_count = 2, .entity_list = a1},
                       {.id = 2, .name = "nodes", .type = EX_NODE_SET, .entity_count = 1, .entity_list = a2}};
  CK(ex_put_assemblies(exoid, 2, as));

  /* blobs */
  ex_blob blob[2] = {{100, "Tempus", 10}, {200, "IOSS", 4}};
  for (int i = 0; i < 2; i++) CK(ex_put_blob(exoid, blob[i]));

  /* entity attributes on every kind */
  {
    double scale = 1.5, offset[3] = {1.1, 2.2, 3.3};
    int units[4] = {1, 0, 0, -1};
    CK(ex_put_text_attribute(exoid, EX_GLOBAL, 0, "SOLID_MODEL", "STEP-X-43-1547836-Rev 0"));
    CK(ex_put_integer_attribute(exoid, EX_GLOBAL, 0, "Revision", 1, units));
    CK(ex_put_double_attribute(exoid, EX_NODAL, 0, "Scale", 1, &scale));
    CK(ex_put_integer_attribute(exoid, EX_ELEM_BLOCK, 20, "Units", 4, units));
    CK(ex_put_text_attribute(exoid, EX_ELEM_BLOCK, 10, "Material", "steel"));
    CK(ex_put_double_attribute(exoid, EX_NODE_SET, 100, "Offset", 3, offset));
    CK(ex_put_text_attribute(exoid, EX_SIDE_SET, 200, "Load", "pressure"));
    CK(ex_put_text_attribute(exoid, EX_EDGE_BLOCK, 30, "Kind", "beam"));
    CK(ex_put_integer_attribute(exoid, EX_ELEM_SET, 300, "Level", 1, units + 3));
    CK(ex_put_double_attribute(exoid, EX_ASSEMBLY, 1, "Scale", 1, &scale));
    CK(ex_put_integer_attribute(exoid, EX_ASSEMBLY, 2, "Units", 4, units));
    CK(ex_put_double_attribute(exoid, EX_BLOB, 100, "Scale", 1, &scale));
    CK(ex_put_text_attribute(exoid, EX_BLOB, 200, "Dimension", "length"));
  }

  /* variables: nodal and block ones named for fields, blob ones */
  char *nvn[6] = {"DispX", "DispY", "DispZ", "Velocity%X", "Velocity%Y", "Velocity%Z"};
  CK(ex_put_variable_param(exoid, EX_NODAL, 6));
  CK(ex_put_variable_names(exoid, EX_NODAL, 6, nvn));
  char *evn[NEV] = {"Stress_XX", "Stress_YY", "Stress_ZZ", "Stress_XY", "Stress_YZ", "Stress_ZC",
                    "Curl@0", "Curl@1", "T",
                    "Grad-X$0", "Grad-Y$0", "Grad-X$1", "Grad-Y$1", "Grad-X$2", "Grad-Y$2",
                    "Species_h2o-0", "Species_gas-0", "Species_ch4-0",
                    "Species_h2o-1", "Species_gas-1", "Species_ch4-1"};
  CK(ex_put_variable_param(exoid, EX_ELEM_BLOCK, NEV));
  CK(ex_put_variable_names(exoid, EX_ELEM_BLOCK, NEV, evn));
  char *gvn[3] = {"Momentum_X", "Momentum_Y", "Momentum_Z"};
  CK(ex_put_variable_param(exoid, EX_GLOBAL, 3));
  CK(ex_put_variable_names(exoid, EX_GLOBAL, 3, gvn));
  char *bvn[2] = {"X", "XDOT"};
  CK(ex_put_variable_param(exoid, EX_BLOB, 2));
  CK(ex_put_variable_names(exoid, EX_BLOB, 2, bvn));
  char *brn[2] = {"Momentum", "Energy"};
  CK(ex_put_reduction_variable_param(exoid, EX_BLOB, 2));
  CK(ex_put_reduction_variable_names(exoid, EX_BLOB, 2, brn));

  /* field metadata, quadrature, basis */
  {
    ex_field f = {.entity_type = EX_NODAL, .entity_id = 0, .name = "Disp", .type = {EX_VECTOR_3D},
                  .nesting = 1, .component_separator = {0}};
    CK(ex_put_field_metadata(exoid, f));
    ex_field m = {.entity_type = EX_GLOBAL, .entity_id = 0, .name = "Momentum", .type = {EX_VECTOR_3D},
                  .nesting = 1, .component_separator = {'_'}};
    CK(ex_put_field_metadata(exoid, m));
    for (int i = 1; i <= 3; i++) {
      int c[2] = {i, 0};
      if (strcmp(ex_component_field_name(&m, c), gvn[i - 1])) { fprintf(stderr, "Momentum names\n"); return 1; }
    }
    ex_field v = {.entity_type = EX_NODAL, .entity_id = 0, .name = "Velocity", .type = {EX_VECTOR_3D},
                  .nesting = 1, .component_separator = {'%'}};
    CK(ex_put_field_metadata(exoid, v));
    ex_field s = {.entity_type = EX_ELEM_BLOCK, .entity_id = 10, .name = "Stress",
                  .type = {EX_SYM_TENSOR_33}, .nesting = 1, .component_separator = {'_'}};
    CK(ex_put_field_metadata(exoid, s));
    ex_field c = {.entity_type = EX_ELEM_BLOCK, .entity_id = 10, .name = "Curl", .type_name = {"1x2x1"},
                  .type = {EX_QUADRATURE}, .nesting = 1, .component_separator = {'@'}};
    CK(ex_put_field_metadata(exoid, c));
    double xi[2] = {-0.5, 0.5}, eta[2] = {0.5, -0.5}, zeta[2] = {-0.5, 0.5}, w[2] = {1.0, 1.0};
    ex_quadrature q = {.name = "1x2x1", .cardinality = 2, .xi = xi, .eta = eta, .zeta = zeta, .weight = w};
    CK(ex_put_quadrature(exoid, q));
    int sd[3] = {0, 0, 1}, so[3] = {0, 1, 0}, sdo[3] = {0, 0, 0}, snd[3] = {1, 1, 1};
    double bxi[3] = {-1, 1, 0}, beta[3] = {-1, -1, 0};
    ex_basis b = {.name = "HGRAD_LINE_C2", .cardinality = 3, .subc_dim = sd, .subc_ordinal = so,
                  .subc_dof_ordinal = sdo, .subc_num_dof = snd, .xi = bxi, .eta = beta, .zeta = NULL};
    CK(ex_put_basis(exoid, b));
    /* two nesting levels: a 2-D vector per basis degree of freedom; user-defined species per
       quadrature point. The variable names are the ones ex_component_field_name gives. */
    ex_field g = {.entity_type = EX_ELEM_BLOCK, .entity_id = 20, .name = "Grad",
                  .type_name = {",HGRAD_LINE_C2"}, .type = {EX_VECTOR_2D, EX_BASIS}, .nesting = 2,
                  .component_separator = {'-', '$'}};
    CK(ex_put_field_metadata(exoid, g));
    int k = 9;
    for (int j = 1; j <= 3; j++)
      for (int i = 1; i <= 2; i++) {
        int c[2] = {i, j};
        if (strcmp(ex_component_field_name(&g, c), evn[k++])) { fprintf(stderr, "Grad names\n"); return 1; }
      }
    ex_field sp = {.entity_type = EX_ELEM_BLOCK, .entity_id = 20, .name = "Species",
                   .type = {EX_FIELD_TYPE_USER_DEFINED, EX_QUADRATURE}, .type_name = {",1x2x1"},
                   .nesting = 2, .cardinality = {3}, .component_separator = {'_', '-'}};
    CK(ex_put_field_metadata(exoid, sp));
    CK(ex_put_field_suffices(exoid, sp, "h2o,gas,ch4"));
    strcpy(sp.suffices, "h2o,gas,ch4");
    for (int j = 1; j <= 2; j++)
      for (int i = 1; i <= 3; i++) {
        int c[2] = {i, j};
        if (strcmp(ex_component_field_name(&sp, c), evn[k++])) { fprintf(stderr, "Species names\n"); return 1; }
      }
  }

  for (int ts = 1; ts <= 2; ts++) {
    double t = ts * 0.5;
    CK(ex_put_time(exoid, ts, &t));
    double v[10];
    double g[3] = {ts, ts * 2.0, ts * 3.0};
    CK(ex_put_var(exoid, ts, EX_GLOBAL, 1, 0, 3, g));
    for (int var = 1; var <= 6; var++) {
      for (int i = 0; i < 8; i++) v[i] = var * 100 + i + ts * 0.125;
      CK(ex_put_var(exoid, ts, EX_NODAL, var, 1, 8, v));
    }
    for (int var = 1; var <= NEV; var++) {
      for (int i = 0; i < 2; i++) v[i] = var * 10 + i + ts * 0.25;
      CK(ex_put_var(exoid, ts, EX_ELEM_BLOCK, var, 10, 1, v));
      CK(ex_put_var(exoid, ts, EX_ELEM_BLOCK, var, 20, 2, v));
    }
    for (int k = 0; k < 2; k++) {
      for (int var = 1; var <= 2; var++) {
        for (int j = 0; j < blob[k].num_entry; j++) v[j] = var * 1000 + j + k * 0.5 + ts;
        CK(ex_put_var(exoid, ts, EX_BLOB, var, blob[k].id, blob[k].num_entry, v));
      }
      double r[2] = {ts + k, ts * 2.0 + k};
      CK(ex_put_reduction_vars(exoid, ts, EX_BLOB, blob[k].id, 2, r));
    }
  }
  CK(ex_close(exoid));
  return 0;
}
