/* settings.h: from configuration files to what a unit runs with. Each analysed file takes the
 * nearest .vtasklint.yaml above it (or the --config file); the command line's --checks and
 * --warnings-as-errors are appended to the file's lists, as clang-tidy does. Files are read
 * once per run. */
#ifndef VTL_DRIVER_SETTINGS_H
#define VTL_DRIVER_SETTINGS_H

#include <stdio.h>

#include "analyzer/driver/config.h"
#include "analyzer/driver/unit.h"

struct settings;

/* settings_new: base is copied (resource dir, depth, dump); forced: --config FILE or NULL. */
struct settings *settings_new(const struct unit_config *base, const char *cli_checks, const char *cli_wae,
                              const char *forced, void (*warn)(const char *line));
void settings_free(struct settings *s);
/* settings_set_header_filter: --header-filter, which replaces every file's HeaderFilter (the
 * caller checked it with config_check_header_filter); before the first settings_for. */
void settings_set_header_filter(struct settings *s, const char *pattern);
/* settings_for: the unit configuration for an absolute source path; NULL when its
 * configuration file is malformed (err: "PATH:LINE:COL: error: ..."). */
const struct unit_config *settings_for(struct settings *s, const char *abs_file, struct strbuf *err);
/* settings_dump: the effective configuration for abs_file as YAML (--dump-config); -1 on a
 * malformed file (err set). */
int settings_dump(struct settings *s, const char *abs_file, FILE *out, struct strbuf *err);

#endif
