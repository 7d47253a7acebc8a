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
/* What the machine-readable formats say about the tool and its rules. */
struct emit_rule_info {
  const char *id;
  const char *summary;  /* one line */
  const char *markdown; /* the rule's documentation (docs/rules/<id>.md), may be NULL */
};

struct emit_meta {
  const char *tool_version;
  const struct emit_rule_info *rules;
  unsigned nrules;
};

/* emit_json: one JSON document {"format_version", "tool", "version", "diagnostics": [{rule,
 * severity, message, file, line, column, end_line, end_column, notes: [{message, file, line,
 * column}]}], "failures": [{file, message}]} (jansson); docs/json-format.md. */
enum { EMIT_JSON_FORMAT_VERSION = 1 };
void emit_json(FILE *out, const struct diag_list *l, const struct emit_meta *m);
/* emit_sarif: SARIF 2.1.0, as GitHub code scanning accepts it. */
void emit_sarif(FILE *out, const struct diag_list *l, const struct emit_meta *m);
/* emit_github: GitHub Actions workflow commands (::warning file=...,line=...,col=...,title=...::msg). */
void emit_github(FILE *out, const struct diag_list *l);

/* emit_severity_name: "note", "warning", "error". */
const char *emit_severity_name(enum diag_severity s);

#endif
