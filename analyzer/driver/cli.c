/* cli.c: see cli.h. */
#include "analyzer/driver/cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_inputs[] =
    "usage: vtasklint [options] FILE... [-- COMPILER_ARGS...]\n"
    "       vtasklint -p BUILD_DIR [options] [FILE...]\n"
    "\n"
    "Finds misuse of single-use awaitables (vtasks): awaiting one twice, taking the result of\n"
    "one that may not have finished, storing one in a field, dropping one, blocking inside a\n"
    "coroutine. Reports in compiler format on stdout.\n"
    "\n"
    "Inputs:\n"
    "  FILE...                 C or C++ sources (language by extension, or -x after --); a\n"
    "                          directory is searched for .c .h .cc .cpp .cxx .c++ .hpp .hh .hxx\n"
    "                          files\n"
    "                          (hidden and build directories skipped); - reads standard input\n"
    "  -- COMPILER_ARGS...     compiler arguments for every FILE, e.g. -- -std=c17 -Iinclude;\n"
    "                          a compiler first (-- cc -Iinc -c f.c, as CMake's\n"
    "                          CMAKE_<LANG>_CLANG_TIDY passes it) is left out, and then\n"
    "                          warnings exit 0 (errors still exit 1)\n"
    "  -p BUILD_DIR            read BUILD_DIR/compile_commands.json; with no FILE, analyse every\n"
    "                          entry; a FILE without an entry takes its nearest sibling's (a\n"
    "                          header: see -x). Without -p and --, the nearest\n"
    "                          compile_commands.json above the first FILE (or the current\n"
    "                          directory), or in a build/, out/ or cmake-build-*/ there, is\n"
    "                          used. With --, -p is not used (said in a warning), as in\n"
    "                          clang-tidy\n"
    "  -x LANG, --language=LANG  parse every FILE as c or c++ (a header as a c or c++\n"
    "                          header), whatever its extension or database entry says; without\n"
    "                          it, a header without an entry takes the command of a unit that\n"
    "                          includes it, else of its same-named source, else the database's\n"
    "                          majority language (as clangd)\n"
    "  --extra-arg=ARG         add ARG after every compile command's own arguments (the\n"
    "                          database's or those after --); repeatable\n"
    "  --extra-arg-before=ARG  add ARG before them; repeatable\n"
    "  --stdin-filename=PATH   with FILE -: analyse standard input as if it were PATH (an\n"
    "                          editor's unsaved buffer), with PATH's compile command\n"
    "  --exclude=GLOB          skip inputs whose path matches ('*' matches across '/');\n"
    "                          repeatable\n"
    "  --follow-symlinks       let directory walks follow symlinks that lead out of the\n"
    "                          directory given (by default they are skipped, and said so)\n"
    "  --lsp                   run as a language server (LSP 3.17) on standard input and\n"
    "                          output, for editors (docs/editors.md); -p, --checks, --config,\n"
    "                          --warnings-as-errors, --timeout (default 60 here) and -- apply\n"
    "\n";

static const char usage_rest[] =
    "Running:\n"
    "  -j N, --jobs=N          analyse N units in parallel (default: the number of cores); each\n"
    "                          unit runs in a worker process, so a crash or hang loses only it\n"
    "  --timeout=SECONDS       give up on a unit after this long (default 300; 0: never)\n"
    "  --shard=K/N             analyse only the K-th of N deterministic slices of the units\n"
    "  --cache-dir=DIR         keep results here: a unit whose command, configuration and\n"
    "                          included files are unchanged is not parsed again (default:\n"
    "                          .vtasklint-cache in the compilation database's directory, else\n"
    "                          $XDG_CACHE_HOME/vtasklint or ~/.cache/vtasklint)\n"
    "  --no-cache              neither read nor write the result cache\n"
    "  --no-pch                parse every unit on its own: no precompiled preamble shared by\n"
    "                          units with the same command and leading #includes\n"
    "  --checks=GLOBS          enable/disable rules: '*,-vtask-discarded' (last match wins);\n"
    "                          appended to the configuration file's Checks\n"
    "  --config=FILE           use this configuration file instead of the nearest\n"
    "                          .vtasklint.yaml above each analysed file\n"
    "  --header-filter=REGEX   show findings in headers whose path matches this POSIX extended\n"
    "                          regular expression (replaces the configuration's HeaderFilter)\n"
    "  --dump-config           print the effective configuration (for the first FILE, the\n"
    "                          --stdin-filename, or the current directory) and exit\n"
    "\n"
    "Output:\n"
    "  --format=FORMAT         text (default), concise (one line per finding), json, sarif\n"
    "                          (2.1.0), github (workflow commands), gitlab (Code Quality)\n"
    "  --output-file=FILE      write the findings to FILE instead of standard output\n"
    "  --no-snippet            text: no source line and caret under each finding\n"
    "  --path-style=STYLE      relative (default: files below the current directory relative\n"
    "                          to it, others absolute) or absolute; a --stdin-filename file is\n"
    "                          always named as given\n"
    "  --sarif-root=DIR        SARIF and GitLab paths are relative to DIR (default: the git top\n"
    "                          level above the current directory, else the current directory)\n"
    "  --color=WHEN            auto (default: on a terminal), always, never\n"
    "  --warnings-as-errors=GLOBS  report matching rules as errors\n"
    "  --exit-zero             exit 0 even when there are findings (errors still exit 2)\n"
    "  --quiet                 no summary line, progress or note lines on stderr\n"
    "  --progress=WHEN         auto (default: on a terminal, not in CI), always, never\n"
    "  --list-rules            list the rules and exit\n"
    "  --explain=RULE          print a rule's documentation and exit\n"
    "  --resource-dir=DIR      clang's builtin headers (default: $VTASKLINT_RESOURCE_DIR, else\n"
    "                          found beside the libclang that runs; see --version)\n"
    "  --dump-cfg              print each function's control-flow graph to stderr (debugging;\n"
    "                          implies --no-cache and --no-pch)\n"
    "  --stats                 print what the analysis did to stderr: functions analysed, the\n"
    "                          most path states at one point, states dropped at the bound,\n"
    "                          database entries of another language left out (assembler);\n"
    "                          then the units answered by the result cache, those\n"
    "                          reparsed with a shared preamble and the preambles built\n"
    "  -h, --help              this text\n"
    "  --version               version, libclang version and the resource directory used\n"
    "\n"
    "Suppress a finding with // NOLINT(rule), // NOLINTNEXTLINE(rule) or a\n"
    "// NOLINTBEGIN(rule) ... // NOLINTEND(rule) region.\n"
    "\n"
    "Exit status: 0 no findings, 1 findings, 2 vtasklint could not do its job (bad arguments,\n"
    "unreadable input, broken compilation database, a unit that failed to parse, crashed or\n"
    "timed out; every other unit is still analysed and reported).\n";

void cli_print_usage(FILE *out) {
  fputs(usage_inputs, out);
  fputs(usage_rest, out);
}

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
  if (n == 2 && name[1] != '-' && a[n]) { /* -pDIR, -j4 */
    *matched = true;
    return a + n;
  }
  return NULL;
}

static int parse_choice(const char *opt, const char *v, const char *const *names, int n, struct strbuf *err) {
  for (int i = 0; i < n; i++)
    if (strcmp(v, names[i]) == 0)
      return i;
  sb_addf(err, "%s: '%s' is not one of", opt, v);
  for (int i = 0; i < n; i++)
    sb_addf(err, "%s %s", i ? "," : "", names[i]);
  return -1;
}

void cli_release(struct cli *c) {
  free(c->files);
  free(c->excludes);
  free(c->extra_before);
  free(c->extra_after);
  c->files = NULL;
  c->excludes = NULL;
  c->extra_before = c->extra_after = NULL;
}

int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err) {
  memset(c, 0, sizeof *c);
  c->files = calloc((size_t)argc + 1, sizeof *c->files);
  c->excludes = calloc((size_t)argc + 1, sizeof *c->excludes);
  c->extra_before = calloc((size_t)argc + 1, sizeof *c->extra_before);
  c->extra_after = calloc((size_t)argc + 1, sizeof *c->extra_after);
  c->timeout = CLI_DEFAULT_TIMEOUT;
  c->progress = -1;
  c->format = &emit_formats[0];
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
    } valued[] = {{"-p", &c->build_dir},
                  {"--build-path", &c->build_dir},
                  {"--checks", &c->checks},
                  {"--explain", &c->explain},
                  {"--resource-dir", &c->resource_dir},
                  {"--stdin-filename", &c->stdin_filename},
                  {"--config", &c->config},
                  {"--header-filter", &c->header_filter},
                  {"--cache-dir", &c->cache_dir},
                  {"--warnings-as-errors", &c->warnings_as_errors},
                  {"--sarif-root", &c->sarif_root},
                  {"--output-file", &c->output_file}};
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
    if ((v = opt_value(argc, argv, &i, "--exclude", &m, err)) || m) {
      if (!v)
        return -1;
      c->excludes[c->nexcludes++] = v;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--language", &m, err)) || m ||
        (v = opt_value(argc, argv, &i, "-x", &m, err)) || m) {
      static const char *const langs[] = {"c", "c++"};
      int r = v ? parse_choice("-x", v, langs, 2, err) : -1;
      if (r < 0)
        return -1;
      c->language = r + 1;
      continue;
    }
    /* --extra-arg-before is tried first: --extra-arg is its prefix */
    if ((v = opt_value(argc, argv, &i, "--extra-arg-before", &m, err)) || m) {
      if (!v)
        return -1;
      c->extra_before[c->nextra_before++] = v;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--extra-arg", &m, err)) || m) {
      if (!v)
        return -1;
      c->extra_after[c->nextra_after++] = v;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "-j", &m, err)) || m ||
        (v = opt_value(argc, argv, &i, "--jobs", &m, err)) || m) {
      char *end;
      long n = v ? strtol(v, &end, 10) : -1;
      if (!v || *end || n < 1 || n > 1024) {
        if (v)
          sb_addf(err, "-j: '%s' is not a number of jobs from 1 to 1024", v);
        return -1;
      }
      c->jobs = (int)n;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--timeout", &m, err)) || m) {
      char *end;
      double t = v ? strtod(v, &end) : -1;
      /* nan, inf and values past what poll can wait are not numbers of seconds */
      if (!v || end == v || *end || !isfinite(t) || t < 0 || t > CLI_MAX_TIMEOUT) {
        if (v)
          sb_addf(err, "--timeout: '%s' is not a number of seconds from 0 to %d", v, CLI_MAX_TIMEOUT);
        return -1;
      }
      c->timeout = t;
      c->timeout_given = true;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--shard", &m, err)) || m) {
      int k, n, used = 0;
      if (!v || sscanf(v, "%d/%d%n", &k, &n, &used) != 2 || v[used] || n < 1 || k < 1 || k > n) {
        if (v)
          sb_addf(err, "--shard: '%s' is not K/N with 1 <= K <= N", v);
        return -1;
      }
      c->shard_k = k;
      c->shard_n = n;
      continue;
    }
    static const char *const colors[] = {"auto", "always", "never"};
    static const char *const progress[] = {"never", "always", "auto"};
    if ((v = opt_value(argc, argv, &i, "--color", &m, err)) || m) {
      int r = v ? parse_choice("--color", v, colors, 3, err) : -1;
      if (r < 0)
        return -1;
      c->color = (enum color_mode)r;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--format", &m, err)) || m ||
        (v = opt_value(argc, argv, &i, "--output-format", &m, err)) || m) {
      if (!v)
        return -1;
      c->format = emit_format_find(v);
      if (!c->format) {
        sb_addf(err, "--format: '%s' is not one of", v);
        for (unsigned k = 0; k < emit_formats_count; k++)
          sb_addf(err, "%s %s", k ? "," : "", emit_formats[k].name);
        return -1;
      }
      continue;
    }
    static const char *const styles[] = {"relative", "absolute"};
    if ((v = opt_value(argc, argv, &i, "--path-style", &m, err)) || m) {
      int r = v ? parse_choice("--path-style", v, styles, 2, err) : -1;
      if (r < 0)
        return -1;
      c->path_absolute = r == 1;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--progress", &m, err)) || m) {
      int r = v ? parse_choice("--progress", v, progress, 3, err) : -1;
      if (r < 0)
        return -1;
      c->progress = r == 2 ? -1 : r;
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
    else if (strcmp(a, "--stats") == 0)
      c->stats = true;
    else if (strcmp(a, "--dump-config") == 0)
      c->dump_config = true;
    else if (strcmp(a, "--no-snippet") == 0)
      c->no_snippet = true;
    else if (strcmp(a, "--no-cache") == 0)
      c->no_cache = true;
    else if (strcmp(a, "--no-pch") == 0)
      c->no_pch = true;
    else if (strcmp(a, "--follow-symlinks") == 0)
      c->follow_symlinks = true;
    else if (strcmp(a, "--lsp") == 0)
      c->lsp = true;
    else {
      sb_addf(err, "unknown option '%s' (see vtasklint --help)", a);
      return -1;
    }
  }
  return 0;
}
