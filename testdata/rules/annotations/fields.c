// vtask-stored-in-field for annotated types (spec section 4, testdata/include/annotated/aiolib.h):
// a type marked vtask::single_use (on its struct tag or on its typedef) may not be kept in a
// field (directly, as an array, inside a union) or be assigned into a field or a global; one
// also marked vtask::fields_allowed (on the struct, or on the typedef) may. Unannotated
// look-alikes, other annotations, pointers and stores through an out-pointer are quiet.
#include <annotated/aiolib.h>

struct conn {
  int fd;
  aio_op_t pending; // expect: vtask-stored-in-field
  struct aio_op by_tag; // expect: vtask-stored-in-field
  aio_timer_t idle; // expect: vtask-stored-in-field
  aio_op_t queue[4]; // expect: vtask-stored-in-field
  union {
    aio_op_t op; // expect: vtask-stored-in-field
    int code;
  } u;
};

aio_op_t g_last; /* the declaration alone is not reported; the assignment is */

void keep_in_field(struct conn *c) {
  c->pending = aio_read(c->fd); // expect: vtask-stored-in-field
}

void keep_global(int fd) {
  g_last = aio_read(fd); // expect: vtask-stored-in-field
}

void keep_timer(struct conn *c, unsigned ms) {
  c->idle = aio_sleep(ms); // expect: vtask-stored-in-field
}

/* ---- near misses (quiet) ---- */

struct server {
  int fd;
  aio_accept_t accepting;       /* vtask::fields_allowed on the struct */
  struct aio_accept by_tag;
  aio_signal_t on_hangup;       /* vtask::fields_allowed on the typedef */
  aio_signal_t on_term[2];
  aio_op_t *borrowed;           /* a pointer */
  aio_timer_t *timer;
  aio_plain_op_t plain;         /* no annotation */
  aio_other_op_t other;         /* another tool's annotation */
  aio_near_op_t near;           /* vtask::single_use_v2 is not vtask::single_use */
  aio_bare_op_t bare;           /* single_use without the vtask:: prefix */
};

struct out {
  aio_op_t *slot;
};

void through_out_pointer(struct out *o, int fd) {
  *o->slot = aio_read(fd);
}

void keep_allowed(struct server *s) {
  s->accepting = aio_listen(s->fd);
  s->on_hangup = aio_on_signal(1);
}
