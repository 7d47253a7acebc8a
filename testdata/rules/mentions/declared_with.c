// Names made relevant by what their declaration spells though it names no type of the model's
// (an adversarial tester's cases against flow/mentions.c): typeof of a global or a call, a
// pointer to a function's type, a tag annotated after a typedef and a prototype used it, an
// annotation split over adjacent literals, a pasted name whose piece only a declaration makes
// relevant, a name pasted from a generic CAT's arguments alone.
#include <vtask.h>

vtask_t g1;
typedef __typeof__(g1) of_global;
of_global mk_of_global(int);

vtask_t lib_read(int fd);
extern __typeof__(lib_read) *read_ptr;
typedef __typeof__(vtask_completed()) of_call;
of_call mk_of_call(int);

typedef struct job job_t;
job_t job_start(int);
struct __attribute__((annotate("vtask::single_use"))) job { int id; };

typedef struct split { int id; } split_t __attribute__((annotate("vt" "ask::single_use")));
split_t split_start(int);

vtask_t sio_read(int);
#define SIO(op) sio_##op
#define CAT(a, b) a##b
vtask_t vtask_from_fd(int fd);

void drop_of_global(void) {
  mk_of_global(1); // expect: vtask-discarded
}

void drop_through_pointer(void) {
  read_ptr(3); // expect: vtask-discarded
}

void drop_of_call(void) {
  mk_of_call(1); // expect: vtask-discarded
}

void drop_late_tag(int x) {
  job_start(x); // expect: vtask-discarded
}

void drop_split(int x) {
  split_start(x); // expect: vtask-discarded
}

void drop_pasted(int fd) {
  SIO(read)(fd); // expect: vtask-discarded
}

void drop_cat(int fd) {
  CAT(vtask_from, _fd)(fd); // expect: vtask-discarded
}
