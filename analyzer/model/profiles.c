/* profiles.c: the profile records (spec sections 2 and 3). One record per library: its types
 * with their per-rule behaviour, its free functions and methods with their roles, and the
 * words its diagnostics use. Data only; model.c reads it. The first record is the language
 * itself (std::move, __builtin_expect, the functions that never return, the coroutine
 * protocol's members): always on, not configurable. The last is `custom`, the profile of
 * annotated and configured types. Adding a profile is one record here. */
#include <string.h>

#include "analyzer/model/model_int.h"

/* ---- words ---- */

static const struct vwords w_vtask = {
    .noun = "vtask",
    .a_noun = "a vtask",
    .once = "a vtask may be consumed only once",
    .reuse = "its operation's source may already be reused",
    .dropped = "its operation is never awaited and its result never taken",
};
static const struct vwords w_future = {
    .noun = "std::future",
    .a_noun = "a std::future",
    .label = "std::future",
    .once = "a std::future's result may be taken only once",
    .reuse = "a consumed std::future has no shared state",
    .dropped = "its result is never taken",
};
static const struct vwords w_awaitable = {
    .noun = "awaitable",
    .a_noun = "an awaitable",
    .label = "awaitable",
    .once = "an awaitable may be awaited only once",
    .reuse = "a consumed awaitable no longer owns its coroutine",
    .dropped = "its coroutine never runs",
};
static const struct vwords w_lazy = {
    .noun = "Lazy",
    .a_noun = "a Lazy",
    .label = "Lazy",
    .once = "a Lazy may be awaited only once",
    .reuse = "a consumed Lazy no longer owns its coroutine",
    .dropped = "its coroutine never runs",
};
static const struct vwords w_result = {
    .noun = "result",
    .a_noun = "a result",
    .label = "result",
    .once = "a result may be consumed only once",
    .reuse = "a consumed result is empty",
    .dropped = "its value is never taken",
};
static const struct vwords w_folly_task = {
    .noun = "task",
    .a_noun = "a task",
    .label = "task",
    .once = "a folly::coro::Task may be consumed only once",
    .reuse = "a consumed task no longer owns its coroutine",
    .dropped = "its coroutine never runs",
};
static const struct vwords w_folly_future = {
    .noun = "future",
    .a_noun = "a future",
    .label = "future",
    .once = "a folly future may be consumed only once",
    .reuse = "a consumed future is invalid",
    .dropped = "its result is never taken",
};
/* cppcoro and libcoro: a completed task may be awaited again; what ends it is a move. */
static const struct vwords w_task = {
    .noun = "task",
    .a_noun = "a task",
    .label = "task",
    .once = "a task that was moved from is empty",
    .reuse = "a task that was moved from is empty",
    .dropped = "its coroutine never runs",
};
static const struct vwords w_thread = {
    .noun = "thread",
    .a_noun = "a thread",
    .label = "thread",
    .once = "a thread may be joined or detached only once",
    .reuse = "once joined, its ID may already name another thread",
    .dropped = "it is never joined",
};
static const struct vwords w_handle = {
    .noun = "handle",
    .a_noun = "a handle",
    .label = "handle",
    .once = "a handle may be closed only once",
    .reuse = "a closed handle may already be freed",
    .dropped = "it is never closed",
    .early_free = "libuv lets a handle's memory go only in its close callback or after it ran",
};

/* ---- the language and its standard library (always on) ---- */

static const struct role_entry lang_functions[] = {
    {"std::move", ROLE_MOVE, 0, 0, NULL, NULL},
    {"std::forward", ROLE_MOVE, 0, 0, NULL, NULL},
    /* likely()/unlikely(): the condition is the first argument */
    {"__builtin_expect", ROLE_NONE, -1, RF_CONDITION_ARG, NULL, NULL},
    {"__builtin_expect_with_probability", ROLE_NONE, -1, RF_CONDITION_ARG, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* Functions that never return, by name, for declarations that do not say so themselves. */
static const char *const lang_noreturns[] = {
    "abort", "exit", "_Exit", "quick_exit", "_exit", "__assert_fail", "__assert_perror_fail",
    "__assert_rtn", "__assert", "_assert", "longjmp", "siglongjmp", "_longjmp", "__longjmp_chk",
    "__builtin_unreachable", "__builtin_trap", "__builtin_abort", "pthread_exit", "thrd_exit",
    "err", "errx", "verr", "verrx", "std::terminate", "std::abort", "std::exit", "std::_Exit",
    "std::quick_exit", "std::unreachable", "std::rethrow_exception", "std::__throw_logic_error",
    NULL,
};

/* The coroutine protocol: an awaiter, a type with operator co_await, a promise type. */
static const char *const lang_carriers[] = {
    "await_ready", "await_suspend", "await_resume", "operator co_await",
    "get_return_object", "initial_suspend", "final_suspend", NULL,
};

/* ---- vtask: the reference API (spec section 2) ---- */

static const struct type_entry vtask_types[] = {
    {"vtask", DA_ERROR, false, true, true, false, false, NULL},
    {"vt::vtask", DA_ERROR, false, true, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry vtask_functions[] = {
    {"vtask_await", ROLE_AWAIT, 0, 0, NULL, NULL},
    {"vtask_get_result", ROLE_GET_RESULT, 0, 0, NULL, NULL},
    {"vtask_is_completed", ROLE_QUERY, 0, 0, NULL, NULL},
    {"vtask_is_completed_successfully", ROLE_QUERY, 0, 0, NULL, NULL},
    {"vtask_is_faulted", ROLE_QUERY, 0, 0, NULL, NULL},
    {"vtask_is_canceled", ROLE_QUERY, 0, 0, NULL, NULL},
    {"vtask_as_task", ROLE_TRANSFER, 0, 0, NULL, NULL},
    {"vtask_from_result", ROLE_CREATE_COMPLETED, -1, 0, NULL, NULL},
    {"vtask_completed", ROLE_CREATE_COMPLETED, -1, 0, NULL, NULL},
    {"vt::from_result", ROLE_CREATE_COMPLETED, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const struct role_entry vtask_methods[] = {
    {"is_completed", ROLE_QUERY, -1, 0, NULL, NULL},
    {"is_completed_successfully", ROLE_QUERY, -1, 0, NULL, NULL},
    {"is_faulted", ROLE_QUERY, -1, 0, NULL, NULL},
    {"is_canceled", ROLE_QUERY, -1, 0, NULL, NULL},
    {"get_result", ROLE_GET_RESULT, -1, 0, NULL, NULL},
    {"as_task", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* ---- std-future ---- */

/* A dropped std::future does not matter, except std::async's: its destructor blocks. */
static const struct type_entry future_types[] = {
    {"std::future", DA_ERROR, true, false, false, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry future_functions[] = {
    {"std::async", ROLE_NONE, -1, RF_DROP_REPORTED, NULL,
     "its destructor waits for the call to finish, so the call runs synchronously"},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const struct role_entry future_methods[] = {
    {"get", ROLE_WAIT, -1, RF_CONSUMES, "consumed by get()", NULL},
    {"share", ROLE_TRANSFER, -1, 0, "consumed by share()", NULL},
    {"wait", ROLE_WAIT, -1, 0, NULL, NULL},
    {"wait_for", ROLE_WAIT, -1, RF_POLL_IF_ZERO, NULL, NULL},
    {"wait_until", ROLE_WAIT, -1, 0, NULL, NULL},
    {"valid", ROLE_LIVENESS, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
/* std::shared_future and the like are never tracked, but they still block. */
static const char *const future_waits[] = {
    "std::shared_future::get", "std::shared_future::wait", "std::shared_future::wait_for",
    "std::shared_future::wait_until", "std::__basic_future::wait", "std::__basic_future::wait_for",
    "std::__basic_future::wait_until", "std::future::get", "std::future::wait", "std::future::wait_for",
    "std::future::wait_until", NULL,
};

/* ---- asio ---- */

static const struct type_entry asio_types[] = {
    {"asio::awaitable", DA_ERROR, false, true, true, false, false, NULL},
    {"boost::asio::awaitable", DA_ERROR, false, true, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};

/* ---- async-simple ---- */

static const struct type_entry async_simple_types[] = {
    {"async_simple::coro::Lazy", DA_ERROR, false, true, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry async_simple_functions[] = {
    {"async_simple::coro::syncAwait", ROLE_WAIT, 0, RF_CONSUMES, "consumed by syncAwait()", NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const struct role_entry async_simple_methods[] = {
    {"via", ROLE_TRANSFER, -1, 0, "consumed by via()", NULL},
    {"start", ROLE_TRANSFER, -1, 0, "consumed by start()", NULL},
    {"isReady", ROLE_QUERY, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const char *const async_simple_carriers[] = {"coAwait", NULL};

/* ---- concurrencpp ---- */

static const struct type_entry concurrencpp_types[] = {
    {"concurrencpp::result", DA_ERROR, true, false, true, false, false, NULL},
    {"concurrencpp::lazy_result", DA_ERROR, true, false, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry concurrencpp_methods[] = {
    {"get", ROLE_WAIT, -1, RF_CONSUMES, "consumed by get()", NULL},
    {"wait", ROLE_WAIT, -1, 0, NULL, NULL},
    {"wait_for", ROLE_WAIT, -1, RF_POLL_IF_ZERO, NULL, NULL},
    {"wait_until", ROLE_WAIT, -1, 0, NULL, NULL},
    {"resolve", ROLE_TRANSFER, -1, 0, "consumed by resolve()", NULL},
    {"run", ROLE_TRANSFER, -1, 0, "consumed by run()", NULL},
    {"status", ROLE_QUERY, -1, 0, NULL, NULL},
    {"operator bool", ROLE_LIVENESS, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* ---- folly ---- */

static const struct type_entry folly_types[] = {
    {"folly::coro::Task", DA_ERROR, false, true, true, false, false, &w_folly_task},
    {"folly::SemiFuture", DA_ERROR, true, false, true, false, false, &w_folly_future},
    {"folly::Future", DA_ERROR, true, false, true, false, false, &w_folly_future},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry folly_functions[] = {
    {"folly::coro::blockingWait", ROLE_WAIT, 0, RF_CONSUMES, "consumed by blockingWait()", NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const struct role_entry folly_methods[] = {
    {"semi", ROLE_TRANSFER, -1, 0, NULL, NULL},      {"scheduleOn", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {"start", ROLE_TRANSFER, -1, 0, NULL, NULL},     {"via", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {"thenValue", ROLE_TRANSFER, -1, 0, NULL, NULL}, {"thenTry", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {"thenError", ROLE_TRANSFER, -1, 0, NULL, NULL}, {"then", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {"ensure", ROLE_TRANSFER, -1, 0, NULL, NULL},    {"onError", ROLE_TRANSFER, -1, 0, NULL, NULL},
    {"value", ROLE_GET_RESULT, -1, 0, NULL, NULL},   {"result", ROLE_GET_RESULT, -1, 0, NULL, NULL},
    {"get", ROLE_WAIT, -1, RF_CONSUMES, "consumed by get()", NULL},
    {"wait", ROLE_WAIT, -1, 0, NULL, NULL},
    {"isReady", ROLE_QUERY, -1, 0, NULL, NULL},      {"hasValue", ROLE_QUERY, -1, 0, NULL, NULL},
    {"hasException", ROLE_QUERY, -1, 0, NULL, NULL}, {NULL, 0, 0, 0, NULL, NULL},
};

/* ---- cppcoro, libcoro ---- */

static const struct type_entry cppcoro_types[] = {
    {"cppcoro::task", DA_AFTER_MOVE, false, true, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry cppcoro_functions[] = {
    {"cppcoro::sync_wait", ROLE_WAIT, 0, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
static const struct role_entry cppcoro_methods[] = {
    {"is_ready", ROLE_QUERY, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

static const struct type_entry libcoro_types[] = {
    {"coro::task", DA_AFTER_MOVE, false, true, true, false, false, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry libcoro_functions[] = {
    {"coro::sync_wait", ROLE_WAIT, 0, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
/* t.promise().result() takes the result, through the promise; t.resume() runs the task by
 * hand (libcoro's own tests drive tasks that way): it is then not a dropped task. */
static const struct role_entry libcoro_methods[] = {
    {"is_ready", ROLE_QUERY, -1, 0, NULL, NULL},
    {"promise", ROLE_PROXY, -1, 0, NULL, NULL},
    {"result", ROLE_GET_RESULT, -1, 0, NULL, NULL},
    {"resume", ROLE_RUN, -1, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* ---- pthread and C11 threads ---- */

/* C handles are matched by their typedef names. After pthread_detach the ID stays valid while
 * the thread runs (POSIX XSH 2.9.2): pthread_cancel, pthread_kill, pthread_equal are fine. */
static const struct type_entry pthread_types[] = {
    {"pthread_t", DA_ERROR, true, false, true, false, true, NULL},
    {"thrd_t", DA_ERROR, true, false, true, false, true, NULL},
    {NULL, 0, false, false, false, false, false, NULL},
};
static const struct role_entry pthread_functions[] = {
    {"pthread_create", ROLE_CREATE_OUT, 0, RF_BY_POINTER, NULL, NULL},
    {"thrd_create", ROLE_CREATE_OUT, 0, RF_BY_POINTER, NULL, NULL},
    {"pthread_join", ROLE_AWAIT, 0, 0, "joined", NULL},
    {"pthread_detach", ROLE_AWAIT, 0, RF_RELEASES, "detached", NULL},
    {"thrd_join", ROLE_AWAIT, 0, 0, "joined", NULL},
    {"thrd_detach", ROLE_AWAIT, 0, RF_RELEASES, "detached", NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* ---- libuv ---- */

#define UV_HANDLE(name) {name, DA_ERROR, true, false, true, true, false, NULL}
static const struct type_entry libuv_types[] = {
    UV_HANDLE("uv_handle_t"),  UV_HANDLE("uv_tcp_t"),     UV_HANDLE("uv_udp_t"),      UV_HANDLE("uv_pipe_t"),
    UV_HANDLE("uv_tty_t"),     UV_HANDLE("uv_stream_t"),  UV_HANDLE("uv_timer_t"),    UV_HANDLE("uv_idle_t"),
    UV_HANDLE("uv_prepare_t"), UV_HANDLE("uv_check_t"),   UV_HANDLE("uv_async_t"),    UV_HANDLE("uv_poll_t"),
    UV_HANDLE("uv_signal_t"),  UV_HANDLE("uv_process_t"), UV_HANDLE("uv_fs_event_t"), UV_HANDLE("uv_fs_poll_t"),
    {NULL, 0, false, false, false, false, false, NULL},
};
#undef UV_HANDLE
#define UV_INIT(name) {name, ROLE_CREATE_OUT, 1, RF_BY_POINTER, NULL, NULL}
static const struct role_entry libuv_functions[] = {
    {"uv_close", ROLE_AWAIT, 0, RF_BY_POINTER, "closed", NULL},
    {"uv_is_closing", ROLE_CLOSED_QUERY, 0, RF_BY_POINTER, NULL, NULL},
    UV_INIT("uv_tcp_init"),     UV_INIT("uv_tcp_init_ex"),  UV_INIT("uv_udp_init"),      UV_INIT("uv_udp_init_ex"),
    UV_INIT("uv_pipe_init"),    UV_INIT("uv_tty_init"),     UV_INIT("uv_timer_init"),    UV_INIT("uv_idle_init"),
    UV_INIT("uv_prepare_init"), UV_INIT("uv_check_init"),   UV_INIT("uv_async_init"),    UV_INIT("uv_poll_init"),
    UV_INIT("uv_poll_init_socket"), UV_INIT("uv_signal_init"), UV_INIT("uv_fs_event_init"), UV_INIT("uv_fs_poll_init"),
    UV_INIT("uv_spawn"),
    /* uv_close only puts the handle on the loop's closing list; the loop runs its close callback
     * on its next turn, and until then the handle stays linked in the loop (uv_loop_close walks
     * it). So its memory may be freed only in the callback, or after uv_run ran (docs of
     * uv_close: "the memory can only be released in close_cb or after it has returned"). */
    {"free", ROLE_FREE, 0, RF_BY_POINTER, "freed", NULL},
    {"uv_run", ROLE_FINISH, 0, 0, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL},
};
#undef UV_INIT

/* Calls during which other code runs and may write the program's structures: another thread
 * the call waits for (it gave s->th a new thread before it signalled), or whose lock it takes
 * (what it wrote under the lock is seen from here), a signal handler raise runs, a library's
 * constructors dlopen runs. Not inert (lower_inert_calls.c). */
static const char *const lang_hands_over[] = {
    "raise", "dlopen", "dlmopen", "dlclose",
    /* a lock's constructor takes it, as pthread_mutex_lock does (below) */
    "std::lock_guard::lock_guard", "std::unique_lock::unique_lock", "std::scoped_lock::scoped_lock",
    "std::shared_lock::shared_lock", NULL};
static const char *const pthread_hands_over[] = {
    "pthread_cond_wait", "pthread_cond_timedwait", "pthread_cond_clockwait", "pthread_barrier_wait",
    "sem_wait",          "sem_timedwait",          "sem_clockwait",          "cnd_wait",
    "cnd_timedwait",     "pthread_mutex_lock",     "pthread_mutex_timedlock", "pthread_mutex_clocklock",
    "pthread_rwlock_rdlock", "pthread_rwlock_wrlock", "mtx_lock",         "mtx_timedlock",
    NULL};

/* ---- the table ---- */

const struct profile model_profiles[] = {
    {.name = NULL, .functions = lang_functions, .noreturns = lang_noreturns, .carrier_members = lang_carriers,
     .hands_over = lang_hands_over},
    {.name = "vtask", .words = &w_vtask, .types = vtask_types, .functions = vtask_functions, .methods = vtask_methods},
    {.name = "std-future", .words = &w_future, .types = future_types, .functions = future_functions,
     .methods = future_methods, .waits = future_waits},
    {.name = "asio", .words = &w_awaitable, .types = asio_types},
    {.name = "async-simple", .words = &w_lazy, .types = async_simple_types, .functions = async_simple_functions,
     .methods = async_simple_methods, .carrier_members = async_simple_carriers},
    {.name = "concurrencpp", .words = &w_result, .types = concurrencpp_types, .methods = concurrencpp_methods},
    {.name = "folly", .words = &w_folly_future, .types = folly_types, .functions = folly_functions,
     .methods = folly_methods},
    {.name = "cppcoro", .words = &w_task, .types = cppcoro_types, .functions = cppcoro_functions,
     .methods = cppcoro_methods},
    {.name = "libcoro", .words = &w_task, .types = libcoro_types, .functions = libcoro_functions,
     .methods = libcoro_methods},
    {.name = "pthread", .words = &w_thread, .types = pthread_types, .functions = pthread_functions,
     .hands_over = pthread_hands_over},
    {.name = "libuv", .words = &w_handle, .types = libuv_types, .functions = libuv_functions},
    /* Annotated types and the configuration's Awaitables: the reference API's words. */
    {.name = "custom", .internal = true, .words = &w_vtask},
};
const int model_nprofiles = (int)(sizeof model_profiles / sizeof model_profiles[0]);
const int model_custom_profile = (int)(sizeof model_profiles / sizeof model_profiles[0]) - 1;

_Static_assert(sizeof model_profiles / sizeof model_profiles[0] <= MODEL_MAX_PROFILES,
               "more profiles than MODEL_MAX_PROFILES: raise it in profiles.h");

/* ---- names (profiles.h) ---- */

const char *model_profile_config_name(int i) {
  for (int p = 0; p < model_nprofiles; p++) {
    if (!model_profiles[p].name || model_profiles[p].internal)
      continue;
    if (i-- == 0)
      return model_profiles[p].name;
  }
  return NULL;
}

int model_profile_index(const char *name) {
  for (int p = 0; p < model_nprofiles; p++)
    if (model_profiles[p].name && strcmp(model_profiles[p].name, name) == 0)
      return p;
  return -1;
}

const char *model_profile_name(int index) {
  return index >= 0 && index < model_nprofiles && model_profiles[index].name ? model_profiles[index].name : "?";
}
