/* rejected.c: see rejected.h.
 *
 * When clang's driver rejects a command (`-std=c17` for a C++ file, an option the target does
 * not allow), clang_parseTranslationUnit2 returns an error code and nothing else: libclang's
 * ASTUnit::LoadFromCommandLine returns before an error unit exists, so the driver's diagnostics
 * reach neither clang_getDiagnostic, nor clang_createIndex(..., displayDiagnostics=1), nor
 * stderr (tried on libclang 19: all three stay silent; the indexing API drops them the same way).
 * The argument at fault is therefore found by elimination: the command is tried on an empty
 * buffer of the same name (only the driver's work, about a millisecond), leaving out one
 * argument (or one option with its value) at a time, until it is accepted. For the common
 * case, a -std= of the other language, clang's own wording is given; otherwise the argument is
 * named. The work is bounded: only the first MAX_SUSPECTS arguments are tried, at most three times each. */
#include "analyzer/driver/rejected.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/driver/header_lang.h"
#include "analyzer/support/path.h"

enum { MAX_SUSPECTS = 256 };

/* accepted: argv without [skip, skip + nskip) parses an empty buffer named path. */
static bool accepted(CXIndex idx, const char *path, const char *const *argv, int argc, int skip, int nskip) {
  const char **v = malloc(sizeof *v * (size_t)(argc + 1));
  if (!v)
    return false;
  int n = 0;
  for (int i = 0; i < argc; i++)
    if (i < skip || i >= skip + nskip)
      v[n++] = argv[i];
  struct CXUnsavedFile empty = {path, "", 0};
  CXTranslationUnit tu = NULL;
  enum CXErrorCode e = clang_parseTranslationUnit2(idx, path, v, n, &empty, 1, CXTranslationUnit_None, &tu);
  if (tu)
    clang_disposeTranslationUnit(tu);
  free(v);
  return e == CXError_Success && tu;
}

static void say_std(const char *opt, const char *path, const char *const *argv, int argc, struct strbuf *why) {
  const char *v = strchr(opt, '=') + 1;
  bool std_cxx = strstr(v, "++") != NULL;
  bool unit_cxx = compdb_args_are_cxx(path, argv, argc);
  if (std_cxx != unit_cxx)
    sb_addf(why, "invalid argument '%s' not allowed with '%s'", opt, unit_cxx ? "C++" : "C");
  else
    sb_addf(why, "clang rejects the argument '%s'", opt);
}

int rejected_reason(CXIndex idx, const char *path, const char *const *argv, int argc, int nown, struct strbuf *why) {
  if (accepted(idx, path, argv, argc, 0, 0) || !accepted(idx, path, argv + nown, argc - nown, 0, 0))
    return 0; /* the file is at fault, or vtasklint's own arguments: not for elimination */
  int n = nown < MAX_SUSPECTS ? nown : MAX_SUSPECTS;
  /* A -std= first: with `-x c -std=c++17`, leaving out either is accepted, and the standard is
   * what clang names. Then any argument; an option with a separate value (`-target T`) is left
   * out with its value first, as the value alone would become an input. */
  for (int i = 0; i < n; i++) {
    const char *a = argv[i];
    if ((!strncmp(a, "-std=", 5) || !strncmp(a, "--std=", 6)) && accepted(idx, path, argv, argc, i, 1)) {
      say_std(a, path, argv, nown, why);
      return 1;
    }
  }
  for (int i = 0; i < n; i++) {
    const char *a = argv[i];
    bool valued = i + 1 < nown && a[0] == '-' && !strchr(a, '=') && argv[i + 1][0] != '-';
    int width = valued && accepted(idx, path, argv, argc, i, 2) ? 2 : accepted(idx, path, argv, argc, i, 1) ? 1 : 0;
    if (!width)
      continue;
    if (width == 2)
      sb_addf(why, "clang rejects the argument '%s %s'", a, argv[i + 1]);
    else
      sb_addf(why, "clang rejects the argument '%s'", a);
    for (size_t k = 0; k < why->len; k++)
      if ((unsigned char)why->buf[k] < 0x20)
        why->buf[k] = ' ';
    return 1;
  }
  return 0;
}
