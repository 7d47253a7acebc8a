/* Handles through pointers, fields, arrays and globals: the near misses of uv_pointer_handles.c
 * and pthread_arrays.c. A call we cannot see may restart a structure's thread; a variable
 * index names a different element each time; a pointer moved to the next handle is another
 * handle; a guard on uv_is_closing keeps the close single. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <uv.h>

struct server { pthread_t io[4]; pthread_t bio; uv_tcp_t tcp; };
struct node { uv_handle_t *h; struct node *next; };
static pthread_t workers[2];
void restart_bio(struct server *s);
static void on_close(uv_handle_t *h) { (void)h; }

void join_restart_join(struct server *s) {
  pthread_join(s->bio, NULL);
  restart_bio(s); /* may create s->bio anew */
  pthread_join(s->bio, NULL);
}

void join_reassigned(struct server *s, pthread_t fresh) {
  pthread_join(s->bio, NULL);
  s->bio = fresh;
  pthread_join(s->bio, NULL);
}

void join_each(struct server *s) {
  for (int i = 0; i < 4; i++)
    pthread_join(s->io[i], NULL);
}

void join_first_twice(struct server *s) {
  pthread_join(s->io[0], NULL);
  pthread_join(s->io[1], NULL);
  pthread_join(s->io[0], NULL); // expect: vtask-double-await
}

void join_globals(void) {
  pthread_join(workers[0], NULL);
  pthread_join(workers[1], NULL);
}

void close_field_twice(struct server *s) {
  uv_close((uv_handle_t *)&s->tcp, on_close);
  uv_close((uv_handle_t *)&s->tcp, on_close); // expect: vtask-double-await
}

void close_list(struct node *n) {
  for (; n; n = n->next)
    uv_close(n->h, on_close);
}

void close_walk(uv_handle_t *h, uv_handle_t *next) {
  uv_close(h, on_close);
  h = next;
  uv_close(h, on_close);
}

void close_alias_twice(uv_tcp_t *srv) {
  uv_handle_t *h = (uv_handle_t *)srv;
  uv_close(h, on_close);
  uv_close((uv_handle_t *)srv, on_close); // expect: vtask-double-await
}

void close_if_open(uv_handle_t *h) {
  uv_close(h, on_close);
  if (!uv_is_closing(h))
    uv_close(h, on_close);
}
