/* cache.c: see cache.h. */
#include "analyzer/driver/cache.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/driver/pool.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"

enum { CACHE_FORMAT = 2 };

struct memo {
  char *path;
  uint64_t hash;
  bool ok;
};

struct cache {
  char *dir;
  struct memo *memo;
  size_t n, cap;
};

static int mkdirs(const char *dir) {
  char *p = strdup(dir);
  for (char *s = p + 1; *s; s++)
    if (*s == '/') {
      *s = 0;
      mkdir(p, 0777);
      *s = '/';
    }
  int r = mkdir(p, 0777);
  free(p);
  return r == 0 || errno == EEXIST ? 0 : -1;
}

struct cache *cache_open(const char *dir) {
  if (mkdirs(dir) != 0 || access(dir, W_OK | X_OK) != 0)
    return NULL;
  struct cache *c = calloc(1, sizeof *c);
  c->dir = strdup(dir);
  return c;
}

void cache_close(struct cache *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n; i++)
    free(c->memo[i].path);
  free(c->memo);
  free(c->dir);
  free(c);
}

const char *cache_dir(const struct cache *c) { return c->dir; }

static void add_str(struct strbuf *sb, const char *s) {
  sb_adds(sb, s ? s : "(null)");
  sb_addc(sb, '\0');
}

void cache_key(const struct job *j, const struct unit_config *cfg, char out[17]) {
  struct strbuf sb = STRBUF_INIT;
  add_str(&sb, "vtasklint " VTL_VERSION);
  CXString v = clang_getClangVersion();
  add_str(&sb, clang_getCString(v));
  clang_disposeString(v);
  /* This very binary: a rebuilt analyzer with the same version string must not reuse results. */
  struct stat self;
  if (stat("/proc/self/exe", &self) == 0)
    sb_addf(&sb, "%lld.%ld.%lld", (long long)self.st_size, (long)self.st_mtim.tv_sec, (long long)self.st_mtim.tv_nsec);
  add_str(&sb, j->file);
  add_str(&sb, j->workdir);
  /* Findings name files relative to the current directory when below it. */
  add_str(&sb, path_cwd());
  for (int i = 0; i < j->nargs; i++)
    add_str(&sb, j->args[i]);
  add_str(&sb, cfg->resource_dir);
  add_str(&sb, cfg->checks);
  add_str(&sb, cfg->warnings_as_errors);
  add_str(&sb, cfg->header_filter);
  const struct model_settings *ms = cfg->settings;
  if (ms) {
    sb_add(&sb, (const char *)ms->off, sizeof ms->off);
    sb_add(&sb, (const char *)ms->double_await, sizeof ms->double_await);
    sb_add(&sb, (const char *)ms->fields, sizeof ms->fields);
    for (size_t i = 0; i < ms->ncustom; i++) {
      add_str(&sb, ms->custom[i].type);
      for (int r = 0; r < CR_COUNT; r++) {
        sb_addf(&sb, "%zu", ms->custom[i].nnames[r]);
        for (size_t k = 0; k < ms->custom[i].nnames[r]; k++)
          add_str(&sb, ms->custom[i].names[r][k]);
      }
      sb_addf(&sb, "%d", ms->custom[i].fields_allowed);
    }
  }
  snprintf(out, 17, "%016" PRIx64, hash_bytes(sb.buf, sb.len));
  sb_release(&sb);
}

static void entry_path(const char *dir, const char key[17], struct strbuf *out) {
  sb_addf(out, "%s/%.2s/%s.vtc", dir, key, key);
}

static bool file_hash(struct cache *c, const char *path, uint64_t *h) {
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->memo[i].path, path) == 0) {
      *h = c->memo[i].hash;
      return c->memo[i].ok;
    }
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 64;
    c->memo = realloc(c->memo, sizeof *c->memo * c->cap);
  }
  struct memo m = {strdup(path), 0, false};
  m.ok = hash_file(path, &m.hash) != 0;
  c->memo[c->n++] = m;
  *h = m.hash;
  return m.ok;
}

static char *slurp(const char *path, size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  if (sb_read_file(&sb, path) != 0) {
    sb_release(&sb);
    return NULL;
  }
  *len = sb.len;
  return sb_detach(&sb);
}

bool cache_lookup(struct cache *c, const char key[17], struct diag_list *out) {
  struct strbuf p = STRBUF_INIT;
  entry_path(c->dir, key, &p);
  size_t len = 0;
  char *text = slurp(p.buf, &len);
  sb_release(&p);
  if (!text)
    return false;
  bool ok = false;
  char head[64];
  snprintf(head, sizeof head, "vtasklint-cache %d %s\n", CACHE_FORMAT, key);
  char *line = text;
  if (len >= strlen(head) && strncmp(text, head, strlen(head)) == 0) {
    line = text + strlen(head);
    ok = true;
    while (ok) {
      char *nl = memchr(line, '\n', (size_t)(text + len - line));
      if (!nl) {
        ok = false;
        break;
      }
      if (nl - line == 1 && line[0] == 'E') {
        line = nl + 1;
        break;
      }
      uint64_t want, have;
      int used = 0;
      *nl = 0;
      if (sscanf(line, "F %" SCNx64 " %n", &want, &used) != 1 || !used || !file_hash(c, line + used, &have) ||
          have != want)
        ok = false;
      line = nl + 1;
    }
  }
  if (ok) {
    /* The entry must end with "Z <findings>\n": a file cut at a line boundary is not valid. */
    char *end = text + len;
    char *z = end;
    if (len >= 3 && end[-1] == '\n') {
      z = end - 2;
      while (z > line && z[-1] != '\n')
        z--;
    }
    unsigned long want = 0;
    char tail[32];
    ok = z < end && z[0] == 'Z' && sscanf(z, "Z %lu%31s", &want, tail) == 1;
    struct diag_list tmp;
    diag_list_init(&tmp);
    if (ok)
      ok = pool_deserialize(line, (size_t)(z - line), &tmp) && tmp.items.n == want;
    if (ok)
      diag_append(out, &tmp);
    diag_list_release(&tmp);
  }
  free(text);
  return ok;
}

void cache_store(const char *dir, const char key[17], const struct unit_deps *deps, const struct diag_list *findings) {
  struct strbuf sb = STRBUF_INIT, p = STRBUF_INIT, tmp = STRBUF_INIT;
  sb_addf(&sb, "vtasklint-cache %d %s\n", CACHE_FORMAT, key);
  for (size_t i = 0; i < deps->n; i++)
    sb_addf(&sb, "F %016" PRIx64 " %s\n", deps->v[i].hash, deps->v[i].path);
  sb_adds(&sb, "E\n");
  pool_serialize(findings, &sb);
  sb_addf(&sb, "Z %zu\n", findings->items.n);
  sb_addf(&p, "%s/%.2s", dir, key);
  mkdir(p.buf, 0777);
  sb_reset(&p);
  entry_path(dir, key, &p);
  sb_addf(&tmp, "%s.%ld.tmp", p.buf, (long)getpid());
  FILE *f = fopen(tmp.buf, "wb");
  if (f) {
    bool ok = fwrite(sb.buf, 1, sb.len, f) == sb.len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.buf, p.buf) != 0)
      unlink(tmp.buf);
  }
  sb_release(&sb);
  sb_release(&p);
  sb_release(&tmp);
}
