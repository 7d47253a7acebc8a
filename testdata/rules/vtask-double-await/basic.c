// vtask-double-await, straight-line C: every consuming operation (await, get-result, transfer by
// vtask_as_task or return), reported once per bug, two consumptions in one full expression,
// several declarators in one declaration, parameters; near misses: distinct variables, shadowing,
// using the awaited result (not the vtask) twice.
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void use2(void *a, void *b);
void use_result(void *r);

void *await_twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

void await_three_times(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // expect: vtask-double-await
  vtask_await(t); /* the same bug: reported once, on the second consumption only */
}

task_t *as_task_twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_as_task(t);
  return vtask_as_task(t); // expect: vtask-double-await
}

task_t *await_then_as_task(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return vtask_as_task(t); // expect: vtask-double-await
}

void *as_task_then_await(int fd) {
  vtask_t t = read_async(fd);
  task_t *task = vtask_as_task(t);
  (void)task;
  return vtask_await(t); // expect: vtask-double-await
}

/* The value is created completed, so get-result itself is legal; taking it twice is not. */
void *get_result_twice(void *p) {
  vtask_t t = vtask_from_result(p);
  vtask_get_result(t);
  return vtask_get_result(t); // expect: vtask-double-await
}

void *await_then_get_result(void) {
  vtask_t t = vtask_completed();
  vtask_await(t);
  return vtask_get_result(t); // expect: vtask-double-await
}

vtask_t await_then_return(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return t; // expect: vtask-double-await
}

void two_in_one_call(int fd) {
  vtask_t t = read_async(fd);
  use2(vtask_await(t), vtask_await(t)); // expect: vtask-double-await
}

void two_in_one_initialiser(int fd) {
  vtask_t t = read_async(fd);
  void *both[2] = {vtask_await(t), vtask_await(t)}; // expect: vtask-double-await
  use2(both[0], both[1]);
}

void *param_awaited_twice(vtask_t t) {
  vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

/* Second declarator is a copy of the first: one operation, two names. */
void copy_in_second_declarator(int fd) {
  vtask_t a = read_async(fd), b = a;
  vtask_await(a);
  vtask_await(b); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: two declarators, two calls: two distinct operations. */
void two_declarators_distinct(int fd) {
  vtask_t a = read_async(fd), b = read_async(fd + 1);
  vtask_await(a);
  vtask_await(b);
}

/* Quiet: distinct variables are distinct operations even when created from the same call site. */
void distinct_variables(int fd) {
  vtask_t a = read_async(fd);
  vtask_t b = read_async(fd);
  use2(vtask_await(a), vtask_await(b));
}

/* Quiet: the void* result of the await is an ordinary pointer; using it twice is fine. */
void result_used_twice(int fd) {
  vtask_t t = read_async(fd);
  void *r = vtask_await(t);
  use_result(r);
  use_result(r);
}

/* Quiet: the inner block's 't' shadows the outer one; each is awaited once. */
void shadowed_name(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  {
    vtask_t t = read_async(fd + 1);
    vtask_await(t);
  }
}

/* Quiet: two sibling blocks declare two different variables that share a name. */
void sibling_scopes(int fd) {
  {
    vtask_t t = read_async(fd);
    vtask_await(t);
  }
  {
    vtask_t t = read_async(fd);
    vtask_await(t);
  }
}

/* Quiet: queries are not consumptions; one await after any number of them is fine. */
void *queries_then_await(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_faulted(t) || vtask_is_canceled(t))
    use_result(NULL);
  (void)vtask_is_completed(t);
  return vtask_await(t);
}

/* Quiet: awaiting two different temporaries. */
void two_temporaries(int fd) {
  vtask_await(read_async(fd));
  vtask_await(read_async(fd));
}

/* Quiet: sizeof does not evaluate its operand, so nothing is consumed there. */
size_t unevaluated_operand(int fd) {
  vtask_t t = read_async(fd);
  size_t n = sizeof(vtask_await(t));
  vtask_await(t);
  return n;
}
