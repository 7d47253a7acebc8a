// vtask-stored-in-field, assignments in C: storing a vtask into a struct field (through -> or .,
// into an array element of a field), into a global, a global array, a function-local static, a
// _Thread_local. The declaration of a global or static alone is not reported; the assignment is.
// Near misses: assignments to locals and parameters, through an out-pointer, of a task_t * or a
// pointer to a vtask, of a non-vtask value into a vtask-looking struct.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);

struct conn {
  int fd;
  vtask_t pending; // expect: vtask-stored-in-field
  vtask_t queue[4]; // expect: vtask-stored-in-field
  vtask_t *borrowed;
  task_t *task;
};

vtask_t g_last;
vtask_t g_ring[8];
_Thread_local vtask_t tl_current;
task_t *g_task;
vtask_t *g_ptr;

void arrow_field(struct conn *c, vtask_t t) {
  c->pending = t; // expect: vtask-stored-in-field
}

void dot_field(int fd) {
  struct conn c;
  c.pending = read_async(fd); // expect: vtask-stored-in-field
  (void)c;
}

void field_array_element(struct conn *c, int i) {
  c->queue[i] = read_async(c->fd); // expect: vtask-stored-in-field
}

void global(int fd) {
  g_last = read_async(fd); // expect: vtask-stored-in-field
}

void global_array(vtask_t t, int i) {
  g_ring[i & 7] = t; // expect: vtask-stored-in-field
}

void thread_local_global(vtask_t t) {
  tl_current = t; // expect: vtask-stored-in-field
}

void function_static(vtask_t t) {
  static vtask_t s_cached;
  s_cached = t; // expect: vtask-stored-in-field
}

static vtask_t s_file;
void file_static(vtask_t t) {
  s_file = t; // expect: vtask-stored-in-field
}

/* ---- near misses ---- */

/* Quiet: a local and a parameter. */
void *locals(vtask_t param, int fd) {
  vtask_t local;
  local = read_async(fd);
  param = local;
  return vtask_await(param);
}

/* Quiet: storing through an out-pointer hands the vtask to the caller. */
void out_pointer(vtask_t *out, int fd) {
  *out = read_async(fd);
}

/* Quiet: pointer fields and globals get pointers, not vtasks. */
void pointers(struct conn *c, vtask_t *p) {
  c->borrowed = p;
  g_ptr = p;
}

/* Quiet: task_t * is multi-use. */
void tasks(struct conn *c, vtask_t t, int fd) {
  c->task = vtask_as_task(t);
  g_task = vtask_as_task(read_async(fd));
}

/* Quiet: non-vtask fields of a struct that has a vtask field. */
void other_fields(struct conn *c) {
  c->fd = -1;
  c->task = NULL;
}

/* Quiet: the await result (void *) is not a vtask. */
void *g_result;
void result_stored(vtask_t t) {
  g_result = vtask_await(t);
}
