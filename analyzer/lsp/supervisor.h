/* supervisor.h: the server's side of its worker process (worker.h). It starts the worker when
 * a request needs one, sends one analysis at a time, and watches it: a worker that dies (a
 * libclang crash) or outlives the timeout (a libclang hang: killed) costs the analysis in
 * flight, nothing else; the next request starts a new worker. The server polls sup_fd. */
#ifndef VTL_LSP_SUPERVISOR_H
#define VTL_LSP_SUPERVISOR_H

#include <jansson.h>
#include <stdbool.h>

#include "analyzer/lsp/worker.h"
#include "analyzer/support/strbuf.h"

struct supervisor;

/* sup_new: timeout in seconds per analysis (0: none). o must outlive the supervisor. */
struct supervisor *sup_new(const struct worker_opts *o, double timeout);
/* sup_free: ends the worker (closing its pipe; killed if it does not go) and frees. */
void sup_free(struct supervisor *s);

/* sup_fd: the descriptor to poll for the worker's answer, or -1 (no worker). */
int sup_fd(const struct supervisor *s);
/* sup_busy: an analysis is in flight. */
bool sup_busy(const struct supervisor *s);
/* sup_wait_ms: milliseconds until the analysis in flight times out (-1: no deadline). */
int sup_wait_ms(const struct supervisor *s, double now);

/* sup_analyze: sends {"op":"analyze",...} with seq (starting a worker if there is none);
 * unsaved (taken, may be NULL): [{"path","text"}] of other files edited and not saved.
 * False when no worker could be started or written to (why set). */
bool sup_analyze(struct supervisor *s, long long seq, const char *path, long long version, const char *text,
                 size_t len, json_t *unsaved, struct strbuf *why);
/* sup_close, sup_reload: the one-way requests (nothing when no worker runs: a new one starts
 * with nothing kept and the configuration read afresh). */
void sup_close(struct supervisor *s, const char *path);
void sup_reload(struct supervisor *s);

enum sup_event {
  SUP_NOTHING, /* no whole answer yet */
  SUP_ANSWER,  /* *answer: the worker's JSON answer (the caller owns it) */
  SUP_LOST,    /* the analysis in flight was lost: the worker crashed, hung or spoke
                  nonsense (why says which; it is gone, a new one starts on demand) */
};

/* sup_step: call when sup_fd is readable, or at the deadline. */
enum sup_event sup_step(struct supervisor *s, double now, json_t **answer, struct strbuf *why);

/* sup_now: a monotonic clock in seconds. */
double sup_now(void);

#endif
