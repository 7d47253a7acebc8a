/* cli.h: the command line, the clang-tidy convention:
 *   vtasklint [options] FILE... [-- COMPILER_ARGS...]
 *   vtasklint -p BUILD_DIR [options] [FILE...] */
#ifndef VTL_DRIVER_CLI_H
#define VTL_DRIVER_CLI_H

#include <stdbool.h>

#include "analyzer/support/strbuf.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli {
  const char **files;
  int nfiles;
  char **extra;           /* after `--` */
  int nextra;
  bool have_dashdash;
  const char *build_dir;  /* -p */
  const char *checks;     /* --checks */
  const char *resource_dir;
  const char *explain;    /* --explain RULE */
  enum color_mode color;
  bool help, version, list_rules, quiet, exit_zero, dump_cfg;
};

/* cli_parse: fills c from argv. Returns 0, or -1 with err holding the one-line reason. The
 * arrays point into argv. */
int cli_parse(int argc, char **argv, struct cli *c, struct strbuf *err);
/* cli_usage: the --help text. */
extern const char cli_usage[];

#endif
