/* cli.h: the command line, the clang-tidy convention:
 *   vtasklint [options] FILE... [-- COMPILER_ARGS...]
 *   vtasklint -p BUILD_DIR [options] [FILE...] */
#ifndef VTL_DRIVER_CLI_H
#define VTL_DRIVER_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "analyzer/report/formats.h"
#include "analyzer/support/strbuf.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli {
  const char **files;     /* FILE arguments: files, directories, "-" for standard input */
  int nfiles;
  char **extra;           /* after `--` */
  int nextra;
  bool have_dashdash;
  const char *build_dir;  /* -p */
  const char *checks;     /* --checks */
  const char *warnings_as_errors; /* --warnings-as-errors */
  const char *resource_dir;
  const char *explain;    /* --explain RULE */
  const char *stdin_filename;
  const char *config;     /* --config FILE */
  const char *header_filter; /* --header-filter REGEX: replaces the configuration's HeaderFilter */
  const char *cache_dir;  /* --cache-dir DIR */
  const char *sarif_root; /* --sarif-root DIR */
  const char *output_file; /* --output-file FILE */
  const char **excludes;  /* --exclude GLOB, repeatable */
  int nexcludes;
  const char **extra_before; /* --extra-arg-before ARG, repeatable: before every command's own */
  int nextra_before;
  const char **extra_after;  /* --extra-arg ARG, repeatable: after every command's own */
  int nextra_after;
  int language;              /* -x/--language: 0 by extension, 1 C, 2 C++ */
  int jobs;               /* -j; 0: the number of cores */
  double timeout;         /* --timeout seconds per unit; 0: none */
  int shard_k, shard_n;   /* --shard K/N; n == 0: all */
  enum color_mode color;
  const struct emit_format *format; /* --format (formats.h); never NULL after cli_parse */
  int progress;           /* -1 auto, 0 never, 1 always */
  bool help, version, list_rules, quiet, exit_zero, dump_cfg, dump_config, no_cache, follow_symlinks;
  bool no_pch; /* --no-pch: no shared precompiled preambles (driver/group.c) */
  bool stats; /* --stats */
  bool no_snippet; /* --no-snippet */
  bool lsp;   /* --lsp: the language server on stdin/stdout (analyzer/lsp/) */
  bool timeout_given; /* --timeout was on the command line (the server's default differs) */
  bool path_absolute; /* --path-style=absolute */
};

/* cli_parse: fills c from argv. Returns 0, or -1 with err holding the one-line reason. The
 * strings point into argv; c->files and c->excludes are heap arrays (cli_release). */
int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err);
void cli_release(struct cli *c);
/* cli_print_usage: the --help text (two parts: one string literal may hold 4095 bytes). */
void cli_print_usage(FILE *out);

enum { CLI_DEFAULT_TIMEOUT = 300, CLI_MAX_TIMEOUT = 1000000 };

#endif
