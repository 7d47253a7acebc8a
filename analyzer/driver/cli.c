/* cli.c: see cli.h. */
#include "analyzer/driver/cli.h"

#include <stdlib.h>
#include <string.h>

const char cli_usage[] =
    "usage: vtasklint [options] FILE... [-- COMPILER_ARGS...]\n"
    "       vtasklint -p BUILD_DIR [options] [FILE...]\n"
    "\n"
    "Finds misuse of single-use awaitables (vtasks): awaiting one twice, taking the result of\n"
    "one that may not have finished, storing one in a field, dropping one, blocking inside a\n"
    "coroutine. Reports in compiler format on stdout.\n"
    "\n"
    "Inputs:\n"
    "  FILE...                 C or C++ sources (language by extension, or -x after --)\n"
    "  -- COMPILER_ARGS...     compiler arguments for every FILE, e.g. -- -std=c17 -Iinclude\n"
    "  -p BUILD_DIR            read BUILD_DIR/compile_commands.json; with no FILE, analyse every\n"
    "                          entry. Without -p and --, the nearest compile_commands.json above\n"
    "                          the first FILE is used when there is one\n"
    "\n"
    "Options:\n"
    "  --checks=GLOBS          enable/disable rules: '*,-vtask-discarded' (last match wins)\n"
    "  --list-rules            list the rules and exit\n"
    "  --explain=RULE          print a rule's documentation and exit\n"
    "  --color=WHEN            auto (default: on a terminal), always, never\n"
    "  --quiet                 no summary line on stderr\n"
    "  --exit-zero             exit 0 even when there are findings (errors still exit 2)\n"
    "  --resource-dir=DIR      clang's builtin headers (default: the build's, or\n"
    "                          $VTASKLINT_RESOURCE_DIR)\n"
    "  --dump-cfg              print each function's control-flow graph to stderr (debugging)\n"
    "  -h, --help              this text\n"
    "  --version               version and libclang version\n"
    "\n"
    "Exit status: 0 no findings, 1 findings, 2 vtasklint could not do its job (bad arguments,\n"
    "unreadable input, broken compilation database, a unit that failed to parse).\n";

/* opt_value: `--name=value` or `--name value` (and `-p DIR`, `-pDIR`). */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *matched, struct strbuf *err) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  *matched = false;
  if (strncmp(a, name, n) != 0)
    return NULL;
  if (a[n] == '=') {
    *matched = true;
    return a + n + 1;
  }
  if (a[n] == 0) {
    *matched = true;
    if (*i + 1 >= argc) {
      sb_addf(err, "option '%s' needs a value", name);
      return NULL;
    }
    return argv[++*i];
  }
  if (n == 2 && name[1] != '-' && a[n]) { /* -pDIR */
    *matched = true;
    return a + n;
  }
  return NULL;
}

int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err) {
  memset(c, 0, sizeof *c);
  c->files = calloc((size_t)argc + 1, sizeof *c->files);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      c->have_dashdash = true;
      c->extra = argv + i + 1;
      c->nextra = argc - i - 1;
      break;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) {
      c->files[c->nfiles++] = a;
      continue;
    }
    bool m;
    const char *v;
    struct {
      const char *name;
      const char **dst;
    } valued[] = {{"-p", &c->build_dir},     {"--build-path", &c->build_dir},
                  {"--checks", &c->checks},  {"--explain", &c->explain},
                  {"--resource-dir", &c->resource_dir}};
    bool done = false;
    for (size_t k = 0; k < sizeof valued / sizeof *valued && !done; k++) {
      v = opt_value(argc, argv, &i, valued[k].name, &m, err);
      if (m) {
        if (!v)
          return -1;
        *valued[k].dst = v;
        done = true;
      }
    }
    if (done)
      continue;
    v = opt_value(argc, argv, &i, "--color", &m, err);
    if (m) {
      if (!v)
        return -1;
      if (strcmp(v, "auto") == 0)
        c->color = COLOR_AUTO;
      else if (strcmp(v, "always") == 0)
        c->color = COLOR_ALWAYS;
      else if (strcmp(v, "never") == 0)
        c->color = COLOR_NEVER;
      else {
        sb_addf(err, "--color: '%s' is not one of auto, always, never", v);
        return -1;
      }
      continue;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
      c->help = true;
    else if (strcmp(a, "--version") == 0)
      c->version = true;
    else if (strcmp(a, "--list-rules") == 0 || strcmp(a, "--list-checks") == 0)
      c->list_rules = true;
    else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
      c->quiet = true;
    else if (strcmp(a, "--exit-zero") == 0)
      c->exit_zero = true;
    else if (strcmp(a, "--dump-cfg") == 0)
      c->dump_cfg = true;
    else {
      sb_addf(err, "unknown option '%s' (see vtasklint --help)", a);
      return -1;
    }
  }
  return 0;
}
