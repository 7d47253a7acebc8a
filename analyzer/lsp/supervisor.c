/* supervisor.c: see supervisor.h. The worker is a fork of the server (which never calls
 * libclang itself, so there is no libclang state to inherit); it reads requests on one pipe
 * and answers on another, and its standard input and output are /dev/null: those are the
 * client's. Its standard error stays the server's (clients keep it as the server's log), so
 * libclang's own crash reports reach the user. */
#include "analyzer/lsp/supervisor.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/lsp/rpc.h"
#include "analyzer/support/strbuf.h"

struct supervisor {
  const struct worker_opts *o;
  double timeout;
  pid_t pid;        /* 0: no worker */
  int to, from;     /* pipe ends: requests to the worker, answers from it */
  bool busy;
  double deadline;  /* when the analysis in flight times out (0: never) */
  struct rpc_reader rd;
  char *pch_dir;    /* the workers' preambles (worker.c): made at the first start, emptied
                       when a worker ends (one killed leaves its files), removed at the end */
};

/* clear_pch_dir: the preambles a worker left (libclang's "preamble-*.pch"). */
static void clear_pch_dir(const char *dir) {
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strncmp(e->d_name, "preamble-", 9) == 0)
      unlinkat(dirfd(d), e->d_name, 0);
  closedir(d);
}

double sup_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct supervisor *sup_new(const struct worker_opts *o, double timeout) {
  struct supervisor *s = calloc(1, sizeof *s);
  s->o = o;
  s->timeout = timeout;
  s->to = s->from = -1;
  rpc_reader_init(&s->rd, 1u << 30);
  return s;
}

/* stop: the worker ends: asked (its pipe closed, it exits), or killed when it does not within
 * a short while or when kill is set. What it was doing is lost. */
static void stop(struct supervisor *s, bool kill_it, int *status) {
  if (s->to >= 0)
    close(s->to);
  s->to = -1;
  int st = 0;
  if (s->pid > 0) {
    if (kill_it)
      kill(s->pid, SIGKILL);
    for (int i = 0; !kill_it && i < 200; i++) {
      if (waitpid(s->pid, &st, WNOHANG) == s->pid)
        goto reaped;
      struct timespec ts = {0, 10 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    kill(s->pid, SIGKILL);
    while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR) {
    }
  }
reaped:
  if (status)
    *status = st;
  if (s->pid > 0)
    clear_pch_dir(s->pch_dir);
  if (s->from >= 0)
    close(s->from);
  s->from = -1;
  s->pid = 0;
  s->busy = false;
  rpc_reader_release(&s->rd);
  rpc_reader_init(&s->rd, 1u << 30);
}

void sup_free(struct supervisor *s) {
  if (!s)
    return;
  stop(s, false, NULL);
  rpc_reader_release(&s->rd);
  if (s->pch_dir)
    rmdir(s->pch_dir);
  free(s->pch_dir);
  free(s);
}

static bool start(struct supervisor *s, struct strbuf *why) {
  if (!s->pch_dir) {
    const char *tmp = getenv("TMPDIR");
    struct strbuf d = STRBUF_INIT;
    sb_addf(&d, "%s/vtasklint-lsp-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    s->pch_dir = sb_detach(&d);
    if (!mkdtemp(s->pch_dir)) { /* then libclang's default place, and no kept file lists */
      free(s->pch_dir);
      s->pch_dir = NULL;
    }
  }
  int a[2], b[2];
  if (pipe(a) != 0) {
    sb_addf(why, "cannot start the analysis process: %s", strerror(errno));
    return false;
  }
  if (pipe(b) != 0) {
    sb_addf(why, "cannot start the analysis process: %s", strerror(errno));
    close(a[0]);
    close(a[1]);
    return false;
  }
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    sb_addf(why, "cannot start the analysis process: %s", strerror(errno));
    close(a[0]), close(a[1]), close(b[0]), close(b[1]);
    return false;
  }
  if (pid == 0) {
    close(a[1]);
    close(b[0]);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      if (null > STDERR_FILENO)
        close(null);
    }
    worker_main(a[0], b[1], s->o, s->pch_dir);
  }
  close(a[0]);
  close(b[1]);
  fcntl(a[1], F_SETFD, FD_CLOEXEC);
  fcntl(b[0], F_SETFD, FD_CLOEXEC);
  s->pid = pid;
  s->to = a[1];
  s->from = b[0];
  return true;
}

int sup_fd(const struct supervisor *s) { return s->pid ? s->from : -1; }
bool sup_busy(const struct supervisor *s) { return s->busy; }

int sup_wait_ms(const struct supervisor *s, double now) {
  if (!s->busy || s->deadline <= 0)
    return -1;
  double left = s->deadline - now;
  return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

static bool send(struct supervisor *s, json_t *msg) {
  bool ok = s->to >= 0 && rpc_write(s->to, msg);
  json_decref(msg);
  return ok;
}

bool sup_analyze(struct supervisor *s, long long seq, const char *path, long long version, const char *text,
                 size_t len, json_t *unsaved, struct strbuf *why) {
  if (!s->pid && !start(s, why)) {
    json_decref(unsaved);
    return false;
  }
  json_t *m = json_pack("{s:s,s:I,s:s,s:I,s:s%}", "op", "analyze", "seq", (json_int_t)seq, "path", path, "version",
                        (json_int_t)version, "text", text, len);
  if (m && unsaved)
    json_object_set(m, "unsaved", unsaved);
  json_decref(unsaved);
  if (!m) {
    sb_adds(why, "cannot encode the request");
    return false;
  }
  if (!send(s, m)) {
    int st;
    stop(s, true, &st);
    sb_adds(why, "the analysis process stopped reading its requests");
    return false;
  }
  s->busy = true;
  s->deadline = s->timeout > 0 ? sup_now() + s->timeout : 0;
  return true;
}

void sup_close(struct supervisor *s, const char *path) {
  if (s->pid && !send(s, json_pack("{s:s,s:s}", "op", "close", "path", path)))
    stop(s, true, NULL);
}

void sup_reload(struct supervisor *s) {
  if (s->pid && !send(s, json_pack("{s:s}", "op", "reload")))
    stop(s, true, NULL);
}

static void describe(int st, struct strbuf *why) {
  if (WIFSIGNALED(st))
    sb_addf(why, "the analysis process was killed by signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
  else if (WIFEXITED(st))
    sb_addf(why, "the analysis process exited with status %d", WEXITSTATUS(st));
  else
    sb_adds(why, "the analysis process stopped");
}

enum sup_event sup_step(struct supervisor *s, double now, json_t **answer, struct strbuf *why) {
  *answer = NULL;
  if (!s->pid)
    return SUP_NOTHING;
  if (s->busy && s->deadline > 0 && now >= s->deadline) {
    stop(s, true, NULL);
    sb_addf(why, "the analysis did not finish within %g s (a libclang hang?); its process was killed", s->timeout);
    return SUP_LOST;
  }
  char chunk[65536];
  ssize_t n = read(s->from, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return SUP_NOTHING;
  if (n <= 0) {
    bool was_busy = s->busy;
    int st;
    stop(s, true, &st);
    describe(st, why);
    return was_busy ? SUP_LOST : SUP_NOTHING;
  }
  rpc_feed(&s->rd, chunk, (size_t)n);
  const char *body;
  size_t len;
  enum rpc_status r = rpc_next(&s->rd, &body, &len);
  if (r == RPC_NEED_MORE)
    return SUP_NOTHING;
  json_t *j = r == RPC_MESSAGE ? json_loadb(body, len, JSON_ALLOW_NUL, NULL) : NULL;
  if (!j) {
    stop(s, true, NULL);
    sb_adds(why, "the analysis process sent a malformed answer; it was stopped");
    return s->busy ? SUP_LOST : SUP_LOST;
  }
  s->busy = false;
  *answer = j;
  return SUP_ANSWER;
}
