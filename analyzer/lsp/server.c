/* server.c: see server.h. One thread, one poll loop over the client's input and the worker's
 * answers. Each document carries a revision (a server-wide counter bumped at every change):
 * an answer for any revision but the document's current one is stale and dropped, whatever
 * versions the client sends (they may even go backwards). */
#include "analyzer/lsp/server.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/driver/sources.h"
#include "analyzer/lsp/actions.h"
#include "analyzer/lsp/convert.h"
#include "analyzer/lsp/document.h"
#include "analyzer/lsp/rpc.h"
#include "analyzer/lsp/supervisor.h"
#include "analyzer/support/path.h"

/* JSON-RPC and LSP error codes */
enum {
  ERR_PARSE = -32700,
  ERR_INVALID_REQUEST = -32600,
  ERR_METHOD_NOT_FOUND = -32601,
  ERR_INVALID_PARAMS = -32602,
  ERR_NOT_INITIALIZED = -32002,
  ERR_REQUEST_CANCELLED = -32800,
};
enum { MSG_ERROR = 1, MSG_WARNING = 2, MSG_INFO = 3, MSG_LOG = 4 };

struct doc_state {
  long long rev;        /* bumped at every change */
  bool unsaved;         /* changed since opened or saved: other units see this text */
  bool dirty;           /* rev has not been sent for analysis */
  double due;           /* when to send it (the debounce) */
  long long result_rev; /* the revision the findings below are of (0: none yet) */
  json_t *worker;       /* the worker's findings (worker.h), or an empty array */
  json_t *lsp;          /* the same as published: LSP Diagnostics, one per finding */
  json_t *extra;        /* vtasklint's own diagnostics (could not analyse; bad configuration) */
};

struct pull {
  json_t *id;
  char *uri;
};

struct config_error {
  char *path, *line; /* the configuration file, the whole "PATH:L:C: error: ..." line */
};

struct server {
  const struct lsp_opts *o;
  int in, out;
  struct rpc_reader rd;
  enum { PHASE_NEW, PHASE_RUNNING, PHASE_SHUT } phase;
  bool done;
  int exit_code;
  enum pos_encoding enc;
  bool pull, refresh, related, watch_dynamic;
  bool trace; /* $/setTrace or initialize's trace is "messages" or "verbose": $/logTrace */
  struct doc_store docs;
  struct supervisor *sup;
  long long revs, seqs, ids;
  char *flight_uri; /* the document whose analysis is in flight */
  long long flight_rev;
  struct pull *pulls;
  size_t npulls, cpulls;
  struct config_error *cerrs;
  size_t ncerrs;
};

/* ---- sending ---- */

static void send_msg(struct server *s, json_t *m) {
  if (!rpc_write(s->out, m))
    s->done = true; /* the client is gone */
  json_decref(m);
}

static void respond(struct server *s, const json_t *id, json_t *result) {
  json_t *m = json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(), "result",
                        result ? result : json_null());
  send_msg(s, m);
}

static void respond_error(struct server *s, const json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void respond_error(struct server *s, const json_t *id, int code, const char *fmt, ...) {
  struct strbuf m = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&m, fmt, ap);
  va_end(ap);
  json_t *err = json_pack("{s:i,s:o}", "code", code, "message", json_text(sb_cstr(&m)));
  sb_release(&m);
  send_msg(s, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(), "error", err));
}

static void notify(struct server *s, const char *method, json_t *params) {
  send_msg(s, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

static void request(struct server *s, const char *method, json_t *params) {
  struct strbuf id = STRBUF_INIT;
  sb_addf(&id, "vtasklint-%lld", ++s->ids);
  json_t *m = json_pack("{s:s,s:s,s:s}", "jsonrpc", "2.0", "id", sb_cstr(&id), "method", method);
  if (params)
    json_object_set_new(m, "params", params);
  sb_release(&id);
  send_msg(s, m);
}

static void say(struct server *s, const char *method, int type, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(struct server *s, const char *method, int type, const char *fmt, ...) {
  struct strbuf m = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&m, fmt, ap);
  va_end(ap);
  notify(s, method, json_pack("{s:i,s:o}", "type", type, "message", json_text(sb_cstr(&m))));
  sb_release(&m);
}
#define log_msg(s, type, ...) say((s), "window/logMessage", (type), __VA_ARGS__)
#define show_msg(s, type, ...) say((s), "window/showMessage", (type), __VA_ARGS__)

/* ---- documents and their state ---- */

static struct doc_state *state(const struct doc *d) { return d->state; }

static void state_free(struct doc *d) {
  struct doc_state *st = d->state;
  if (!st)
    return;
  json_decref(st->worker);
  json_decref(st->lsp);
  json_decref(st->extra);
  free(st);
  d->state = NULL;
}

/* analysable: a C or C++ file (by extension, or by the client's language id for an unnamed
 * extension), on disk or not. */
static bool analysable(const struct doc *d) {
  if (!d->path)
    return false;
  if (sources_is_source(d->path))
    return true;
  static const char *const ids[] = {"c", "cpp", "cuda-cpp", "objective-c", "objective-cpp", NULL};
  for (const char *const *i = ids; *i; i++)
    if (strcmp(d->language, *i) == 0)
      return true;
  return false;
}

static bool is_config_name(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return strcmp(base, ".vtasklint.yaml") == 0 || strcmp(base, "compile_commands.json") == 0;
}

static void touch(struct server *s, struct doc *d, double delay) {
  struct doc_state *st = state(d);
  st->rev = ++s->revs;
  st->dirty = analysable(d);
  st->due = sup_now() + delay;
}

/* all_diagnostics: what is shown for d: its findings' diagnostics, then vtasklint's own. */
static json_t *all_diagnostics(const struct doc *d) {
  struct doc_state *st = state(d);
  json_t *all = json_array();
  if (st->lsp)
    json_array_extend(all, st->lsp);
  if (st->extra)
    json_array_extend(all, st->extra);
  return all;
}

/* config_diagnostics: for a configuration file's URI, its error as a diagnostic (or none). */
static json_t *config_diagnostics(struct server *s, const char *path);

static void answer_pull(struct server *s, struct pull *p) {
  struct doc *d = docs_find(&s->docs, p->uri);
  json_t *items;
  json_t *rid = NULL;
  if (d && state(d)->result_rev) {
    items = all_diagnostics(d);
    struct strbuf r = STRBUF_INIT;
    sb_addf(&r, "%lld", state(d)->result_rev);
    rid = json_string(sb_cstr(&r));
    sb_release(&r);
  } else {
    char *path = uri_to_path(p->uri);
    items = path ? config_diagnostics(s, path) : json_array();
    free(path);
  }
  json_t *res = json_pack("{s:s,s:o}", "kind", "full", "items", items);
  if (rid)
    json_object_set_new(res, "resultId", rid);
  respond(s, p->id, res);
}

/* publish: the document's diagnostics go out: pushed, or as the answer to pending pulls. */
static void publish(struct server *s, struct doc *d) {
  if (!s->pull) {
    json_t *p = json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version", (json_int_t)d->version, "diagnostics",
                          all_diagnostics(d));
    notify(s, "textDocument/publishDiagnostics", p);
    return;
  }
  for (size_t i = 0; i < s->npulls;) {
    if (strcmp(s->pulls[i].uri, d->uri) == 0) {
      answer_pull(s, &s->pulls[i]);
      json_decref(s->pulls[i].id);
      free(s->pulls[i].uri);
      s->pulls[i] = s->pulls[--s->npulls];
    } else
      i++;
  }
}

/* ---- configuration errors ---- */

/* split_located: "PATH:LINE:COL: error: MESSAGE" -> its parts (path heap-allocated). */
static bool split_located(const char *line, char **path, unsigned *l, unsigned *c) {
  for (const char *p = strchr(line, ':'); p; p = strchr(p + 1, ':')) {
    unsigned a, b;
    int used = 0;
    if (sscanf(p, ":%u:%u: %n", &a, &b, &used) == 2 && used > 0) {
      *path = strndup(line, (size_t)(p - line));
      *l = a;
      *c = b;
      return true;
    }
  }
  return false;
}

static json_t *config_diagnostics(struct server *s, const char *path) {
  json_t *out = json_array();
  for (size_t i = 0; i < s->ncerrs; i++) {
    if (strcmp(s->cerrs[i].path, path) != 0)
      continue;
    char *p;
    unsigned l, c;
    if (!split_located(s->cerrs[i].line, &p, &l, &c))
      continue;
    free(p);
    struct strbuf text = STRBUF_INIT;
    struct doc *open = NULL;
    for (size_t k = 0; k < s->docs.n && !open; k++)
      if (s->docs.v[k]->path && strcmp(s->docs.v[k]->path, path) == 0)
        open = s->docs.v[k];
    if (open)
      sb_add(&text, sb_cstr(&open->text), open->text.len);
    else if (sb_read_file(&text, path) != 0)
      sb_reset(&text);
    const char *msg = strstr(s->cerrs[i].line, ": error: ");
    json_array_append_new(out, conv_message_diagnostic(sb_cstr(&text), text.len, l, c, s->enc, 1,
                                                       msg ? msg + 9 : s->cerrs[i].line));
    sb_release(&text);
  }
  return out;
}

static void publish_config(struct server *s, const char *path) {
  char *uri = uri_from_path(path);
  notify(s, "textDocument/publishDiagnostics",
         json_pack("{s:s,s:o}", "uri", uri, "diagnostics", config_diagnostics(s, path)));
  free(uri);
}

/* config_error: a unit's configuration is malformed: said once (window/showMessage) and shown
 * on the configuration file; the unit itself is not analysed (as the CLI, which fails it). */
static void config_error(struct server *s, struct doc *d, const char *line) {
  char *path = NULL;
  unsigned l, c;
  if (!split_located(line, &path, &l, &c))
    path = strdup("");
  bool known = false;
  for (size_t i = 0; i < s->ncerrs && !known; i++)
    known = strcmp(s->cerrs[i].line, line) == 0;
  if (!known) {
    s->cerrs = realloc(s->cerrs, sizeof *s->cerrs * (s->ncerrs + 1));
    s->cerrs[s->ncerrs].path = strdup(path);
    s->cerrs[s->ncerrs].line = strdup(line);
    s->ncerrs++;
    show_msg(s, MSG_ERROR, "vtasklint: %s", line);
    if (*path)
      publish_config(s, path);
  }
  struct strbuf m = STRBUF_INIT;
  sb_addf(&m, "not analysed: its configuration '%s' is malformed (%s)", path, line);
  struct doc_state *st = state(d);
  json_array_append_new(st->extra,
                        conv_message_diagnostic(sb_cstr(&d->text), d->text.len, 1, 1, s->enc, 1, sb_cstr(&m)));
  sb_release(&m);
  free(path);
}

/* reload: a configuration file or a compilation database changed: everything is read again
 * and every open document analysed again. */
static void reload(struct server *s) {
  sup_reload(s->sup);
  struct config_error *old = s->cerrs;
  size_t n = s->ncerrs;
  s->cerrs = NULL;
  s->ncerrs = 0;
  for (size_t i = 0; i < n; i++) {
    bool again = false;
    for (size_t k = 0; k < i; k++)
      again = again || strcmp(old[k].path, old[i].path) == 0;
    if (!again && *old[i].path)
      publish_config(s, old[i].path); /* now empty */
  }
  for (size_t i = 0; i < n; i++) {
    free(old[i].path);
    free(old[i].line);
  }
  free(old);
  for (size_t i = 0; i < s->docs.n; i++)
    touch(s, s->docs.v[i], 0);
  if (s->pull && s->refresh)
    request(s, "workspace/diagnostic/refresh", NULL);
}

/* ---- the worker's answers ---- */

static void take_answer(struct server *s, json_t *a) {
  json_t *log = json_object_get(a, "log");
  size_t i;
  json_t *line;
  json_array_foreach(log, i, line) {
    const char *l = json_string_value(line);
    if (l)
      log_msg(s, strstr(l, ": error: ") ? MSG_ERROR : strstr(l, "warning: ") ? MSG_WARNING : MSG_INFO, "%s", l);
  }
  struct doc *d = s->flight_uri ? docs_find(&s->docs, s->flight_uri) : NULL;
  bool stale = !d || state(d)->rev != s->flight_rev;
  const json_t *tm = json_object_get(a, "timing");
  if (s->trace && tm) {
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "analysed %s version %lld%s: %s %.1f ms, analysis %.1f ms (CPU %.1f ms)",
            json_string_value(json_object_get(a, "path")), (long long)json_integer_value(json_object_get(a, "version")),
            stale ? " (stale: dropped)" : "", json_is_true(json_object_get(tm, "reparsed")) ? "reparse" : "parse",
            json_real_value(json_object_get(tm, "parse_ms")), json_real_value(json_object_get(tm, "analysis_ms")),
            json_real_value(json_object_get(tm, "cpu_ms")));
    notify(s, "$/logTrace", json_pack("{s:o}", "message", json_text(sb_cstr(&m))));
    sb_release(&m);
  }
  if (stale)
    return; /* closed, or changed since: the answer is stale; a newer analysis follows */
  struct doc_state *st = state(d);
  json_decref(st->worker);
  json_decref(st->lsp);
  json_decref(st->extra);
  st->worker = json_array();
  st->lsp = json_array();
  st->extra = json_array();
  st->result_rev = st->rev;
  json_t *diags = json_object_get(a, "diags");
  json_t *w;
  json_array_foreach(diags, i, w) {
    json_array_append(st->worker, w);
    json_array_append_new(st->lsp, conv_diagnostic(w, d, &s->docs, s->enc, s->related));
  }
  const char *cerr = json_string_value(json_object_get(a, "config_error"));
  if (cerr)
    config_error(s, d, cerr);
  const char *err = json_string_value(json_object_get(a, "error"));
  if (err) {
    log_msg(s, MSG_ERROR, "vtasklint: error: cannot analyse '%s': %s", d->path, err);
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "vtasklint could not analyse this file: %s", err);
    json_array_append_new(st->extra,
                          conv_message_diagnostic(sb_cstr(&d->text), d->text.len, 1, 1, s->enc, 1, sb_cstr(&m)));
    sb_release(&m);
  }
  publish(s, d);
}

/* lost: the worker crashed or hung on the analysis in flight. That analysis is given up (the
 * document keeps what it showed); the document is analysed again at its next change, by a new
 * worker. Pending pulls get what there is. */
static void lost(struct server *s, const char *why) {
  struct doc *d = s->flight_uri ? docs_find(&s->docs, s->flight_uri) : NULL;
  log_msg(s, MSG_ERROR, "vtasklint: the analysis of '%s' was lost: %s; it is tried again after the next edit",
          d && d->path ? d->path : s->flight_uri ? s->flight_uri : "?", why);
  if (d && s->pull)
    publish(s, d);
}

/* schedule: when the worker is idle, the due document waiting longest goes to it. */
static void schedule(struct server *s, double now) {
  if (sup_busy(s->sup))
    return;
  struct doc *best = NULL;
  for (size_t i = 0; i < s->docs.n; i++) {
    struct doc_state *st = state(s->docs.v[i]);
    if (st->dirty && st->due <= now && (!best || st->due < state(best)->due))
      best = s->docs.v[i];
  }
  if (!best)
    return;
  struct doc_state *st = state(best);
  st->dirty = false;
  free(s->flight_uri);
  s->flight_uri = strdup(best->uri);
  s->flight_rev = st->rev;
  struct strbuf why = STRBUF_INIT;
  /* Other files edited and not saved (a header being changed): the unit sees their text. */
  json_t *unsaved = json_array();
  for (size_t i = 0; i < s->docs.n; i++) {
    struct doc *o = s->docs.v[i];
    if (o != best && o->path && state(o)->unsaved && analysable(o))
      json_array_append_new(unsaved, json_pack("{s:s,s:s%}", "path", o->path, "text", sb_cstr(&o->text), o->text.len));
  }
  if (!sup_analyze(s->sup, ++s->seqs, best->path, best->version, sb_cstr(&best->text), best->text.len, unsaved,
                   &why))
    lost(s, sb_cstr(&why));
  sb_release(&why);
}

/* next_wait: milliseconds poll may sleep: until the next due document or the worker's
 * deadline (-1: until input). */
static int next_wait(struct server *s, double now) {
  int ms = sup_wait_ms(s->sup, now);
  if (!sup_busy(s->sup))
    for (size_t i = 0; i < s->docs.n; i++) {
      struct doc_state *st = state(s->docs.v[i]);
      if (!st->dirty)
        continue;
      int w = st->due <= now ? 0 : (int)((st->due - now) * 1000) + 1;
      if (ms < 0 || w < ms)
        ms = w;
    }
  return ms;
}

/* ---- the lifecycle ---- */

static const json_t *path_get(const json_t *o, const char *a, const char *b) {
  const json_t *x = json_object_get(o, a);
  return b ? json_object_get(x, b) : x;
}

static void on_initialize(struct server *s, const json_t *id, const json_t *params) {
  const json_t *caps = json_object_get(params, "capabilities");
  s->enc = pos_encoding_choose(path_get(path_get(caps, "general", NULL), "positionEncodings", NULL));
  const json_t *td = json_object_get(caps, "textDocument");
  s->pull = json_is_object(json_object_get(td, "diagnostic"));
  s->related = json_is_true(path_get(td, "publishDiagnostics", "relatedInformation"));
  const json_t *ws = json_object_get(caps, "workspace");
  s->refresh = json_is_true(path_get(ws, "diagnostics", "refreshSupport"));
  s->watch_dynamic = json_is_true(path_get(ws, "didChangeWatchedFiles", "dynamicRegistration"));
  const char *trace = json_string_value(json_object_get(params, "trace"));
  s->trace = trace && strcmp(trace, "off") != 0;
  s->phase = PHASE_RUNNING;
  json_t *sync = json_pack("{s:b,s:i,s:{s:b}}", "openClose", 1, "change", 2, "save", "includeText", 0);
  json_t *c = json_pack("{s:s,s:o,s:{s:[s]}}", "positionEncoding", pos_encoding_name(s->enc), "textDocumentSync",
                        sync, "codeActionProvider", "codeActionKinds", "quickfix");
  if (s->pull)
    json_object_set_new(c, "diagnosticProvider",
                        json_pack("{s:s,s:b,s:b}", "identifier", "vtasklint", "interFileDependencies", 1,
                                  "workspaceDiagnostics", 0));
  respond(s, id,
          json_pack("{s:o,s:{s:s,s:s}}", "capabilities", c, "serverInfo", "name", "vtasklint", "version", VTL_VERSION));
}

static void on_initialized(struct server *s) {
  if (!s->watch_dynamic)
    return;
  /* The configuration and the compilation databases: reloaded when they change. */
  json_t *watchers = json_pack("[{s:s},{s:s}]", "globPattern", "**/.vtasklint.yaml", "globPattern",
                               "**/compile_commands.json");
  json_t *reg = json_pack("{s:[{s:s,s:s,s:{s:o}}]}", "registrations", "id", "vtasklint-watch", "method",
                          "workspace/didChangeWatchedFiles", "registerOptions", "watchers", watchers);
  request(s, "client/registerCapability", reg);
}

/* ---- documents ---- */

static struct doc *doc_of(struct server *s, const json_t *params, const char *method) {
  const char *uri = json_string_value(path_get(params, "textDocument", "uri"));
  struct doc *d = uri ? docs_find(&s->docs, uri) : NULL;
  if (!d)
    log_msg(s, MSG_ERROR, "vtasklint: %s for %s, which is not open; ignored", method,
            uri ? uri : "a document without a URI");
  return d;
}

static void on_did_open(struct server *s, const json_t *params) {
  const json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  const json_t *text = json_object_get(td, "text");
  if (!uri || !json_is_string(text)) {
    log_msg(s, MSG_ERROR, "vtasklint: textDocument/didOpen without uri or text; ignored");
    return;
  }
  struct doc *old;
  struct doc *d = docs_open(&s->docs, uri, json_string_value(json_object_get(td, "languageId")),
                            json_integer_value(json_object_get(td, "version")), json_string_value(text),
                            json_string_length(text), &old);
  if (old) {
    state_free(old);
    doc_free(old);
  }
  d->state = calloc(1, sizeof(struct doc_state));
  touch(s, d, 0);
}

static void on_did_change(struct server *s, const json_t *params) {
  struct doc *d = doc_of(s, params, "textDocument/didChange");
  if (!d)
    return;
  const json_t *v = path_get(params, "textDocument", "version");
  if (json_is_integer(v)) {
    json_int_t nv = json_integer_value(v);
    if (nv <= d->version)
      log_msg(s, MSG_WARNING,
              "vtasklint: textDocument/didChange for %s: version %lld does not follow %lld; the change is applied "
              "as the client's latest text",
              d->uri, (long long)nv, d->version);
    d->version = nv;
  }
  const json_t *changes = json_object_get(params, "contentChanges");
  size_t i;
  json_t *c;
  json_array_foreach(changes, i, c) {
    struct strbuf why = STRBUF_INIT;
    if (doc_apply_change(d, c, s->enc, &why) != 0)
      log_msg(s, MSG_ERROR, "vtasklint: textDocument/didChange for %s: %s; that change is ignored", d->uri,
              sb_cstr(&why));
    sb_release(&why);
  }
  state(d)->unsaved = true;
  touch(s, d, s->o->debounce);
}

static void on_did_save(struct server *s, const json_t *params) {
  struct doc *d = doc_of(s, params, "textDocument/didSave");
  if (!d)
    return;
  state(d)->unsaved = false;
  if (d->path && is_config_name(d->path)) {
    reload(s);
    return;
  }
  /* A saved header changes what the other open files see. */
  static const char *const headers[] = {"h", "hh", "hpp", "hxx", NULL};
  if (d->path && path_has_ext(d->path, headers))
    for (size_t i = 0; i < s->docs.n; i++)
      if (s->docs.v[i] != d)
        touch(s, s->docs.v[i], s->o->debounce);
}

static void on_did_close(struct server *s, const json_t *params) {
  struct doc *d = doc_of(s, params, "textDocument/didClose");
  if (!d)
    return;
  if (!s->pull)
    notify(s, "textDocument/publishDiagnostics", json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
  if (d->path && analysable(d))
    sup_close(s->sup, d->path);
  docs_remove(&s->docs, d);
  struct doc_state *st = state(d);
  st->result_rev = 0;
  for (size_t i = 0; i < s->npulls;) {
    if (strcmp(s->pulls[i].uri, d->uri) == 0) {
      respond(s, s->pulls[i].id, json_pack("{s:s,s:[]}", "kind", "full", "items"));
      json_decref(s->pulls[i].id);
      free(s->pulls[i].uri);
      s->pulls[i] = s->pulls[--s->npulls];
    } else
      i++;
  }
  state_free(d);
  doc_free(d);
}

static void on_pull(struct server *s, const json_t *id, const json_t *params) {
  const char *uri = json_string_value(path_get(params, "textDocument", "uri"));
  if (!uri) {
    respond_error(s, id, ERR_INVALID_PARAMS, "textDocument/diagnostic without textDocument.uri");
    return;
  }
  struct doc *d = docs_find(&s->docs, uri);
  struct pull p = {json_deep_copy(id), strdup(uri)};
  /* Answered now when the findings are of the current text, else when they are. */
  if (!d || !analysable(d) || (state(d)->result_rev == state(d)->rev)) {
    const char *prev = json_string_value(json_object_get(params, "previousResultId"));
    char cur[32];
    snprintf(cur, sizeof cur, "%lld", d ? state(d)->result_rev : 0);
    if (d && state(d)->result_rev && prev && strcmp(prev, cur) == 0)
      respond(s, id, json_pack("{s:s,s:s}", "kind", "unchanged", "resultId", cur));
    else
      answer_pull(s, &p);
    json_decref(p.id);
    free(p.uri);
    return;
  }
  if (s->npulls == s->cpulls) {
    s->cpulls = s->cpulls ? s->cpulls * 2 : 4;
    s->pulls = realloc(s->pulls, sizeof *s->pulls * s->cpulls);
  }
  s->pulls[s->npulls++] = p;
}

static void on_cancel(struct server *s, const json_t *params) {
  const json_t *id = json_object_get(params, "id");
  for (size_t i = 0; id && i < s->npulls; i++)
    if (json_equal(s->pulls[i].id, id)) {
      respond_error(s, s->pulls[i].id, ERR_REQUEST_CANCELLED, "cancelled");
      json_decref(s->pulls[i].id);
      free(s->pulls[i].uri);
      s->pulls[i] = s->pulls[--s->npulls];
      return;
    }
}

static void on_code_action(struct server *s, const json_t *id, const json_t *params) {
  const char *uri = json_string_value(path_get(params, "textDocument", "uri"));
  unsigned l1, c1, l2, c2;
  const json_t *range = json_object_get(params, "range");
  if (!uri || !json_position(json_object_get(range, "start"), &l1, &c1) ||
      !json_position(json_object_get(range, "end"), &l2, &c2)) {
    respond_error(s, id, ERR_INVALID_PARAMS, "textDocument/codeAction needs textDocument.uri and range");
    return;
  }
  struct doc *d = docs_find(&s->docs, uri);
  /* Only actions on findings of the text as it is: positions of an older text would land
   * elsewhere. */
  if (!d || state(d)->result_rev != state(d)->rev || !state(d)->worker) {
    respond(s, id, json_array());
    return;
  }
  const json_t *only = path_get(params, "context", "only");
  bool quickfix = !json_array_size(only);
  size_t i;
  json_t *k;
  json_array_foreach(only, i, k) {
    const char *kind = json_string_value(k);
    quickfix = quickfix || (kind && (strcmp(kind, "quickfix") == 0 || strcmp(kind, "") == 0));
  }
  if (!quickfix) {
    respond(s, id, json_array());
    return;
  }
  respond(s, id, actions_for(d, state(d)->worker, state(d)->lsp, l1, l2 < l1 ? l1 : l2, s->enc));
}

static void on_watched(struct server *s, const json_t *params) {
  const json_t *changes = json_object_get(params, "changes");
  size_t i;
  json_t *c;
  bool any = false;
  json_array_foreach(changes, i, c) {
    char *path = uri_to_path(json_string_value(json_object_get(c, "uri")));
    any = any || (path && is_config_name(path));
    free(path);
  }
  if (any)
    reload(s);
}

/* ---- dispatch ---- */

static bool valid_id(const json_t *id) { return json_is_integer(id) || json_is_string(id); }

static void dispatch(struct server *s, const char *method, const json_t *id, const json_t *params) {
  bool req = id != NULL;
  if (strcmp(method, "initialize") == 0) {
    if (!req)
      return;
    if (s->phase != PHASE_NEW)
      respond_error(s, id, ERR_INVALID_REQUEST, "initialize was already received");
    else
      on_initialize(s, id, params);
    return;
  }
  if (strcmp(method, "exit") == 0) {
    s->exit_code = s->phase == PHASE_SHUT ? 0 : 1;
    s->done = true;
    return;
  }
  if (s->phase == PHASE_NEW) {
    if (req)
      respond_error(s, id, ERR_NOT_INITIALIZED, "the server is not initialized: '%s' before 'initialize'", method);
    return; /* notifications before initialize are dropped, as the protocol says */
  }
  if (s->phase == PHASE_SHUT) {
    if (req)
      respond_error(s, id, ERR_INVALID_REQUEST, "the server is shut down: '%s' after 'shutdown'", method);
    return;
  }
  if (req) {
    if (strcmp(method, "shutdown") == 0) {
      s->phase = PHASE_SHUT;
      respond(s, id, NULL);
    } else if (strcmp(method, "textDocument/diagnostic") == 0)
      on_pull(s, id, params);
    else if (strcmp(method, "textDocument/codeAction") == 0)
      on_code_action(s, id, params);
    else
      respond_error(s, id, ERR_METHOD_NOT_FOUND, "vtasklint does not answer '%s'", method);
    return;
  }
  if (strcmp(method, "initialized") == 0)
    on_initialized(s);
  else if (strcmp(method, "textDocument/didOpen") == 0)
    on_did_open(s, params);
  else if (strcmp(method, "textDocument/didChange") == 0)
    on_did_change(s, params);
  else if (strcmp(method, "textDocument/didSave") == 0)
    on_did_save(s, params);
  else if (strcmp(method, "textDocument/didClose") == 0)
    on_did_close(s, params);
  else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0)
    on_watched(s, params);
  else if (strcmp(method, "$/cancelRequest") == 0)
    on_cancel(s, params);
  else if (strcmp(method, "$/setTrace") == 0) {
    const char *v = json_string_value(json_object_get(params, "value"));
    s->trace = v && strcmp(v, "off") != 0;
  }
  /* other notifications ($/setTrace, workspace/didChangeConfiguration, ...) need nothing */
}

static void handle(struct server *s, const char *body, size_t len) {
  json_error_t je;
  json_t *m = json_loadb(body, len, JSON_ALLOW_NUL, &je);
  if (!m) {
    respond_error(s, NULL, ERR_PARSE, "invalid JSON: %s (line %d, column %d)", je.text, je.line, je.column);
    return;
  }
  const json_t *id = json_object_get(m, "id");
  const json_t *method = json_object_get(m, "method");
  if (!json_is_object(m)) {
    respond_error(s, NULL, ERR_INVALID_REQUEST, "a message must be a JSON object");
  } else if (!method && id && (json_object_get(m, "result") || json_object_get(m, "error"))) {
    /* an answer to one of our requests (registerCapability, refresh): nothing to do */
  } else if (!json_is_string(method)) {
    respond_error(s, valid_id(id) ? id : NULL, ERR_INVALID_REQUEST, "a message without a method");
  } else if (id && !valid_id(id)) {
    respond_error(s, NULL, ERR_INVALID_REQUEST, "a request id must be a number or a string");
  } else {
    const json_t *params = json_object_get(m, "params");
    /* `"params": null` is read as no params: JSON-RPC 2.0 allows only an object or an array,
     * but clients send null for the parameterless shutdown and exit, and refusing an exit
     * leaves the server running after its editor quit. */
    if (json_is_null(params))
      params = NULL;
    if (params && !json_is_object(params) && !json_is_array(params))
      respond_error(s, id, ERR_INVALID_REQUEST, "params must be an object or an array");
    else
      dispatch(s, json_string_value(method), id, params);
  }
  json_decref(m);
}

static void read_input(struct server *s, bool *eof) {
  char chunk[65536];
  ssize_t n = read(s->in, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return;
  if (n <= 0) {
    *eof = true;
    return;
  }
  rpc_feed(&s->rd, chunk, (size_t)n);
  const char *body;
  size_t len;
  enum rpc_status st;
  while (!s->done && (st = rpc_next(&s->rd, &body, &len)) != RPC_NEED_MORE) {
    if (st == RPC_MESSAGE)
      handle(s, body, len);
    else {
      /* the id is unknown: null, as JSON-RPC says */
      respond_error(s, NULL, st == RPC_TOO_LARGE ? ERR_INVALID_REQUEST : ERR_PARSE, "%s; skipped", rpc_why(&s->rd));
      log_msg(s, MSG_ERROR, "vtasklint: %s; skipped", rpc_why(&s->rd));
    }
  }
}

int lsp_serve(int in_fd, int out_fd, const struct lsp_opts *o) {
  struct server s;
  memset(&s, 0, sizeof s);
  s.o = o;
  s.in = in_fd;
  s.out = out_fd;
  s.exit_code = 1;
  rpc_reader_init(&s.rd, o->max_body);
  docs_init(&s.docs);
  s.sup = sup_new(&o->worker, o->timeout);
  signal(SIGPIPE, SIG_IGN);
  bool eof = false;
  while (!s.done && !eof) {
    double now = sup_now();
    schedule(&s, now);
    struct pollfd fds[2] = {{s.in, POLLIN, 0}, {sup_fd(s.sup), POLLIN, 0}};
    int rc = poll(fds, fds[1].fd >= 0 ? 2 : 1, next_wait(&s, now));
    if (rc < 0 && errno != EINTR)
      break;
    now = sup_now();
    if (fds[1].fd >= 0 && ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) || (sup_busy(s.sup) && sup_wait_ms(s.sup, now) == 0))) {
      json_t *answer;
      struct strbuf why = STRBUF_INIT;
      enum sup_event ev = sup_step(s.sup, now, &answer, &why);
      if (ev == SUP_ANSWER)
        take_answer(&s, answer);
      else if (ev == SUP_LOST)
        lost(&s, sb_cstr(&why));
      json_decref(answer);
      sb_release(&why);
    }
    if (rc > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
      read_input(&s, &eof);
  }
  sup_free(s.sup);
  for (size_t i = 0; i < s.docs.n; i++)
    state_free(s.docs.v[i]);
  docs_release(&s.docs);
  for (size_t i = 0; i < s.npulls; i++) {
    json_decref(s.pulls[i].id);
    free(s.pulls[i].uri);
  }
  free(s.pulls);
  for (size_t i = 0; i < s.ncerrs; i++) {
    free(s.cerrs[i].path);
    free(s.cerrs[i].line);
  }
  free(s.cerrs);
  free(s.flight_uri);
  rpc_reader_release(&s.rd);
  return s.exit_code;
}
