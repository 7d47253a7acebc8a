/* cache.c: see cache.h. */
#include "analyzer/driver/cache.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/driver/pool.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"

enum { CACHE_FORMAT = 2 };

/* An entry longer than this is not one we wrote (a unit's findings are kilobytes): it is
 * ignored, never read whole. */
enum { ENTRY_MAX = 64 << 20 };

struct memo {
  char *path;
  uint64_t hash;
  bool ok;
};

struct cache {
  char *dir;
  struct memo *memo;
  size_t n, cap;
  /* open addressing over memo[] by path (position + 1; 0 empty): a run over a large tree
   * looks up every unit's every dependency */
  uint32_t *slots;
  size_t nslots;
};

/* safe_dir: a directory only we can write (owned by the effective user, no group or other
 * write bit); *why says what is wrong otherwise. */
static bool safe_dir(const struct stat *st, const char **why) {
  if (!S_ISDIR(st->st_mode)) {
    *why = "not a directory";
    return false;
  }
  if (st->st_uid != geteuid()) {
    *why = "owned by another user";
    return false;
  }
  if (st->st_mode & (S_IWGRP | S_IWOTH)) {
    *why = "writable by others";
    return false;
  }
  return true;
}

/* mkdirs: every missing component created 0700 (whatever the umask). */
static int mkdirs(const char *dir) {
  char *p = strdup(dir);
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s)
      continue;
    char c = *s;
    *s = 0;
    if (mkdir(p, 0700) == 0)
      chmod(p, 0700); /* the umask may have taken owner bits */
    else if (errno != EEXIST) {
      free(p);
      return -1;
    }
    *s = c;
    if (!c)
      break;
  }
  free(p);
  return 0;
}

struct cache *cache_open(const char *dir, struct strbuf *why) {
  if (mkdirs(dir) != 0) {
    sb_addf(why, "cannot create it: %s", strerror(errno));
    return NULL;
  }
  struct stat st;
  const char *reason = NULL;
  if (stat(dir, &st) != 0) {
    sb_addf(why, "%s", strerror(errno));
    return NULL;
  }
  if (!safe_dir(&st, &reason)) {
    sb_adds(why, reason);
    return NULL;
  }
  if (access(dir, W_OK | X_OK) != 0) {
    sb_addf(why, "%s", strerror(errno));
    return NULL;
  }
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
  free(c->slots);
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
  add_str(&sb, cfg->header_filter_base);
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
    for (int k = 0; k < 3; k++) { /* Assertions */
      sb_addf(&sb, "%zu", ms->nassert_names[k]);
      for (size_t i = 0; i < ms->nassert_names[k]; i++)
        add_str(&sb, ms->assert_names[k][i]);
    }
  }
  snprintf(out, 17, "%016" PRIx64, hash_bytes(sb.buf, sb.len));
  sb_release(&sb);
}

/* open_sub: the shard subdirectory DIR/<k0k1> as a directory descriptor, never through a
 * symlink, and only when it is ours alone; created (0700) when create is set. -1 otherwise. */
static int open_sub(const char *dir, const char key[17], bool create) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    return -1;
  char name[3] = {key[0], key[1], 0};
  if (create && mkdirat(dfd, name, 0700) == 0)
    fchmodat(dfd, name, 0700, 0);
  int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  close(dfd);
  if (sub < 0)
    return -1;
  struct stat st;
  const char *why;
  if (fstat(sub, &st) != 0 || !safe_dir(&st, &why)) {
    close(sub);
    return -1;
  }
  return sub;
}

static void entry_name(const char key[17], char out[32]) { snprintf(out, 32, "%s.vtc", key); }

static bool file_hash(struct cache *c, const char *path, uint64_t *h) {
  if (c->n * 2 >= c->nslots) { /* grow the index (and rebuild it) */
    size_t ns = c->nslots ? c->nslots * 2 : 256;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
      return false;
    for (size_t i = 0; i < c->n; i++) {
      size_t k = (size_t)hash_bytes(c->memo[i].path, strlen(c->memo[i].path)) & (ns - 1);
      while (sl[k])
        k = (k + 1) & (ns - 1);
      sl[k] = (uint32_t)i + 1;
    }
    free(c->slots);
    c->slots = sl;
    c->nslots = ns;
  }
  size_t k = (size_t)hash_bytes(path, strlen(path)) & (c->nslots - 1);
  while (c->slots[k]) {
    const struct memo *m = &c->memo[c->slots[k] - 1];
    if (strcmp(m->path, path) == 0) {
      *h = m->hash;
      return m->ok;
    }
    k = (k + 1) & (c->nslots - 1);
  }
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 64;
    c->memo = realloc(c->memo, sizeof *c->memo * c->cap);
  }
  struct memo m = {strdup(path), 0, false};
  /* Only regular files: a listed /dev/zero or FIFO would never end (hash_file checks). */
  m.ok = hash_file(path, &m.hash) != 0;
  c->memo[c->n++] = m;
  c->slots[k] = (uint32_t)c->n;
  *h = m.hash;
  return m.ok;
}

/* read_entry: the entry's bytes, when it is a regular file of a sane size (never a symlink, a
 * FIFO or a device); NULL otherwise. */
static char *read_entry(const char *dir, const char key[17], size_t *len) {
  int sub = open_sub(dir, key, false);
  if (sub < 0)
    return NULL;
  char name[32];
  entry_name(key, name);
  int fd = openat(sub, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  close(sub);
  if (fd < 0)
    return NULL;
  struct stat st;
  char *buf = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= ENTRY_MAX) {
    size_t want = (size_t)st.st_size, got = 0;
    buf = malloc(want + 1);
    while (buf && got < want) {
      ssize_t k = read(fd, buf + got, want - got);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      got += (size_t)k;
    }
    if (buf && got == want) {
      buf[got] = 0;
      *len = got;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  close(fd);
  return buf;
}

bool cache_lookup(struct cache *c, const char key[17], struct diag_list *out) {
  size_t len = 0;
  char *text = read_entry(c->dir, key, &len);
  if (!text)
    return false;
  bool ok = cache_parse_entry(c, key, text, len, out);
  free(text);
  return ok;
}

bool cache_parse_entry(struct cache *c, const char key[17], char *text, size_t len, struct diag_list *out) {
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
  return ok;
}

void cache_store(const char *dir, const char key[17], const struct unit_deps *deps, const struct diag_list *findings) {
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "vtasklint-cache %d %s\n", CACHE_FORMAT, key);
  for (size_t i = 0; i < deps->n; i++)
    sb_addf(&sb, "F %016" PRIx64 " %s\n", deps->v[i].hash, deps->v[i].path);
  sb_adds(&sb, "E\n");
  pool_serialize(findings, &sb);
  sb_addf(&sb, "Z %zu\n", findings->items.n);
  /* The temporary is created exclusively (O_EXCL: a planted symlink or file at its name makes
   * the open fail, never followed) under an unpredictable name, inside a subdirectory opened
   * without following symlinks; rename within that directory makes the entry appear whole. */
  int sub = open_sub(dir, key, true);
  if (sub >= 0) {
    char name[32], tmp[96];
    entry_name(key, name);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t salt = hash_bytes(&ts, sizeof ts) ^ ((uint64_t)getpid() << 32);
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; attempt++) {
      salt = hash_bytes(&salt, sizeof salt);
      snprintf(tmp, sizeof tmp, ".%s.%016" PRIx64 ".tmp", key, salt);
      fd = openat(sub, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        break;
    }
    if (fd >= 0) {
      bool ok = true;
      for (size_t off = 0; ok && off < sb.len;) {
        ssize_t k = write(fd, sb.buf + off, sb.len - off);
        if (k < 0 && errno == EINTR)
          continue;
        ok = k > 0;
        if (ok)
          off += (size_t)k;
      }
      ok = close(fd) == 0 && ok;
      if (!ok || renameat(sub, tmp, sub, name) != 0)
        unlinkat(sub, tmp, 0);
    }
    close(sub);
  }
  sb_release(&sb);
}
