/* context.c: see context.h. The only code of rules/ that calls libclang: cursor to location,
 * and the files' buffers for the filter and for snippets. */
#include "rules/context.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/glob.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"
#include "rules/rule.h"

struct file_name {
  CXFile file;
  const char *display;
  bool given; /* its text went to the filter */
};

struct rule_unit {
  struct arena *arena;
  struct rule_unit_opts o;
  const char *fn_name; /* the function whose events the rules are seeing */
  VEC(const struct rule *) enabled;
  VEC(struct file_name) files;
  bool unmappable; /* rule_unit_line met a line it could not map */
};

struct rule_ctx {
  struct rule_unit *ru;
  const struct rule *rule;
};

bool rule_enabled(const char *checks, const char *id) { return !checks || globlist_match(checks, id) == 1; }

struct rule_unit *rule_unit_new(struct arena *a, const struct rule_unit_opts *o) {
  struct rule_unit *ru = ARENA_NEW(a, struct rule_unit);
  ru->arena = a;
  ru->o = *o;
  for (unsigned i = 0; i < rule_registry_count; i++)
    if (rule_enabled(o->checks, rule_registry[i]->id))
      vec_push(a, &ru->enabled, rule_registry[i]);
  return ru;
}

void rule_unit_event(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct rule_unit *ru = self;
  ru->fn_name = flow_cfg(fx)->fn_name;
  for (size_t i = 0; i < ru->enabled.n; i++) {
    if (!ru->enabled.v[i]->on_event)
      continue;
    struct rule_ctx rc = {ru, ru->enabled.v[i]};
    ru->enabled.v[i]->on_event(&rc, fx, ev);
  }
}

void rule_unit_decl(struct rule_unit *ru, const struct decl_fact *f) {
  ru->fn_name = NULL;
  for (size_t i = 0; i < ru->enabled.n; i++) {
    if (!ru->enabled.v[i]->on_decl)
      continue;
    struct rule_ctx rc = {ru, ru->enabled.v[i]};
    ru->enabled.v[i]->on_decl(&rc, f);
  }
}

/* ---- locations ---- */

static struct file_name *file_entry(struct rule_unit *ru, CXFile f) {
  for (size_t i = 0; i < ru->files.n; i++)
    if (clang_File_isEqual(ru->files.v[i].file, f))
      return &ru->files.v[i];
  CXString s = clang_getFileName(f);
  bool alias = ru->o.main_path && ru->o.main_file && clang_File_isEqual(f, ru->o.main_file);
  char *abs = path_absolute(alias ? ru->o.main_path : clang_getCString(s), ru->o.workdir);
  clang_disposeString(s);
  char *disp = path_display(abs);
  struct file_name fn = {f, arena_strdup(ru->arena, disp), false};
  free(abs);
  free(disp);
  vec_push(ru->arena, &ru->files, fn);
  return &ru->files.v[ru->files.n - 1];
}

const char *rule_unit_file(struct rule_unit *ru, CXFile f) { return file_entry(ru, f)->display; }

unsigned rule_unit_line(struct rule_unit *ru, CXFile f, unsigned line) {
  if (!ru->o.main_path || !ru->o.main_file || !ru->o.tu_lines || !f || !clang_File_isEqual(f, ru->o.main_file))
    return line;
  if (line <= ru->o.tu_lines) {
    ru->unmappable = true;
    return line;
  }
  return line - ru->o.tu_lines + ru->o.own_lines;
}

bool rule_unit_unmappable(const struct rule_unit *ru) { return ru->unmappable; }

void rule_unit_add_file_text(struct rule_unit *ru, CXFile f, const char *text, size_t len, bool is_main) {
  struct file_name *fn = file_entry(ru, f);
  if (fn->given)
    return;
  fn->given = true;
  filter_add_file(ru->o.filter, fn->display, text, len, is_main);
}

void rule_unit_add_file(struct rule_unit *ru, CXFile f, bool is_main) {
  struct file_name *fn = file_entry(ru, f);
  if (fn->given)
    return;
  size_t len = 0;
  const char *text = clang_getFileContents(ru->o.tu, f, &len);
  rule_unit_add_file_text(ru, f, text, len, is_main);
}

/* cursor_loc: libclang.md section 3: a declaration at its name, anything else at the start of
 * its extent; the highlighted range ends after a declaration's name, or at the extent's end
 * when that is on the same line. */
static bool cursor_loc(struct rule_unit *ru, CXCursor c, struct diag_loc *out, CXFile *file) {
  enum CXCursorKind k = clang_getCursorKind(c);
  bool decl = clang_isDeclaration(k);
  CXSourceRange ext = clang_getCursorExtent(c);
  CXSourceLocation start = decl ? clang_getCursorLocation(c) : clang_getRangeStart(ext);
  CXFile ef = NULL;
  clang_getExpansionLocation(start, &ef, NULL, NULL, NULL);
  if (!ef || clang_Location_isInSystemHeader(start))
    return false;
  CXFile f = NULL;
  unsigned line, col;
  clang_getFileLocation(start, &f, &line, &col, NULL);
  if (!f)
    return false;
  out->file = rule_unit_file(ru, f);
  if (file)
    *file = f;
  out->line = rule_unit_line(ru, f, line);
  out->col = col;
  out->end_col = 0;
  if (decl) {
    CXString s = clang_getCursorSpelling(c);
    size_t n = strlen(clang_getCString(s));
    clang_disposeString(s);
    if (n)
      out->end_col = col + (unsigned)n;
  } else {
    CXFile f2 = NULL;
    unsigned l2, c2;
    clang_getFileLocation(clang_getRangeEnd(ext), &f2, &l2, &c2, NULL);
    if (f2 && clang_File_isEqual(f, f2) && l2 == line && c2 > col)
      out->end_col = c2;
  }
  return true;
}

bool rule_unit_loc(struct rule_unit *ru, CXCursor c, struct diag_loc *out) { return cursor_loc(ru, c, out, NULL); }

/* source_line: line `line` of f's buffer, for the snippet. */
static void source_line(struct rule_unit *ru, CXFile f, unsigned line, struct diag *d) {
  size_t len = 0;
  const char *text = clang_getFileContents(ru->o.tu, f, &len);
  const char *p = text, *end = text ? text + len : NULL;
  for (unsigned l = 1; p && l < line; l++) {
    p = memchr(p, '\n', (size_t)(end - p));
    p = p ? p + 1 : NULL;
  }
  if (p) {
    const char *e = memchr(p, '\n', (size_t)(end - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r')
      n--;
    diag_set_source(ru->o.out, d, p, n);
  }
}

/* macro_defining: the name of the macro whose #define holds offset off of f's text (the
 * logical line, backslash continuations included, that starts with `#define NAME`); NULL. */
static char *macro_defining(struct rule_unit *ru, CXFile f, unsigned off) {
  size_t len = 0;
  const char *t = clang_getFileContents(ru->o.tu, f, &len);
  if (!t || off >= len)
    return NULL;
  size_t b = off;
  for (;;) { /* back to the start of the logical line */
    while (b > 0 && t[b - 1] != '\n')
      b--;
    size_t e = b >= 2 ? b - 2 : 0; /* the previous line's last character */
    if (b >= 2 && t[e] == '\\')
      b = e;
    else if (b >= 3 && t[b - 2] == '\r' && t[b - 3] == '\\')
      b = b - 3;
    else
      break;
  }
  while (b < len && (t[b] == ' ' || t[b] == '\t'))
    b++;
  if (b >= len || t[b] != '#')
    return NULL;
  b++;
  while (b < len && (t[b] == ' ' || t[b] == '\t'))
    b++;
  if (len - b < 7 || strncmp(t + b, "define", 6) != 0 || (t[b + 6] != ' ' && t[b + 6] != '\t'))
    return NULL;
  b += 6;
  while (b < len && (t[b] == ' ' || t[b] == '\t'))
    b++;
  size_t e = b;
  while (e < len && (t[e] == '_' || (t[e] >= 'a' && t[e] <= 'z') || (t[e] >= 'A' && t[e] <= 'Z') || (e > b && t[e] >= '0' && t[e] <= '9')))
    e++;
  return e > b ? arena_strndup(ru->arena, t + b, e - b) : NULL;
}

/* macro_note: a finding whose code a macro's body spelled is shown at the macro's use (the
 * file location); as clang does, a note says which macro, where in it, and (so that findings
 * from different functions one use generated stay apart) in which function. */
static void macro_note(struct rule_unit *ru, struct diag *d, CXCursor at) {
  CXSourceLocation start = clang_isDeclaration(clang_getCursorKind(at)) ? clang_getCursorLocation(at)
                                                                       : clang_getRangeStart(clang_getCursorExtent(at));
  CXFile ff = NULL, sf = NULL;
  unsigned fl, fc, sl, sc, soff;
  clang_getFileLocation(start, &ff, &fl, &fc, NULL);
  clang_getSpellingLocation(start, &sf, &sl, &sc, &soff);
  if (!sf || (ff && clang_File_isEqual(ff, sf) && fl == sl && fc == sc))
    return; /* not spelled in a macro's body */
  char *name = macro_defining(ru, sf, soff);
  struct diag_loc loc = {rule_unit_file(ru, sf), rule_unit_line(ru, sf, sl), sc, 0};
  if (!loc.file)
    return;
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "expanded from macro '%s'", name ? name : "?");
  if (ru->fn_name && *ru->fn_name)
    sb_addf(&sb, " in '%s'", ru->fn_name);
  diag_note(ru->o.out, d, &loc, "%s", sb_cstr(&sb));
  sb_release(&sb);
}

/* ---- what rules call (rule.h) ---- */

struct diag *rule_report(struct rule_ctx *rc, CXCursor at, const char *fmt, ...) {
  struct rule_unit *ru = rc->ru;
  struct diag_loc loc;
  CXFile f = NULL;
  if (!cursor_loc(ru, at, &loc, &f))
    return NULL;
  rule_unit_add_file(ru, f, false); /* the main file was added first, as main */
  enum diag_severity sev;
  if (!filter_keep(ru->o.filter, loc.file, loc.line, rc->rule->id, &sev))
    return NULL;
  va_list ap;
  va_start(ap, fmt);
  struct diag *d = diag_vadd(ru->o.out, rc->rule->id, sev, &loc, fmt, ap);
  va_end(ap);
  if (ru->o.keep_source)
    source_line(ru, f, loc.line, d);
  macro_note(ru, d, at);
  return d;
}

void rule_note(struct rule_ctx *rc, struct diag *d, CXCursor at, const char *fmt, ...) {
  struct diag_loc loc;
  if (!d || !cursor_loc(rc->ru, at, &loc, NULL))
    return;
  struct strbuf sb = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&sb, fmt, ap);
  va_end(ap);
  diag_note(rc->ru->o.out, d, &loc, "%s", sb_cstr(&sb));
  sb_release(&sb);
}
