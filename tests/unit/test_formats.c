/* test_formats.c: the machine-readable emitters (emit.h): JSON (emit_json), SARIF 2.1.0
 * (emit_sarif) and GitHub Actions workflow commands (emit_github). Diagnostics are built by
 * hand; the JSON formats are parsed back with jansson and checked field by field, the GitHub
 * lines are compared byte for byte, escaping included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "analyzer/report/diag.h"
#include "analyzer/report/emit.h"

enum format { FMT_JSON, FMT_SARIF, FMT_GITHUB };

static const struct emit_rule_info test_rules[] = {
    {"vtask-discarded", "A task is created and never awaited", NULL},
    {"vtask-double-await", "A task is awaited twice", "# vtask-double-await\n\nA task is awaited **twice**.\n"},
};

static const struct emit_meta test_meta = {"1.2.3", test_rules, 2};

/* render: what the emitter writes for l (the caller frees). */
static char *render(enum format f, const struct diag_list *l) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  switch (f) {
  case FMT_JSON:
    emit_json(out, l, &test_meta);
    break;
  case FMT_SARIF:
    emit_sarif(out, l, &test_meta);
    break;
  case FMT_GITHUB:
    emit_github(out, l);
    break;
  }
  fclose(out);
  assert_non_null(buf);
  return buf;
}

/* render_parsed: the emitter's output parsed back; it must be one JSON document ending in a
 * newline. */
static json_t *render_parsed(enum format f, const struct diag_list *l) {
  char *text = render(f, l);
  size_t n = strlen(text);
  assert_true(n > 0);
  assert_int_equal(text[n - 1], '\n');
  json_error_t err;
  json_t *root = json_loads(text, 0, &err);
  if (!root)
    fail_msg("not JSON: %s (line %d): %s", err.text, err.line, text);
  free(text);
  return root;
}

static struct diag_loc at(const char *file, unsigned line, unsigned col, unsigned end_col) {
  struct diag_loc loc = {file, line, col, end_col};
  return loc;
}

/* The list most tests use: a relative-path warning with two notes (one of them without a
 * location), an absolute-path error whose path needs percent-encoding, and a clang error with
 * no location and a rule that is not in the rule list. */
static void build_list(struct diag_list *l) {
  diag_list_init(l);
  struct diag_loc loc = at("src/a.c", 3, 3, 17);
  struct diag *d = diag_add(l, "vtask-double-await", SEV_WARNING, &loc, "'%s' is awaited twice", "t");
  struct diag_loc first = at("src/a.c", 2, 11, 12);
  diag_note(l, d, &first, "'%s' was created here", "t");
  diag_note(l, d, NULL, "a note without a location");
  struct diag_loc abs = at("/abs/my dir/b.c", 7, 5, 0);
  diag_add(l, "vtask-discarded", SEV_ERROR, &abs, "task discarded");
  diag_add(l, "clang-diagnostic-error", SEV_ERROR, NULL, "no compile command for x.c");
}

/* ---- helpers for reading parsed documents ---- */

static json_t *get(json_t *o, const char *key) {
  assert_true(json_is_object(o));
  json_t *v = json_object_get(o, key);
  if (!v)
    fail_msg("missing key \"%s\"", key);
  return v;
}

static const char *get_str(json_t *o, const char *key) {
  json_t *v = get(o, key);
  assert_true(json_is_string(v));
  return json_string_value(v);
}

static long long get_int(json_t *o, const char *key) {
  json_t *v = get(o, key);
  assert_true(json_is_integer(v));
  return json_integer_value(v);
}

static json_t *get_arr(json_t *o, const char *key, size_t want_len) {
  json_t *v = get(o, key);
  assert_true(json_is_array(v));
  assert_int_equal(json_array_size(v), want_len);
  return v;
}

static json_t *path(json_t *o, const char *dotted) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", dotted);
  for (char *key = strtok(buf, "."); key; key = strtok(NULL, "."))
    o = get(o, key);
  return o;
}

static const char *path_str(json_t *o, const char *dotted) {
  json_t *v = path(o, dotted);
  assert_true(json_is_string(v));
  return json_string_value(v);
}

static long long path_int(json_t *o, const char *dotted) {
  json_t *v = path(o, dotted);
  assert_true(json_is_integer(v));
  return json_integer_value(v);
}

/* ---- JSON ---- */

static void json_fields(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  json_t *root = render_parsed(FMT_JSON, &l);
  assert_string_equal(get_str(root, "version"), "1.2.3");
  json_t *diags = get_arr(root, "diagnostics", 3);

  json_t *d = json_array_get(diags, 0);
  assert_string_equal(get_str(d, "rule"), "vtask-double-await");
  assert_string_equal(get_str(d, "severity"), "warning");
  assert_string_equal(get_str(d, "message"), "'t' is awaited twice");
  assert_string_equal(get_str(d, "file"), "src/a.c");
  assert_int_equal(get_int(d, "line"), 3);
  assert_int_equal(get_int(d, "column"), 3);
  assert_int_equal(get_int(d, "end_line"), 3);
  assert_int_equal(get_int(d, "end_column"), 17);
  json_t *notes = get_arr(d, "notes", 2);
  json_t *n = json_array_get(notes, 0);
  assert_string_equal(get_str(n, "message"), "'t' was created here");
  assert_string_equal(get_str(n, "file"), "src/a.c");
  assert_int_equal(get_int(n, "line"), 2);
  assert_int_equal(get_int(n, "column"), 11);
  n = json_array_get(notes, 1);
  assert_string_equal(get_str(n, "message"), "a note without a location");
  assert_null(json_object_get(n, "file"));
  assert_null(json_object_get(n, "line"));
  assert_null(json_object_get(n, "column"));

  /* No range: end_column is one past the column. */
  d = json_array_get(diags, 1);
  assert_string_equal(get_str(d, "severity"), "error");
  assert_string_equal(get_str(d, "file"), "/abs/my dir/b.c");
  assert_int_equal(get_int(d, "column"), 5);
  assert_int_equal(get_int(d, "end_column"), 6);
  get_arr(d, "notes", 0);

  /* No location: no location fields at all. */
  d = json_array_get(diags, 2);
  assert_string_equal(get_str(d, "rule"), "clang-diagnostic-error");
  assert_string_equal(get_str(d, "message"), "no compile command for x.c");
  static const char *const loc_keys[] = {"file", "line", "column", "end_line", "end_column"};
  for (size_t i = 0; i < sizeof loc_keys / sizeof *loc_keys; i++)
    assert_null(json_object_get(d, loc_keys[i]));

  json_decref(root);
  diag_list_release(&l);
}

/* Keys come out in the documented order, two-space indented. */
static void json_key_order_and_layout(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  char *text = render(FMT_JSON, &l);
  static const char head[] =
      "{\n  \"format_version\": 1,\n  \"tool\": \"vtasklint\",\n  \"version\": \"1.2.3\",\n  \"diagnostics\": [\n";
  assert_true(strncmp(text, head, sizeof head - 1) == 0);
  const char *keys[] = {"\"rule\"", "\"severity\"", "\"message\"", "\"file\"", "\"line\"",
                        "\"column\"", "\"end_line\"", "\"end_column\"", "\"notes\""};
  const char *p = text;
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    const char *q = strstr(p, keys[i]);
    if (!q)
      fail_msg("%s missing or out of order", keys[i]);
    p = q;
  }
  free(text);
  diag_list_release(&l);
}

static void json_empty_list(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  json_t *root = render_parsed(FMT_JSON, &l);
  get_arr(root, "diagnostics", 0);
  json_decref(root);
  diag_list_release(&l);
}

/* The document says which version of the format it is (docs/json-format.md), and lists the
 * units that could not be analysed, in order; a failure not about one file has no "file". */
static void json_versioned_with_failures(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  diag_fail(&l, "src/b.c", "cannot analyse 'src/b.c': timed out after 5 seconds (see --timeout)");
  diag_fail(&l, NULL, "cannot read 'nope.c': No such file or directory");
  json_t *root = render_parsed(FMT_JSON, &l);
  assert_int_equal(get_int(root, "format_version"), 1);
  assert_string_equal(get_str(root, "tool"), "vtasklint");
  json_t *f = get_arr(root, "failures", 2);
  assert_string_equal(get_str(json_array_get(f, 0), "file"), "src/b.c");
  assert_string_equal(get_str(json_array_get(f, 0), "message"),
                      "cannot analyse 'src/b.c': timed out after 5 seconds (see --timeout)");
  assert_null(json_object_get(json_array_get(f, 1), "file"));
  assert_string_equal(get_str(json_array_get(f, 1), "message"), "cannot read 'nope.c': No such file or directory");
  json_decref(root);
  diag_list_release(&l);

  /* A clean run has an empty list, not a missing key. */
  diag_list_init(&l);
  root = render_parsed(FMT_JSON, &l);
  get_arr(root, "failures", 0);
  json_decref(root);
  diag_list_release(&l);
}

/* Control characters and quotes are escaped by jansson; invalid UTF-8 (a Latin-1 byte) does not
 * lose the message but becomes U+FFFD. */
static void json_strings_survive(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at("caf\xE9.c", 1, 1, 0);
  diag_add(&l, "r", SEV_NOTE, &loc, "say \"hi\"\tnow\n\xC3\xA9 \xE9");
  json_t *root = render_parsed(FMT_JSON, &l);
  json_t *d = json_array_get(get(root, "diagnostics"), 0);
  assert_string_equal(get_str(d, "severity"), "note");
  assert_string_equal(get_str(d, "message"), "say \"hi\"\tnow\n\xC3\xA9 \xEF\xBF\xBD");
  assert_string_equal(get_str(d, "file"), "caf\xEF\xBF\xBD.c");
  json_decref(root);
  diag_list_release(&l);
}

/* ---- SARIF ---- */

static void sarif_log_and_driver(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  json_t *root = render_parsed(FMT_SARIF, &l);
  assert_string_equal(get_str(root, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  assert_string_equal(get_str(root, "version"), "2.1.0");
  json_t *run = json_array_get(get_arr(root, "runs", 1), 0);
  assert_string_equal(get_str(run, "columnKind"), "unicodeCodePoints");
  json_t *driver = path(run, "tool.driver");
  assert_string_equal(get_str(driver, "name"), "vtasklint");
  assert_string_equal(get_str(driver, "version"), "1.2.3");
  assert_string_equal(get_str(driver, "semanticVersion"), "1.2.3");
  assert_string_equal(get_str(driver, "informationUri"), "https://github.com/vtasklint/vtasklint");

  json_t *rules = get_arr(driver, "rules", 2);
  json_t *r = json_array_get(rules, 0);
  assert_string_equal(get_str(r, "id"), "vtask-discarded");
  assert_string_equal(get_str(r, "name"), "vtask-discarded");
  assert_string_equal(path_str(r, "shortDescription.text"), "A task is created and never awaited");
  assert_string_equal(path_str(r, "fullDescription.text"), "A task is created and never awaited");
  /* Without documentation, help is the summary and has no markdown. */
  assert_string_equal(path_str(r, "help.text"), "A task is created and never awaited");
  assert_null(json_object_get(get(r, "help"), "markdown"));
  assert_string_equal(path_str(r, "defaultConfiguration.level"), "warning");
  assert_string_equal(path_str(r, "properties.precision"), "high");
  json_t *tags = get_arr(get(r, "properties"), "tags", 1);
  assert_string_equal(json_string_value(json_array_get(tags, 0)), "correctness");

  r = json_array_get(rules, 1);
  assert_string_equal(get_str(r, "id"), "vtask-double-await");
  assert_string_equal(path_str(r, "help.text"), test_rules[1].markdown);
  assert_string_equal(path_str(r, "help.markdown"), test_rules[1].markdown);

  json_decref(root);
  diag_list_release(&l);
}

static void sarif_results(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *run = json_array_get(get(root, "runs"), 0);
  json_t *results = get_arr(run, "results", 3);

  /* A warning with a range, relative path, two notes. */
  json_t *r = json_array_get(results, 0);
  assert_string_equal(get_str(r, "ruleId"), "vtask-double-await");
  assert_int_equal(get_int(r, "ruleIndex"), 1);
  assert_string_equal(get_str(r, "level"), "warning");
  assert_string_equal(path_str(r, "message.text"), "'t' is awaited twice");
  json_t *loc = json_array_get(get_arr(r, "locations", 1), 0);
  json_t *phys = get(loc, "physicalLocation");
  assert_string_equal(path_str(phys, "artifactLocation.uri"), "src/a.c");
  assert_string_equal(path_str(phys, "artifactLocation.uriBaseId"), "%SRCROOT%");
  assert_int_equal(path_int(phys, "region.startLine"), 3);
  assert_int_equal(path_int(phys, "region.startColumn"), 3);
  assert_int_equal(path_int(phys, "region.endLine"), 3);
  assert_int_equal(path_int(phys, "region.endColumn"), 17);

  json_t *rel = get_arr(r, "relatedLocations", 2);
  json_t *n = json_array_get(rel, 0);
  assert_int_equal(get_int(n, "id"), 0);
  assert_string_equal(path_str(n, "message.text"), "'t' was created here");
  assert_string_equal(path_str(n, "physicalLocation.artifactLocation.uri"), "src/a.c");
  assert_string_equal(path_str(n, "physicalLocation.artifactLocation.uriBaseId"), "%SRCROOT%");
  assert_int_equal(path_int(n, "physicalLocation.region.startLine"), 2);
  assert_int_equal(path_int(n, "physicalLocation.region.startColumn"), 11);
  n = json_array_get(rel, 1);
  assert_int_equal(get_int(n, "id"), 1);
  assert_string_equal(path_str(n, "message.text"), "a note without a location");
  assert_null(json_object_get(n, "physicalLocation"));

  const char *fp = path_str(r, "partialFingerprints.primaryLocationLineHash");
  assert_int_equal(strlen(fp), 18);
  assert_int_equal(strspn(fp, "0123456789abcdef"), 16);
  assert_string_equal(fp + 16, ":1");

  /* An error at an absolute path with a space: a file:/// URI without uriBaseId, and a region
   * one column wide. */
  r = json_array_get(results, 1);
  assert_string_equal(get_str(r, "ruleId"), "vtask-discarded");
  assert_int_equal(get_int(r, "ruleIndex"), 0);
  assert_string_equal(get_str(r, "level"), "error");
  phys = get(json_array_get(get_arr(r, "locations", 1), 0), "physicalLocation");
  assert_string_equal(path_str(phys, "artifactLocation.uri"), "file:///abs/my%20dir/b.c");
  assert_null(json_object_get(get(phys, "artifactLocation"), "uriBaseId"));
  assert_int_equal(path_int(phys, "region.startColumn"), 5);
  assert_int_equal(path_int(phys, "region.endColumn"), 6);
  assert_null(json_object_get(r, "relatedLocations"));

  /* No location, and a rule that is not in the list: no locations, no ruleIndex. */
  r = json_array_get(results, 2);
  assert_string_equal(get_str(r, "ruleId"), "clang-diagnostic-error");
  assert_null(json_object_get(r, "ruleIndex"));
  assert_null(json_object_get(r, "locations"));
  assert_string_equal(path_str(r, "message.text"), "no compile command for x.c");
  get(get(r, "partialFingerprints"), "primaryLocationLineHash");

  json_decref(root);
  diag_list_release(&l);
}

/* The fingerprint depends on rule, file and message, not on the line; equal ones in one run
 * are told apart by the occurrence number after the colon. */
static void sarif_fingerprints(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc l1 = at("a.c", 1, 1, 0), l9 = at("a.c", 9, 4, 0), other = at("b.c", 1, 1, 0);
  diag_add(&l, "r", SEV_WARNING, &l1, "m");
  diag_add(&l, "r", SEV_WARNING, &l9, "m");
  diag_add(&l, "r", SEV_WARNING, &other, "m");
  diag_add(&l, "r", SEV_WARNING, &l1, "m2");
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *results = get(json_array_get(get(root, "runs"), 0), "results");
  char fp[4][32];
  for (size_t i = 0; i < 4; i++)
    snprintf(fp[i], sizeof fp[i], "%s",
             path_str(json_array_get(results, i), "partialFingerprints.primaryLocationLineHash"));
  assert_memory_equal(fp[0], fp[1], 16);
  assert_string_equal(fp[0] + 16, ":1");
  assert_string_equal(fp[1] + 16, ":2");
  assert_memory_not_equal(fp[0], fp[2], 16);
  assert_memory_not_equal(fp[0], fp[3], 16);
  assert_string_equal(fp[2] + 16, ":1");
  json_decref(root);

  /* Stable: the same input gives the same hash on another render. */
  root = render_parsed(FMT_SARIF, &l);
  results = get(json_array_get(get(root, "runs"), 0), "results");
  assert_string_equal(path_str(json_array_get(results, 0), "partialFingerprints.primaryLocationLineHash"), fp[0]);
  json_decref(root);
  diag_list_release(&l);
}

/* URIs: "./" is dropped, reserved and non-ASCII bytes are percent-encoded. */
static void sarif_uris(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc a = at("./sub dir/x#1%.c", 1, 1, 0), b = at("/t\xC3\xA9st/c:d.c", 1, 1, 0);
  struct diag_loc c = at("a:b.c", 1, 0, 0);
  diag_add(&l, "r", SEV_NOTE, &a, "m");
  diag_add(&l, "r", SEV_NOTE, &b, "m");
  diag_add(&l, "r", SEV_NOTE, &c, "m");
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *results = get(json_array_get(get(root, "runs"), 0), "results");
  json_t *r = json_array_get(results, 0);
  assert_string_equal(get_str(r, "level"), "note");
  assert_string_equal(path_str(json_array_get(get(r, "locations"), 0), "physicalLocation.artifactLocation.uri"),
                      "sub%20dir/x%231%25.c");
  r = json_array_get(results, 1);
  assert_string_equal(path_str(json_array_get(get(r, "locations"), 0), "physicalLocation.artifactLocation.uri"),
                      "file:///t%C3%A9st/c%3Ad.c");
  /* A relative path whose first segment has a colon must not read as a scheme; column 0 leaves
   * the columns out of the region. */
  r = json_array_get(results, 2);
  json_t *phys = get(json_array_get(get(r, "locations"), 0), "physicalLocation");
  assert_string_equal(path_str(phys, "artifactLocation.uri"), "a%3Ab.c");
  assert_string_equal(path_str(phys, "artifactLocation.uriBaseId"), "%SRCROOT%");
  assert_int_equal(path_int(phys, "region.startLine"), 1);
  assert_null(json_object_get(get(phys, "region"), "startColumn"));
  json_decref(root);
  diag_list_release(&l);
}

static void sarif_empty_list(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *run = json_array_get(get_arr(root, "runs", 1), 0);
  get_arr(run, "results", 0);
  get_arr(path(run, "tool.driver"), "rules", 2);
  json_decref(root);
  diag_list_release(&l);
}

/* ---- GitHub workflow commands ---- */

static void github_lines(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  char *got = render(FMT_GITHUB, &l);
  assert_string_equal(got,
                      "::warning file=src/a.c,line=3,col=3,endColumn=17,title=vtask-double-await::"
                      "'t' is awaited twice"
                      "%0Asrc/a.c:2:11: note: 't' was created here"
                      "%0Anote: a note without a location\n"
                      "::error file=/abs/my dir/b.c,line=7,col=5,endColumn=6,title=vtask-discarded::"
                      "task discarded\n"
                      "::error title=clang-diagnostic-error::no compile command for x.c\n");
  free(got);
  diag_list_release(&l);
}

/* Property values escape `%`, CR, LF, `:` and `,`; the message escapes only `%`, CR and LF. */
static void github_escaping(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at("dir,x/a:b%c.c", 4, 2, 9);
  struct diag *d = diag_add(&l, "rule:a,b", SEV_NOTE, &loc, "100%% done, a:b\r\nnext line");
  struct diag_loc nl = at("n,o:te.c", 5, 6, 0);
  diag_note(&l, d, &nl, "50%%\nhalf");
  char *got = render(FMT_GITHUB, &l);
  assert_string_equal(got,
                      "::notice file=dir%2Cx/a%3Ab%25c.c,line=4,col=2,endColumn=9,title=rule%3Aa%2Cb::"
                      "100%25 done, a:b%0D%0Anext line"
                      "%0An,o:te.c:5:6: note: 50%25%0Ahalf\n");
  free(got);
  diag_list_release(&l);
}

static void github_empty_list(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  char *got = render(FMT_GITHUB, &l);
  assert_string_equal(got, "");
  free(got);
  diag_list_release(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(json_fields),
      cmocka_unit_test(json_key_order_and_layout),
      cmocka_unit_test(json_empty_list),
      cmocka_unit_test(json_versioned_with_failures),
      cmocka_unit_test(json_strings_survive),
      cmocka_unit_test(sarif_log_and_driver),
      cmocka_unit_test(sarif_results),
      cmocka_unit_test(sarif_fingerprints),
      cmocka_unit_test(sarif_uris),
      cmocka_unit_test(sarif_empty_list),
      cmocka_unit_test(github_lines),
      cmocka_unit_test(github_escaping),
      cmocka_unit_test(github_empty_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
