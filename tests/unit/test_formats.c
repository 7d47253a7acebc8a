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
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "analyzer/report/diag.h"
#include "analyzer/report/emit.h"

enum format { FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_CONCISE, FMT_GITLAB };

static const struct emit_rule_info test_rules[] = {
    {"vtask-discarded", "A task is created and never awaited", NULL},
    {"vtask-double-await", "A task is awaited twice", "# vtask-double-await\n\nA task is awaited **twice**.\n"},
};

/* Run in /home/u/proj/sub of the repository /home/u/proj: relative names are below sub/. */
static const struct emit_meta test_meta = {"1.2.3", test_rules, 2, "/home/u/proj/sub", "/home/u/proj", NULL, NULL, 0};
static const struct emit_meta *meta = &test_meta; /* what render() passes */

/* render: what the emitter writes for l (the caller frees). */
static char *render(enum format f, const struct diag_list *l) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  switch (f) {
  case FMT_JSON:
    emit_json(out, l, meta);
    break;
  case FMT_SARIF:
    emit_sarif(out, l, meta);
    break;
  case FMT_GITHUB:
    emit_github(out, l);
    break;
  case FMT_CONCISE: {
    struct emit_opts o = {false, true};
    emit_concise(out, l, &o);
    break;
  }
  case FMT_GITLAB:
    emit_gitlab(out, l, meta);
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
  assert_string_equal(get_str(run, "columnKind"), "utf16CodeUnits");
  assert_string_equal(path_str(run, "originalUriBaseIds.SRCROOT.uri"), "file:///home/u/proj/");
  /* No failure: a successful invocation without notifications. */
  json_t *inv = json_array_get(get_arr(run, "invocations", 1), 0);
  assert_true(json_is_true(get(inv, "executionSuccessful")));
  assert_null(json_object_get(inv, "toolExecutionNotifications"));
  json_t *driver = path(run, "tool.driver");
  assert_string_equal(get_str(driver, "name"), "vtasklint");
  assert_string_equal(get_str(driver, "version"), "1.2.3");
  assert_string_equal(get_str(driver, "semanticVersion"), "1.2.3");
  assert_string_equal(get_str(driver, "informationUri"), "https://github.com/vtasklint/vtasklint");

  /* The rules given, then every id that is not a rule, so that each ruleId has its rule. */
  json_t *rules = get_arr(driver, "rules", 5);
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
  assert_string_equal(get_str(r, "helpUri"),
                      "https://github.com/vtasklint/vtasklint/blob/main/docs/rules/vtask-double-await.md");
  static const char *const tool_ids[] = {"clang-diagnostic-error", "vtask-analysis", "vtasklint-nolint"};
  static const char *const tool_levels[] = {"error", "note", "error"};
  for (size_t i = 0; i < 3; i++) {
    r = json_array_get(rules, 2 + i);
    assert_string_equal(get_str(r, "id"), tool_ids[i]);
    assert_string_equal(path_str(r, "defaultConfiguration.level"), tool_levels[i]);
    char want[160];
    snprintf(want, sizeof want, "https://github.com/vtasklint/vtasklint/blob/main/docs/formats.md#%s", tool_ids[i]);
    assert_string_equal(get_str(r, "helpUri"), want);
  }

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
  assert_string_equal(path_str(phys, "artifactLocation.uri"), "sub/src/a.c");
  assert_string_equal(path_str(phys, "artifactLocation.uriBaseId"), "SRCROOT");
  assert_int_equal(path_int(phys, "region.startLine"), 3);
  assert_int_equal(path_int(phys, "region.startColumn"), 3);
  assert_int_equal(path_int(phys, "region.endLine"), 3);
  assert_int_equal(path_int(phys, "region.endColumn"), 17);

  json_t *rel = get_arr(r, "relatedLocations", 2);
  json_t *n = json_array_get(rel, 0);
  assert_int_equal(get_int(n, "id"), 0);
  assert_string_equal(path_str(n, "message.text"), "'t' was created here");
  assert_string_equal(path_str(n, "physicalLocation.artifactLocation.uri"), "sub/src/a.c");
  assert_string_equal(path_str(n, "physicalLocation.artifactLocation.uriBaseId"), "SRCROOT");
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

  /* No location, and an id that is not a rule: no locations; its index is among the ids that
   * are not rules, after the rules. */
  r = json_array_get(results, 2);
  assert_string_equal(get_str(r, "ruleId"), "clang-diagnostic-error");
  assert_int_equal(get_int(r, "ruleIndex"), 2);
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
                      "sub/sub%20dir/x%231%25.c");
  r = json_array_get(results, 1);
  assert_string_equal(path_str(json_array_get(get(r, "locations"), 0), "physicalLocation.artifactLocation.uri"),
                      "file:///t%C3%A9st/c%3Ad.c");
  /* A relative path whose first segment has a colon must not read as a scheme; column 0 leaves
   * the columns out of the region. */
  r = json_array_get(results, 2);
  json_t *phys = get(json_array_get(get(r, "locations"), 0), "physicalLocation");
  assert_string_equal(path_str(phys, "artifactLocation.uri"), "sub/a%3Ab.c");
  assert_string_equal(path_str(phys, "artifactLocation.uriBaseId"), "SRCROOT");
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
  get_arr(path(run, "tool.driver"), "rules", 5);
  json_decref(root);
  diag_list_release(&l);
}

/* A file outside the repository is an absolute file:// URI; ".." is resolved first. */
static void sarif_outside_root(void **state) {
  (void)state;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc a = at("../../other/x.c", 1, 1, 0), b = at("../lib/y.c", 2, 1, 0);
  diag_add(&l, "r", SEV_NOTE, &a, "m");
  diag_add(&l, "r", SEV_NOTE, &b, "m");
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *results = get(json_array_get(get(root, "runs"), 0), "results");
  json_t *al = path(json_array_get(get(json_array_get(results, 0), "locations"), 0), "physicalLocation.artifactLocation");
  assert_string_equal(get_str(al, "uri"), "file:///home/u/other/x.c");
  assert_null(json_object_get(al, "uriBaseId"));
  al = path(json_array_get(get(json_array_get(results, 1), "locations"), 0), "physicalLocation.artifactLocation");
  assert_string_equal(get_str(al, "uri"), "lib/y.c");
  assert_string_equal(get_str(al, "uriBaseId"), "SRCROOT");
  json_decref(root);
  diag_list_release(&l);
}

/* Columns are UTF-16 code units of the line's text: 'é' (2 bytes) and '€' (3 bytes) are one
 * unit each, U+1F600 (4 bytes) two; a note's column too, and the line comes from the editor's
 * buffer when the file is the --stdin-filename one. A line that cannot be read keeps its
 * byte columns. */
static void sarif_utf16_columns(void **state) {
  (void)state;
  char dir[] = "/tmp/vtl-test-formats-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char file[96];
  snprintf(file, sizeof file, "%s/u.c", dir);
  FILE *f = fopen(file, "wb");
  assert_non_null(f);
  /* Line 2 is: two spaces, a comment holding U+00E9 U+20AC U+1F600, a space, the call. The
   * call starts at byte 19 (2 + 3 + 2 + 3 + 4 + 4 bytes before it), UTF-16 column 14 (2 + 3 +
   * 1 + 1 + 2 + 3 units before it); the note's U+20AC at byte 8, UTF-16 column 7. */
  fputs("int x;\n  /* \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 */ vtask_await(t);\n", f);
  fclose(f);
  struct emit_meta m = test_meta;
  m.cwd = dir;
  m.root = dir;
  m.buffer_file = "buf.c";
  m.buffer_text = "\xC3\xA9\xC3\xA9x;\n";
  m.buffer_len = strlen(m.buffer_text);
  meta = &m;
  struct diag_list l;
  diag_list_init(&l);
  struct diag_loc loc = at(file, 2, 19, 33), gone = at("missing.c", 1, 7, 9), inbuf = at("buf.c", 1, 5, 6);
  struct diag *d = diag_add(&l, "vtask-double-await", SEV_WARNING, &loc, "m");
  struct diag_loc note = at(file, 2, 8, 11); /* U+20AC */
  diag_note(&l, d, &note, "n");
  diag_add(&l, "vtask-double-await", SEV_WARNING, &gone, "m");
  diag_add(&l, "vtask-double-await", SEV_WARNING, &inbuf, "m");
  json_t *root = render_parsed(FMT_SARIF, &l);
  meta = &test_meta;
  json_t *results = get(json_array_get(get(root, "runs"), 0), "results");
  json_t *reg = path(json_array_get(get(json_array_get(results, 0), "locations"), 0), "physicalLocation.region");
  assert_int_equal(get_int(reg, "startColumn"), 14);
  assert_int_equal(get_int(reg, "endColumn"), 28);
  reg = path(json_array_get(get(json_array_get(results, 0), "relatedLocations"), 0), "physicalLocation.region");
  assert_int_equal(get_int(reg, "startColumn"), 7);
  assert_int_equal(get_int(reg, "endColumn"), 8);
  reg = path(json_array_get(get(json_array_get(results, 1), "locations"), 0), "physicalLocation.region");
  assert_int_equal(get_int(reg, "startColumn"), 7);
  assert_int_equal(get_int(reg, "endColumn"), 9);
  reg = path(json_array_get(get(json_array_get(results, 2), "locations"), 0), "physicalLocation.region");
  assert_int_equal(get_int(reg, "startColumn"), 3);
  assert_int_equal(get_int(reg, "endColumn"), 4);
  json_decref(root);
  diag_list_release(&l);
  remove(file);
  rmdir(dir);
}

/* Failures make the invocation unsuccessful, each one a notification, with the unit's file as
 * its location when it is about one. */
static void sarif_failures_as_notifications(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  diag_fail(&l, "src/b.c", "cannot analyse 'src/b.c': the analysis crashed (signal 11: Segmentation fault)");
  diag_fail(&l, NULL, "cannot read 'nope.c': No such file or directory");
  json_t *root = render_parsed(FMT_SARIF, &l);
  json_t *inv = json_array_get(get_arr(json_array_get(get(root, "runs"), 0), "invocations", 1), 0);
  assert_true(json_is_false(get(inv, "executionSuccessful")));
  json_t *notes = get_arr(inv, "toolExecutionNotifications", 2);
  json_t *n = json_array_get(notes, 0);
  assert_string_equal(get_str(n, "level"), "error");
  assert_string_equal(path_str(n, "message.text"),
                      "cannot analyse 'src/b.c': the analysis crashed (signal 11: Segmentation fault)");
  json_t *al = path(json_array_get(get_arr(n, "locations", 1), 0), "physicalLocation.artifactLocation");
  assert_string_equal(get_str(al, "uri"), "sub/src/b.c");
  n = json_array_get(notes, 1);
  assert_string_equal(path_str(n, "message.text"), "cannot read 'nope.c': No such file or directory");
  assert_null(json_object_get(n, "locations"));
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

/* ---- concise ---- */

/* One line per diagnostic, the notes folded in, control characters escaped (a message cannot
 * break the line), no snippet. */
static void concise_lines(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  struct diag_loc loc = at("c.c", 2, 1, 0);
  diag_add(&l, "r", SEV_WARNING, &loc, "two\nlines");
  char *got = render(FMT_CONCISE, &l);
  assert_string_equal(got,
                      "src/a.c:3:3: warning: 't' is awaited twice [vtask-double-await]"
                      " (note: src/a.c:2:11: 't' was created here) (note: a note without a location)\n"
                      "/abs/my dir/b.c:7:5: error: task discarded [vtask-discarded]\n"
                      "error: no compile command for x.c [clang-diagnostic-error]\n"
                      "c.c:2:1: warning: two<U+000A>lines [r]\n");
  free(got);
  diag_list_release(&l);
}

/* ---- GitLab Code Quality ---- */

/* The fields GitLab requires, paths relative to the repository's top level, severities mapped,
 * and fingerprints that ignore the line but tell equal findings apart. */
static void gitlab_fields(void **state) {
  (void)state;
  struct diag_list l;
  build_list(&l);
  struct diag_loc l1 = at("src/a.c", 40, 3, 0), l2 = at("src/a.c", 50, 3, 0);
  diag_add(&l, "vtask-double-await", SEV_WARNING, &l1, "'t' is awaited twice");
  diag_add(&l, "vtask-double-await", SEV_NOTE, &l2, "'t' is awaited twice");
  json_t *root = render_parsed(FMT_GITLAB, &l);
  assert_true(json_is_array(root));
  assert_int_equal(json_array_size(root), 5);
  json_t *d = json_array_get(root, 0);
  assert_string_equal(get_str(d, "description"), "'t' is awaited twice (note: src/a.c:2:11: 't' was created here)"
                                                 " (note: a note without a location)");
  assert_string_equal(get_str(d, "check_name"), "vtask-double-await");
  assert_string_equal(get_str(d, "severity"), "major");
  assert_string_equal(path_str(d, "location.path"), "sub/src/a.c");
  assert_int_equal(path_int(d, "location.lines.begin"), 3);
  const char *fp0 = get_str(d, "fingerprint");
  assert_int_equal(strlen(fp0), 32);
  assert_int_equal(strspn(fp0, "0123456789abcdef"), 32);
  d = json_array_get(root, 1);
  assert_string_equal(get_str(d, "severity"), "critical");
  assert_string_equal(path_str(d, "location.path"), "/abs/my dir/b.c");
  /* Same rule, file and message on other lines: the same identity, told apart by occurrence;
   * the first keeps the first one's fingerprint whatever its line. */
  const char *fp3 = get_str(json_array_get(root, 3), "fingerprint");
  const char *fp4 = get_str(json_array_get(root, 4), "fingerprint");
  assert_memory_equal(fp0, fp3, 16);
  assert_string_not_equal(fp0, fp3);
  assert_string_not_equal(fp3, fp4);
  assert_string_equal(get_str(json_array_get(root, 4), "severity"), "info");
  json_decref(root);

  /* A line shift moves no fingerprint. */
  struct diag_list shifted;
  diag_list_init(&shifted);
  struct diag_loc s1 = at("src/a.c", 13, 3, 17);
  diag_add(&shifted, "vtask-double-await", SEV_WARNING, &s1, "'t' is awaited twice");
  root = render_parsed(FMT_GITLAB, &shifted);
  json_t *again = render_parsed(FMT_GITLAB, &l);
  assert_string_equal(get_str(json_array_get(root, 0), "fingerprint"), get_str(json_array_get(again, 0), "fingerprint"));
  json_decref(root);
  json_decref(again);
  diag_list_release(&shifted);
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
      cmocka_unit_test(sarif_outside_root),
      cmocka_unit_test(sarif_utf16_columns),
      cmocka_unit_test(sarif_failures_as_notifications),
      cmocka_unit_test(github_lines),
      cmocka_unit_test(github_escaping),
      cmocka_unit_test(github_empty_list),
      cmocka_unit_test(concise_lines),
      cmocka_unit_test(gitlab_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
