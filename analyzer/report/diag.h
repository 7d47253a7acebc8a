/* diag.h: diagnostic records and the collector. A diag_list owns an arena holding every string
 * of its diagnostics, so findings outlive the translation unit (and its arena) that made them.
 * Rules never format output: they add records here; emitters (emit.h) render them. */
#ifndef VTL_REPORT_DIAG_H
#define VTL_REPORT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzer/support/arena.h"

enum diag_severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

struct diag_loc {
  const char *file;  /* as shown to the user (path_display); NULL: no location */
  unsigned line, col;
  unsigned end_col;  /* one past the last column of the highlighted range on `line`; 0: none */
};

struct diag_note {
  struct diag_loc loc;
  const char *message;
};

struct diag {
  const char *rule; /* "vtask-double-await", "clang-diagnostic-error" */
  enum diag_severity sev;
  struct diag_loc loc;
  const char *message;
  struct diag_note *notes;
  unsigned nnotes;
  const char *source; /* the text of loc's line as the analyzer saw it (an editor's unsaved
                         buffer), or NULL: emitters then read the file */
};

/* What the analysis behind a list did (--stats): summed over units, except max_states. */
struct diag_counts {
  unsigned functions;  /* function bodies solved */
  unsigned max_states; /* the most path states the engine kept at one block entry */
  unsigned dropped;    /* path states dropped at the engine's bound (findings may be missed) */
  unsigned skipped;    /* function bodies skipped as nested too deeply */
};

/* A unit or input vtasklint could not analyse, or another problem that made the run incomplete
 * (exit status 2): what stderr said, kept for the formats that report it (json's "failures",
 * SARIF's toolExecutionNotifications). */
struct diag_failure {
  const char *file;    /* the unit or input, as shown to the user; NULL: not about one file */
  const char *message; /* the one-line reason as on stderr, without "vtasklint: error: " */
};

struct diag_list {
  struct arena arena;
  VEC(struct diag) items;
  VEC(struct diag_failure) failures; /* in the order they happened (job order for units) */
  struct diag_counts counts;
};

/* The ids of diagnostics that are not rules' findings (--checks cannot turn them off), for
 * the formats that describe every id they use (SARIF's rules). */
struct diag_tool_id {
  const char *id;
  const char *summary;
  enum diag_severity level; /* the severity it is reported with */
};
extern const struct diag_tool_id diag_tool_ids[];
extern const unsigned diag_tool_ids_count;

void diag_list_init(struct diag_list *l);
void diag_list_release(struct diag_list *l);
/* diag_add: appends a diagnostic; strings are copied. The pointer is valid until the next add. */
struct diag *diag_add(struct diag_list *l, const char *rule, enum diag_severity sev,
                      const struct diag_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
struct diag *diag_vadd(struct diag_list *l, const char *rule, enum diag_severity sev,
                       const struct diag_loc *loc, const char *fmt, va_list ap);
/* diag_note: appends a note to d (which must be the last diagnostic added to l). */
void diag_note(struct diag_list *l, struct diag *d, const struct diag_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* diag_fail: records a failure (strings copied); file may be NULL. */
void diag_fail(struct diag_list *l, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* diag_set_source: records the text of the diagnostic's line (copied). */
void diag_set_source(struct diag_list *l, struct diag *d, const char *text, size_t len);
/* diag_append: copies every diagnostic and failure of src into dst, and adds src's counts to
 * dst's. */
void diag_append(struct diag_list *dst, const struct diag_list *src);
/* diag_sort_unique: stable order (file, line, column, rule, message) and exact duplicates
 * removed, so a header's finding seen from several translation units is reported once. The
 * failures keep their order. */
void diag_sort_unique(struct diag_list *l);
/* diag_cmp: the order above. */
int diag_cmp(const struct diag *a, const struct diag *b);

#endif
