// vtask-stored-in-field, vtasks inside nested, anonymous and containing structs. The report goes
// on the field whose own type is the vtask (or an array of them), once: a field whose type is a
// struct that CONTAINS a vtask field is not reported again, because that inner field already is.
#include <vtask.h>

struct nested_named {
  struct inner_named {
    int id;
    vtask_t op; // expect: vtask-stored-in-field
  } inner;      /* quiet: the vtask inside is reported on its own line */
};

struct nested_anonymous_type {
  struct {
    vtask_t op; // expect: vtask-stored-in-field
  } state;      /* quiet: reported on the inner line */
};

struct anonymous_union_member {
  int kind;
  union {
    vtask_t raw; // expect: vtask-stored-in-field
    int code;
  };
};

struct anonymous_struct_member {
  struct {
    int id;
    vtask_t ops[2]; // expect: vtask-stored-in-field
  };
};

struct deep {
  struct {
    struct {
      vtask_t op; // expect: vtask-stored-in-field
    } level2;
  } level1;
};

struct holder {
  vtask_t op; // expect: vtask-stored-in-field
};

/* Quiet: struct holder's vtask field is reported once, at its declaration above. */
struct outer {
  struct holder h;
  struct holder hs[2];
};

/* Quiet: a pointer to a struct that holds a vtask. */
struct outer_ptr {
  struct holder *h;
};
