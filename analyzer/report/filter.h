/* filter.h: the report layer's suppression and severity policy, on plain locations (a file's
 * display name, a line, a rule id): NOLINT comments (nolint.h), the HeaderFilter regex and the
 * WarningsAsErrors list. It knows nothing of libclang: whoever maps a finding to a location
 * hands it the file's text first. Sits between the rule context (rules/context.h) and the
 * diag_list the findings go to. */
#ifndef VTL_REPORT_FILTER_H
#define VTL_REPORT_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/report/diag.h"
#include "analyzer/support/arena.h"

struct report_filter;

/* filter_new: a filter for one translation unit, living in arena a (release it with
 * filter_release). header_filter: POSIX ERE of the headers whose findings are shown (NULL: all;
 * one that does not compile: all, as before). A header is shown when the pattern matches its
 * path as displayed (relative to the current directory when below it), or its absolute path,
 * or its path relative to base (the configuration file's directory; NULL: none), so that a
 * project's filter means the same wherever vtasklint runs from. warnings_as_errors: glob list of rules reported as
 * errors (NULL: none). Problems with NOLINT comments are added to out. */
struct report_filter *filter_new(struct arena *a, const char *header_filter, const char *base,
                                 const char *warnings_as_errors, struct diag_list *out);
/* filter_release: frees what the arena does not hold (the compiled regex). */
void filter_release(struct report_filter *f);

/* filter_add_file: makes file known, with its text (NULL: none to read) and whether it is the
 * unit's main file (never subject to HeaderFilter). Its NOLINT comments are parsed now, and an
 * unmatched NOLINTBEGIN or NOLINTEND is reported at once, whether or not a finding ever lands
 * in the file. A second call for the same file does nothing. The text need not outlive the
 * call. */
void filter_add_file(struct report_filter *f, const char *file, const char *text, size_t len, bool is_main);

/* filter_shows_file: findings in file would pass HeaderFilter (always for the main file). */
bool filter_shows_file(const struct report_filter *f, const char *file);

/* filter_keep: a finding of rule at file:line is reported (not NOLINT-suppressed, not in a
 * header HeaderFilter hides); *sev is then its severity (SEV_ERROR when WarningsAsErrors
 * matches rule, else SEV_WARNING). A file never added has no NOLINT comments and is a
 * header. */
bool filter_keep(struct report_filter *f, const char *file, unsigned line, const char *rule,
                 enum diag_severity *sev);

#endif
