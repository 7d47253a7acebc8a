// vtask-use-after-await on a libuv handle's memory released while its close has not finished:
// uv_close() only puts the handle on the loop's closing list, the loop runs its close callback
// on its next turn, and until then the handle stays linked in the loop (uv_loop_close walks it).
// Flagged: free(h) right after uv_close(h, ...), with or without a callback, on some path;
// free(s) of the structure a closed handle lives in (knot-resolver 5.6.0, daemon/main.c and
// daemon/io.c, confirmed with valgrind). Left alone: free in the close callback, free after
// uv_run (any mode runs the closing handles), after a call of the program's (it may run the
// loop), a handle freed that was never closed (its init failed), another handle or another
// field freed, the handle pointer given a new handle first.
#include <stdlib.h>
#include <uv.h>

struct conn {
  uv_tcp_t tcp;
  uv_timer_t timer;
  char *buf;
};

void on_close(uv_handle_t *handle);
void flush_logs(void);

void freed_at_once(uv_loop_t *loop) {
  uv_tcp_t *control = malloc(sizeof *control);
  if (!control)
    return;
  uv_tcp_init(loop, control);
  uv_run(loop, UV_RUN_DEFAULT);
  uv_close((uv_handle_t *)control, NULL);
  free(control); // expect: vtask-use-after-await
}

void with_a_callback(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, on_close);
  free(t); // expect: vtask-use-after-await
}

void embedded_handle(struct conn *c) {
  uv_timer_stop(&c->timer);
  uv_close((uv_handle_t *)&c->timer, NULL);
  free(c); // expect: vtask-use-after-await
}

void closed_on_one_path(uv_loop_t *loop, int started) {
  uv_tcp_t *tcp = malloc(sizeof *tcp);
  uv_tcp_init(loop, tcp);
  if (started)
    uv_close((uv_handle_t *)tcp, NULL);
  free(tcp); // expect: vtask-use-after-await
}

static void free_on_close(uv_handle_t *handle) { free(handle); }

void freed_in_the_callback(uv_loop_t *loop) {
  uv_tcp_t *tcp = malloc(sizeof *tcp);
  uv_tcp_init(loop, tcp);
  uv_close((uv_handle_t *)tcp, free_on_close);
}

void after_the_loop_ran(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
  free(t);
}

void after_one_turn(struct conn *c, uv_loop_t *loop) {
  uv_close((uv_handle_t *)&c->tcp, NULL);
  uv_close((uv_handle_t *)&c->timer, NULL);
  uv_run(loop, UV_RUN_NOWAIT);
  free(c);
}

void after_a_call_of_ours(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, NULL);
  flush_logs();
  free(t);
}

void init_failed(uv_loop_t *loop) {
  uv_tcp_t *tcp = malloc(sizeof *tcp);
  if (uv_tcp_init(loop, tcp) != 0) {
    free(tcp);
    return;
  }
  uv_close((uv_handle_t *)tcp, free_on_close);
}

void another_field(struct conn *c) {
  uv_close((uv_handle_t *)&c->timer, on_close);
  free(c->buf);
  c->buf = NULL;
}

void another_handle(uv_loop_t *loop, uv_tcp_t *a, uv_tcp_t *b) {
  (void)loop;
  uv_close((uv_handle_t *)a, on_close);
  free(b);
}

void pointer_given_a_new_handle(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, free_on_close);
  t = malloc(sizeof *t);
  uv_timer_init(loop, t);
  free(t);
}
