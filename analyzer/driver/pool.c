/* pool.c: see pool.h. */
#include "analyzer/driver/pool.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/driver/cache.h"
#include "analyzer/support/path.h"

/* ---- wire format ---- */

static void put_field(struct strbuf *out, const char *s) {
  sb_addc(out, '\t');
  for (; s && *s; s++) {
    if (*s == '\t')
      sb_adds(out, "\\t");
    else if (*s == '\n')
      sb_adds(out, "\\n");
    else if (*s == '\\')
      sb_adds(out, "\\\\");
    else
      sb_addc(out, *s);
  }
}

static void put_loc(struct strbuf *out, const struct diag_loc *l) {
  put_field(out, l->file ? l->file : "");
  sb_addf(out, "\t%u\t%u\t%u", l->line, l->col, l->end_col);
}

void pool_serialize(const struct diag_list *l, struct strbuf *out) {
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    sb_adds(out, "D");
    put_field(out, d->rule);
    sb_addf(out, "\t%d", (int)d->sev);
    put_loc(out, &d->loc);
    put_field(out, d->message);
    put_field(out, d->source ? d->source : "");
    sb_addc(out, '\n');
    for (unsigned k = 0; k < d->nnotes; k++) {
      sb_adds(out, "N");
      put_loc(out, &d->notes[k].loc);
      put_field(out, d->notes[k].message);
      sb_addc(out, '\n');
    }
  }
}

/* split: the tab-separated fields of one line, unescaped in place. */
static int split(char *line, char **f, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    f[n++] = p;
    char *w = p;
    while (*p && *p != '\t') {
      if (*p == '\\' && p[1]) {
        p++;
        *w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
        p++;
      } else {
        *w++ = *p++;
      }
    }
    bool more = *p == '\t';
    *w = 0;
    if (!more)
      break;
    p++;
  }
  return n;
}

static bool parse_loc(char **f, struct diag_loc *l) {
  char *e;
  l->file = f[0][0] ? f[0] : NULL;
  l->line = (unsigned)strtoul(f[1], &e, 10);
  l->col = (unsigned)strtoul(f[2], &e, 10);
  l->end_col = (unsigned)strtoul(f[3], &e, 10);
  return true;
}

bool pool_deserialize(const char *text, size_t len, struct diag_list *out) {
  char *buf = malloc(len + 1);
  memcpy(buf, text, len);
  buf[len] = 0;
  bool ok = true;
  struct diag *last = NULL;
  for (char *line = buf; *line && ok;) {
    char *nl = strchr(line, '\n');
    if (!nl) {
      ok = false;
      break;
    }
    *nl = 0;
    char *f[10];
    int n = split(line, f, 10);
    if (f[0][0] == 'D' && n == 9) {
      struct diag_loc l;
      parse_loc(f + 3, &l);
      int sev = atoi(f[2]);
      if (sev < SEV_NOTE || sev > SEV_ERROR) {
        ok = false;
      } else {
        last = diag_add(out, f[1], (enum diag_severity)sev, &l, "%s", f[7]);
        if (f[8][0])
          diag_set_source(out, last, f[8], strlen(f[8]));
      }
    } else if (f[0][0] == 'N' && n == 6 && last) {
      struct diag_loc l;
      parse_loc(f + 1, &l);
      diag_note(out, last, &l, "%s", f[5]);
      last = &out->items.v[out->items.n - 1];
    } else {
      ok = false;
    }
    line = nl + 1;
  }
  free(buf);
  return ok;
}

/* ---- the child ---- */

struct child_work {
  const struct job *job;
  const struct unit_config *cfg;
  struct unit_deps *deps;
  struct diag_list out;
  struct strbuf err;
  int rc;
};

static void *child_thread(void *arg) {
  struct child_work *w = arg;
  CXIndex idx = clang_createIndex(0, 0);
  struct unit_input in = {w->job->file, w->job->args,         w->job->nargs, w->job->workdir,
                          w->job->contents, w->job->contents_len, w->deps};
  w->rc = unit_analyze(idx, &in, w->job->cfg ? w->job->cfg : w->cfg, &w->out, &w->err);
  clang_disposeIndex(idx);
  return NULL;
}

static void write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return;
    p += k;
    n -= (size_t)k;
  }
}

enum { CHILD_STACK = 512 << 20, EXIT_FAILED_UNIT = 3 };

static void child_main(int fd, const struct job *job, const struct unit_config *cfg, const char *cache_dir,
                       const char *key) {
  /* libclang prints its own multi-line report of a crash to stderr; the unit's one-line error
   * comes through the pipe instead. */
  if (!cfg->dump_cfg) {
    FILE *null = freopen("/dev/null", "w", stderr);
    (void)null;
  }
  /* libclang parses on the calling thread, which has a large stack: its own parse thread has
   * 8 MiB and overflows on nesting clang itself accepts. */
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  struct child_work w;
  memset(&w, 0, sizeof w);
  w.job = job;
  w.cfg = cfg;
  struct unit_deps deps = {0};
  if (cache_dir)
    w.deps = &deps;
  diag_list_init(&w.out);
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, CHILD_STACK);
  if (pthread_create(&th, &attr, child_thread, &w) == 0)
    pthread_join(th, NULL);
  else
    child_thread(&w);
  struct strbuf msg = STRBUF_INIT;
  if (w.rc != 0) {
    sb_adds(&msg, "E");
    put_field(&msg, sb_cstr(&w.err));
    sb_addc(&msg, '\n');
  }
  pool_serialize(&w.out, &msg);
  write_all(fd, msg.buf ? msg.buf : "", msg.len);
  if (cache_dir && w.rc == 0)
    cache_store(cache_dir, key, &deps, &w.out);
  close(fd);
  _exit(w.rc != 0 ? EXIT_FAILED_UNIT : 0);
}

/* ---- the parent ---- */

struct slot {
  pid_t pid;
  int fd;
  size_t job;
  double deadline;
  struct strbuf data;
  bool timed_out;
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(void (*error_line)(const char *), const struct job *j, const char *reason) {
  char *disp = path_display(j->file);
  struct strbuf m = STRBUF_INIT;
  sb_addf(&m, "cannot analyse '%s': %s", disp, reason);
  error_line(sb_cstr(&m));
  sb_release(&m);
  free(disp);
}

static void progress_line(size_t done, size_t total, size_t findings) {
  fprintf(stderr, "\r\033[K[%zu/%zu] %zu finding%s", done, total, findings, findings == 1 ? "" : "s");
  fflush(stderr);
}

/* finish: a child's pipe closed (or it was killed): collect its result. */
static bool finish(struct slot *s, const struct job *jobs, struct diag_list *results, void (*error_line)(const char *)) {
  int status = 0;
  while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
    ;
  const struct job *j = &jobs[s->job];
  bool failed = false;
  const char *text = sb_cstr(&s->data);
  size_t len = s->data.len;
  if (len && text[0] == 'E') { /* the unit could not be parsed: its reason */
    const char *nl = strchr(text, '\n');
    char *f[2];
    char *line = strndup(text, nl ? (size_t)(nl - text) : len);
    int n = split(line, f, 2);
    const char *reason = n == 2 ? strchr(f[1], ':') : NULL;
    fail(error_line, j, reason ? reason + 2 : "libclang could not parse it");
    free(line);
    failed = true;
    size_t skip = nl ? (size_t)(nl - text) + 1 : len;
    text += skip;
    len -= skip;
  }
  if (s->timed_out) {
    char why[96];
    snprintf(why, sizeof why, "timed out after %g seconds (see --timeout)", s->deadline);
    fail(error_line, j, why);
    return true;
  }
  if (WIFSIGNALED(status)) {
    char why[96];
    snprintf(why, sizeof why, "the analysis crashed (signal %d: %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    fail(error_line, j, why);
    return true;
  }
  if (!pool_deserialize(text, len, &results[s->job])) {
    fail(error_line, j, "its worker process sent a malformed result");
    return true;
  }
  if (!failed && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    fail(error_line, j, "its worker process failed");
    return true;
  }
  return failed;
}

size_t pool_run(const struct job *jobs, size_t n, const struct unit_config *cfg, const struct pool_opts *po,
                struct diag_list *all, void (*error_line)(const char *msg)) {
  int nw = po->jobs > 0 ? po->jobs : 1;
  struct slot *slots = calloc((size_t)nw, sizeof *slots);
  struct diag_list *results = calloc(n + 1, sizeof *results);
  for (size_t i = 0; i < n; i++)
    diag_list_init(&results[i]);
  size_t next = 0, done = 0, failed = 0, findings = 0;
  int running = 0;
  fflush(stdout);
  fflush(stderr);
  while (done < n) {
    /* Start workers up to -j. */
    for (int k = 0; k < nw && next < n; k++) {
      if (slots[k].pid)
        continue;
      /* A unit whose inputs are unchanged comes from the cache without a worker. */
      char key[17] = "";
      bool cacheable = po->cache && !jobs[next].contents;
      if (cacheable) {
        cache_key(&jobs[next], jobs[next].cfg ? jobs[next].cfg : cfg, key);
        if (cache_lookup(po->cache, key, &results[next])) {
          findings += results[next].items.n;
          next++, done++, k--;
          if (po->progress)
            progress_line(done, n, findings);
          continue;
        }
      }
      int p[2];
      if (pipe(p) != 0) {
        fail(error_line, &jobs[next], strerror(errno));
        next++, done++, failed++;
        continue;
      }
      pid_t pid = fork();
      if (pid == 0) {
        close(p[0]);
        for (int o = 0; o < nw; o++)
          if (slots[o].pid)
            close(slots[o].fd);
        child_main(p[1], &jobs[next], jobs[next].cfg ? jobs[next].cfg : cfg,
                   cacheable ? cache_dir(po->cache) : NULL, key);
      }
      close(p[1]);
      if (pid < 0) {
        close(p[0]);
        fail(error_line, &jobs[next], strerror(errno));
        next++, done++, failed++;
        continue;
      }
      slots[k].pid = pid;
      slots[k].fd = p[0];
      slots[k].job = next++;
      slots[k].deadline = po->timeout > 0 ? now() + po->timeout : 0;
      slots[k].timed_out = false;
      sb_reset(&slots[k].data);
      running++;
    }
    if (!running)
      break;
    /* Wait for output, an exit or the nearest deadline. */
    struct pollfd *pf = calloc((size_t)nw, sizeof *pf);
    int np = 0;
    double nearest = 0;
    for (int k = 0; k < nw; k++) {
      if (!slots[k].pid)
        continue;
      pf[np].fd = slots[k].fd;
      pf[np].events = POLLIN;
      np++;
      if (slots[k].deadline && (!nearest || slots[k].deadline < nearest))
        nearest = slots[k].deadline;
    }
    int wait_ms = -1;
    if (nearest) {
      double left = nearest - now();
      wait_ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
    }
    int r = poll(pf, (nfds_t)np, wait_ms);
    free(pf);
    if (r < 0 && errno != EINTR)
      break;
    double t = now();
    for (int k = 0; k < nw; k++) {
      struct slot *s = &slots[k];
      if (!s->pid)
        continue;
      char buf[65536];
      bool closed = false;
      struct pollfd one = {s->fd, POLLIN, 0};
      if (poll(&one, 1, 0) > 0) {
        ssize_t got = read(s->fd, buf, sizeof buf);
        if (got > 0)
          sb_add(&s->data, buf, (size_t)got);
        else if (got == 0 || (errno != EINTR && errno != EAGAIN))
          closed = true;
      }
      if (!closed && s->deadline && t >= s->deadline) {
        kill(s->pid, SIGKILL);
        s->timed_out = true;
        s->deadline = po->timeout;
        closed = true;
      }
      if (!closed)
        continue;
      close(s->fd);
      if (finish(s, jobs, results, error_line))
        failed++;
      findings += results[s->job].items.n;
      s->pid = 0;
      running--;
      done++;
      if (po->progress)
        progress_line(done, n, findings);
    }
  }
  if (po->progress) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  for (size_t i = 0; i < n; i++) {
    diag_append(all, &results[i]);
    diag_list_release(&results[i]);
  }
  for (int k = 0; k < nw; k++)
    sb_release(&slots[k].data);
  free(results);
  free(slots);
  return failed;
}
