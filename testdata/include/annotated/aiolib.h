/* annotated/aiolib.h: a third-party-style C API that describes its own single-use awaitables with
 * annotations (spec section 4) instead of relying on a built-in profile or a configuration file.
 * Nothing here is named like the reference API: only the annotations make these types tracked.
 * Declarations only; fixtures under testdata/rules/annotations/ include this header. */
#ifndef ANNOTATED_AIOLIB_H
#define ANNOTATED_AIOLIB_H

#include <stdbool.h>

#define AIO_SINGLE_USE __attribute__((annotate("vtask::single_use")))
#define AIO_FIELDS_ALLOWED __attribute__((annotate("vtask::fields_allowed")))
#define AIO_AWAIT __attribute__((annotate("vtask::await")))
#define AIO_GET_RESULT __attribute__((annotate("vtask::get_result")))
#define AIO_QUERY __attribute__((annotate("vtask::query")))
#define AIO_TRANSFER __attribute__((annotate("vtask::transfer")))
#define AIO_RETURNS_COMPLETED __attribute__((annotate("vtask::returns_completed")))

#ifdef __cplusplus
extern "C" {
#endif

/* ---- a single-use struct, marked on its tag ---- */

struct AIO_SINGLE_USE aio_op {
  void *impl;
  unsigned token;
};
typedef struct aio_op aio_op_t;

aio_op_t aio_read(int fd);                               /* create (returns the type)      */
aio_op_t aio_write(int fd, const void *buf, unsigned n); /* create                         */
void *aio_await(aio_op_t op AIO_AWAIT);                  /* await (attribute after name)   */
void *aio_await_for(int timeout_ms, AIO_AWAIT aio_op_t op); /* await, second parameter     */
void *aio_result(AIO_GET_RESULT aio_op_t op);            /* get-result                     */
bool aio_done(aio_op_t op AIO_QUERY);                    /* query: true once completed     */
void aio_detach(aio_op_t op AIO_TRANSFER);               /* transfer: the loop owns it now */
aio_op_t aio_ready(void *value) AIO_RETURNS_COMPLETED;   /* create-completed               */
AIO_RETURNS_COMPLETED aio_op_t aio_failed(int err);      /* create-completed (prefix form) */

/* ---- a single-use type marked on its typedef (the struct tag itself is not marked) ---- */

typedef struct aio_timer_impl {
  void *impl;
  unsigned generation;
} aio_timer_t AIO_SINGLE_USE;

aio_timer_t aio_sleep(unsigned ms);
void aio_timer_wait(aio_timer_t t AIO_AWAIT);
int aio_timer_overrun(aio_timer_t t AIO_GET_RESULT);
bool aio_timer_fired(aio_timer_t t AIO_QUERY);
aio_timer_t aio_timer_expired(void) AIO_RETURNS_COMPLETED;

/* ---- single-use types that may be kept in fields ---- */

/* On a struct: a connection-scoped operation that is normally kept in the connection object. */
struct AIO_SINGLE_USE AIO_FIELDS_ALLOWED aio_accept {
  void *impl;
};
typedef struct aio_accept aio_accept_t;
aio_accept_t aio_listen(int fd);
int aio_accepted(aio_accept_t a AIO_AWAIT);

/* On a typedef. */
typedef struct aio_signal_impl {
  void *impl;
} aio_signal_t AIO_SINGLE_USE AIO_FIELDS_ALLOWED;
aio_signal_t aio_on_signal(int signo);
int aio_signal_wait(aio_signal_t s AIO_AWAIT);

/* Single-use on the struct tag, fields_allowed on the typedef the API hands out (and the other
 * way round): the typedef's annotation applies to the type it names. */
struct AIO_SINGLE_USE aio_watch {
  void *impl;
};
typedef struct aio_watch aio_watch_t AIO_FIELDS_ALLOWED;
aio_watch_t aio_watch_fd(int fd);
int aio_watch_wait(aio_watch_t w AIO_AWAIT);

typedef struct AIO_FIELDS_ALLOWED aio_idle_impl {
  void *impl;
} aio_idle_t AIO_SINGLE_USE;
aio_idle_t aio_idle(void);
int aio_idle_wait(aio_idle_t i AIO_AWAIT);

/* ---- look-alikes: the same shapes without vtask annotations (never tracked) ---- */

/* No annotation at all. */
struct aio_plain_op {
  void *impl;
  unsigned token;
};
typedef struct aio_plain_op aio_plain_op_t;
aio_plain_op_t aio_plain_read(int fd);
void *aio_plain_await(aio_plain_op_t op);
void *aio_plain_result(aio_plain_op_t op);
bool aio_plain_done(aio_plain_op_t op);

/* Annotations that are not vtask's, or only resemble them. */
struct __attribute__((annotate("other::single_use"))) aio_other_op {
  void *impl;
};
typedef struct aio_other_op aio_other_op_t;
typedef struct aio_near_op {
  void *impl;
} aio_near_op_t __attribute__((annotate("vtask::single_use_v2")));
typedef struct aio_bare_op {
  void *impl;
} aio_bare_op_t __attribute__((annotate("single_use")));
aio_other_op_t aio_other_read(int fd);
aio_near_op_t aio_near_read(int fd);
aio_bare_op_t aio_bare_read(int fd);
void *aio_other_await(aio_other_op_t op __attribute__((annotate("vtask::await"))));
void *aio_near_await(aio_near_op_t op __attribute__((annotate("vtask::await"))));
void *aio_bare_await(aio_bare_op_t op __attribute__((annotate("vtask::await"))));
void *aio_other_result(aio_other_op_t op __attribute__((annotate("vtask::get_result"))));

#ifdef __cplusplus
}
#endif

#endif
