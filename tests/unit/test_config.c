/* test_config.c: the .vtasklint.yaml reader (analyzer/driver/config.h). Each test writes its
 * YAML into a fresh temporary directory, loads it, and checks the fields, the one-line error
 * with its exact PATH:LINE:COL, or the warnings for unknown keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <regex.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/driver/config.h"
#include "analyzer/model/profiles.h"
#include "analyzer/support/strbuf.h"

/* ---- temporary files ---- */

static char tmpdir[64];
static char *created[64]; /* removed in reverse order by the teardown */
static bool created_dir[64];
static size_t ncreated;

static void remember(char *path, bool dir) {
  assert_true(ncreated < sizeof created / sizeof *created);
  created_dir[ncreated] = dir;
  created[ncreated++] = path;
}

static char *tmp_path(const char *name) {
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "%s/%s", tmpdir, name);
  return sb_detach(&sb);
}

/* write_file: TMPDIR/name with these bytes; the path stays owned by the fixture. */
static const char *write_bytes(const char *name, const char *text, size_t len) {
  char *p = tmp_path(name);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
  remember(p, false);
  return p;
}

static const char *write_file(const char *name, const char *text) { return write_bytes(name, text, strlen(text)); }

static const char *make_dir(const char *name) {
  char *p = tmp_path(name);
  assert_int_equal(mkdir(p, 0700), 0);
  remember(p, true);
  return p;
}

static int setup(void **state) {
  (void)state;
  strcpy(tmpdir, "/tmp/vtl-config-XXXXXX");
  if (!mkdtemp(tmpdir))
    return -1;
  ncreated = 0;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  while (ncreated) {
    ncreated--;
    if (created_dir[ncreated])
      rmdir(created[ncreated]);
    else
      unlink(created[ncreated]);
    free(created[ncreated]);
  }
  rmdir(tmpdir);
  return 0;
}

/* ---- loading helpers ---- */

struct warnings {
  struct strbuf text; /* each line followed by '\n' */
  int n;
};

static void collect(void *self, const char *line) {
  struct warnings *w = self;
  sb_adds(&w->text, line);
  sb_addc(&w->text, '\n');
  w->n++;
}

/* Loads TMPDIR/name holding text; it must succeed without warnings. */
static void load_ok(const char *name, const char *text, struct vtl_config *c) {
  const char *p = write_file(name, text);
  struct strbuf err = STRBUF_INIT;
  struct warnings w = {STRBUF_INIT, 0};
  int rc = config_load(p, c, &err, collect, &w);
  if (rc)
    print_error("unexpected error: %s\n", sb_cstr(&err));
  assert_int_equal(rc, 0);
  assert_string_equal(sb_cstr(&err), "");
  assert_string_equal(sb_cstr(&w.text), "");
  assert_string_equal(c->path, p);
  sb_release(&err);
  sb_release(&w.text);
}

/* Loads TMPDIR/name holding text; it must fail with exactly "PATH:" + expected. */
static void load_fails(const char *name, const char *text, const char *expected) {
  const char *p = write_file(name, text);
  struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
  struct vtl_config c;
  memset(&c, 0x5A, sizeof c);
  assert_int_equal(config_load(p, &c, &err, NULL, NULL), -1);
  sb_addf(&want, "%s:%s", p, expected);
  assert_string_equal(sb_cstr(&err), sb_cstr(&want));
  assert_null(strchr(sb_cstr(&err), '\n'));
  /* A failed load leaves nothing to free. */
  assert_null(c.path);
  assert_null(c.checks);
  assert_null(c.profiles);
  assert_null(c.awaitables);
  assert_int_equal(c.nprofiles, 0);
  assert_int_equal(c.nawaitables, 0);
  config_release(&c);
  sb_release(&err);
  sb_release(&want);
}

static void assert_names(const struct cfg_names *n, size_t count, ...) {
  assert_int_equal(n->n, count);
  va_list ap;
  va_start(ap, count);
  for (size_t i = 0; i < count; i++)
    assert_string_equal(n->v[i], va_arg(ap, const char *));
  va_end(ap);
}

static const struct cfg_profile *profile(const struct vtl_config *c, const char *name) {
  for (size_t i = 0; i < c->nprofiles; i++)
    if (!strcmp(c->profiles[i].name, name))
      return &c->profiles[i];
  return NULL;
}

/* ---- reading ---- */

static const char spec_example[] =
    "Checks: '*,-vtask-discarded'          # globs, last match wins\n"
    "WarningsAsErrors: 'vtask-double-await'\n"
    "HeaderFilter: '^(src|include)/'       # findings in which headers to report\n"
    "Profiles:                             # built-in profiles: on / off, and per-rule tuning\n"
    "  std-future: on\n"
    "  cppcoro: { double-await: after-move }\n"
    "Awaitables:                           # the user's own single-use types\n"
    "  - Type: 'struct job'                # C tag, typedef, or qualified C++ name (templates by name)\n"
    "    Await: [job_wait]                 # function (argument of that type) or method names\n"
    "    GetResult: [job_result]\n"
    "    Wait: [job_join]\n"
    "    Query: [job_done]\n"
    "    Transfer: [job_detach]\n"
    "    CreateCompleted: [job_ready]\n"
    "    FieldsAllowed: false\n";

/* The example of spec section 4b, field by field. */
static void reads_spec_example(void **state) {
  (void)state;
  struct vtl_config c;
  load_ok(".vtasklint.yaml", spec_example, &c);
  assert_string_equal(c.checks, "*,-vtask-discarded");
  assert_string_equal(c.warnings_as_errors, "vtask-double-await");
  assert_string_equal(c.header_filter, "^(src|include)/");
  assert_int_equal(c.nprofiles, 2);
  assert_string_equal(c.profiles[0].name, "std-future");
  assert_int_equal(c.profiles[0].enabled, CFG_ON);
  assert_int_equal(c.profiles[0].double_await, CFG_DA_UNSET);
  assert_int_equal(c.profiles[0].fields, CFG_FIELDS_UNSET);
  assert_int_equal(c.profiles[0].line, 5);
  assert_int_equal(c.profiles[0].col, 3);
  assert_string_equal(c.profiles[1].name, "cppcoro");
  assert_int_equal(c.profiles[1].enabled, CFG_UNSET);
  assert_int_equal(c.profiles[1].double_await, CFG_DA_AFTER_MOVE);
  assert_int_equal(c.profiles[1].fields, CFG_FIELDS_UNSET);
  assert_int_equal(c.profiles[1].line, 6);
  assert_int_equal(c.profiles[1].col, 3);
  assert_int_equal(c.nawaitables, 1);
  const struct cfg_awaitable *a = &c.awaitables[0];
  assert_string_equal(a->type, "struct job");
  assert_names(&a->await, 1, "job_wait");
  assert_names(&a->get_result, 1, "job_result");
  assert_names(&a->wait, 1, "job_join");
  assert_names(&a->query, 1, "job_done");
  assert_names(&a->transfer, 1, "job_detach");
  assert_names(&a->create_completed, 1, "job_ready");
  assert_int_equal(a->fields_allowed, CFG_OFF);
  assert_int_equal(a->line, 8);
  assert_int_equal(a->col, 5);
  config_release(&c);
  /* config_release zeroes, and a second release is harmless. */
  assert_null(c.path);
  assert_null(c.profiles);
  assert_int_equal(c.nawaitables, 0);
  config_release(&c);
}

/* Checks and WarningsAsErrors in every scalar style, verbatim; an absent key stays NULL. */
static void reads_checks_and_warnings_as_errors(void **state) {
  (void)state;
  struct vtl_config c;
  load_ok("a.yaml", "Checks: -*,vtask-double-await\nWarningsAsErrors: \"vtask-*\"\n", &c);
  assert_string_equal(c.checks, "-*,vtask-double-await");
  assert_string_equal(c.warnings_as_errors, "vtask-*");
  assert_null(c.header_filter);
  assert_int_equal(c.nprofiles, 0);
  assert_int_equal(c.nawaitables, 0);
  config_release(&c);

  load_ok("b.yaml", "WarningsAsErrors: 'it''s'\n", &c);
  assert_null(c.checks);
  assert_string_equal(c.warnings_as_errors, "it's");
  config_release(&c);

  /* Block scalars too (clang-tidy files often list checks one per line). */
  load_ok("c.yaml", "Checks: |\n  -*\n  vtask-*\n", &c);
  assert_string_equal(c.checks, "-*\nvtask-*\n");
  config_release(&c);

  /* An empty value is the empty list. */
  load_ok("d.yaml", "Checks:\nWarningsAsErrors: ''\n", &c);
  assert_string_equal(c.checks, "");
  assert_string_equal(c.warnings_as_errors, "");
  config_release(&c);
}

/* A profile is a boolean word (any case) or a mapping of enabled / double-await / fields. */
static void reads_profile_forms(void **state) {
  (void)state;
  struct vtl_config c;
  load_ok("p.yaml",
          "Profiles:\n"
          "  vtask: on\n"
          "  std-future: off\n"
          "  asio: true\n"
          "  async-simple: False\n"
          "  concurrencpp: yes\n"
          "  folly: NO\n"
          "  cppcoro: { double-await: after-move }\n"
          "  libcoro:\n"
          "    enabled: off\n"
          "    double-await: error\n"
          "    fields: allowed\n"
          "  pthread: {enabled: yes, double-await: off, fields: flagged}\n"
          "  libuv: {}\n",
          &c);
  assert_int_equal(c.nprofiles, 10);
  static const struct {
    const char *name;
    enum cfg_tristate enabled;
    enum cfg_double_await da;
    enum cfg_fields fields;
  } want[] = {
      {"vtask", CFG_ON, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"std-future", CFG_OFF, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"asio", CFG_ON, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"async-simple", CFG_OFF, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"concurrencpp", CFG_ON, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"folly", CFG_OFF, CFG_DA_UNSET, CFG_FIELDS_UNSET},
      {"cppcoro", CFG_UNSET, CFG_DA_AFTER_MOVE, CFG_FIELDS_UNSET},
      {"libcoro", CFG_OFF, CFG_DA_ERROR, CFG_FIELDS_ALLOWED},
      {"pthread", CFG_ON, CFG_DA_OFF, CFG_FIELDS_FLAGGED},
      {"libuv", CFG_UNSET, CFG_DA_UNSET, CFG_FIELDS_UNSET},
  };
  for (size_t i = 0; i < 10; i++) {
    const struct cfg_profile *p = profile(&c, want[i].name);
    assert_non_null(p);
    assert_ptr_equal(p, &c.profiles[i]); /* file order */
    assert_int_equal(p->enabled, want[i].enabled);
    assert_int_equal(p->double_await, want[i].da);
    assert_int_equal(p->fields, want[i].fields);
    assert_int_equal(p->col, 3);
  }
  assert_int_equal(profile(&c, "libcoro")->line, 9);
  config_release(&c);

  /* The names accepted are exactly the model's profile names. */
  int n = 0;
  while (model_profile_config_name(n))
    n++;
  assert_int_equal(n, 10);
  assert_string_equal(model_profile_config_name(0), "vtask");
  assert_string_equal(model_profile_config_name(9), "libuv");
}

/* Every role takes a sequence of names or a single name. */
static void reads_awaitable_roles(void **state) {
  (void)state;
  struct vtl_config c;
  load_ok("seq.yaml",
          "Awaitables:\n"
          "  - Type: job_t\n"
          "    Await: [job_wait, job_await]\n"
          "    GetResult:\n"
          "      - job_result\n"
          "      - job_value\n"
          "    Wait: [job_join, 'job_join_for']\n"
          "    Query: [job_done, job_failed]\n"
          "    Transfer: [job_detach, job_move]\n"
          "    CreateCompleted: [job_ready, job_fail]\n"
          "  - Type: 'ns::task'\n"
          "    Await: []\n",
          &c);
  assert_int_equal(c.nawaitables, 2);
  const struct cfg_awaitable *a = &c.awaitables[0];
  assert_string_equal(a->type, "job_t");
  assert_names(&a->await, 2, "job_wait", "job_await");
  assert_names(&a->get_result, 2, "job_result", "job_value");
  assert_names(&a->wait, 2, "job_join", "job_join_for");
  assert_names(&a->query, 2, "job_done", "job_failed");
  assert_names(&a->transfer, 2, "job_detach", "job_move");
  assert_names(&a->create_completed, 2, "job_ready", "job_fail");
  assert_int_equal(a->fields_allowed, CFG_UNSET);
  assert_int_equal(a->line, 2);
  assert_int_equal(a->col, 5);
  a = &c.awaitables[1];
  assert_string_equal(a->type, "ns::task");
  assert_names(&a->await, 0);
  assert_null(a->await.v);
  assert_names(&a->get_result, 0);
  assert_names(&a->create_completed, 0);
  assert_int_equal(a->line, 11);
  config_release(&c);

  load_ok("single.yaml",
          "Awaitables:\n"
          "  - Type: struct job\n"
          "    Await: job_wait\n"
          "    GetResult: job_result\n"
          "    Wait: job_join\n"
          "    Query: 'job_done'\n"
          "    Transfer: job_detach\n"
          "    CreateCompleted: job_ready\n",
          &c);
  a = &c.awaitables[0];
  assert_string_equal(a->type, "struct job");
  assert_names(&a->await, 1, "job_wait");
  assert_names(&a->get_result, 1, "job_result");
  assert_names(&a->wait, 1, "job_join");
  assert_names(&a->query, 1, "job_done");
  assert_names(&a->transfer, 1, "job_detach");
  assert_names(&a->create_completed, 1, "job_ready");
  config_release(&c);
}

static void reads_fields_allowed(void **state) {
  (void)state;
  struct vtl_config c;
  load_ok("f.yaml",
          "Awaitables:\n"
          "  - {Type: a, FieldsAllowed: true}\n"
          "  - {Type: b, FieldsAllowed: false}\n"
          "  - {Type: c, FieldsAllowed: on}\n"
          "  - {Type: d}\n",
          &c);
  assert_int_equal(c.nawaitables, 4);
  assert_int_equal(c.awaitables[0].fields_allowed, CFG_ON);
  assert_int_equal(c.awaitables[1].fields_allowed, CFG_OFF);
  assert_int_equal(c.awaitables[2].fields_allowed, CFG_ON);
  assert_int_equal(c.awaitables[3].fields_allowed, CFG_UNSET);
  assert_int_equal(c.awaitables[1].line, 3);
  assert_int_equal(c.awaitables[1].col, 5);
  config_release(&c);
}

/* An empty file (or one of only comments, or a bare document marker) configures nothing. */
static void reads_empty_file(void **state) {
  (void)state;
  static const char *const texts[] = {"", "# nothing yet\n\n", "---\n", "\n\n\n"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char name[32];
    snprintf(name, sizeof name, "empty%zu.yaml", i);
    struct vtl_config c;
    load_ok(name, texts[i], &c);
    assert_non_null(c.path);
    assert_null(c.checks);
    assert_null(c.warnings_as_errors);
    assert_null(c.header_filter);
    assert_int_equal(c.nprofiles, 0);
    assert_int_equal(c.nawaitables, 0);
    config_release(&c);
  }
}

/* ---- warnings ---- */

/* Unknown keys at every level warn with their position; the rest is still read. */
static void unknown_keys_warn(void **state) {
  (void)state;
  const char *p = write_file("w.yaml",
                             "Checks: '*'\n"
                             "CheckOptions: {a: b}\n"
                             "Profiles:\n"
                             "  asio: {enabled: on, strict: yes}\n"
                             "Awaitables:\n"
                             "  - Type: job_t\n"
                             "    Cancel: [job_cancel]\n"
                             "    Await: job_wait\n"
                             "HeaderFilterRegex: 'x'\n");
  struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
  struct warnings w = {STRBUF_INIT, 0};
  struct vtl_config c;
  assert_int_equal(config_load(p, &c, &err, collect, &w), 0);
  assert_string_equal(sb_cstr(&err), "");
  sb_addf(&want,
          "%s:2:1: warning: unknown key 'CheckOptions'\n"
          "%s:4:23: warning: unknown key 'strict'\n"
          "%s:7:5: warning: unknown key 'Cancel'\n"
          "%s:9:1: warning: unknown key 'HeaderFilterRegex'\n",
          p, p, p, p);
  assert_string_equal(sb_cstr(&w.text), sb_cstr(&want));
  assert_int_equal(w.n, 4);
  assert_string_equal(c.checks, "*");
  assert_int_equal(profile(&c, "asio")->enabled, CFG_ON);
  assert_names(&c.awaitables[0].await, 1, "job_wait");
  config_release(&c);

  /* warn may be NULL. */
  assert_int_equal(config_load(p, &c, &err, NULL, NULL), 0);
  config_release(&c);
  sb_release(&err);
  sb_release(&want);
  sb_release(&w.text);
}

/* ---- errors ---- */

static void error_unreadable(void **state) {
  (void)state;
  char *missing = tmp_path("missing.yaml");
  struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
  struct vtl_config c;
  assert_int_equal(config_load(missing, &c, &err, NULL, NULL), -1);
  sb_addf(&want, "%s:1:1: error: cannot read: No such file or directory", missing);
  assert_string_equal(sb_cstr(&err), sb_cstr(&want));
  assert_null(c.path);
  free(missing);

  /* A directory opens but cannot be read. */
  const char *dir = make_dir("adir.yaml");
  sb_reset(&err);
  sb_reset(&want);
  assert_int_equal(config_load(dir, &c, &err, NULL, NULL), -1);
  sb_addf(&want, "%s:1:1: error: cannot read: Is a directory", dir);
  assert_string_equal(sb_cstr(&err), sb_cstr(&want));
  sb_release(&err);
  sb_release(&want);
}

/* Syntax errors carry libyaml's problem, its position, and its context. */
static void error_bad_yaml(void **state) {
  (void)state;
  load_fails("y1.yaml", "Checks: '*'\nProfiles: [asio\n",
             "3:1: error: did not find expected ',' or ']' (while parsing a flow sequence at 2:11)");
  load_fails("y2.yaml", "Checks: '*\n", "2:1: error: found unexpected end of stream (while scanning a quoted scalar at 1:9)");
  load_fails("y3.yaml", "Checks: a\n  WarningsAsErrors: b\n",
             "2:19: error: mapping values are not allowed in this context");
  load_fails("y4.yaml", "Checks: *undefined\n", "1:9: error: found undefined alias");
  /* Not UTF-8: the reader's offset becomes a position. */
  load_fails("y5.yaml", "Checks: a\nWarningsAsErrors: '\xff'\n", "2:20: error: invalid leading UTF-8 octet (#FF)");
  /* A second document would be ignored silently. */
  load_fails("y6.yaml", "Checks: a\n---\nChecks: b\n",
             "2:1: error: only one YAML document is allowed in a configuration file");
}

static void error_top_level_not_mapping(void **state) {
  (void)state;
  static const char msg[] =
      "error: the top level must be a mapping (Checks, WarningsAsErrors, HeaderFilter, Profiles, Awaitables, "
      "Assertions, InheritParentConfig)";
  char want[256];
  snprintf(want, sizeof want, "1:1: %s", msg);
  load_fails("t1.yaml", "- Checks: a\n", want);
  load_fails("t2.yaml", "just words\n", want);
  snprintf(want, sizeof want, "2:1: %s", msg);
  load_fails("t3.yaml", "# comment\n[a, b]\n", want);
}

static void error_unknown_profile(void **state) {
  (void)state;
  load_fails("u.yaml", "Profiles:\n  std-future: on\n  boost-asio: off\n",
             "3:3: error: unknown profile 'boost-asio' (known: vtask, std-future, asio, async-simple, "
             "concurrencpp, folly, cppcoro, libcoro, pthread, libuv)");
  /* Profile names are case-sensitive. */
  load_fails("u2.yaml", "Profiles: {ASIO: on}\n",
             "1:12: error: unknown profile 'ASIO' (known: vtask, std-future, asio, async-simple, "
             "concurrencpp, folly, cppcoro, libcoro, pthread, libuv)");
}

static void error_bad_profile_values(void **state) {
  (void)state;
  load_fails("d1.yaml", "Checks: '*'\nProfiles:\n  asio: {double-await: twice}\n",
             "3:24: error: 'double-await' must be one of error, off, after-move (got 'twice')");
  load_fails("d2.yaml", "Profiles:\n  cppcoro:\n    double-await: twice\n",
             "3:19: error: 'double-await' must be one of error, off, after-move (got 'twice')");
  load_fails("d3.yaml", "Profiles:\n  folly: {fields: sometimes}\n",
             "2:19: error: 'fields' must be one of flagged, allowed (got 'sometimes')");
  load_fails("d4.yaml", "Profiles:\n  folly: {double-await: [error]}\n",
             "2:25: error: 'double-await' must be one of error, off, after-move");
  load_fails("d5.yaml", "Profiles:\n  asio: maybe\n",
             "2:9: error: profile 'asio' must be one of on, off, true, false, yes, no, or a mapping (got 'maybe')");
  load_fails("d6.yaml", "Profiles:\n  asio: [on]\n",
             "2:9: error: profile 'asio' must be one of on, off, true, false, yes, no, or a mapping");
  load_fails("d7.yaml", "Profiles: on\n",
             "1:11: error: 'Profiles' must be a mapping of profile names to on, off or a mapping");
  load_fails("d8.yaml", "Profiles:\n  asio: on\n  asio: off\n", "3:3: error: duplicate key 'asio'");
}

static void error_bad_bool(void **state) {
  (void)state;
  load_fails("b1.yaml", "Awaitables:\n  - Type: job_t\n    FieldsAllowed: maybe\n",
             "3:20: error: 'FieldsAllowed' must be one of on, off, true, false, yes, no (got 'maybe')");
  load_fails("b2.yaml", "Profiles:\n  libuv:\n    enabled: 1\n",
             "3:14: error: 'enabled' must be one of on, off, true, false, yes, no (got '1')");
  load_fails("b3.yaml", "Awaitables:\n  - Type: job_t\n    FieldsAllowed: {}\n",
             "3:20: error: 'FieldsAllowed' must be one of on, off, true, false, yes, no");
}

static void error_awaitables(void **state) {
  (void)state;
  load_fails("a1.yaml", "Awaitables:\n  - Type: a\n  - Await: [job_wait]\n    Wait: job_join\n",
             "3:5: error: 'Awaitables' entry without 'Type'");
  load_fails("a2.yaml", "Awaitables:\n  - {Await: x}\n", "2:5: error: 'Awaitables' entry without 'Type'");
  load_fails("a3.yaml", "Awaitables:\n  - Type: ''\n", "2:11: error: 'Type' must be a non-empty string");
  load_fails("a4.yaml", "Awaitables:\n  - Type: [a]\n", "2:11: error: 'Type' must be a non-empty string");
  load_fails("a5.yaml", "Awaitables:\n  - job_t\n",
             "2:5: error: each 'Awaitables' entry must be a mapping with at least 'Type'");
  load_fails("a6.yaml", "Awaitables: {Type: a}\n", "1:13: error: 'Awaitables' must be a sequence of mappings");
  load_fails("a7.yaml", "Awaitables:\n  - Type: a\n    Query: [a, {b: c}]\n",
             "3:16: error: 'Query' must be a string or a sequence of strings");
  load_fails("a8.yaml", "Awaitables:\n  - Type: a\n    Transfer: {b: c}\n",
             "3:15: error: 'Transfer' must be a string or a sequence of strings");
}

static void error_wrong_kinds(void **state) {
  (void)state;
  load_fails("k1.yaml", "Checks: [a, b]\n", "1:9: error: 'Checks' must be a string");
  load_fails("k2.yaml", "WarningsAsErrors:\n  a: b\n", "2:3: error: 'WarningsAsErrors' must be a string");
  load_fails("k3.yaml", "Checks: a\nChecks: b\n", "2:1: error: duplicate key 'Checks'");
  load_fails("k4.yaml", "? [a]\n: b\n", "1:3: error: a mapping key must be a string");
}

static void error_bad_header_filter(void **state) {
  (void)state;
  /* The message ends with the C library's own words for what is wrong. */
  regex_t re;
  int rc = regcomp(&re, "^(src|include/", REG_EXTENDED | REG_NOSUB);
  assert_int_not_equal(rc, 0);
  char why[256];
  regerror(rc, &re, why, sizeof why);
  char want[512];
  snprintf(want, sizeof want, "2:15: error: 'HeaderFilter' is not a valid extended regular expression: %s", why);
  load_fails("h.yaml", "Checks: '*'\nHeaderFilter: '^(src|include/'\n", want);
  load_fails("h2.yaml", "HeaderFilter: [a]\n", "1:15: error: 'HeaderFilter' must be a string");
}

/* Patterns whose compilation explodes in glibc's regcomp never reach it (the fuzzer's find: a
 * 442-byte file whose `i++++...` took 3 GB; `((a)+)+` at 200 levels takes 12 GB). */
static void refuses_explosive_header_filters(void **state) {
  (void)state;
  load_fails("r1.yaml", "HeaderFilter: '(src|i+++++++++++nclude)/'\n",
             "1:15: error: 'HeaderFilter' is refused: it repeats a repetition ('a++', 'a*{2}'), which POSIX leaves undefined");
  load_fails("r2.yaml", "HeaderFilter: '((((a)+)+)+)+'\n",
             "1:15: error: 'HeaderFilter' is refused: it repeats a group that holds a repetition ('(a+)+'), which regcomp cannot bound");
  load_fails("r3.yaml", "HeaderFilter: 'a{1,1000}'\n", "1:15: error: 'HeaderFilter' is refused: a repetition bound is over 255");
}

/* ---- limits (issue 12, item 3): a configuration file is untrusted input ---- */

/* An alias bomb: level k is a sequence of ten aliases to level k-1; Awaitables names the top
 * as the Await list of entries that are themselves aliased. Fully expanded it is ~10^7 names. */
static void refuses_alias_bombs(void **state) {
  (void)state;
  struct strbuf sb = STRBUF_INIT;
  sb_adds(&sb, "x0: &a0 [n, n, n, n, n, n, n, n, n, n]\n");
  for (int k = 1; k < 7; k++)
    sb_addf(&sb, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", k, k, k - 1, k - 1,
            k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1);
  sb_adds(&sb, "Checks: '*'\n");
  const char *p = write_file("bomb.yaml", sb.buf);
  struct strbuf err = STRBUF_INIT;
  struct vtl_config c;
  assert_int_equal(config_load(p, &c, &err, NULL, NULL), -1);
  assert_non_null(strstr(sb_cstr(&err), ": error: aliases expand to more than 100000 nodes"));
  /* at the alias that crossed the budget (x4's ninth) */
  assert_non_null(strstr(sb_cstr(&err), "bomb.yaml:5:45: error:"));
  sb_release(&err);
  sb_release(&sb);
  /* A few aliases are fine: the same list reused. */
  const char *ok = write_file("alias_ok.yaml", "Awaitables:\n  - Type: a\n    Await: &w [wait1, wait2]\n"
                                               "  - Type: b\n    Await: *w\n");
  assert_int_equal(config_load(ok, &c, &err, NULL, NULL), 0);
  assert_int_equal(c.nawaitables, 2);
  assert_names(&c.awaitables[1].await, 2, "wait1", "wait2");
  config_release(&c);
  sb_release(&err);
}

static void refuses_deep_nesting(void **state) {
  (void)state;
  enum { DEPTH = 100000 };
  struct strbuf sb = STRBUF_INIT;
  sb_adds(&sb, "Checks: ");
  for (int i = 0; i < DEPTH; i++)
    sb_addc(&sb, '[');
  for (int i = 0; i < DEPTH; i++)
    sb_addc(&sb, ']');
  sb_addc(&sb, '\n');
  load_fails("deep.yaml", sb.buf, "1:72: error: nesting deeper than 64 levels; refusing the file");
  sb_release(&sb);
  /* block style too */
  struct strbuf b = STRBUF_INIT;
  for (int i = 0; i < 100; i++)
    sb_addf(&b, "%*sk%d:\n", i * 2, "", i);
  load_fails("deep_block.yaml", b.buf, "65:129: error: nesting deeper than 64 levels; refusing the file");
  sb_release(&b);
}

static void refuses_huge_and_special_files(void **state) {
  (void)state;
  struct strbuf sb = STRBUF_INIT;
  sb_adds(&sb, "Checks: '*'\n");
  while (sb.len <= (1u << 20))
    sb_adds(&sb, "# a comment line that makes the file large, and larger, and larger\n");
  load_fails("huge.yaml", sb.buf, "1:1: error: larger than 1048576 bytes; refusing the file");
  sb_release(&sb);
  struct strbuf err = STRBUF_INIT;
  struct vtl_config c;
  assert_int_equal(config_load("/dev/zero", &c, &err, NULL, NULL), -1);
  assert_string_equal(sb_cstr(&err), "/dev/zero:1:1: error: cannot read: not a regular file");
  sb_release(&err);
}

/* ---- config_find ---- */

static void find_walks_upward(void **state) {
  (void)state;
  make_dir("a");
  make_dir("a/b");
  const char *deep = make_dir("a/b/c");
  const char *top = write_file("a/.vtasklint.yaml", "Checks: '*'\n");
  char *found = config_find(deep, NULL, NULL);
  assert_non_null(found);
  assert_string_equal(found, top);
  free(found);

  /* The nearest wins; the directory itself counts. */
  const char *mid = write_file("a/b/.vtasklint.yaml", "");
  found = config_find(deep, NULL, NULL);
  assert_string_equal(found, mid);
  free(found);
  char *b = tmp_path("a/b");
  found = config_find(b, NULL, NULL);
  assert_string_equal(found, mid);
  free(found);

  /* Lexical normalisation: "a/b/c/.." is a/b. */
  char *dotdot = tmp_path("a/b/c/..");
  found = config_find(dotdot, NULL, NULL);
  assert_string_equal(found, mid);
  free(found);

  /* A directory of that name is not a configuration file. */
  make_dir("a/b/c/.vtasklint.yaml");
  found = config_find(deep, NULL, NULL);
  assert_string_equal(found, mid);
  free(found);
  free(b);
  free(dotdot);
}

static bool exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

static void find_returns_null_when_none(void **state) {
  (void)state;
  const char *deep = make_dir("x");
  deep = make_dir("x/y");
  /* Only meaningful when no ancestor of the temporary directory has one. */
  if (exists("/tmp/.vtasklint.yaml") || exists("/.vtasklint.yaml"))
    skip();
  char *found = config_find(deep, NULL, NULL);
  assert_null(found);
  found = config_find(tmpdir, NULL, NULL);
  assert_null(found);
}

static int nwarned;
static char warned[512];
static void find_warn(void *self, const char *line) {
  (void)self;
  nwarned++;
  snprintf(warned, sizeof warned, "%s", line);
}

/* A file anyone could have put there (its directory is world-writable), or one anyone can
 * change, is skipped with a warning (issue 12, item 16); the search goes on upward. */
static void find_skips_unsafe_files(void **state) {
  (void)state;
  make_dir("s");
  const char *inner = make_dir("s/open");
  char *inner_copy = strdup(inner);
  const char *deep = make_dir("s/open/deep");
  char *deep_copy = strdup(deep);
  char *outer = strdup(write_file("s/.vtasklint.yaml", "Checks: '*'\n"));
  char *planted = strdup(write_file("s/open/.vtasklint.yaml", "Checks: '-*'\n"));
  chmod(inner_copy, 0777);
  nwarned = 0;
  char *found = config_find(deep_copy, find_warn, NULL);
  assert_non_null(found);
  assert_string_equal(found, outer);
  free(found);
  assert_int_equal(nwarned, 1);
  assert_non_null(strstr(warned, planted));
  assert_non_null(strstr(warned, "in a directory writable by others; ignored"));
  chmod(inner_copy, 0755);
  chmod(planted, 0666);
  nwarned = 0;
  found = config_find(deep_copy, find_warn, NULL);
  assert_string_equal(found, outer);
  free(found);
  assert_int_equal(nwarned, 1);
  assert_non_null(strstr(warned, "is writable by others; ignored"));
  chmod(planted, 0644);
  nwarned = 0;
  found = config_find(deep_copy, find_warn, NULL);
  assert_string_equal(found, planted);
  free(found);
  assert_int_equal(nwarned, 0);
  free(inner_copy);
  free(deep_copy);
  free(outer);
  free(planted);
}

/* ---- config_dump ---- */

static char *dump_to_string(const struct vtl_config *c) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  config_dump(c, f);
  assert_int_equal(fclose(f), 0);
  return buf;
}

static void assert_same_names(const struct cfg_names *a, const struct cfg_names *b) {
  assert_int_equal(a->n, b->n);
  for (size_t i = 0; i < a->n; i++)
    assert_string_equal(a->v[i], b->v[i]);
}

static void assert_same_config(const struct vtl_config *a, const struct vtl_config *b) {
  assert_string_equal(a->checks ? a->checks : "*", b->checks);
  assert_string_equal(a->warnings_as_errors ? a->warnings_as_errors : "", b->warnings_as_errors);
  /* the dump writes every key: an unset HeaderFilter as '' (every header), every profile */
  assert_string_equal(a->header_filter ? a->header_filter : "", b->header_filter);
  for (size_t i = 0; i < a->nprofiles; i++) {
    const struct cfg_profile *x = &a->profiles[i], *y = NULL;
    for (size_t k = 0; k < b->nprofiles && !y; k++)
      if (!strcmp(b->profiles[k].name, x->name))
        y = &b->profiles[k];
    assert_non_null(y);
    assert_int_equal(x->enabled == CFG_OFF, y->enabled == CFG_OFF);
    assert_int_equal(x->double_await, y->double_await);
    assert_int_equal(x->fields, y->fields);
  }
  for (size_t k = 0; k < b->nprofiles; k++) { /* the ones a does not name: plainly on */
    bool named = false;
    for (size_t i = 0; i < a->nprofiles; i++)
      named = named || !strcmp(a->profiles[i].name, b->profiles[k].name);
    if (!named)
      assert_true(b->profiles[k].enabled == CFG_ON && !b->profiles[k].double_await && !b->profiles[k].fields);
  }
  assert_int_equal(a->nawaitables, b->nawaitables);
  for (size_t i = 0; i < a->nawaitables; i++) {
    const struct cfg_awaitable *x = &a->awaitables[i], *y = &b->awaitables[i];
    assert_string_equal(x->type, y->type);
    assert_same_names(&x->await, &y->await);
    assert_same_names(&x->get_result, &y->get_result);
    assert_same_names(&x->wait, &y->wait);
    assert_same_names(&x->query, &y->query);
    assert_same_names(&x->transfer, &y->transfer);
    assert_same_names(&x->create_completed, &y->create_completed);
    assert_int_equal(x->fields_allowed, y->fields_allowed);
  }
}

/* load -> dump -> load gives the same configuration, and a second dump the same text. */
static void round_trip(const char *name, const char *text) {
  struct vtl_config a, b;
  char name2[64];
  load_ok(name, text, &a);
  char *dumped = dump_to_string(&a);
  snprintf(name2, sizeof name2, "dumped-%s", name);
  load_ok(name2, dumped, &b);
  assert_same_config(&a, &b);
  char *again = dump_to_string(&b);
  assert_string_equal(dumped, again);
  free(dumped);
  free(again);
  config_release(&a);
  config_release(&b);
}

static void dump_round_trips(void **state) {
  (void)state;
  round_trip("r1.yaml", spec_example);
  round_trip("r2.yaml", "");
  round_trip("r3.yaml",
             "Checks: \"it's a \\\"check\\\"\"\n"
             "WarningsAsErrors: '#not a comment: [x], {y}'\n"
             "HeaderFilter: '\\.h$'\n"
             "Profiles:\n"
             "  vtask: off\n"
             "  asio: {enabled: on}\n"
             "  folly: {}\n"
             "  libcoro: {enabled: off, double-await: off, fields: allowed}\n"
             "  pthread: {fields: flagged}\n"
             "Awaitables:\n"
             "  - Type: \"tab\\there\\nnewline\"\n"
             "    Await: ['a''b', \"c\\\\d\", ' spaced ', 'caf\xc3\xa9']\n"
             "    Query: '*'\n"
             "    FieldsAllowed: yes\n"
             "  - Type: 'ns::task'\n"
             "    Transfer: [detach]\n"
             "    CreateCompleted: ['']\n");
}

/* The exact text: every key, defaults included (every profile, empty lists). */
static void dump_text(void **state) {
  (void)state;
  struct vtl_config empty;
  memset(&empty, 0, sizeof empty);
  char *s = dump_to_string(&empty);
  assert_string_equal(s, "Checks: '*'\nWarningsAsErrors: ''\nHeaderFilter: ''\nInheritParentConfig: false\n"
                         "Profiles:\n"
"  vtask: on\n"
"  std-future: on\n"
"  asio: on\n"
"  async-simple: on\n"
"  concurrencpp: on\n"
"  folly: on\n"
"  cppcoro: on\n"
"  libcoro: on\n"
"  pthread: on\n"
"  libuv: on\n"
"Awaitables: []\n"
"Assertions:\n"
"  Fatal: []\n"
"  FatalFalse: []\n"
"  ExpectThrow: []\n");
  free(s);

  struct vtl_config c;
  load_ok("dt.yaml", spec_example, &c);
  s = dump_to_string(&c);
  assert_string_equal(s,
                      "Checks: '*,-vtask-discarded'\n"
                      "WarningsAsErrors: 'vtask-double-await'\n"
                      "HeaderFilter: '^(src|include)/'\n"
                      "InheritParentConfig: false\n"
                      "Profiles:\n"
"  vtask: on\n"
"  std-future: on\n"
"  asio: on\n"
"  async-simple: on\n"
"  concurrencpp: on\n"
"  folly: on\n"
"  cppcoro: { double-await: after-move }\n"
"  libcoro: on\n"
"  pthread: on\n"
"  libuv: on\n"
                      "Awaitables:\n"
                      "  - Type: 'struct job'\n"
                      "    Await: ['job_wait']\n"
                      "    GetResult: ['job_result']\n"
                      "    Wait: ['job_join']\n"
                      "    Query: ['job_done']\n"
                      "    Transfer: ['job_detach']\n"
                      "    CreateCompleted: ['job_ready']\n"
                      "    FieldsAllowed: false\n"
                      "Assertions:\n"
                      "  Fatal: []\n"
                      "  FatalFalse: []\n"
                      "  ExpectThrow: []\n");
  free(s);
  config_release(&c);
}

/* ---- Assertions ---- */

static void reads_assertions(void **state) {
  (void)state;
  static const char text[] = "Assertions:                     # test-framework assertions\n"
                             "  Fatal: [MY_REQUIRE, 'testing::require']\n"
                             "  FatalFalse: MY_REQUIRE_NOT\n"
                             "  ExpectThrow: [assert_throws]\n";
  struct vtl_config c;
  load_ok("as.yaml", text, &c);
  assert_names(&c.assert_fatal, 2, "MY_REQUIRE", "testing::require");
  assert_names(&c.assert_fatal_false, 1, "MY_REQUIRE_NOT");
  assert_names(&c.assert_expect_throw, 1, "assert_throws");
  char *d = dump_to_string(&c);
  assert_string_equal(d, "Checks: '*'\nWarningsAsErrors: ''\nHeaderFilter: ''\nInheritParentConfig: false\n"
                         "Profiles:\n"
"  vtask: on\n"
"  std-future: on\n"
"  asio: on\n"
"  async-simple: on\n"
"  concurrencpp: on\n"
"  folly: on\n"
"  cppcoro: on\n"
"  libcoro: on\n"
"  pthread: on\n"
"  libuv: on\n"
                         "Awaitables: []\n"
                         "Assertions:\n"
                         "  Fatal: ['MY_REQUIRE', 'testing::require']\n"
                         "  FatalFalse: ['MY_REQUIRE_NOT']\n"
                         "  ExpectThrow: ['assert_throws']\n");
  free(d);
  config_release(&c);
  round_trip("as2.yaml", text);
  load_ok("as3.yaml", "Assertions:\n", &c); /* null: nothing configured */
  assert_int_equal(c.assert_fatal.n + c.assert_fatal_false.n + c.assert_expect_throw.n, 0);
  config_release(&c);
}

static void rejects_bad_assertions(void **state) {
  (void)state;
  load_fails("ab1.yaml", "Assertions: [REQUIRE]\n",
             "1:13: error: 'Assertions' must be a mapping of Fatal, FatalFalse and ExpectThrow to names");
  load_fails("ab2.yaml", "Assertions:\n  Fatal: [MY_REQUIRE, 'not a name']\n",
             "2:23: error: 'Fatal' names must be macro or function names (got 'not a name')");
  load_fails("ab3.yaml", "Assertions:\n  ExpectThrow: {a: b}\n",
             "2:16: error: 'ExpectThrow' must be a string or a sequence of strings");
  load_fails("ab4.yaml", "Assertions:\n  FatalFalse: ['a::']\n",
             "2:16: error: 'FatalFalse' names must be macro or function names (got 'a::')");
  load_fails("ab5.yaml", "Assertions:\n  Fatal: [A]\n  Fatal: [B]\n", "3:3: error: duplicate key 'Fatal'");
}

/* ---- end Assertions ---- */

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(reads_spec_example, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_checks_and_warnings_as_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_profile_forms, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_awaitable_roles, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_fields_allowed, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_empty_file, setup, teardown),
      cmocka_unit_test_setup_teardown(unknown_keys_warn, setup, teardown),
      cmocka_unit_test_setup_teardown(error_unreadable, setup, teardown),
      cmocka_unit_test_setup_teardown(error_bad_yaml, setup, teardown),
      cmocka_unit_test_setup_teardown(error_top_level_not_mapping, setup, teardown),
      cmocka_unit_test_setup_teardown(error_unknown_profile, setup, teardown),
      cmocka_unit_test_setup_teardown(error_bad_profile_values, setup, teardown),
      cmocka_unit_test_setup_teardown(error_bad_bool, setup, teardown),
      cmocka_unit_test_setup_teardown(error_awaitables, setup, teardown),
      cmocka_unit_test_setup_teardown(error_wrong_kinds, setup, teardown),
      cmocka_unit_test_setup_teardown(error_bad_header_filter, setup, teardown),
      cmocka_unit_test_setup_teardown(refuses_explosive_header_filters, setup, teardown),
      cmocka_unit_test_setup_teardown(find_walks_upward, setup, teardown),
      cmocka_unit_test_setup_teardown(find_returns_null_when_none, setup, teardown),
      cmocka_unit_test_setup_teardown(find_skips_unsafe_files, setup, teardown),
      cmocka_unit_test_setup_teardown(refuses_alias_bombs, setup, teardown),
      cmocka_unit_test_setup_teardown(refuses_deep_nesting, setup, teardown),
      cmocka_unit_test_setup_teardown(refuses_huge_and_special_files, setup, teardown),
      cmocka_unit_test_setup_teardown(dump_round_trips, setup, teardown),
      cmocka_unit_test_setup_teardown(dump_text, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_assertions, setup, teardown),
      cmocka_unit_test_setup_teardown(rejects_bad_assertions, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
