/* test_emit.c: the diagnostic list (analyzer/report/diag.h) and the text emitter (emit.h), the
 * format users read: `file:line:col: warning: message [rule]`, the source line under a
 * right-aligned line number, a caret line with `~` under the range, then `note:` lines.
 * Diagnostics are built by hand against a source file the test writes, so every byte of the
 * expected output is visible here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/report/diag.h"
#include "analyzer/report/emit.h"
#include "analyzer/support/strbuf.h"

/* The source every located diagnostic below points into. Line numbers matter. */
static const char source_text[] =
    "int main(void) {\n"              /* 1 */
    "  vtask_t t = read_async(0);\n"  /* 2 */
    "  vtask_await(t);\n"             /* 3 */
    "\tvtask_await(t);\n"             /* 4: a leading tab */
    "a\tb\tvtask_await(t);\n"         /* 5: tabs mid-line go to the next multiple of 8 */
    "/* \xC3\xA9 */ x;\n"             /* 6: a two-byte UTF-8 character is one column */
    "  crlf();\r\n"                   /* 7: a CRLF line ending is not shown */
    "\n"                              /* 8: empty */
    "end";                            /* 9: no final newline */

struct fixture {
  char dir[64];
  char *path;    /* the source above, absolute */
  char *missing; /* a path that does not exist */
};

static int setup(void **state) {
  struct fixture *fx = calloc(1, sizeof *fx);
  strcpy(fx->dir, "/tmp/vtl-test-emit-XXXXXX");
  if (!mkdtemp(fx->dir))
    return -1;
  struct strbuf p = STRBUF_INIT;
  sb_addf(&p, "%s/src.c", fx->dir);
  fx->path = sb_detach(&p);
  sb_addf(&p, "%s/missing.c", fx->dir);
  fx->missing = sb_detach(&p);
  FILE *f = fopen(fx->path, "wb");
  if (!f)
    return -1;
  fwrite(source_text, 1, sizeof source_text - 1, f);
  fclose(f);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  struct fixture *fx = *state;
  remove(fx->path);
  rmdir(fx->dir);
  free(fx->path);
  free(fx->missing);
  free(fx);
  return 0;
}

/* render: what emit_text writes for l (the caller frees). */
static char *render(const struct diag_list *l, bool snippet, bool color) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  struct emit_opts o = {color, snippet};
  emit_text(out, l, &o);
  fclose(out);
  return buf;
}

/* expect_output: emit_text's output for l equals the lines given, with every "%s" replaced by
 * the source path. */
static void expect_output(const struct fixture *fx, const struct diag_list *l, const char *want_fmt) {
  struct strbuf want = STRBUF_INIT;
  for (const char *p = want_fmt; *p; p++) {
    if (p[0] == '%' && p[1] == 's') {
      sb_adds(&want, fx->path);
      p++;
    } else {
      sb_addc(&want, *p);
    }
  }
  char *got = render(l, true, false);
  assert_string_equal(got, sb_cstr(&want));
  free(got);
  sb_release(&want);
}

static struct diag_loc at(const char *file, unsigned line, unsigned col, unsigned end_col) {
  struct diag_loc loc = {file, line, col, end_col};
  return loc;
}

/* ---- emit_text ---- */

/* The whole picture: head line, source line, caret with a range, then the note. */
static void text_warning_with_snippet_and_note(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 3, 3, 17);
  struct diag *d = diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "'%s' is awaited twice", "t");
  struct diag_loc first = at(fx->path, 2, 11, 12);
  diag_note(&l, d, &first, "'%s' was created here", "t");
  expect_output(fx, &l,
                "%s:3:3: warning: 't' is awaited twice [vtask-double-await]\n"
                "    3 |   vtask_await(t);\n"
                "      |   ^~~~~~~~~~~~~~\n"
                "%s:2:11: note: 't' was created here\n");
  diag_list_release(&l);
}

/* No range (end_col 0): a lone caret. */
static void text_caret_without_range(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 2, 3, 0);
  diag_add(&l, "vtask-discarded", SEV_WARNING, &loc, "msg");
  expect_output(fx, &l,
                "%s:2:3: warning: msg [vtask-discarded]\n"
                "    2 |   vtask_t t = read_async(0);\n"
                "      |   ^\n");
  diag_list_release(&l);
}

/* A leading tab shows as 8 spaces and the caret follows it. */
static void text_tab_expands_to_8_columns(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 4, 2, 16);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "msg");
  expect_output(fx, &l,
                "%s:4:2: warning: msg [vtask-double-await]\n"
                "    4 |         vtask_await(t);\n"
                "      |         ^~~~~~~~~~~~~~\n");
  diag_list_release(&l);
}

/* A tab after text goes to the next multiple of 8, not 8 further. The column in the head line
 * stays the byte column, as clang's does. */
static void text_tab_stops_mid_line(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 5, 5, 19);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "msg");
  expect_output(fx, &l,
                "%s:5:5: warning: msg [vtask-double-await]\n"
                "    5 | a       b       vtask_await(t);\n"
                "      |                 ^~~~~~~~~~~~~~\n");
  diag_list_release(&l);
}

/* The caret counts characters, not UTF-8 bytes. */
static void text_utf8_is_one_column(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 6, 10, 11); /* 'x': byte 10, display column 9 */
  diag_add(&l, "r", SEV_WARNING, &loc, "msg");
  expect_output(fx, &l,
                "%s:6:10: warning: msg [r]\n"
                "    6 | /* \xC3\xA9 */ x;\n"
                "      |         ^\n");
  diag_list_release(&l);
}

/* A source line (and a file name) cannot drive the terminal: control characters show as clang
 * shows them, stray bytes as <XX>; the caret still points at the same character (issue 12,
 * item 14). */
static void text_escapes_control_characters(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at("a\033]0;owned\007.c", 1, 14, 15); /* the x */
  struct diag *d = diag_add(&l, "r", SEV_WARNING, &loc, "msg \033[2J");
  const char src[] = "/*\033[31m\x9b\xc2\x9b*/ x;";
  diag_set_source(&l, d, src, sizeof src - 1);
  char *got = render(&l, true, false);
  assert_string_equal(got, "a<U+001B>]0;owned<U+0007>.c:1:14: warning: msg <U+001B>[2J [r]\n"
                           "    1 | /*<U+001B>[31m<9B><U+009B>*/ x;\n"
                           "      | " "                             ^\n");
  assert_null(strchr(got, '\033'));
  free(got);
  diag_list_release(&l);
}

/* A CRLF line is shown without its '\r'; the last line needs no newline; a caret just past the
 * end of the line sits after its last character. */
static void text_line_endings(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc crlf = at(fx->path, 7, 3, 9);
  diag_add(&l, "r", SEV_WARNING, &crlf, "crlf");
  struct diag_loc last = at(fx->path, 9, 1, 4);
  diag_add(&l, "r", SEV_WARNING, &last, "last");
  struct diag_loc eol = at(fx->path, 3, 18, 0);
  diag_add(&l, "r", SEV_WARNING, &eol, "eol");
  diag_sort_unique(&l);
  expect_output(fx, &l,
                "%s:3:18: warning: eol [r]\n"
                "    3 |   vtask_await(t);\n"
                "      |                  ^\n"
                "%s:7:3: warning: crlf [r]\n"
                "    7 |   crlf();\n"
                "      |   ^~~~~~\n"
                "%s:9:1: warning: last [r]\n"
                "    9 | end\n"
                "      | ^~~\n");
  diag_list_release(&l);
}

/* Several notes, in the order added; a note without a location is just "note: msg". */
static void text_notes(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 3, 3, 0);
  struct diag *d = diag_add(&l, "vtask-use-after-await", SEV_WARNING, &loc, "msg");
  struct diag_loc n1 = at(fx->path, 2, 3, 0);
  diag_note(&l, d, &n1, "first");
  diag_note(&l, d, NULL, "second, nowhere");
  struct diag_loc n3 = at("other.c", 40, 7, 0);
  diag_note(&l, d, &n3, "third");
  expect_output(fx, &l,
                "%s:3:3: warning: msg [vtask-use-after-await]\n"
                "    3 |   vtask_await(t);\n"
                "      |   ^\n"
                "%s:2:3: note: first\n"
                "note: second, nowhere\n"
                "other.c:40:7: note: third\n");
  diag_list_release(&l);
}

/* No snippet when the file cannot be read, when the line is past its end, without a location,
 * or when the options say so; the head line is printed all the same. */
static void text_no_snippet(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc gone = at(fx->missing, 3, 3, 17);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &gone, "unreadable");
  struct diag_loc past = at(fx->path, 99, 1, 0);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &past, "past the end");
  diag_add(&l, "vtask-analysis", SEV_NOTE, NULL, "nowhere");
  struct strbuf want = STRBUF_INIT;
  sb_addf(&want,
          "%s:3:3: warning: unreadable [vtask-double-await]\n"
          "%s:99:1: warning: past the end [vtask-double-await]\n"
          "note: nowhere [vtask-analysis]\n",
          fx->missing, fx->path);
  char *got = render(&l, true, false);
  assert_string_equal(got, sb_cstr(&want));
  free(got);
  sb_release(&want);

  diag_list_release(&l);
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 3, 3, 17);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "msg");
  got = render(&l, false, false);
  sb_addf(&want, "%s:3:3: warning: msg [vtask-double-await]\n", fx->path);
  assert_string_equal(got, sb_cstr(&want));
  free(got);
  sb_release(&want);
  diag_list_release(&l);
}

/* Severity names; an error reads "error:". */
static void text_severities(void **state) {
  struct fixture *fx = *state;
  assert_string_equal(emit_severity_name(SEV_NOTE), "note");
  assert_string_equal(emit_severity_name(SEV_WARNING), "warning");
  assert_string_equal(emit_severity_name(SEV_ERROR), "error");
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 1, 1, 0);
  diag_add(&l, "clang-diagnostic-error", SEV_ERROR, &loc, "expected ';'");
  char *got = render(&l, false, false);
  struct strbuf want = STRBUF_INIT;
  sb_addf(&want, "%s:1:1: error: expected ';' [clang-diagnostic-error]\n", fx->path);
  assert_string_equal(got, sb_cstr(&want));
  free(got);
  sb_release(&want);
  diag_list_release(&l);
}

/* Colour only when asked: no escape sequences otherwise. */
static void text_color_only_when_asked(void **state) {
  struct fixture *fx = *state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(fx->path, 3, 3, 17);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "msg");
  char *plain = render(&l, true, false);
  char *color = render(&l, true, true);
  assert_null(strchr(plain, '\033'));
  assert_non_null(strstr(color, "\033["));
  assert_non_null(strstr(color, "msg"));
  assert_non_null(strstr(color, "[vtask-double-await]"));
  free(plain);
  free(color);
  diag_list_release(&l);
}

static void text_empty_list_prints_nothing(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  char *got = render(&l, true, false);
  assert_string_equal(got, "");
  free(got);
  diag_list_release(&l);
}

/* ---- emit_format_line ---- */

static void format_line(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at("src/a.c", 12, 5, 9);
  struct diag *d = diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "'%s' is awaited twice", "rd");
  char buf[256];
  emit_format_line(buf, sizeof buf, d);
  assert_string_equal(buf, "src/a.c:12:5: warning: 'rd' is awaited twice [vtask-double-await]");

  d = diag_add(&l, "vtask-analysis", SEV_NOTE, NULL, "skipped");
  emit_format_line(buf, sizeof buf, d);
  assert_string_equal(buf, "note: skipped [vtask-analysis]");

  /* A short buffer is truncated and still terminated. */
  char small[8];
  memset(small, 'X', sizeof small);
  emit_format_line(small, sizeof small, &l.items.v[0]);
  assert_string_equal(small, "src/a.c");
  diag_list_release(&l);
}

/* ---- the diag list ---- */

/* Strings are copied: the caller's buffers may change afterwards. */
static void diag_add_copies_strings(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  char file[] = "a.c", rule[] = "rule-x", arg[] = "t";
  struct diag_loc loc = at(file, 1, 2, 0);
  struct diag *d = diag_add(&l, rule, SEV_WARNING, &loc, "'%s' %d", arg, 7);
  diag_note(&l, d, &loc, "note %s", arg);
  file[0] = rule[0] = arg[0] = '#';
  assert_string_equal(l.items.v[0].loc.file, "a.c");
  assert_string_equal(l.items.v[0].rule, "rule-x");
  assert_string_equal(l.items.v[0].message, "'t' 7");
  assert_int_equal(l.items.v[0].nnotes, 1);
  assert_string_equal(l.items.v[0].notes[0].message, "note t");
  assert_string_equal(l.items.v[0].notes[0].loc.file, "a.c");
  diag_list_release(&l);
}

static void add(struct diag_list *l, const char *file, unsigned line, unsigned col, const char *rule,
                const char *msg) {
  struct diag_loc loc = at(file, line, col, 0);
  diag_add(l, rule, SEV_WARNING, &loc, "%s", msg);
}

/* diag_sort_unique: by file, line, column, rule (then message); exact duplicates once. */
static void sort_unique_orders_and_dedups(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  add(&l, "b.c", 1, 1, "vtask-a", "m");
  add(&l, "a.c", 10, 1, "r", "m");    /* line 10 after line 9: numbers, not strings */
  add(&l, "a.c", 9, 5, "r", "m");
  add(&l, "a.c", 9, 2, "vtask-z", "m");
  add(&l, "a.c", 9, 2, "vtask-b", "m"); /* same place: by rule */
  add(&l, "a.c", 9, 5, "r", "m");     /* duplicate of the third */
  add(&l, "a.c", 100, 1, "r", "m");
  add(&l, "a.c", 9, 2, "vtask-b", "m"); /* duplicate again */
  add(&l, "a.c", 9, 5, "r", "another message"); /* not a duplicate: the message differs */
  diag_sort_unique(&l);

  static const struct {
    const char *file;
    unsigned line, col;
    const char *rule, *msg;
  } want[] = {
      {"a.c", 9, 2, "vtask-b", "m"},   {"a.c", 9, 2, "vtask-z", "m"}, {"a.c", 9, 5, "r", "another message"},
      {"a.c", 9, 5, "r", "m"},         {"a.c", 10, 1, "r", "m"},      {"a.c", 100, 1, "r", "m"},
      {"b.c", 1, 1, "vtask-a", "m"},
  };
  assert_int_equal(l.items.n, sizeof want / sizeof *want);
  for (size_t i = 0; i < l.items.n; i++) {
    const struct diag *d = &l.items.v[i];
    assert_string_equal(d->loc.file, want[i].file);
    assert_int_equal(d->loc.line, want[i].line);
    assert_int_equal(d->loc.col, want[i].col);
    assert_string_equal(d->rule, want[i].rule);
    assert_string_equal(d->message, want[i].msg);
  }
  diag_list_release(&l);
}

/* A header's finding met from two translation units is reported once (diag.h). */
static void sort_unique_merges_units(void **state) {
  (void)state;
  struct diag_list unit1, unit2, all;
  diag_list_init(&unit1);
  diag_list_init(&unit2);
  diag_list_init(&all);
  add(&unit1, "inc/h.h", 4, 3, "vtask-stored-in-field", "field");
  add(&unit1, "a.c", 2, 1, "vtask-discarded", "a");
  add(&unit2, "inc/h.h", 4, 3, "vtask-stored-in-field", "field");
  add(&unit2, "b.c", 2, 1, "vtask-discarded", "b");
  diag_append(&all, &unit1);
  diag_append(&all, &unit2);
  diag_list_release(&unit1); /* all owns copies */
  diag_list_release(&unit2);
  diag_sort_unique(&all);
  assert_int_equal(all.items.n, 3);
  assert_string_equal(all.items.v[0].loc.file, "a.c");
  assert_string_equal(all.items.v[1].loc.file, "b.c");
  assert_string_equal(all.items.v[2].loc.file, "inc/h.h");
  assert_string_equal(all.items.v[2].message, "field");
  diag_list_release(&all);
}

/* diag_append carries notes along. */
static void append_copies_notes(void **state) {
  (void)state;
  struct diag_list src, dst;
  diag_list_init(&src);
  diag_list_init(&dst);
  struct diag_loc loc = at("a.c", 5, 1, 0);
  struct diag *d = diag_add(&src, "r", SEV_WARNING, &loc, "msg");
  struct diag_loc nl = at("a.c", 3, 1, 0);
  diag_note(&src, d, &nl, "first here");
  diag_append(&dst, &src);
  diag_list_release(&src);
  assert_int_equal(dst.items.n, 1);
  assert_int_equal(dst.items.v[0].nnotes, 1);
  assert_string_equal(dst.items.v[0].notes[0].message, "first here");
  assert_string_equal(dst.items.v[0].notes[0].loc.file, "a.c");
  assert_int_equal(dst.items.v[0].notes[0].loc.line, 3);
  diag_list_release(&dst);
}

/* Sorting an empty or one-element list is a no-op. */
static void sort_unique_small(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  diag_sort_unique(&l);
  assert_int_equal(l.items.n, 0);
  add(&l, "a.c", 1, 1, "r", "m");
  diag_sort_unique(&l);
  assert_int_equal(l.items.n, 1);
  diag_list_release(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_warning_with_snippet_and_note),
      cmocka_unit_test(text_caret_without_range),
      cmocka_unit_test(text_tab_expands_to_8_columns),
      cmocka_unit_test(text_tab_stops_mid_line),
      cmocka_unit_test(text_utf8_is_one_column),
      cmocka_unit_test(text_escapes_control_characters),
      cmocka_unit_test(text_line_endings),
      cmocka_unit_test(text_notes),
      cmocka_unit_test(text_no_snippet),
      cmocka_unit_test(text_severities),
      cmocka_unit_test(text_color_only_when_asked),
      cmocka_unit_test(text_empty_list_prints_nothing),
      cmocka_unit_test(format_line),
      cmocka_unit_test(diag_add_copies_strings),
      cmocka_unit_test(sort_unique_orders_and_dedups),
      cmocka_unit_test(sort_unique_merges_units),
      cmocka_unit_test(append_copies_notes),
      cmocka_unit_test(sort_unique_small),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
