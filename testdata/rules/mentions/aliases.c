// args: -isystem testdata/include/mentions
// Functions whose text spells none of the model's names, only names a system header declared
// with them (flow/mentions.h): aliases of aliases, a function returning an alias, a field of a
// nested struct, a function pointer field, a global, an inline function. Each must still be
// analysed; the near misses at the end must stay quiet.
#include <sysio.h>

void *work(void *);

void join_alias_twice(sio_worker w) {
  SIO_JOIN(w);
  SIO_JOIN(w); // expect: vtask-double-await
}

void drop_alias(int fd) {
  sio_read(fd); // expect: vtask-discarded
}

void await_alias_twice(int fd) {
  sio_op op = sio_read(fd);
  SIO_WAIT(op);
  SIO_WAIT(op); // expect: vtask-double-await
}

void finish_twice(int fd) {
  sio_op op = sio_read(fd);
  sio_finish(op);
  sio_finish(op); // expect: vtask-double-await
}

void join_pool_twice(struct sio_pool *p) {
  SIO_JOIN(p->inner.workers[0]);
  SIO_JOIN(p->inner.workers[0]); // expect: vtask-double-await
}

void drop_submitted(struct sio_pool *p) {
  p->submit(1); // expect: vtask-discarded
}

void keep_last(int fd) {
  sio_last = sio_read(fd); // expect: vtask-stored-in-field
}

void macro_typed_twice(int fd) {
  SIO_OP_T op = sio_read(fd);
  SIO_WAIT(op);
  SIO_WAIT(op); // expect: vtask-double-await
}

/* ---- near misses (quiet) ---- */

int plain(int x) { return x * 2; }

void join_once(struct sio_pool *p) { SIO_JOIN(p->inner.workers[1]); }
