/* context.h: the rule context of one translation unit: the enabled rules, dispatch of the
 * solver's events and the declaration walk's facts to them, and rule_report/rule_note (rule.h),
 * which map a cursor to a plain location (the file as shown, line, columns) and pass it through
 * the report filter (analyzer/report/filter.h) into a diag_list. The driver's unit.c builds one
 * per unit; a test can build one around any parsed translation unit, without the driver. */
#ifndef VTL_RULES_CONTEXT_H
#define VTL_RULES_CONTEXT_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "analyzer/flow/decls.h"
#include "analyzer/flow/solve.h"
#include "analyzer/report/diag.h"
#include "analyzer/report/filter.h"
#include "analyzer/support/arena.h"

struct rule_unit;

struct rule_unit_opts {
  CXTranslationUnit tu;
  const char *checks;  /* glob list of enabled rules; NULL: all */
  const char *workdir; /* relative file names are under it; NULL: the current directory */
  bool keep_source;    /* record each finding's source line from libclang's buffer (the text
                          analysed is not the file on disk: an editor's unsaved buffer) */
  struct report_filter *filter;
  struct diag_list *out;
  /* A reparse of another unit's translation unit with this unit's text (driver/group.c):
   * main_file (the TU's main file, named after the other unit) is shown as main_path. */
  CXFile main_file;
  const char *main_path;
  /* ... and its text is the other unit's preamble (tu_lines lines) then this unit's body (after
   * its own preamble of own_lines lines): a line L > tu_lines of main_file is this unit's line
   * L - tu_lines + own_lines; a location in the preamble cannot be shown (rule_unit_unmappable). */
  unsigned tu_lines, own_lines;
};

/* rule_unit_new: a context in arena a (which also holds every file name it makes). */
struct rule_unit *rule_unit_new(struct arena *a, const struct rule_unit_opts *o);
/* rule_enabled: the checks glob list enables rule id (NULL: every rule). */
bool rule_enabled(const char *checks, const char *id);

/* rule_unit_event: a flow_visit_fn (self = the rule_unit): every enabled rule's on_event, in
 * registry order. */
void rule_unit_event(void *self, struct flow_ctx *fx, const struct event *ev);
/* rule_unit_decl: a fact of the declaration walk to every enabled rule's on_decl. */
void rule_unit_decl(struct rule_unit *ru, const struct decl_fact *f);

/* rule_unit_file: how file f is shown to the user (path_display), memoised per unit. */
const char *rule_unit_file(struct rule_unit *ru, CXFile f);
/* rule_unit_loc: where a finding about cursor c is shown: the file location (macro arguments
 * where written, macro bodies at the use site). False in a system header or without a file. */
bool rule_unit_loc(struct rule_unit *ru, CXCursor c, struct diag_loc *out);
/* rule_unit_line: line of file f as this unit's own text numbers it (rule_unit_opts). */
unsigned rule_unit_line(struct rule_unit *ru, CXFile f, unsigned line);
/* rule_unit_unmappable: a location was asked for that rule_unit_line could not map. */
bool rule_unit_unmappable(const struct rule_unit *ru);
/* rule_unit_add_file: gives the filter f's text (libclang's buffer), so its NOLINT comments
 * apply and their problems are reported even if no finding lands in it. Once per file;
 * rule_report does it for every file a finding lands in. */
void rule_unit_add_file(struct rule_unit *ru, CXFile f, bool is_main);
/* rule_unit_add_file_text: the same with f's text at hand (libclang's look-up of a file's
 * buffer scans the unit's source entries). */
void rule_unit_add_file_text(struct rule_unit *ru, CXFile f, const char *text, size_t len, bool is_main);

#endif
