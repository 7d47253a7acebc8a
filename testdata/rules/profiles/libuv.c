// Profile libuv (C): a handle (uv_tcp_t, uv_timer_t, uv_idle_t, uv_async_t, ... and uv_handle_t)
// is created by uv_*_init(loop, &h, ...) and consumed by uv_close(), reached through &h or through
// a local pointer that designates it; closing it twice trips libuv's assertion
// (libwebsockets PR #902, neovim PR #24435). uv_is_closing() is a liveness query: true means
// uv_close() already ran, so `if (!uv_is_closing(h)) uv_close(h, cb);` is the guard. Near misses:
// one close, exclusive branches, the guard idiom, re-initialisation, handles in struct fields,
// &h passed to other libuv calls (not a consumption), the loop itself (not a handle).
#include <stddef.h>
#include <uv.h>

void on_close(uv_handle_t *handle);
void on_alloc(uv_handle_t *handle, size_t suggested, uv_buf_t *buf);
void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf);
void on_timer(uv_timer_t *timer);
void on_idle(uv_idle_t *idle);
void on_wakeup(uv_async_t *async);
int more(void);

void close_twice(uv_loop_t *loop) {
  uv_tcp_t tcp;
  uv_tcp_init(loop, &tcp);
  uv_close((uv_handle_t *)&tcp, on_close);
  uv_close((uv_handle_t *)&tcp, on_close); // expect: vtask-double-await
}

void timer_close_twice(uv_loop_t *loop) {
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  uv_timer_start(&timer, on_timer, 100, 0);
  uv_close((uv_handle_t *)&timer, NULL);
  uv_close((uv_handle_t *)&timer, NULL); // expect: vtask-double-await
}

void idle_close_twice(uv_loop_t *loop) {
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  uv_idle_start(&idle, on_idle);
  uv_close((uv_handle_t *)&idle, on_close);
  uv_close((uv_handle_t *)&idle, on_close); // expect: vtask-double-await
}

void async_close_twice(uv_loop_t *loop) {
  uv_async_t async;
  uv_async_init(loop, &async, on_wakeup);
  uv_close((uv_handle_t *)&async, NULL);
  uv_close((uv_handle_t *)&async, NULL); // expect: vtask-double-await
}

/* A local pointer designates the handle: closing through it, then through &h, is closing twice. */
void close_through_pointer_then_address(uv_loop_t *loop) {
  uv_tcp_t tcp;
  uv_tcp_init(loop, &tcp);
  uv_tcp_t *p = &tcp;
  uv_close((uv_handle_t *)p, NULL);
  uv_close((uv_handle_t *)&tcp, NULL); // expect: vtask-double-await
}

void close_through_handle_pointer_twice(uv_loop_t *loop) {
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  uv_handle_t *h = (uv_handle_t *)&timer;
  uv_close(h, on_close);
  uv_close(h, on_close); // expect: vtask-double-await
}

void close_in_branch_then_after(uv_loop_t *loop, int failed) {
  uv_tcp_t tcp;
  uv_tcp_init(loop, &tcp);
  if (failed)
    uv_close((uv_handle_t *)&tcp, on_close);
  uv_close((uv_handle_t *)&tcp, on_close); // expect: vtask-double-await
}

void close_in_loop(uv_loop_t *loop) {
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  while (more())
    uv_close((uv_handle_t *)&idle, NULL); // expect: vtask-double-await
}

/* The guard must test the handle that is closed; guarding a different handle does not help. */
void guard_on_other_handle(uv_loop_t *loop) {
  uv_tcp_t a, b;
  uv_tcp_init(loop, &a);
  uv_tcp_init(loop, &b);
  uv_close((uv_handle_t *)&a, NULL);
  if (!uv_is_closing((uv_handle_t *)&b)) {
    uv_close((uv_handle_t *)&b, NULL);
    uv_close((uv_handle_t *)&a, NULL); // expect: vtask-double-await
  }
}

/* ---- near misses ---- */

/* Quiet: closed once, after other calls that take &h without consuming it. */
int serve(uv_loop_t *loop, const struct sockaddr *addr) {
  uv_tcp_t server;
  uv_tcp_init(loop, &server);
  int rc = uv_tcp_bind(&server, addr, 0);
  if (rc == 0)
    rc = uv_read_start((uv_stream_t *)&server, on_alloc, on_read);
  uv_tcp_nodelay(&server, 1);
  if (uv_is_active((uv_handle_t *)&server))
    uv_read_stop((uv_stream_t *)&server);
  uv_close((uv_handle_t *)&server, on_close);
  return rc;
}

/* Quiet: the guard idiom; uv_is_closing() is true once uv_close() ran. */
void close_guarded(uv_loop_t *loop) {
  uv_tcp_t tcp;
  uv_tcp_init(loop, &tcp);
  uv_close((uv_handle_t *)&tcp, on_close);
  if (!uv_is_closing((uv_handle_t *)&tcp))
    uv_close((uv_handle_t *)&tcp, on_close);
}

/* Quiet: the same guard through a pointer that designates the handle. */
void close_guarded_through_pointer(uv_loop_t *loop, int failed) {
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  uv_handle_t *h = (uv_handle_t *)&timer;
  if (failed)
    uv_close(h, NULL);
  if (!uv_is_closing(h))
    uv_close(h, NULL);
}

/* Quiet: early exit on the already-closing edge. */
void close_unless_closing(uv_loop_t *loop, int failed) {
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  if (failed)
    uv_close((uv_handle_t *)&idle, NULL);
  if (uv_is_closing((uv_handle_t *)&idle))
    return;
  uv_close((uv_handle_t *)&idle, NULL);
}

/* Quiet: closed in one of two exclusive branches each. */
void exclusive_branches(uv_loop_t *loop, int c) {
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  if (c) {
    uv_timer_stop(&timer);
    uv_close((uv_handle_t *)&timer, on_close);
  } else {
    uv_close((uv_handle_t *)&timer, NULL);
  }
}

/* Quiet: uv_*_init re-initialises the handle on each iteration. */
void init_close_per_iteration(uv_loop_t *loop) {
  uv_timer_t timer;
  while (more()) {
    uv_timer_init(loop, &timer);
    uv_timer_start(&timer, on_timer, 10, 0);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_close((uv_handle_t *)&timer, NULL);
    uv_run(loop, UV_RUN_DEFAULT);
  }
}

/* Quiet: two different handles, each closed once. */
void two_handles(uv_loop_t *loop) {
  uv_tcp_t a, b;
  uv_tcp_init(loop, &a);
  uv_tcp_init(loop, &b);
  uv_close((uv_handle_t *)&a, on_close);
  uv_close((uv_handle_t *)&b, on_close);
}

/* Quiet: the loop is not a handle; uv_loop_init/uv_loop_close are not uv_*_init/uv_close. */
int own_loop(void) {
  uv_loop_t loop;
  uv_loop_init(&loop);
  uv_run(&loop, UV_RUN_DEFAULT);
  return uv_loop_close(&loop);
}

/* Quiet: handles in struct fields are normal (the libuv profile allows fields). */
struct client {
  uv_tcp_t tcp;
  uv_timer_t timeout;
  uv_async_t wakeup;
  int closing;
};

void client_close(struct client *c) {
  c->closing = 1;
  uv_close((uv_handle_t *)&c->timeout, NULL);
  uv_close((uv_handle_t *)&c->tcp, on_close);
}
