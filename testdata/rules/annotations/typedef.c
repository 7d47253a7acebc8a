// Annotations (spec section 4) on a typedef: aio_timer_t (testdata/include/annotated/aiolib.h) is
// marked vtask::single_use on the typedef, not on its struct tag. Its annotated functions await
// it, take its result, query it and create it completed; typedefs of the typedef are the same
// type. Near misses: a guarded, polled or completed-at-creation result, and one await.
#include <annotated/aiolib.h>
#include <stdbool.h>
#include <stddef.h>

typedef aio_timer_t my_timer_t;

void wait_twice(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  aio_timer_wait(t);
  aio_timer_wait(t); // expect: vtask-double-await
}

void wait_twice_through_typedef_of_typedef(unsigned ms) {
  my_timer_t t = aio_sleep(ms);
  aio_timer_wait(t);
  aio_timer_wait(t); // expect: vtask-double-await
}

int wait_then_overrun(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  aio_timer_wait(t);
  return aio_timer_overrun(t); // expect: vtask-double-await
}

int overrun_unguarded(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  return aio_timer_overrun(t); // expect: vtask-blocking-unfinished
}

void dropped(unsigned ms) {
  aio_sleep(ms); // expect: vtask-discarded
}

/* ---- near misses (quiet) ---- */

void wait_once(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  aio_timer_wait(t);
}

int overrun_guarded(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  if (aio_timer_fired(t))
    return aio_timer_overrun(t);
  aio_timer_wait(t);
  return 0;
}

int overrun_of_expired(void) {
  aio_timer_t t = aio_timer_expired();
  return aio_timer_overrun(t);
}

int overrun_after_polling(unsigned ms) {
  aio_timer_t t = aio_sleep(ms);
  while (!aio_timer_fired(t))
    ;
  return aio_timer_overrun(t);
}
