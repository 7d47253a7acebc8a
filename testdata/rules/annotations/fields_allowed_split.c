// vtask::fields_allowed and vtask::single_use written on different declarations of one type
// (testdata/include/annotated/aiolib.h): aio_watch_t is single-use through its struct tag and
// fields_allowed on its typedef; aio_idle_t is single-use on its typedef and fields_allowed on
// its struct tag. Both are still tracked (a double await is reported), and keeping them in a
// field through the annotated typedef is normal (spec section 4: fields_allowed on a struct,
// class or typedef).
#include <annotated/aiolib.h>

struct poller {
  aio_watch_t watching;
  aio_idle_t idling;
  aio_watch_t more[2];
};

void keep(struct poller *p, int fd) {
  p->watching = aio_watch_fd(fd);
  p->idling = aio_idle();
}

void watch_twice(int fd) {
  aio_watch_t w = aio_watch_fd(fd);
  aio_watch_wait(w);
  aio_watch_wait(w); // expect: vtask-double-await
}

void idle_twice(void) {
  aio_idle_t i = aio_idle();
  aio_idle_wait(i);
  aio_idle_wait(i); // expect: vtask-double-await
}
