/* Prints what the Exodus 9.x C library reads of a file's assembly variables (exref9 leaves them
 * out): one line per assembly, variable and step, "ID NAME STEP values...". The oracle of
 * ModernContentInteropTest's assembly-variable test.
 *
 *   exassemblyvars FILE
 */
#include <exodusII.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: exassemblyvars FILE\n"); return 2; }
  int cpu = 8, io = 0;
  float ver = 0;
  ex_opts(0);
  int exoid = ex_open(argv[1], EX_READ, &cpu, &io, &ver);
  if (exoid < 0) return 1;
  ex_set_int64_status(exoid, EX_ALL_INT64_API);
  /* 9.06 counts assemblies for ex_inquire and ex_get_ids only once ex_get_init_ext has run */
  ex_init_params p;
  if (ex_get_init_ext(exoid, &p) < 0) return 1;
  int n = (int)p.num_assembly;
  int nv = 0;
  if (ex_get_variable_param(exoid, EX_ASSEMBLY, &nv) < 0) return 1;
  char **names = calloc(nv ? nv : 1, sizeof(char *));
  for (int i = 0; i < nv; i++) names[i] = calloc(EX_MAX_NAME + 1, 1);
  ex_get_variable_names(exoid, EX_ASSEMBLY, nv, names);
  int64_t *ids = calloc(n ? n : 1, sizeof(int64_t));
  ex_get_ids(exoid, EX_ASSEMBLY, ids);
  int steps = (int)ex_inquire_int(exoid, EX_INQ_TIME);
  for (int a = 0; a < n; a++) {
    char aname[EX_MAX_NAME + 1] = "";
    ex_assembly as = {0};
    as.id = ids[a];
    as.name = aname;
    if (ex_get_assembly(exoid, &as) < 0) return 1;
    double *v = calloc(as.entity_count ? as.entity_count : 1, sizeof(double));
    for (int i = 0; i < nv; i++)
      for (int s = 1; s <= steps; s++) {
        int rc = ex_get_var(exoid, s, EX_ASSEMBLY, i + 1, ids[a], as.entity_count, v);
        if (rc != EX_NOERR) { fprintf(stderr, "ex_get_var %d\n", rc); continue; }
        printf("%lld\t%s\t%d", (long long)ids[a], names[i], s);
        for (int k = 0; k < as.entity_count; k++) printf("\t%.17g", v[k]);
        printf("\n");
      }
    free(v);
  }
  ex_close(exoid);
  return 0;
}
