// args: -DDROP_READ(fd)=vtask_from_fd(fd) -DOP_TYPE=vtask_t
// Names that only macros spell: a macro from the command line (the function's text names
// DROP_READ; only the -D argument says it makes a vtask), one chained through others, a name
// pasted together (##) from a piece of the model's. flow/mentions.h must analyse these.
#include <vtask.h>

vtask_t vtask_from_fd(int fd);

#define AWAIT_OF(x) AWAIT_INNER(x)
#define AWAIT_INNER(x) VT_CALL(await)(x)
#define VT_CALL(op) vtask_##op

void command_line_drop(int fd) {
  DROP_READ(fd); // expect: vtask-discarded
}

void command_line_type(int fd) {
  OP_TYPE t = vtask_from_fd(fd);
  vtask_await(t);
  vtask_await(t); // expect: vtask-double-await
}

void pasted_twice(vtask_t t) {
  AWAIT_OF(t);
  AWAIT_OF(t); // expect: vtask-double-await
}

void pasted_only(int fd) {
  OP_TYPE t = vtask_from_fd(fd);
  VT_CALL(await)(t);
  VT_CALL(await)(t); // expect: vtask-double-await
}

int quiet(int x) { return x + 1; } // expect-no-diagnostics
