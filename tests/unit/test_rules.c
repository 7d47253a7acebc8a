/* test_rules.c: one rule run on a lowered cfg without the driver: a snippet is parsed, one
 * function lowered (flow/lower.h) and solved (flow/solve.h) into a rule context
 * (rules/context.h) with only that rule enabled, and the diag_list is checked. The report
 * filter is the real one, so NOLINT comments in the snippet apply. */
#include <clang-c/Index.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/flow/cfg.h"
#include "analyzer/flow/lower.h"
#include "analyzer/flow/solve.h"
#include "analyzer/model/model.h"
#include "analyzer/report/diag.h"
#include "analyzer/report/filter.h"
#include "rules/context.h"

struct find_fn {
  const char *name;
  CXCursor found;
};

static enum CXChildVisitResult find_fn(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct find_fn *f = data;
  if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
    CXString s = clang_getCursorSpelling(c);
    bool hit = strcmp(clang_getCString(s), f->name) == 0;
    clang_disposeString(s);
    if (hit) {
      f->found = c;
      return CXChildVisit_Break;
    }
  }
  return CXChildVisit_Continue;
}

/* run_rule: the findings of rule `checks` on function `fn` of the C17 snippet src. */
static void run_rule(const char *src, const char *fn, const char *checks, struct diag_list *out) {
  const char *args[] = {"-std=c17", "-I" VTL_TESTDATA "/include", "-resource-dir", VTL_RESOURCE_DIR};
  struct CXUnsavedFile file = {"rule_snippet.c", src, (unsigned long)strlen(src)};
  CXIndex idx = clang_createIndex(0, 0);
  CXTranslationUnit tu = NULL;
  assert_int_equal(clang_parseTranslationUnit2(idx, "rule_snippet.c", args, 4, &file, 1, CXTranslationUnit_None, &tu),
                   CXError_Success);
  struct find_fn ff = {fn, clang_getNullCursor()};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), find_fn, &ff);
  assert_false(clang_Cursor_isNull(ff.found));

  struct arena a;
  arena_init(&a);
  struct report_filter *rf = filter_new(&a, NULL, NULL, NULL, out);
  struct rule_unit_opts ro = {tu, checks, NULL, false, rf, out, NULL, NULL, 0, 0};
  struct rule_unit *ru = rule_unit_new(&a, &ro);
  rule_unit_add_file(ru, clang_getFile(tu, "rule_snippet.c"), true);
  struct lower_opts lo = {.model = model_new(&a, NULL)};
  struct cfg g;
  cfg_init(&g, &a);
  assert_true(lower_function(&g, ff.found, &lo));
  solve_run(&g, rule_unit_event, ru);
  filter_release(rf);
  arena_release(&a);
  clang_disposeTranslationUnit(tu);
  clang_disposeIndex(idx);
}

static const char snippet[] =
    "#include <vtask.h>\n"                     /* 1 */
    "vtask_t read_async(int fd);\n"            /* 2 */
    "void f(int fd) {\n"                       /* 3 */
    "  vtask_t t = read_async(fd);\n"          /* 4 */
    "  vtask_await(t);\n"                      /* 5 */
    "  vtask_await(t);\n"                      /* 6 */
    "}\n"                                      /* 7 */
    "void g(int fd) {\n"                       /* 8 */
    "  vtask_t t = read_async(fd);\n"          /* 9 */
    "  vtask_await(t);\n"                      /* 10 */
    "  vtask_await(t); // NOLINT\n"            /* 11 */
    "}\n";

static void double_await_fires_with_a_note(void **state) {
  (void)state;
  struct diag_list out;
  diag_list_init(&out);
  run_rule(snippet, "f", "vtask-double-await", &out);
  assert_int_equal(out.items.n, 1);
  const struct diag *d = &out.items.v[0];
  assert_string_equal(d->rule, "vtask-double-await");
  assert_int_equal(d->sev, SEV_WARNING);
  assert_string_equal(d->loc.file, "rule_snippet.c");
  assert_int_equal(d->loc.line, 6);
  assert_int_equal(d->loc.col, 3);
  assert_string_equal(d->message, "'t' is awaited twice; a vtask may be consumed only once");
  assert_int_equal(d->nnotes, 1);
  assert_int_equal(d->notes[0].loc.line, 5);
  diag_list_release(&out);
}

static void disabled_rule_and_nolint_stay_quiet(void **state) {
  (void)state;
  struct diag_list out;
  diag_list_init(&out);
  run_rule(snippet, "f", "vtask-discarded", &out);
  run_rule(snippet, "g", "vtask-double-await", &out);
  assert_int_equal(out.items.n, 0);
  diag_list_release(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(double_await_fires_with_a_note),
      cmocka_unit_test(disabled_rule_and_nolint_stay_quiet),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
