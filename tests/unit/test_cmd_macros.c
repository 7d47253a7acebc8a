/* test_cmd_macros.c: analyzer/driver/cmd_macros.h, what lets units whose commands differ in
 * -D and -U share a preamble: which arguments are macro arguments, the directives that turn
 * one command's macros into another's with the names to check in the preamble, and when that
 * cannot be said. Near misses say why they must not match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/driver/cmd_macros.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void macro_args_joined_and_separate(void **state) {
  (void)state;
  const char *a[] = {"-DX=1", "-D", "Y", "-UZ", "-U", "W", "-O2", "-I", "inc", "-Dz"};
  assert_int_equal(cmd_macro_arg(a, N(a), 0), 1);
  assert_int_equal(cmd_macro_arg(a, N(a), 1), 2);
  assert_int_equal(cmd_macro_arg(a, N(a), 3), 1);
  assert_int_equal(cmd_macro_arg(a, N(a), 4), 2);
  assert_int_equal(cmd_macro_arg(a, N(a), 6), 0); /* -O2 */
  assert_int_equal(cmd_macro_arg(a, N(a), 7), 0); /* -I */
  assert_int_equal(cmd_macro_arg(a, N(a), 9), 1);
  const char *last[] = {"-D"}; /* a -D with nothing after it: one argument */
  assert_int_equal(cmd_macro_arg(last, 1, 0), 1);
}

/* rebase: the directives and names from command `from` to `to`. */
static bool rebase(const char *const *from, int nf, const char *const *to, int nt, struct strbuf *d, unsigned *lines,
                   struct strbuf *names) {
  sb_reset(d);
  sb_reset(names);
  return cmd_macros_rebase(from, nf, to, nt, d, lines, names);
}

static void same_macros_need_nothing(void **state) {
  (void)state;
  const char *a[] = {"-std=c++20", "-DA=1", "-UB"};
  const char *b[] = {"-UB", "-D", "A=1", "-Wall"}; /* the other arguments are not its business */
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 7;
  assert_true(rebase(a, N(a), b, N(b), &d, &lines, &names));
  assert_int_equal(d.len, 0);
  assert_int_equal(names.len, 0);
  assert_int_equal(lines, 0);
  sb_release(&d);
  sb_release(&names);
}

static void a_changed_value_is_redefined(void **state) {
  (void)state;
  const char *a[] = {"-DUNIT=3", "-DKEEP"};
  const char *b[] = {"-DUNIT=6", "-DKEEP"};
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 0;
  assert_true(rebase(a, N(a), b, N(b), &d, &lines, &names));
  assert_string_equal(sb_cstr(&d), CMD_MACROS_FENCE "\n#undef UNIT\n#define UNIT 6\n");
  assert_int_equal(lines, 3);
  assert_int_equal(names.len, sizeof "UNIT");
  assert_string_equal(names.buf, "UNIT");
  sb_release(&d);
  sb_release(&names);
}

static void added_removed_and_function_like(void **state) {
  (void)state;
  const char *a[] = {"-DOLD", "-DF(x)=x"};
  const char *b[] = {"-DF(x)=(x)+1", "-DNEW", "-UGONE"};
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 0;
  assert_true(rebase(a, N(a), b, N(b), &d, &lines, &names));
  /* -DNEW means 1; a macro only the first command has is undefined; -UGONE is said too */
  assert_string_equal(sb_cstr(&d), CMD_MACROS_FENCE "\n#undef F\n#define F(x) (x)+1\n#undef NEW\n#define NEW 1\n"
                                                    "#undef GONE\n#undef OLD\n");
  assert_int_equal(lines, 7);
  sb_release(&d);
  sb_release(&names);
}

static void the_last_argument_wins(void **state) {
  (void)state;
  const char *a[] = {"-DX=1"};
  const char *b[] = {"-DX=2", "-UX", "-DX=1"}; /* ends as the first command has it */
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 0;
  assert_true(rebase(a, N(a), b, N(b), &d, &lines, &names));
  assert_int_equal(d.len, 0);
  const char *c[] = {"-DX=1", "-UX"};
  assert_true(rebase(a, N(a), c, N(c), &d, &lines, &names));
  assert_string_equal(sb_cstr(&d), CMD_MACROS_FENCE "\n#undef X\n");
  sb_release(&d);
  sb_release(&names);
}

static void a_macro_spelling_a_changed_one_is_checked_too(void **state) {
  (void)state;
  const char *a[] = {"-DLEVEL=1", "-DVERBOSE=LEVEL>0"};
  const char *b[] = {"-DLEVEL=2", "-DVERBOSE=LEVEL>0"};
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 0;
  assert_true(rebase(a, N(a), b, N(b), &d, &lines, &names));
  /* VERBOSE's expansion changes with LEVEL: a preamble reading VERBOSE must not share */
  assert_int_equal(names.len, sizeof "LEVEL" + sizeof "VERBOSE");
  assert_string_equal(names.buf, "LEVEL");
  assert_string_equal(names.buf + sizeof "LEVEL", "VERBOSE");
  sb_release(&d);
  sb_release(&names);
}

static void what_directives_cannot_say(void **state) {
  (void)state;
  struct strbuf d = STRBUF_INIT, names = STRBUF_INIT;
  unsigned lines = 0;
  const char *a[] = {"-DX=1"};
  const char *nl[] = {"-DX=1\n2"}; /* a line break in a value */
  assert_false(rebase(a, N(a), nl, N(nl), &d, &lines, &names));
  const char *reserved[] = {"-D_FORTIFY_SOURCE=2"};
  const char *none[] = {"-O2"}; /* back to what the implementation predefines: unknown here */
  assert_false(rebase(reserved, N(reserved), none, N(none), &d, &lines, &names));
  const char *undef_reserved[] = {"-U__STRICT_ANSI__"};
  assert_false(rebase(undef_reserved, N(undef_reserved), none, N(none), &d, &lines, &names));
  const char *bad[] = {"-D=1"}; /* no name */
  assert_false(rebase(a, N(a), bad, N(bad), &d, &lines, &names));
  /* near miss: an ordinary name only the first command defines is undefined, which is sure */
  assert_true(rebase(a, N(a), none, N(none), &d, &lines, &names));
  assert_string_equal(sb_cstr(&d), CMD_MACROS_FENCE "\n#undef X\n");
  sb_release(&d);
  sb_release(&names);
}

static void spelled_as_a_whole_identifier(void **state) {
  (void)state;
  const char *t = "#if BENCH_UNIT > 2\n#define NDEBUG_X 1\nint UNITS;\n";
  assert_true(cmd_macros_spelled(t, strlen(t), "BENCH_UNIT"));
  assert_true(cmd_macros_spelled(t, strlen(t), "NDEBUG_X"));
  assert_false(cmd_macros_spelled(t, strlen(t), "UNIT")); /* inside BENCH_UNIT, UNITS */
  assert_false(cmd_macros_spelled(t, strlen(t), "NDEBUG"));
  assert_false(cmd_macros_spelled(t, strlen(t), "BENCH"));
  assert_true(cmd_macros_spelled("X", 1, "X")); /* at both ends of the text */
  assert_false(cmd_macros_spelled("", 0, "X"));
}

/* cmd_words says what cmd_macros_spelled says of the texts added, whole identifiers only. */
static void words_as_spelled(void **state) {
  (void)state;
  const char *t = "#if BENCH_UNIT > 2\n#define NDEBUG_X 1\nint UNITS; x$y 2u8 caf\xc3\xa9;\n";
  const char *names[] = {"BENCH_UNIT", "NDEBUG_X", "UNIT", "NDEBUG", "BENCH", "UNITS", "x", "x$y", "y", "u8",
                         "caf", "define", "if", "int", "Z"};
  struct cmd_words w = {0};
  assert_false(cmd_words_has(&w, "X")); /* nothing added */
  cmd_words_add(&w, t, strlen(t));
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    assert_int_equal(cmd_words_has(&w, names[i]), cmd_macros_spelled(t, strlen(t), names[i]));
  assert_true(cmd_words_has(&w, "BENCH_UNIT"));
  assert_false(cmd_words_has(&w, "UNIT"));
  assert_false(cmd_words_has(&w, ""));
  /* texts added one after another do not join at their ends */
  cmd_words_add(&w, "AB", 2);
  cmd_words_add(&w, "CD", 2);
  assert_true(cmd_words_has(&w, "AB"));
  assert_true(cmd_words_has(&w, "CD"));
  assert_false(cmd_words_has(&w, "ABCD"));
  cmd_words_release(&w);
}

/* Many distinct words: the table grows, every one is still found, and no other. */
static void words_grow(void **state) {
  (void)state;
  struct strbuf t = STRBUF_INIT;
  for (int i = 0; i < 20000; i++)
    sb_addf(&t, "w%d w%d;", i, i % 7);
  struct cmd_words w = {0};
  cmd_words_add(&w, t.buf, t.len);
  char name[32];
  for (int i = 0; i < 20000; i++) {
    snprintf(name, sizeof name, "w%d", i);
    assert_true(cmd_words_has(&w, name));
  }
  assert_false(cmd_words_has(&w, "w20000"));
  assert_false(cmd_words_has(&w, "w"));
  assert_int_equal(w.n, 20000);
  cmd_words_release(&w);
  sb_release(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(macro_args_joined_and_separate),
      cmocka_unit_test(same_macros_need_nothing),
      cmocka_unit_test(a_changed_value_is_redefined),
      cmocka_unit_test(added_removed_and_function_like),
      cmocka_unit_test(the_last_argument_wins),
      cmocka_unit_test(a_macro_spelling_a_changed_one_is_checked_too),
      cmocka_unit_test(what_directives_cannot_say),
      cmocka_unit_test(spelled_as_a_whole_identifier),
      cmocka_unit_test(words_as_spelled),
      cmocka_unit_test(words_grow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
