/* mentions/sysio.h: a library header found through -isystem (a system header, as an installed
 * library's is) that names the model's types only through its own aliases, macros and
 * declarations. The fixtures under testdata/rules/mentions/ use only the names declared here,
 * so that the text of their functions spells none of the model's words: only the declaration
 * walk and the macro closure of flow/mentions.c can tell that they hold vtasks. */
#ifndef MENTIONS_SYSIO_H
#define MENTIONS_SYSIO_H

#include <pthread.h>
#include <vtask.h>

typedef pthread_t sio_thread;  /* an alias of an alias */
typedef sio_thread sio_worker;
typedef vtask_t sio_op;

#define SIO_JOIN(t) pthread_join((t), NULL)
#define SIO_WAIT(op) sio_wait_inner(op)
#define sio_wait_inner(op) vtask_await(op)
#define SIO_OP_T vtask_t

sio_op sio_read(int fd);                  /* returns an alias */
int sio_spawn(sio_worker *w, void *(*fn)(void *), void *arg) __attribute__((unused));

struct sio_pool {
  int size;
  struct {
    sio_worker workers[4];                /* an array field of an alias, in a nested struct */
  } inner;
  vtask_t (*submit)(int job);            /* a function pointer returning a vtask */
};

extern sio_op sio_last;                   /* a global */

static inline void *sio_finish(sio_op op) { return vtask_await(op); }

#endif
