/* emit.h: renderers of a finished, sorted diag_list. */
#ifndef VTL_REPORT_EMIT_H
#define VTL_REPORT_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "analyzer/report/diag.h"

struct emit_opts {
  bool color;   /* ANSI colours, as clang does on a terminal */
  bool snippet; /* source line and caret under each diagnostic */
};

/* emit_text: clang's format: `file:line:col: warning: message [rule]`, snippet, caret, notes. */
void emit_text(FILE *out, const struct diag_list *l, const struct emit_opts *o);
/* emit_format_line: the first line alone (no newline), for tests and other emitters. */
void emit_format_line(char *buf, size_t size, const struct diag *d);
/* emit_severity_name: "note", "warning", "error". */
const char *emit_severity_name(enum diag_severity s);

#endif
