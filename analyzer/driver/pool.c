/* pool.c: see pool.h. */
#include "analyzer/driver/pool.h"

#include "analyzer/driver/group.h"
#include "analyzer/flow/mentions.h"
#include "analyzer/driver/preamble.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/driver/cache.h"
#include "analyzer/driver/cmd_macros.h"
#include "analyzer/driver/dispatch.h"
#include "analyzer/support/hash.h"
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
  const struct diag_counts *c = &l->counts;
  if (c->functions || c->skipped) /* S: the analysis counts (--stats) */
    sb_addf(out, "S\t%u\t%u\t%u\t%u\n", c->functions, c->max_states, c->dropped, c->skipped);
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
    } else if (f[0][0] == 'S' && n == 5) {
      out->counts.functions = (unsigned)strtoul(f[1], NULL, 10);
      out->counts.max_states = (unsigned)strtoul(f[2], NULL, 10);
      out->counts.dropped = (unsigned)strtoul(f[3], NULL, 10);
      out->counts.skipped = (unsigned)strtoul(f[4], NULL, 10);
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

/* ---- the worker ----
 * A worker process analyses unit after unit: the parent sends a request (a job index), the
 * worker answers with one framed message (8-byte length, then the wire format). Reusing a
 * worker keeps libclang's memory warm (a fresh process per unit cost ~12 ms of page faults
 * each); a worker is replaced after WORKER_UNITS units, after a unit it could not analyse (a
 * libclang crash may leave its state damaged), when it dies, and when it times out. */

struct request {
  uint32_t job;
  uint32_t cache; /* store the result in the cache under key */
  char key[17];
};

struct worker {
  const struct job *jobs;
  const struct unit_config *cfg;
  const char *cache_dir;
  const uint32_t *group; /* each job's preamble group (preamble.h); NULL: none */
  const uint32_t *group_units; /* per group (its first job): its number of units */
  const uint32_t *prefix;      /* each grouped job: the directives its group shares (preamble.h) */
  const uint32_t *set_units;   /* each grouped job: the units of its group with its -D and -U
                                  (NULL: use group_units) */
  int in, out;
  int log; /* what the worker (libclang) writes to stderr goes here; -1: /dev/null */
};

enum { CHILD_STACK = 512 << 20, WORKER_UNITS = 128 };

static bool read_full(int fd, void *p, size_t n) {
  char *c = p;
  while (n) {
    ssize_t k = read(fd, c, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    c += k;
    n -= (size_t)k;
  }
  return true;
}

static bool write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* Test hooks (tests/e2e/workers.sh): a worker that dies on a given unit, and a shorter life. */
static unsigned worker_units(void) {
  const char *e = getenv("VTASKLINT_TEST_WORKER_UNITS");
  return e && atoi(e) > 0 ? (unsigned)atoi(e) : WORKER_UNITS;
}

/* known_std: a -std= value clang 19 accepts (libclang only says it could not parse). */
static bool known_std(const char *v) {
  static const char *const exact[] = {"c89", "c90", "c99", "c9x", "c11", "c1x", "c17", "c18", "c23", "c2x", "c2y",
                                      "gnu89", "gnu90", "gnu99", "gnu9x", "gnu11", "gnu1x", "gnu17", "gnu18",
                                      "gnu23", "gnu2x", "gnu2y", "iso9899:1990", "iso9899:199409", "iso9899:1999",
                                      "iso9899:199x", "iso9899:2011", "iso9899:201x", "iso9899:2017",
                                      "iso9899:2018", "iso9899:2024", "c++98", "c++03", "c++11", "c++0x", "c++14",
                                      "c++1y", "c++17", "c++1z", "c++20", "c++2a", "c++23", "c++2b", "c++26",
                                      "c++2c", "gnu++98", "gnu++03", "gnu++11", "gnu++0x", "gnu++14", "gnu++1y",
                                      "gnu++17", "gnu++1z", "gnu++20", "gnu++2a", "gnu++23", "gnu++2b", "gnu++26",
                                      "gnu++2c", "cuda", "hip", "cl", "cl1.0", "cl1.1", "cl1.2", "cl2.0", "cl3.0",
                                      "CL", "CL1.0", "CL1.1", "CL1.2", "CL2.0", "CL3.0", "clc++", "clc++1.0",
                                      "clc++2021", "CLC++", "CLC++1.0", "CLC++2021", NULL};
  for (const char *const *e = exact; *e; e++)
    if (!strcmp(v, *e))
      return true;
  return !strncmp(v, "hlsl", 4);
}

/* is_pch: the file starts with clang's precompiled-header signature ("CPCH"). */
static bool is_pch(const char *path, const char *workdir) {
  char *abs = path_absolute(path, workdir);
  int fd = open(abs, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  free(abs);
  if (fd < 0)
    return false;
  char sig[4];
  bool ok = read(fd, sig, 4) == 4 && !memcmp(sig, "CPCH", 4);
  close(fd);
  return ok;
}

/* precheck: the reason a unit cannot be analysed that is known before libclang runs, or NULL:
 * libclang would only say "could not parse" (or crash: a missing -include directory). */
static const char *precheck(const struct job *j, struct strbuf *why) {
  if (!j->contents) {
    int fd = open(j->file, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0) {
      sb_addf(why, "cannot read it: %s%s", strerror(errno),
              errno == ENOENT && j->workdir ? " (compile_commands.json names a file that does not exist)" : "");
      return sb_cstr(why);
    }
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (!regular) {
      sb_adds(why, "cannot read it: not a regular file");
      return sb_cstr(why);
    }
  }
  for (int i = 0; i < j->nargs; i++) {
    const char *o = j->args[i];
    const char *std = !strncmp(o, "-std=", 5) ? o + 5 : !strncmp(o, "--std=", 6) ? o + 6 : NULL;
    if (std && !known_std(std)) {
      sb_addf(why, "invalid value '%s' in '%s'", std, o);
      return sb_cstr(why);
    }
    if (i + 1 >= j->nargs || (strcmp(o, "-include") && strcmp(o, "-imacros") && strcmp(o, "-include-pch")))
      continue;
    if (!strcmp(o, "-include-pch") && !is_pch(j->args[i + 1], j->workdir)) {
      sb_addf(why, "-include-pch '%s': not a precompiled header (or unreadable)", j->args[i + 1]);
      return sb_cstr(why);
    }
    char *abs = path_absolute(j->args[i + 1], j->workdir);
    bool ok = access(abs, R_OK) == 0;
    int e = errno;
    free(abs);
    if (!ok) {
      sb_addf(why, "%s '%s': %s", o, j->args[i + 1], strerror(e));
      return sb_cstr(why);
    }
  }
  return NULL;
}

const char *pool_precheck(const struct job *j, struct strbuf *why) { return precheck(j, why); }

static void *worker_thread(void *arg) {
  struct worker *w = arg;
  CXIndex idx = clang_createIndex(0, 0);
  struct group_worker *gw = group_worker_new(w->cache_dir);
  struct mentions *ments = mentions_new(); /* what the files read so far spell: kept across units */
  const char *crash_on = getenv("VTASKLINT_TEST_CRASH");
  unsigned life = worker_units();
  for (unsigned served = 0; served < life; served++) {
    struct request rq;
    if (!read_full(w->in, &rq, sizeof rq))
      break;
    const struct job *j = &w->jobs[rq.job];
    if (crash_on && *crash_on && strstr(j->file, crash_on))
      raise(SIGKILL); /* uncatchable, also under the sanitizers */
    struct unit_deps deps = {0};
    struct unit_input in = {j->file, j->args, j->nargs, j->workdir, j->contents, j->contents_len,
                            rq.cache ? &deps : NULL, ments, NULL};
    struct diag_list out;
    diag_list_init(&out);
    struct strbuf err = STRBUF_INIT, msg = STRBUF_INIT;
    struct strbuf why = STRBUF_INIT;
    const char *known = precheck(j, &why);
    int rc = -1;
    bool shared = false;
    unsigned built = group_worker_built(gw);
    uint32_t g = w->group && w->group_units ? w->group[rq.job] : PREAMBLE_NONE;
    if (known)
      sb_addf(&err, "%s: %s", j->file, known);
    else
      rc = group_analyze(gw, idx, &in, j->cfg ? j->cfg : w->cfg, g, g == PREAMBLE_NONE ? 1 : w->group_units[g],
                         g == PREAMBLE_NONE ? 1 : w->set_units ? w->set_units[rq.job] : w->group_units[g],
                         g == PREAMBLE_NONE ? 0 : w->prefix[rq.job], &out,
                         &err, &shared);
    sb_release(&why);
    sb_add(&msg, "\0\0\0\0\0\0\0\0", 8); /* the length, filled in below */
    if (group_worker_built(gw) != built)
      sb_adds(&msg, "B\n"); /* for --stats: this unit's parse built a preamble */
    if (rc == 0 && shared)
      sb_adds(&msg, "P\n"); /* for --stats */
    if (rc != 0) {
      sb_adds(&msg, "E");
      put_field(&msg, sb_cstr(&err));
      sb_addc(&msg, '\n');
    }
    pool_serialize(&out, &msg);
    uint64_t len = msg.len - 8;
    memcpy(msg.buf, &len, 8);
    bool sent = write_all(w->out, msg.buf, msg.len);
    if (sent && rq.cache && rc == 0 && !deps.unsure)
      cache_store(w->cache_dir, rq.key, &deps, &out);
    unit_deps_release(&deps);
    diag_list_release(&out);
    sb_release(&err);
    sb_release(&msg);
    if (!sent || rc != 0)
      break;
  }
  group_worker_free(gw);
  mentions_free(ments);
  clang_disposeIndex(idx);
  return NULL;
}

static _Noreturn void worker_main(struct worker *w, pid_t parent) {
  /* A worker dies with vtasklint, however vtasklint ends (kill -9 included): one busy on a
   * hanging unit would otherwise run on forever, re-parented to init. The parent may already
   * be gone between fork and prctl: then exit at once. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(0);
  /* The parent's handlers for SIGTERM/SIGINT/SIGHUP are not ours. */
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  if (signal(SIGINT, SIG_DFL) == SIG_IGN)
    signal(SIGINT, SIG_IGN);
  /* libclang prints its own multi-line report of a crash to stderr; the unit's one-line error
   * comes through the pipe instead. */
  if (!w->cfg->dump_cfg && w->log >= 0) {
    /* ... into a private file the parent reads when the worker dies: "out of memory" is a
     * reason worth naming, where a signal number is not */
    fflush(stderr);
    dup2(w->log, STDERR_FILENO);
    fcntl(STDERR_FILENO, F_SETFL, O_APPEND);
    close(w->log);
  } else if (!w->cfg->dump_cfg) {
    FILE *null = freopen("/dev/null", "w", stderr);
    (void)null;
  }
#ifdef __GLIBC__
  /* glibc raises its mmap threshold to the size of each large block freed (up to 32 MiB), so
   * once a unit's translation unit is disposed, the next unit's large buffers come from the
   * heap: a precompiled preamble's serialization buffer (10 MiB on 1.6 MB of <string> and
   * <vector>), grown by realloc, is then copied at each doubling, and what is freed stays in
   * the worker's RSS under the next build. A fixed threshold keeps such blocks mapped (realloc
   * by mremap, free gives them back): the worker's peak RSS, at a preamble build, went from
   * 112.5 to 110.6 MB on bench/gen.sh 200's C++ units and from 264.6 to 254.6 MB on 12 of
   * nlohmann-json's tests (--no-pch: 104.4 and 263.4 MB, unchanged), the CPU time the same. */
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  /* libclang parses on the calling thread, which has a large stack: its own parse thread has
   * 8 MiB and overflows on nesting clang itself accepts. */
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, CHILD_STACK);
  if (pthread_create(&th, &attr, worker_thread, w) == 0)
    pthread_join(th, NULL);
  else
    worker_thread(w);
  _exit(0);
}

/* ---- the parent ---- */

/* ---- signals: SIGTERM, SIGINT and SIGHUP kill the workers, then vtasklint ---- */

static volatile sig_atomic_t interrupted;
static pid_t *live; /* the workers' pids, for the handler (0: none) */
static volatile sig_atomic_t nlive;

static void on_signal(int sig) {
  /* kill() is async-signal-safe: the workers go at once, even while the parent is busy. The
   * loop then reaps them and returns; a second signal ends vtasklint at once. */
  for (int k = 0; k < nlive; k++)
    if (live[k] > 0)
      kill(live[k], SIGKILL);
  if (interrupted) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
  interrupted = sig;
}

int pool_interrupted(void) { return (int)interrupted; }

static const int caught[] = {SIGTERM, SIGINT, SIGHUP};
enum { NCAUGHT = sizeof caught / sizeof *caught };

static void catch_signals(struct sigaction old[NCAUGHT]) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < NCAUGHT; i++) {
    sigaction(caught[i], NULL, &old[i]);
    if (old[i].sa_handler != SIG_IGN) /* ignored when we started (nohup, a background job): kept so */
      sigaction(caught[i], &sa, NULL);
  }
}

static void restore_signals(const struct sigaction old[NCAUGHT]) {
  for (int i = 0; i < NCAUGHT; i++)
    sigaction(caught[i], &old[i], NULL);
}


struct slot {
  pid_t pid;
  bool disabled;    /* no worker could be started for it: the others carry on */
  int to, from;     /* request and result pipes */
  int log;          /* the worker's stderr (an unlinked file), emptied per unit; -1 none */
  long job;         /* the unit being analysed, -1 idle */
  unsigned served;  /* units sent to this worker */
  double deadline;
  struct strbuf data;
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* fail: the unit's one stderr line, also kept in its results for the formats that report
 * failed units (json, sarif). */
static void fail(void (*error_line)(const char *), struct diag_list *into, const struct job *j, const char *reason) {
  char *disp = path_display(j->file);
  struct strbuf m = STRBUF_INIT;
  sb_addf(&m, "cannot analyse '%s': %s", disp, reason);
  error_line(sb_cstr(&m));
  diag_fail(into, disp, "%s", sb_cstr(&m));
  sb_release(&m);
  free(disp);
}

/* ---- the progress line counts what the summary counts: warnings and errors, each distinct
 * finding once (a header's finding met by twelve units is one; notes are not findings) ---- */

struct seen {
  uint64_t *v; /* open addressing over finding hashes; 0 empty */
  size_t n, cap;
};

static uint64_t finding_hash(const struct diag *d) {
  struct strbuf k = STRBUF_INIT;
  sb_addf(&k, "%s%c%u%c%u%c%s%c%s", d->loc.file ? d->loc.file : "", 0, d->loc.line, 0, d->loc.col, 0, d->rule, 0,
          d->message);
  uint64_t h = hash_bytes(k.buf, k.len);
  sb_release(&k);
  return h ? h : 1;
}

/* count_new: the unit's warnings and errors not counted yet. */
static size_t count_new(struct seen *s, const struct diag_list *l) {
  size_t added = 0;
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    if (d->sev != SEV_WARNING && d->sev != SEV_ERROR)
      continue;
    if (s->n * 2 >= s->cap) {
      size_t nc = s->cap ? s->cap * 2 : 256;
      uint64_t *nv = calloc(nc, sizeof *nv);
      if (!nv)
        return added;
      for (size_t k = 0; k < s->cap; k++)
        if (s->v[k]) {
          size_t h = (size_t)s->v[k] & (nc - 1);
          while (nv[h])
            h = (h + 1) & (nc - 1);
          nv[h] = s->v[k];
        }
      free(s->v);
      s->v = nv;
      s->cap = nc;
    }
    uint64_t key = finding_hash(d);
    size_t h = (size_t)key & (s->cap - 1);
    while (s->v[h] && s->v[h] != key)
      h = (h + 1) & (s->cap - 1);
    if (!s->v[h]) {
      s->v[h] = key;
      s->n++;
      added++;
    }
  }
  return added;
}

static void progress_line(size_t done, size_t total, size_t findings) {
  fprintf(stderr, "\r\033[K[%zu/%zu] %zu finding%s", done, total, findings, findings == 1 ? "" : "s");
  fflush(stderr);
}

/* reap: the worker is gone (or sent away); its status, if it died of a signal. */
static int reap(struct slot *s, bool kill_it) {
  if (kill_it)
    kill(s->pid, SIGKILL);
  close(s->to);
  close(s->from);
  if (s->log >= 0)
    close(s->log);
  s->log = -1;
  int status = 0;
  while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
    ;
  for (int k = 0; k < nlive; k++)
    if (live[k] == s->pid)
      live[k] = 0;
  s->pid = 0;
  s->job = -1;
  s->served = 0;
  sb_reset(&s->data);
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* Test hook (tests/e2e/signals.sh): fork fails (EAGAIN) after this many workers were started. */
static int fork_budget(void) {
  const char *e = getenv("VTASKLINT_TEST_FORK_LIMIT");
  return e && *e ? atoi(e) : -1;
}

static bool spawn(struct slot *slots, int nw, int k, struct worker *w) {
  static int forks;
  int budget = fork_budget();
  if (budget >= 0 && forks >= budget) {
    errno = EAGAIN;
    return false;
  }
  int to[2], from[2];
  if (pipe(to) != 0)
    return false;
  if (pipe(from) != 0) {
    close(to[0]);
    close(to[1]);
    return false;
  }
  fflush(stdout);
  fflush(stderr);
  int log = -1;
  FILE *lf = tmpfile();
  if (lf) {
    log = dup(fileno(lf));
    fclose(lf);
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid > 0)
    forks++;
  if (pid == 0) {
    close(to[1]);
    close(from[0]);
    for (int o = 0; o < nw; o++) /* other workers' pipes: their EOF must not depend on us */
      if (slots[o].pid) {
        close(slots[o].to), close(slots[o].from);
        if (slots[o].log >= 0)
          close(slots[o].log);
      }
    w->in = to[0];
    w->out = from[1];
    w->log = log;
    worker_main(w, parent);
  }
  int saved = errno;
  close(to[0]);
  close(from[1]);
  if (pid < 0) {
    close(to[1]);
    close(from[0]);
    if (log >= 0)
      close(log);
    errno = saved;
    return false;
  }
  slots[k].log = log;
  slots[k].pid = pid;
  live[k] = pid;
  slots[k].to = to[1];
  slots[k].from = from[0];
  slots[k].job = -1;
  slots[k].served = 0;
  sb_reset(&slots[k].data);
  return true;
}

/* said_out_of_memory: the dead worker's last words (its stderr) say it ran out of memory:
 * ours ("vtasklint: fatal: out of memory"), LLVM's ("LLVM ERROR: out of memory"), C++'s
 * (std::bad_alloc). */
static bool said_out_of_memory(int log) {
  if (log < 0)
    return false;
  char tail[4097];
  off_t end = lseek(log, 0, SEEK_END);
  if (end <= 0)
    return false;
  off_t from = end > 4096 ? end - 4096 : 0;
  ssize_t n = pread(log, tail, (size_t)(end - from), from);
  if (n <= 0)
    return false;
  tail[n] = 0;
  for (ssize_t i = 0; i < n; i++)
    if (!tail[i])
      tail[i] = ' ';
  return strstr(tail, "out of memory") || strstr(tail, "bad_alloc") || strstr(tail, "Cannot allocate memory");
}

/* take_mark: the message *text begins with the line "c" (--stats marks, in the order B, P): it
 * is passed over. */
static bool take_mark(const char **text, size_t *len, char c) {
  if (*len < 2 || (*text)[0] != c || (*text)[1] != '\n')
    return false;
  *text += 2;
  *len -= 2;
  return true;
}

/* result: a complete message from the worker for its job. */
static bool result(struct slot *s, const struct job *jobs, struct diag_list *results, void (*error_line)(const char *),
                   struct pool_stats *st) {
  const struct job *j = &jobs[s->job];
  const char *text = s->data.buf + 8;
  size_t len = s->data.len - 8;
  bool failed = false;
  st->built += take_mark(&text, &len, 'B');  /* its parse built a shared preamble */
  st->shared += take_mark(&text, &len, 'P'); /* reparsed with a shared preamble */
  if (len && text[0] == 'E') { /* the unit could not be parsed: its reason */
    const char *nl = memchr(text, '\n', len);
    char *f[2];
    char *line = strndup(text, nl ? (size_t)(nl - text) : len);
    int n = split(line, f, 2);
    /* "<file>: <reason>": the file's own name is cut off by its length, so a path holding
     * ": " does not cut the reason. */
    const char *reason = NULL;
    if (n == 2) {
      size_t fl = strlen(j->file);
      reason = strncmp(f[1], j->file, fl) == 0 && f[1][fl] == ':' && f[1][fl + 1] == ' ' ? f[1] + fl + 2 : f[1];
      if (!*reason)
        reason = NULL;
    }
    fail(error_line, &results[s->job], j, reason ? reason : "libclang could not parse it");
    free(line);
    failed = true;
    size_t skip = nl ? (size_t)(nl - text) + 1 : len;
    text += skip;
    len -= skip;
  }
  if (!pool_deserialize(text, len, &results[s->job])) {
    fail(error_line, &results[s->job], j, "its worker process sent a malformed result");
    return true;
  }
  return failed;
}

/* pool_groups: the preamble groups of the units the cache did not answer (preamble.h), the
 * prefixes they share (*prefix), the number of units in each grouped unit's set of -D and -U
 * (*set_units, NULL when memory ran out), and order[]: the cache's units first, then the
 * others with each group's units together, at the place of the group's first. */
static uint32_t *pool_groups(const struct job *jobs, size_t n, const struct unit_config *cfg, const bool *hit,
                             size_t *order, uint32_t **prefix, uint32_t **set_units) {
  struct job *miss = calloc(n, sizeof *miss);
  size_t *back = calloc(n, sizeof *back);
  uint32_t *g = calloc(n, sizeof *g), *mg = calloc(n, sizeof *mg);
  uint32_t *p = calloc(n, sizeof *p), *mp = calloc(n, sizeof *mp);
  if (!miss || !back || !g || !mg || !p || !mp) {
    free(miss), free(back), free(g), free(mg), free(p), free(mp);
    return NULL;
  }
  size_t m = 0, k = 0;
  for (size_t i = 0; i < n; i++) {
    g[i] = PREAMBLE_NONE;
    if (hit[i])
      order[k++] = i;
    else
      back[m] = i, miss[m++] = jobs[i];
  }
  preamble_groups(miss, m, cfg, mg, mp);
  for (size_t i = 0; i < m; i++)
    if (mg[i] != PREAMBLE_NONE) {
      g[back[i]] = (uint32_t)back[mg[i]];
      p[back[i]] = mp[i];
    }
  /* A group's units with the first's -D and -U first, then each other set of them in the
   * order its first unit comes (cmd_macros_variant): when the headers read a macro that
   * differs, each set shares a preamble of its own (group.c), and so needs its units together. */
  uint64_t *variant = calloc(m + 1, sizeof *variant);
  bool *placed = calloc(m + 1, sizeof *placed);
  uint32_t *sets = calloc(n + 1, sizeof *sets);
  for (size_t i = 0; variant && i < m; i++)
    if (mg[i] != PREAMBLE_NONE)
      variant[i] = cmd_macros_variant(miss[i].args, miss[i].nargs);
  for (size_t i = 0; i < m; i++) {
    if (mg[i] != PREAMBLE_NONE && mg[i] != i)
      continue; /* placed with its group's first */
    order[k++] = back[i];
    if (mg[i] != i)
      continue;
    for (size_t v = i; v < m; v++) { /* v: the first unit of each set */
      if (mg[v] != i || (placed && placed[v]))
        continue;
      size_t from = k;
      for (size_t o = v; o < m; o++)
        if (mg[o] == i && (!placed || !placed[o]) && (!variant || variant[o] == variant[v])) {
          if (o != i)
            order[k++] = back[o];
          if (placed)
            placed[o] = true;
        }
      uint32_t count = (uint32_t)(k - from) + (v == i); /* the group's first was placed before */
      for (size_t q = from; sets && q < k; q++)
        sets[order[q]] = count;
      if (sets && v == i)
        sets[back[i]] = count;
      if (!placed || !variant)
        break; /* out of memory: job order */
    }
  }
  if (!placed || !variant)
    free(sets), sets = NULL;
  free(variant), free(placed);
  free(miss), free(back), free(mg), free(mp);
  *prefix = p;
  *set_units = sets;
  return g;
}

size_t pool_run(const struct job *jobs, size_t n, const struct unit_config *cfg, const struct pool_opts *po,
                struct diag_list *all, void (*error_line)(const char *msg)) {
  int nw = po->jobs > 0 ? po->jobs : 1;
  if ((size_t)nw > n)
    nw = n ? (int)n : 1;
  struct slot *slots = calloc((size_t)nw, sizeof *slots);
  for (int k = 0; k < nw; k++)
    slots[k].log = -1;
  struct diag_list *results = calloc(n + 1, sizeof *results);
  for (size_t i = 0; i < n; i++)
    diag_list_init(&results[i]);
  struct worker w = {jobs, cfg, po->cache ? cache_dir(po->cache) : NULL, NULL, NULL, NULL, NULL, -1, -1, -1};
  size_t done = 0, failed = 0, findings = 0;
  struct seen seen = {0};
  struct pool_stats st = {0, 0, 0};
  /* The cache first, then the order of the rest: the units of a preamble group one after
   * another (so that a worker keeps reusing its preamble), each group where its first unit was.
   * Results stay in job order. */
  size_t *order = calloc(n + 1, sizeof *order);
  char (*keys)[17] = calloc(n + 1, sizeof *keys);
  bool *hit = calloc(n + 1, sizeof *hit);
  uint32_t *group = NULL, *prefix = NULL, *set_units = NULL;
  for (size_t i = 0; i < n; i++) {
    order[i] = i;
    if (po->cache && !jobs[i].contents) {
      cache_key(&jobs[i], jobs[i].cfg ? jobs[i].cfg : cfg, keys[i]);
      hit[i] = cache_lookup(po->cache, keys[i], &results[i]);
    }
  }
  /* Not with the result cache: a reparsed unit's preamble names some system headers by
   * relative paths (../../../../include/c++/12/...), which its cache entry could not check. */
  if (po->pch && n > 1)
    group = pool_groups(jobs, n, cfg, hit, order, &prefix, &set_units);
  if (group && w.cache_dir)
    group_sweep(w.cache_dir);
  uint32_t *group_units = group ? calloc(n, sizeof *group_units) : NULL;
  for (size_t i = 0; group_units && i < n; i++)
    if (group[i] != PREAMBLE_NONE)
      group_units[group[i]]++;
  w.group = group;
  w.group_units = group_units;
  w.prefix = prefix;
  w.set_units = set_units;
  struct dispatch *disp = dispatch_new(order, n, group, group_units, nw);
  if (!disp) {
    fprintf(stderr, "vtasklint: fatal: out of memory\n");
    abort();
  }
  void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN); /* a dead worker must not take us down */
  struct pollfd *pf = calloc((size_t)nw, sizeof *pf);
  int *pk = calloc((size_t)nw, sizeof *pk);
  live = calloc((size_t)nw, sizeof *live);
  nlive = nw;
  struct sigaction old_sig[NCAUGHT];
  catch_signals(old_sig);
  bool said_fewer = false;
  while (done < n && !interrupted) {
    /* Hand out units to idle workers; a unit whose inputs are unchanged comes from the cache. */
    for (int k = 0; k < nw && !interrupted; k++) {
      if (slots[k].disabled || (slots[k].pid && slots[k].job >= 0))
        continue;
      size_t jn = dispatch_peek(disp, k);
      if (jn == SIZE_MAX)
        break; /* every unit handed out */
      struct request rq;
      memset(&rq, 0, sizeof rq);
      rq.job = (uint32_t)jn;
      if (po->cache && !jobs[jn].contents) {
        memcpy(rq.key, keys[jn], sizeof rq.key);
        if (hit[jn]) {
          st.cached++;
          findings += count_new(&seen, &results[jn]);
          dispatch_take(disp, k, false);
          done++, k--;
          if (po->progress)
            progress_line(done, n, findings);
          continue;
        }
        rq.cache = 1;
      }
      if (slots[k].pid && slots[k].served >= worker_units())
        reap(&slots[k], false); /* it has retired itself */
      bool fresh = !slots[k].pid;
      if (fresh && spawn(slots, nw, k, &w))
        dispatch_forget(disp, k); /* a new process: it holds no group */
      else if (fresh) {
        int e = errno;
        int running = 0;
        for (int o = 0; o < nw; o++)
          running += slots[o].pid != 0;
        if (running > 0) {
          /* A process limit: carry on with the workers there are, and say so once. */
          slots[k].disabled = true;
          if (!said_fewer)
            fprintf(stderr, "vtasklint: warning: cannot start another worker process (%s); continuing with %d\n",
                    strerror(e), running);
          said_fewer = true;
          continue; /* the unit waits for a running worker */
        }
        fail(error_line, &results[jn], &jobs[jn], e == EAGAIN ? "cannot start a worker process (fork: resource limit reached)"
                                                  : strerror(e));
        dispatch_take(disp, k, false);
        done++, failed++;
        k--;
        continue;
      }
      if (!write_all(slots[k].to, (const char *)&rq, sizeof rq)) {
        /* it went away while idle (it retires after a failed unit): a fresh one takes over */
        reap(&slots[k], true);
        k--;
        continue;
      }
      slots[k].job = (long)jn;
      dispatch_take(disp, k, true);
      slots[k].served++;
      slots[k].deadline = po->timeout > 0 ? now() + po->timeout : 0;
      if (slots[k].log >= 0 && ftruncate(slots[k].log, 0) != 0) {
        /* only the reason for a crash would be lost */
      }
      sb_reset(&slots[k].data);
    }
    int np = 0;
    double nearest = 0;
    for (int k = 0; k < nw; k++) {
      if (!slots[k].pid || slots[k].job < 0)
        continue;
      pf[np].fd = slots[k].from;
      pf[np].events = POLLIN;
      pf[np].revents = 0;
      pk[np++] = k;
      if (slots[k].deadline && (!nearest || slots[k].deadline < nearest))
        nearest = slots[k].deadline;
    }
    if (!np)
      break;
    int wait_ms = -1;
    if (nearest) {
      double left = nearest - now();
      wait_ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
    }
    int r = poll(pf, (nfds_t)np, wait_ms);
    if (interrupted)
      break; /* the workers were killed by the handler: no "crashed" lines for them */
    if (r < 0 && errno != EINTR)
      break;
    double t = now();
    for (int i = 0; i < np; i++) {
      struct slot *s = &slots[pk[i]];
      const struct job *j = &jobs[s->job];
      struct diag_list *res = &results[s->job]; /* reap() forgets s->job */
      bool eof = false;
      if (pf[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        ssize_t got = read(s->from, buf, sizeof buf);
        if (got > 0)
          sb_add(&s->data, buf, (size_t)got);
        else if (got == 0 || (errno != EINTR && errno != EAGAIN))
          eof = true;
      }
      uint64_t len = 0;
      if (s->data.len >= 8)
        memcpy(&len, s->data.buf, 8);
      if (s->data.len >= 8 && s->data.len - 8 >= len) {
        bool bad = result(s, jobs, results, error_line, &st);
        findings += count_new(&seen, &results[s->job]);
        s->job = -1;
        done++;
        if (bad) {
          /* the worker retires after a unit it could not analyse: let it go now, so that the
           * next unit is never sent to a process on its way out */
          failed++;
          reap(s, false);
        }
        if (po->progress)
          progress_line(done, n, findings);
        continue;
      }
      if (eof) {
        bool oom = said_out_of_memory(s->log);
        int sig = reap(s, false);
        char why[128];
        if (oom)
          snprintf(why, sizeof why, "out of memory (the analysis was aborted: signal %d)", sig);
        else if (sig)
          snprintf(why, sizeof why, "the analysis crashed (signal %d: %s)", sig, strsignal(sig));
        else
          snprintf(why, sizeof why, "its worker process exited without a result");
        fail(error_line, res, j, why);
        failed++, done++;
        if (po->progress)
          progress_line(done, n, findings);
        continue;
      }
      if (s->deadline && t >= s->deadline) {
        reap(s, true);
        char why[96];
        snprintf(why, sizeof why, "timed out after %g seconds (see --timeout)", po->timeout);
        fail(error_line, res, j, why);
        failed++, done++;
        if (po->progress)
          progress_line(done, n, findings);
      }
    }
  }
  /* Idle workers finish their cache writes and exit when their request pipe closes; after a
   * signal, every worker is killed (the handler did so already) and reaped. */
  for (int k = 0; k < nw; k++)
    if (slots[k].pid)
      reap(&slots[k], interrupted != 0);
  restore_signals(old_sig);
  nlive = 0;
  free(live);
  live = NULL;
  signal(SIGPIPE, old_pipe);
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
  free(seen.v);
  free(order);
  free(keys);
  free(hit);
  dispatch_free(disp);
  free(group);
  free(prefix);
  free(set_units);
  free(group_units);
  free(pf);
  free(pk);
  free(results);
  free(slots);
  if (po->stats)
    *po->stats = st;
  return failed;
}
