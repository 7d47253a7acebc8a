/* test_file_table.c: analyzer/driver/file_table.h, and unit_files_collect, which uses it, on a
 * generated unit of 300 user headers, 150 system headers (-isystem) and a header without an
 * include guard entered from both kinds, parsed plainly and with a precompiled preamble.
 *
 * The table is checked with its own hash and with one that sends every file to one slot, so
 * that each look-up probes past every other entry: after each put, every file put so far is
 * found at its index and no other file is.
 *
 * The table before it reserved a file's slot before the file's entry existed. In a unit with a
 * preamble, libclang lists the preamble's files before the main file, so a header included by
 * the main file is entered while its includer is in no slot; the includer's look-up, made at
 * that moment, probed until an empty slot, could pass the reserved one, and read one element
 * past the array: a crash of the language server's worker, seen once in CI. A table whose
 * slots hold their files cannot be in that state; the test of the preamble's unit looks every
 * such includer up with all files in one chain.
 *
 * unit_files_collect is checked against what libclang says of each file when asked directly:
 * listed once, in the order clang_getInclusions first reports it, its includer the file of its
 * first #include, and system or not as clang_Location_isInSystemHeader says of its first byte
 * (unit_files.c tells most of them from #include sites instead). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/driver/file_table.h"
#include "analyzer/driver/unit_files.h"

enum { NUSER = 300, NSYS = 150, NFILES = 1 + NUSER + NSYS + 1 };

static char dir[] = "/tmp/vtl-test-file-table-XXXXXX";
static CXIndex idx;
static CXTranslationUnit plain_tu, pre_tu; /* parsed plainly; reparsed with a preamble */

static void put_file(const char *d, const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", d, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* The unit: main.c includes u0.h ... u299.h; every second u<i>.h includes <s<i/2>.h>; every
 * fifth s<k>.h, and every seventh u<i>.h, includes again.h, which has no guard. Files that
 * include nothing (the odd u<i>.h, most s<k>.h) are the ones unit_files.c must look up. */
static int setup(void **state) {
  (void)state;
  assert_non_null(mkdtemp(dir));
  char sysdir[64], cmd[160], mp[128], name[32], text[200];
  snprintf(sysdir, sizeof sysdir, "%s/sys", dir);
  snprintf(cmd, sizeof cmd, "mkdir -p %s", sysdir);
  assert_int_equal(system(cmd), 0);
  put_file(dir, "again.h", "int again_x;\n"); /* no guard: entered again */
  snprintf(mp, sizeof mp, "%s/main.c", dir);
  FILE *m = fopen(mp, "w");
  assert_non_null(m);
  for (int i = 0; i < NUSER; i++) {
    char inc[48] = "";
    if (i % 2 == 0)
      snprintf(inc, sizeof inc, "#include <s%d.h>\n", i / 2);
    snprintf(name, sizeof name, "u%d.h", i);
    snprintf(text, sizeof text, "#pragma once\n%s%sint u%d;\n", inc, i % 7 == 0 ? "#include \"again.h\"\n" : "", i);
    put_file(dir, name, text);
    fprintf(m, "#include \"u%d.h\"\n", i);
  }
  fprintf(m, "int main(void) { return 0; }\n");
  fclose(m);
  for (int k = 0; k < NSYS; k++) {
    snprintf(name, sizeof name, "s%d.h", k);
    snprintf(text, sizeof text, "#pragma once\n%sint s%d;\n", k % 5 == 0 ? "#include \"../again.h\"\n" : "", k);
    put_file(sysdir, name, text);
  }
  const char *args[] = {"-isystem", sysdir, "-I", dir};
  idx = clang_createIndex(0, 0);
  assert_int_equal(clang_parseTranslationUnit2(idx, mp, args, 4, NULL, 0, CXTranslationUnit_None, &plain_tu),
                   CXError_Success);
  assert_int_equal(clang_parseTranslationUnit2(idx, mp, args, 4, NULL, 0, CXTranslationUnit_PrecompiledPreamble,
                                               &pre_tu),
                   CXError_Success);
  assert_int_equal(clang_reparseTranslationUnit(pre_tu, 0, NULL, clang_defaultReparseOptions(pre_tu)), 0);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  clang_disposeTranslationUnit(plain_tu);
  clang_disposeTranslationUnit(pre_tu);
  clang_disposeIndex(idx);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd);
}

/* What libclang reports, first inclusions only: the files and their includers, in order. */
struct reported {
  CXFile file[NFILES], includer[NFILES];
  size_t n, visits;
};

static void report(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  struct reported *r = data;
  r->visits++;
  for (size_t i = 0; i < r->n; i++)
    if (clang_File_isEqual(r->file[i], f))
      return;
  assert_true(r->n < NFILES);
  r->includer[r->n] = NULL;
  if (len > 0)
    clang_getFileLocation(stack[0], &r->includer[r->n], NULL, NULL, NULL);
  r->file[r->n++] = f;
}

static struct reported *reported_files(CXTranslationUnit tu) {
  static struct reported r[2];
  struct reported *p = &r[tu == pre_tu];
  if (!p->n)
    clang_getInclusions(tu, report, p);
  assert_int_equal(p->n, NFILES);
  return p;
}

static uint64_t one_slot(CXFile f) {
  (void)f;
  return 7;
}

static void fill_and_check(CXTranslationUnit tu, uint64_t (*hash)(CXFile)) {
  struct reported *r = reported_files(tu);
  struct arena a;
  arena_init(&a);
  struct file_table t;
  file_table_init(&t, &a, hash);
  for (size_t i = 0; i < r->n; i++) {
    assert_int_equal(file_table_get(&t, r->file[i]), 0);
    /* the includer, as unit_files.c looks it up before the entry is put */
    uint32_t inc = r->includer[i] ? file_table_get(&t, r->includer[i]) : 0;
    if (inc)
      assert_true(clang_File_isEqual(r->file[inc - 1], r->includer[i]));
    file_table_put(&t, r->file[i], (uint32_t)i);
    for (size_t k = 0; k < r->n; k++)
      assert_int_equal(file_table_get(&t, r->file[k]), k <= i ? k + 1 : 0);
  }
  arena_release(&a);
}

static void every_file_found_at_its_index(void **state) {
  (void)state;
  fill_and_check(plain_tu, NULL);
  fill_and_check(pre_tu, NULL);
}

static void every_file_found_when_all_collide(void **state) {
  (void)state;
  fill_and_check(plain_tu, one_slot);
  fill_and_check(pre_tu, one_slot);
}

static void collect_agrees(CXTranslationUnit tu) {
  struct reported *r = reported_files(tu);
  assert_true(r->visits > r->n); /* again.h entered more than once */
  struct arena a;
  arena_init(&a);
  struct unit_files out;
  unit_files_collect(&a, tu, &out);
  assert_int_equal(out.n, r->n);
  size_t system = 0, mains = 0;
  for (size_t i = 0; i < out.n; i++) {
    const struct unit_file *f = &out.v[i];
    assert_true(clang_File_isEqual(f->file, r->file[i]));
    assert_true(f->includer ? clang_File_isEqual(f->includer, r->includer[i]) : r->includer[i] == NULL);
    bool want = clang_Location_isInSystemHeader(clang_getLocationForOffset(tu, f->file, 0)) != 0;
    assert_int_equal(f->system, want);
    assert_int_equal(f->text != NULL, !want);
    system += f->system;
    mains += f->main;
  }
  /* again.h, first entered from <s0.h>, is one too in the plain unit; libclang's look-up in
   * the preamble's unit finds its entry from u0.h */
  assert_int_equal(system, tu == plain_tu ? NSYS + 1 : NSYS);
  assert_int_equal(mains, 1);
  arena_release(&a);
}

static void collect_agrees_with_libclang(void **state) {
  (void)state;
  collect_agrees(plain_tu);
}

/* The preamble's files come first, the main file after them. */
static void collect_agrees_with_libclang_with_a_preamble(void **state) {
  (void)state;
  assert_non_null(reported_files(pre_tu)->includer[0]); /* u0.h, from main.c, listed before it */
  collect_agrees(pre_tu);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_file_found_at_its_index),
      cmocka_unit_test(every_file_found_when_all_collide),
      cmocka_unit_test(collect_agrees_with_libclang),
      cmocka_unit_test(collect_agrees_with_libclang_with_a_preamble),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
