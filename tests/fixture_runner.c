/* fixture_runner: checks one rule fixture (or one rule's documentation) against the analyzer,
 * in the manner of clang's -verify:
 *   // expect: RULE[, RULE]   this line must get exactly these diagnostics
 *   // expect-fixme: RULE     a known gap: expected by the spec, not found yet (reported as
 *                             XFAIL, or FIXED once it starts passing)
 *   // expect-no-diagnostics  the file must stay silent (an empty result is never implicit)
 *   // args: ...              extra compiler arguments (first lines of the file)
 * Every diagnostic on a line without a matching expectation fails, and so does every
 * expectation without its diagnostic.
 *
 *   fixture_runner FILE            a fixture (run from the source root)
 *   fixture_runner --doc RULE.md   the rule's "## Example" block must fire it, "## Fix" not
 *   fixture_runner --print FILE    show what the analyzer says (for writing fixtures) */
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/driver/unit.h"
#include "analyzer/report/emit.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"

static char *read_file(const char *path) {
  struct strbuf sb = STRBUF_INIT;
  if (sb_read_file(&sb, path) != 0) {
    sb_release(&sb);
    return NULL;
  }
  return sb_detach(&sb);
}

static const char *resource_dir(void) {
  const char *env = getenv("VTASKLINT_RESOURCE_DIR");
  return env && *env ? env : VTL_RESOURCE_DIR;
}

/* analyze: runs the analyzer on path with the fixture conventions' arguments. */
static int analyze(const char *path, const char *extra_args, const char *contents, struct diag_list *out) {
  const char *argv[64];
  int argc = 0;
  char *copy = strdup(extra_args ? extra_args : "");
  bool has_std = strstr(copy, "-std=") != NULL;
  if (!has_std)
    argv[argc++] = path_is_cxx(path) ? "-std=c++20" : "-std=c17";
  argv[argc++] = "-Itestdata/include";
  for (char *tok = strtok(copy, " \t"); tok && argc < 60; tok = strtok(NULL, " \t"))
    argv[argc++] = tok;
  CXIndex idx = clang_createIndex(0, 0);
  struct unit_config cfg = {.resource_dir = resource_dir(), .dump_cfg = getenv("FIXTURE_DUMP_CFG") ? stderr : NULL};
  char *abs = path_absolute(path, NULL);
  struct unit_input in = {abs, argv, argc, NULL, contents, contents ? strlen(contents) : 0, NULL, NULL, NULL};
  struct strbuf err = STRBUF_INIT;
  int rc = unit_analyze(idx, &in, &cfg, out, &err);
  if (rc != 0)
    fprintf(stderr, "%s: analysis failed: %s\n", path, sb_cstr(&err));
  sb_release(&err);
  clang_disposeIndex(idx);
  free(abs);
  free(copy);
  diag_sort_unique(out);
  return rc;
}

struct expect {
  unsigned line;
  char rule[96];
  bool fixme, matched;
};

static int run_fixture(const char *path, bool print) {
  char *text = read_file(path);
  if (!text) {
    fprintf(stderr, "%s: cannot read\n", path);
    return 1;
  }
  struct expect *ex = calloc(4096, sizeof *ex);
  unsigned nex = 0;
  bool no_diags = false;
  char args[1024] = "";
  unsigned line = 1;
  for (char *p = text; *p; line++) {
    char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    char *l = strndup(p, len);
    char *m;
    if (strstr(l, "expect-no-diagnostics"))
      no_diags = true;
    if ((m = strstr(l, "// args:")) && line <= 5)
      snprintf(args, sizeof args, "%s", m + 8);
    bool fixme = false;
    if ((m = strstr(l, "// expect-fixme:")) != NULL)
      m += 16, fixme = true;
    else if ((m = strstr(l, "// expect:")) != NULL)
      m += 10;
    if (m) {
      for (char *tok = strtok(m, ", \t"); tok && nex < 4096; tok = strtok(NULL, ", \t")) {
        ex[nex].line = line;
        snprintf(ex[nex].rule, sizeof ex[nex].rule, "%s", tok);
        ex[nex].fixme = fixme;
        nex++;
      }
    }
    free(l);
    p = eol ? eol + 1 : p + len;
  }
  struct diag_list out;
  diag_list_init(&out);
  if (analyze(path, args, NULL, &out) != 0)
    return 1;
  if (print) {
    struct emit_opts eo = {false, true};
    emit_text(stdout, &out, &eo);
  }
  char *disp_abs = path_absolute(path, NULL);
  char *disp = path_display(disp_abs);
  int failures = 0, xfail = 0, fixed = 0;
  for (size_t i = 0; i < out.items.n; i++) {
    const struct diag *d = &out.items.v[i];
    if (d->sev == SEV_NOTE)
      continue;
    bool ok = false;
    if (d->loc.file && strcmp(d->loc.file, disp) == 0)
      for (unsigned k = 0; k < nex && !ok; k++)
        if (!ex[k].matched && ex[k].line == d->loc.line && strcmp(ex[k].rule, d->rule) == 0)
          ex[k].matched = ok = true;
    if (!ok) {
      char buf[1024];
      emit_format_line(buf, sizeof buf, d);
      printf("unexpected: %s\n", buf);
      failures++;
    }
  }
  for (unsigned k = 0; k < nex; k++) {
    if (ex[k].fixme) {
      if (ex[k].matched) {
        printf("FIXED: %s:%u: %s now found; turn expect-fixme into expect\n", path, ex[k].line, ex[k].rule);
        fixed++;
      } else {
        xfail++;
      }
      continue;
    }
    if (!ex[k].matched) {
      printf("missing: %s:%u: %s\n", path, ex[k].line, ex[k].rule);
      failures++;
    }
  }
  if (nex == 0 && !no_diags) {
    printf("%s: no expectations and no '// expect-no-diagnostics'\n", path);
    failures++;
  }
  printf("%s: %u expected, %d failures, %d known gaps (xfail), %d fixed\n", path, nex, failures, xfail, fixed);
  free(disp);
  free(disp_abs);
  diag_list_release(&out);
  free(ex);
  free(text);
  return failures ? 1 : 0;
}

/* first_block: the first fenced code block after the heading; its language in *lang. */
static char *first_block(const char *md, const char *heading, char *lang, size_t langsz) {
  const char *h = strstr(md, heading);
  if (!h)
    return NULL;
  const char *next = strstr(h + strlen(heading), "\n## ");
  const char *f = strstr(h, "\n```");
  if (!f || (next && f > next))
    return NULL;
  f += 4;
  const char *eol = strchr(f, '\n');
  if (!eol)
    return NULL;
  snprintf(lang, langsz, "%.*s", (int)(eol - f), f);
  const char *end = strstr(eol + 1, "\n```");
  if (!end)
    return NULL;
  return strndup(eol + 1, (size_t)(end - eol));
}

static int run_doc(const char *md_path) {
  char *md = read_file(md_path);
  if (!md) {
    fprintf(stderr, "%s: cannot read\n", md_path);
    return 1;
  }
  const char *base = strrchr(md_path, '/');
  char rule[128];
  snprintf(rule, sizeof rule, "%s", base ? base + 1 : md_path);
  char *dot = strrchr(rule, '.');
  if (dot)
    *dot = 0;
  int failures = 0;
  const char *sections[] = {"## Example", "## Fix"};
  for (int s = 0; s < 2; s++) {
    char lang[32];
    char *code = first_block(md, sections[s], lang, sizeof lang);
    if (!code) {
      printf("%s: no code block under '%s'\n", md_path, sections[s]);
      failures++;
      continue;
    }
    /* Analysed as an unsaved buffer of a file that need not exist. */
    char path[256];
    snprintf(path, sizeof path, "testdata/doc-example.%s", strcmp(lang, "cpp") == 0 ? "cpp" : "c");
    struct diag_list out;
    diag_list_init(&out);
    if (analyze(path, NULL, code, &out) != 0) {
      failures++;
    } else {
      unsigned hits = 0, errors = 0;
      for (size_t i = 0; i < out.items.n; i++) {
        hits += strcmp(out.items.v[i].rule, rule) == 0;
        errors += out.items.v[i].sev == SEV_ERROR;
      }
      if (errors) {
        printf("%s: the '%s' block does not compile\n", md_path, sections[s]);
        failures++;
      }
      if (s == 0 && hits == 0) {
        printf("%s: the '## Example' block does not trigger %s\n", md_path, rule);
        failures++;
      }
      if (s == 1 && hits != 0) {
        printf("%s: the '## Fix' block still triggers %s\n", md_path, rule);
        failures++;
      }
      if (failures) {
        struct emit_opts eo = {false, false};
        emit_text(stdout, &out, &eo);
      }
    }
    diag_list_release(&out);
    free(code);
  }
  free(md);
  printf("%s: %d failures\n", md_path, failures);
  return failures ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--doc") == 0)
    return run_doc(argv[2]);
  if (argc == 3 && strcmp(argv[1], "--print") == 0)
    return run_fixture(argv[2], true);
  if (argc != 2) {
    fprintf(stderr, "usage: fixture_runner FILE | --doc RULE.md | --print FILE\n");
    return 2;
  }
  return run_fixture(argv[1], false);
}
