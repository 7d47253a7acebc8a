// vtask-stored-in-field, field declarations in C: a field whose type holds a vtask directly
// (typedef, struct tag, typedef of typedef, const / volatile qualified), as an array (sized,
// 2-D, flexible, array typedef), in a union, in a typedef'd anonymous struct, in a struct local
// to a function (nested and anonymous members are in containing.c). Near misses: pointers to vtasks
// (also through a typedef), task_t *, function pointers returning or taking vtasks, structs that
// merely look like a vtask, locals and parameters.
#include <stddef.h>
#include <vtask.h>

typedef vtask_t io_op_t;
typedef io_op_t io_op2_t;
typedef vtask_t vtask_pair_t[2];
typedef vtask_t *vtask_ptr_t;

struct direct {
  int fd;
  vtask_t pending; // expect: vtask-stored-in-field
};

struct by_tag {
  struct vtask pending; // expect: vtask-stored-in-field
};

struct by_typedef_chain {
  io_op2_t op; // expect: vtask-stored-in-field
};

struct qualified {
  const vtask_t c; // expect: vtask-stored-in-field
  volatile vtask_t v; // expect: vtask-stored-in-field
};

struct arrays {
  vtask_t slots[4]; // expect: vtask-stored-in-field
  vtask_t grid[2][3]; // expect: vtask-stored-in-field
  vtask_pair_t pair; // expect: vtask-stored-in-field
};

struct flexible {
  size_t n;
  vtask_t items[]; // expect: vtask-stored-in-field
};

union either {
  vtask_t op; // expect: vtask-stored-in-field
  task_t *task;
};

typedef struct {
  vtask_t op; // expect: vtask-stored-in-field
} anon_typedef_t;

void local_struct_type(void) {
  struct local_holder {
    vtask_t op; // expect: vtask-stored-in-field
  };
}

/* ---- near misses ---- */

/* Quiet: pointers do not hold a vtask; the pointee lives somewhere else. */
struct pointers {
  vtask_t *p;
  struct vtask *q;
  vtask_t **pp;
  vtask_t *const cp;
  vtask_ptr_t via_typedef;
  vtask_t (*to_array)[4];
};

/* Quiet: task_t is multi-use. */
struct tasks {
  task_t *task;
  task_t *many[8];
};

/* Quiet: function pointers that return or take a vtask are code, not stored operations. */
struct callbacks {
  vtask_t (*start)(int fd);
  void (*done)(vtask_t t);
  io_op2_t (*table[4])(void);
};

/* Quiet: the same field names and layout as struct vtask, but not a vtask. */
struct lookalike {
  void *source;
  unsigned token;
  unsigned flags;
  void *result;
};

/* Quiet: names that mention vtask are not vtask types. */
struct vtask_stats {
  unsigned long vtask_count;
  int vtask;
};

/* Quiet: locals and parameters are not fields. */
void *locals_and_parameters(vtask_t param) {
  vtask_t local = param;
  vtask_t arr[2];
  (void)arr;
  return vtask_await(local);
}
