/* fuzz_source.c: a source file is untrusted input: arbitrary text as an editor's unsaved
 * buffer through the whole analysis (unit_analyze: libclang's parse, the declaration walk,
 * lowering, the solver, the rules), in C (first byte even) or C++ (odd), on a thread with the
 * worker's 512 MiB stack. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/driver/unit.h"
#include "analyzer/flow/lower.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct call {
  const uint8_t *data;
  size_t size;
};

static CXIndex idx;

static void *analyse(void *arg) {
  const struct call *c = arg;
  bool cxx = c->size && (c->data[0] & 1);
  const char *path = cxx ? "/tmp/vtl-fuzz-src/fuzz.cpp" : "/tmp/vtl-fuzz-src/fuzz.c";
  static const char *const c_args[] = {"-std=c17", "-I" VTL_SOURCE_DIR "/testdata/include"};
  static const char *const cxx_args[] = {"-std=c++20", "-I" VTL_SOURCE_DIR "/testdata/include"};
  struct unit_input in;
  memset(&in, 0, sizeof in);
  in.path = path;
  in.args = cxx ? cxx_args : c_args;
  in.nargs = 2;
  in.contents = c->size > 1 ? (const char *)c->data + 1 : "";
  in.contents_len = c->size > 1 ? (unsigned long)(c->size - 1) : 0;
  struct unit_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.resource_dir = VTL_RESOURCE_DIR;
  cfg.max_depth = LOWER_BIG_STACK_DEPTH;
  struct diag_list out;
  diag_list_init(&out);
  struct strbuf err = STRBUF_INIT;
  unit_analyze(idx, &in, &cfg, &out, &err);
  diag_list_release(&out);
  sb_release(&err);
  return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!idx) {
    setenv("LIBCLANG_NOTHREADS", "1", 1);
    idx = clang_createIndex(0, 0);
  }
  struct call c = {data, size};
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512u << 20);
  if (pthread_create(&th, &attr, analyse, &c) != 0)
    abort();
  pthread_join(th, NULL);
  pthread_attr_destroy(&attr);
  return 0;
}
