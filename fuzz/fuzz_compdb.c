/* fuzz_compdb.c: compile_commands.json comes with the repository being linted: arbitrary text
 * through libclang's reader and ours (compdb_open, compdb_all with its de-duplication index,
 * compdb_for_file's lookup and sibling inference, the argument allow-list), and the same bytes
 * as a response file (`-- @FILE`). Invariant: no argument that makes clang write a file
 * survives the filter. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/driver/compdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/vtl-fuzz-compdb-XXXXXX";

static void write_file(const char *name, const uint8_t *data, size_t size) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    abort();
  fwrite(data, 1, size, f);
  fclose(f);
}

/* No output-producing option may reach libclang, whatever the database says. */
static void check_args(const struct job *j) {
  static const char *const writers[] = {"-o", "-MF", "-MJ", "-MD", "-MMD", "-Xclang", "-Wp,", "-save-temps",
                                        "--serialize-diagnostics", "-ftime-trace", "-fmodules-cache-path",
                                        "-mllvm", "--config", NULL};
  for (int i = 0; i < j->nargs; i++) {
    const char *a = j->args[i];
    if (i > 0 && (!strcmp(j->args[i - 1], "-I") || !strcmp(j->args[i - 1], "-D") ||
                  !strcmp(j->args[i - 1], "-include") || !strcmp(j->args[i - 1], "-isystem") ||
                  !strcmp(j->args[i - 1], "-U") || !strcmp(j->args[i - 1], "-x") || !strcmp(j->args[i - 1], "-F") ||
                  !strncmp(j->args[i - 1], "-i", 2) || !strcmp(j->args[i - 1], "-target") ||
                  !strcmp(j->args[i - 1], "-arch") || !strcmp(j->args[i - 1], "--sysroot") ||
                  !strcmp(j->args[i - 1], "-gcc-toolchain") || !strcmp(j->args[i - 1], "-stdlib++-isystem")))
      continue; /* a value of a kept option */
    for (const char *const *w = writers; *w; w++)
      if (!strncmp(a, *w, strlen(*w))) {
        fprintf(stderr, "an output-producing argument survived the filter: '%s'\n", a);
        abort();
      }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bool made;
  if (!made) {
    if (!mkdtemp(dir))
      abort();
    made = true;
  }
  write_file("compile_commands.json", data, size);
  struct arena a;
  arena_init(&a);
  struct strbuf err = STRBUF_INIT;
  struct compdb *db = compdb_open(dir, &a, &err);
  if (db) {
    struct job *all;
    int n = compdb_all(db, &a, &all);
    for (int i = 0; i < n; i++)
      check_args(&all[i]);
    struct job j;
    static const char *const probes[] = {"/tmp/vtl-fuzz-src/a.c", "/tmp/vtl-fuzz-src/inc/a.h", "/a.cpp", "/x/y.hpp"};
    for (size_t k = 0; k < sizeof probes / sizeof *probes; k++)
      if (compdb_for_file(db, probes[k], &a, &j))
        check_args(&j);
    compdb_close(db);
  } else if (!err.len || strchr(sb_cstr(&err), '\n')) {
    abort();
  }
  sb_reset(&err);
  /* The same bytes as a response file. */
  write_file("args.rsp", data, size);
  char at[300];
  snprintf(at, sizeof at, "@%s/args.rsp", dir);
  const char *argv[] = {"-std=c17", at};
  const char **out;
  int n = compdb_expand_response_files(argv, 2, &a, &out, &err);
  if (n >= 0) {
    const char **filtered;
    int m = compdb_filter_args(out, n, "/tmp/vtl-fuzz-src/a.c", NULL, &a, &filtered);
    struct job fj = {0};
    fj.args = filtered;
    fj.nargs = m;
    check_args(&fj);
  }
  sb_release(&err);
  arena_release(&a);
  return 0;
}
