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
/* emit_concise: one line per diagnostic, `file:line:col: warning: message [rule]`, each note
 * folded in as ` (note: file:line:col: message)`: what Vim's default errorformat and Emacs'
 * compilation-mode read as one entry per finding. */
void emit_concise(FILE *out, const struct diag_list *l, const struct emit_opts *o);
/* emit_put_safe: s with control characters shown escaped (<U+001B>) and bytes that are not
 * UTF-8 as <FF>, so a file name or a message cannot drive the terminal nor break a line. */
void emit_put_safe(FILE *out, const char *s);
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
  const struct emit_rule_info *rules; /* the rules (the ids that are not rules: diag_tool_ids) */
  unsigned nrules;
  /* Where files are: cwd makes a relative file name absolute (NULL: "/"); root is the directory
   * SARIF's and GitLab's paths are relative to (the repository's top level; NULL: cwd). Both
   * absolute, without a trailing slash. */
  const char *cwd;
  const char *root;
  /* An editor's unsaved buffer that stands in for the file of that name (or NULL). */
  const char *buffer_file;
  const char *buffer_text;
  size_t buffer_len;
};

/* emit_project_path: path (a file name as diagnostics carry it) relative to m's root when it
 * lies below it (true), else absolute (false); the caller frees *out. */
bool emit_project_path(const struct emit_meta *m, const char *path, char **out);

/* emit_json: one JSON document {"format_version", "tool", "version", "diagnostics": [{rule,
 * severity, message, file, line, column, end_line, end_column, notes: [{message, file, line,
 * column}]}], "failures": [{file, message}]} (jansson); docs/json-format.md. */
enum { EMIT_JSON_FORMAT_VERSION = 1 };
void emit_json(FILE *out, const struct diag_list *l, const struct emit_meta *m);
/* emit_sarif: SARIF 2.1.0, as GitHub code scanning accepts it: URIs relative to m's root
 * (originalUriBaseIds SRCROOT), UTF-16 columns, every rule and diag_tool_ids with a helpUri,
 * failures as toolExecutionNotifications. */
void emit_sarif(FILE *out, const struct diag_list *l, const struct emit_meta *m);
/* emit_github: GitHub Actions workflow commands (::warning file=...,line=...,col=...,title=...::msg). */
void emit_github(FILE *out, const struct diag_list *l);

/* emit_gitlab: a GitLab Code Quality report: a JSON array of {description, check_name,
 * fingerprint, severity, location: {path, lines: {begin}}}, paths relative to m's root; the
 * fingerprint hashes rule, path and message (not the line) with an occurrence number. */
void emit_gitlab(FILE *out, const struct diag_list *l, const struct emit_meta *m);

/* emit_severity_name: "note", "warning", "error". */
const char *emit_severity_name(enum diag_severity s);

#endif
