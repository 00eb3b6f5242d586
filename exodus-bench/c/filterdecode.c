/* Decodes stored HDF5 chunks with an HDF5 filter plugin, the way HDF5 calls it: the chunks and
 * client data that exodus-core's chunks.py dumped (index.txt: NAME RAW EXP MASK ELEMSIZE ID CD),
 * each copied into a fresh buffer and passed to the plugin's filter function with
 * H5Z_FLAG_REVERSE, the result checked against the expected bytes once, then timed: the best of
 * REPS passes over all chunks. Prints "best=SECONDS bytes=DECODED chunks=N".
 * usage: filterdecode PLUGIN.so DUMPDIR REPS
 * build: gcc -O2 -I/usr/include/hdf5/serial filterdecode.c -ldl -o filterdecode */
#include <H5PLextern.h>
#include <hdf5.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { unsigned char *raw, *exp; size_t nraw, nexp; unsigned cd[32]; size_t ncd; } chunk_t;

static unsigned char *slurp(const char *dir, const char *name, size_t *n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END); *n = (size_t)ftell(f); fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc(*n ? *n : 1);
  if (*n && fread(b, 1, *n, f) != *n) { perror(path); exit(2); }
  fclose(f);
  return b;
}

static double now(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: filterdecode PLUGIN.so DUMPDIR REPS\n"); return 2; }
  void *so = dlopen(argv[1], RTLD_NOW);
  if (!so) { fprintf(stderr, "%s\n", dlerror()); return 2; }
  const void *(*info)(void) = (const void *(*)(void))dlsym(so, "H5PLget_plugin_info");
  const H5Z_class2_t *cls = info();
  int reps = atoi(argv[3]);
  char path[4096], line[8192];
  snprintf(path, sizeof path, "%s/index.txt", argv[2]);
  FILE *idx = fopen(path, "r");
  if (!idx) { perror(path); return 2; }
  chunk_t *cs = NULL; size_t n = 0, cap = 0;
  while (fgets(line, sizeof line, idx)) {
    char name[1024], raw[1024], exp[1024], cd[2048] = "";
    unsigned mask, esize, id;
    if (sscanf(line, "%1023s %1023s %1023s %u %u %u %2047s", name, raw, exp, &mask, &esize, &id, cd) < 6) continue;
    if (mask & 1) continue; /* stored unfiltered */
    if (n == cap) { cap = cap ? 2 * cap : 64; cs = realloc(cs, cap * sizeof *cs); }
    chunk_t *c = &cs[n++];
    c->raw = slurp(argv[2], raw, &c->nraw);
    c->exp = slurp(argv[2], exp, &c->nexp);
    c->ncd = 0;
    for (char *t = strtok(cd, ","); t && c->ncd < 32; t = strtok(NULL, ",")) c->cd[c->ncd++] = (unsigned)strtoul(t, NULL, 10);
  }
  fclose(idx);
  double best = 1e30; size_t bytes = 0;
  for (int r = 0; r <= reps; r++) { /* pass 0 checks and warms up */
    double t0 = now(); bytes = 0;
    for (size_t i = 0; i < n; i++) {
      size_t bufsize = cs[i].nraw;
      void *buf = malloc(bufsize);
      memcpy(buf, cs[i].raw, bufsize);
      size_t got = cls->filter(H5Z_FLAG_REVERSE, cs[i].ncd, cs[i].cd, cs[i].nraw, &bufsize, &buf);
      if (got != cs[i].nexp || (r == 0 && memcmp(buf, cs[i].exp, got) != 0)) {
        fprintf(stderr, "chunk %zu: decoded %zu bytes, expected %zu (or different bytes)\n", i, got, cs[i].nexp);
        return 1;
      }
      bytes += got;
      H5free_memory(buf);
    }
    double t = now() - t0;
    if (r > 0 && t < best) best = t;
  }
  printf("best=%.6f bytes=%zu chunks=%zu\n", best, bytes, n);
  return 0;
}
