/* settings.c: see settings.h. */
#include "analyzer/driver/settings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/support/glob.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"
#include "rules/rule.h"

struct entry {
  char *path;                /* the configuration file; NULL: none found */
  bool bad;                  /* malformed: every unit under it fails */
  char *error;
  struct vtl_config cfg;
  struct model_settings ms;
  struct model_custom *custom;
  struct unit_config ucfg;
  char *checks, *wae;
  char *dir; /* the configuration file's directory, absolute (HeaderFilter's base) */
};

struct settings {
  struct unit_config base;
  const char *cli_checks, *cli_wae, *forced;
  const char *cli_header_filter; /* --header-filter, or NULL */
  void (*warn)(const char *line);
  /* Each entry is its own allocation: jobs keep &entry->ucfg (and ucfg.settings points into
   * the entry) for the whole run, so an entry must never move when more are added. */
  struct entry **entries;
  size_t n, cap;
  /* directory -> configuration file, so each directory is searched once */
  char **dirs;
  char **dir_cfg;
  size_t ndirs, dcap;
  uint32_t *dslots; /* open addressing over dirs[] (position + 1; 0 empty) */
  size_t ndslots;
  /* warnings already given (an ignored file is met from many directories: said once) */
  char **said;
  size_t nsaid;
};

struct settings *settings_new(const struct unit_config *base, const char *cli_checks, const char *cli_wae,
                              const char *forced, void (*warn)(const char *line)) {
  struct settings *s = calloc(1, sizeof *s);
  s->base = *base;
  s->cli_checks = cli_checks;
  s->cli_wae = cli_wae;
  s->forced = forced;
  s->warn = warn;
  return s;
}

void settings_set_header_filter(struct settings *s, const char *pattern) { s->cli_header_filter = pattern; }

void settings_free(struct settings *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->n; i++) {
    struct entry *e = s->entries[i];
    free(e->path);
    free(e->error);
    config_release(&e->cfg);
    free(e->custom);
    free(e->checks);
    free(e->wae);
    free(e->dir);
    free(e);
  }
  for (size_t i = 0; i < s->ndirs; i++) {
    free(s->dirs[i]);
    free(s->dir_cfg[i]);
  }
  for (size_t i = 0; i < s->nsaid; i++)
    free(s->said[i]);
  free(s->said);
  free(s->dirs);
  free(s->dir_cfg);
  free(s->dslots);
  free(s->entries);
  free(s);
}

/* join: the file's list, then the command line's (the last match wins). As clang-tidy's, the
 * command line's list applies on top of the file's, or of the default when no file names it:
 * every rule for Checks (`--checks=-vtask-discarded` turns one rule off, not all of them), none
 * for WarningsAsErrors (`--warnings-as-errors=vtask-double-await` makes that one rule an error,
 * not every rule). */
static char *join(const char *file, const char *cli, const char *dflt) {
  if (!file && !cli)
    return NULL;
  struct strbuf sb = STRBUF_INIT;
  if (file && *file)
    sb_adds(&sb, file);
  else if (!file && *dflt)
    sb_adds(&sb, dflt);
  if (cli) {
    if (sb.len)
      sb_addc(&sb, ',');
    sb_adds(&sb, cli);
  }
  return sb_detach(&sb);
}

static void warn_cb(void *self, const char *line) {
  struct settings *s = self;
  for (size_t i = 0; i < s->nsaid; i++)
    if (strcmp(s->said[i], line) == 0)
      return;
  char **grown = realloc(s->said, sizeof *grown * (s->nsaid + 1));
  if (grown) {
    s->said = grown;
    s->said[s->nsaid++] = strdup(line);
  }
  if (s->warn)
    s->warn(line);
}

static void fill(struct settings *s, struct entry *e) {
  e->ucfg = s->base;
  e->checks = join(e->cfg.checks, s->cli_checks, "*");
  if (e->path && e->cfg.checks) {
    /* A file whose Checks (with --checks appended) enables no rule analyses nothing under it:
     * said once, as for --checks. */
    bool any = false;
    for (unsigned i = 0; i < rule_registry_count && !any; i++)
      any = globlist_match(e->checks, rule_registry[i]->id) == 1;
    if (!any) {
      struct strbuf m = STRBUF_INIT;
      sb_addf(&m, "%s: warning: Checks '%s' enables no rule; nothing is checked under it (see vtasklint "
                  "--list-rules)",
              e->path, e->checks);
      for (size_t i = 0; i < m.len; i++)
        if ((unsigned char)m.buf[i] < 0x20)
          m.buf[i] = ' ';
      warn_cb(s, m.buf);
      sb_release(&m);
    }
  }
  e->wae = join(e->cfg.warnings_as_errors, s->cli_wae, "");
  e->ucfg.checks = e->checks;
  e->ucfg.warnings_as_errors = e->wae;
  e->ucfg.header_filter = s->cli_header_filter ? s->cli_header_filter : e->cfg.header_filter;
  if (!s->cli_header_filter && e->path) {
    /* A project's `HeaderFilter: '^inc/'` means its own inc/, wherever vtasklint runs from. */
    char *abs = path_absolute(e->path, NULL);
    char *slash = strrchr(abs, '/');
    if (slash)
      *(slash == abs ? slash + 1 : slash) = 0;
    e->dir = abs;
    e->ucfg.header_filter_base = e->dir;
  }
  for (size_t i = 0; i < e->cfg.nprofiles; i++) {
    const struct cfg_profile *p = &e->cfg.profiles[i];
    int k = model_profile_index(p->name);
    if (k < 0) /* the config reader validated names against the model's */
      continue;
    if (p->enabled == CFG_OFF)
      e->ms.off[k] = 1;
    if (p->double_await)
      e->ms.double_await[k] = (uint8_t)(p->double_await == CFG_DA_ERROR ? DA_ERROR + 1
                                        : p->double_await == CFG_DA_OFF ? DA_OFF + 1
                                                                        : DA_AFTER_MOVE + 1);
    if (p->fields)
      e->ms.fields[k] = p->fields == CFG_FIELDS_ALLOWED ? 2 : 1;
  }
  e->custom = calloc(e->cfg.nawaitables + 1, sizeof *e->custom);
  for (size_t i = 0; i < e->cfg.nawaitables; i++) {
    const struct cfg_awaitable *a = &e->cfg.awaitables[i];
    struct model_custom *c = &e->custom[i];
    c->type = a->type;
    const struct cfg_names *lists[CR_COUNT] = {&a->await, &a->get_result, &a->wait, &a->query, &a->transfer,
                                               &a->create_completed};
    for (int r = 0; r < CR_COUNT; r++) {
      c->names[r] = (const char *const *)lists[r]->v;
      c->nnames[r] = lists[r]->n;
    }
    c->fields_allowed = a->fields_allowed == CFG_UNSET ? -1 : a->fields_allowed == CFG_ON;
  }
  e->ms.custom = e->custom;
  e->ms.ncustom = e->cfg.nawaitables;
  /* Assertions: indexed by enum assert_kind (model/testfw.h) */
  const struct cfg_names *asserts[3] = {&e->cfg.assert_fatal, &e->cfg.assert_fatal_false,
                                        &e->cfg.assert_expect_throw};
  for (int k = 0; k < 3; k++) {
    e->ms.assert_names[k] = (const char *const *)asserts[k]->v;
    e->ms.nassert_names[k] = asserts[k]->n;
  }
  e->ucfg.settings = &e->ms;
}

static struct entry *entry_at(struct settings *s, const char *path, int depth);

/* inherit: InheritParentConfig: the next configuration file above e's directory applies first
 * (its own InheritParentConfig followed in turn), as clang-tidy's. A malformed parent fails
 * the child's units with the parent's error. Each step goes strictly upward, and at most
 * INHERIT_MAX_DEPTH files are chained. */
enum { INHERIT_MAX_DEPTH = 64 };

static int inherit(struct settings *s, struct entry *e, int depth) {
  char *dir = strdup(e->path);
  char *slash = dir ? strrchr(dir, '/') : NULL;
  if (slash)
    *slash = 0; /* the file's directory */
  slash = dir ? strrchr(dir, '/') : NULL;
  char *parent = NULL;
  if (slash && slash != dir) {
    *slash = 0; /* the one above it */
    parent = config_find(dir, warn_cb, s);
  } else if (slash && dir[1]) {
    parent = config_find("/", warn_cb, s);
  }
  free(dir);
  if (!parent)
    return 0;
  if (depth >= INHERIT_MAX_DEPTH) {
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "%s:1:1: error: InheritParentConfig chains more than %d files", e->path, INHERIT_MAX_DEPTH);
    e->bad = true;
    e->error = sb_detach(&m);
    free(parent);
    return -1;
  }
  struct entry *pe = entry_at(s, parent, depth + 1);
  free(parent);
  if (pe->bad) {
    e->bad = true;
    e->error = strdup(pe->error);
    return -1;
  }
  config_merge_parent(&e->cfg, &pe->cfg);
  return 0;
}

static struct entry *entry_for(struct settings *s, const char *path) { return entry_at(s, path, 0); }

static struct entry *entry_at(struct settings *s, const char *path, int depth) {
  for (size_t i = 0; i < s->n; i++) {
    struct entry *e = s->entries[i];
    if ((!path && !e->path) || (path && e->path && strcmp(path, e->path) == 0))
      return e;
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 4;
    struct entry **grown = realloc(s->entries, sizeof *grown * s->cap);
    if (!grown) {
      fprintf(stderr, "vtasklint: fatal: out of memory\n");
      abort();
    }
    s->entries = grown; /* only the pointers move; the entries stay where they are */
  }
  struct entry *e = calloc(1, sizeof *e);
  if (!e) {
    fprintf(stderr, "vtasklint: fatal: out of memory\n");
    abort();
  }
  s->entries[s->n++] = e;
  if (path) {
    e->path = strdup(path);
    struct strbuf err = STRBUF_INIT;
    if (config_load(path, &e->cfg, &err, warn_cb, s) != 0) {
      e->bad = true;
      e->error = sb_detach(&err);
      return e;
    }
    sb_release(&err);
    if (e->cfg.inherit_parent == CFG_ON && inherit(s, e, depth) != 0)
      return e;
  }
  fill(s, e);
  return e;
}

static const char *config_path_for(struct settings *s, const char *abs_file) {
  if (s->forced)
    return s->forced;
  char *dir = strdup(abs_file);
  char *slash = strrchr(dir, '/');
  if (slash)
    *(slash == dir ? slash + 1 : slash) = 0;
  /* A hash index: a tree of many directories must not cost jobs x directories compares. */
  if (s->ndirs * 2 >= s->ndslots) {
    size_t ns = s->ndslots ? s->ndslots * 2 : 64;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl) {
      fprintf(stderr, "vtasklint: fatal: out of memory\n");
      abort();
    }
    for (size_t i = 0; i < s->ndirs; i++) {
      size_t k = (size_t)hash_bytes(s->dirs[i], strlen(s->dirs[i])) & (ns - 1);
      while (sl[k])
        k = (k + 1) & (ns - 1);
      sl[k] = (uint32_t)i + 1;
    }
    free(s->dslots);
    s->dslots = sl;
    s->ndslots = ns;
  }
  size_t k = (size_t)hash_bytes(dir, strlen(dir)) & (s->ndslots - 1);
  while (s->dslots[k]) {
    size_t i = s->dslots[k] - 1;
    if (strcmp(s->dirs[i], dir) == 0) {
      free(dir);
      return s->dir_cfg[i];
    }
    k = (k + 1) & (s->ndslots - 1);
  }
  s->dslots[k] = (uint32_t)s->ndirs + 1;
  if (s->ndirs == s->dcap) {
    s->dcap = s->dcap ? s->dcap * 2 : 16;
    s->dirs = realloc(s->dirs, sizeof *s->dirs * s->dcap);
    s->dir_cfg = realloc(s->dir_cfg, sizeof *s->dir_cfg * s->dcap);
  }
  s->dirs[s->ndirs] = dir;
  s->dir_cfg[s->ndirs] = config_find(dir, warn_cb, s);
  return s->dir_cfg[s->ndirs++];
}

const struct unit_config *settings_for(struct settings *s, const char *abs_file, struct strbuf *err) {
  struct entry *e = entry_for(s, config_path_for(s, abs_file));
  if (e->bad) {
    sb_adds(err, e->error);
    return NULL;
  }
  return &e->ucfg;
}

int settings_dump(struct settings *s, const char *abs_file, FILE *out, struct strbuf *err) {
  struct entry *e = entry_for(s, config_path_for(s, abs_file));
  if (e->bad) {
    sb_adds(err, e->error);
    return -1;
  }
  struct vtl_config eff = e->cfg; /* shallow: the merged lists replace the file's */
  eff.checks = e->checks ? e->checks : NULL;
  eff.warnings_as_errors = e->wae;
  char *hf = e->ucfg.header_filter ? strdup(e->ucfg.header_filter) : NULL; /* --header-filter included */
  eff.header_filter = hf;
  if (e->path)
    fprintf(out, "# from %s\n", e->path);
  else
    fprintf(out, "# no .vtasklint.yaml found: the defaults\n");
  config_dump(&eff, out);
  free(hf);
  return 0;
}
