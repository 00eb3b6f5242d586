/*
 * extext FILE: prints every string the C library's text calls return, each read into a buffer
 * filled with '#' first (only the buffer's last byte is NUL), as a C program that does not clear
 * its buffers reads them. A string the file stores without its terminating NUL comes back with a
 * tail of '#'. Builds against libexodusII 6.02 and against SEACAS Exodus 9.06.
 *
 * Lines: "KEY|value", strings escaped (a byte outside printable ASCII as \xNN). Last, for every
 * text attribute of the root group (netCDF-C's view): "textatt VAR:NAME|nul" when its last byte
 * is NUL, "textatt VAR:NAME|no-nul" otherwise (VAR empty for global attributes).
 */
#include <exodusII.h>
#include <netcdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 256

static void pr(const char *key, const char *s) {
  printf("%s|", key);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 32 && *p < 127 && *p != '\\') {
      putchar(*p);
    } else {
      printf("\\x%02x", *p);
    }
  }
  putchar('\n');
}

/* n buffers of BUF bytes, '#' everywhere but the last byte. */
static char **garbage(int n) {
  char **b = malloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    b[i] = malloc(BUF);
    memset(b[i], '#', BUF - 1);
    b[i][BUF - 1] = '\0';
  }
  return b;
}

static void release(char **b, int n) {
  for (int i = 0; i < n; i++) free(b[i]);
  free(b);
}

static const struct {
  ex_entity_type type;
  const char *label;
  int count_inq;
} KINDS[] = {
    {EX_ELEM_BLOCK, "ELEM_BLOCK", EX_INQ_ELEM_BLK}, {EX_EDGE_BLOCK, "EDGE_BLOCK", EX_INQ_EDGE_BLK},
    {EX_FACE_BLOCK, "FACE_BLOCK", EX_INQ_FACE_BLK}, {EX_NODE_SET, "NODE_SET", EX_INQ_NODE_SETS},
    {EX_SIDE_SET, "SIDE_SET", EX_INQ_SIDE_SETS},    {EX_EDGE_SET, "EDGE_SET", EX_INQ_EDGE_SETS},
    {EX_FACE_SET, "FACE_SET", EX_INQ_FACE_SETS},    {EX_ELEM_SET, "ELEM_SET", EX_INQ_ELEM_SETS},
    {EX_NODE_MAP, "NODE_MAP", EX_INQ_NODE_MAP},     {EX_ELEM_MAP, "ELEM_MAP", EX_INQ_ELEM_MAP},
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: extext FILE\n");
    return 2;
  }
  int cpu = 8, io = 0;
  float version;
  ex_opts(EX_VERBOSE);
  int exoid = ex_open(argv[1], EX_READ, &cpu, &io, &version);
  if (exoid < 0) {
    fprintf(stderr, "extext: cannot open %s\n", argv[1]);
    return 1;
  }
  ex_set_int64_status(exoid, EX_ALL_INT64_API);
  char key[256];
  char **one = garbage(1);
  int rc = 0;

  int64_t idum = 0;
  float fdum = 0;
  if (ex_inquire(exoid, EX_INQ_TITLE, &idum, &fdum, one[0]) != 0) rc = 1;
  pr("title", one[0]);

  for (size_t k = 0; k < sizeof(KINDS) / sizeof(KINDS[0]); k++) {
    ex_entity_type t = KINDS[k].type;
    int64_t n = ex_inquire_int(exoid, KINDS[k].count_inq);
    if (n <= 0) continue;
    int64_t *ids = calloc(n, sizeof(int64_t));
    if (ex_get_ids(exoid, t, ids) != 0) rc = 1;
    if (t == EX_ELEM_BLOCK || t == EX_EDGE_BLOCK || t == EX_FACE_BLOCK) {
      for (int64_t i = 0; i < n; i++) {
        int64_t c[5];
        char **b = garbage(1);
        if (ex_get_block(exoid, t, ids[i], b[0], &c[0], &c[1], &c[2], &c[3], &c[4]) != 0) rc = 1;
        snprintf(key, sizeof key, "block_type %s %lld", KINDS[k].label, (long long)ids[i]);
        pr(key, b[0]);
        release(b, 1);
        if (t == EX_ELEM_BLOCK) {
          b = garbage(1);
          if (ex_get_elem_type(exoid, ids[i], b[0]) != 0) rc = 1;
          snprintf(key, sizeof key, "elem_type %lld", (long long)ids[i]);
          pr(key, b[0]);
          release(b, 1);
        }
      }
    }
    if (t != EX_NODE_MAP && t != EX_ELEM_MAP) {
      char **b = garbage((int)n);
      if (ex_get_names(exoid, t, b) != 0) rc = 1;
      for (int64_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "name %s %lld", KINDS[k].label, (long long)ids[i]);
        pr(key, b[i]);
      }
      release(b, (int)n);
    }
    int np = ex_get_num_props(exoid, t);
    if (np > 0) {
      char **b = garbage(np);
      if (ex_get_prop_names(exoid, t, b) != 0) rc = 1;
      for (int i = 0; i < np; i++) {
        snprintf(key, sizeof key, "prop_name %s %d", KINDS[k].label, i + 1);
        pr(key, b[i]);
      }
      /* ex_get_prop_array finds the property by comparing the stored name with "ID". */
      int64_t *vals = calloc(n, sizeof(int64_t));
      int st = ex_get_prop_array(exoid, t, "ID", vals);
      snprintf(key, sizeof key, "prop_array %s ID", KINDS[k].label);
      printf("%s|%s", key, st == 0 ? "ok" : "error");
      for (int64_t i = 0; st == 0 && i < n; i++) printf(" %lld", (long long)vals[i]);
      putchar('\n');
      free(vals);
      release(b, np);
    }
    free(ids);
  }

  static const struct {
    ex_entity_type type;
    const char *label;
  } VARS[] = {{EX_GLOBAL, "GLOBAL"},         {EX_NODAL, "NODAL"},
              {EX_ELEM_BLOCK, "ELEM_BLOCK"}, {EX_EDGE_BLOCK, "EDGE_BLOCK"},
              {EX_FACE_BLOCK, "FACE_BLOCK"}, {EX_NODE_SET, "NODE_SET"},
              {EX_SIDE_SET, "SIDE_SET"},     {EX_ELEM_SET, "ELEM_SET"}};
  for (size_t k = 0; k < sizeof(VARS) / sizeof(VARS[0]); k++) {
    int nv = 0;
    if (ex_get_variable_param(exoid, VARS[k].type, &nv) != 0 || nv <= 0) continue;
    char **b = garbage(nv);
    if (ex_get_variable_names(exoid, VARS[k].type, nv, b) != 0) rc = 1;
    for (int i = 0; i < nv; i++) {
      snprintf(key, sizeof key, "var %s %d", VARS[k].label, i + 1);
      pr(key, b[i]);
    }
    release(b, nv);
  }

  int dim = (int)ex_inquire_int(exoid, EX_INQ_DIM);
  if (dim > 0) {
    char **b = garbage(dim);
    if (ex_get_coord_names(exoid, b) != 0) rc = 1;
    for (int i = 0; i < dim; i++) {
      snprintf(key, sizeof key, "coord_name %d", i + 1);
      pr(key, b[i]);
    }
    release(b, dim);
  }

  int nqa = (int)ex_inquire_int(exoid, EX_INQ_QA);
  if (nqa > 0) {
    char *(*qa)[4] = calloc(nqa, sizeof(*qa));
    for (int i = 0; i < nqa; i++) {
      char **b = garbage(4);
      for (int j = 0; j < 4; j++) qa[i][j] = b[j];
      free(b);
    }
    if (ex_get_qa(exoid, qa) != 0) rc = 1;
    for (int i = 0; i < nqa; i++) {
      for (int j = 0; j < 4; j++) {
        snprintf(key, sizeof key, "qa %d %d", i + 1, j + 1);
        pr(key, qa[i][j]);
        free(qa[i][j]);
      }
    }
    free(qa);
  }

  int ninfo = (int)ex_inquire_int(exoid, EX_INQ_INFO);
  if (ninfo > 0) {
    char **b = garbage(ninfo);
    if (ex_get_info(exoid, b) != 0) rc = 1;
    for (int i = 0; i < ninfo; i++) {
      snprintf(key, sizeof key, "info %d", i + 1);
      pr(key, b[i]);
    }
    release(b, ninfo);
  }

#if defined(EXODUS_VERSION_MAJOR) && EXODUS_VERSION_MAJOR >= 8
  ex_init_params init;
  if (ex_get_init_ext(exoid, &init) != 0) rc = 1; /* counts the assemblies and blobs */
  int nas = (int)ex_inquire_int(exoid, EX_INQ_ASSEMBLY);
  if (nas > 0) {
    int64_t *ids = calloc(nas, sizeof(int64_t));
    if (ex_get_ids(exoid, EX_ASSEMBLY, ids) != 0) rc = 1;
    for (int i = 0; i < nas; i++) {
      char **b = garbage(1);
      ex_assembly a = {0};
      a.id = ids[i];
      a.name = b[0];
      if (ex_get_assembly(exoid, &a) != 0) rc = 1;
      snprintf(key, sizeof key, "assembly %lld", (long long)ids[i]);
      pr(key, b[0]);
      release(b, 1);
    }
    free(ids);
  }
  int nbl = (int)ex_inquire_int(exoid, EX_INQ_BLOB);
  if (nbl > 0) {
    int64_t *ids = calloc(nbl, sizeof(int64_t));
    if (ex_get_ids(exoid, EX_BLOB, ids) != 0) rc = 1;
    for (int i = 0; i < nbl; i++) {
      char **b = garbage(1);
      ex_blob bl = {0};
      bl.id = ids[i];
      bl.name = b[0];
      if (ex_get_blob(exoid, &bl) != 0) rc = 1;
      snprintf(key, sizeof key, "blob %lld", (long long)ids[i]);
      pr(key, b[0]);
      release(b, 1);
    }
    free(ids);
  }
#endif
  release(one, 1);
  ex_close(exoid);

  int ncid, nvars;
  if (nc_open(argv[1], NC_NOWRITE, &ncid) != NC_NOERR || nc_inq_nvars(ncid, &nvars) != NC_NOERR) {
    return 1;
  }
  for (int v = -1; v < nvars; v++) {
    char vname[NC_MAX_NAME + 1] = "";
    int natts;
    if (v >= 0 && nc_inq_varname(ncid, v, vname) != NC_NOERR) return 1;
    if (nc_inq_varnatts(ncid, v < 0 ? NC_GLOBAL : v, &natts) != NC_NOERR) return 1;
    for (int a = 0; a < natts; a++) {
      char aname[NC_MAX_NAME + 1];
      nc_type type;
      size_t len;
      int vid = v < 0 ? NC_GLOBAL : v;
      if (nc_inq_attname(ncid, vid, a, aname) != NC_NOERR) return 1;
      if (nc_inq_att(ncid, vid, aname, &type, &len) != NC_NOERR) return 1;
      if (type != NC_CHAR) continue;
      char *text = calloc(len + 1, 1);
      if (nc_get_att_text(ncid, vid, aname, text) != NC_NOERR) return 1;
      printf("textatt %s:%s|%s\n", vname, aname, len > 0 && text[len - 1] == '\0' ? "nul" : "no-nul");
      free(text);
    }
  }
  nc_close(ncid);
  return rc;
}
